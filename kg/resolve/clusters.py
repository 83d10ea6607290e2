"""Group name mentions into entities: first within a document, then across documents by name keys.

Every step is a union over keys (no pairwise comparison of mentions), so the result is the same for
any document order and the cost grows with the number of mentions.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from ..data import CALENDAR_WORDS, LEGAL_WORDS, Lexicon, edge_words, label_classes
from ..types import Extraction, Mention
from .names import (clean_label, defines_acronym, fold, is_acronym, is_junk, legal_base, name_key, org_key,
                    person_name, surname)
from .unionfind import UnionFind
from .variants import link_variants, nickname_links

LABEL_CLASS = label_classes()
NO_CLASS = "Thing"  # a cue for what kg has no class for (a ship, a treaty): such a name is no node
CLASS_ORDER = ("Person", "Place", "Organization", "Group", "Event", NO_CLASS)
CUE_WEIGHT, DATA_WEIGHT = 3, 5
CITY_WEIGHT = 2  # more than the tagger's label, less than a cue noun ("the Phoenix company")
SHARED_NAMES = 2
ORG_TAIL_NAMES = 3
GENERIC_TIMES = 3
_SPLIT = re.compile(r"[\s/-]+")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z]+(?![\w-])")
PLACE_GUESSES = frozenset({"GPE", "LOC", "FAC", "NORP"})
NOT_NAMES = frozenset({"PRON", "NAT", "SIDE"})



@dataclass
class Cluster:
    """Named mentions believed to be one thing, with the evidence for its class."""

    mentions: list[Mention] = field(default_factory=list)
    votes: Counter = field(default_factory=Counter)
    surname_linked: bool = False
    shared_surname: bool = False  # a lone surname its story gives two people (_shared_surnames)
    apart: frozenset[str] = frozenset()  # name keys it must not merge under (_parts)
    claimed: frozenset[tuple[str, int]] = frozenset()  # short words joined in their document only

    @property
    def forms(self) -> set[str]:
        return {clean_label(m.text) for m in self.mentions} - {""}

    def keyed(self) -> list[Mention]:
        """The mentions whose names join clusters across documents: not the short words a document
        gave its one longer name ("Journal" of its "Wall Street Journal"), which elsewhere may be
        another thing's."""
        return [m for m in self.mentions if (m.doc_id, m.start) not in self.claimed]

    @property
    def keyed_forms(self) -> set[str]:
        return {clean_label(m.text) for m in self.keyed()} - {""}

    def klass(self) -> str | None:
        if not self.votes:
            return None
        return max(self.votes, key=lambda c: (self.votes[c], -CLASS_ORDER.index(c)))


def votes_for(m: Mention, lex: Lexicon, tagger: bool = True) -> Counter:
    """What a single mention says about its class: tagger label (unless `tagger` is False),
    context cue, our own tables."""
    votes: Counter = Counter()
    form = clean_label(m.text)
    if tagger and m.label in LABEL_CLASS:
        votes[LABEL_CLASS[m.label]] += 1
    if m.cue:
        votes[m.cue] += CUE_WEIGHT
    if fold(form) in lex.places or fold(form) in lex.countries:
        votes["Place"] += DATA_WEIGHT
    elif fold(form) in lex.regions:
        votes["Place"] += CUE_WEIGHT  # "Iowa"; weaker than a legal form on a merged "Texas Air Corp"
    elif (alias := lex.aliases.get(fold(form))) is not None:
        votes[alias[1]] += DATA_WEIGHT
    elif len(form.split()) > 1 and legal_base(form) != form and fold(form) not in lex.cities:
        votes["Organization"] += DATA_WEIGHT  # "Husky Oil Ltd": a legal form names a company ("Novi Sad" a city)
    elif form and fold(form.split()[-1]) in lex.party_members:
        votes["Organization"] += DATA_WEIGHT  # "the Christian Democrats": a party, not a nationality
    return votes


_NAME_WORD = re.compile(r"[A-Z][\w'.-]*")


def _unlisted_acronym(c: Cluster, lex: Lexicon) -> bool:
    """Every name of the cluster an acronym that no gazetteer, place table, country code or alias
    lists and no cue calls a place: a place written in letters is a listed one ("USSR", "GDR",
    "UAE"); other letters the tagger reads as a place name an organisation ("CGCT")."""
    return bool(c.forms) and all(
        is_acronym(f) and not lex.place_name(f) and fold(f) not in lex.country_codes and fold(f) not in lex.aliases
        for f in c.forms) and not any(m.cue == "Place" for m in c.mentions)


