"""Entities across articles: short forms find the known full name, ids stay stable, no duplicates."""

from __future__ import annotations

from storyline.model import Entity, Mention, Span
from storyline.nlp.entities import link_mentions
from storyline.nlp.entity_index import EntityIndex, candidate_keys, entity_keys, entity_record, merge_entities
from storyline.nlp.entity_names import entity_id, fold


def ent(name: str, label: str = "PER", aliases: list[str] | None = None, mentions: int = 1) -> Entity:
    return Entity(entity_id(label, fold(name)), name, label, list(aliases or []), mentions)  # type: ignore[arg-type]


def test_short_name_in_a_later_article_joins_the_known_person():
    index = EntityIndex([ent("Donald Trump", aliases=["Präsident Trump"]), ent("Kim Jong Un")])
    result = index.merge([ent("Trump", mentions=3), ent("Kims"), ent("Chung Eui Yong")])
    assert result.ids[ent("Trump").id] == ent("Donald Trump").id
    assert result.ids[ent("Kims").id] == ent("Kim Jong Un").id  # genitive -s
    assert result.created == [ent("Chung Eui Yong").id]
    trump = index.get(ent("Donald Trump").id)
    assert trump is not None and trump.mentions == 4 and "Trump" in trump.aliases


def test_two_candidates_stay_apart():
    index = EntityIndex([ent("Kim Jong Un"), ent("Kim Yo Jong")])
    result = index.merge([ent("Kim")])
    assert result.created == [ent("Kim").id]


def test_known_short_name_meets_the_full_name_and_takes_it():
    index = EntityIndex([ent("Trump", mentions=2)])
    result = index.merge([ent("Donald Trump")])
    assert result.ids[ent("Donald Trump").id] == ent("Trump").id  # the first id stays
    merged = result.entities[0]
    assert merged.name == "Donald Trump" and merged.aliases == ["Trump"] and merged.mentions == 3


def test_places_merge_by_gazetteer_id_across_languages():
    de = link_mentions("Die USA und Nordkorea.", [], lang="de").entities
    en = link_mentions("The United States and North Korea.", [], lang="en").entities
    result = merge_entities(de, en)
    assert result.created == []
    usa = next(e for e in result.entities if e.name == "USA")
    assert "United States" in usa.aliases and usa.mentions == 2


def test_same_input_same_order_same_ids_and_rerun_makes_no_duplicates():
    articles = [
        [ent("Donald Trump"), ent("Nordkorea", "LOC")],
        [ent("Trump"), ent("Kim Jong-un")],
        [ent("Kim"), ent("Kim Jong Un"), ent("Trump")],
    ]

    def run() -> tuple[dict[str, str], int]:
        index = EntityIndex()
        ids: dict[str, str] = {}
        for doc in articles:
            ids.update(index.merge(doc).ids)
        for doc in articles:  # the same articles again
            ids.update(index.merge(doc, count_mentions=False).ids)
        return ids, len(index)

    first, size = run()
    assert run() == (first, size)
    assert size == 3  # Donald Trump, Nordkorea, Kim Jong Un
    assert first[ent("Kim").id] == first[ent("Kim Jong Un").id] == ent("Kim Jong-un").id


def test_labels_are_respected_and_inputs_untouched():
    known = [ent("Washington", "LOC")]
    new = [ent("Washington", "PER", mentions=2)]
    result = merge_entities(known, new)
    assert result.created == [new[0].id]
    assert known[0].mentions == 1 and new[0].mentions == 2


def test_relink_rewrites_mention_ids():
    index = EntityIndex([ent("Donald Trump")])
    result = index.merge([ent("Trump")])
    mentions = [Mention(Span(0, 5), "PER", ent("Trump").id), Mention(Span(6, 9), "LOC")]
    out = result.relink(mentions)
    assert out[0].entity_id == ent("Donald Trump").id and out[1].entity_id is None


def test_short_names_can_be_switched_off():
    index = EntityIndex([ent("Donald Trump")], short_names=False)
    assert index.merge([ent("Trump")]).created == [ent("Trump").id]


def test_empty_inputs():
    assert merge_entities([], []).ids == {}
    assert EntityIndex().merge([]).entities == []


def test_candidate_keys_find_everything_resolve_needs():
    """A store that loads only entities sharing a key with the new ones decides like the full index."""
    known = [
        ent("Donald Trump", aliases=["Präsident Trump"]),
        ent("Kim Jong Un", aliases=["Kim Jong-un"]),
        ent("Moon", mentions=2),
        ent("Nordkorea", "LOC", aliases=["Nordkoreas"]),
        ent("Angela Merkel"),
    ]
    new = [ent("Trump"), ent("Kims"), ent("Moon Jae In"), ent("Nordkoreas", "LOC"), ent("Olaf Scholz")]
    full = merge_entities(known, new).ids
    table = {key: {e.id for e in known if key in entity_keys(e)} for e in known for key in entity_keys(e)}
    for entity in new:
        wanted = set().union(*(table.get(k, set()) for k in candidate_keys(entity)))
        partial = merge_entities([e for e in known if e.id in wanted], [entity]).ids
        assert partial[entity.id] == full[entity.id]
    assert full[ent("Moon Jae In").id] == ent("Moon").id


def test_export_record_keys():
    record = entity_record(ent("Kim Jong Un", aliases=["Kim"]))
    assert {"entity_id", "name", "label", "aliases", "mentions"} <= set(record)
