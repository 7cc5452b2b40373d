"""Places are weak evidence for linking: two reports that share only a region are two events."""

from __future__ import annotations

from datetime import datetime, timedelta

from storyline.link.items import LinkItem, features
from storyline.link.linker import Linker
from storyline.link.state import restore, snapshot
from storyline.model import Article, Document, Mention, Span

T0 = datetime(2026, 1, 3, 4)


def regional(aid: str, title: str, hours: float, place: str = "Rheinland-Pfalz") -> LinkItem:
    """A title-only dpa regional item, as the NER stage hands it over: the region is a LOC."""
    return LinkItem(
        aid, title, title, "de", T0 + timedelta(hours=hours), entities=[(place.lower(), "LOC")], places=[place]
    )


def run(items: list[LinkItem]) -> tuple[Linker, dict[str, str]]:
    lk = Linker()
    for it in items:
        lk.add(it)
    lk.consolidate()
    return lk, {it.article_id: lk.membership(it.article_id)[0] for it in items}


def test_a_shared_region_alone_does_not_make_one_event() -> None:
    items = [
        regional("blitz", "Ungewöhnlich wenig Blitze in Rheinland-Pfalz", 0),
        regional("glatt", "Hunderte Unfälle auf glatten Straßen in Rheinland-Pfalz", 6),
        regional("glatt2", "Wintereinbruch: Hunderte Unfälle auf glatten Straßen in ganz Rheinland-Pfalz", 6.1),
    ]
    lk = Linker()
    found = [lk.add(it) for it in items]
    lk.consolidate()
    ev = {it.article_id: lk.membership(it.article_id)[0] for it in items}
    assert ev["glatt"] == ev["glatt2"]  # the same dpa text on two sites, one word apart
    assert ev["blitz"] != ev["glatt"]  # lightning statistics and icy roads: only the region in common
    why = found[2].explanation["event"]
    assert why["rule"] == "copy" and why["best"] == "glatt"
    assert "rheinland-pfalz" in why["shared_places"] and "unfall" in why["shared_terms"]
    assert found[1].explanation["event"]["rule"] == "new event"


def test_without_place_names_the_region_still_counts_as_a_term() -> None:
    """Items that do not say which words are places (no NER) are linked as before."""
    a = regional("blitz", "Ungewöhnlich wenig Blitze in Rheinland-Pfalz", 0)
    b = regional("glatt", "Hunderte Unfälle auf glatten Straßen in Rheinland-Pfalz", 6)
    a.places, b.places = [], []
    assert not features(a, 2.0).place_dims - {"E:rheinland-pfalz"}
    _, ev = run([a, b])
    assert ev["blitz"] == ev["glatt"]


def test_place_names_come_from_the_documents_place_mentions_and_survive_a_snapshot() -> None:
    text = "Glätte: Unfälle in Rheinland-Pfalz. Die Polizei in Mainz meldet Verletzte."
    doc = Document(Article(id="d", text=text, title="Glätte in Rheinland-Pfalz", published=T0, language="de"))
    doc.mentions = [Mention(Span(19, 34), "LOC", "ent_rlp"), Mention(Span(51, 56), "LOC"), Mention(Span(36, 47), "ORG")]
    item = LinkItem.from_document(doc)
    assert item.places == ["Mainz", "Rheinland-Pfalz"]
    assert LinkItem.from_dict(item.to_dict()).places == item.places
    dims = features(item, 2.0).place_dims
    assert {"E:ent_rlp", "E:mainz", "rheinland-pfalz", "rheinland", "pfalz", "mainz"} <= dims
    assert "polizei" not in dims
    lk, _ = run([item])
    again = restore(snapshot(lk))
    assert again.graph.nodes["d"].places == lk.graph.nodes["d"].places == dims


def test_a_shared_region_alone_does_not_make_one_story() -> None:
    """Two regional dpa texts on one morning, both naming the region twice: the region was their
    whole story-level overlap. With places weighing as much as other words they formed one story."""
    items = [
        regional("blitz", "Ungewöhnlich wenig Blitze in Rheinland-Pfalz", 0),
        regional("glatt", "Hunderte Unfälle auf glatten Straßen in Rheinland-Pfalz", 6),
    ]
    items[0].text = "Ungewöhnlich wenig Blitze in Rheinland-Pfalz. Der Wetterdienst in Rheinland-Pfalz zählte wenige."
    items[1].text = "Hunderte Unfälle auf glatten Straßen in Rheinland-Pfalz. Die Polizei in Rheinland-Pfalz meldet Schäden."
    lk, _ = run(items)
    assert lk.membership("blitz")[1] != lk.membership("glatt")[1]
    heavy = Linker()
    heavy.config.story.place_weight = 1.0
    for it in items:
        heavy.add(it)
    heavy.consolidate()
    assert heavy.membership("blitz")[1] == heavy.membership("glatt")[1]
