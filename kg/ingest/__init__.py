"""Ingest: files, folders, JSON Lines corpora and stdin → clean `Document` records, or `Skip`s.

formats (.txt, .md, .html, .jsonl, .gz, folders, stdin) → encodings (detect, repair mojibake) →
furniture (drop page furniture, read metadata cues) → ids (safe, stable, unique).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..types import Document, Skip
from .encodings import repair_text
from .formats import FIELDS, Raw, read_paths
from .furniture import clean_article
from .ids import IdRegistry, safe_id
from .metadata import Metadata

log = logging.getLogger(__name__)

SkipHandler = Callable[[Skip], None]
DEFAULT_FIELDS: Mapping[str, str] = {name: name for name in FIELDS}

__all__ = ["DEFAULT_FIELDS", "FIELDS", "SkipHandler", "ingest", "normalise_space", "parse_fields",
           "safe_id", "skip_summary"]


def _log_skip(skip: Skip) -> None:
    log.warning("skipped %s: %s", skip.where, skip.reason)


def ingest(paths: Iterable[str | Path], on_skip: SkipHandler = _log_skip,
           fields: Mapping[str, str] | None = None, stdin: BinaryIO | None = None
           ) -> Iterator[Document]:
    """Yield a clean Document for every readable article under `paths`; report the rest to `on_skip`.

    `paths` may hold files, folders (read recursively) and "-" for `stdin` (default: sys.stdin).
    `fields` maps kg's JSON Lines field names to a corpus's own, e.g. {"text": "body"}.
    """
    mapping = {**DEFAULT_FIELDS, **(fields or {})}
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise InputError(f"unknown field {unknown[0]!r}; map one of {', '.join(FIELDS)}.")
    ids = IdRegistry()
    for item in read_paths(paths, mapping, stdin):
        if isinstance(item, Skip):
            on_skip(item)
            continue
        document = _document(item, ids)
        if isinstance(document, Skip):
            on_skip(document)
        else:
            yield document


def _document(raw: Raw, ids: IdRegistry) -> Document | Skip:
    cleaned = clean_article(repair_text(raw.text), title=raw.metadata.title)
    if not cleaned.text:
        return Skip(raw.where, "no article text (only page furniture)")
    for kind, line in cleaned.removed:
        log.debug("%s: removed %s %r", raw.where, kind, line[:80])
    wanted = safe_id(raw.id)
    doc_id, duplicate_of = ids.claim(wanted, cleaned.text, raw.where)
    if duplicate_of:
        return Skip(raw.where, f"duplicate (same id {doc_id!r} and text as {duplicate_of})")
    if doc_id != wanted:
        log.info("%s: id %r is taken by another text; using %r", raw.where, raw.id, doc_id)
    meta = raw.metadata.over(cleaned.metadata)
    meta = Metadata(**{k: repair_text(v) if v else v for k, v in vars(meta).items()})
    return Document(id=doc_id, text=cleaned.text, title=meta.title, date=meta.date,
                    source=meta.source, author=meta.author, path=raw.where)


def parse_fields(specs: Sequence[str]) -> dict[str, str]:
    """["text=body", "title=headline"] → {"text": "body", "title": "headline"}."""
    mapping = {}
    for spec in specs:
        name, sep, key = spec.partition("=")
        if not sep or not name.strip() or not key.strip():
            raise InputError(f"--field {spec!r} is not NAME=KEY; write e.g. --field text=body.")
        if name.strip() not in FIELDS:
            raise InputError(f"unknown field {name.strip()!r} in --field; "
                             f"use one of {', '.join(FIELDS)}.")
        mapping[name.strip()] = key.strip()
    return mapping


def skip_summary(skips: Sequence[Skip]) -> dict[str, int]:
    """How many inputs were skipped for each kind of reason ("broken JSON": 3, …)."""
    counts: dict[str, int] = {}
    for skip in skips:
        kind = skip.reason.split(" (", 1)[0]
        counts[kind] = counts.get(kind, 0) + 1
    return counts


_WS = re.compile(r"\s+")


def normalise_space(text: str) -> str:
    return _WS.sub(" ", text).strip()
