"""Speakers from the sentence before a quote, and passive cues whose subject is not the speaker."""

from __future__ import annotations

from storyline.model import Article, Document, Quote, Span
from storyline.nlp.quotes.extract import Extractor, Options
from storyline.pipeline import lookup
from storyline.settings import Settings


def run(text: str, options: Options | None = None) -> list[Quote]:
    s = Settings()
    doc = Document(Article(id="t", text=text, language="de"))
    doc = lookup("structure").factory(s)(doc)
    doc = lookup("sentences").factory(s)(doc)
    stage = lookup("quotes").factory(s)
    if options is not None:
        stage.extractor = Extractor(options)
    return list(stage(doc).quotes)


def texts(text: str, spans: tuple[Span, ...]) -> list[str]:
    return [s.text(text) for s in spans]


def quote_with(text: str, quotes: list[Quote], words: str) -> Quote:
    return next(q for q in quotes if any(words in m.text(text) for m in q.message))


def test_speaking_subject_of_the_sentence_before_carries_the_konjunktiv() -> None:
    text = (
        "Der Bürgermeister sagte, die Brücke sei sicher. Die Feuerwehr hingegen sprach von einem "
        "schweren Schaden an den Pfeilern. Die Brücke müsse deshalb sofort gesperrt werden."
    )
    quotes = run(text)
    q = quote_with(text, quotes, "sofort gesperrt")
    assert texts(text, q.speaker) == ["Die Feuerwehr"]
    # without the rule the older speaker goes on
    old = quote_with(text, run(text, Options(speech_subject=False)), "sofort gesperrt")
    assert texts(text, old.speaker) == ["Der Bürgermeister"]


def test_speaking_subject_can_start_a_continuation() -> None:
    text = (
        "Im Hafen liegen seit Tagen drei Schiffe fest. Die Reederei bestreitet jede Verantwortung. "
        "Der Streik der Lotsen sei schuld an der Verspätung."
    )
    q = quote_with(text, run(text), "Streik der Lotsen")
    assert texts(text, q.speaker) == ["Die Reederei"]
    assert not any("Streik" in m.text(text) for q in run(text, Options(speech_subject=False)) for m in q.message)


def test_sentence_without_a_verb_of_saying_gives_no_speaker() -> None:
    text = (
        "Im Hafen liegen seit Tagen drei Schiffe fest. Die Reederei repariert die Kräne der Werft. "
        "Eine Einigung sei vor dem Wochenende nicht zu erwarten."
    )
    assert not any("Einigung" in m.text(text) for q in run(text) for m in q.message)


def test_sentence_with_a_quote_of_its_own_is_not_taken_again() -> None:
    text = (
        "Der Trainer lobte die Mannschaft. Der Kapitän hingegen sprach von einem „glücklichen Sieg“. "
        "Die Abwehr habe zu viele Fehler gemacht."
    )
    for q in run(text):
        if any("Abwehr" in m.text(text) for m in q.message):
            assert texts(text, q.speaker) != ["Der Trainer"]


def test_standalone_quote_after_a_speaking_sentence() -> None:
    text = (
        "Die Gemeinde hat den Antrag abgelehnt. Die Bürgerinitiative hingegen kritisierte den "
        "Beschluss scharf.\n\n„Wir werden vor Gericht ziehen, wenn es sein muss.“"
    )
    q = quote_with(text, run(text), "vor Gericht ziehen")
    assert q.kind == "direct"
    assert texts(text, q.speaker) == ["Die Bürgerinitiative"]
    old = quote_with(text, run(text, Options(speech_subject=False)), "vor Gericht ziehen")
    assert texts(text, old.speaker) != ["Die Bürgerinitiative"]


def test_passive_cue_has_no_speaker() -> None:
    text = "Der Fahrer wurde aufgefordert, das Fahrzeug sofort zu verlassen."
    quotes = run(text)
    assert quotes, "the message is still found"
    assert all(not q.speaker for q in quotes)
    old = run(text, Options(passive_frames=False))
    assert any(texts(text, q.speaker) == ["Der Fahrer"] for q in old)


def test_passive_cue_with_dative_subject_has_no_speaker() -> None:
    text = "Dem Unternehmen wird vorgeworfen, die Abwässer ungeklärt in den Fluss geleitet zu haben."
    quotes = run(text)
    assert quotes
    assert all(not q.speaker for q in quotes)
    assert any(q.speaker for q in run(text, Options(passive_frames=False)))


def test_active_perfect_keeps_its_speaker() -> None:
    text = "Die Gewerkschaft hat gefordert, die Löhne um fünf Prozent zu erhöhen."
    quotes = run(text)
    assert any(texts(text, q.speaker) == ["Die Gewerkschaft"] for q in quotes)


def test_prepositional_cue_is_not_taken_for_a_participle() -> None:
    text = "Die Anlage wird gemäß der Betreiberfirma im nächsten Jahr wieder in Betrieb genommen."
    for q in run(text):
        if q.speaker:
            assert "Betreiberfirma" in q.speaker[0].text(text)
