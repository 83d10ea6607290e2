"""The analyst queries in queries/, `kg query` output formats and its syntax-error message."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg import api
from kg.cli import app
from kg.errors import QueryError

from .conftest import ROOT, build_texts

runner = CliRunner()
QUERIES = ROOT / "queries"
TESTED = {"co_occurring", "delegation_leaders", "documents_mentioning", "most_sourced_facts",
          "person_said", "positions"}

TINY = {
    "a.txt": "Grigory Karasin leads the Russian Delegation. "
             "Sergey Lavrov said that Moscow wants a deal.\n",
    "b.txt": "Grigory Karasin leads the Russian Delegation. "
             "Rustem Umerov leads the Ukrainian Delegation.\n",
}


@pytest.fixture(scope="module")
def tiny_build(nlp, tmp_path_factory):
    """Two short articles that agree on one fact."""
    return build_texts(TINY, tmp_path_factory, nlp, "tiny")


def run_file(out: Path, name: str) -> list[dict[str, str]]:
    result = runner.invoke(app, ["query", str(out), "--file", str(QUERIES / f"{name}.rq"),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["rows"]


def test_every_query_file_has_a_test():
    assert {p.stem for p in QUERIES.glob("*.rq")} == TESTED


@pytest.mark.parametrize("name", sorted(TESTED))
def test_query_runs_on_seeds_and_over_plain_sparql(seed_build, name):
    """Each file declares its own prefixes, so it also runs on any SPARQL endpoint as is."""
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    store = ox.Store.read_only(str(seed_build.out / "store"))
    plain = list(store.query(text))
    assert len(plain) == len(run_file(seed_build.out, name))


# --- the queries on two tiny articles: the query logic, independent of extractor quality


def test_most_sourced_fact_is_the_one_both_articles_state(tiny_build):
    top = run_file(tiny_build.out, "most_sourced_facts")[0]
    assert "Karasin" in top["subject"]
    assert (top["predicate"], top["object"].lower(), top["documents"], top["sentences"]) == (
        "leads", "russian delegation", "2", "2")


def test_delegation_leaders_on_tiny_articles(tiny_build):
    rows = run_file(tiny_build.out, "delegation_leaders")
    assert [(r["delegation"].lower(), r["documents"]) for r in rows] == [
        ("russian delegation", "2"), ("ukrainian delegation", "1")]
    assert "Karasin" in rows[0]["leader"] and "Umerov" in rows[1]["leader"]


def test_co_occurring_on_tiny_articles(tiny_build):
    rows = run_file(tiny_build.out, "co_occurring")
    pairs = {frozenset((r["first"].lower(), r["second"].lower())): r["documents"] for r in rows}
    karasin = next(r["first"] if "Karasin" in r["first"] else r["second"] for r in rows
                   if "Karasin" in r["first"] + r["second"])
    assert pairs[frozenset((karasin.lower(), "russian delegation"))] == "2"


# --- the queries on the seed articles: answers a reader of the articles expects


def test_person_said_lavrov_on_seeds(seed_build):
    rows = run_file(seed_build.out, "person_said")
    assert {r["person"] for r in rows} == {"Sergey Lavrov"}
    said = {(r["said"], r["document"]) for r in rows}
    assert ("Russia was in favor of restoring the grain deal", "003_ba9ff1fc4f54d4f3") in said
    assert any(s.startswith("Moscow was in favor of resuming the Black Sea Grain Initiative")
               and d == "000_6b80aa6539b44f17" for s, d in said)
    assert all(r["said"].split()[0] in r["sentence"] for r in rows)


def test_delegation_leaders_on_seeds(seed_build):
    rows = run_file(seed_build.out, "delegation_leaders")
    led = {(r["leader"].split()[-1], r["delegation"].lower()) for r in rows}
    assert ("Karasin", "russian delegation") in led
    assert ("Beseda", "russian delegation") in led
    assert ("Umerov", "ukrainian delegation") in led


def test_documents_mentioning_karasin_on_seeds(seed_build):
    rows = run_file(seed_build.out, "documents_mentioning")
    assert [r["document"] for r in rows] == [
        "001_d5cdaf4d1afe6f1f", "003_ba9ff1fc4f54d4f3", "004_97b677dd30c0cfda"]


def test_documents_mentioning_karasin_found_so_far(seed_build):
    """What the current pipeline already finds: Karasin's statements in 001 and 003."""
    documents = {r["document"] for r in run_file(seed_build.out, "documents_mentioning")}
    assert {"001_d5cdaf4d1afe6f1f", "003_ba9ff1fc4f54d4f3"} <= documents
    assert "000_6b80aa6539b44f17" not in documents and "002_33fa0b3c9e7b0adc" not in documents


def test_russia_and_ukraine_co_occur_in_every_seed(seed_build):
    rows = run_file(seed_build.out, "co_occurring")
    pairs = {frozenset((r["first"], r["second"])): r["documents"] for r in rows}
    assert pairs[frozenset(("Russia", "Ukraine"))] == "5"


