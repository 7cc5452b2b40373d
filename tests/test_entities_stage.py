"""The entities stage on the example articles, with mentions as a German tagger would give them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import Article, Document, Mention, Span
from storyline.nlp.entities import ENTITIES_KEY, RELATIONS_KEY, EntitiesStage, link_mentions, mention_records
from storyline.pipeline import lookup
from storyline.settings import Settings

# Excerpts of ../shared/examples (000 and 001), kept here so the tests run without ../shared.
TEXT_000 = (
    '"Präsident Trump hat seine Offenheit für Gespräche zwischen den Vereinigten Staaten und Nordkorea '
    'zur rechten Zeit und unter den rechten Bedingungen ausgedrückt", teilte das Weiße Haus am Mittwoch '
    "schriftlich mit.\n\nDonald Trump hatte zuvor mit dem südkoreanischen Präsidenten Moon Jae telefoniert. "
    "Sie hätten gemeinsam darüber diskutiert, den Druck auf Nordkorea aufrecht zu erhalten.\n\n"
    "Moon Jae In hatte am Mittwoch seine Bereitschaft zu einem Treffen mit dem nordkoreanischen Machthaber "
    'Kim Jong-un bekräftigt. Falls "konkrete Ergebnisse" erzielten werden könnten, würde er einem Treffen '
    "zustimmen, sagte er in Seoul.\n\nDie Schaffung einer atomwaffenfreien Halbinsel sei das Ziel, sagte "
    "Präsident Moon Jae In auf seiner Neujahrespressekonferenz.\n\nNordkorea will eine Delegation zu den "
    "Olympischen Winterspielen in Pyeongchang im Februar entsenden. Trotz der jüngsten Entspannung im "
    "Verhältnis zu Nordkorea verlangt Südkorea weiter den Verzicht auf Atomwaffen. Das isolierte Land "
    "verstößt mit seinen Tests gegen Uno-Sanktionen."
)
TEXT_001 = (
    "US-Präsident Donald Trump und der nordkoreanische Staatschef Kim Jong Un wollen sich in naher Zukunft "
    "persönlich treffen. Ort und Zeit müssten noch bestimmt werden, teilte das Weiße Haus mit.\n\n"
    "Kurz zuvor hatte Südkoreas Nationaler Sicherheitsberater, Chung Eui Yong, in Washington verkündet, "
    "dass Trump eine Einladung Kims angenommen habe. Laut Chung sicherte Kim zu, die Raketen- und "
    "Atomtests bis zur einer Einigung zu stoppen. Regierungsvertreter in Seoul teilten mit, das Treffen "
    "solle bis Ende Mai stattfinden.\n\nTrump bezeichnete das geplante Treffen mit Nordkoreas Machthaber "
    "als großen Fortschritt. Südkorea hatte erklärt, Kim habe Gespräche mit den USA in Aussicht gestellt. "
    "Pjöngjang erwarte aber Sicherheitsgarantien.\n\nNord- und Südkorea vereinbarten auch einen Gipfel "
    "zwischen Machthaber Kim Jong Un und Südkoreas linksliberalem Präsidenten Moon Jae In im Grenzort "
    "Panmunjom im April. Nordkorea hatte gegen UN-Resolutionen verstoßen."
)
MENTIONS_000 = [
    ("Präsident Trump", "PER"),
    ("Vereinigten Staaten", "LOC"),
    ("Nordkorea", "LOC"),
    ("Weiße Haus", "ORG"),
    ("Donald Trump", "PER"),
    ("südkoreanischen", "MISC"),
    ("Moon Jae In", "PER"),
    ("Moon Jae", "PER"),
    ("nordkoreanischen", "MISC"),
    ("Kim Jong-un", "PER"),
    ("Seoul", "LOC"),
    ("Präsident Moon Jae In", "PER"),
    ("Olympischen Winterspielen", "MISC"),
    ("Pyeongchang", "LOC"),
    ("Südkorea", "LOC"),
    ("Uno-Sanktionen", "MISC"),
]
MENTIONS_001 = [
    ("US-Präsident Donald Trump", "PER"),
    ("nordkoreanische", "MISC"),
    ("Kim Jong Un", "PER"),
    ("Weiße Haus", "ORG"),
    ("Südkoreas", "LOC"),
    ("Chung Eui Yong", "PER"),
    ("Washington", "LOC"),
    ("Trump", "PER"),
    ("Kims", "PER"),
    ("Chung", "PER"),
    ("Kim", "PER"),
    ("Seoul", "LOC"),
    ("Nordkoreas", "LOC"),
    ("Südkorea", "LOC"),
    ("USA", "LOC"),
    ("Pjöngjang", "LOC"),
    ("Moon Jae In", "PER"),
    ("Panmunjom", "LOC"),
    ("Nordkorea", "LOC"),
    ("UN-Resolutionen", "MISC"),
]


def hand_mentions(text: str, spec: list[tuple[str, str]]) -> list[Mention]:
    """Every occurrence of each surface, longer surfaces first, no overlaps (like a tagger's output)."""
    out: list[Mention] = []
    for surface, label in sorted(spec, key=lambda s: -len(s[0])):
        for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
            if not any(o.span.start < m.end() and m.start() < o.span.end for o in out):
                out.append(Mention(Span(m.start(), m.end()), label))  # type: ignore[arg-type]
    return sorted(out, key=lambda m: m.span)


def by_name(text: str, spec: list[tuple[str, str]], **kw):
    linked = link_mentions(text, hand_mentions(text, spec), lang="de", **kw)
    return {e.name: e for e in linked.entities}, linked


def test_example_000_entities_and_aliases():
    ents, linked = by_name(TEXT_000, MENTIONS_000)
    assert ents["Donald Trump"].label == "PER"
    assert set(ents["Donald Trump"].aliases) == {"Präsident Trump"}
    assert set(ents["Moon Jae In"].aliases) == {"Moon Jae", "Präsident Moon Jae In"}
    assert ents["Moon Jae In"].mentions == 3
    assert ents["Kim Jong-un"].label == "PER"  # the only form in this article
    assert ents["USA"].aliases == ["Vereinigten Staaten"]
    assert ents["Weißes Haus"].label == "ORG"
    assert ents["Vereinte Nationen"].relation == "part"  # from "Uno-Sanktionen"
    assert {"Nordkorea", "Südkorea", "Seoul", "Pyeongchang"} <= set(ents)
    # the adjectives point at their country, as a relation, never as a person
    texts = {TEXT_000[m.span.start : m.span.end]: m for m in linked.mentions}
    adjective = texts["südkoreanischen"]
    assert adjective.entity_id == ents["Südkorea"].id
    assert linked.relations[(adjective.span.start, adjective.span.end)] == "adjective"
    assert all(m.entity_id for m in linked.mentions)


def test_example_001_short_forms_and_genitives():
    ents, linked = by_name(TEXT_001, MENTIONS_001)
    kim = ents["Kim Jong Un"]
    # "Nordkoreas Machthaber" is Kim, introduced as "Machthaber Kim Jong Un" (examples README)
    assert {"Kims", "Kim", "Machthaber"} <= set(kim.aliases) and kim.mentions == 6
    assert set(ents["Donald Trump"].aliases) == {"US-Präsident Donald Trump", "Trump"}
    assert ents["Chung Eui Yong"].aliases[0] == "Chung"
    assert "Südkoreas" in ents["Südkorea"].aliases and "Nordkoreas" in ents["Nordkorea"].aliases
    # "Pjöngjang erwarte aber Sicherheitsgarantien": North Korea's government by its capital
    assert ents["USA"].label == "LOC" and "Pjöngjang" in ents["Nordkorea"].aliases and "Pjöngjang" not in ents
    persons = sorted(e.name for e in linked.entities if e.label == "PER")
    assert persons == ["Chung Eui Yong", "Donald Trump", "Kim Jong Un", "Moon Jae In"]


def test_same_ids_in_both_articles_and_on_every_run():
    a, _ = by_name(TEXT_000, MENTIONS_000)
    b, _ = by_name(TEXT_001, MENTIONS_001)
    assert a["Donald Trump"].id == b["Donald Trump"].id
    assert a["Kim Jong-un"].id == b["Kim Jong Un"].id  # hyphen variant, same key
    assert a["Moon Jae In"].id == b["Moon Jae In"].id
    for name in ("Nordkorea", "Südkorea", "USA", "Weißes Haus", "Seoul"):
        assert a[name].id == b[name].id
    again, _ = by_name(TEXT_001, MENTIONS_001)
    assert {n: e.id for n, e in again.items()} == {n: e.id for n, e in b.items()}


def test_ruler_alone_finds_the_places():
    """Without any tagger output the gazetteer still gives the places (and adjectives as relations)."""
    ents, linked = by_name(TEXT_001, [])
    assert {"Südkorea", "Nordkorea", "USA", "Washington", "Seoul", "Panmunjom"} <= set(ents)
    assert "Pjöngjang" in ents["Nordkorea"].aliases  # "Pjöngjang erwarte", "Dialog der USA mit Pjöngjang"
    assert "Weißes Haus" in ents
    assert ents["Vereinte Nationen"].relation == "part"  # only inside "UN-Resolutionen"
    assert ents["Vereinte Nationen"].aliases == []
    assert not [e for e in linked.entities if e.label == "PER"]
    off, _ = by_name(TEXT_001, [], ruler=False)
    assert off == {}


def test_ambiguous_short_name_goes_to_the_last_person_mentioned():
    text = "Kim Jong Un traf Kim Yo Jong. Danach sprach Kim. Kim Jong Un schwieg."
    spec = [("Kim Jong Un", "PER"), ("Kim Yo Jong", "PER"), ("Kim", "PER")]
    linked = link_mentions(text, hand_mentions(text, spec), ruler=False)
    names = {e.id: e.name for e in linked.entities}
    lone = next(m for m in linked.mentions if text[m.span.start : m.span.end] == "Kim")
    assert names[lone.entity_id] == "Kim Yo Jong"  # type: ignore[index]


def test_genitive_s_is_kept_without_evidence():
    text = "Hans traf Jonas. Jonas lachte."
    linked = link_mentions(text, hand_mentions(text, [("Hans", "PER"), ("Jonas", "PER")]), ruler=False)
    assert sorted(e.name for e in linked.entities) == ["Hans", "Jonas"]


def test_acronym_joins_its_organisation():
    text = "Die Europäische Zentralbank hebt den Zins. Die EZB sagt, die Bundesbank stimme zu."
    spec = [("Europäische Zentralbank", "ORG"), ("EZB", "ORG"), ("Bundesbank", "ORG")]
    linked = link_mentions(text, hand_mentions(text, spec), ruler=False)
    assert sorted((e.name, e.mentions) for e in linked.entities) == [
        ("Bundesbank", 1),
        ("Europäische Zentralbank", 2),
    ]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\u200b\u00ad\u00a0", "Kim\u00a0Jong\u00adUn traf Nord\u200bkorea.", "x" * 3000],
)
def test_odd_input(text: str):
    mentions = [Mention(Span(0, min(len(text), 11)), "PER")] if text else []
    linked = link_mentions(text, mentions, lang="de")
    assert len(linked.mentions) >= len(mentions)
    for m in linked.mentions:
        assert 0 <= m.span.start <= m.span.end <= len(text)
    ids = [e.id for e in linked.entities]
    assert len(ids) == len(set(ids))


