"""Reading a built store: open it read-only and answer SPARQL as plain values.

Kept apart from kg.store (which writes the store and needs rdflib) so that `kg query`, `kg serve`
and notebooks that only read load nothing but pyoxigraph.
"""

from __future__ import annotations

import os
from collections import namedtuple

import pyoxigraph as ox

from .errors import QueryError, StoreError

STORE_DIR = "store"


def open_store(out_dir: str | os.PathLike) -> ox.Store:
    """Open a built output folder's store read-only (works beside a running server)."""
    path = os.path.join(out_dir, STORE_DIR)
    if not os.path.isdir(path):
        raise StoreError(f"{out_dir} holds no kg store; run `kg build PATH --out {out_dir}` first.")
    try:
        return ox.Store.read_only(path)
    except OSError as exc:
        raise StoreError(f"cannot open the store in {out_dir}: {exc}") from exc


class QueryResult(namedtuple("QueryResult", "columns rows boolean", defaults=(None,))):
    """A SPARQL answer as plain values: column names and rows of strings (None for unbound).
    A named tuple, not a dataclass: `kg query` answers before `dataclasses` could load."""

    __slots__ = ()
    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    boolean: bool | None


def _plain(term) -> str | None:
    if term is None:
        return None
    return term.value


def run_query(store: ox.Store, sparql: str) -> QueryResult:
    """Evaluate SPARQL over the store (default graph = the merged graph; GRAPH ?doc for sources)."""
    try:
        result = store.query(sparql, use_default_graph_as_union=False)
    except SyntaxError as exc:
        raise QueryError(f"bad SPARQL: {exc}") from exc
    except (OSError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from exc
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(("ask",), ((str(bool(result)).lower(),),), bool(result))
    if isinstance(result, ox.QuerySolutions):
        columns = tuple(v.value for v in result.variables)
        rows = tuple(tuple(_plain(sol[c]) for c in columns) for sol in result)
        return QueryResult(columns, rows)
    rows = tuple((t.subject.value, t.predicate.value, _plain(t.object)) for t in result)
    return QueryResult(("subject", "predicate", "object"), rows)
