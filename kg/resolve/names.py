"""Name keys: how surface forms are cleaned and compared (aliases, person names, acronyms)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache, wraps

from .. import data
from ..data import CALENDAR_WORDS, FIRM_WORDS, LEGAL_WORDS, MONTH_ABBREVIATIONS, Lexicon

# pure functions that resolution calls on the same few thousand names again and again: memoized
# here (kg/data is part of the extractor version, so the cache lives on this side)
fold = lru_cache(maxsize=1 << 17)(data.fold)
_MEMO_SIZE = 1 << 17
_memos: dict[tuple[str, int], tuple[Lexicon, dict]] = {}


def per_lexicon(function):
    """Memoize function(text, lex), a pure function of a name and the (read-only) lexicon."""
    name = function.__qualname__

    @wraps(function)
    def memoized(text, lex):
        key = (name, id(lex))
        entry = _memos.get(key)
        if entry is None or entry[0] is not lex:
            entry = _memos[key] = (lex, {})
        memo = entry[1]
        try:
            return memo[text]
        except KeyError:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            value = memo[text] = function(text, lex)
            return value
    return memoized

_LEADING = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_RATED = re.compile(r"^(?:A{1,3}|B{1,3}|C{1,3}|Aa|Baa|Ba|Caa)[1-3]?-(?:plus|minus)\s+(?=[A-Z])")  # "BBB-plus Hechinger Co"
_POSSESSIVE = re.compile(r"(’s|'s|’|')$")
_INITIAL = re.compile(r"^[A-Z]\.?$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]{1,7}$")
_ACRONYM_GAP = re.compile(r"^\s*(?:,\s*(?:or|also known as|known as)\s*|\(\s*)$")
_ABBREVIATION = re.compile(r"(^|[\s.])\w\.$")
_DECIMAL = re.compile(r"\d[.,]\d")
_RATING = re.compile(r"^(?:A{1,3}|B{1,3}|C{1,3}|Aa|Baa|Ba|Caa)[1-3+]?$")  # a rating: "BB", "B-3/CCC"
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_STOP = frozenset({"of", "the", "and", "for", "on", "in", "to", "&"})


@lru_cache(maxsize=1 << 17)  # pure; resolution cleans each form many times
def clean_label(text: str) -> str:
    """A surface form as a label: one space, no article, no possessive, no edge punctuation."""
    text = unicodedata.normalize("NFKC", " ".join(text.split()))
    if "(" in text and ")" not in text:
        text = text[:text.index("(")]
    elif ")" in text and "(" not in text:  # "(International Monetary) Fund" cut after its bracket
        text = " ".join(text.replace(")", " ").split())
    text = _POSSESSIVE.sub("", _LEADING.sub("", _RATED.sub("", text))).strip(" ,;:-—–\"“”'<>")
    return text if _ABBREVIATION.search(text) else text.rstrip(".")


def normalise_name(text: str) -> str:
    """The key under which two surface forms count as the same name."""
    return fold(clean_label(text)).rstrip(".")


@per_lexicon
def name_key(text: str, lex: Lexicon) -> str:
    """normalise_name after mapping known variants to one spelling ("U.S." → "united states")."""
    return normalise_name(lex.canonical(clean_label(text)))


@dataclass(frozen=True)
class PersonName:
    """A person's name split for comparison: canonical first name, middle initials, surname."""

    first: str
    middle: str
    last: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.first, self.last)


@per_lexicon
def person_name(text: str, lex: Lexicon) -> PersonName | None:
    """'Grigory B. Karasin' → (grigory, b, karasin); one-word names give None."""
    words = [w for w in clean_label(text).split() if fold(w).strip(".") not in SUFFIXES]
    if len(words) < 2 or _INITIAL.match(words[0]) or fold(words[-1]).strip(".") in lex.cues:
        return None
    middle = "".join(w[0].casefold() for w in words[1:-1] if _INITIAL.match(w))
    return PersonName(lex.first_name(words[0]), middle, fold(lex.canonical(words[-1])))


@per_lexicon
def surname(text: str, lex: Lexicon) -> str:
    words = [w for w in clean_label(text).split() if fold(w).strip(".") not in SUFFIXES]
    return fold(lex.canonical(words[-1])) if words else ""


def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text)) and sum(c.isalpha() for c in text) >= 2


