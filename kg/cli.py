"""The `kg` command: parse arguments, call one library function, report. Errors → one line, exit 1."""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import asdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console

from . import __version__
from .defaults import (DEFAULT_CAP, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_MEMORY_MB,
                       DEFAULT_MAX_RESULT_MB, DEFAULT_MAX_ROWS, DEFAULT_MODEL, DEFAULT_PORT,
                       DEFAULT_TIMEOUT)
from .errors import KgError, QueryError, SkippedInputs
from .outdir import DEFAULT_WAIT
from .vocab import DEFAULT_BASE

# Each command imports the stages it runs inside its body: `kg query`, `kg serve`, `kg stats`,
# `kg view`, `kg validate` and `--help` never load spaCy, trafilatura or Dask (tests/test_imports.py).
if TYPE_CHECKING:
    from .pipeline import UpdateReport

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
TimeoutOpt = Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds a query may run before it is stopped.")]
MaxMemoryOpt = Annotated[int, typer.Option("--max-memory", min=64, help="MiB of memory a query may use before it is stopped.")]
AllowServiceOpt = Annotated[bool, typer.Option("--allow-service", help="Allow federated SERVICE calls, which fetch other endpoints' URLs (off: kg never goes online).")]
WaitOpt = Annotated[float, typer.Option("--wait", min=0, help="Seconds to wait for another kg writing the same folder (0: fail at once).")]


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
    from rich.logging import RichHandler

    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s",
                        handlers=[RichHandler(console=err_console, show_path=False)])


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .md, .html, .jsonl, or .gz of them), folders, or - for stdin.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("kg-out"),
    model: ModelOpt = DEFAULT_MODEL,
    base: Annotated[str, typer.Option(help="Base IRI for the entities and documents kg mints.")] = DEFAULT_BASE,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parsing processes.")] = 1,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 1, write nothing) if any input is skipped.")] = False,
    field: Annotated[Optional[list[str]], typer.Option("--field", help="JSON Lines field name, as NAME=KEY, e.g. text=body or title=meta.headline.")] = None,
    scheduler: Annotated[Optional[str], typer.Option(
        help="Dask scheduler address (tcp://HOST:PORT): parse and extract on that cluster.")] = None,
    store: Annotated[Optional[str], typer.Option(
        help="Graph Store Protocol URL of a SPARQL 1.1 store to write into instead of the "
             "embedded one, e.g. http://localhost:7878/store.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1,
                                            help="Documents sent to a parser at a time.")] = 64,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    wait: WaitOpt = DEFAULT_WAIT,
) -> None:
    """Build a knowledge graph from articles: store, Turtle, TriG, GraphML and an HTML view."""
    from .ingest import parse_fields
    from .pipeline import build as build_graph

    try:
        with _progress_bar(quiet) as (advance, set_total):
            report = build_graph(paths, out=out, model=model, base=base, jobs=jobs, strict=strict,
                                 fields=parse_fields(field or []), scheduler=scheduler,
                                 batch_size=batch_size, store_url=store, progress=advance,
                                 on_total=set_total, wait=wait)
    except SkippedInputs as exc:
        _print_skips(exc.skips)
        raise
    _print_skips(report.skips)
    out_console.print(
        f"Built {report.out}: {report.documents} documents, {report.sentences} sentences, "
        f"{report.triples} triples, {report.entities} entities, {report.facts} facts "
        f"in {report.seconds:.1f} s ({report.parsed} parsed, the rest cached)", highlight=False)
    for path in report.files:
        out_console.print(f"  wrote {path}", highlight=False)
    if not report.files:
        out_console.print("  nothing changed; outputs kept", highlight=False)


SHOWN_SKIPS = 50


def _print_skips(skips) -> None:
    if not skips:
        return
    from .ingest import skip_summary

    kinds = ", ".join(f"{n} {kind}" for kind, n in skip_summary(skips).items())
    count = f"{len(skips)} input" + ("s" if len(skips) != 1 else "")
    err_console.print(f"Skipped {count}: {kinds}", highlight=False, markup=False)
    for skip in skips[:SHOWN_SKIPS]:
        err_console.print(f"  {skip.where}: {skip.reason}", highlight=False, markup=False)
    if len(skips) > SHOWN_SKIPS:
        err_console.print(f"  … and {len(skips) - SHOWN_SKIPS} more", highlight=False)

