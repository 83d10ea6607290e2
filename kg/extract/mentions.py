"""Mentions: names (named entities and proper-noun chunks, titles stripped), sides and pronouns.

Labels: spaCy's entity labels for names; "PROPN" for untagged proper-noun chunks; "NAT" for a
nationality adjective ("Russian" in "Russian officials"), never a node by itself; "SIDE" for a
country's delegation or government ("the Russian delegation"); "PRON" for third-person pronouns,
whose `antecedent` kg.extract.coref fills in. `cue` is the class the context gives a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..data import Lexicon, fold, lexicon
from ..types import Mention, Title
from .coref import antecedents, unnamed_people
from .parse import spacy_doc
from .vocabulary import (
    ARTICLES,
    BULLETS,
    LABEL_CLASS,
    CALENDAR_WORDS,
    LEGAL_WORDS,
    NAME_PARTICLES,
    NAME_LABELS,
    NOUNS,
    OF_PREPS,
    PARTNER_FORMS,
    THIRD_PERSON,
    TITLE_LINKS,
)

ANALYSIS = "kg_names"
# a name never starts or ends with these: "Following X", "Born X", "X and"
EDGE_WORDS = frozenset({"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "DET", "PART"})
BRACKETS = frozenset({"<", ">"})
INITIALS = re.compile(r"(?:^|\s)(?:[A-Z]\.)+$")  # "... the E.F.\nHutton Group": initials end no line
WEB_NAME = re.compile(r"\w\.(com|org|net|kz|ru|ua|info|news)$")


@dataclass
class Name:
    """A span of tokens [start, end) that names something, with its label and context cue."""

    start: int
    end: int
    label: str
    cue: str = ""


@dataclass
class Analysis:
    names: list[Name] = field(default_factory=list)
    titles: list[tuple[Name, list[Token], Name | None]] = field(default_factory=list)


def mentions(doc: Doc, doc_id: str) -> Iterator[Mention]:
    """Every mention of one parsed document, pronouns carrying their antecedent's start offset."""
    sent_of = _sentence_of(doc)
    found = [_mention(doc, n.start, n.end, n.label, n.cue, doc_id, sent_of)
             for n in analyse(doc).names]
    pronouns = [_mention(doc, t.i, t.i + 1, "PRON", "", doc_id, sent_of) for t in doc
                if t.tag_ in {"PRP", "PRP$"} and t.lower_ in THIRD_PERSON]
    people = [_mention(doc, t.i, t.i + 1, "NOUN", "Person", doc_id, sent_of)
              for t in unnamed_people(doc, lexicon())]
    links = antecedents(doc, found, pronouns, people)
    yield from found
    for p in pronouns:
        yield Mention(p.doc_id, p.sentence, p.text, p.start, p.end, p.label, p.role,
                      links.get(p.start))


def titles(doc: Doc, doc_id: str) -> Iterator[Title]:
    """Titles read beside person names, pointing at the person's and the office's mentions."""
    sent_of = _sentence_of(doc)
    for person, words, of in analyse(doc).titles:
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        yield Title(doc_id, sent_of[person.start], doc[person.start].idx, _title_text(words),
                    doc[of.start].idx if of else None, min(start, doc[person.start].idx),
                    max(end, doc[person.end - 1].idx + len(doc[person.end - 1].text)))


def analyse(doc: Doc) -> Analysis:
    """Names and titles of a Doc, computed once and kept on `doc._.kg_names`."""
    doc = spacy_doc(doc)
    if not Doc.has_extension(ANALYSIS):
        Doc.set_extension(ANALYSIS, default=None)
    if getattr(doc._, ANALYSIS) is None:
        setattr(doc._, ANALYSIS, _analyse(doc, lexicon()))
    return getattr(doc._, ANALYSIS)


def _analyse(doc: Doc, lex: Lexicon) -> Analysis:
    fixed = _fixed_title_tokens(doc, lex)
    pieces = [n for ent in doc.ents if ent.label_ in NAME_LABELS
              for n in _clean_entity(doc, ent.start, ent.end, ent.label_, fixed, lex)]
    firms = list(_partnerships(doc, fixed, lex))
    firms += [n for n in _joined_firms(doc, fixed, lex)
              if not any(f.start <= n.start < f.end or n.start <= f.start < n.end for f in firms)]
    owned = {i for n in firms for i in range(n.start, n.end)}
    pieces = [n for n in pieces if not owned.intersection(range(n.start, n.end))] + firms
    pieces = [n for n in (_nationality(doc, n, lex) for n in pieces) if n is not None]
    unnamed = {i for n in pieces if n.label == NO_NAME for i in range(n.start, n.end)}
    pieces = [n for n in pieces if n.label != NO_NAME]
    sides = _sides(doc, pieces, lex)
    taken = {i for s in sides for i in range(s.start, s.end)}
    pieces = [n for n in pieces if not taken.intersection(range(n.start, n.end))]
    taken = {i for n in pieces for i in range(n.start, n.end)}
    for n in pieces:
        if n.label == "PERSON":
            _extend_person(doc, n, taken, fixed, lex)
    covered = {i for n in pieces + sides for i in range(n.start, n.end)}
    other_ents = {i for ent in doc.ents if ent.label_ not in NAME_LABELS
                  for i in range(ent.start, ent.end)}
    chunks = list(_propn_chunks(doc, covered | other_ents | fixed | unnamed, lex))
    names = sorted((n for n in pieces + sides + chunks if not _ticker(doc, n)), key=lambda n: n.start)
    names = _join_of(doc, _join_spelt(doc, _join_wrapped(doc, names, lex)), lex)
    names = [_letter_pair(doc, n) for n in _join_and(doc, _join_party(doc, names, lex), lex)
             if not _common_acronym(doc, n, lex)]
    names = [n for i, n in enumerate(names) if i == 0 or n.start >= names[i - 1].end]
    analysis = Analysis(names=names)
    by_token = {i: n for n in names for i in range(n.start, n.end)}
    for n in names:
        if n.label in {"NAT", "SIDE"}:
            continue
        n.cue = n.cue or _cue(doc, n, by_token, fixed, lex)
        if n.cue == "Person" or (n.label in {"PERSON", "PROPN"} and not n.cue):
            found = list(_titles_of(doc, n, by_token, fixed, lex))
            if found and not n.cue:
                n.cue = "Person"
            analysis.titles.extend((n, words, of) for words, of in found if n.cue == "Person")
    return analysis


