"""The `kg` entry point. `kg query` and `kg --version` answer before typer, rich and pydantic load
(a query costs little more than `oxigraph query`); any other command, `--help`, and any argument
list the quick parser does not take go to the typer app in `kg.cli`, which documents them all."""

from __future__ import annotations

import os
import sys

from .errors import KgError, QueryError

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


def query_output(out: str | Path, sparql: str | None, file: str | Path | None, fmt: str) -> str | Table:
    """What `kg query` prints: checks its arguments, runs the query, renders the answer."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use table, csv, tsv or json.")
    if file is not None:
        if sparql:
            raise QueryError("give the query either as an argument or with --file, not both.")
        if not os.path.isfile(file):
            raise QueryError(f"query file {file} does not exist.")
        with open(file, encoding="utf-8") as text:
            sparql = text.read()
    if not sparql:
        raise QueryError("give a SPARQL query as an argument or with --file.")
    from . import api

    return render(api.query(out, sparql), fmt)


def print_output(rendered: str | Table) -> None:
    if isinstance(rendered, str):
        sys.stdout.write(rendered + "\n")
        return
    from rich.console import Console

    Console(soft_wrap=True).print(rendered)


_OPTIONS = {"--file": "file", "-f": "file", "--format": "fmt"}


def quick_query(args: list[str]) -> tuple[str, str | None, str | None, str] | None:
    """(out, sparql, file, format) of a plain `kg query` argument list; None for anything else
    (`--help`, an unknown option, a missing value), which the typer app then answers."""
    positional: list[str] = []
    options: dict[str, str] = {"fmt": "table"}
    words = iter(args)
    for word in words:
        name, equals, value = word.partition("=")
        if word in _OPTIONS:
            given = next(words, None)
            if given is None:
                return None
            options[_OPTIONS[word]] = given
        elif equals and name in _OPTIONS and name.startswith("--"):
            options[_OPTIONS[name]] = value
        elif word.startswith("-") and word != "-":
            return None
        else:
            positional.append(word)
    if len(positional) not in (1, 2):
        return None
    return positional[0], (positional[1:] or [None])[0], options.get("file"), options["fmt"]


def main(argv: list[str] | None = None) -> None:
    """Run `kg` with `argv` (default: the command line)."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from . import __version__

        sys.stdout.write(f"kg {__version__}\n")
        return
    parsed = quick_query(args[1:]) if args[:1] == ["query"] else None
    if parsed is None:
        from .cli import main as typer_main

        typer_main(args)
        return
    try:
        print_output(query_output(*parsed))
    except KgError as exc:
        sys.stderr.write(f"Error: {exc}\n")
        sys.exit(1)
