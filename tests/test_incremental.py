"""The incremental store: extraction cache, kg add / kg remove, and builds killed with SIGKILL."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.api import query
from kg.cache import CACHE_DIR
from kg.cli import app
from kg.errors import StoreError
from kg.outdir import LOCK_FILE, OUTPUT_MARKER
from kg.pipeline import add, build, remove

from .conftest import ROOT, SEEDS

ARTICLES = {
    "a": "Grigory Karasin met Marco Rubio in Riyadh. Grigory Karasin criticized NATO.",
    "c": "Grigory Karasin met Marco Rubio in Riyadh. Donald Trump spoke with Vladimir Putin.",
}
FACTS = """SELECT ?s ?p ?o WHERE { ?st rdf:subject ?x ; rdf:predicate ?pp ; rdf:object ?y .
    ?x rdfs:label ?s . ?y rdfs:label ?o . BIND(REPLACE(STR(?pp), "^.*[#/]", "") AS ?p) }"""
SOURCES = """SELECT ?p (GROUP_CONCAT(?id; separator=" ") AS ?docs) WHERE {
    SELECT ?p ?id WHERE { ?st rdf:predicate ?pp ; kgo:evidence/prov:wasDerivedFrom/dcterms:identifier ?id .
    BIND(REPLACE(STR(?pp), "^.*[#/]", "") AS ?p) } ORDER BY ?id } GROUP BY ?p"""


def _write(folder: Path, articles: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in articles.items():
        path = folder / f"{name}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _rows(out, sparql):
    return sorted(query(out, sparql).rows)


@pytest.fixture()
def two_docs(nlp, tmp_path):
    paths = _write(tmp_path / "in", ARTICLES)
    report = build(paths, out=tmp_path / "out", nlp=nlp)
    return report.out, paths


def test_two_documents_give_expected_facts_and_sources(two_docs):
    out, _ = two_docs
    assert _rows(out, FACTS) == [("Donald Trump", "spokeWith", "Vladimir Putin"),
                                 ("Grigory Karasin", "criticized", "NATO"),
                                 ("Grigory Karasin", "meet_in", "Riyadh"),
                                 ("Grigory Karasin", "met", "Marco Rubio")]
    assert _rows(out, SOURCES) == [("criticized", "a"), ("meet_in", "a c"), ("met", "a c"),
                                   ("spokeWith", "c")]


def test_rebuild_parses_only_what_changed(nlp, two_docs):
    out, paths = two_docs
    assert build(paths, out=out, nlp=nlp).parsed == 0
    paths[0].write_text("Grigory Karasin met Marco Rubio in Riyadh. Grigory Karasin praised NATO.\n", encoding="utf-8")
    assert build(paths, out=out, nlp=nlp).parsed == 1
    assert ("Grigory Karasin", "criticized", "NATO") not in _rows(out, FACTS)


def test_rebuild_with_nothing_changed_keeps_every_output(nlp, two_docs):
    out, paths = two_docs
    first = build(paths, out=out, nlp=nlp)
    outputs = lambda: {p.name: p.stat().st_mtime_ns for p in out.iterdir()  # noqa: E731
                       if p.is_file() and p.name != LOCK_FILE}  # the lock file names its last writer
    before = outputs()
    again = build(paths, out=out, nlp=nlp)
    assert (again.parsed, again.files) == (0, ())
    assert (again.entities, again.facts, again.triples) == (first.entities, first.facts, first.triples)
    assert outputs() == before
    (out / "graph.ttl").unlink()
    repaired = build(paths, out=out, nlp=nlp)
    assert repaired.parsed == 0 and (out / "graph.ttl").is_file()


def test_cached_extraction_equals_a_fresh_one(nlp, two_docs):
    from kg.cache import ExtractionCache
    from kg.extract import extract_doc
    from kg.ingest import ingest
    from kg.store import read_manifest

    out, paths = two_docs
    manifest = read_manifest(out)
    cache = ExtractionCache(out / CACHE_DIR, manifest.extractor_version, manifest.model_id)
    entry = manifest.by_id()["a"]
    [doc] = ingest([paths[0]])
    assert cache.get(entry.key, "a") == extract_doc(nlp(doc.text), "a")
    assert cache.get(entry.key, "other").triples[0].doc_id == "other"


def test_cache_file_names_come_from_hashes_not_ids(two_docs):
    out, _ = two_docs
    from kg.cache import SNAPSHOT

    names = sorted(p.name for p in (out / CACHE_DIR).rglob("*") if p.is_file() and p.name != SNAPSHOT)
    assert len(names) == 2
    assert all(re.fullmatch(r"[0-9a-f]{64}\.json\.gz", n) for n in names)
    assert [p.name for p in (out / CACHE_DIR).iterdir() if p.is_file()] == [SNAPSHOT]  # one fixed name


def test_readding_an_unchanged_document_changes_nothing(two_docs):
    out, paths = two_docs
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir() if p.is_file()}
    report = CliRunner().invoke(app, ["add", str(out), str(paths[0])])
    assert report.exit_code == 0, report.output
    assert "0 added, 0 replaced, 1 unchanged" in report.output
    assert "nothing to rewrite" in report.output
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir() if p.is_file()} == before


def test_changed_document_replaces_its_facts(nlp, two_docs, tmp_path):
    out, _ = two_docs
    [changed] = _write(tmp_path / "v2", {"a": "Grigory Karasin met Marco Rubio in Riyadh. Grigory Karasin praised NATO."})
    report = add(out, [changed], nlp=nlp)
    assert (report.added, report.replaced, report.parsed, report.documents) == ((), ("a",), 1, 2)
    assert _rows(out, FACTS) == [("Donald Trump", "spokeWith", "Vladimir Putin"),
                                 ("Grigory Karasin", "meet_in", "Riyadh"),
                                 ("Grigory Karasin", "met", "Marco Rubio"),
                                 ("Grigory Karasin", "praise", "NATO")]
    assert _rows(out, SOURCES) == [("meet_in", "a c"), ("met", "a c"), ("praise", "a"),
                                   ("spokeWith", "c")]


def test_remove_drops_facts_only_that_document_supported(two_docs):
    out, _ = two_docs
    result = CliRunner().invoke(app, ["remove", str(out), "c"])
    assert result.exit_code == 0, result.output
    assert _rows(out, FACTS) == [("Grigory Karasin", "criticized", "NATO"),
                                 ("Grigory Karasin", "meet_in", "Riyadh"),
                                 ("Grigory Karasin", "met", "Marco Rubio")]
    assert _rows(out, SOURCES) == [("criticized", "a"), ("meet_in", "a"), ("met", "a")]
    assert _rows(out, "SELECT ?g { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g") == [
        ("https://w3id.org/kg-news/id/doc/a",)]
    assert _rows(out, "ASK { ?e rdfs:label 'Vladimir Putin' }") == [("false",)]


def test_add_then_remove_gives_the_graph_of_the_rest(nlp, two_docs, tmp_path):
    out, paths = two_docs
    only_a = build([paths[0]], out=tmp_path / "only-a", nlp=nlp).out
    extra = _write(tmp_path / "more", {"d": "Sergey Lavrov met Antony Blinken."})
    add(out, extra, nlp=nlp)
    remove(out, ["c", "d"])
    assert (out / "graph.nq").read_bytes() == (only_a / "graph.nq").read_bytes()


def test_remove_unknown_document_is_an_error(two_docs):
    out, _ = two_docs
    with pytest.raises(StoreError, match="holds no document 'zzz'"):
        remove(out, ["zzz"])


def test_add_to_folder_without_build_is_an_error(tmp_path):
    result = CliRunner().invoke(app, ["add", str(tmp_path), str(SEEDS)])
    assert result.exit_code == 1


def _kg_build(corpus: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill_when(proc: subprocess.Popen, ready, timeout: float = 120) -> bool:
    """SIGKILL the build as soon as `ready()` holds; False if it finished first."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.002)
    proc.wait()
    return False


