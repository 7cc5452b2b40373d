"""The garbage collector's batch schedule: set while batch work runs, restored after, nestable."""

from __future__ import annotations

import gc
import threading

import pytest

from storyline.collector import OLDER, YOUNG, batch_collection


@pytest.fixture(autouse=True)
def _default_schedule():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_the_schedule_holds_inside_and_is_restored_after():
    with batch_collection():
        assert gc.get_threshold() == (YOUNG, OLDER, OLDER)
    assert gc.get_threshold() == (700, 10, 10)


def test_nested_uses_restore_only_when_the_outermost_leaves():
    with batch_collection():
        with batch_collection():
            pass
        assert gc.get_threshold() == (YOUNG, OLDER, OLDER)
    assert gc.get_threshold() == (700, 10, 10)


def test_an_error_inside_still_restores_the_schedule():
    with pytest.raises(RuntimeError), batch_collection():
        raise RuntimeError("boom")
    assert gc.get_threshold() == (700, 10, 10)


def test_as_a_decorator_and_from_two_threads():
    seen: list[tuple[int, int, int]] = []

    @batch_collection()
    def work() -> None:
        seen.append(gc.get_threshold())

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [(YOUNG, OLDER, OLDER)] * 4
    assert gc.get_threshold() == (700, 10, 10)


def test_cycles_made_inside_are_still_collected_less_often():
    class Node:
        def __init__(self) -> None:
            self.me = self

    runs: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            runs.append(info["generation"])

    gc.callbacks.append(count)
    try:
        with batch_collection():
            for _ in range(3 * YOUNG):
                Node()
    finally:
        gc.callbacks.remove(count)
    assert 2 <= len(runs) <= 6  # the default schedule runs ~200 collections for as many containers
    assert sum(type(o) is Node for o in gc.get_objects()) < YOUNG + 10  # the cycles went


def test_ingest_and_link_run_on_the_batch_schedule(tmp_path, monkeypatch):
    from storyline.app import linking
    from storyline.link.config import LinkConfig
    from storyline.link.linker import Linker

    inside: list[tuple[int, int, int]] = []
    real = Linker.add

    def spy(self, item):
        inside.append(gc.get_threshold())
        return real(self, item)

    monkeypatch.setattr(Linker, "add", spy)
    from storyline.model import Article, Document

    docs = [Document(Article(id=f"a{i}", text=f"Text {i} über Berlin", title=f"Titel {i}", language="de")) for i in range(3)]
    linking.link_documents(Linker(LinkConfig()), docs)
    assert inside and all(t == (YOUNG, OLDER, OLDER) for t in inside)
    assert gc.get_threshold() == (700, 10, 10)


def test_the_timer_counts_the_collections_of_its_block():
    from storyline.collector import CollectionTimer

    with CollectionTimer() as timer:
        gc.collect()
        gc.collect()
    assert timer.collections == 2 and timer.seconds > 0.0
    with CollectionTimer() as idle:
        pass
    assert idle.collections == 0 and idle.seconds == 0.0
    assert timer._callback not in gc.callbacks


def _small_corpus(folder):
    import json

    lines = [
        {
            "title": f"Feuerwehr löscht Brand in Lagerhalle {i}",
            "teaser": f"In der Nacht brannte in Musterstadt eine Lagerhalle ab, Nummer {i}.",
            "url": f"https://example.org/brand-{i}",
            "outlet": "example.org",
            "first_seen": f"2026-01-03T0{i % 10}:00:00",
        }
        for i in range(30)
    ]
    (folder / "articles.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    return folder


def test_bench_reports_the_collector_time_of_each_stage_and_of_the_pipeline(tmp_path):
    from storyline.bench.run import bench
    from storyline.settings import Settings

    result = bench(_small_corpus(tmp_path), Settings().with_overrides({"ner.profile": "fast"}), profile="fast")
    assert result["n_stored"] == 30
    assert 0.0 <= result["pipeline_gc_seconds"] <= result["pipeline_seconds"]
    for name, stage in result["stages"].items():
        if name not in ("ingest", "store"):
            assert 0.0 <= stage["gc_seconds"] <= stage["seconds"], name


def test_the_bench_table_shows_the_collector_share(tmp_path):
    from typer.testing import CliRunner

    from storyline.cli.main import app

    shown = CliRunner().invoke(app, ["bench", "--data", str(_small_corpus(tmp_path)), "--profile", "fast"])
    assert shown.exit_code == 0, shown.output
    header = next(line for line in shown.output.splitlines() if "articles/s" in line)
    assert "in gc" in header
    assert any(line.split()[:1] == ["pipeline"] and line.rstrip().endswith("%") for line in shown.output.splitlines())
