"""The drawn timeline keeps each date's granularity and never lets entry text out as markup."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("markupsafe")

from storyline.views.when import when
from storyline.web.svg import interval, timeline_svg


def test_intervals_keep_granularity():
    assert interval("2018-01-10") == (date(2018, 1, 10), date(2018, 1, 11))
    assert interval("2018-05") == (date(2018, 5, 1), date(2018, 6, 1))
    assert interval("2018-W10") == (date(2018, 3, 5), date(2018, 3, 12))
    assert interval("2017") == (date(2017, 1, 1), date(2018, 1, 1))
    assert interval("195X") == (date(1950, 1, 1), date(1960, 1, 1))
    assert interval("2018-Q2") == (date(2018, 4, 1), date(2018, 7, 1))
    assert interval("2018-02-30") is None and interval("XXXX-05") is None and interval("P2Y") is None


def test_days_are_marks_and_periods_are_bars_on_one_axis():
    svg = str(timeline_svg([
        {"date": "2018-05", "kind": "planned", "text": "Gipfel im Mai", "article_id": "a", "start": 5},
        {"date": "2018-01-10", "kind": "said", "text": "sagte er", "article_id": "b", "start": 0},
        {"date": "195X", "kind": "happened", "text": "Koreakrieg", "article_id": "a", "start": 9},
    ]))
    assert svg.index('data-date="195X"') < svg.index('data-date="2018-01-10"') < svg.index('data-date="2018-05"')
    assert 'class="bar planned"' in svg and 'class="mark said"' in svg and 'class="bar happened"' in svg
    assert "≈" in svg  # the empty decades between the 1950s and 2018 are cut out, and marked


def test_entry_text_is_inert():
    svg = str(timeline_svg([{"date": "2018-01-10", "kind": "said\"><script>", "text": "<script>alert(1)</script>\u202e", "article_id": "\"><x", "start": 0}]))
    assert "<script" not in svg and "\u202e" not in svg and '"><x' not in svg


@pytest.mark.parametrize(("value", "mod", "words"), [
    ("2026-01-02TNI", None, "2026-01-02 night"),
    ("2026-01-02TNI", "BEFORE", "before 2026-01-02 night"),
    ("2018-03-08TMO", None, "2018-03-08 morning"),
    ("2018-03-08T10:30", None, "2018-03-08 10:30"),
    ("2018-W10", None, "week 10 of 2018"),
    ("2018-W10-WE", None, "weekend of week 10 of 2018"),
    ("2018-SU", "START", "early summer 2018"),
    ("2018-H2", None, "second half of 2018"),
    ("195X", None, "1950s"),
    ("19XX", "END", "late 1900s"),
    ("2018-05", "APPROX", "about 2018-05"),
    ("2018-01-10", None, "2018-01-10"),
    ("XXXX-05", None, "XXXX-05"),  # not known: as it is
    ("2018-01-10", "ODD", "2018-01-10 ODD"),
    ("", None, ""),
])
def test_dates_are_shown_in_words(value: str, mod: str | None, words: str) -> None:
    assert when(value, mod) == words


def test_the_timeline_shows_words_and_keeps_the_value_for_machines():
    svg = str(timeline_svg([
        {"date": "2026-01-02TNI", "mod": "BEFORE", "kind": "happened", "text": "Drohungen", "article_id": "a", "start": 0},
        {"date": "2026-01-03TNI", "kind": "happened", "text": "Angriff", "article_id": "a", "start": 9},
    ]))
    assert ">before 2026-01-02 night</text>" in svg and ">2026-01-03 night</text>" in svg
    assert 'data-date="2026-01-02TNI BEFORE"' in svg and "TNI</text>" not in svg