def _fixed_title_tokens(doc: Doc, lex: Lexicon) -> set[int]:
    """Tokens of fixed titles ("Chancellor of the Exchequer"), read across wrapped lines."""
    marked: set[int] = set()
    tokens = [t for t in doc if not t.is_space]
    words = [fold(t.text) for t in tokens]
    by_first = _titles_by_first_word(lex.fixed_titles)
    for i, word in enumerate(words):
        for title in by_first.get(word, ()):
            if tuple(words[i:i + len(title)]) == title:
                marked.update(range(tokens[i].i, tokens[i + len(title) - 1].i + 1))
                break
    return marked


@lru_cache(maxsize=4)
def _titles_by_first_word(titles: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    """The fixed titles grouped by their first word, each group in the table's order (longest first)."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for title in titles:
        grouped.setdefault(title[0], []).append(title)
    return grouped


def _clean_entity(doc: Doc, start: int, end: int, label: str, fixed: set[int], lex: Lexicon
                  ) -> Iterator[Name]:
    """Split an entity at line breaks and possessives; strip articles, titles and honorifics."""
    piece_start = start
    for i in range(start, end + 1):
        if i == end or _line_break(doc, i) or (doc[i].tag_ == "POS" and not _firm_possessive(doc, i, end)
                                               and not _plural_possessive(doc, i, end, label)):
            name = _trim(doc, piece_start, i, label, fixed, lex)
            if name is not None:
                yield name
            piece_start = i + 1


def _partnerships(doc: Doc, fixed: set[int], lex: Lexicon) -> Iterator[Name]:
    """'Parke, Davis and Co', 'Kohlberg Kravis Roberts and Co', 'Alex. Brown and Sons Inc': names
    joined by "and"/"&" before Co, Company or Sons are one firm, whatever pieces the tagger made."""
    tagged = {i for ent in doc.ents for i in range(ent.start, ent.end) if ent.end - ent.start == 1}
    for i in range(1, len(doc) - 1):
        if doc[i].lower_ not in {"and", "&"}:
            continue
        after = _after_wrap(doc, i + 1)
        if fold(doc[after].text).rstrip(".") in PARTNER_FORMS and after > i + 1:
            end = after + 1  # "Ryan, Beck and\nCo": the firm's name goes on after a wrapped line
            while (end < len(doc) and doc[end].text[:1].isupper()
                   and fold(doc[end].text).rstrip(".") in LEGAL_WORDS):
                end += 1
            start = i
            while start > 0 and _name_word(doc[start - 1], fixed, lex):
                start -= 1
            if start < i:
                if (start >= 2 and doc[start - 1].text == "," and _name_word(doc[start - 2], fixed, lex)
                        and (start == 2 or not _name_word(doc[start - 3], fixed, lex))):
                    start -= 2
                yield Name(start, end, "ORG", "Organization")
            continue
        if fold(doc[i + 1].text).rstrip(".") not in PARTNER_FORMS:
            # "Standard and Poor's Corp": one word, "and", one word, a legal form
            j = i + 2 + (i + 2 < len(doc) and doc[i + 2].tag_ == "POS")
            if (j < len(doc) and fold(doc[j].text).rstrip(".") in LEGAL_WORDS and doc[j].text[:1].isupper()
                    and _name_word(doc[i - 1], fixed, lex) and _name_word(doc[i + 1], fixed, lex)
                    and i - 1 not in tagged and not doc[i - 1].is_upper
                    and (i < 2 or doc[i - 1].is_sent_start or doc[i - 2].text.endswith(".")
                         or not _name_word(doc[i - 2], fixed, lex))):
                yield Name(i - 1, j + 1, "ORG", "Organization")
            continue
        end = i + 2
        while (end < len(doc) and doc[end].text[:1].isupper()
               and fold(doc[end].text).rstrip(".") in LEGAL_WORDS):
            end += 1
        start = i
        while start > 0:
            if _name_word(doc[start - 1], fixed, lex):
                start -= 1
            elif (doc[start - 1].text == "." and start >= 2 and not doc[start - 2].whitespace_
                  and _name_word(doc[start - 2], fixed, lex)):
                start -= 2  # "Alex. Brown and Sons"
            else:
                break
        if start == i:
            continue
        if (start >= 2 and doc[start - 1].text == "," and _name_word(doc[start - 2], fixed, lex)
                and (start == 2 or not _name_word(doc[start - 3], fixed, lex))):
            start -= 2
        yield Name(start, end, "ORG", "Organization")


def _after_wrap(doc: Doc, i: int) -> int:
    """The token at i, or the first after the space tokens of a wrapped line break at i."""
    j = i
    while j < len(doc) - 1 and doc[j].is_space and "\n\n" not in doc[j].text and not _line_break(doc, j):
        j += 1
    return j if j == i or not doc[j].is_space else i


def _joined_firms(doc: Doc, fixed: set[int], lex: Lexicon) -> Iterator[Name]:
    """'Sargent and Lundy Engineers', 'First Federal Savings and Loan Association': an organisation
    the tagger starts after "and" when the proper nouns before the "and" are in no entity."""
    tagged = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    for ent in doc.ents:
        i = ent.start - 1
        while i > 0 and doc[i].is_space and not _line_break(doc, i):
            i -= 1  # "The Agricultural Stabilization and\nConservation Service"
        if ent.label_ not in {"ORG", "PERSON"} or i < 1 or doc[i].lower_ not in {"and", "&"}:
            continue
        if ent.end - ent.start > 3 or ent.label_ == "PERSON" and fold(ent[0].text) in lex.first_names:
            continue
        start = i
        while start > 0 and start - 1 not in tagged and _name_word(doc[start - 1], fixed, lex):
            start -= 1
        if start < i and not doc[start].is_sent_start:
            yield Name(start, ent.end, "ORG", "Organization")
    for ent in doc.ents:  # "Mitsui Engineering and Shipbuilding Co Ltd"
        if ent.label_ != "ORG" or ent.end + 1 >= len(doc) or doc[ent.end].lower_ not in {"and", "&"}:
            continue
        if fold(ent[-1].text).rstrip(".") in LEGAL_WORDS:
            continue  # "Lac Minerals Ltd and Cambior Inc": a firm with its legal form, then another
        first = _after_wrap(doc, ent.end + 1)  # "American Telephone and\nTelegraph Co"
        end = first
        while end < len(doc) and end not in tagged and _name_word(doc[end], fixed, lex):
            end += 1
        if end > first + 1 and fold(doc[end - 1].text).rstrip(".") in LEGAL_WORDS:
            yield Name(ent.start, end, "ORG", "Organization")


def _name_word(tok: Token, fixed: set[int], lex: Lexicon) -> bool:
    """A capitalised proper-noun token that can be part of a firm's name (no title, no line break)."""
    return (tok.tag_ in {"NNP", "NNPS"} and tok.text[:1].isupper() and tok.i not in fixed
            and not lex.is_title_word(tok.text) and "\n" not in tok.whitespace_)


def _firm_possessive(doc: Doc, i: int, end: int) -> bool:
    """The "'s" of a firm's name, not of an owner: "Lowe's Cos Inc", "Standard and Poor's Corp"."""
    rest = doc[i + 1:end]
    owner = doc[i - 1].text if i else ""
    people = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON"}
    return (1 <= len(rest) <= 2 and fold(rest[-1].text).rstrip(".") in LEGAL_WORDS
            and owner not in people)  # not "Icahn's Transworld Airlines Inc"


JOINABLE = frozenset({"ORG", "PROPN", "PERSON", "GPE", "LOC", "FAC"})  # not a nationality: "West\nGerman farmers"


def _join_wrapped(doc: Doc, names: list[Name], lex: Lexicon) -> list[Name]:
    """Two names on either side of a wrapped line break, with nothing but the break between them,
    are one name the tagger cut at the line's end: "Universal Health Realty\nIncome Trust", "the
    Indian Sugar\nMills Association", "the South\nChina Morning Post". Not at a heading's or a
    paragraph's break (where the parser starts a sentence after a wrapped line that does not end
    one, "Secretary of State George\nShultz, who", the line decides)."""
    out: list[Name] = []
    for n in names:
        prev = out[-1] if out else None
        if (prev is not None and prev.label in JOINABLE and n.label in JOINABLE
                and _wrapped_between(doc, prev.end, n.start)
                and (doc[prev.end - 1].is_alpha or INITIALS.search(doc[prev.end - 1].text))
                and doc[n.start].text[:1].isupper()
                and not (lex.is_title_word(doc[n.start].text) or fold(doc[n.start].text) in lex.honorifics)):
            labels = {prev.label, n.label}
            label = ("ORG" if "ORG" in labels else prev.label if len(labels) == 1
                     else next(iter(labels - {"PROPN"})) if len(labels) == 2 and "PROPN" in labels
                     else "PROPN")
            out[-1] = Name(prev.start, n.end, label, prev.cue or n.cue)
            continue
        out.append(n)
    return out


OF_WORDS = frozenset({"of", "de", "du", "des", "di", "del", "della"})  # a wrapped line cuts no name at these
OF_JOINABLE = frozenset({"ORG", "PROPN", "GPE", "LOC", "FAC"})  # never a person: "Icahn of TWA Inc"


def _join_of(doc: Doc, names: list[Name], lex: Lexicon) -> list[Name]:
    """Two names joined by "of" that the tagger cut apart are one organisation's name when the
    second ends in a legal form ("Monfort of Colorado Inc", "General Motors of Canada Ltd") or the
    "of" sits at a wrapped line's edge after an organisation's head noun ("the National
    Institute\nof Economic and Industry Research"). Never after a name with its own legal form
    ("Amoco Production Co of Amoco Corp") or a title."""
    out: list[Name] = []
    for n in names:
        prev = out[-1] if out else None
        if prev is not None and prev.label in OF_JOINABLE and n.label in OF_JOINABLE | {"PERSON"}:
            gap = [t for t in doc[prev.end:n.start] if not t.is_space]
            last = doc[prev.end - 1]
            if (len(gap) == 1 and gap[0].lower_ in OF_WORDS and last.text[:1].isupper()
                    and fold(last.text).rstrip(".") not in LEGAL_WORDS and not lex.is_title_word(last.text)
                    and doc[n.start].text[:1].isupper()):
                ws = last.whitespace_ + "".join(t.text_with_ws for t in doc[prev.end:n.start])
                wrapped = ws.count("\n") == 1 and not any(
                    _line_break(doc, t.i) for t in doc[prev.end - 1:n.start])
                legal = fold(doc[n.end - 1].text).rstrip(".") in LEGAL_WORDS and n.label != "PERSON"
                head = lex.cues.get(fold(last.text)) == "Organization"
                foreign = gap[0].lower_ != "of"  # "Societe Anonyme de\nTelecommunications"
                if "\n" not in ws and legal and not foreign or wrapped and (legal or head or foreign):
                    out[-1] = Name(prev.start, n.end, "ORG", "Organization")
                    continue
        out.append(n)
    return out


def _join_and(doc: Doc, names: list[Name], lex: Lexicon) -> list[Name]:
    """'Standard\nSteamship Protection and Indemnity Association', 'Graham-McCormick Oil and
    Gas\nPartnership': an organisation's name ending in its head noun or legal form, and words the tagger left untyped (or called a person, with no given name) before
    "and" and an organisation's name are its first half. Only when those words are more than one,
    hold no organisation's head noun or legal form and the tagger gave them no organisation of
    their own ("Chrysler and the United Auto Workers" are two)."""
    out: list[Name] = []
    for n in names:
        prev = out[-1] if out else None
        tail = fold(doc[n.end - 1].text).rstrip(".") if n.end > n.start else ""
        if (prev is not None and n.label in {"ORG", "PROPN"}
                and (lex.cues.get(tail) == "Organization" or tail in LEGAL_WORDS)
                and prev.label in {"PROPN", "PERSON"} and prev.end - prev.start >= 2
                and not any(t.lower_ in {"and", "&", ","} for t in doc[n.start:n.end])  # "Parke, Davis and Co": whole
                and doc[n.start].text[:1].isupper()):
            gap = [t for t in doc[prev.end:n.start] if not t.is_space]
            words = [t for t in doc[prev.start:prev.end] if not t.is_space]
            ws = doc[prev.end - 1].whitespace_ + "".join(t.text_with_ws for t in doc[prev.end:n.start])
            if (len(gap) == 1 and gap[0].lower_ in {"and", "&"} and ws.count("\n") <= 1
                    and not any(_line_break(doc, t.i) for t in doc[prev.end - 1:n.start])
                    and fold(words[0].text) not in lex.first_names and not lex.is_title_word(words[0].text)
                    and not any(lex.cues.get(fold(t.text).rstrip(".")) == "Organization"
                                or fold(t.text).rstrip(".") in LEGAL_WORDS for t in words)):
                out[-1] = Name(prev.start, n.end, "ORG", "Organization")
                continue
        out.append(n)
    return out


def _join_party(doc: Doc, names: list[Name], lex: Lexicon) -> list[Name]:
    """'the Christian Democrats', 'the Italian Communists': a religion or nationality the tagger
    cut off just before a party's members' word (kg/data/parties.tsv), one space between, is the
    party's name; not a body's name ("House Republicans" are the House's)."""
    out: list[Name] = []
    for n in names:
        prev = out[-1] if out else None
        if (prev is not None and prev.end == n.start and n.end - n.start == 1 and prev.end - prev.start == 1
                and fold(doc[n.start].text) in lex.party_members and doc[prev.start].whitespace_ == " "
                and doc[prev.start].text[:1].isupper() and prev.label in {"NORP", "NAT"}):
            out[-1] = Name(prev.start, n.end, "ORG", "Organization")
            continue
        out.append(n)
    return out


def _letter_pair(doc: Doc, name: Name) -> Name:
    """'South Bay S and L', 'P and O': a name ending in one capital letter goes on over "and" and
    the second letter of the pair the tagger left out."""
    end = name.end
    if (end + 1 < len(doc) and re.fullmatch(r"[A-Z]", doc[end - 1].text) and doc[end].lower_ in {"and", "&"}
            and re.fullmatch(r"[A-Z]", doc[end + 1].text) and end - 1 > name.start):
        return Name(name.start, end + 2, name.label, name.cue)
    return name


MEASURES = frozenset({"rate", "index", "ratio", "tax", "price", "yield", "product", "unit"})
# a name's last word that makes it a measure ("Consumer Price Index"); not "price" (a surname),
# "product(s)" or "unit(s)" (firms' names end in them)
MEASURE_ENDS = frozenset({"rate", "rates", "index", "indices", "indexes", "ratio", "tax", "yield", "yields"})


def _common_acronym(doc: Doc, name: Name, lex: Lexicon) -> bool:
    """'the annualised money market rate (TAM)', 'gross domestic product (GDP)': an acronym in
    parentheses after a phrase in lower case abbreviates that phrase, no name: when it spells the
    phrase's initials or the phrase ends in a measure or a cue noun of no class of kg's."""
    if not (0 < name.start and doc[name.start - 1].text == "(" and name.end < len(doc)
            and doc[name.end].text == ")" and name.end - name.start == 1 and doc[name.start].text.isupper()):
        return False
    words = []
    i = name.start - 2
    while i >= 0 and (doc[i].is_space or doc[i].is_lower and doc[i].is_alpha):
        if not doc[i].is_space:
            words.insert(0, doc[i])
        i -= 1
    words = [w for w in words if w.pos_ in {"NOUN", "ADJ", "VERB", "PROPN"} or w.lower_ not in {"the", "a", "an", "of", "and", "its"}]
    if not words or words[-1].pos_ != "NOUN":
        return False
    letters = "".join(c for c in doc[name.start].text if c.isalpha()).lower()
    spelt = "".join(w.text[0] for w in words[-len(letters):]) == letters if len(words) >= len(letters) else False
    return spelt or _noun(words[-1]) in MEASURES or lex.cues.get(_noun(words[-1])) == "Thing"


def _join_spelt(doc: Doc, names: list[Name]) -> list[Name]:
    """'The Agricultural Stabilization and Conservation Service (ASCS)': two names joined by "and"
    whose acronym in parentheses spells both are one name."""
    out: list[Name] = []
    i = 0
    while i < len(names):
        a = names[i]
        b = names[i + 1] if i + 2 <= len(names) else None
        acronym = names[i + 2] if i + 2 < len(names) else None
        if (b is not None and acronym is not None and a.label in JOINABLE and b.label in JOINABLE
                and [t.lower_ for t in doc[a.end:b.start] if not t.is_space] in (["and"], ["&"])
                and acronym.start == b.end + 1 and doc[b.end].text == "("
                and acronym.end < len(doc) and doc[acronym.end].text == ")"):
            words = [t.text for t in doc[a.start:b.end] if t.is_alpha and t.lower_ not in {"and", "of", "the", "for"}]
            if "".join(w[0] for w in words).upper() == doc[acronym.start:acronym.end].text.upper():
                out.append(Name(a.start, b.end, "ORG", a.cue or b.cue))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _wrapped_between(doc: Doc, end: int, start: int) -> bool:
    """Only the whitespace of one wrapped line break lies between token `end` - 1 and `start`."""
    gap = doc[end:start]
    ws = doc[end - 1].whitespace_ + "".join(t.text_with_ws for t in gap)
    if any(not t.is_space for t in gap) or ws.count("\n") != 1:
        return False
    at = next((t.i for t in gap if "\n" in t.text), end - 1)
    return not _line_break(doc, at)


def _plural_possessive(doc: Doc, i: int, end: int, label: str) -> bool:
    """The apostrophe of a plural inside an organisation's name, not an owner's "'s": "St Louis
    Merchants' Exchange", "Seafarers' International Union"; not before a company's whole name,
    legal form and all ("National Amusements' Arsenal Holdings Inc": the owner's)."""
    return (label == "ORG" and doc[i].text in {"'", "’"} and i > 0 and doc[i - 1].text.endswith("s")
            and i + 1 < end and doc[i + 1].text[:1].isupper()
            and fold(doc[end - 1].text).rstrip(".") not in LEGAL_WORDS)  # "National Amusements' Arsenal Holdings Inc": an owner's


def _line_break(doc: Doc, i: int) -> bool:
    """A newline that ends a heading or a paragraph, not one that merely wraps a long line."""
    tok = doc[i]
    if "\n" not in tok.text and "\n" not in tok.whitespace_:
        return False
    # The text around the token only (Doc.text would join the whole document at every call):
    # back to the token holding the previous newline, on past the whitespace that follows.
    first = i
    while first > 0 and "\n" not in doc[first - 1].text + doc[first - 1].whitespace_:
        first -= 1
    first = max(first - 1, 0)
    last = i + 1
    while last < len(doc) and doc[last].is_space:
        last += 1
    base, text = doc[first].idx, doc[first:min(last + 1, len(doc))].text_with_ws
    at = (tok.idx if "\n" in tok.text else tok.idx + len(tok.text)) - base
    line = text[text.rfind("\n", 0, at) + 1:at].strip()
    following = text[at:].lstrip()[:2]
    return ("\n\n" in tok.text + tok.whitespace_
            or len(line.split()) <= 6 and len(line) * 2 < _wrap_width(doc)
            or line[-1:] in ".?!:\"”" and not INITIALS.search(line) or following[:1] in BULLETS
            or line[:1] in BULLETS)


def _wrap_width(doc: Doc) -> float:
    """The median length of the text's lines: a short line inside text wrapped at a fixed width is
    a heading, but the last words of a wrapped line ("treasurer Eric\nMattson") are not."""
    if "kg_wrap_width" not in doc.user_data:
        lengths = sorted(len(line.strip()) for line in doc.text.split("\n") if line.strip())
        doc.user_data["kg_wrap_width"] = lengths[len(lengths) // 2] if lengths else 0
    return doc.user_data["kg_wrap_width"]


def _trim(doc: Doc, start: int, end: int, label: str, fixed: set[int], lex: Lexicon) -> Name | None:
    """The name in a tagger's span: without edge words, titles, dates and table words. In angle
    brackets, the wire's marking of a company's name ("<Nestle SA>", "<Donohue Inc>"), an
    organisation; in capitals only, a stock symbol ("<NOBL ST>"), no name."""
    while start < end and doc[start].text in BRACKETS:
        start += 1
    while end > start and doc[end - 1].text in BRACKETS:
        end -= 1
    if start > 0 and doc[start - 1].text == "<" and end < len(doc) and doc[end].text == ">":
        if all(c.isupper() for t in doc[start:end] for c in t.text if c.isalpha()):
            return None
        name = _trim_span(doc, start, end, label, fixed, lex)
        return name and Name(name.start, name.end, name.label, "Organization")
    return _trim_span(doc, start, end, label, fixed, lex)


def _trim_span(doc: Doc, start: int, end: int, label: str, fixed: set[int], lex: Lexicon) -> Name | None:
    while start < end and (doc[start].lower_ in ARTICLES or doc[start].is_punct
                           or doc[start].is_space):
        start += 1
    while start < end and doc[start].pos_ in EDGE_WORDS and not doc[start].text.isupper():
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].pos_ in EDGE_WORDS):
        end -= 1
    end = _before_common_word(doc, start, end)
    while start < end and fold(doc[start].text).rstrip(".") in lex.not_names:
        start += 1  # "Shr Royal Dutch": a table word before the name
    while label != "PERSON" and end - start >= 2:  # "Opec February", "Easter April 9"
        if doc[end - 1].is_digit and fold(doc[end - 2].text).rstrip(".") in CALENDAR_WORDS:
            end -= 1
        if fold(doc[end - 1].text).rstrip(".") not in CALENDAR_WORDS:
            break
        end -= 1
    if (label != "PERSON" and end - start >= 2 and fold(doc[end - 1].text) in lex.title_heads
            and doc[end - 2].lower_ not in TITLE_LINKS):
        end -= 1  # "U.K. Economist", "Federal Reserve Chairman": a title after the name
    if label != "PERSON" and _portfolio(doc, start, end, lex):
        return None
    outside = [i for i in range(start, end) if i not in fixed]
    if outside and len(outside) < end - start:
        start, end = _longest_run(outside)
    run = start
    while run < end and (lex.is_title_word(doc[run].text) or fold(doc[run].text) in lex.honorifics):
        run += 1
    personal = label == "PERSON" or (run < end and doc[run].lower_ in {"of", "to"})
    if personal and run > start and any(fold(doc[i].text) in lex.title_heads | lex.honorifics
                                        for i in range(start, run)):
        start = run
        while start < end and doc[start].lower_ in TITLE_LINKS:
            start += 1
    if end < len(doc) and (fold(doc[end].text) in lex.title_heads or end in fixed):
        while end > start and fold(doc[end - 1].text) in lex.title_modifiers:
            end -= 1
    if start >= end or not any(t.is_alpha and t.text[0].isupper() for t in doc[start:end]):
        return None
    if all(lex.is_title_word(t.text) for t in doc[start:end]):
        return None
    return Name(start, end, label)


