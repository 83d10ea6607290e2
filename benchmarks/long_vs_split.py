"""One long article against the same text as many articles: wall, CPU and peak memory of `kg build`.

    python benchmarks/long_vs_split.py [--bytes 1000000] [--parts 128]

Takes Reuters articles in corpus order until their texts, joined by blank lines, reach BYTES
(UTF-8), writes that text once as one JSON Lines record and once cut at the paragraph breaks
nearest to PARTS equal shares (so the parts, joined again, are the same text), and builds each in
a fresh `python -m kg build --jobs 1` process. Prints the machine and its load, each run's wall
and CPU seconds and the peak RSS of the process tree (summed over children, sampled every
250 ms), and the long/split ratios. Issue 18's target: ratio ≤ 3, peak ≤ 1 GiB.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_common import CORPUS, kg_build, machine  # noqa: E402


def reuters_text(size: int) -> str:
    texts, total = [], 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line).get("text", "").strip()
            if not text:
                continue
            texts.append(text)
            total += len(text.encode("utf-8")) + 2
            if total >= size:
                break
    return "\n\n".join(texts)


def split(text: str, parts: int) -> list[str]:
    """`text` cut at the blank line nearest each of `parts` equal shares; joined, the same text."""
    cuts, start = [], 0
    for number in range(1, parts):
        target = len(text) * number // parts
        before, after = text.rfind("\n\n", start, target), text.find("\n\n", target)
        options = [c for c in (before, after) if c > start]
        if not options:
            continue
        cut = min(options, key=lambda c: abs(c - target))
        cuts.append(cut)
        start = cut + 2
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(text[start:cut])
        start = cut + 2
    pieces.append(text[start:])
    assert "\n\n".join(pieces) == text
    return pieces


def write(path: Path, texts: list[str]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for number, text in enumerate(texts, 1):
            out.write(json.dumps({"id": f"part-{number}", "text": text}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bytes", type=int, default=1_000_000)
    parser.add_argument("--parts", type=int, default=128)
    args = parser.parse_args()
    text = reuters_text(args.bytes)
    pieces = split(text, args.parts)
    print(machine(), flush=True)
    print(f"text: {len(text.encode('utf-8'))} bytes, {len(text.split())} words; "
          f"split into {len(pieces)} records", flush=True)
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, texts in (("split", pieces), ("long", [text])):
            corpus = Path(tmp) / f"{name}.jsonl"
            write(corpus, texts)
            run = kg_build(corpus, Path(tmp) / f"out-{name}", 1)
            runs[name] = run
            print(f"{name:5} ({len(texts)} records): wall {run.seconds:.1f} s, CPU {run.cpu:.1f} s, "
                  f"peak RSS {run.peak_rss / 2**20:.0f} MiB", flush=True)
    long, short = runs["long"], runs["split"]
    print(f"long/split: wall {long.seconds / short.seconds:.2f}, CPU {long.cpu / short.cpu:.2f} "
          f"(target <= 3); long peak RSS {long.peak_rss / 2**30:.2f} GiB (target <= 1 GiB)")
    print(machine())


if __name__ == "__main__":
    main()