@contextmanager
def _progress_bar(quiet: bool) -> Iterator[tuple[Optional[Callable[[object], None]],
                                                 Optional[Callable[[int], None]]]]:
    """A documents/s progress bar on stderr, or no callbacks when quiet or stdout is no terminal."""
    if quiet or not out_console.is_terminal:
        yield None, None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

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


@app.command()
def query(
    out: OutDir,
    sparql: Annotated[Optional[str], typer.Argument(help="SPARQL query text.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the query from a .rq file.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, tsv or json.")] = "table",
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    max_memory: MaxMemoryOpt = DEFAULT_MAX_MEMORY_MB,
    max_rows: Annotated[int, typer.Option("--max-rows", min=1, help="Stop with an error past this many rows.")] = DEFAULT_MAX_ROWS,
    allow_service: AllowServiceOpt = False,
) -> None:
    """Run a SPARQL query over a built graph. Prefixes kgo:, kg:, rdf:, rdfs:, skos:, dcterms:, prov: are predeclared."""
    from .answer import print_output, query_output

    print_output(query_output(out, sparql, file, fmt, timeout, max_memory, max_rows, allow_service))


@app.command()
def serve(
    out: OutDir,
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535,
                                      help="Port on 127.0.0.1 to listen on.")] = DEFAULT_PORT,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    max_memory: MaxMemoryOpt = DEFAULT_MAX_MEMORY_MB,
    max_result: Annotated[int, typer.Option("--max-result", min=1, help="MiB of one answer sent before it is cut off.")] = DEFAULT_MAX_RESULT_MB,
    max_connections: Annotated[int, typer.Option("--max-connections", min=1, help="Connections held open at once; more are answered 503.")] = DEFAULT_MAX_CONNECTIONS,
    idle_timeout: Annotated[float, typer.Option("--idle-timeout", min=0.1, help="Seconds a client may take to send its request.")] = DEFAULT_IDLE_TIMEOUT,
    allow_service: AllowServiceOpt = False,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint on 127.0.0.1 (Oxigraph's server behind a
    guard); it reloads when a rebuild replaces the store."""
    from .serve import Limits, run as run_endpoint

    limits = Limits(timeout, max_memory, max_result, max_connections, idle_timeout, allow_service)
    run_endpoint(out, port, limits=limits, on_ready=lambda endpoint: out_console.print(
        f"SPARQL endpoint (read-only): {endpoint.url}  — Ctrl-C to stop", highlight=False))


@app.command()
def view(
    out: OutDir,
    entity: Annotated[Optional[str], typer.Option("--entity", "-e",
                                                  help="Show only the neighbourhood of this entity (name or alias).")] = None,
    hops: Annotated[int, typer.Option(min=0, help="Neighbourhood radius in edges, with --entity.")] = 2,
    cap: Annotated[int, typer.Option(min=1, help="Show at most this many entities, best connected first.")] = DEFAULT_CAP,
    page: Annotated[Optional[Path], typer.Option("--out", "-o", help="HTML file to write.")] = None,
) -> None:
    """Write an HTML view of a built graph (offline, one file): the whole graph or one neighbourhood."""
    from .view import write_view

    report = write_view(out, entity=entity, hops=hops, cap=cap, out=page)
    out_console.print(f"wrote {report.path}: {report.note}", highlight=False)


@app.command()
def stats(
    out: OutDir,
    top: Annotated[int, typer.Option(min=1, help="How many entities to list by degree and PageRank.")] = 10,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Counts, central entities (degree, PageRank), communities and relations of a built graph."""
    if fmt not in {"table", "json"}:
        raise KgError(f"unknown format {fmt!r}; use table or json.")
    from rich.table import Table

    from .analysis import stats as graph_stats

    report = graph_stats(out, top)
    if fmt == "json":
        typer.echo(json.dumps(asdict(report), ensure_ascii=False, indent=2))
        return
    out_console.print(
        f"{report.documents} documents, {report.entities} entities, {report.statements} facts "
        f"({report.entity_edges} between entities), {report.evidence} source sentences", highlight=False)
    out_console.print("types: " + ", ".join(f"{t} {n}" for t, n in report.types.items()), highlight=False)
    for title, ranked, shown in (("By degree", report.by_degree, "{:.0f}"),
                                 ("By PageRank", report.by_pagerank, "{:.4f}")):
        ranks = Table("entity", "type", title.split()[-1].lower(), title=title)
        for entry in ranked:
            ranks.add_row(entry.label, entry.type, shown.format(entry.score))
        out_console.print(ranks)
    groups = Table("#", "size", "members", title="Communities (greedy modularity)")
    for n, members in enumerate(report.communities, 1):
        groups.add_row(str(n), str(len(members)), ", ".join(members))
    out_console.print(groups)
    relations = Table("relation", "facts", title="Relations")
    for name, count in report.relations.items():
        relations.add_row(name, str(count))
    out_console.print(relations)


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="An article, folder or corpus; with --pretokenized, one sentence a line.")],
    fmt: Annotated[str, typer.Option("--format", help="tsv, jsonl or carb.")] = "tsv",
    pretokenized: Annotated[bool, typer.Option(help="Input is one tokenized sentence a line (CaRB).")] = False,
    model: ModelOpt = DEFAULT_MODEL,
) -> None:
    """Print extracted triples on stdout, without building a store."""
    from . import api
    from .extract.formats import FORMATS

    writer = FORMATS.get(fmt)
    if writer is None:
        raise KgError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    for sentence, triple in api.extract_file(path, model=model, pretokenized=pretokenized):
        line = writer(sentence, triple)
        if line is not None:  # the CaRB view skips restated tuples (kg.extract.formats)
            sys.stdout.write(line + "\n")


