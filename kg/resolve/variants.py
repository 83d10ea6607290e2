"""Name variants across a corpus: a name without its country ("Federal Reserve" / "US Federal
Reserve"), a short form ("Lockheed" / "Lockheed Martin"), an acronym of the initials ("GAO",
"BoA"), a clipping ("Fed"), a nickname ("Bill" / "William").

A variant joins a longer name only when exactly one thing in the corpus claims it; a claimant named
in the variant's own document (before it) outranks the rest of the corpus. Every index is a dict
over keys, so the cost grows with the number of names and the result does not depend on order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property

from ..data import Lexicon
from .names import (clean_label, fold, initials, is_acronym_form, legal_base, nationality_qualified,
                    org_key, person_name, qualified)
from .unionfind import UnionFind

MIN_CLIPPING = 3
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")  # "F.W.", "J."
# words that make a longer name a part of the shorter one, not its full form:
# "White House National Security Council" is not the White House
SUBUNIT_HEADS = frozenset({"council", "committee", "department", "division", "office", "agency",
                           "bureau", "unit", "board", "commission", "institute", "center",
                           "foundation", "school", "museum", "club", "team", "party", "union",
                           "ministry", "court", "hospital", "university", "college", "park",
                           "street", "avenue", "road", "square", "station", "airport", "county",
                           "state", "city", "river", "island", "mountain", "bridge", "tower",
                           # a government named after its leader: "Reagan Administration" is not Reagan
                           "administration", "government", "cabinet", "regime"})


@dataclass
class Group:
    """Clusters already joined by an exact key, seen as one candidate."""

    root: int
    klass: str | None = None
    person: bool = False                     # holds a first name + surname
    forms: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    first: dict[str, int] = field(default_factory=dict)  # document → offset of its first mention
    place_tagged: bool = False               # the tagger calls a mention a place (GPE, LOC)


def groups_of(clusters: list, uf, lex: Lexicon) -> dict[int, Group]:
    out: dict[int, Group] = {}
    votes: dict[int, dict] = defaultdict(lambda: defaultdict(int))
    for i, c in enumerate(clusters):
        root = uf.find(i)
        g = out.setdefault(root, Group(root))
        for k, v in c.votes.items():
            votes[root][k] += v
        for m in c.mentions:
            g.place_tagged |= m.label in {"GPE", "LOC"}
            if m.doc_id not in g.first or m.start < g.first[m.doc_id]:
                g.first[m.doc_id] = m.start
        for f in c.keyed_forms:
            g.forms.add(f)
            g.keys.add(org_key(f, lex))
            if person_name(f, lex) is not None and c.klass() == "Person":
                g.person = True
    for root, g in out.items():
        v = votes[root]
        g.klass = max(v, key=lambda k: (v[k], k)) if v else None
    return out


def link_variants(clusters: list, uf, lex: Lexicon) -> set[int]:
    """Join variants in two rounds: country qualifiers first, then short forms, acronyms and
    clippings against the groups the first round made. Returns the roots of short forms whose one
    claimant is a thing of no class of kg's ("London Interbank" of "London Interbank Offered
    Rate"): left apart (their votes would type the thing), and no nodes either."""
    groups = groups_of(clusters, uf, lex)
    _join(uf, qualifier_claims(groups, lex))
    groups = groups_of(clusters, uf, lex)
    claims: dict[int, set[int]] = defaultdict(set)
    acronyms = acronym_claims(groups, lex)
    # an acronym spelling one name's initials is that name; longer names that start with the
    # acronym itself are its parts or products ("IBM Personal Computer"), not its full form
    shorts = {r: c for r, c in short_form_claims(groups, lex).items() if r not in acronyms}
    for found in (shorts, acronyms, clipping_claims(groups, lex)):
        for short, longs in found.items():
            claims[short] |= longs
    things = set()
    for short, longs in list(claims.items()):
        roots = {uf.find(g) for g in longs} - {uf.find(short)}
        if len(roots) == 1 and groups[roots.pop()].klass == "Thing":
            things.add(uf.find(short))
            del claims[short]
    _join(uf, claims)
    return things


def _join(uf, claims: dict[int, set[int]]) -> None:
    for short, longs in claims.items():
        roots = {uf.find(g) for g in longs} - {uf.find(short)}
        if len(roots) == 1:
            uf.union(short, roots.pop())


def _organisations(groups: dict[int, Group]) -> Iterable[tuple[int, Group]]:
    """The groups tagged Organization that hold no person's name: the long forms variants join."""
    return ((root, g) for root, g in groups.items() if g.klass == "Organization" and not g.person)


def _organisational(g: Group) -> bool:
    return not g.person and g.klass != "Person"


