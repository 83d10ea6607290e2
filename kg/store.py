"""Store: records → RDF quads in an embedded Oxigraph store; SPARQL over it."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from .errors import QueryError, StoreError
from .types import Document, Entity, Fact, Resolution, Role
from .vocab import DEFAULT_BASE, KGO

STORE_DIR = "store"


@dataclass(frozen=True)
class Iris:
    """Mints stable IRIs from content under one base."""

    base: str = DEFAULT_BASE

    def entity(self, entity_id: str) -> ox.NamedNode:
        return ox.NamedNode(self.base + "entity/" + quote(entity_id, safe="/"))

    def document(self, doc_id: str) -> ox.NamedNode:
        return ox.NamedNode(self.base + "doc/" + quote(doc_id, safe=""))

    def statement(self, fact: Fact) -> ox.NamedNode:
        return ox.NamedNode(self.base + "statement/" + _digest(fact.subject, fact.predicate,
                                                               fact.relation, fact.object))

    def position(self, role: Role) -> ox.NamedNode:
        slug = quote("_".join(role.title.split()), safe="")
        return ox.NamedNode(self.base + "position/" + slug + ("/" + quote(role.of, safe="/") if role.of else ""))

    def evidence(self, fact: Fact, doc_id: str, start: int, end: int) -> ox.NamedNode:
        return ox.NamedNode(self.base + "evidence/" + _digest(self.statement(fact).value, doc_id,
                                                              str(start), str(end)))


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def _n(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def _lit(value, datatype=None) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(str(datatype))) if datatype else ox.Literal(str(value))


TYPE, LABEL, ALT = _n(RDF.type), _n(RDFS.label), _n(SKOS.altLabel)
DEFAULT = ox.DefaultGraph()


def entity_quads(entity: Entity, iris: Iris) -> Iterator[ox.Quad]:
    node = iris.entity(entity.id)
    yield ox.Quad(node, TYPE, _n(KGO[entity.type]), DEFAULT)
    yield ox.Quad(node, LABEL, _lit(entity.label), DEFAULT)
    for alias in entity.aliases:
        if alias != entity.label:
            yield ox.Quad(node, ALT, _lit(alias), DEFAULT)


def document_quads(doc: Document, iris: Iris) -> Iterator[ox.Quad]:
    node = iris.document(doc.id)
    yield ox.Quad(node, TYPE, _n(KGO.Document), DEFAULT)
    yield ox.Quad(node, _n(DCTERMS.identifier), _lit(doc.id), DEFAULT)
    for prop, value in ((DCTERMS.title, doc.title), (DCTERMS.date, doc.date),
                        (KGO.source, doc.source), (DCTERMS.creator, doc.author)):
        if value:
            yield ox.Quad(node, _n(prop), _lit(value), DEFAULT)


def fact_quads(fact: Fact, iris: Iris, extractor_version: str) -> Iterator[ox.Quad]:
    """The plain fact and its statement in the merged graph and in each supporting document's graph."""
    subject = iris.entity(fact.subject)
    predicate = _n(KGO[fact.predicate])
    obj = iris.entity(fact.object) if fact.object_is_entity else _lit(fact.object)
    statement = iris.statement(fact)
    docs = sorted({ev.doc_id for ev in fact.evidence})
    graphs = [DEFAULT, *(iris.document(d) for d in docs)]
    for graph in graphs:
        if fact.object_is_entity:
            yield ox.Quad(subject, predicate, obj, graph)
        yield ox.Quad(statement, TYPE, _n(KGO.Statement), graph)
        yield ox.Quad(statement, _n(RDF.subject), subject, graph)
        yield ox.Quad(statement, _n(RDF.predicate), predicate, graph)
        yield ox.Quad(statement, _n(RDF.object), obj, graph)
        yield ox.Quad(statement, _n(KGO.relationText), _lit(fact.relation), graph)
    for ev in fact.evidence:
        node = iris.evidence(fact, ev.doc_id, ev.start, ev.end)
        for graph in (DEFAULT, iris.document(ev.doc_id)):
            yield ox.Quad(statement, _n(KGO.evidence), node, graph)
            yield ox.Quad(node, TYPE, _n(KGO.Evidence), graph)
            yield ox.Quad(node, _n("http://www.w3.org/ns/prov#wasDerivedFrom"),
                          iris.document(ev.doc_id), graph)
            yield ox.Quad(node, _n(KGO.sentence), _lit(ev.sentence), graph)
            yield ox.Quad(node, _n(KGO.startOffset), _lit(ev.start, XSD.integer), graph)
            yield ox.Quad(node, _n(KGO.endOffset), _lit(ev.end, XSD.integer), graph)
            yield ox.Quad(node, _n(KGO.confidence), _lit(f"{ev.confidence:.3f}", XSD.decimal), graph)
            yield ox.Quad(node, _n(KGO.extractorVersion), _lit(extractor_version), graph)