def _print_update(report: UpdateReport) -> None:
    for skip in report.skips:
        err_console.print(f"skipped {skip.where}: {skip.reason}", highlight=False)
    out_console.print(
        f"{report.out}: {len(report.added)} added, {len(report.replaced)} replaced, "
        f"{len(report.unchanged)} unchanged, {len(report.removed)} removed; "
        f"{report.documents} documents, {report.parsed} parsed in {report.seconds:.1f} s"
        + ("" if report.files else "; nothing to rewrite"), highlight=False)
    for path in report.files:
        out_console.print(f"  wrote {path}", highlight=False)


@app.command()
def add(
    out: OutDir,
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .md, .html, .jsonl) or folders to add.")],
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parsing processes.")] = 1,
    wait: WaitOpt = DEFAULT_WAIT,
) -> None:
    """Add documents to a built graph; a known id with new text replaces that document's facts."""
    from .pipeline import add as add_documents

    _print_update(add_documents(out, paths, jobs=jobs, wait=wait))


@app.command()
def remove(
    out: OutDir,
    doc_ids: Annotated[list[str], typer.Argument(help="Ids of the documents to remove.")],
    wait: WaitOpt = DEFAULT_WAIT,
) -> None:
    """Remove documents from a built graph, with the facts only they supported; rerun it to finish one that was interrupted."""
    from .pipeline import remove as remove_documents

    _print_update(remove_documents(out, doc_ids, wait=wait))


@app.command()
def validate(out: OutDir) -> None:
    """Check that every RDF file in a built graph parses and meets kg's SHACL shapes; exit 1 on any problem."""
    from . import api

    problems = api.validate(out)
    for problem in problems:
        err_console.print(problem, highlight=False, markup=False, emoji=False)
    if problems:
        raise typer.Exit(1)
    out_console.print(f"{out}: valid")


def main(args: list[str] | None = None) -> None:
    """Run the typer app on `args` (default: the command line); a KgError is one line, exit 1."""
    try:
        app(args=args)
    except KgError as exc:
        err_console.print(f"Error: {exc}", highlight=False, markup=False)
        sys.exit(1)