def _place_named(c: Cluster, lex: Lexicon) -> bool:
    """'Candlewood Lake', 'Ohio River', 'Lake Tanganyika', 'Pacific Trust Territories': every name
    of the cluster is two capitalised words or more whose last word (place_end of kg/data/edges.tsv)
    or first word (place_start) names a kind of place, none has a legal form and no context cue
    says otherwise (the icebreaker "Polar Sea"; "South Bay" beside "South Bay Savings & Loan
    Association" is the association's)."""
    if not c.forms or any(m.cue for m in c.mentions):
        return False
    edges = edge_words()
    for form in c.forms:
        words = form.split()
        if len(words) < 2 or not all(_NAME_WORD.fullmatch(w) for w in words) or legal_base(form) != form:
            return False
        if not (fold(words[-1]) in edges["place_end"] or fold(words[0]).rstrip(".") in edges["place_start"]):
            return False
    return True


@dataclass(frozen=True)
class CorpusNames:
    """What the whole corpus says about a name, read in one pass before clustering: the tagger's
    labels of each form, and the first words of organisations' names ("ford" of "Ford Motor Co.")."""

    labels: dict[str, Counter] = field(default_factory=dict)
    org_heads: frozenset[str] = frozenset()
    lowercase: Counter = field(default_factory=Counter)  # words written in lower case in the text
    org_tails: Counter = field(default_factory=Counter)  # last words of organisations' names → names
    alone: Counter = field(default_factory=Counter)   # one-word name → documents with no longer name holding it
    beside: Counter = field(default_factory=Counter)  # one-word name → documents with a longer name holding it
    alone_names: Counter = field(default_factory=Counter)  # name of 2+ words → documents no longer name of which holds it

    def stands_alone(self, key: str) -> bool:
        """'the House', 'Congress', 'Treasury': a word the corpus names on its own, with no longer
        name of the document holding it, in at least half as many documents (and two) as it stands
        beside one: a name of its own, not its documents' short form of a longer one."""
        return self.alone[key] >= max(2, self.beside[key] / 2)

    def firm_word(self, form: str) -> bool:
        """'Barry Citrus Products', 'Murdoch Publishing': a name ending in a common noun that ends
        ORG_TAIL_NAMES organisations' names of the corpus and is written in lower case as often."""
        words = legal_base(clean_label(form)).split()
        if len(words) < 2:
            return False
        tail = fold(words[-1])
        return self.org_tails[tail] >= ORG_TAIL_NAMES and self.lowercase[tail] >= ORG_TAIL_NAMES

    def common_word(self, form: str) -> bool:
        """'Sorghum', 'Mail', the 'Systems' of 'Systems Inc': one word the corpus writes in lower
        case at least as often as it names it (table headers and headlines capitalise common
        nouns; a tagger's cut leaves a legal form on a common word)."""
        if " " in form or not form[1:].islower():
            return False
        key = fold(form)
        return self.lowercase[key] >= max(2, sum(self.labels.get(key, Counter()).values()))

    def generic(self, form: str, lex: Lexicon) -> bool:
        """'U.S. Dollar', 'U.S. Position', 'U.S. Firms': a country before one word that the corpus
        writes in lower case GENERIC_TIMES as often as it names anything with it."""
        words = clean_label(form).split()
        if len(words) != 2 or not (lex.country_of(words[0]) or fold(words[0]) in lex.countries):
            return False
        word = fold(words[1])
        return self.lowercase[word] >= GENERIC_TIMES * max(1, self.named_with[word])

    @cached_property
    def named_with(self) -> Counter:
        """Word → how often the tagger named something whose name has that word (counted once
        per name, however often the name repeats it)."""
        named: Counter = Counter()
        for form, labels in self.labels.items():
            total = sum(labels.values())
            for word in set(form.split()):
                named[word] += total
        return named

    def company_led(self, form: str, lex: Lexicon) -> bool:
        """'Lockheed Martin' tagged a person: its first word is no first name and stands alone
        for an organisation elsewhere in the corpus."""
        words = clean_label(form).split()
        if len(words) < 2 or fold(words[0]) in lex.first_names:
            return False
        labels = self.labels.get(fold(words[0]), Counter())
        return labels["ORG"] > labels["PERSON"]

    def company_word(self, form: str) -> bool:
        """A lone word that starts an organisation's name and is not mostly tagged a person."""
        key = fold(form)
        labels = self.labels.get(key, Counter())
        return key in self.org_heads and labels["PERSON"] * 2 <= sum(labels.values())


