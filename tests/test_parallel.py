"""Local multi-process parsing: same graph as one process, input order kept, input read lazily."""

from __future__ import annotations

from typer.testing import CliRunner

from kg.cli import app
from kg.parallel import extract_parallel
from kg.pipeline import build, extract_documents
from kg.types import Document

from .conftest import SEEDS

SENTENCES = ["Alice Smith met Bob Jones in Paris.", "Carol White leads Acme Corp.",
             "The minister criticized the plan."]


def nquads(out) -> list[str]:
    return sorted((out / "graph.nq").read_text(encoding="utf-8").splitlines())


def small_documents(count: int) -> list[Document]:
    return [Document(id=f"d{n:02d}", text=SENTENCES[n % 3]) for n in range(count)]


def test_jobs_2_builds_the_same_graph_as_one_process(seed_build, nlp, tmp_path):
    report = build([SEEDS], out=tmp_path, nlp=nlp, jobs=2, batch_size=2)
    assert nquads(tmp_path) == nquads(seed_build.out)
    for name in ("graph.nq", "graph.ttl", "graph.trig", "graph.jsonld", "graph.graphml"):  # same bytes
        assert (tmp_path / name).read_bytes() == (seed_build.out / name).read_bytes(), name
    assert (report.documents, report.triples, report.facts) == (
        seed_build.documents, seed_build.triples, seed_build.facts)


def test_pool_keeps_input_order_and_equals_in_process_extraction(nlp):
    documents = small_documents(9)
    pooled = list(extract_parallel(documents, jobs=2, nlp=nlp, batch_size=2))
    assert [e.doc_id for e in pooled] == [d.id for d in documents]
    assert pooled == list(extract_documents(nlp, documents))
    assert [m.text for m in pooled[0].mentions if m.label == "PERSON"] == ["Alice Smith", "Bob Jones"]


def test_pool_reads_documents_lazily(nlp):
    consumed = []

    def documents():
        for doc in small_documents(12):
            consumed.append(doc.id)
            yield doc

    stream = extract_parallel(documents(), jobs=2, nlp=nlp, batch_size=1)
    assert next(stream).doc_id == "d00"
    assert len(consumed) < 12  # a bounded window, not the whole input
    assert [e.doc_id for e in stream] == [f"d{n:02d}" for n in range(1, 12)]


def test_progress_reports_every_document_once_in_order(nlp):
    seen: list[str] = []
    list(extract_documents(nlp, small_documents(5), n_process=2, batch_size=2,
                           progress=lambda d: seen.append(d.id)))
    assert seen == ["d00", "d01", "d02", "d03", "d04"]


def test_cli_build_with_jobs_prints_no_progress_bar_when_not_a_terminal(tmp_path):
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(tmp_path), "--jobs", "2",
                                      "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Built {tmp_path}: 5 documents")
    assert "parsing" not in result.output and "docs/s" not in result.output
