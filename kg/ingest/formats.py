"""Formats: plain text, Markdown, HTML and JSON Lines files (optionally gzipped), folders and stdin.

Each reader turns one input into `Raw` articles (text and metadata as found) or `Skip`s; the
registry `READERS` maps a file suffix to its reader.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..outdir import OUTPUT_MARKER
from ..types import Skip
from .encodings import NotText, decode
from .metadata import Metadata, clean_value, date_value

MAX_BYTES = 64 * 1024 * 1024
SNIFF_BYTES = 8192
GZIP_MAGIC = b"\x1f\x8b"
STDIN = "-"
FIELDS = ("id", "text", "title", "date", "source", "author")


@dataclass(frozen=True)
class Raw:
    """One article as read: a proposed id, its text and the metadata its format carried."""

    id: str
    text: str
    where: str
    metadata: Metadata = Metadata()


Item = Raw | Skip
Reader = Callable[[bytes, str, str, Mapping[str, str]], Iterator[Item]]
OVERLONG = b"\x00overlong"


class TooLarge(InputError):
    """An input over MAX_BYTES (after decompression)."""


def read_paths(paths: Iterable[str | Path], fields: Mapping[str, str],
               stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Every article under `paths` (files, folders, "-" for stdin), in a stable order."""
    for given in paths:
        if str(given) == STDIN:
            yield from _read_stdin(stdin, fields)
            continue
        path = Path(given)
        if not path.exists():
            raise InputError(f"{path} does not exist; give a file, a folder, a .jsonl corpus "
                             f"or - for stdin.")
        if path.is_dir():
            yield from _read_folder(path, fields)
        else:
            yield from read_file(path, fields)


def _read_folder(folder: Path, fields: Mapping[str, str]) -> Iterator[Item]:
    files = list(_walk_files(folder))
    if not files:
        yield Skip(str(folder), "empty folder")
    for path in sorted(files):
        yield from read_file(path, fields)


def _walk_files(folder: Path) -> Iterator[Path]:
    """Files under `folder` like os.walk's (symlinked folders listed, not entered), without
    recursion, so a folder nested a thousand deep is read; hidden entries and kg's own output
    folders are left out. Unreadable folders are passed over, as os.walk does."""
    pending = [str(folder)]
    while pending:
        root = pending.pop()
        try:
            entries = list(os.scandir(root))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if not is_dir:
                yield Path(entry.path)
            elif not entry.is_symlink() and not os.path.exists(os.path.join(entry.path, OUTPUT_MARKER)):
                pending.append(entry.path)


def format_of(path: Path) -> str:
    """The article format a file name says, looking through a final .gz: "a.jsonl.gz" → ".jsonl"."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def base_name(path: Path) -> str:
    """The file name without its format and .gz suffixes: "seeds/a.txt.gz" → "a"."""
    name = path.name
    for suffix in (".gz", format_of(path)):
        if suffix and name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name or path.name


def printable(path: Path | str) -> str:
    """`path` as text that can be printed and logged, undecodable bytes shown as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_file(path: Path, fields: Mapping[str, str]) -> Iterator[Item]:
    if printable(path) != str(path):
        yield Skip(printable(path), "file name is not valid UTF-8 (rename the file to read it)")
        return
    if not path.is_file():
        yield Skip(str(path), "not a regular file (a pipe, device or broken link)")
        return
    fmt = format_of(path)
    reader = READERS.get(fmt)
    if reader is None:
        kinds = ", ".join(sorted(READERS))
        yield Skip(str(path),
                   f"unsupported file type ({fmt or 'no suffix'}; kg reads {kinds} and their .gz)")
        return
    if reader is read_jsonl:
        yield from _read_jsonl_file(path, fields)
        return
    try:
        data = _read_bytes(path)
    except (OSError, EOFError, zlib.error, TooLarge) as exc:
        yield Skip(str(path), _io_reason(exc))
        return
    yield from reader(data, base_name(path), str(path), fields)


def _read_bytes(path: Path) -> bytes:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as stream:
        data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise TooLarge(f"over {MAX_BYTES // 2**20} MiB")
    return data


