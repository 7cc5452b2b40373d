"""Rules of the event graph that decide which event an article joins, on hand-made vectors."""

from __future__ import annotations

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
