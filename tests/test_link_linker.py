"""The Linker end to end: events, stories, stable ids, snapshots, and every kind of bad input."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storyline.link.items import LinkItem
from storyline.link.linker import Linker
from storyline.link.state import restore, snapshot
from storyline.model import Article, Document, Mention, Span

EXAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "examples"
T0 = datetime(2026, 1, 3, 8)

QUAKE_A = (
    "Ein Erdbeben der Stärke 6,8 hat die Region um Izmir erschüttert. In der Stadt stürzten "
    "mehrere Häuser ein, Rettungskräfte suchen nach Verschütteten im Westen der Türkei."
)
QUAKE_A2 = (
    "Nach dem Erdbeben der Stärke 6,8 in Izmir suchen Rettungskräfte weiter nach Verschütteten; "
    "mehrere Häuser in der Stadt sind eingestürzt."
)
QUAKE_B = (
    "Ein Erdbeben der Stärke 7,1 hat Mexiko-Stadt erschüttert. Hochhäuser schwankten, die "
    "Behörden melden Verletzte in der mexikanischen Hauptstadt und in Puebla."
)


def stream() -> list[LinkItem]:
    return [
        LinkItem("a1", "Erdbeben erschüttert Izmir", QUAKE_A, published=T0),
        LinkItem("a2", "Izmir: Suche nach Verschütteten", QUAKE_A2, published=T0 + timedelta(hours=3)),
        LinkItem("b1", "Erdbeben in Mexiko-Stadt", QUAKE_B, published=T0 + timedelta(days=40)),
        LinkItem(
            "c1",
            "Darts-WM: Deutsche scheiden aus",
            "Martin Schindler verliert in London klar.",
            published=T0 + timedelta(hours=1),
        ),
    ]


def run(items: list[LinkItem]) -> dict[str, tuple[str, str]]:
    lk = Linker()
    for it in items:
        lk.add(it)
    lk.consolidate()
    return {it.article_id: lk.membership(it.article_id) for it in items}


def test_same_event_joins_and_same_kind_different_event_stays_apart() -> None:
    m = run(stream())
    assert m["a1"][0] == m["a2"][0]
    assert m["b1"][0] != m["a1"][0]  # two earthquakes are two events
    assert m["c1"][0] != m["a1"][0]


def test_ids_are_stable_across_runs() -> None:
    assert run(stream()) == run(stream())
    assert run(stream())["a1"][0].startswith("ev_")


def test_assignment_explains_itself() -> None:
    lk = Linker()
    lk.add(stream()[0])
    a = lk.add(stream()[1])
    ev = a.explanation["event"]
    assert a.event_id == lk.membership("a1")[0] and not a.new_event
    assert ev["neighbours"][0]["article_id"] == "a1" and ev["score"] >= ev["threshold"]
    assert "izmir" in ev["shared_terms"] and ev["gap_days"] == 0.12


def test_snapshot_restore_continues_identically() -> None:
    items = stream()
    full = Linker()
    for it in items:
        full.add(it)
    half = Linker()
    for it in items[:2]:
        half.add(it)
    snap = json.loads(json.dumps(snapshot(half)))  # plain rows, JSON-safe
    resumed = restore(snap)
    for it in items[2:]:
        resumed.add(it)
    assert {i.article_id: resumed.membership(i.article_id) for i in items} == {
        i.article_id: full.membership(i.article_id) for i in items
    }
    snap = snapshot(resumed)
    assert {"events", "stories", "memberships", "duplicates", "log", "state"} <= set(snap)
    assert sum(len(e["article_ids"]) for e in snap["events"]) == len(items)


def test_bad_input_nothing_crashes_nothing_lost() -> None:
    items = [
        LinkItem("nodate", "Erdbeben erschüttert Izmir", QUAKE_A),  # no date
        LinkItem("empty", "", ""),  # empty text
        LinkItem("empty2", "", ""),
        LinkItem("same1", "Gleich", "Identischer Text über das Wetter in Kiel am Freitag.", published=T0),
        LinkItem("same2", "Gleich", "Identischer Text über das Wetter in Kiel am Freitag.", published=T0),
        LinkItem("late", "Izmir: Suche nach Verschütteten", QUAKE_A2, published=T0 - timedelta(days=3)),
        LinkItem("a1", "Erdbeben erschüttert Izmir", QUAKE_A, published=T0),
        LinkItem("a1", "Erdbeben erschüttert Izmir", QUAKE_A, published=T0),  # the same article twice
        LinkItem("aware", "Izmir", QUAKE_A2, published=T0.replace(tzinfo=UTC)),  # aware among naive dates
    ]
    lk = Linker()
    out = [lk.add(it) for it in items]
    assert out[-2] is out[-3]  # the repeat returns the first assignment
    assert out[1].event_id != out[2].event_id  # empty texts are not linked to each other
    assert out[4].duplicate_of == "same1"
    snap = snapshot(lk)
    ids = {a for e in snap["events"] for a in e["article_ids"]}
    assert ids == {it.article_id for it in items}
    again = Linker()
    for it in items:
        again.add(it)
    assert snapshot(again)["memberships"] == snap["memberships"]


def test_linkitem_from_document_uses_mentions() -> None:
    text = "Trump trifft Kim in Singapur."
    doc = Document(Article(id="x", text=text, title="Gipfel", published=T0, language="de"))
    doc.mentions = [Mention(Span(0, 5), "PER", "Q22686"), Mention(Span(20, 28), "LOC")]
    it = LinkItem.from_document(doc)
    assert it.entities == [("Q22686", "PER"), ("singapur", "LOC")]
    assert LinkItem.from_dict(it.to_dict()) == it


@pytest.mark.data
def test_examples_one_story_two_events() -> None:
    if not EXAMPLES.exists():
        pytest.skip("shared examples not available")
    a = LinkItem(
        "000",
        text=(EXAMPLES / "000_7701b39470e82700.txt").read_text(encoding="utf-8"),
        language="de",
        published=datetime(2018, 1, 10),
    )
    b = LinkItem(
        "001",
        text=(EXAMPLES / "001_ea687b33c55d6d88.txt").read_text(encoding="utf-8"),
        language="de",
        published=datetime(2018, 3, 8),
    )
    lk = Linker()
    ra, rb = lk.add(a), lk.add(b)
    assert ra.event_id != rb.event_id and rb.duplicate_of is None
    assert ra.story_id == rb.story_id
    assert "nordkorea" in rb.explanation["story"]["shared_terms"]
    (story,) = snapshot(lk)["stories"]
    assert story["event_ids"] == [ra.event_id, rb.event_id]


def test_story_merge_is_recorded_and_resolved() -> None:
    from storyline.link.config import StoryConfig
    from storyline.link.stories import StoryThreader

    th = StoryThreader(StoryConfig(threshold=0.9, min_hits=1, min_shared=1, window_days=14.0, rel_beta=0.0))
    v = {"nordkorea": 0.6, "trump": 0.6, "kim": 0.52}
    a = th.open("x1", "e1", v, 0.0, "A", frozenset())
    b = th.open("x2", "e2", v, 1.0, "B", frozenset())
    th.add_article(a, "x3", v, 2.0, frozenset())
    th.add_article(b, "x4", v, 3.0, frozenset())
    (merge,) = th.consolidate(threshold=0.6)
    assert merge["into"] == a and merge["from"] == b and merge["kind"] == "story"
    assert th.resolve(b) == a and th.events[a] == ["e1", "e2"]
    info = th.info(a)
    assert info is not None and sorted(info.article_ids) == ["x1", "x2", "x3", "x4"]


def test_mentioned_dates_are_evidence() -> None:
    a, b = stream()[0], stream()[1]
    a.times, b.times = ["2026-01-03"], ["2026-01-03T10:00"]
    lk = Linker()
    lk.add(a)
    ev = lk.add(b).explanation["event"]
    assert ev["shared_dates"] == ["2026-01-03"]


def test_linking_uses_an_estimated_date_only_when_it_rests_on_a_named_day() -> None:
    from storyline.model import DateEstimate

    def doc(conf: float) -> Document:
        d = Document(Article(id="x", text="Text", title="Titel", language="de"))
        when = datetime(2005, 7, 1)
        d.article.published, d.article.published_estimated = when, True
        d.article.date_estimate = DateEstimate(when, conf, ["vocabulary resembles 2005"])
        return d

    assert LinkItem.from_document(doc(0.15)).published is None  # a year guessed from words: undated
    assert LinkItem.from_document(doc(0.6)).published == datetime(2005, 7, 1)  # a named day
    given = Document(Article(id="y", text="Text", title="T", language="de", published=datetime(2018, 1, 10)))
    assert LinkItem.from_document(given).published == datetime(2018, 1, 10)


def _quake_reports(prefix: str, *titles: str) -> list[LinkItem]:
    """Reports of one quake an hour apart under ``titles``, the two texts taking turns."""
    return [LinkItem(f"{prefix}{i + 1}", title, (QUAKE_A, QUAKE_A2)[i % 2], published=T0 + timedelta(hours=i))
            for i, title in enumerate(titles)]


def test_an_event_and_its_story_are_headed_by_their_most_typical_article() -> None:
    """Not by whichever article opened them: an odd first headline gives way once three articles are
    in, and the story takes its largest event's title."""
    from storyline.link.rows import event_rows, story_rows

    items = _quake_reports("s", "Reisewarnung: Was Urlauber jetzt wissen müssen", "Erdbeben erschüttert Izmir",
                           "Erdbeben in Izmir: Häuser eingestürzt", "Izmir: Erdbeben fordert Verletzte")
    lk = Linker()
    for it in items[:2]:
        lk.add(it)
    lk.consolidate()
    eid = lk.membership("s1")[0]
    assert event_rows(lk, [eid])[0]["title"] == items[0].title  # two articles: the first one's title
    for it in items[2:]:
        lk.add(it)
    lk.consolidate()
    assert {lk.membership(it.article_id)[0] for it in items} == {eid}
    title = event_rows(lk, [eid])[0]["title"]
    assert title != items[0].title and "Erdbeben" in title
    (story,) = story_rows(lk, [lk.membership("s1")[1]])
    assert story["title"] == title
    again = Linker()  # the same stream gives the same heading
    for it in items:
        again.add(it)
    again.consolidate()
    assert event_rows(again, [eid])[0]["title"] == title


