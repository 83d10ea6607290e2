"""The extractor version is a digest of kg/extract and kg/data: editing a rule makes a rebuild
re-parse, and every table under kg/data rejects a malformed row with its file and line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.data import DATA, _rows
from kg.errors import KgError
from kg.export import RDF_FILES
from kg.extract import EXTRACTOR_VERSION, PACKAGE, extractor_digest

from .conftest import ROOT

ARTICLES = {
    "a.txt": "Grigory Karasin, the chairman of the committee, met Marco Rubio in Riyadh.",
    "b.txt": "Dmitry Peskov, a Kremlin spokesman, said the talks were useful.",
}
APPOSITION_RULE = re.compile(r'^    Rule\("apposition".*?\}\),[^\n]*\n', re.MULTILINE | re.DOTALL)  # one rule, any lines


def _copy_tree(tmp_path: Path) -> tuple[Path, Path]:
    extract = shutil.copytree(PACKAGE, tmp_path / "extract",
                              ignore=shutil.ignore_patterns("__pycache__"))
    data = shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns("__pycache__"))
    return extract, data


def test_digest_covers_rules_and_tables(tmp_path):
    extract, data = _copy_tree(tmp_path)
    assert extractor_digest(extract, data) == EXTRACTOR_VERSION
    registry = extract / "registry.py"
    registry.write_text(APPOSITION_RULE.sub("", registry.read_text()))
    edited = extractor_digest(extract, data)
    assert edited != EXTRACTOR_VERSION
    with (data / "words.tsv").open("a") as f:
        f.write("envoy\ttitle\n")
    assert extractor_digest(extract, data) not in {EXTRACTOR_VERSION, edited}


TABLES = sorted(p.name for p in DATA.glob("*.tsv") if p.name != "relations.tsv")  # kg.relations


@pytest.mark.parametrize("name", TABLES)
def test_every_table_rejects_a_short_row_with_file_and_line(tmp_path, name):
    from kg import data

    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    bad = len(lines) + 1
    (tmp_path / name).write_text("\n".join([*lines, "lonely"]) + "\n", encoding="utf-8")
    data.lexicon.cache_clear()
    data.title_words.cache_clear()
    data.label_classes.cache_clear()
    data.edge_words.cache_clear()
    original = data.DATA
    data.DATA = tmp_path
    for other in TABLES:
        if other != name:
            shutil.copy(DATA / other, tmp_path / other)
    try:
        with pytest.raises(KgError, match=rf"{re.escape(str(tmp_path / name))}:{bad}: "):
            data.lexicon()
            data.title_words()
            data.label_classes()
            data.edge_words()
    finally:
        data.DATA = original
        data.lexicon.cache_clear()
        data.title_words.cache_clear()
        data.label_classes.cache_clear()
        data.edge_words.cache_clear()
    

def test_unknown_word_role_is_rejected_with_file_and_line(tmp_path):
    (tmp_path / "words.tsv").write_text("# header\nenvoy\ttitle\nsay\tspeaking\n")
    with pytest.raises(KgError, match=r"words.tsv:3: unknown role 'speaking'"):
        from kg import data

        original, data.DATA = data.DATA, tmp_path
        data.title_words.cache_clear()
        try:
            data.title_words()
        finally:
            data.DATA = original
            data.title_words.cache_clear()


@pytest.mark.parametrize("row, why", [("meet\tmet\tforward", "expected 4"),
                                      ("meet\tmet\tsideways\tNode", "direction must be"),
                                      ("meet\tmet\tforward\tCity", "object class must be"),
                                      ("meet\tmeetsWith\tforward\tNode", "'meetsWith' is not a property")])
def test_relation_table_rejects_a_malformed_row_with_file_and_line(tmp_path, row, why):
    from kg.relations import relation_table

    table = tmp_path / "relations.tsv"
    table.write_text(f"# relation\tproperty\tdirection\tobject\nmeet\tmet\tforward\tNode\n{row}\n")
    with pytest.raises(KgError, match=rf"relations.tsv:3: {why}"):
        relation_table(table)


def test_rows_keep_well_formed_tables(tmp_path):
    (tmp_path / "t.tsv").write_text("# c\na\tb\n\nc\td\te\n")
    assert _rows("t.tsv", 2, optional=1, folder=tmp_path) == [["a", "b"], ["c", "d", "e"]]


def _kg(package_root: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(package_root)}
    done = subprocess.run([sys.executable, "-m", "kg", *args], env=env, capture_output=True,
                          text=True, check=True, cwd=package_root)
    return done.stdout + done.stderr


@pytest.mark.slow
def test_rebuild_after_a_rule_edit_reparses_and_equals_a_fresh_build(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in ARTICLES.items():
        (docs / name).write_text(text)
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "kg", copy / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "ontology", copy / "ontology")
    out = tmp_path / "out"
    first = _kg(copy, "build", str(docs), "--out", str(out))
    assert "2 parsed" in first
    assert "0 parsed" in _kg(copy, "build", str(docs), "--out", str(out))
    before = (out / "graph.ttl").read_bytes()
    registry = copy / "kg" / "extract" / "registry.py"
    registry.write_text(APPOSITION_RULE.sub("", registry.read_text()))
    rebuilt = _kg(copy, "build", str(docs), "--out", str(out))
    assert "2 parsed" in rebuilt
    fresh = tmp_path / "fresh"
    _kg(copy, "build", str(docs), "--out", str(fresh))
    for name in RDF_FILES:
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    assert (out / "graph.ttl").read_bytes() != before
