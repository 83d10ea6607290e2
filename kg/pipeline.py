"""The build: ingest → extract → resolve → store → export, as one library call."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import logging
import multiprocessing
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from typing import TYPE_CHECKING

# Only what an update needs before its new documents are parsed is imported here: `kg add` forks
# the process that imports spaCy, loads the pipeline and parses them as early as it can, and
# imports resolution, the store and the exports (rdflib, pyoxigraph, networkx) meanwhile.
from .cache import CACHE_DIR, SNAPSHOT, ExtractionCache, model_id
from . import defaults
from .defaults import DEFAULT_MODEL
from .digests import extractor_version
from .errors import ClusterError, KgError, SkippedInputs, StoreError
from .ingest import ingest, skip_summary
from .manifest import (IDENTITY, MANIFEST, PATCHING, STORE_DIR, DocumentEntry, Manifest, read_manifest,
                       write_manifest)
from .outdir import DEFAULT_WAIT, claim, clear_journal, read_journal, require, write_journal, writer_lock
from .types import Document, Extraction, Skip
from .vocab import DEFAULT_BASE, ontology_file

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

Progress = Callable[[Document], None]


@dataclass(frozen=True)
class BuildReport:
    """What a build did: counts, time, files written and inputs skipped."""

    out: Path
    documents: int
    sentences: int
    triples: int
    entities: int
    facts: int
    seconds: float
    files: tuple[Path, ...]
    skips: tuple[Skip, ...] = field(default=())
    parsed: int = 0


@dataclass(frozen=True)
class UpdateReport:
    """What `kg add` / `kg remove` changed; `files` is empty when nothing had to be rewritten."""

    out: Path
    added: tuple[str, ...]
    replaced: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    parsed: int
    documents: int
    seconds: float
    files: tuple[Path, ...] = ()
    skips: tuple[Skip, ...] = field(default=())


def extract_documents(nlp: Language, documents: Iterable[Document], batch_size: int = 64,
                      n_process: int = 1, progress: Progress | None = None,
                      scheduler: str | None = None, model: str = DEFAULT_MODEL
                      ) -> Iterable[Extraction]:
    """Extractions of `documents` in input order, streamed batch by batch.

    One process parses in place; `n_process` > 1 uses a local pool (kg.parallel); a Dask
    `scheduler` address runs parse and extract on that cluster with `model` (kg.distributed).
    """
    def batch_done(batch: list[Document]) -> None:
        for doc in batch:
            progress(doc)  # type: ignore[misc]

    on_batch = batch_done if progress else None
    if scheduler:
        from .distributed import extract_distributed

        yield from extract_distributed(documents, scheduler, model=model, batch_size=batch_size,
                                       on_batch=on_batch)
        return
    if n_process > 1:
        from .parallel import extract_parallel

        yield from extract_parallel(documents, n_process, nlp=nlp, model=model,
                                    batch_size=batch_size, on_batch=on_batch)
        return
    from .extract import extract_doc, parse

    for doc, parsed in parse(nlp, documents, batch_size=batch_size):
        yield extract_doc(parsed, doc.id)
        if progress:
            progress(doc)


def build(paths: Sequence[str | Path], out: str | Path = "kg-out", model: str = DEFAULT_MODEL,
          nlp: Language | None = None, base: str = DEFAULT_BASE, jobs: int = 1,
          progress: Progress | None = None, strict: bool = False,
          fields: Mapping[str, str] | None = None, scheduler: str | None = None,
          batch_size: int = 64, store_url: str | None = None,
          on_total: Callable[[int], None] | None = None, wait: float = DEFAULT_WAIT) -> BuildReport:
    """Build the knowledge graph of the articles under `paths` into the folder `out`.

    Extractions are cached in `out`, so a rebuild parses only new or changed documents; the
    spaCy pipeline is loaded only if something needs parsing. With `strict`, any skipped input
    stops the build before anything is written. `fields` maps JSON Lines field names,
    e.g. {"text": "body"}. `jobs` parsing processes, or the Dask cluster at `scheduler`; with
    `store_url`, the graph goes to that SPARQL store's Graph Store Protocol endpoint instead of
    the embedded store. `on_total` hears the number of documents once it is known. The folder
    must be new, empty or kg's own (kg.outdir); another writer is waited for up to `wait` s.
    """
    started = time.perf_counter()
    check_base(base)
    if scheduler:
        check_dask()
    skips: list[Skip] = []
    documents = list(ingest(paths, on_skip=skips.append, fields=fields))
    check_inputs(documents, skips, strict)
    out_dir = claim(out)
    with writer_lock(out_dir, wait):
        model_name = model_id(nlp or model)
        cache = ExtractionCache(out_dir / CACHE_DIR, extractor_version(model_name), model_name)
        keys = {doc.id: cache.key(doc.text) for doc in documents}
        manifest = Manifest(base, model, cache.model, cache.extractor_version,
                            tuple(sorted((DocumentEntry.of(d, keys[d.id]) for d in documents),
                                         key=lambda e: e.id)), code=code_digest())
        if on_total:
            on_total(len(documents))
        previous = None if store_url else _up_to_date(out_dir, manifest)
        if previous is not None:
            parsed, files = 0, []
            manifest = previous
        else:
            parse_stage = ParseStage(lambda: nlp or _load_nlp(model), model, jobs, scheduler, batch_size)
            extractions, parsed = _extract_cached(documents, keys, cache, parse_stage, progress)
            manifest, files = write_outputs(out_dir, manifest, extractions, store_url, jobs=jobs)
            _write_snapshot(cache, keys, extractions)
    return BuildReport(
        out=out_dir,
        documents=len(documents),
        sentences=manifest.counts.get("sentences", 0),
        triples=manifest.counts.get("triples", 0),
        entities=manifest.counts.get("entities", 0),
        facts=manifest.counts.get("facts", 0),
        seconds=time.perf_counter() - started,
        files=tuple(files),
        skips=tuple(skips),
        parsed=parsed,
    )


def add(out: str | Path, paths: Sequence[str | Path], nlp: Language | None = None, jobs: int = 1,
        progress: Progress | None = None, wait: float = DEFAULT_WAIT) -> UpdateReport:
    """Add documents to a built folder; a known id with new content replaces that document.

    Re-adding unchanged documents writes nothing.
    """
    started = time.perf_counter()
    out_dir = require(out)
    with writer_lock(out_dir, wait):
        manifest = read_manifest(out_dir)
        skips: list[Skip] = []
        documents = list(ingest(paths, on_skip=skips.append))
        cache = _manifest_cache(out_dir, manifest, nlp)
        keys = {doc.id: cache.key(doc.text) for doc in documents}
        stage = ParseStage(lambda: nlp or _load_nlp(manifest.model), manifest.model, jobs)
        found, missing = _read_cached(documents, keys, cache, progress)
        aside = None
        if _aside(missing, jobs):
            from .data import lexicon

            lexicon()  # the extractor and the resolver both read it: loaded once, before the fork
            aside = ParseAside.start(missing, keys, nlp, manifest.model)
        if aside is None:
            found.update(_parse_missing(missing, len(documents), keys, cache, stage, progress))
        entries = manifest.by_id()
        added, replaced, unchanged = [], [], []
        for doc in documents:
            entry, old = DocumentEntry.of(doc, keys[doc.id]), entries.get(doc.id)
            if old is None:
                added.append(doc.id)
            elif old != dataclasses.replace(entry, path=old.path):
                replaced.append(doc.id)
            else:
                unchanged.append(doc.id)
                continue
            entries[doc.id] = entry
        try:
            changed = _update(out_dir, manifest, entries, cache, list(found.values()), aside, progress)
        finally:
            if aside is not None:
                aside.close()
    return _update_report(out_dir, started, changed, added, replaced, unchanged, [], len(missing), skips)


def remove(out: str | Path, doc_ids: Sequence[str], wait: float = DEFAULT_WAIT) -> UpdateReport:
    """Remove documents, and the facts only they supported, from a built folder.

    A transaction: the ids and their cache keys are journalled first, so after an interruption
    the same command finishes the removal (ids already gone from the manifest are not unknown).
    """
    started = time.perf_counter()
    out_dir = require(out)
    with writer_lock(out_dir, wait):
        manifest = read_manifest(out_dir)
        entries = manifest.by_id()
        pending = read_journal(out_dir, "remove")
        unknown = [d for d in doc_ids if d not in entries and d not in pending]
        if unknown:
            raise StoreError(f"{out_dir} holds no document {', '.join(map(repr, unknown))}; list them with "
                             f"`kg query {out_dir} 'SELECT ?id {{ ?d dcterms:identifier ?id }}'`.")
        keys = {**pending, **{d: entries[d].key for d in doc_ids if d in entries}}
        write_journal(out_dir, "remove", keys)
        for doc_id in doc_ids:
            entries.pop(doc_id, None)
        cache = ExtractionCache(out_dir / CACHE_DIR, manifest.extractor_version, manifest.model_id)
        changed = _update(out_dir, manifest, entries, cache, [])
        kept = {e.key for e in changed[0].documents}
        cache.discard(set(keys.values()) - kept)
        clear_journal(out_dir, "remove")
    return _update_report(out_dir, started, changed, [], [], [], list(doc_ids), 0, [])


def write_outputs(out_dir: Path, manifest: Manifest, extractions: Sequence[Extraction],
                  store_url: str | None = None, patch: bool = False, jobs: int = 1
                  ) -> tuple[Manifest, list[Path]]:
    """Resolve the extractions and rewrite the store and every export from them.

    With `store_url` the graph goes to that Graph Store Protocol endpoint (one named graph per
    document, PUT) instead of the embedded store; only GraphML is written locally then.
    The manifest is marked incomplete first and complete last, so a run killed half-way is
    redone by the next `build`, `add` or `remove`. Returns the manifest written, with counts.
    With `patch` (the caller checked that a complete run of the same code wrote the folder), the
    store is changed in place by the difference between graph.nq and the new quads instead of
    being written afresh; the outputs are the same bytes either way. Where more than one core is
    free the RDF exports are written by a second process while this one writes the store and the
    view (with any `jobs`: the parse is over by then).
    """
    with paused_gc():
        return _write_outputs(out_dir, manifest, extractions, store_url, patch, jobs)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: the post-parse stages build hundreds of thousands of
    small acyclic records that live to the end, and every full collection walks all of them (a
    third of the time of reading the cache and resolving). Reference counting still frees them."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if defaults.EXIT_RETAIN is not None:
            # `python -m kg` ends soon after: the first collection would walk every record made
            # meanwhile (0.1–0.2 s); frozen, collections skip them (kg.defaults)
            gc.freeze()
        gc.enable()


def _load_nlp(model: str) -> Language:
    from .extract import load_nlp

    return load_nlp(model)


def _write_outputs(out_dir: Path, manifest: Manifest, extractions: Sequence[Extraction],
                   store_url: str | None, patch: bool, jobs: int) -> tuple[Manifest, list[Path]]:
    from .export import export_quads, start_export
    from .files import write_atomic
    from .graph import quads_graph, write_graphml
    from .resolve import resolve
    from .store import (Iris, apply_patch, carry_identity, graph_quads, nquad_lines, nquads_diff, parse_lines,
                        same_as_quads, write_store)
    from .view import write_view

    write_manifest(out_dir, dataclasses.replace(manifest, complete=False))
    _sweep_temporaries(out_dir)
    resolution = resolve(extractions)
    iris = Iris(manifest.base)
    documents = [entry.document() for entry in manifest.documents]
    quads = list(graph_quads(documents, resolution, iris, manifest.extractor_version))
    quads.extend(same_as_quads(carry_identity(out_dir, resolution), iris))
    if store_url:
        from .remote import write_remote

        write_remote(store_url, quads)
        files = [write_graphml(quads_graph(quads), out_dir)]
    else:
        old = out_dir / "graph.nq"
        lines = (nquad_lines(quads, blank=False)  # blank node labels vary: no patch then
                 if patch and old.is_file() and (out_dir / STORE_DIR).is_dir() else None)
        exports = None
        if lines is not None:
            # an update has a few quads to patch and every export to rewrite: the difference first
            # (graph.jsonld is patched from it), then a second process writes the exports, all
            # but graph.nq, while this one writes graph.nq, the store and the view
            diff = nquads_diff(old.read_bytes().splitlines(), lines)
            changed = parse_lines(diff.gone | diff.came)  # graph.jsonld is patched where they are
            exports = (start_export(quads, out_dir, manifest.base, without=("graph.nq",), changed=changed)
                       if _cores() > 1 else None)
            nquads = diff.text()
            if exports is None:
                files = export_quads(quads, out_dir, manifest.base, nquads, changed=changed)
            else:
                write_atomic(old, lambda p: p.write_bytes(nquads))
            apply_patch(out_dir, diff)
            _drop(diff, nquads, lines)
            del diff, nquads
        else:
            # the child rewrites graph.nq at once, so only where the old one is not read
            exports = start_export(quads, out_dir, manifest.base) if _cores() > 1 else None
            write_store(out_dir, quads)
            (out_dir / PATCHING).unlink(missing_ok=True)
            files = [] if exports else export_quads(quads, out_dir, manifest.base)
        graph = quads_graph(quads)  # the (patched) store's entity_graph, read from memory
        if patch:  # an update's: a build lets them go here (peak memory)
            _drop(quads)
        del quads, lines
        written = [write_graphml(graph, out_dir), write_view(out_dir, graph=graph).path]
        files = (exports() if exports else files) + written
    manifest = dataclasses.replace(manifest, counts={
        "sentences": sum(len(e.sentences) for e in extractions),
        "triples": sum(len(e.triples) for e in extractions),
        "entities": len(resolution.entities), "facts": len(resolution.facts)})
    files.append(write_manifest(out_dir, manifest))
    return manifest, files


def _drop(*records: object) -> None:
    """Let go of `records`; under `python -m kg` they are kept for the OS to free at exit (kg.defaults)."""
    if defaults.EXIT_RETAIN is not None:
        defaults.EXIT_RETAIN.append(records)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of kg's code, ontology and data: outputs written by other code are rewritten."""
    package = Path(__file__).resolve().parent
    files = [*package.rglob("*.py"), *package.rglob("*.tsv"), ontology_file("kg.ttl"),
             ontology_file("shapes.ttl")]
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _sweep_temporaries(out_dir: Path) -> None:
    """Delete temporary files a killed run left beside the outputs and in the cache."""
    from .export import RDF_FILES, SHIPPED_FILES

    OUTPUT_FILES = (*RDF_FILES, *SHIPPED_FILES, "graph.graphml", "graph.html")
    names = "|".join(re.escape(n) for n in (*OUTPUT_FILES, MANIFEST, IDENTITY, ".kg-remove.json"))
    ours = re.compile(rf"\.(?:{names}|[0-9a-f]{{64}}\.json\.gz)\.[a-z0-9_]{{8}}")  # mkstemp's names
    stale = [p for p in out_dir.iterdir() if p.is_file() and ours.fullmatch(p.name)]
    stale.extend(p for p in (out_dir / CACHE_DIR).glob("*/.*") if p.is_file() and ours.fullmatch(p.name))
    snapshot = re.compile(rf"\.{re.escape(SNAPSHOT)}\.[a-z0-9_]{{8}}")
    stale.extend(p for p in (out_dir / CACHE_DIR).glob(".*") if p.is_file() and snapshot.fullmatch(p.name))
    for path in stale:
        path.unlink(missing_ok=True)


