"""Admission: a cluster of names becomes a node only when one of its names is read whole.

A name the tagger cut out of a longer one ("Coopers" of "Coopers and Lybrand", "S Ferrosan" of
"A/S Ferrosan", "U.S. Court" of "U.S. Court of Appeals") has a ragged edge: the words just outside
its span go on naming. A cluster is admitted when one of its mentions has clean edges, or when the
corpus names one of its forms elsewhere with clean edges; otherwise its mentions keep their text
and make no node (precision before recall). The edge words are declared in kg/data/edges.tsv.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from ..data import LEGAL_WORDS, Lexicon, edge_words, fold
from ..types import Extraction, Mention
from .clusters import Cluster
from .names import _STOP, clean_label, name_key

WORD = re.compile(r"[^\W_][\w.'&’-]*|[^\w\s]")  # a word, or one punctuation mark
CAPITAL = re.compile(r"[A-Z]")
PARTNERSHIP = re.compile(r"\band (Co|Company|Sons|Cie)\b")
ARTICLES = frozenset({"the", "a", "an"})
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})
FIRM_LABELS = frozenset({"ORG", "PROPN"})
TITLE = Mention("", 0, "", 0, 0, "TITLE")  # a title's words end no name
NO_NODE = frozenset({"PRON", "NAT", "SIDE", "NOUN"})  # mentions that are no names


def admitted(clusters: list[Cluster], extractions: Iterable[Extraction], lex: Lexicon) -> list[Cluster]:
    """The clusters one of whose names the corpus reads whole somewhere (see the module doc)."""
    extractions = list(extractions)
    edges = _Edges(lex, frozenset(fold(clean_label(m.text)) for ex in extractions for m in ex.mentions if m.label not in NO_NODE))
    clean: set[tuple[str, int]] = set()
    keys: set[str] = set()
    for ex in extractions:
        text = _text(ex)
        bounds = {s.index: (s.start, s.end) for s in ex.sentences}
        names = {m.start: m for m in ex.mentions if m.label not in {"PRON", "NOUN"}}
        ends = {m.end: m for m in names.values()}
        ends.update((i, TITLE) for t in ex.titles for i in range(t.start, t.end + 1))
        for m in names.values():
            if m.label in NO_NODE:
                continue
            start, end = bounds.get(m.sentence, (0, len(text)))
            if edges.clean(text, _stripped(m), start, end, names, ends):
                clean.add((m.doc_id, m.start))
                keys.add(name_key(clean_label(m.text), lex))
    terms = {t for ex in extractions for t in common_terms(ex)}
    cut_stories = {doc for doc, _ in edges.cut}
    return [c for c in clusters
            if (any((m.doc_id, m.start) in clean for m in c.mentions)
                or any(name_key(f, lex) in keys for f in c.forms))
            and not all(fold(clean_label(f)) in terms for f in c.forms)
            and not _bare_head(c, edges, cut_stories)]


def _bare_head(c: Cluster, edges: "_Edges", stories: set[str]) -> bool:
    """A generic head alone, all of whose stories also name it cut before its "of": "the Straits"
    beside "Straits" of "Straits of Hormuz" is that strait's short form, no name of its own (a
    "Gulf" that other stories name alone keeps its node). `stories`: the documents of `edges.cut`."""
    return (all(m.doc_id in stories for m in c.mentions)
            and all(fold(clean_label(f)) in edges.of_heads for f in c.forms))


# an abbreviation in parentheses after the lower-case words it abbreviates: "crude palm oil (CPO)"
_DEFINED = re.compile(r"((?:[a-z][a-z'-]* ){1,8})\(([A-Z][A-Z&]{1,6})(s?)\)")


def common_terms(ex: Extraction) -> set[str]:
    """The abbreviations a document defines as a common term, written in lower case before them in
    parentheses ("crude palm oil (CPO)", "a letter of credit (LOC)", "exchanges for physicals (EFPs)"):
    folded, with and without a plural "s". A name is defined by capitalised words ("Caspian Pipeline
    Consortium (CPC)"), so a cluster that also holds such a long form keeps its node."""
    found: set[str] = set()
    for s in ex.sentences:
        for m in _DEFINED.finditer(s.text):
            words, letters = m.group(1).split(), m.group(2).replace("&", "").casefold()
            if _spells(words, letters):
                found.update({letters, letters + "s", fold(m.group(2)), fold(m.group(2)) + "s"})
    return found


def _spells(words: list[str], letters: str) -> bool:
    """The last words' initials are the letters, with or without their function words."""
    if letters.endswith("s") and len(letters) > 2 and words and words[-1].endswith("s"):
        letters = letters[:-1]  # "exchanges for physicals (EFPS)": the plural's letter
    for k in range(len(letters), min(len(words), len(letters) + 2) + 1):
        tail = words[-k:]
        if tail[0] in _STOP:
            continue
        if "".join(w[0] for w in tail) == letters or "".join(w[0] for w in tail if w not in _STOP) == letters:
            return True
    return False


def _stripped(m: Mention) -> Mention:
    """The mention without the spaces and line breaks at its edges ("\\nBob Packwood")."""
    lead = len(m.text) - len(m.text.lstrip())
    text = m.text.strip()
    return dataclasses.replace(m, text=text, start=m.start + lead, end=m.start + lead + len(text))


def _text(ex: Extraction) -> str:
    """The document's text as far as its sentences cover it (spaces between them)."""
    size = max((s.end for s in ex.sentences), default=0)
    chars = [" "] * size
    for s in ex.sentences:
        chars[s.start:s.start + len(s.text)] = s.text
    return "".join(chars[:size])


class _Edges:
    def __init__(self, lex: Lexicon, named: frozenset[str] = frozenset()) -> None:
        words = edge_words()
        self.lex = lex
        self.named = named                  # the corpus's names, folded
        self.fields = words["field"]        # a title's fields: "agriculture", "finance"
        self.joins = words["join"]          # "and", "&": a name goes on over them
        self.particles = words["particle"]  # "du", "am", "von": inside a foreign name
        self.ofs = words["of"]              # "of": a name goes on over it to a capitalised word
        self.of_heads = words["of_head"]    # "straits", "district": a head that needs its "of" + name
        self.closed = words["closed"]       # capitalised function words: "The", "In", "But"
        self.heads = words["head"]          # lower-case heads a cut name runs on into: "committee"
        self.cut: set[tuple[str, int]] = set()  # mentions cut before a generic head's "of"

    def clean(self, text: str, m: Mention, start: int, end: int, names: dict[int, Mention],
              ends: dict[int, Mention]) -> bool:
        """Both edges of `m` clean, within its sentence [start, end); `names`: the document's
        names by start offset, `ends` their end offsets (two names side by side are both whole)."""
        if text[m.start:m.end] != m.text:
            return True  # no text to read its edges from
        return (not _inside_brackets(text, m, start, end) and self._left_clean(text, m, start, ends)
                and self._right_clean(text, m, end, names))

    def _name_word(self, word: str) -> bool:
        """A capitalised word that names (not "The", a title or an honorific)."""
        if not CAPITAL.match(word):
            return False
        if "-" in word and word.rsplit("-", 1)[1][:1].islower():
            return False  # an adjective: "London-based", "BBB-minus", "U.S.-built"
        folded = fold(word).rstrip(".")
        return not (folded in self.closed or folded in self.lex.title_heads or folded in self.lex.not_names
                    or folded in self.lex.title_modifiers or folded in self.lex.honorifics)

    def _field(self, word: str, rest: list[str]) -> bool:
        """A title's field (edges.tsv) beside a name of the corpus or a function word: "Agriculture"
        after "EC" in "EC Agriculture Commissioner", "State" of "Minister of State for Finance"."""
        if fold(word).rstrip(".") not in self.fields:
            return False
        return not rest or fold(" ".join(rest)) in self.named or fold(rest[0]) in {"for", "of", "and", "&"}

    def _left_clean(self, text: str, m: Mention, start: int, ends: dict[int, Mention]) -> bool:
        if m.start > 0 and (text[m.start - 1].isalnum() or text[m.start - 1] in "/&-"):
            return False  # glued: "A/S Ferrosan"
        window = max(start, m.start - 80)
        before = [(w.group(), w.end() + window) for w in WORD.finditer(text[window:m.start])]
        if not before:
            return True
        w1, end1 = before[-1]
        w2, end2 = before[-2] if len(before) > 1 else ("", -1)
        if fold(w1) in self.particles:
            return not CAPITAL.match(w2)  # "Bild am Sonntag"
        if fold(w1) in self.ofs and fold(w2) in self.lex.title_heads and self._field(m.text.split()[0], m.text.split()[1:]):
            return False  # "Minister of State for Finance and Industry": a title's field, no name
        if fold(w1) in self.joins:
            # "Ways and Means Committee"; "IBM and Apple" are two names, but not "United Merchants and
            # Manufacturers Inc": a legal form after "and" ends the name of both halves
            first = ends.get(end2)
            return not CAPITAL.match(w2) or first is not None and (
                not _legal_end(m.text) or _legal_end(first.text) or first.label not in FIRM_LABELS)
        if w1 == ",":
            # "Smith Barney, Harris Upham and Co Inc": a partnership's comma
            return not (self._name_word(w2) and PARTNERSHIP.search(m.text))
        if w1.endswith(("'s", "’s", "'", "’")) or end1 in ends:
            return True  # an owner before a name ("Toyota's Camry"), two names side by side
        if len(before) == 1 and window == start:
            return True  # a sentence's first word
        return not self._name_word(w1)

    def _right_clean(self, text: str, m: Mention, sentence_end: int, names: dict[int, Mention]) -> bool:
        if m.end < len(text) and (text[m.end].isalnum() or text[m.end] in "/&"):
            return False  # cut inside a word
        last = fold(m.text.split()[-1]) if m.text.split() else ""
        if last in self.ofs:
            return False  # "Ministry of" of "Ministry of Finance": a label ending in "of"
        after = [(w.group(), w.start() + m.end) for w in
                 WORD.finditer(text[m.end:min(sentence_end, m.end + 80)])][:3]
        if not after:
            return True
        r1, start1 = after[0]
        r2, start2 = after[1] if len(after) > 1 else ("", -1)
        if fold(r1) in self.joins:
            if (len(after) > 2 and fold(after[2][0]) in self.lex.title_heads and fold(r2) in self.fields
                    and self._field(m.text.split()[-1], m.text.split()[:-1])):
                return False  # "Texas Savings and Loan Commissioner": a title's fields
            if start2 in names and self._plural_head_after(text, names[start2], sentence_end):
                return False  # "Terrall" of "Terrall and Val Verde counties": the head is both's
            return not CAPITAL.match(r2) or start2 in names  # "Coopers and Lybrand"
        if fold(r1) in self.particles:
            return not CAPITAL.match(r2)  # "Banque Generale du Luxembourg"
        if fold(r1) in self.ofs:
            # "U.S. Court of Appeals"; "Smith of Merrill Lynch", "Biopool AB of Umea" are whole
            if fold(r2) in ARTICLES and len(after) > 2:
                r2, start2 = after[2]
            follows = names.get(start2)
            if last in self.of_heads and CAPITAL.match(r2):
                self.cut.add((m.doc_id, m.start))
                return False  # "Straits" of "Straits of Hormuz": a generic head that needs its "of"
            return (m.label == "PERSON" or not CAPITAL.match(r2) or _legal_end(m.text)
                    or follows is not None and follows.label in PLACE_LABELS)
        if fold(r1) in self.heads or fold(r1).rstrip(".") in self.heads:
            return False  # "House Select committee", "Los Angeles and Orange counties."
        if fold(r1) in self.lex.title_heads and self._field(m.text.split()[-1], m.text.split()[:-1]):
            return False  # "EC Agriculture Commissioner": a title's field, no name
        if m.text.endswith(".") and CAPITAL.match(r1):
            return True  # "... Enterprises Inc.\nCurrent qtr": the abbreviation's stop ends a sentence
        return start1 in names or not self._name_word(r1)

    def _plural_head_after(self, text: str, m: Mention, sentence_end: int) -> bool:
        """A plural head just after `m` ("Orange counties"), which two names joined by "and" share."""
        word = WORD.search(text, m.end, sentence_end)
        folded = fold(word.group()).rstrip(".") if word else ""
        return folded.endswith("s") and folded in self.heads


def _inside_brackets(text: str, m: Mention, start: int, end: int) -> bool:
    """A part of a name Reuters marks whole in angle brackets: "Mallet SA" of "<Banque de Neuflize,
    Schlumberger, Mallet SA>" (not the whole, with or without its brackets)."""
    opened = text.rfind("<", start, m.start + 1)
    if opened < 0 or text.find(">", opened, m.start) >= 0:
        return False
    closed = text.find(">", max(opened, m.end - 1), end)
    if closed < 0 or text.find("<", opened + 1, closed) >= 0:
        return False
    whole = re.sub(r"(['’]s)?[.,;]*$", "", " ".join(text[opened + 1:closed].split()))  # "<Hoechst AG's>", "<Bangkok Bank\nLtd,>"
    return re.sub(r"[.,;]*$", "", " ".join(m.text.strip("<> \n").split())) != whole


def _legal_end(name: str) -> bool:
    """A name ending in a legal form is whole before "of": "Intracoastal Refining Inc of Conroe"."""
    words = name.split()
    return bool(words) and fold(words[-1]).rstrip(".") in LEGAL_WORDS
