"""Issue 18: web archives as crawlers write them: WARC ``resource`` records, one gzip member
around a whole WARC, ARC files, and the capture date standing in for a missing publication date."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import Any

import pytest

GOOD = "Die Regierung in Berlin hat am Mittwoch neue Pläne vorgestellt. Sie sollen im Mai gelten."


@pytest.fixture
def lib(tmp_path: Path) -> Any:
    import storyline

    sl = storyline.open(str(tmp_path / "t.db"), settings={"pipeline.stages": [], "link.on_ingest": False})
    yield sl
    sl.close()


def _page(title: str) -> bytes:
    paras = "".join(f"<p>{GOOD} Absatz {i} mit genug Text für die Extraktion.</p>" for i in range(5))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>".encode()


def _warc() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    w = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=iso-8859-1")], protocol="HTTP/1.1")
    payload = _page("Antwort mit Umlauten: Größe").decode().encode("cp1252")
    w.write_record(w.create_warc_record("https://a.example/1", "response", payload=io.BytesIO(payload), http_headers=headers,
                                        warc_headers_dict={"WARC-Date": "2017-04-05T06:07:08Z"}))
    w.write_record(w.create_warc_record("https://a.example/2", "resource", payload=io.BytesIO(_page("Ressource")),
                                        warc_content_type="text/html", warc_headers_dict={"WARC-Date": "2017-04-05T06:07:09Z"}))
    return out.getvalue()


def _arc() -> bytes:
    desc = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    head = b"filedesc://test.arc 0.0.0.0 20140101000000 text/plain %d\n" % len(desc) + desc + b"\n"
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + _page("ArcSeite")
    return head + b"http://arc.example/x 1.2.3.4 20140102030405 text/html %d\n" % len(http) + http + b"\n"


def test_warc_response_and_resource_records_with_capture_date_and_charset(lib, tmp_path: Path):
    f = tmp_path / "crawl.warc"
    f.write_bytes(_warc())
    report = lib.ingest([str(f)])
    assert len(report.ingested) == 2 and not report.failed, report.failed
    arts = {a.url: a for a in lib.articles()}
    first = arts["https://a.example/1"]
    assert first.title == "Antwort mit Umlauten: Größe"
    assert first.published.isoformat() == "2017-04-05T06:07:08" and first.meta["captured"] == "2017-04-05T06:07:08Z"
    assert first.meta["date_from"] == "capture"
    assert arts["https://a.example/2"].title == "Ressource"


def test_warc_in_one_gzip_member(lib, tmp_path: Path):
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(gzip.compress(_warc()))
    report = lib.ingest([str(f)])
    assert len(report.ingested) == 2 and not report.failed and not report.duplicates, report.failed


def test_arc_file(lib, tmp_path: Path):
    f = tmp_path / "old.arc"
    f.write_bytes(_arc())
    report = lib.ingest([str(f)])
    assert len(report.ingested) == 1 and not report.failed, report.failed
    (a,) = lib.articles()
    assert (a.title, a.url, a.published.isoformat()) == ("ArcSeite", "http://arc.example/x", "2014-01-02T03:04:05")
    cut = tmp_path / "cut.arc"
    cut.write_bytes(_arc()[:-200])
    assert "truncated or corrupt" in lib.ingest([str(cut)]).failed[0].reason
