"""``storyline batch`` on Spark (``local[2]``) gives what a one-process ``storyline ingest`` of the same
input gives: the same articles, annotations, entities, events and stories (ids included); bad items
are reported with their origin and reason and the good ones kept. Skips without PySpark or Java."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLES

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
pytestmark = [
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java (17)"),
    pytest.mark.skipif(not (DATA / "de_frontpages_2026").is_dir() or not EXAMPLES.is_dir(), reason="../shared data absent"),
]

FRONT_PAGE_ITEMS = 150
WHAT = ("articles", "entities", "events", "stories")


@pytest.fixture(scope="session")
def spark():
    from storyline.batch.job import spark_context

    session = spark_context("local[2]")
    yield session
    session.stop()


def _warc(path: Path, texts: list[tuple[str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, (title, text) in enumerate(texts):
            paras = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
            html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            url = f"https://news.example/politik/{i}"
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers))


def _inputs(tmp_path: Path) -> list[str]:
    """Front-page items, the example articles, a WARC of three of them, and bad lines."""
    with (DATA / "de_frontpages_2026" / "articles.jsonl").open(encoding="utf-8") as fh:
        lines = [next(fh) for _ in range(FRONT_PAGE_ITEMS)]
    (tmp_path / "front.jsonl").write_text("".join(lines), encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"title": "kaputt"\nnot json at all\n{"foo": 1}\n', encoding="utf-8")
    examples = sorted(EXAMPLES.glob("*.txt"))[:3]
    _warc(tmp_path / "pages.warc.gz", [(p.stem, p.read_text(encoding="utf-8")) for p in examples])
    return [str(tmp_path / "front.jsonl"), str(EXAMPLES), str(tmp_path / "pages.warc.gz"), str(tmp_path / "bad.jsonl"), str(tmp_path / "gone.jsonl")]


def _export(db: Path) -> dict[str, list]:
    from storyline.export import records
    from storyline.store import open_store

    store = open_store(str(db))
    try:
        return {w: list(records(store, w)) for w in WHAT}
    finally:
        store.close()


@pytest.mark.parametrize("profile", ["fast", "accurate"])
def test_batch_equals_one_process_ingest(spark, tmp_path: Path, profile: str) -> None:
    """Both NER profiles: the accurate model once tagged a sentence differently in another batch."""
    import pyarrow.parquet as pq
    from typer.testing import CliRunner

    from storyline.cli.main import app
    from storyline.library import Storyline
    from storyline.settings import Settings

    inputs = _inputs(tmp_path)
    with Storyline(tmp_path / "one.db", Settings({"ner.profile": profile})) as sl:
        single = sl.ingest(inputs)
    out = tmp_path / "out"
    args = ["--set", f"ner.profile={profile}", "batch", *inputs, "--out", str(out), "--master", "local[2]", "--partitions", "6", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output  # some inputs failed: exit 1, as ingest
    summary = json.loads(result.stdout)
    assert summary["ingested"] == len(single.ingested) >= FRONT_PAGE_ITEMS
    assert summary["partitions"] >= 6

    expected, got = _export(tmp_path / "one.db"), _export(out / "storyline.db")
    for what in WHAT:
        assert got[what] == expected[what], what
    assert any(a["event_id"] for a in got["articles"]) and got["stories"]
    assert sum(a["url"].startswith("https://news.example/") for a in got["articles"] if a["url"]) >= 2  # the WARC

    # bad items: reported with origin and reason (as ingest reports them), the good ones kept
    problems = [json.loads(line) for line in (out / "problems.jsonl").read_text(encoding="utf-8").splitlines()]
    failed = {(p["origin"], p["reason"]) for p in problems if p["fatal"]}
    assert failed == {(p.origin, p.reason) for p in single.failed}
    origins = {origin for origin, _ in failed}
    assert {f"{inputs[3]}:{n}" for n in (1, 2, 3)} | {inputs[4]} <= origins

    # Parquet with the export schema, the same rows the store exports
    table = pq.read_table(out / "articles.parquet").to_pylist()
    assert [r["id"] for r in table] == [a["id"] for a in expected["articles"]]
    assert [r["event_id"] for r in table] == [a["event_id"] for a in expected["articles"]]
    assert pq.read_table(out / "entities.parquet").num_rows == len(expected["entities"])


def test_workers_run_one_thread_per_task(spark) -> None:
    """A Spark task holds one core: its NER (onnxruntime), lingua and BLAS must not start pools of
    their own, or local[2] runs four busy threads on two cores."""
    import os

    from storyline.nlp.ner.tagger import _threads

    seen = spark.parallelize([0], 1).map(lambda _: (os.environ.get("STORYLINE_NER_THREADS"), os.environ.get("RAYON_NUM_THREADS"), _threads())).collect()
    assert seen == [("1", "1", 1)]
