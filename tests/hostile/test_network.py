"""Issue 23, items 7 and 8: every fetch has one total deadline, speaks only http(s), and refuses
internal addresses (for the first URL and every redirect) unless the host is explicitly allowed.
The only server is one on 127.0.0.1 that the test starts; nothing leaves the machine."""

from __future__ import annotations

import http.server
import socketserver
import threading
import time
from collections.abc import Iterator

import pytest

from storyline.errors import InputError
from storyline.ingest.fetch import fetch, refusal

from .conftest import GOOD, failures, open_lib

FEED = f"<rss version='2.0'><channel><title>T</title><item><title>Intern</title><description>{GOOD}</description></item></channel></rss>".encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.end_headers()

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        if self.path == "/feed":
            self.send_response(200)
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            self.wfile.write(FEED)
        elif self.path == "/drip":  # a byte every 0.2 s: each read is quick, the whole is not
            self.send_response(200)
            self.end_headers()
            for _ in range(50):
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.2)
        elif self.path == "/to-localhost":
            self._redirect(f"http://localhost:{port}/feed")
        elif self.path == "/to-private":
            self._redirect("http://10.1.2.3/feed")
        elif self.path == "/to-metadata":
            self._redirect("http://169.254.169.254/latest/meta-data/")
        elif self.path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/feed.xml")
        elif self.path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif self.path == "/to-feed":
            self._redirect("/feed")
        else:
            self.send_response(404)
            self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    srv = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


ALLOW = ["127.0.0.1"]


def test_allowed_host_is_fetched_and_redirects_within_it_followed(server):
    assert fetch(f"{server}/feed", timeout=5, max_bytes=10_000, allow_hosts=ALLOW) == FEED
    assert fetch(f"{server}/to-feed", timeout=5, max_bytes=10_000, allow_hosts=ALLOW) == FEED


def test_loopback_is_refused_unless_allowed(server):
    with pytest.raises(InputError, match=r"refused 127\.0\.0\.1: it resolves to a loopback address"):
        fetch(f"{server}/feed", timeout=5, max_bytes=10_000)


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/to-localhost", "refused localhost: it resolves to a loopback address"),
        ("/to-private", "refused 10.1.2.3: it resolves to a private address"),
        ("/to-metadata", "refused 169.254.169.254: it resolves to a link-local address"),
        ("/to-ftp", "refused 'ftp://127.0.0.1/feed.xml': only http and https URLs are fetched"),
        ("/to-file", "refused 'file:///etc/passwd': only http and https URLs are fetched"),
    ],
)
def test_redirects_are_checked_like_the_first_url(server, path, why):
    start = time.monotonic()
    with pytest.raises(InputError) as caught:
        fetch(server + path, timeout=5, max_bytes=10_000, allow_hosts=ALLOW)
    assert why in str(caught.value) and time.monotonic() - start < 2


def test_slow_drip_hits_the_total_deadline(server):
    start = time.monotonic()
    with pytest.raises(InputError, match=r"download took longer than ingest.timeout_s = 1 s"):
        fetch(f"{server}/drip", timeout=1, max_bytes=10_000, allow_hosts=ALLOW)
    assert time.monotonic() - start < 2


def test_size_cap(server):
    with pytest.raises(InputError, match="download larger than ingest.max_bytes = 100"):
        fetch(f"{server}/feed", timeout=5, max_bytes=100, allow_hosts=ALLOW)


def test_ingest_of_feed_urls_reports_each_refusal(server, tmp_path):
    urls = [f"{server}/feed", f"{server}/to-ftp", f"{server}/drip"]
    with open_lib(tmp_path, **{"ingest.allow_hosts": ALLOW, "ingest.timeout_s": 1}) as sl:
        report = sl.ingest(urls)
    failed = failures(report)
    assert len(report.ingested) == 1 and set(failed) == set(urls[1:])
    assert "only http and https" in failed[urls[1]] and "ingest.timeout_s" in failed[urls[2]]


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("10.0.0.1", "a private address"),
        ("192.168.1.1", "a private address"),
        ("172.16.0.1", "a private address"),
        ("fd00::1", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("224.0.0.1", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("0.0.0.0", "an unspecified address"),
        ("100.64.0.1", "a non-public address"),
        ("8.8.8.8", None),
        ("2a00:1450:4001:82b::200e", None),
    ],
)
def test_address_policy(address, why):
    assert refusal(address) == why
