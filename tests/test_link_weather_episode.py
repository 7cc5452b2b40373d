"""One day's reports about the weather are one event; an incident the weather caused is its own.

The labelled front-page morning makes a winter day's DWD warnings, regional accident tallies and
forecasts one event (E0024, 69 items) and the lorry that blocked the A1 on an icy road another. The
linker had the episode in 13 events: "Glätte" in Lower Saxony, "Dauerfrost" in Hesse and
"Schneeschauer" in the south-west share no word. An article whose title and lead are about the weather
(``concepts.about``) now marks its event, and the events of one day that are mostly such articles
become one (``EventGraph._merge_episodes``, setting ``link.event_episode_share``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from storyline.link.concepts import about, concepts, episode_key, episode_label
from storyline.link.config import LinkConfig
from storyline.link.items import LinkItem
from storyline.link.linker import Linker
from storyline.link.state import restore, snapshot

T0 = datetime(2026, 1, 3, 3)

EPISODE = [  # (id, title, teaser, hours after T0): about the weather, few words in common
    ("dwd", "Wetterdienst: Schnee, Glätte und Dauerfrost bestimmen das Wochenende",
     "Der DWD warnt vor Glatteis in weiten Teilen Deutschlands.", 0.0),
    ("nds", "Zahlreiche Unfälle bei Schnee und Glätte in Niedersachsen",
     "Die Polizei zählte in der Nacht mehr als hundert Einsätze.", 0.5),
    ("hessen", "Dauerfrost und Schneeverwehungen: Winter hat Hessen im Griff",
     "Auf den Höhen des Vogelsbergs liegt ein halber Meter.", 2.0),
    ("sw", "Schneeschauer und Glätte haben den Südwesten im Griff",
     "Zwischen Rhein und Bodensee rutschten Autos in den Graben.", 3.0),
    ("sachsen", "Sturmtief bringt winterliche Straßenverhältnisse nach Sachsen",
     "Vor allem im Erzgebirge wird es gefährlich.", 4.0),
]
INCIDENTS = [  # the weather caused them; each names it once and is about what happened
    ("a9", "Glätte vermutet: Unfall mit Gas-Lkw legt A9 lahm",
     "Ein Tanklaster kam bei Hof von der Fahrbahn ab, die Autobahn ist gesperrt.", 1.0),
    ("bus", "Busunfall im Kreis Pinneberg auf schneeglatter Straße",
     "Zwölf Fahrgäste wurden leicht verletzt, als der Linienbus in den Graben fuhr.", 2.5),
]
OTHER = [
    ("kita", "Kita-Gebühren steigen in mehreren Städten", "Eltern zahlen ab Februar mehr.", 1.5),
]


def link(
    rows: list[tuple[str, str, str, float]], config: LinkConfig | None = None, start: datetime = T0
) -> tuple[Linker, dict[str, tuple[str, str]]]:
    lk = Linker(config or LinkConfig())
    for aid, title, text, hours in sorted(rows, key=lambda r: r[3]):
        lk.add(LinkItem(aid, title, text, "de", start + timedelta(hours=hours)))
    lk.consolidate()
    return lk, {r[0]: lk.membership(r[0]) for r in rows}


def test_about_the_weather_takes_more_than_naming_it() -> None:
    for _, title, text, _ in EPISODE:
        assert about(title, text, concepts(title, text)) == {"wetter"}, title
    for _, title, text, _ in INCIDENTS:
        assert concepts(title, text) == {"wetter"}, title  # it names the weather ...
        assert about(title, text, concepts(title, text)) == frozenset(), title  # ... and is not about it
    # "glatter" of "glatter Fahrbahn" is one word, not a strong and a weak one
    title = "Auf glatter Fahrbahn gerutscht – Lastwagen blockiert A1"
    assert about(title, "", concepts(title)) == frozenset()
    # a long body that names the weather in passing, beyond the lead, is not about it
    body = "Der Verein stellte den neuen Trainer vor. " * 20 + "Schnee, Glätte und Dauerfrost."
    assert concepts("Neuer Trainer", body) == {"wetter"}
    assert about("Neuer Trainer", body, concepts("Neuer Trainer", body)) == frozenset()


def test_one_days_weather_reports_are_one_event_and_incidents_their_own() -> None:
    lk, m = link(EPISODE + INCIDENTS + OTHER)
    assert len({m[r[0]][0] for r in EPISODE}) == 1
    weather = m["dwd"][0]
    assert all(m[r[0]][0] != weather for r in INCIDENTS + OTHER)
    assert m["a9"][0] != m["bus"][0]
    assert m["kita"][1] != m["dwd"][1]
    merges = [e for e in lk.log if e.get("episode")]
    assert merges and all("weather of one day (2026-01-03)" in e["reason"] for e in merges)


def test_the_setting_at_zero_keeps_them_apart() -> None:
    config = LinkConfig()
    config.event.episode_share = 0.0
    _, m = link(EPISODE, config)
    assert len({m[r[0]][0] for r in EPISODE}) >= 4


DAY2 = [  # the next day's reports, in other words: the rule alone does not join days
    ("thueringen", "Eisregen und Frost: Thüringer Polizei meldet Dutzende Glätteunfälle",
     "Besonders betroffen war der Kreis Sonneberg.", 25.0),
    ("bayern", "Schneefall und Minusgrade: Winterwetter legt Bayerns Nebenstrecken lahm",
     "Im Allgäu blieben Lastwagen an Steigungen hängen.", 26.0),
    ("nrw", "Sturmtief und Glatteis: Straßen.NRW warnt Pendler",
     "Streufahrzeuge sind seit vier Uhr unterwegs.", 27.0),
]


def test_two_days_are_two_episodes() -> None:
    day2 = DAY2
    _, m = link(EPISODE + day2)
    first, second = {m[r[0]][0] for r in EPISODE}, {m[r[0]][0] for r in day2}
    assert len(first) == 1 and len(second) == 1
    assert first != second


def test_a_copy_about_the_weather_makes_its_plain_version_about_it() -> None:
    # the plain title names the weather service once; its kickered copy adds "Schnee und Eis"
    plain = ("bb", "Minister: Brandenburgs Winterdienst ist einsatzbereit",
             "Räumfahrzeuge und Streusalz stehen bereit, sagt der Minister.", 1.5)
    copy = ("bb2", "Schnee und Eis: Minister: Brandenburgs Winterdienst ist einsatzbereit",
            "Räumfahrzeuge und Streusalz stehen bereit, sagt der Minister.", 1.6)
    assert about(plain[1], plain[2], concepts(plain[1], plain[2])) == frozenset()
    _, m = link([*EPISODE, plain, copy])
    assert m["bb"][0] == m["bb2"][0] == m["dwd"][0]


def test_a_resumed_linker_keeps_the_episode() -> None:
    rows = sorted(EPISODE + INCIDENTS, key=lambda r: r[3])
    whole, m = link(rows)
    lk = Linker(LinkConfig())
    for i, (aid, title, text, hours) in enumerate(rows):
        if i == 3:
            lk = restore(snapshot(lk), LinkConfig())
        lk.add(LinkItem(aid, title, text, "de", T0 + timedelta(hours=hours)))
    lk.consolidate()
    assert {r[0]: lk.membership(r[0]) for r in rows} == m


def test_the_event_explanation_says_why() -> None:
    lk, m = link(EPISODE)
    entry = next(e for e in lk.log if e.get("episode"))
    assert episode_label(entry["episode"]) == {"topic": "wetter", "day": "2026-01-03"}
    assert entry["into"] == m["dwd"][0]
    lk = Linker()
    out = [lk.add(LinkItem(aid, t, x, "de", T0 + timedelta(hours=h))) for aid, t, x, h in EPISODE + INCIDENTS]
    marked = {a.article_id: a.explanation["event"].get("episode") for a in out}
    assert all(marked[r[0]] == {"topic": "wetter", "day": "2026-01-03"} for r in EPISODE)
    assert not any(marked[r[0]] for r in INCIDENTS)


def test_odd_input_has_no_episode() -> None:
    assert episode_key(frozenset({"wetter"}), None) == ""  # undated: no day, no episode
    assert episode_key(frozenset(), 20456.5) == ""
    assert about("", "", frozenset()) == frozenset()
    assert about("Schnee" * 10_000, "Glätte " * 50_000, frozenset({"wetter"})) == {"wetter"}
    lk = Linker()
    a = lk.add(LinkItem("undated", "Schnee und Glätte in Bayern", "Dauerfrost im Allgäu.", "de", None))
    b = lk.add(LinkItem("empty", "", "", "de", T0))
    lk.consolidate()
    assert a.event_id and b.event_id


def _topic_only() -> LinkConfig:
    """A story threader that joins nothing on its own: only the topic rule can thread a story."""
    config = LinkConfig()
    config.story.threshold = 0.99
    config.story.rel_beta = 0.0  # no cohesion rule
    config.story.nbr_min = 0  # no neighbours' stories
    return config


def test_an_incident_that_names_the_weather_joins_the_days_weather_story() -> None:
    lk, m = link(EPISODE + INCIDENTS + OTHER, _topic_only())
    weather = m["dwd"][1]
    assert m["a9"][1] == weather and m["bus"][1] == weather
    assert m["a9"][0] != m["dwd"][0]  # their own events
    assert m["kita"][1] != weather
    config = _topic_only()
    config.event.episode_share = 0.0  # no episode: no topic rule
    _, m = link(EPISODE + INCIDENTS + OTHER, config)
    assert m["a9"][1] != m["dwd"][1]


def test_the_topic_rule_is_explained() -> None:
    lk = Linker(_topic_only())
    out = {}
    for aid, title, text, hours in sorted(EPISODE + INCIDENTS, key=lambda r: r[3]):
        out[aid] = lk.add(LinkItem(aid, title, text, "de", T0 + timedelta(hours=hours)))
    story = out["bus"].explanation["story"]
    assert story["rule"] == "topic" and story["shared_topics"] == ["wetter"]
