"""Incremental linking writes: after many small ingests the store's memberships, events and stories
are exactly the linker's current picture, old explanations are kept, and the stored state carries no
rows (it no longer grows by every article's explanation). Linking in small ingests gives the same
memberships as one linker fed the same articles without stopping (what moved out of the state blob
into keyed rows — retired entries, open stories, per-term counts, the story index — comes back
unchanged), and an older, unreadable or damaged state means a full re-link, not a crash."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from storyline.app.linking import STATE_KEY, _order, link_pending, load_linker
from storyline.link.config import LinkConfig
from storyline.link.items import LinkItem
from storyline.link.linker import Linker
from storyline.link.rows import event_rows, story_rows
from storyline.link.state import SNAPSHOT_VERSION
from storyline.model import Article, Document
from storyline.settings import Settings
from storyline.store import open_store

FRONTPAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "de_frontpages_2026" / "articles.jsonl"

TOPICS = [
    "Erdbeben in der Türkei: Retter suchen in Trümmern nach Überlebenden, Zahl der Toten steigt",
    "Bundestag debattiert Haushalt: Finanzminister verteidigt Schuldenbremse gegen Kritik",
    "Champions League: Bayern München gewinnt Auswärtsspiel gegen Paris Saint-Germain",
    "Hochwasser in Bayern: Pegel der Donau steigen, Evakuierungen in Passau",
]


FILLER = [
    "Abend", "Bericht", "Kritik", "Lage", "Morgen", "Polizei", "Regierung", "Stadt", "Streit", "Tag",
    "Umfrage", "Wahl", "Wetter", "Zeuge", "Antwort", "Bilanz", "Debatte", "Einsatz", "Folgen", "Gericht",
    "Hilfe", "Kosten", "Land", "Plan", "Ruf", "Sorge", "Ziel",
]


def _synthetic(n: int = 56, varied: bool = False) -> list[Document]:
    docs = []
    start = datetime(2024, 3, 1, 8)
    for i in range(n):
        topic = TOPICS[i % len(TOPICS)]
        words = topic.split()
        if varied:  # a few words of its own, so that not every fourth article is a copy
            words = words + [FILLER[(i * k + k) % len(FILLER)] for k in (1, 3, 5, 7, 11)]
        text = " ".join(words[(i // 4) % 3 :] + words[: (i // 4) % 3]) + f" Meldung {i // 8}."
        when = start + timedelta(hours=7 * i)
        docs.append(Document(Article(id=f"s{i:03d}", text=text, title=text[:60], language="de", published=when)))
    return docs


def _bursts(days: int = 240, per_day: int = 6) -> list[Document]:
    """Topics that come back in bursts seven weeks apart among one-off headlines of two sources:
    stories wait quiet and open between bursts (their articles have left the event index), one-off
    stories stay open for 90 days and then retire."""
    docs = []
    start = datetime(2024, 1, 1, 6)
    for d in range(days):
        day = start + timedelta(days=d)
        for i in range(per_day):
            title = f"{FILLER[(d + i) % len(FILLER)]} Meldung{d}x{i} Notiz{d}x{i} Hinweis{d}x{i}"
            docs.append(Document(Article(id=f"x{d:03d}{i}", text=title, title=title, language="de",
                                         published=day + timedelta(hours=i), source="Blatt" if i % 2 else "Zeitung")))
        if d % 50 < len(TOPICS):
            words = TOPICS[d % 50].replace(":", "").replace(",", "").split()
            for k in range(3):
                text = " ".join(words[k:] + words[:k] + [FILLER[(d + k) % len(FILLER)]])
                docs.append(Document(Article(id=f"t{d:03d}{k}", text=text, title=text[:60], language="de",
                                             published=day + timedelta(hours=5 + 4 * k), source="Zeitung")))
    return docs


def _one_linker(docs: list[Document], batch: int) -> dict[str, tuple[str, str]]:
    """Memberships from one in-memory linker fed the same batches (consolidated after each, as
    ``link_pending`` does), never saved."""
    cfg = LinkConfig.from_settings(Settings())
    cfg.keep_explanations = False
    linker = Linker(cfg)
    for i in range(0, len(docs), batch):
        for d in sorted(docs[i : i + batch], key=_order):
            linker.add(LinkItem.from_document(d))
        linker.consolidate()
    return {d.id: linker.membership(d.id) for d in docs}


def _table_picture(store) -> tuple[dict, dict, dict]:  # type: ignore[no-untyped-def]
    members = {m["article_id"]: (m["event_id"], m["story_id"]) for m in store.memberships()}
    events = {e["id"]: (e["story_id"], sorted(e["data"]["article_ids"])) for e in store.events()}
    stories = {s["id"]: sorted(s["data"]["article_ids"]) for s in store.stories()}
    return members, events, stories


def _linker_picture(store, settings) -> tuple[dict, dict, dict]:  # type: ignore[no-untyped-def]
    """The stored linker's own answer for every stored article (retired ones fetched from the store)."""
    linker = load_linker(store, settings)
    linker.consolidate()
    members = {a.id: linker.membership(a.id) for a in store.articles(limit=None)}
    rows = event_rows(linker, (e for e, _ in members.values()))
    events = {e["event_id"]: (e["story_id"], sorted(e["article_ids"])) for e in rows}
    by_event: dict[str, list[str]] = {}
    for aid, (eid, _) in members.items():
        by_event.setdefault(eid, []).append(aid)
    assert {e: sorted(a) for e, a in by_event.items()} == {e: a for e, (_, a) in events.items()}
    stories = {s["story_id"]: sorted(s["article_ids"]) for s in story_rows(linker, (s for _, s in members.values()))}
    return members, events, stories


