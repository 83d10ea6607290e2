"""Name keys: how surface forms are cleaned and compared (aliases, person names, acronyms)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..data import Lexicon, fold

_LEADING = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(’s|'s|’|')$")
_INITIAL = re.compile(r"^[A-Z]\.?$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]{1,7}$")
_ACRONYM_GAP = re.compile(r"^\s*(?:,\s*(?:or|also known as|known as)\s*|\(\s*)$")
_ABBREVIATION = re.compile(r"(^|[\s.])\w\.$")
_DECIMAL = re.compile(r"\d[.,]\d")
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_STOP = frozenset({"of", "the", "and", "for", "on", "in", "to", "&"})


def clean_label(text: str) -> str:
    """A surface form as a label: one space, no article, no possessive, no edge punctuation."""
    text = unicodedata.normalize("NFKC", " ".join(text.split()))
    if "(" in text and ")" not in text:
        text = text[:text.index("(")]
    text = _POSSESSIVE.sub("", _LEADING.sub("", text)).strip(" ,;:-—–\"“”'")
    return text if _ABBREVIATION.search(text) else text.rstrip(".")


def normalise_name(text: str) -> str:
    """The key under which two surface forms count as the same name."""
    return fold(clean_label(text)).rstrip(".")


def name_key(text: str, lex: Lexicon) -> str:
    """normalise_name after mapping known variants to one spelling ("U.S." → "united states")."""
    return normalise_name(lex.canonical(clean_label(text)))


@dataclass(frozen=True)
class PersonName:
    """A person's name split for comparison: canonical first name, middle initials, surname."""

    first: str
    middle: str
    last: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.first, self.last)


def person_name(text: str, lex: Lexicon) -> PersonName | None:
    """'Grigory B. Karasin' → (grigory, b, karasin); one-word names give None."""
    words = [w for w in clean_label(text).split() if fold(w).strip(".") not in SUFFIXES]
    if len(words) < 2 or _INITIAL.match(words[0]) or fold(words[-1]).strip(".") in lex.cues:
        return None
    middle = "".join(w[0].casefold() for w in words[1:-1] if _INITIAL.match(w))
    return PersonName(lex.first_name(words[0]), middle, fold(lex.canonical(words[-1])))


def surname(text: str, lex: Lexicon) -> str:
    words = [w for w in clean_label(text).split() if fold(w).strip(".") not in SUFFIXES]
    return fold(lex.canonical(words[-1])) if words else ""


def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text)) and sum(c.isalpha() for c in text) >= 2


def defines_acronym(long_form: str, gap: str, acronym: str) -> bool:
    """'Federal Security Service, or FSB', 'Caspian Pipeline Consortium (CPC)'."""
    if not is_acronym(acronym) or not _ACRONYM_GAP.match(gap):
        return False
    words = [w for w in clean_label(long_form).split() if w.casefold() not in _STOP]
    return len(words) >= 2 and words[0][0].upper() == acronym[0]


def is_junk(form: str) -> bool:
    """Forms that never name a thing: empty, lowercase, digits, one character, a bare suffix."""
    letters = [c for c in form if c.isalpha()]
    return (len(letters) < 2 or not form[0].isupper() and not form[0].isdigit() or form.isdigit()
            or fold(form).strip(".") in SUFFIXES or "<" in form or ">" in form
            or bool(_DECIMAL.search(form)))
