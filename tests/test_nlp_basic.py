"""Language identification, paragraph structure and ids: behaviour users rely on, plus invariants."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ids import article_id, normalise_text
from storyline.model import Article, Document
from storyline.nlp.language import LanguageStage
from storyline.nlp.structure import StructureStage, split_blocks
from storyline.settings import Settings

S = Settings()


def _lang(text: str, **kw) -> str | None:
    stage = LanguageStage(Settings(kw) if kw else S)
    return stage(Document(Article(id="x", text=text))).article.language


def test_language_identification():
    assert _lang("Die Bundesregierung hat am Mittwoch neue Maßnahmen beschlossen.") == "de"
    assert _lang("The government announced new measures on Wednesday.") == "en"
    assert _lang("Le gouvernement a annoncé de nouvelles mesures mercredi.") == "fr"
    assert _lang("12 345 !!") == "und"
    assert _lang("12 345 !!", **{"ingest.default_language": "de"}) == "de"


def test_german_headlines_full_of_english_names_are_german():
    """Lingua alone called these front-page headlines English, Danish or Dutch, and the articles got
    no German entities; German function words overrule it, English and Danish text stays as it is."""
    from storyline.nlp.language import german_evidence

    for text in ("Littler lockt Kane und Karl zu Manchester United",
                 "Interview mit dem Hacker Andrew „bunnie“ Huang über Open Source Silicon",
                 "Magdeburg und Berlin weiter im Rennen um Handball-Pokal",
                 "Emma und Noah sind im Norden die beliebtesten Vornamen"):
        assert german_evidence(text) and _lang(text) == "de", text
    for text in ("Politics: Trump Is Suddenly Looking a Lot Smaller. The president is no longer dominating his party",
                 "Kamala Harris über Biden: Democrats Are Still Debating Joe Biden's Decision to Run",
                 "Der er mange mennesker i byen, og de venter på toget til København"):
        assert not german_evidence(text), text
    assert _lang("Politics: Trump Is Suddenly Looking a Lot Smaller. The president is no longer dominating his party") == "en"
    assert _lang("Der er mange mennesker i byen, og de venter på toget til København") == "da"
    assert not german_evidence("") and _lang("Littler und Kane", **{"language.candidates": ["en", "fr"]}) != "de"


def test_language_batch_equals_single_and_keeps_given_language():
    stage = LanguageStage(S)
    texts = ["Kurze Meldung aus Berlin", "Short news from London", "Merkel trifft Macron", "Brexit vote delayed again"]
    docs = [Document(Article(id=str(i), text=t)) for i, t in enumerate(texts)]
    docs.append(Document(Article(id="given", text="Ein deutscher Satz.", language="en")))
    batch = [d.article.language for d in stage.pipe(docs)]
    single = [_lang(t) for t in texts]
    assert batch[:4] == single and batch[4] == "en"


def test_structure_headings_and_paragraphs():
    text = "Erster Absatz mit einem Satz.\n\nZwischentitel\n\nZweiter Absatz.\nMit zweiter Zeile.\n\nKurz"
    doc = StructureStage(S)(Document(Article(id="x", text=text)))
    got = [(p.span.text(text), p.heading) for p in doc.paragraphs]
    assert got == [
        ("Erster Absatz mit einem Satz.", False),
        ("Zwischentitel", True),
        ("Zweiter Absatz.\nMit zweiter Zeile.", False),
        ("Kurz", False),  # the last block is never a heading
    ]


@given(st.text(alphabet=st.sampled_from(list("ab .\n\t\u00a0")), max_size=200))
@settings(max_examples=300, deadline=None)
def test_blocks_are_trimmed_ordered_and_inside(text: str):
    spans = split_blocks(text)
    last = 0
    for s in spans:
        chunk = s.text(text)
        assert chunk and chunk == chunk.strip() and s.start >= last
        last = s.end
    covered = {i for s in spans for i in range(s.start, s.end)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())  # nothing lost


@given(st.text(max_size=100))
@settings(max_examples=300, deadline=None)
def test_text_ids_ignore_whitespace_and_invisibles(text: str):
    spaced = "  " + text.replace(" ", " \u200b ") + "\n"
    assert normalise_text(text) == normalise_text(spaced)
    assert article_id(None, text) == article_id(None, spaced)


def test_other_languages_split_sentences_with_the_multilingual_tokenizer():
    # only the annotated languages load their own (sometimes slow) spaCy tokenizer; a French article
    # is still split into sentences, with offsets into its text
    from storyline.nlp.sentences import SentencesStage, blank

    assert blank("de").lang == "de" and blank("en").lang == "en"
    assert blank("fr").lang == "xx" and blank("zz").lang == "xx"
    text = "Le gouvernement a annoncé de nouvelles mesures. L'opposition critique le projet."
    doc = SentencesStage(Settings({}))(Document(Article(id="a", text=text, language="fr")))
    assert [text[s.start : s.end] for s in doc.sentences] == [
        "Le gouvernement a annoncé de nouvelles mesures.",
        "L'opposition critique le projet.",
    ]
