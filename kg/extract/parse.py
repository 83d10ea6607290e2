"""The one parse view every rule reads: the raw tuple and its typed construction kind, the
per-sentence `Parse` (children lists, titled names), argument and verb-group expansion, and the
Doc's tokens read once (`Tok`, `TokDoc`) for the rules to walk without rebuilding spaCy Tokens."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from operator import attrgetter

import numpy
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IS_ALPHA,
    IS_LOWER,
    IS_PUNCT,
    IS_SPACE,
    IS_TITLE,
    LEMMA,
    LIKE_NUM,
    LOWER,
    ORTH,
    POS,
    SPACY,
    TAG,
)
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span, Token

from .vocabulary import (
    CLAUSAL,
    CLOSE_QUOTES,
    EDGE_PUNCT,
    HEAD_ONLY_CUT,
    NAME_STOP,
    OPEN_QUOTES,
    ORG_ENTS,
    PLACE_ENTS,
    TITLES,
    VERB_GROUP,
    WH_TAGS,
)


_index = attrgetter("i")
IOB_NAMES = ("", "I", "O", "B")  # Token.ent_iob_ by Token.ent_iob
ARRAY_ATTRS = [ORTH, SPACY, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, ENT_IOB,
               IS_LOWER, IS_PUNCT, IS_SPACE, LIKE_NUM, IS_ALPHA, IS_TITLE]
STRINGS_LIMIT = 500_000  # string ids kept before the cache starts afresh (bounded memory)


class Tok:
    """One token of a parsed Doc, read once from the Doc's arrays: the attributes the rules read
    are plain fields and `head`, `children`, `subtree`, `left_edge`… give the same `Tok` objects
    each time, where spaCy builds a new Token on every access. Equality, ordering and hash are
    spaCy's (`Token.__richcmp__`, `Token.__hash__`); any other attribute is the spaCy Token's."""

    __slots__ = ("doc", "i", "idx", "text", "whitespace_", "lower_", "lemma_", "pos_", "tag_",
                 "dep_", "ent_type_", "ent_iob_", "is_lower", "is_punct", "is_space", "like_num",
                 "is_alpha", "is_title", "head", "_kids", "_lefts", "_rights", "_children", "_edges",
                 "_subtree", "_hash")

    def _edge_pair(self) -> tuple[int, int]:
        edges = self._edges
        if edges is None:
            self.doc.set_edges()
            edges = self._edges
        return edges

    def _sides(self) -> tuple[tuple[Tok, ...], tuple[Tok, ...]]:
        """The left and right children, as spaCy finds them (heads pointing here, from the left
        edge to the right edge)."""
        if self._lefts is None:
            left, right = self._edge_pair()
            i = self.i
            self._lefts = tuple(c for c in self._kids if left <= c.i < i)
            self._rights = tuple(c for c in self._kids if i < c.i <= right)
        return self._lefts, self._rights

    @property
    def lefts(self) -> tuple[Tok, ...]:
        return self._sides()[0]

    @property
    def rights(self) -> tuple[Tok, ...]:
        return self._sides()[1]

    @property
    def children(self) -> tuple[Tok, ...]:
        kids = self._children
        if kids is None:
            kids = self._children = (*self.lefts, *self.rights)
        return kids

    @property
    def n_lefts(self) -> int:
        return len(self.lefts)

    @property
    def n_rights(self) -> int:
        return len(self.rights)

    @property
    def left_edge(self) -> Tok:
        return self.doc.toks[self._edge_pair()[0]]

    @property
    def right_edge(self) -> Tok:
        return self.doc.toks[self._edge_pair()[1]]

    @property
    def subtree(self) -> tuple[Tok, ...]:
        """The token and its descendants in spaCy's order (left subtrees, itself, right ones)."""
        sub = self._subtree
        if sub is None:
            out: list[Tok] = []
            for c in self.lefts:
                out.extend(c.subtree)
            out.append(self)
            for c in self.rights:
                out.extend(c.subtree)
            sub = self._subtree = tuple(out)
        return sub

    @property
    def ancestors(self) -> Iterator[Tok]:
        node, steps, n = self, 0, len(self.doc.toks)
        while node.head is not node and steps < n:
            node = node.head
            yield node
            steps += 1

    @property
    def text_with_ws(self) -> str:
        return self.text + self.whitespace_

    @property
    def token(self) -> Token:
        """The spaCy Token itself."""
        return self.doc.doc[self.i]

    def nbor(self, i: int = 1) -> Tok:
        if self.i + i < 0 or self.i + i >= len(self.doc.toks):
            return self.token.nbor(i)  # spaCy's IndexError
        return self.doc.toks[self.i + i]

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.doc.doc[self.i], name)

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    def __hash__(self) -> int:
        h = self._hash
        if h is None:
            h = self._hash = hash((self.doc.doc, self.i))
        return h

    def __eq__(self, other) -> bool:
        return isinstance(other, Tok) and other.doc is self.doc and other.idx == self.idx

    def __ne__(self, other) -> bool:
        if other is None:
            return True
        return isinstance(other, Tok) and (other.doc is not self.doc or other.idx != self.idx)

    def __lt__(self, other) -> bool:
        return isinstance(other, Tok) and self.idx < other.idx

    def __le__(self, other) -> bool:
        return isinstance(other, Tok) and self.idx <= other.idx

    def __gt__(self, other) -> bool:
        return isinstance(other, Tok) and self.idx > other.idx

    def __ge__(self, other) -> bool:
        return isinstance(other, Tok) and self.idx >= other.idx


