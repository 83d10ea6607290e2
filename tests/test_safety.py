"""Never lose a user's data: output folders kg owns, one writer at a time, removals that finish."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.outdir import LOCK_FILE, OUTPUT_MARKER
from kg.pipeline import add, build, remove

from .conftest import ROOT, SEEDS

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
FIRST = "Marco Rubio met Sergey Lavrov in Riyadh on Tuesday.\n"
SECOND = "Keith Kellogg travelled to Kyiv on Wednesday and met Volodymyr Zelenskyy.\n"
THIRD = "Dmitry Peskov told reporters in Moscow that the talks were useful.\n"


def _kg(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", *args], env=ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], env=ENV, capture_output=True, text=True,
                          timeout=600)


def _articles(root: Path) -> dict[str, Path]:
    root.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, text in (("first", FIRST), ("second", SECOND), ("third", THIRD)):
        paths[name] = root / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def test_non_kg_folder_is_refused_and_kept(nlp, tmp_path):
    out = tmp_path / "mine"
    (out / "store").mkdir(parents=True)
    (out / "store" / "notes.txt").write_text("my own", encoding="utf-8")
    (out / ".graph.ttl.bak").write_text("backup", encoding="utf-8")
    (out / "graph.ttl").write_text("# mine", encoding="utf-8")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(StoreError, match="not a kg output folder"):
        build([_articles(tmp_path / "in")["first"]], out=out, nlp=nlp)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_empty_folder_is_claimed_and_rebuilt_without_deleting_user_dotfiles(nlp, tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    paths = _articles(tmp_path / "in")
    build([paths["first"]], out=out, nlp=nlp)
    assert (out / OUTPUT_MARKER).is_file()
    (out / ".graph.ttl.bak").write_text("backup", encoding="utf-8")
    build([paths["first"], paths["second"]], out=out, nlp=nlp)
    assert (out / ".graph.ttl.bak").read_text(encoding="utf-8") == "backup"


def test_output_folder_inside_the_input_is_not_ingested(nlp, tmp_path):
    corpus = tmp_path / "corpus"
    _articles(corpus)
    first = build([corpus], out=corpus / "out", nlp=nlp)
    again = build([corpus], out=corpus / "out", nlp=nlp)
    assert first.documents == again.documents == 3 and not again.skips


def test_manifest_key_with_dotdot_never_touches_outside(nlp, tmp_path):
    out = tmp_path / "out"
    build(list(_articles(tmp_path / "in").values()), out=out, nlp=nlp)
    victim = tmp_path / "victim.json.gz"
    victim.write_bytes(b"keep me")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["documents"][0]["key"] = "../victim"  # cache/../../victim.json.gz: beside the folder
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(StoreError, match="unreadable"):
        remove(out, [manifest["documents"][0]["id"]])
    assert victim.read_bytes() == b"keep me"


@pytest.mark.parametrize("text", ['"a string"', "null", "[]", '{"format": 1, "documents": "x"}'])
def test_manifest_of_the_wrong_shape_is_one_line(tmp_path, text):
    out = tmp_path / "out"
    out.mkdir()
    (out / OUTPUT_MARKER).write_text("", encoding="utf-8")
    (out / "manifest.json").write_text(text, encoding="utf-8")
    result = _run("remove", str(out), "x")
    assert result.returncode == 1 and result.stderr.startswith("Error: ") and "Traceback" not in result.stderr


def test_cache_entry_of_the_wrong_shape_heals(nlp, tmp_path):
    import gzip

    out = tmp_path / "out"
    paths = _articles(tmp_path / "in")
    build([paths["first"]], out=out, nlp=nlp)
    entry = next((out / "cache").rglob("*.json.gz"))
    entry.write_bytes(gzip.compress(b'{"doc_id": 3, "sentences": 7}'))
    shutil.rmtree(out / "store")
    report = build([paths["first"]], out=out, nlp=nlp)
    assert report.parsed == 1 and report.facts > 0
    assert build([paths["first"]], out=out, nlp=nlp).parsed == 0


def test_bad_base_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = _run("build", str(_articles(tmp_path / "in")["first"]), "--out", str(out),
                  "--base", "not an iri")
    assert result.returncode == 1 and "--base" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_second_writer_fails_with_the_holder_pid(tmp_path):
    out = tmp_path / "out"
    assert _run("build", str(_articles(tmp_path / "in")["first"]), "--out", str(out)).returncode == 0
    with open(out / LOCK_FILE, "r+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        result = _run("add", str(out), str(tmp_path / "in" / "second.txt"), "--wait", "0")
    assert result.returncode == 1
    assert f"pid {os.getpid()}" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def _documents(out: Path) -> list[str]:
    return sorted(d["id"] for d in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"])


@pytest.fixture(scope="module")
def base_folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("concurrent")
    paths = _articles(root / "in")
    out = root / "base"
    assert _run("build", str(paths["first"]), "--out", str(out)).returncode == 0
    sequential = root / "sequential"
    shutil.copytree(out, sequential)
    for name in ("second", "third"):
        assert _run("add", str(sequential), str(paths[name])).returncode == 0
    return root, paths, out, sequential


TRIALS = int(os.environ.get("KG_SAFETY_TRIALS", "20"))


@pytest.mark.slow
def test_two_simultaneous_adds_equal_a_sequential_run(base_folder):
    root, paths, base, sequential = base_folder
    for trial in range(TRIALS):
        out = root / f"adds-{trial}"
        shutil.copytree(base, out)
        runs = [_kg("add", str(out), str(paths[name])) for name in ("second", "third")]
        assert [r.wait(600) for r in runs] == [0, 0]
        assert _documents(out) == _documents(sequential)
        assert (out / "graph.nq").read_bytes() == (sequential / "graph.nq").read_bytes()
        shutil.rmtree(out)


@pytest.mark.slow
def test_two_simultaneous_builds_equal_a_sequential_run(base_folder):
    root, paths, _base, _sequential = base_folder
    corpus = paths["first"].parent
    reference = root / "build-reference"
    assert _run("build", str(corpus), "--out", str(reference)).returncode == 0
    for trial in range(TRIALS):
        out = root / f"builds-{trial}"
        runs = [_kg("build", str(corpus), "--out", str(out)) for _ in range(2)]
        assert [r.wait(600) for r in runs] == [0, 0]
        assert (out / "graph.nq").read_bytes() == (reference / "graph.nq").read_bytes()
        assert _run("validate", str(out)).returncode == 0
        shutil.rmtree(out)


def _incomplete(out: Path) -> bool:
    try:
        return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["complete"] is False
    except (OSError, ValueError):
        return False


KILL_POINTS = {  # each trial kills `kg remove` at one of these points, in turn
    "journal written": lambda out: (out / ".kg-remove.json").exists(),
    "manifest marked incomplete": _incomplete,
    "writing the store": lambda out: (out / "store.new").exists() or (out / "store.patching").exists(),
    "writing exports": lambda out: _incomplete(out) and not (out / "store.new").exists()
    and (out / "store").exists(),
}


@pytest.mark.slow
def test_killed_remove_is_finished_by_rerunning_it(base_folder):
    root, _paths, _base, sequential = base_folder
    reference = root / "removed-reference"
    shutil.copytree(sequential, reference)
    assert _run("remove", str(reference), "second").returncode == 0
    killed = []
    for trial in range(TRIALS):
        out = root / f"remove-{trial}"
        shutil.copytree(sequential, out)
        name, ready = list(KILL_POINTS.items())[trial % len(KILL_POINTS)]
        proc = _kg("remove", str(out), "second")
        while proc.poll() is None and not ready(out):
            time.sleep(0.001)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed.append(name)
        proc.wait()
        rerun = _run("remove", str(out), "second")
        assert rerun.returncode == 0, rerun.stderr
        assert _documents(out) == _documents(reference)
        assert (out / "graph.nq").read_bytes() == (reference / "graph.nq").read_bytes()
        assert sorted(p.name for p in (out / "cache").rglob("*.json.gz")) == \
            sorted(p.name for p in (reference / "cache").rglob("*.json.gz"))
        assert not (out / ".kg-remove.json").exists()
        shutil.rmtree(out)
    assert len(killed) >= TRIALS // 2, killed
