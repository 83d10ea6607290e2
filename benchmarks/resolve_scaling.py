"""How resolve() grows with the number of mentions, on real newswire (Reuters-21578).

    python benchmarks/resolve_scaling.py --docs 200 --copies 1 2 4 8 16

Parses --docs articles once, then resolves 1, 2, 4… copies of them under fresh document ids (the
copies share names, so the blocking keys grow crowded as they would in a large corpus). Prints
mentions, seconds and microseconds per mention; near-linear means the last column stays flat.
The machine is shared: read ratios within one run, not absolute times.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract import load_nlp
from kg.pipeline import extract_documents
from kg.resolve import resolve
from kg.types import Document, Extraction

CORPUS = Path("/work/shared/corpora/reuters21578/reuters21578.jsonl.gz")


def documents(path: Path, limit: int) -> list[Document]:
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("text", "").strip():
                docs.append(Document(record["id"], record["text"], record.get("title")))
            if len(docs) == limit:
                break
    return docs


def copy(ex: Extraction, n: int) -> Extraction:
    doc_id = f"{ex.doc_id}#{n}"
    return replace(ex, doc_id=doc_id,
                   mentions=tuple(replace(m, doc_id=doc_id) for m in ex.mentions),
                   triples=tuple(replace(t, doc_id=doc_id) for t in ex.triples),
                   titles=tuple(replace(t, doc_id=doc_id) for t in ex.titles))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 2, 4, 8, 16])
    args = parser.parse_args()
    nlp = load_nlp()
    started = time.perf_counter()
    base = list(extract_documents(nlp, documents(args.corpus, args.docs)))
    print(f"parsed {len(base)} documents in {time.perf_counter() - started:.1f}s")
    print(f"{'docs':>7} {'mentions':>9} {'entities':>9} {'seconds':>8} {'us/mention':>11}")
    for k in args.copies:
        corpus = [copy(ex, n) for n in range(k) for ex in base]
        mentions = sum(len(ex.mentions) for ex in corpus)
        started = time.perf_counter()
        res = resolve(corpus)
        seconds = time.perf_counter() - started
        print(f"{len(corpus):>7} {mentions:>9} {len(res.entities):>9} {seconds:>8.2f} {1e6 * seconds / mentions:>11.1f}")


if __name__ == "__main__":
    main()
