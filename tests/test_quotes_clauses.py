"""Quote rules added for German clause structure: Konjunktiv complements of any verb, a cue in a
second clause, "nach" as a postposition, "wonach", quoted fragments inside reported speech."""

from __future__ import annotations

from conftest import german_quotes as run
from conftest import span_texts as texts


def test_konjunktiv_clause_after_any_verb_is_indirect_speech() -> None:
    text = "Das Wetter war schlecht. Die Schweiz begründete ihren Rückzug damit, dass ein dritter Kandidat keine Chance habe."
    quotes = run(text)
    assert len(quotes) == 1
    assert texts(text, quotes[0].speaker) == ["Die Schweiz"]
    assert texts(text, quotes[0].message)[0].startswith("dass ein dritter Kandidat")


def test_fronted_subordinate_clause_is_not_a_frame() -> None:
    text = "Das Wetter war schlecht. Da ihre Mandantin Angst hatte, habe der Anwalt die Sache verzögert."
    assert all(texts(text, q.speaker) != ["Mandantin Angst"] for q in run(text))


def test_cue_in_second_clause_takes_that_clause_subject() -> None:
    text = (
        "Der Rat stufte das Gesetz als verfassungswidrig ein, und das Kinderhilfswerk UNICEF rief "
        "Russland auf, das Verbot nicht durchzusetzen."
    )
    quotes = run(text)
    assert quotes and texts(text, quotes[0].speaker) == ["das Kinderhilfswerk UNICEF"]


def test_relative_clause_ending_in_cue() -> None:
    text = "Es kursiert eine Argumentation, die davon ausgeht, Clinton solle nicht kandidieren."
    quotes = run(text)
    assert quotes and texts(text, quotes[0].speaker) == ["die"]


def test_nach_as_postposition() -> None:
    text = "Der Streit geht weiter. Seiner Meinung nach hätte die Aufsicht von einer Landung abraten müssen."
    quotes = run(text)
    assert quotes and texts(text, quotes[0].speaker) == ["Seiner Meinung"]
    assert "hätte die Aufsicht" in texts(text, quotes[0].message)[-1]


def test_wonach_names_its_source() -> None:
    text = "Für das Jahr 2002 gibt es eine Schätzung, wonach in diesem Jahr viele Kinder ermordet wurden."
    quotes = run(text)
    assert quotes and texts(text, quotes[0].speaker) == ["eine Schätzung"]
    assert texts(text, quotes[0].message) == ["in diesem Jahr viele Kinder ermordet wurden"]


def test_quoted_fragment_inside_reported_speech() -> None:
    text = "Das Außenministerium erklärte, ein solcher Dialog sei eine „innere Angelegenheit“ Chinas."
    quotes = run(text)
    kinds = sorted(q.kind for q in quotes)
    assert kinds == ["direct", "indirect"]
    direct = next(q for q in quotes if q.kind == "direct")
    assert texts(text, direct.speaker) == ["Das Außenministerium"]
