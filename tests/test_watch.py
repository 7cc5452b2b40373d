"""Issue 18: URLs and ``storyline watch`` against a small HTTP server on 127.0.0.1 that the test
starts: feeds that change between polls, 304s, 500s, slow answers, huge bodies, a redirect to a
private address and entity expansion. Nothing leaves the machine; a fake clock drives the polls."""

from __future__ import annotations

import http.server
import socketserver
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.app.watch import NAMESPACE, Watcher

GOOD = "Die Regierung in Berlin hat am Mittwoch neue Pläne vorgestellt. Sie sollen im Mai gelten."
SETTINGS: dict[str, Any] = {
    "pipeline.stages": [], "link.on_ingest": False, "ingest.allow_hosts": ["127.0.0.1"], "ingest.timeout_s": 1,
    "ingest.max_bytes": 200_000, "ingest.host_interval_s": 0.0, "ingest.max_backoff_s": 600,
}
BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10) for i in range(8))
    + b']><rss version="2.0"><channel><title>Bombe</title><item><title>&i;</title><description>&i;</description></item></channel></rss>'
)


class Site:
    """What the server serves; tests change it between polls."""

    def __init__(self) -> None:
        self.items = [1, 2]
        self.requests: list[tuple[str, str]] = []

    def feed(self, base: str) -> bytes:
        items = "".join(
            f"<item><title>Meldung {i}</title><link>{base}/page/{i}</link><guid>{base}/page/{i}</guid>"
            f"<description>Kurz {i}: {GOOD}</description></item>" for i in self.items
        )
        return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Lokal</title>{items}</channel></rss>'.encode()


def _page(i: int) -> bytes:
    paras = "".join(f"<p>{GOOD} Absatz {k} des ganzen Artikels {i} mit genug Text.</p>" for k in range(5))
    return f"<html><head><title>Artikel {i}</title></head><body><article><h1>Artikel {i}</h1>{paras}</article></body></html>".encode()


def _handler(site: Site) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, code: int, body: bytes = b"", ctype: str = "text/xml", **headers: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k.replace("_", "-"), v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/feed":
                etag = f'"v{len(site.items)}-{site.items[-1]}"'
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, ETag=etag)
                else:
                    self._send(200, site.feed(base), ETag=etag)
            elif self.path.startswith("/page/"):
                self._send(200, _page(int(self.path.rsplit("/", 1)[1])), "text/html; charset=utf-8")
            elif self.path == "/fail":
                self._send(500, b"kaputt", "text/plain")
            elif self.path == "/slow":
                time.sleep(2)
                self._send(200, site.feed(base))
            elif self.path == "/huge":
                self._send(200, b"<rss>" + b" " * 1_000_000)
            elif self.path == "/to-private":
                self._send(302, Location="http://10.1.2.3/feed")
            elif self.path == "/bomb":
                self._send(200, BOMB)
            else:
                self._send(404)

    return Handler


@pytest.fixture
def server() -> Iterator[tuple[str, Site]]:
    site = Site()
    srv = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _handler(site))
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", site
    srv.shutdown()
    srv.server_close()


def _open(tmp_path: Path, **extra: Any) -> Any:
    import storyline

    return storyline.open(str(tmp_path / "w.db"), settings={**SETTINGS, **extra})


def test_watch_polls_changes_not_modified_failures_and_restarts(server, tmp_path: Path):
    base, site = server
    bad = ["/fail", "/slow", "/huge", "/to-private", "/bomb"]
    sources = [f"{base}/feed", *(base + b for b in bad)]
    now = [1000.0]
    with _open(tmp_path) as sl:
        w = Watcher(sl, sources, every_s=60, clock=lambda: now[0])
        first = w.poll()
        assert (first.polled, first.failing, len(first.ingest.ingested)) == (6, 5, 2)
        errors = {s.rsplit("/", 1)[1]: w.states[s].last_error or "" for s in sources[1:]}
        assert "500" in errors["fail"] and "ingest.timeout_s" in errors["slow"] and "ingest.max_bytes" in errors["huge"]
        assert "private address" in errors["to-private"] and "<!ENTITY>" in errors["bomb"]
        site.items.append(3)
        now[0] += 60
        second = w.poll()  # the feed changed; every failing source is due again after 60 s
        assert (second.polled, second.failing, second.new_items, len(second.ingest.ingested)) == (6, 5, 1, 1)
        now[0] += 60
        third = w.poll()  # unchanged feed: a 304; failing sources now wait 120 s
        assert (third.polled, third.not_modified, third.failing) == (1, 1, 0)
        assert {a.title for a in sl.articles()} == {"Meldung 1", "Meldung 2", "Meldung 3"}
    site.items.append(4)
    with _open(tmp_path) as sl:  # a restart: ETag and seen items come back from the store
        again = Watcher(sl, sources, every_s=60, clock=lambda: now[0] + 60)
        assert again.states[sources[0]].etag and again.states[sources[1]].failures == 2
        report = again.poll()
        assert report.new_items == 1 and len(report.ingest.ingested) == 1 and not report.ingest.duplicates
        assert sl.store.state_items(NAMESPACE, [sources[0]])
        assert sl.store.count() == 4
    agents = {agent for path, agent in site.requests}
    assert agents == {"storyline/0.1 (+feed reader)"}


