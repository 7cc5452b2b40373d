"""Near-duplicates: wire copies are found, grouped with every copy kept, and the earliest is named."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.link.fingerprints import LshIndex, MinHasher, jaccard_estimate
from storyline.link.items import LinkItem
from storyline.link.linker import Linker
from storyline.link.queries import duplicate_groups

WIRE = (
    "Bundeskanzler Friedrich Merz hat in seiner Neujahrsansprache zu Zuversicht aufgerufen. "
    "Deutschland stehe vor großen Aufgaben, sagte der CDU-Politiker am Mittwochabend in Berlin. "
    "Die Ansprache wurde im Fernsehen übertragen und von Millionen Menschen verfolgt."
)


def test_minhash_is_deterministic_and_close_for_copies() -> None:
    h1, h2 = MinHasher(), MinHasher()
    a = h1.signature(WIRE)
    assert a is not None and (a == h2.signature(WIRE)).all()
    edited = WIRE.replace("Millionen Menschen", "vielen Zuschauern")
    assert jaccard_estimate(a, h1.signature(edited)) > 0.6
    assert jaccard_estimate(a, h1.signature("Etwas ganz anderes über Fußball und Wetter heute.")) < 0.2
    assert h1.signature("") is None


def test_lsh_finds_copy_and_retires_old_entries() -> None:
    h, ix = MinHasher(), LshIndex(threshold=0.7, window_days=2)
    ix.insert("a", h.signature(WIRE), 0.0)
    hit = ix.query(h.signature(WIRE))
    assert hit is not None and hit.article_id == "a" and hit.jaccard == 1.0
    ix.insert("z", h.signature("Später etwas völlig anderes, mit eigenen Worten geschrieben."), 5.0)
    assert ix.query(h.signature(WIRE)) is None and len(ix) == 1


def test_linker_groups_wire_copies_and_names_the_earliest() -> None:
    t0 = datetime(2026, 1, 1, 12)
    lk = Linker()
    first = lk.add(
        LinkItem("spiegel", "Merz ruft zu Zuversicht auf", WIRE, published=t0 + timedelta(hours=1))
    )
    # an earlier copy arriving later (out of order): it becomes the group's earliest
    second = lk.add(LinkItem("zeit", "Merz ruft zu Zuversicht auf", WIRE, published=t0))
    third = lk.add(LinkItem("welt", "Merz: Zuversicht", WIRE + " (dpa)", published=t0 + timedelta(hours=2)))
    assert first.duplicate_of is None
    assert second.duplicate_of == "spiegel" and second.event_id == first.event_id
    assert third.duplicate_of == "zeit" and third.event_id == first.event_id
    (group,) = duplicate_groups(lk)
    assert sorted(group["members"]) == ["spiegel", "welt", "zeit"] and group["earliest"] == "zeit"


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.sampled_from([WIRE, WIRE + " Ende.", "Ganz andere Meldung über das Wetter in Hamburg."]),
        min_size=1,
        max_size=6,
    )
)
def test_dedup_is_idempotent(texts: list[str]) -> None:
    """Feeding the same stream twice (same ids) changes nothing: same groups, same assignments."""
    lk = Linker()
    items = [LinkItem(f"a{i}", "", t, published=datetime(2026, 1, 1)) for i, t in enumerate(texts)]
    first = [lk.add(it).to_dict() for it in items]
    groups = duplicate_groups(lk)
    again = [lk.add(it).to_dict() for it in items]
    assert first == again and duplicate_groups(lk) == groups