def qualifier_claims(groups: dict[int, Group], lex: Lexicon) -> dict[int, set[int]]:
    """'Federal Reserve' joins 'US Federal Reserve' when no other country's Federal Reserve is named
    in the corpus, or when its own documents name only the US one."""
    by_core: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    bare: dict[int, set[str]] = defaultdict(set)
    for root, g in groups.items():
        if not _organisational(g):
            continue
        for f in g.forms:
            country, core = qualified(f, lex)
            if country and core:
                by_core[core][country].add(root)
            elif core:
                bare[root].add(core)
    claims: dict[int, set[int]] = {}
    for root, cores in bare.items():
        found = [by_core[c] for c in cores if c in by_core]
        claimants = {g for f in found for gs in f.values() for g in gs} - {root}
        one_country = len({country for f in found for country in f}) == 1
        claims[root] = _story_claim(groups[root], claimants, groups, corpus_wide=one_country,
                                    before=False)
    # a nationality adjective before the name ("American Farm Bureau" / "the Farm Bureau") is read
    # in the story only: across the corpus "Bankers Association" is any country's. Not companies:
    # "American Hoechst Corp" is the US unit of "Hoechst AG", not its full name
    by_adjective: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for root, g in groups.items():
        if _organisational(g) and not _has_legal_form(g):
            for f in g.forms:
                country, core = nationality_qualified(f, lex)
                if country and core:
                    by_adjective[core][country].add(root)
    for root, cores in bare.items():
        if _has_legal_form(groups[root]):
            continue
        found = [by_adjective[c] for c in cores if c in by_adjective]
        claimants = {g for f in found for gs in f.values() for g in gs} - {root}
        if claimants:
            claims[root] = claims.get(root, set()) | _story_claim(
                groups[root], claimants, groups, corpus_wide=False, before=False)
    return {r: c for r, c in claims.items() if c}


def _has_legal_form(g: Group) -> bool:
    return any(legal_base(f) != f for f in g.forms)


def _story_claim(short: Group, claimants: set[int], groups: dict[int, Group], *,
                 corpus_wide: bool, before: bool) -> set[int]:
    """The claimants the short form's own documents name (before it, if `before`); a document
    where the short form comes first, with a claimant after it, vetoes the claim. With no claimant
    in its documents, the corpus's claimants when `corpus_wide`; when not, every document of the
    short form must name a claimant (one story's "Central Bank" does not pull in every other
    story's central bank)."""
    voted: set[int] = set()
    for doc, at in short.first.items():
        present = {c for c in claimants if doc in groups[c].first}
        if not present:
            if not corpus_wide:
                return set()  # read in its stories only: a story without a claimant keeps it apart
            continue
        earlier = {c for c in present if groups[c].first[doc] < at}
        if before and not earlier:
            return set()
        voted |= earlier if before else present
    if voted:
        return voted
    return set(claimants) if corpus_wide else set()


def _place_words(words: list[str], lex: Lexicon) -> bool:
    """'Ford Australia', 'EADS North America': a branch in a place, not the full name."""
    text = " ".join(words)  # not the cities: "Enterprises", "Industry", "Commerce" are cities too
    return (text in lex.places or text in lex.countries or text in lex.regions
            or lex.country_of(text) is not None)


def _not_a_short_form(form: str, lex: Lexicon) -> bool:
    key = fold(form)
    return (key in lex.places or key in lex.countries or key in lex.country_codes
            or key in lex.regions or key in lex.nationality or key in lex.first_names or key in lex.aliases)


def short_form_claims(groups: dict[int, Group], lex: Lexicon) -> dict[int, set[int]]:
    """'Lockheed' joins 'Lockheed Martin', 'China Eastern' joins 'China Eastern Airlines'."""
    by_prefix: dict[str, set[int]] = defaultdict(set)
    open_prefix: dict[str, set[int]] = defaultdict(set)
    # a thing of no class of kg's claims its short forms too: "London Interbank" of "London
    # Interbank Offered Rate" is no organisation's name
    things = ((root, g) for root, g in groups.items() if g.klass == "Thing" and not g.person)
    for root, g in [*_organisations(groups), *things]:
        keys = set(g.keys)
        for f in g.forms:  # initials before a name: "F.W. Woolworth Co" is also "Woolworth"
            if legal_base(f) == f:
                continue  # "P.W. Stephens" without a legal form may be the man
            words = clean_label(legal_base(f)).split()
            n = 0
            while n < len(words) - 1 and _INITIALS.match(words[n]):
                n += 1
            if n and not _not_a_short_form(" ".join(words[n:]), lex):
                whole_rest = org_key(" ".join(words[n:]), lex)
                by_prefix[whole_rest].add(root)
                open_prefix[whole_rest].add(root)
                keys.add(whole_rest)
        for key in keys:
            words = key.split()
            for n in range(1, len(words)):
                rest = words[n:]
                if not SUBUNIT_HEADS.intersection(rest) and not _place_words(rest, lex):
                    by_prefix[" ".join(words[:n])].add(root)
                    if rest[0] not in {"of", "and"}:  # "Central Bank and Trust Co" is not any "Central Bank"
                        open_prefix[" ".join(words[:n])].add(root)

    def key_of(form: str) -> str | None:
        return None if _not_a_short_form(form, lex) else org_key(form, lex)

    def whole(g: Group) -> bool:
        # a name with its own legal form, or a city its mentions call a place ("Houston" is no
        # short form of "Houston Oil Trust"; "Toyota" the company still is of "Toyota Motor Corp")
        return (any(legal_base(f) != f for f in g.forms)
                or g.klass == "Place" and g.place_tagged and any(fold(f) in lex.cities for f in g.forms))
    # "Monetary Authority" is its story's "Monetary Authority of Singapore", but across the corpus
    # a name "of" a place is one of many ("First Federal Savings ... of Beloit", "... of Kalamazoo")
    story = _form_claims(groups, by_prefix, key_of, corpus_wide=lambda key: False, before=True, whole=whole)
    # a name the tagger reads as a place joins a firm named after it only in its story ("the
    # Caribbean" is not another story's "Caribbean Select Inc")
    corpus = _form_claims(groups, open_prefix, key_of, corpus_wide=lambda key: True, before=True,
                          whole=lambda g: whole(g) or g.klass == "Place")
    return {**corpus, **story}


