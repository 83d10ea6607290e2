"""Golden Turtle: hand-made three-sentence articles give exactly the graph in tests/data/golden/
(compared as graphs with rdflib.compare, the extractor version left out; the diff is printed).

After a deliberate change, rewrite a file with `python tests/test_golden.py NAME` and review its diff."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, to_isomorphic

from kg.pipeline import build
from kg.vocab import KGO_IRI

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
VERSION = rdflib.URIRef(KGO_IRI + "extractorVersion")


def graph_of(turtle: Path) -> rdflib.Graph:
    graph = rdflib.Graph().parse(turtle, format="turtle")
    graph.remove((None, VERSION, None))
    return graph


def built_turtle(article: Path, out: Path, nlp=None) -> Path:
    build([article], out=out, nlp=nlp)
    return out / "graph.ttl"


@pytest.mark.parametrize("article", sorted(GOLDEN.glob("*.txt")), ids=lambda p: p.stem)
def test_article_gives_its_golden_graph(nlp, tmp_path, article):
    got = to_isomorphic(graph_of(built_turtle(article, tmp_path / "out", nlp)))
    want = to_isomorphic(graph_of(article.with_suffix(".ttl")))
    if got != want:
        _, missing, extra = graph_diff(want, got)
        pytest.fail(f"{article.name}: graph differs from {article.with_suffix('.ttl').name}\n"
                    f"missing:\n{missing.serialize(format='nt')}\nextra:\n{extra.serialize(format='nt')}")


if __name__ == "__main__":
    import shutil
    import tempfile

    for name in sys.argv[1:]:
        with tempfile.TemporaryDirectory() as scratch:
            shutil.copy(built_turtle(GOLDEN / f"{name}.txt", Path(scratch) / "out"), GOLDEN / f"{name}.ttl")
