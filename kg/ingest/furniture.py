"""Page furniture: the lines of a news page that are not the article, removed before parsing.

Related-link lists ("Latest news" and the headlines under it), photo credits, bylines, section
headings, share/subscribe boilerplate and separator lines go; the metadata some of them carry
(headline, outlet line, date line, byline) is kept as cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..data import json_lists
from .metadata import DATA, DEFAULT_CUES, Cues, Metadata

SHORT_LINE = 200
HEADING_MAX_WORDS = 10
HEADING_MAX_CHARS = 80
HEADLINE_WORDS = (3, 25)

_SEPARATOR = re.compile(r"[\W_]+")
_LIST_ITEM = re.compile(r"(?:[-*•·▪–—]|\d{1,3}[.)])\s+\S")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_PERIOD_END = re.compile(r"[.…;:,][\"'”’)\]]*$")
_OPENING_QUOTE = re.compile(r"[\"'“‘«(\[]")


@dataclass(frozen=True)
class Furniture:
    """Line patterns of page furniture (kg/data/furniture.json)."""

    photo_credits: tuple[re.Pattern[str], ...]
    related_headings: tuple[re.Pattern[str], ...]
    boilerplate: tuple[re.Pattern[str], ...]
    small_words: frozenset[str]

    @classmethod
    def load(cls, path: Path = DATA / "furniture.json") -> Furniture:
        def pattern(text: str) -> re.Pattern[str]:
            return re.compile(text, re.I)

        data = json_lists(path, {"photo_credits": pattern, "related_headings": pattern,
                                 "boilerplate": pattern, "small_words": str})
        return cls(tuple(data["photo_credits"]), tuple(data["related_headings"]),
                   tuple(data["boilerplate"]), frozenset(data["small_words"]))

    def is_photo_credit(self, line: str) -> bool:
        return len(line) <= SHORT_LINE and any(p.match(line) for p in self.photo_credits)

    def is_related_heading(self, line: str) -> bool:
        return len(line) <= SHORT_LINE and any(p.match(line) for p in self.related_headings)

    def is_boilerplate(self, line: str) -> bool:
        return len(line) <= SHORT_LINE and any(p.match(line) for p in self.boilerplate)

    def is_title_case(self, line: str) -> bool:
        """Every word capitalised except short function words ("What’s on the Agenda")."""
        words = [w.strip("\"'“”‘’()[]:;,!?.") for w in line.split()]
        words = [w for w in words if any(c.isalpha() for c in w)]
        if not words or not (words[0][0].isupper() or words[0][0].isdigit()):
            return False
        return all(w[0].isupper() or w[0].isdigit() or w.lower() in self.small_words for w in words)

    def is_heading(self, line: str) -> bool:
        """A short title-case or all-caps line without sentence punctuation: a section heading."""
        if (len(line) > HEADING_MAX_CHARS or len(line.split()) > HEADING_MAX_WORDS
                or _PERIOD_END.search(line) or _OPENING_QUOTE.match(line)):
            return False
        letters = [c for c in line if c.isalpha()]
        return len(letters) >= 2 and (line.upper() == line or self.is_title_case(line))


DEFAULT_FURNITURE = Furniture.load()


@dataclass(frozen=True)
class Cleaned:
    """An article's text without furniture, the metadata its lines carried, and what was removed."""

    text: str
    metadata: Metadata
    removed: tuple[tuple[str, str], ...] = ()


def clean_article(text: str, furniture: Furniture = DEFAULT_FURNITURE,
                  cues: Cues = DEFAULT_CUES, title: str | None = None) -> Cleaned:
    """Remove page furniture line by line; read title, date, source and author cues on the way.
    With the record's own `title`, no other line is taken for the headline (only that title
    repeated at the top of the text is removed)."""
    lines = [line.strip() for line in text.splitlines()]
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    found: dict[str, str] = {}
    if title:
        found["title"] = title
        if lines and lines[0] == title.strip():
            lines = lines[1:]
            removed.append(("headline", title.strip()))
    in_header = True
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line:
            if kept and kept[-1]:
                kept.append("")
            continue
        kind, body = _classify(line, lines, index, in_header, found, furniture, cues,
                               opening=bool(title) and in_header)
        if kind:
            removed.append((kind, line))
        if kind == "related":
            index = _skip_related_block(lines, index, removed)
        if body:
            kept.append(body)
            in_header = False
    if (title and len(kept) > 1 and kept[1] and furniture.is_heading(kept[0])
            and not kept[0].isupper()):
        # the wire's first line, short where the dateline was cut off, goes on into the next
        # ("Universal Health Realty\nIncome Trust, which recently went public, said"): one line
        kept[0:2] = [f"{kept[0]} {kept[1]}"]
    clean = "\n".join(kept).strip()
    if "source" not in found:
        first = clean.split("\n", 1)[0]
        outlet = cues.self_attributed(first)
        if outlet:
            found["source"] = outlet
    return Cleaned(clean, Metadata(**found), tuple(removed))


