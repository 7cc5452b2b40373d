"""Time expressions added or corrected after a third silver comparison with HeidelTime (magazine-style
10kGNAD articles and German Wikinews): one test per construction, with look-alikes that must stay
untagged or keep their old value. All sentences are written for these tests."""

from __future__ import annotations

from datetime import date

from storyline.nlp.time import tag

DCT = date(2016, 3, 15)  # a Tuesday, in spring


def found(text: str, anchor: date | None = DCT) -> dict[str, tuple[str, str]]:
    return {text[t.span.start : t.span.end]: (t.type, t.value) for t in tag(text, anchor, lang="de")}


def test_number_and_a_half_durations() -> None:
    # "sechseinhalb" was no number at all; a half month or week has no whole smaller unit
    assert found("Die Verhandlung dauerte sechseinhalb Stunden.") == {"sechseinhalb Stunden": ("DURATION", "PT390M")}
    assert found("Er saß dreieinhalb Jahre in Haft.") == {"dreieinhalb Jahre": ("DURATION", "P42M")}
    assert found("Nach viereinhalb Monaten war Schluss.") == {"viereinhalb Monaten": ("DURATION", "P4.5M")}
    assert found("Sie blieb eineinhalb Wochen.") == {"eineinhalb Wochen": ("DURATION", "P1.5W")}
    assert found("Der Umbau dauerte eineinhalb Jahrzehnte.") == {"eineinhalb Jahrzehnte": ("DURATION", "P15Y")}
    # unchanged: whole numbers and the older halves
    assert found("Er saß zweieinhalb Jahre in Haft.") == {"zweieinhalb Jahre": ("DURATION", "P30M")}
    assert found("Sie lief drei Stunden.") == {"drei Stunden": ("DURATION", "PT3H")}


def test_year_edge_with_its_year() -> None:
    assert found("Der Kurs lag zur Jahresmitte 2015 bei zwei Euro.") == {"Jahresmitte 2015": ("DATE", "2015")}
    assert found("Zum Jahresende 2014 wurde bilanziert.") == {"Jahresende 2014": ("DATE", "2014")}
    # without a year it stays the current year; a count after it is no year
    assert found("Seit Jahresbeginn stieg der Kurs.") == {"Jahresbeginn": ("DATE", "2016")}
    assert "Jahresbeginn 2000" not in found("Seit Jahresbeginn 2000 Anträge gestellt.")


def test_within_one_day_is_a_duration() -> None:
    assert found("Die Anträge werden binnen eines Tages bearbeitet.") == {"eines Tages": ("DURATION", "P1D")}
    assert found("Innerhalb eines Tages war alles vorbei.") == {"eines Tages": ("DURATION", "P1D")}
    # "eines Tages" alone is "some day", no time
    assert found("Eines Tages kam er zurück.") == {}
    assert found("Sie will eines Tages Ärztin werden.") == {}


def test_season_after_vor_nach_waehrend() -> None:
    assert found("Der Plan wurde vor dem Sommer beschlossen.") == {"Sommer": ("DATE", "2015-SU")}
    assert found("Während des Winters 2014 war es kalt.") == {"Winters 2014": ("DATE", "2014-WI")}
    assert found("Er arbeitete den Sommer über im Hotel.")["Sommer"][0] == "DATE"
    # compounds and "über den" (about) are no season
    assert found("Sie kam nach dem Sommerfest.") == {}
    assert found("Er sprach über den Winter als Jahreszeit.") == {}


def test_last_season_in_the_same_season_is_last_year() -> None:
    # written in spring: last spring is a year ago, last summer too; the coming spring may be this one
    assert found("Im vorigen Frühling stiegen die Gehälter.") == {"vorigen Frühling": ("DATE", "2015-SP")}
    assert found("Im vergangenen Sommer war es heiß.") == {"vergangenen Sommer": ("DATE", "2015-SU")}
    assert found("Im kommenden Frühling wird gebaut.") == {"kommenden Frühling": ("DATE", "2016-SP")}


def test_vague_span_before_nach_and_in_the_years_after() -> None:
    assert found("Er wusste noch Jahre nach seinem Rücktritt Bescheid.") == {"Jahre": ("DURATION", "PXY")}
    assert found("Wochen nach der Wahl stand das Ergebnis fest.") == {"Wochen": ("DURATION", "PXW")}
    assert found("In den Jahren davor gab es Verluste.") == {"den Jahren": ("DURATION", "PXY")}
    # no span: the noun is measured or the phrase says something else
    assert found("Die Jahre nach Kriegsende waren hart.") == {}
    assert found("Er ist 20 Jahre alt und sucht nach dem Glück.") == {}


def test_machten_is_a_past_tense() -> None:
    assert found("Die Minister machten einander am Donnerstag Vorwürfe.") == {"Donnerstag": ("DATE", "2016-03-10")}
    assert found("Sie brauchten am Montag Hilfe.") == {"Montag": ("DATE", "2016-03-14")}
    # a participle or "versuchten Mordes" says nothing about the tense
    assert found("Die gemachten Zusagen gelten ab Donnerstag.") == {"Donnerstag": ("DATE", "2016-03-17")}
    assert found("Wegen versuchten Mordes steht er am Donnerstag vor Gericht.") == {"Donnerstag": ("DATE", "2016-03-17")}


def test_bis_closing_a_von_range_follows_the_tense() -> None:
    text = "Von Jahresbeginn bis 13. März haben 1.200 Menschen die Grenze überquert."
    assert found(text)["13. März"] == ("DATE", "2016-03-13")
    # "bis" alone still looks ahead, also with a present perfect
    assert found("Die Frist läuft bis 13. März.")["13. März"] == ("DATE", "2017-03-13")
    assert found("Sie hat sich bis September ein Sprechverbot verordnet.")["September"] == ("DATE", "2016-09")
