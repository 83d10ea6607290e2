"""The kg ontology as a closed namespace: a misspelt term fails at once."""

from __future__ import annotations

from pathlib import Path

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

KGO_IRI = "https://w3id.org/kg-news/ontology#"
DEFAULT_BASE = "https://w3id.org/kg-news/id/"


def ontology_file(name: str) -> Path:
    """Path of a file in ontology/ (source tree) or kg/ontology (installed wheel)."""
    here = Path(__file__).resolve().parent
    for folder in (here.parent / "ontology", here / "ontology"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"ontology file {name} is missing from {here.parent / 'ontology'}")


class KGO(DefinedNamespace):
    """Terms of ontology/kg.ttl; tests check that both lists agree."""

    _NS = Namespace(KGO_IRI)
    _fail = True

    # entities
    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    GovernmentBody: URIRef
    NewsAgency: URIRef
    Company: URIRef
    Place: URIRef
    Country: URIRef
    City: URIRef
    Group: URIRef
    Event: URIRef
    Position: URIRef
    # provenance
    Document: URIRef
    Statement: URIRef
    Evidence: URIRef
    relationText: URIRef
    objectText: URIRef
    evidence: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    confidence: URIRef
    extractorVersion: URIRef
    mentions: URIRef
    source: URIRef
    # positions
    holdsPosition: URIRef
    title: URIRef
    positionOf: URIRef
    # relations between entities
    relatedTo: URIRef
    leads: URIRef
    memberOf: URIRef
    spokespersonFor: URIRef
    adviserTo: URIRef
    represents: URIRef
    said: URIRef
    met: URIRef
    spokeWith: URIRef
    locatedIn: URIRef
    visited: URIRef
    hosted: URIRef
    agreedTo: URIRef
    criticized: URIRef
    accused: URIRef