def _ingest_in_batches(tmp_path: Path, docs: list[Document], batch: int) -> tuple[object, Settings]:
    settings = Settings()
    store = open_store(str(tmp_path / "inc.db"))
    for i in range(0, len(docs), batch):
        store.add(docs[i : i + batch])
        link_pending(store, settings)
    return store, settings


def test_incremental_writes_match_the_linker(tmp_path: Path) -> None:
    docs = _synthetic()
    store, settings = _ingest_in_batches(tmp_path, docs, 5)
    tables = _table_picture(store)
    assert set(tables[0]) == {d.id for d in docs}
    assert tables == _linker_picture(store, settings)
    # an early article's arrival explanation survives later ingests
    first = {m["article_id"]: m for m in store.memberships()}["s004"]
    assert first["explanation"].get("decision") and first["explanation"].get("event")


def test_state_holds_no_rows_and_no_explanations(tmp_path: Path) -> None:
    store, _ = _ingest_in_batches(tmp_path, _synthetic(), 14)
    state = json.loads(store.get_state(STATE_KEY) or "{}")
    assert set(state) == {"version", "cold", "state"}
    assignments = list(state["state"]["maps"]["assignment"].values())
    assert assignments and all(set(a["explanation"]) <= {"decision"} for a in assignments)
    # per-term counts and the story index are keyed rows, read for the terms an ingest uses
    maps = state["state"]["maps"]
    assert not maps["idf"] and not maps["boilerplate"] and not maps["story_terms"]
    assert "df" not in state["state"]["idf"] and "df" not in state["state"]["boilerplate"]
    assert store.state_items(f"{STATE_KEY}.idf", ["erdbeb", "bundestag"])


def test_small_ingests_link_as_one_linker_that_never_stopped(tmp_path: Path) -> None:
    docs = _bursts()
    store, settings = _ingest_in_batches(tmp_path, docs, 40)
    members = _table_picture(store)[0]
    assert members == _one_linker(docs, 40)
    assert _table_picture(store) == _linker_picture(store, settings)
    state = json.loads(store.get_state(STATE_KEY) or "{}")["state"]
    open_stories = state["stories"]["clusters"]["last_touch"]
    assert not state["maps"]["open_story"]  # open stories live in rows, read when an ingest needs them
    assert set(store.state_items(f"{STATE_KEY}.open_story", list(open_stories))) == set(open_stories)
    # a topic's later burst joined the story its first burst opened, which was quiet in a row by then
    assert members["t0500"][1] == members["t0000"][1]
    link_pending(store, settings, full=True)
    assert _table_picture(store)[0] == _one_linker(docs, len(docs))


