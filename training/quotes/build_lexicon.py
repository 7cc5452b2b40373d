"""Rebuild ``storyline/models/quotes/lowercase_words.txt`` from the train split (reproducible).

Why: German capitalises nouns, so a capitalised word is a speaker candidate, except at the start of a
sentence, where adverbs, verbs and conjunctions are capitalised too ("Kurz zuvor hatte …", "Zudem
drohte er …"). Words that the corpus writes in lower case inside sentences more often than capitalised
are such words; the speaker heuristics skip them at a sentence start. Only the train split is read.

    python training/quotes/build_lexicon.py --data ../shared/data/dewikinews_quotes
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "storyline" / "models" / "quotes" / "lowercase_words.txt"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def build(data: Path, min_count: int = 2) -> list[str]:
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    with (data / "docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("split") != "train":
                continue
            for sent in re.split(r"(?<=[.!?:])\s+|\n+", rec["text"]):
                words = _WORD.findall(sent)
                for w in words[1:]:
                    if w[0].islower():
                        lower[w] += 1
                    else:
                        upper[w.lower()] += 1
    return sorted(w for w, n in lower.items() if n >= min_count and n > upper[w])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/dewikinews_quotes"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    words = build(args.data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words → {args.out}")


if __name__ == "__main__":
    main()
