"""Parse and extract on a Dask distributed cluster: each worker loads the pipeline once.

A worker plugin (`PipelinePlugin`) loads the model by name when the worker starts (or joins);
tasks take batches of Documents and return small Extraction records. At most `window` batches
are in flight, and results come back in input order. Workers need kg and the model installed
and are best run with one thread each (`dask worker --nthreads 1`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from distributed import Client, Future, WorkerPlugin, get_worker
from spacy.language import Language

from .errors import ClusterError
from .extract import DEFAULT_MODEL, load_nlp
from .parallel import BatchDone, batched, extract_batch
from .types import Document, Extraction


def plugin_name(model: str) -> str:
    return f"kg-pipeline:{model}"


class PipelinePlugin(WorkerPlugin):
    """Loads one spaCy pipeline per worker, once, when the worker starts."""

    def __init__(self, model: str):
        self.model = model
        self.name = plugin_name(model)
        self.nlp: Language | None = None

    def setup(self, worker) -> None:
        self.nlp = load_nlp(self.model)


def worker_extract(model: str, batch: list[Document]) -> list[Extraction]:
    """The task run on a worker: parse and extract a batch with that worker's pipeline."""
    plugin = get_worker().plugins[plugin_name(model)]
    return extract_batch(plugin.nlp, batch, batch_size=len(batch))


def _has_pipeline(name: str, dask_worker) -> bool:
    return name in dask_worker.plugins


def ensure_pipeline(client: Client, model: str) -> None:
    """Register the pipeline plugin unless every worker already holds it (re-registering reloads)."""
    loaded = client.run(_has_pipeline, plugin_name(model))
    if not loaded or not all(loaded.values()):
        client.register_plugin(PipelinePlugin(model))


def connect(scheduler: str, timeout: float = 10.0) -> Client:
    """A client of the cluster at `scheduler`, or a ClusterError saying how to start one."""
    try:
        return Client(scheduler, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {scheduler} ({exc}); start one with "
            f"`dask scheduler` and workers with `dask worker {scheduler} --nthreads 1`.") from exc


def extract_distributed(documents: Iterable[Document], scheduler: str | Client,
                        model: str = DEFAULT_MODEL, batch_size: int = 64,
                        on_batch: BatchDone | None = None,
                        window: int | None = None) -> Iterator[Extraction]:
    """Extractions of `documents`, in input order, computed on the Dask cluster at `scheduler`."""
    client = scheduler if isinstance(scheduler, Client) else connect(scheduler)
    try:
        ensure_pipeline(client, model)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = window or 2 * workers
        pending: deque[tuple[list[Document], Future]] = deque()
        for batch in batched(documents, batch_size):
            pending.append((batch, client.submit(worker_extract, model, batch, pure=False)))
            if len(pending) >= limit:
                yield from _collect(*pending.popleft(), on_batch)
        while pending:
            yield from _collect(*pending.popleft(), on_batch)
    finally:
        if client is not scheduler:
            client.close()


def _collect(batch: list[Document], future: Future, on_batch: BatchDone | None) -> list[Extraction]:
    extractions = future.result()
    future.release()
    if on_batch:
        on_batch(batch)
    return extractions
