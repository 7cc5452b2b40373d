"""The one guarded HTTP client every fetch goes through (feeds and their redirects).

Why each guard: a feed URL comes from a user, but its redirects come from whoever runs the server.
Without checks a redirect reached internal hosts (``localhost``, ``169.254.169.254``, the office
network) or other schemes (``ftp://``); a server sending a byte now and then held an ingest for
minutes because the timeout applied to each read. So:

- only ``http`` and ``https``, for the first URL and every redirect;
- every address a host name resolves to must be global unicast: loopback, private, link-local,
  multicast, reserved and unspecified addresses are refused, unless the host is listed in
  ``ingest.allow_hosts``; the check runs when the socket connects, on the address it connects to,
  so a name that resolves differently the second time gains nothing;
- one deadline for the whole download (``ingest.timeout_s``), redirects included, enforced by a
  watchdog that closes the connection when the time is up;
- at most ``ingest.max_bytes`` are read; no proxies from the environment.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import InputError

SCHEMES = ("http", "https")
USER_AGENT = "storyline/0.1 (+feed reader)"
CHUNK = 1 << 16


class Refused(InputError):
    """A URL or an address the guard does not fetch."""


def refusal(address: str) -> str | None:
    """Why connecting to ``address`` is refused, or None when it is a global unicast address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for test, what in (
        (ip.is_loopback, "a loopback"),
        (ip.is_link_local, "a link-local"),
        (ip.is_multicast, "a multicast"),
        (ip.is_unspecified, "an unspecified"),
        (ip.is_private, "a private"),
        (ip.is_reserved, "a reserved"),
        (not ip.is_global, "a non-public"),
    ):
        if test:
            return f"{what} address"
    return None


def check_url(url: str) -> None:
    """Refuse a URL that is not http(s) or has no host; addresses are checked on connecting."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise Refused(f"refused {url[:200]!r}: {exc}") from None
    if parts.scheme.lower() not in SCHEMES:
        raise Refused(f"refused {url[:200]!r}: only http and https URLs are fetched")
    if not host:
        raise Refused(f"refused {url[:200]!r}: no host")


class _Guard:
    """The state of one download: allowed hosts, the deadline, the open connections."""

    def __init__(self, allow: Iterable[str], timeout: float):
        self.allow = {h.lower().strip("[]") for h in allow}
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.expired = False
        self._conns: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()

    def remaining(self) -> float:
        return max(0.01, self.deadline - time.monotonic())

    def connect(self, conn: http.client.HTTPConnection, address: tuple[str, int], source: Any) -> socket.socket:
        host, port = address
        with self._lock:
            if self.expired:
                raise OSError("download deadline passed")
            self._conns.append(conn)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        if host.lower() not in self.allow and "*" not in self.allow:
            for *_, sockaddr in infos:
                why = refusal(str(sockaddr[0]))
                if why:
                    raise Refused(
                        f"refused {host}: it resolves to {why} ({sockaddr[0]}); "
                        "list the host in ingest.allow_hosts to fetch it"
                    )
        error: OSError | None = None
        for family, kind, proto, _, sockaddr in infos:
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(self.remaining())
                if source:
                    sock.bind(source)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                error = exc
        raise error or OSError(f"cannot connect to {host}")

    def expire(self) -> None:
        """The watchdog: the deadline passed, so every open connection is shut down."""
        with self._lock:
            self.expired = True
            conns = list(self._conns)
        for conn in conns:
            sock = conn.sock
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def _connection(base: type[http.client.HTTPConnection], guard: _Guard) -> type[http.client.HTTPConnection]:
    class Guarded(base):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            self._create_connection = lambda address, timeout, source=None: guard.connect(self, address, source)
            super().connect()

    return Guarded


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)

    def http_error_302(self, req: Any, fp: Any, code: int, msg: str, headers: Any) -> Any:
        location = headers.get("location") or headers.get("uri")
        if location:  # checked before urllib's own scheme test, so every refusal reads alike
            check_url(urljoin(req.full_url, location))
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener(guard: _Guard) -> urllib.request.OpenerDirector:
    plain = _connection(http.client.HTTPConnection, guard)
    secure = _connection(http.client.HTTPSConnection, guard)

    class Plain(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(plain, req)

    class Secure(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            return self.do_open(secure, req, context=getattr(self, "_context", None))

    opener = urllib.request.OpenerDirector()  # no proxies, no ftp:, file: or data: handlers
    for handler in (Plain(), Secure(), _Redirects(), urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


@dataclass(slots=True, frozen=True)
class Fetched:
    """One answer: the body, the headers a reader needs (charset, ETag), and where it ended up."""

    url: str
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


def fetch(url: str, *, timeout: float, max_bytes: int, allow_hosts: Iterable[str] = ()) -> bytes:
    """The body at ``url``; InputError naming the reason (refused, too slow, too large, HTTP error)."""
    return fetch_response(url, timeout=timeout, max_bytes=max_bytes, allow_hosts=allow_hosts).body


def fetch_response(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    allow_hosts: Iterable[str] = (),
    headers: dict[str, str] | None = None,
    user_agent: str = USER_AGENT,
) -> Fetched:
    """Like :func:`fetch`, with request headers (``If-None-Match``...) and the answer's headers; a
    304 Not Modified is an answer (status 304, empty body), not an error."""
    check_url(url)
    guard = _Guard(allow_hosts, timeout)
    watchdog = threading.Timer(timeout, guard.expire)
    watchdog.daemon = True
    watchdog.start()
    try:
        request = urllib.request.Request(url, headers={**(headers or {}), "User-Agent": user_agent})
        try:
            with _opener(guard).open(request, timeout=timeout) as response:
                data = _read(response, guard, max_bytes)
                answer = Fetched(response.geturl(), response.status, data, {k.lower(): v for k, v in response.headers.items()})
        except urllib.error.HTTPError as exc:
            if exc.code != 304:
                raise
            answer = Fetched(url, 304, b"", {k.lower(): v for k, v in (exc.headers or {}).items()})
    except Refused:
        raise
    except InputError:
        raise
    except Exception as exc:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if guard.expired or isinstance(reason, TimeoutError):  # the socket's timeout is the same deadline
            raise InputError(f"download took longer than ingest.timeout_s = {timeout:g} s") from None
        if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, Refused):
            raise exc.reason from None
        raise InputError(f"cannot fetch: {exc}") from None
    finally:
        watchdog.cancel()
    if guard.expired:
        raise InputError(f"download took longer than ingest.timeout_s = {timeout:g} s")
    return answer


def _read(response: Any, guard: _Guard, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while chunk := response.read1(CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise InputError(f"download larger than ingest.max_bytes = {max_bytes:,}")
        if guard.expired:
            break
        chunks.append(chunk)
    return b"".join(chunks)
