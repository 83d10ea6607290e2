"""The shape of the facts a user gets: of the facts the graph keeps, how many are plain triples
between two nodes (and between two named entities), how many have a typed value, how many live
only on a statement node as text.

A kept fact is a kgo:Statement the graph asserts: not attributed to a speaker (kgo:attributedTo)
and not marked negated, hypothetical or demanded (kgo:modality). It is a plain triple when
`subject predicate object` itself is in the merged graph.

    python benchmarks/fact_shape.py                    # seeds and 100 Reuters articles after the first 1,000
    python benchmarks/fact_shape.py --reuters 300 --skip 1000
    python benchmarks/fact_shape.py --out DIR          # an existing build folder only
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale_common import CORPUS  # noqa: E402

SHAPE = """
PREFIX kgo: <https://w3id.org/kg-news/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?st ?plain ?node ?named ?value ?attributed ?modal WHERE {
  ?st a kgo:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  BIND(EXISTS { ?s ?p ?o } AS ?plain)
  BIND(isIRI(?o) AS ?node)
  BIND(EXISTS { ?s a ?sc FILTER(?sc IN (%(named)s)) }
       && EXISTS { ?o a ?oc FILTER(?oc IN (%(named)s)) } AS ?named)
  BIND(isLiteral(?o) && LANG(?o) = "" && DATATYPE(?o) != <http://www.w3.org/2001/XMLSchema#string> AS ?value)
  BIND(EXISTS { ?st kgo:attributedTo ?who } AS ?attributed)
  BIND(EXISTS { ?st kgo:modality ?m } AS ?modal)
}
"""


def named_classes() -> str:
    """The ontology's classes of named things: kgo:Entity and its subclasses, as SPARQL IRIs."""
    from rdflib import Graph
    from rdflib.namespace import RDFS

    from kg.vocab import KGO_IRI, ontology_file

    onto = Graph().parse(ontology_file("kg.ttl"))
    top = onto.namespace_manager.expand_curie("kgo:Entity")
    found = set(onto.transitive_subjects(RDFS.subClassOf, top))
    return ", ".join(f"<{c}>" for c in sorted(found) if str(c).startswith(KGO_IRI))


def shape(out: Path) -> dict[str, int]:
    """Counts of statements by shape in the merged graph of the build folder `out`."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "store"))
    counts = dict.fromkeys(("statements", "attributed", "modal", "kept", "plain", "plain_node",
                            "plain_named", "plain_value", "text_only"), 0)
    true = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    for row in store.query(SHAPE % {"named": named_classes()}, default_graph=ox.DefaultGraph()):
        flag = {name: row[name] == true for name in ("plain", "node", "named", "value", "attributed", "modal")}
        counts["statements"] += 1
        if flag["attributed"]:
            counts["attributed"] += 1
        if flag["modal"]:
            counts["modal"] += 1
        if flag["attributed"] or flag["modal"]:
            continue
        counts["kept"] += 1
        if flag["plain"]:
            counts["plain"] += 1
            counts["plain_node"] += flag["node"]
            counts["plain_named"] += flag["named"]
            counts["plain_value"] += flag["value"] and not flag["node"]
        else:
            counts["text_only"] += 1
    return counts


def report(name: str, counts: dict[str, int]) -> str:
    kept = counts["kept"] or 1

    def pct(key: str) -> str:
        return f"{counts[key]} ({100 * counts[key] / kept:.1f} %)"

    return (f"{name}: {counts['statements']} statements, {counts['attributed']} attributed, "
            f"{counts['modal']} negated/hypothetical/demanded, {counts['kept']} kept facts; "
            f"plain triples {pct('plain')}: between nodes {pct('plain_node')}, between named "
            f"entities {pct('plain_named')}, to a typed value {pct('plain_value')}; "
            f"text only {pct('text_only')}")


def reuters_subset(target: Path, skip: int, limit: int) -> Path:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in islice(lines, skip, skip + limit):
            record = json.loads(line)
            if record.get("text", "").strip():
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuters", type=int, default=100, help="Reuters articles to build (0: none)")
    parser.add_argument("--skip", type=int, default=1000, help="Reuters articles to skip first")
    parser.add_argument("--out", type=Path, help="measure this build folder instead")
    args = parser.parse_args()
    if args.out:
        print(report(str(args.out), shape(args.out)))
        return
    from kg.extract import load_nlp
    from kg.pipeline import build

    nlp = load_nlp()
    with tempfile.TemporaryDirectory() as tmp:
        seeds = build([ROOT / "seeds"], out=Path(tmp) / "seeds", nlp=nlp)
        print(report("seeds (5 articles)", shape(seeds.out)))
        if args.reuters:
            subset = reuters_subset(Path(tmp) / "reuters.jsonl", args.skip, args.reuters)
            built = build([subset], out=Path(tmp) / "reuters", nlp=nlp)
            print(report(f"Reuters articles {args.skip + 1}-{args.skip + args.reuters} "
                         f"({built.documents} with text)", shape(built.out)))


if __name__ == "__main__":
    main()