def role_quads(role: Role, iris: Iris) -> Iterator[ox.Quad]:
    """Person –holdsPosition→ Position (title, positionOf) in the merged and supporting graphs."""
    position = iris.position(role)
    label = f"{role.title} of {role.of.split('/', 1)[-1].replace('_', ' ')}" if role.of else role.title
    docs = sorted({ev.doc_id for ev in role.evidence})
    for graph in (DEFAULT, *(iris.document(d) for d in docs)):
        yield ox.Quad(iris.entity(role.person), _n(KGO.holdsPosition), position, graph)
        yield ox.Quad(position, TYPE, _n(KGO.Position), graph)
        yield ox.Quad(position, LABEL, _lit(label), graph)
        yield ox.Quad(position, _n(KGO.title), _lit(role.title), graph)
        if role.of:
            yield ox.Quad(position, _n(KGO.positionOf), iris.entity(role.of), graph)


def graph_quads(documents: Iterable[Document], resolution: Resolution, iris: Iris,
                extractor_version: str) -> Iterator[ox.Quad]:
    """Every quad kg writes for one build."""
    for doc in documents:
        yield from document_quads(doc, iris)
    for entity in resolution.entities:
        yield from entity_quads(entity, iris)
    for fact in resolution.facts:
        yield from fact_quads(fact, iris, extractor_version)
    for role in resolution.roles:
        yield from role_quads(role, iris)


def write_store(out_dir: Path, quads: Iterable[ox.Quad]) -> Path:
    """Write a fresh store beside the old one, then swap it in, so a crash never leaves half a store."""
    target = out_dir / STORE_DIR
    staging = out_dir / (STORE_DIR + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        store = ox.Store(str(staging))
        store.bulk_extend(quads)
        store.flush()
        del store
    except OSError as exc:
        raise StoreError(f"cannot write the store in {out_dir}: {exc}") from exc
    old = out_dir / (STORE_DIR + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def open_store(out_dir: str | Path) -> ox.Store:
    """Open a built output folder's store read-only (works beside a running server)."""
    path = Path(out_dir) / STORE_DIR
    if not path.is_dir():
        raise StoreError(f"{out_dir} holds no kg store; run `kg build PATH --out {out_dir}` first.")
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise StoreError(f"cannot open the store in {out_dir}: {exc}") from exc


@dataclass(frozen=True)
class QueryResult:
    """A SPARQL answer as plain values: column names and rows of strings (None for unbound)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    boolean: bool | None = None


def _plain(term) -> str | None:
    if term is None:
        return None
    return term.value


def run_query(store: ox.Store, sparql: str) -> QueryResult:
    """Evaluate SPARQL over the store (default graph = union of all graphs)."""
    try:
        result = store.query(sparql, use_default_graph_as_union=False)
    except SyntaxError as exc:
        raise QueryError(f"bad SPARQL: {exc}") from exc
    except (OSError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from exc
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(("ask",), ((str(bool(result)).lower(),),), bool(result))
    if isinstance(result, ox.QuerySolutions):
        columns = tuple(v.value for v in result.variables)
        rows = tuple(tuple(_plain(sol[c]) for c in columns) for sol in result)
        return QueryResult(columns, rows)
    rows = tuple((t.subject.value, t.predicate.value, _plain(t.object)) for t in result)
    return QueryResult(("subject", "predicate", "object"), rows)