class TokSpan:
    """A slice of a `TokDoc` (a sentence, `doc[a:b]`): iterates `Tok`s; any other attribute is
    the spaCy Span's."""

    __slots__ = ("doc", "start", "end")

    def __init__(self, doc: TokDoc, start: int, end: int) -> None:
        self.doc, self.start, self.end = doc, start, max(start, end)

    def __iter__(self) -> Iterator[Tok]:
        return iter(self.doc.toks[self.start:self.end])

    def __len__(self) -> int:
        return self.end - self.start

    def __getitem__(self, key):
        if isinstance(key, slice):
            start, stop, _ = key.indices(len(self))
            return TokSpan(self.doc, self.start + start, self.start + stop)
        if key < 0:
            key += len(self)
        if not 0 <= key < len(self):
            raise IndexError(key)
        return self.doc.toks[self.start + key]

    @property
    def span(self) -> Span:
        return self.doc.doc[self.start:self.end]

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def start_char(self) -> int:
        return self.span.start_char

    @property
    def end_char(self) -> int:
        return self.span.end_char

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.span, name)


class TokDoc(list):
    """A parsed Doc's tokens as `Tok`s, built once from `Doc.to_array`: a list, so `doc[i]` is
    a `Tok` at a list's speed and `doc[a:b]` a list of them (where spaCy gives a Span); any
    other attribute is the spaCy Doc's (`doc.doc` is the Doc). Equal only to itself."""

    __slots__ = ("doc", "toks", "heads")
    __hash__ = object.__hash__

    def __eq__(self, other) -> bool:
        return self is other

    def __ne__(self, other) -> bool:
        return self is not other

    def __init__(self, doc: Doc) -> None:
        super().__init__()
        collecting = gc.isenabled()
        gc.disable()  # every object made here lives on: nothing for the collector to find
        try:
            self._build(doc)
        finally:
            if collecting:
                gc.enable()

    def _build(self, doc: Doc) -> None:
        self.doc = doc
        heads = self.heads = doc_heads(doc)
        n = len(heads)
        rows = doc.to_array(ARRAY_ATTRS) if n else numpy.zeros((0, len(ARRAY_ATTRS)), "uint64")
        (orths, lowers, lemmas, tags, deps, ent_types) = (
            _names(doc, rows[:, column]) for column in (0, 2, 3, 5, 6, 7))
        pos = [POS_NAMES[p] for p in rows[:, 4].tolist()]
        iob = [IOB_NAMES[b] for b in rows[:, 8].tolist()]
        spaces = rows[:, 1].tolist()
        flags = rows[:, 9:15].astype(bool).tolist()
        toks: list[Tok] = []
        append = toks.append
        new = Tok.__new__
        idx = 0
        for i in range(n):
            t = new(Tok)
            t.doc = self
            t.i = i
            t.idx = idx
            t.text = text = orths[i]
            if spaces[i]:
                t.whitespace_ = " "
                idx += len(text) + 1
            else:
                t.whitespace_ = ""
                idx += len(text)
            t.lower_ = lowers[i]
            t.lemma_ = lemmas[i]
            t.pos_ = pos[i]
            t.tag_ = tags[i]
            t.dep_ = deps[i]
            t.ent_type_ = ent_types[i]
            t.ent_iob_ = iob[i]
            t.is_lower, t.is_punct, t.is_space, t.like_num, t.is_alpha, t.is_title = flags[i]
            t._kids = ()
            t._lefts = t._rights = t._children = t._edges = t._subtree = t._hash = None
            append(t)
        for t, head in zip(toks, heads):
            t.head = parent = toks[head]
            if head != t.i:
                if parent._kids:
                    parent._kids.append(t)
                else:
                    parent._kids = [t]
        self.toks = toks
        self.extend(toks)

    def set_edges(self) -> None:
        """Every token's left and right edge, computed as spaCy computes `TokenC.l_edge` and
        `r_edge` from the heads (`set_children_from_heads` over the whole Doc: passes left to
        right and back until every sentence holds its heads)."""
        heads = self.heads
        n = len(heads)
        left, right = list(range(n)), list(range(n))
        for loop in range(12):
            for i in range(n):
                h = heads[i]
                if left[i] < left[h]:
                    left[h] = left[i]
                if right[i] > right[h]:
                    right[h] = right[i]
            for i in range(n - 1, -1, -1):
                h = heads[i]
                if right[i] > right[h]:
                    right[h] = right[i]
                if left[i] < left[h]:
                    left[h] = left[i]
            if _heads_within_sentences(heads, left) or loop > 10:
                break
        for t, pair in zip(self.toks, zip(left, right)):
            t._edges = pair

    def release(self) -> None:
        """Break the references between the tokens (head, children, doc) so that they are freed
        at once rather than by the cyclic garbage collector; the TokDoc is not to be read again."""
        for t in self.toks:
            t.head = t.doc = t._kids = t._lefts = t._rights = t._children = t._subtree = None
        self.toks = []
        self.clear()
        if _last and _last[0] is self:
            _last.clear()

    @property
    def sents(self) -> Iterator[TokSpan]:
        for sent in self.doc.sents:
            yield TokSpan(self, sent.start, sent.end)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.doc, name)


