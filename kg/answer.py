"""What `kg query` prints: the argument checks, the guarded query and the rendering of its answer,
shared by the quick entry point (`kg.quick`) and the typer command (`kg.cli`)."""

from __future__ import annotations

import os
import sys

from .defaults import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT
from .errors import QueryError

TYPE_CHECKING = False  # as typing's, which `kg query` need not import
if TYPE_CHECKING:
    from pathlib import Path

    from rich.table import Table

    from .sparql import QueryResult


FORMATS = ("table", "csv", "tsv", "json")


def render(result: QueryResult, fmt: str) -> str | Table:
    """A query's answer as JSON, CSV or TSV text, or a rich table."""
    if fmt == "json":
        import json

        return json.dumps({"columns": list(result.columns),
                           "rows": [dict(zip(result.columns, row)) for row in result.rows]},
                          ensure_ascii=False, indent=2)
    if fmt in {"csv", "tsv"}:
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(["" if v is None else v for v in row] for row in result.rows)
        return buffer.getvalue().rstrip("\n")
    from rich.table import Table

    table = Table(*result.columns, show_lines=False)
    for row in result.rows:
        table.add_row(*("" if v is None else v for v in row))
    return table


def query_output(out: str | Path, sparql: str | None, file: str | Path | None, fmt: str,
                 timeout: float = DEFAULT_TIMEOUT, max_memory: int = DEFAULT_MAX_MEMORY_MB,
                 max_rows: int = DEFAULT_MAX_ROWS, allow_service: bool = False) -> str | Table:
    """What `kg query` prints: checks its arguments, runs the query under its time and memory
    guard (federated SERVICE refused unless `allow_service`), renders the answer."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use table, csv, tsv or json.")
    if file is not None:
        if sparql:
            raise QueryError("give the query either as an argument or with --file, not both.")
        if not os.path.isfile(file):
            raise QueryError(f"query file {file} does not exist.")
        try:
            with open(file, encoding="utf-8") as text:
                sparql = text.read()
        except UnicodeDecodeError as exc:
            raise QueryError(f"query file {file} is not UTF-8 text ({exc.reason} at byte {exc.start}); "
                             "give a SPARQL query in a .rq text file.") from None
        except OSError as exc:
            raise QueryError(f"cannot read query file {file}: {exc.strerror or exc}.") from None
    if not sparql:
        raise QueryError("give a SPARQL query as an argument or with --file.")
    from . import api
    from .sparql import query_guard

    with query_guard(timeout, max_memory):
        return render(api.query(out, sparql, allow_service=allow_service, max_rows=max_rows), fmt)


def print_output(rendered: str | Table) -> None:
    if isinstance(rendered, str):
        sys.stdout.write(rendered + "\n")
        return
    from rich.console import Console

    Console(soft_wrap=True).print(rendered)
