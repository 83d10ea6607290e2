"""Local multi-process extraction: worker processes each hold one pipeline and return small records.

Workers parse and extract, so only `Document`s go out and `Extraction`s come back (no Doc
serialisation), and at most `window` batches are in flight, so memory stays bounded.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from spacy.language import Language

from .extract import DEFAULT_MODEL, extract_doc, load_nlp, parse
from .types import Document, Extraction

BatchDone = Callable[[list[Document]], None]

# The pipeline of *this* worker process, set once by `_start_worker`; never set in the parent.
_worker_nlp: Language | None = None


def batched(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of `size` items (the last may be shorter), read lazily."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_batch(nlp: Language, batch: list[Document], batch_size: int = 64) -> list[Extraction]:
    """Parse and extract one batch in this process, on the same (chunked) parse path as one job."""
    return [extract_doc(parsed, document.id)
            for document, parsed in parse(nlp, batch, batch_size=batch_size)]


def _start_worker(nlp: Language | None, model: str) -> None:
    global _worker_nlp
    _worker_nlp = nlp if nlp is not None else load_nlp(model)


def _worker_extract(batch: list[Document]) -> list[Extraction]:
    assert _worker_nlp is not None, "worker started without a pipeline"
    return extract_batch(_worker_nlp, batch, batch_size=len(batch))


def extract_parallel(documents: Iterable[Document], jobs: int, nlp: Language | None = None,
                     model: str = DEFAULT_MODEL, batch_size: int = 64,
                     on_batch: BatchDone | None = None) -> Iterator[Extraction]:
    """Extractions of `documents`, in input order, from `jobs` worker processes.

    Where processes fork, workers inherit the parent's loaded `nlp`; elsewhere each loads `model`
    once. `on_batch` is called in the parent with each batch's Documents as its results arrive.
    """
    forking = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    inherited = nlp if forking else None
    window = 2 * jobs
    pending: deque[tuple[list[Document], Future[list[Extraction]]]] = deque()
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                             initargs=(inherited, model)) as pool:
        for batch in batched(documents, batch_size):
            pending.append((batch, pool.submit(_worker_extract, batch)))
            if len(pending) >= window:
                yield from _collect(*pending.popleft(), on_batch)
        while pending:
            yield from _collect(*pending.popleft(), on_batch)


def _collect(batch: list[Document], future: Future[list[Extraction]],
             on_batch: BatchDone | None) -> list[Extraction]:
    extractions = future.result()
    if on_batch:
        on_batch(batch)
    return extractions
