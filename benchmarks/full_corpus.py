"""All of Reuters-21578 with `kg build --jobs 2` against bare `nlp.pipe(n_process=2)` on the same texts.

Prints wall time, the ratio kg / bare and the peak resident memory of each process tree.
Targets: ratio <= 1.1, peak RSS < 2 GiB. Keep the built graph for query_latency.py with --keep.

    python benchmarks/full_corpus.py [--limit N] [--jobs 2] [--keep /tmp/kg-reuters]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from scale_common import bare_pipe, kg_build, machine, write_subset

from kg.extract import DEFAULT_MODEL

GiB = 2**30


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N articles (default all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--keep", type=Path, default=None, help="keep the kg output folder here")
    parser.add_argument("--kg-first", action="store_true", help="run kg before bare nlp.pipe")
    parser.add_argument("--only", choices=("kg", "bare"), default=None, help="run one side only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        corpus = Path(tmp) / "reuters.jsonl"
        articles, words = write_subset(corpus, args.limit)
        out = Path(tmp) / "out"
        print(f"machine: {machine()}")
        print(f"corpus: {articles} Reuters-21578 articles, {words} words")
        runs = {}
        sides = ("kg", "bare") if args.kg_first else ("bare", "kg")
        for side in (s for s in sides if args.only in (None, s)):
            if side == "bare":
                runs[side] = bare_pipe(corpus, args.model, args.jobs)
            else:
                runs[side] = kg_build(corpus, out, args.jobs)
            run = runs[side]
            label = (f"bare nlp.pipe(n_process={args.jobs})" if side == "bare"
                     else f"kg build --jobs {args.jobs}")
            print(f"{label}: wall {run.seconds:.0f} s, {words / run.seconds:.0f} words/s, "
                  f"{articles / run.seconds:.1f} articles/s, CPU {run.cpu:.0f} s, "
                  f"peak RSS {run.peak_rss / GiB:.2f} GiB (PSS {run.peak_pss / GiB:.2f} GiB)", flush=True)
        if "kg" in runs:
            print(runs["kg"].stdout.strip().splitlines()[0])
        if len(runs) == 2:
            ratio = runs["kg"].seconds / runs["bare"].seconds
            cpu_ratio = runs["kg"].cpu / runs["bare"].cpu
            print(f"ratio kg / bare: wall {ratio:.2f}, CPU {cpu_ratio:.2f} (target <= 1.1); "
                  f"kg peak RSS {runs['kg'].peak_rss / GiB:.2f} GiB (target < 2)")
        print(f"machine after: {machine()}")
        if args.keep and "kg" in runs:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.move(str(out), args.keep)
            print(f"kept the graph in {args.keep}")


if __name__ == "__main__":
    main()