def test_a_headline_written_without_its_capital_does_not_head_an_event() -> None:
    """One outlet wrote "angriff auf Venezuela: …"; it was the most typical headline of the stream's
    Venezuela event and so headed the event and the story."""
    from storyline.link.rows import event_rows

    items = _quake_reports("t", "erdbeben in Izmir: Häuser eingestürzt", "erdbeben erschüttert Izmir",
                           "erdbeben in Izmir: Viele Häuser eingestürzt", "Izmir: Erdbeben fordert Verletzte")
    lk = Linker()
    for it in items:
        lk.add(it)
    lk.consolidate()
    (eid,) = {lk.membership(it.article_id)[0] for it in items}
    assert event_rows(lk, [eid])[0]["title"] == "Izmir: Erdbeben fordert Verletzte"


def test_story_explanation_names_what_the_story_had_before_the_article() -> None:
    """The words a story join shares are the story's own before the article came: the article's
    other words ("spendenaufruf", "zeltlag") are no evidence that it belongs there."""
    lk = Linker()
    for item in stream()[:2]:
        lk.add(item)
    a = lk.add(
        LinkItem(
            "a3",
            "Izmir nach dem Erdbeben: Spendenaufruf der Hilfsorganisationen",
            "Hilfsorganisationen sammeln Spenden für die Verschütteten und Obdachlosen des Erdbebens "
            "in Izmir; Zeltlager entstehen am Stadtrand.",
            published=T0 + timedelta(days=2),
        )
    )
    assert a.explanation["decision"] == "new event in existing story"
    shared = a.explanation["story"]["shared_terms"]
    assert "izmir" in shared
    assert not {"spendenaufruf", "hilfsorganisation", "zeltlag", "obdachlos"} & set(shared)
