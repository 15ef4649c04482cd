"""Readers: every format, and every kind of bad input gets a one-line reason while the rest is read."""

import http.server
import io
import json
import threading
from pathlib import Path


from tests.conftest import SEEDS
from vigil.records import FieldMap, RawDocument, ReadFailure
from vigil.sources import read_inputs

ARTICLE = (SEEDS / "reuters_sirte.txt").read_text(encoding="utf-8")
HTML = """<!DOCTYPE html><html><head><title>Libyan forces close in on Sirte</title>
<meta property="og:site_name" content="Example News"><meta name="author" content="A. Reporter">
<meta property="article:published_time" content="2016-10-19T08:00:00Z"></head>
<body><nav>Home › World</nav><article><h1>Libyan forces close in on Sirte</h1><p>{}</p></article></body></html>"""


def read_all(*inputs, **kw):
    return list(read_inputs([str(i) for i in inputs], **kw))


def test_sources_reads_plain_text_as_is(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    [doc] = read_all(tmp_path / "a.txt")
    assert isinstance(doc, RawDocument) and doc.content == ARTICLE


def test_sources_reads_utf16_and_windows_1252_text(tmp_path):
    (tmp_path / "u16.txt").write_bytes("Déjà vu in Mişrātah — “quoted”".encode("utf-16"))
    (tmp_path / "u16le.txt").write_bytes("Fighting near Sirte continued on Monday".encode("utf-16-le"))
    (tmp_path / "cp.txt").write_bytes("The minister’s “plan” for Sirte – café".encode("cp1252"))
    docs = {Path(d.origin).name: d.content for d in read_all(tmp_path)}
    assert docs["u16.txt"] == "Déjà vu in Mişrātah — “quoted”"
    assert docs["u16le.txt"] == "Fighting near Sirte continued on Monday"
    assert docs["cp.txt"] == "The minister’s “plan” for Sirte – café"


def test_sources_reads_html_main_text_and_metadata(tmp_path):
    (tmp_path / "page.html").write_text(HTML.format(ARTICLE.splitlines()[1]), encoding="utf-8")
    [doc] = read_all(tmp_path / "page.html")
    assert doc.title == "Libyan forces close in on Sirte"
    assert doc.published.startswith("2016-10-19") and doc.published_how
    assert doc.source == "Example News" and "battling Islamic State in Sirte" in doc.content


def test_sources_broken_html_is_read_or_failed_with_reason(tmp_path):
    (tmp_path / "broken.html").write_text("<html><body><p>Clashes in Sirte killed four fighters, officials said on Monday, " * 5
                                          + "<div><span>unclosed", encoding="utf-8")
    (tmp_path / "empty.html").write_text("<html><body><script>var x;</script></body></html>", encoding="utf-8")
    items = {Path(i.origin).name: i for i in read_all(tmp_path)}
    assert isinstance(items["broken.html"], RawDocument) and "Clashes in Sirte" in items["broken.html"].content
    assert isinstance(items["empty.html"], ReadFailure) and "no article text" in items["empty.html"].reason


def test_sources_jsonl_bad_line_does_not_stop_others(tmp_path):
    lines = [json.dumps({"body": ARTICLE, "headline": "Sirte", "date": "2016-10-19"}), "{not json", "",
             json.dumps({"body": "Second article about Mosul.", "headline": "Mosul"})]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = read_all(tmp_path / "dump.jsonl", fields=FieldMap(text="body", title="headline", published="date"))
    assert [type(i).__name__ for i in items] == ["RawDocument", "ReadFailure", "RawDocument"]
    assert items[0].published == "2016-10-19" and items[0].published_how == "field"
    assert items[1].origin.endswith("#L2") and "not JSON" in items[1].reason


def test_sources_csv_with_configured_fields_and_missing_column(tmp_path):
    (tmp_path / "a.csv").write_text('text,title\n"Fighting in Sirte, officials said.",Sirte\n', encoding="utf-8")
    (tmp_path / "b.csv").write_text('body,title\nsomething,x\n', encoding="utf-8")
    items = {Path(i.origin.split("#")[0]).name: i for i in read_all(tmp_path)}
    assert items["a.csv"].title == "Sirte" and items["a.csv"].origin.endswith("#row1")
    assert isinstance(items["b.csv"], ReadFailure) and "--text-field" in items["b.csv"].reason


def test_sources_reads_warc_response_records(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        body = HTML.format(ARTICLE.splitlines()[1]).encode("utf-8")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record("https://news.example/sirte", "response", payload=io.BytesIO(body),
                                           http_headers=headers)
        writer.write_record(record)
    [doc] = read_all(path)
    assert doc.origin == "https://news.example/sirte" and "Sirte" in doc.content


def test_sources_reads_rss_entries_and_reports_malformed_feed(tmp_path):
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
    <item><title>Sirte</title><link>https://wire.example/1</link><pubDate>Wed, 19 Oct 2016 08:00:00 GMT</pubDate>
    <description>&lt;p&gt;Libyan forces battled Islamic State in Sirte.&lt;/p&gt;</description></item>
    <item><title>Mosul</title><link>https://wire.example/2</link><description>Iraqi forces advanced on Mosul.</description></item>
    </channel></rss>"""
    (tmp_path / "feed.rss").write_text(rss, encoding="utf-8")
    (tmp_path / "bad.rss").write_text("<rss><channel><item><title>x", encoding="utf-8")
    items = read_all(tmp_path / "feed.rss", tmp_path / "bad.rss")
    assert [i.title for i in items[:2]] == ["Sirte", "Mosul"]
    assert items[0].published == "2016-10-19T08:00:00Z" and items[0].content == "Libyan forces battled Islamic State in Sirte."
    assert isinstance(items[2], ReadFailure) and "feed" in items[2].reason


def test_sources_reports_binary_empty_missing_and_huge_files(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 10)
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "c.txt").write_text("   \n\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("x" * 5000, encoding="utf-8")
    items = {Path(i.origin).name: i for i in read_all(tmp_path, tmp_path / "missing.txt", max_bytes=4000)}
    assert "PDF" in items["a.pdf"].reason
    assert "binary" in items["b.txt"].reason
    assert items["c.txt"].reason == "empty file"
    assert "over the" in items["d.txt"].reason and "--max-mb" in items["d.txt"].reason
    assert items["missing.txt"].reason == "no such file or folder"


def test_sources_walks_mixed_folder_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("First article text.", encoding="utf-8")
    (tmp_path / "b" / "c.html").write_text(HTML.format("Second article text, long enough to keep."), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("skip me", encoding="utf-8")
    origins = [Path(i.origin).name for i in read_all(tmp_path)]
    assert origins == ["a.txt", "c.html"]


def test_sources_fetches_url_from_local_server(tmp_path):
    (tmp_path / "page.html").write_text(HTML.format(ARTICLE.splitlines()[1]), encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        page, missing = read_all(f"{base}/page.html", f"{base}/nope.html")
    finally:
        server.shutdown()
    assert isinstance(page, RawDocument) and page.title == "Libyan forces close in on Sirte"
    assert isinstance(missing, ReadFailure) and "404" in missing.reason
