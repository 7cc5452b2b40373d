"""German temporal patterns added after a silver comparison with HeidelTime on feature and magazine
text (culture, science, essays): each case is a construction that generalises, plus look-alikes that
must stay untagged or keep their old value."""

from __future__ import annotations

from datetime import date

from storyline.nlp.time import tag
from storyline.nlp.time.tagger import tense

DCT = date(2015, 6, 15)  # a Monday


def found(text: str, anchor: date = DCT) -> dict[str, tuple[str, str]]:
    return {text[t.span.start : t.span.end]: (t.type, t.value) for t in tag(text, anchor)}


def test_decade_dative_plural_and_early_late() -> None:
    got = found("Eine Serie aus den 80ern, Platten aus den 1980ern und Bilder aus den frühen 1960er-Jahren.")
    assert got["den 80ern"] == ("DATE", "198X")
    assert got["den 1980ern"] == ("DATE", "198X")
    assert got["den frühen 1960er-Jahren"] == ("DATE", "196X")
    assert [t.mod for t in tag("ab den späteren 80er-Jahren", DCT)] == ["END"]


def test_coordinated_decades_each_stand_alone() -> None:
    got = found("Arbeiten aus den 1970er- und 1980er-Jahren.")
    assert got["den 1970er-"] == ("DATE", "197X")
    assert got["1980er-Jahren"] == ("DATE", "198X")


def test_decade_lookalikes_stay_untagged() -> None:
    assert found("Er feierte seinen rüstigen 70er.") == {}
    assert found("Die 20er-Karten sind teuer.") == {}


def test_two_consecutive_years_are_one_expression() -> None:
    # KRAUTS annotates "1925/ 26" as one DATE with the smallest period holding both years.
    got = found("Die Saison 2016/17 beginnt; das Problem begann 1925/ 26. Die Spielzeit 2019/20.")
    assert got["2016/17"] == ("DATE", "201X")
    assert got["1925/ 26"] == ("DATE", "192X")
    assert got["2019/20"] == ("DATE", "2019")  # across a decade: the first year (START), not the century
    assert "2014/18" not in found("Die Jahre 2014/18 waren hart.")  # not consecutive years


def test_second_year_of_a_range_after_a_hyphen() -> None:
    got = found("Ein Drama von Werner Schwab (1958-1994) wird gezeigt.")
    assert got["1958"] == ("DATE", "1958") and got["1994"] == ("DATE", "1994")
    assert found("Rufen Sie 0471-2015 an.") == {}  # a phone number, not a year after a year


def test_century_as_ordinal_word_and_before_our_era() -> None:
    got = found("Die Ruinen aus dem sechsten Jahrhundert vor unserer Zeitrechnung. Im zwanzigsten Jahrhundert.")
    assert got["dem sechsten Jahrhundert vor unserer Zeitrechnung"] == ("DATE", "BC05")
    assert got["zwanzigsten Jahrhundert"] == ("DATE", "19")
    assert found("In der zweiten Jahrhunderthälfte.") == {}


def test_short_years_after_the_noun_jahr() -> None:
    got = found("Rom wurde im Jahr 753 vor unserer Zeitrechnung gegründet. Im Jahr 800 krönte man Karl.")
    assert got["Jahr 753 vor unserer Zeitrechnung"] == ("DATE", "BC0753")
    assert got["Jahr 800"] == ("DATE", "0800")
    assert found("Im Jahr 500 Flüchtlinge. Das Jahr 12 der Revolution.") == {}


def test_these_days_is_present_ref() -> None:
    assert found("Das Ministerium zählt dieser Tage 300 Anträge.")["dieser Tage"] == ("DATE", "PRESENT_REF")


def test_season_after_bare_bis() -> None:
    assert found("Bis Sommer soll eine Kommission stehen.")["Sommer"] == ("DATE", "2015-SU")


def test_genitive_evening_noun_is_not_a_set() -> None:
    assert found("Im weiteren Verlauf des Abends kamen sie. Eines Abends ging er.") == {}
    assert found("Abends ging er spazieren.")["Abends"] == ("SET", "XXXX-XX-XXTEV")
    assert found("Er kommt abends.")["abends"] == ("SET", "XXXX-XX-XXTEV")


def test_wochenende_is_not_the_end_of_a_week() -> None:
    assert found("Er wollte ein ungestörtes Wochenende im Grünen.") == {}
    assert found("Am Wochenende kam er.")["Wochenende"] == ("DATE", "2015-W24-WE")
    assert found("Zu Wochenbeginn kam er.")["Wochenbeginn"] == ("DATE", "2015-W25")


def test_long_durations_with_four_digits_or_thousands_dots() -> None:
    got = found("Schon vor 8000 Jahren und seit 2.500 Jahren lebten Hunde bei Menschen.")
    assert got["8000 Jahren"] == ("DURATION", "P8000Y")
    assert got["2.500 Jahren"] == ("DURATION", "P2500Y")
    assert "8000 Jahre" not in found("Es sind 8000 Jahre alte Funde.")  # an age


def test_bis_in_a_past_clause_looks_back() -> None:
    got = found("Von Jahresbeginn bis 31. August wurden 46.133 Anträge gestellt.")
    assert got["31. August"] == ("DATE", "2014-08-31")
    # the present perfect describes a present state: the period still runs ahead
    assert found("Er hat sich bis September ein Sprechverbot verordnet.")["September"] == ("DATE", "2015-09")
    assert found("Bis Ende Jänner werde man warten.")["Ende Jänner"] == ("DATE", "2016-01")


def test_perfect_with_sein_is_past() -> None:
    assert tense("Die Partei ist bei der Wahl abgesackt") == -1
    assert tense("Das Album ist erschienen") == -1
    assert tense("Die Eröffnung ist geplant") != -1  # a state passive, not past
    got = found("Ende November ist das aktuelle Album erschienen. Die Eröffnung ist am 27. September geplant.")
    assert got["Ende November"] == ("DATE", "2014-11")
    assert got["27. September"] == ("DATE", "2015-09-27")