PORTFOLIO_HEADS = frozenset({"minister", "ministers", "secretary"})  # a title a portfolio goes before


def _portfolio(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """'Dutch Social Affairs Minister Louw de Graaf', 'Thai Industry Minister': the words before a
    minister's or secretary's title name the portfolio, not an organisation; no name when they are
    more than one word and none is an organisation's head noun ("Finance Ministry", "Treasury
    Department" stay; one word, "Treasury", stays)."""
    if end - start < 2 or end >= len(doc) or fold(doc[end].text) not in PORTFOLIO_HEADS:
        return False
    return not any(lex.cues.get(fold(t.text)) == "Organization" for t in doc[start:end])


def _before_common_word(doc: Doc, start: int, end: int) -> int:
    """Where a span stops being a name: at its first lower-case word that is no particle of names
    ("Hughes board", "Merchant bank", "Kansai airport"; but "Bank of America", "Banco do Brasil")."""
    for i in range(start + 1, end):
        text = doc[i].text
        if (doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and i >= 2
                and not doc[i - 2].whitespace_):
            continue  # the second half of a hyphenated word: "Gulf Co-operation Council"
        if text.islower() and text.isalpha() and text not in NAME_PARTICLES:
            if i == start + 1 and doc[start].is_sent_start:
                return start  # "Merchant bank Pierson": a capitalised first word of a sentence
            end = i
            break
    while end > start + 1 and doc[end - 1].text in NAME_PARTICLES:
        end -= 1
    return end


def _ticker(doc: Doc, name: Name) -> bool:
    """'<MM>' after 'Marine Midland Banks Inc': a stock symbol in angle brackets, no name of its own."""
    return (name.end - name.start == 1 and doc[name.start].text.isupper() and name.start >= 2
            and doc[name.start - 1].text == "<" and name.end < len(doc) and doc[name.end].text == ">")


def _longest_run(indices: list[int]) -> tuple[int, int]:
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return max(runs, key=lambda r: (r[1] - r[0], -r[0]))


NO_NAME = "-"  # a span that is neither a name nor a pointer to one: no chunk may take it


def _nationality(doc: Doc, name: Name, lex: Lexicon) -> Name | None:
    """Nationality adjectives become NAT (a pointer to the country); plural demonyms stay groups."""
    text = doc[name.start:name.end].text
    root = doc[name.start:name.end].root
    if fold(text) in lex.places:
        return Name(name.start, name.end, "GPE" if name.label == "NORP" else name.label, "Place")
    country = lex.country_of(text)
    adjectival = root.tag_ in {"JJ", "JJR"} or root.dep_ == "amod"
    if fold(text) in lex.nationality:
        if fold(text) in {fold(c) for c in lex.aliases} and not adjectival:
            return name
        plural = root.tag_ in {"NNS", "NNPS"} or (text.endswith("s") and not adjectival)
        if not plural and not adjectival and root.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}:
            # "American will acquire …": a firm's short name or a person, not the country; no
            # name either (the plural demonym "Americans" would take it)
            return Name(name.start, name.end, NO_NAME)
        return Name(name.start, name.end, "NORP" if plural else "NAT", "Group" if plural else "")
    if name.label == "NORP" and country is None and (adjectival or "-" in text):
        return None
    return name


