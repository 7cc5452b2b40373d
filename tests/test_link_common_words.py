"""Two common words are not one event: "schwer verletzt", "Millionen Euro".

Tried as a new user would on the front-page stream's first 3,000 items, fourteen police reports of
one day were one event because each says someone was "schwer verletzt", and every sum of money
("Millionen Euro") another. A link whose shared words and entities are all common in the stream so
far (each in more than ``event.common_share`` of its articles) now needs ``event.common_min`` of them
(``EventGraph.similarity``); one rare word shared beside them is enough, as before."""

from __future__ import annotations

from datetime import datetime, timedelta

from storyline.link.config import LinkConfig
from storyline.link.items import LinkItem
from storyline.link.linker import Linker

T0 = datetime(2026, 1, 2, 6)

REPORTS = [  # one day's police reports: each its own happening
    ("r1", "Radfahrerin in Halle schwer verletzt"),
    ("r2", "Motorradfahrer bei Glatteis in Dingelstedt schwer verletzt"),
    ("r3", "Schlägerei vor Musikkneipe in Salzwedel: Mann schwer verletzt"),
    ("r4", "Betrunkener Autofahrer auf der A2 schwer verletzt"),
    ("r5", "Feuerwehr rettet Person nach Unfall auf B 189 schwer verletzt"),
    ("r6", "Zwölfjähriger bei Explosion in Burg schwer verletzt"),
    ("r7", "Rentner stürzt von Leiter in Stendal und wird schwer verletzt"),
    ("r8", "Arbeiter auf Baustelle in Magdeburg schwer verletzt"),
]
MONEY = [
    ("m1", "Villa an der Ostsee für eine Million Euro zu verkaufen"),
    ("m2", "Schulbudget von 5,6 Millionen Euro: Wofür das Geld gedacht ist"),
    ("m3", "Spendenparlament verteilt fast 1,5 Millionen Euro"),
    ("m4", "Ryanair muss 255 Millionen Euro Strafe zahlen"),
]
SAME = [  # one happening told twice: a rare word besides the common ones
    ("s1", "Polenböller explodiert in Hand: 13-Jährige aus Gommern schwer verletzt"),
    ("s2", "13-Jährige in Gommern durch Polenböller schwer verletzt"),
]


def _filler(n: int) -> list[tuple[str, str]]:
    """Headlines on other things, so that the stream has a background to be common in."""
    topics = ["Bundestag", "Haushalt", "Tennis", "Oper", "Bahn", "Klima", "Schule", "Kino", "Börse", "Handball"]
    verbs = ["debattiert", "beschließt", "verliert", "eröffnet", "plant", "prüft", "feiert", "kritisiert"]
    return [(f"f{i}", f"{topics[i % 10]} {verbs[i % 8]} Vorlage Nummer {i} zu Thema {i * 7}") for i in range(n)]


def _config() -> LinkConfig:
    """The default, but with words common from their third article on: this stream is short."""
    config = LinkConfig()
    config.event.common_floor = 2
    return config


def link(rows: list[tuple[str, str]], config: LinkConfig | None = None) -> dict[str, str]:
    lk = Linker(config or _config())
    for i, (aid, title) in enumerate(rows):
        lk.add(LinkItem(aid, title, "", "de", T0 + timedelta(minutes=i)))
    lk.consolidate()
    return {aid: lk.membership(aid)[0] for aid, _ in rows}


def _stream() -> list[tuple[str, str]]:
    filler = _filler(300)
    rows: list[tuple[str, str]] = []
    for i, r in enumerate(REPORTS + MONEY + SAME):  # spread through the stream
        rows.extend(filler[i * 20 : (i + 1) * 20])
        rows.append(r)
    return rows + filler[len(rows) :]


def test_common_words_alone_make_no_event() -> None:
    m = link(_stream())  # the first two meet before their words are common; no others
    assert len({m[aid] for aid, _ in REPORTS}) >= len(REPORTS) - 1
    assert len({m[aid] for aid, _ in MONEY}) >= len(MONEY) - 1


def test_a_rare_word_beside_them_still_links() -> None:
    m = link(_stream())
    assert m["s1"] == m["s2"]
    assert m["s1"] != m["r6"]


def test_without_the_rule_the_common_words_chain() -> None:
    config = _config()
    config.event.common_min = 0
    m = link(_stream(), config)
    assert len({m[aid] for aid, _ in REPORTS}) < len(REPORTS) - 1


TRUMP = [  # a name and its entity are one piece of evidence: "Trump" and "USA" are two, not four
    ("t1", "USA: Trump verzettelt sich beim Haushalt"),
    ("t2", "Trump-Branding stoppen: Kongress der USA plant Verbot"),
    ("t3", "Trump und die Hochschulen der USA: Männer nicht mehr bevorzugt"),
    ("t4", "So mächtig sind die Schlachtschiffe, die Trump für die USA bauen lässt"),
    ("t5", "Trump lässt in den USA Zölle auf Möbel erheben"),
]


def _link_named(rows: list[tuple[str, str]], config: LinkConfig) -> dict[str, str]:
    lk = Linker(config)
    for i, (aid, title) in enumerate(rows):
        ents = [("Donald Trump", "PER"), ("USA", "LOC")] if aid.startswith("t") else []
        lk.add(LinkItem(aid, title, "", "de", T0 + timedelta(minutes=i), entities=ents))
    lk.consolidate()
    return {aid: lk.membership(aid)[0] for aid, _ in rows}


def test_a_common_name_and_its_entity_are_one_piece() -> None:
    filler = _filler(200)
    rows: list[tuple[str, str]] = []
    for i, r in enumerate(TRUMP):
        rows.extend(filler[i * 30 : (i + 1) * 30])
        rows.append(r)
    config = _config()
    config.event.common_floor = 1  # common from their third headline on
    m = _link_named(rows, config)
    assert len({m[aid] for aid, _ in TRUMP}) >= len(TRUMP) - 1
    config.event.common_min = 0
    m = _link_named(rows, config)
    assert len({m[aid] for aid, _ in TRUMP}) < len(TRUMP) - 1


def test_a_young_stream_has_no_common_words() -> None:
    # ten articles: nothing is in more than ``common_floor`` of them, two shared words link
    m = link([*_filler(6), *REPORTS[:2], ("r1b", "Radfahrerin in Halle nach Sturz schwer verletzt")], LinkConfig())
    assert m["r1"] == m["r1b"]


def test_odd_input_is_not_common() -> None:
    lk = Linker()
    assert lk._common({}) == frozenset()  # an empty vector; an empty stream
    a = lk.add(LinkItem("e", "", "", "de", T0))
    b = lk.add(LinkItem("x", "schwer verletzt", "", "de", None))
    assert a.event_id and b.event_id