def test_an_older_state_layout_means_a_clean_full_relink(tmp_path: Path) -> None:
    docs = _synthetic(120, varied=True)
    store, settings = _ingest_in_batches(tmp_path, docs[:100], 25)
    state = json.loads(store.get_state(STATE_KEY) or "{}")
    old = {"version": SNAPSHOT_VERSION - 1, "cold": True, "state": {**state["state"], "idf": {"n": 1, "df": {"x": 1}}}}
    store.set_state(STATE_KEY, json.dumps(old))
    store.put_state_items(f"{STATE_KEY}.assignment", {"stale": json.dumps({"what": "an older layout"})})
    store.add(docs[100:])
    link_pending(store, settings)
    assert json.loads(store.get_state(STATE_KEY) or "{}")["version"] == SNAPSHOT_VERSION
    assert not store.state_items(f"{STATE_KEY}.assignment", ["stale"])  # the old linker's rows are gone
    assert set(_table_picture(store)[0]) == {d.id for d in docs}
    assert _table_picture(store)[0] == _one_linker(docs, len(docs))
    assert _table_picture(store) == _linker_picture(store, settings)


def test_retired_entries_leave_the_state_and_come_back_when_needed(tmp_path: Path) -> None:
    docs = _synthetic(300, varied=True)  # 87 days: the first articles retire from the event index (10 days)
    store, settings = _ingest_in_batches(tmp_path, docs, 30)
    state = json.loads(store.get_state(STATE_KEY) or "{}")
    hot = set(state["state"]["maps"]["assignment"])
    assert "s000" not in hot and docs[-1].id in hot and len(hot) < len(docs)
    cold = store.state_items(f"{STATE_KEY}.assignment", ["s000", "s001", docs[-1].id])
    assert {"s000", "s001"} <= set(cold)
    # the stored linker still answers for a retired article (fetched from its row) ...
    linker = load_linker(store, settings)
    assert linker.membership("s000") == {m["article_id"]: (m["event_id"], m["story_id"]) for m in store.memberships()}["s000"]
    assert "s000" in linker.assignments and "nope" not in linker.assignments
    # ... and a re-link from scratch leaves no rows of the old linker behind
    link_pending(store, settings, full=True)
    assert _table_picture(store) == _linker_picture(store, settings)


def test_full_relink_after_incremental_gives_a_consistent_store(tmp_path: Path) -> None:
    store, settings = _ingest_in_batches(tmp_path, _synthetic(), 9)
    link_pending(store, settings, full=True)
    assert _table_picture(store) == _linker_picture(store, settings)


@pytest.mark.data
@pytest.mark.slow
def test_incremental_writes_match_the_linker_on_the_front_page_stream(tmp_path: Path) -> None:
    if not FRONTPAGES.exists():
        pytest.skip("../shared/data/de_frontpages_2026 not available")
    from storyline.eval.readers import item_from_record

    docs = []
    with FRONTPAGES.open(encoding="utf-8") as fh:
        for line, _ in zip(fh, range(300), strict=False):
            r = json.loads(line)
            item = item_from_record(r)
            docs.append(
                Document(
                    Article(
                        id=item.article_id,
                        text=item.text or item.title,
                        title=item.title,
                        language="de",
                        published=item.published,
                        source=item.source,
                    )
                )
            )
    docs.sort(key=lambda d: (d.article.published is None, d.article.published or datetime.min, d.id))
    store, settings = _ingest_in_batches(tmp_path, docs, 25)
    assert store.link_log()  # merges happened between batches: articles moved, events merged away
    assert _table_picture(store) == _linker_picture(store, settings)


@pytest.mark.data
@pytest.mark.slow
def test_small_ingests_of_headlines_link_as_one_linker_that_never_stopped(tmp_path: Path) -> None:
    headlines = FRONTPAGES.parents[1] / "de_headlines_2013_2023"
    if not headlines.exists():
        pytest.skip("../shared/data/de_headlines_2013_2023 not available")
    from storyline.eval.readers import read_headlines

    items = read_headlines(headlines / "headlines.csv.gz")[:3000]
    docs = [
        Document(Article(id=it.article_id, text=it.title, title=it.title, language="de", published=it.published,
                         source=it.source))
        for it in items
    ]
    store, _ = _ingest_in_batches(tmp_path, docs, 100)
    assert _table_picture(store)[0] == _one_linker(docs, 100)


