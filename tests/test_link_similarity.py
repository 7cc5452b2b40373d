"""``compare``: the verdict and its evidence, symmetric in its two arguments."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.link.items import LinkItem
from storyline.link.linker import Linker
from storyline.link.similarity import compare

T0 = datetime(2018, 1, 10)
A = LinkItem(
    "a",
    "Trump offen für Gespräche mit Nordkorea",
    "Das Weiße Haus sagt, Trump sei zu Gesprächen mit Nordkorea bereit. Moon Jae In begrüßt das.",
    published=T0,
    entities=[("Q22686", "PER"), ("nordkorea", "LOC"), ("moon jae in", "PER")],
    times=["2018-01-10"],
    quotes=["Zur richtigen Zeit und unter den richtigen Umständen"],
)
B = LinkItem(
    "b",
    "Weißes Haus: Trump zu Gesprächen mit Nordkorea bereit",
    "Trump ist laut Weißem Haus offen für Gespräche mit Nordkorea, Südkoreas Präsident Moon freut sich.",
    published=T0 + timedelta(hours=5),
    entities=[("Q22686", "PER"), ("nordkorea", "LOC")],
    times=["2018-01-10"],
    quotes=["zur richtigen Zeit und unter den richtigen Umständen!"],
)
C = LinkItem(
    "c",
    "Trump nimmt Einladung von Kim an",
    "Trump will Kim Jong Un treffen; Nordkorea will Atomtests stoppen. Das Treffen soll bis Mai stattfinden.",
    published=T0 + timedelta(days=57),
    entities=[("Q22686", "PER"), ("nordkorea", "LOC")],
)
D = LinkItem(
    "d", "Bayern gewinnt in Mainz", "Harry Kane trifft doppelt, der FC Bayern siegt 3:1.", published=T0
)


def test_same_event_with_evidence() -> None:
    c = compare(A, B)
    assert c.relation == "same event"
    assert "q22686" in c.shared_entities and c.shared_places == ["nordkorea"]
    assert c.shared_dates == ["2018-01-10"] and len(c.shared_quotes) == 1
    assert any(t == "nordkorea" for t, _ in c.shared_terms) and c.gap_days == 0.21


def test_same_story_and_unrelated() -> None:
    assert compare(A, C).relation == "same story"
    assert compare(A, D).relation == "unrelated"
    assert compare(A, A).relation == "duplicate"


def test_linker_verdict_is_used_when_it_knows_both() -> None:
    lk = Linker()
    for it in (A, B, D):
        lk.add(it)
    c = compare(A, B, lk)
    assert c.basis == "linker" and c.relation == "same event"
    assert compare(A, D, lk).relation == "unrelated"


words = st.sampled_from(["Trump", "Kim", "Gipfel", "Nordkorea", "Bayern", "Tor", "Wetter", "Sturm", "Moon"])
texts = st.lists(words, min_size=0, max_size=12).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(texts, texts, st.integers(0, 30))
def test_compare_is_symmetric(ta: str, tb: str, days: int) -> None:
    a = LinkItem("x", ta[:20], ta, published=T0)
    b = LinkItem("y", tb[:20], tb, published=T0 + timedelta(days=days))
    ab, ba = compare(a, b).to_dict(), compare(b, a).to_dict()
    assert ab == ba
