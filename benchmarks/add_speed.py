"""`kg add` of one article to a built graph, as a share of the clean build of that graph (issue 16, row 4).

    python benchmarks/add_speed.py --limit 1000 [--jobs 2] [--keep /tmp/add-speed]

Builds the first `--limit` Reuters articles with `kg build --jobs J` (a child process, timed),
then times, each as a child process: `kg add` of the next article with text (loads the model,
parses it, re-resolves, patches the store, rewrites the exports), `kg remove` of that article,
and `kg add` of an article the graph already holds unchanged (the floor: imports, reading the
manifest, hashing the text). Prints wall and CPU seconds, the ratio add / clean build, what the
add spent beyond that floor, and the machine and its load. With `--keep` the built folder is
kept there and reused by the next run (only the add and remove are timed then).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import tempfile
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_common import CORPUS, Run, kg_build, machine, timed, write_subset  # noqa: E402


def next_article(skip: int, target: Path) -> str:
    """Write the first article with text after the first `skip` lines to `target`; its id."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in islice(lines, skip, None):
            record = json.loads(line)
            if record.get("text", "").strip():
                target.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
                return record["id"]
    raise SystemExit("no article left after the subset")


def kg(*args: str) -> Run:
    return timed([sys.executable, "-m", "kg", *args])


def show(label: str, run: Run) -> None:
    print(f"{label:<46} {run.seconds:8.2f} s wall {run.cpu:8.2f} s CPU  peak RSS {run.peak_rss / 2**20:6.0f} MiB",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1000, help="articles in the built graph")
    parser.add_argument("--jobs", type=int, default=2, help="parsing processes of the clean build")
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the built folder here")
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory(prefix="kg-add-speed-") as tmp:
        work = Path(tmp)
        subset = work / "subset.jsonl"
        articles, words = write_subset(subset, args.limit)
        one = work / "one.jsonl"
        doc_id = next_article(args.limit, one)
        first = work / "first.jsonl"
        first.write_text(subset.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
        out = args.keep or work / "out"
        build = None
        if not (args.keep and (out / "manifest.json").is_file()):
            shutil.rmtree(out, ignore_errors=True)
            build = kg_build(subset, out, args.jobs)
            show(f"kg build --jobs {args.jobs}, {articles} articles ({words} words)", build)
        else:
            print(f"reusing the build in {out}")
        floor = kg("add", str(out), str(first))
        show("kg add of an unchanged article (floor)", floor)
        added = kg("add", str(out), str(one))
        show(f"kg add {doc_id} (one new article)", added)
        removed = kg("remove", str(out), doc_id)
        show(f"kg remove {doc_id}", removed)
        if build is not None:
            print(f"ratio add / clean build: {added.seconds / build.seconds:.3f} wall, "
                  f"{added.cpu / build.cpu:.3f} CPU")
        print(f"add beyond the floor: {added.seconds - floor.seconds:.2f} s wall "
              f"(model load + parse of one article + resolution + store + exports)")
    print(f"python {' '.join(sys.argv)}")


if __name__ == "__main__":
    main()
