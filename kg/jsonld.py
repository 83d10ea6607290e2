"""Compact JSON-LD: quads → one document under ontology/context.jsonld (short keys, `@en` by default,
typed values), with one `@graph` per named graph on the node that names it.

Written here rather than by pyld's or rdflib's compaction: both are pure-Python general algorithms
(pyld needs 30 s for the seeds' 9,828 quads, mostly in from_rdf; rdflib over a second), while the
context is ours and fixed, so one linear pass suffices. tests/test_jsonld.py checks that pyld and
rdflib read the result back as exactly the quads of graph.nq.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox

from .vocab import DEFAULT_BASE, PREFIXES, ontology_file, prefixes

CONTEXT_FILE = "context.jsonld"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_ABSENT = object()
_CANONICAL_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")


@lru_cache(maxsize=1)
def vocabulary_context() -> dict:
    """The `@context` object of ontology/context.jsonld (vocabulary terms; no node prefixes)."""
    return json.loads(ontology_file(CONTEXT_FILE).read_text(encoding="utf-8"))["@context"]


def document_context(base: str = DEFAULT_BASE) -> list:
    """graph.jsonld's `@context`: the vocabulary context inlined, then the node prefixes of `base`."""
    nodes = {p: iri for p, iri in prefixes(base).items() if p not in PREFIXES}
    return [vocabulary_context(), nodes]


@dataclass(frozen=True)
class Term:
    name: str
    type: str | None = None       # "@id", "@vocab", a datatype IRI, or None
    language: object = _ABSENT    # None for `"@language": null`; a tag; _ABSENT: the default applies
    is_set: bool = False


class Compactor:
    """IRI and value compaction for the few context features kg's context uses."""

    def __init__(self, context: Sequence[dict]):
        merged: dict = {}
        for part in context:
            merged.update(part)
        self.vocab = merged.get("@vocab")
        self.language = merged.get("@language")
        self.prefixes = {k: v for k, v in merged.items()
                         if isinstance(v, str) and not k.startswith("@") and v.endswith(("/", "#"))}
        self.keywords = {v: k for k, v in merged.items() if isinstance(v, str) and v.startswith("@")}
        self._compacted: dict[str, str] = {}
        self._vocab: dict[str, str] = {}
        self.terms: dict[str, Term] = {}
        self.names: set[str] = set(merged)
        for name, definition in merged.items():
            if name.startswith("@") or name in self.prefixes or name in self.keywords.values():
                continue
            if isinstance(definition, str):
                definition = {"@id": definition}
            iri = self.expand(definition["@id"])
            datatype = definition.get("@type")
            self.terms.setdefault(iri, Term(
                name, datatype if datatype in (None, "@id", "@vocab") else self.expand(datatype),
                definition.get("@language", _ABSENT), definition.get("@container") == "@set"))

    def expand(self, value: str) -> str:
        prefix, _, suffix = value.partition(":")
        return self.prefixes[prefix] + suffix if prefix in self.prefixes else value

    def keyword(self, keyword: str) -> str:
        return self.keywords.get(keyword, keyword)

    def iri(self, node) -> str:
        """A node IRI as a compact IRI (`kge:Grigory_Karasin`) when a prefix covers it."""
        if isinstance(node, ox.BlankNode):
            return "_:" + node.value
        value = node.value
        known = self._compacted.get(value)
        if known is None:
            known = self._compacted[value] = self._compact(value)
        return known

    def _compact(self, value: str) -> str:
        best = ""
        for prefix, namespace in self.prefixes.items():
            if value.startswith(namespace) and len(namespace) > len(self.prefixes.get(best, "")):
                suffix = value[len(namespace):]
                if not suffix.startswith("//") and f"{prefix}:{suffix}" not in self.names:
                    best = prefix
        return f"{best}:{value[len(self.prefixes[best]):]}" if best else value

    def vocab_iri(self, value: str) -> str:
        """A vocabulary IRI (a key, a type) as its term, a name under `@vocab`, or a compact IRI."""
        known = self._vocab.get(value)
        if known is None:
            known = self._vocab[value] = self._vocab_iri(value)
        return known

    def _vocab_iri(self, value: str) -> str:
        term = self.terms.get(value)
        if term is not None:
            return term.name
        if self.vocab and value.startswith(self.vocab):
            suffix = value[len(self.vocab):]
            if suffix and suffix not in self.names and ":" not in suffix and not suffix.startswith("@"):
                return suffix
        return self.iri(ox.NamedNode(value))

    def value(self, term: Term, obj):
        """One object, compacted as far as `term`'s definition allows and no further."""
        if not isinstance(obj, ox.Literal):
            if term.type == "@id":
                return self.iri(obj)
            if term.type == "@vocab" and isinstance(obj, ox.NamedNode):
                return self.vocab_iri(obj.value)
            return {self.keyword("@id"): self.iri(obj)}
        datatype = obj.datatype.value
        if term.type is not None and term.type == datatype:
            if datatype == XSD_INTEGER and _CANONICAL_INTEGER.fullmatch(obj.value):
                return int(obj.value)
            return obj.value
        if term.type is None:
            language = self.language if term.language is _ABSENT else term.language
            if obj.language is not None and obj.language == language:
                return obj.value
            if datatype == XSD_STRING and language is None:
                return obj.value
        out: dict = {"@value": obj.value}
        if obj.language is not None:
            out["@language"] = obj.language
        elif datatype != XSD_STRING:
            out[self.keyword("@type")] = self.iri(obj.datatype)
        return out

    def term(self, predicate: str) -> Term:
        return self.terms.get(predicate) or Term(self.vocab_iri(predicate))

    def node(self, subject, triples: Iterable[tuple]) -> dict:
        """One node object: id, type, then its properties by key."""
        types: list = []
        properties: dict[str, tuple[Term, list]] = {}
        for predicate, obj in triples:
            if predicate.value == RDF_TYPE and not isinstance(obj, ox.Literal):
                types.append(self.vocab_iri(obj.value))
                continue
            term = self.term(predicate.value)
            properties.setdefault(term.name, (term, []))[1].append(self.value(term, obj))
        node: dict = {self.keyword("@id"): self.iri(subject)}
        if types:
            node[self.keyword("@type")] = types[0] if len(types) == 1 else sorted(types)
        for key in sorted(properties):
            term, values = properties[key]
            if len(values) > 1:
                values.sort(key=_value_order)
            node[key] = values if term.is_set or len(values) > 1 else values[0]
        return node