def defines_acronym(long_form: str, gap: str, acronym: str, lex: Lexicon | None = None) -> bool:
    """'Federal Security Service, or FSB', 'Caspian Pipeline Consortium (CPC)'."""
    if not _ACRONYM_GAP.match(gap):
        return False
    if not is_acronym(acronym):
        return ("(" in gap and syllable_acronym(long_form, acronym)
                and not (lex is not None and lex.place_name(acronym)))  # "Bank of Montreal (Bermuda)"
    words = [w for w in clean_label(long_form).split() if w.casefold() not in _STOP]
    if len(words) >= 2 and words[0][0].upper() == acronym[0]:
        return True
    # a place before the body the acronym spells: "New South Wales Corporate Affairs Commission (CAC)"
    letters = [c for c in acronym if c.isalpha()]
    return (2 <= len(letters) < len(words)
            and "".join(w[0] for w in words[-len(letters):]).upper() == "".join(letters).upper())


def _misspelt_month(word: str, lex: Lexicon) -> bool:
    """A month's or day's name of seven letters or more with one letter added, dropped, changed or
    two swapped ("Feburary", "Janaury", "Wendesday"); never a name the gazetteers know."""
    if word in CALENDAR_WORDS or lex.place_name(word):
        return False
    return any(_one_edit(word, w) for w in _FULL_CALENDAR)


def _one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


_FULL_CALENDAR = frozenset(w for w in CALENDAR_WORDS if len(w) >= 7)


def _number_word(word: str) -> bool:
    """'one', 'first', '15th', '1987': spaCy's English number words (imported here: kg.resolve
    loads no spaCy at import time)."""
    from spacy.lang.en.lex_attrs import like_num
    return like_num(word) or bool(re.fullmatch(r"\d+(st|nd|rd|th)?", word))


def syllable_acronym(long_form: str, word: str) -> bool:
    """'Korea Electric Power Corp (Kepco)', 'Petroleos Mexicanos (Pemex)': one capitalised word in
    parentheses made of the first letters of the long form's words (a legal form's may go), the
    first word's letter first, in order; read only in parentheses after the long form."""
    if not re.fullmatch(r"[A-Z][a-z]{2,9}", word):
        return False
    words = [w for w in clean_label(long_form).split() if w.casefold() not in _STOP]
    if len(words) < 2 or word[0] != words[0][0].upper():
        return False
    rest = word[1:].casefold()

    def spelled(initials: list[str]) -> bool:
        i = 0
        for ch in initials:
            i = rest.find(ch, i) + 1
            if i == 0:
                return False
        return True

    initials = [w[0].casefold() for w in words[1:]]
    if fold(words[-1]).rstrip(".") in LEGAL_WORDS and not spelled(initials):
        initials = initials[:-1]
    return len(initials) >= 1 and spelled(initials)


