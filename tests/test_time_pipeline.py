"""The time, timeline and dating stages through the real pipeline, and the dev-split quality floors."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from storyline.model import Article, Document
from storyline.nlp.dating import DatingStage, estimate, set_published
from storyline.nlp.time.component import reanchor
from storyline.pipeline import Pipeline, lookup
from storyline.settings import Settings

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
EXAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "examples"
TEXT = (
    "Regierungsvertreter in Seoul teilten mit, das Treffen solle bis Ende Mai stattfinden.\n\n"
    "Am Dienstag hatten sich die beiden Länder auf Maßnahmen geeinigt. Die Spannungen hatten sich 2017 "
    "verschärft, nachdem Nordkorea Anfang September eine Atombombe getestet hatte.\n\n"
    "Die Denuklearisierung sei ein grundlegendes Ziel, sagte Moon am Mittwoch."
)


STAGES = ["structure", "sentences", "dating", "time", "timeline"]


def run(text: str, published: datetime | None) -> Document:
    """The real stages in pipeline order (language is given, so the identifier is not needed)."""
    settings = Settings()
    doc = Document(Article(id="a1", text=text, language="de", published=published))
    for name in STAGES:
        stage = lookup(name).factory(settings)
        doc = stage(doc)
        doc.stages[stage.name] = stage.version
    return doc


def test_stages_validate_in_a_pipeline() -> None:
    stages = [lookup(n).factory(Settings()) for n in ["language", *STAGES]]
    assert Pipeline(stages).names == ["language", *STAGES]
    assert {"times", "timeline"} <= Pipeline(stages).assigns


def test_pipeline_fills_times_spacy_spans_and_timeline() -> None:
    doc = run(TEXT, datetime(2018, 3, 8))
    values = {doc.text[t.span.start : t.span.end]: t.value for t in doc.times}
    assert values["Ende Mai"] == "2018-05" and values["Anfang September"] == "2017-09"
    sdoc = doc.extras["spacy"]
    assert [s.text for s in sdoc.spans["timex"]] == [doc.text[t.span.start : t.span.end] for t in doc.times]
    kinds = {e.date: e.kind for e in doc.timeline}
    assert kinds["2018-05"] == "planned"
    assert kinds["2018-03-06"] == "happened"  # "Am Dienstag hatten ..." before Thursday 8 March
    assert kinds["2018-03-07"] == "said"
    assert kinds["2017-09"] == "happened"
    dates = [e.date for e in doc.timeline]
    assert dates.index("2017") < dates.index("2017-09") < dates.index("2018-05")


def test_reanchor_rebuilds_times_and_timeline() -> None:
    doc = run(TEXT, datetime(2018, 3, 8))
    reanchor(doc, datetime(2019, 3, 8))
    assert "2019-05" in {t.value for t in doc.times}
    assert "2019-05" in {e.date for e in doc.timeline}


def test_user_supplied_date_wins_and_reresolves() -> None:
    doc = run(TEXT, None)
    set_published(doc, datetime(2018, 3, 8))
    assert doc.article.published_estimated is False
    assert "2018-05" in {t.value for t in doc.times}


def test_dating_uses_content_and_keeps_evidence() -> None:
    est = estimate("Am Freitag, dem 3. Dezember 2004, dementierte die Behörde. Am Donnerstag hatte die Zeitung berichtet.")
    assert est is not None and est.value.year == 2004
    assert 0 <= (est.value - datetime(2004, 12, 3)).days <= 4
    assert est.evidence and 0 < est.confidence <= 1
    # a weekday pins the year of a date given without one
    est2 = estimate("Der Vertrag wurde 2018 verlängert. Am Mittwoch, dem 10. Januar, sprach Moon.")
    assert est2 is not None and est2.value.date().isoformat().startswith("2018-01-1")


def test_dating_without_evidence_leaves_date_empty_and_rejects_absurd_source_dates() -> None:
    doc = Document(Article(id="x", text="Es regnet.", language="de", published=datetime(1, 1, 1)))
    DatingStage(None)(doc)
    assert doc.article.published is None and doc.article.date_estimate is None
    assert doc.article.meta["published_rejected"].startswith("0001-01-01")
    dated = Document(Article(id="y", text="Am 5. Mai 2017.", language="de", published=datetime(2020, 1, 1)))
    DatingStage(None)(dated)
    assert dated.article.published == datetime(2020, 1, 1) and not dated.article.published_estimated


def test_absurd_publication_date_gives_unanchored_values() -> None:
    doc = run("Gestern kam er. Am 5. Mai 2017 ging er.", datetime(1, 1, 1))
    values = {doc.text[t.span.start : t.span.end]: (t.value, t.anchor) for t in doc.times}
    assert values["5. Mai 2017"][0] == "2017-05-05"
    # the dating stage replaced the absurd date by an estimate from the content, marked as such
    assert doc.article.published_estimated is True
    assert values["Gestern"][1] == doc.article.published.date().isoformat()


def test_weak_estimate_does_not_anchor_days() -> None:
    doc = run("Die Spannungen hatten sich 2017 verschärft. Gestern sagte er, im April komme es zum Treffen.", None)
    est = doc.article.date_estimate
    assert doc.article.published_estimated and est is not None and est.confidence < 0.3
    values = {doc.text[t.span.start : t.span.end]: t for t in doc.times}
    assert values["Gestern"].value == "XXXX-XX-XX" and values["Gestern"].anchor is None
    assert values["2017"].value == "2017"


def test_ago_durations_land_on_the_timeline() -> None:
    # KRAUTS annotates "vor zwei Wochen" as a DURATION; the timeline still needs its date
    text = "Vor zwei Wochen hatte der Minister das gesagt. Vor drei Jahren begann die Debatte. Seit zwei Jahren wird gestritten."
    doc = run(text, datetime(2024, 11, 14))
    got = {(e.date, e.granularity) for e in doc.timeline}
    assert got == {("2024-W44", "week"), ("2021", "year")}  # "seit" is a duration, not a date


def test_an_intention_without_a_cue_is_planned_not_said() -> None:
    settings = Settings()
    text = "Die Bundesregierung will das Gesetz bis Ende des Jahres verabschieden."
    doc = Document(Article(id="a2", text=text, language="de", published=datetime(2024, 11, 14)))
    for name in ("structure", "sentences", "time", "quotes", "timeline"):
        doc = lookup(name).factory(settings)(doc)
    assert [q.kind for q in doc.quotes] == ["reported"]
    assert [(e.date, e.kind) for e in doc.timeline] == [("2024", "planned")]


def test_ago_dates_with_absurd_anchors_or_huge_durations_are_left_out() -> None:
    from storyline.model import Span, TimeMention
    from storyline.nlp.timeline import ago_value

    text = "vor X"
    assert ago_value(TimeMention(Span(4, 5), "DURATION", "P5Y", anchor="0003-01-01"), text) is None
    assert ago_value(TimeMention(Span(4, 5), "DURATION", "P999Y", anchor="0500-06-01"), text) is None
    assert ago_value(TimeMention(Span(4, 5), "DURATION", "P2W", anchor="kaputt"), text) is None
    assert ago_value(TimeMention(Span(4, 5), "DURATION", "PXY", anchor="2024-11-14"), text) is None
    assert ago_value(TimeMention(Span(4, 5), "DURATION", "P2W", anchor="2024-11-14"), "seit X") is None


def test_zuvor_in_the_pluperfect_lands_just_before_the_day_it_follows() -> None:
    """The examples README's timeline: "Donald Trump hatte zuvor … telefoniert" after the White House
    statement "am Mittwoch" (10 Jan), "Kurz zuvor hatte … Chung … verkündet" on the publication day."""
    text = (
        "Kurz zuvor hatte Chung in Washington verkündet, dass Trump zusage. "
        "Das Weiße Haus teilte am Mittwoch mit, Trump sei offen. Trump hatte zuvor mit Moon telefoniert. "
        "So wenig Blitze wie nie zuvor hatte es gegeben. Zuvor wird noch gewählt."
    )
    doc = run(text, datetime(2018, 1, 11))
    got = [(e.date, e.mod, doc.text[e.span.start : e.span.end][:12]) for e in doc.timeline]
    assert ("2018-01-11", "BEFORE", "Kurz zuvor h") in got  # the publication day: the news of the day
    assert ("2018-01-10", "BEFORE", "Trump hatte ") in got  # after "am Mittwoch"
    assert not [g for g in got if g[2].startswith(("So wenig", "Zuvor wird"))]  # "nie zuvor"; no pluperfect
    guessed = run(text, None)  # a publication day estimated from the content anchors nothing
    assert not [e for e in guessed.timeline if e.mod == "BEFORE" and e.span.start == 0]


def test_zuvor_with_odd_texts_and_dates_never_breaks_the_timeline() -> None:
    from storyline.nlp.timeline import timeline_key

    for text, when, before in [
        ("zuvor", datetime(2018, 1, 11), 0),  # no pluperfect
        ("Zuvor hatte er gesiegt.", datetime(1, 1, 1), 0),  # an absurd date is no publication date
        ("Zuvor hatte er gesiegt.", datetime(9999, 12, 31), 0),
        ("Er hatte zuvor gewonnen. " * 400, datetime(1990, 5, 5), 400),
        ("Sie hatte\u2060 zuvor\u200b geschrieben.", None, 0),  # no publication day to anchor it
    ]:
        doc = run(text, when)
        dated = [e for e in doc.timeline if e.mod == "BEFORE"]
        assert len(dated) == before, text[:30]
        for e in doc.timeline:
            assert 0 <= e.span.start < e.span.end <= len(doc.text)
            timeline_key(e)  # sortable, whatever the year


def test_a_night_and_the_day_it_leads_to_place_a_statement_once() -> None:
    """ "in der Nacht zu Samstag" is two expressions (the night, dated the Friday, and "Samstag"); the
    Venezuela story's timeline had each such sentence twice, on the 2nd and on the 3rd."""
    doc = run("US-Truppen haben in der Nacht auf Samstag Caracas angegriffen. Am Samstag sprach Trump.",
              datetime(2026, 1, 3, 8))
    assert [m.value for m in doc.times] == ["2026-01-02TNI", "2026-01-03", "2026-01-03"]
    assert [(e.date, e.span.text(doc.text)[:10]) for e in doc.timeline] == [
        ("2026-01-02TNI", "US-Truppen"), ("2026-01-03", "Am Samstag")]
    # a night and a weekday apart in the sentence are two statements' worth: both stay
    doc = run("In der Nacht fiel Schnee, und am Samstag kam Tauwetter.", datetime(2026, 1, 3, 8))
    assert len({e.date for e in doc.timeline}) == len({m.value for m in doc.times})


def test_nights_and_weekdays_in_odd_places() -> None:
    for text in ("Nacht zu Samstag", "In der Nacht auf Sonntag und in der Nacht zum Montag.", "Nacht. Samstag.",
                 "Die Nacht zu Samstag " * 200):
        doc = run(text, datetime(2026, 1, 3, 8))
        assert all(0 <= e.span.start <= e.span.end <= len(doc.text) for e in doc.timeline)
    assert {e.date for e in run("In der Nacht auf Sonntag und in der Nacht zum Montag.", datetime(2026, 1, 3, 8)).timeline} \
        == {"2026-01-03TNI", "2026-01-04TNI"}