class _Strings(dict):
    """String ids to strings, each looked up in the vocabulary's StringStore once."""

    def __init__(self, strings) -> None:
        super().__init__()
        self.strings = strings

    def __missing__(self, key: int) -> str:
        if len(self) > STRINGS_LIMIT:
            self.clear()
        value = self[key] = self.strings[key]
        return value


_strings: dict[int, _Strings] = {}


def _heads_within_sentences(heads: list[int], left: list[int]) -> bool:
    """spaCy's test that ends `set_children_from_heads`: the sentences the roots' left edges
    start hold every token's head."""
    n = len(heads)
    starts = {left[i] for i in range(n) if heads[i] == i}
    start = 0
    for i in range(n):
        if (i > 0 and i in starts) or i == n - 1:
            for j in range(start, i):
                if heads[j] < start or heads[j] >= i + 1:
                    return False
            start = i
    return True


def _names(doc: Doc, ids: numpy.ndarray) -> list[str]:
    """The strings of a column of string ids."""
    strings = doc.vocab.strings
    known = _strings.get(id(strings))
    if known is None or known.strings is not strings:
        known = _strings[id(strings)] = _Strings(strings)
    return list(map(known.__getitem__, ids.tolist()))


_last: list[TokDoc] = []


def tok_doc(doc: Doc | TokDoc) -> TokDoc:
    """The `TokDoc` of `doc`, built once for the Doc read last."""
    if isinstance(doc, TokDoc):
        return doc
    if _last and _last[0].doc is doc:
        return _last[0]
    built = TokDoc(doc)
    _last[:] = [built]
    return built


def tok_span(sent: Span | TokSpan) -> TokSpan:
    """A sentence as a `TokSpan` (of the Doc's one `TokDoc`)."""
    if isinstance(sent, TokSpan):
        return sent
    return TokSpan(tok_doc(sent.doc), sent.start, sent.end)


def spacy_doc(doc: Doc | TokDoc) -> Doc:
    """The spaCy Doc behind `doc`."""
    return doc.doc if isinstance(doc, TokDoc) else doc


