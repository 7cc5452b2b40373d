"""A short text its source puts under many headlines is a label, not the article's words.

FR gives the pieces it translates from the Washington Post the teaser "Washington Post"; on the
front-page stream 22 of them (a Netanyahu–Trump meeting, the Ukraine talks, ICE arrests, chemicals
in drinking water) had become one event through it. FAZ's teasers "Video", "Podcast" and "Öffnen"
and FR's "Leitartikel" are labels of the same kind."""

from __future__ import annotations

from datetime import datetime, timedelta

from storyline.link.items import LinkItem
from storyline.link.linker import Linker
from storyline.link.state import restore, snapshot
from storyline.link.text import SourceBoilerplate

T0 = datetime(2026, 1, 2, 8)
WAPO = ("washington post", "ORG")


def _wapo(aid: str, title: str, hours: float) -> LinkItem:
    return LinkItem(aid, title, "Washington Post", "de", T0 + timedelta(hours=hours), entities=[WAPO], source="fr.de")


PIECES = [
    _wapo("summit", "Notfallgipfel: Netanjahu und Trump im Krisengespräch", 0),
    _wapo("ice", "Festnahmen auf Rekordhoch: ICE jagt auf offener Straße", 1),
    _wapo("pfas", "Studie enthüllt: Ewigkeitschemikalien im Trinkwasser bedrohen Ungeborene", 2),
]


def test_a_short_text_used_under_another_headline_is_a_label() -> None:
    bp = SourceBoilerplate()
    assert not bp.label("fr.de", "Washington Post", "Notfallgipfel")  # its first use: nothing to tell
    assert not bp.label("fr.de", "Washington Post", "Notfallgipfel")  # the same headline: a copy
    assert bp.label("fr.de", "Washington Post", "ICE jagt auf offener Straße")
    assert bp.label("fr.de", "Washington Post", "Notfallgipfel")  # once a label, always
    assert not bp.label("faz.net", "Washington Post", "ICE jagt auf offener Straße")  # per source
    long = "Netanjahu und Trump sprechen in Florida über Gaza"
    assert not bp.label("fr.de", long, "A") and not bp.label("fr.de", long, "B")  # a teaser, not a label
    assert not bp.label(None, "Video", "A") and not bp.label(None, "Video", "B")
    assert not bp.label("fr.de", "", "A") and not bp.label("fr.de", " \u200b ", "B")


def test_pieces_that_share_only_their_label_are_different_events() -> None:
    lk = Linker()
    for item in PIECES:
        lk.add(item)
    assert len({lk.membership(i.article_id)[0] for i in PIECES}) == 3
    assert lk.assignments["ice"].explanation["decision"] == "new event, new story"
    # the explanation says why its text was no evidence
    assert lk.assignments["ice"].explanation["event"]["source_label"] == "Washington Post"
    assert "source_label" not in lk.assignments["summit"].explanation["event"]  # its first use


def test_the_label_is_remembered_across_a_saved_state() -> None:
    lk = Linker()
    lk.add(PIECES[0])
    again = restore(snapshot(lk))
    again.add(PIECES[1])
    again.add(PIECES[2])
    assert len({again.membership(i.article_id)[0] for i in PIECES}) == 3


def test_a_label_keeps_the_topic_it_names() -> None:
    """A label that names the weather still says the piece is about it (the weather's stories)."""
    lk = Linker()
    for i, title in enumerate(["Die Aussichten für Sonntag", "Was das Hoch bringt", "So wird der Januar"]):
        lk.add(LinkItem(f"w{i}", title, "Schnee und Glätte", "de", T0 + timedelta(hours=i), source="fr.de"))
    assert lk.graph.nodes["w2"].episode  # about the day's weather, though its text is a label
