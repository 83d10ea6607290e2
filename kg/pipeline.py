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
from .view import write_view
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
                      n_process: int = 1, progress: Progress | None = None
                      ) -> Iterable[Extraction]:
    for doc, parsed in parse(nlp, documents, batch_size=batch_size, n_process=n_process):
        yield extract_doc(parsed, doc.id)
        if progress:
            progress(doc)


def build(paths: Sequence[str | Path], out: str | Path = "kg-out", model: str = DEFAULT_MODEL,
          nlp: Language | None = None, base: str = DEFAULT_BASE, jobs: int = 1,
          progress: Progress | None = None) -> BuildReport:
    """Build the knowledge graph of the articles under `paths` into the folder `out`."""
    started = time.perf_counter()
    out_dir = Path(out)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create output folder {out_dir}: {exc}") from exc
    nlp = nlp or load_nlp(model)
    skips: list[Skip] = []
    documents = list(ingest(paths, on_skip=skips.append))
    extractions = list(extract_documents(nlp, documents, n_process=jobs, progress=progress))
    resolution = resolve(extractions)
    iris = Iris(base)
    write_store(out_dir, graph_quads(documents, resolution, iris, EXTRACTOR_VERSION))
    store = open_store(out_dir)
    files = [*export_rdf(store, out_dir, base)]
    del store
    graph = to_networkx(resolution)
    files.append(export_graphml(graph, out_dir))
    files.append(write_view(out_dir).path)
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