def _io_reason(exc: BaseException) -> str:
    if isinstance(exc, TooLarge):
        return f"file too large ({exc}; split it or give it as a .jsonl corpus)"
    if isinstance(exc, (gzip.BadGzipFile, EOFError, zlib.error)):
        return f"broken gzip ({exc or 'truncated'})"
    if isinstance(exc, OSError):
        return f"cannot read ({exc.strerror or exc})"
    return str(exc)


def _text_of(data: bytes, where: str) -> str | Skip:
    if not data.strip():
        return Skip(where, "empty file")
    try:
        text = decode(data)
    except NotText as exc:
        return Skip(where, str(exc))
    if not text.strip():
        return Skip(where, "empty file")
    return text


def read_text(data: bytes, stem: str, where: str, fields: Mapping[str, str]) -> Iterator[Item]:
    """A .txt article: the text as is; cues in its lines are read later with the furniture."""
    text = _text_of(data, where)
    yield text if isinstance(text, Skip) else Raw(stem, text, where)


_MD_HEADING = re.compile(r"#{1,6}\s+(.*?)\s*#*\s*$")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_FRONT = re.compile(r"---\s*\n(.*?)\n---\s*\n", re.S)


def read_markdown(data: bytes, stem: str, where: str, fields: Mapping[str, str]) -> Iterator[Item]:
    """A .md article: front matter and the first heading as metadata, markup reduced to text."""
    text = _text_of(data, where)
    if isinstance(text, Skip):
        yield text
        return
    found: dict[str, str | None] = {}
    front = _MD_FRONT.match(text)
    if front:
        for line in front.group(1).splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() in FIELDS[2:]:
                found[key.strip().lower()] = clean_value(value.strip().strip("\"'"))
        text = text[front.end():]
    lines = []
    in_fence = False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        heading = _MD_HEADING.match(line.strip())
        if in_fence or _MD_IMAGE.fullmatch(line.strip()):
            continue
        if heading:
            if "title" not in found and not any(lines):
                found["title"] = clean_value(_md_inline(heading.group(1)))
            continue
        lines.append(_md_inline(line.lstrip("> ")))
    found["date"] = date_value(found.get("date"))
    yield Raw(stem, "\n".join(lines), where, Metadata(**found))


