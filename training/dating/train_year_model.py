"""Train the year model that dating relies on (storyline/nlp/dating_years.json.gz).

What is learned, all from the *train* split of ../shared/data/dewikinews_quotes (dev is for checking,
test for reporting only and never read here):
* a multinomial Naive Bayes over capitalised words (names of people, places, events: "Köhler",
  "Obama", "Euro-Krise") with one class per publication year — counts per word and year, no text;
* how far publication lies after the latest year a text names, and after its latest full date
  (offset tables: mostly 0 or +1, a long tail of history);
* the weights that combine these with the year prior and weekday fits, chosen by k-fold
  cross-validation on train (every fold refits counts and tables on the other folds).
The script then refits on all of train, scores dev and writes the model plus a report of data, settings
and CV/dev scores next to this script (year_model_report.json). Deterministic: same data, same file.

    .venv/bin/python training/dating/train_year_model.py --data ../shared/data/dewikinews_quotes
"""

from __future__ import annotations

import argparse
import collections
import gzip
import itertools
import json
import statistics
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from storyline.nlp.dating import OFFSET_RANGE, YEAR_MODEL_PATH, YearModel, estimate_with, prepare, vocabulary
from storyline.nlp.time.tagger import extract

REPORT_PATH = Path(__file__).with_name("year_model_report.json")
FEATURES = "capitalised"  # or "words": all words of 3+ letters (CV on train: 39.3 % exact year vs 40.2 %)
MIN_DF = 2
MAX_DF_SHARE = 0.3
ALPHA = 1.0
PRIOR_SMOOTHING = 0.5
OFFSET_SMOOTHING = 0.5
OUTSIDE_SPAN = 20  # offsets outside OFFSET_RANGE share their mass evenly over about this many years
FOLDS = 5
GRID = {
    "prior": [1.0, 1.5, 2.0],
    "vocab": [0.05, 0.1, 0.2],
    "offset": [1.5, 2.0, 3.0],
    "month": [0.0, 1.0, 2.0],
    "weekday": [8.0],
}


@dataclass(slots=True)
class Item:
    gold: date
    ev: Any
    words: set[str]


def load(data: Path, split: str) -> list[Item]:
    if split == "test":
        raise SystemExit("the test split is for reporting only")
    rows = [json.loads(line) for line in (data / "docs.jsonl").read_text(encoding="utf-8").splitlines() if line]
    items = []
    for d in rows:
        if d.get("split") != split or d["date"].startswith("0001"):
            continue
        text = (d.get("title") or "") + "\n" + d["text"]
        items.append(Item(date.fromisoformat(d["date"][:10]), prepare(extract(text, None, "de")),
                          vocabulary(text, FEATURES)))
    return items


def _offset_table(offsets: list[int]) -> dict[str, Any]:
    lo, hi = OFFSET_RANGE
    inside = collections.Counter(o for o in offsets if lo <= o <= hi)
    return {"lo": lo, "counts": [inside[o] for o in range(lo, hi + 1)],
            "outside": sum(1 for o in offsets if not lo <= o <= hi), "outside_span": OUTSIDE_SPAN}


def fit(items: list[Item], weights: dict[str, float]) -> dict[str, Any]:
    df: collections.Counter[str] = collections.Counter()
    counts: dict[str, collections.Counter[int]] = collections.defaultdict(collections.Counter)
    per_year: collections.Counter[int] = collections.Counter()
    latest, latest_full, latest_month = [], [], []
    for it in items:
        year = it.gold.year
        per_year[year] += 1
        for tok in it.words:
            df[tok] += 1
            counts[tok][year] += 1
        if it.ev.years:
            latest.append(year - max(y for y, _ in it.ev.years))
        if it.ev.full:
            latest_full.append(year - max(d.year for d, _ in it.ev.full))
        if it.ev.months:
            latest_month.append(year - max(y for y, _, _ in it.ev.months))
    keep = sorted(t for t, c in df.items() if MIN_DF <= c <= len(items) * MAX_DF_SHARE)
    years = sorted(per_year)
    return {
        "about": "publication-year model: NB over capitalised words + offset tables; dewikinews_quotes train",
        "years": years,
        "docs_per_year": [per_year[y] for y in years],
        "tokens_per_year": [sum(counts[t][y] for t in keep) for y in years],
        "vocab": keep,
        "counts": [[counts[t][y] for y in years] for t in keep],
        "features": FEATURES,
        "alpha": ALPHA,
        "prior_smoothing": PRIOR_SMOOTHING,
        "offset_smoothing": OFFSET_SMOOTHING,
        "offsets": {"latest_year": _offset_table(latest), "latest_full": _offset_table(latest_full),
                    "latest_month": _offset_table(latest_month)},
        "weights": weights,
    }


