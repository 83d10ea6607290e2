"""`kg build` of two checkouts against bare `nlp.pipe`, interleaved round by round on the same texts.

On a shared machine one run of each side says little: this runs bare, checkout A and checkout B
back to back for --rounds rounds (order rotated each round) and prints every run and the median
ratios to bare, in wall and CPU time, with the load average.

    python benchmarks/build_ab.py --other /path/to/other/checkout [--limit 1000] [--jobs 2] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

import scale_common
from scale_common import bare_pipe, kg_build, machine, write_subset

from kg.extract import DEFAULT_MODEL


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", type=Path, required=True, help="the checkout to compare with")
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args()
    checkouts = {"this": scale_common.ROOT, "other": args.other.resolve()}
    runs: dict[str, list] = {"bare": [], "this": [], "other": []}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        corpus = Path(tmp) / "reuters.jsonl"
        articles, words = write_subset(corpus, args.limit)
        print(f"corpus: first {articles} Reuters-21578 articles, {words} words, --jobs {args.jobs}")
        sides = ["bare", "this", "other"]
        for round_ in range(args.rounds):
            order = sides[round_ % 3:] + sides[:round_ % 3]
            for side in order:
                print(f"round {round_ + 1} {side:5} start: {machine()}", flush=True)
                if side == "bare":
                    run = bare_pipe(corpus, args.model, args.jobs)
                else:
                    scale_common.ROOT = checkouts[side]
                    run = kg_build(corpus, Path(tmp) / f"out-{side}-{round_}", args.jobs)
                runs[side].append(run)
                print(f"round {round_ + 1} {side:5} wall {run.seconds:6.1f} s, CPU {run.cpu:6.1f} s, "
                      f"peak RSS {run.peak_rss / 2**30:.2f} GiB", flush=True)
    for side in ("this", "other"):
        wall = statistics.median(r.seconds / b.seconds for r, b in zip(runs[side], runs["bare"]))
        cpu = statistics.median(r.cpu / b.cpu for r, b in zip(runs[side], runs["bare"]))
        print(f"{side} ({checkouts[side]}): median ratio to bare, wall {wall:.2f}, CPU {cpu:.2f}")
    print(f"machine after: {machine()}")


if __name__ == "__main__":
    main()