def corpus_names(extractions: Iterable[Extraction]) -> CorpusNames:
    labels: dict[str, Counter] = defaultdict(Counter)
    heads: set[str] = set()
    tails: dict[str, set[str]] = defaultdict(set)
    lowercase: Counter = Counter()
    alone: Counter = Counter()
    beside: Counter = Counter()
    alone_names: Counter = Counter()
    for ex in extractions:
        for s in ex.sentences:
            lowercase.update(w for w in _LOWER_WORD.findall(s.text))
        forms = {clean_label(m.text) for m in ex.mentions if m.label not in NOT_NAMES}
        held = {fold(w) for f in forms if len(ws := _SPLIT.split(f)) > 1 for w in ws if w}
        for f in forms:
            if f and not _SPLIT.search(f):
                (beside if fold(f) in held else alone)[fold(f)] += 1
        spaced = {f" {' '.join(fold(f).split())} " for f in forms if f}
        for f in spaced:
            if f.count(" ") > 2 and not any(f in g and f != g for g in spaced):
                alone_names[f.strip()] += 1
        for m in ex.mentions:
            if m.label in NOT_NAMES:
                continue
            form = clean_label(m.text)
            labels[fold(form)][m.label] += 1
            words = legal_base(form).split()
            if m.label == "ORG" and len(words) >= 2:
                heads.add(fold(words[0]))
                tails[fold(words[-1])].add(fold(form))
    return CorpusNames(dict(labels), frozenset(heads), lowercase,
                       Counter({w: len(names) for w, names in tails.items()}), alone, beside, alone_names)


def local_clusters(ex: Extraction, lex: Lexicon, corpus: CorpusNames | None = None) -> list[Cluster]:
    """Clusters of one document: same key, surname after full name, acronym after its long form."""
    corpus = corpus or CorpusNames()
    people = {pn.last for m in ex.mentions if m.label == "PERSON"
              and (pn := person_name(m.text, lex)) is not None}
    names = sorted((m for m in ex.mentions if m.label not in NOT_NAMES
                    and not is_junk(clean_label(m.text), lex) and not _two_people(m, people, lex)
                    and not corpus.common_word(legal_base(clean_label(m.text)))
                    and not corpus.generic(m.text, lex)), key=lambda m: m.start)
    uf = UnionFind()
    by_key: dict[str, int] = {}
    for i, m in enumerate(names):
        uf.find(i)
        key = name_key(m.text, lex)
        if key in by_key:
            uf.union(by_key[key], i)
        else:
            by_key[key] = i
    _join_cut_heads(names, uf, lex)
    sentences = {s.index: s for s in ex.sentences}
    for i, (a, b) in enumerate(itertools.pairwise(names)):
        s = sentences.get(b.sentence)
        if s is None or a.sentence != b.sentence:
            continue
        gap = s.text[a.end - s.start:b.start - s.start]
        if defines_acronym(a.text, gap, b.text, lex):
            uf.union(i, i + 1)
    full: dict[str, set[tuple[str, str]]] = defaultdict(set)
    full_index: dict[tuple[str, str], int] = {}
    for i, m in enumerate(names):
        pn = person_name(m.text, lex)
        if (pn is not None and _personish(m, lex)
                and not (m.label == "PERSON" and corpus.company_led(m.text, lex))
                and not _place_led(m, lex)):
            full[pn.last].add(pn.key)
            full_index.setdefault(pn.key, i)
    linked: set[int] = set()
    shared = _shared_surnames(names, sentences, lex)
    parts = _parts(names, sentences, lex)
    for i, m in enumerate(names):
        words = clean_label(m.text).split()
        if (len(words) != 1 or _data_class(m, lex) or m.cue in {"Place", "Organization"}
                or corpus.company_word(words[0])):
            continue
        if surname(m.text, lex) in shared:
            continue  # "Reagan and Nancy Reagan": the story has two Reagans, the lone one is neither for sure
        keys = full.get(surname(m.text, lex), set())
        if len(keys) == 1:
            uf.union(full_index[next(iter(keys))], i)
            linked.add(i)
    _join_given_names(names, uf, full, full_index, linked, lex)
    claimed = _join_short_words(names, uf, corpus, lex)
    claimed |= _join_sub_names(names, uf, lex, corpus or CorpusNames())
    clusters = []
    for members in uf.groups().values():
        c = Cluster([names[i] for i in sorted(members)])
        c.claimed = frozenset((names[i].doc_id, names[i].start) for i in members if i in claimed)
        for i in members:
            if i in claimed:
                continue  # the long name's type wins: "Scott" tagged ORG beside "E. Duff Scott"
            # a lone surname its story links to a full name: the tagger's ORG or GPE on it
            # ("Redstone" beside "Sumner Redstone") is its confusion, not the person's class
            c.votes.update(votes_for(names[i], lex, tagger=i not in linked))
            if names[i].label == "PERSON" and (corpus.company_led(names[i].text, lex)
                                               or corpus.firm_word(names[i].text)):
                c.votes["Organization"] += CUE_WEIGHT
        if any(len(clean_label(names[i].text).split()) == 1 and surname(names[i].text, lex) in shared
               for i in members):
            c.shared_surname = True
        c.apart = frozenset(parts.get(name_key(names[i].text, lex), ()) for i in members) - {None}
        if linked.intersection(members):
            c.surname_linked = True
            c.votes["Person"] += CUE_WEIGHT
        clusters.append(c)
    return clusters


