"""Store: records → RDF quads in an embedded Oxigraph store; the manifest of what it holds; SPARQL."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from .errors import StoreError
from .manifest import (IDENTITY, MANIFEST, MANIFEST_FORMAT, PATCHING, DocumentEntry, Manifest,  # noqa: F401
                       read_manifest, write_manifest)
from .sparql import STORE_DIR, QueryResult, open_store, run_query  # noqa: F401 (re-exported)
from .relations import GENERIC, MINTED, VALUE_SUFFIX, is_minted, minted_label
from .resolve.ids import local_name, safe_local_name
from .types import Document, Entity, Evidence, Fact, Node, Resolution, Role
from .terms import KGO
from .vocab import DEFAULT_BASE



def _n(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def _lit(value, datatype: ox.NamedNode | None = None) -> ox.Literal:
    return ox.Literal(str(value), datatype=datatype) if datatype else ox.Literal(str(value))


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


TYPE, LABEL, ALT = _n(RDF.type), _n(RDFS.label), _n(SKOS.altLabel)
RDF_SUBJECT = _n(RDF.subject)
RDF_PREDICATE, RDF_OBJECT = _n(RDF.predicate), _n(RDF.object)
INTEGER, DECIMAL = _n(XSD.integer), _n(XSD.decimal)
TERM = {name: _n(KGO[name]) for name in KGO.__annotations__}  # rdflib's namespace lookup is slow
DERIVED = _n(PROV.wasDerivedFrom)
OWL_OBJECT = ox.NamedNode("http://www.w3.org/2002/07/owl#ObjectProperty")
OWL_DATATYPE = ox.NamedNode("http://www.w3.org/2002/07/owl#DatatypeProperty")
SUB_PROPERTY = _n(RDFS.subPropertyOf)
DEFAULT = ox.DefaultGraph()
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")




@dataclass(frozen=True)
class Iris:
    """Mints IRIs under one base: one namespace per kind of node, each with flat local names of
    ASCII letters, digits, `_` and `-` only, so every IRI is a prefixed name without escapes
    (docs/iris.md)."""

    base: str = DEFAULT_BASE

    def entity(self, entity_id: str) -> ox.NamedNode:
        return ox.NamedNode(self.base + "entity/" + _safe(entity_id))

    def document(self, doc_id: str) -> ox.NamedNode:
        return ox.NamedNode(self.base + "doc/" + _safe(doc_id))

    def statement(self, subject: str, predicate: str, obj: str, relation: str = "",
                  frame: str = "") -> ox.NamedNode:
        """One statement per fact; generic relations are told apart by their text, attributed or
        negated, hypothetical, demanded readings by their `frame` (speaker and modality)."""
        text = relation if predicate == GENERIC else ""
        parts = (subject, predicate, obj, text) + ((frame,) if frame else ())
        name = predicate[len(MINTED):] if is_minted(predicate) else predicate
        return ox.NamedNode(f"{self.base}statement/{name}-{_digest(*parts)}")

    def property(self, predicate: str) -> ox.NamedNode:
        """An ontology property ("leads") or one minted from a relation ("kgr:meet_at")."""
        if is_minted(predicate):
            return ox.NamedNode(self.base + "relation/" + predicate[len(MINTED):])
        return TERM[predicate]

    def node(self, node: Node | str, kind: str = "") -> ox.NamedNode:
        """A thing (kgt:) or claim (kgc:) node."""
        if isinstance(node, Node):
            node, kind = node.id, node.kind
        return ox.NamedNode(self.base + ("claim/" if kind in {"Claim", "claim"} else "thing/") + node)

    def evidence(self, statement: ox.NamedNode, ev: Evidence) -> ox.NamedNode:
        name = statement.value.rsplit("/", 1)[-1]
        return ox.NamedNode(f"{self.base}evidence/{name}-{_safe(ev.doc_id)}-{ev.start}-{ev.end}")

    def position(self, role: Role) -> ox.NamedNode:
        # a position without its organisation or country belongs to its holder alone
        name = local_name(role.title) + "--" + _safe(role.of or role.person)
        return ox.NamedNode(self.base + "position/" + name)


@lru_cache(maxsize=65536)
def _safe(text: str) -> str:
    return safe_local_name(text)


def text_literal(value: str) -> ox.Literal:
    """English text kg read or wrote: labels, alternative labels, sentences."""
    return ox.Literal(str(value), language="en")


def date_literal(value: str) -> ox.Literal:
    return _lit(value, _n(XSD.date)) if _ISO_DATE.fullmatch(value) else _lit(value)


def entity_quads(entity: Entity, iris: Iris) -> Iterator[ox.Quad]:
    node = iris.entity(entity.id)
    yield ox.Quad(node, TYPE, TERM[entity.type], DEFAULT)
    if entity.kind:
        yield ox.Quad(node, TYPE, TERM[entity.kind], DEFAULT)
    yield ox.Quad(node, LABEL, text_literal(entity.label), DEFAULT)
    for alias in entity.aliases:
        if alias != entity.label:
            yield ox.Quad(node, ALT, text_literal(alias), DEFAULT)


def document_quads(doc: Document, iris: Iris, mentioned: Iterable[str] = ()) -> Iterator[ox.Quad]:
    """The document node and the entities it mentions, in the merged graph and its own graph."""
    node = iris.document(doc.id)
    triples = [(TYPE, TERM["Document"]), (_n(DCTERMS.identifier), _lit(doc.id))]
    for prop, value in ((DCTERMS.title, doc.title), (KGO.source, doc.source),
                        (DCTERMS.creator, doc.author)):
        if value:
            triples.append((_n(prop), _lit(value)))
    if doc.date:
        triples.append((_n(DCTERMS.date), date_literal(doc.date)))
    triples.extend((TERM["mentions"], iris.entity(e)) for e in sorted(set(mentioned)))
    for graph in (DEFAULT, node):
        yield from (ox.Quad(node, p, o, graph) for p, o in triples)


@dataclass
class _Statement:
    subject: ox.NamedNode
    predicate: ox.NamedNode
    object: ox.NamedNode | ox.Literal
    object_is_entity: bool
    relations: set[str] = field(default_factory=set)
    evidence: set[Evidence] = field(default_factory=set)
    attributed_to: ox.NamedNode | None = None
    modality: str = ""
    object_texts: set[str] = field(default_factory=set)

    @property
    def plain(self) -> bool:
        """The graph asserts it: a node or typed value, neither attributed nor modal."""
        return self.attributed_to is None and not self.modality and (
            self.object_is_entity or not (isinstance(self.object, ox.Literal)
                                          and self.object.datatype == _n(XSD.string)))


def statement_quads(node: ox.NamedNode, st: _Statement, iris: Iris,
                    extractor_version: str) -> Iterator[ox.Quad]:
    """The plain fact and its statement in the merged graph and in each supporting document's graph.

    Evidence nodes (sentence, offsets, confidence, extractor version) sit in the merged graph and
    in the graph of the document they were read in.
    """
    docs = sorted({ev.doc_id for ev in st.evidence})
    core = [(TYPE, TERM["Statement"]), (RDF_SUBJECT, st.subject),
            (RDF_PREDICATE, st.predicate), (RDF_OBJECT, st.object)]
    core.extend((TERM["relationText"], _lit(r)) for r in sorted(st.relations))
    if st.object_texts:
        core.append((TERM["objectText"], _lit(min(st.object_texts, key=lambda t: (len(t), t)))))
    if st.attributed_to is not None:
        core.append((TERM["attributedTo"], st.attributed_to))
    if st.modality:
        core.append((TERM["modality"], _lit(st.modality)))
    core.extend((DERIVED, iris.document(d)) for d in docs)
    for graph in (DEFAULT, *(iris.document(d) for d in docs)):
        if st.plain:
            yield ox.Quad(st.subject, st.predicate, st.object, graph)
        yield from (ox.Quad(node, p, o, graph) for p, o in core)
    for ev in sorted(st.evidence, key=lambda e: (e.doc_id, e.start, e.end, e.sentence, e.confidence)):
        ev_node = iris.evidence(node, ev)
        triples = [(TYPE, TERM["Evidence"]), (DERIVED, iris.document(ev.doc_id)),
                   (TERM["sentence"], text_literal(ev.sentence)),
                   (TERM["startOffset"], _lit(ev.start, INTEGER)),
                   (TERM["endOffset"], _lit(ev.end, INTEGER)),
                   (TERM["confidence"], _lit(round(ev.confidence, 3), DECIMAL)),
                   (TERM["extractorVersion"], _lit(extractor_version))]
        for graph in (DEFAULT, iris.document(ev.doc_id)):
            yield ox.Quad(node, TERM["evidence"], ev_node, graph)
            yield from (ox.Quad(ev_node, p, o, graph) for p, o in triples)


def role_quads(role: Role, iris: Iris, labels: dict[str, str] | None = None) -> Iterator[ox.Quad]:
    """The Position node (title, label, positionOf) in the merged and supporting graphs."""
    position = iris.position(role)
    of = (labels or {}).get(role.of, role.of) if role.of else None
    label = f"{role.title} of {of}" if of else role.title
    docs = sorted({ev.doc_id for ev in role.evidence})
    for graph in (DEFAULT, *(iris.document(d) for d in docs)):
        yield ox.Quad(position, TYPE, TERM["Position"], graph)
        yield ox.Quad(position, LABEL, text_literal(label), graph)
        yield ox.Quad(position, TERM["title"], _lit(role.title), graph)
        if role.of:
            yield ox.Quad(position, TERM["positionOf"], iris.entity(role.of), graph)


def fact_object(fact: Fact, iris: Iris) -> ox.NamedNode | ox.Literal:
    """The object term of a fact: an entity, thing or claim node, a typed value or text."""
    if fact.object_is_entity:
        return iris.entity(fact.object)
    if fact.object_kind in {"thing", "claim"}:
        return iris.node(fact.object, fact.object_kind)
    if fact.object_kind == "value":
        return _lit(fact.object, _n(XSD[fact.datatype]))
    return _lit(fact.object)


def _statements(resolution: Resolution, iris: Iris) -> dict[ox.NamedNode, _Statement]:
    """Facts and roles grouped into statements: one per fact (and speaker, and modality),
    however many sources."""
    statements: dict[ox.NamedNode, _Statement] = {}

    def add(subject: str, predicate: str, obj, object_is_entity: bool, relation: str,
            evidence: Iterable[Evidence], fact: Fact | None = None) -> None:
        key = ("<" + obj.value + ">") if isinstance(obj, ox.NamedNode) else str(obj)
        speaker = fact.attributed_to if fact else None
        modality = fact.modality if fact else ""
        frame = f"{speaker or ''}|{modality}" if speaker or modality else ""
        node = iris.statement(subject, predicate, key, relation, frame)
        st = statements.get(node)
        if st is None:
            st = statements[node] = _Statement(
                iris.entity(subject), iris.property(predicate), obj, object_is_entity,
                attributed_to=iris.entity(speaker) if speaker else None, modality=modality)
        st.relations.add(relation)
        st.evidence.update(evidence)
        if fact is not None and not fact.object_is_entity and fact.object_text:
            st.object_texts.add(fact.object_text)

    for fact in resolution.facts:
        add(fact.subject, fact.predicate, fact_object(fact, iris), fact.object_is_entity,
            fact.relation, fact.evidence, fact)
    for role in resolution.roles:
        add(role.person, "holdsPosition", iris.position(role), True, role.title, role.evidence)
    return statements


def node_quads(node: Node, iris: Iris) -> Iterator[ox.Quad]:
    """A thing or claim node (type, label, the entities it involves, its speaker and document),
    in the merged graph and its document's graph."""
    iri = iris.node(node)
    triples = [(TYPE, TERM[node.kind]), (LABEL, text_literal(node.label)),
               (DERIVED, iris.document(node.doc_id))]
    triples.extend((TERM["involves"], iris.entity(e)) for e in node.involves)
    if node.attributed_to:
        triples.append((TERM["attributedTo"], iris.entity(node.attributed_to)))
    for graph in (DEFAULT, iris.document(node.doc_id)):
        yield from (ox.Quad(iri, p, o, graph) for p, o in triples)


