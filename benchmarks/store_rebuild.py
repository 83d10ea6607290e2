"""Store size and build / rebuild times of the incremental store on one corpus.

    python benchmarks/store_rebuild.py seeds --out /tmp/bench-seeds
    python benchmarks/store_rebuild.py /tmp/reuters1000.jsonl --out /tmp/bench-reuters

Steps, each timed in this process (the spaCy model is loaded only by steps that parse):
clean build; rebuild with nothing changed; rebuild with one document's text changed;
`kg add` of an unchanged document; `kg remove` of one document. Timings on a shared
machine are noisy: compare the ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from kg.cache import CACHE_DIR, ExtractionCache
from kg.ingest import ingest
from kg.pipeline import add, build, remove, write_outputs
from kg.store import STORE_DIR, read_manifest


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def changed_copy(corpus: Path, work: Path) -> tuple[list[Path], str]:
    """A copy of the corpus whose first document has one more sentence; returns paths and that id."""
    first = next(iter(ingest([corpus])))
    if corpus.suffix == ".jsonl":
        lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
        record = json.loads(lines[0])
        record["text"] += "\nThe minister said the talks would continue on Monday."
        lines[0] = json.dumps(record) + "\n"
        target = work / corpus.name
        target.write_text("".join(lines), encoding="utf-8")
        return [target], first.id
    target = work / corpus.name
    shutil.copytree(corpus, target)
    path = Path(first.path)
    (target / path.relative_to(corpus)).write_text(
        first.text + "\nThe minister said the talks would continue on Monday.\n", encoding="utf-8")
    return [target], first.id


def timed(label: str, call):
    started = time.perf_counter()
    result = call()
    print(f"{label:<44} {time.perf_counter() - started:8.2f} s", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    work = args.out.with_name(args.out.name + "-input")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    report = timed("clean build (loads model, parses all)", lambda: build([args.corpus], out=args.out, jobs=args.jobs))
    print(f"  {report.documents} documents, {report.parsed} parsed, {report.entities} entities, "
          f"{report.facts} facts")
    store_bytes = folder_size(args.out / STORE_DIR)
    print(f"  store {store_bytes / 1e6:.1f} MB, cache {folder_size(args.out / 'cache') / 1e6:.1f} MB, "
          f"graph.nq {(args.out / 'graph.nq').stat().st_size / 1e6:.1f} MB, "
          f"{sum(1 for _ in open(args.out / 'graph.nq', 'rb'))} quads")
    again = timed("rebuild, nothing changed (outputs kept)", lambda: build([args.corpus], out=args.out))
    assert again.parsed == 0 and not again.files, again
    manifest = read_manifest(args.out)
    cache = ExtractionCache(args.out / CACHE_DIR, manifest.extractor_version, manifest.model_id)
    extractions = timed("rewrite from cache: load cached extractions",
                        lambda: [cache.get(e.key, e.id) for e in manifest.documents])
    timed("rewrite from cache: resolve + store + exports", lambda: write_outputs(args.out, manifest, extractions))
    changed, doc_id = changed_copy(args.corpus, work)
    one = timed(f"rebuild, one document changed ({doc_id})", lambda: build(changed, out=args.out))
    assert one.parsed == 1, one.parsed
    first = next(iter(ingest(changed)))
    single = work / "single.jsonl"
    single.write_text(json.dumps({"id": first.id, "text": first.text, "title": first.title,
                                  "date": first.date, "source": first.source, "author": first.author}) + "\n",
                      encoding="utf-8")
    noop = timed("kg add, unchanged document", lambda: add(args.out, [single]))
    assert not noop.files and noop.unchanged == (doc_id,), noop
    timed(f"kg remove {doc_id}", lambda: remove(args.out, [doc_id]))
    timed(f"kg add {doc_id} (parses it again)", lambda: add(args.out, [single]))
    print(f"python {' '.join(sys.argv)}")


if __name__ == "__main__":
    main()
