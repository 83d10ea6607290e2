"""A deterministic sample of the statements the graph keeps, from Reuters articles kg was not tuned
on (outside the first 1,000 of the corpus), printed for judging against benchmarks/judged/RULES.md.

Usage: python benchmarks/judged/sample.py [--first 1000] [--articles 80] [--size 100]
                                          [--min-conf X] [--corpus FILE] [--judged FILE]

Articles --first .. --first+--articles-1 (0-based lines of the corpus) are extracted and resolved
exactly as `kg build` does; a triple the graph leaves out (below --min-conf, default
kg.defaults.GRAPH_MIN_CONFIDENCE, or marked `Triple.modality`) is dropped before resolution, as the
graph layer drops it. Of the statements left, --size are taken in the order of a hash of their
text, so the same build gives the same sample. One row a statement:
subject | relation | object | confidence | sentence   (tab-separated; the sentence is the
evidence with the highest confidence). With --judged FILE (a TSV of earlier judgments, verdict in
the first column, the rest of the row as printed here) it prints the share of each verdict and
precision by confidence band instead.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

CORPUS = Path("/work/shared/corpora/reuters21578/reuters21578.jsonl.gz")


def articles(corpus: Path, first: int, count: int) -> list[dict]:
    out = []
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= first + count:
                break
            if i >= first:
                out.append(json.loads(line))
    return out


def kept(triple, min_conf: float) -> bool:
    """What the graph layer keeps of an extracted triple."""
    return triple.confidence >= min_conf and not triple.modality


def statements(corpus: Path, first: int, count: int, min_conf: float) -> list[tuple[str, ...]]:
    """(subject, relation, object, confidence, sentence) of every statement the graph keeps."""
    from kg.extract import load_nlp
    from kg.ingest import ingest
    from kg.pipeline import extract_documents
    from kg.resolve import resolve

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.jsonl"
        path.write_text("".join(json.dumps(a) + "\n" for a in articles(corpus, first, count)),
                        encoding="utf-8")
        documents = list(ingest([path]))
    extractions = [dataclasses.replace(ex, triples=tuple(t for t in ex.triples if kept(t, min_conf)))
                   for ex in extract_documents(load_nlp(), documents)]
    from kg import facts
    default = facts.fact_layer.__defaults__
    facts.fact_layer.__defaults__ = (min_conf,)  # the fact layer applies the graph's threshold too
    try:
        resolution = resolve(extractions)
    finally:
        facts.fact_layer.__defaults__ = default
    labels = {e.id: e.label for e in resolution.entities}
    labels.update({n.id: n.label for n in resolution.nodes})  # things and claims: their phrase
    rows = []
    for fact in resolution.facts:
        best = max(fact.evidence, key=lambda e: (e.confidence, -e.start))
        obj = (labels.get(fact.object, fact.object) if fact.object_is_entity
               else fact.object_text or labels.get(fact.object, fact.object))
        rows.append((labels.get(fact.subject, fact.subject), fact.relation, obj,
                     f"{best.confidence:.3f}", " ".join(best.sentence.split())))
    return rows


def sample(rows: list[tuple[str, ...]], size: int) -> list[tuple[str, ...]]:
    def key(row: tuple[str, ...]) -> str:
        return hashlib.sha1("\t".join(row[:3] + row[4:]).encode()).hexdigest()
    return sorted(rows, key=key)[:size]


def summary(judged: Path) -> str:
    """Share of each verdict, and precision by confidence band, of a judged TSV."""
    rows = [line.split("\t") for line in judged.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    verdicts = Counter(r[0] for r in rows)
    n = len(rows)
    lines = [f"{n} judged: " + "  ".join(f"{v} {verdicts[v]} ({verdicts[v] / n:.0%})"
                                         for v in ("correct", "partly", "wrong"))]
    bands = [(0.0, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, 0.65), (0.65, 0.7), (0.7, 0.75),
             (0.75, 1.01)]
    for lo, hi in bands:
        band = [r[0] for r in rows if lo <= float(r[4]) < hi]
        if band:
            c = Counter(band)
            lines.append(f"  confidence [{lo:.2f}, {min(hi, 1):.2f}): {len(band):3} judged, "
                         f"correct {c['correct'] / len(band):.0%}, wrong {c['wrong'] / len(band):.0%}")
    for lo in (0.5, 0.6, 0.65, 0.7, 0.75):
        above = [r[0] for r in rows if float(r[4]) >= lo]
        if above:
            c = Counter(above)
            lines.append(f"  kept at >= {lo:.2f}: {len(above):3}, correct {c['correct'] / len(above):.0%},"
                         f" wrong {c['wrong'] / len(above):.0%}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from kg.defaults import GRAPH_MIN_CONFIDENCE

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--first", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--min-conf", type=float, default=GRAPH_MIN_CONFIDENCE)
    parser.add_argument("--judged", type=Path, help="summarise this judged TSV instead")
    args = parser.parse_args(argv)
    if args.judged:
        print(summary(args.judged))
        return 0
    rows = statements(args.corpus, args.first, args.articles, args.min_conf)
    print(f"# {len(rows)} statements kept from articles {args.first}..{args.first + args.articles - 1}"
          f" at confidence >= {args.min_conf:g}; {min(args.size, len(rows))} sampled")
    for row in sample(rows, args.size):
        print("\t".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
