"""A reproducible sample of entity nodes from a kg build, for judging by benchmarks/judged_entities/RULES.md.

Usage: python benchmarks/judged_entities/sample.py OUT_DIR [--size 100] [--seed 15] [--words]

Reads OUT_DIR/graph.nq (what `kg build --out OUT_DIR` writes). An entity node is a subject under
/id/entity/ typed Person, Organization, Place, Group or Event (the kgo class; a subclass such as
Company is shown beside it, not counted as another node). The nodes are sorted by their local name;
random.seed(SEED) then random.sample(nodes, SIZE) picks the sample, so the same build gives the same
sample. One row a node: node, type (the top classes, "/"-joined when a node has several), label.
With --words each row is followed by the other nodes sharing a word of its label (for the
duplicate check), indented with "#".
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

KGO = "https://w3id.org/kg-news/ontology#"
ENTITY = "https://w3id.org/kg-news/id/entity/"
TOP = ("Person", "Organization", "Place", "Group", "Event")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def nodes(out_dir: Path) -> dict[str, tuple[list[str], list[str], str]]:
    """node local name -> (top classes, other kgo classes, label)."""
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    with open(out_dir / "graph.nq", "rb") as f:
        for quad in ox.parse(f, format=ox.RdfFormat.N_QUADS):
            s = quad.subject
            if not isinstance(s, ox.NamedNode) or not s.value.startswith(ENTITY):
                continue
            name = s.value[len(ENTITY):]
            if quad.predicate.value == RDF_TYPE and quad.object.value.startswith(KGO):
                types[name].add(quad.object.value[len(KGO):])
            elif quad.predicate.value == LABEL and isinstance(quad.object, ox.Literal):
                labels.setdefault(name, quad.object.value)
    out = {}
    for name, ts in types.items():
        top = [t for t in TOP if t in ts]
        if top:
            out[name] = (top, sorted(ts - set(TOP)), labels.get(name, name))
    return out


def words(label: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'.-]+", label) if len(w) > 2}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--words", action="store_true", help="list nodes sharing a word")
    args = parser.parse_args(argv)
    found = nodes(args.out_dir)
    random.seed(args.seed)
    picked = random.sample(sorted(found), min(args.size, len(found)))
    print(f"# {len(found)} entity nodes in {args.out_dir}; {len(picked)} sampled (seed {args.seed})")
    print("node\ttype\tlabel")
    for name in sorted(picked):
        top, sub, label = found[name]
        print(f"{name}\t{'/'.join(top)}\t{label}")
        if args.words:
            mine = words(label)
            for other in sorted(found):
                if other != name and mine & words(found[other][2]):
                    print(f"#\t\t{found[other][2]}\t{'/'.join(found[other][0] + found[other][1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
