"""The `kg` command: parse arguments, call one library function, report. Errors → one line, exit 1."""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from . import __version__, api
from .errors import KgError, QueryError
from .extract import DEFAULT_MODEL
from .extract.formats import FORMATS
from .pipeline import build as build_graph
from .store import QueryResult
from .vocab import DEFAULT_BASE

app = typer.Typer(
    help="kg turns English news articles into an RDF knowledge graph you can query, browse and "
         "load into other graph databases. Everything runs offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out_console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)

ModelOpt = Annotated[str, typer.Option("--model", "-m",
                                       help="Installed spaCy pipeline name or path to one.")]
OutDir = Annotated[Path, typer.Argument(help="Output folder of a previous `kg build`.")]


def _version(value: bool) -> None:
    if value:
        out_console.print(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print kg's version and exit.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log details to stderr.")] = False,
) -> None:
    """kg: news articles in, knowledge graph out."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s",
                        handlers=[RichHandler(console=err_console, show_path=False)])


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .md, .html, .jsonl) or folders.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("kg-out"),
    model: ModelOpt = DEFAULT_MODEL,
    base: Annotated[str, typer.Option(help="Base IRI for the entities and documents kg mints.")] = DEFAULT_BASE,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parsing processes.")] = 1,
    scheduler: Annotated[Optional[str], typer.Option(
        help="Dask scheduler address (tcp://HOST:PORT): parse and extract on that cluster.")] = None,
    store: Annotated[Optional[str], typer.Option(
        help="Graph Store Protocol URL of a SPARQL 1.1 store to write into instead of the "
             "embedded one, e.g. http://localhost:7878/store.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1,
                                            help="Documents sent to a parser at a time.")] = 64,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Build a knowledge graph from articles: store, Turtle, TriG, GraphML and an HTML view."""
    with _progress_bar(quiet) as (advance, set_total):
        report = build_graph(paths, out=out, model=model, base=base, jobs=jobs,
                             scheduler=scheduler, batch_size=batch_size, store_url=store,
                             progress=advance, on_total=set_total)
    for skip in report.skips:
        err_console.print(f"skipped {skip.where}: {skip.reason}", highlight=False)
    out_console.print(
        f"Built {report.out}: {report.documents} documents, {report.sentences} sentences, "
        f"{report.triples} triples, {report.entities} entities, {report.facts} facts "
        f"in {report.seconds:.1f} s", highlight=False)
    for path in report.files:
        out_console.print(f"  wrote {path}", highlight=False)



@contextmanager
def _progress_bar(quiet: bool) -> Iterator[tuple[Optional[Callable[[object], None]],
                                                 Optional[Callable[[int], None]]]]:
    """A documents/s progress bar on stderr, or no callbacks when quiet or stdout is no terminal."""
    if quiet or not out_console.is_terminal:
        yield None, None
        return
    columns = (TextColumn("parsing"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}"),
               TimeRemainingColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("parse", total=None, rate="")

        def advance(_document: object) -> None:
            bar.advance(task)
            speed = bar.tasks[task].speed
            bar.update(task, rate=f"{speed:.1f} docs/s" if speed else "")

        yield advance, lambda total: bar.update(task, total=total)


def _render(result: QueryResult, fmt: str) -> str | Table:
    if fmt == "json":
        return json.dumps({"columns": list(result.columns),
                           "rows": [dict(zip(result.columns, row)) for row in result.rows]},
                          ensure_ascii=False, indent=2)
    if fmt in {"csv", "tsv"}:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(["" if v is None else v for v in row] for row in result.rows)
        return buffer.getvalue().rstrip("\n")
    table = Table(*result.columns, show_lines=False)
    for row in result.rows:
        table.add_row(*("" if v is None else v for v in row))
    return table


@app.command()
def query(
    out: OutDir,
    sparql: Annotated[Optional[str], typer.Argument(help="SPARQL query text.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the query from a .rq file.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, tsv or json.")] = "table",
) -> None:
    """Run a SPARQL query over a built graph. Prefixes kgo:, kg:, rdf:, rdfs:, skos:, dcterms:, prov: are predeclared."""
    if fmt not in {"table", "csv", "tsv", "json"}:
        raise QueryError(f"unknown format {fmt!r}; use table, csv, tsv or json.")
    if file is not None:
        if not file.is_file():
            raise QueryError(f"query file {file} does not exist.")
        sparql = file.read_text(encoding="utf-8")
    if not sparql:
        raise QueryError("give a SPARQL query as an argument or with --file.")
    rendered = _render(api.query(out, sparql), fmt)
    if isinstance(rendered, str):
        typer.echo(rendered)
    else:
        out_console.print(rendered)


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="An article, folder or corpus; with --pretokenized, one sentence a line.")],
    fmt: Annotated[str, typer.Option("--format", help="tsv, jsonl or carb.")] = "tsv",
    pretokenized: Annotated[bool, typer.Option(help="Input is one tokenized sentence a line (CaRB).")] = False,
    model: ModelOpt = DEFAULT_MODEL,
) -> None:
    """Print extracted triples on stdout, without building a store."""
    writer = FORMATS.get(fmt)
    if writer is None:
        raise KgError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    for sentence, triple in api.extract_file(path, model=model, pretokenized=pretokenized):
        sys.stdout.write(writer(sentence, triple) + "\n")


@app.command()
def validate(out: OutDir) -> None:
    """Check that every RDF file in a built graph parses; exit 1 on any problem."""
    problems = api.validate(out)
    for problem in problems:
        err_console.print(problem, highlight=False)
    if problems:
        raise typer.Exit(1)
    out_console.print(f"{out}: valid")


def main() -> None:
    try:
        app()
    except KgError as exc:
        err_console.print(f"Error: {exc}", highlight=False, markup=False)
        sys.exit(1)
