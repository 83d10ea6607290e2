"""Every user error of issue 18 is one line and a non-zero exit from the real CLI, in a subprocess."""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
ARTICLE = "Marco Rubio met Sergey Lavrov in Riyadh on Tuesday. Lavrov said the talks were useful.\n"


def _run(*args: str, env: dict | None = None, preexec=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], env=env or ENV, capture_output=True,
                          text=True, timeout=600, preexec_fn=preexec)


def _one_line_error(result: subprocess.CompletedProcess, *words: str) -> None:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr and len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), lines
    for word in words:
        assert word in lines[0], lines


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("user-errors")
    article = root / "in" / "article.txt"
    article.parent.mkdir()
    article.write_text(ARTICLE, encoding="utf-8")
    out = root / "out"
    result = _run("build", str(article), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return article, out


@contextlib.contextmanager
def _tmpfs(folder: Path, options: str):
    """A tmpfs mounted on `folder` (root only), or None where mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True).returncode:
        yield None
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_file_name_not_utf8_is_skipped_and_the_build_goes_on(built, tmp_path):
    article, _out = built
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(article, corpus / "good.txt")
    try:
        shutil.copy(article, os.fsdecode(bytes(corpus) + b"/bad-\xff\xfe.txt"))
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses file names that are not UTF-8")
    result = _run("build", str(corpus), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "not valid UTF-8" in result.stderr and "bad-\\xff\\xfe.txt" in result.stderr
    assert "1 documents" in result.stdout


def test_read_only_output_folder(built, tmp_path):
    article, _out = built
    with _tmpfs(tmp_path / "ro", "ro,size=1m") as mounted:
        if mounted is None:
            if os.geteuid() == 0:
                pytest.skip("root ignores file modes and cannot mount a read-only tmpfs here")
            (tmp_path / "ro").chmod(0o555)
        result = _run("build", str(article), "--out", str(tmp_path / "ro" / "out"), "--quiet")
    _one_line_error(result, "cannot write")


def test_full_disk_during_export(built, tmp_path):
    """A tmpfs with room for the store and cache but not for the exports (root); else RLIMIT_FSIZE
    in the child just below graph.nq's size, so that export's write fails with EFBIG."""
    article, reference = built
    exports = {"graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "graph.graphml", "graph.html"}
    kept = [p for p in reference.rglob("*") if p.is_file() and p.name not in exports]
    size_kb = sum(p.stat().st_size // 4096 + 2 for p in kept) * 4 + 64
    with _tmpfs(tmp_path / "full", f"size={size_kb}k") as mounted:
        if mounted is not None:
            result = _run("build", str(article), "--out", str(mounted / "out"), "--quiet")
        else:
            limit = (reference / "graph.nq").stat().st_size - 1
            result = _run("build", str(article), "--out", str(tmp_path / "out"), "--quiet",
                          preexec=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))
    _one_line_error(result, "cannot write")
    written = result.stderr.split("cannot write", 1)[1].split(":")[0]
    assert Path(written.strip()).name in exports, result.stderr


def test_bad_base_is_refused_before_parsing(built, tmp_path):
    article, _out = built
    result = _run("build", str(article), "--out", str(tmp_path / "out"), "--base", "not an iri")
    _one_line_error(result, "--base")
    assert not (tmp_path / "out").exists()


def test_scheduler_without_dask_is_one_line_before_reading(built, tmp_path):
    article, _out = built
    blocker = tmp_path / "blocker"
    for name in ("dask", "distributed"):
        (blocker / name).mkdir(parents=True)
        (blocker / name / "__init__.py").write_text("raise ImportError('not installed')\n", encoding="utf-8")
    env = {**ENV, "PYTHONPATH": f"{blocker}{os.pathsep}{ROOT}"}
    result = _run("build", str(article), "--out", str(tmp_path / "out"), "--scheduler",
                  "tcp://127.0.0.1:1", env=env)
    _one_line_error(result, "--scheduler", "Dask")
    assert not (tmp_path / "out").exists()


def test_binary_query_file(built, tmp_path):
    _article, out = built
    binary = tmp_path / "query.rq"
    binary.write_bytes(Path(sys.executable).resolve().read_bytes()[:4096])
    _one_line_error(_run("query", str(out), "--file", str(binary)), "not UTF-8")


def test_view_into_a_missing_folder(built, tmp_path):
    _article, out = built
    _one_line_error(_run("view", str(out), "--out", str(tmp_path / "missing" / "page.html")), "does not exist")


def test_view_of_entity_dot_keeps_graph_html(built):
    _article, out = built
    before = (out / "graph.html").read_bytes()
    result = _run("view", str(out), "--entity", ".")
    assert (out / "graph.html").read_bytes() == before
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["query", "stats"])
def test_corrupt_store(built, tmp_path, command):
    _article, out = built
    corrupt = tmp_path / "corrupt"
    shutil.copytree(out, corrupt)
    for path in (corrupt / "store").iterdir():
        if path.is_file():
            path.write_bytes(b"\x00garbage" * 50)
    args = [command, str(corrupt)] + (["SELECT * { ?s ?p ?o } LIMIT 1"] if command == "query" else [])
    _one_line_error(_run(*args), "store")


def test_folders_a_thousand_deep(built, tmp_path):
    article, _out = built
    deep = tmp_path / "deep"
    levels = [os.path.join(deep, *["d"] * n) for n in range(991)]
    for level in levels:  # one by one: Path.mkdir(parents=True) itself recurses
        os.mkdir(level)
    shutil.copy(article, Path(levels[-1]) / "article.txt")
    try:
        result = _run("build", str(deep), "--out", str(tmp_path / "out"), "--quiet")
    finally:
        os.unlink(Path(levels[-1]) / "article.txt")
        for level in reversed(levels):  # and so would the clean-up of tmp_path
            os.rmdir(level)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "1 documents" in result.stdout


@pytest.mark.parametrize("delay", [0.1, 0.5, 2.0])
def test_ctrl_c_in_the_first_seconds(tmp_path, delay):
    child = subprocess.Popen([sys.executable, "-m", "kg", "build", str(SEEDS), "--out",
                              str(tmp_path / "out"), "--quiet"], env=ENV, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(delay)
    child.send_signal(signal.SIGINT)
    stdout, stderr = child.communicate(timeout=600)
    result = subprocess.CompletedProcess(child.args, child.returncode, stdout, stderr)
    if child.returncode == 0:
        pytest.skip(f"the build finished within {delay} s")
    _one_line_error(result, "interrupted")
    assert child.returncode in (130, -signal.SIGINT)  # a shell shows either as 130


def test_blank_lines_before_a_jsonl_record(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n" * 9000 + '{"id": "a", "text": "%s"}\n' % ARTICLE.strip(), encoding="utf-8")
    result = _run("build", str(corpus), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "1 documents" in result.stdout


def test_only_blank_lines_is_an_empty_file(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n \n" * 20000, encoding="utf-8")
    result = _run("build", str(corpus), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 1 and "empty file" in result.stderr and "Traceback" not in result.stderr


def test_output_folder_inside_the_input_is_not_ingested(built, tmp_path):
    article, _out = built
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(article, corpus / "article.txt")
    for _ in range(2):
        result = _run("build", str(corpus), "--out", str(corpus / "out"))
        assert result.returncode == 0 and "1 documents" in result.stdout and "Skipped" not in result.stderr


@pytest.mark.parametrize("name, data", [("paper.pdf", b"%PDF-1.4 binary"), ("notes.txt", b"")])
def test_extract_on_unsupported_or_empty_input(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    _one_line_error(_run("extract", str(path)), "nothing to extract")
