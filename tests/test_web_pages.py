"""Every page and its JSON twin, in process, on the fixed small test database."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from storyline.web.svg import interval

EXAMPLE_STORY_DATES = ["195X", "2017", "2018-01-10", "2018-04", "2018-05"]


@pytest.fixture(scope="module")
def ids(small_sl):
    story = next(s for s in small_sl.stories(limit=None, order="size") if (s.start or "").startswith("2018"))
    big = small_sl.stories(limit=1, order="size")[0]
    entity = small_sl.entities(limit=1)[0]
    return {"story": story, "big": big, "entity": entity}


def _pages(ids) -> list[str]:
    st, big = ids["story"], ids["big"]
    return [
        "/",
        "/stories",
        f"/stories/{st.id}",
        f"/events/{big.event_ids[0]}",
        "/articles",
        f"/articles/{st.article_ids[0]}",
        f"/entities/{ids['entity'].id}",
        "/entities?type=PER",
        "/quotes",
        "/search?q=Trump",
        f"/compare?a={st.article_ids[0]}&b={st.article_ids[1]}",
    ]


def test_every_page_renders_and_has_a_json_twin(web_client, ids):
    for url in _pages(ids):
        html = web_client.get(url)
        assert html.status_code == 200, url
        assert html.headers["content-type"].startswith("text/html")
        assert "Content-Security-Policy" in html.headers
        path, _, query = url.partition("?")
        twin = web_client.get(("/index" if path == "/" else path) + ".json" + (f"?{query}" if query else ""))
        assert twin.status_code == 200 and twin.headers["content-type"] == "application/json", url
        negotiated = web_client.get(url, headers={"Accept": "application/json"})
        assert negotiated.json() == twin.json(), url


def test_the_example_story_draws_its_timeline_in_date_order(web_client, ids):
    st = ids["story"]
    page = web_client.get(f"/stories/{st.id}").text
    svg = page[page.index("<svg class=\"timeline\""):page.index("</svg>")]
    drawn = re.findall(r'data-date="([^"]+)"', svg)
    starts = [interval(d.split()[0]) for d in drawn]
    assert all(starts) and starts == sorted(starts)  # type: ignore[type-var]
    for date in EXAMPLE_STORY_DATES:
        assert any(d.split()[0] == date for d in drawn), date
    assert {"happened", "planned", "said"} <= set(re.findall(r'data-kind="(\w+)"', svg))
    for aid, start in re.findall(r'href="/articles/([0-9a-f]+)#c(\d+)"', svg):  # each entry links to its sentence
        assert f'id="c{start}"' in web_client.get(f"/articles/{aid}").text
    standalone = web_client.get(f"/stories/{st.id}.svg")
    assert standalone.headers["content-type"].startswith("image/svg+xml") and standalone.text.startswith("<svg")


def test_story_json_is_the_export_record_plus(web_client, small_sl, ids):
    st = ids["story"]
    data = web_client.get(f"/stories/{st.id}.json").json()
    exported = next(r for r in small_sl.export("stories") if r["story_id"] == st.id)
    assert {k: data["story"][k] for k in exported} == exported
    assert data["quotes_by_speaker"] and data["events"]


def test_article_page_marks_entities_times_and_quotes(web_client, ids):
    aid = ids["story"].article_ids[0]
    page = web_client.get(f"/articles/{aid}").text
    assert re.search(r'<a class="ent (PER|LOC|ORG|MISC)" href="/entities/ent_\w+"', page)
    assert re.search(r'<time class="tx" datetime="[^"]+" title="DATE [^"]+"', page)
    assert '<span class="q"' in page and 'class="cue"' in page


def test_event_page_explains_membership(web_client, ids):
    data = web_client.get(f"/events/{ids['big'].event_ids[0]}.json").json()
    assert data["articles"] and all(a["explanation"].get("decision") for a in data["articles"])


def test_entity_page(web_client, ids):
    data = web_client.get(f"/entities/{ids['entity'].id}.json").json()
    assert data["mentions_per_day"] and data["co_occurring"] and data["articles"]
    assert "<svg class=\"bars\"" in web_client.get(f"/entities/{ids['entity'].id}").text


def test_search_pages_through_results(web_client):
    first = web_client.get("/search.json?q=der OR die OR und").json()
    assert first["paging"]["has_next"] and len(first["hits"]) == 20
    second = web_client.get("/search.json?q=der OR die OR und&page=2").json()
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}
    assert 'rel="next"' in web_client.get("/search?q=der OR die OR und").text
    form = web_client.get("/search?q=der+OR+die&language=&source=&since=&until=&entity=&page=2")  # the form, all filters empty
    assert form.status_code == 200 and 'class="hit"' in form.text


def test_bad_requests_get_clear_answers(web_client):
    assert web_client.get("/stories/st_nope").status_code == 404
    assert web_client.get("/stories/st_nope.json").json()["error"] == "not_found"
    assert web_client.get("/articles/zzzz").status_code == 404
    assert web_client.get("/search?q=x&page=0").status_code == 422
    assert web_client.get("/search?q=x&page=99999999999999999999").status_code == 422
    assert web_client.get("/search?q=" + "x" * 5000).status_code == 422
    assert web_client.get("/search?since=yesterday").status_code == 422
    assert web_client.get("/compare?a=<b>&b=1").status_code == 422
    assert web_client.get("/nowhere").status_code == 404


def test_event_page_says_which_events_an_article_was_kept_apart_from():
    """The spread rule's explanation (``kept_apart``), its words escaped, and no empty list when
    the shared names are entities only."""
    from storyline.web.routes import templates

    def render(shared: list[str]) -> str:
        article = {"id": "a1", "headline": "H", "date": "2026-01-01", "source": "x", "copies": [], "score": 0.3,
                   "explanation": {"decision": "joined event",
                                   "event": {"kept_apart": [{"event": "ev_2", "shared_spread": shared}]}}}
        data = {"event": {"event_id": "ev_1", "title": "T", "start": None, "end": None}, "story": None,
                "outlets": [], "articles": [article]}
        return templates.get_template("event.html").render(data=data)

    html = render(["ent_1e44cbca", "merz", "<script>alert(1)</script>"])
    assert "not merged with 1 other event(s) it resembles" in html
    assert "(merz, &lt;script&gt;alert(1)&lt;/script&gt;)" in html and "<script>alert" not in html
    assert "ent_1e44cbca" not in html
    assert "many events share ()" not in render(["ent_1e44cbca"])


def test_event_page_says_when_an_articles_text_was_a_label_of_its_outlet():
    """``source_label``: the outlet's label ("Washington Post") was no evidence; shown escaped."""
    from storyline.web.routes import templates

    def render(label: str) -> str:
        article = {"id": "a1", "headline": "H", "date": "2026-01-01", "source": "fr.de", "copies": [], "score": 0.0,
                   "explanation": {"decision": "new event, new story", "event": {"source_label": label}}}
        data = {"event": {"event_id": "ev_1", "title": "T", "start": None, "end": None}, "story": None,
                "outlets": [], "articles": [article]}
        return templates.get_template("event.html").render(data=data)

    html = render("Washington Post")
    assert "its text “Washington Post” is a label its outlet puts on many pieces" in html
    hostile = render("<img src=x onerror=alert(1)>")
    assert "&lt;img src=x onerror=alert(1)&gt;" in hostile and "<img src=x" not in hostile
