"""Text normalisation, TF-IDF and the candidate index: the pieces every linking signal rests on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.link.index import InvertedIndex
from storyline.link.text import (
    IncrementalIdf,
    contributions,
    dot,
    fold,
    kicker_words,
    normalise,
    terms,
    terms_of_words,
    tfidf,
    words,
)


def test_fold_and_terms_are_german_aware() -> None:
    assert fold("Pjöngjang Straße") == "pjongjang strasse"
    ts = terms("Nordkoreas Machthaber und die USA: Gespräche über Nordkorea")
    assert "nordkorea" in ts and ts.count("nordkorea") == 2
    assert "und" not in ts and "die" not in ts


def test_idf_prior_keeps_young_streams_meaningful() -> None:
    idf = IncrementalIdf(prior_docs=50)
    idf.add(["trump", "kim"])
    idf.add(["trump", "moon"])
    assert idf.idf("moon") > idf.idf("trump") > 1.0
    back = IncrementalIdf.from_dict(idf.to_dict())
    assert back.idf("moon") == idf.idf("moon")


def test_inverted_index_query_and_remove() -> None:
    ix = InvertedIndex()
    ix.insert("a", ["trump", "kim", "gipfel"])
    ix.insert("b", ["trump", "putin"])
    assert ix.query(["trump", "kim"], 10) == ["a", "b"]
    assert ix.query(["trump", "kim"], 10, min_hits=2) == ["a"]
    ix.insert("a", ["moon"])  # re-keyed
    assert ix.query(["kim"], 10) == []
    ix.remove("b")
    assert ix.query(["trump", "putin"], 10) == [] and len(ix) == 1


vectors = st.dictionaries(st.sampled_from(list("abcdefghij")), st.floats(0.01, 5.0), max_size=8)


@given(vectors, vectors)
def test_dot_and_contributions_are_symmetric(a: dict[str, float], b: dict[str, float]) -> None:
    na, nb = normalise(a), normalise(b)
    assert abs(dot(na, nb) - dot(nb, na)) < 1e-12
    assert contributions(na, nb) == contributions(nb, na)
    assert -1e-9 <= dot(na, nb) <= 1 + 1e-9


def test_tfidf_is_unit_length() -> None:
    idf = IncrementalIdf(prior_docs=50)
    idf.add(["x", "y"])
    v = tfidf({"x": 3, "y": 1}, idf)
    assert abs(dot(v, v) - 1.0) < 1e-9
    assert tfidf({}, idf) == {}


def test_hyphenated_compounds_meet_their_parts() -> None:
    # "Feuer-Katastrophe" and "Katastrophe … Feuer" share terms; the compound itself is kept too.
    got = terms_of_words(words("Feuer-Katastrophe in der Schweiz"))
    assert {"feuer-katastroph", "feuer", "katastroph"} <= set(got)
    assert "feuer" not in terms_of_words(words("Feuer-Katastrophe"), parts=False)


def test_kicker_is_the_short_label_before_a_colon() -> None:
    assert kicker_words("Fußball-Bundesliga:BVB trennt sich von einem Assistenten") == 1
    assert kicker_words("2. Fußball-Bundesliga: Kiel holt Talent") == 2
    assert kicker_words("Dieter Bohlen heiratet") == 0
    assert kicker_words("Um 15:30 beginnt die Sitzung") == 0  # a time, not a kicker
    assert kicker_words("Sehr lange Vorrede mit vielen Wörtern davor: und dann der Rest") == 0


def test_kicker_compounds_are_not_split_into_shared_parts() -> None:
    from storyline.link.items import LinkItem, features

    a = features(LinkItem("a", "Fußball-Bundesliga: BVB trennt sich von Assistent", ""), title_weight=2.0)
    b = features(LinkItem("b", "Feuer-Katastrophe: Tote in der Schweiz", ""), title_weight=2.0)
    assert "fussball" not in a.counts and "fussball-bundesliga" in a.counts
    assert "feuer" not in b.counts  # in the kicker: kept whole
    c = features(LinkItem("c", "Tote nach Feuer-Katastrophe in der Schweiz", ""), title_weight=2.0)
    assert "feuer" in c.counts and "katastroph" in c.counts


def test_shared_dot_product_does_not_depend_on_key_order():
    import heapq
    import random

    from storyline.link.text import dot_shared, heaviest

    rng = random.Random(7)
    words = [f"w{i}" for i in range(60)]
    for _ in range(200):
        a = {w: rng.random() for w in rng.sample(words, 25)}
        b = {w: rng.random() for w in rng.sample(words, 30)}
        naive = sum(v * b[k] for k, v in a.items() if k in b)
        shuffled = dict(sorted(b.items(), key=lambda kv: rng.random()))
        s1, n1 = dot_shared(a, b)
        s2, n2 = dot_shared(shuffled, dict(reversed(list(a.items()))))
        assert s1 == s2 and n1 == n2 == len(a.keys() & b.keys())  # bit for bit, whatever the order
        assert abs(s1 - naive) < 1e-12
        # heaviest keys: heapq.nlargest's answer, ties in insertion order
        tied = {w: round(v, 1) for w, v in a.items()}
        assert heaviest(tied, 12) == heapq.nlargest(12, tied, key=tied.__getitem__)
    assert dot_shared({"x": 1.0}, {"y": 1.0}) == (0.0, 0)
