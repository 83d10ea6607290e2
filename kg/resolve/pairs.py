"""Names the tagger cut in two at "and", "&", a comma or a line break: "Goodyear Tire" and
"Rubber\\nCo" of "Goodyear Tire and Rubber\\nCo", "Smith Barney" and "Harris Upham and Co Inc" of
"Smith Barney, Harris Upham and Co Inc", "Hambrecht" and "Quist Inc" of "Hambrecht and Quist Inc".

Two names of one sentence with only such a gap between them become one mention of the whole when
  - the corpus names the whole elsewhere in one piece (the same key, legal form and spacing aside), or
  - the gap is "and"/"&", the second ends in a legal form, the first is one word with no legal
    form, no known place, nationality or given name, and neither half is ever named in the corpus
    except beside the other: a firm named after its partners ("Rodman and Renshaw Capital Group
    Inc"), not two firms ("Chrysler and American Motors Corp": each is named alone elsewhere), or
  - the gap is a line break alone and both are organisations, the first one word ("European\nPatent
    Office"), or
  - one space apart, the first is one untagged capitalised word and the second a common word and
    its legal form never named apart ("Matrix" / "Science Corp" of "Matrix Science Corp"), or
  - the first is a nationality adjective the tagger left out, one space before an organisation's
    name that starts with "National" or that the corpus names with it in one piece elsewhere
    ("Japanese National Railways": "National Railways" alone is no one thing).
A name's first word at a line's start that is a table's word (`lead` in kg/data/edges.tsv), before a
name the corpus names on its own, is glued on ("Final Shell Transport dividend", "Net Shell
Transport 4.78 dlrs"): the mention loses it.
One pass over the mentions with a dict of keys: linear, the same for any document order.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable

from ..data import LEGAL_WORDS, Lexicon, edge_words
from ..types import Extraction, Mention
from .names import clean_label, fold, is_junk, legal_base, org_key

NOT_NAMES = frozenset({"PRON", "NAT", "SIDE"})
HALVES = frozenset({"ORG", "PERSON", "PROPN", "GPE", "FAC"})
APART = 2  # mentions: a half named this often on its own is a name of its own
_GAP = re.compile(r"^\s*(and|&|,)?\s*$")
EDGE_CLOSED = edge_words()["closed"]  # "The", "In", months: no name's first word
NATIONAL = frozenset({"national"})  # a name's first word that takes the nationality before it into the name


def _key(text: str, lex: Lexicon) -> str:
    return org_key(text, lex).replace(" ", "").replace("&", "and")


def _pairs(ex: Extraction) -> Iterable[tuple[Mention, str, Mention]]:
    sentences = {s.index: s for s in ex.sentences}
    names = sorted((m for m in ex.mentions if m.label not in NOT_NAMES), key=lambda m: m.start)
    for a, b in zip(names, names[1:]):
        gap = _gap(sentences, a, b)
        if gap is not None and b.sentence == a.sentence and _given_name(a, gap, b):
            yield a, "", b  # "Hugo\nJohannesson"
            continue
        if gap is None or a.label not in HALVES or b.label not in HALVES:
            continue
        found = _GAP.match(gap)
        if found and (found.group(1) or "\n" in gap):
            yield a, found.group(1) or "", b
        elif gap == " " and _spaced(a, b):
            yield a, " ", b


def _given_name(a: Mention, gap: str, b: Mention) -> bool:
    """'Hugo\nJohannesson': one capitalised word the tagger called no organisation, place or
    person at a line's end, a person's one-word name at the next line's start."""
    return (gap.strip() == "" and "\n" in gap and b.label == "PERSON" and a.label in {"EVENT", "PROPN", "WORK_OF_ART", "PRODUCT"}
            and bool(re.fullmatch(r"[A-Z][a-z]+", a.text)) and bool(re.fullmatch(r"[A-Z][a-z'-]+", b.text)))


def _common_word(a: Mention, lex: Lexicon) -> bool:
    """A first half that is a function word, a place or a nationality, no word of a name cut short."""
    return fold(a.text) in EDGE_CLOSED or bool(lex.place_name(a.text)) or fold(a.text) in lex.nationality


