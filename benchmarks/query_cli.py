"""`kg query` on the command line vs `oxigraph query` on the same store: median wall time of 5 each.

What a person waits for at the prompt: interpreter start, imports, opening the store read-only,
the query and printing. Both run the same SELECT (kg adds its predeclared prefixes; the oxigraph
run declares them itself) and write CSV to a pipe. The seed graph is built into a temporary folder
unless an existing output folder is given. Target ratio <= 5, goal <= 2.

    python benchmarks/query_cli.py [OUT]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale_common import ROOT, machine

RUNS = 5
QUERY = ("SELECT ?e ?label WHERE { ?e a kgo:Person ; rdfs:label ?label } ORDER BY ?label LIMIT 20")
DECLARED = ("PREFIX kgo: <https://w3id.org/kg-news/ontology#> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")


def wall(command: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, done.stdout


def median_of(command: list[str]) -> tuple[float, str]:
    wall(command)  # warm the page cache; not counted
    runs = [wall(command) for _ in range(RUNS)]
    return statistics.median(t for t, _ in runs), runs[0][1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, help="output folder of kg build (default: build seeds/)")
    args = parser.parse_args()
    scratch = None
    out = args.out
    if out is None:
        scratch = Path(tempfile.mkdtemp(prefix="kg-query-cli-"))
        out = scratch / "out"
        subprocess.run([sys.executable, "-m", "kg", "build", str(ROOT / "seeds"), "--out", str(out),
                        "--quiet"], check=True, capture_output=True)
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    try:
        kg_time, kg_out = median_of([sys.executable, "-m", "kg", "query", str(out), QUERY,
                                     "--format", "csv"])
        ox_time, ox_out = median_of([oxigraph, "query", "--location", str(out / "store"),
                                     "--query", DECLARED + QUERY, "--results-format", "csv"])
    finally:
        if scratch is not None:
            shutil.rmtree(scratch)
    rows = len(kg_out.strip().splitlines()) - 1
    ox_rows = len(ox_out.strip().splitlines()) - 1
    print(f"machine: {machine()}")
    print(f"query: {QUERY}")
    print(f"kg query       median of {RUNS}: {kg_time:.3f} s ({rows} rows)")
    print(f"oxigraph query median of {RUNS}: {ox_time:.3f} s ({ox_rows} rows)")
    print(f"ratio kg/oxigraph: {kg_time / ox_time:.1f}x (target <= 5, goal <= 2)")


if __name__ == "__main__":
    main()
