"""Do the stages after parsing grow linearly? Time them on the first N and the first 4N articles.

Parses the first 4N Reuters articles once (--jobs processes), then times resolve, store writes
and exports on N and on 4N documents' extractions. Linear stages take about 4x as long on 4N;
quadratic ones would take about 16x.

    python benchmarks/linearity.py [--n 1000] [--jobs 2]
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from itertools import islice
from pathlib import Path

import psutil
from scale_common import CORPUS, machine

from kg.export import export_graphml, export_rdf, to_networkx
from kg.extract import EXTRACTOR_VERSION, load_nlp
from kg.pipeline import extract_documents
from kg.resolve import resolve
from kg.store import Iris, graph_quads, open_store, write_store
from kg.types import Document
from kg.view import write_html

MiB = 2**20


def documents(limit: int) -> list[Document]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in islice(lines, limit)]
    return [Document(id=r["id"], text=r["text"], title=r.get("title"), date=r.get("date"))
            for r in records if r.get("text", "").strip()]


def stages(docs, extractions, out: Path) -> dict[str, float]:
    times = {}
    started = time.perf_counter()
    resolution = resolve(extractions)
    times["resolve"] = time.perf_counter() - started
    started = time.perf_counter()
    write_store(out, graph_quads(docs, resolution, Iris(), EXTRACTOR_VERSION))
    times["store write"] = time.perf_counter() - started
    started = time.perf_counter()
    store = open_store(out)
    export_rdf(store, out)
    del store
    times["ttl/trig/nq export"] = time.perf_counter() - started
    started = time.perf_counter()
    graph = to_networkx(resolution)
    export_graphml(graph, out)
    write_html(graph, out)
    times["graphml+html"] = time.perf_counter() - started
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    docs = documents(4 * args.n)
    rss = psutil.Process().memory_info().rss
    started = time.perf_counter()
    extractions = list(extract_documents(load_nlp(), docs, n_process=args.jobs))
    print(f"parsed {len(docs)} articles in {time.perf_counter() - started:.0f} s; extractions hold "
          f"~{(psutil.Process().memory_info().rss - rss) / MiB:.0f} MiB more RSS (model included)")
    results = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        for size in (args.n, 4 * args.n):
            out = Path(tmp) / str(size)
            out.mkdir()
            results[size] = stages(docs[:size], extractions[:size], out)
    print(f"{'stage':22} {args.n:>8} docs {4 * args.n:>8} docs   ratio (linear ~4, quadratic ~16)")
    for stage in results[args.n]:
        small, big = results[args.n][stage], results[4 * args.n][stage]
        print(f"{stage:22} {small:11.2f} s {big:11.2f} s   {big / small:5.1f}")


if __name__ == "__main__":
    main()