def _value_order(value) -> tuple[str, str]:
    return type(value).__name__, str(value)


def _nodes(compactor: Compactor, quads: Iterable[ox.Quad]) -> dict[str, dict]:
    by_subject: dict = {}
    for quad in quads:
        by_subject.setdefault(quad.subject, []).append((quad.predicate, quad.object))
    nodes = {}
    for subject, triples in by_subject.items():
        node = compactor.node(subject, triples)
        nodes[node[compactor.keyword("@id")]] = node
    return dict(sorted(nodes.items()))


def compact_document(quads: Sequence[ox.Quad], base: str = DEFAULT_BASE) -> dict:
    """The dataset as one compact JSON-LD document: the default graph's nodes at the top, each
    named graph as `@graph` of the node that names it."""
    context = document_context(base)
    compactor = Compactor(context)
    graphs: dict = {}
    for quad in quads:
        graphs.setdefault(quad.graph_name, []).append(quad)
    top = _nodes(compactor, graphs.pop(ox.DefaultGraph(), []))
    for name in sorted(graphs, key=lambda g: g.value):
        key = compactor.iri(name)
        holder = top.setdefault(key, {compactor.keyword("@id"): key})
        holder["@graph"] = list(_nodes(compactor, graphs[name]).values())
    return {"@context": context, "@graph": [top[k] for k in sorted(top)]}


_NODE_START, _NODE_END, _NODES_END = "  {\n", "\n  }", "\n ]\n}\n"