def _spaced(a: Mention, b: Mention) -> bool:
    """'Matrix' / 'Science Corp' of "Matrix Science Corp said": one untagged capitalised word the
    tagger left out one space before a common word and its legal form."""
    words = clean_label(b.text).split()
    return (a.label == "PROPN" and b.label == "ORG" and bool(re.fullmatch(r"[A-Z][a-z]+", a.text))
            and len(words) == 2 and words[0][1:].islower() and _legal(clean_label(b.text)))


def _gap(sentences: dict, a: Mention, b: Mention) -> str | None:
    """The text between two names of one sentence, or of two when the parser ended the first's
    sentence at a line break right after it ("Managers are Irving Trust Co, Toyo Trust\nand Banking
    Co Ltd"); None otherwise."""
    s = sentences.get(a.sentence)
    if s is None:
        return None
    if b.sentence == a.sentence:
        return s.text[a.end - s.start:b.start - s.start]
    t = sentences.get(b.sentence)
    if (b.sentence != a.sentence + 1 or t is None or s.text[a.end - s.start:].strip()
            or not re.fullmatch(r"(and|&) ", t.text[:b.start - t.start])):
        return None
    return "\n" + t.text[:b.start - t.start]


def glue_pairs(extractions: list[Extraction], lex: Lexicon) -> tuple[list[Extraction], dict[tuple[str, int], int]]:
    """The extractions with each cut name made one mention again, and (document, start of the
    second half) → start of the whole, for pronouns that point at the second half."""
    whole: Counter = Counter()
    named: Counter = Counter()
    first_half: Counter = Counter()
    second_half: Counter = Counter()
    after_nationality: Counter = Counter()
    spaced_second: Counter = Counter()
    found: list[tuple[Extraction, list[tuple[Mention, str, Mention]], list[tuple[Mention, Mention]]]] = []
    extractions = _without_glued_words(extractions, lex)
    for ex in extractions:
        for m in ex.mentions:
            if m.label not in NOT_NAMES:
                whole[_key(m.text, lex)] += 1
                named[fold(clean_label(m.text))] += 1
        pairs = list(_pairs(ex))
        nationals = list(_nationals(ex, lex))
        for _, b in nationals:
            after_nationality[fold(clean_label(b.text))] += 1
        for a, gap, b in pairs:
            if gap == " ":
                spaced_second[fold(clean_label(b.text))] += 1
            if gap in {"and", "&"}:
                first_half[fold(clean_label(a.text))] += 1
                second_half[fold(clean_label(b.text))] += 1
        found.append((ex, pairs, nationals))
    paired = {(ex.doc_id, m.start) for ex, pairs, _ in found for a, _, b in pairs for m in (a, b)}
    apart: Counter = Counter(fold(clean_label(m.text)) for ex in extractions for m in ex.mentions
                             if m.label not in NOT_NAMES and (ex.doc_id, m.start) not in paired)
    out: list[Extraction] = []
    moved: dict[tuple[str, int], int] = {}
    for ex, pairs, nationals in found:
        sentences = {s.index: s for s in ex.sentences}
        glued: dict[int, Mention] = {}
        gone: set[int] = set()
        # "Tiger, Jaguar, Puma and Tiger Management Co" is a list; "Irving Trust Co, Toyo Trust and
        # Banking Co Ltd and Standard Chartered Bank" a list of whole names, each ending in its legal form
        seconds = {b.start for a, gap, b in pairs if gap.strip() and not (gap == "," and _legal(clean_label(a.text)))}
        firsts = {a.start for a, gap, _ in pairs if gap.strip() and not _legal(clean_label(a.text))}
        for a, gap, b in pairs:
            if a.start in gone or a.start in glued or b.start in glued:
                continue
            listed = a.start in seconds or b.start in firsts  # "Tiger, Jaguar, Puma and Tiger Management Co"
            if not gap and _given_name(a, "\n", b):
                if _common_word(a, lex):
                    continue
                label, cue = "PERSON", "Person"
            elif gap == " ":
                if (named[fold(clean_label(b.text))] != spaced_second[fold(clean_label(b.text))]
                        or _common_word(a, lex)):
                    continue  # "Science Corp" named alone elsewhere is a firm of its own
                label, cue = "ORG", "Organization"
            elif _attested(a, gap, b, whole, apart, lex):
                # the whole's other mentions type it ("St.\nLouis" stays a place)
                label, cue = (a.label if a.label == b.label else "ORG"), a.cue or b.cue
            elif not listed and _partners(a, gap, b, named, first_half, second_half, lex):
                label, cue = "ORG", "Organization"
            elif _wrapped(a, gap, b, lex):
                label, cue = "ORG", a.cue or b.cue
            else:
                continue
            # the halves' own texts and the gap between them: a half may run past its sentence's
            # end ("Pacific\nTea Co" when the parser ends a sentence at the line break)
            text = a.text + (_gap(sentences, a, b) or "") + b.text
            glued[a.start] = Mention(a.doc_id, a.sentence, text, a.start, b.end, label, a.role, None, cue)
            gone.add(b.start)
            moved[(ex.doc_id, b.start)] = a.start
        for a, b in nationals:
            words = clean_label(b.text).split()
            if a.start in glued or b.start in glued or b.start in gone or not (
                    # "Japanese National Railways", never named without its nationality; not "British
                    # National Westminster Bank": the bank is named alone elsewhere
                    fold(words[0]) in NATIONAL and named[fold(clean_label(b.text))] == after_nationality[fold(clean_label(b.text))]
                    or whole[_key(f"{a.text} {b.text}", lex)]):
                continue
            glued[a.start] = Mention(a.doc_id, a.sentence, f"{a.text} {b.text}", a.start, b.end, "ORG", b.role,
                                     None, b.cue)
            gone.add(b.start)
            moved[(ex.doc_id, b.start)] = a.start
        if not glued:
            out.append(ex)
            continue
        mentions = tuple(glued.get(m.start, m) for m in ex.mentions
                         if not (m.label not in NOT_NAMES and m.start in gone))
        out.append(dataclasses.replace(ex, mentions=mentions))
    return out, moved