def _up_to_date(out_dir: Path, manifest: Manifest) -> Manifest | None:
    """The folder's manifest if it is complete, equal to `manifest` and every output is in place."""
    try:
        previous = read_manifest(out_dir)
    except StoreError:
        return None
    from .export import RDF_FILES, SHIPPED_FILES

    outputs = [STORE_DIR, *RDF_FILES, *SHIPPED_FILES, "graph.graphml", "graph.html"]
    if previous == manifest and previous.complete and all((out_dir / n).exists() for n in outputs):
        return previous
    return None


def check_dask() -> None:
    """A ClusterError, before anything is read or written, unless Dask's distributed imports."""
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise ClusterError(f"--scheduler needs Dask, which is not installed ({exc}); install kg's "
                           "dask extra (`pip install '.[dask]'` in kg's folder).") from None


def check_base(base: str) -> None:
    """A StoreError, before anything is read or written, unless `base` makes valid IRIs."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(base + "entity/x")
    except ValueError as exc:
        raise StoreError(f"--base {base!r} is not an IRI ({exc}); give one like {DEFAULT_BASE}") from None


def check_inputs(documents: Sequence[Document], skips: Sequence[Skip], strict: bool) -> None:
    """Raise SkippedInputs when nothing is left to build, or when `strict` and anything was skipped."""
    reasons = ", ".join(f"{n} {kind}" for kind, n in skip_summary(skips).items())
    if not documents:
        detail = f" ({_inputs(len(skips))} skipped: {reasons})" if skips else ""
        raise SkippedInputs(f"no documents to build{detail}; give .txt, .md, .html or .jsonl articles "
                            f"with text.", tuple(skips))
    if strict and skips:
        raise SkippedInputs(f"{_inputs(len(skips))} skipped ({reasons}) and --strict is set; "
                            f"nothing was written. Fix or remove them, or build without --strict.",
                            tuple(skips))


def _inputs(count: int) -> str:
    return f"{count} input" if count == 1 else f"{count} inputs"


@dataclass(frozen=True)
class ParseStage:
    """How to parse what the cache lacks: a local pipeline (loaded only when needed) with `jobs`
    processes, or the Dask cluster at `scheduler`, which loads `model` on its workers."""

    load: Callable[[], Language]
    model: str = DEFAULT_MODEL
    jobs: int = 1
    scheduler: str | None = None
    batch_size: int = 64

    def run(self, documents: Sequence[Document], progress: Progress | None) -> Iterable[Extraction]:
        nlp = None if self.scheduler else self.load()
        return extract_documents(nlp, documents, batch_size=self.batch_size,  # type: ignore[arg-type]
                                 n_process=self.jobs, progress=progress, scheduler=self.scheduler,
                                 model=self.model)


def _extract_cached(documents: Sequence[Document], keys: dict[str, str], cache: ExtractionCache,
                    stage: ParseStage, progress: Progress | None
                    ) -> tuple[list[Extraction], int]:
    """An extraction per document (cached, or parsed now and cached) and how many were parsed."""
    found, missing = _read_cached(documents, keys, cache, progress)
    found.update(_parse_missing(missing, len(documents), keys, cache, stage, progress))
    return [found[doc.id] for doc in documents], len(missing)


def _read_cached(documents: Sequence[Document], keys: dict[str, str], cache: ExtractionCache,
                 progress: Progress | None) -> tuple[dict[str, Extraction], list[Document]]:
    """The cached extractions of `documents` by id, and the documents the cache lacks."""
    found: dict[str, Extraction] = {}
    missing = []
    with paused_gc():
        for doc in documents:
            cached = cache.get(keys[doc.id], doc.id)
            if cached is None:
                missing.append(doc)
                continue
            found[doc.id] = cached
            if progress:
                progress(doc)
    return found, missing


def _parse_missing(missing: Sequence[Document], total: int, keys: dict[str, str], cache: ExtractionCache,
                   stage: ParseStage, progress: Progress | None) -> dict[str, Extraction]:
    found: dict[str, Extraction] = {}
    if missing:
        log.info("parsing %d of %d documents (the rest are cached)", len(missing), total)
        for extraction in stage.run(missing, progress):
            cache.put(keys[extraction.doc_id], extraction)
            found[extraction.doc_id] = extraction
    return found


ASIDE_MAX = 64  # documents: an update parsing no more than this parses them beside the cache read


def _aside(missing: Sequence[Document], jobs: int) -> bool:
    return (0 < len(missing) <= ASIDE_MAX and jobs == 1 and _cores() > 1
            and "fork" in multiprocessing.get_all_start_methods())


@dataclass
class ParseAside:
    """The few documents an update parses, parsed by a forked process (which loads the pipeline
    unless given one) while this one reads the rest of the graph's extractions from the cache."""

    documents: list[Document]
    keys: dict[str, str]
    pool: ProcessPoolExecutor
    future: Future

    @classmethod
    def start(cls, documents: Sequence[Document], keys: dict[str, str], nlp: Language | None,
              model: str) -> ParseAside:
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_start_aside, initargs=(nlp, model))
        return cls(list(documents), keys, pool, pool.submit(_extract_aside, list(documents)))

    @property
    def ids(self) -> set[str]:
        return {doc.id for doc in self.documents}

    def result(self, cache: ExtractionCache, progress: Progress | None) -> list[Extraction]:
        """The extractions (cached now), in the documents' order; the child's error if it failed."""
        try:
            extractions = self.future.result()
        except BrokenProcessPool as exc:
            raise KgError(f"the process parsing {len(self.documents)} new document(s) died "
                          f"({exc})") from None
        for doc, extraction in zip(self.documents, extractions, strict=True):
            cache.put(self.keys[doc.id], extraction)
            if progress:
                progress(doc)
        return extractions

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _start_aside(nlp: Language | None, model: str) -> None:
    """In the forked process: import spaCy (this one need not) and load the pipeline."""
    from .parallel import _start_worker

    _start_worker(nlp, model)