def minted_property_quads(predicates: Iterable[str], iris: Iris) -> Iterator[ox.Quad]:
    """Declarations of the properties minted for relations outside the canonical set:
    an object property under kgo:relatedTo, or a datatype property under kgo:relatedValue."""
    for predicate in sorted(set(predicates)):
        prop = iris.property(predicate)
        value = predicate.endswith(VALUE_SUFFIX)
        yield ox.Quad(prop, TYPE, OWL_DATATYPE if value else OWL_OBJECT, DEFAULT)
        yield ox.Quad(prop, SUB_PROPERTY, TERM["relatedValue" if value else "relatedTo"], DEFAULT)
        yield ox.Quad(prop, LABEL, text_literal(minted_label(predicate)), DEFAULT)


def merge_same_id(entities: Iterable[Entity]) -> list[Entity]:
    """One entity per id: names that slug alike ("St. Louis", "St Louis") share one label, the
    plainest; the others become aliases."""
    groups: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        groups[entity.id].append(entity)
    merged = []
    for same in groups.values():
        if len(same) == 1:
            merged.append(same[0])
            continue
        labels = {e.label for e in same}
        label = min(labels, key=lambda text: (sum(not (c.isalnum() or c.isspace()) for c in text), text))
        aliases = tuple(sorted(labels.union(*(e.aliases for e in same))))
        merged.append(Entity(same[0].id, label, same[0].type, aliases))
    return merged


