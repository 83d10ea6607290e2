"""Library functions behind the CLI, for notebooks and scripts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .defaults import DEFAULT_MODEL
from .errors import InputError, KgError, QueryError
from .sparql import STORE_DIR, QueryResult, open_store, reading, refuse_service, run_query
from .types import Triple
from .vocab import DEFAULT_BASE, KGO_IRI, PREFIXES, ontology_file, prefixes

TYPE_CHECKING = False  # as typing's, which `kg query` need not import
if TYPE_CHECKING:  # spaCy loads only for the functions that parse
    from pathlib import Path

    from spacy.language import Language

    from .types import Triple


def prefix_declarations(sparql: str, base: str = DEFAULT_BASE) -> str:
    """The PREFIX declarations, all on one line, for kg's usual prefixes the query does not declare."""
    known = {**prefixes(base), "kg": base}
    return "".join(f"PREFIX {p}: <{iri}> " for p, iri in known.items()
                   if not re.search(rf"PREFIX\s+{p}:", sparql, re.IGNORECASE))


def with_prefixes(sparql: str, base: str = DEFAULT_BASE) -> str:
    """Declare kg's usual prefixes on the query's first line unless it declares them itself."""
    return prefix_declarations(sparql, base) + sparql


_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)


def describe_syntax_error(error: SyntaxError, sparql: str, shift: int = 0) -> str:
    """One line naming the line and column of the user's own text (`shift` = characters kg
    prepended on line 1) and what the parser expected there."""
    found = _POSITION.search(str(error))
    if not found:
        return f"bad SPARQL: {' '.join(str(error).split())}"
    line, column, detail = int(found[1]), int(found[2]), " ".join(found[3].split())
    if line == 1:
        column = max(1, column - shift)
    if "Prefix not found" in detail:
        detail = "an undeclared prefix (add a PREFIX line for it)"
    elif len(detail) > 120:
        detail = detail[:117] + "..."
    lines = sparql.splitlines() or [""]
    text = lines[line - 1] if line <= len(lines) else ""
    near = text[max(0, column - 21):column + 19].strip()
    where = f"line {line}, column {column}" + (f" (near {near!r})" if near else " (at the end)")
    return f"bad SPARQL at {where}: {detail}"


def query(out: str | Path, sparql: str, allow_service: bool = False,
          max_rows: int | None = None) -> QueryResult:
    """Run SPARQL over a built output folder; kg's prefixes (kgo:, rdfs:, skos:…) are predeclared.

    Federated SERVICE calls are refused unless `allow_service`. A syntax error's position refers
    to the caller's text, not to the declarations kg adds.
    """
    if not allow_service:
        refuse_service(sparql)
    store = open_store(out)
    declared = prefix_declarations(sparql)
    try:
        return run_query(store, declared + sparql, max_rows)
    except QueryError as exc:
        if isinstance(exc.__cause__, SyntaxError):
            raise QueryError(describe_syntax_error(exc.__cause__, sparql, len(declared))) from None
        raise


def extract_file(path: str | Path, nlp: Language | None = None, model: str = DEFAULT_MODEL,
                 pretokenized: bool = False) -> Iterator[tuple[str, Triple]]:
    """(sentence, triple) pairs for every document under `path`, no store.

    With `pretokenized`, each line is one sentence of space-separated tokens, kept as is.
    """
    from .extract import extract_doc, load_nlp, parse
    from .ingest import _log_skip as log_skip
    from .ingest import ingest

    nlp = nlp or load_nlp(model)
    if pretokenized:
        from pathlib import Path

        yield from _extract_lines(nlp, Path(path))
        return
    skips: list = []
    read = 0
    for doc, parsed in parse(nlp, ingest([path], on_skip=skips.append)):
        read += 1
        extraction = extract_doc(parsed, doc.id)
        sentences = {s.index: s.text for s in extraction.sentences}
        yield from ((sentences[t.sentence], t) for t in extraction.triples)
    for skip in skips if read else ():
        log_skip(skip)
    if not read:
        reasons = "; ".join(f"{skip.where}: {skip.reason}" for skip in skips[:3])
        raise InputError(f"nothing to extract from {path}" + (f" ({reasons})" if reasons else "") + ".")


def _extract_lines(nlp: Language, path: Path) -> Iterator[tuple[str, Triple]]:
    from spacy.tokens import Doc

    from .extract import extract_doc

    if not path.is_file():
        raise InputError(f"{path} is not a file of one tokenized sentence a line.")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start}).") from None
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
    from pathlib import Path

    import rdflib

    out_dir = Path(out)
    problems = store_problems(out_dir)
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


_DOCUMENTS = f"SELECT DISTINCT ?d WHERE {{ ?d a <{KGO_IRI}Document> }}"


def store_problems(out: str | Path) -> list[str]:
    """The store itself: it opens, every quad in it reads, its manifest is complete, and it holds
    exactly the manifest's documents (one line per problem)."""
    from .store import Iris, read_manifest

    from pathlib import Path

    out_dir = Path(out)
    try:
        manifest = read_manifest(out_dir)
        with reading(out_dir):
            store = open_store(out_dir)
            quads = sum(1 for _ in store)
            held = {row["d"].value for row in store.query(_DOCUMENTS)}
    except KgError as exc:
        return [str(exc)]
    problems = []
    if not manifest.complete:
        problems.append(f"{out_dir / 'manifest.json'}: marked incomplete (a build, add or remove "
                        "was interrupted); run it again to finish it.")
    iris = Iris(manifest.base)
    listed = {iris.document(entry.id).value for entry in manifest.documents}
    if held != listed:
        problems.append(f"{out_dir / STORE_DIR}: holds {len(held)} documents, the manifest lists "
                        f"{len(listed)} ({len(listed - held)} missing from the store, {len(held - listed)} "
                        "not in the manifest); rebuild with `kg build`.")
    if listed and quads == 0:
        problems.append(f"{out_dir / STORE_DIR}: empty; rebuild with `kg build`.")
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
