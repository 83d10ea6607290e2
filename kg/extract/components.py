"""Pipeline components that compute only what the extractor reads, the same as spaCy's would.

`kg_verb_lemmatizer` runs the model's own lemmatizer on verbs and auxiliaries alone (relations
need no other lemmas). `kg_attribute_ruler` gives exactly the attribute ruler's results, computed
once per distinct (tag, lower, dep, is_space) token instead of by the Matcher on every token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import AUX, VERB
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

LEMMATIZED_POS = (VERB, AUX)
KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
CACHE_LIMIT = 200_000  # distinct token keys kept before the cache starts afresh (bounded memory)

Key = tuple[int, int, int, int]
Predicate = Callable[[tuple[str, str, str, bool]], bool]



@Language.factory("kg_verb_lemmatizer", requires=["token.pos"], assigns=["token.lemma"])
def make_verb_lemmatizer(nlp: Language, name: str) -> VerbLemmatizer:
    return VerbLemmatizer(nlp.get_pipe("lemmatizer"))


class VerbLemmatizer:
    """The pipeline's own lemmatizer applied to VERB and AUX tokens only."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        attrs = doc.to_array([POS, LEMMA])
        todo = numpy.flatnonzero(numpy.isin(attrs[:, 0], LEMMATIZED_POS) & (attrs[:, 1] == 0))
        for i in todo.tolist():
            token = doc[i]
            token.lemma_ = self.lemmatizer.lemmatize(token)[0]
        return doc


@Language.factory("kg_attribute_ruler", requires=["token.tag", "token.dep"],
                  assigns=["token.pos", "token.morph", "token.lemma"])
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    ruler = fast_attribute_ruler(nlp.get_pipe("attribute_ruler"))
    if ruler is None:
        raise ValueError("the attribute ruler has patterns kg_attribute_ruler cannot read")
    return ruler


@dataclass(frozen=True)
class _Token:
    """One token of a pattern: its test, and the LOWER or TAG values it requires, if it names them."""

    test: Predicate
    index_attr: str | None = None
    index_values: frozenset = frozenset()


@dataclass(frozen=True)
class _Entry:
    """One attribute-ruler entry: its token patterns, which token it changes, and the changes."""

    patterns: tuple[tuple[_Token, ...], ...]
    index: int
    attrs: dict


@dataclass
class _KeyInfo:
    merged: dict  # the single-token entries' changes, applied in rule order
    singles: list[int]  # ids of single-token entries that match
    starts: list[int]  # ids of multi-token entries whose first token matches


def fast_attribute_ruler(ruler: AttributeRuler) -> FastAttributeRuler | None:
    """The fast equivalent of `ruler`, or None if a pattern uses more than TAG/LOWER/DEP/IS_SPACE."""
    entries = []
    for spec, attrs, index in zip(ruler.patterns, ruler.attrs, ruler.indices):
        patterns = []
        for pattern in spec["patterns"]:
            tokens = [_pattern_token(token) for token in pattern]
            if any(t is None for t in tokens):
                return None
            patterns.append(tuple(tokens))
        entries.append(_Entry(tuple(patterns), index, attrs))  # type: ignore[arg-type]
    return FastAttributeRuler(ruler.vocab.strings, entries)


def _pattern_token(spec: dict) -> _Token | None:
    checks = []
    for attr, value in spec.items():
        if attr not in KEY_ATTRS:
            return None
        check = _value_check(value)
        if check is None:
            return None
        checks.append((KEY_ATTRS.index(attr), check))
    test: Predicate = lambda values: all(check(values[i]) for i, check in checks)  # noqa: E731
    for attr in ("LOWER", "TAG"):
        value = spec.get(attr)
        if isinstance(value, str):
            return _Token(test, attr, frozenset([value]))
        if isinstance(value, dict) and list(value) == ["IN"]:
            return _Token(test, attr, frozenset(value["IN"]))
    return _Token(test)


