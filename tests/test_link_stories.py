"""Story threading beyond the opening article: votes, neighbour evidence, cohesion, dev readers."""

from __future__ import annotations

import csv
import gzip
import math
from pathlib import Path

from storyline.eval.readers import read_headline_stories
from storyline.link.config import LinkConfig, StoryConfig
from storyline.link.linker import Linker
from storyline.link.stories import StoryThreader


def _threader(threshold: float = 0.9) -> StoryThreader:
    """A threader for a few hand-made vectors: one shared term is enough, two weeks of memory, no
    cohesion rule (the linker's story knobs are tuned for real articles)."""
    small = StoryConfig(
        threshold=threshold,
        min_hits=1,
        min_shared=1,
        tau_days=3.0,
        grace_days=1.0,
        window_days=14.0,
        retire_days=7.0,
        date_bonus=0.05,
        index_terms=20,
        query_terms=12,
        max_candidates=50,
        rel_beta=0.0,
    )
    return StoryThreader(small)


def test_votes_merge_stories_at_the_looser_gate_and_are_kept_in_state() -> None:
    th = _threader()
    a = th.open("x1", "e1", {"kim": 0.8, "trump": 0.6}, 0.0, "A", frozenset())
    b = th.open("x2", "e2", {"kim": 0.6, "gipfel": 0.8}, 1.0, "B", frozenset())
    cos = 0.48  # centroids: below the blind merge (0.6), above the vote gate
    assert th.consolidate(threshold=0.6) == []
    th.vote(b, a)
    st = th.state()
    assert st["votes"] == [[min(a, b), max(a, b), 1]]
    assert th.merge_voted(gate=0.5, min_votes=1) == []  # gate not reached: vote kept
    assert th.votes
    (merge,) = th.merge_voted(gate=0.4, min_votes=1)
    assert merge["into"] == a and merge["from"] == b and math.isclose(merge["score"], cos, abs_tol=1e-3)
    assert th.resolve(b) == a and th.events[a] == ["e1", "e2"] and not th.votes
    other = _threader()
    other.load(st)
    assert other.votes == {(min(a, b), max(a, b)): 1}


def test_votes_need_enough_articles() -> None:
    th = _threader()
    a = th.open("x1", "e1", {"kim": 1.0}, 0.0, "A", frozenset())
    b = th.open("x2", "e2", {"kim": 1.0}, 0.0, "B", frozenset())
    th.vote(a, b)
    assert th.merge_voted(gate=0.3, min_votes=2) == []
    th.vote(b, a)
    assert len(th.merge_voted(gate=0.3, min_votes=2)) == 1


def test_cohesion_lets_a_diffuse_long_story_grow() -> None:
    th = _threader(threshold=0.5)
    th.config.rel_beta, th.config.rel_floor, th.config.rel_min_n = 0.6, 0.1, 3
    # four members sharing one topic term and each its own detail: pairwise cosine 0.25
    w = math.sqrt(0.25)
    d = math.sqrt(1 - 0.25)
    sid = th.open("m0", "e0", {"krieg": w, "d0": d}, 0.0, "S", frozenset())
    for i in range(1, 4):
        th.add_article(sid, f"m{i}", {"krieg": w, f"d{i}": d}, float(i), frozenset())
    typical = th.typical(sid)
    assert 0.3 < typical < 0.5
    m = th.clusters.best({"krieg": w, "neu": d}, 4.0)
    assert m is not None and m.score < 0.5  # the fixed threshold alone would open a new story
    assert th.fits_cohesion(m)
    assert th.match({"krieg": w, "neu": d}, 4.0, frozenset()) is not None
    th.config.rel_beta = 0.0
    assert th.match({"krieg": w, "neu": d}, 4.0, frozenset()) is None


def test_new_mechanisms_can_be_switched_off() -> None:
    off = LinkConfig(
        story=StoryConfig(votes=False, neighbour_candidates=False, reattach=False, rel_beta=0.0, nbr_min=0)
    )
    lk = Linker(off)
    assert lk.stories.config.rel_beta == 0.0
    assert lk._near_stories() == []