def test_invisible_characters_inside_names():
    text = "Kim\u00a0Jong\u2011Un sprach. Später sprach Kim Jong Un wieder, dann Nord\u00adkoreas Presse."
    spec = [("Kim\u00a0Jong\u2011Un", "PER"), ("Kim Jong Un", "PER"), ("Nord\u00adkoreas", "LOC")]
    ents, linked = by_name(text, spec)
    persons = [e for e in linked.entities if e.label == "PER"]
    assert len(persons) == 1 and persons[0].mentions == 2
    assert persons[0].name in {"Kim Jong-Un", "Kim Jong Un"}  # cleaned: no invisible characters left
    assert ents["Nordkorea"].mentions == 1


def test_stage_is_registered_and_fills_extras():
    stage = lookup("entities").factory(Settings())
    assert isinstance(stage, EntitiesStage) and stage.requires == ("mentions",)
    doc = Document(Article(id="a", text=TEXT_001, language="de"))
    doc.mentions = hand_mentions(TEXT_001, MENTIONS_001)
    out = stage(doc)
    assert {e.name for e in out.extras[ENTITIES_KEY]} >= {"Donald Trump", "Kim Jong Un"}
    assert isinstance(out.extras[RELATIONS_KEY], dict)
    assert all(m.entity_id for m in out.mentions)
    records = mention_records(out)
    assert {"start", "end", "label", "entity_id", "text", "name", "relation"} <= set(records[0])
    assert any(r["text"] == "Kims" and r["name"] == "Kim Jong Un" for r in records)
    assert any(r["relation"] == "adjective" and r["name"] == "Nordkorea" for r in records)
    empty = stage(Document(Article(id="b", text="", language=None)))
    assert empty.extras[ENTITIES_KEY] == [] and empty.mentions == []
    off = EntitiesStage(Settings({"entities.ruler": False}))
    assert off(Document(Article(id="c", text="Seoul und Washington", language="de"))).mentions == []


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("Kim Jong-unSüdkoreasUSA \u00ad\u200b\u00a0.\n")), max_size=80
    ),
    cuts=st.lists(
        st.tuples(st.integers(0, 80), st.integers(0, 12), st.sampled_from(["PER", "ORG", "LOC", "MISC"]))
    ),
)
def test_any_input_is_deterministic_and_in_bounds(text: str, cuts: list[tuple[int, int, str]]):
    mentions = [
        Mention(Span(min(s, len(text)), min(s + n, len(text))), label)  # type: ignore[arg-type]
        for s, n, label in cuts
    ]
    first = link_mentions(text, mentions, lang="de")
    again = link_mentions(text, mentions, lang="de")
    assert first == again
    assert len(first.mentions) >= len(mentions)
    assert all(0 <= m.span.start <= m.span.end <= len(text) for m in first.mentions)
    ids = {e.id for e in first.entities}
    assert len(ids) == len(first.entities)
    assert {m.entity_id for m in first.mentions if m.entity_id} == ids


def test_compounds_point_at_their_head_but_organisations_keep_their_own():
    text = "Uno-Sanktionen, das US-Festland und die US-Regierung."
    spec = [("Uno-Sanktionen", "ORG"), ("US-Festland", "LOC"), ("US-Regierung", "ORG")]
    linked = link_mentions(text, hand_mentions(text, spec), lang="de")
    names = {e.id: e.name for e in linked.entities}
    got = {text[m.span.start : m.span.end]: names[m.entity_id] for m in linked.mentions if m.entity_id}
    assert got == {
        "Uno-Sanktionen": "Vereinte Nationen",
        "US-Festland": "USA",
        "US-Regierung": "US-Regierung",
    }
    assert set(linked.relations.values()) == {"part"}