def _sides(doc: Doc, pieces: list[Name], lex: Lexicon) -> list[Name]:
    """'the Russian delegation', 'the US delegation': a country's side; singular heads only."""
    piece_at = {i: n for n in pieces for i in range(n.start, n.end)}
    sides = []
    for tok in doc:
        noun = fold(tok.text)
        if noun not in lex.sides or (tok.tag_ in {"NNS", "NNPS"} and noun not in lex.side_heads):
            continue
        for child in tok.lefts:
            if (child.dep_ not in {"amod", "compound", "nmod"}
                    or any(c.dep_ == "conj" for c in child.children)):
                continue
            name = piece_at.get(child.i)
            start = name.start if name is not None and name.end == tok.i else child.i
            if child.i == tok.i - 1 and lex.country_of(doc[start:tok.i].text):
                sides.append(Name(start, tok.i + 1, "SIDE", lex.sides[fold(tok.text)]))
    return sides


def _extend_person(doc: Doc, name: Name, taken: set[int], fixed: set[int], lex: Lexicon) -> None:
    """'Yury' in 'Presidential Aide Yury Ushakov' when the tagger took only the surname; never past a
    first name the span already starts with ("Economic Affairs Robert Ortner"), an acronym ("NPPC
    Ray Hankes") or a plural proper noun."""
    while (name.start > 0 and name.end - name.start < 3
           and fold(doc[name.start].text) not in lex.first_names
           and (prev := doc[name.start - 1]).pos_ == "PROPN" and prev.is_alpha
           and prev.text[0].isupper() and prev.i not in taken and prev.i not in fixed
           and not lex.is_title_word(prev.text) and fold(prev.text) not in lex.honorifics
           and prev.tag_ != "NNPS" and not (prev.is_upper and len(prev) > 1)):
        name.start -= 1