def graph_quads(documents: Iterable[Document], resolution: Resolution, iris: Iris,
                extractor_version: str) -> Iterator[ox.Quad]:
    """Every quad kg writes for one build (may repeat a quad; the store keeps one)."""
    mentioned: dict[str, set[str]] = defaultdict(set)
    for (doc_id, _start), entity in resolution.mentions.items():
        mentioned[doc_id].add(entity)
    for doc in documents:
        yield from document_quads(doc, iris, mentioned.get(doc.id, ()))
    entities = merge_same_id(resolution.entities)
    for entity in entities:
        yield from entity_quads(entity, iris)
    labels = {e.id: e.label for e in entities}
    for role in resolution.roles:
        yield from role_quads(role, iris, labels)
    for node in resolution.nodes:
        yield from node_quads(node, iris)
    yield from minted_property_quads((f.predicate for f in resolution.facts if is_minted(f.predicate)), iris)
    for node, st in sorted(_statements(resolution, iris).items(), key=lambda kv: kv[0].value):
        yield from statement_quads(node, st, iris, extractor_version)


def write_store(out_dir: Path, quads: Iterable[ox.Quad]) -> Path:
    """Write a fresh store beside the old one, then swap it in, so a crash never leaves half a store."""
    target = out_dir / STORE_DIR
    staging = out_dir / (STORE_DIR + ".new")
    old = out_dir / (STORE_DIR + ".old")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        store = ox.Store(str(staging))
        store.bulk_extend(quads)
        store.flush()
        del store
    except OSError as exc:
        raise StoreError(f"cannot write the store in {out_dir}: {exc}") from exc
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target




