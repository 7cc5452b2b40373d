"""The outlet's article key in a URL: a retitled article stays one article (and one event), a live blog
does not glue the day's happenings together, and the key survives the linker's saved state."""

from __future__ import annotations

from datetime import datetime

from storyline.link.article_keys import article_key
from storyline.link.config import LinkConfig
from storyline.link.items import LinkItem
from storyline.link.linker import Linker
from storyline.link.state import restore, snapshot


def test_keys_of_the_outlets_in_the_stream():
    assert article_key("https://www.sueddeutsche.de/politik/x-dpa.urn-newsml-dpa-com-20090101-260103-930-492661") == "dpa:260103-930-492661"
    assert article_key("https://www.welt.de/politik/ausland/article695266ecba368aa0126a5ebb/slug.html") == "welt.de:695266ecba368aa0126a5ebb"
    assert article_key("https://www.bild.de/news/ausland/slug-6952411f45876d161e233235") == "bild.de:6952411f45876d161e233235"
    assert article_key("https://www.spiegel.de/ausland/slug-a-022e3176-3e50-4109-8ef3-a3d8d7665cd1") == "spiegel.de:022e3176-3e50-4109-8ef3-a3d8d7665cd1"
    assert article_key("https://www.gmx.net/magazine/panorama/held-bondi-beach-41733468") == "gmx.net:41733468"
    assert article_key("https://www.heise.de/news/MV-Agusta-Brutale-11116663.html") == "heise.de:11116663"
    assert article_key("https://www.sueddeutsche.de/politik/usa-trump-li.3349206") == "sueddeutsche.de:3349206"
    assert article_key("https://www.zeit.de/arbeit/2025-12/sozialsystem-reform-gxe") == article_key(
        "https://www.zeit.de/arbeit/2025-12/sozialsystem-reform")


def test_no_key_where_the_url_carries_none():
    for url in (None, "", "https://www.welt.de/geschichte/", "https://example.org/2024/01/story",
                "https://www.faz.net/aktuell/rhein-main/rhein-main-liveblog-110809818.html", "not a url ::"):
        assert article_key(url) is None


def _item(aid: str, title: str, text: str, url: str, hour: int) -> LinkItem:
    return LinkItem(aid, title, text, "de", datetime(2026, 1, 3, hour), source="welt.de", url=url)


def test_a_retitled_article_joins_its_first_version_and_says_why():
    url1 = "https://www.welt.de/politik/article695266ecba368aa0126a5ebb/explosionen-in-caracas.html"
    url2 = "https://www.welt.de/politik/article695266ecba368aa0126a5ebb/trump-bestaetigt-angriff.html"
    linker = Linker(LinkConfig())
    first = linker.add(_item("a", "Explosionen in Caracas", "In der Nacht waren Explosionen zu hören.", url1, 6))
    linker.add(_item("x", "Schnee in Hamburg", "Der Winterdienst ist im Einsatz.", "https://example.org/x", 7))
    again = linker.add(_item("b", "Trump bestätigt Angriff auf Venezuela", "Der US-Präsident äußerte sich am Morgen.", url2, 9))
    assert again.event_id == first.event_id  # reworded: linked as an article of its own, in the same event
    assert again.explanation["event"]["article_key"] == {"of": "a", "key": "welt.de:695266ecba368aa0126a5ebb"}
    same = linker.add(_item("d", "Trump bestätigt Angriff auf Venezuela", "Der US-Präsident äußerte sich am Morgen.",
                            url2.replace(".html", "-update.html"), 10))
    assert same.duplicate_of is not None and same.event_id == first.event_id  # same words: a copy
    restored = restore(snapshot(linker), LinkConfig())
    url3 = "https://www.welt.de/politik/article695266ecba368aa0126a5ebb/maduro-gefasst.html"
    third = restored.add(_item("c", "Maduro gefasst", "Die Lage in Venezuela ist unklar.", url3, 11))
    assert third.event_id == first.event_id


def test_a_retitled_article_whose_first_version_was_a_copy_joins_that_copys_event():
    """GMX carried the dpa text "Welle personeller Veränderungen" (a copy of WELT's, so no event node of
    its own) and retitled it twice; the later versions went to events of their own."""
    text = "Präsident Selenskyj baut vor den Verhandlungen die Führung in Kiew um, heißt es in Kiew."
    gmx = "https://www.gmx.net/magazine/politik/welle-personeller-veraenderungen-kiew-41746608"
    linker = Linker(LinkConfig())
    first = linker.add(_item("w", "Welle personeller Veränderungen in Kiew", text, "https://example.org/w", 4))
    copy = linker.add(_item("g1", "Welle personeller Veränderungen in Kiew", text, gmx, 5))
    assert copy.duplicate_of == "w"
    retitled = linker.add(_item("g2", "Selenskyj krempelt Sicherheitsapparat um", "Neuer Stabschef ernannt.",
                                gmx.replace("welle-personeller-veraenderungen-kiew", "selenskyj-krempelt"), 6))
    assert retitled.event_id == first.event_id
    assert retitled.explanation["event"]["article_key"]["of"] == "g1"


def test_a_live_blog_known_by_its_headline_gets_no_key():
    """The FAZ's Rhein-Main live blog keeps an ordinary article URL; the labels file each of its
    headlines by what it reports (a house fire in Schlitz, the frost in Hesse)."""
    url = "https://www.faz.net/aktuell/rhein-main/region-und-hessen/aktuelle-nachrichten-110809818.html"
    assert article_key(url) == "faz.net:110809818"
    for title in ("Rhein-Main-Liveblog: 150.000 Euro Schaden nach Wohnhausbrand in Schlitz",
                  "LiveKrieg in Nahost:UN-Chef fordert Aufhebung", "Live: Bizarre Trump-Aussage",
                  "Liveticker zu Venezuela: Militärschlag", "LIVEBLOG: Der Tag"):
        assert article_key(url, title) is None, title
    for title in ("Liverpool gewinnt in Leeds", "Lives matter", "Delivery Hero wächst", ""):
        assert article_key(url, title) == "faz.net:110809818", title
    linker = Linker(LinkConfig())
    fire = linker.add(_item("a", "Rhein-Main-Liveblog: 150.000 Euro Schaden nach Wohnhausbrand in Schlitz",
                            "Ein Wohnhaus in Schlitz ist in der Nacht ausgebrannt.", url, 6))
    frost = linker.add(_item("b", "Rhein-Main-Liveblog: Dauerfrost und Schneeverwehungen",
                             "Auf dem Vogelsberg liegt ein halber Meter Schnee.", url, 9))
    assert fire.event_id != frost.event_id
    assert "article_key" not in frost.explanation.get("event", {})
