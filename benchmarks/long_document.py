"""Build one very long article with no sentence punctuation and print time and peak memory.

    python benchmarks/long_document.py [WORDS ...]      # default: 50000 200000

The text is the seed articles' words without punctuation, repeated to WORDS words on one line:
the worst case for spaCy (over nlp.max_length, one endless "sentence"). Each size runs in a fresh
subprocess, so its peak RSS is its own; the ratio between sizes shows whether cost stays linear.
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def long_text(words: int) -> str:
    seed_words = re.findall(r"[\w’'-]+", " ".join(p.read_text(encoding="utf-8")
                                                 for p in sorted((ROOT / "seeds").glob("*.txt"))))
    repeated = (seed_words * (words // len(seed_words) + 1))[:words]
    return " ".join(repeated)


def run_one(words: int) -> dict:
    from kg.extract import load_nlp
    from kg.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "long.txt"
        article.write_text(long_text(words), encoding="utf-8")
        nlp = load_nlp()
        rss_model = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        report = build([article], out=Path(tmp) / "out", nlp=nlp)
        seconds = time.perf_counter() - started
    return {"words": words, "chars": len(long_text(words)), "seconds": round(seconds, 1),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "rss_after_model_mib": round(rss_model / 1024), "sentences": report.sentences,
            "triples": report.triples, "entities": report.entities}


def main(sizes: list[int]) -> None:
    results = []
    for words in sizes:
        proc = subprocess.run([sys.executable, __file__, "--one", str(words)], capture_output=True,
                              text=True, check=True, cwd=ROOT)
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        results.append(result)
        print(f"{result['words']:>7} words {result['chars']:>9} chars: {result['seconds']:>6} s, "
              f"peak RSS {result['peak_rss_mib']} MiB (model alone {result['rss_after_model_mib']} MiB), "
              f"{result['sentences']} sentences, {result['triples']} triples, "
              f"{result['entities']} entities", flush=True)
    if len(results) > 1:
        first, last = results[0], results[-1]
        print(f"time ratio {last['seconds'] / first['seconds']:.2f} for word ratio "
              f"{last['words'] / first['words']:.2f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(run_one(int(sys.argv[2]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [50_000, 200_000])