def _extract_aside(documents: list[Document]) -> list[Extraction]:
    from .parallel import _worker_extract

    return _worker_extract(documents)


def _manifest_cache(out_dir: Path, manifest: Manifest, nlp: Language | None) -> ExtractionCache:
    model_name = model_id(nlp or manifest.model)
    cache = ExtractionCache(out_dir / CACHE_DIR, extractor_version(model_name), model_name)
    if (cache.model, cache.extractor_version) != (manifest.model_id, manifest.extractor_version):
        raise StoreError(f"{out_dir} was built with {manifest.model_id} and extractor "
                         f"{manifest.extractor_version}, not {cache.model} and {cache.extractor_version}; "
                         f"run `kg build` over all its documents again.")
    return cache


def _update(out_dir: Path, manifest: Manifest, entries: dict[str, DocumentEntry],
            cache: ExtractionCache, fresh: Sequence[Extraction], aside: ParseAside | None = None,
            progress: Progress | None = None) -> tuple[Manifest, list[Path]]:
    """Rewrite the outputs for `entries` unless they and the outputs are already up to date.
    `aside` parses some of them meanwhile (their extractions are taken from it, not the cache)."""
    new = dataclasses.replace(manifest, documents=tuple(entries[d] for d in sorted(entries)),
                              code=code_digest())
    if new == manifest and manifest.complete and (out_dir / STORE_DIR).is_dir():
        if aside is not None:
            aside.result(cache, progress)
        return manifest, []
    known = {e.doc_id: e for e in fresh}
    waiting = aside.ids if aside is not None else set()
    extractions = []
    with paused_gc():
        snapshot = cache.snapshot()
        for entry in new.documents:
            if entry.id in waiting:
                continue
            extraction = known.get(entry.id) or cache.get_from(snapshot, entry.key, entry.id)
            if extraction is None:
                raise StoreError(f"the cached extraction of {entry.id!r} is missing from {cache.folder}; "
                                 f"run `kg build` over all its documents again.")
            extractions.append(extraction)
        if aside is not None:
            _prepare_outputs()  # while the forked process still parses
            extractions.extend(e for e in aside.result(cache, progress) if e.doc_id in entries)
        same_code = manifest.complete and manifest.code == code_digest()
        _, files = write_outputs(out_dir, new, extractions, patch=same_code)
    cache.discard({e.key for e in manifest.documents} - {e.key for e in new.documents})
    if defaults.EXIT_RETAIN is not None:  # `python -m kg`: the OS frees them (kg.defaults)
        defaults.EXIT_RETAIN.append(extractions)
    return new, files


def _prepare_outputs() -> None:
    """Import what writing the outputs needs and load the resolver's lexicon (~0.4 s, the same
    objects `write_outputs` would make first)."""
    from . import export, facts, graph, resolve, store, view  # noqa: F401
    from .data import lexicon
    from .digests import extract_vocabulary

    lexicon()
    extract_vocabulary()


def _write_snapshot(cache: ExtractionCache, keys: dict[str, str], extractions: Sequence[Extraction]) -> None:
    """Keep the build's extractions in one file, read by the next `kg add` / `kg remove` instead of
    decoding every cache entry (ExtractionCache.snapshot). Updates do not rewrite it: entries the
    documents added since lack are read from the cache."""
    with paused_gc():
        cache.write_snapshot({keys[e.doc_id]: e for e in extractions})


def _update_report(out_dir: Path, started: float, changed: tuple[Manifest, list[Path]], added,
                   replaced, unchanged, removed, parsed: int, skips: list[Skip]) -> UpdateReport:
    manifest, files = changed
    return UpdateReport(out_dir, tuple(added), tuple(replaced), tuple(unchanged), tuple(removed),
                        parsed, len(manifest.documents), time.perf_counter() - started,
                        tuple(files), tuple(skips))
