"""Train the vocabulary year model that dating falls back on (storyline/nlp/dating_years.json.gz).

A multinomial Naive Bayes over capitalised words (names of people, places, events: "Köhler",
"Obama", "Euro-Krise") with one class per publication year, trained on the *train* split of
../shared/data/dewikinews_quotes only (dev is for tuning, test for reporting). It stores counts per
word and year, not text. Deterministic: same data, same file.

    .venv/bin/python training/dating/train_year_model.py --data ../shared/data/dewikinews_quotes
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
from pathlib import Path

from storyline.nlp.dating import YEAR_MODEL_PATH, vocabulary

MIN_DF = 2
MAX_DF_SHARE = 0.3


def train(docs: list[dict]) -> dict:
    df: collections.Counter[str] = collections.Counter()
    counts: dict[str, collections.Counter[int]] = collections.defaultdict(collections.Counter)
    per_year: collections.Counter[int] = collections.Counter()
    for d in docs:
        year = int(d["date"][:4])
        per_year[year] += 1
        for tok in vocabulary((d.get("title") or "") + "\n" + d["text"]):
            df[tok] += 1
            counts[tok][year] += 1
    keep = sorted(t for t, c in df.items() if MIN_DF <= c <= len(docs) * MAX_DF_SHARE)
    years = sorted(per_year)
    return {
        "about": "multinomial NB, capitalised words -> publication year; dewikinews_quotes train split",
        "years": years,
        "docs_per_year": [per_year[y] for y in years],
        "tokens_per_year": [sum(counts[t][y] for t in keep) for y in years],
        "vocab": keep,
        "counts": [[counts[t][y] for y in years] for t in keep],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=YEAR_MODEL_PATH)
    args = ap.parse_args()
    rows = [json.loads(line) for line in (args.data / "docs.jsonl").read_text(encoding="utf-8").splitlines() if line]
    docs = [d for d in rows if d.get("split") == "train" and not d["date"].startswith("0001")]
    model = train(docs)
    raw = json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with gzip.GzipFile(args.out, "wb", mtime=0) as fh:
        fh.write(raw)
    print(f"{len(docs)} documents, {len(model['vocab'])} words, {len(model['years'])} years -> {args.out}")


if __name__ == "__main__":
    main()
