"""The kg ontology as a closed namespace: a misspelt term fails at once."""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

KGO_IRI = "https://w3id.org/kg-news/ontology#"
DEFAULT_BASE = "https://w3id.org/kg-news/id/"


class KGO(DefinedNamespace):
    """Terms of ontology/kg.ttl; tests check that both lists agree."""

    _NS = Namespace(KGO_IRI)
    _fail = True

    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Group: URIRef
    Event: URIRef
    Document: URIRef
    Statement: URIRef
    Evidence: URIRef
    relatedTo: URIRef
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
    Position: URIRef
    holdsPosition: URIRef
    title: URIRef
    positionOf: URIRef
    leads: URIRef
    said: URIRef
    met: URIRef
    criticized: URIRef
