"""Issue 18: inputs as people have them. Compressed and extension-less files, JSON wrappers and
the field names of the common news tools, declared and undeclared encodings, feed item identity.
Every fixture is made here."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

GOOD = "Die Regierung in Berlin hat am Mittwoch neue Pläne vorgestellt. Sie sollen im Mai gelten."
FAST: dict[str, Any] = {"pipeline.stages": [], "link.on_ingest": False}


@pytest.fixture
def lib(tmp_path: Path) -> Any:
    import storyline

    sl = storyline.open(str(tmp_path / "t.db"), settings=FAST)
    yield sl
    sl.close()


def _page(title: str, extra_head: str = "", body: str = GOOD) -> str:
    paras = "".join(f"<p>{body} Absatz {i} über {title} mit genug Text für die Extraktion.</p>" for i in range(5))
    return f"<html><head>{extra_head}<title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>"


def _rss(items: list[dict[str, str]], encoding: str = "utf-8", declare: bool = True) -> bytes:
    decl = f'<?xml version="1.0" encoding="{encoding}"?>\n' if declare else ""
    body = "".join(
        "<item>" + "".join(f"<{k}>{v}</{k}>" for k, v in item.items()) + "</item>" for item in items
    )
    return (decl + f"<rss version=\"2.0\"><channel><title>Testfeed</title><link>https://feed.example/</link>{body}</channel></rss>").encode(encoding)


def _titles(lib: Any) -> set[str]:
    return {a.title for a in lib.articles()}


def test_folder_of_compressed_and_extensionless_files_is_read_whole(lib, tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html.gz").write_bytes(gzip.compress(_page("Seite A").encode()))
    (folder / "b.json.gz").write_bytes(gzip.compress(json.dumps({"title": "Satz B", "text": GOOD + " B"}).encode()))
    (folder / "c.txt.gz").write_bytes(gzip.compress(f"{GOOD} C".encode()))
    (folder / "d.xml.gz").write_bytes(gzip.compress(_rss([{"title": "Meldung D", "link": "https://x.example/d", "description": GOOD}])))
    (folder / "e.rdf").write_bytes(
        b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
        b'<channel rdf:about="https://r.example/"><title>RDF</title><link>https://r.example/</link></channel>'
        b'<item rdf:about="https://r.example/e"><title>Meldung E</title><link>https://r.example/e</link>'
        b"<description>" + GOOD.encode() + b"</description></item></rdf:RDF>"
    )
    (folder / "f").write_bytes(_page("Seite F").encode())  # no extension: sniffed as HTML
    (folder / "g").write_text(json.dumps({"title": "Satz G", "text": GOOD + " G"}) + "\n" + json.dumps({"title": "Satz H", "text": GOOD + " H"}) + "\n")
    (folder / "h.bin").write_bytes(b"\x00\x01\x02 junk")
    report = lib.ingest([str(folder)])
    assert _titles(lib) >= {"Seite A", "Satz B", "Meldung D", "Meldung E", "Seite F", "Satz G", "Satz H"}
    assert len(report.ingested) == 8, (report.failed, report.skipped)
    assert [(Path(p.origin).name, p.reason) for p in report.skipped] == [
        ("h.bin", "skipped: unknown file type (binary data (contains NUL bytes))")
    ]
    assert report.summary()["skipped"] == 1 and not report.ok and not report.failed


def test_store_in_the_folder_is_not_an_input(tmp_path: Path):
    from typer.testing import CliRunner

    from storyline.cli.main import app

    (tmp_path / "a.txt").write_text(GOOD)
    db = tmp_path / "news.db"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db), "-q"]).exit_code == 0
    again = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db), "-q"])
    assert again.exit_code == 0 and "0 ingested, 1 duplicates, 0 failed" in again.output


def test_newsapi_wrapper_with_nested_source_and_published_at(lib, tmp_path: Path):
    f = tmp_path / "newsapi.json"
    f.write_text(json.dumps({"status": "ok", "totalResults": 2, "articles": [
        {"source": {"id": None, "name": "Der Spiegel"}, "author": "A", "title": "Eins", "description": "Kurz",
         "url": "https://spiegel.example/1", "publishedAt": "2024-02-03T10:00:00Z", "content": GOOD + " [+1200 chars]"},
        {"source": {"id": "zeit", "name": "Zeit"}, "title": "Zwei", "url": "https://zeit.example/2",
         "publishedAt": "2024-02-04T10:00:00Z", "description": GOOD},
    ]}))
    report = lib.ingest([str(f)])
    assert len(report.ingested) == 2, report.failed
    arts = {a.title: a for a in lib.articles()}
    assert arts["Eins"].source == "Der Spiegel" and arts["Zwei"].source == "Zeit"
    assert arts["Eins"].published.isoformat() == "2024-02-03T10:00:00" and not arts["Eins"].published_estimated


def test_news_please_and_common_crawl_field_names(lib, tmp_path: Path):
    f = tmp_path / "np.jsonl"
    f.write_text(json.dumps({"title": "NP", "maintext": GOOD, "date_publish": "2019-05-06 07:08:09",
                             "source_domain": "faz.example", "url": "https://faz.example/np", "language": "de"}) + "\n")
    report = lib.ingest([str(f)])
    a = lib.get(report.ingested[0]).article
    assert (a.text, a.source, a.language) == (GOOD, "faz.example", "de")
    assert a.published.isoformat() == "2019-05-06T07:08:09"


def test_json_feed_items_become_articles(lib, tmp_path: Path):
    f = tmp_path / "feed.json"
    f.write_text(json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "JF", "items": [
        {"id": "1", "url": "https://jf.example/1", "title": "Erster", "content_html": f"<p>{GOOD}</p><p>Zweiter Absatz.</p>",
         "date_published": "2025-01-02T03:04:05Z"},
        {"id": "2", "url": "https://jf.example/2", "title": "Zweiter", "content_text": GOOD + " zwei"},
    ]}))
    report = lib.ingest([str(f)])
    assert len(report.ingested) == 2, report.failed
    arts = {a.title: a for a in lib.articles()}
    assert arts["Erster"].text == GOOD + "\n\nZweiter Absatz." and arts["Erster"].source == "JF"
    assert arts["Erster"].published.year == 2025


def test_csv_with_unknown_text_column_gives_one_line(lib, tmp_path: Path):
    f = tmp_path / "x.csv"
    f.write_text("kennung;inhalt;tag\n" + "".join(f"{i};{GOOD} {i};2020-01-0{i % 9 + 1}\n" for i in range(50)))
    report = lib.ingest([str(f)])
    assert [(p.origin, p.reason) for p in report.failed] == [
        (str(f), "no text column among the columns kennung, inhalt, tag; map one with --field text=COLUMN (e.g. --field text=kennung)")
    ]


def test_declared_charsets_and_a_stray_byte(lib, tmp_path: Path):
    latin = tmp_path / "latin.html"
    latin.write_bytes(_page("Größere Pläne", '<meta charset="iso-8859-1">').encode("cp1252"))
    gb = tmp_path / "gb.html"
    gb.write_bytes(_page("北京新闻", '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
                         body="北京市政府今天宣布了新的计划。" * 8).encode("gb18030"))
    stray = tmp_path / "stray.html"
    stray.write_bytes(_page("Übersicht").encode().replace(b"Absatz 2", b"Absatz \xff2"))
    report = lib.ingest([str(latin), str(gb), str(stray)])
    assert not report.failed, report.failed
    assert _titles(lib) == {"Größere Pläne", "北京新闻", "Übersicht"}
    warned = {Path(p.origin).name: p.reason for p in report.warnings}
    assert warned["stray.html"].startswith("1 byte not valid UTF-8 replaced with U+FFFD, the first at byte offset ")
    assert "latin.html" not in warned and "gb.html" not in warned


def test_feed_encodings_declared_and_detected(lib, tmp_path: Path):
    ru = "Правительство России объявило о новых мерах поддержки экономики страны."
    declared = tmp_path / "koi.rss"
    declared.write_bytes(_rss([{"title": "Новости", "link": "https://ru.example/1", "description": ru}], "koi8-r"))
    bare = tmp_path / "bare.rss"
    bare.write_bytes(_rss([{"title": "Экономика", "link": "https://ru.example/2", "description": ru * 3}], "koi8-r", declare=False))
    report = lib.ingest([str(declared), str(bare)])
    assert len(report.ingested) == 2, report.failed
    assert _titles(lib) == {"Новости", "Экономика"}


def test_feed_items_sharing_a_link_are_different_articles(lib, tmp_path: Path):
    home = "https://site.example/"
    f = tmp_path / "same.rss"
    f.write_bytes(_rss([{"title": f"Meldung {i}", "link": home, "description": f"{GOOD} Nummer {i}."} for i in range(3)]
                       + [{"title": "Meldung 0", "link": home, "description": f"{GOOD} Nummer 0."}]))
    report = lib.ingest([str(f)])
    assert len(report.ingested) == 3 and len(report.duplicates) == 1
    guid = tmp_path / "guid.rss"
    guid.write_bytes(_rss([{"title": f"G {i}", "link": home, "guid": f"id-{i}", "description": GOOD} for i in range(2)]))
    assert len(lib.ingest([str(guid)]).ingested) == 2


def test_updated_article_is_a_new_version_and_ids_are_deterministic(tmp_path: Path):
    import storyline

    def page(text: str) -> str:
        return f"---\ntitle: Gipfel\nurl: https://zeit.example/gipfel\n---\n{text}\n"

    first, second = tmp_path / "v1.txt", tmp_path / "v2.txt"
    first.write_text(page(GOOD))
    second.write_text(page(GOOD + " Aktualisiert: Der Gipfel wurde verschoben."))
    ids = []
    for run in range(2):
        with storyline.open(str(tmp_path / f"v{run}.db"), settings=FAST) as sl:
            one = sl.ingest([str(first)])
            two = sl.ingest([str(second)])
            again = sl.ingest([str(first), str(second)])  # both versions known: nothing new
            assert len(one.ingested) == 1 and len(two.ingested) == 1 and two.versions == two.ingested
            assert len(again.duplicates) == 2 and not again.ingested
            v2 = sl.get(two.ingested[0]).article
            assert v2.meta["version_of"] == one.ingested[0] and v2.meta["version"] == 2
            assert v2.url == "https://zeit.example/gipfel" and v2.id != one.ingested[0]
            ids.append((one.ingested[0], v2.id))
    assert ids[0] == ids[1]
    with storyline.open(str(tmp_path / "v2.db"), settings=FAST) as sl:  # both in one batch
        report = sl.ingest([str(first), str(second), str(first)])
        assert len(report.ingested) == 2 and len(report.duplicates) == 1 and report.versions == [ids[0][1]]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"])
def test_wide_encoded_feeds(lib, tmp_path: Path, encoding: str):
    f = tmp_path / "wide.xml"
    f.write_bytes(_rss([{"title": "Größe", "link": "https://w.example/1", "description": GOOD}], encoding))
    report = lib.ingest([str(f)])
    assert len(report.ingested) == 1, report.failed
    assert _titles(lib) == {"Größe"}


def test_gdelt_and_newspaper4k_records(lib, tmp_path: Path):
    f = tmp_path / "gdelt.json"
    f.write_text(json.dumps({"articles": [
        {"url": "https://spiegel.example/x", "title": "Titel GDELT", "seendate": "20240203T101500Z",
         "domain": "spiegel.example", "language": "German", "sourcecountry": "Germany"},
        {"title": "N4K", "text": GOOD, "authors": ["A"], "publish_date": "2021-01-02T03:04:05",
         "url": "https://x.example/1", "source_url": "https://x.example"},
    ]}))
    report = lib.ingest([str(f)])
    assert len(report.ingested) == 2 and not report.warnings, report.warnings
    arts = {a.title: a for a in lib.articles()}
    gd, n4k = arts["Titel GDELT"], arts["N4K"]
    assert (gd.source, gd.language, gd.published.isoformat(), gd.meta["sourcecountry"]) == (
        "spiegel.example", "de", "2024-02-03T10:15:00", "Germany")
    assert (n4k.source, n4k.published.year) == ("https://x.example", 2021)


def test_gzip_without_a_gz_name(lib, tmp_path: Path):
    lines = "".join(json.dumps({"title": f"Z{i}", "text": f"{GOOD} {i}"}) + "\n" for i in range(3))
    (tmp_path / "dump").write_bytes(gzip.compress(lines.encode()))
    (tmp_path / "page").write_bytes(gzip.compress(_page("Gepackt").encode()))
    report = lib.ingest([str(tmp_path / "dump"), str(tmp_path / "page")])
    assert len(report.ingested) == 4, report.failed
