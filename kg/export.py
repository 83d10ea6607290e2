"""Export: the store and resolution → Turtle, TriG, N-Quads, JSON-LD, the ontology and its JSON-LD
context beside them, GraphML and the HTML view."""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .jsonld import CONTEXT_FILE, write_jsonld
from .relations import GENERIC
from .types import Resolution
from .vocab import DEFAULT_BASE, PREFIXES, ontology_file, prefixes  # noqa: F401 (re-exported)


RDF_FILES = {
    "graph.ttl": ox.RdfFormat.TURTLE,
    "graph.trig": ox.RdfFormat.TRIG,
    "graph.nq": ox.RdfFormat.N_QUADS,
    "graph.jsonld": ox.RdfFormat.JSON_LD,
}
SHIPPED_FILES = {"ontology.ttl": "kg.ttl", CONTEXT_FILE: CONTEXT_FILE}  # output name: ontology/ name


_UMASK = os.umask(0)
os.umask(_UMASK)


@contextmanager
def atomic_path(target: Path):
    """Yield a temporary path beside `target`; rename it over `target` only if the block succeeds."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_UMASK)
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(target: Path, write: Callable[[Path], None]) -> Path:
    with atomic_path(target) as tmp:
        write(tmp)
    return target


def export_rdf(store: ox.Store, out_dir: Path, base: str = DEFAULT_BASE) -> list[Path]:
    """Write the store's merged graph as Turtle and the dataset as TriG, N-Quads and JSON-LD."""
    return export_quads(list(store.quads_for_pattern(None, None, None, None)), out_dir, base)


def export_quads(quads: Sequence[ox.Quad], out_dir: Path, base: str = DEFAULT_BASE) -> list[Path]:
    """Write the merged graph (default-graph quads) as Turtle and all quads as TriG, N-Quads and
    compact JSON-LD, with the ontology (ontology.ttl) and the JSON-LD context beside them.

    Serialised from memory, grouped by graph and subject; N-Quads lines are sorted, so the same
    graph always gives the same bytes.
    """
    ordered = _grouped(quads)
    merged = list(itertools.takewhile(lambda q: isinstance(q.graph_name, ox.DefaultGraph), ordered))
    written = []
    for name, fmt in RDF_FILES.items():
        if fmt is ox.RdfFormat.N_QUADS:
            written.append(write_atomic(out_dir / name, lambda p: _write_sorted_nquads(ordered, p)))
            continue
        if fmt is ox.RdfFormat.JSON_LD:
            written.append(write_atomic(out_dir / name, lambda p: write_jsonld(ordered, p, base)))
            continue
        data = ordered if fmt.supports_datasets else merged
        written.append(write_atomic(out_dir / name, lambda p, fmt=fmt, data=data:
                                    ox.serialize(data, str(p), fmt, prefixes=prefixes(base))))
    for name, source in SHIPPED_FILES.items():
        data = ontology_file(source).read_bytes()
        written.append(write_atomic(out_dir / name, lambda p, data=data: p.write_bytes(data)))
    return written


def _grouped(quads: Sequence[ox.Quad]) -> list[ox.Quad]:
    """Distinct quads, the merged graph first, then named graphs by IRI; each graph by subject."""
    graphs: dict[str, list[ox.Quad]] = {}
    for quad in dict.fromkeys(quads):
        name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        graphs.setdefault(name, []).append(quad)
    ordered = []
    for name in sorted(graphs):
        ordered.extend(sorted(graphs[name], key=lambda q: q.subject.value))
    return ordered


def _write_sorted_nquads(quads: Sequence[ox.Quad], path: Path) -> None:
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)
    lines.sort()
    path.write_bytes(b"".join(lines))


def to_networkx(resolution: Resolution) -> nx.MultiDiGraph:
    """Entities as nodes (label, type), entity-to-entity statements as edges.

    Like the store, facts with one canonical property between the same two entities are one edge
    (its `relation` lists every wording); open `relatedTo` facts stay one edge per wording.
    """
    graph = nx.MultiDiGraph()
    for entity in resolution.entities:
        graph.add_node(entity.id, label=entity.label, type=entity.type,
                       aliases="; ".join(entity.aliases))
    edges: dict[tuple[str, str, str, str], tuple[list[str], set[tuple[str, int]]]] = {}
    for fact in resolution.facts:
        if fact.object_is_entity:
            key = (fact.subject, fact.object, fact.predicate,
                   fact.relation if fact.predicate == GENERIC else "")
            wordings, sources = edges.setdefault(key, ([], set()))
            if fact.relation not in wordings:
                wordings.append(fact.relation)
            sources.update((ev.doc_id, ev.start) for ev in fact.evidence)
    for (subject, obj, predicate, _), (wordings, sources) in sorted(edges.items()):
        graph.add_edge(subject, obj, relation="; ".join(wordings), predicate=predicate,
                       sources=len(sources))
    return graph


def export_graphml(graph: nx.MultiDiGraph, out_dir: Path) -> Path:
    return write_atomic(out_dir / "graph.graphml", lambda p: nx.write_graphml(graph, p))
