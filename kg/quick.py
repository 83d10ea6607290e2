"""The `kg` entry point. `kg query` and `kg --version` answer before typer, rich and pydantic load
(a query costs little more than `oxigraph query`); any other command, `--help`, and any argument
list the quick parser does not take go to the typer app in `kg.cli`, which documents them all."""

from __future__ import annotations

import os
import sys

from .defaults import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT
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


_OPTIONS = {"--file": "file", "-f": "file", "--format": "fmt", "--timeout": "timeout",
            "--max-memory": "max_memory", "--max-rows": "max_rows"}
_NUMBERS = {"timeout": float, "max_memory": int, "max_rows": int}


def quick_query(args: list[str]) -> tuple | None:
    """The arguments of `query_output` for a plain `kg query` argument list; None for anything
    else (`--help`, an unknown option, a missing or bad value), which the typer app then answers."""
    parsed = _quick_words(args)
    if parsed is None:
        return None
    positional, options = parsed
    if len(positional) not in (1, 2):
        return None
    numbers = {}
    for key, kind in _NUMBERS.items():
        if key in options:
            try:
                numbers[key] = kind(options[key])
            except ValueError:
                return None
            if numbers[key] <= 0:
                return None
    return (positional[0], (positional[1:] or [None])[0], options.get("file"), options["fmt"],
            numbers.get("timeout", DEFAULT_TIMEOUT), numbers.get("max_memory", DEFAULT_MAX_MEMORY_MB),
            numbers.get("max_rows", DEFAULT_MAX_ROWS), "allow_service" in options)


def _quick_words(args: list[str]) -> tuple[list[str], dict[str, str]] | None:
    positional: list[str] = []
    options: dict[str, str] = {"fmt": "table"}
    words = iter(args)
    for word in words:
        name, equals, value = word.partition("=")
        if word == "--allow-service":
            options["allow_service"] = "1"
        elif word in _OPTIONS:
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
    return positional, options


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