def _classify(line: str, lines: list[str], index: int, in_header: bool, found: dict[str, str],
              furniture: Furniture, cues: Cues, opening: bool = False) -> tuple[str, str]:
    """(kind of furniture or "", the text to keep) for one non-empty line."""
    if _SEPARATOR.fullmatch(line):
        return "separator", ""
    short = len(line) <= SHORT_LINE
    if in_header:
        dated = cues.date_line(line)
        if dated:
            found.setdefault("date", dated[0])
            return "date", dated[1]
    if short:
        outlet = cues.outlet(line) if in_header else cues.outlets.get(line.lower())
        if outlet:
            found.setdefault("source", outlet)
            return "source", ""
        byline = cues.byline(line)
        if byline:
            author, outlet = byline
            if author:
                found.setdefault("author", author)
            if outlet:
                found.setdefault("source", outlet)
            return "byline", ""
    if furniture.is_photo_credit(line):
        return "photo credit", ""
    if furniture.is_related_heading(line):
        return "related", ""
    if furniture.is_boilerplate(line):
        return "boilerplate", ""
    if in_header and "title" not in found and _is_headline(line, lines, index, furniture):
        found["title"] = line
        return "headline", ""
    if furniture.is_heading(line) and not _wraps_on(line, lines, index, opening):
        return "heading", ""
    return "", line


def _wraps_on(line: str, lines: list[str], index: int, opening: bool) -> bool:
    """A line of hard-wrapped prose that only looks like a heading because names fill it: the
    next line follows without a blank line and goes on with the sentence ("The U.S. Agriculture
    Department\nreported", "Hughes/Conserdyne Corp, a\nunit of"), the line is the first of a
    text whose record has its own title (the wire's first line, short where the dateline was
    cut: "Universal Health Realty\nIncome Trust said"), or the line above is prose whose
    sentence has not ended."""
    following = lines[index] if index < len(lines) else ""
    if not following:
        return False  # a heading stands above a blank line
    last = line.split()[-1]
    if following[:1].islower() or (last.isalpha() and last.islower()):
        return True
    if opening and not line.isupper():
        return True
    previous = lines[index - 2] if index >= 2 else ""
    return (len(previous.split()) >= 6 and "   " not in previous and not _SENTENCE_END.search(previous)
            and not previous[-1:].isdigit())


def _is_headline(line: str, lines: list[str], index: int, furniture: Furniture) -> bool:
    """A first line that reads as a title and has the article below it."""
    words = len(line.split())
    if not (HEADLINE_WORDS[0] <= words <= HEADLINE_WORDS[1]) or len(line) > SHORT_LINE:
        return False
    if not any(rest for rest in lines[index:]):
        return False
    if _PERIOD_END.search(line):
        return False
    following = next((rest for rest in lines[index:] if rest), "")
    if following[:1].islower():
        return False  # a wrapped first line of the first sentence ("... leader of the Irish\nparty")
    return not _SENTENCE_END.search(line) or furniture.is_title_case(line)


def _skip_related_block(lines: list[str], index: int, removed: list[tuple[str, str]]) -> int:
    """Skip the list of links under a "Latest news"-style heading; stop at the next paragraph."""
    while index < len(lines):
        line = lines[index]
        is_link = (not line or _LIST_ITEM.match(line) or
                   (len(line.split()) <= HEADLINE_WORDS[1] and not _SENTENCE_END.search(line)))
        if not is_link:
            break
        if line:
            removed.append(("related link", line))
        index += 1
    return index
