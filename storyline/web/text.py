"""Untrusted text made safe for a page: bidi controls removed, markup escaped, URLs checked, and an
article's text rendered with its annotations (entities, times, quotes) as HTML built from offsets.

Article text, titles, URLs, source and entity names all come from outside. Escaping stops markup;
removing bidi overrides stops a title from visually reordering the page around it; only http(s)
URLs become links.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..views.when import when

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def clean(value: Any) -> Any:
    """Strings lose bidi control characters; markup built here (already cleaned) and everything
    else passes (Jinja's ``finalize``)."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return _BIDI.sub("", value)


def safe_url(value: Any) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (no ``javascript:``, ``data:``…)."""
    if not isinstance(value, str) or len(value) > 4000:
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    return value.strip() if parts.scheme in {"http", "https"} and parts.netloc else None


def _open_tags(active: list[tuple[int, str, dict[str, Any]]], names: dict[str, str]) -> tuple[str, str]:
    opening, closing = [], []
    for _, kind, info in sorted(active, key=lambda a: a[0]):
        if kind == "quote":
            title = escape(clean(f"{info.get('speaker') or '?'} ({info.get('kind')})"))
            opening.append(f'<span class="q" title="{title}">')
            closing.append("</span>")
        elif kind == "cue":
            opening.append('<span class="cue">')
            closing.append("</span>")
        elif kind == "mention":
            label = info.get("label") if info.get("label") in {"PER", "ORG", "LOC", "MISC"} else "MISC"
            eid = info.get("entity_id")
            if eid:
                title = escape(clean(f"{names.get(eid, eid)} · {label}"))
                opening.append(f'<a class="ent {label}" href="/entities/{escape(eid)}" title="{title}">')
                closing.append("</a>")
            else:
                opening.append(f'<mark class="ent {label}">')
                closing.append("</mark>")
        elif kind == "time":
            raw = f"{info.get('value')}" + (f" {info['mod']}" if info.get("mod") else "")
            words = when(str(info.get("value") or ""), info.get("mod"))
            value = f"{info.get('type')} {raw}" + (f" ({words})" if words != raw else "")
            opening.append(f'<time class="tx" datetime="{escape(clean(str(info.get("value"))))}" title="{escape(clean(value))}">')
            closing.append("</time>")
    return "".join(opening), "".join(reversed(closing))


def _annotations(article: dict[str, Any]) -> list[tuple[int, int, int, str, dict[str, Any]]]:
    """(start, end, nesting rank, kind, info): quotes outermost, then cues, mentions, times."""
    out: list[tuple[int, int, int, str, dict[str, Any]]] = []
    text = article["text"]
    for q in article.get("quotes", []):
        speaker = q.get("speaker_name") or " ".join(text[a:b] for a, b in q.get("speaker", []))
        for a, b in q.get("message", []):
            out.append((a, b, 0, "quote", {"speaker": speaker, "kind": q.get("kind")}))
        for a, b in q.get("cue", []):
            out.append((a, b, 1, "cue", {}))
    for m in article.get("entities", []):
        out.append((m["start"], m["end"], 2, "mention", m))
    for t in article.get("times", []):
        out.append((t["start"], t["end"], 3, "time", t))
    return out


def annotated(article: dict[str, Any], names: dict[str, str]) -> Markup:
    """The article's paragraphs as HTML: every piece of text escaped, wrapped in the annotations
    covering it; sentence starts carry anchors (``#c123``) that timeline entries link to."""
    text: str = article["text"]
    notes = _annotations(article)
    paragraphs = article.get("paragraphs") or [{"start": 0, "end": len(text), "heading": False}]
    anchors = {s[0] for s in article.get("sentences", [])}
    out = []
    for p in paragraphs:
        start, end = p["start"], p["end"]
        cuts = {start, end} | {x for a, b, *_ in notes for x in (a, b) if start < x < end} | {a for a in anchors if start < a < end}
        pieces = []
        bounds = sorted(cuts)
        for a, b in pairwise(bounds):
            active = [(rank, kind, info) for s, e, rank, kind, info in notes if s <= a and b <= e]
            opening, closing = _open_tags(active, names)
            anchor = f'<span id="c{a}"></span>' if a in anchors and a != start else ""
            pieces.append(f"{anchor}{opening}{escape(clean(text[a:b]))}{closing}")
        tag = "h3" if p.get("heading") else "p"
        first = f' id="c{start}"' if start in anchors else ""
        out.append(f"<{tag}{first}>{''.join(pieces)}</{tag}>")
    return Markup("\n".join(out))