def _md_inline(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    return _MD_EMPHASIS.sub(r"\2", line)


@lru_cache(maxsize=1)
def _trafilatura_config():
    """trafilatura's settings for kg, made (and trafilatura imported, ~0.1 s) at the first HTML page."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def read_html(data: bytes, stem: str, where: str, fields: Mapping[str, str]) -> Iterator[Item]:
    """An .html page: main text and metadata through trafilatura (navigation, ads, asides dropped)."""
    yield _html_article(data, stem, where)


def _html_article(data: bytes, stem: str, where: str) -> Item:
    html = _text_of(data, where)
    if isinstance(html, Skip):
        return html
    import trafilatura

    config = _trafilatura_config()
    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                                include_tables=False, config=config)
    except Exception as exc:  # trafilatura and lxml raise many types on hostile markup
        return Skip(where, f"unreadable HTML ({type(exc).__name__})")
    if extracted is None or not (extracted.text or "").strip():
        return Skip(where, "no article text (trafilatura found none in the page)")
    metadata = Metadata(title=clean_value(extracted.title), date=date_value(extracted.date),
                        source=clean_value(extracted.sitename),
                        author=clean_value(extracted.author))
    return Raw(stem, extracted.text, where, metadata)


def read_jsonl(data: bytes, stem: str, where: str, fields: Mapping[str, str]) -> Iterator[Item]:
    """A JSON Lines corpus held in memory (stdin); files are streamed by `_read_jsonl_file`."""
    yield from _jsonl_records(_split_lines(data), stem, where, fields)


def _read_jsonl_file(path: Path, fields: Mapping[str, str]) -> Iterator[Item]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as stream:
            head = stream.read(SNIFF_BYTES)
            while head and not head.strip():  # blank lines before the first record: sniff after them
                head = stream.read(SNIFF_BYTES) or b""
            if not head.strip():
                yield Skip(str(path), "empty file")
                return
            if head.startswith((b"\xff\xfe", b"\xfe\xff")):
                rest = stream.read(MAX_BYTES + 1)
                if len(head) + len(rest) > MAX_BYTES:
                    raise TooLarge(f"UTF-16 corpus over {MAX_BYTES // 2**20} MiB")
                lines: Iterable[bytes] = _split_lines(head + rest)
            elif b"\x00" in head:
                yield Skip(str(path), "binary file (NUL bytes and no byte-order mark)")
                return
            else:
                stream.seek(0)
                lines = _lines(stream)
            yield from _jsonl_records(lines, base_name(path), str(path), fields)
    except (OSError, EOFError, zlib.error, TooLarge) as exc:
        yield Skip(str(path), _io_reason(exc))


def _split_lines(data: bytes) -> list[bytes]:
    try:
        text = decode(data)
    except NotText:
        return data.splitlines()
    return [line.encode("utf-8") for line in text.splitlines()]


def _capped_line(stream: BinaryIO) -> bytes:
    line = stream.readline(MAX_BYTES + 1)
    if len(line) > MAX_BYTES:
        while line and not line.endswith(b"\n"):
            line = stream.readline(MAX_BYTES)
        return OVERLONG
    return line


def _lines(stream: BinaryIO) -> Iterator[bytes]:
    while True:
        line = _capped_line(stream)
        if not line:
            return
        yield line


def _jsonl_records(lines: Iterable[bytes], stem: str, where: str,
                   fields: Mapping[str, str]) -> Iterator[Item]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        at = f"{where}:{number}"
        if line == OVERLONG:
            yield Skip(at, f"line too long (over {MAX_BYTES // 2**20} MiB)")
            continue
        try:
            record = json.loads(decode(line.lstrip(b"\xef\xbb\xbf")))
        except NotText as exc:
            yield Skip(at, f"line is not text ({exc})")
            continue
        except RecursionError:
            yield Skip(at, "broken JSON (nested too deeply)")
            continue
        except ValueError as exc:
            yield Skip(at, f"broken JSON ({getattr(exc, 'msg', exc)})")
            continue
        if not isinstance(record, dict):
            yield Skip(at, f"record is not a JSON object (a {type(record).__name__})")
            continue
        text = _field(record, fields["text"])
        if isinstance(text, list) and all(isinstance(t, str) for t in text):
            text = "\n".join(text)
        if not isinstance(text, str) or not text.strip():
            yield Skip(at, f"record has no text (no non-empty string in field {fields['text']!r})")
            continue
        raw_id = clean_value(_field(record, fields["id"])) or f"{stem}-{number}"
        metadata = Metadata(title=clean_value(_field(record, fields["title"])),
                            date=date_value(_field(record, fields["date"])),
                            source=clean_value(_field(record, fields["source"])),
                            author=_author(_field(record, fields["author"])))
        yield Raw(raw_id, text, at, metadata)


def _field(record: Mapping[str, object], name: str) -> object:
    """A field by name; dots reach into nested objects ("meta.title") when no key has the dots."""
    if name in record:
        return record[name]
    value: object = record
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _author(value: object) -> str | None:
    if isinstance(value, list):
        return clean_value(", ".join(v for v in (clean_value(x) for x in value) if v))
    return clean_value(value)


def _read_stdin(stdin: BinaryIO | None, fields: Mapping[str, str]) -> Iterator[Item]:
    stream = stdin if stdin is not None else sys.stdin.buffer
    where = "<stdin>"
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        yield Skip(where, f"input too large (over {MAX_BYTES // 2**20} MiB; give it as a file)")
        return
    if data.startswith(GZIP_MAGIC):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
                data = unzipped.read(MAX_BYTES + 1)
        except (OSError, EOFError, zlib.error) as exc:
            yield Skip(where, _io_reason(exc))
            return
        if len(data) > MAX_BYTES:
            yield Skip(where, f"input too large (over {MAX_BYTES // 2**20} MiB decompressed)")
            return
    yield from READERS[sniff(data)](data, "stdin", where, fields)


_HTML_START = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|main|div|p|h1)\b", re.I | re.S)


def sniff(data: bytes) -> str:
    """The format of unnamed input (stdin): ".html", ".jsonl" or ".txt"."""
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return ".html"
    if head.lstrip().startswith(b"{"):
        return ".jsonl"
    return ".txt"


READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
}
