"""Quote rules for sources named in unusual ways: an anaphoric cue sentence ("Dies bestätigte X.")
whose message is the sentence before, "nach" with a source noun anywhere in its phrase, relative
"nach denen", sources in lower case ("laut bildblog.de", "Wie „heise online“ berichtet")."""

from __future__ import annotations

from conftest import german_quotes as run
from conftest import span_texts as texts


def _only(text: str):  # type: ignore[no-untyped-def]
    quotes = run(text)
    assert len(quotes) == 1, [texts(text, q.message) for q in quotes]
    return quotes[0]


def test_anaphoric_cue_takes_the_sentence_before_as_message() -> None:
    text = (
        "Die Freien Demokraten schließen eine Ampelkoalition mit SPD und Grünen aus. "
        "Dies bestätigte der Parteivorsitzende Guido Westerwelle."
    )
    q = _only(text)
    assert texts(text, q.message) == [
        "Die Freien Demokraten schließen eine Ampelkoalition mit SPD und Grünen aus."
    ]
    assert texts(text, q.speaker) == ["der Parteivorsitzende Guido Westerwelle"]
    assert texts(text, q.cue) == ["bestätigte"]


def test_anaphoric_cue_in_the_perfect_with_a_separated_participle() -> None:
    text = (
        "Der Ausbau der A1 soll von privaten Investoren finanziert werden. "
        "Das hat Bundesverkehrsminister Manfred Stolpe heute bekannt gegeben."
    )
    q = _only(text)
    assert texts(text, q.speaker) == ["Bundesverkehrsminister Manfred Stolpe"]
    assert texts(text, q.message)[0].startswith("Der Ausbau der A1")


def test_das_as_article_is_not_an_anaphoric_cue() -> None:
    assert run("Der Bericht lag vor. Das Ministerium bestätigte den Bericht nicht.") == []


def test_nach_with_a_source_noun_after_a_genitive_name() -> None:
    text = "Der Konzern wächst. Nach Grupps Meinung werden im Größenwahn Entscheidungen getroffen."
    q = _only(text)
    assert texts(text, q.speaker) == ["Grupps Meinung"]
    assert texts(text, q.message) == ["werden im Größenwahn Entscheidungen getroffen"]


def test_temporal_nach_is_no_frame() -> None:
    assert run("Nach dem Spiel gingen alle Spieler gemeinsam nach Hause.") == []


def test_relative_nach_denen_names_the_noun_before_the_comma() -> None:
    text = "Es gibt auch Gerüchte, nach denen Barrett an Krebs litt."
    q = _only(text)
    assert texts(text, q.speaker) == ["Gerüchte"]
    assert texts(text, q.message) == ["Barrett an Krebs litt"]


def test_lower_case_sources() -> None:
    text = "Laut bildblog.de veröffentlichte das Ministerium kürzlich einen Bericht."
    assert texts(text, _only(text).speaker) == ["bildblog.de"]
    text = "Wie „heise online“ berichtet, sperrten die Behörden den Zugang zu dem Videoportal."
    assert texts(text, _only(text).speaker) == ["„heise online“"]
    text = "Bei Gewaltverbrechen gibt es aber laut ai-Bericht eine hohe Dunkelziffer."
    assert texts(text, _only(text).speaker) == ["ai-Bericht"]


def test_zufolge_phrase_with_a_von_attribute() -> None:
    text = "Angaben des seismologischen Instituts von Athen zufolge lag das Epizentrum nahe der Insel."
    q = _only(text)
    assert texts(text, q.speaker) == ["Angaben des seismologischen Instituts von Athen"]


def test_nominalised_age_is_a_speaker() -> None:
    text = "Am Montag sagte der 81-jährige in einem Interview, dass die Maus sofort tot gewesen sei."
    assert texts(text, _only(text).speaker) == ["der 81-jährige"]


def test_adverb_written_like_a_noun_phrase_is_not_the_speaker() -> None:
    text = "Des Weiteren verwies Steinbrück darauf, dass der Haushaltsentwurf verfassungskonform sei."
    assert texts(text, _only(text).speaker) == ["Steinbrück"]


def test_inserted_so_frame_with_verb() -> None:
    text = "Der Grund für den Rauswurf, so vermutet die Zeitung The Guardian, dürfte deren Haltung gewesen sein."
    q = _only(text)
    assert texts(text, q.speaker) == ["die Zeitung The Guardian"]
    assert texts(text, q.message) == ["Der Grund für den Rauswurf", "dürfte deren Haltung gewesen sein"]
