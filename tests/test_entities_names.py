"""Name normalisation and the gazetteer: the rules every entity decision rests on."""

from __future__ import annotations

import pytest

from storyline.nlp import gazetteer
from storyline.nlp.entity_names import clean, entity_id, fold, is_title, name_quality, strip_titles
from storyline.nlp.gazetteer import Hit, find, lookup


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong-un", "Kim Jong Un"),
        ("Kim\u00a0Jong\u2011Un", "kim jong un"),
        ("Nord\u00adkorea", "Nordkorea"),
        ("Nord\u200bkorea", "Nordkorea"),
        ("„Weiße Haus“", "weisse haus"),
        ("U.S.", "US"),
        ("Moon Jae-in", "Moon Jae In"),
    ],
)
def test_fold_ignores_what_readers_ignore(a: str, b: str):
    assert fold(a) == fold(b)


def test_clean_keeps_the_name_and_drops_the_noise():
    assert clean(" \u201eKim\u00a0Jong\u00adUn\u201c, ") == "Kim JongUn"
    assert clean("\u200b\u00ad") == ""


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("Präsident Trump", "Trump"),
        ("US-Präsident Donald Trump", "Donald Trump"),
        ("Präsident Moon Jae In", "Moon Jae In"),
        ("der nordkoreanische Machthaber Kim Jong Un", "Kim Jong Un"),
        ("Außenministerin Baerbock", "Baerbock"),
        ("President Moon", "Moon"),
        ("Präsident", "Präsident"),  # nothing left: keep it
        ("Moon Jae", "Moon Jae"),
    ],
)
def test_titles_are_not_part_of_the_name(surface: str, name: str):
    assert strip_titles(surface) == name


def test_titles_and_quality():
    assert is_title("Präsidenten") and is_title("Sicherheitsberater") and not is_title("Kim")
    assert name_quality("Kim Jong Un") > name_quality("Kim Jong-un") > name_quality("Kim")


def test_ids_are_stable_and_label_specific():
    assert entity_id("PER", "kim jong un") == entity_id("PER", "kim jong un")
    assert entity_id("PER", "washington") != entity_id("LOC", "washington")
    assert entity_id("PER", "x").startswith("ent_") and len(entity_id("PER", "x")) == 20


@pytest.mark.parametrize(
    ("surface", "hit"),
    [
        ("Südkoreas", ("Südkorea", "LOC", None)),
        ("südkoreanischen", ("Südkorea", "LOC", "adjective")),
        ("nordkoreanische", ("Nordkorea", "LOC", "adjective")),
        ("North Korean", ("Nordkorea", "LOC", "adjective")),
        ("US-amerikanischen", ("USA", "LOC", "adjective")),
        ("USA", ("USA", "LOC", None)),
        ("Vereinigten Staaten", ("USA", "LOC", None)),
        ("die Vereinigten Staaten", ("USA", "LOC", None)),
        ("United States", ("USA", "LOC", None)),
        ("Pjöngjang", ("Pjöngjang", "LOC", None)),
        ("Pyongyang", ("Pjöngjang", "LOC", None)),
        ("Peking", ("Peking", "LOC", None)),
        ("Beijing", ("Peking", "LOC", None)),
        ("Seoul", ("Seoul", "LOC", None)),
        ("Washington", ("Washington", "LOC", None)),
        ("Uno", ("Vereinte Nationen", "ORG", None)),
        ("UN", ("Vereinte Nationen", "ORG", None)),
        ("Vereinten Nationen", ("Vereinte Nationen", "ORG", None)),
        ("das Weiße Haus", ("Weißes Haus", "ORG", None)),
        ("des Weißen Hauses", ("Weißes Haus", "ORG", None)),
        ("White House", ("Weißes Haus", "ORG", None)),
        ("koreanischen Halbinsel", ("Koreanische Halbinsel", "LOC", None)),
        ("Deutschlands", ("Deutschland", "LOC", None)),
    ],
)
def test_gazetteer_lookup(surface: str, hit: tuple[str, str, str | None]):
    assert lookup(surface) == Hit(*hit)


@pytest.mark.parametrize("surface", ["Kim", "Kims", "Trump", "", "   ", "\u200b", "deutlich", "Haus"])
def test_gazetteer_knows_no_people_or_words(surface: str):
    assert lookup(surface) is None


def test_gazetteer_entries_carry_kind_and_code():
    e = gazetteer.entry("Pjöngjang")
    assert e is not None and e.kind == "capital" and e.code == "KP"
    assert gazetteer.entry("Nordkorea").kind == "country"  # type: ignore[union-attr]
    assert 1000 < len(gazetteer.gazetteer().entries) < 5000  # small, but covers the world


def test_ruler_finds_places_case_sensitively_with_genitive():
    text = "Südkoreas Berater flog nach Washington. Die essen in Essen. Nord\u00adkoreas Führung und die Uno."
    found = {text[s:e]: hit.name for s, e, hit in find(text, "de")}
    assert found["Südkoreas"] == "Südkorea"
    assert found["Washington"] == "Washington"
    assert found["Nord\u00adkoreas"] == "Nordkorea"
    assert found["Uno"] == "Vereinte Nationen"
    assert "essen" not in found and "Essen" not in found  # a city that is also a word is left to the model


def test_ruler_adjectives_and_longest_match():
    text = (
        "Die südkoreanischen Vertreter sprachen über die koreanische Halbinsel und die Vereinigten Staaten."
    )
    found = {text[s:e]: hit for s, e, hit in find(text, "de")}
    assert found["südkoreanischen"] == Hit("Südkorea", "LOC", "adjective")
    assert found["koreanische Halbinsel"].name == "Koreanische Halbinsel"
    assert found["Vereinigten Staaten"].name == "USA"


def test_ruler_leaves_compounds_and_capitalised_adjectives_alone():
    text = (
        "Die US-Armee, die Deutsche Bank und deutsch-polnische Gespräche, aber die US-amerikanischen Truppen."
    )
    found = {text[s:e]: hit for s, e, hit in find(text, "de")}
    assert found == {"US": Hit("USA", "LOC", "part"), "US-amerikanischen": Hit("USA", "LOC", "adjective")}
    assert find("Köln-Wahn und Berlin-Mitte", "de") == []  # a city inside a compound is another place


def test_ruler_survives_odd_text():
    for text in ["", " ", "\u200b\u00ad", "x" * 10000, "USA" * 100, "-" * 50, "Süd- und Nordkorea"]:
        for s, e, _ in find(text, "de"):
            assert 0 <= s < e <= len(text)
