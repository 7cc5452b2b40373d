"""Histories move forward, nights belong to the day before, and a time expression standing alone in its
clause reads the sentence's tense. All sentences are written for these tests; none comes from an
evaluation set."""

from __future__ import annotations

from datetime import date

from storyline.nlp.time import tag

DCT = date(1998, 3, 12)  # a Thursday
DOWNLOAD = date(2011, 4, 12)  # a narrative's document date: relative expressions must not use it


def values(text: str, anchor: date | None = DCT, mode: str = "news") -> dict[str, str]:
    return {text[t.span.start : t.span.end]: t.value for t in tag(text, anchor, lang="de", mode=mode)}


def history(text: str) -> dict[str, str]:
    return values(text, DOWNLOAD, "narrative")


def test_a_history_crosses_the_turn_of_the_year() -> None:
    got = history("Anfang Dezember 1941 begann die Gegenoffensive. Bis zum Frühjahr hielt die Front. "
                  "Im Sommer begann die neue Offensive. Im September erreichten die Truppen die Stadt.")
    assert got["Anfang Dezember 1941"] == "1941-12"
    assert got["Frühjahr"] == "1942-SP"  # was 1941-SP, and "Bis zum" (capitalised) was not found at all
    assert got["Sommer"] == "1942-SU"
    assert got["September"] == "1942-09"


def test_a_history_does_not_roll_a_month_that_lies_shortly_before() -> None:
    # a month a few months back stays in the year: flashbacks and summaries are common
    got = history("Am 19. Juli 1870 erklärte Frankreich den Krieg. Im Mai hatten die Verhandlungen begonnen.")
    assert got["Mai"] == "1870-05"
    # a year alone says nothing about the month: January onwards is all the same year
    assert history("1943 verlor die Armee die Initiative. Im Juli kam es zur Schlacht.")["Juli"] == "1943-07"


def test_the_following_season_counts_from_the_date_named_last() -> None:
    got = history("Am 11. November 1918 wurde der Waffenstillstand unterzeichnet. "
                  "Im folgenden Sommer wurde der Vertrag unterzeichnet.")
    assert got["folgenden Sommer"] == "1919-SU"  # was 1918-SU: the summer before the November
    assert history("Der Krieg war 1875 entschieden. Im Sommer darauf brach eine Epidemie aus.")[
        "Sommer darauf"] == "1876-SU"
    got = history("Im März 1920 kam es zum Putsch. Im vorigen Herbst hatte die Regierung gewarnt.")
    assert got["vorigen Herbst"] == "1919-FA"


def test_the_same_year_keeps_the_month_named_before() -> None:
    got = history("Am 17. September 1631 siegte er bei Breitenfeld. Im selben Jahr fiel Magdeburg. "
                  "Im gleichen Monat starb der Kurfürst.")
    assert got["selben Jahr"] == "1631"
    assert got["gleichen Monat"] == "1631-09"  # was 1631-01: the year had reset the month


def test_the_night_before_a_named_day() -> None:
    got = values("Der Anschlag geschah in der Nacht zum 1. Januar 2011.", date(2011, 3, 9))
    assert got == {"Nacht": "2010-12-31TNI", "1. Januar 2011": "2011-01-01"}
    got = values("In der Nacht vom 10. auf den 11. Februar 2006 hielt er sich in der Stadt auf.", date(2006, 2, 23))
    assert got["Nacht"] == "2006-02-10TNI"  # was the publication day
    # the weekday form is unchanged
    assert values("In der Nacht auf Sonntag brannte es.", DCT)["Nacht"] == "1998-03-07TNI"


def test_the_night_that_has_passed_is_last_night() -> None:
    # the day's news telling what happened "in der Nacht": the night before, dated to its evening
    assert values("In der Nacht haben US-Truppen Caracas angegriffen.", DCT)["Nacht"] == "1998-03-11TNI"
    assert values("In der Nacht kam es zu mehreren Unfällen.", DCT)["Nacht"] == "1998-03-11TNI"
    # a night still to come, and the night of a day the text names, keep their day
    assert values("In der Nacht wird es regnen.", DCT)["Nacht"] == "1998-03-12TNI"
    assert values("Am Montag kam er an, in der Nacht ging er wieder.", DCT)["Nacht"] == "1998-03-09TNI"
    assert values("In der Nacht kam es zu Unfällen.", None)["Nacht"] == "XXXX-XX-XXTNI"


