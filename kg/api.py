"""Library functions behind the CLI, for notebooks and scripts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language

from .errors import InputError
from .export import PREFIXES, prefixes
from .extract import DEFAULT_MODEL, extract_doc, load_nlp, parse
from .ingest import ingest
from .store import QueryResult, open_store, run_query
from .types import Triple
from .vocab import DEFAULT_BASE, ontology_file


def with_prefixes(sparql: str, base: str = DEFAULT_BASE) -> str:
    """Declare kg's usual prefixes on the query's first line unless it declares them itself."""
    known = {**PREFIXES, "kg": base}
    declared = "".join(f"PREFIX {p}: <{iri}> " for p, iri in known.items()
                       if not re.search(rf"PREFIX\s+{p}:", sparql, re.IGNORECASE))
    return declared + sparql


def query(out: str | Path, sparql: str) -> QueryResult:
    """Run SPARQL over a built output folder; kg's prefixes (kgo:, rdfs:, skos:…) are predeclared."""
    store = open_store(out)
    return run_query(store, with_prefixes(sparql))


def extract_file(path: str | Path, nlp: Language | None = None, model: str = DEFAULT_MODEL,
                 pretokenized: bool = False) -> Iterator[tuple[str, Triple]]:
    """(sentence, triple) pairs for every document under `path`, no store.

    With `pretokenized`, each line is one sentence of space-separated tokens, kept as is.
    """
    nlp = nlp or load_nlp(model)
    if pretokenized:
        yield from _extract_lines(nlp, Path(path))
        return
    for doc, parsed in parse(nlp, ingest([path])):
        extraction = extract_doc(parsed, doc.id)
        sentences = {s.index: s.text for s in extraction.sentences}
        yield from ((sentences[t.sentence], t) for t in extraction.triples)


def _extract_lines(nlp: Language, path: Path) -> Iterator[tuple[str, Triple]]:
    from spacy.tokens import Doc

    if not path.is_file():
        raise InputError(f"{path} is not a file of one tokenized sentence a line.")
    lines = path.read_text(encoding="utf-8").splitlines()
    docs = (Doc(nlp.vocab, words=line.split(), sent_starts=[True] + [False] * (len(line.split()) - 1))
            for line in lines if line.split())
    kept = [(str(n), line) for n, line in enumerate(lines) if line.split()]
    for (doc_id, line), doc in zip(kept, nlp.pipe(docs, batch_size=64)):
        yield from ((line, t) for t in extract_doc(doc, doc_id).triples)


RDF_SYNTAX = {"graph.ttl": "turtle", "graph.trig": "trig", "graph.nq": "nquads",
              "graph.jsonld": "json-ld"}


def validate(out: str | Path) -> list[str]:
    """Parse every RDF file of a built folder and check its merged graph against ontology/shapes.ttl.

    Returns one readable line per problem (none when the folder is valid).
    """
    import rdflib

    out_dir = Path(out)
    problems = []
    merged = None
    for name, fmt in RDF_SYNTAX.items():
        path = out_dir / name
        if not path.is_file():
            problems.append(f"{path}: missing")
            continue
        try:
            parsed = rdflib.Dataset().parse(path, format=fmt)
        except Exception as exc:  # rdflib raises many unrelated types for bad syntax
            problems.append(f"{path}: {' '.join(str(exc).split())}")
            continue
        if name == "graph.ttl":
            merged = parsed.default_graph if isinstance(parsed, rdflib.Dataset) else parsed
    if merged is not None:
        problems.extend(f"{out_dir / 'graph.ttl'}: {line}" for line in shape_violations(merged))
    return problems


def shape_violations(graph) -> list[str]:
    """SHACL violations of kg's shapes in `graph` (ontology mixed in), one sorted line each."""
    import pyshacl
    import rdflib
    from rdflib.namespace import SH

    shapes = rdflib.Graph().parse(ontology_file("shapes.ttl"), format="turtle")
    ontology = rdflib.Graph().parse(ontology_file("kg.ttl"), format="turtle")
    conforms, results, _text = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology,
                                                inference="none", allow_warnings=True)
    if conforms:
        return []
    names = rdflib.Graph()
    for prefix, iri in prefixes().items():
        names.bind(prefix, iri)

    def short(term) -> str:
        if isinstance(term, rdflib.URIRef):
            return term.n3(names.namespace_manager)
        return term.n3() if term is not None else ""

    lines = set()
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage) or results.value(result, SH.sourceConstraintComponent)
        value = results.value(result, SH.value)
        where = " ".join(p for p in (short(focus), short(path)) if p)
        shown = f" (value {short(value)[:80]})" if value is not None and value != focus else ""
        lines.add(f"{where}: {message}{shown}")
    return sorted(lines)
