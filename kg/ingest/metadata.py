"""Article metadata: title, date, source (outlet) and author from fields and from plain-text cues."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

from ..data import json_lists

DATA = Path(__file__).resolve().parent.parent / "data"
MAX_VALUE_CHARS = 300
MAX_NAME_WORDS = 8

MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DATE_PATTERN = (
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{1,2}\.\d{1,2}\.\d{4}"
)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH_FIRST = re.compile(r"([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_DAY_FIRST = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})", re.I)
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_DATE_CUE_WORD = re.compile(
    r"^(?:date|dated|published|posted|updated|last updated|first published)\b", re.I)
_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſА-Я][\w'’.-]*")


@dataclass(frozen=True)
class Metadata:
    """What ingest knows about an article besides its text."""

    title: str | None = None
    date: str | None = None
    source: str | None = None
    author: str | None = None

    def over(self, fallback: Metadata) -> Metadata:
        """These values, with gaps filled from `fallback`."""
        return Metadata(**{f.name: getattr(self, f.name) or getattr(fallback, f.name)
                           for f in fields(self)})


def clean_value(value: object) -> str | None:
    """A metadata value as one short line of text, or None for empty or non-scalar values."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = " ".join(str(value).split())
    return text[:MAX_VALUE_CHARS] or None


def iso_date(text: str | None) -> str | None:
    """`2025-03-24`, `March 24, 2025`, `24 March 2025` or `24.03.2025` as an ISO date; else None."""
    if not text:
        return None
    for pattern, order in ((_ISO, "ymd"), (_MONTH_FIRST, "mdy"), (_DAY_FIRST, "dmy"),
                           (_DOTTED, "dmy")):
        found = pattern.search(text)
        if not found:
            continue
        parts = dict(zip(order, found.groups()))
        month = parts["m"]
        month_number = int(month) if month.isdigit() else MONTHS.get(month[:3].lower())
        try:
            return date(int(parts["y"]), month_number or 0, int(parts["d"])).isoformat()
        except ValueError:
            return None
    return None


def date_value(value: object) -> str | None:
    """A date field: ISO when it reads as a date, else the text as given."""
    text = clean_value(value)
    return iso_date(text) or text


@dataclass(frozen=True)
class Cues:
    """Recognisers for the metadata lines news pages carry in their text (kg/data/cues.json)."""

    outlets: dict[str, str]
    outlet_lines: tuple[re.Pattern[str], ...]
    self_attribution: tuple[re.Pattern[str], ...]
    bylines: tuple[re.Pattern[str], ...]
    date_cues: tuple[re.Pattern[str], ...]
    connectors: frozenset[str]

    @classmethod
    def load(cls, path: Path = DATA / "cues.json") -> Cues:
        def pattern(flags: int = re.I) -> Callable[[str], re.Pattern[str]]:
            return lambda text: re.compile(text.replace("{DATE}", DATE_PATTERN), flags)

        data = json_lists(path, {"outlets": str, "outlet_lines": pattern(), "self_attribution": pattern(0),
                                 "bylines": pattern(), "date_cues": pattern(), "name_connectors": str})
        return cls(
            outlets={name.lower(): name for name in data["outlets"]},
            outlet_lines=tuple(data["outlet_lines"]),
            self_attribution=tuple(data["self_attribution"]),
            bylines=tuple(data["bylines"]),
            date_cues=tuple(data["date_cues"]),
            connectors=frozenset(data["name_connectors"]),
        )

    def outlet(self, line: str) -> str | None:
        """The outlet a line names on its own ("CNN", "The New York Times News Service")."""
        known = self.outlets.get(line.lower())
        if known:
            return known
        for pattern in self.outlet_lines:
            found = pattern.match(line)
            name = found["source"].strip(" .") if found else ""
            if name.lower() in self.outlets:
                return self.outlets[name.lower()]
            if self.is_name(name):
                return name
        return None

    def byline(self, line: str) -> tuple[str | None, str | None] | None:
        """(author, outlet) of a byline such as "Original Author: Nikita Drobny" or "By A. Smith, CNN"."""
        for pattern in self.bylines:
            found = pattern.match(line)
            if not found:
                continue
            name, _, rest = found["author"].strip().rstrip(".;").partition(",")
            outlet = self.outlet(rest.strip()) if rest else None
            if rest and not outlet:
                return None
            if name.lower() in self.outlets:
                return None, self.outlets[name.lower()]
            if self.is_name(name):
                return name.strip(), outlet
        return None

    def is_name(self, text: str) -> bool:
        words = text.split()
        return (0 < len(words) <= MAX_NAME_WORDS and words[0].lower() not in self.connectors
                and all(w in self.connectors or _NAME_WORD.fullmatch(w) for w in words))

    def date_line(self, line: str) -> tuple[str, str] | None:
        """(ISO date, rest of the line) for a line that opens with a date cue, e.g. " date 2025-03-24 …"."""
        for pattern in self.date_cues:
            found = pattern.match(line)
            if found:
                iso = iso_date(found["date"])
                if iso:
                    return iso, line[found.end():].strip()
        if len(line) <= 120 and _DATE_CUE_WORD.match(line):
            found = re.search(DATE_PATTERN, line, re.I)
            iso = iso_date(found.group()) if found else None
            if iso:
                return iso, ""
        return None

    def self_attributed(self, paragraph: str) -> str | None:
        """The outlet of a lede that credits itself: "…, Orda.kz reports." (domain-style names only)."""
        for pattern in self.self_attribution:
            found = pattern.search(paragraph[:1000])
            if found:
                return found["source"]
        return None


DEFAULT_CUES = Cues.load()