class Kind(Enum):
    """The construction a tuple was built by: what filled arg2 of a verbal clause, or which
    implicit fact a noun phrase carries. The value is the name written in outputs."""

    OBJ = "obj"
    CCOMP = "ccomp"
    CLAUSE = "clause"  # a clause under a verb that does not report it: no claim, no fact
    PP = "pp"
    NONE = "none"
    LIGHT = "light"
    PP_ARG = "pp_arg"
    OBJ_HEAD = "obj_head"  # the OBJ tuple with its object cut to its noun and "of" phrases
    PP_HEAD = "pp_head"
    TITLE = "title"
    TITLE_OF = "title_of"
    APPOS = "appos"
    APPOS_OF = "appos_of"
    PLACE_IN = "place_in"
    COMPOUND = "compound"
    POSS = "poss"
    NOUN_PP = "noun_pp"
    NOUN_OF = "noun_of"
    AMOD = "amod"
    SUCH_AS = "such_as"
    MEETING = "meeting"

    @property
    def noun_mediated(self) -> bool:
        """Built around a noun ("is Chair of"); CaRB's gold keeps that noun in arg2."""
        return self in {Kind.TITLE_OF, Kind.APPOS_OF}


class Source(Enum):
    """How a verbal clause got its subject: its own, or borrowed from a relative clause's
    antecedent, a conjoined verb, a participle's noun or a controlling verb."""

    OWN = "own"
    RELCL = "relcl"
    CONJ = "conj"
    ACL = "acl"
    CONTROL = "control"



@dataclass
class RawTuple:
    """Tokens of one extraction before they become Phrases; str items in `relation` are words kg
    inserted (always leading), such as the implicit "is" of an apposition."""

    subject: list[Token]
    relation: list[Token | str]
    object: list[Token] | None
    kind: Kind
    extras: list[list[Token]] = field(default_factory=list)
    lemma: str = ""
    attribution: list[Token] | None = None
    source: Source | None = None  # verbal clauses only
    mode: str = ""  # "" when asserted; else negated, hypothetical or demanded (kg.extract.modality)
    confidence: float = 0.5  # set from the rule registry
    shortened: bool = False  # a twin with the object cut to its noun follows (Kind.OBJ_HEAD)
    doubts: tuple[str, ...] = ()  # kg.extract.confidence.DOUBTS it raises

    @property
    def name(self) -> str:
        """The construction as written in outputs: "own:obj" for clauses, "appos" for facts."""
        return f"{self.source.value}:{self.kind.value}" if self.source else self.kind.value


class Parse:
    """One sentence's dependency tree with children lists computed once."""

    def __init__(self, sent: Span | TokSpan, heads: list[int] | None = None) -> None:
        sent = tok_span(sent)
        self.sent = sent
        tokens = self.tokens = list(sent)
        self.kids: dict[int, list[Tok]] = {}
        self.dep: dict[int, str] = {}
        self.by_dep: dict[str, list[Tok]] = {}
        kids, dep, by_dep = self.kids, self.dep, self.by_dep
        self.memo: dict[tuple, list[Tok]] = {}  # noun phrases and subtrees already made
        start, end = sent.start, sent.end
        for tok in tokens:
            d = dep[tok.i] = tok.dep_
            same = by_dep.get(d)
            if same is None:
                by_dep[d] = [tok]
            else:
                same.append(tok)
        if heads is None or heads is sent.doc.heads:
            for tok in tokens:  # the children within the sentence, in order (not to be changed)
                own = tok._kids
                if not own:
                    own = []
                elif own[0].i < start or own[-1].i >= end:
                    own = [c for c in own if start <= c.i < end]
                kids[tok.i] = own
            return
        for tok in tokens:
            kids[tok.i] = []
        for tok in tokens:
            head = heads[tok.i]
            if head != tok.i and head in kids:
                kids[head].append(tok)

    @cached_property
    def titled(self) -> dict[int, tuple[list[Token], Token | None, list[Token]]]:
        """Bare titles written before a name: "chairman of the Federation Council Committee
        Grigory Karasin" → {chairman: ([Grigory, Karasin], of, [the, Federation, Council,
        Committee])}."""
        found: dict[int, tuple[list[Token], Token | None, list[Token]]] = {}
        sent = self.sent
        doc = sent.doc
        for tok in self.tokens:
            if not (tok.lower_ in TITLES and tok.is_lower and tok.pos_ == "NOUN"
                    and self.first(tok, "det", "poss") is None):
                continue
            end = tok.i + 1
            while end < sent.end and end - tok.i < 16 and doc[end].text not in NAME_STOP \
                    and doc[end].pos_ not in {"VERB", "AUX"}:
                end += 1
            start = end
            while start - 1 > tok.i and doc[start - 1].pos_ == "PROPN" \
                    and doc[start - 1].ent_type_ not in ORG_ENTS:
                start -= 1
            if end - start < 2 or start <= tok.i + 2:
                continue
            prep = doc[tok.i + 1]
            of = list(doc[tok.i + 2:start]) if prep.pos_ == "ADP" else []
            found[tok.i] = (list(doc[start:end]), prep if of else None, of)
        return found

    def children(self, tok: Token, *deps: str) -> list[Token]:
        kids = self.kids.get(tok.i, [])
        dep = self.dep
        return [c for c in kids if dep[c.i] in deps] if deps else kids

    def first(self, tok: Token, *deps: str) -> Token | None:
        dep = self.dep
        for c in self.kids.get(tok.i, []):
            if dep[c.i] in deps:
                return c
        return None

    def subtree(self, tok: Token, cut: frozenset[str] = frozenset()) -> list[Token]:
        """`tok` and its descendants in the sentence, not below a child whose dependency is in
        `cut` (but a town's state); computed once per token and cut (a copy is returned)."""
        key = (tok.i, cut)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = self._subtree(tok, cut)
        return list(found)

    def _subtree(self, tok: Token, cut: frozenset[str]) -> list[Token]:
        out = [tok]
        stack = [tok]
        kids, dep = self.kids, self.dep
        while stack:
            node = stack.pop()
            for c in kids.get(node.i, ()):
                if not cut or dep[c.i] not in cut or place_apposition(c):
                    out.append(c)
                    stack.append(c)
        return out