OF_WORDS = frozenset({"of", "de", "du", "des", "di", "del", "della", "da", "do"})
PARTNERS = frozenset({"sons", "son", "partners", "associates", "company", "cie"})  # "X and Sons": X's firm
_INITIAL_WORD = re.compile(r"^(?:[A-Z]\.)+$")


def _join_short_words(names: list[Mention], uf: UnionFind, corpus: CorpusNames, lex: Lexicon) -> set[int]:
    """A capitalised word alone is the one longer name of its document that has it for a word, named
    before it: "The Journal said" after "Wall Street Journal", "Licht forecasts" after "F.O. Licht",
    "Scott did not disclose" after "E. Duff Scott", "Shearson" after "Shearson Lehman Brothers Inc".
    Read in the document only (the word joins no cluster of other documents: another story's
    "Continental" is another firm). Never a known place, country, nationality or alias, an acronym
    (the brand of a group's units: "GE" / "GE Information Services Co"), or a word two names of the
    document hold, nor (but as the first word of a firm's full name) a word the corpus names on its
    own as often ("the House" beside "White House": `CorpusNames.stands_alone`). In an organisation's name the word is its first word before no unit or branch
    ("Ford" is not "Ford Canada", "Senate" not "Senate Banking Committee"), its last (the head:
    "Journal", "Kodak" of "Eastman Kodak Co") or a word before its legal form only ("Lilly" of "Eli
    Lilly and Co"); in a person's, the first or last (a surname first: "Jiang" of "Jiang Zemin").
    A person's surname in a firm's name stays apart when the tagger calls the word a person
    ("Crosby" beside "Philip Crosby Associates Inc" may be the man). Returns the joined words'
    indices; their votes are left out, so the long name's type wins."""
    from .variants import SUBUNIT_HEADS, _place_words
    roots: dict[int, list[int]] = defaultdict(list)
    for i in range(len(names)):
        roots[uf.find(i)].append(i)
    forms = {r: {clean_label(names[i].text) for i in members} for r, members in roots.items()}
    holders: dict[str, set[int]] = defaultdict(set)
    for r, fs in forms.items():
        for f in fs:
            ws = [w for w in _SPLIT.split(f) if w]
            if len(ws) > 1:
                for w in ws:
                    holders[fold(w)].add(r)
    claimed: set[int] = set()
    for r, members in roots.items():
        fs = forms[r]
        if len(fs) != 1:
            continue
        word = next(iter(fs))
        key = fold(word)
        long_root = _one_holder(holders.get(key, set()), forms)
        if (not re.fullmatch(r"[A-Z][a-z][\w'.]*", word) or long_root is None
                or _not_short_word(key, lex)
                or any(_data_class(names[i], lex) or names[i].cue == "Place" for i in members)):
            continue
        if long_root == r:
            continue
        first = min(names[i].start for i in members)
        if min(names[i].start for i in roots[long_root]) > first:
            continue  # named before the long name: a thing of its own ("Ford ... Ford Canada")
        votes: Counter = Counter()
        for i in roots[long_root]:
            votes.update(votes_for(names[i], lex))
        klass = max(votes, key=lambda c: (votes[c], -CLASS_ORDER.index(c))) if votes else None
        tagged_person = sum(names[i].label == "PERSON" for i in members) * 2 > len(members)
        place_tagged = sum(names[i].label in PLACE_GUESSES for i in members) * 2 > len(members)
        ok = False
        for f in forms[long_root]:
            ws = [w for w in _SPLIT.split(legal_base(f) or f) if w]
            folded = [fold(w) for w in ws]
            if len(ws) < 2 or folded.count(key) != 1:
                continue
            at = folded.index(key)
            if klass == "Person":
                ok = (at in {0, len(ws) - 1} and not corpus.company_word(word) and not corpus.stands_alone(key)
                      and not _not_short_word(folded[0], lex)  # "Caribbean Rainer Steckhan": glued
                      and not any(names[i].cue == "Organization" for i in members))
            elif (klass == "Organization" and not place_tagged
                  and not any(names[i].cue == "Person" for i in members)
                  and (at == 0 or not corpus.stands_alone(key))):
                before, rest = ws[:at], folded[at + 1:]
                if before and fold(before[-1]) in OF_WORDS:
                    continue  # "National Bank of Fenton": the place or field after "of"
                personal = bool(before) and (fold(before[-1]) in lex.first_names
                                             or bool(_INITIAL_WORD.match(before[-1])))
                if personal and tagged_person:
                    continue  # "Crosby" beside "Philip Crosby Associates Inc": maybe the man
                if at == 0:
                    # the firm's full name, not a product, event or unit named after it ("Apple
                    # Worldwide Developers Conference", "Microsoft Bookshelf", "Volvo Finance")
                    ok = (not SUBUNIT_HEADS.intersection(rest) and not _place_words(rest, lex)
                          and (legal_base(f) != f or rest[0] in {"and", "&"}
                               or lex.cues.get(rest[-1]) == "Organization" or corpus.firm_word(f)))
                    # "Inland" after "GM's Inland Division": the unit's own name without its head
                    ok = ok or rest == ["division"]
                elif at == len(ws) - 1:
                    ok = True
                else:
                    ok = all(w in {"and", "&"} or w.rstrip(".") in LEGAL_WORDS for w in rest)
            if ok:
                break
        if ok:
            uf.union(long_root, r)
            claimed.update(members)
    return claimed