def _propn_chunks(doc: Doc, covered: set[int], lex: Lexicon) -> Iterator[Name]:
    """Runs of proper nouns the tagger missed ('Kirill Dmitriev', 'Rubio'), split at titles."""
    run: list[Token] = []
    for tok in [*doc, None]:
        if (tok is not None and tok.pos_ == "PROPN" and tok.i not in covered and not tok.is_space
                and not lex.is_title_word(tok.text) and fold(tok.text) not in lex.honorifics
                and "\n" not in tok.text and (not run or run[-1].i == tok.i - 1)):
            run.append(tok)
            continue
        if run:
            run = run[:_before_common_word(doc, run[0].i, run[-1].i + 1) - run[0].i]
            words = [t for t in run if t.is_alpha or "-" in t.text or "." in t.text]
            headline = len(run) > 1 and all(t.is_upper for t in run if t.is_alpha)
            if words and not headline and run[0].text[0].isupper():
                yield Name(run[0].i, run[-1].i + 1, "PROPN")
        run = []
        if (tok is not None and tok.pos_ == "PROPN" and tok.i not in covered and not tok.is_space
                and not lex.is_title_word(tok.text) and fold(tok.text) not in lex.honorifics):
            run.append(tok)


def _cue(doc: Doc, name: Name, by_token: dict[int, Name], fixed: set[int], lex: Lexicon) -> str:
    """The class the words around a name give: place list, cue noun, title, first name."""
    span = doc[name.start:name.end]
    if fold(span.text) in lex.places:
        return "Place"
    alias = lex.aliases.get(fold(span.text))
    if alias:
        return alias[1]
    if WEB_NAME.search(span.text):
        return "Organization"
    root = span.root
    if _before(doc, name.start) >= 0:
        prev = doc[_before(doc, name.start)]
        if _cue_noun(doc, prev, lex) and prev.i not in by_token:
            return _cue_noun(doc, prev, lex)
        if prev.lower_ == "of" and _before(doc, prev.i) >= 0:  # "the town of Whakatane"
            noun = doc[_before(doc, prev.i)]
            if lex.cues.get(_noun(noun)) == "Place" and noun.i not in by_token and noun.is_lower:
                return "Place"
        acronym = span.text.isupper() and len(span) == 1
        if not acronym and (fold(prev.text) in lex.honorifics or prev.i in fixed
                            or fold(prev.text) in lex.title_heads and prev.pos_ in NOUNS):
            return "Person"
    nxt = next((t for t in doc[name.end:name.end + 3] if not t.is_space), None)
    if (nxt is not None and nxt.is_lower and nxt.dep_ == "compound" and nxt.head.i > nxt.i
            and lex.cues.get(_noun(nxt)) == "Thing"):
        return "Thing"  # "Random Length lumber futures": a kind of thing before the head noun
    head, hops = root, 0
    while head.dep_ == "compound" and head.head.i >= name.end and hops < 3:
        # "Random Length lumber futures", "Hepatitis-B vaccine": up the compound nouns that
        # are no other name, to the first cue noun; a name before an event's noun is where or
        # whose it is, not the event ("the Venice summit", "the OPEC conference")
        head, hops = head.head, hops + 1
        if _noun(head) in lex.cues:
            return "" if lex.cues[_noun(head)] == "Event" else lex.cues[_noun(head)]
        if head.i in by_token:
            break
    apposed = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        apposed.append(root.head)
    for other in apposed:
        if other.i in by_token or (other.i + 1 < len(doc) and doc[other.i + 1].text == "-"
                                   and not other.whitespace_):
            continue  # "co" of "co-chairman" is no company
        if _cue_noun(doc, other, lex):
            return _cue_noun(doc, other, lex)
        if _noun(other) in lex.title_heads and not (span.text.isupper() and len(span) == 1):
            return "Person"  # not an acronym: "FCOJ, a spokesman for … said" is the juice's
    words = span.text.split()
    if len(words) >= 2 and fold(words[-1].strip(".")) in lex.cues:
        return lex.cues[fold(words[-1].strip("."))]
    if len(words) >= 2 and name.label != "PERSON" and fold(words[-1]) in MEASURE_ENDS:
        return "Thing"  # "London Interbank Offered Rates", "Consumer Price Index": a measure, no node
    if "of" in words[1:]:
        # "New England Journal of Medicine", "Bank of Tokyo": the head noun before "of"
        before = words[words.index("of", 1) - 1]
        if fold(before) in lex.cues and before[:1].isupper():
            return lex.cues[fold(before)]
    if (len(words) >= 2 and fold(words[0]) in lex.first_names
            and name.label in {"PERSON", "PROPN", "ORG", "GPE"}):
        return "Person"
    return ""


