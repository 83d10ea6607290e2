"""Build the hostile corpus of tests/test_hostile.py through the CLI and print how long it took.

    python benchmarks/hostile_corpus.py

Prints the wall time of `python -m kg build corpus` (model load included), the build's own time
as the CLI reports it, and the ingest stage alone (in this process, model not needed).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ingest import ingest  # noqa: E402
from tests.test_hostile import hostile_corpus  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = hostile_corpus(Path(tmp))
        started = time.perf_counter()
        skips: list = []
        documents = list(ingest([corpus], on_skip=skips.append))
        ingest_seconds = time.perf_counter() - started
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--out",
                               str(Path(tmp) / "out")], capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        wall = time.perf_counter() - started
    built = re.search(r"Built .*", proc.stdout)
    print(f"ingest alone: {len(documents)} documents, {len(skips)} skips in {ingest_seconds:.2f} s")
    print(f"kg build (exit {proc.returncode}): {wall:.1f} s wall including model load")
    print(built.group() if built else proc.stderr)


if __name__ == "__main__":
    main()