def _join_sub_names(names: list[Mention], uf: UnionFind, lex: Lexicon, corpus: CorpusNames) -> set[int]:
    """A name of two words or more that is the end of the one longer name of its document
    ("Patent Office" of "European Patent Office", "Construction Bank of China" of "People's
    Construction Bank of China", "Hernandez Grisanti" of "Arturo Hernandez Grisanti"), or its
    start before "and" ("Great Atlantic" of "Great Atlantic and Pacific Tea Co"), is that name cut
    short by the tagger or the writer. Read in the document only (another story's "Patent Office"
    may be another country's), like `_join_short_words`, and only when no other story names it on
    its own ("Central Bank" of "Central Bank and Trust Co" beside another story's "the Central Bank
    issued"; a person's two surnames may stand alone: "Hernandez Grisanti"); never a place of the
    gazetteers or tables, what follows "of" ("New Zealand" of "Bank of New Zealand"), a head with
    its "of" but after a possessive ("Bank of Ceylon" beside "Central Bank of Ceylon" are two banks),
    an item of a list read as one name ("Hemdale, Computer Memories"), nor the start of a longer
    name before any word but "and" and a firm's name with its legal form: "Lower House" is no "Lower
    House Steering Committee", "Kleinwort Benson" no "Kleinwort Benson Australia Ltd", "Waste
    Management" no "Waste Management and ChemLawn". Returns the joined names' indices."""
    forms = [clean_label(m.text) for m in names]
    words = [[fold(w) for w in (legal_base(f) or f).split()] for f in forms]
    keys = [name_key(m.text, lex) for m in names]
    claimed: set[int] = set()
    for i, ws in enumerate(words):
        if (len(ws) < 2 or legal_base(forms[i]) != forms[i] or _data_class(names[i], lex)
                or names[i].cue == "Place" or lex.place_name(" ".join(ws))
                or ws[-1] in edge_words()["place_end"]):  # "Illinois River" of "May Illinois River"
            continue  # a company's cut name with its legal form: `_join_cut_heads`
        if not _personish(names[i], lex) and corpus.alone_names[" ".join(fold(forms[i]).split())]:
            continue
        # "Bank of Ceylon" beside "Central Bank of Ceylon": a head and its place or field is a whole
        # name (not "People's Construction Bank of China", cut at the possessive)
        of_place = any(w in OF_WORDS for w in ws[1:-1])  # not a surname's particle: "De Graaf"
        holders: set[int] = set()
        for j, long in enumerate(words):
            extra = len(long) - len(ws)
            if extra < 1 or keys[j] == keys[i]:
                continue
            if any(w in CALENDAR_WORDS or w in lex.not_names or w in lex.nationality for w in long[:extra]):
                continue  # "May Illinois River", "Texan H. Ross Perot": glued words, no longer name
            if long[extra:] == ws and long[extra - 1] not in OF_WORDS:
                if legal_base(forms[j]) != forms[j] and lex.country_of(long[0]) is not None:
                    continue  # "American Honda Motor Co Inc" is not Honda Motor Co Ltd
                if of_place and not long[extra - 1].endswith(("'s", "’s")):
                    continue  # "Bank of New Zealand" beside "National Bank of New Zealand Ltd": two banks
                if long[extra - 1].endswith(","):
                    continue  # "Hemdale, Computer Memories": a list the tagger read as one name
                holders.add(uf.find(j))
            elif (long[:len(ws)] == ws and long[len(ws)] in {"and", "&"} and not _personish(names[i], lex)
                  and legal_base(forms[j]) != forms[j]  # "Waste Management and ChemLawn": two firms
                  and extra > 1 and long[len(ws) + 1].rstrip(".") not in LEGAL_WORDS | PARTNERS):
                holders.add(uf.find(j))  # not "Ivan Boesky" of "Ivan Boesky and Co L.P.": his firm
        if len(holders) == 1 and uf.find(i) not in holders:
            uf.union(next(iter(holders)), i)
            claimed.update(k for k, key in enumerate(keys) if key == keys[i])
    return claimed


