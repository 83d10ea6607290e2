"""`kg build --jobs 1` against bare `nlp.pipe` of the same model on the first 1,000 Reuters articles.

Both sides run as fresh processes (interpreter start and model load included), alternating,
so machine load hits both alike. Prints the ratio kg / bare; target <= 1.0, never above 1.3.

    python benchmarks/build_speed.py [--limit 1000] [--rounds 1]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import bare_pipe, kg_build, machine, write_subset

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
        bare_total = kg_total = 0.0
        for round_ in range(1, args.rounds + 1):
            bare = bare_pipe(corpus, args.model, 1)
            kg = kg_build(corpus, Path(tmp) / "out", 1)
            bare_total += bare.seconds
            kg_total += kg.seconds
            print(f"round {round_}: bare nlp.pipe {bare.seconds:.1f} s ({words / bare.seconds:.0f} words/s), "
                  f"kg build --jobs 1 {kg.seconds:.1f} s ({words / kg.seconds:.0f} words/s), "
                  f"ratio {kg.seconds / bare.seconds:.2f}")
        print(f"ratio kg build / bare nlp.pipe: {kg_total / bare_total:.2f} (target <= 1.0, limit 1.3)")
        print(f"machine after: {machine()}")


if __name__ == "__main__":
    main()
