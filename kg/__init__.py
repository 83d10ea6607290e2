"""kg: turn English news articles into a provenance-rich RDF knowledge graph, offline."""

from .api import extract_file, query, validate
from .errors import KgError
from .extract import load_nlp
from .pipeline import BuildReport, build
from .types import Document, Entity, Evidence, Extraction, Fact, Mention, Phrase, Triple

__version__ = "0.1.0"

__all__ = [
    "BuildReport", "Document", "Entity", "Evidence", "Extraction", "Fact", "KgError", "Mention",
    "Phrase", "Triple", "build", "extract_file", "load_nlp", "query", "validate", "__version__",
]