def _one_holder(roots: set[int], forms: dict[int, set[str]]) -> int | None:
    """The one name of a document that holds a word: the only holder, or the one whose name
    (without its legal form) every other holder starts with ("Eastman Kodak Co" beside "Eastman
    Kodak Employees' Savings Plan", "Toyota Motor Corp" beside "Toyota Motor Manufacturing USA
    Inc": the firm and its own units); None when two unrelated names hold it ("Allied Bancshares
    Inc" beside "Allied Bank of Texas")."""
    if len(roots) == 1:
        return next(iter(roots))
    bases = {r: {fold(legal_base(f) or f) for f in forms[r]} for r in roots}
    found = [r for r in roots
             if any(len(base.split()) > 1 and all(
                 any(fold(f).startswith(base + " ") for f in forms[o]) for o in roots if o != r)
                 for base in bases[r])]
    return found[0] if len(found) == 1 else None


def _not_short_word(key: str, lex: Lexicon) -> bool:
    return (key in lex.places or key in lex.countries or key in lex.country_codes or key in lex.regions
            or key in lex.nationality or key in lex.aliases or key in lex.cities
            or lex.country_of(key) is not None)


def _city_word(m: Mention, lex: Lexicon, corpus: CorpusNames) -> bool:
    """'the Wolfsburg plant': a gazetteer city outvotes a bare ORG tag, unless the corpus starts an
    organisation's name with it ("Toyota Motor Corp", "Cisco Systems"): then the word is the firm's."""
    form = clean_label(m.text)
    return (fold(form) in lex.cities and not is_acronym(form) and not _data_class(m, lex)
            and not corpus.company_word(form))  # "GAO" is no Gao, Mali


def _two_people(m: Mention, people: set[str], lex: Lexicon) -> bool:
    """'Landes and Schwartz' after 'Michael Landes' and 'Albert Schwartz': two surnames of the
    document's people joined by "and" are those two people, not a firm (a legal form makes a firm
    of them: "Landes and Schwartz Inc")."""
    words = clean_label(m.text).split()
    return (len(words) == 3 and words[1] in {"and", "&"}
            and surname(words[0], lex) in people and surname(words[2], lex) in people)


_PART_OF = re.compile(r"^\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(\w+)\s+of\s*$", re.IGNORECASE)


def _parts(names: list[Mention], sentences: dict, lex: Lexicon) -> dict[str, str]:
    """Names the story says are part of another of the same key: "Nissan Motor, a wholly-owned
    subsidiary of Nissan Motor Ltd" (words of role part_of, kg/data/words.tsv) → {name key of the
    part: the key it must not merge under}."""
    from ..data import title_words
    part_nouns = title_words()["part_of"]
    found: dict[str, str] = {}
    for a, b in itertools.pairwise(names):
        s = sentences.get(b.sentence)
        if s is None or a.sentence != b.sentence:
            continue
        gap = _PART_OF.match(s.text[a.end - s.start:b.start - s.start])
        if gap is not None and fold(gap.group(1)) in part_nouns and org_key(a.text, lex) == org_key(b.text, lex):
            found[name_key(a.text, lex)] = org_key(a.text, lex)
    return found


_PAIRING = re.compile(r"^\s*,?\s*(?:and|or|&)\s*$")


def _shared_surnames(names: list[Mention], sentences: dict, lex: Lexicon) -> set[str]:
    """Surnames two people of the story share: a lone surname coordinated with a full name that
    ends on it ("Reagan and Nancy Reagan", "Nancy Reagan and Reagan") names another person, so
    no lone mention of that surname can be given to the full name."""
    found: set[str] = set()
    for a, b in itertools.pairwise(names):
        s = sentences.get(b.sentence)
        if s is None or a.sentence != b.sentence:
            continue
        wa, wb = clean_label(a.text).split(), clean_label(b.text).split()
        if sorted((len(wa), len(wb)))[0] != 1 or max(len(wa), len(wb)) < 2:
            continue
        lone, whole = (a, b) if len(wa) == 1 else (b, a)
        if not ((whole.label == "PERSON" or whole.cue == "Person") and person_name(whole.text, lex)):
            continue
        last = surname(whole.text, lex)
        if surname(lone.text, lex) == last and _PAIRING.match(s.text[a.end - s.start:b.start - s.start]):
            found.add(last)
    return found


