"""`python -m kg add|remove` on a folder built by other code, as if this checkout had built it.

    python benchmarks/add_stamped.py restamp OUT
    python benchmarks/add_stamped.py run OUT [--profile FILE.prof] -- add OUT ARTICLE.jsonl
    python benchmarks/add_stamped.py stages FILE.prof

`restamp` marks OUT's manifest as written by this checkout's code (only where a clean build of
this code was checked to give the same bytes, e.g. after a refactor of kg/extract with identical
behaviour), so an update patches it in place. `run` runs `python -m kg ARGS` in this process with
the extractor version taken from OUT's manifest (its cache keys, the version in every evidence
node), so the update parses only the new documents and writes what a clean build of those
documents by that extractor would write. With `--profile` the parent (not the forked parse and
export processes) runs under cProfile; `stages` prints a saved profile's stages.
Every stage's wall-clock start and end is logged at INFO to stderr with `--timeline`.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import runpy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def restamp(out: Path) -> None:
    from kg.manifest import read_manifest, write_manifest
    from kg.pipeline import code_digest

    write_manifest(out, dataclasses.replace(read_manifest(out), code=code_digest()))


def stamp_extractor(out: Path) -> None:
    import kg.digests

    digest = json.loads((out / "manifest.json").read_text())["extractor_version"].split("+")[0]
    kg.digests.extractor_digest = lambda: digest


TIMED = {  # module: functions whose start and end --timeline logs
    "kg.resolve": ["resolve"],
    "kg.store": ["carry_identity", "graph_quads", "nquad_lines", "nquads_diff", "apply_patch",
                 "open_store"],
    "kg.graph": ["quads_graph", "entity_graph", "write_graphml"],
    "kg.view": ["write_view"],
    "kg.export": ["export_quads", "start_export"],
    "kg.manifest": ["write_manifest", "read_manifest"],
    "kg.pipeline": ["_prepare_outputs", "write_outputs", "_read_cached"],
}


def timeline() -> None:
    import importlib
    import functools

    started = time.perf_counter()
    cpu0 = time.process_time()

    def wrap(name, fn):
        @functools.wraps(fn)
        def inner(*a, **k):
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                result = fn(*a, **k)
                if name.endswith("graph_quads"):
                    result = list(result)
                return result
            finally:
                print(f"[timeline] {name:<28} {t0 - started:7.2f} -> {time.perf_counter() - started:7.2f} s "
                      f"wall, {time.process_time() - c0:6.2f} CPU-s (process CPU {time.process_time() - cpu0:6.2f})",
                      file=sys.stderr, flush=True)
        return inner

    for module_name, names in TIMED.items():
        module = importlib.import_module(module_name)
        for name in names:
            setattr(module, name, wrap(f"{module_name}.{name}", getattr(module, name)))
    # callers that imported the names before: kg.pipeline imports most of them inside functions
    import kg.pipeline
    for name in ("read_manifest", "write_manifest"):
        setattr(kg.pipeline, name, getattr(importlib.import_module("kg.manifest"), name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("restamp")
    p.add_argument("out", type=Path)
    p = sub.add_parser("run")
    p.add_argument("out", type=Path)
    p.add_argument("--profile", type=Path)
    p.add_argument("--timeline", action="store_true")
    p.add_argument("args", nargs=argparse.REMAINDER)
    p = sub.add_parser("stages")
    p.add_argument("profile", type=Path)
    p.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    if args.command == "restamp":
        restamp(args.out)
        return
    if args.command == "stages":
        import pstats

        pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(args.top)
        return
    stamp_extractor(args.out)
    if args.timeline:
        timeline()
    kg_args = args.args[1:] if args.args[:1] == ["--"] else args.args
    sys.argv = ["kg", *kg_args]
    if args.profile:
        import cProfile
        import kg.defaults
        from kg.quick import main as kg_main

        kg.defaults.EXIT_RETAIN = []
        profile = cProfile.Profile()
        profile.enable()
        try:
            kg_main()
        except SystemExit:
            pass
        finally:
            profile.disable()
            profile.dump_stats(str(args.profile))
        return
    runpy.run_module("kg", run_name="__main__")


if __name__ == "__main__":
    main()
