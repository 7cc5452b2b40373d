"""Story timelines: ordered by the date referred to, the same fact merged across articles."""

from __future__ import annotations

from storyline.link.timeline import date_key, merge_timeline, timeline_rows
from storyline.model import Span, TimelineEntry

T1 = "Im Februar schickt Nordkorea eine Delegation nach Pyeongchang. Am Dienstag sprachen beide Koreas."
T2 = "Am Dienstag sprachen beide Koreas erstmals seit zwei Jahren. In den Fünfzigerjahren herrschte Krieg."


def entry(date: str, gran: str, kind: str, text: str, sentence: str, aid: str) -> TimelineEntry:
    start = text.index(sentence)
    return TimelineEntry(date, gran, kind, Span(start, start + len(sentence)), aid)  # type: ignore[arg-type]


def test_date_key_orders_timex_values() -> None:
    values = ["2018-05", "195X", "2018-01-10", "2017", "2018-W10", "2018-SU", "XXXX"]
    assert sorted(values, key=date_key) == [
        "195X",
        "2017",
        "2018-01-10",
        "2018-W10",
        "2018-05",
        "2018-SU",
        "XXXX",
    ]


def test_timeline_orders_merges_and_keeps_sources() -> None:
    texts = {"a": T1, "b": T2}
    entries = [
        entry(
            "2018-02",
            "month",
            "planned",
            T1,
            "Im Februar schickt Nordkorea eine Delegation nach Pyeongchang.",
            "a",
        ),
        entry("2018-01-09", "day", "happened", T1, "Am Dienstag sprachen beide Koreas.", "a"),
        entry(
            "2018-01-09",
            "day",
            "happened",
            T2,
            "Am Dienstag sprachen beide Koreas erstmals seit zwei Jahren.",
            "b",
        ),
        entry("195X", "decade", "happened", T2, "In den Fünfzigerjahren herrschte Krieg.", "b"),
    ]
    tl = merge_timeline(entries, texts)
    assert [m.date for m in tl] == ["195X", "2018-01-09", "2018-02"]
    merged = tl[1]
    assert sorted(s["article_id"] for s in merged.sources) == ["a", "b"]
    assert merged.text.endswith("seit zwei Jahren.") and tl[2].kind == "planned"
    rows = timeline_rows(entries, texts)
    assert set(rows[0]) >= {"date", "granularity", "kind", "text", "article_id", "start", "end"}
    assert merge_timeline(list(reversed(entries)), texts) == tl  # order of input does not matter


def test_date_key_handles_every_timex_shape():
    from storyline.link.timeline import date_key

    for value in ("2018-WI", "2018-W10", "2018-Q2", "2018-H1", "2018-SU", "195X", "PRESENT_REF", "", "2018-05-31"):
        date_key(value)  # never raises
    assert date_key("2018-WI") < date_key("2019")
    assert date_key("2018-W10") < date_key("2018-04")
