"""An OWL reasoner (HermiT, shipped by owlready2; needs java) finds the ontology consistent with
the seed graph, including the facts its statements describe."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from kg.vocab import KGO_IRI

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs java")]
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _triples(path, fmt) -> list[ox.Triple]:
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=fmt)
            if isinstance(q.graph_name, ox.DefaultGraph)]


def _described(triples: list[ox.Triple]) -> list[ox.Triple]:
    """The fact each statement describes, unless it is a text reading (kgo:objectText)."""
    parts: dict = {}
    for t in triples:
        if t.predicate.value in (RDF + "subject", RDF + "predicate", RDF + "object"):
            parts.setdefault(t.subject, {})[t.predicate.value[len(RDF):]] = t.object
        elif t.predicate.value == KGO_IRI + "objectText":
            parts.setdefault(t.subject, {})["text"] = t.object
    return [ox.Triple(p["subject"], p["predicate"], p["object"]) for p in parts.values() if "text" not in p]


def _hermit_consistent(tmp_path, triples: list[ox.Triple]) -> bool:
    import owlready2

    path = tmp_path / "check.nt"
    path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load(format="ntriples")
    try:
        with ontology:
            # HermiT knows only the OWL 2 datatype map; xsd:gYear and xsd:gYearMonth (kg's dates)
            # are plain RDF datatypes outside it, so HermiT is told to pass over those literals.
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                           ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    return True


@pytest.fixture(scope="module")
def loaded(seed_build):
    out = seed_build.out
    ontology = _triples(out / "ontology.ttl", ox.RdfFormat.TURTLE)
    data = _triples(out / "graph.ttl", ox.RdfFormat.TURTLE)
    return ontology, data


def test_hermit_finds_ontology_and_seed_graph_consistent(loaded, tmp_path):
    ontology, data = loaded
    assert _hermit_consistent(tmp_path, ontology + data + _described(data))


def test_hermit_finds_a_value_outside_its_range(loaded, tmp_path):
    """The control: the same run reports an inconsistency once one offset is not an integer."""
    ontology, data = loaded
    evidence = next(t.subject for t in data if t.predicate.value == KGO_IRI + "startOffset")
    bad = ox.Triple(evidence, ox.NamedNode(KGO_IRI + "startOffset"), ox.Literal("twelve"))
    assert not _hermit_consistent(tmp_path, ontology + data + [bad])
