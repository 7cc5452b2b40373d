"""A byline names who wrote an article, not what happened: no evidence that two articles report one
event. On the front-page stream, SPIEGEL's science author's name ("… Von Jörg Blech") joined a piece
on intermittent fasting and one on knee pain into one event, and one tech author's name six
different headphone and bicycle reviews."""

from __future__ import annotations

from datetime import datetime, timedelta

from storyline.link.items import LinkItem, features
from storyline.link.linker import Linker
from storyline.model import Article, Document, Mention, Span

T0 = datetime(2026, 1, 1, 20)
BYLINE = "Von Jörg Blech"


def _doc(aid: str, title: str, lead: str, hours: float, byline: str = BYLINE) -> Document:
    text = f"{lead} {byline}" if byline else lead
    doc = Document(Article(id=aid, text=text, title=title, published=T0 + timedelta(hours=hours), language="de"))
    if byline:
        start = text.index(byline) + len("Von ")
        doc.mentions = [Mention(Span(start, len(text)), "PER", "ent_blech")]
    return doc


FASTING = _doc("fasting", "Intervallfasten als Medizin",
               "Das Essen auf wenige Stunden am Tag zu begrenzen, hilft gegen Übergewicht.", 0)
KNEES = _doc("knees", "Volksleiden Arthrose: Wie sich kaputte Knie regenerieren",
             "Immer mehr jüngere Menschen haben Knieschmerzen, ausgelöst durch Übergewicht.", 12)


def _events(docs: list[Document]) -> dict[str, str]:
    lk = Linker()
    for d in docs:
        lk.add(LinkItem.from_document(d))
    return {d.article.id: lk.membership(d.article.id)[0] for d in docs}


def test_the_same_author_on_two_subjects_is_two_events() -> None:
    ev = _events([FASTING, KNEES])
    assert ev["fasting"] != ev["knees"]


def test_a_byline_is_kept_as_the_author_and_left_out_of_the_evidence() -> None:
    item = LinkItem.from_document(FASTING)
    assert item.authors == ["Jörg Blech"]
    assert item.entities == []  # the byline's mention is no entity of the article
    assert LinkItem.from_dict(item.to_dict()).authors == ["Jörg Blech"]
    counts = features(item, 2.0).counts
    assert not {"blech", "jorg"} & set(counts)
    assert "intervallfast" in counts and "ubergewicht" in counts


def test_a_headline_byline_is_an_author_too() -> None:
    title = "Kommentar von BILD-Chef Robert Schneider: Die Böller-Nacht"
    doc = Document(Article(id="c", text="Was diese Nacht über uns sagt.", title=title, published=T0, language="de"))
    start = title.index("Robert")
    doc.title_mentions = [Mention(Span(start, start + len("Robert Schneider")), "PER", "ent_schneider")]
    item = LinkItem.from_document(doc)
    assert item.authors == ["Robert Schneider"]
    assert item.title == title  # the headline shown is the outlet's
    counts = features(item, 2.0).counts
    assert not {"robert", "schneid"} & set(counts) and "boller-nacht" in counts


def test_a_person_the_text_reports_on_is_evidence() -> None:
    """"Von Friedrich Merz erwartet die CDU …" is no byline: words follow the name."""
    text = "Von Friedrich Merz erwartet die CDU eine Rede."
    doc = Document(Article(id="m", text=text, title="CDU-Klausur", published=T0, language="de"))
    doc.mentions = [Mention(Span(4, 18), "PER", "ent_merz")]
    item = LinkItem.from_document(doc)
    assert item.authors == []
    assert item.entities == [("ent_merz", "PER")]


def test_odd_bylines_and_empty_articles_link_without_error() -> None:
    odd = _doc("odd", "", "", 1, byline="Von J\u200börg\u2060 Blech")
    empty = _doc("empty", "", "", 2, byline="")
    only = LinkItem("only", "", "", "de", T0, authors=["Jörg Blech", ""])
    lk = Linker()
    for item in (LinkItem.from_document(odd), LinkItem.from_document(empty), only):
        lk.add(item)
    assert len({lk.membership(a)[0] for a in ("odd", "empty", "only")}) == 3
