"""Issue 23, item 6: no reader drops the rest of a file, and nothing in a folder is skipped silently."""

from __future__ import annotations

import gzip
import os

from storyline.ingest import Problem, read_inputs
from storyline.settings import Settings

from .conftest import FAST, GOOD, failures, good_file


def test_csv_field_over_131072_chars_costs_only_its_row(lib, tmp_path):
    rows = ["title,text", f"eins,{GOOD} eins", "zwei," + "x" * 140_000, f"drei,{GOOD} drei", f"vier,{GOOD} vier"]
    src = tmp_path / "c.csv"
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = lib.ingest([str(src)])
    assert report.failed == [] and len(report.ingested) == 4  # a 140,000-char text is fine


def test_csv_row_over_the_record_cap_is_reported_and_later_rows_kept(tmp_path):
    from .conftest import open_lib

    rows = ["title,text", f"eins,{GOOD} eins", "zwei," + "x" * 5000, f"drei,{GOOD} drei", "vier,\xff"]
    src = tmp_path / "c.csv"
    src.write_bytes(("\n".join(rows[:4]) + "\n").encode() + b"vier,\xff\xfe\n" + f"fuenf,{GOOD} fuenf\n".encode())
    with open_lib(tmp_path, **{"ingest.max_bytes": 1000}) as sl:
        report = sl.ingest([str(src)])
    assert failures(report) == {
        f"{src}:3": "line 3 too long (5,006 bytes; limit ingest.max_bytes)",
        f"{src}:5": "invalid UTF-8 at byte 5 of line 5",
    }
    assert len(report.ingested) == 3


def test_multi_member_gzip_text_is_read_whole(lib, tmp_path):
    src = tmp_path / "m.txt.gz"
    src.write_bytes(gzip.compress(f"{GOOD} Erster Teil. ".encode()) + gzip.compress(b"Zweiter Teil des Textes."))
    report = lib.ingest([str(src)], format="text")
    assert len(report.ingested) == 1
    assert lib.get(report.ingested[0]).article.text.endswith("Erster Teil. Zweiter Teil des Textes.")


def test_fifo_and_unknown_types_in_a_folder_are_reported(lib, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    good_file(folder)
    report = lib.ingest([str(folder)])
    assert {p.origin: p.reason for p in report.skipped} == {
        str(folder / "notes.pdf"): "skipped: unknown file type (a PDF document)",
        str(folder / "pipe.txt"): "skipped: a FIFO (named pipe), not a regular file",
    }
    assert not report.ok  # a skipped file is not ingested: exit code 1
    assert len(report.ingested) == 1
    named = lib.ingest([str(folder / "pipe.txt")])  # named on the command line: a failure, no hang
    assert failures(named) == {str(folder / "pipe.txt"): "not a regular file (a FIFO (named pipe))"}


def test_a_folders_readme_is_no_article_unless_named(lib, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good_file(folder)
    for name in ("README.md", "LICENSE", "changelog.txt"):
        (folder / name).write_text("# The example articles\n\nTwo German news articles, as published.\n")
    (folder / "readme-notes.txt").write_text("Nordkorea und die USA: Gespräche im Frühjahr. " * 5)
    report = lib.ingest([str(folder)])
    assert report.ok  # a note, not a failure: exit code 0
    assert {p.origin: p.reason for p in report.warnings} == {
        str(folder / "README.md"): "skipped: the folder's README, not an article (name the file to ingest it)",
        str(folder / "LICENSE"): "skipped: the folder's LICENSE, not an article (name the file to ingest it)",
        str(folder / "changelog.txt"): "skipped: the folder's CHANGELOG, not an article (name the file to ingest it)",
    }
    assert len(report.ingested) == 2  # the article and "readme-notes.txt", which is no README
    named = lib.ingest([str(folder / "README.md")])
    assert len(named.ingested) == 1 and not named.warnings


def test_file_deleted_mid_walk_is_reported_as_such(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    first, second = good_file(folder, 0), good_file(folder, 1)
    items = []
    for item in read_inputs([str(folder)], Settings(FAST)):
        items.append(item)
        if second.exists():
            second.unlink()
    assert [type(i).__name__ for i in items] == ["Article", "Problem"]
    assert items[0].origin == str(first)
    assert items[1] == Problem(str(second), "vanished: deleted while the ingest ran")


def test_file_deleted_between_listing_and_reading(tmp_path, monkeypatch):
    from storyline.ingest import text

    src = good_file(tmp_path)
    real = text.read_bytes

    def vanish(path: str, limit: int) -> bytes:
        os.unlink(path)
        return real(path, limit)

    monkeypatch.setattr(text, "read_bytes", vanish)
    (problem,) = read_inputs([str(src)], Settings(FAST))
    assert problem == Problem(str(src), "no such file (deleted during the ingest?)")
