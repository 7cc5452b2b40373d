"""Rules of the event graph that decide which event an article joins, on hand-made vectors."""

from __future__ import annotations

import copy

from storyline.link.config import EventConfig
from storyline.link.events import EventGraph
from storyline.link.text import SparseVec, normalise


def v(**weights: float) -> SparseVec:
    return normalise({k: float(x) for k, x in weights.items()})


def test_a_copy_decides_the_event_over_a_better_average() -> None:
    """The regional text "2025 weniger Blitze in Schleswig-Holstein" on a second site went to a small
    weather event it fitted better on average than the 28-article lightning event its copy was in."""
    grown = [
        ("c", v(w1=1, w2=1, w3=1)),  # the text the newcomer copies
        ("d1", v(w2=1, w3=1, v1=1, v2=1)),  # the rest of a long, diverse event
        ("d2", v(v1=1, v2=1, v3=1, v4=1)),
        ("d3", v(v3=1, v4=1, v5=1, v6=1)),
        ("b", v(u1=1, u2=1)),  # a small event the newcomer also resembles
    ]
    copy = ("n", v(w1=1, w2=1, w3=1, u1=0.8, u2=0.8))
    for copy_sim, joins in ((0.8, "c"), (1.1, "b")):
        g = EventGraph(EventConfig(copy_sim=copy_sim))
        for aid, vec in [*grown, copy]:
            g.add(aid, vec, 20_000.0)
        assert g.event_of["c"] != g.event_of["b"]
        assert g.event_of["n"] == g.event_of[joins]


def test_a_copy_joins_its_event_below_the_average_gate() -> None:
    """A dpa text with another kicker ("Feuer auf Silvesterparty:Brand-Katastrophe: 50 Schwerverletzte
    müssen ins Ausland", 0.87 alike to the text without it) opened an event of its own, because the
    Crans-Montana event it copied into had grown diverse and its average fit was below the gate."""
    grown = [
        ("c", v(w1=1, w2=1, w3=1, w4=1)),  # the text the newcomer copies
        *((f"d{i}", v(w1=1, w2=1, **{f"{x}{i}": 1 for x in "xyzqr"})) for i in range(6)),  # follow-ups
    ]
    newcomer = v(w1=1, w2=1, w3=1, w4=1, k1=0.6)
    for copy_sim, together in ((0.8, True), (1.1, False)):
        g = EventGraph(EventConfig(copy_sim=copy_sim))
        for aid, vec in grown:
            g.add(aid, vec, 20_000.0)
        assert len({g.event_of[a] for a, _ in grown}) == 1  # one grown, diverse event
        assert g.events[g.event_of["c"]].avg(newcomer) < 0.6
        g.params.avg_gate = 0.6  # the newcomer's average fit is below the gate
        _, why = g.add("n", newcomer, 20_000.0)
        assert (g.event_of["n"] == g.event_of["c"]) is together
        assert (why["rule"] == "copy") is together


def test_alike_pairs_of_distinct_texts_merge_two_events_and_copies_count_once() -> None:
    """Two outlets' texts of one happening: each resembles a text of the other outlet, but the first
    event has grown diverse, so neither passes its average gate. Two alike pairs of distinct texts
    (``bond_min``) merge the events, and the merge is explained; a copy of a text already counted
    adds nothing."""
    first = [
        ("a1", v(x1=1, x2=1, x3=1, y1=1)),
        ("a2", v(x1=1, x2=1, x4=1, y2=1)),  # another text of the same event
        ("d1", v(y1=1, y2=1, x3=1, w1=1)),  # a follow-up that made the event diverse
        ("b1", v(x1=1, x2=1, z1=1, z2=1, z3=1)),  # the other outlet's text, alike to a1
    ]
    second = v(x2=1, x4=1, z1=1, z2=1, z4=1)  # the other outlet's second text, alike to a2
    copy = v(x1=1, x2=1, z1=1, z2=1, z3=0.9)  # b1 on another site
    for last, vec, merged in (("b2", second, True), ("b1copy", copy, False)):
        g = EventGraph(EventConfig(avg_gate=0.32, bond_min=2))
        found = {aid: g.add(aid, x, 20_000.0) for aid, x in [*first, (last, vec)]}
        assert g.event_of["a1"] == g.event_of["a2"] == g.event_of["d1"]
        assert g.event_of[last] == g.event_of["b1"]
        assert (g.event_of["b1"] == g.event_of["a1"]) is merged
        if merged:
            assert found[last][1]["bonded"] and "2 pairs" in g.log[-1]["reason"]


def test_bonds_counted_so_far_survive_the_saved_state() -> None:
    g = EventGraph(EventConfig(avg_gate=0.32))
    for aid, vec in [
        ("a1", v(x1=1, x2=1, x3=1, y1=1)),
        ("d1", v(y1=1, x3=1, w1=1, w2=1)),
        ("b1", v(x1=1, x2=1, z1=1, z2=1, z3=1)),
    ]:
        g.add(aid, vec, 20_000.0)
    assert list(g.bonds.values()) == [["b1", "a1"]]
    again = EventGraph(EventConfig(avg_gate=0.32))
    again.load(g.state())
    assert again.bonds == g.bonds


def test_sweep_retires_exactly_the_articles_older_than_the_window() -> None:
    """Retirement walks the articles in arrival order and stops at the first one young enough: the
    clock only grows, so what came later is younger. Undated articles that came before any date are
    never retired, and a graph restored from its saved state retires the same articles."""
    cfg = EventConfig(retire_days=10.0)
    g = EventGraph(cfg)
    g.add("undated", v(u1=1, u2=1), None)
    arrivals = [("old1", 100.0), ("old2", 103.0), ("late", 101.0), ("young", 112.0)]
    for i, (aid, day) in enumerate(arrivals):
        g.add(aid, v(**{f"t{i}": 1, f"s{i}": 1}), day)
    again = EventGraph(cfg)
    again.load(g.state())
    # the per-key maps the linker persists apart from the state (``link/state.py``)
    again.event_of, again.members = dict(g.event_of), {e: list(m) for e, m in g.members.items()}
    again.events = copy.deepcopy(g.events)
    g.add("now", v(n1=1, n2=1), 114.0)
    again.add("now", v(n1=1, n2=1), 114.0)
    for graph in (g, again):
        graph.sweep()  # the clock is at day 114: arrivals seen before day 104 retire
        assert set(graph.nodes) == {"undated", "young", "now"}
        assert graph.index.query(["t0", "s0", "t2", "s2"], 10) == []
        assert graph.event_of["old1"]  # a retired article keeps its event
