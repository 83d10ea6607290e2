"""Ingest on small hand-made inputs."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.ingest import ingest


def test_folder_and_jsonl(tmp_path):
    (tmp_path / "a.txt").write_text("Karasin leads the delegation.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        '{"id": "r1", "text": "Moscow spoke.", "title": "T"}\n{broken\n{"id": "r2"}\n', encoding="utf-8")
    skips = []
    docs = list(ingest([tmp_path], on_skip=skips.append))
    assert [(d.id, d.title) for d in docs] == [("a", None), ("r1", "T")]
    assert [(s.where.rsplit("/", 1)[-1], s.reason.split(" (")[0]) for s in skips] == [
        ("c.jsonl:2", "broken JSON"), ("c.jsonl:3", "record has no text")]


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        list(ingest([tmp_path / "nope.txt"]))
