"""One name is one piece of evidence, even though it is both a word and an entity of the article.

On the first 3,000 items of the front-page stream, "Euro" (the word "euro" and the entity Euro) and
"deutsch"/Deutschland made every headline naming a sum of money, or anything German, one event."""

from __future__ import annotations

from datetime import datetime, timedelta

from storyline.link.items import LinkItem, features
from storyline.link.linker import Linker
from storyline.model import Article, Document, Mention, Span

T0 = datetime(2025, 12, 29, 8)


def headline(aid: str, title: str, hours: float, *names: tuple[str, str]) -> LinkItem:
    """A title-only item as the NER stage hands it over: its names are entities (and words)."""
    return LinkItem(aid, title, title, "de", T0 + timedelta(hours=hours), entities=list(names))


def events(items: list[LinkItem]) -> dict[str, str]:
    lk = Linker()
    for it in items:
        lk.add(it)
    lk.consolidate()
    return {it.article_id: lk.membership(it.article_id)[0] for it in items}


EURO = ("euro", "MISC")


def test_headlines_that_share_only_euro_are_different_events() -> None:
    ev = events([
        headline("diebe", "Mehr als 20.000 Euro Schaden durch Pyrotechnik-Diebe", 0, EURO),
        headline("sparplan", "Mit nur 60 Euro im Monat zur Million", 1, EURO),
        headline("smartphone", "Top 10: Bestes Smartphone bis 400 Euro", 2, EURO),
        headline("bank", "Schließfächer geknackt: Bank zahlt 7 Millionen Euro an bestohlene Kunden", 3, EURO),
    ])
    assert len(set(ev.values())) == 4


def test_headlines_that_share_only_germany_are_different_events() -> None:
    de = ("deutschland", "LOC")
    ev = events([
        headline("test", "Einbürgerungstest: Dürften Sie deutscher Staatsbürger werden?", 0, de),
        headline("aktien", "Börsenprofi verrät: Diese deutschen Aktien sind 2026 echte Perlen", 1, de),
        headline("kino", "In deutschen Kinos: »Das Kanu des Manitu« ist erfolgreichster Film", 2, de),
    ])
    assert len(set(ev.values())) == 3


def test_two_shared_names_still_make_one_event() -> None:
    trump, maduro = ("trump", "PER"), ("maduro", "PER")
    ev = events([
        headline("a", "Trump droht Maduro mit Angriffen", 0, trump, maduro),
        headline("b", "Maduro antwortet Trump", 1, maduro, trump),
    ])
    assert ev["a"] == ev["b"]


def test_one_name_and_more_words_still_make_one_event() -> None:
    ev = events([
        headline("a", "Bahn will 2026 mehr als 23 Milliarden Euro ins Netz stecken", 0, EURO),
        headline("b", "Milliarden für die Schiene: Bahn will 23 Milliarden Euro ins Netz stecken", 2, EURO),
    ])
    assert ev["a"] == ev["b"]


def _outlet_doc(aid: str, source: str, text: str, name: str) -> Document:
    doc = Document(Article(id=aid, text=text, title=text.split(".")[0], published=T0, language="de", source=source))
    start = text.index(name)
    doc.mentions = [Mention(Span(start, start + len(name)), "ORG", "ent_welt")]
    return doc


def test_an_outlets_own_name_is_not_evidence_for_its_articles() -> None:
    """On the first day of the stream, every welt.de teaser saying "WELT erklärt" or "WELT-Reporter"
    carried the entity WELT, and the story threader joined a car test, pensions and a UFO in one
    story through it. Another outlet naming WELT is a real mention and keeps it."""
    own = _outlet_doc("a", "welt.de", "Was WELT-Reporter über die Heizsaison wissen.", "WELT")
    www = _outlet_doc("b", "www.welt.de", "Das ergab eine Umfrage der WELT.", "WELT")
    other = _outlet_doc("c", "gmx.net", "Wie die WELT berichtet, steigen die Preise.", "WELT")
    named = _outlet_doc("d", "Die Welt", "Die WELT AM SONNTAG berichtet.", "WELT AM SONNTAG")
    assert LinkItem.from_document(own).entities == []
    assert LinkItem.from_document(www).entities == []
    assert LinkItem.from_document(named).entities == []
    assert LinkItem.from_document(other).entities == [("ent_welt", "ORG")]
    sz = _outlet_doc("e", "sueddeutsche.de", "Wie die Süddeutsche Zeitung berichtet.", "Süddeutsche Zeitung")
    assert LinkItem.from_document(sz).entities == []
    sz = _outlet_doc("f", "sueddeutsche.de", "Das sagte er der Süddeutschen Zeitung.", "Süddeutschen Zeitung")
    assert LinkItem.from_document(sz).entities == []
    # a city paper's city and a club that starts like the paper are not the paper
    kept = [("www.hamburger-abendblatt.de", "Der Hamburger SV gewinnt.", "Hamburger SV"),
            ("stuttgarter-zeitung.de", "In Stuttgart schneit es.", "Stuttgart"),
            ("stuttgarter-zeitung.de", "Die Stuttgarter Kickers gewinnen.", "Stuttgarter Kickers")]
    for source, text, name in kept:
        assert LinkItem.from_document(_outlet_doc("g", source, text, name)).entities == [("ent_welt", "ORG")], name
    gone = _outlet_doc("h", "www.hamburger-abendblatt.de", "Das sagte er dem Hamburger Abendblatt.", "Hamburger Abendblatt")
    assert LinkItem.from_document(gone).entities == []
    assert "E:ent_welt" not in features(LinkItem.from_document(own), 2.0).entities


