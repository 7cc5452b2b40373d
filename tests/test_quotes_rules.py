"""Quote rules on small texts: shapes of frames, quotation styles, English, mentions, bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import Article, Document, Mention, Quote, Span
from storyline.nlp.quotes.direct import find_quoted
from storyline.pipeline import lookup
from storyline.settings import Settings


def run(text: str, language: str = "de", mentions: list[Mention] | None = None) -> tuple[str, list[Quote]]:
    s = Settings()
    doc = Document(Article(id="t", text=text, language=language))
    doc = lookup("structure").factory(s)(doc)
    doc = lookup("sentences").factory(s)(doc)
    doc.mentions = mentions or []
    doc = lookup("quotes").factory(s)(doc)
    return text, doc.quotes


def texts(text: str, spans: tuple[Span, ...]) -> list[str]:
    return [s.text(text) for s in spans]


@pytest.mark.parametrize(
    "open_, close",
    [("„", "“"), ("»", "«"), ("«", "»"), ('"', '"'), ("“", "”"), ("'", "'")],
)
def test_every_quotation_style(open_: str, close: str) -> None:
    text, quotes = run(f"{open_}Wir werden das Werk nicht schließen{close}, sagte der Sprecher der Firma.")
    assert len(quotes) == 1
    q = quotes[0]
    assert q.kind == "direct"
    assert texts(text, q.speaker) == ["der Sprecher der Firma"]
    assert texts(text, q.message)[0].strip(open_ + close) == "Wir werden das Werk nicht schließen"


def test_quote_split_by_cue_is_one_quote() -> None:
    text, quotes = run("„Das ist gut“, sagte Müller, „und das bleibt auch so.“")
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1
    assert len(direct[0].message) == 2
    assert texts(text, direct[0].speaker) == ["Müller"]


def test_frame_first_with_colon() -> None:
    text, quotes = run("Die Kanzlerin sagte am Montag: „Wir schaffen das, und zwar gemeinsam.“")
    q = quotes[0]
    assert q.kind == "direct"
    assert texts(text, q.speaker) == ["Die Kanzlerin"]


@pytest.mark.parametrize(
    "sentence, speaker, message",
    [
        ("Laut Polizei wurde niemand verletzt.", "Polizei", "wurde niemand verletzt"),
        (
            "Nach Angaben der Feuerwehr brannte das Haus vollständig aus.",
            "Angaben der Feuerwehr",
            "brannte das Haus vollständig aus",
        ),
        (
            "Einem Bericht der Zeitung zufolge sei der Minister zurückgetreten.",
            "Einem Bericht der Zeitung",
            "sei der Minister zurückgetreten",
        ),
        (
            "Die Regierung teilte mit, dass die Steuern steigen würden.",
            "Die Regierung",
            "dass die Steuern steigen würden",
        ),
        (
            "Der Minister sei zurückgetreten, sagte ein Sprecher am Montag.",
            "ein Sprecher",
            "Der Minister sei zurückgetreten",
        ),
        ("Wie die Polizei mitteilte, wurde der Täter gefasst.", "die Polizei", "wurde der Täter gefasst"),
    ],
)
def test_indirect_shapes(sentence: str, speaker: str, message: str) -> None:
    text, quotes = run(sentence)
    assert quotes, sentence
    q = quotes[0]
    assert q.kind == "indirect"
    assert texts(text, q.speaker) == [speaker]
    assert message in " ".join(texts(text, q.message))


def test_label_colon_quote() -> None:
    text, quotes = run("Ein Hauptkommissar nach der Festnahme: „Der Mann ist dort, wo er hingehört.“")
    assert texts(text, quotes[0].speaker) == ["Ein Hauptkommissar"]


def test_quoted_name_is_not_a_quote_before_cue() -> None:
    text, quotes = run("Gegenüber der Agentur „Associated Press“ sagte Honoré Durand: „Ich wurde alarmiert.“")
    direct = [q for q in quotes if q.kind == "direct"]
    assert texts(text, direct[0].speaker) == ["Honoré Durand"]
    assert all("Associated Press" not in " ".join(texts(text, q.message)) for q in quotes)


def test_continuation_and_hearsay_carry_speaker() -> None:
    text, quotes = run(
        "Der Bürgermeister sagte, die Brücke werde im Mai eröffnet. Die Kosten lägen im Plan. "
        "Die Bauarbeiten sollen bald enden."
    )
    assert len(quotes) == 3
    assert quotes[1].kind == "indirect" and not quotes[1].cue
    assert texts(text, quotes[1].speaker) == ["Der Bürgermeister"]
    assert quotes[2].kind == "reported"
    assert texts(text, quotes[2].speaker) == ["Der Bürgermeister"]


def test_english_direct_quotes() -> None:
    text, quotes = run(
        '"We will win this election," said John Smith. "It is over," Mary Jones said.', language="en"
    )
    speakers = [texts(text, q.speaker) for q in quotes if q.kind == "direct"]
    assert ["John Smith"] in speakers
    assert ["Mary Jones"] in speakers


def test_english_speaker_between_quote_and_verb() -> None:
    text, quotes = run(
        'Merkel urged calm. "We need a stable government quickly," Merkel told reporters in Berlin.',
        language="en",
    )
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1
    assert texts(text, direct[0].speaker) == ["Merkel"]  # not "We" from inside the quotation
    for text, speaker in [
        ('Police said three were hurt. "It is under control," a spokesman added.', "a spokesman"),
        ('"I am not running," Smith told the BBC on Tuesday, adding that he would help.', "Smith"),
    ]:
        _, quotes = run(text, language="en")
        direct = [q for q in quotes if q.kind == "direct"]
        assert [texts(text, q.speaker) for q in direct] == [[speaker]]


def test_mentions_link_speaker_to_entity() -> None:
    text = "Angela Merkel sprach in Berlin. „Wir schaffen das“, sagte sie."
    mentions = [
        Mention(Span(0, 13), "PER", "ent-merkel"),
        Mention(Span(24, 30), "LOC", "ent-berlin"),
    ]
    _, quotes = run(text, mentions=mentions)
    assert quotes[0].speaker_entity_id == "ent-merkel"
    assert quotes[0].speaker_name == "Angela Merkel"


def test_without_mentions_pronoun_resolves_to_subject() -> None:
    _, quotes = run("Angela Merkel sprach in Berlin. „Wir schaffen das“, sagte sie.")
    assert quotes[0].speaker_name == "Angela Merkel"
    assert quotes[0].speaker_entity_id is None


# ------------------------------------------------------------------ bad input


def check_bounds(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        assert q.message
        for s in (*q.message, *q.cue, *q.speaker):
            assert 0 <= s.start < s.end <= len(text)


def test_unbalanced_quotation_marks() -> None:
    text, quotes = run(
        "„Das ist ein Satz ohne Ende, sagte er. Dann kam nichts mehr.\n\nNeuer Absatz ohne Zitat."
    )
    check_bounds(text, quotes)
    assert all(q.kind != "direct" for q in quotes)


def test_quote_spanning_paragraphs() -> None:
    text = "Er sagte: „Der erste Absatz der Rede geht hier weiter.\n\n„Und der zweite Absatz endet hier.“"
    text, quotes = run(text)
    check_bounds(text, quotes)
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1 and len(direct[0].message) == 2


def test_nested_quotes() -> None:
    text, quotes = run("„Er rief ‚Hilfe, ich brauche Hilfe‘ und lief davon“, sagte die Zeugin.")
    check_bounds(text, quotes)
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1
    assert texts(text, direct[0].speaker) == ["die Zeugin"]


def test_interview_form() -> None:
    text, quotes = run(
        "Wikinews: Wie geht es Ihnen heute?\n\nDr. Robert Kelly: Mir geht es gut, danke der Nachfrage.\n\n"
        "Wikinews: Und sonst?\n\nR. Kelly: Alles bestens.\n\nSteuern: Die Partei will die Steuern senken."
    )
    check_bounds(text, quotes)
    kelly = [q for q in quotes if texts(text, q.speaker) == ["R. Kelly"]]
    assert kelly and "Alles bestens" in texts(text, kelly[0].message)[0]
    assert not [q for q in quotes if texts(text, q.speaker) == ["Steuern"]]


def test_whole_article_is_one_quote() -> None:
    body = "„Wir haben heute entschieden, das Werk zu schließen. Es gibt keine Alternative.\n\nDie Mitarbeiter werden informiert.“"
    text, quotes = run(body)
    check_bounds(text, quotes)
    assert len(quotes) >= 1


def test_empty_and_tiny_texts() -> None:
    for text in ["", " ", "„", '"', "'", "„“", "Er sagte:", "laut", "zufolge."]:
        t, quotes = run(text)
        check_bounds(t, quotes)


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("„“”\"»«‚‘'’ aA.,:;\n sagte er laut Polizei sei")), max_size=120)
)
def test_random_marks_never_crash(text: str) -> None:
    t, quotes = run(text)
    check_bounds(t, quotes)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("„“\"»«‚‘'’ ab.\n")), max_size=80))
def test_quoted_stretches_stay_inside_text(text: str) -> None:
    paragraphs = [(0, len(text))]
    for q in find_quoted(text, paragraphs):
        assert 0 <= q.start < q.end <= len(text)
        for a, b in q.parts:
            assert q.start <= a < b <= q.end


def test_spacy_component() -> None:
    import spacy

    import storyline.nlp.quotes  # noqa: F401  (registers the factory)

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("storyline_quotes")
    sdoc = nlp("„Das ist gut“, sagte Müller.")
    quotes = sdoc.user_data["storyline_quotes"]
    assert quotes and quotes[0].kind == "direct"


@pytest.mark.parametrize(
    "text",
    [
        "Wie die Betrüger vorgingen, was sie von ihrem Opfer forderten",
        "Im September erschien sein Roman. Wie der Autor in den Schreibrausch kam und warum ihn sein Studium demütig macht",
    ],
)
def test_wie_frame_reaching_the_end_of_the_text(text: str) -> None:
    # a "Wie …"-clause that runs to the very end of the text once indexed past the last token
    _, quotes = run(text)
    assert all(s.end <= len(text) for q in quotes for s in q.message)


_WORDS = ["Wie", "wie", "der", "Sprecher", "teilte", "mit", "sagte", "es", "hieß", ",", ".", "so", "Merkel",
          "laut", "zufolge", "sei", "habe", "dass", "forderten", "kam", "„", "“", ":", "und", "er", "nach"]


@given(st.lists(st.sampled_from(_WORDS), max_size=30))
@settings(max_examples=300, deadline=None)
def test_random_word_sequences_never_crash(words: list[str]) -> None:
    text = " ".join(words)
    _, quotes = run(text)
    for q in quotes:
        for s in (*q.message, *q.cue, *q.speaker):
            assert 0 <= s.start <= s.end <= len(text)


def test_compound_role_noun_resolves_to_the_person_named_before() -> None:
    text = "Bundeskanzler Olaf Scholz begrüßte die Einigung. „Das ist ein guter Tag“, sagte der SPD-Politiker."
    mentions = [Mention(Span(14, 25), "PER", "ent-scholz")]
    _, quotes = run(text, mentions=mentions)
    assert quotes[-1].speaker_entity_id == "ent-scholz"


@pytest.mark.parametrize(
    "text",
    [
        "Wird das «Stranger Things»-Finale enttäuschen?",  # a name inside a compound
        "Der Murot-»Tatort« läuft am Sonntag.",
        "Dem Verein „Rote Hilfe e.V.“ wurden Konten bei der GLS-Bank gekündigt.",  # after a naming noun
        "Die Serie „Dark Matter“ startet im Januar.",
        "Ein Kinofilm „Die Schule der magischen Tiere“ kommt heraus.",  # a compound's last part names it
    ],
)
def test_a_quoted_name_is_no_quote(text: str) -> None:
    """Headlines and teasers of the front-page stream: quotation marks that name a thing."""
    assert run(text)[1] == []


@pytest.mark.parametrize(
    "text",
    [
        "Kulturelle Demokratisierung sieht anders aus.",  # aussehen, not sehen
        "Brutale Einzelfälle werfen immer wieder Fragen auf.",  # aufwerfen
        "Orkanartige Böen erwartet - Unwetterwarnung fürs Erzgebirge",  # a participle
        "Was erwartet Mick Schumacher in der einstigen Todesfalle?",  # a question
        "Mickey Rourke droht der Rauswurf aus seinem Bungalow.",  # "drohen" + nominative: faces
        "Mbappé droht wegen einer Bänderverletzung dreiwöchige Zwangspause.",
    ],
)
def test_verbs_of_claiming_that_claim_nothing(text: str) -> None:
    assert [q for q in run(text)[1] if q.kind == "reported"] == []


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Die CSU fordert schnellere Abschiebungen.", "Die CSU"),
        ("Russland wirft der Ukraine einen Angriff vor.", "Russland"),  # vorwerfen is a claim
        ("Der Ärztepräsident sieht die Kliniken am Limit.", "Der Ärztepräsident"),
        ("Trump droht dem Iran mit neuen Angriffen.", "Trump"),  # a dative: threatens
        ("Trump droht Iran mit neuen Angriffen.", "Trump"),
    ],
)
def test_verbs_of_claiming_still_report(text: str, speaker: str) -> None:
    text, quotes = run(text)
    assert [texts(text, q.speaker) for q in quotes if q.kind == "reported"] == [[speaker]]


def test_a_headline_kicker_is_no_speaker_but_a_role_or_a_source_is() -> None:
    text, quotes = run("Tiefpunkt: „Ich habe es überlebt, um zu leben“")
    assert [q.speaker for q in quotes] == [()]
    for label in ("Polizei", "Kanzler", "Experte"):
        text, quotes = run(f"{label}: „Wir haben keine Hinweise auf ein Verbrechen“")
        assert [texts(text, q.speaker) for q in quotes] == [[label]], label


def test_a_quoted_tagged_name_is_no_quote() -> None:
    text = "Das berichtet das »Wall Street Journal« unter Berufung auf Insider."
    start = text.index("Wall")
    name = Mention(Span(start, start + len("Wall Street Journal")), "ORG")
    assert [q for q in run(text, mentions=[name])[1] if q.kind == "direct"] == []
    text = "Er sagte: »Wall Street Journal lesen wir nicht mehr.«"
    assert [q.kind for q in run(text, mentions=[Mention(Span(11, 30), "ORG")])[1]] == ["direct"]


@pytest.mark.parametrize(
    "text",
    [
        "droht", "Droht?", "X droht", "X droht dem", "X sieht aus", "„“-Finale", "-„X“-", "Verein „",
        "Tiefpunkt:", ": „Ja“", "Was?", "Wer droht wem mit was?", "»Wall Street Journal«",
        "Kinofilm „" + "a" * 5000 + "“", "Er droht " + "wegen " * 300 + "Strafe.",
    ],
)
def test_the_new_headline_rules_take_odd_input(text: str) -> None:
    text, quotes = run(text)
    check_bounds(text, quotes)
