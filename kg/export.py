"""Export: the store's quads → Turtle, TriG, N-Quads and JSON-LD, with the ontology and its JSON-LD
context beside them (GraphML: kg.graph; HTML: kg.view)."""

from __future__ import annotations

import itertools
import multiprocessing
import traceback
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

import pyoxigraph as ox

from .files import write_atomic
from .jsonld import CONTEXT_FILE, patch_jsonld, write_jsonld
from .vocab import DEFAULT_BASE, ontology_file, prefixes


RDF_FILES = {
    "graph.ttl": ox.RdfFormat.TURTLE,
    "graph.trig": ox.RdfFormat.TRIG,
    "graph.nq": ox.RdfFormat.N_QUADS,
    "graph.jsonld": ox.RdfFormat.JSON_LD,
}
SHIPPED_FILES = {"ontology.ttl": "kg.ttl", CONTEXT_FILE: CONTEXT_FILE}  # output name: ontology/ name


def export_rdf(store: ox.Store, out_dir: Path, base: str = DEFAULT_BASE) -> list[Path]:
    """Write the store's merged graph as Turtle and the dataset as TriG, N-Quads and JSON-LD."""
    return export_quads(list(store.quads_for_pattern(None, None, None, None)), out_dir, base)


def export_quads(quads: Sequence[ox.Quad], out_dir: Path, base: str = DEFAULT_BASE,
                 nquads: bytes | None = None, without: Collection[str] = (),
                 changed: Collection[ox.Quad] | None = None) -> list[Path]:
    """Write the merged graph (default-graph quads) as Turtle and all quads as TriG, N-Quads and
    compact JSON-LD, with the ontology (ontology.ttl) and the JSON-LD context beside them.

    Serialised from memory, grouped by graph and subject; N-Quads lines are sorted, so the same
    graph always gives the same bytes. `nquads` is graph.nq's text where the caller has it already
    (kg.store.NquadsDiff.text). Files named in `without` are the caller's to write. The shipped
    files are left alone where they hold the right bytes already. `changed` (an update's: the
    quads that went and came since this code wrote the folder's exports) lets graph.jsonld be
    patched: the same bytes, with only the nodes those quads touch compacted again.
    """
    ordered = _grouped(quads)
    merged = list(itertools.takewhile(lambda q: isinstance(q.graph_name, ox.DefaultGraph), ordered))
    written = []
    for name, fmt in RDF_FILES.items():
        if name in without:
            written.append(out_dir / name)
            continue
        if fmt is ox.RdfFormat.N_QUADS:
            if nquads is not None:
                written.append(write_atomic(out_dir / name, lambda p: p.write_bytes(nquads)))
            else:
                written.append(write_atomic(out_dir / name, lambda p: _write_sorted_nquads(ordered, p)))
            continue
        if fmt is ox.RdfFormat.JSON_LD:
            text = _patched_jsonld(ordered, out_dir / name, changed, base)
            if text is not None:
                written.append(write_atomic(out_dir / name, lambda p: p.write_text(text, encoding="utf-8")))
            else:
                written.append(write_atomic(out_dir / name, lambda p: write_jsonld(ordered, p, base)))
            continue
        data = ordered if fmt.supports_datasets else merged
        written.append(write_atomic(out_dir / name, lambda p, fmt=fmt, data=data:
                                    ox.serialize(data, str(p), fmt, prefixes=prefixes(base))))
    for name, source in SHIPPED_FILES.items():
        data = ontology_file(source).read_bytes()
        target = out_dir / name
        if _holds(target, data):
            written.append(target)
        else:
            written.append(write_atomic(target, lambda p, data=data: p.write_bytes(data)))
    return written


def _patched_jsonld(ordered: Sequence[ox.Quad], path: Path, changed: Collection[ox.Quad] | None,
                    base: str) -> str | None:
    if changed is None or not path.is_file():
        return None
    try:
        old = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return patch_jsonld(ordered, old, changed, base)


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def export_paths(out_dir: Path) -> list[Path]:
    """The files `export_quads` writes, in the order it returns them."""
    return [out_dir / name for name in (*RDF_FILES, *SHIPPED_FILES)]


def start_export(quads: Sequence[ox.Quad], out_dir: Path, base: str = DEFAULT_BASE,
                 nquads: bytes | None = None, without: Collection[str] = (),
                 changed: Collection[ox.Quad] | None = None) -> Callable[[], list[Path]]:
    """Run `export_quads` in a forked child process, so the caller can write the store and the
    view meanwhile on another core; returns the function that waits for the child and gives the
    paths written (or raises StoreError with the child's error). Where processes cannot fork,
    the export runs here and now."""
    if "fork" not in multiprocessing.get_all_start_methods():
        files = export_quads(quads, out_dir, base, nquads, without, changed)
        return lambda: files
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_export_child, args=(quads, out_dir, base, nquads, without, changed, send),
                            daemon=True,
                            name="kg-export")
    child.start()
    send.close()

    def wait() -> list[Path]:
        try:
            error = receive.recv()
        except EOFError:
            error = "the export process died"
        child.join()
        receive.close()
        if error or child.exitcode:
            from .errors import StoreError

            raise StoreError(f"cannot write the exports in {out_dir}: {error or f'exit code {child.exitcode}'}")
        return export_paths(out_dir)
    return wait


def _export_child(quads: Sequence[ox.Quad], out_dir: Path, base: str, nquads: bytes | None,
                  without: Collection[str], changed: Collection[ox.Quad] | None, send) -> None:
    try:
        export_quads(quads, out_dir, base, nquads, without, changed)
    except BaseException as exc:  # reported to the parent, which raises it as a StoreError
        send.send(f"{exc.__class__.__name__}: {exc}\n{traceback.format_exc()}")
        raise SystemExit(1) from None
    send.send("")


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
