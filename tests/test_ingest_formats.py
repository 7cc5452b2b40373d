"""Every reader on well-formed input: the fields a user relies on arrive in the Article."""

from __future__ import annotations

import json
from pathlib import Path

from test_ingest_bad_input import GOOD, _page, make_warc

from storyline.ids import article_id, canonical_url


def test_text_front_matter(sl, tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text(
        "---\ntitle: Gipfel geplant\ndate: 2018-03-08\nsource: Beispielzeitung\nurl: https://www.example.org/a?utm_source=x\nressort: Politik\n---\n"
        + GOOD,
        encoding="utf-8",
    )
    report = sl.ingest([str(f)])
    a = sl.get(report.ingested[0]).article
    assert (a.title, a.source, a.url) == ("Gipfel geplant", "Beispielzeitung", "https://www.example.org/a?utm_source=x")
    assert a.published and a.published.date().isoformat() == "2018-03-08" and not a.published_estimated
    assert a.meta == {"ressort": "Politik"} and a.text == GOOD
    assert a.id == article_id("https://example.org/a", "anything")  # id from the canonical URL


def test_jsonl_field_mapping(tmp_path: Path):
    import storyline

    f = tmp_path / "front.jsonl"
    f.write_text(
        json.dumps({"id": "x1", "url": "https://zeit.de/1", "outlet": "zeit.de", "title": "Titel", "teaser": "Anriss", "first_seen": "2026-01-01T08:00:00"}) + "\n",
        encoding="utf-8",
    )
    with storyline.open(str(tmp_path / "db.db"), settings={"ingest.fields": {"text": "teaser", "published": "first_seen"}}) as sl:
        report = sl.ingest([str(f)])
        a = sl.get(report.ingested[0]).article
    assert (a.text, a.title, a.source) == ("Anriss", "Titel", "zeit.de")
    assert a.meta["source_id"] == "x1" and a.published.hour == 8


def test_csv(sl, tmp_path: Path):
    f = tmp_path / "h.csv"
    f.write_text("outlet;title;date;url\nSZ;Erste Schlagzeile;2020-03-01;https://sz.de/1\nFAZ;Zweite;2020-03-02;https://faz.net/2\n", encoding="utf-8")
    report = sl.ingest([str(f)])
    assert len(report.ingested) == 2, report.failed
    titles = {a.title for a in sl.articles()}
    assert titles == {"Erste Schlagzeile", "Zweite"}


def test_html_page(sl, tmp_path: Path):
    f = tmp_path / "p.html"
    f.write_text(_page("Große Koalition einigt sich", 5).replace("<head>", '<head><meta property="article:published_time" content="2021-05-04">'), encoding="utf-8")
    report = sl.ingest([str(f)])
    doc = sl.get(report.ingested[0])
    assert doc.article.title == "Große Koalition einigt sich"
    assert GOOD[:30] in doc.text and len(doc.paragraphs) >= 5
    assert doc.article.published and doc.article.published.year == 2021


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Beispiel-News</title>
<item><title>Erste &amp; wichtigste</title><link>https://news.example/1</link>
<pubDate>Wed, 10 Jan 2018 14:00:00 +0100</pubDate><description>&lt;p&gt;Text eins.&lt;/p&gt;&lt;p&gt;Zweiter Absatz.&lt;/p&gt;</description></item>
<item><title>Nur Titel</title><link>https://news.example/2</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom-News</title>
<entry><title>Atom-Eintrag</title><link href="https://atom.example/a"/><updated>2018-03-08T09:00:00Z</updated>
<content type="html">&lt;p&gt;Inhalt des Eintrags.&lt;/p&gt;</content></entry></feed>"""


def test_rss_and_atom(sl, tmp_path: Path):
    (tmp_path / "f.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "f.atom").write_text(ATOM, encoding="utf-8")
    report = sl.ingest([str(tmp_path)])
    assert len(report.ingested) == 3, report.failed
    by_title = {a.title: a for a in sl.articles()}
    first = by_title["Erste & wichtigste"]
    assert first.text == "Text eins.\n\nZweiter Absatz." and first.source == "Beispiel-News"
    assert first.published.isoformat() == "2018-01-10T13:00:00"  # normalised to UTC
    assert by_title["Nur Titel"].text == "Nur Titel"
    assert by_title["Atom-Eintrag"].url == "https://atom.example/a"


def test_warc(sl, tmp_path: Path):
    f = tmp_path / "crawl.warc.gz"
    make_warc(f, 3)
    report = sl.ingest([str(f)])
    assert len(report.ingested) == 3 and not report.failed
    urls = sorted(a.url for a in sl.articles())
    assert urls == [f"https://news.example/{i}" for i in range(3)]


def test_same_article_twice_is_harmless(sl, tmp_path: Path):
    a = tmp_path / "a.txt"
    a.write_text(GOOD, encoding="utf-8")
    b = tmp_path / "copy.txt"
    b.write_text("  " + GOOD.replace(" ", "  ") + "\n", encoding="utf-8")  # same text, other white space
    first = sl.ingest([str(a), str(b)])
    assert len(first.ingested) == 1 and len(first.duplicates) == 1
    second = sl.ingest([str(a)])
    assert second.ingested == [] and second.duplicates == first.ingested
    assert sl.count() == 1 and sl.check() == []


def test_canonical_url():
    assert canonical_url("HTTP://WWW.Example.org:80/a/b/?utm_medium=x&b=2&a=1#frag") == "https://example.org/a/b?a=1&b=2"
    assert canonical_url("mailto:x@example.org") is None
    assert article_id("https://example.org/a", "x") == article_id("https://www.example.org/a/", "y")
