"""The temporal tagger on the example articles, on bad input, and its re-anchoring contract."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.nlp.time import extract, tag

EXAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "examples"
TEXT_000 = (
    '"Präsident Trump hat seine Offenheit ausgedrückt", teilte das Weiße Haus am Mittwoch schriftlich mit. '
    "Am Dienstag hatten sich die beiden Länder bei ihren ersten Gesprächen seit zwei Jahren auf Maßnahmen "
    "geeinigt. Nordkorea will unter anderem eine Delegation zu den Winterspielen in Pyeongchang im Februar "
    "entsenden."
)
TEXT_001 = (
    "Regierungsvertreter in Seoul teilten mit, das Treffen solle bis Ende Mai stattfinden. "
    "Die beiden Staaten sind offiziell seit dem Koreakrieg in den Fünfzigerjahren im Kriegszustand. "
    "Er unterrichtet die US-Regierung über die Gespräche mit Nordkorea Anfang dieser Woche. "
    "Nord- und Südkorea vereinbarten auch einen Gipfel im Grenzort Panmunjom im April. "
    "Die Spannungen in der Region hatten sich 2017 deutlich verschärft, nachdem Nordkorea mehrfach Raketen "
    "sowie Anfang September eine weitere Atombombe getestet hatte."
)


def by_text(text: str, anchor: date | None) -> dict[str, tuple[str, str, str | None]]:
    return {text[t.span.start : t.span.end]: (t.type, t.value, t.mod) for t in tag(text, anchor)}


def test_example_000_expressions() -> None:
    got = by_text(TEXT_000, date(2018, 1, 10))
    assert got["Mittwoch"] == ("DATE", "2018-01-10", None)
    assert got["Dienstag"] == ("DATE", "2018-01-09", None)
    assert got["zwei Jahren"] == ("DURATION", "P2Y", None)
    assert got["Februar"] == ("DATE", "2018-02", None)


def test_example_001_expressions() -> None:
    got = by_text(TEXT_001, date(2018, 3, 8))
    assert got["Ende Mai"] == ("DATE", "2018-05", "END")
    assert got["April"][1] == "2018-04"
    assert got["Anfang dieser Woche"] == ("DATE", "2018-W10", "START")
    assert got["2017"][1] == "2017"
    assert got["Anfang September"] == ("DATE", "2017-09", "START")  # year from the sentence, not the anchor
    assert got["den Fünfzigerjahren"][1] == "195X"


@pytest.mark.skipif(not EXAMPLES.exists(), reason="../shared/examples not present")
def test_example_files_resolve_as_readme_says() -> None:
    t0 = next(EXAMPLES.glob("000_*.txt")).read_text(encoding="utf-8")
    t1 = next(EXAMPLES.glob("001_*.txt")).read_text(encoding="utf-8")
    v0 = {t0[t.span.start : t.span.end]: t.value for t in tag(t0, date(2018, 1, 10))}
    v1 = {t1[t.span.start : t.span.end]: (t.value, t.mod) for t in tag(t1, date(2018, 3, 8))}
    assert v0["Mittwoch"] == "2018-01-10" and v0["Dienstag"] == "2018-01-09"
    assert v0["zwei Jahren"] == "P2Y" and v0["Februar"] == "2018-02"
    assert v1["Ende Mai"] == ("2018-05", "END") and v1["April"][0] == "2018-04"
    assert v1["Anfang dieser Woche"] == ("2018-W10", "START")
    assert v1["Anfang September"] == ("2017-09", "START") and v1["den Fünfzigerjahren"][0] == "195X"


def test_direction_from_cue_words() -> None:
    anchor = date(2018, 1, 10)  # a Wednesday
    assert by_text("Er werde am Freitag kommen.", anchor)["Freitag"][1] == "2018-01-12"
    assert by_text("Er war am Freitag gekommen.", anchor)["Freitag"][1] == "2018-01-05"
    assert by_text("Das Spiel findet am kommenden Montag statt.", anchor)["kommenden Montag"][1] == "2018-01-15"
    assert by_text("Vergangene Woche wurde gewählt.", anchor)["Vergangene Woche"][1] == "2018-W01"
    assert by_text("Gestern Abend regnete es.", anchor)["Gestern Abend"] == ("TIME", "2018-01-09TEV", None)


def test_times_durations_sets() -> None:
    got = by_text("Die Sitzung beginnt um 15 Uhr und dauert drei Stunden. Der Markt ist jeden Montag offen.",
                  date(2018, 1, 10))
    assert got["15 Uhr"] == ("TIME", "2018-01-10T15:00", None)
    assert got["drei Stunden"] == ("DURATION", "PT3H", None)
    assert got["jeden Montag"] == ("SET", "XXXX-WXX-1", None)


@pytest.mark.parametrize(
    "text",
    ["Die Frist endet am 31. Februar 2018.", "Am 30. Februar wurde nichts entschieden.", "am 0. Mai", "am 32. Juli"],
)
def test_impossible_dates_are_not_dated(text: str) -> None:
    for tm in tag(text, date(2018, 1, 10)):
        assert not tm.value.endswith(("-02-31", "-02-30", "-05-00", "-07-32"))


@pytest.mark.parametrize(
    "text",
    ["Die Partei erreichte 45 Prozent.", "Nach Paragraf 218 ist das strafbar.", "Laut § 1998 BGB gilt das.",
     "Es kamen 2000 Besucher.", "Die Linie 1024 fährt nicht."],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert tag(text, date(2018, 1, 10)) == []


def test_clock_time_is_not_a_day_of_month() -> None:
    (tm,) = tag("Das Treffen ist um 15 Uhr.", date(2018, 1, 10))
    assert tm.type == "TIME" and tm.value == "2018-01-10T15:00"


def test_years_far_away_are_not_tagged_as_plain_years() -> None:
    assert tag("Im Jahr 30000 gibt es uns nicht mehr. Die Zahl 9999 ist groß.", date(2018, 1, 10)) == []


@pytest.mark.parametrize("anchor", [None, date(1, 1, 1), datetime(1, 1, 1), date(9999, 12, 31)])
def test_missing_or_absurd_anchor_never_guesses(anchor: date | None) -> None:
    text = "Gestern sagte er, am 5. Mai 2017 und im Februar sei das passiert. Am Dienstag um 15 Uhr."
    got = {text[t.span.start : t.span.end]: t for t in tag(text, anchor)}
    assert got["Gestern"].value == "XXXX-XX-XX" and got["Gestern"].anchor is None
    assert got["5. Mai 2017"].value == "2017-05-05"  # absolute dates need no anchor
    assert got["Februar"].value.startswith(("XXXX", "2017"))
    assert got["Dienstag"].value == "XXXX-WXX-2"


def test_reresolution_is_cheap_and_consistent() -> None:
    ex = extract(TEXT_000)
    first = ex.resolve(date(2018, 1, 10))
    second = ex.resolve(date(2019, 1, 10))
    assert [t.span for t in first] == [t.span for t in second]
    assert {t.value for t in second} >= {"2019-02", "P2Y"}
    assert ex.resolve(date(2018, 1, 10)) == first  # deterministic


def test_english_rules() -> None:
    text = "On Monday, January 8, 2018, officials said talks would resume next week. Two years ago it was worse."
    got = {text[t.span.start : t.span.end]: t.value for t in tag(text, date(2018, 1, 10), lang="en")}
    assert got["Monday, January 8, 2018"] == "2018-01-08"
    assert got["next week"] == "2018-W03"
    assert got["Two years ago"] == "2016"


def test_english_reported_future_and_sets() -> None:
    def got(text: str) -> dict[str, tuple[str, str]]:
        return {text[t.span.start : t.span.end]: (t.type, t.value) for t in tag(text, date(2018, 3, 9), lang="en")}

    # "said … would": a plan reported in the past lies ahead (was May 2017)
    assert got("Trump said he would meet Kim by the end of May.")["the end of May"] == ("DATE", "2018-05")
    assert got("He said the talks ended in May.")["May"] == ("DATE", "2017-05")
    # sets at the start of a sentence and every n units (were a date and a duration)
    assert got("Every Monday the committee meets.") == {"Every Monday": ("SET", "XXXX-WXX-1")}
    assert got("It meets every two weeks.") == {"every two weeks": ("SET", "P2W")}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(
    ["am", "Montag", "31.", "Februar", "2018", "um", "15", "Uhr", "seit", "zwei", "Jahren", "Ende", "Mai",
     "gestern", "45", "Prozent", ",", ".", "\n", "vergangenen", "Woche", "1.9.39", "bis", "x", "0001"]),
    max_size=30))
def test_never_crashes_and_spans_stay_inside(words: list[str]) -> None:
    text = " ".join(words)
    for anchor in (None, date(2018, 1, 10), date(1, 1, 1)):
        for tm in tag(text, anchor):
            assert 0 <= tm.span.start < tm.span.end <= len(text)
            assert tm.type in ("DATE", "TIME", "DURATION", "SET") and tm.value


def test_trigger_windows_change_nothing_but_speed() -> None:
    from storyline.nlp.time.de.rules import RULES
    from storyline.nlp.time.de.triggers import NEEDS, token_classes
    from storyline.nlp.time.tagger import _matches, _select

    assert {r.name for r in RULES} <= set(NEEDS)
    text = TEXT_000 + "\n\n" + TEXT_001 + " Am gestrigen Sonntag um 20.30 Uhr, vom 3. bis 5. Juni 2019, seit Jahren, "
    text += "im Vorjahr, jährlich, zu Ostern 2016, im 19. Jahrhundert, 480 v. Chr., Ende der 80er Jahre, ehemalige."
    fast = [(e.start, e.end, e.kind) for e in _select(_matches(text, RULES, token_classes, NEEDS))]
    full = [(e.start, e.end, e.kind) for e in _select(_matches(text, RULES, None, NEEDS))]
    assert fast == full and len(fast) > 20


def test_spacy_component() -> None:
    import spacy

    import storyline.nlp.time.component  # noqa: F401  (registers the factory)

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("storyline_time", config={"lang": "de", "mode": "news"})
    doc = nlp.make_doc(TEXT_000)
    doc.user_data["storyline.anchor"] = date(2018, 1, 10)
    doc = nlp(doc)
    assert [s.text for s in doc.spans["timex"]] == ["Mittwoch", "Dienstag", "zwei Jahren", "Februar"]
    assert [t.value for t in doc.user_data["storyline.times"]] == ["2018-01-10", "2018-01-09", "P2Y", "2018-02"]
