"""Cross-article identity as the German stream needs it (the dev morning's errors): genitives of a
known short form, a surname preferred over a first name, a name far more prominent than its
namesakes, role compounds in front of a name, and a tagger's trailing verb."""

from __future__ import annotations

from storyline.model import Entity
from storyline.nlp.entity_index import EntityIndex
from storyline.nlp.entity_names import entity_id, fold, strip_titles
from storyline.nlp.ner.stage import _trimmed


def ent(name: str, label: str = "PER", mentions: int = 1) -> Entity:
    return Entity(entity_id(label, fold(name)), name, label, [], mentions)  # type: ignore[arg-type]


def test_genitives_find_the_known_short_form():
    index = EntityIndex([ent("Trump", mentions=20)])
    result = index.merge([ent("Trumps"), ent("Donald Trumps")])
    assert set(result.ids.values()) == {ent("Trump").id}


def test_a_full_name_joins_the_known_surname_not_the_known_first_name():
    index = EntityIndex([ent("Trump", mentions=20), ent("Donald", mentions=1)])
    result = index.merge([ent("Donald Trump")])
    assert result.ids[ent("Donald Trump").id] == ent("Trump").id


def test_a_bare_surname_goes_to_the_namesake_the_stream_is_full_of():
    index = EntityIndex([ent("Donald Trump", mentions=40), ent("Melania Trump", mentions=2), ent("Barron Trump", mentions=1)])
    assert index.merge([ent("Trump")]).ids[ent("Trump").id] == ent("Donald Trump").id


def test_two_namesakes_of_similar_prominence_stay_apart():
    index = EntityIndex([ent("Mats Hummels", mentions=6), ent("Jonas Hummels", mentions=4)])
    assert index.merge([ent("Hummels")]).created == [ent("Hummels").id]


def test_role_compounds_before_a_name_are_not_part_of_it():
    assert strip_titles("HSV-Profi Meffert") == "Meffert"
    assert strip_titles("Bayern-Star Jamal Musiala") == "Jamal Musiala"
    assert strip_titles("Gold-Rosi") == "Gold-Rosi"  # a nickname, not a role
    index = EntityIndex([ent("HSV-Profi Meffert", mentions=3)])
    assert index.merge([ent("Jonas Meffert")]).ids[ent("Jonas Meffert").id] == ent("HSV-Profi Meffert").id


def test_a_trailing_verb_is_cut_from_a_person_span():
    text = "Machtwechsel: Selenskyj holt Top-General ins Zentrum"
    s = text.index("Selenskyj")
    spans = _trimmed([(s, s + len("Selenskyj holt"), "PER"), (0, 12, "MISC")], text)
    assert [text[a:b] for a, b, _ in spans] == ["Selenskyj", "Machtwechsel"]


def test_headline_fragments_do_not_become_names():
    """Junk the fast tagger produced on the front-page stream, and names that must stay whole."""
    cases = {
        ("Dynamo Dresden holt", "ORG"): ["Dynamo Dresden"],
        ("Kiel holt Tohumcu", "PER"): ["Kiel", "Tohumcu"],
        ("Schalke 04 holt Lüftl", "ORG"): ["Schalke 04", "Lüftl"],
        ("Im Duell der", "ORG"): ["Im Duell"],
        ("Politische Bildung in", "ORG"): ["Politische Bildung"],
        ("Ursula von der Leyen", "PER"): ["Ursula von der Leyen"],
        ("Bundesagentur für Arbeit", "ORG"): ["Bundesagentur für Arbeit"],
        ("Tour de Ski", "ORG"): ["Tour de Ski"],
        ("Jan van Aken", "PER"): ["Jan van Aken"],
        ("dpa", "ORG"): ["dpa"],
        ("heise online", "ORG"): ["heise online"],
    }
    for (surface, label), want in cases.items():
        got = [surface[a:b] for a, b, _ in _trimmed([(0, len(surface), label)], surface)]
        assert got == want, surface