def is_junk(form: str, lex: Lexicon | None = None) -> bool:
    """Forms that never name a thing: empty, lowercase, digits, one character, a bare suffix or
    legal form ("Co", "Inc"), a table header, time zone or abbreviated title (kg/data/not_names.tsv)."""
    letters = [c for c in form if c.isalpha()]
    if (len(letters) < 2 or not form[0].isupper() and not form[0].isdigit() or form.isdigit()
            or fold(form).strip(".") in SUFFIXES or "<" in form or ">" in form
            or bool(_DECIMAL.search(form))
            or all(_RATING.match(w) or w.isdigit() for w in re.split(r"[/-]", form) if w)):
        return True
    if lex is None:
        return False
    if form in lex.time_zones:
        return True  # "0415 CST"
    parts = [p for p in re.split(r"[-/]", form) if p]
    if (len(parts) >= 2 and fold(form) not in lex.countries
            and all(lex.country_of(p) or fold(p) in lex.countries for p in parts)):
        return True  # "U.S.-China", "Iran-Iraq": countries of a relation, not a name
    key = fold(form).rstrip(".")
    words = re.split(r"[\s/-]+", key)
    if len(words) >= 2 and words[-1] == "of":
        return True  # "Ministry of" of "Ministry of Finance": cut before the words "of" leads to
    if all(w.rstrip(".") in CALENDAR_WORDS | {"mar", "may", ""} for w in words):
        return True  # "February", "Apr/May": dates the tagger took for names
    if len(words) == 1 and len(key) >= 6 and "." not in key and _misspelt_month(key, lex):
        return True  # "Feburary": a month misspelt in the source
    if any(w.rstrip(".") in CALENDAR_WORDS for w in words) and all(
            w.rstrip(".") in CALENDAR_WORDS or _number_word(w) for w in words):
        return True  # "Feb One", "March First": a date written in words
    if len(words) >= 2 and words[-1].rstrip(".") in MONTH_ABBREVIATIONS - {"jan", "jun"}:
        return True  # "New York Sept": a market and a contract month in a commodity table (not the
        # given names "Jan", "Jun")
    if sum(bool(_ROMAN.fullmatch(w)) for w in form.split()) >= 2 and all(
            _ROMAN.fullmatch(w) or fold(w) in {"and", "&", ","} for w in form.split()):
        return True  # "II and III": numbered items of a list or table
    if key in FIRM_WORDS:
        return True  # "Cie", "Associates": the end of a firm's name without the name
    base = legal_base(form)
    if base and len(base.split()) < len(form.split()) and (lex.country_of(base) or fold(base) in lex.places
                                                        or fold(base) in lex.countries or fold(base) in lex.regions):
        return True  # "Canada Inc", "Luxembourg SA", "New York Corp": a place and a legal form, the
        # end of a company's name the tagger cut ("Dow Chemical Canada Inc"), not the place; not a
        # city's name ("Midland Co" is a firm)
    return (key in lex.not_names or words[0] in lex.not_names and len(words) <= 2
            or words[-1] in lex.not_names and len(words) <= 3  # "H.K. Dlr"
            or sum(w in lex.not_names for w in words) >= 2
            or not legal_base(form) or lex.is_title_word(key) or key in lex.honorifics
            or key in lex.party_adjectives)  # "Democratic senators": a party's adjective


_GROUP_SUFFIXES = frozenset({"group", "holding", "holdings"})
_ORG_HEADS = frozenset({"department", "ministry", "office", "agency", "bureau", "commission",
                        "committee", "council", "board", "authority", "service", "institute"})
_SPELLING = ((re.compile(r"(?<=\w{3})our$"), "or"), (re.compile(r"(?<=\w{3})isation$"), "ization"),
             (re.compile(r"^(def|off|lic)ence$"), r"\1ense"), (re.compile(r"^(cent|theat|met|fib)re$"), r"\1er"))
_WORD = re.compile(r"[^\W_]+(?:[.&'][^\W_]+)*\.?|&")
_ROMAN = re.compile(r"[IVX]{1,4}")
_MIXED_ACRONYM = re.compile(r"^[A-Z](?:[a-z]?[A-Z]){1,4}$")


@lru_cache(maxsize=1 << 17)  # pure; cleanco's basename is the costliest step of resolution
def legal_base(label: str) -> str:
    """A company name without its legal form ("Bank of America Corp." → "Bank of America",
    "Aer Lingus Group PLC" → "Aer Lingus"), by cleanco's table of suffixes across countries; "" when
    nothing but a legal form is left ("Co", "Inc")."""
    base = label
    for _ in range(3):
        stripped = _cleanco_base(base)
        words = stripped.split()
        if len(words) > 1 and fold(words[-1]) in _GROUP_SUFFIXES:
            stripped = " ".join(words[:-1])
        if stripped == base:
            break
        base = stripped
    return base.strip(" ,.")


def _cleanco_base(label: str) -> str:
    from cleanco import basename
    if len(label.split()) == 1 and fold(label).strip(".") not in LEGAL_WORDS:
        return label
    return basename(label).strip(" ,")




@per_lexicon
def qualified(text: str, lex: Lexicon) -> tuple[str, str]:
    """(country, core) of a name whose first words name a country: "U.S. Department of Labor" →
    ("united states", "labor department"); ("", core) when no country leads."""
    words = _words(legal_base(clean_label(text)))
    for n in range(min(4, len(words) - 1), 0, -1):
        lead = " ".join(words[:n])
        country = lex.canonical(lead)
        if lex.places.get(fold(country)) == "country" or fold(country) in lex.countries:
            return fold(country), _core(words[n:])
    return "", _core(words)


