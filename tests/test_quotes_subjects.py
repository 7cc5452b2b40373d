"""Quote rules for who a clause is about: a fronted adverbial clause or a subject with its relative
clause is not the message of "…, sagte X"; an indicative main clause with a Konjunktiv complement
reports its own subject; a subject opening with an article frames a Konjunktiv clause; appositions
may carry a prepositional attribute."""

from __future__ import annotations

from conftest import german_quotes as run
from conftest import span_texts as texts


def test_fronted_adverbial_clause_is_not_a_message() -> None:
    text = "Das Wetter war schlecht. Nachdem es bei der ersten Runde zu Unruhen gekommen war, forderten beide eine Verlängerung."
    for q in run(text):
        assert not any(m.startswith("Nachdem es bei") for m in texts(text, q.message))


def test_fronted_clause_chain_can_still_be_a_message() -> None:
    text = (
        "Das Wetter war schlecht. Als die Kämpfer die Stadt einnahmen, töteten sie mehrere hundert "
        "Zivilisten, berichteten die Vereinten Nationen."
    )
    quotes = run(text)
    assert any(texts(text, q.speaker) == ["die Vereinten Nationen"] for q in quotes)


def test_subject_with_relative_clause_is_not_a_message() -> None:
    text = (
        "Das Wetter war schlecht. Ulla Jelpke, die erst vor einem Monat für Schlagzeilen gesorgt hatte, "
        "kritisierte beispielsweise die Entscheidung der Fraktionsspitze."
    )
    for q in run(text):
        assert not any(m.startswith("Ulla Jelpke") for m in texts(text, q.message))


def test_indicative_main_clause_reports_its_own_subject() -> None:
    text = (
        "Der Minister sagte, die Lage sei ernst. Ein Augenzeuge erzählte der Nachrichtenagentur Reuters, "
        "die Anhänger seien mit Stöcken bewaffnet gewesen."
    )
    quotes = run(text)
    assert len(quotes) == 2
    assert texts(text, quotes[1].speaker) == ["Ein Augenzeuge"]


def test_konjunktiv_main_clause_stays_a_continuation() -> None:
    text = "Der Minister sagte, die Lage sei ernst. Sein Programm diene ausschließlich der Forschung, die das Land brauche."
    quotes = run(text)
    assert texts(text, quotes[-1].speaker) == ["Der Minister"]


def test_article_subject_frames_a_konjunktiv_clause() -> None:
    text = (
        "Das Wetter war schlecht. Die Politiker begründen ihre Vorbehalte damit, dass ihre "
        "Berufstätigkeit geschützt werden müsse."
    )
    quotes = run(text)
    assert len(quotes) == 1
    assert texts(text, quotes[0].speaker) == ["Die Politiker"]
    assert texts(text, quotes[0].message)[0].startswith("dass ihre Berufstätigkeit")


def test_apposition_with_prepositional_attribute() -> None:
    text = (
        "Das Wetter war schlecht. Die Zahl der Fälle steige, so Ursula Castrup, die Leiterin der "
        "Fachstelle für Suchtvorbeugung."
    )
    quotes = run(text)
    assert texts(text, quotes[0].speaker) == [
        "Ursula Castrup, die Leiterin der Fachstelle für Suchtvorbeugung"
    ]
