"""The kg ontology as a closed rdflib namespace (kept apart from `kg.vocab` so that code needing only IRIs does not import rdflib)."""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from .vocab import KGO_IRI


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
    Thing: URIRef
    Claim: URIRef
    involves: URIRef
    # provenance
    Document: URIRef
    Statement: URIRef
    Evidence: URIRef
    relationText: URIRef
    objectText: URIRef
    evidence: URIRef
    attributedTo: URIRef
    modality: URIRef
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
    relatedValue: URIRef
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
    signed: URIRef
    supported: URIRef
    opposed: URIRef
    arrested: URIRef
    charged: URIRef
    convicted: URIRef
    sentenced: URIRef
    killed: URIRef
    attacked: URIRef
    sued: URIRef
    elected: URIRef
    appointed: URIRef
    fired: URIRef
    resignedFrom: URIRef
    acquired: URIRef
    mergedWith: URIRef
    founded: URIRef
    withdrewFrom: URIRef
    bornIn: URIRef
    diedIn: URIRef
    married: URIRef