def test_watch_fetches_the_article_behind_a_teaser(server, tmp_path: Path):
    base, _ = server
    with _open(tmp_path) as sl:
        report = Watcher(sl, [f"{base}/feed"], every_s=60, fetch_articles=True).poll()
        assert len(report.ingest.ingested) == 2
        art = {a.title: a for a in sl.articles()}["Meldung 1"]
        assert "Absatz 4 des ganzen Artikels 1" in art.text and art.url == f"{base}/page/1"


def test_watch_folder_sees_new_files_once(tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(GOOD + " Eins.")
    with _open(tmp_path) as sl:
        now = [0.0]
        w = Watcher(sl, [str(inbox)], every_s=1, clock=lambda: now[0])
        assert len(w.poll().ingest.ingested) == 1
        (inbox / "b.txt").write_text(GOOD + " Zwei.")
        now[0] += 1
        second = w.poll()
        assert len(second.ingest.ingested) == 1 and not second.ingest.duplicates


def test_stop_ends_the_run_after_the_current_poll(tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with _open(tmp_path) as sl:
        w = Watcher(sl, [str(inbox)], every_s=3600)
        threading.Timer(0.3, w.stop).start()
        started = time.monotonic()
        assert w.run() == 1 and time.monotonic() - started < 5


def test_ingest_article_url_and_url_list(server, tmp_path: Path):
    from typer.testing import CliRunner

    from storyline.cli.main import app

    base, _ = server
    with _open(tmp_path) as sl:
        report = sl.ingest([f"{base}/page/7"])
        assert len(report.ingested) == 1, report.failed
        (a,) = sl.articles()
        assert (a.title, a.url) == ("Artikel 7", f"{base}/page/7")
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# Seiten\n{base}/page/8\n{base}/feed\nkein-url\n")
    db = tmp_path / "cli.db"
    args = ["--set", "pipeline.stages=[]", "--set", "link.on_ingest=false", "ingest", "--urls", str(listing), "--db", str(db)]
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == 1 and "loopback address" in refused.output
    allowed = CliRunner().invoke(app, [*args, "--allow-private"])
    assert "3 ingested" in allowed.output and "kein-url" in allowed.output and allowed.exit_code == 1


def test_opml_list_of_feeds(server, tmp_path: Path):
    from storyline.app.watch import sources_of

    base, _ = server
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>Meine Feeds</title></head><body>'
        f'<outline text="Lokal" type="rss" xmlUrl="{base}/feed"/><outline text="Kaputt" xmlUrl="{base}/fail"/></body></opml>'
    )
    with _open(tmp_path) as sl:
        report = sl.ingest([str(opml)])
        assert len(report.ingested) == 2 and [p.origin for p in report.failed] == [f"{base}/fail"]
        assert sources_of([str(opml)], sl.settings) == ([f"{base}/feed", f"{base}/fail"], [])


def test_sigterm_stops_the_watch_cleanly(tmp_path: Path):
    import os
    import signal
    import subprocess
    import sys

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(GOOD)
    cmd = [sys.executable, "-m", "storyline.cli.main", "--set", "pipeline.stages=[]", "--set", "link.on_ingest=false",
           "watch", str(inbox), "--every", "1s", "--db", str(tmp_path / "s.db")]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert proc.stderr is not None
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if line.startswith("poll 2:"):
            break
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    out = "".join(lines) + proc.stderr.read()
    assert proc.returncode == 0, out
    assert "poll 1: 1 polled" in out and "1 ingested" in out and "watch stopped (signal)" in out, out


def test_one_request_per_host_per_interval(server, tmp_path: Path):
    base, site = server
    with _open(tmp_path, **{"ingest.host_interval_s": 0.3}) as sl:
        w = Watcher(sl, [f"{base}/feed", f"{base}/fail", f"{base}/page/1"], every_s=60)
        started = time.monotonic()
        report = w.poll()
        assert time.monotonic() - started >= 0.6 and report.polled == 3 and report.failing == 1