def dumps(document: dict) -> str:
    """JSON text with one line per context term and indented nodes."""
    def line(key, value) -> str:
        return f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"

    contexts = ["  {\n" + ",\n".join("   " + line(k, v) for k, v in part.items()) + "\n  }"
                for part in document["@context"]]
    nodes = [_node_text(node) for node in document["@graph"]]
    return ('{\n "@context": [\n' + ",\n".join(contexts) + '\n ],\n "@graph": [\n'
            + ",\n".join(nodes) + _NODES_END)


def _node_text(node: dict) -> str:
    """A top-level node's text in `dumps`: a line `  {`, its members one level deeper, `  }`."""
    return "  " + _indented(node, "\n  ")


_string = json.encoder.encode_basestring  # the C encoder json.dumps(ensure_ascii=False) uses


def _indented(value, newline: str) -> str:
    """json.dumps(value, ensure_ascii=False, indent=1) with `newline` for each line break: the same
    text, without json's pure-Python indenting encoder (two thirds of JSON-LD's cost)."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = newline + " "
        items = (_string(k) + ": " + _indented(v, inner) for k, v in value.items())
        return "{" + inner + ("," + inner).join(items) + newline + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = newline + " "
        return "[" + inner + ("," + inner).join(_indented(v, inner) for v in value) + newline + "]"
    return json.dumps(value)  # numbers, booleans, null


def write_jsonld(quads: Sequence[ox.Quad], path, base: str = DEFAULT_BASE) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write(dumps(compact_document(quads, base)))


def patch_jsonld(ordered: Sequence[ox.Quad], old: str, changed: Collection[ox.Quad],
                 base: str = DEFAULT_BASE) -> str | None:
    """The text `write_jsonld` gives for `ordered` (kg.export's order: distinct quads, the default
    graph first, then named graphs by IRI, each by subject), from `old`, the text it gave for a
    dataset that differs from this one by the quads `changed` (those that went and those that
    came): each top-level node (a default-graph subject, with the `@graph` of the named graph it
    names) that no changed quad's subject or graph names keeps its old text; the others are
    compacted again from their quads, found by bisection. None where `old` is not kg's text.

    A top-level node's text is a line `  {`, its members one level deeper, and a line `  }`: JSON
    strings hold no line breaks and nested values sit deeper, so these lines split the text."""
    context = document_context(base)
    header = dumps({"@context": context, "@graph": []})[:-len(_NODES_END)]
    if not old.startswith(header) or not old.endswith(_NODES_END):
        return None
    body = old[len(header):-len(_NODES_END)]
    compactor = Compactor(context)
    key = compactor.keyword("@id")
    prefix = f"   {json.dumps(key)}: "
    chunks: dict[str, str] = {}
    if body:
        if not (body.startswith(_NODE_START) and body.endswith(_NODE_END)):
            return None
        for chunk in body[len(_NODE_START):-len(_NODE_END)].split(_NODE_END + ",\n" + _NODE_START):
            first = chunk.split("\n", 1)[0]
            if not first.startswith(prefix):
                return None
            chunks[json.loads(first[len(prefix):].rstrip(","))] = _NODE_START + chunk + _NODE_END
    named = bisect_left(ordered, True, key=lambda q: not isinstance(q.graph_name, ox.DefaultGraph))
    touched: dict[str, object] = {}  # key: the node (subject, graph name) it names
    for quad in changed:
        term = quad.subject if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name
        touched[compactor.iri(term)] = term
    for k, term in touched.items():
        value = term.value  # type: ignore[attr-defined]
        lo = bisect_left(ordered, value, 0, named, key=lambda q: q.subject.value)
        hi = bisect_right(ordered, value, lo, named, key=lambda q: q.subject.value)
        node = compactor.node(term, [(q.predicate, q.object) for q in ordered[lo:hi]]) if hi > lo else None
        lo = bisect_left(ordered, value, named, key=lambda q: q.graph_name.value)
        hi = bisect_right(ordered, value, lo, key=lambda q: q.graph_name.value)
        if hi > lo:
            node = node or {key: k}
            node["@graph"] = list(_nodes(compactor, ordered[lo:hi]).values())
        if node is None:
            chunks.pop(k, None)
        else:
            chunks[k] = _node_text(node)
    return header + ",\n".join(chunks[k] for k in sorted(chunks)) + _NODES_END
