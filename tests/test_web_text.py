"""Article text rendered with its annotations: whatever the spans (nested, overlapping, touching),
the reader sees exactly the article's text, every character escaped, tags balanced."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

pytest.importorskip("markupsafe")

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.web.text import annotated, clean, safe_url


@st.composite
def articles(draw: st.DrawFn) -> dict:
    text = draw(st.text(alphabet=st.sampled_from(list("ab <>&\"'„“\u202e\n")), min_size=1, max_size=60))
    n = len(text)

    def span() -> tuple[int, int]:
        a = draw(st.integers(0, n))
        return a, draw(st.integers(a, n))

    ents = [{"start": a, "end": b, "label": draw(st.sampled_from(["PER", "LOC", "X\"><"])), "entity_id": draw(st.sampled_from([None, "ent_1"]))} for a, b in (span() for _ in range(draw(st.integers(0, 4))))]
    times = [{"start": a, "end": b, "type": "DATE", "value": "2018\"<", "mod": None} for a, b in (span() for _ in range(draw(st.integers(0, 2))))]
    quotes = [{"kind": "direct", "message": [list(span())], "cue": [list(span())], "speaker": [], "speaker_name": "<b>"} for _ in range(draw(st.integers(0, 2)))]
    cut = draw(st.integers(0, n))
    paragraphs = [{"start": 0, "end": cut, "heading": False}, {"start": cut, "end": n, "heading": True}]
    return {"text": text, "entities": ents, "times": times, "quotes": quotes, "paragraphs": paragraphs, "sentences": [[0, n]]}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.depth += 1
        assert tag in {"p", "h3", "a", "mark", "time", "span"}, tag

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


@settings(max_examples=200, deadline=None)
@given(articles())
def test_rendering_keeps_exactly_the_text(article):
    out = str(annotated(article, {"ent_1": "<Name>"}))
    parser = _Text()
    parser.feed(re.sub(r"\n(?=<(p|h3))", "", out))
    assert parser.depth == 0
    assert "".join(parser.parts) == clean(article["text"])
    assert "<b>" not in out and "\u202e" not in out


def test_only_http_urls_become_links():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil.org", "ftp://x", None, 3):
        assert safe_url(bad) is None


def test_a_time_says_its_value_in_words_on_hover():
    text = "In der Nacht zu Samstag griffen US-Truppen an."
    article = {"text": text, "entities": [], "quotes": [], "paragraphs": [{"start": 0, "end": len(text), "heading": False}],
               "sentences": [[0, len(text)]],
               "times": [{"start": 0, "end": 23, "type": "DATE", "value": "2026-01-02TNI", "mod": None}]}
    out = str(annotated(article, {}))
    assert 'datetime="2026-01-02TNI"' in out and 'title="DATE 2026-01-02TNI (2026-01-02 night)"' in out
