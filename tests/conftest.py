"""Run-wide fixtures: the real spaCy model loaded once, and the seed graph built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import DEFAULT_MODEL, load_nlp
from kg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", default=False, help="also run slow tests")


def pytest_collection_modifyitems(config, items):
    """Tests marked slow (subprocesses, Dask, servers, Chromium, notebooks) run only with --slow,
    as in spaCy's own suite."""
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow test: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def nlp():
    """The pinned model; a missing model fails the run rather than skipping."""
    return load_nlp(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def seed_build(nlp, tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-graph")
    return build([SEEDS], out=out, nlp=nlp)


def build_texts(texts: dict[str, str], tmp_path_factory, nlp, name: str = "texts"):
    """Build the graph of small articles given as {file name: text} (a module fixture's body)."""
    src = tmp_path_factory.mktemp(f"{name}-src")
    for file_name, text in texts.items():
        (src / file_name).write_text(text, encoding="utf-8")
    return build([src], out=tmp_path_factory.mktemp(f"{name}-graph"), nlp=nlp)