def _manifest_incomplete(out: Path) -> bool:
    try:
        return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["complete"] is False
    except (OSError, ValueError):
        return False


@pytest.mark.slow
def test_build_killed_at_any_stage_then_rerun_equals_clean_build(nlp, seed_build, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    out = tmp_path / "out"
    stages = {
        "mid-parse": lambda: len(list((out / CACHE_DIR).rglob("*.json.gz"))) >= 2,
        "writing the store": lambda: (out / "store.new").exists(),
        "writing exports": lambda: _manifest_incomplete(out) and (out / "store").exists()
        and not (out / "store.new").exists(),
    }
    killed = [name for name, ready in stages.items() if _kill_when(_kg_build(corpus, out), ready)]
    assert killed == list(stages)
    (out / ".graph.trig.k1lled_x").write_text("partial", encoding="utf-8")
    rerun = build([corpus], out=out, nlp=nlp)
    assert (out / "graph.nq").read_bytes() == (seed_build.out / "graph.nq").read_bytes()
    assert rerun.parsed < 5
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["complete"] is True
    assert not [p for p in out.rglob("*") if p.name not in (LOCK_FILE, OUTPUT_MARKER)
                and (p.name.startswith(".") or p.name.endswith((".new", ".old")))]


REUTERS = next((p for p in (ROOT.parent.parent / "shared/corpora/reuters21578/reuters21578.jsonl.gz",
                            Path("/work/shared/corpora/reuters21578/reuters21578.jsonl.gz")) if p.is_file()), None)
BASE_IDS = [f"reuters-{n}" for n in range(1, 13)]
# reuters-25 changes entities the base already has (quads go, not only come); 16 and 28 name
# many things the base names too
ADDED_IDS = ["reuters-16", "reuters-25", "reuters-28"]


def _reuters(ids: list[str], target: Path) -> Path:
    import gzip

    wanted, found = set(ids), {}
    with gzip.open(REUTERS, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in wanted:
                found[record["id"]] = line
            if len(found) == len(wanted):
                break
    target.write_text("".join(found[i] for i in ids), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def reuters_builds(nlp, tmp_path_factory):
    if REUTERS is None:
        pytest.skip("the shared Reuters corpus is not on this machine")
    root = tmp_path_factory.mktemp("reuters-incremental")
    base = _reuters(BASE_IDS, root / "base.jsonl")
    more = _reuters(ADDED_IDS, root / "more.jsonl")
    clean_base = build([base], out=root / "clean-base", nlp=nlp).out
    clean_all = build([base, more], out=root / "clean-all", nlp=nlp).out
    # identity.json is the one record a folder keeps on purpose (docs/iris.md): names an earlier
    # build wrote live on as owl:sameAs. The clean builds to compare with start from that record.
    after_base = _with_identity(root / "all-after-base", clean_base)
    build([base, more], out=after_base, nlp=nlp)
    after_all = _with_identity(root / "base-after-all", clean_all)
    build([base], out=after_all, nlp=nlp)
    return root, more, clean_base, clean_all, after_base, after_all


def _with_identity(folder: Path, earlier: Path) -> Path:
    """A new, otherwise empty output folder holding the identity record of `earlier`."""
    folder.mkdir()
    for name in (OUTPUT_MARKER, "identity.json"):
        shutil.copy(earlier / name, folder / name)
    return folder


def _same_outputs(out: Path, reference: Path) -> None:
    import pyoxigraph as ox

    for name in ("graph.nq", "graph.trig", "graph.ttl", "graph.jsonld", "graph.graphml", "identity.json"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    stored = [set(ox.Store.read_only(str(folder / "store"))) for folder in (out, reference)]
    assert stored[0] == stored[1]


def _without_same_as(out: Path) -> list[bytes]:
    return [line for line in (out / "graph.nq").read_bytes().splitlines() if b"owl#sameAs>" not in line]


def test_add_to_a_built_graph_equals_a_clean_build(nlp, reuters_builds):
    root, more, clean_base, clean_all, after_base, _ = reuters_builds
    out = root / "added"
    shutil.copytree(clean_base, out)
    store = (out / "store").stat().st_ino
    before = set((out / "graph.nq").read_bytes().splitlines())
    report = add(out, [more], nlp=nlp)
    assert report.added == tuple(ADDED_IDS) and report.parsed > 0  # a text the base has is cached
    after = set((out / "graph.nq").read_bytes().splitlines())
    assert before - after, "the added articles should change entities the graph already had"
    mentioned = {}
    for line in after:
        doc, predicate, entity = line.split(b" ")[:3]
        if predicate.endswith(b"#mentions>"):
            mentioned.setdefault(entity, set()).add(doc.rsplit(b"/", 1)[1][:-1].decode())
    assert any(docs & set(BASE_IDS) and docs & set(ADDED_IDS) for docs in mentioned.values()), \
        "the added articles should name things the base names"
    _same_outputs(out, after_base)
    assert _without_same_as(out) == _without_same_as(clean_all)
    assert (out / "store").stat().st_ino == store  # patched in place, not written afresh
    assert not (out / "store.patching").exists()


def test_remove_from_a_built_graph_equals_a_clean_build(reuters_builds):
    root, _more, clean_base, clean_all, _, after_all = reuters_builds
    out = root / "removed"
    shutil.copytree(clean_all, out)
    store = (out / "store").stat().st_ino
    remove(out, ADDED_IDS)
    _same_outputs(out, after_all)
    assert _without_same_as(out) == _without_same_as(clean_base)
    assert (out / "store").stat().st_ino == store


def test_patched_store_holds_a_quad_whose_old_spelling_went(tmp_path):
    """The store keeps "2.0"^^xsd:decimal as "2": deleting one spelling must not delete the other."""
    import pyoxigraph as ox

    from kg.store import nquad_lines, patch_store

    decimal = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    s, p, q = (ox.NamedNode(f"http://example.org/{n}") for n in "spq")
    quad = lambda value, pred=p: ox.Quad(s, pred, ox.Literal(value, datatype=decimal))  # noqa: E731
    old = [quad("2.0"), quad("2"), quad("3", q)]
    store = ox.Store(str(tmp_path / "store"))
    store.extend(old)
    del store
    new = [quad("2"), quad("4", q)]
    assert patch_store(tmp_path, nquad_lines(old), nquad_lines(new)) == (2, 1)
    assert set(ox.Store.read_only(str(tmp_path / "store"))) == {quad("2"), quad("4", q)}


def test_nquads_diff_gives_the_file_a_fresh_export_writes(tmp_path):
    """graph.nq after an update is merged from the old sorted lines, not sorted afresh: it must be
    the bytes export_quads writes for the new quads, also when the old file was not sorted."""
    import pyoxigraph as ox

    from kg.export import export_quads
    from kg.store import nquad_lines, nquads_diff

    node = lambda n: ox.NamedNode(f"http://example.org/{n}")  # noqa: E731
    text = lambda v: ox.Literal(v, language="en")  # noqa: E731
    old = [ox.Quad(node("s"), node("p"), text("a")), ox.Quad(node("s"), node("p"), text("a b")),
           ox.Quad(node("s"), node("q"), node("o"), node("g")), ox.Quad(node("t"), node("p"), text("x"))]
    new = [old[1], old[2], ox.Quad(node("s"), node("p"), text("a \" . <b>")), ox.Quad(node("r"), node("p"), text("y"))]
    export_quads(new, tmp_path)
    lines = (tmp_path / "graph.nq").read_bytes().splitlines()
    before = sorted(nquad_lines(old))
    for given in (before, before[::-1]):
        diff = nquads_diff(given, nquad_lines(new))
        assert diff.text() == (tmp_path / "graph.nq").read_bytes()
        assert diff.lines == lines
        gone = {line for line in before if b"/t>" in line or b'"a"@en' in line}
        assert diff.gone == gone and diff.came == set(lines) - set(before)
        s_p = b"<http://example.org/s> <http://example.org/p> "
        assert diff.again == {line for line in lines if line.startswith(s_p) and line in before}
    assert nquads_diff([], set()).text() == b""


def test_decoded_records_equal_records_built_by_their_constructor(two_docs):
    """Cache entries are decoded without running the frozen __init__: the records must equal,
    hash and print like constructed ones, and an entry of another shape (a field missing or
    unknown) still decodes the slow way."""
    import dataclasses
    import gzip

    from kg.cache import _decoder
    from kg.store import read_manifest
    from kg.types import Extraction, Mention

    out, _ = two_docs
    manifest = read_manifest(out)
    for entry in manifest.documents:
        path = next((out / CACHE_DIR).rglob(f"{entry.key}.json.gz"))
        fast = _decoder(Extraction)(json.loads(gzip.decompress(path.read_bytes())))

        def rebuilt(value):
            if dataclasses.is_dataclass(value):
                return type(value)(**{f.name: rebuilt(getattr(value, f.name)) for f in dataclasses.fields(value)})
            return tuple(map(rebuilt, value)) if isinstance(value, tuple) else value
        slow = rebuilt(fast)
        assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
        assert fast.mentions and all(type(m) is Mention for m in fast.mentions)
    mention = {"doc_id": "a", "sentence": 0, "text": "NATO", "start": 1, "end": 5, "label": "ORG"}
    assert _decoder(Mention)(dict(mention, extra=1)) == Mention(**mention)
    with pytest.raises(TypeError):
        _decoder(Mention)({k: v for k, v in mention.items() if k != "text"})


def test_add_parses_aside_or_in_place_to_the_same_graph(nlp, reuters_builds, monkeypatch):
    """An add of a few documents parses them in a forked process while the cache is read; with
    that path off (more documents, or one core) they are parsed in place: the same outputs."""
    import kg.pipeline as pipeline

    root, more, clean_base, _clean_all, after_base, _ = reuters_builds
    started = []
    start = pipeline.ParseAside.start.__func__
    monkeypatch.setattr(pipeline.ParseAside, "start",
                        classmethod(lambda cls, *a: started.append(a) or start(cls, *a)))
    outs = {}
    for limit in (pipeline.ASIDE_MAX, 0):
        monkeypatch.setattr(pipeline, "ASIDE_MAX", limit)
        out = outs[limit] = root / f"aside-{limit}"
        shutil.copytree(clean_base, out)
        report = add(out, [more], nlp=None)
        assert report.added == tuple(ADDED_IDS) and report.parsed > 0
        _same_outputs(out, after_base)
    if pipeline._cores() > 1:
        assert len(started) == 1  # only the first add went aside


def _broken_extract(batch):
    raise StoreError(f"cannot parse {len(batch)} document(s)")


def test_a_failing_aside_parse_leaves_the_graph_as_it_was(two_docs, tmp_path, monkeypatch):
    """The forked parse's error reaches the caller before anything is written."""
    import kg.parallel
    import kg.pipeline as pipeline

    if not pipeline._aside([object()], 1):
        pytest.skip("one core: updates parse in place")

    monkeypatch.setattr(kg.parallel, "_worker_extract", _broken_extract)
    out, _ = two_docs
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != LOCK_FILE}
    extra = _write(tmp_path / "more", {"d": "Sergey Lavrov met Antony Blinken."})
    with pytest.raises(StoreError, match="cannot parse 1 document"):
        add(out, extra)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != LOCK_FILE} == before


def _kg(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=env,
                          timeout=600, check=False)


def test_add_and_remove_at_the_prompt_equal_a_clean_build(reuters_builds):
    """`python -m kg add` / `remove` (which end with os._exit, the OS freeing their records, and parse
    in a process that alone imports spaCy) write what a clean build writes, and say what they did."""
    root, more, clean_base, clean_all, after_base, after_all = reuters_builds
    out = root / "prompt-added"
    shutil.copytree(clean_base, out)
    store = (out / "store").stat().st_ino
    done = _kg("add", str(out), str(more))
    assert done.returncode == 0, done.stderr
    assert f"{len(ADDED_IDS)} added" in done.stdout and "wrote" not in done.stderr
    _same_outputs(out, after_base)
    assert (out / "store").stat().st_ino == store  # patched in place by the same code
    out = root / "prompt-removed"
    shutil.copytree(clean_all, out)
    done = _kg("remove", str(out), *ADDED_IDS)
    assert done.returncode == 0, done.stderr
    assert f"{len(ADDED_IDS)} removed" in done.stdout
    _same_outputs(out, after_all)


def test_an_update_reads_its_manifest_and_cache_keys_without_spacy(nlp):
    """The extractor version, the model id and the resolver's word lists are the ones kg.extract and
    the loaded pipeline give, read without importing spaCy (`kg add` leaves that to its parse)."""
    import kg.extract
    import kg.extract.vocabulary
    from kg.cache import model_id
    from kg.digests import extract_vocabulary, extractor_digest, extractor_version

    assert extractor_digest() == kg.extract.EXTRACTOR_VERSION
    assert extractor_version(model_id(nlp)) == kg.extract.extractor_version(model_id(nlp))
    assert model_id(nlp.meta["lang"] + "_" + nlp.meta["name"]) == model_id(nlp)
    loaded = kg.extract.vocabulary
    alone = extract_vocabulary()
    assert alone is loaded  # imported already: the same module
    code = ("import sys; import kg.pipeline, kg.cli, kg.cache, kg.digests as d;"
            "v = d.extract_vocabulary(); print(sorted(v.MASCULINE | v.FEMININE), 'spacy' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.split("]")[0] + "]" == str(sorted(loaded.MASCULINE | loaded.FEMININE))
    assert done.stdout.strip().endswith("False"), done.stdout


def test_an_update_reads_the_builds_snapshot_not_every_cache_entry(reuters_builds, monkeypatch):
    """A build keeps its extractions in one file; an update takes them from it by cache key and reads
    from the cache only what it lacks (here: the new articles, looked up before they are parsed)."""
    from kg.cache import SNAPSHOT, ExtractionCache

    root, more, clean_base, _clean_all, after_base, _ = reuters_builds
    assert (clean_base / CACHE_DIR / SNAPSHOT).is_file()
    reads = []
    get = ExtractionCache.get
    monkeypatch.setattr(ExtractionCache, "get", lambda self, key, doc_id: reads.append(doc_id) or get(self, key, doc_id))
    out = root / "from-snapshot"
    shutil.copytree(clean_base, out)
    add(out, [more])
    assert sorted(reads) == sorted(ADDED_IDS)
    _same_outputs(out, after_base)


class _Hostile:
    def __reduce__(self):
        return (os.system, ("echo unpickled > hostile-ran",))


@pytest.mark.parametrize("damage", ["garbage", "other-extractor", "part", "hostile", "wrong-shape"])
def test_a_stale_or_damaged_snapshot_falls_back_to_the_cache(reuters_builds, damage, tmp_path, monkeypatch):
    """A snapshot of another extractor version (holding other extractions), one that lacks documents,
    an unreadable one, one naming anything but kg's records: the update reads the cache instead
    (for what the snapshot cannot give) and writes what a clean build writes."""
    import pickle

    from kg.cache import SNAPSHOT, ExtractionCache
    from kg.store import read_manifest

    root, more, clean_base, _clean_all, after_base, _ = reuters_builds
    out = root / f"snapshot-{damage}"
    shutil.copytree(clean_base, out)
    manifest = read_manifest(out)
    cache = ExtractionCache(out / CACHE_DIR, manifest.extractor_version, manifest.model_id)
    entries = cache.snapshot()
    assert len(entries) == len(manifest.documents)
    path = out / CACHE_DIR / SNAPSHOT
    keys = [e.key for e in manifest.documents]
    if damage == "garbage":
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    elif damage == "other-extractor":  # every key holds another document's extraction
        other = ExtractionCache(cache.folder, "another-version", manifest.model_id)
        other.write_snapshot({k: entries[keys[(i + 1) % len(keys)]] for i, k in enumerate(keys)})
    elif damage == "part":
        cache.write_snapshot({k: entries[k] for k in keys[::2]})
    elif damage == "hostile":
        path.write_bytes(pickle.dumps(((1, manifest.extractor_version, manifest.model_id), _Hostile())))
    else:
        path.write_bytes(pickle.dumps(((1, manifest.extractor_version, manifest.model_id),
                                       {k: "not an extraction" for k in keys})))
    monkeypatch.chdir(tmp_path)
    add(out, [more])
    assert not (tmp_path / "hostile-ran").exists()
    _same_outputs(out, after_base)


def _graph_dump(graph) -> tuple[list, list]:
    return list(graph.nodes(data=True)), list(graph.edges(data=True, keys=True))


def test_the_entity_graph_read_from_the_quads_is_the_stores(reuters_builds):
    """GraphML and the view are written from the quads in memory (kg.graph.quads_graph); the graph
    is the one the store's SPARQL reads, node for node and edge for edge, in the same order."""
    import pyoxigraph as ox

    from kg.graph import _quad_rows, entity_graph, quads_graph
    from kg.sparql import open_store

    _, _, _, clean_all, _, _ = reuters_builds
    quads = list(ox.parse(path=str(clean_all / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    assert _quad_rows(quads) is not None  # read from memory, not from a store made of them
    from_store = entity_graph(open_store(clean_all))
    assert from_store.number_of_edges() > 10
    assert _graph_dump(quads_graph(quads + quads[:50])) == _graph_dump(from_store)  # repeats: one quad
    # two labels of an entity: the queries' first decides, so the quads go into a store
    entity = next(q.subject for q in quads if q.predicate.value.endswith("#label")
                  and "/entity/" in q.subject.value and isinstance(q.graph_name, ox.DefaultGraph))
    second = ox.Quad(entity, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("Another"))
    assert _quad_rows([*quads, second]) is None
    store = ox.Store()
    store.extend([*quads, second])
    assert _graph_dump(quads_graph([*quads, second])) == _graph_dump(entity_graph(store))


def test_patched_jsonld_is_the_text_a_fresh_export_writes(reuters_builds):
    """An update's graph.jsonld keeps the text of every node no changed quad touches and compacts
    the others again: the bytes `write_jsonld` writes for the new quads, adding or removing."""
    import pyoxigraph as ox

    from kg.export import _grouped
    from kg.jsonld import compact_document, dumps, patch_jsonld

    _, _, clean_base, clean_all, _, _ = reuters_builds
    base, full = ([*ox.parse(path=str(f / "graph.nq"), format=ox.RdfFormat.N_QUADS)] for f in (clean_base, clean_all))
    for old, new in ((base, full), (full, base), (full, full)):
        changed = set(old) ^ set(new)
        ordered = _grouped(new)
        fresh = dumps(compact_document(ordered))
        assert patch_jsonld(ordered, dumps(compact_document(_grouped(old))), changed) == fresh
    assert patch_jsonld(_grouped(full), "not kg's text", set()) is None
