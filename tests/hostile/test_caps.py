"""Issue 23, item 4: decompressed size and record size are capped; WARC header lines are bounded
and the WARC integrity check decompresses in bounded steps. Caps are set low to prove them."""

from __future__ import annotations

import gzip
import json
import tracemalloc
import zlib
from pathlib import Path

from .conftest import GOOD, failures, good_file, open_lib


def _gzip(path: Path, parts: list[bytes]) -> None:
    c = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    path.write_bytes(b"".join(c.compress(p) for p in parts) + c.flush())


def test_jsonl_gz_line_over_the_record_cap_is_skipped_not_held(tmp_path):
    src = tmp_path / "bomb.jsonl.gz"
    _gzip(src, [b'{"text": "', b"a" * 20_000_000, b'"}\n', json.dumps({"text": GOOD}).encode() + b"\n"])
    with open_lib(tmp_path, **{"ingest.max_bytes": 100_000}) as sl:
        tracemalloc.start()
        report = sl.ingest([str(src), str(good_file(tmp_path))])
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert failures(report) == {f"{src}:1": "line too long (20,000,013 bytes; limit ingest.max_bytes = 100,000)"}
    assert len(report.ingested) == 2
    assert peak < 6_000_000  # the 20 MB line was never held


def test_decompressed_stream_cap(tmp_path):
    src = tmp_path / "many.jsonl.gz"
    line = json.dumps({"text": GOOD + " x" * 20}).encode() + b"\n"
    _gzip(src, [line] * 2000)
    with open_lib(tmp_path, **{"ingest.max_stream_bytes": 200_000}) as sl:
        report = sl.ingest([str(src)])
    (reason,) = failures(report).values()
    assert "decompressed stream larger than ingest.max_stream_bytes = 200,000" in reason
    assert 0 < len(report.ingested) < 2000


def test_gz_text_over_the_cap_after_decompression(tmp_path):
    src = tmp_path / "t.txt.gz"
    src.write_bytes(gzip.compress(GOOD.encode() * 1000))
    with open_lib(tmp_path, **{"ingest.max_bytes": 10_000}) as sl:
        report = sl.ingest([str(src)], format="text")
    assert failures(report) == {str(src): "decompressed size exceeds ingest.max_bytes = 10,000"}


def _member(data: bytes) -> bytes:
    return gzip.compress(data)


def _record(uri: str, html: bytes, length: int | None = None) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-01-01T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)):032d}>\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {length or len(http)}\r\n\r\n"
    ).encode()
    return head + http


PAGE = f"<html><head><title>Pläne</title></head><body><article><p>{GOOD} {GOOD}</p></article></body></html>".encode()


def test_warc_header_line_is_bounded(lib, tmp_path):
    src = tmp_path / "h.warc.gz"
    src.write_bytes(
        _member(_record("http://x.org/a", PAGE) + b"\r\n\r\n")
        + _member(b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: " + b"x" * 3_000_000)
    )
    report = lib.ingest([str(src)])
    assert failures(report) == {str(src): "WARC refused after 1 HTML records: header line longer than 65,536 bytes"}
    assert len(report.ingested) == 1


def test_warc_integrity_check_is_capped(tmp_path):
    src = tmp_path / "z.warc.gz"
    zeros = b"\0" * 30_000_000
    http_len = len(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n") + len(zeros)
    big = _record("http://x.org/z", b"", length=http_len).replace(b"text/html; charset=utf-8", b"text/html") + zeros
    src.write_bytes(_member(_record("http://x.org/a", PAGE) + b"\r\n\r\n") + _member(big + b"\r\n\r\n"))
    with open_lib(tmp_path, **{"ingest.max_stream_bytes": 1_000_000}) as sl:
        report = sl.ingest([str(src)])
    (reason,) = failures(report).values()
    assert "larger than ingest.max_stream_bytes = 1,000,000" in reason
    assert len(report.ingested) == 1
    from storyline.ingest.warc import _damage

    assert _damage(src, 1_000_000) == "decompressed archive larger than ingest.max_stream_bytes = 1,000,000"
    tracemalloc.start()
    assert _damage(src, 100_000_000) is None  # 30 MB decompressed, in steps of 1 MB
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 4_000_000
