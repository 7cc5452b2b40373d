"""The drawn timeline keeps each date's granularity and never lets entry text out as markup."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("markupsafe")

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
