"""A horoscope is its own event and story unless it is the same piece listed again.

On the dev morning the weekly horoscopes for Krebs and Widder ("Vom 29.12. bis 4.1.2026: Das
Wochenhoroskop für …") were one event, and a horoscope joined another's story; the labels' guideline
makes each horoscope an event and a story of its own unless syndicated."""

from __future__ import annotations

from datetime import datetime, timedelta

from storyline.link.config import LinkConfig
from storyline.link.items import LinkItem
from storyline.link.linker import Linker
from storyline.link.service_pieces import service_piece

T0 = datetime(2026, 1, 3, 3, 49)
TEASER = "Was die Sterne vom 29.12. bis 4.1.2026 sagen: Liebe, Beruf und Gesundheit im neuen Jahr."
ROWS = [
    ("h1", "Vom 29.12. bis 4.1.2026: Das Wochenhoroskop für Krebs", TEASER),
    ("h2", "Vom 29.12. bis 4.1.2026: Das Wochenhoroskop für Widder", TEASER),
    ("h3", "Erster Vollmond 2026: Diese Sternzeichen spüren den Wolfsmond besonders",
     "Was Sie zum heutigen Wolfsmond wissen müssen und welche Sternzeichen er beeinflusst."),
    ("h4", "Erster Vollmond 2026: Diese Sternzeichen spüren den Wolfsmond besonders", ""),  # listed again
    ("n1", "Vollmond im Januar: Der Wolfsmond ist heute Nacht zu sehen",
     "Der erste Vollmond des Jahres 2026 steht am Samstag am Himmel; Sternwarten laden ein."),
]


def _link(rows: list[tuple[str, str, str]], step: timedelta) -> tuple[dict, dict[str, str], dict[str, str]]:
    """Each row linked ``step`` after the one before: (assignments, event ids, story ids)."""
    lk = Linker(LinkConfig())
    out = {aid: lk.add(LinkItem(aid, title, text, "de", T0 + i * step)) for i, (aid, title, text) in enumerate(rows)}
    lk.consolidate()
    return out, {aid: lk.membership(aid)[0] for aid in out}, {aid: lk.membership(aid)[1] for aid in out}


def test_horoscopes_are_their_own_events_and_stories():
    out, ev, st = _link(ROWS, timedelta(minutes=1))
    assert len({ev["h1"], ev["h2"], ev["h3"], ev["n1"]}) == 4
    assert len({st["h1"], st["h2"], st["h3"], st["n1"]}) == 4
    assert ev["h4"] == ev["h3"] and st["h4"] == st["h3"]  # the same piece listed again
    assert out["h2"].explanation["event"]["service"] == "horoscope"
    assert "service" not in out["n1"].explanation.get("event", {})


def test_what_counts_as_a_horoscope():
    assert service_piece("BILD-Jahreshoroskop 2026: Diese Monate sind für Ihre Liebe entscheidend") == "horoscope"
    assert service_piece("So startet Ihr Sternzeichen ins neue Jahr") == "horoscope"
    assert service_piece("Vollmond im Januar: Der Wolfsmond ist heute Nacht zu sehen") is None
    assert service_piece("") is None


def test_broken_horoscope_items_link_without_harm():
    """An empty title, a title of punctuation only after its kicker, a kicker alone twice and a huge
    one: each is linked, none crashes, and titles of the same words meet (punctuation aside)."""
    lk = Linker(LinkConfig())
    rows = [("e", "", ""), ("p", "Horoskop: …!?", ""), ("k", "Horoskop:", ""), ("k2", "Horoskop:", ""),
            ("h", "Sternzeichen " * 5000, "x" * 100_000)]
    for i, (aid, title, text) in enumerate(rows):
        lk.add(LinkItem(aid, title, text, "de", T0 + timedelta(minutes=i)))
    lk.consolidate()
    ev = {aid: lk.membership(aid)[0] for aid, _, _ in rows}
    assert ev["k2"] == ev["k"] == ev["p"]  # the same words, punctuation aside
    assert len({ev["e"], ev["k"], ev["h"]}) == 3


TESTS = [
    ("t1", "Top 10: Die beste Powerstation im Test", "Wir haben Powerstations getestet und zeigen die besten."),
    ("t2", "Top 10: Die besten kleinen Smartphones bis 6,4 Zoll im Test", "Wir zeigen die besten kleinen Smartphones."),
    ("t3", "Top 10: Der beste In-Ear-Kopfhörer im Test", "Wir haben In-Ear-Kopfhörer getestet und zeigen die besten."),
    ("t4", "Top 10: Die beste Powerstation im Test", "Wir haben Powerstations getestet und zeigen die besten."),  # again
]


def test_each_product_test_is_its_own_event_and_story():
    """heise's "Top 10: Der/Die beste(n) … im Test" series shares four words from one test to the
    next; every product it tested on the stream's first days had become one event."""
    out, ev, st = _link(TESTS, timedelta(hours=1))
    assert len({ev["t1"], ev["t2"], ev["t3"]}) == 3
    assert len({st["t1"], st["t2"], st["t3"]}) == 3
    assert ev["t4"] == ev["t1"]  # the same test listed again
    assert out["t2"].explanation["event"]["service"] == "product test"


def test_what_a_product_test_title_is():
    assert service_piece("Skoda Enyaq 85 im Praxistest") == "product test"
    assert service_piece("Im Test: Bitdefender Antivirus Plus") == "product test"
    assert service_piece("Nur einer ist \"gut\": Multivitaminsäfte fallen im Test durch") == "product test"
    assert service_piece("Neues im Testament des Verlegers") is None
    assert service_piece("Bundestag testet neue Abstimmungsgeräte") is None
    assert service_piece("") is None


def test_a_product_test_about_winter_is_no_part_of_the_days_weather():
    """"Fahrradhandschuhe im Test: So bleiben Ihre Hände im Winter warm" had joined a day's weather
    event (171 articles) and its story through the weather episode."""
    rows = [
        ("w1", "Schnee und Glätte: Zahlreiche Unfälle in Bayern", "Schnee, Glätte und Frost sorgen für Unfälle."),
        ("w2", "Glätte und Schneefall: Unfälle in Hessen", "Dauerfrost und Schneeschauer in Hessen."),
        ("p1", "Schneeketten im Test: Welche bei Schnee, Glätte und Frost halten",
         "Schnee, Glätte und Frost: Wir haben Schneeketten getestet."),
        ("w3", "Sturmtief bringt Schnee und Glätte nach Thüringen", "Frost und Schneeschauer erwartet."),
    ]
    out, ev, st = _link(rows, timedelta(minutes=30))
    assert ev["w1"] == ev["w2"] == ev["w3"]  # one day's weather: one event
    assert ev["p1"] not in {ev["w1"]} and st["p1"] != st["w1"]
    assert out["p1"].explanation["event"]["service"] == "product test"
    assert "episode" not in out["p1"].explanation["event"]
