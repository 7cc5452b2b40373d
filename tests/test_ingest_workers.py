"""Annotation in worker processes (``ingest.workers``): an ingest of several chunks uses the cores and
stores exactly what one process stores; a small ingest starts no worker; workers that cannot start
or die cost nothing but time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.app import ingest
from storyline.app.annotators import Annotators, worker_count

TOPICS = [
    ("Merz trifft Macron in Paris", "Bundeskanzler Friedrich Merz traf am Montag den französischen Präsidenten "
     "Emmanuel Macron in Paris. „Wir stehen zusammen“, sagte Merz."),
    ("Sturm über Hamburg", "Ein Sturm hat am Dienstag in Hamburg Bäume umgeworfen. Die Feuerwehr rückte 200-mal aus."),
    ("Bayern gewinnt in Dortmund", "Der FC Bayern München hat am Samstag bei Borussia Dortmund 3:1 gewonnen. "
     "Harry Kane traf zweimal."),
    ("Selenskyj in Berlin", "Der ukrainische Präsident Wolodymyr Selenskyj ist am 3. Januar 2026 nach Berlin gereist, "
     "teilte die Bundesregierung mit."),
]


def _feed(tmp_path: Path, n: int) -> Path:
    lines = []
    for i in range(n):
        title, text = TOPICS[i % len(TOPICS)]
        day = 1 + i % 5
        lines.append(json.dumps({"id": f"a{i:03d}", "title": f"{title} ({i})", "text": f"{text} Meldung {i}.",
                                 "published": f"2026-01-0{day}T0{i % 10}:00:00"}, ensure_ascii=False))
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return feed


def _picture(db: Path) -> dict[str, list[str]]:
    from storyline.export import records
    from storyline.store import open_store

    store = open_store(str(db))
    try:
        out = {}
        for what in ("articles", "entities", "events", "stories"):
            rows = [dict(r) for r in records(store, what)]
            for r in rows:
                r.pop("ingested", None)  # the wall-clock time it was stored
            out[what] = [json.dumps(r, sort_keys=True, default=str) for r in rows]
        return out
    finally:
        store.close()


def test_workers_store_exactly_what_one_process_stores(tmp_path: Path) -> None:
    from storyline.library import Storyline

    feed = _feed(tmp_path, 48)
    pictures, reports = [], []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        # chunks of 8 articles: six chunks, so the workers start
        with Storyline(db, {"ner.profile": "fast", "store.batch_size": 8, "ingest.workers": workers}) as sl:
            reports.append(sl.ingest([str(feed)]))
        pictures.append(_picture(db))
    assert [r.workers for r in reports] == [1, 2]
    assert [len(r.ingested) for r in reports] == [48, 48] and not reports[1].warnings
    assert reports[0].ingested == reports[1].ingested  # in input order
    assert pictures[0] == pictures[1]
    assert len(pictures[0]["articles"]) == 48 and pictures[0]["entities"] and pictures[0]["events"]


def test_a_small_ingest_starts_no_worker(tmp_path: Path) -> None:
    from storyline.library import Storyline

    with Storyline(tmp_path / "small.db", {"ner.profile": "fast", "ingest.workers": 2}) as sl:
        report = sl.ingest([str(_feed(tmp_path, 6))])  # one chunk
    assert report.workers == 1 and len(report.ingested) == 6


def test_the_automatic_setting_starts_workers_only_for_enough_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.app import annotators
    from storyline.library import Storyline

    feed = _feed(tmp_path, 48)  # six chunks of 8, but little text: starting workers would not pay
    with Storyline(tmp_path / "auto.db", {"ner.profile": "fast", "store.batch_size": 8}) as sl:
        assert sl.ingest([str(feed)]).workers == 1
    if annotators.worker_count(0) < 2:
        pytest.skip("one usable core: the automatic setting starts no worker")
    monkeypatch.setattr(annotators, "AUTO_MIN_CHARS", 1000)  # about the text of two chunks
    with Storyline(tmp_path / "auto2.db", {"ner.profile": "fast", "store.batch_size": 8}) as sl:
        report = sl.ingest([str(feed)])
    assert report.workers == annotators.worker_count(0) and len(report.ingested) == 48


def test_workers_that_cannot_start_cost_nothing(tmp_path: Path) -> None:
    from storyline.pipeline import Pipeline
    from storyline.settings import Settings
    from storyline.store import open_store

    settings = Settings({"ner.profile": "fast", "store.batch_size": 8, "ingest.workers": 2})
    pipeline = Pipeline.from_settings(settings)
    # what the workers are told to build fails there (a stage no worker can find), as a worker
    # that runs out of memory or is killed would: the chunks are annotated here instead
    pipeline.settings = settings.with_overrides({"pipeline.stages": [*settings["pipeline.stages"], "no-such-stage"]})
    from storyline.ingest import read_inputs

    store = open_store(str(tmp_path / "fallback.db"))
    try:
        report = ingest.ingest_articles(read_inputs([str(_feed(tmp_path, 40))], settings), store, pipeline, settings)
        assert len(report.ingested) == 40 and not report.failed
        assert any(w.origin == "ingest" and "annotation workers stopped" in w.reason for w in report.warnings)
        docs = list(store.iter_documents())
        assert len(docs) == 40 and all(d.stages.get("ner") for d in docs)
        assert sum(len(d.mentions) for d in docs) > 40
    finally:
        store.close()


def test_worker_count_setting() -> None:
    assert worker_count(1) == 1 and worker_count(3) == 3
    assert 1 <= worker_count(0) <= 4


def test_a_pipeline_not_built_from_settings_is_annotated_here(tmp_path: Path) -> None:
    from storyline.pipeline import Pipeline
    from storyline.settings import Settings

    settings = Settings({"ingest.workers": 4})
    annotators = Annotators(Pipeline([]), settings, ingest.IngestReport(), 1000)
    assert annotators.workers == 1  # a hand-built pipeline: workers could not rebuild it


def test_workers_setting_is_checked() -> None:
    from storyline.errors import ConfigError
    from storyline.settings import Settings

    assert Settings({"ingest.workers": "2"})["ingest.workers"] == 2
    with pytest.raises(ConfigError):
        Settings({"ingest.workers": "many"})


def test_the_command_says_how_many_processes_annotated(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from storyline.cli.main import app

    feed = _feed(tmp_path, 24)
    args = ["--set", "ner.profile=fast", "--set", "store.batch_size=8", "--set", "ingest.workers=2"]
    shown = CliRunner().invoke(app, [*args, "ingest", str(feed), "--db", str(tmp_path / "cli.db"), "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["workers"] == 2
    shown = CliRunner().invoke(app, [*args, "ingest", str(_feed(tmp_path, 3)), "--db", str(tmp_path / "one.db"), "--json"])
    assert json.loads(shown.stdout)["workers"] == 1


def test_what_annotation_says_in_a_worker_reaches_the_report(tmp_path: Path) -> None:
    from storyline.library import Storyline

    feed = _feed(tmp_path, 24)
    lines = feed.read_text(encoding="utf-8").splitlines()
    long = json.loads(lines[13])
    long["text"] = "Ein sehr langer Text über Hamburg. " * 40  # over pipeline.max_chars below: light stages only
    lines[13] = json.dumps(long, ensure_ascii=False)
    lines.insert(5, "{not json")  # a broken record among them
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    said = []
    for workers in (1, 2):
        settings = {"ner.profile": "fast", "store.batch_size": 8, "ingest.workers": workers, "pipeline.max_chars": 1000}
        with Storyline(tmp_path / f"said{workers}.db", settings) as sl:
            report = sl.ingest([str(feed)])
        assert report.workers == workers and len(report.ingested) == 24 and len(report.failed) == 1
        said.append(sorted((w.origin, w.reason) for w in report.warnings))
    assert said[0] == said[1]
    assert any("over pipeline.max_chars" in reason for _, reason in said[1])
