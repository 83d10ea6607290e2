"""Shared by the benchmark scripts: the Reuters corpus, child processes timed with their peak RSS."""

from __future__ import annotations

import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import psutil

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/reuters21578/reuters21578.jsonl.gz"
if not CORPUS.is_file():
    CORPUS = Path("/work/shared/corpora/reuters21578/reuters21578.jsonl.gz")
ROOT = Path(__file__).resolve().parents[1]

BARE_PIPE = """
import json, sys, spacy
path, model, n_process = sys.argv[1], sys.argv[2], int(sys.argv[3])
nlp = spacy.load(model)
texts = (json.loads(line)["text"] for line in open(path, encoding="utf-8"))
tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=n_process))
print(tokens)
"""


def write_subset(target: Path, limit: int | None) -> tuple[int, int]:
    """Copy the first `limit` articles (all if None) to a temporary .jsonl; (articles, words)."""
    articles = words = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in islice(lines, limit):
            record = json.loads(line)
            if not record.get("text", "").strip():
                continue
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            articles += 1
            words += len(record["text"].split())
    return articles, words


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time
    cpu: float  # user + system seconds of the process and the descendants it waited for
    peak_rss: int  # bytes, summed over the process and its children, sampled every 250 ms
    stdout: str
    peak_pss: int = 0  # the same with proportional set sizes: shared (forked) pages counted once


def timed(args: list[str]) -> Run:
    """Run a child process: wall and CPU time, and peak resident memory of its process tree.

    CPU time is the figure least disturbed by other work on a shared machine.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(args, stdout=out, stderr=err, text=True, env=env, cwd=ROOT)
        proc = psutil.Process(child.pid)
        peak = peak_pss = 0
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            try:
                tree = [proc, *proc.children(recursive=True)]
                memory = [p.memory_full_info() for p in tree if p.is_running()]
                peak = max(peak, sum(m.rss for m in memory))
                peak_pss = max(peak_pss, sum(m.pss for m in memory))
            except psutil.Error:
                pass
            time.sleep(0.25)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode:
            sys.exit(f"{' '.join(args)} failed:\n{err.read()}")
        return Run(seconds, usage.ru_utime + usage.ru_stime, peak, out.read(), peak_pss)


def machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, "
            f"{psutil.virtual_memory().total / 2**30:.1f} GiB RAM, Python {platform.python_version()}, "
            f"load average {load}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")


def bare_pipe(path: Path, model: str, n_process: int) -> Run:
    return timed([sys.executable, "-c", BARE_PIPE, str(path), model, str(n_process)])


def kg_build(path: Path, out: Path, jobs: int, *extra: str) -> Run:
    return timed([sys.executable, "-m", "kg", "build", str(path), "--out", str(out),
                  "--jobs", str(jobs), "--quiet", *extra])


def print_profile(profile, total: float, what: str, stages: dict, save=None, top: int = 0) -> None:
    """The CPU seconds of `profile` by stage (label → (file suffix, function name)), as
    tail_profile.py and add_profile.py print them; `save` dumps the stats, `top` lists the
    costliest functions."""
    import pstats

    stats = pstats.Stats(profile)
    print(f"{what}: {total:.2f} CPU-s under cProfile")
    for label, (suffix, name) in stages.items():
        seconds = sum(v[3] for (path, _line, func), v in stats.stats.items()  # type: ignore[attr-defined]
                      if func == name and path.endswith(suffix))
        print(f"  {label:32} {seconds:6.2f} s")
    if save:
        stats.dump_stats(save)
    if top:
        stats.sort_stats("tottime").print_stats(top)
