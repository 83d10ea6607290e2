"""The extractor's version (kg.extract.extractor_version) without importing spaCy: `kg add` and
`kg remove` key the cache with it before, or without, loading the pipeline. The digest is the same
hash of every file under kg/extract and kg/data (tests/test_incremental.py checks both agree)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def extractor_digest() -> str:
    """kg.extract.EXTRACTOR_VERSION: a hash of every file under kg/extract and kg/data."""
    digest = hashlib.sha256()
    for root in (PACKAGE / "extract", PACKAGE / "data"):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def extractor_version(model_id: str) -> str:
    """kg.extract.extractor_version: the extractor's digest and the spaCy pipeline's name and version."""
    return f"{extractor_digest()}+{model_id}"


def extract_vocabulary():
    """kg.extract.vocabulary (word lists the resolver shares with the extractor) without importing
    kg.extract, whose package imports spaCy: the module already imported, else its file run alone."""
    import importlib.util
    import sys

    name = "kg.extract.vocabulary"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, PACKAGE / "extract" / "vocabulary.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module
