"""One sense per text and small tagger repairs: a place tagged as a person elsewhere called a place,
a truncated conjunct ("Nord- und Südkorea"), and spans a German tagger cannot mean (a bare role as a
person, a span without any capital letter)."""

from __future__ import annotations

import re

from storyline.model import Mention, Span
from storyline.nlp.entities import link_mentions
from storyline.nlp.ner.tagger import decode_bio


def _mention(text: str, surface: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(Span(start, start + len(surface)), label)  # type: ignore[arg-type]


def test_place_tagged_as_person_joins_the_place_named_elsewhere() -> None:
    text = "Viele Menschen in Pjöngjang jubelten. In Pjöngjang feierten viele."
    linked = link_mentions(
        text, [_mention(text, "Pjöngjang", "PER"), _mention(text, "Pjöngjang", "LOC", 1)], ruler=False
    )
    ids = {m.entity_id for m in linked.mentions}
    assert len(ids) == 1
    assert [e.label for e in linked.entities] == ["LOC"]


def test_person_named_like_a_place_stays_a_person_without_evidence() -> None:
    text = "Jordan warf den Ball."
    linked = link_mentions(text, [_mention(text, "Jordan", "PER")], ruler=False)
    assert [e.label for e in linked.entities] == ["PER"]


def test_truncated_conjunct_points_at_its_place_but_is_no_alias() -> None:
    text = "Nord- und Südkorea vereinbarten einen Gipfel."
    linked = link_mentions(
        text, [_mention(text, "Nord-", "LOC"), _mention(text, "Südkorea", "LOC")], ruler=False
    )
    names = {e.id: e for e in linked.entities}
    first = names[linked.mentions[0].entity_id or ""]
    assert first.name == "Nordkorea"
    assert "Nord-" not in first.aliases
    assert linked.relations[(0, 5)] == "conjunct"


def test_decoder_drops_spans_a_german_tagger_cannot_mean() -> None:
    text = "Ziel ist atomwaffenfrei und der Präsident sprach mit Präsident Moon."
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    tags = ["O"] * len(words)
    tags[2] = "B-ORG"  # "atomwaffenfrei": no capital letter
    tags[4], tags[5] = "B-PER", "I-PER"  # "der Präsident": a role, no name
    tags[8], tags[9] = "B-PER", "I-PER"  # "Präsident Moon"
    spans = decode_bio(tags, words, text)
    assert [(text[s:e], lab) for s, e, lab in spans] == [("Präsident Moon", "PER")]


def test_a_full_stop_is_not_part_of_a_name_but_an_abbreviation_point_is() -> None:
    from storyline.nlp.ner.tagger import clean_span

    for text, kept in [("so Merz. Die", "Merz"), ("die Siemens Co. und", "Siemens Co."), ("der e.V. hat", "e.V."), ("die NHL. Dann", "NHL.")]:
        start = text.index(kept.split()[0])
        end = start + len(kept) + (1 if kept == "Merz" else 0)
        s, e = clean_span(text, start, end)
        assert text[s:e] == kept


def test_truncated_and_odd_mentions_do_not_break_linking() -> None:
    for text, surface in [("Es kamen Nord-", "Nord-"), ("Nord- und", "Nord-"), ("- und Südkorea", "-"), ("Süd- oder 123", "Süd-")]:
        linked = link_mentions(text, [_mention(text, surface, "LOC")], ruler=False)
        assert len(linked.mentions) == 1  # kept, with or without an entity; never an error


def test_a_capital_tagged_as_a_person_is_the_place() -> None:
    """A capital the tagger calls a person is the place ("die Parade in Pjöngjang"); a capital that is
    also a first name stays a person."""
    text = "Die Parade in Pjöngjang begann. Santiago lachte."
    linked = link_mentions(text, [_mention(text, "Pjöngjang", "PER"), _mention(text, "Santiago", "PER")], ruler=False)
    assert {(e.name, e.label) for e in linked.entities} == {("Pjöngjang", "LOC"), ("Santiago", "PER")}
    assert all(m.entity_id for m in linked.mentions)


def test_a_capital_that_acts_is_its_country() -> None:
    """The example's "Pjöngjang erwarte aber Sicherheitsgarantien" and "ein Dialog der USA mit
    Pjöngjang" name North Korea's government (examples README: "Pjöngjang" used for its
    government) in a text that names North Korea; "in Pjöngjang", a dateline and Germany's own
    capital stay places."""
    text = (
        "Nordkorea verhandelt. Pjöngjang erwarte aber Sicherheitsgarantien. Der nächste Schritt wäre ein Dialog der USA mit "
        "Pjöngjang. Die Parade in Pjöngjang begann. Moskau: Feuer im Zentrum. Berlin will mehr Lehrer."
    )
    surfaces = [("Nordkorea", "LOC", 0), ("Pjöngjang", "PER", 0), ("Pjöngjang", "LOC", 1), ("Pjöngjang", "LOC", 2), ("Moskau", "LOC", 0),
                ("Berlin", "LOC", 0)]
    linked = link_mentions(text, [_mention(text, s, label, n) for s, label, n in surfaces], ruler=False)
    names = {e.id: e.name for e in linked.entities}
    read = [names[m.entity_id] for m in linked.mentions if m.entity_id]
    assert read == ["Nordkorea", "Nordkorea", "Nordkorea", "Pjöngjang", "Moskau", "Berlin"]
    north = next(e for e in linked.entities if e.name == "Nordkorea")
    assert north.aliases == ["Pjöngjang"] and north.label == "LOC"


def test_a_label_tie_goes_to_the_body_not_the_headline() -> None:
    """The tagger reads running text better than headlines: "Bondi Beach" a person in the headline
    and a place in the text is a place; read as one text without a headline, the first label wins."""
    title = "Bondi Beach: Tausende feiern"
    text = f"{title}\n\nAm Bondi Beach feierten Tausende."
    mentions = [_mention(text, "Bondi Beach", "PER"), _mention(text, "Bondi Beach", "LOC", 1)]
    linked = link_mentions(text, mentions, ruler=False, headline_end=len(title))
    assert [e.label for e in linked.entities] == ["LOC"]
    assert [e.label for e in link_mentions(text, mentions, ruler=False).entities] == ["PER"]
    # a majority still decides, wherever it stands
    text = f"{title}\n\nAm Bondi Beach feierten Tausende. Bondi Beach jubelte."
    mentions = [_mention(text, "Bondi Beach", "PER"), _mention(text, "Bondi Beach", "LOC", 1),
                _mention(text, "Bondi Beach", "PER", 2)]
    linked = link_mentions(text, mentions, ruler=False, headline_end=len(title))
    assert [e.label for e in linked.entities] == ["PER"]


def test_the_olympic_games_are_an_event_in_any_inflection() -> None:
    text = "Nordkorea entsendet eine Delegation zu den Olympischen Winterspielen. Die Olympischen Winterspiele beginnen."
    linked = link_mentions(
        text, [_mention(text, "Olympischen Winterspielen", "ORG"), _mention(text, "Olympischen Winterspiele", "ORG")],
        ruler=False,
    )
    assert [(e.name, e.label) for e in linked.entities] == [("Olympische Winterspiele", "MISC")]
    # the ruler finds what the tagger missed, in German and English
    found = link_mentions("Bei den Olympischen Spielen in Paris und den Paralympics.", [], lang="de").entities
    assert {e.name for e in found} == {"Olympische Spiele", "Paralympische Spiele", "Paris"}
    assert {(e.name, e.label) for e in link_mentions("The Winter Olympics open.", [], lang="en").entities} == {
        ("Olympische Winterspiele", "MISC")
    }
