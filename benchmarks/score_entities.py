"""Score entity resolution of a built seed graph against benchmarks/entities_gold.json.

    python benchmarks/score_entities.py                 # build seeds/ into a temp folder, score it
    python benchmarks/score_entities.py --out kg-out    # score an already built folder
    python benchmarks/score_entities.py --verbose       # also list every miss

Prints merge precision/recall (pairs of gold surface forms in one node), groups made whole,
typing accuracy, role facts found, junk and furniture nodes, and pronoun resolution.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.api import query
from kg.extract import load_nlp
from kg.ingest import ingest
from kg.pipeline import build, extract_documents
from kg.resolve import resolve

GOLD = ROOT / "benchmarks" / "entities_gold.json"
PRONOUNS = {"he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their", "which",
            "who", "whom", "that", "this", "we", "us", "our", "i", "you"}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    text = re.sub(r"^(the|a|an)\s+", "", " ".join(text.split()), flags=re.IGNORECASE)
    text = re.sub(r"'s$", "", text)
    return text.strip(" .,;:").casefold()


def graph_entities(out: Path) -> dict[str, dict]:
    rows = query(out, "SELECT ?e ?t ?l ?a WHERE { ?e a ?t ; rdfs:label ?l . "
                      "FILTER(STRSTARTS(STR(?t), STR(kgo:))) "
                      "FILTER(?t IN (kgo:Person, kgo:Organization, kgo:Place, kgo:Group, kgo:Event)) "
                      "OPTIONAL { ?e skos:altLabel ?a } }").rows
    entities: dict[str, dict] = {}
    for e, t, label, alt in rows:
        ent = entities.setdefault(e, {"type": t.rsplit("#", 1)[-1], "label": label, "forms": {label}})
        if alt:
            ent["forms"].add(alt)
    return entities


def graph_roles(out: Path) -> list[tuple[str, str, str | None]]:
    rows = query(out, "SELECT ?p ?t ?o WHERE { ?p kgo:holdsPosition ?pos . ?pos kgo:title ?t . "
                      "OPTIONAL { ?pos kgo:positionOf ?o } }").rows
    return [(p, t, o) for p, t, o in rows]


def furniture_text(gold: dict, documents) -> str:
    parts = []
    for doc in documents:
        for pattern in gold["furniture"].get(doc.id[:3], []):
            parts.extend(m.group(0) for m in re.finditer(pattern, doc.text, re.MULTILINE))
    return "\n".join(parts)


def _strip_furniture(gold: dict, doc) -> str:
    text = doc.text
    for pattern in gold["furniture"].get(doc.id[:3], []):
        text = re.sub(pattern, "", text, flags=re.MULTILINE)
    return text


def score(out: Path, gold: dict, documents, nlp, verbose: bool) -> dict[str, float]:
    form_group: dict[str, str] = {}
    for g in gold["groups"]:
        for name in g["names"] + g.get("also", []):
            form_group.setdefault(norm(name), g["id"])
    groups = {g["id"]: g for g in gold["groups"]}
    ignore = {norm(n) for n in gold["ignore"]}
    entities = graph_entities(out)
    node_groups: dict[str, set[str]] = {}
    for iri, ent in entities.items():
        node_groups[iri] = {form_group[norm(f)] for f in ent["forms"] if norm(f) in form_group}

    # Merge precision: pairs of gold-known forms inside one node that belong to one gold group.
    good = bad = 0
    false_merges = []
    for iri, ent in entities.items():
        known = sorted({norm(f) for f in ent["forms"] if norm(f) in form_group})
        for a, b in combinations(known, 2):
            if form_group[a] == form_group[b]:
                good += 1
            else:
                bad += 1
                false_merges.append((ent["label"], a, b))
    # Merge recall: pairs of 'names' of a group, both seen in the graph, that share a node.
    seen_in: dict[str, set[str]] = defaultdict(set)
    for iri, ent in entities.items():
        for f in ent["forms"]:
            seen_in[norm(f)].add(iri)
    want = got = 0
    missed = []
    whole = present = 0
    for g in gold["groups"]:
        names = sorted({norm(n) for n in g["names"] if norm(n) in seen_in})
        if names:
            present += 1
            nodes = set.union(*(seen_in[n] for n in names))
            whole += len(nodes) == 1
        for a, b in combinations(names, 2):
            want += 1
            if seen_in[a] & seen_in[b]:
                got += 1
            else:
                missed.append((g["id"], a, b))
    required = [g for g in gold["groups"] if not g.get("optional")]
    absent = [g["id"] for g in required if not any(norm(n) in seen_in for n in g["names"])]
    # Typing: nodes that match exactly one gold group.
    typed = right = 0
    wrong_types = []
    for iri, ent in entities.items():
        if len(node_groups[iri]) == 1:
            gid = next(iter(node_groups[iri]))
            typed += 1
            if ent["type"] in groups[gid]["types"]:
                right += 1
            else:
                wrong_types.append((ent["label"], ent["type"], groups[gid]["types"][0]))
    # Apart: pairs that must never share a node.
    apart_violations = [(a, b) for a, b in gold["apart"] if seen_in.get(norm(a), set()) & seen_in.get(norm(b), set())]
    # Junk: nodes matching no gold group.
    furniture = furniture_text(gold, documents)
    body = "\n".join(_strip_furniture(gold, d) for d in documents)
    junk, furniture_nodes = [], []
    for iri, ent in entities.items():
        if node_groups[iri] or all(norm(f) in ignore for f in ent["forms"]):
            continue
        in_furniture = all(" ".join(f.split()) in " ".join(furniture.split())
                           and " ".join(f.split()) not in " ".join(body.split()) for f in ent["forms"])
        (furniture_nodes if in_furniture else junk).append(ent["label"])
    pronoun_nodes = [e["label"] for e in entities.values() if e["label"].lower() in PRONOUNS and e["label"] != "US"]
    # Roles.
    group_of_iri = {iri: next(iter(gs)) for iri, gs in node_groups.items() if len(gs) == 1}
    found_roles = graph_roles(out)
    roles_found = []
    for r in gold["roles"]:
        hit = any(group_of_iri.get(p) == r["person"] and norm(t) in r["titles"]
                  and (r["of"] is None or group_of_iri.get(o) == r["of"]) for p, t, o in found_roles)
        roles_found.append((r, hit))
    wrong_roles = [(entities.get(p, {}).get("label", p), t, entities.get(o, {}).get("label", o))
                   for p, t, o in found_roles if p not in group_of_iri or group_of_iri[p] not in groups
                   or groups[group_of_iri[p]]["types"][0] != "Person"]
    pron = score_pronouns(gold, documents, nlp, form_group)

    print(f"nodes: {len(entities)}  gold groups present: {present}/{len(gold['groups'])}  "
          f"required absent: {len(absent)}")
    print(f"merge precision: {good}/{good + bad} = {good / max(good + bad, 1):.3f}   "
          f"merge recall: {got}/{want} = {got / max(want, 1):.3f}   groups whole: {whole}/{present}")
    print(f"typing accuracy: {right}/{typed} = {right / max(typed, 1):.3f}")
    n_roles = sum(h for _, h in roles_found)
    print(f"roles found: {n_roles}/{len(roles_found)}   role records in graph: {len(found_roles)}")
    print(f"junk nodes: {len(junk)}   furniture nodes: {len(furniture_nodes)}   pronoun nodes: "
          f"{len(pronoun_nodes)}   apart violations: {len(apart_violations)}")
    print(f"pronouns: correct {pron['correct']}/{pron['total']}  wrong {pron['wrong']}  "
          f"unresolved-but-gold-has-antecedent {pron['missed']}  "
          f"(gold-unresolvable correctly dropped {pron['dropped_ok']}/{pron['unresolvable']})")
    if verbose:
        for label, a, b in false_merges:
            print(f"  FALSE MERGE in {label!r}: {a!r} + {b!r}")
        for gid, a, b in missed:
            print(f"  missed merge {gid}: {a!r} / {b!r}")
        for gid in absent:
            print(f"  absent: {gid}")
        for label, t, want_t in wrong_types:
            print(f"  type {label!r}: {t} (gold {want_t})")
        for r, hit in roles_found:
            if not hit:
                print(f"  role missing: {r['person']} – {r['titles'][0]} – {r['of']}")
        for role in wrong_roles:
            print(f"  role of a person outside the gold: {role}")
        for label in sorted(junk):
            print(f"  junk: {label!r}")
        for label in sorted(furniture_nodes):
            print(f"  furniture: {label!r}")
        for a, b in apart_violations:
            print(f"  APART VIOLATED: {a!r} / {b!r}")
        for line in pron["details"]:
            print(f"  pronoun {line}")
    return {"precision": good / max(good + bad, 1), "recall": got / max(want, 1)}


def score_pronouns(gold, documents, nlp, form_group) -> dict:
    docs = {d.id[:3]: d for d in documents}
    extractions = list(extract_documents(nlp, documents))
    res = resolve(extractions)
    entity_forms = {e.id: e.aliases + (e.label,) for e in res.entities}
    counts = {"correct": 0, "wrong": 0, "missed": 0, "dropped_ok": 0, "unresolvable": 0, "total": 0,
              "details": []}
    for p in gold["pronouns"]:
        doc = docs[p["doc"]]
        at = doc.text.find(p["context"])
        if at < 0:
            counts["details"].append(f"context not found: {p['context']!r}")
            continue
        start = at + re.search(rf"\b{re.escape(p['pronoun'])}\b", p["context"]).start()
        entity = res.mentions.get((doc.id, start))
        groups = {form_group.get(norm(f)) for f in entity_forms.get(entity, ())} - {None}
        if p["antecedent"] is None:
            counts["unresolvable"] += 1
            counts["dropped_ok"] += entity is None
            if entity is not None:
                counts["details"].append(f"{p['context']!r}: resolved to {entity}, gold none")
            continue
        counts["total"] += 1
        if entity is None:
            counts["missed"] += 1
            counts["details"].append(f"{p['context']!r}: unresolved, gold {p['antecedent']}")
        elif groups == {p["antecedent"]}:
            counts["correct"] += 1
        else:
            counts["wrong"] += 1
            counts["details"].append(f"{p['context']!r}: {entity}, gold {p['antecedent']}")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="a built output folder (default: build seeds into a temp folder)")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    nlp = load_nlp()
    documents = list(ingest([args.seeds]))
    if args.out is None:
        with tempfile.TemporaryDirectory() as tmp:
            build([args.seeds], out=tmp, nlp=nlp)
            score(Path(tmp), gold, documents, nlp, args.verbose)
    else:
        score(args.out, gold, documents, nlp, args.verbose)


if __name__ == "__main__":
    main()
