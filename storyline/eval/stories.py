"""``storyline eval stories``: story threading on news story chains, Timeline17 or a labelled stream.

The Linker sees the articles in date order; its story ids are scored against the gold: coder 1's
pairs (news story chains: pairwise over all pairs, BCubed on the connected components), the topic
(Timeline17), or the ``story_id`` column (a stream with ``--labels``). On Timeline17 the predicted
story of each gold timeline also yields a date selection scored by date F1 against the gold dates.
These sets are test-only: nothing here is tuned on them.

Development data (``--split``): the 2013–2023 headline corpus (``--data ../shared/data/de_headlines_2013_2023
--split dev|dev2``; a half-year slice, keyword topic as *noisy silver* story label: long stories for
recall) and ECB+ train/dev (``--data ../shared/data/ecbplus --split dev``; story = topic, with event
BCubed alongside, for precision).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from .clustering import bcubed, components, pairwise, pairwise_from_pairs, prf, without_largest
from .events import run_linker, stream_memberships
from .readers import (
    Labelled,
    read_ecbplus_stories,
    read_headline_stories,
    read_story_chains,
    read_stream,
    read_timeline17,
)

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
_MDY = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2})\s*,\s*(\d{4})\b", re.I)
_DMY = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s*,?\s+(\d{4})\b", re.I)


def _mentioned_days(text: str) -> list[str]:
    """Full calendar dates an English text names ("January 25, 2011", "25 January 2011"), as ISO.

    Deliberately tiny: the date selection is a report-only baseline, not the time tagger."""
    out = []
    for m in _MDY.finditer(text):
        out.append((int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2))))
    for m in _DMY.finditer(text):
        out.append((int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1))))
    days = []
    for y, mo, d in out:
        try:
            days.append(date(y, mo, d).isoformat())
        except ValueError:
            continue
    return days


def timeline_date_f1(ds: Labelled, stories: dict[str, str]) -> dict[str, Any]:
    """Per gold timeline: the predicted story holding most of its topic's articles proposes the
    ``len(gold)`` dates most often published on or mentioned; F1 against the gold dates, averaged."""
    by_id = {it.article_id: it for it in ds.items}
    scores = []
    for tl in ds.extra.get("timelines", []):  # type: ignore[attr-defined]
        topic = tl["topic"]
        gold_dates = {e["date"][:10] for e in tl["entries"]}
        members = [a for a, t in ds.stories.items() if t == topic and a in stories]
        if not members or not gold_dates:
            continue
        story = Counter(stories[a] for a in members).most_common(1)[0][0]
        counts: Counter[str] = Counter()
        for aid, sid in stories.items():
            if sid != story:
                continue
            it = by_id[aid]
            if it.published is not None:
                counts[it.published.date().isoformat()] += 1
            counts.update(set(_mentioned_days(it.text)))
        chosen = {d for d, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: len(gold_dates)]}
        tp = len(chosen & gold_dates)
        p = tp / len(chosen) if chosen else 0.0
        r = tp / len(gold_dates)
        scores.append(prf(p, r)["f1"])
    return {"date_f1": round(sum(scores) / len(scores), 4) if scores else None, "n_timelines": len(scores)}


def evaluate(
    data: Path, split: str | None = None, labels: Path | None = None, **options: Any
) -> dict[str, Any]:
    """Score story threading; keys as in EVAL.md."""
    data = Path(data)
    config = options.get("config")
    result: dict[str, Any] = {"task": "stories"}
    if labels is not None:
        ds = read_stream(data, Path(labels))
        if options.get("pipeline", "full") == "full":
            pred, speed, extra = stream_memberships(data, Path(labels), "stories", options)
            result.update(extra)
        else:
            _, _, pred, speed = run_linker(ds.items, config)
            result["pipeline"] = "text"
        gold = ds.stories
        scored = {k: pred.get(k, f"unstored:{k}") for k in gold}
        result.update(n_articles=len(scored), bcubed=bcubed(gold, scored), pairwise=pairwise(gold, scored))
        result["without_two_largest"] = without_largest(gold, scored, ds.events)
        n_gold = len({gold[k] for k in scored})
        pred = scored  # the clusters counted below are those of the labelled items
    elif (data / "headlines.csv.gz").exists() or data.name.endswith(".csv.gz"):
        # development only: the keyword topic is a noisy silver story label
        ds = read_headline_stories(data, split or "dev")
        _, _, pred, speed = run_linker(ds.items, config)
        result.update(
            split=split or "dev",
            labels="silver (keyword topic)",
            n_articles=len(pred),
            bcubed=bcubed(ds.stories, pred),
            pairwise=pairwise(ds.stories, pred),
        )
        n_gold = len(set(ds.stories.values()))
    elif (data / "docs.jsonl").exists():
        # ECB+ train/dev for development: story = topic, event = gold event cluster
        ds = read_ecbplus_stories(data, split or "dev", options.get("order", "shuffled"))
        _, ev, pred, speed = run_linker(ds.items, config)
        result.update(
            split=split or "dev",
            n_articles=len(pred),
            bcubed=bcubed(ds.stories, pred),
            pairwise=pairwise(ds.stories, pred),
            events={"bcubed": bcubed(ds.events, ev), "n_pred_clusters": len(set(ev.values()))},
        )
        n_gold = len(set(ds.stories.values()))
    elif (data / "timelines.jsonl").exists():
        ds = read_timeline17(data)
        _, _, pred, speed = run_linker(ds.items, config)
        result.update(
            n_articles=len(pred),
            bcubed=bcubed(ds.stories, pred),
            pairwise=pairwise(ds.stories, pred),
            timeline=timeline_date_f1(ds, pred),
        )
        n_gold = len(set(ds.stories.values()))
    elif list(data.glob("story_pairs-*coder1*.csv")):
        ds = read_story_chains(data)
        _, _, pred, speed = run_linker(ds.items, config)
        ids = [it.article_id for it in ds.items]
        pairs: list[tuple[str, str]] = list(ds.extra["pairs"])  # type: ignore[call-overload]
        gold = components(pairs, ids)
        result.update(
            n_articles=len(ids), bcubed=bcubed(gold, pred), pairwise=pairwise_from_pairs(pairs, pred, ids)
        )
        n_gold = len(set(gold.values()))
    else:
        raise ValueError(
            f"{data}: neither news_story_chains, timeline17, the headline corpus, ECB+, "
            "nor a stream with --labels"
        )
    result["n_gold_clusters"] = n_gold
    result["n_pred_clusters"] = len(set(pred.values()))
    result["articles_per_s"] = round(speed, 1)
    return result


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - developer entry point
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--labels", type=Path, default=None)
    ap.add_argument("--split", default=None, help="dev|dev2 (headlines), train|dev (ECB+)")
    ap.add_argument("--pipeline", default="full", choices=["full", "text"])
    ap.add_argument("--profile", default="fast")
    args = ap.parse_args(argv)
    print(json.dumps(evaluate(args.data, args.split, args.labels, pipeline=args.pipeline, profile=args.profile)))


if __name__ == "__main__":  # pragma: no cover
    main()