def test_one_common_name_does_not_thread_a_story_below_the_threshold() -> None:
    """The cohesion rule lets a diffuse story take an article that scores as low as its own members;
    on the stream's first day a "Deutschland" story took a wine harvest, a car test and pensions
    that way. Below the threshold an article with entities must share two of them with the story."""
    from storyline.link.clusters import Cluster, Match
    from storyline.link.config import StoryConfig
    from storyline.link.stories import StoryThreader

    threader = StoryThreader(StoryConfig())
    story = Cluster("st_1", "a1", members=["a1", "a2", "a3", "a4"],
                    total={"E:deutschland": 3.0, "E:hensoldt": 1.0, "rustung": 2.0, "export": 2.0})
    match = Match(story, 0.2, 0.2, 1.0, 0.0, 1)
    wine = {"E:deutschland": 0.4, "wein": 0.6, "winz": 0.5}
    arms = {"E:deutschland": 0.3, "E:hensoldt": 0.5, "rustung": 0.5}
    words = {"rustung": 0.7, "export": 0.7}  # no entities (no NER stage): words decide as before
    assert not threader.shares_entities(wine, match)
    assert threader.shares_entities(arms, match)
    assert threader.shares_entities(words, match)
    assert StoryThreader(StoryConfig(rel_entities=0)).shares_entities(wine, match)
    # names common in the stream do not count: "Trump" and "USA" are no thread together
    story = Cluster("st_2", "b1", members=["b1", "b2", "b3"],
                    total={"E:trump": 3.0, "E:usa": 2.0, "E:maduro": 2.0, "venezuela": 2.0})
    match = Match(story, 0.2, 0.2, 1.0, 0.0, 1)
    life = {"E:trump": 0.3, "E:usa": 0.3, "lebenserwartung": 0.8}
    common = frozenset({"E:trump", "E:usa"})
    assert threader.shares_entities(life, match) and not threader.shares_entities(life, match, common)
    caracas = {"E:trump": 0.3, "E:usa": 0.3, "E:maduro": 0.5, "venezuela": 0.6}
    assert threader.shares_entities(caracas, match, common) is False  # one uncommon name: still one
    assert threader.shares_entities(caracas | {"E:caracas": 0.2}, match, common) is False
    story.total["E:caracas"] = 1.0
    assert threader.shares_entities(caracas | {"E:caracas": 0.2}, match, common)


def test_odd_sources_and_mentions_do_not_break_the_outlet_rule() -> None:
    """Sources come from feeds and files as they are: missing, empty, a bare dot, a URL, a hyphenated
    domain whose first word is one letter; mentions may be punctuation only. Nothing fails, and no
    mention is dropped without a name to match."""
    text = "„…“ – BILD und WELT berichten."
    for source in (None, "", " ", ".", "www.", "n-tv.de", "t-online.de", "http://www.welt.de/x", "Die", "ß.de"):
        doc = Document(Article(id="x", text=text, title="t", published=T0, language="de", source=source))
        doc.mentions = [Mention(Span(0, 3), "ORG", "ent_junk"), Mention(Span(6, 10), "ORG", "ent_bild")]
        item = LinkItem.from_document(doc)
        assert ("ent_junk", "ORG") in item.entities and ("ent_bild", "ORG") in item.entities, source