def _without_glued_words(extractions: list[Extraction], lex: Lexicon) -> list[Extraction]:
    """The extractions with a table's common word cut off the names it starts at a line's start
    (see the module doc): "Final Shell Transport" is "Shell Transport"."""
    leads = edge_words()["lead"]
    named = Counter(fold(clean_label(m.text)) for ex in extractions for m in ex.mentions if m.label not in NOT_NAMES)
    out: list[Extraction] = []
    for ex in extractions:
        sentences = {s.index: s for s in ex.sentences}
        cut: dict[int, Mention] = {}
        for m in ex.mentions:
            s = sentences.get(m.sentence)
            words = m.text.split(" ")
            if m.label in NOT_NAMES or s is None or len(words) < 3 or not re.fullmatch(r"[A-Z][a-z]+", words[0]):
                continue
            before = s.text[:m.start - s.start]
            word, rest = fold(words[0]), " ".join(words[1:])
            if (before and not before.endswith("\n")) or word not in leads or not named[fold(clean_label(rest))]:
                continue
            cut[m.start] = dataclasses.replace(m, text=rest, start=m.start + len(words[0]) + 1)
        out.append(dataclasses.replace(ex, mentions=tuple(cut.get(m.start, m) if m.label not in NOT_NAMES else m
                                                          for m in ex.mentions)) if cut else ex)
    return out


def _nationals(ex: Extraction, lex: Lexicon) -> Iterable[tuple[Mention, Mention]]:
    """(nationality adjective, organisation's name of two words or more) one space apart in one
    sentence: "Japanese" / "National Railways"."""
    sentences = {s.index: s for s in ex.sentences}
    by_start = {m.start: m for m in ex.mentions if m.label == "ORG"}
    for a in ex.mentions:
        b = by_start.get(a.end + 1)
        s = sentences.get(a.sentence)
        if (a.label not in {"NAT", "NORP"} or b is None or s is None or b.sentence != a.sentence
                or " " in a.text or not a.text[:1].isupper() or fold(a.text) not in lex.nationality
                or s.text[a.end - s.start:b.start - s.start] != " "):
            continue
        if len(clean_label(b.text).split()) > 1:
            yield a, b


