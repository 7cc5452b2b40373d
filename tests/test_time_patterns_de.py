"""German temporal patterns added after a silver comparison with HeidelTime on news text: each case
is a construction that generalises (not a corpus sentence), plus numbers that must stay untagged."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.nlp.time import tag
from storyline.nlp.time.tagger import split_sentences, tense


def found(text: str, anchor: date = date(2016, 3, 15)) -> dict[str, tuple[str, str]]:
    return {text[t.span.start : t.span.end]: (t.type, t.value) for t in tag(text, anchor)}


def test_weekday_with_date_picks_the_year_the_weekday_fits() -> None:
    # 14 August 2005 was a Sunday, 14 August 2006 a Monday: the weekday names the year.
    got = found("Das Flugzeug zerschellte am Sonntag, den 14. August um 12:03 Uhr Ortszeit.", date(2006, 3, 19))
    assert got["Sonntag, den 14. August"] == ("DATE", "2005-08-14")
    assert got["12:03 Uhr"] == ("TIME", "2005-08-14T12:03")  # the clock time takes that day


def test_ordinal_day_does_not_end_a_sentence() -> None:
    text = "Bei dem Überfall am 4. November 2011 gegen 9.30 Uhr wurde niemand verletzt."
    assert len(split_sentences(text)) == 1
    assert found(text)["9.30 Uhr"] == ("TIME", "2011-11-04T09:30")


def test_weak_preterite_sends_a_bare_weekday_back() -> None:
    # Friday 13 January 2006: "bestätigte … am Sonntag" is the Sunday before, not after.
    got = found("Der Feuerwehrchef bestätigte den Vorfall am Sonntag gegenüber der Presse.", date(2006, 1, 13))
    assert got["Sonntag"] == ("DATE", "2006-01-08")
    got = found("Am Sonntag findet die Wahl statt.", date(2006, 1, 13))
    assert got["Sonntag"] == ("DATE", "2006-01-15")


def test_tense_weak_preterites_only_when_asked() -> None:
    assert tense("Die Polizei meldete den Fund", weak=True) == -1
    assert tense("Die Polizei meldete den Fund") == 0  # months keep the plain cues
    assert tense("Die Leute arbeiten heute", weak=True) == 0
    assert tense("die bekannte Seite", weak=True) in (0, -1)


def test_same_year_refers_to_the_year_just_named() -> None:
    got = found("Nixon trat 1974 zurück. Im August desselben Jahres ging er, im Herbst desselben Jahres auch.")
    assert got["August desselben Jahres"] == ("DATE", "1974-08")
    assert got["Herbst desselben Jahres"] == ("DATE", "1974-FA")


def test_ordinal_word_day_of_month() -> None:
    got = found("Am ersten Oktober sind Parlamentswahlen. Am dritten März 2010 kam er.", date(2012, 9, 21))
    assert got["ersten Oktober"] == ("DATE", "2012-10-01")
    assert got["dritten März 2010"] == ("DATE", "2010-03-03")


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Nach 2:46 Stunden verwandelte er den Matchball.", "2:46 Stunden", "PT2H46M"),
        ("Die Verweildauer liegt bei 7:01 Minuten.", "7:01 Minuten", "PT7M1S"),
        ("Er beschleunigt in knapp 2,5 Sekunden auf 100.", "2,5 Sekunden", "PT2.5S"),
        ("Nach 1,5 Minuten war es vorbei.", "1,5 Minuten", "PT90S"),
        ("Wochenlang wurde verhandelt.", "Wochenlang", "PXW"),
        ("Jahrzehntelang geschah nichts.", "Jahrzehntelang", "PXDE"),
        ("Wenige Wochen vor der Wahl trat er zurück.", "Wenige Wochen", "PXW"),
    ],
)
def test_durations(text: str, expr: str, value: str) -> None:
    assert found(text)[expr] == ("DURATION", value)


def test_holidays_and_present_ref() -> None:
    got = found("Noch vor Weihnachten soll gestreikt werden, am zweiten Weihnachtsfeiertag nicht.", date(2010, 12, 5))
    assert got["Weihnachten"] == ("DATE", "2010-12-24")
    assert got["zweiten Weihnachtsfeiertag"] == ("DATE", "2010-12-26")
    assert found("Derzeit laufen Gespräche.")["Derzeit"] == ("DATE", "PRESENT_REF")
    assert found("Zur Zeit des Ausbruchs waren 400 Gefangene dort.") == {}


def test_clock_time_is_a_time() -> None:
    assert found("Die Sitzung beginnt um 15 Uhr.")["15 Uhr"] == ("TIME", "2016-03-15T15:00")


@pytest.mark.parametrize(
    "text",
    [
        "Die Partei erhielt 45 Prozent der Stimmen.",
        "Paragraf 218 bleibt bestehen.",
        "In der Innenstadt gilt Tempo 30.",
        "„Der schlechteste Minister aller Zeiten!“ 1300 Polizisten waren im Einsatz.",
        "Das Profil 1.1. wird nicht das letzte sein.",
        "Das Auto erreicht 100 Kilometer pro Stunde.",
        "Nach 2:46 verwandelte er.",
    ],
)
def test_numbers_that_are_not_times_stay_untagged(text: str) -> None:
    assert found(text) == {}


@pytest.mark.parametrize("same", ["desselben", "des selben", "des gleichen"])
def test_month_and_season_of_the_same_year_take_the_year_just_named(same: str) -> None:
    text = f"Der Vertrag wurde 2005 unterzeichnet. Im Dezember {same} Jahres trat er in Kraft."
    assert found(text, date(2010, 5, 5))[f"Dezember {same} Jahres"] == ("DATE", "2005-12")
    text = f"Der Vertrag wurde 2005 unterzeichnet. Im Sommer {same} Jahres trat er in Kraft."
    assert found(text, date(2010, 5, 5))[f"Sommer {same} Jahres"] == ("DATE", "2005-SU")


def test_speed_filter_only_after_a_unit_word() -> None:
    assert found("Es gibt ein Programm pro Woche.")["pro Woche"] == ("SET", "P1W")
    assert found("Sie besuchen das Heim pro Woche zweimal.")["pro Woche"] == ("SET", "P1W")
    assert "pro Stunde" not in found("Der Zug fährt 30 km pro Stunde.")


def test_a_number_ends_a_sentence_unless_a_month_follows() -> None:
    text = "Die Saison 2010 beendete der Klub auf Platz 5. Am 3. Mai spielt er gegen Bayern."
    assert len(split_sentences(text)) == 2
    assert found(text, date(2015, 4, 1))["3. Mai"] == ("DATE", "2015-05-03")  # not the 2010 of the sentence before


def test_weekday_correction_keeps_the_tense() -> None:
    # 1 January 2015 was a Thursday, 2016 a Friday: a past-tense sentence stays in the past
    assert found("Am Freitag, dem 1. Januar kam er.", date(2015, 4, 1))["Freitag, dem 1. Januar"][1] == "2015-01-01"


def test_durations_below_the_smallest_unit_have_no_zero_value() -> None:
    assert all(v != "PT0S" for _, v in found("Er lief 0,0001 Sekunden schneller, es dauerte 0,001 Minuten.").values())
    assert found("Er brauchte 2,5 Sekunden.")["2,5 Sekunden"] == ("DURATION", "PT2.5S")