def span_head(tokens: list[Token], heads: list[int] | None = None) -> Token | None:
    """The token of `tokens` whose head lies outside them (or is itself): the phrase's head.
    `heads` (the Doc's absolute head indexes) only saves time when the caller has them."""
    inside = {t.i for t in tokens}
    for t in tokens:
        head = t.head.i if heads is None else heads[t.i]
        if head not in inside or head == t.i:
            return t
    return None


def infinitive(p: Parse, verb: Token) -> bool:
    """A to-infinitive: "to acquire", "to protect its rights"."""
    return verb.tag_ == "VB" and any(c.tag_ == "TO" for c in p.children(verb, "aux"))


def place_apposition(tok: Token) -> bool:
    """"Calif." in "Van Nuys, Calif.": a state after its town, part of the one place name."""
    return tok.dep_ == "appos" and tok.ent_type_ in PLACE_ENTS and tok.head.ent_type_ in PLACE_ENTS \
        and tok.head.i < tok.i and not any(c.dep_ == "det" for c in tok.children) \
        and not _in_list(tok)


def _in_list(tok: Token) -> bool:
    """"Peru, Kenya, the Dominican Republic … and Morocco": places in a list, not a town and its
    state; the place after the pair is another item ("," and a place, or a conjunct)."""
    if any(c.dep_ in {"conj", "cc"} for t in (tok, tok.head) for c in t.children):
        return True
    if sum(1 for c in tok.head.children if c.dep_ == "appos" and c.pos_ == "PROPN") > 1:
        return True
    doc, nxt = tok.doc, tok.right_edge.i + 1
    if nxt + 1 < len(doc) and doc[nxt].text == ",":
        after = doc[nxt + 1]
        if after.lower_ == "the" and nxt + 2 < len(doc):
            after = doc[nxt + 2]
        return after.ent_type_ in PLACE_ENTS
    return False


