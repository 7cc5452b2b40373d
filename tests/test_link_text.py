"""Text normalisation, TF-IDF and the candidate index: the pieces every linking signal rests on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.link.index import InvertedIndex
from storyline.link.text import IncrementalIdf, contributions, dot, fold, normalise, terms, tfidf


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
    idf = IncrementalIdf()
    idf.add(["x", "y"])
    v = tfidf({"x": 3, "y": 1}, idf)
    assert abs(dot(v, v) - 1.0) < 1e-9
    assert tfidf({}, idf) == {}
