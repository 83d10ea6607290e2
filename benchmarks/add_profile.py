"""Where a `kg add` of one article goes, stage by stage, on a copy of a built folder.

    python benchmarks/add_profile.py OUT ARTICLE.jsonl [--top 0] [--save FILE.prof]

Copies OUT (a folder `kg build` wrote) to a temporary folder, times `import spacy` and the model
load, then runs `kg.pipeline.add` of ARTICLE (model already loaded) unprofiled and on a fresh copy
under cProfile, and prints the cumulative CPU seconds of each stage in this process (cProfile slows
pure-Python code: read the shares; the forked parse and export processes are not profiled).
With --restamp the copies count as written by this checkout, so the add patches them in place.
"""

from __future__ import annotations

import argparse
import cProfile
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from add_stamped import restamp  # noqa: E402
from scale_common import machine, print_profile  # noqa: E402

STAGES = {  # label: (file suffix, function name) as cProfile names them
    "ingest": ("kg/ingest/__init__.py", "ingest"),
    "cache read (old extractions)": ("kg/cache.py", "get"),
    "parse + extract (new), in place": ("kg/pipeline.py", "run"),
    "  or waiting for the forked parse": ("kg/pipeline.py", "result"),
    "resolve": ("kg/resolve/__init__.py", "resolve"),
    "identity": ("kg/store.py", "carry_identity"),
    "quad generation": ("kg/store.py", "graph_quads"),
    "N-Quads lines": ("kg/store.py", "nquad_lines"),
    "N-Quads difference": ("kg/store.py", "nquads_diff"),
    "store patch": ("kg/store.py", "apply_patch"),
    "exports (ttl, trig, nq, jsonld)": ("kg/export.py", "export_quads"),
    "  of which JSON-LD": ("kg/jsonld.py", "write_jsonld"),
    "entity graph": ("kg/graph.py", "quads_graph"),
    "graphml": ("kg/graph.py", "write_graphml"),
    "view": ("kg/view.py", "write_view"),
    "manifest": ("kg/store.py", "write_manifest"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("article", type=Path)
    parser.add_argument("--top", type=int, default=0)
    parser.add_argument("--save", type=Path, default=None)
    parser.add_argument("--restamp", action="store_true",
                        help="mark the copy as written by this checkout's code (only where a clean build of "
                             "this code was checked to give the same bytes), so the add patches it in place")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    started = time.perf_counter()
    import spacy  # noqa: F401
    print(f"import spacy: {time.perf_counter() - started:.2f} s")
    from kg.extract import load_nlp
    from kg.pipeline import add
    from kg.store import read_manifest

    def copy_of(out: Path, target: Path) -> None:
        shutil.copytree(out, target)
        if args.restamp:
            restamp(target)

    started = time.perf_counter()
    nlp = load_nlp(read_manifest(args.out).model)
    print(f"model load: {time.perf_counter() - started:.2f} s")
    with tempfile.TemporaryDirectory(prefix="kg-add-profile-") as tmp:
        copy = Path(tmp) / "out"
        copy_of(args.out, copy)
        started = time.perf_counter()
        add(copy, [args.article], nlp=nlp)
        print(f"add, unprofiled, model loaded: {time.perf_counter() - started:.2f} s wall")
        shutil.rmtree(copy)
        copy_of(args.out, copy)
        profile = cProfile.Profile()
        started = time.process_time()
        profile.enable()
        add(copy, [args.article], nlp=nlp)
        profile.disable()
        total = time.process_time() - started
    print_profile(profile, total, "add", STAGES, args.save, args.top)


if __name__ == "__main__":
    main()
