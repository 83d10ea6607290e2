"""Bytes → text: byte-order marks, UTF-8, detected legacy code pages, binary refusal; mojibake repair."""

from __future__ import annotations

import codecs
import re

import charset_normalizer
import ftfy

from ..errors import InputError


class NotText(InputError):
    """Bytes that are not an article's text (binary, or no encoding fits); the message is the reason."""


BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
WESTERN = "cp1252"
SNIFF_BYTES = 8192
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01

_FTFY_WORK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\r]")
MOJIBAKE_ONLY = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    explain=False,
)


def decode(data: bytes) -> str:
    """Decode an article's bytes; raise NotText for binary or undecodable data."""
    text = _decode(data)
    if len(CONTROL.findall(text[:SNIFF_BYTES])) > MAX_CONTROL_SHARE * min(len(text), SNIFF_BYTES):
        raise NotText("binary file (control characters in the text)")
    return text


def repair_text(text: str) -> str:
    """Undo mojibake ("cafÃ©" → "café") and normalise line breaks; quotes and widths stay as written.

    ASCII text without carriage returns or control characters has nothing to repair, and skips
    ftfy's cost."""
    if text.isascii() and not _FTFY_WORK.search(text):
        return text
    return ftfy.fix_text(text, MOJIBAKE_ONLY)


def _decode(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise NotText(f"broken {encoding.upper()} text "
                              f"({exc.reason} at byte {exc.start})") from exc
    if b"\x00" in data[:SNIFF_BYTES]:
        raise NotText("binary file (NUL bytes and no byte-order mark)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _detect(data)


def _detect(data: bytes) -> str:
    """Pick the legacy code page charset-normalizer finds; prefer Windows-1252 among equal fits.

    Short Western texts decode without chaos in a dozen code pages; English news is far more often
    Windows-1252 (a superset of Latin-1's printable range) than cp775 or cp1250.
    """
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise NotText("binary file (no text encoding fits)")
    if any(m.chaos <= best.chaos and WESTERN in m.could_be_from_charset for m in matches):
        try:
            return data.decode(WESTERN)
        except UnicodeDecodeError:
            pass
    return str(best)