def trim(tokens: list[Token]) -> list[Token]:
    """Sort tokens, drop punctuation at either edge and close a quotation left open."""
    tokens = sorted(tokens, key=_index)
    texts = [t.text for t in tokens]
    # brackets whose content was left out ("1986/87 ( )" of "1986/87 (Oct-Sept)") go with it
    if "(" in texts or "[" in texts:
        empty = {i for a, b in zip(tokens, tokens[1:]) if a.text in {"(", "["}
                 and b.text in {")", "]"} for i in (a.i, b.i)}
        if empty:
            tokens = [t for t in tokens if t.i not in empty]
            texts = [t.text for t in tokens]
    first, last = 0, len(tokens)
    while first < last and texts[first] in EDGE_PUNCT:
        first += 1
    while last > first and texts[last - 1] in EDGE_PUNCT:
        last -= 1
    if first or last < len(tokens):
        tokens, texts = tokens[first:last], texts[first:last]
    if tokens:
        opened = (sum(1 for w in texts if w in OPEN_QUOTES)
                  - sum(1 for w in texts if w in CLOSE_QUOTES))
        if opened > 0:
            doc = tokens[-1].doc
            nxt = tokens[-1].i + 1
            if nxt < len(doc) and doc[nxt].text in {",", "."}:
                nxt += 1
            if nxt < len(doc) and doc[nxt].text in CLOSE_QUOTES:
                tokens.append(doc[nxt])
            elif tokens[0].text in OPEN_QUOTES:
                tokens = tokens[1:]
    return tokens


def noun_phrase(p: Parse, head: Token, long_pp: bool = True) -> list[Token]:
    """The argument of `head`: its subtree without clauses, appositions or its own conjuncts.

    Prepositional modifiers are kept (recall is lenient to long arguments); with `long_pp` False
    only `of`-PPs are kept. Computed once per sentence and head (a copy is returned)."""
    key = (head.i, long_pp)
    found = p.memo.get(key)
    if found is None:
        found = p.memo[key] = _noun_phrase(p, head, long_pp)
    return list(found)


def _noun_phrase(p: Parse, head: Token, long_pp: bool) -> list[Token]:
    out = [head]
    for c in p.kids.get(head.i, []):
        d = p.dep[c.i]
        if d in CLAUSAL and not place_apposition(c) or d in HEAD_ONLY_CUT:
            continue
        if d == "prep" and not long_pp and c.lower_ != "of":
            continue
        if d == "punct" and c.text in EDGE_PUNCT and not any(
                place_apposition(a) and a.left_edge.i == c.i + 1 for a in p.kids.get(head.i, [])):
            continue  # the comma of "Hoboken , New Jersey" stays
        if d == "prep" and not long_pp:  # "of" phrases nest: "the sale of its plants [with …]"
            pobj = p.first(c, "pobj")
            if pobj is not None:
                out.extend([t for t in p.subtree(c, CLAUSAL) if t.i < pobj.i and t.head.i == c.i
                            or t.i == c.i])
                out.extend(noun_phrase(p, pobj, long_pp=False))
                # "the middle of the bulls and bears": the of-phrase keeps its coordination
                for c2 in conjuncts(p, pobj)[1:]:
                    out.extend(noun_phrase(p, c2, long_pp=False))
                out.extend(t for t in p.kids.get(pobj.i, []) if p.dep[t.i] in {"cc", "preconj"})
                continue
        out.extend(p.subtree(c, CLAUSAL))
    return trim(out)


def conjuncts(p: Parse, head: Token) -> list[Token]:
    """`head` and the nouns coordinated with it ("A, B and C")."""
    out = [head]
    stack = [head]
    while stack:
        node = stack.pop()
        for c in p.kids.get(node.i, []):
            if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN", "PRON", "NUM", "ADJ"} \
                    and not _alias(p, c):
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _alias(p: Parse, conj: Token) -> bool:
    """"… the Federal Security Service, or FSB": an acronym after "or" renames, adds nothing."""
    cc = p.first(conj.head, "cc")
    return cc is not None and cc.lower_ == "or" and conj.text.isupper() and len(conj.text) > 1


def verb_group(p: Parse, verb: Token) -> list[Token]:
    """The verb with its auxiliaries, negation, particles and adverbs standing inside the group."""
    group = [verb, *p.children(verb, *VERB_GROUP)]
    left = min(t.i for t in group)
    for c in p.kids.get(verb.i, []):
        if c.dep_ == "advmod" and c.tag_ not in WH_TAGS and (
                left < c.i < verb.i or c.i == verb.i + 1 and not p.kids.get(c.i)
                and c.i + 1 < p.sent.end and c.doc[c.i + 1].dep_ == "prep"):
            group.append(c)  # "has slowly declined", "grows well in"
    return sorted(group, key=lambda t: t.i)


def doc_heads(doc) -> list[int]:
    """Absolute head index of every token, read from the Doc's arrays in one go."""
    rel = doc.to_array([HEAD]).astype("int64")
    return (numpy.arange(len(rel)) + rel).tolist()
