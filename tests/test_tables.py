"""Every table in kg/data rejects a malformed row or entry with its file and line or place."""

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
    "not_names.tsv": data.lexicon, "parties.tsv": data.lexicon,
    "words.tsv": data.title_words, "labels.tsv": data.label_classes, "edges.tsv": data.edge_words,
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


JSON_LOADERS = {"cues.json": "kg.ingest.metadata:Cues", "furniture.json": "kg.ingest.furniture:Furniture"}


def _json_loader(name: str):
    import importlib

    module, _, cls = JSON_LOADERS[name].partition(":")
    return getattr(importlib.import_module(module), cls).load


def test_every_json_table_has_a_loader_under_test():
    assert {p.name for p in data.DATA.glob("*.json")} == set(JSON_LOADERS)


@pytest.mark.parametrize("name", sorted(JSON_LOADERS))
def test_json_tables_load(name):
    assert _json_loader(name)(data.DATA / name)


def _first_list(table: dict) -> str:
    return next(k for k, v in table.items() if isinstance(v, list))


@pytest.mark.parametrize("name", sorted(JSON_LOADERS))
@pytest.mark.parametrize("bad, where", [
    (7, r'"{key}"\[{index}\]: expected a non-empty string'),
    ("  ", r'"{key}"\[{index}\]: expected a non-empty string'),
    (None, r'"{key}"\[{index}\]: expected a non-empty string'),
])
def test_malformed_json_entry_names_file_and_entry(tmp_path, name, bad, where):
    import json

    table = json.loads((data.DATA / name).read_text(encoding="utf-8"))
    key = _first_list(table)
    table[key].append(bad)
    path = tmp_path / name
    path.write_text(json.dumps(table, indent=2), encoding="utf-8")
    with pytest.raises(KgError, match="^" + str(path) + ": " + where.format(key=key, index=len(table[key]) - 1)):
        _json_loader(name)(path)


@pytest.mark.parametrize("name", sorted(JSON_LOADERS))
def test_bad_pattern_names_its_key_and_index(tmp_path, name):
    import json

    table = json.loads((data.DATA / name).read_text(encoding="utf-8"))
    keys = [k for k, v in table.items() if isinstance(v, list) and v and any(c in v[0] for c in "^(\\")]
    table[keys[0]].insert(1, "^(unclosed")
    path = tmp_path / name
    path.write_text(json.dumps(table), encoding="utf-8")
    with pytest.raises(KgError, match="^" + str(path) + f': "{keys[0]}"\\[1\\]: '):
        _json_loader(name)(path)


@pytest.mark.parametrize("name", sorted(JSON_LOADERS))
@pytest.mark.parametrize("text, where", [('{"outlets": [1,,]}', r":1:\d+: broken JSON"),
                                         ("[]", ": expected a JSON object"),
                                         ('{"_doc": "x"}', r': "\w+": expected a list of strings')])
def test_broken_json_table_names_file_and_place(tmp_path, name, text, where):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KgError, match="^" + str(path) + where):
        _json_loader(name)(path)
