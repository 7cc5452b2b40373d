"""Hostile articles (script tags, attribute breakers, javascript: URLs, SVG payloads, bidi overrides,
a 1 MB title) are rendered inert on every page, in the SVG timeline and in the API docs."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from fastapi.testclient import TestClient

from storyline.web.app import CSP, create_app

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
SVG = '<svg onload=alert(1)><script>alert(2)</script></svg>'
BIDI = "\u202egnp.exe\u202c"
HOSTILE = [
    {"title": f"Merkel {SCRIPT} in Berlin", "text": f"Angela Merkel sagte am 3. Mai 2020 in Berlin: „{SCRIPT} ist gefährlich.“ {IMG}", "url": "javascript:alert(1)", "source": f"evil{IMG}", "published": "2020-05-03"},
    {"title": f"Merkel {IMG} in Paris", "text": f"Angela Merkel besuchte am 4. Mai 2020 Paris. {SVG} Sie sagte, Paris sei schön. {BIDI}", "url": "https://example.org/a?x=\"><script>", "source": SVG, "published": "2020-05-04"},
    {"title": "T" * 1_000_000, "text": f"Angela Merkel sprach am 5. Mai 2020 in Bonn über {BIDI} und {SCRIPT}.", "url": "data:text/html,<script>alert(1)</script>", "source": BIDI, "published": "2020-05-05"},
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from storyline.library import Storyline
    from storyline.settings import Settings

    path = tmp_path_factory.mktemp("hostile") / "h.db"
    settings = Settings({"ner.profile": "fast"})
    with Storyline(path, settings=settings) as sl:
        report = sl.ingest_records(HOSTILE)
        assert len(report.ingested) == 3, report.failed
    with TestClient(create_app(path, settings)) as client:
        yield client


def _urls(client: TestClient) -> list[str]:
    arts = client.get("/api/articles").json()["articles"]
    stories = client.get("/api/stories").json()["stories"]
    ents = client.get("/api/entities?limit=50").json()["entities"]
    urls = ["/", "/stories", "/articles", "/entities", "/quotes", "/quotes?speaker=Merkel", "/search?q=Merkel", "/search?q=script", "/api/docs"]
    urls += [f"/articles/{a['id']}" for a in arts]
    urls += [f"/stories/{s['story_id']}" for s in stories] + [f"/stories/{s['story_id']}.svg" for s in stories]
    urls += [f"/events/{e}" for s in stories for e in client.get(f"/api/stories/{s['story_id']}").json()["story"]["event_ids"]]
    urls += [f"/entities/{e['entity_id']}" for e in ents]
    urls += [f"/compare?a={arts[0]['id']}&b={arts[1]['id']}"]
    return urls


def test_every_page_renders_hostile_input_inert(hostile):
    urls = _urls(hostile)
    assert len(urls) > 12
    for url in urls:
        r = hostile.get(url)
        assert r.status_code == 200, url
        body = r.text
        assert "<script" not in body.lower(), url  # the app ships no scripts at all
        assert "<img" not in body.lower() and "<svg onload" not in body.lower(), url
        assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*(javascript|data):""", body, re.I), url
        tags = _tags(body)
        assert not {t for t, _ in tags} & {"script", "img", "iframe", "object", "embed", "foreignobject", "image"}, url
        assert not [a for _, attrs in tags for a, _ in attrs if a.startswith("on")], url
        assert all(v is None or not v.strip().lower().startswith(("javascript:", "data:")) for _, attrs in tags for _, v in attrs), url
        assert "\u202e" not in body and "\u202c" not in body, url
        assert r.headers["content-security-policy"] == CSP


def _tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every element the browser would build, with its attributes (what an attacker would need)."""
    from html.parser import HTMLParser

    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def test_csp_forbids_inline_and_foreign_scripts(hostile):
    csp = hostile.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "object-src 'none'" in csp
    assert hostile.get("/").headers["x-content-type-options"] == "nosniff"


def test_json_twins_keep_the_data_as_given(hostile):
    arts = hostile.get("/api/articles").json()["articles"]
    sources = {a["source"] for a in arts}
    assert f"evil{IMG}" in sources  # data is data: escaping is the page's job, not the store's
