"""The manifest of an output folder (kg.store re-exports it): what the folder holds, read before
anything heavy is imported (an update decides from it what to parse)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import StoreError
from .types import Document

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
STORE_DIR = "store"
PATCHING = STORE_DIR + ".patching"  # present while patch_store changes the store in place
IDENTITY = "identity.json"


@dataclass(frozen=True)
class DocumentEntry:
    """A document the store holds: its metadata and the cache key of its extraction."""

    id: str
    key: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    author: str | None = None
    path: str | None = None

    @classmethod
    def of(cls, doc: Document, key: str) -> DocumentEntry:
        return cls(doc.id, key, doc.title, doc.date, doc.source, doc.author, doc.path)

    def document(self) -> Document:
        """The document's metadata as a Document (its text lives in the cache, as an extraction)."""
        return Document(self.id, "", self.title, self.date, self.source, self.author, self.path)


@dataclass(frozen=True)
class Manifest:
    """What an output folder holds; `complete` is false while its files are being rewritten."""

    base: str
    model: str
    model_id: str
    extractor_version: str
    documents: tuple[DocumentEntry, ...]
    complete: bool = True
    counts: dict[str, int] = field(default_factory=dict, compare=False)
    code: str = ""

    def by_id(self) -> dict[str, DocumentEntry]:
        return {d.id: d for d in self.documents}

    def to_json(self) -> str:
        data = asdict(self)
        data["format"] = MANIFEST_FORMAT
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        from .files import is_cache_key

        data = json.loads(text)
        if not isinstance(data, dict) or data.pop("format", None) != MANIFEST_FORMAT:
            raise ValueError("not a kg manifest")
        documents = data["documents"]
        if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents):
            raise ValueError("documents is not a list of entries")
        data["documents"] = tuple(DocumentEntry(**d) for d in documents)
        bad = [d.key for d in data["documents"] if not is_cache_key(d.key)]
        if bad:
            raise ValueError(f"cache key {bad[0]!r} is not a hash")
        return cls(**data)


def read_manifest(out_dir: str | Path) -> Manifest:
    path = Path(out_dir) / MANIFEST
    if not path.is_file():
        raise StoreError(f"{out_dir} holds no kg manifest; run `kg build PATH --out {out_dir}` first.")
    try:
        return Manifest.from_json(path.read_text(encoding="utf-8"))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise StoreError(f"{path} is unreadable ({exc}); run `kg build PATH --out {out_dir}` again.") from exc


def write_manifest(out_dir: Path, manifest: Manifest) -> Path:
    from .files import write_atomic

    text = manifest.to_json()
    return write_atomic(out_dir / MANIFEST, lambda p: p.write_text(text, encoding="utf-8"))
