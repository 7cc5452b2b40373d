"""The REST API: reads return the views the pages show; writes need the token; errors are JSON with
the right status; a bounded fuzz from the OpenAPI schema finds no 500."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from fastapi.testclient import TestClient

from storyline.web.app import create_app

TOKEN = "s3cret-token"


def test_openapi_schema_and_local_docs(web_client):
    schema = web_client.get("/api/openapi.json").json()
    assert {"/api/stories/{story_id}", "/api/articles", "/api/search", "/api/quotes"} <= set(schema["paths"])
    docs = web_client.get("/api/docs").text
    assert "/api/stories/{story_id}" in docs and "cdn" not in docs.lower() and "<script" not in docs


def test_reads_match_the_pages_json(web_client, small_sl):
    story = small_sl.stories(limit=1, order="size")[0]
    assert web_client.get(f"/api/stories/{story.id}").json() == web_client.get(f"/stories/{story.id}.json").json()
    art = web_client.get(f"/api/articles/{story.article_ids[0]}").json()
    assert art["article"]["id"] == story.article_ids[0] and art["story"]["story_id"] == story.id
    assert web_client.get("/api/stats").json()["articles"] == small_sl.count()
    ents = web_client.get("/api/entities?type=PER&limit=3").json()["entities"]
    assert len(ents) == 3 and all(e["label"] == "PER" for e in ents)


def test_errors_are_json_with_the_right_status(web_client):
    r = web_client.get("/api/articles/ffffffffffffffff")
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    assert web_client.get("/api/stories?page=-1").status_code == 422
    assert web_client.get("/api/entities?type=BOGUS").status_code == 422
    assert web_client.get("/api/search?q=" + "a" * 10_000).status_code == 422
    r = web_client.post("/api/articles", json={"text": "x"})
    assert r.status_code == 403 and "token" in r.json()["detail"]  # read-only server


@pytest.fixture(scope="module")
def writable(tmp_path_factory):
    from storyline.library import Storyline

    path = tmp_path_factory.mktemp("api") / "w.db"
    with Storyline(path, settings={"ner.profile": "fast"}) as sl:
        sl.add_text("Angela Merkel besuchte am Montag Paris.", title="Merkel in Paris", date="2020-02-03")
    from storyline.settings import Settings

    with TestClient(create_app(path, Settings({"ner.profile": "fast"}), token=TOKEN)) as client:
        yield client


def test_writes_need_the_token(writable):
    body = {"text": "Olaf Scholz reiste am Dienstag nach Rom.", "title": "Scholz in Rom"}
    assert writable.post("/api/articles", json=body).status_code == 401
    assert writable.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = writable.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201 and r.json()["ingested"] == 1
    aid = r.json()["ids"][0]
    assert writable.get(f"/api/articles/{aid}").json()["article"]["title"] == "Scholz in Rom"


def test_batch_with_field_mapping_and_bad_records(writable):
    body = [{"teaser": "Die Bahn streikt in Bayern.", "when": "2021-03-04"}, {"teaser": ""}, "not an object"]
    r = writable.post("/api/articles?field=text=teaser&field=published=when", json=body, headers={"X-Storyline-Token": TOKEN})
    assert r.status_code == 422  # a list must hold objects: the schema says so
    r = writable.post("/api/articles?field=text=teaser&field=published=when", json=body[:2], headers={"X-Storyline-Token": TOKEN})
    out = r.json()
    assert r.status_code == 201 and out["ingested"] == 1 and out["failed"] == 1 and out["problems"]
    doc = writable.get(f"/api/articles/{out['ids'][0]}").json()["article"]
    assert doc["published"].startswith("2021-03-04")


def test_set_date(writable):
    aid = writable.get("/api/articles").json()["articles"][0]["id"]
    headers = {"Authorization": f"Bearer {TOKEN}"}
    r = writable.put(f"/api/articles/{aid}/date", json={"date": "2019-05-06"}, headers=headers)
    assert r.status_code == 200 and r.json()["published"].startswith("2019-05-06")
    assert writable.put(f"/api/articles/{aid}/date", json={"date": "someday"}, headers=headers).status_code == 422
    assert writable.put("/api/articles/ffffffffffff/date", json={"date": "2019-05-06"}, headers=headers).status_code == 404


def test_too_large_bodies_get_413(writable):
    big = b'{"text": "' + b"a" * 10_000_100 + b'"}'
    r = writable.post("/api/articles", content=big, headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["error"] == "too_large"
