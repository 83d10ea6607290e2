"""The build: ingest → extract → resolve → store → export, as one library call."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from .errors import SkippedInputs, StoreError
from .export import export_graphml, export_rdf, to_networkx
from .extract import DEFAULT_MODEL, EXTRACTOR_VERSION, extract_doc, load_nlp, parse
from .ingest import ingest, skip_summary
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
                      n_process: int = 1, progress: Progress | None = None
                      ) -> Iterable[Extraction]:
    for doc, parsed in parse(nlp, documents, batch_size=batch_size, n_process=n_process):
        yield extract_doc(parsed, doc.id)
        if progress:
            progress(doc)


def build(paths: Sequence[str | Path], out: str | Path = "kg-out", model: str = DEFAULT_MODEL,
          nlp: Language | None = None, base: str = DEFAULT_BASE, jobs: int = 1,
          progress: Progress | None = None, strict: bool = False,
          fields: Mapping[str, str] | None = None) -> BuildReport:
    """Build the knowledge graph of the articles under `paths` into the folder `out`.

    With `strict`, any skipped input stops the build before anything is written. `fields` maps
    JSON Lines field names, e.g. {"text": "body"}.
    """
    started = time.perf_counter()
    out_dir = Path(out)
    skips: list[Skip] = []
    documents = list(ingest(paths, on_skip=skips.append, fields=fields))
    check_inputs(documents, skips, strict)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create output folder {out_dir}: {exc}") from exc
    nlp = nlp or load_nlp(model)
    extractions = list(extract_documents(nlp, documents, n_process=jobs, progress=progress))
    resolution = resolve(extractions)
    iris = Iris(base)
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
