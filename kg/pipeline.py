"""The build: ingest → extract → resolve → store → export, as one library call."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from .errors import StoreError
from .export import export_graphml, export_rdf, to_networkx
from .extract import DEFAULT_MODEL, EXTRACTOR_VERSION, extract_doc, load_nlp, parse
from .ingest import ingest
from .resolve import resolve
from .store import Iris, graph_quads, open_store, write_store
from .types import Document, Extraction, Skip
from .view import write_html
from .vocab import DEFAULT_BASE

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
    for doc, parsed in parse(nlp, documents, batch_size=batch_size):
        yield extract_doc(parsed, doc.id)
        if progress:
            progress(doc)


def build(paths: Sequence[str | Path], out: str | Path = "kg-out", model: str = DEFAULT_MODEL,
          nlp: Language | None = None, base: str = DEFAULT_BASE, jobs: int = 1,
          progress: Progress | None = None, scheduler: str | None = None, batch_size: int = 64,
          store_url: str | None = None, on_total: Callable[[int], None] | None = None) -> BuildReport:
    """Build the knowledge graph of the articles under `paths` into the folder `out`.

    `jobs` parsing processes, or the Dask cluster at `scheduler`; with `store_url`, the graph goes
    to that SPARQL store's Graph Store Protocol endpoint instead of the embedded store.
    """
    started = time.perf_counter()
    out_dir = Path(out)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create output folder {out_dir}: {exc}") from exc
    nlp = nlp or load_nlp(model)
    skips: list[Skip] = []
    documents = list(ingest(paths, on_skip=skips.append))
    if on_total:
        on_total(len(documents))
    extractions = list(extract_documents(nlp, documents, batch_size=batch_size, n_process=jobs,
                                         progress=progress, scheduler=scheduler, model=model))
    resolution = resolve(extractions)
    iris = Iris(base)
    if store_url:
        from .remote import write_remote

        write_remote(store_url, graph_quads(documents, resolution, iris, EXTRACTOR_VERSION))
        files: list[Path] = []
    else:
        write_store(out_dir, graph_quads(documents, resolution, iris, EXTRACTOR_VERSION))
        store = open_store(out_dir)
        files = [*export_rdf(store, out_dir, base)]
        del store
    graph = to_networkx(resolution)
    files.append(export_graphml(graph, out_dir))
    files.append(write_html(graph, out_dir))
    return BuildReport(
        out=out_dir,
        documents=len(documents),
        sentences=sum(len(e.sentences) for e in extractions),
        triples=sum(len(e.triples) for e in extractions),
        entities=len(resolution.entities),
        facts=len(resolution.facts),
        seconds=time.perf_counter() - started,
        files=tuple(files),
        skips=tuple(skips),
    )