def nquad_lines(quads: Iterable[ox.Quad], blank: bool = True) -> set[bytes] | None:
    """The distinct N-Quads lines of `quads`, without line ends (graph.nq holds them sorted);
    None if not `blank` and a line holds a blank node's label (`_:`, which varies between runs)."""
    text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    if not blank and b"_:" in text:
        return None
    return set(text.splitlines())


@dataclass(frozen=True)
class NquadsDiff:
    """From one graph.nq to the next: the lines that go and come, the lines that stay under a
    going line's subject and predicate (`again`, see `apply_patch`), and the new file's lines in order."""

    gone: set[bytes]
    came: set[bytes]
    again: set[bytes]
    lines: list[bytes]

    def text(self) -> bytes:
        """The new graph.nq: the bytes kg.export writes for the same quads."""
        return b"\n".join(self.lines) + b"\n" if self.lines else b""


def nquads_diff(old: list[bytes], new: set[bytes]) -> NquadsDiff:
    """The difference between graph.nq's lines `old` (sorted, as kg writes them; sorted here if
    not) and the distinct lines `new`, without a second sort of the whole graph."""
    if any(a >= b for a, b in zip(old, old[1:])):
        old = sorted(set(old))
    before = set(old)
    gone, came = before - new, new - before
    again: set[bytes] = set()
    for subject, predicate in {tuple(line.split(b" ", 2)[:2]) for line in gone}:
        prefix = subject + b" " + predicate + b" "
        i = bisect_left(old, prefix)
        while i < len(old) and old[i].startswith(prefix):  # sorted: one run per prefix
            if old[i] not in gone:
                again.add(old[i])
            i += 1
    lines = [line for line in old if line not in gone] if gone else list(old)
    if came:
        lines.extend(sorted(came))
        lines.sort()  # two sorted runs: a linear merge
    return NquadsDiff(gone, came, again, lines)