def _join_given_names(names: list[Mention], uf: UnionFind, full: dict[str, set[tuple[str, str]]],
                      full_index: dict[tuple[str, str], int], linked: set[int], lex: Lexicon) -> None:
    """A given name alone is the one person of its document with that given name ("Conrad's son"
    beside "Conrad Hilton"): only when no one there has it for a surname, no gazetteer or table
    place is named so, and every other name it starts holds that person's full name ("Conrad
    Hilton Foundation"), never a company of its own ("Lincoln Savings")."""
    from .variants import _nicknamer
    nn = _nicknamer()
    words = [[fold(w) for w in clean_label(m.text).split()] for m in names]
    by_given: dict[str, set[tuple[str, str]]] = defaultdict(set)
    spelled: dict[tuple[str, str], list[str]] = {}
    for key, i in full_index.items():
        by_given[words[i][0]].add(key)
        spelled[key] = words[i]
    for i, m in enumerate(names):
        if len(words[i]) != 1 or i in linked or _data_class(m, lex) or _gazetteer_place(m, lex):
            continue
        given = words[i][0]
        if not (given in lex.first_names or given in nn.canonical_lookup or given in nn.nickname_lookup):
            continue
        keys = by_given.get(given, set())
        if len(keys) != 1 or full.get(given) or m.cue in {"Place", "Organization"}:
            continue
        key = next(iter(keys))
        person = spelled[key]
        if all(ws[:len(person)] == person for ws in words if len(ws) > 1 and ws[0] == given):
            uf.union(full_index[key], i)
            linked.add(i)


def _join_cut_heads(names: list[Mention], uf: UnionFind, lex: Lexicon) -> None:
    """A company's name with its legal form that ends the one longer name of its document is that
    name with its head cut off ("Reynolds Tobacco Co" / "R.J. Reynolds Tobacco Co", "Smith Inc" /
    "Fenner and Smith Inc")."""
    words = [clean_label(m.text).split() for m in names]
    longer: dict[tuple[str, ...], set[str]] = defaultdict(set)
    first: dict[str, int] = {}
    for i, ws in enumerate(words):
        if names[i].label == "PERSON" or len(ws) < 3:
            continue
        key = name_key(names[i].text, lex)
        first.setdefault(key, i)
        for n in range(2, len(ws)):
            longer[tuple(fold(w) for w in ws[-n:])].add(key)
    for i, ws in enumerate(words):
        if len(ws) < 2 or fold(ws[-1]).rstrip(".") not in LEGAL_WORDS:
            continue
        keys = longer.get(tuple(fold(w) for w in ws), set()) - {name_key(names[i].text, lex)}
        if len(keys) == 1:
            uf.union(first[next(iter(keys))], i)


def _place_led(m: Mention, lex: Lexicon) -> bool:
    """A person's name the tagger glued to a place across a line break ("U.S.\\n Alfaro" of "to the
    U.S.\\nAlfaro said"): its first line is a listed place, so it is no second full name of the surname."""
    head, sep, _ = m.text.strip().partition("\n")
    form = fold(clean_label(head))
    return bool(sep) and (lex.place_name(form) or form in lex.aliases and lex.aliases[form][1] == "Place")


def _personish(m: Mention, lex: Lexicon) -> bool:
    return (m.label == "PERSON" or m.cue == "Person") and not _data_class(m, lex)


def _gazetteer_place(m: Mention, lex: Lexicon) -> bool:
    """A word the tagger reads as a place and a gazetteer lists as a city or country: not a surname."""
    form = fold(clean_label(m.text))
    return m.label in PLACE_GUESSES and (form in lex.cities or form in lex.countries)


def _data_class(m: Mention, lex: Lexicon) -> bool:
    form = fold(clean_label(m.text))
    return form in lex.places or form in lex.aliases and lex.aliases[form][1] != "Person"


def acronym_definitions(extractions: Iterable[Extraction], lex: Lexicon) -> dict[str, set[str]]:
    """Acronym → the long-form keys it is defined as anywhere in the corpus."""
    defs: dict[str, set[str]] = defaultdict(set)
    for ex in extractions:
        sentences = {s.index: s for s in ex.sentences}
        names = sorted((m for m in ex.mentions if m.label not in NOT_NAMES), key=lambda m: m.start)
        for a, b in itertools.pairwise(names):
            s = sentences.get(b.sentence)
            if (s is not None and a.sentence == b.sentence
                    and defines_acronym(a.text, s.text[a.end - s.start:b.start - s.start], b.text, lex)):
                defs[b.text].add(name_key(a.text, lex))
    return defs