def test_a_clause_of_the_expression_alone_reads_the_sentence() -> None:
    got = values("Im April und Mai wurde gebaut.")
    assert got == {"April": "1997-04", "Mai": "1997-05"}  # "Im April" alone had no tense: April 1998
    assert values("Im Sommer und Herbst wurde die Firmware verteilt.")["Sommer"] == "1997-SU"
    # a clause with words of its own keeps its own reading
    got = values("Am 15. Mai hat die Kommission den Termin auf Ende September, Anfang Oktober festgelegt.",
                 date(2006, 5, 21))
    assert got["Anfang Oktober"] == "2006-10"  # the coming October, not the sentence's past
    # "heute" in a clause of its own is nowadays, whatever the sentence before said
    assert values("Früher war das in Ordnung, sagte er, heute aber gehe es um mehr.")["heute"] == "PRESENT_REF"


def test_may_and_august_beside_another_month() -> None:
    assert values("Die Zahl hat sich in den diesjährigen Sommermonaten Juli und August verdoppelt.",
                  date(2016, 9, 15)) == {"Juli": "2016-07", "August": "2016-08"}
    assert values("Im Juli und August wurde gebaut.") == {"Juli": "1997-07", "August": "1997-08"}
    assert "August" not in values("August Bebel sprach im Juli.")  # a first name stays a name
    assert "Mai" not in values("Der Künstler Mai zeigt seine Bilder.")


def test_season_of_two_years_and_the_quarter_century() -> None:
    assert values("Im Winter 1997/98 war es kalt.") == {"Winter 1997/98": "1997-WI"}
    assert values("Ein Vierteljahrhundert lang regierte er.") == {"Ein Vierteljahrhundert": "P25Y"}
    assert values("Der mehr als ein Vierteljahrhundert andauernde Krieg.") == {"ein Vierteljahrhundert": "P25Y"}


def test_magazine_constructions() -> None:
    assert values("Im Herbst 89 gingen die Menschen auf die Straße.") == {"Herbst 89": "1989-FA"}
    assert values("Im Sommer '68 war alles anders.") == {"Sommer '68": "1968-SU"}
    assert values("Das war im Herbst 89.") == {"Herbst 89": "1989-FA"}
    # a count after the season is no year
    assert values("Im Sommer wurden 20 neue Häuser gebaut.") == {"Sommer": "1997-SU"}
    assert values("Im Sommer 20 neue Häuser, im Winter 30 Grad minus.").keys() == {"Sommer", "Winter"}
    assert values("Jeden Morgen liest er die Zeitung.") == {"Jeden Morgen": "XXXX-XX-XXTMO"}
    got = values("In den frühen Morgenstunden des 10. November öffneten sich die Grenzen.")
    assert got == {"den frühen Morgenstunden des 10. November": "1997-11-10TMO"}
    assert values("In der Nacht des 5. Mai war es ruhig.") == {"Nacht des 5. Mai": "1997-05-05TNI"}


def test_a_history_before_the_common_era_never_counts_from_the_download_date() -> None:
    got = history("Der Krieg begann 218 v. Chr. Im folgenden Jahr siegte Hannibal. Am 2. August kam es zur "
                  "Schlacht. Zwei Jahre später fiel Syrakus.")
    assert got["218 v. Chr."] == "BC0218"
    # unknown, not 2012, 2012-08-02 and 2014 (counted from the 2011 download date)
    assert got["folgenden Jahr"] == "XXXX"
    assert got["2. August"] == "XXXX-08-02"
    assert got["Zwei Jahre später"] == "XXXX"
    # a later year of our era counts again
    got = history("Die Stadt fiel 146 v. Chr. Im Jahr 1871 wurde sie ausgegraben. Im Mai begann die Arbeit.")
    assert got["Mai"] == "1871-05"


def test_the_night_before_a_day_that_does_not_exist() -> None:
    # an impossible day is no anchor: the night stays unknown (it was the night before a Monday)
    assert values("In der Nacht zum 31. Februar brannte es.") == {"Nacht": "XXXX-XX-XXTNI"}
    assert values("Nacht zum 29. Februar 2019 war es still.") == {"Nacht": "XXXX-XX-XXTNI"}
    assert values("Nacht zum 29. Februar 2020 war es still.")["Nacht"] == "2020-02-28TNI"
    for anchor in (None, date(1, 1, 1)):
        assert values("In der Nacht zum 3. September brannte es.", anchor)["Nacht"] == "XXXX-XX-XXTNI"
