"""Article dating scored on German Wikinews (dewikinews_quotes): the gold is each article's date.

The system sees only title and text (never the date) and runs the real "dating" stage. Scoring:
``exact_year`` and ``within_7_days``/``within_30_days`` are shares of *all* scored articles (an article
without an estimate counts as wrong), ``median_abs_days`` is over the articles with an estimate and
``coverage`` is the share that got one. The one article whose gold date is the placeholder 0001-01-01
is not a date and is left out (reported as ``n_skipped``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import date
from pathlib import Path
from typing import Any


def load(data: Path, split: str | None) -> list[dict[str, Any]]:
    path = data / "docs.jsonl" if data.is_dir() else data
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if split:
        docs = [d for d in docs if d.get("split") == split]
    return docs


def evaluate(data: Path, split: str | None = None, **options: Any) -> dict[str, Any]:
    from ..model import Article, Document
    from ..nlp.dating import DatingStage

    split = split or "test"
    docs = load(Path(data), split)
    stage = DatingStage(None)
    n = skipped = exact = w7 = w30 = covered = 0
    diffs: list[int] = []
    errors: list[str] = []
    t0 = time.perf_counter()
    for d in docs:
        try:
            gold = date.fromisoformat(d["date"][:10])
        except (KeyError, ValueError):
            skipped += 1
            continue
        if gold.year < 1900:
            skipped += 1
            continue
        doc = Document(Article(id=str(d.get("doc_id")), text=d.get("text", ""), title=d.get("title"), language="de"))
        stage(doc)
        n += 1
        pub = doc.article.published
        if pub is None:
            if options.get("errors"):
                errors.append(f"NONE gold={gold} {d.get('title')!r}")
            continue
        covered += 1
        delta = abs((pub.date() - gold).days)
        diffs.append(delta)
        exact += pub.year == gold.year
        w7 += delta <= 7
        w30 += delta <= 30
        if options.get("errors") and delta > 7:
            est = doc.article.date_estimate
            errors.append(f"{delta:6d}d gold={gold} est={pub.date()} conf={est.confidence if est else None} "
                          f"{est.evidence[:2] if est else ''} {d.get('title')!r}")
    elapsed = time.perf_counter() - t0
    res: dict[str, Any] = {
        "task": "dating", "split": split, "n": n, "n_skipped": skipped,
        "exact_year": round(exact / n, 4) if n else 0.0,
        "within_7_days": round(w7 / n, 4) if n else 0.0,
        "within_30_days": round(w30 / n, 4) if n else 0.0,
        "median_abs_days": statistics.median(diffs) if diffs else None,
        "coverage": round(covered / n, 4) if n else 0.0,
        "articles_per_s": round(n / elapsed, 1) if elapsed else None,
    }
    if options.get("errors"):
        res["errors"] = errors
    return res


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--split", default=None)
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    res = evaluate(args.data, args.split, errors=args.errors)
    for line in res.pop("errors", []):
        print(line)
    print(json.dumps(res, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
