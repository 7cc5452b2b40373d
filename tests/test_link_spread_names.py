"""A name that opened many of the stream's events is a topic, not a happening: two events that one
article links merge only on more than such names.

On the stream up to the labelled morning, 318 pairs of events merged because one article linked
both; in a third of them one entity and its word made most of the fit ("Kanzler ohne Gespür" and
"Armut trotz Arbeit" through Merz, a tram accident and drones over the airport through Hannover,
two "Top 10 … im Test" product tests, a theft and a house fire through "Euro")."""

from __future__ import annotations

from datetime import datetime, timedelta

from storyline.link.config import LinkConfig
from storyline.link.items import LinkItem
from storyline.link.linker import Linker
from storyline.link.state import restore, state_blob

T0 = datetime(2025, 12, 29, 8)
MERZ = ("friedrich merz", "PER")


def headline(aid: str, title: str, hours: float, *names: tuple[str, str]) -> LinkItem:
    return LinkItem(aid, title, title, "de", T0 + timedelta(hours=hours), entities=list(names))


def _word(i: int) -> str:
    """A made-up word of its own for each ``i``: filler news that shares nothing."""
    out = ""
    for _ in range(3):
        out += "bcdfghklmnprstvwz"[i % 17] + "aeiou"[(i // 17) % 5]
        i //= 85
    return out.capitalize() + "ung"


def _stream() -> list[LinkItem]:
    """300 unrelated headlines, and 30 events of their own that name Merz (his name opens events)."""
    items = []
    for i in range(300):
        items.append(headline(f"o{i}", f"{_word(3 * i)} {_word(3 * i + 1)} {_word(3 * i + 2)}", i * 0.05))
        if i % 10 == 0:
            items.append(headline(f"m{i}", f"Merz und die {_word(5000 + i)}", i * 0.05 + 0.01, MERZ))
    return items


BRIDGED = [
    headline("speech", "Merz: Neujahrsansprache", 16, MERZ),
    headline("welfare", "Merz: Bürgergeld", 16.5, MERZ),
    headline("both", "Neujahrsansprache, Bürgergeld: Merz", 17, MERZ),
]


def _events(items: list[LinkItem], config: LinkConfig | None = None) -> dict[str, str]:
    lk = Linker(config)
    for it in items:
        lk.add(it)
    lk.consolidate()
    return {it.article_id: lk.membership(it.article_id)[0] for it in items}


def test_a_name_that_opened_many_events_is_spread() -> None:
    lk = Linker()
    for it in _stream():
        lk.add(it)
    assert {"merz", "E:friedrich merz"} <= lk.spread({"merz": 0.5, "E:friedrich merz": 0.5, "neujahrsansprach": 0.7})
    assert "neujahrsansprach" not in lk.spread({"neujahrsansprach": 1.0})


def test_two_events_that_share_only_a_spread_name_stay_apart() -> None:
    ev = _events(_stream() + BRIDGED)
    assert ev["speech"] != ev["welfare"]
    assert ev["both"] in (ev["speech"], ev["welfare"])


def test_without_the_rule_the_bridging_article_merges_them() -> None:
    """The case is one the merge gate alone lets through: the test would pass without the rule."""
    config = LinkConfig()
    config.event.merge_specific = 0.0
    ev = _events(_stream() + BRIDGED, config)
    assert ev["speech"] == ev["welfare"] == ev["both"]


def test_a_spread_name_with_a_happenings_own_words_is_still_one_event() -> None:
    ev = _events([
        *_stream(),
        headline("a", "Merz: Neujahrsansprache im Kanzleramt", 16, MERZ),
        headline("b", "Neujahrsansprache im Kanzleramt: Merz wirbt für Aufbruch", 16.5, MERZ),
    ])
    assert ev["a"] == ev["b"]


def test_a_resumed_linker_knows_which_names_are_spread() -> None:
    stream = _stream()
    lk = Linker()
    for it in stream:
        lk.add(it)
    resumed = restore(state_blob(lk))
    assert resumed.seeds.n == lk.seeds.n > 30
    for it in BRIDGED:
        resumed.add(it)
    resumed.consolidate()
    ev = {it.article_id: resumed.membership(it.article_id)[0] for it in BRIDGED}
    assert ev == {k: v for k, v in _events(stream + BRIDGED).items() if k in ev}


def test_the_explanation_names_the_event_kept_apart_and_the_spread_name() -> None:
    lk = Linker()
    for it in _stream() + BRIDGED[:2]:
        lk.add(it)
    a = lk.add(BRIDGED[2])
    apart = a.explanation["event"]["kept_apart"]
    assert len(apart) == 1
    assert apart[0]["event"] in {lk.membership("speech")[0], lk.membership("welfare")[0]}
    assert apart[0]["event"] != a.event_id
    assert "friedrich merz" in apart[0]["shared_spread"]


def _money_stream() -> list[LinkItem]:
    """1,000 filler headlines, and 8 events of their own that say "Geld" and 8 that say "bringen",
    never both: in under 1 % of the articles (not common), but spread over the events."""
    items = []
    for i in range(1000):
        items.append(headline(f"o{i}", f"{_word(3 * i)} {_word(3 * i + 1)} {_word(3 * i + 2)}", i * 0.015))
        if i % 125 == 0:
            items.append(headline(f"g{i}", f"Geld für {_word(7000 + i)}", i * 0.015 + 0.001))
        if i % 125 == 60:
            items.append(headline(f"b{i}", f"{_word(8000 + i)} bringen {_word(9000 + i)}", i * 0.015 + 0.001))
    return items


def test_a_link_on_two_spread_words_is_no_event() -> None:
    """"Falsche Polizisten bringen Seniorin um Schmuck und Geld" joined "Was Sie dafür brauchen: So
    bringen Sie endlich Ordnung in Ihr Geld" through the two words alone."""
    pair = [
        headline("fraud", "Falsche Polizisten bringen Seniorin um Schmuck und Geld", 16),
        headline("advice", "So bringen Sie endlich Ordnung in Ihr Geld", 16.5),
    ]
    ev = _events(_money_stream() + pair)
    assert ev["fraud"] != ev["advice"]
    config = LinkConfig()
    config.event.merge_specific = 0.0  # no spread words: the two words link them
    ev = _events(_money_stream() + pair, config)
    assert ev["fraud"] == ev["advice"]


def test_spread_and_service_pieces_take_broken_input_calmly() -> None:
    from storyline.link.service_pieces import service_piece

    lk = Linker()
    assert lk.spread({}) == frozenset()
    assert lk.spread({"": 1.0, "E:": 0.5, "\u200b": 0.1}) == frozenset()
    for it in [*_stream()[:50], headline("empty", "", 3), headline("blank", " \u200b ", 3.1),
               headline("test", "im Test", 3.2), headline("zw", "Top\u200b10: Die beste Powerstation im\u2060Test", 3.3)]:
        lk.add(it)
    lk.consolidate()
    assert lk.membership("empty")[0] and lk.membership("blank")[0]
    assert service_piece(None) is None  # type: ignore[arg-type]
    assert service_piece("\x00\ufffd im Test") == "product test"
