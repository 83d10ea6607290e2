"""kg: turn English news articles into a provenance-rich RDF knowledge graph, offline.

The names below load on first use, so `import kg` (and `kg query`) does not import spaCy.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_WHERE = {
    "extract_file": "api", "query": "api", "validate": "api", "KgError": "errors",
    "load_nlp": "extract", "BuildReport": "pipeline", "build": "pipeline",
    **{name: "types" for name in ("Document", "Entity", "Evidence", "Extraction", "Fact", "Mention",
                                  "Phrase", "Triple")},
}

__all__ = [
    "BuildReport", "Document", "Entity", "Evidence", "Extraction", "Fact", "KgError", "Mention",
    "Phrase", "Triple", "build", "extract_file", "load_nlp", "query", "validate", "__version__",
]


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
