"""p50/p95 latency of typical lookups on a built graph (the full Reuters store from full_corpus.py).

Lookups, each for 100 entities (the 20 with most facts and 80 drawn at random, seed 0):
an entity's facts, the documents whose graphs mention it, and its two-hop entity neighbourhood.
Timed on one read-only store opened once (as a notebook or server would), and through
`kg.query()`, which opens the store on every call. Target p95 < 50 ms.

    python benchmarks/full_corpus.py --keep /tmp/kg-reuters && python benchmarks/query_latency.py /tmp/kg-reuters
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from scale_common import machine

from kg.api import query, with_prefixes
from kg.store import open_store, run_query
from kg.vocab import DEFAULT_BASE

ENTITY = DEFAULT_BASE + "entity/"

LOOKUPS = {
    "facts of an entity": """
        SELECT ?p ?o ?s WHERE {{ {{ <{e}> ?p ?o }} UNION {{ ?s ?p <{e}> }} }}""",
    "documents mentioning an entity": """
        SELECT DISTINCT ?doc WHERE {{ GRAPH ?doc {{ {{ <{e}> ?p ?o }} UNION {{ ?s ?q <{e}> }} }} }}""",
    "two-hop neighbourhood": f"""
        SELECT DISTINCT ?b ?c WHERE {{{{
          {{{{ <{{e}}> ?p ?b }}}} UNION {{{{ ?b ?p <{{e}}> }}}}
          FILTER(STRSTARTS(STR(?b), "{ENTITY}"))
          {{{{ ?b ?q ?c }}}} UNION {{{{ ?c ?q ?b }}}}
          FILTER(STRSTARTS(STR(?c), "{ENTITY}") && ?c != <{{e}}>)
        }}}}""",
}


def sample_entities(store, count: int = 100, top: int = 20) -> list[str]:
    ranked = run_query(store, with_prefixes(
        f'SELECT ?e (COUNT(*) AS ?n) WHERE {{ ?e ?p ?o FILTER(STRSTARTS(STR(?e), "{ENTITY}")) '
        f'FILTER(isIRI(?o) && STRSTARTS(STR(?o), "{ENTITY}")) }} GROUP BY ?e ORDER BY DESC(?n) ?e'))
    everyone = [row[0] for row in run_query(store, with_prefixes(
        f'SELECT DISTINCT ?e WHERE {{ ?e a ?t FILTER(STRSTARTS(STR(?e), "{ENTITY}")) }} ORDER BY ?e')).rows]
    chosen = [row[0] for row in ranked.rows[:top]]
    rest = sorted(set(everyone) - set(chosen))
    return chosen + random.Random(0).sample(rest, min(count - len(chosen), len(rest)))


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="output folder of kg build")
    args = parser.parse_args()
    store = open_store(args.out)
    size = len(store)
    entities = sample_entities(store)
    print(f"machine: {machine()}")
    print(f"store: {args.out}, {size} quads; {len(entities)} entities sampled")
    for name, template in LOOKUPS.items():
        for how in ("open store", "kg.query()"):
            times, rows = [], []
            for entity in entities:
                sparql = template.format(e=entity)
                started = time.perf_counter()
                result = (run_query(store, with_prefixes(sparql)) if how == "open store"
                          else query(args.out, sparql))
                times.append((time.perf_counter() - started) * 1000)
                rows.append(len(result.rows))
            print(f"{name:32} {how:11} p50 {percentile(times, 50):6.1f} ms  "
                  f"p95 {percentile(times, 95):6.1f} ms  max {max(times):7.1f} ms  "
                  f"rows p50 {statistics.median(rows):.0f} max {max(rows)}")


if __name__ == "__main__":
    main()