def _value_check(value) -> Callable[[object], bool] | None:
    if isinstance(value, (str, bool)):
        return lambda v: v == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            allowed = frozenset(arg)
            return lambda v: v in allowed
        if op == "NOT_IN":
            banned = frozenset(arg)
            return lambda v: v not in banned
        if op == "REGEX":
            regex = re.compile(arg)
            return lambda v: isinstance(v, str) and regex.search(v) is not None
    return None


class FastAttributeRuler:
    """spaCy's AttributeRuler semantics (match all, then apply in rule order), cached per token key."""

    def __init__(self, strings: StringStore, entries: Sequence[_Entry]):
        self.strings = strings
        self.entries = list(entries)
        self.cache: dict[Key, _KeyInfo] = {}
        self.element_cache: dict[tuple[Key, int, int, int], bool] = {}
        # First pattern tokens, indexed by the LOWER or TAG value they require (else always tried).
        self.by_lower: dict[str, list[tuple[int, int]]] = {}
        self.by_tag: dict[str, list[tuple[int, int]]] = {}
        self.always: list[tuple[int, int]] = []
        for entry_id, entry in enumerate(self.entries):
            for number, pattern in enumerate(entry.patterns):
                first = pattern[0]
                index = {"LOWER": self.by_lower, "TAG": self.by_tag}.get(first.index_attr or "")
                if index is None:
                    self.always.append((entry_id, number))
                for value in first.index_values:
                    index.setdefault(value, []).append((entry_id, number))  # type: ignore[union-attr]

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        if len(self.cache) > CACHE_LIMIT:
            self.cache.clear()
            self.element_cache.clear()
        keys: list[Key] = list(map(tuple, doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()))
        infos = [self.cache.get(k) or self._info(k) for k in keys]
        extra: dict[int, list[int]] = {}
        for start, info in enumerate(infos):
            for entry_id in info.starts:
                for token in self._multi_matches(entry_id, keys, start):
                    extra.setdefault(token, []).append(entry_id)
        for i, info in enumerate(infos):
            if i in extra:
                for entry_id in sorted(info.singles + extra[i]):
                    set_token_attrs(doc[i], self.entries[entry_id].attrs)
            elif info.merged:
                set_token_attrs(doc[i], info.merged)
        return doc

    def _values(self, key: Key) -> tuple[str, str, str, bool]:
        tag, lower, dep, is_space = key
        return self.strings[tag], self.strings[lower], self.strings[dep], bool(is_space)

    def _info(self, key: Key) -> _KeyInfo:
        values = self._values(key)
        tag, lower = values[0], values[1]
        candidates = sorted(set(self.by_lower.get(lower, ()))
                            | set(self.by_tag.get(tag, ())) | set(self.always))
        singles: list[int] = []
        starts: list[int] = []
        merged: dict = {}
        for entry_id, number in candidates:
            pattern = self.entries[entry_id].patterns[number]
            if not pattern[0].test(values):
                continue
            if len(pattern) == 1:
                if not singles or singles[-1] != entry_id:
                    singles.append(entry_id)
                    merged.update(self.entries[entry_id].attrs)
            elif not starts or starts[-1] != entry_id:
                starts.append(entry_id)
        info = self.cache[key] = _KeyInfo(merged, singles, starts)
        return info

    def _element(self, key: Key, entry_id: int, pattern: int, position: int) -> bool:
        cached = self.element_cache.get((key, entry_id, pattern, position))
        if cached is None:
            token = self.entries[entry_id].patterns[pattern][position]
            cached = self.element_cache[(key, entry_id, pattern, position)] = token.test(
                self._values(key))
        return cached

    def _multi_matches(self, entry_id: int, keys: list[Key], start: int) -> list[int]:
        entry = self.entries[entry_id]
        hits = []
        for number, pattern in enumerate(entry.patterns):
            end = start + len(pattern)
            if len(pattern) > 1 and end <= len(keys) and all(
                    self._element(keys[start + j], entry_id, number, j) for j in range(len(pattern))):
                hits.append(start + entry.index % len(pattern))
        return hits
