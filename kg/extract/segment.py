"""A pipeline step that starts a new sentence after every line break, so a headline or a
cross-heading ("The Russian Delegation") never runs into the sentence below it."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

LINE_BREAKS = "kg_line_breaks"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Mark the token after a newline as a sentence start (before the parser, which keeps it)."""
    for tok in doc[:-1]:
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            doc[tok.i + 1].is_sent_start = True
    return doc
