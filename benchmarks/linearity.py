"""Do the stages after parsing grow linearly? Time them on the first N and the first 4N articles.

Parses the first 4N Reuters articles once (--jobs processes; --cache keeps the extractions in a
pickle for the next run), then times resolve, store writes and exports on N and on 4N documents'
extractions, best of --repeat runs, in CPU seconds (wall time is meaningless on a busy machine).
Linear stages take about 4x as long on 4N; quadratic ones would take about 16x.

    python benchmarks/linearity.py [--n 1000] [--jobs 2] [--cache /tmp/kg-extractions.pickle]
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import tempfile
import time
from itertools import islice
from pathlib import Path

import psutil
from scale_common import CORPUS, machine

from kg.export import export_rdf
from kg.graph import entity_graph, write_graphml
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


def stages(docs, extractions, out: Path) -> tuple[dict[str, float], str]:
    times = {}
    started = time.process_time()
    resolution = resolve(extractions)
    times["resolve"] = time.process_time() - started
    started = time.process_time()
    write_store(out, graph_quads(docs, resolution, Iris(), EXTRACTOR_VERSION))
    times["store write"] = time.process_time() - started
    started = time.process_time()
    store = open_store(out)
    quads = len(store)
    export_rdf(store, out)
    times["ttl/trig/nq export"] = time.process_time() - started
    started = time.process_time()
    graph = entity_graph(store)
    del store
    write_graphml(graph, out)
    write_html(graph, out)
    times["graphml+html"] = time.process_time() - started
    sizes = (f"{len(docs)} docs, {sum(len(e.mentions) for e in extractions)} mentions, "
             f"{len(resolution.entities)} entities, {len(resolution.facts)} facts, {quads} quads")
    return times, sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the extractions")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    docs = documents(4 * args.n)
    if args.cache and args.cache.is_file():
        extractions = pickle.loads(args.cache.read_bytes())
    else:
        started = time.perf_counter()
        extractions = list(extract_documents(load_nlp(), docs, n_process=args.jobs))
        print(f"parsed {len(docs)} articles in {time.perf_counter() - started:.0f} s")
        if args.cache:
            args.cache.write_bytes(pickle.dumps(extractions))
    rss = psutil.Process().memory_info().rss
    held = pickle.loads(pickle.dumps(extractions))
    print(f"{len(held)} extractions take {(psutil.Process().memory_info().rss - rss) / MiB:.0f} MiB")
    del held
    results = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        for size in (args.n, 4 * args.n):
            runs = []
            for attempt in range(args.repeat):
                out = Path(tmp) / f"{size}-{attempt}"
                out.mkdir()
                runs.append(stages(docs[:size], extractions[:size], out))
            results[size] = {stage: min(r[0][stage] for r in runs) for stage in runs[0][0]}
            print(f"{size}: {runs[0][1]}")
    print(f"{'CPU s, best of ' + str(args.repeat):22} {args.n:>8} docs {4 * args.n:>8} docs   "
          f"ratio (linear ~4, quadratic ~16)")
    for stage in results[args.n]:
        small, big = results[args.n][stage], results[4 * args.n][stage]
        print(f"{stage:22} {small:11.2f} s {big:11.2f} s   {big / small:5.1f}")


if __name__ == "__main__":
    main()
