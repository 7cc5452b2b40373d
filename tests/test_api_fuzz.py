"""API fuzzing driven by the API's own OpenAPI schema (Hypothesis, bounded): whatever the path and
query values, the answer is a JSON 2xx/4xx, never a 500."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "st_", "ev_", "ent_", "0", "-1", "%", "*", '"', "NOT", "OR OR", "a*", "\u202e", "<script>", "../../etc"]),
    st.text(alphabet="0123456789abcdef", min_size=1, max_size=20),
    st.text(min_size=400, max_size=700),
)


def _value(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    types = {s.get("type") for s in schema.get("anyOf", [schema])}
    if "integer" in types:
        return st.one_of(st.integers(-(10**20), 10**20), st.integers(-2, 12_000), TEXT)
    return TEXT


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, list[dict[str, Any]]]]:
    return [
        (method, path, op.get("parameters", []))
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
    ]


@st.composite
def requests(draw: st.DrawFn, operations: list[tuple[str, str, list[dict[str, Any]]]]) -> tuple[str, str, dict[str, Any], Any]:
    method, path, params = draw(st.sampled_from(operations))
    query: dict[str, Any] = {}
    for p in params:
        value = draw(_value(p.get("schema", {})))
        if p["in"] == "path":
            path = path.replace("{" + p["name"] + "}", quote(str(value), safe="") or "x")
        elif draw(st.booleans()):
            query[p["name"]] = value
    body = draw(st.one_of(st.none(), st.dictionaries(st.text(max_size=8), st.text(max_size=20), max_size=3))) if method in {"post", "put"} else None
    return method, path, query, body


@pytest.fixture(scope="module")
def operations(web_client):
    return _operations(web_client.get("/api/openapi.json").json())


def test_no_request_from_the_schema_gets_a_500(web_client, operations):
    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(requests(operations))
    def check(req: tuple[str, str, dict[str, Any], Any]) -> None:
        method, path, query, body = req
        r = web_client.request(method.upper(), path, params=query, json=body)
        assert r.status_code < 500, (method, path, query, r.text[:300])
        assert r.headers["content-type"].startswith("application/json"), (path, r.headers["content-type"])

    check()


PAGES = ["/", "/stories", "/stories/{id}", "/events/{id}", "/articles", "/articles/{id}", "/entities", "/entities/{id}", "/quotes", "/search", "/compare"]
PARAMS = ["page", "q", "speaker", "words", "language", "source", "since", "until", "entity", "a", "b", "type"]


def test_no_page_request_gets_a_500(web_client):
    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(st.sampled_from(PAGES), TEXT, st.dictionaries(st.sampled_from(PARAMS), st.one_of(TEXT, st.integers(-(10**20), 10**20)), max_size=4), st.booleans())
    def check(page: str, key: str, query: dict[str, Any], as_json: bool) -> None:
        path = page.replace("{id}", quote(key, safe="") or "x") + (".json" if as_json and page != "/" else "")
        r = web_client.get(path, params=query)
        assert r.status_code < 500, (path, query, r.text[:300])

    check()
