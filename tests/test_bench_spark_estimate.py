"""The scale estimate `storyline bench --spark` prints: annotation divides over executor cores, the
driver's store overlaps it, linking and writing follow it."""

from __future__ import annotations

from storyline.bench.spark import CORPUS_SIZE, EXECUTORS, estimate


def _run(annotate: float, store: float, link: float, write: float) -> dict:
    return {"stages_s": {"read+annotate": annotate, "merge+store": store, "link": link, "write": write}}


def test_the_driver_becomes_the_limit_as_cores_grow():
    # 1,000 articles: 35 s to annotate on one core; the driver stores in 2 s, links in 2.5, writes in 0.5
    out = estimate(_run(35.0, 0, 0, 0), _run(0, 2.0, 2.5, 0.5), 1000)
    assert out["annotate_ms_per_article_core"] == 35.0 and out["driver_ms_per_article"] == 5.0
    assert out["driver_bound_from_cores"] == 7
    hours = {r["cores"]: r for r in out["rows"]}
    few, many = hours[EXECUTORS[0]], hours[EXECUTORS[-1]]
    per = CORPUS_SIZE / 1000 / 3600
    assert few["total_h"] == round(35 * per / EXECUTORS[0] + 3.0 * per, 1)  # store hidden by annotation
    assert many["total_h"] == round(5.0 * per, 1)  # annotation hidden by the store: driver-bound
    assert [r["total_h"] for r in out["rows"]] == sorted((r["total_h"] for r in out["rows"]), reverse=True)
