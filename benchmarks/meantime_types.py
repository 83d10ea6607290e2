"""Type accuracy on MEANTIME's gold: each gold name found on a node counts right when the node's
type matches the chain's type (PERSON → Person, ORGANIZATION → Organization, LOCATION → Place).

    python benchmarks/meantime_types.py ER_OUT [MEANTIME_DIR]   # ER_OUT: run_all.sh's output folder
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import rdflib

GOLD_TYPE = {"PERSON": "Person", "ORGANIZATION": "Organization", "LOCATION": "Place"}
KG = "https://w3id.org/kg-news/ontology#"
TOP = {"Person", "Organization", "Place", "Group", "Event"}


def main(out: Path, meantime: Path) -> None:
    spec = importlib.util.spec_from_file_location("score_er", meantime / "score_er.py")
    score_er = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score_er)
    ontology = rdflib.Graph().parse(Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl")

    def top(name: str) -> str:
        node = rdflib.URIRef(KG + name)
        while name not in TOP:
            parents = [p for p in ontology.objects(node, rdflib.RDFS.subClassOf) if str(p).startswith(KG)]
            if not parents:
                return name
            node = parents[0]
            name = str(node)[len(KG):]
        return name
    total, right, confusion = 0, 0, Counter()
    for gold_file in sorted((meantime / "gold").glob("*.json")):
        graph = rdflib.Graph().parse(out / gold_file.stem / "graph.ttl")
        types: dict[str, set[str]] = {}
        for node, _, label in graph.triples((None, rdflib.RDFS.label, None)):
            for t in graph.objects(node, rdflib.RDF.type):
                if str(t).startswith(KG):
                    types.setdefault(score_er.norm(str(label)), set()).add(str(t)[len(KG):])
            for alt in graph.objects(node, rdflib.SKOS.altLabel):
                for t in graph.objects(node, rdflib.RDF.type):
                    if str(t).startswith(KG):
                        types.setdefault(score_er.norm(str(alt)), set()).add(str(t)[len(KG):])
        for chain in json.loads(gold_file.read_text())["chains"]:
            want = GOLD_TYPE[chain["type"]]
            for s in chain["strings"]:
                found = {top(t) for t in types.get(score_er.norm(s), ())} & TOP
                if not found:
                    continue
                total += 1
                ok = found == {want}
                right += ok
                if not ok:
                    confusion[(want, "/".join(sorted(found)))] += 1
    print(f"types right: {right}/{total} = {right / max(total, 1):.3f}")
    for (want, got), n in confusion.most_common():
        print(f"  gold {want} typed {got}: {n}")


if __name__ == "__main__":
    here = Path(__file__).resolve().parent.parent
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else here.parent.parent / "shared/benchmarks/meantime")
