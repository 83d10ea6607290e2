"""Reading a built store: open it read-only and answer SPARQL as plain values.

Kept apart from kg.store (which writes the store and needs rdflib) so that `kg query`, `kg serve`
and notebooks that only read load nothing but pyoxigraph.
"""

from __future__ import annotations

import os
import re
import sys
import threading
import time
from collections import namedtuple
from collections.abc import Iterator
from contextlib import contextmanager

import pyoxigraph as ox

from .defaults import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT
from .errors import QueryError, StoreError

from .manifest import STORE_DIR  # noqa: E402,F401

# Tokens inside which the word SERVICE is not the keyword, each matched where it starts, left to
# right as SPARQL's lexer does: a local-name escape (ex:a\'), an IRI, a string, a comment.
_NOT_KEYWORDS = re.compile("|".join((
    r"\\.",
    r"<[^<>\"{}|^`\\\x00-\x20]*>",
    r"'''(?:[^'\\]|\\.|'(?!''))*'''",
    r'"""(?:[^"\\]|\\.|"(?!""))*"""',
    r"'(?:[^'\\\n\r]|\\.)*'",
    r'"(?:[^"\\\n\r]|\\.)*"',
    r"#[^\n\r]*",
)), re.DOTALL)
_SERVICE = re.compile(r"(?<![^\W\d])(?<![?$:])SERVICE", re.IGNORECASE)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def calls_service(sparql: str) -> bool:
    """True when the query may hold a federated `SERVICE` call (which would make the store fetch a
    URL). Errs towards True: only strings, IRIs and comments are known not to hold the keyword."""
    text = _CODEPOINT.sub(lambda m: _codepoint(m.group(1) or m.group(2)), sparql)
    return _SERVICE.search(_NOT_KEYWORDS.sub(" ", text)) is not None


def _codepoint(hex_digits: str) -> str:
    value = int(hex_digits, 16)
    return chr(value) if value <= sys.maxunicode else "\ufffd"


def refuse_service(sparql: str) -> None:
    """A QueryError for a federated query: kg answers from the local store and never goes online."""
    if calls_service(sparql):
        raise QueryError("federated SERVICE queries are off, so a query never fetches a URL; "
                         "allow them with --allow-service.")


def resident_bytes(pid: int | None = None) -> int:
    """The resident memory of a process (this one by default), from /proc; 0 when unknown."""
    try:
        with open(f"/proc/{pid or 'self'}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@contextmanager
def query_guard(timeout: float = DEFAULT_TIMEOUT,
                max_memory_mb: int = DEFAULT_MAX_MEMORY_MB) -> Iterator[None]:
    """End this process with a one-line error when the query inside runs past `timeout` seconds
    or grows it past `max_memory_mb` MiB. Oxigraph evaluates without the GIL and cannot be
    interrupted, so a watcher thread ends the process, as a killed server would end."""
    done = threading.Event()
    limit = max_memory_mb * 1024 * 1024

    def watch() -> None:
        deadline = time.monotonic() + timeout
        while not done.wait(0.05):
            if time.monotonic() > deadline:
                _stop(f"the query ran past the {timeout:g} s timeout; add a LIMIT, "
                      "narrow its patterns, or raise --timeout.")
            if resident_bytes() > limit:
                _stop(f"the query needed more than {max_memory_mb} MiB of memory; add a LIMIT, "
                      "narrow its patterns, or raise --max-memory.")

    watcher = threading.Thread(target=watch, name="kg-query-guard", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()


def _stop(message: str) -> None:
    sys.stderr.write(f"Error: {message}\n")
    sys.stderr.flush()
    os._exit(1)


def open_store(out_dir: str | os.PathLike) -> ox.Store:
    """Open a built output folder's store read-only (works beside a running server)."""
    path = os.path.join(out_dir, STORE_DIR)
    if not os.path.isdir(path):
        raise StoreError(f"{out_dir} holds no kg store; run `kg build PATH --out {out_dir}` first.")
    with reading(out_dir):
        return ox.Store.read_only(path)


@contextmanager
def reading(out_dir: str | os.PathLike) -> Iterator[None]:
    """Turn the errors of a damaged or unreadable store (RocksDB reports corruption as a
    RuntimeError, when opening or later when a read meets a bad block) into one StoreError."""
    try:
        yield
    except RuntimeError as exc:
        detail = str(exc).split("  ")[0]
        raise StoreError(f"the store in {out_dir} is damaged ({detail}); rebuild it with "
                         f"`kg build PATH --out {out_dir}`.") from exc
    except OSError as exc:
        raise StoreError(f"cannot read the store in {out_dir}: {exc}") from exc


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


def run_query(store: ox.Store, sparql: str, max_rows: int | None = None) -> QueryResult:
    """Evaluate SPARQL over the store (default graph = the merged graph; GRAPH ?doc for sources);
    an answer of more than `max_rows` rows is a QueryError."""
    try:
        result = store.query(sparql, use_default_graph_as_union=False)
    except SyntaxError as exc:
        raise QueryError(f"bad SPARQL: {exc}") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {' '.join(str(exc).split())}") from exc
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(("ask",), ((str(bool(result)).lower(),),), bool(result))
    if isinstance(result, ox.QuerySolutions):
        columns = tuple(v.value for v in result.variables)
        rows = _bounded((tuple(_plain(sol[c]) for c in columns) for sol in result), max_rows)
        return QueryResult(columns, rows)
    rows = _bounded(((t.subject.value, t.predicate.value, _plain(t.object)) for t in result), max_rows)
    return QueryResult(("subject", "predicate", "object"), rows)


def _bounded(rows: Iterator[tuple], max_rows: int | None) -> tuple[tuple, ...]:
    kept = []
    for row in rows:
        if max_rows is not None and len(kept) >= max_rows:
            raise QueryError(f"the answer has more than {max_rows} rows; add a LIMIT or raise --max-rows.")
        kept.append(row)
    return tuple(kept)
