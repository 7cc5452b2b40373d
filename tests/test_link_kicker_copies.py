"""A dpa text printed with a kicker on one site and without it on another is a copy.

dpa's regional texts reach the front pages as "Verkehr: Zahlreiche Unfälle bei Schnee und Glätte in
Bayern" on one site, "Verkehr:Zahlreiche …", "Unfälle: Zahlreiche …" or without a kicker on others.
A kicker's words cut the shingle overlap of short titles below the copy threshold, and a copy that is
not seen as one must pass the event gates on its own (on the labelled morning: events B³ F1 0.892 →
0.900 with the kicker left out of the copy test)."""

from __future__ import annotations

from datetime import datetime, timedelta

from storyline.link.fingerprints import copy_words
from storyline.link.items import LinkItem
from storyline.link.linker import Linker
from storyline.link.text import words

T0 = datetime(2026, 1, 3, 6)


def item(aid: str, title: str, hours: float, source: str) -> LinkItem:
    return LinkItem(aid, title, title, "de", T0 + timedelta(hours=hours), source=source)


def test_a_kicker_is_not_part_of_what_makes_a_copy() -> None:
    a = "Unfälle: Glätte vermutet – Unfall mit Gas-Lkw legt A9 lahm"
    b = "Glätte vermutet – Unfall mit Gas-Lkw legt A9 lahm"
    assert copy_words(a, words(a), words(a)) == copy_words(b, words(b), words(b))
    lk = Linker()
    first = lk.add(item("sz", a, 0, "sueddeutsche.de"))
    second = lk.add(item("welt", b, 1, "welt.de"))
    assert second.duplicate_of == "sz"
    assert second.event_id == first.event_id


def test_a_short_rest_keeps_its_kicker() -> None:
    """Fewer than five words after the kicker: the kicker may be the news ("Trump: Wir sind bereit")."""
    t = "Trump: Wir sind bereit"
    assert copy_words(t, words(t), []) == words(t)
    lk = Linker()
    lk.add(item("a", "Trump: Wir sind bereit", 0, "a.de"))
    b = lk.add(item("b", "Selenskyj: Wir sind bereit", 1, "b.de"))
    assert b.duplicate_of is None


def test_a_text_keeps_its_words_when_it_does_not_repeat_the_kicker() -> None:
    title = "Verkehr: Zahlreiche Unfälle bei Schnee und Glätte in Bayern"
    text = "Schnee und Glätte haben in Bayern zahlreiche Unfälle verursacht."
    got = copy_words(title, words(title), words(text))
    assert got[: len(words(title)) - 1] == words(title)[1:]
    assert got[len(words(title)) - 1 :] == words(text)


def test_odd_titles_keep_all_their_words() -> None:
    for title in ("", ":", "::: :::", "A:", ": Zahlreiche Unfälle bei Schnee und Glätte", "21:30 Uhr: Anpfiff"):
        tw = words(title)
        assert copy_words(title, tw, []) in (tw, tw[1:]), title
    assert copy_words("Verkehr: a b c d e", [], ["x"]) == ["x"]  # words the caller did not fold
