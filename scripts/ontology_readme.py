"""Write ontology/README.md: every class and property of ontology/kg.ttl with an example from a built graph.

Usage: python scripts/ontology_readme.py [OUT]   (OUT: a folder built by `kg build seeds`, default kg-out)
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.files import write_atomic
from kg.vocab import KGO_IRI, ontology_file

ROOT = Path(__file__).resolve().parent.parent


def short(term: ox.NamedNode | ox.Literal | ox.BlankNode, labels: dict[str, str]) -> str:
    if isinstance(term, ox.Literal):
        text = " ".join(term.value.split())
        return f'"{text[:70]}…"' if len(text) > 70 else f'"{text}"'
    value = term.value
    if value.startswith(KGO_IRI):
        return "kgo:" + value[len(KGO_IRI):]
    if value in labels:
        return f"`{labels[value]}`"
    for prefix, iri in (("rdf", str(RDF)), ("rdfs", str(RDFS)), ("prov", "http://www.w3.org/ns/prov#")):
        if value.startswith(iri):
            return f"{prefix}:{value[len(iri):]}"
    return f"<{value.rsplit('/', 1)[-1]}>"


def example(store: ox.Store, query: str, labels: dict[str, str]) -> str:
    rows = list(store.query(query))
    if not rows:
        return "— (not used in the seed graph)"
    s, p, o = rows[0]
    return f"{short(s, labels)} {short(p, labels)} {short(o, labels)}"


def main(out: Path) -> Path:
    onto = rdflib.Graph().parse(ontology_file("kg.ttl"))
    store = ox.Store.read_only(str(out / "store"))
    labels = {s.value: o.value for s, _, o, _ in store.quads_for_pattern(
        None, ox.NamedNode(str(RDFS.label)), None, ox.DefaultGraph())}
    lines = ["# The kg ontology", "",
             "Source: `kg.ttl` (OWL), shapes: `shapes.ttl` (SHACL). Namespace `kgo:` = "
             f"`{KGO_IRI}`. Examples come from the graph `kg build seeds` writes "
             "(regenerate with `python scripts/ontology_readme.py kg-out`); entities are shown by label.", ""]
    for kind, title in ((OWL.Class, "Classes"), (OWL.ObjectProperty, "Object properties"),
                        (OWL.DatatypeProperty, "Datatype properties")):
        lines += [f"## {title}", "", "| term | meaning | example from the seeds |", "|---|---|---|"]
        for term in sorted(t for t in onto.subjects(RDF.type, kind) if str(t).startswith(KGO_IRI)):
            name = str(term)[len(KGO_IRI):]
            comment = " ".join(str(onto.value(term, RDFS.comment) or "").split())
            if kind == OWL.Class:
                query = (f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o . FILTER(?p = <{RDF.type}> && ?o = <{term}>) "
                         f"OPTIONAL {{ ?s <{RDFS.label}> ?l }} }} ORDER BY ?l STR(?s) LIMIT 1")
            else:
                query = f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o . FILTER(?p = <{term}>) }} ORDER BY STR(?s) STR(?o) LIMIT 1"
            lines.append(f"| `kgo:{name}` | {comment} | {example(store, query, labels)} |")
        lines.append("")
    target = ROOT / "ontology" / "README.md"
    return write_atomic(target, lambda p: p.write_text("\n".join(lines), encoding="utf-8"))


if __name__ == "__main__":
    print(main(Path(sys.argv[1] if len(sys.argv) > 1 else "kg-out")))
