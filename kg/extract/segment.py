"""A pipeline step that ends a sentence at a heading line, so a cross-heading ("The Russian
Delegation") never runs into the sentence below it, while hard-wrapped prose lines (Reuters) stay
joined."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

LINE_BREAKS = "kg_line_breaks"
MAX_HEADING_TOKENS = 12
FINAL_PUNCT = frozenset(".!?,;:\"'”’)")


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Mark the token after a line break as a sentence start when the line before is a heading:
    short, without final punctuation, its longer words capitalised; or when a blank line follows."""
    line_start = 0
    for tok in doc[:-1]:
        ws = tok.text if tok.is_space else tok.whitespace_
        if "\n" not in ws:
            continue
        line = [t for t in doc[line_start:tok.i + 1] if not t.is_space]
        line_start = tok.i + 1
        if ws.count("\n") > 1 or (line and _heading(line)):
            doc[tok.i + 1].is_sent_start = True
    return doc


def _heading(line) -> bool:
    if len(line) > MAX_HEADING_TOKENS or line[-1].text[-1] in FINAL_PUNCT:
        return False
    words = [t.text for t in line if t.is_alpha and len(t.text) > 3]
    return bool(words) and all(w[0].isupper() for w in words)