def test_headline_dev_reader(tmp_path: Path) -> None:
    path = tmp_path / "headlines.csv.gz"
    rows = [
        ("SZ", "Coronavirus", "Inzidenz steigt weiter", "2021-08-01", "u1"),
        ("SZ", "Coronavirus", "Impfzentren schließen", "2021-08-01", "u2"),
        ("FAZ", "Ukraine", "Gespräche in Minsk", "2021-08-02", "u3"),
        ("FAZ", "Bildung", "Schulen öffnen", "2021-08-02", "u4"),
        ("FAZ", "Bildung", "Kitas öffnen", "2021-08-03", "u5"),
        ("Welt", "Migration", "Doppelt", "2021-08-03", "u6"),
        ("Welt", "Ukraine", "Doppelt", "2021-08-03", "u6"),
        ("Welt", "Ukraine", "Zu früh", "2020-01-01", "u7"),
    ]
    with gzip.open(path, "wt", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["outlet", "topic", "title", "date", "url"])
        w.writerows(rows)
    ds = read_headline_stories(tmp_path, "dev")
    titles = [it.title for it in ds.items]
    assert "Doppelt" not in titles and "Zu früh" not in titles  # ambiguous topic, outside the slice
    assert titles[:3] == ["Inzidenz steigt weiter", "Impfzentren schließen", "Gespräche in Minsk"]
    assert not any("öffnen" in t for t in titles)  # off-topic rows thinned: every 4th kept, here none
    assert set(ds.stories.values()) == {"Coronavirus", "Ukraine"}
    dig = read_headline_stories(tmp_path, "dev-digest")
    first = dig.items[0]
    assert first.title == "Inzidenz steigt weiter" and first.text == "Impfzentren schließen"
    assert dig.stories[first.article_id] == "Coronavirus"


def test_what_is_common_in_the_stream_alone_is_no_story_thread() -> None:
    """A story of sums of money ("Millionen Euro" in every headline) took every later headline that
    named a sum: the centroid is heaviest in those words. What the article shares beyond the stream's
    common words must carry ``distinct_min`` of the similarity, or four common pieces must (a
    stream of few topics, where the topic's own words are common)."""
    th = _threader(threshold=0.3)
    th.config.distinct_min = 0.2
    sid = th.open("x1", "e1", {"euro": 0.6, "million": 0.6, "lotto": 0.53}, 0.0, "Lotto", frozenset())
    th.add_article(sid, "x2", {"euro": 0.6, "million": 0.6, "denkmal": 0.53}, 0.1, frozenset())
    common = frozenset({"euro", "million", "E:euro", "sagte", "jahr"})
    money = {"euro": 0.6, "million": 0.6, "flugabwehr": 0.53}
    assert th.match(money, 0.2, frozenset()) is not None  # without the stream's counts it would join
    assert th.match(money, 0.2, frozenset(), common=common) is None
    assert th.refused is not None and th.refused.cluster.id == sid  # what the explanation names
    related = {"euro": 0.4, "million": 0.4, "lotto": 0.82}
    assert th.match(related, 0.2, frozenset(), common=common) is not None
    many = {"euro": 0.45, "million": 0.45, "E:euro": 0.45, "sagte": 0.45, "jahr": 0.45}
    th.add_article(sid, "x3", {"euro": 0.45, "million": 0.45, "sagte": 0.45, "jahr": 0.45, "E:euro": 0.45}, 0.1, frozenset())
    assert th.match(many, 0.2, frozenset(), common=common) is not None  # four common pieces
    # below the threshold, by neighbours, a smaller share will do (``story.nbr_distinct_min``)
    scored = th.score(sid, {"euro": 0.6, "million": 0.6, "lotto": 0.4}, 0.2, frozenset())
    assert scored is not None
    assert not th.distinct({"euro": 0.6, "million": 0.6, "lotto": 0.4}, scored, common)
    assert th.distinct({"euro": 0.6, "million": 0.6, "lotto": 0.4}, scored, common, need=0.05)
    assert not th.distinct({"euro": 0.6, "million": 0.6}, scored, common, need=0.05)
    th.config.distinct_min = 0.0  # the setting at 0 turns both off
    assert th.match(money, 0.2, frozenset(), common=common) is not None
    assert th.distinct({"euro": 0.6, "million": 0.6}, scored, common, need=0.05)
