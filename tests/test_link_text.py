"""Text normalisation, TF-IDF and the candidate index: the pieces every linking signal rests on."""

from __future__ import annotations

from hypothesis import example, given
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


def _reference_query(ix: InvertedIndex, keyed: dict[str, list[str]], terms: list[str], limit: int, min_hits: int) -> list[str]:
    """What ``InvertedIndex.query`` must return, counted the slow way: per term, its clusters in the
    order they were keyed under it (only the newest ``max_postings`` of a longer list), then the
    keys sharing at least ``min_hits`` terms, most shared first, ties by key."""
    hits: dict[str, int] = {}
    for t in terms:
        post = [k for k, ts in keyed.items() if t in ts]
        for k in post[-ix.max_postings :]:
            hits[k] = hits.get(k, 0) + 1
    keys = [k for k, h in hits.items() if h >= min_hits]
    return sorted(keys) if len(keys) <= limit else sorted(keys, key=lambda k: (-hits[k], k))[:limit]


@given(
    st.lists(st.lists(st.sampled_from(list("abcdef")), min_size=1, max_size=5, unique=True), max_size=30),
    st.lists(st.sampled_from(list("abcdefx")), max_size=7, unique=True),
    st.integers(1, 6),
    st.integers(1, 12),
    st.integers(2, 40),
)
@example([["a", "b"], ["a", "b"], ["a", "b", "c"], ["c"]], ["a", "b", "c"], 2, 10, 300)  # in the longest lists only
@example([["a", "b", "c", "d"]] * 3 + [["a"]] * 5 + [["b", "c"]], ["a", "b", "c", "d"], 4, 10, 300)
def test_index_query_counts_exactly_what_a_full_count_would(
    clusters: list[list[str]], terms: list[str], min_hits: int, limit: int, cap: int
) -> None:
    """Counting skips the longest posting lists and looks the keys it found up in them instead
    (``min_hits`` > 1): the same keys, counts and order as counting every list."""
    ix = InvertedIndex(max_postings=cap)
    keyed: dict[str, list[str]] = {}
    for i, ts in enumerate(clusters):
        key = f"c{i:02d}"
        ix.insert(key, ts)
        keyed[key] = ts
    assert ix.query(terms, limit, min_hits) == _reference_query(ix, keyed, terms, limit, min_hits)


@given(st.text(alphabet="aAäÄöÖüÜßẞéÉèáóÓ xyZ-İ\u212a", max_size=30))
def test_fold_is_casefold_without_accents(text: str) -> None:
    """``fold`` replaces accents after ``casefold`` (which already writes "ß" as "ss"): the same as
    translating every character with the accent table."""
    table = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "è": "e", "á": "a", "ó": "o"})
    assert fold(text) == text.casefold().translate(table)


@given(vectors, vectors)
def test_dot_is_the_plain_sum_over_the_smaller_vector(a: dict[str, float], b: dict[str, float]) -> None:
    """``dot`` adds only the shared keys, in the smaller vector's order: bit for bit the sum that
    adds a zero for every key the other vector lacks."""
    x, y = (a, b) if len(a) <= len(b) else (b, a)
    assert dot(a, b) == sum(v * y.get(k, 0.0) for k, v in x.items())