def _attested(a: Mention, gap: str, b: Mention, whole: Counter, apart: Counter, lex: Lexicon) -> bool:
    """The corpus names the pair in one piece: "Goodyear Tire and Rubber Co" beside "Goodyear Tire"
    / "Rubber\\nCo"; "Smith Barney Harris Upham and Co Inc" beside "Smith Barney, Harris Upham ...".
    Not two names each named apart elsewhere (the tagger's "IMF and World Bank" is no one name),
    two places, a table word, or after a comma anything but a firm's name ending in its legal form
    ("Pike County, Ky.", "European Community, EC")."""
    left, right = clean_label(a.text), clean_label(b.text)
    if not left or not right or _legal(left) or is_junk(left, lex) or is_junk(right, lex):
        return False  # "Lac Minerals Ltd and Cambior Inc": a firm in full, then another
    if lex.place_name(left) and lex.place_name(right):
        return False  # "Trinidad and Tobago" is the country's own name, not a cut one
    if gap == "," and not (len(right.split()) > 1 and _legal(right)):
        return False
    joins = [f"{left} and {right}", f"{left} & {right}"] if gap in {"and", "&"} else [f"{left} {right}"]
    times = max(whole[_key(j, lex)] for j in joins)
    # each half named on its own more often than the whole: two names ("IMF and World Bank")
    return times > 0 and not (apart[fold(left)] > max(times, APART - 1) and apart[fold(right)] > max(times, APART - 1))


def _partners(a: Mention, gap: str, b: Mention, named: Counter, first_half: Counter, second_half: Counter,
              lex: Lexicon) -> bool:
    """'Hambrecht and Quist Inc', 'Wyrough and Loser Inc', 'Great Atlantic and Pacific Tea Co': a
    word (or two or three) and a name with its legal form, neither of them ever named apart from
    the other."""
    left, right = clean_label(a.text), clean_label(b.text)
    if gap not in {"and", "&"} or not left[:1].isupper() or left.isupper():
        return False
    words = right.split()
    if len(words) < 2 or not _legal(right) or _legal(left):
        return False
    key = fold(left)
    if " " in left:
        # "Great Atlantic and Pacific Tea Co", "Highveld Steel and Vanadium Corp Ltd": two or three
        # capitalised words, none a place, nationality or legal form, before one or two words and a
        # legal form, not in capitals ("and NYLIFE Equity Inc" is another firm, "and Security Pacific
        # Merchant Banking Group" a firm's name in full)
        lwords = left.replace(",", " ").split()
        rest = legal_base(right).split()
        if (len(lwords) > 3 or words[0].isupper() or a.label == "GPE" or len(rest) > 2
                or any(w in {"and", "&"} or w.endswith(",") for w in rest)  # "Parke, Davis and Co": a whole firm
                or not all(re.fullmatch(r"[A-Z][a-z][\w'-]*", w) for w in lwords)
                or any(fold(w) in lex.nationality for w in lwords)
                or any(lex.place_name(w) or fold(w).rstrip(".") in LEGAL_WORDS for w in lwords[1:])
                or lex.place_name(left)):
            return False
    elif a.label in {"GPE", "FAC"}:
        return False
    if (lex.place_name(key) or key in lex.nationality or key in lex.first_names or key in lex.aliases
            or lex.country_of(left) is not None):
        return False
    return (named[key] == first_half[key]
            and named[fold(right)] == second_half[fold(right)])


def _wrapped(a: Mention, gap: str, b: Mention, lex: Lexicon) -> bool:
    """'European\nPatent Office', 'Dominion\nSecurities', 'Chrysler\nFirst Inc': one word the
    tagger calls an organisation at a line's end and an organisation's name at the next line's
    start, nothing between, are one name the line break cut (a stop after the first ends a
    sentence: "Fujitsu Ltd.\nSchlumberger"). Not a place, a firm's full name with its legal form,
    a given name or a table word."""
    left = clean_label(a.text)
    if gap or a.label != "ORG" or b.label != "ORG" or " " in left or a.text.rstrip().endswith("."):
        return False
    key = fold(left)
    return not (not left[:1].isupper() or lex.place_name(key) or key in lex.first_names
                or key in LEGAL_WORDS or is_junk(left, lex) or is_junk(clean_label(b.text), lex))


def _legal(form: str) -> bool:
    return len(form.split()) > 1 and fold(form.split()[-1]).rstrip(".") in LEGAL_WORDS or legal_base(form) != form