@per_lexicon
def nationality_qualified(text: str, lex: Lexicon) -> tuple[str, str]:
    """(country, core) of a name led by a nationality adjective: "American Farm Bureau" →
    ("united states", "farm bureau"), "West German Finance Ministry" → ("west germany", "finance
    ministry"); ("", "") when no nationality leads. A country's own name is `qualified`'s."""
    words = _words(legal_base(clean_label(text)))
    for n in range(min(2, len(words) - 1), 0, -1):
        lead = " ".join(words[:n])
        if fold(lead) in lex.nationality and not qualified(lead, lex)[0]:
            return fold(lex.nationality[fold(lead)]), _core(words[n:])
    return "", ""


@per_lexicon
def org_key(text: str, lex: Lexicon) -> str:
    """The key under which two spellings of one organisation or place count as one name: legal form
    dropped, country qualifier in one spelling, "Department of X" as "X department", plurals,
    British spellings and hyphens folded."""
    label = lex.canonical(clean_label(text))
    whole = normalise_name(label)
    if whole in lex.places or whole in lex.countries:
        return whole
    place = place_of(label, lex)
    if place:
        return place
    country, core = qualified(label, lex)
    return f"{country} {core}".strip() or whole


def place_of(label: str, lex: Lexicon) -> str:
    """'Province of Quebec', 'Republic of Korea' → the country or region named after a place noun
    of kg/data/cues.tsv and "of" ("quebec"); "" otherwise. Not a city: the City of London is not
    London."""
    words = label.split()
    if len(words) < 3 or fold(words[1]) != "of" or lex.cues.get(fold(words[0])) != "Place":
        return ""
    rest = " ".join(words[2:])
    key = normalise_name(lex.canonical(rest))
    country = lex.country_of(rest)
    if country is not None:
        return normalise_name(country)
    return key if key in lex.regions or key in lex.countries else ""


def _words(label: str) -> list[str]:
    return [w for w in _WORD.findall(label.replace("-", " ").replace("/", " "))]


def _core(words: list[str]) -> str:
    folded = [fold(w).rstrip(".") for w in words]
    while len(folded) > 1 and folded[-1] in {"and", "&"}:
        folded.pop()  # "Kidder, Peabody and Co Inc" without its legal form is "Kidder Peabody"
    folded = [w for w in folded if w not in {"the"}] or folded
    if len(folded) >= 3 and folded[0] in _ORG_HEADS and folded[1] == "of":
        folded = [*folded[2:], folded[0]]
    return " ".join(_spell(w) for w in folded)


_SHORT_WORDS = {"bros": "brother", "intl": "international", "natl": "national", "assn": "association",
                "mfg": "manufacturing", "mgmt": "management", "dept": "department", "cos": "company",
                "svcs": "service", "tech": "technology", "ctr": "center", "univ": "university"}


@lru_cache(maxsize=1 << 16)
def _spell(word: str) -> str:
    word = _SHORT_WORDS.get(word, word)
    for pattern, repl in _SPELLING:
        word = pattern.sub(repl, word)
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def is_acronym_form(text: str) -> bool:
    """An upper-case acronym ("GAO", "USAF") or a mixed-case one ("BoA")."""
    return is_acronym(text) or bool(_MIXED_ACRONYM.match(text))


def initials(text: str, lex: Lexicon) -> set[str]:
    """The acronyms a long name can have: first letters of every word or of its content words, with
    a leading country in any of its spellings ("U.S. Air Force" → usaf)."""
    label = legal_base(clean_label(text))
    words = _words(label)
    if len(words) < 2:
        return set()
    found = set()
    spellings = [words]
    country, _ = qualified(label, lex)
    if country:
        for n in range(1, min(4, len(words) - 1) + 1):
            lead = " ".join(words[:n])
            if fold(lex.canonical(lead)) == country or fold(lead) == country:
                spellings.append([*country.split(), *words[n:]])
                spellings.append([*fold(lead).replace(".", " ").split(), *words[n:]])
                break
    for ws in spellings:
        letters = [w for w in ws if w[0].isalnum()]
        found.add("".join(w[0] for w in letters).casefold())
        content = [w for w in letters if fold(w) not in _STOP]
        if len(content) >= 2:
            found.add("".join(w[0] for w in content).casefold())
    return {f for f in found if len(f) >= 2}