def test_karasin_leading_the_russian_delegation_has_two_sources(seed_build):
    rows = run_file(seed_build.out, "most_sourced_facts")
    top = {(r["subject"].split()[-1], r["predicate"], r["object"].lower()): r["documents"]
           for r in rows}
    assert top[("Karasin", "leads", "russian delegation")] == "2"


def test_positions_on_seeds(seed_build):
    rows = run_file(seed_build.out, "positions")
    held = {(r["person"], r["title"].lower(), r.get("of")) for r in rows}
    assert ("Sergey Lavrov", "foreign minister", "Russia") in held
    assert ("Dmitry Peskov", "spokesperson", "Kremlin") in held


# --- output formats


IDS = ["000_6b80aa6539b44f17", "001_d5cdaf4d1afe6f1f", "002_33fa0b3c9e7b0adc",
       "003_ba9ff1fc4f54d4f3", "004_97b677dd30c0cfda"]
IDS_QUERY = ('SELECT ?id ?note WHERE { ?d a kgo:Document ; dcterms:identifier ?id '
             'BIND(IF(?id = "000_6b80aa6539b44f17", "a, \\"b\\"\tc", ?unbound) AS ?note) } ORDER BY ?id')


def invoke_format(out: Path, fmt: str) -> str:
    result = runner.invoke(app, ["query", str(out), IDS_QUERY, "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.output


def test_format_json(seed_build):
    rows = json.loads(invoke_format(seed_build.out, "json"))
    assert rows["columns"] == ["id", "note"]
    assert rows["rows"][0] == {"id": IDS[0], "note": 'a, "b"\tc'}
    assert [r["id"] for r in rows["rows"]] == IDS and rows["rows"][1]["note"] is None


def test_format_csv_quotes_commas_and_quotes(seed_build):
    text = invoke_format(seed_build.out, "csv")
    assert text.splitlines()[:2] == ["id,note", f'{IDS[0]},"a, ""b""\tc"']
    assert list(csv.reader(io.StringIO(text)))[1:] == [[IDS[0], 'a, "b"\tc'],
                                                       *([i, ""] for i in IDS[1:])]


def test_format_tsv_is_readable_by_csv_module(seed_build):
    text = invoke_format(seed_build.out, "tsv")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    assert rows == [["id", "note"], [IDS[0], 'a, "b"\tc'], *([i, ""] for i in IDS[1:])]


def test_format_table(seed_build):
    text = invoke_format(seed_build.out, "table")
    assert re.search(r"┃ id\s+┃ note", text)
    assert all(i in text for i in IDS)


def test_ask_query(seed_build):
    result = runner.invoke(app, ["query", str(seed_build.out), "ASK { ?d a kgo:Document }",
                                 "--format", "csv"])
    assert result.output.splitlines() == ["ask", "true"]


# --- errors


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { ?x ?y ?z } LIMT 3",
    "SELECT *\nWHERE {\n  ?x ?y ?z .\n  FILTER(?x = ) }",
    "SELECT * WHERE { ?x nope:bar ?z }",
])
def test_syntax_error_position_is_in_the_users_text(seed_build, text):
    """kg prepends PREFIX declarations on line 1; the reported column ignores them."""
    with pytest.raises(SyntaxError) as raw:
        ox.Store().query(text)
    line, column = re.search(r"error at (\d+):(\d+)", str(raw.value)).groups()
    with pytest.raises(QueryError) as ours:
        api.query(seed_build.out, text)
    assert str(ours.value).startswith(f"bad SPARQL at line {line}, column {column} ")
    assert "\n" not in str(ours.value)


def test_syntax_error_names_an_undeclared_prefix(seed_build):
    with pytest.raises(QueryError, match=r"^bad SPARQL at line 1, column 29 \(near .*\): "
                                         r"an undeclared prefix"):
        api.query(seed_build.out, "SELECT * WHERE { ?x nope:bar ?z }")


def test_bad_query_is_one_line_on_stderr(seed_build):
    proc = subprocess.run([sys.executable, "-m", "kg", "query", str(seed_build.out),
                           "SELECT ?x WHERE { ?x kgo:leads }"], capture_output=True, text=True)
    assert proc.returncode == 1
    assert re.fullmatch(r"Error: bad SPARQL at line 1, column \d+ \(near '.*'\): expected .*\n",
                        proc.stderr)


def test_missing_query_file(seed_build, tmp_path):
    with pytest.raises(QueryError, match="does not exist"):
        from kg.cli import query
        query(seed_build.out, None, tmp_path / "nope.rq", "table")


def test_query_text_and_file_together_is_an_error(seed_build):
    from kg.cli import query

    with pytest.raises(QueryError, match="either as an argument or with --file, not both"):
        query(seed_build.out, "ASK {}", QUERIES / "positions.rq", "table")
