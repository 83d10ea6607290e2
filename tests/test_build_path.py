"""The build path's shortcuts give what the plain code gives: cache entries, background exports."""

from __future__ import annotations

import json

import pytest

from kg.cache import CACHE_DIR, ExtractionCache, _encode, _encoder
from kg.errors import StoreError
from kg.export import export_paths, start_export
from kg.store import read_manifest
from kg.types import Extraction
from kg.vocab import DEFAULT_BASE


def _extractions(out) -> list[Extraction]:
    manifest = read_manifest(out)
    cache = ExtractionCache(out / CACHE_DIR, manifest.extractor_version, manifest.model_id)
    return [cache.get(e.key, e.id) for e in manifest.documents]


def test_typed_cache_encoder_writes_what_the_generic_one_writes(seed_build):
    extractions = _extractions(seed_build.out)
    assert any(e.titles for e in extractions) and any(t.extras for e in extractions for t in e.triples)
    encode = _encoder(Extraction)
    for extraction in extractions:
        assert json.dumps(encode(extraction)) == json.dumps(_encode(extraction))


def test_background_export_writes_the_files_and_reports_failure(seed_build, tmp_path):
    import pyoxigraph as ox

    quads = list(ox.parse(path=str(seed_build.out / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    wait = start_export(quads, tmp_path, DEFAULT_BASE)
    assert wait() == export_paths(tmp_path)
    assert (tmp_path / "graph.nq").read_bytes() == (seed_build.out / "graph.nq").read_bytes()
    with pytest.raises(StoreError, match="cannot write the exports"):
        start_export(quads, tmp_path / "missing", DEFAULT_BASE)()
