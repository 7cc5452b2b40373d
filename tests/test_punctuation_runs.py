"""Sentences and tokens on awkward punctuation.

Long runs of punctuation (a page of "„" or "!?!?", junk that scrapers produce): spaCy's tokenizer is
quadratic in them and the accurate tagger would spend windows on them. The text every stage keeps is
unchanged; only what the tokenizer and the tagger read is thinned, with offsets kept. And an opening
quotation mark belongs to the sentence it opens, not to the one before."""

from __future__ import annotations

from conftest import german_quotes

from storyline.model import Article, Document
from storyline.nlp.ner.tagger import normalise
from storyline.nlp.sentences import blank, tokenizer_safe
from storyline.pipeline import lookup
from storyline.settings import Settings


def test_tokenizer_safe_keeps_length_and_ends_of_the_run() -> None:
    text = "Er sagte: " + "„" * 5000 + " Ende. Kurz: !!"
    safe = tokenizer_safe(text)
    assert len(safe) == len(text)
    assert safe.endswith(" Ende. Kurz: !!")  # short runs stay as they are
    assert safe[10] == "„" and safe[10 + 4999] == "„" and set(safe[11 : 10 + 4999]) == {"-"}
    assert tokenizer_safe("Ganz normaler Text.") == "Ganz normaler Text."


def test_a_run_is_a_few_tokens_not_thousands() -> None:
    text = "Hallo " + "!?" * 1000 + " Welt."
    assert len(blank("de")(text)) > 2000  # what the tokenizer makes of it, one token per character
    assert len(blank("de")(tokenizer_safe(text))) < 10


def test_tagger_input_drops_the_inside_of_runs_and_maps_back() -> None:
    text = "Merkel " + "$%&" * 100 + " Paris"
    norm, mapping = normalise(text)
    assert mapping is not None and len(norm) < 20
    start = norm.index("Paris")
    assert text[mapping[start] : mapping[start + 4] + 1] == "Paris"


def test_pipeline_on_a_page_of_quotation_marks() -> None:
    text = "Der Minister sagte: " + "„" * 20000 + " Das Ende kam am Montag in Berlin."
    settings = Settings()
    doc = Document(Article(id="p", text=text, language="de"))
    for name in ("structure", "sentences", "ner", "entities", "time", "quotes"):
        doc = lookup(name).factory(settings)(doc)
    assert doc.text == text
    assert all(0 <= s.start < s.end <= len(text) for s in doc.sentences)
    assert any(text[m.span.start : m.span.end] == "Berlin" for m in doc.mentions)
    assert all(q.message[0].end <= len(text) for q in german_quotes(text))


def test_opening_quotation_mark_starts_the_next_sentence() -> None:
    settings = Settings()
    for lang, text, second in [
        ("en", 'Merkel urged calm. "We need a government," Merkel said.', '"We need a government," Merkel said.'),
        ("de", "Merkel mahnte zur Ruhe. „Wir brauchen eine Regierung“, sagte sie.", "„Wir brauchen eine Regierung“, sagte sie."),
    ]:
        doc = Document(Article(id="s", text=text, language=lang))
        for name in ("structure", "sentences"):
            doc = lookup(name).factory(settings)(doc)
        assert [s.text(text) for s in doc.sentences][1] == second
    text = 'Er rief "Hilfe". Dann ging er.'  # a closing mark stays where it is
    doc = Document(Article(id="s", text=text, language="de"))
    for name in ("structure", "sentences"):
        doc = lookup(name).factory(settings)(doc)
    assert [s.text(text) for s in doc.sentences] == ['Er rief "Hilfe".', "Dann ging er."]


def test_long_hyphenated_run_does_not_hang_the_interview_rule() -> None:
    # the interview label pattern once nested unbounded quantifiers over the same characters: 200
    # "Wort-" took 15 s and 2,000 would take days; now each word run is possessive
    text = "Wort-" * 2000 + "Ende: Antwort. Kelly: Ja. Kelly: Nein."
    quotes = german_quotes(text)
    assert all(q.message[0].end <= len(text) for q in quotes)
