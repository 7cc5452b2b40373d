"""Stable ids: the same article always gets the same id, wherever and however often it is ingested.

An article with a URL is identified by its canonical URL (scheme and host lower-cased, default port,
fragment and tracking parameters dropped), so re-fetching an updated page keeps its id. Without a
URL, the id is a hash of the normalised text (Unicode NFC, white space folded), so the same text
ingested twice from two files is recognised as one article.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|referrer|wt_mc|cmp|ns_mchannel|ns_source)$", re.I)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def stable_hash(*parts: str, size: int = 8) -> str:
    """A short hex digest (``2*size`` characters) of the parts."""
    h = hashlib.blake2b(digest_size=size)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def canonical_url(url: str) -> str | None:
    """Canonical form of an http(s) URL, or None when ``url`` is not one."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)))
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit(("https", netloc, path, query, ""))


def normalise_text(text: str) -> str:
    """Text as compared for identity: NFC, invisible characters removed, white space folded."""
    return " ".join(_INVISIBLE.sub("", unicodedata.normalize("NFC", text)).split())


def article_id(url: str | None, text: str) -> str:
    if url:
        canon = canonical_url(url)
        if canon:
            return stable_hash("url", canon)
    return stable_hash("text", normalise_text(text))
