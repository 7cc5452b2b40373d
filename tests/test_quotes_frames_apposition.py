"""Cue frames around appositions and verb-final particles (session 5 rules, found on the train split)."""

from __future__ import annotations

from storyline.model import Article, Document, Quote
from storyline.pipeline import lookup
from storyline.settings import Settings


def run(text: str) -> list[Quote]:
    s = Settings()
    doc = Document(Article(id="t", text=text, language="de"))
    for name in ("structure", "sentences", "quotes"):
        doc = lookup(name).factory(s)(doc)
    return list(doc.quotes)


def only(text: str) -> tuple[str, list[str], list[str]]:
    quotes = run(text)
    assert len(quotes) == 1, [(q.kind, [m.text(text) for m in q.message]) for q in quotes]
    q = quotes[0]
    return " ".join(m.text(text) for m in q.message), [s.text(text) for s in q.speaker], [c.text(text) for c in q.cue]


def test_separated_particle_after_an_apposition_in_commas() -> None:
    text = (
        "Jetzt gab der Leiter der Kriminaldienststelle, Andreas Huber, bekannt, dass sich das Handy "
        "ins italienische Netz eingeloggt hatte."
    )
    message, speaker, cue = only(text)
    assert message == "dass sich das Handy ins italienische Netz eingeloggt hatte"
    assert speaker == ["der Leiter der Kriminaldienststelle, Andreas Huber"]
    assert cue == ["gab", "bekannt"]


def test_particle_is_not_taken_across_a_relative_clause() -> None:
    # the comma opens a relative clause, not an apposition: "an" there is not the particle of "gab"
    text = "Der Minister gab das Geld, das er gesammelt hatte, an die Stiftung weiter und schwieg."
    assert run(text) == []


def test_verb_final_particle_written_apart() -> None:
    text = "Wie der Hersteller Adidas am Morgen bekannt gab, wird er den Konkurrenten Reebok übernehmen."
    message, speaker, cue = only(text)
    assert message == "wird er den Konkurrenten Reebok übernehmen"
    assert speaker == ["der Hersteller Adidas"]
    assert "bekannt gab" in cue


def test_inverted_subject_with_apposition_before_a_colon() -> None:
    text = (
        "Am Montag sagte Honoré Durand, der Geschäftsführer des Unternehmens: „Ich wurde alarmiert, "
        "aber als ich ankam, hatten sie das Geschäft schon ausgeräumt.“"
    )
    quotes = run(text)
    assert [q.kind for q in quotes] == ["direct"]  # no indirect quote made of the apposition
    assert [s.text(text) for s in quotes[0].speaker] == ["Honoré Durand, der Geschäftsführer des Unternehmens"]


def test_named_speaker_before_the_quote_wins_over_a_pronoun_after_it() -> None:
    text = (
        "Halima Jouini, Vorstandsmitglied der Menschenrechtsliga, sagte dazu gegenüber der ARD: „Frauen "
        "haben sich gegen den Diktator gestellt, und nun wollen sie ihre Rechte schützen,“ betont sie."
    )
    quotes = run(text)
    assert [q.kind for q in quotes] == ["direct"]
    assert [s.text(text) for s in quotes[0].speaker] == ["Halima Jouini, Vorstandsmitglied der Menschenrechtsliga"]


def test_reported_speech_takes_the_subject_after_a_fronted_object() -> None:
    text = "Den entstandenen Schaden schätzt die Polizei auf rund 250.000 Euro."
    quotes = run(text)
    assert [(q.kind, [s.text(text) for s in q.speaker]) for q in quotes] == [("reported", ["die Polizei"])]


def test_a_dative_or_an_object_is_never_the_speaker_of_reported_speech() -> None:
    assert run("Im Falle einer Verurteilung droht dem 66-Jährigen die Todesstrafe.") == []
    text = "Er will die Quelltexte unter einer freien Lizenz veröffentlichen."
    assert all("die Quelltexte" not in [s.text(text) for s in q.speaker] for q in run(text))


def test_short_quoted_label_after_a_verb_of_judging_is_the_subjects_words() -> None:
    text = "Australiens Ministerpräsidentin Julia Gillard bezeichnete das Unglück als „große Tragödie“."
    quotes = run(text)
    assert [(q.kind, [m.text(text) for m in q.message], [s.text(text) for s in q.speaker]) for q in quotes] == [
        ("direct", ["„große Tragödie“"], ["Australiens Ministerpräsidentin Julia Gillard"])
    ]
    # a quoted name is still no quote
    assert run("Die Agentur „Associated Press“ meldete den Unfall am Abend.") == []
