"""Every query in queries/ gives the rows `kg query` gives when the exports are loaded on their
own, with ontology.ttl beside them as docs/consumers.md says: graph.ttl alone and graph.trig into a
fresh Oxigraph store, Virtuoso, Jena; Raptor counts what Oxigraph reads; Jena reads graph.jsonld."""

from __future__ import annotations

import re
import shutil
import subprocess

import pyoxigraph as ox
import pytest

from kg.api import query
from kg.store import run_query
from kg.vocab import KGO_IRI

from .conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.consumers]
QUERIES = sorted((ROOT / "queries").glob("*.rq"))


def _loaded(path, fmt, ontology=None) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(path), format=fmt)
    if ontology is not None:
        store.bulk_load(path=str(ontology), format=ox.RdfFormat.TURTLE)
    return store


@pytest.mark.parametrize("name,fmt", [("graph.ttl", ox.RdfFormat.TURTLE), ("graph.trig", ox.RdfFormat.TRIG)])
def test_every_query_gives_kg_query_rows_over_one_export(seed_build, name, fmt):
    store = _loaded(seed_build.out / name, fmt, seed_build.out / "ontology.ttl")
    for q in QUERIES:
        sparql = q.read_text(encoding="utf-8")
        expected = query(seed_build.out, sparql).rows
        assert expected, q.name
        assert run_query(store, sparql).rows == expected, (name, q.name)


def test_no_escaped_local_names_in_any_export(seed_build):
    for name in ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "ontology.ttl"):
        text = (seed_build.out / name).read_text(encoding="utf-8")
        assert text.count("\\/") == 0, name


@pytest.mark.skipif(shutil.which("rapper") is None, reason="needs Debian raptor2-utils")
@pytest.mark.parametrize("name,syntax,fmt", [("graph.ttl", "turtle", ox.RdfFormat.TURTLE),
                                             ("graph.trig", "trig", ox.RdfFormat.TRIG),
                                             ("graph.nq", "nquads", ox.RdfFormat.N_QUADS),
                                             ("ontology.ttl", "turtle", ox.RdfFormat.TURTLE)])