def patch_store(out_dir: Path, old: set[bytes], new: set[bytes]) -> tuple[int, int]:
    """Change the store in place from the quads `old` to the quads `new` (N-Quads lines, as in
    graph.nq): delete what went, insert what came. Returns (deleted, inserted)."""
    return apply_patch(out_dir, nquads_diff(sorted(old), new))


def apply_patch(out_dir: Path, diff: NquadsDiff) -> tuple[int, int]:
    """Delete the diff's gone quads from the store and insert the ones that came.

    The store keeps literals in canonical form ("2.0"^^xsd:decimal is "2"): a quad that goes may
    be the stored form of one that stays, so what stays under a deleted quad's subject and
    predicate (`again`) is written again.
    Not atomic: the caller has marked the manifest incomplete, so a run killed here is finished
    by the next one with a full `write_store`; the PATCHING marker shows the store is being changed.
    """
    gone, came = diff.gone, diff.came
    gone_quads, came_quads = parse_lines(gone), parse_lines(came | diff.again)
    marker = out_dir / PATCHING
    try:
        marker.write_text(f"{len(gone)} out, {len(came)} in\n", encoding="utf-8")
        store = ox.Store(str(out_dir / STORE_DIR))
        for quad in gone_quads:
            store.remove(quad)
        store.extend(came_quads)
        store.flush()
        del store
    except OSError as exc:
        raise StoreError(f"cannot write the store in {out_dir}: {exc}") from exc
    marker.unlink(missing_ok=True)
    return len(gone), len(came)


def parse_lines(lines: set[bytes]) -> list[ox.Quad]:
    """The quads of N-Quads lines (without line ends), in the lines' order."""
    if not lines:
        return []
    return list(ox.parse(b"\n".join(sorted(lines)) + b"\n", format=ox.RdfFormat.N_QUADS))


SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")


def carry_identity(out_dir: Path, resolution: Resolution) -> dict[str, tuple[str, ...]]:
    """Entity names an earlier build of `out_dir` wrote that this build no longer has, by the
    entity that now holds most of their mentions: they are kept as owl:sameAs of it.

    The mentions behind every name (and the names it already replaced) are recorded in
    identity.json beside the manifest, so the record survives any number of rebuilds.
    """
    path = out_dir / IDENTITY
    try:
        old = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read {path}: {exc}") from exc
    holder = {f"{doc}\t{start}": eid for (doc, start), eid in resolution.mentions.items()}
    names = {e.id for e in resolution.entities}
    same_as: dict[str, set[str]] = defaultdict(set)
    for name, record in sorted(old.items()):
        earlier = set(record.get("sameAs", ()))
        if name in names:
            same_as[name] |= earlier
            continue
        votes = Counter(holder[m] for m in record.get("mentions", ()) if m in holder)
        if votes:
            winner = min(votes, key=lambda eid: (-votes[eid], eid))
            same_as[winner] |= earlier | {name}
    mentions: dict[str, list[str]] = defaultdict(list)
    for key, eid in sorted(holder.items()):
        mentions[eid].append(key)
    record = {name: {"mentions": mentions.get(name, []), "sameAs": sorted(same_as.get(name, set()) - {name})}
              for name in sorted(names)}
    from .files import write_atomic

    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    write_atomic(path, lambda p: p.write_text(text, encoding="utf-8"))
    return {name: tuple(sorted(olds - {name})) for name, olds in same_as.items() if olds - {name}}


def same_as_quads(same_as: dict[str, tuple[str, ...]], iris: Iris) -> Iterator[ox.Quad]:
    for name, olds in sorted(same_as.items()):
        for old in olds:
            yield ox.Quad(iris.entity(name), SAME_AS, iris.entity(old), DEFAULT)
