"""Document ids: safe in IRIs and file names, stable across runs, unique within one build."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

_SAFE = re.compile(r"\w[\w.-]{0,99}")
_UNSAFE_RUN = re.compile(r"[^\w.-]+|\.{2,}")
MAX_SLUG = 60


def safe_id(raw: str) -> str:
    """`raw` if it is already a plain name (letters, digits, `_.-`), else a slug plus a short hash.

    "../../etc/x" → "etc_x-<8 hex>": no path separators, no dot segments, no leading dot, and the
    hash keeps distinct raw ids distinct ("a/b" and "a_b" do not collide).
    """
    text = unicodedata.normalize("NFC", raw).strip()
    if _SAFE.fullmatch(text) and ".." not in text:
        return text
    slug = _UNSAFE_RUN.sub("_", text).strip("._-")[:MAX_SLUG].rstrip("._-")
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else f"doc-{digest}"


def text_digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class IdRegistry:
    """Ids given so far in one build: a repeated id with the same text is a duplicate; with another
    text it gets the first free suffix "-2", "-3", … in input order."""

    seen: dict[str, tuple[str, str]] = field(default_factory=dict)

    def claim(self, doc_id: str, text: str, where: str) -> tuple[str, str | None]:
        """(id to use, where the same document was already read under that id, or None)."""
        digest = text_digest(text)
        candidate, number = doc_id, 1
        while candidate in self.seen:
            first_digest, first_where = self.seen[candidate]
            if first_digest == digest:
                return candidate, first_where
            number += 1
            candidate = f"{doc_id}-{number}"
        self.seen[candidate] = (digest, where)
        return candidate, None