@pytest.mark.data
def test_store_growth_bench_reports_cost_and_state_size() -> None:
    headlines = FRONTPAGES.parents[1] / "de_headlines_2013_2023"
    if not headlines.exists():
        pytest.skip("../shared/data/de_headlines_2013_2023 not available")
    from storyline.bench.run import link_store_growth

    result = link_store_growth(headlines, checkpoints=(200, 400), batch=5)
    curve = result["curve"]
    assert [c["n"] for c in curve] == [215, 415]  # each checkpoint plus three ingests of five
    assert all(c["seconds_per_ingest"] > 0 and c["state_mb"] > 0 and c["cold_rows"] >= 0 for c in curve)
    assert all(c["items_per_day"] > 0 for c in curve)  # the stream's density where it was measured

    steady = link_store_growth(headlines, checkpoints=(200, 400), batch=5, rate=20)
    assert steady["rate"] == 20
    assert [c["items_per_day"] for c in steady["curve"]] == [20.0, 20.0]  # re-dated: a constant stream
    for bad in (0, -3, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="rate"):
            link_store_growth(headlines, checkpoints=(200,), batch=5, rate=bad)

    from rich.console import Console

    from storyline.cli.bench import _store_curve_table

    out = Console(width=200, record=True)
    out.print(_store_curve_table(steady))
    shown = out.export_text()
    assert "re-dated to 20 a day" in shown and "articles a day" in shown
    assert any([c.strip() for c in line.split("│")[1:3]] == ["215", "20"] for line in shown.splitlines())


def test_bench_rate_needs_the_store_growth_curve(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from storyline.cli.main import app

    shown = CliRunner().invoke(app, ["bench", "--growth", "--rate", "50", "--data", str(tmp_path)])
    assert shown.exit_code != 0
    assert "--rate goes with --growth --store" in shown.output


def test_incremental_writes_with_undated_empty_and_copied_articles(tmp_path: Path) -> None:
    docs = _synthetic()[:20]
    odd = [
        Document(Article(id="undated", text=TOPICS[0], title="ohne Datum", language="de")),
        Document(Article(id="empty", text="", title="", language="de", published=datetime(2024, 3, 2))),
        Document(Article(id="copy", text=docs[3].text, title=docs[3].article.title, language="de",
                         published=docs[3].article.published)),
        Document(Article(id="early", text=TOPICS[1], title="zu spät geliefert", language="de",
                         published=datetime(2024, 2, 1))),  # arrives after later articles
    ]
    store, settings = _ingest_in_batches(tmp_path, docs + odd, 3)
    members = {m["article_id"]: m for m in store.memberships()}
    assert set(members) == {d.id for d in docs + odd}
    assert members["copy"]["duplicate_of"] == docs[3].id
    assert _table_picture(store) == _linker_picture(store, settings)
    link_pending(store, settings)  # nothing new: harmless
    assert _table_picture(store) == _linker_picture(store, settings)


def test_a_damaged_retired_row_means_a_full_relink_not_a_crash(tmp_path: Path) -> None:
    docs = _synthetic(300, varied=True)
    store, settings = _ingest_in_batches(tmp_path, docs[:270], 30)
    rows = store.state_items(f"{STATE_KEY}.assignment", [d.id for d in docs[:270]])
    assert rows  # retired articles have keyed rows
    for aid in rows:
        store.put_state_items(f"{STATE_KEY}.assignment", {aid: "{not json"})
        store.put_state_items(f"{STATE_KEY}.event_of", {aid: "[1, 2]"})  # JSON of the wrong shape
    store.add(docs[270:])
    link_pending(store, settings)
    assert set(_table_picture(store)[0]) == {d.id for d in docs}
    assert _table_picture(store) == _linker_picture(store, settings)


@pytest.mark.parametrize(
    ("namespace", "damage"),
    [
        ("idf", '"many"'),  # a document frequency that is no count
        ("boilerplate", "{not json"),
        ("open_story", '{"id": "st_x"}'),  # a story without its members and centroid
        ("story_terms", "[1, 2]"),  # index postings that are no story ids
    ],
)
def test_a_damaged_row_of_what_left_the_blob_means_a_full_relink(tmp_path: Path, namespace: str, damage: str) -> None:
    docs = _bursts(days=60)
    store, settings = _ingest_in_batches(tmp_path, docs[:-40], 40)
    ns = f"{STATE_KEY}.{namespace}"
    keys = [r[0] for r in store.db.execute("SELECT key FROM state_items WHERE namespace = ?", (ns,))]
    assert keys
    store.put_state_items(ns, dict.fromkeys(keys, damage))
    store.add(docs[-40:])
    link_pending(store, settings)
    assert damage not in set(store.state_items(ns, keys).values())  # re-linked from scratch: rows rewritten
    assert _table_picture(store)[0] == _one_linker(docs, len(docs))
    assert _table_picture(store) == _linker_picture(store, settings)

