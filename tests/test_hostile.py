"""A hostile corpus, made here: the CLI builds what it can, skips the rest with reasons, never crashes."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import DCTERMS

from .conftest import ROOT

ARTICLE = ("Grigory Karasin led the Russian delegation in Riyadh on Monday. "
           "Sergey Lavrov praised the talks.\n")
DOC = "https://w3id.org/kg-news/id/doc/"


def hostile_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    (corpus / "nested" / "deeper").mkdir(parents=True)
    (corpus / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "utf16.txt").write_bytes("Zelenskyy met Kellogg in Zürich on Tuesday.\n".encode("utf-16"))
    (corpus / "latin1.txt").write_bytes("Rubio met Lavrov at the café in Zürich.\n".encode("latin-1"))
    (corpus / "mojibake.md").write_text("# Talks in Riyadh\n\nPeskov called the talks â€œtechnicalâ€\x9d.\n",
                                        encoding="utf-8")
    (corpus / "page.html").write_text(
        "<html><head><title>Ceasefire talks</title></head><body><nav>Home | World</nav><article>"
        "<p>Rustem Umerov said the talks in Riyadh were productive and focused.</p></article></body></html>",
        encoding="utf-8")
    (corpus / "nested" / "deeper" / "wire.txt.gz").write_bytes(gzip.compress(
        b"Reuters\nKeith Kellogg travelled to Kyiv on Wednesday.\n"))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.md").write_text("  \n\n\t\n", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (corpus / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (corpus / "broken.txt.gz").write_bytes(b"this is not gzip data")
    (corpus / "bomb.txt.gz").write_bytes(gzip.compress(b"Lavrov " * (10 * 2**20), compresslevel=9))
    os.mkfifo(corpus / "nested" / "pipe.txt")
    (corpus / "nested" / "dangling.txt").symlink_to(root / "missing.txt")
    (corpus / "furniture.txt").write_text("Latest news\n- Kcell Receives Certification\n- KTZ Buys Workwear\n",
                                          encoding="utf-8")
    (corpus / "long.txt").write_text(" ".join(["talks in Riyadh continued for hours"] * 1200),
                                     encoding="utf-8")
    records = [
        json.dumps({"id": "../../etc/x", "text": "Dmitry Peskov spoke to reporters in Moscow."}),
        "{broken json",
        json.dumps({"id": "no-text", "title": "Only a title"}),
        json.dumps({"id": "good", "text": "Marco Rubio met Sergey Lavrov in Riyadh."}),
        json.dumps({"id": "good", "text": "Marco Rubio met Sergey Lavrov in Riyadh."}),
        json.dumps(["an", "array"]),
        '{"id": "s\\ud800x", "text": "Lavrov \\ud800 spoke\\u0000 to Rubio.", "title": "T\\udfff"}',
        "[" * 100_000,
    ]
    (corpus / "corpus.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return corpus


EXPECTED_SKIPS = {
    ("binary.txt", "binary file"),
    ("bomb.txt.gz", "file too large"),
    ("dangling.txt", "not a regular file"),
    ("pipe.txt", "not a regular file"),
    ("blank.md", "empty file"),
    ("broken.txt.gz", "broken gzip"),
    ("corpus.jsonl:2", "broken JSON"),
    ("corpus.jsonl:3", "record has no text"),
    ("corpus.jsonl:5", "duplicate"),
    ("corpus.jsonl:6", "record is not a JSON object"),
    ("corpus.jsonl:8", "broken JSON"),
    ("empty.txt", "empty file"),
    ("furniture.txt", "no article text"),
    ("image.png", "unsupported file type"),
}
EXPECTED_IDS = {"etc_x-cdcf495e", "good", "good-2", "latin1", "long", "mojibake", "page", "s_x-b728d01c",
                "utf16", "wire"}


def run_kg(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "kg", *args], input=stdin, capture_output=True,
                          env=env, cwd=cwd, timeout=600)


def skip_lines(stderr: str, corpus: Path) -> set[tuple[str, str]]:
    found = set()
    for line in stderr.splitlines():
        if line.startswith("  ") and ": " in line:
            where, reason = line.strip().split(": ", 1)
            reason = reason.split(" (")[0]
            found.add((where.replace(str(corpus) + "/", "").rsplit("/", 1)[-1], reason))
    return found


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    corpus = hostile_corpus(root)
    work = root / "work"
    work.mkdir()
    proc = run_kg("build", str(corpus), "--out", "out", cwd=work)
    return corpus, work / "out", proc


def test_hostile_corpus_builds_with_reasons(hostile_build):
    corpus, out, proc = hostile_build
    stderr = proc.stderr.decode()
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert stderr.splitlines()[0] == (
        "Skipped 14 inputs: 1 binary file, 2 empty file, 1 file too large, 1 broken gzip, 2 broken JSON, "
        "1 record has no text, 1 duplicate, 1 record is not a JSON object, 1 no article text, "
        "1 unsupported file type, 2 not a regular file")
    assert skip_lines(stderr, corpus) == EXPECTED_SKIPS
    assert "Built out: 10 documents" in proc.stdout.decode()


def test_hostile_graph_is_valid_turtle_with_safe_document_iris(hostile_build):
    corpus, out, _ = hostile_build
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    docs = {str(s) for s in graph.subjects(DCTERMS.identifier, None)}
    assert docs == {DOC + i for i in EXPECTED_IDS}
    assert graph.value(rdflib.URIRef(DOC + "page"), DCTERMS.title) == rdflib.Literal("Ceasefire talks")
    assert graph.value(rdflib.URIRef(DOC + "mojibake"), DCTERMS.title) == rdflib.Literal("Talks in Riyadh")
    assert graph.value(rdflib.URIRef(DOC + "wire"), rdflib.URIRef(
        "https://w3id.org/kg-news/ontology#source")) == rdflib.Literal("Reuters")
    assert not (out.parent.parent / "etc").exists()
    assert sorted(p.name for p in out.iterdir()) == [
        ".kg-lock", ".kg-output", "cache", "context.jsonld", "graph.graphml", "graph.html", "graph.jsonld",
        "graph.nq", "graph.trig", "graph.ttl", "identity.json", "manifest.json", "ontology.ttl", "store"]


def test_hostile_texts_are_decoded_and_repaired(hostile_build):
    _, out, _ = hostile_build
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    literals = {str(o) for o in graph.objects() if isinstance(o, rdflib.Literal)}
    assert {"Zürich", "Rustem Umerov", "Keith Kellogg", "Peskov called the talks “technical”."} <= literals
    assert [text for text in literals if "Kcell" in text or "KTZ" in text or "Ã" in text] == []


def test_strict_fails_and_writes_nothing(hostile_build, tmp_path):
    corpus, out, _ = hostile_build
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    proc = run_kg("build", str(corpus), "--out", str(out), "--strict")
    stderr = proc.stderr.decode()
    assert proc.returncode == 1
    assert "Traceback" not in stderr
    assert stderr.startswith("Skipped 14 inputs: ")
    assert stderr.splitlines()[-1].startswith("Error: 14 inputs skipped (")
    assert stderr.splitlines()[-1].endswith("and --strict is set; nothing was written. Fix or remove "
                                            "them, or build without --strict.")
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    fresh = run_kg("build", str(corpus / "empty.txt"), "--out", str(tmp_path / "fresh"), "--strict")
    assert fresh.returncode == 1
    assert not (tmp_path / "fresh").exists()


def test_nothing_to_build_is_a_clear_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    proc = run_kg("build", str(tmp_path), "--out", str(tmp_path / "out"))
    stderr = proc.stderr.decode()
    assert proc.returncode == 1
    assert "Traceback" not in stderr
    assert stderr.splitlines()[-1] == ("Error: no documents to build (2 inputs skipped: 1 binary file, "
                                       "1 empty file); give .txt, .md, .html or .jsonl articles with text.")
    assert not (tmp_path / "out").exists()


def test_stdin_and_field_mapping(tmp_path):
    body = json.dumps({"uid": "wire-1", "body": ARTICLE, "headline": "Karasin in Riyadh"}).encode()
    proc = run_kg("build", "-", "--out", str(tmp_path / "out"), "--field", "id=uid",
                  "--field", "text=body", "--field", "title=headline", stdin=body)
    assert proc.returncode == 0, proc.stderr.decode()
    graph = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    assert graph.value(rdflib.URIRef(DOC + "wire-1"), DCTERMS.title) == rdflib.Literal("Karasin in Riyadh")