def acronym_claims(groups: dict[int, Group], lex: Lexicon) -> dict[int, set[int]]:
    """'GAO' joins 'Government Accountability Office', 'USAF' 'U.S. Air Force', 'BoA' 'Bank of
    America': the initials of one name in the corpus, and of no other."""
    by_initials: dict[str, set[int]] = defaultdict(set)
    for root, g in _organisations(groups):
        for f in g.forms:
            for letters in initials(f, lex):
                by_initials[letters].add(root)

    def key_of(form: str) -> str | None:
        if not is_acronym_form(form) or _not_a_short_form(form, lex):
            return None
        return fold(form).replace(".", "")
    return _form_claims(groups, by_initials, key_of, corpus_wide=lambda letters: len(letters) > 2,
                        before=False)


def clipping_claims(groups: dict[int, Group], lex: Lexicon) -> dict[int, set[int]]:
    """'Fed' joins 'Federal Reserve' when a document names the Federal Reserve before the Fed."""
    by_clip: dict[str, set[int]] = defaultdict(set)
    for root, g in _organisations(groups):
        for key in g.keys:
            words = key.split()
            if len(words) >= 2:
                for n in range(MIN_CLIPPING, len(words[0])):
                    by_clip[words[0][:n]].add(root)

    def key_of(form: str) -> str | None:
        if " " in form or not form[:1].isupper() or is_acronym_form(form) or _not_a_short_form(form, lex):
            return None
        return fold(form)
    return _form_claims(groups, by_clip, key_of, corpus_wide=lambda key: False, before=True)


def _form_claims(groups: dict[int, Group], index: dict[str, set[int]],
                 key_of: Callable[[str], str | None], *, corpus_wide: Callable[[str], bool],
                 before: bool, whole: Callable[[Group], bool] = lambda g: False) -> dict[int, set[int]]:
    """For every form of a group that is not a person and that `key_of` reads as a variant key in
    `index`, the claimants its story gives (`_story_claim`), by group. A group `whole` names a
    thing in full and is no variant of another ("American Express Co" with its legal form is
    the company, not a short form of its unit "American Express Bank Ltd")."""
    claims: dict[int, set[int]] = {}
    for root, g in groups.items():
        if g.person or whole(g):
            continue
        for f in g.forms:
            key = key_of(f)
            if key is None or key not in index:
                continue
            found = _story_claim(g, index[key] - {root}, groups, corpus_wide=corpus_wide(key),
                                 before=before)
            if found:
                claims.setdefault(root, set()).update(found)
    return claims


@cache
def _nicknamer():
    """The `nicknames` package's tables, each built once: its `canonical_lookup` and
    `nickname_lookup` properties copy the whole table on every read (1.3 ms each, 70 of 217
    profiled seconds of resolving 19,000 articles)."""
    from nicknames import NickNamer

    class Tables(NickNamer):
        canonical_lookup = cached_property(NickNamer.canonical_lookup.fget)  # type: ignore[assignment]
        nickname_lookup = cached_property(NickNamer.nickname_lookup.fget)  # type: ignore[assignment]

    return Tables()


def related_first_names(a: str, b: str) -> bool:
    """Two given names one person can go by (the `nicknames` package's English table)."""
    nn = _nicknamer()
    return a == b or b in nn.canonicals_of(a) or a in nn.canonicals_of(b)


def nickname_links(keys: Iterable[tuple[str, str]]) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Person keys (first, surname) to join: a first name with exactly one variant among the
    first names seen with its surname; a set of joined names that are not all variants of one
    another stays apart ("Bill" could be William or Robert)."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    for first, last in keys:
        by_surname[last].add(first)
    links = []
    for last, firsts in sorted(by_surname.items()):
        edges = []
        for f in sorted(firsts):
            partners = [g for g in firsts if g != f and related_first_names(f, g)]
            if len(partners) == 1:
                edges.append((f, partners[0]))
        uf = UnionFind()
        for f in firsts:
            uf.find(f)
        for a, b in edges:
            uf.union(a, b)
        for names in uf.groups().values():
            if len(names) > 1 and all(related_first_names(a, b) for a in names for b in names):
                names.sort()
                links.extend(((names[0], last), (n, last)) for n in names[1:])
    return links
