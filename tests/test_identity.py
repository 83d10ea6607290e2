"""Stable identity: entity IRIs are flat prefixed names, independent of document order and of
type, and adding documents renames nothing unless the new name records the old one (owl:sameAs)."""

from __future__ import annotations

import re
from pathlib import Path

from kg.api import query
from kg.pipeline import add, build
from kg.resolve.ids import local_name, safe_local_name

ENTITIES = "SELECT DISTINCT ?e WHERE { ?e rdfs:label ?l FILTER(CONTAINS(STR(?e), \"/entity/\")) }"
SAME_AS = "SELECT ?new ?old WHERE { ?new owl:sameAs ?old }"
FIRST = {
    "a": "Grigory Karasin met Marco Rubio in Riyadh. Karasin criticized NATO.",
    "b": "Kirill Dmitriev spoke with Steve Witkoff in St. Louis on Tuesday.",
}
LATER = {
    # a fuller name for a known person, a known place again and somebody new
    "c": "Grigory Borisovich Karasin told TASS that Riyadh was a good venue. Sergey Lavrov agreed.",
    "d": "Steve Witkoff returned to St. Louis. Marco Rubio visited Paris.",
}
LOCAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def _write(folder: Path, articles: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in articles.items():
        path = folder / f"{name}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _entities(out) -> set[str]:
    return {row[0] for row in query(out, ENTITIES).rows}


def test_local_names_are_flat_ascii():
    for text in ("São Paulo", "St. Louis", "Al-Qaeda", "北京", "O'Neill & Sons", "../../etc"):
        assert LOCAL.fullmatch(local_name(text)), text
        assert LOCAL.fullmatch(safe_local_name(text)), text
    assert local_name("São Paulo") == "Sao_Paulo"
    assert local_name("北京") != local_name("東京")
    assert safe_local_name("reuters-12") == "reuters-12"
    assert safe_local_name("a.b") != safe_local_name("a_b")


def test_adding_documents_renames_nothing_unrecorded_and_order_does_not_matter(nlp, tmp_path):
    first = _write(tmp_path / "in1", FIRST)
    later = _write(tmp_path / "in2", LATER)
    out = build(first, out=tmp_path / "out", nlp=nlp).out
    before = _entities(out)
    assert any(e.endswith("/entity/Marco_Rubio") for e in before)
    add(out, later, nlp=nlp)
    after = _entities(out)
    same_as = {old for _new, old in query(out, SAME_AS).rows}
    assert before - after <= same_as, before - after - same_as
    # the other order and a single build give the same names
    other = build([*later, *first], out=tmp_path / "other", nlp=nlp).out
    assert _entities(other) == after
    rev = build(later, out=tmp_path / "rev", nlp=nlp).out
    add(rev, first, nlp=nlp)
    assert _entities(rev) == after


def test_no_export_needs_an_escaped_name(nlp, tmp_path):
    out = build(_write(tmp_path / "in", {**FIRST, **LATER}), out=tmp_path / "out", nlp=nlp).out
    for name in ("graph.ttl", "graph.trig"):
        text = (out / name).read_text(encoding="utf-8")
        assert "\\/" not in text and not re.search(r"\bkg:", text), name
        prefixed = re.findall(r"\bkg[edsvp]:(\S+?)(?=[\s;,.]*(?:\s|$))", text)
        assert prefixed and all(LOCAL.fullmatch(n) for n in prefixed), name


def test_a_merge_keeps_both_old_names_as_same_as(tmp_path):
    from kg.store import carry_identity
    from kg.types import Entity, Resolution

    two = Resolution((Entity("Fed", "Fed", "Organization"), Entity("Federal_Reserve", "Federal Reserve", "Organization")),
                     (), mentions={("a", 0): "Fed", ("b", 5): "Federal_Reserve"})
    assert carry_identity(tmp_path, two) == {}
    one = Resolution((Entity("US_Federal_Reserve", "US Federal Reserve", "Organization"),), (),
                     mentions={("a", 0): "US_Federal_Reserve", ("b", 5): "US_Federal_Reserve",
                               ("c", 9): "US_Federal_Reserve"})
    assert carry_identity(tmp_path, one) == {"US_Federal_Reserve": ("Fed", "Federal_Reserve")}
    # the record survives a later rebuild that changes nothing
    assert carry_identity(tmp_path, one) == {"US_Federal_Reserve": ("Fed", "Federal_Reserve")}
