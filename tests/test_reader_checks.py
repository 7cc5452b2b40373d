"""One shared check run over every format reader: bad files give Problems that name them, never a raise.

A batch ingest relies on this: a reader that raises (or silently yields nothing) for one damaged file
loses the file's name and reason, or the rest of the batch. Every reader in ``storyline.ingest.FORMATS``
is run on a good file of its format (the control: it must yield Articles), and on the same file empty,
cut in the middle, and replaced by binary junk.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from storyline.ingest import FORMATS, Problem, reader
from storyline.model import Article
from storyline.settings import Settings

TEXT = ("Die Regierung in Berlin hat am Mittwoch neue Pläne vorgestellt. Sie sollen im Mai gelten, "
        "sagte ein Sprecher. ")
RECORDS = [
    {"title": f"Meldung {i}", "text": TEXT * 3 + f"Nummer {i}.", "published": f"2018-03-0{i}T08:00:00",
     "url": f"https://news.example/{i}"}
    for i in range(1, 4)
]
RSS = (
    '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Beispiel-News</title>\n'
    + "".join(
        f"<item><title>{r['title']}</title><link>{r['url']}</link><pubDate>Wed, 0{i} Mar 2018 14:00:00 +0100"
        f"</pubDate><description>&lt;p&gt;{r['text']}&lt;/p&gt;</description></item>\n"
        for i, r in enumerate(RECORDS, 1)
    )
    + "</channel></rss>\n"
)
ATOM = (
    '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom-News</title>\n'
    + "".join(
        f'<entry><title>{r["title"]}</title><link href="{r["url"]}"/><updated>{r["published"]}Z</updated>'
        f'<content type="html">&lt;p&gt;{r["text"]}&lt;/p&gt;</content></entry>\n'
        for r in RECORDS
    )
    + "</feed>\n"
)


def _page(title: str) -> str:
    paras = "".join(f"<p>{TEXT} Absatz {i} über {title} mit genug Text für die Extraktion.</p>" for i in range(6))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>"


def _warc(compress: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for r in RECORDS:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        payload = io.BytesIO(_page(r["title"]).encode())
        writer.write_record(writer.create_warc_record(r["url"], "response", payload=payload, http_headers=headers))
    return out.getvalue()


def _csv() -> str:
    rows = [f"{r['title']};{r['published']};{r['url']};{r['text']}" for r in RECORDS]
    return "title;date;url;text\n" + "\n".join(rows) + "\n"


def _good(suffix: str) -> bytes:
    """A valid file of the format the suffix names."""
    base = suffix.removesuffix(".gz")
    if base == ".warc":
        return _warc(compress=suffix.endswith(".gz"))
    content = {
        ".txt": "---\ntitle: Pläne\ndate: 2018-03-08\nsource: Beispielzeitung\n---\n" + TEXT * 4,
        ".jsonl": "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS),
        ".json": json.dumps(RECORDS, ensure_ascii=False, indent=1),
        ".csv": _csv(),
        ".html": _page("Große Koalition einigt sich"),
        ".rss": RSS,
        ".atom": ATOM,
    }[base].encode()
    return gzip.compress(content, mtime=0) if suffix.endswith(".gz") else content


#: (format, file suffix): every reader, and the compressed variants that take another path through it
VARIANTS = [
    ("text", ".txt"),
    ("jsonl", ".jsonl"),
    ("jsonl", ".jsonl.gz"),
    ("json", ".json"),
    ("csv", ".csv"),
    ("csv", ".csv.gz"),
    ("html", ".html"),
    ("feed", ".rss"),
    ("feed", ".atom"),
    ("warc", ".warc"),
    ("warc", ".warc.gz"),
]
BINARY = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def _content(kind: str, suffix: str) -> bytes:
    if kind == "good":
        return _good(suffix)
    if kind == "empty":
        return b""
    if kind == "truncated":
        data = _good(suffix)
        return data[: int(len(data) * 0.6)]
    return BINARY


def _read(fmt: str, path: Path) -> list[Article | Problem]:
    return list(reader(fmt)(str(path), Settings()))


def test_every_format_has_a_variant() -> None:
    assert {fmt for fmt, _ in VARIANTS} == set(FORMATS)


CASES = [
    pytest.param(fmt, suffix, kind, id=f"{fmt}{suffix}-{kind}")
    for fmt, suffix in VARIANTS
    for kind in ("good", "empty", "truncated", "binary")
]


@pytest.mark.parametrize(("fmt", "suffix", "kind"), CASES)
def test_reader_yields_articles_or_problems_naming_the_input(tmp_path: Path, fmt: str, suffix: str, kind: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(_content(kind, suffix))
    items = _read(fmt, path)  # must not raise
    assert items, "the reader said nothing: a bad input must at least give a Problem"
    assert all(isinstance(i, Article | Problem) for i in items), items
    problems = [i for i in items if isinstance(i, Problem)]
    articles = [i for i in items if isinstance(i, Article)]
    for p in problems:
        assert str(path) in p.origin and p.reason.strip(), p
    assert all(a.text.strip() for a in articles)
    if kind == "good":
        assert articles and not [p for p in problems if p.fatal], problems
    elif kind in ("empty", "binary"):
        assert not articles and any(p.fatal for p in problems), items
    elif suffix.endswith(DAMAGE_SHOWS):
        assert problems, f"a cut {suffix} file passed as whole: {items}"


#: formats whose structure shows a cut (a plain text, HTML page or CSV row cut short is still valid)
DAMAGE_SHOWS = (".json", ".jsonl", ".gz", ".warc", ".rss", ".atom")
