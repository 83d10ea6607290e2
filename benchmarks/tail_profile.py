"""Where the time after parsing goes: the post-parse stages of a build, profiled on a built folder.

Reads the manifest and cached extractions of OUT (a folder `kg build` wrote), then runs
`kg.pipeline.write_outputs` into a temporary folder under cProfile and prints the cumulative CPU
seconds of each stage (cProfile slows pure-Python code, so read the shares, not the totals).

    python benchmarks/tail_profile.py OUT [--top 0] [--save FILE.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import shutil
import tempfile
import time
from pathlib import Path

from scale_common import machine, print_profile

from kg.cache import CACHE_DIR, ExtractionCache
from kg.outdir import claim
from kg.pipeline import write_outputs
from kg.store import read_manifest

STAGES = {  # label: (file suffix, function name) as cProfile names them
    "resolve": ("kg/resolve/__init__.py", "resolve"),
    "quad generation": ("kg/store.py", "graph_quads"),
    "store bulk load": ("kg/store.py", "write_store"),
    "exports (ttl, trig, nq, jsonld)": ("kg/export.py", "export_quads"),
    "  of which JSON-LD": ("kg/jsonld.py", "write_jsonld"),
    "entity graph": ("kg/graph.py", "entity_graph"),
    "graphml": ("kg/graph.py", "write_graphml"),
    "view": ("kg/view.py", "write_view"),
    "identity": ("kg/store.py", "carry_identity"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--top", type=int, default=0, help="also print the N costliest functions")
    parser.add_argument("--save", type=Path, default=None)
    args = parser.parse_args()
    manifest = read_manifest(args.out)
    cache = ExtractionCache(args.out / CACHE_DIR, manifest.extractor_version, manifest.model_id)
    print(f"machine: {machine()}")
    started = time.process_time()
    extractions = [cache.get(e.key, e.id) for e in manifest.documents]
    print(f"cache read: {time.process_time() - started:.2f} CPU-s for {len(extractions)} documents")
    with tempfile.TemporaryDirectory(prefix="kg-tail-") as tmp:
        out = claim(Path(tmp) / "out")
        profile = cProfile.Profile()
        started = time.process_time()
        profile.enable()
        write_outputs(out, manifest, extractions)
        profile.disable()
        total = time.process_time() - started
        shutil.rmtree(out, ignore_errors=True)
    print_profile(profile, total, "write_outputs", STAGES, args.save, args.top)


if __name__ == "__main__":
    main()