def merge_clusters(clusters: list[Cluster], lex: Lexicon, acronyms: dict[str, set[str]],
                   corpus: CorpusNames | None = None) -> list[Cluster]:
    """Merge document clusters across the corpus by shared keys; people by first name + surname;
    then name variants (kg.resolve.variants)."""
    corpus = corpus or CorpusNames()
    uf = UnionFind()
    ambiguous = {a for a, keys in acronyms.items() if len(keys) > 1}
    person_keys: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    name_keys: dict[str, list[int]] = defaultdict(list)
    order = sorted(range(len(clusters)), key=lambda i: _sort_key(clusters[i]))
    clusters = [clusters[i] for i in order]
    for i, c in enumerate(clusters):
        uf.find(i)
        if c.klass() == "Person":
            full = [pn for m in c.mentions if (pn := person_name(m.text, lex)) is not None]
            for pn in full:
                person_keys[pn.key].append((i, pn.middle))
            if not full:  # a lone name: one thing with the same name elsewhere, typed by all its mentions
                for m in c.keyed():
                    name_keys[_compact(org_key(m.text, lex))].append(i)
        else:
            for m in c.keyed():
                if m.text not in ambiguous and org_key(m.text, lex) not in c.apart:
                    name_keys[_compact(org_key(m.text, lex))].append(i)
    for members in name_keys.values():
        for i in members[1:]:
            uf.union(members[0], i)
    for members in person_keys.values():
        middles = {mid for _, mid in members if mid}
        if len(middles) <= 1:
            for i, _ in members[1:]:
                uf.union(members[0][0], i)
        else:
            for mid in middles:
                same = [i for i, m in members if m == mid]
                for i in same[1:]:
                    uf.union(same[0], i)
    for a, b in nickname_links(person_keys):
        uf.union(person_keys[a][0][0], person_keys[b][0][0])
    context: dict[str, set[str]] = defaultdict(set)
    for c in clusters:
        for m in c.mentions:
            context[m.doc_id].add(name_key(m.text, lex))
    by_surname: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for key in person_keys:
        by_surname[key[1]].add(key)
    for i, c in enumerate(clusters):
        forms = {f for f in c.forms}
        if (any(len(f.split()) > 1 for f in forms) or any(_data_class(m, lex) for m in c.mentions)
                or any(corpus.company_word(f) or _gazetteer_place(m, lex)
                       for f in forms for m in c.mentions)):
            continue
        if not _may_be_surname(c) or c.shared_surname:
            continue
        keys = set().union(*(by_surname.get(surname(f, lex), set()) for f in forms))
        targets = [t for key in sorted(keys) for t in person_keys[key]]
        if len({uf.find(t) for t, _ in targets}) == 1:
            people = [clusters[t] for t, _ in targets]
            one_middle = len({mid for _, mid in targets if mid}) <= 1
            if one_middle and _share_context(c, people, context, lex):
                uf.union(targets[0][0], i)
    personal = {uf.find(i) for i, c in enumerate(clusters) if c.surname_linked or c.klass() == "Person"
                and any(person_name(f, lex) is not None for f in c.forms)}
    things = link_variants(clusters, uf, lex)
    merged = []
    for root, members in uf.groups().items():
        c = Cluster()
        for i in sorted(members):
            c.mentions.extend(clusters[i].mentions)
            c.votes.update(clusters[i].votes)
            c.surname_linked |= clusters[i].surname_linked
            c.claimed |= clusters[i].claimed
        if c.surname_linked or personal.intersection(members):
            c.votes["Person"] += CUE_WEIGHT
        if _place_named(c, lex):
            c.votes["Place"] += CUE_WEIGHT
        if c.votes["Place"] and _unlisted_acronym(c, lex):
            del c.votes["Place"]  # "CGCT", "LL and E": the tagger's GPE on letters no table lists
        if any(_city_word(m, lex, corpus) for m in c.mentions):
            c.votes["Place"] += CITY_WEIGHT  # once: outvotes one ORG tag, not a corpus's many ("Toyota")
        if root in things:
            c.votes = Counter({NO_CLASS: 1})  # the short form of a thing of no class: no node
        merged.append(c)
    return sorted(merged, key=_sort_key)


def _compact(key: str) -> str:
    """'Ozark Air Lines' and 'Ozark Airlines', 'BankAmerica' and 'Bank America': one name written
    with or without the space between two of its words keys the same."""
    return key.replace(" ", "") if " " in key else key


def _may_be_surname(c: Cluster) -> bool:
    """A lone word may be a surname unless something other than the tagger's place guess says not:
    a cue, our place and alias tables (checked by the caller), or an organisation label (companies
    are often named after people: Ford, Dell)."""
    if any(m.cue and m.cue != "Person" for m in c.mentions):
        return False
    return c.votes["Person"] > 0 or all(m.label in PLACE_GUESSES for m in c.mentions)


def _share_context(lone: Cluster, people: list[Cluster], context: dict[str, set[str]],
                   lex: Lexicon) -> bool:
    """A surname alone joins a person from another document only if the two documents name
    at least SHARED_NAMES other things in common: the same story, not just the same surname."""
    own = {name_key(m.text, lex) for m in lone.mentions}
    docs = {m.doc_id for m in lone.mentions}
    other_docs = {m.doc_id for p in people for m in p.mentions}
    if docs & other_docs:
        return True
    mine = set().union(*(context[d] for d in docs)) - own
    return any(len(mine & context[d]) >= SHARED_NAMES for d in other_docs)


def _sort_key(c: Cluster) -> tuple:
    return min((m.doc_id, m.start) for m in c.mentions)
