"""Build one very long article with no sentence punctuation and print time and peak memory.

    python benchmarks/long_document.py [WORDS ...]      # default: 50000 200000

The text is the seed articles' words without punctuation, repeated to WORDS words on one line:
the worst case for spaCy (over nlp.max_length, one endless "sentence"). Each size runs in a fresh
subprocess, so its peak RSS is its own. Stages are timed in wall and CPU seconds; the machine is
shared, so compare CPU ratios between sizes to see whether a stage's cost stays linear.
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
    """The build's stages one by one on the long article: wall and CPU seconds each, peak RSS."""
    from kg.export import export_rdf
    from kg.extract import EXTRACTOR_VERSION, extract_doc, load_nlp, parse
    from kg.ingest import ingest
    from kg.resolve import resolve
    from kg.store import Iris, graph_quads, open_store, write_store

    stages: dict[str, tuple[float, float]] = {}

    def timed(name, step):
        wall, cpu = time.perf_counter(), time.process_time()
        value = step()
        stages[name] = (round(time.perf_counter() - wall, 1), round(time.process_time() - cpu, 1))
        return value

    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "long.txt"
        article.write_text(long_text(words), encoding="utf-8")
        nlp = load_nlp()
        rss_model = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        documents = timed("ingest", lambda: list(ingest([article])))
        parsed = timed("parse", lambda: list(parse(nlp, documents)))
        extractions = timed("extract", lambda: [extract_doc(doc, d.id) for d, doc in parsed])
        del parsed
        resolution = timed("resolve", lambda: resolve(extractions))
        timed("store+rdf", lambda: (write_store(Path(tmp), graph_quads(
            documents, resolution, Iris(), EXTRACTOR_VERSION)), export_rdf(open_store(tmp), Path(tmp))))
    return {"words": words, "chars": len(documents[0].text), "stages": stages,
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "rss_after_model_mib": round(rss_model / 1024),
            "sentences": sum(len(e.sentences) for e in extractions),
            "triples": sum(len(e.triples) for e in extractions)}


def main(sizes: list[int]) -> None:
    results = []
    for words in sizes:
        proc = subprocess.run([sys.executable, __file__, "--one", str(words)], capture_output=True,
                              text=True, check=True, cwd=ROOT)
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        results.append(result)
        stages = ", ".join(f"{name} {wall} s wall / {cpu} s cpu"
                           for name, (wall, cpu) in result["stages"].items())
        print(f"{result['words']} words, {result['chars']} chars, {result['sentences']} sentences, "
              f"{result['triples']} triples: {stages}; peak RSS {result['peak_rss_mib']} MiB "
              f"(model alone {result['rss_after_model_mib']} MiB)", flush=True)
    if len(results) > 1:
        first, last = results[0], results[-1]
        ratios = ", ".join(f"{name} {last['stages'][name][1] / max(first['stages'][name][1], 0.1):.1f}x"
                           for name in first["stages"])
        print(f"cpu ratio for {last['words'] / first['words']:.0f}x the words: {ratios}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(run_one(int(sys.argv[2]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [50_000, 200_000])
