"""Bad input never crashes the batch or loses the good items; each problem names input and reason."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli.main import app
from storyline.ingest import Problem, read_inputs
from storyline.settings import Settings

GOOD = "Die Regierung in Berlin hat am Mittwoch neue Pläne vorgestellt. Sie sollen im Mai gelten."


def _ingest(sl, paths, **kw):
    report = sl.ingest([str(p) for p in paths], **kw)
    return report, {p.origin: p.reason for p in report.failed}


def _good(folder: Path, n: int = 2) -> list[Path]:
    out = []
    for i in range(n):
        p = folder / f"good{i}.txt"
        p.write_text(f"{GOOD} Meldung Nummer {i}.", encoding="utf-8")
        out.append(p)
    return out


def test_empty_file(sl, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n\t ", encoding="utf-8")
    report, failed = _ingest(sl, [empty, blank, *_good(tmp_path)])
    assert failed == {str(empty): "empty file", str(blank): "empty file"}
    assert len(report.ingested) == 2 and sl.count() == 2


def test_binary_file(sl, tmp_path):
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"abc\x00\x01\x02" * 100)
    report, failed = _ingest(sl, [png, nul, *_good(tmp_path)])
    assert "binary file (a PNG image)" in failed[str(png)]
    assert "binary" in failed[str(nul)]
    assert len(report.ingested) == 2


def test_invalid_utf8_is_refused_and_latin1_is_decoded_with_a_warning(sl, tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_bytes("Größe und Maß: ".encode() + b"\xff\xfe kaputt " + "Übel".encode())
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Die Bürger in Köln äußerten sich über die Straße.".encode("latin-1"))
    report, failed = _ingest(sl, [broken, latin, *_good(tmp_path)])
    assert "invalid UTF-8 at byte" in failed[str(broken)]
    assert str(latin) not in failed
    assert any(w.origin == str(latin) and "Latin-1" in w.reason for w in report.warnings)
    texts = [a.text for a in sl.articles(limit=None)]
    assert "Die Bürger in Köln äußerten sich über die Straße." in texts  # nothing mangled
    assert len(report.ingested) == 3


def test_file_over_size_limit(tmp_path):
    import storyline

    big = tmp_path / "big.txt"
    big.write_text("Wort " * 2000, encoding="utf-8")
    with storyline.open(str(tmp_path / "db.db"), settings={"ingest.max_bytes": 5000}) as sl:
        report, failed = _ingest(sl, [big, *_good(tmp_path)])
        assert "file too large (10,000 bytes; limit ingest.max_bytes = 5,000)" == failed[str(big)]
        assert len(report.ingested) == 2


def test_malformed_jsonl_line_among_good_ones(sl, tmp_path):
    f = tmp_path / "items.jsonl"
    lines = [
        json.dumps({"title": "Erste Meldung", "text": GOOD, "url": "https://example.org/a"}),
        '{"title": "kaputt", "text": ',
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": None, "body": None}),
        "",
        json.dumps({"headline": "Zweite Meldung", "teaser": "Kurzer Text.", "first_seen": "2026-01-02T10:00:00"}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report, failed = _ingest(sl, [f])
    assert failed[f"{f}:2"].startswith("malformed JSON")
    assert "expected a JSON object" in failed[f"{f}:3"]
    assert "record has no text" in failed[f"{f}:4"]
    assert len(report.ingested) == 2
    second = next(a for a in sl.articles() if a.title == "Zweite Meldung")
    assert second.published is not None and second.published.isoformat() == "2026-01-02T10:00:00"


def test_broken_feed(sl, tmp_path):
    broken = tmp_path / "broken.rss"
    broken.write_text("<rss><channel><item><title>Kein Ende", encoding="utf-8")
    notfeed = tmp_path / "plain.xml"
    notfeed.write_text("<root><x>1</x></root>", encoding="utf-8")
    report, failed = _ingest(sl, [broken, notfeed, *_good(tmp_path)])
    assert str(notfeed) in failed and "feed" in failed[str(notfeed)]
    # a truncated feed either yields what it could (with a warning) or fails with a reason
    assert str(broken) in failed or any(w.origin == str(broken) for w in report.warnings)
    assert sl.count() >= 2


def _warc_record(writer, url: str, html: str):
    from warcio.statusandheaders import StatusAndHeaders

    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    rec = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
    writer.write_record(rec)


def _page(title: str, n: int) -> str:
    paras = "".join(f"<p>{GOOD} Absatz {i} über {title} mit genug Text für die Extraktion.</p>" for i in range(n))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>"


def make_warc(path: Path, pages: int) -> None:
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(pages):
            _warc_record(writer, f"https://news.example/{i}", _page(f"Meldung {i}", 6))


def test_truncated_gzip_warc(sl, tmp_path):
    whole = tmp_path / "whole.warc.gz"
    make_warc(whole, 6)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    report, failed = _ingest(sl, [cut])
    assert "truncated or corrupt WARC" in failed[str(cut)]
    assert 1 <= len(report.ingested) < 6  # everything before the damage is kept
    report2, _ = _ingest(sl, [whole])
    assert len(report2.ingested) + len(report2.duplicates) == 6 and sl.count() == 6


def test_directory_with_unreadable_files(sl, tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder, 3)
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    locked = folder / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    from storyline.ingest import guard

    real_open = guard.open_regular

    def guarded(path: str):  # tests run as root, where chmod 000 still reads
        if path.endswith("locked.txt"):
            raise guard.InputError("permission denied")
        return real_open(path)

    monkeypatch.setattr(guard, "open_regular", guarded)
    report, failed = _ingest(sl, [folder])
    assert failed[str(locked)] == "permission denied"
    assert failed[str(folder / "dangling.txt")] == "broken symbolic link"
    assert len(report.ingested) == 3


def test_html_without_main_text(sl, tmp_path):
    empty = tmp_path / "nav.html"
    empty.write_text("<html><body><nav><a href='/'>Start</a></nav><script>var x=1;</script></body></html>", encoding="utf-8")
    good = tmp_path / "good.html"
    good.write_text(_page("Gute Seite", 5), encoding="utf-8")
    report, failed = _ingest(sl, [empty, good])
    assert failed[str(empty)] == "no main text found in the HTML page"
    assert len(report.ingested) == 1


def test_missing_paths_and_unknown_types(sl, tmp_path):
    odd = tmp_path / "data.bin"
    odd.write_bytes(b"abc")
    report, failed = _ingest(sl, [tmp_path / "missing.txt", odd])
    assert failed[str(tmp_path / "missing.txt")] == "no such file or folder"
    assert "unknown file type" in {p.origin: p.reason for p in report.skipped}[str(odd)]


def test_truncated_gzip_jsonl_keeps_records_before_the_damage(sl, tmp_path):
    raw = "\n".join(json.dumps({"title": f"T{i}", "text": f"{GOOD} {i}"}) for i in range(400)).encode()
    data = gzip.compress(raw)
    f = tmp_path / "stream.jsonl.gz"
    f.write_bytes(data[: len(data) // 2])
    report, failed = _ingest(sl, [f])
    assert "stream broken" in failed[str(f)]
    assert len(report.ingested) > 10


def test_cli_exit_codes_and_one_line_per_problem(tmp_path):
    _good(tmp_path, 2)
    (tmp_path / "empty.txt").write_bytes(b"")
    db = tmp_path / "x.db"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db)])
    assert result.exit_code == 1
    assert f"failed: {tmp_path / 'empty.txt'}: empty file" in result.output
    assert "2 ingested, 0 duplicates, 1 failed" in result.output
    (tmp_path / "empty.txt").unlink()
    again = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db)])
    assert again.exit_code == 0 and "0 ingested, 2 duplicates, 0 failed" in again.output


def test_reader_yields_problems_not_exceptions(tmp_path):
    """Fuzz-ish: arbitrary bytes under every extension give articles or problems, never a raise."""
    import random

    rng = random.Random(7)
    settings = Settings()
    for ext in ["txt", "jsonl", "json", "csv", "html", "rss", "warc", "warc.gz", "jsonl.gz"]:
        for n in range(4):
            p = tmp_path / f"f{n}.{ext}"
            p.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))))
            items = list(read_inputs([str(p)], settings))
            assert all(isinstance(i, Problem) or i.text for i in items)


@pytest.mark.parametrize("text", ["\ufeffMit BOM beginnt dieser Text.", "Zeilen\r\nmit\r\nWindows-Enden."])
def test_bom_and_crlf(sl, tmp_path, text):
    f = tmp_path / "t.txt"
    f.write_bytes(text.encode("utf-8"))
    report, _ = _ingest(sl, [f])
    stored = sl.get(report.ingested[0]).article.text
    assert "\ufeff" not in stored and "\r" not in stored
