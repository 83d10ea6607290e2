"""One parse path for every mode: a text longer than `nlp.max_length` builds the same graph with
one job, two local jobs and on a Dask cluster (all cut it into the same pieces, kg.extract.chunks)."""

from __future__ import annotations

import pytest

from kg.ingest import ingest
from kg.pipeline import build

from .conftest import SEEDS
from .test_parallel import nquads

MAX_LENGTH = 15_000


@pytest.fixture(scope="module")
def long_article(tmp_path_factory):
    """One 20,000-character article: the seed articles' paragraphs run together."""
    text = "\n\n".join(path.read_text(encoding="utf-8").strip() for path in sorted(SEEDS.glob("*.txt")))
    path = tmp_path_factory.mktemp("long") / "long.txt"
    path.write_text(text[:20_000], encoding="utf-8")
    (document,) = ingest([path])
    assert len(document.text) > MAX_LENGTH
    return path


@pytest.fixture()
def short_nlp(nlp):
    """The session pipeline with a `max_length` below the article's length (restored after)."""
    kept = nlp.max_length
    nlp.max_length = MAX_LENGTH
    try:
        yield nlp
    finally:
        nlp.max_length = kept


@pytest.fixture(scope="module")
def one_job(long_article, nlp, tmp_path_factory):
    kept, nlp.max_length = nlp.max_length, MAX_LENGTH
    try:
        out = tmp_path_factory.mktemp("one-job")
        report = build([long_article], out=out, nlp=nlp)
    finally:
        nlp.max_length = kept
    assert report.documents == 1 and report.triples > 0
    return out


@pytest.mark.slow
def test_two_jobs_parse_a_long_article_like_one(long_article, one_job, short_nlp, tmp_path):
    build([long_article], out=tmp_path, nlp=short_nlp, jobs=2)
    assert nquads(tmp_path) == nquads(one_job)


@pytest.mark.slow
def test_dask_cluster_parses_a_long_article_like_one_job(long_article, one_job, short_nlp, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        build([long_article], out=tmp_path, nlp=short_nlp, scheduler=cluster.scheduler_address)
    assert nquads(tmp_path) == nquads(one_job)
