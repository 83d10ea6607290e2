"""Ingest: files, folders and JSON Lines corpora → `Document` records."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .types import Document, Skip

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

SkipHandler = Callable[[Skip], None]


def _log_skip(skip: Skip) -> None:
    log.warning("skipped %s: %s", skip.where, skip.reason)


def doc_id_from_path(path: Path) -> str:
    return path.stem


def ingest(paths: Iterable[str | Path], on_skip: SkipHandler = _log_skip) -> Iterator[Document]:
    """Yield a Document for every readable article under `paths`; report the rest to `on_skip`."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path} does not exist; give a file, a folder or a .jsonl corpus.")
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
            if not files:
                on_skip(Skip(str(path), "folder holds no .txt, .md, .html or .jsonl files"))
            for file in files:
                yield from _ingest_file(file, on_skip)
        else:
            yield from _ingest_file(path, on_skip)


def _ingest_file(path: Path, on_skip: SkipHandler) -> Iterator[Document]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _ingest_jsonl(path, on_skip)
        return
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        on_skip(Skip(str(path), f"unsupported file type {suffix or '(none)'}"))
        return
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        on_skip(Skip(str(path), "not UTF-8 text"))
        return
    if not text.strip():
        on_skip(Skip(str(path), "empty file"))
        return
    yield Document(id=doc_id_from_path(path), text=text, path=str(path))


def _ingest_jsonl(path: Path, on_skip: SkipHandler) -> Iterator[Document]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                on_skip(Skip(where, f"broken JSON ({exc.msg})"))
                continue
            text = record.get("text") if isinstance(record, dict) else None
            if not isinstance(text, str) or not text.strip():
                on_skip(Skip(where, "record has no text"))
                continue
            yield Document(
                id=str(record.get("id") or f"{path.stem}-{number}"),
                text=text,
                title=record.get("title"),
                date=record.get("date"),
                source=record.get("source"),
                author=record.get("author"),
                path=where,
            )


_WS = re.compile(r"\s+")


def normalise_space(text: str) -> str:
    return _WS.sub(" ", text).strip()
