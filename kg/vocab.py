"""kg's vocabulary: namespace IRIs and prefixes; `KGO`, the ontology as a closed namespace (a misspelt
term fails at once), is built with rdflib on first use so readers of a store need not load rdflib."""

from __future__ import annotations

TYPE_CHECKING = False  # as typing's, which `kg query` need not import

if TYPE_CHECKING:
    from pathlib import Path

KGO_IRI = "https://w3id.org/kg-news/ontology#"
DEFAULT_BASE = "https://w3id.org/kg-news/id/"
PREFIXES = {
    "kgo": KGO_IRI,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


NAMESPACES = {"kge": "entity/", "kgd": "doc/", "kgs": "statement/", "kgv": "evidence/", "kgp": "position/",
              "kgt": "thing/", "kgc": "claim/", "kgr": "relation/"}


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """The prefixes exports declare: one per kind of kg node (docs/iris.md), then the vocabularies."""
    return {**{p: base + path for p, path in NAMESPACES.items()}, **PREFIXES}


def ontology_file(name: str) -> Path:
    """Path of a file in ontology/ (source tree) or kg/ontology (installed wheel)."""
    from pathlib import Path

    here = Path(__file__).resolve().parent
    for folder in (here.parent / "ontology", here / "ontology"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"ontology file {name} is missing from {here.parent / 'ontology'}")