def test_rapper_counts_what_oxigraph_reads(seed_build, name, syntax, fmt):
    done = subprocess.run(["rapper", "-i", syntax, "-c", str(seed_build.out / name)],
                          capture_output=True, text=True, check=True)
    count = int(re.search(r"returned (\d+) (?:triples|statements)", done.stderr).group(1))
    assert count == len(_loaded(seed_build.out / name, fmt))


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/v.db
ErrorLogFile = {d}/v.log
LockFile = {d}/v.lck
TransactionFile = {d}/v.trx
xa_persistent_file = {d}/v.pxa
[TempDatabase]
DatabaseFile = {d}/v-temp.db
TransactionFile = {d}/v-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{port}
DirsAllowed = ., {out}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
"""


@pytest.mark.skipif(shutil.which("virtuoso-t") is None, reason="needs Debian virtuoso-opensource")
def test_virtuoso_turtle_loader_and_bulk_loader_give_kg_query_rows(seed_build, tmp_path):
    import csv
    import io
    import time
    import urllib.parse
    import urllib.request

    from .test_serve import free_port

    port, http = free_port(), free_port()
    (tmp_path / "v.ini").write_text(VIRTUOSO_INI.format(d=tmp_path, port=port, http=http, out=seed_build.out))
    server = subprocess.Popen(["virtuoso-t", "+configfile", str(tmp_path / "v.ini"), "+foreground"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
    try:
        def isql(sql: str, check: bool = True) -> str:
            return subprocess.run(["isql-vt", str(port), "dba", "dba"], input=sql, capture_output=True,
                                  text=True, timeout=300, check=check).stdout

        for _ in range(120):
            if "READY" in isql("SELECT 'READY';", check=False):
                break
            time.sleep(0.5)
        out = seed_build.out
        isql(f"DB.DBA.TTLP_MT(file_to_string_output('{out}/graph.ttl'), '', 'urn:kg:ttl', 0);\n"
             f"DB.DBA.TTLP_MT(file_to_string_output('{out}/ontology.ttl'), '', 'urn:kg:ttl', 0);\n"
             f"ld_dir('{out}', 'graph.nq', 'urn:kg:default');\n"
             f"ld_dir('{out}', 'ontology.ttl', 'urn:kg:default');\nrdf_loader_run();\ncheckpoint;\n")
        def select(sparql: str, graph: str) -> list[tuple]:
            data = urllib.parse.urlencode({"query": sparql, "default-graph-uri": graph}).encode()
            request = urllib.request.Request(f"http://127.0.0.1:{http}/sparql", data=data,
                                             headers={"Accept": "text/csv"})
            with urllib.request.urlopen(request, timeout=60) as response:
                return [tuple(r) for r in list(csv.reader(io.StringIO(response.read().decode())))[1:]]

        terms = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), '%s')) }" % KGO_IRI
        declared = run_query(_loaded(out / "ontology.ttl", ox.RdfFormat.TURTLE), terms).rows
        for graph in ("urn:kg:ttl", "urn:kg:default"):
            assert select(terms, graph) == [tuple(str(v) for v in r) for r in declared], graph
            for q in QUERIES:
                sparql = q.read_text(encoding="utf-8")
                expected = [tuple("" if v is None else v for v in r) for r in query(out, sparql).rows]
                assert select(sparql, graph) == expected, (graph, q.name)
    finally:
        server.terminate()
        server.wait(timeout=60)


JENA_JARS = ("commons-cli commons-codec commons-compress commons-csv commons-io commons-lang3 dexx.collection "
             "gson guava httpclient httpcore httpclient-cache jackson-core jackson-databind jackson-annotations "
             "jakarta.json-api jsonld-java thrift protobuf titanium-json-ld slf4j-api slf4j-simple "
             "jcl-over-slf4j xercesImpl").split()


def jena_classpath(work) -> str | None:
    """Debian's Jena jars listed one by one, behind a folder holding the xerces message files that
    the Debian build left under org/apache/jena/ext/xerces in jena-core (docs/consumers.md)."""
    import zipfile
    from pathlib import Path

    java = Path("/usr/share/java")
    jena = sorted(java.glob("jena-*.jar"))
    if shutil.which("java") is None or not jena:
        return None
    core = next(j for j in jena if j.name.startswith("jena-core"))
    fix = work / "xerces-fix"
    with zipfile.ZipFile(core) as jar:
        for name in jar.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and not name.endswith("/"):
                target = fix / "xerces" / name[len("org/apache/jena/ext/xerces/"):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    extra = [java / f"{n}.jar" for n in JENA_JARS if (java / f"{n}.jar").is_file()]
    return ":".join(str(p) for p in (fix, *jena, *extra))


def test_jena_riot_validates_and_arq_gives_kg_query_rows(seed_build, tmp_path):
    import csv
    import io

    classpath = jena_classpath(tmp_path)
    if classpath is None:
        pytest.skip("needs Debian libapache-jena-java and default-jre-headless")
    for name in ("graph.ttl", "graph.trig", "graph.nq", "ontology.ttl"):
        done = subprocess.run(["java", "-cp", classpath, "riotcmd.riot", "--validate", str(seed_build.out / name)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0 and "WARN" not in done.stderr and "ERROR" not in done.stderr, done.stderr
    done = subprocess.run(["java", "-cp", classpath, "riotcmd.riot", "--syntax=jsonld10", "--output=nq",
                           str(seed_build.out / "graph.jsonld")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert set(ox.parse(done.stdout.encode(), format=ox.RdfFormat.N_QUADS)) == set(
        ox.parse(path=str(seed_build.out / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    for q in QUERIES:
        done = subprocess.run(["java", "-cp", classpath, "arq.arq", "--data", str(seed_build.out / "graph.trig"),
                               "--data", str(seed_build.out / "ontology.ttl"),
                               "--query", str(q), "--results=CSV"], capture_output=True, text=True,
                              timeout=300, check=True)
        rows = [tuple(r) for r in list(csv.reader(io.StringIO(done.stdout)))[1:]]
        expected = [tuple("" if v is None else v for v in r) for r in query(seed_build.out, q.read_text()).rows]
        assert rows == expected, q.name
