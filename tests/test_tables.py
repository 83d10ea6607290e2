"""Every table in kg/data rejects a malformed row with its file and line."""

from __future__ import annotations

import shutil

import pytest

import kg.data as data
from kg.errors import KgError
from kg.relations import relation_table

LOADERS = {
    "aliases.tsv": data.lexicon, "nationalities.tsv": data.lexicon, "titles.tsv": data.lexicon,
    "places.tsv": data.lexicon, "first_names.tsv": data.lexicon, "nicknames.tsv": data.lexicon,
    "cues.tsv": data.lexicon, "sides.tsv": data.lexicon, "kinds.tsv": data.lexicon,
    "not_names.tsv": data.lexicon,
    "words.tsv": data.title_words, "labels.tsv": data.label_classes,
}


def test_every_table_has_a_loader_under_test():
    assert {p.name for p in data.DATA.glob("*.tsv")} == {*LOADERS, "relations.tsv"}


@pytest.fixture
def copied(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(data.DATA, folder)
    monkeypatch.setattr(data, "DATA", folder)
    yield folder
    for loader in set(LOADERS.values()):
        loader.cache_clear()


@pytest.mark.parametrize("bad", ["only-one-field", "a\t\tb", "a\tb\tc\td\te"])
@pytest.mark.parametrize("name", sorted(LOADERS))
def test_malformed_row_names_file_and_line(copied, name, bad):
    path = copied / name
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, bad]) + "\n", encoding="utf-8")
    LOADERS[name].cache_clear()
    with pytest.raises(KgError, match=rf"^{path}:{len(lines) + 1}: "):
        LOADERS[name]()


@pytest.mark.parametrize("bad", ["say\t-", "say\t-\tsaid\tsideways", "say\t-\tnoSuchProperty\tforward"])
def test_malformed_relation_row_names_file_and_line(tmp_path, bad):
    path = tmp_path / "relations.tsv"
    lines = (data.DATA / "relations.tsv").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, bad]) + "\n", encoding="utf-8")
    with pytest.raises(KgError, match=rf"^{path}:{len(lines) + 1}: "):
        relation_table(path)
