"""The regional reports of one weather episode are one story, though they share almost no words.

On the labelled front-page morning, a winter weather episode (snow, ice, frost; 90 items) was split
into 18 stories: "Glätte" in Lower Saxony, "Dauerfrost" in Hesse and "Schneeschauer" in the south-west
meet in no word. The story threader now sees a weather dimension (``storyline/link/concepts.py``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from storyline.link.concepts import concept_dims, concepts
from storyline.link.config import LinkConfig
from storyline.link.items import LinkItem
from storyline.link.linker import Linker

T0 = datetime(2026, 1, 2, 6)

REPORTS = [  # each shares a word or two with another, which alone does not make a story
    ("dwd", "Wetterdienst: Schnee, Glätte und Dauerfrost bestimmen das Wochenende", 0.0),
    ("nds", "Zahlreiche Unfälle bei Schnee und Glätte in Niedersachsen", 0.2),
    ("hessen", "Dauerfrost und Schneeverwehungen: Winter hat Hessen im Griff", 1.0),
    ("sw", "Schneeschauer und Glätte haben den Südwesten im Griff", 2.0),
    ("bb", "Schnee und Eis: Brandenburgs Winterdienst ist einsatzbereit", 3.0),
    ("sachsen", "Sturmtief bringt Dauerfrost nach Sachsen", 4.0),
]
OTHER = [
    ("kita", "Kita-Gebühren steigen in mehreren Städten", 0.5),
    ("bahn", "Bahn kündigt neuen Fahrplan für Pendler an", 1.5),
    ("beamer", "Schwebende Projektion: Der Beamer braucht keine glatten Flächen", 2.5),
]


def link(rows: list[tuple[str, str, float]], config: LinkConfig | None = None) -> tuple[Linker, dict[str, tuple[str, str]]]:
    lk = Linker(config or LinkConfig())
    for aid, title, hours in sorted(rows, key=lambda r: r[2]):
        lk.add(LinkItem(aid, title, title, "de", T0 + timedelta(hours=hours)))
    lk.consolidate()
    return lk, {aid: lk.membership(aid) for aid, _, _ in rows}


def test_weather_words_name_the_weather() -> None:
    for text in (
        "Unfälle wegen Glätte in Niedersachsen",
        "DWD-Prognose: Frostige Nächte erwartet",
        "Auf glatter Fahrbahn gerutscht – Lastwagen blockiert A1",
        "Winterchaos auf Deutschlands Straßen",
        "SCHNEE IN HAMBURG",
    ):
        assert concepts(text) == {"wetter"}, text
    for text in (
        "Der Beamer braucht keine glatten Flächen",  # smooth, not icy: half a point
        "Kältebus angezündet",
        "Schneewittchen im Stadttheater",
        "Vinylflattener zum Glätten von Schallplatten im Selbstbau",  # smoothing, not ice
        "Das Glätteisen im Test: Welches glättet am besten?",
        "Wetter: Ungewöhnlich wenig Blitze in Hessen",  # a beat label alone is half a point
        "Kita-Gebühren steigen",
        "",
    ):
        assert concepts(text) == frozenset(), text
    assert concepts("Es wird bitterkalt", "Es wird kalt!") == {"wetter"}  # two halves in title and text


def test_regional_weather_reports_are_one_story_even_as_events_apart() -> None:
    config = LinkConfig()
    config.event.episode_share = 0.0  # one day's reports about the weather not one event (see test_link_weather_episode)
    _, m = link(REPORTS + OTHER, config)
    stories = {m[aid][1] for aid, _, _ in REPORTS}
    events = {m[aid][0] for aid, _, _ in REPORTS}
    assert len(stories) == 1
    assert len(events) >= len(REPORTS) - 1  # the roundup and one region's tally share two words
    assert all(m[aid][1] not in stories for aid, _, _ in OTHER)
    _, m = link(REPORTS + OTHER)  # by default they are the day's weather episode, one event
    assert len({m[aid][0] for aid, _, _ in REPORTS}) == 1
    assert all(m[aid][1] not in stories for aid, _, _ in OTHER)


def test_without_the_concept_they_are_apart() -> None:
    config = LinkConfig()
    config.story.concept_weight = 0.0
    config.event.episode_share = 0.0
    _, m = link(REPORTS + OTHER, config)
    assert len({m[aid][1] for aid, _, _ in REPORTS}) >= 4


def test_weather_days_apart_is_not_one_episode() -> None:
    week = [(aid, title, hours + 24 * 4 * i) for i, (aid, title, hours) in enumerate(REPORTS)]
    _, m = link(week)
    assert len({m[aid][1] for aid, _, _ in week}) == len(week)


def test_concept_dimensions_overlap_for_three_days() -> None:
    a = concept_dims(frozenset({"wetter"}), 20000.2, 0.55)
    assert len(a) == 3
    assert abs(sum(v * v for v in a.values()) - 0.55**2) < 1e-9
    shared = [len(set(a) & set(concept_dims(frozenset({"wetter"}), 20000.2 + gap, 0.55))) for gap in (0, 1, 2, 3)]
    assert shared == [3, 2, 1, 0]


def test_the_story_explanation_names_the_topic() -> None:
    lk = Linker()
    out = [lk.add(LinkItem(aid, t, t, "de", T0 + timedelta(hours=h))) for aid, t, h in REPORTS]
    joined = [a.explanation["story"] for a in out if "story" in a.explanation]
    assert joined
    assert all(s["shared_topics"] == ["wetter"] for s in joined)
    assert not any(t.startswith("C:") for s in joined for t in s["shared_terms"])


def test_odd_texts_name_nothing_or_the_weather_without_breaking() -> None:
    assert concepts("", "") == frozenset()
    assert concepts(":::", "\u2060\u200b") == frozenset()
    assert concepts("Schnee" * 10_000) == {"wetter"}  # one very long word that begins so
    assert concepts("x " * 200_000 + "Glätte") == {"wetter"}  # a long text, the weather at its end
    assert concepts("SCHNEE\u00adCHAOS") == {"wetter"}  # a soft hyphen inside
    lk = Linker()
    a = lk.add(LinkItem("undated", "Schnee und Glätte in Bayern", "", "de", None))  # no date: no weather days
    assert a.story_id