def _cue_noun(doc: Doc, noun: Token, lex: Lexicon) -> str:
    """The class a cue noun gives, read with the word before it when the two are a cue of their own
    ("bulk carrier" names a ship, "carrier" an airline)."""
    before = _before(doc, noun.i)
    if before >= 0 and noun.i - before == 1:
        pair = lex.cues.get(f"{fold(doc[before].text)} {_noun(noun)}")
        if pair:
            return pair
    return lex.cues.get(_noun(noun), "")


def _titles_of(doc: Doc, name: Name, by_token: dict[int, Name], fixed: set[int], lex: Lexicon
               ) -> Iterator[tuple[list[Token], Name | None]]:
    left = _left_title(doc, _before(doc, name.start), name, by_token, fixed, lex)
    if left is not None:
        yield left
    if name.start > 1 and doc[name.start - 1].text == "," and (
            name.end == len(doc) or doc[name.end].is_punct):
        before = _left_title(doc, name.start - 2, name, by_token, fixed, lex)
        if before is not None:
            yield before
    root = doc[name.start:name.end].root
    nouns = [c for c in root.children if c.dep_ == "appos" and c.i not in by_token]
    if root.dep_ == "appos" and root.head.i not in by_token and root.head.i < name.start:
        nouns.append(root.head)
    for noun in list(nouns):
        nouns.extend(c for c in noun.children if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"})
    for noun in nouns:
        if _noun(noun) in lex.title_heads or fold(noun.text) in lex.title_heads:
            words = [c for c in noun.lefts if c.dep_ in {"amod", "compound", "nmod"}
                     and c.i not in by_token and (lex.is_title_word(c.text) or c.i in fixed)]
            yield sorted([*words, noun], key=lambda t: t.i), _office(noun, by_token, lex, depth=0)


def _before(doc: Doc, i: int) -> int:
    """The token before i, past the line breaks of wrapped text ("president\nJacques Delors")."""
    i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i


def _left_title(doc: Doc, i: int, name: Name, by_token: dict[int, Name], fixed: set[int],
                lex: Lexicon) -> tuple[list[Token], Name | None] | None:
    """Scan left from token i: 'Ukraine's Defense Minister Rustem Umerov', 'Head of the Russian
    Direct Investment Fund Kirill Dmitriev', 'his chief of staff, Andriy Yermak'."""
    words: list[Token] = []
    of: Name | None = None
    while i >= 0:
        tok = doc[i]
        if tok.is_space:
            i -= 1
            continue
        if i in fixed or lex.is_title_word(tok.text):
            if i in by_token and by_token[i] is not name and i not in fixed:
                break
            words.insert(0, tok)
        elif fold(tok.text) in lex.honorifics:
            pass
        elif tok.tag_ == "PRP$" and words:
            of = Name(i, i + 1, "PRON")
            break
        elif tok.tag_ == "POS" and i - 1 in by_token:
            of = by_token[i - 1]
            break
        elif i in by_token:
            of = by_token[i]
            if words:
                break
            i = of.start - 1
            if i > 0 and doc[i].tag_ == "POS" and i - 1 in by_token:
                i = by_token[i - 1].start - 1
            links = []
            while i >= 0 and doc[i].lower_ in TITLE_LINKS:
                links.append(doc[i])
                i -= 1
            if not links or not any(t.lower_ in {"of", "to"} for t in links):
                break
            while (i >= 0 and i not in by_token
                   and (lex.is_title_word(doc[i].text) or doc[i].lower_ in TITLE_LINKS)):
                words.insert(0, doc[i])
                i -= 1
            break
        else:
            break
        i -= 1
    words = _leftmost_title(words, fixed, lex)
    if not words:
        return None
    return words, of


def _leftmost_title(words: list[Token], fixed: set[int], lex: Lexicon) -> list[Token]:
    """The first run of title words that ends in a head: 'adviser' of 'adviser to the director'."""
    run: list[Token] = []
    for tok in words:
        if lex.is_title_word(tok.text) or tok.i in fixed:
            if run and tok.i != run[-1].i + 1:
                break
            run.append(tok)
        elif run and any(fold(t.text) in lex.title_heads or t.i in fixed for t in run):
            break
        else:
            run = []
    while run and run[-1].i not in fixed and (fold(run[-1].text) not in lex.title_heads
                                              or run[-1].pos_ not in NOUNS):
        run.pop()
    return run


def _office(noun: Token, by_token: dict[int, Name], lex: Lexicon, depth: int) -> Name | None:
    """Whose office a title noun names: its possessor, nationality, or object of 'of'/'to'."""
    for dep in ("poss", "amod", "compound", "nmod"):
        for child in noun.children:
            if child.dep_ == dep and child.i in by_token:
                return by_token[child.i]
    if depth > 3:
        return None
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in OF_PREPS:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            if pobj.i in by_token:
                return by_token[pobj.i]
            found = _office(pobj, by_token, lex, depth + 1)
            if found is not None:
                return found
            for child in pobj.children:
                if child.dep_ == "appos" and child.i in by_token:
                    return by_token[child.i]
    return None


def _noun(tok: Token) -> str:
    """A noun's lemma, folded; its text when the pipeline sets lemmas for verbs only."""
    return fold(tok.lemma_ or tok.text)


def _title_text(words: list[Token]) -> str:
    return " ".join(t.text for t in words)


def _sentence_of(doc: Doc) -> dict[int, int]:
    return {i: index for index, sent in enumerate(doc.sents) for i in range(sent.start, sent.end)}


def _mention(doc: Doc, start: int, end: int, label: str, cue: str, doc_id: str,
             sent_of: dict[int, int]) -> Mention:
    span = doc[start:end]
    return Mention(doc_id, sent_of[start], span.text, span.start_char, span.end_char, label,
                   span.root.dep_, None, cue)