def kind(it: Item) -> str:
    ev = it.ev
    return "full" if ev.full else "daymonth" if ev.daymonth else "years" if ev.years else "none"


def score(items: list[Item], models: list[YearModel | None]) -> dict[str, Any]:
    """Metrics as storyline.eval.dating computes them, overall and per evidence type."""
    groups: dict[str, list[tuple[Item, Any]]] = collections.defaultdict(list)
    for it, model in zip(items, models, strict=True):
        est = estimate_with(it.ev, it.words, model)
        groups["all"].append((it, est))
        groups[kind(it)].append((it, est))
    out = {}
    for name, pairs in groups.items():
        n = len(pairs)
        diffs = [abs((est.value.date() - it.gold).days) for it, est in pairs if est is not None]
        out[name] = {
            "n": n,
            "exact_year": round(sum(est is not None and est.value.year == it.gold.year for it, est in pairs) / n, 4),
            "within_7_days": round(sum(d <= 7 for d in diffs) / n, 4),
            "within_30_days": round(sum(d <= 30 for d in diffs) / n, 4),
            "median_abs_days": statistics.median(diffs) if diffs else None,
        }
    return out


def fold_models(items: list[Item], folds: int = FOLDS) -> list[YearModel]:
    """One model per fold, fitted on the other folds (weights are set per trial)."""
    return [YearModel.from_dict(fit([it for i, it in enumerate(items) if i % folds != f], {})) for f in range(folds)]


def cross_validate(items: list[Item], models: list[YearModel], weights: dict[str, float]) -> dict[str, Any]:
    for m in models:
        m.weights = dict(weights)
    return score(items, [models[i % len(models)] for i in range(len(items))])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=YEAR_MODEL_PATH)
    ap.add_argument("--report", type=Path, default=REPORT_PATH)
    args = ap.parse_args()
    t0 = time.perf_counter()
    train, dev = load(args.data, "train"), load(args.data, "dev")
    folds = fold_models(train)
    trials = []
    for values in itertools.product(*GRID.values()):
        weights = dict(zip(GRID, values, strict=True))
        cv = cross_validate(train, folds, weights)["all"]
        trials.append((cv["exact_year"], cv["within_30_days"], -cv["median_abs_days"], weights))
    best = max(trials, key=lambda t: t[:3])[3]
    cv = cross_validate(train, folds, best)
    raw = fit(train, best)
    model = YearModel.from_dict(raw)
    dev_scores = score(dev, [model] * len(dev))
    payload = json.dumps(raw, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    args.out.write_bytes(gzip.compress(payload, mtime=0))  # no name, no time in the header: same data, same bytes
    report = {
        "data": f"{args.data.name}: train {len(train)} docs (fit and {FOLDS}-fold CV), dev {len(dev)} docs (check)",
        "settings": {"features": FEATURES, "min_df": MIN_DF, "max_df_share": MAX_DF_SHARE, "alpha": ALPHA, "prior_smoothing": PRIOR_SMOOTHING,
                     "offset_smoothing": OFFSET_SMOOTHING, "offset_range": OFFSET_RANGE, "outside_span": OUTSIDE_SPAN,
                     "grid": GRID, "chosen_weights": best},
        "model": {"file": args.out.name, "bytes": args.out.stat().st_size, "words": len(raw["vocab"]),
                  "years": raw["years"]},
        "cv_train": cv,
        "dev": dev_scores,
    }
    args.report.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({"weights": best, "cv": cv["all"], "dev": dev_scores["all"],
                      "seconds": round(time.perf_counter() - t0, 1)}, indent=1))


if __name__ == "__main__":
    main()
