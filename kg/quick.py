"""The `kg` entry point. `kg query` and `kg --version` answer before typer, rich and pydantic load
(a query costs little more than `oxigraph query`); any other command, `--help`, and any argument
list the quick parser does not take go to the typer app in `kg.cli`, which documents them all."""

from __future__ import annotations

import sys

from .answer import print_output, query_output
from .defaults import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT
from .errors import KgError

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
