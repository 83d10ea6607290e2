"""`kg build --jobs 1` against bare `nlp.pipe` of the same model on the first 1,000 Reuters articles.

Both sides run as fresh processes (interpreter start and model load included), alternating,
so machine load hits both alike. Prints the ratio kg / bare; target <= 1.0, never above 1.3.

    python benchmarks/build_speed.py [--limit 1000] [--rounds 1]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from scale_common import bare_pipe, kg_build, machine, write_subset

from kg.extract import DEFAULT_MODEL


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1000, help="first N articles")
    parser.add_argument("--rounds", type=int, default=1, help="alternating bare/kg runs")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        corpus = Path(tmp) / "reuters.jsonl"
        articles, words = write_subset(corpus, args.limit)
        print(f"machine: {machine()}")
        print(f"corpus: first {articles} Reuters-21578 articles, {words} words")
        totals = {"bare": [0.0, 0.0], "kg": [0.0, 0.0]}
        for round_ in range(1, args.rounds + 1):
            runs = {"bare": bare_pipe(corpus, args.model, 1),
                    "kg": kg_build(corpus, Path(tmp) / f"out{round_}", 1)}  # no cache from a round before
            for side, run in runs.items():
                totals[side][0] += run.seconds
                totals[side][1] += run.cpu
                print(f"round {round_}: {'bare nlp.pipe' if side == 'bare' else 'kg build --jobs 1':17}"
                      f" wall {run.seconds:6.1f} s ({words / run.seconds:4.0f} words/s), "
                      f"CPU {run.cpu:6.1f} s ({words / run.cpu:4.0f} words/CPU-s)", flush=True)
            print(f"round {round_}: kg / bare wall {runs['kg'].seconds / runs['bare'].seconds:.2f}, "
                  f"CPU {runs['kg'].cpu / runs['bare'].cpu:.2f}; {machine()}", flush=True)
        (bare_wall, bare_cpu), (kg_wall, kg_cpu) = totals["bare"], totals["kg"]
        print(f"ratio kg build / bare nlp.pipe: wall {kg_wall / bare_wall:.2f}, "
              f"CPU {kg_cpu / bare_cpu:.2f} (target <= 1.0, limit 1.3)")
        print(f"machine after: {machine()}")


if __name__ == "__main__":
    main()
