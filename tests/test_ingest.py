"""Ingest on small hand-made inputs and on the seeds: formats, encodings, metadata, furniture, ids."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from kg.errors import InputError
from kg.ingest import ingest, parse_fields, safe_id
from kg.ingest.furniture import clean_article
from kg.ingest.metadata import iso_date

from .conftest import SEEDS


def _ingest(paths, **kwargs):
    skips = []
    docs = list(ingest(paths, on_skip=skips.append, **kwargs))
    return docs, [(s.where.rsplit("/", 1)[-1], s.reason.split(" (")[0]) for s in skips]


def test_folder_and_jsonl(tmp_path):
    (tmp_path / "a.txt").write_text("Karasin leads the delegation.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        '{"id": "r1", "text": "Moscow spoke.", "title": "T"}\n{broken\n{"id": "r2"}\n', encoding="utf-8")
    docs, skips = _ingest([tmp_path])
    assert [(d.id, d.title) for d in docs] == [("a", None), ("r1", "T")]
    assert skips == [("c.jsonl:2", "broken JSON"), ("c.jsonl:3", "record has no text")]


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        list(ingest([tmp_path / "nope.txt"]))


SEED_METADATA = [
    # id, title, date, source, author — as a reader of each seed file finds them
    ("000_6b80aa6539b44f17", None, None, "CNN", None),
    ("001_d5cdaf4d1afe6f1f", "Difficult Dialogue: US and Russia End Talks Without Joint Statement",
     None, "Orda.kz", "Nikita Drobny"),
    ("002_33fa0b3c9e7b0adc", None, None, None, None),
    ("003_ba9ff1fc4f54d4f3", None, None, "The New York Times", None),
    ("004_97b677dd30c0cfda", None, "2025-03-24", None, None),
]


def test_seed_metadata():
    docs, skips = _ingest([SEEDS])
    assert skips == []
    assert [(d.id, d.title, d.date, d.source, d.author) for d in docs] == SEED_METADATA


@pytest.mark.parametrize("seed, first, last, gone", [
    ("000_6b80aa6539b44f17", "Lengthy talks between the United States",
     "Black Sea Grain Initiative, “with certain conditions.”", ["CNN\n", "—"]),
    ("001_d5cdaf4d1afe6f1f", "Talks between US and Russian officials aimed at resolving",
     "through which Kazakhstan's oil is exported.",
     ["Difficult Dialogue", "Photo: Pixabay", "Original Author", "Latest news", "Kcell",
      "KazTransOil", "Kadyrov", "Meladze"]),
    ("002_33fa0b3c9e7b0adc", "A four-and-half-hour face-to-face negotiation marathon",
     "as the Bible says.”", ["RUSSIANS FOCUSED ON ECONOMICS"]),
    ("003_ba9ff1fc4f54d4f3", "Ukrainian and US officials on Tuesday held a second session",
     "are still infinitely far from each other.”",
     ["The New York Times News Service", "What’s on the Agenda\n", "The Russian Delegation\n",
      "The Ukrainian Delegation\n", "Russia’s Position\n", "Ukraine’s Position\n", "What’s Next?"]),
    ("004_97b677dd30c0cfda", "Talks between Russian and US delegations on settling the crisis",
     "delegations from Kyiv and Washington earlier this month.", ["date 2025-03-24"]),
])
def test_seed_furniture_is_removed(seed, first, last, gone):
    (doc,) = ingest([SEEDS / f"{seed}.txt"])
    assert doc.text.startswith(first)
    assert doc.text.endswith(last)
    assert [g for g in gone if g in doc.text] == []


def test_seed_body_lines_are_kept():
    """Furniture removal takes only furniture: every other line of 003 survives, in order."""
    source = (SEEDS / "003_ba9ff1fc4f54d4f3.txt").read_text(encoding="utf-8").splitlines()
    (doc,) = ingest([SEEDS / "003_ba9ff1fc4f54d4f3.txt"])
    assert doc.text.split("\n") == [line for line in source if len(line) > 60]


@pytest.mark.parametrize("text, title, date, source, author, kept", [
    ("By Jane Doe, Reuters\nMoscow said the talks were useful.\n",
     None, None, "Reuters", "Jane Doe", "Moscow said the talks were useful."),
    ("Published: March 25, 2025 at 10:00 GMT\nMoscow said the talks were useful.\n",
     None, "2025-03-25", None, None, "Moscow said the talks were useful."),
    ("Talks end without a deal in Riyadh\nAssociated Press\nMoscow said the talks were useful.\n",
     "Talks end without a deal in Riyadh", None, "Associated Press", None,
     "Moscow said the talks were useful."),
    ("Moscow said the talks were useful.\nRead more:\n- Kcell gets a certificate\n- KTZ buys workwear\n"
     "Kyiv said nothing.\nShare this article\nAdvertisement\n© 2025 Example Media\n",
     None, None, None, None, "Moscow said the talks were useful.\nKyiv said nothing."),
    ("Lavrov spoke in Riyadh.\nRead more: Zelenskyy Signals Ukraine Could Forego NATO\nWatch: Rubio\n"
     "Rubio listened.\n", None, None, None, None, "Lavrov spoke in Riyadh.\nRubio listened."),
    ("By Tuesday, the talks had ended.\nLavrov said so.\n",
     None, None, None, None, "By Tuesday, the talks had ended.\nLavrov said so."),
    ("Moscow said the talks were useful.\nImage: Getty Images\n\n\nWHAT COMES NEXT\n\nKyiv said nothing.\n",
     None, None, None, None, "Moscow said the talks were useful.\n\nKyiv said nothing."),
])
def test_clean_article(text, title, date, source, author, kept):
    cleaned = clean_article(text)
    meta = cleaned.metadata
    assert (meta.title, meta.date, meta.source, meta.author) == (title, date, source, author)
    assert cleaned.text == kept


@pytest.mark.parametrize("text, expected", [
    ("2025-03-24", "2025-03-24"), ("2025-03-24T10:00:00Z", "2025-03-24"),
    ("March 25, 2025", "2025-03-25"), ("25 Mar. 2025", "2025-03-25"), ("24.03.2025", "2025-03-24"),
    ("2025-02-30", None), ("last Tuesday", None),
])
def test_iso_date(text, expected):
    assert iso_date(text) == expected


ARTICLE = "Grigory Karasin led the Russian delegation in Riyadh on Monday."


@pytest.mark.parametrize("name, data, text", [
    ("utf8.txt", ARTICLE.encode("utf-8"), ARTICLE),
    ("utf8bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), ARTICLE),
    ("utf16.txt", "Zelenskyy met officials in Zürich.".encode("utf-16"), "Zelenskyy met officials in Zürich."),
    ("utf16be.txt", b"\xfe\xff" + "Lavrov spoke in Zürich.".encode("utf-16-be"), "Lavrov spoke in Zürich."),
    ("latin1.txt", "The café in Zürich hosted the naïve envoy.".encode("latin-1"),
     "The café in Zürich hosted the naïve envoy."),
    ("cp1252.txt", "Peskov called the talks “technical” – nothing more.".encode("cp1252"),
     "Peskov called the talks “technical” – nothing more."),
    ("mojibake.txt", "The cafÃ© said â€œnoâ€\x9d to Zelenskyy.".encode("utf-8"),
     "The café said “no” to Zelenskyy."),
    ("crlf.txt", b"Lavrov spoke.\r\nRubio listened.\r\n", "Lavrov spoke.\nRubio listened."),
])
def test_encodings(tmp_path, name, data, text):
    (tmp_path / name).write_bytes(data)
    (doc,) = ingest([tmp_path / name])
    assert doc.text == text


def test_html_main_text_and_metadata(tmp_path):
    page = """<!DOCTYPE html><html><head><title>Talks end | Example News</title>
    <meta property="og:title" content="US and Russia end talks without a statement">
    <meta property="og:site_name" content="Example News"><meta name="author" content="Jane Doe">
    <meta property="article:published_time" content="2025-03-25T10:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article>
    <h1>US and Russia end talks without a statement</h1>
    <p>Talks between Russian and US delegations ended in Riyadh on Tuesday without a statement.</p>
    <p>Grigory Karasin told TASS that the dialogue was constructive and useful.</p>
    <script>alert("Kcell")</script></article>
    <aside><h3>Latest news</h3><ul><li><a href="/a">Kcell Receives Certification</a></li></ul></aside>
    <footer>Copyright 2025 Example News</footer></body></html>"""
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (doc,) = ingest([tmp_path / "page.html"])
    assert (doc.id, doc.title, doc.date, doc.source, doc.author) == (
        "page", "US and Russia end talks without a statement", "2025-03-25", "Example News", "Jane Doe")
    assert doc.text == ("Talks between Russian and US delegations ended in Riyadh on Tuesday without a "
                        "statement.\nGrigory Karasin told TASS that the dialogue was constructive and useful.")


def test_markdown(tmp_path):
    (tmp_path / "note.md").write_text(
        "---\ntitle: \"Front matter title\"\ndate: 2025-03-24\nauthor: Jane Doe\n---\n"
        "# Heading that is not the title\n\n![photo](x.jpg)\n"
        "**Lavrov** met [Rubio](https://example.org) in _Riyadh_.\n\n## Next steps\n\n"
        "> Peskov said the talks were technical.\n", encoding="utf-8")
    (doc,) = ingest([tmp_path / "note.md"])
    assert (doc.title, doc.date, doc.author) == ("Front matter title", "2025-03-24", "Jane Doe")
    assert doc.text == "Lavrov met Rubio in Riyadh.\n\nPeskov said the talks were technical."


def test_jsonl_field_mapping_and_gzip(tmp_path):
    records = [
        {"uid": 7, "body": ["Lavrov spoke.", "Rubio listened."], "meta": {"headline": "Talks"},
         "published": "March 25, 2025", "outlet": "TASS", "byline": ["A. Smith", "B. Jones"]},
        {"uid": "x", "text": "This record has text only in the unmapped field."},
    ]
    with gzip.open(tmp_path / "corpus.jsonl.gz", "wt", encoding="utf-8") as out:
        out.write("\n".join(json.dumps(r) for r in records) + "\n")
    fields = parse_fields(["id=uid", "text=body", "title=meta.headline", "date=published",
                           "source=outlet", "author=byline"])
    docs, skips = _ingest([tmp_path / "corpus.jsonl.gz"], fields=fields)
    assert [(d.id, d.text, d.title, d.date, d.source, d.author) for d in docs] == [
        ("7", "Lavrov spoke.\nRubio listened.", "Talks", "2025-03-25", "TASS", "A. Smith, B. Jones")]
    assert skips == [("corpus.jsonl.gz:2", "record has no text")]


@pytest.mark.parametrize("spec, message", [
    ("text", "is not NAME=KEY"), ("body=text", "unknown field 'body'"), ("text=", "is not NAME=KEY")])
def test_bad_field_specs(spec, message):
    with pytest.raises(InputError, match=message):
        parse_fields([spec])


@pytest.mark.parametrize("data, ids, texts", [
    (ARTICLE.encode(), ["stdin"], [ARTICLE]),
    (gzip.compress(ARTICLE.encode()), ["stdin"], [ARTICLE]),
    (b'{"id": "a", "text": "Lavrov spoke."}\n{"id": "b", "text": "Rubio listened."}\n',
     ["a", "b"], ["Lavrov spoke.", "Rubio listened."]),
    (b"<html><body><article><p>Lavrov met Rubio in Riyadh on Tuesday for four hours of talks.</p>"
     b"</article></body></html>", ["stdin"], ["Lavrov met Rubio in Riyadh on Tuesday for four hours of talks."]),
])
def test_stdin_formats(data, ids, texts):
    docs = list(ingest(["-"], stdin=io.BytesIO(data)))
    assert [d.id for d in docs] == ids
    assert [d.text for d in docs] == texts


@pytest.mark.parametrize("raw, expected", [
    ("000_6b80aa6539b44f17", "000_6b80aa6539b44f17"),
    ("r1", "r1"),
    ("../../etc/x", "etc_x-cdcf495e"),
    ("..", "doc-9d891e73"),
    ("a/b", "a_b-3ec69c85"),
    (".hidden", "hidden-92f73832"),
    ("id with space", "id_with_space-4013b6e3"),
])
def test_safe_id(raw, expected):
    assert safe_id(raw) == expected


def test_duplicate_ids(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("Lavrov spoke.", encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text("Rubio listened.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"id": "x", "text": "Rubio listened."}\n'
                                      '{"id": "x", "text": "Peskov said nothing."}\n', encoding="utf-8")
    docs, skips = _ingest([tmp_path])
    assert [(d.id, d.text) for d in docs] == [
        ("x", "Lavrov spoke."), ("x-2", "Rubio listened."), ("x-3", "Peskov said nothing.")]
    assert skips == [("c.jsonl:1", "duplicate")]


FURNITURE_WORDS = ["Kcell", "KazTransOil", "Bazhkenova", "Meladze", "Smadiyarov", "Transtelecom",
                   "Mangystau", "Kadyrov", "Ophthalmologist", "Pixabay", "Latest news",
                   "RUSSIANS FOCUSED", "Delegation", "Agenda", "What’s Next"]


def test_no_seed_furniture_reaches_the_graph(seed_build):
    import rdflib
    from rdflib.namespace import DCTERMS

    dataset = rdflib.Dataset().parse(seed_build.out / "graph.trig", format="trig")
    terms = {str(t) for quad in dataset.quads() for t in quad[:3]}
    assert [(w, t) for w in FURNITURE_WORDS for t in terms if w in t] == []
    creators = {str(o) for s, p, o, g in dataset.quads((None, DCTERMS.creator, None, None))}
    assert creators == {"Nikita Drobny"}
    assert [t for t in terms if "Drobny" in t] == ["Nikita Drobny"]


def test_seed_metadata_on_document_nodes(seed_build):
    import rdflib

    graph = rdflib.Graph().parse(seed_build.out / "graph.ttl", format="turtle")
    rows = graph.query("""
        PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX kgo: <https://w3id.org/kg-news/ontology#>
        SELECT ?id ?title ?date ?source ?author WHERE {
          ?d a kgo:Document ; dcterms:identifier ?id .
          OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d dcterms:date ?date }
          OPTIONAL { ?d kgo:source ?source } OPTIONAL { ?d dcterms:creator ?author } } ORDER BY ?id""")
    assert [tuple(None if v is None else str(v) for v in row) for row in rows] == SEED_METADATA


@pytest.mark.parametrize("name, data, expected", [
    ("page.htm.gz", gzip.compress(b"<html><head><title>Riyadh talks</title></head><body><article>"
                                  b"<p>Lavrov met Rubio in Riyadh on Tuesday for four hours.</p>"
                                  b"</article></body></html>"),
     ("page", "Riyadh talks", "Lavrov met Rubio in Riyadh on Tuesday for four hours.")),
    ("note.md.gz", gzip.compress(b"# Riyadh talks\n\nLavrov met Rubio.\n"),
     ("note", "Riyadh talks", "Lavrov met Rubio.")),
])
def test_gzipped_html_and_markdown(tmp_path, name, data, expected):
    (tmp_path / name).write_bytes(data)
    (doc,) = ingest([tmp_path / name])
    assert (doc.id, doc.title, doc.text) == expected


def test_a_records_own_title_keeps_the_first_line_of_its_text():
    """Reuters wraps its first sentence: the first line is no headline when the record has a title,
    nor when the next line continues it in lower case."""
    text = "Charles Haughey, leader of the Irish\nparty Fianna Fail, said he will seek advice.\n"
    assert clean_article(text, title="HAUGHEY TO SEEK EC ADVICE").text.startswith("Charles Haughey")
    assert clean_article(text).text.startswith("Charles Haughey")
    titled = clean_article("Talks end in Riyadh\nMoscow said the talks were useful.\n", title="Talks end in Riyadh")
    assert titled.text == "Moscow said the talks were useful."
