"""Build ``storyline/data/common_words.txt.gz``: capitalised German words that are ordinary words, not
names ("Winter", "Anfang", "Neuer", "Weil", "Linke"), one per line, sorted.

Why: entity identity adds a mention for a known person's bare surname that the tagger missed
("Füllkrug feiert beim Debüt"). Many surnames are also common German words ("Baum", "Freitag",
"Sonntag", "Winter" as surnames of people in the news), so a word on this list is never taken for a
name on its own. The list is counted from unlabelled German text, no labels involved:

- ``low``: the word's lower-case form occurs (an adjective, a conjunction: "neuer", "weil", "groß");
- ``det``: the capitalised word follows an article or a contracted preposition ("der Winter",
  "am Freitag", "die Linke"), which names of people rarely do ("der Trump": 1 % of its mid-sentence uses).

A word is common when ``low >= max(2, 0.2 * cap)`` or ``det >= 2 and det >= 0.08 * mid`` (``cap``: its
capitalised uses, ``mid``: those not at the start of a sentence).

Sources (``../shared/data``): 10kGNAD, the German Wikinews train split and the 2013–2023 headlines. The
front-page stream is left out, so its labelled mornings play no part.

Run: ``.venv/bin/python training/lexicon/common_words.py``
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "storyline" / "data" / "common_words.txt.gz"

TOKEN = re.compile(r"[\wÄÖÜäöüß]+(?:-[\wÄÖÜäöüß]+)*|[^\w\s]")
DETERMINERS = frozenset(
    ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "kein", "keine", "keinen", "keinem", "keiner", "sein", "seine", "ihr", "ihre", "unser", "unsere", "dieser", "diese", "dieses", "diesen", "jeder", "jede", "jedes", "im", "am", "vom", "zum", "zur", "beim", "ins"]
)


def texts() -> Iterator[str]:
    """Titles and texts of the unlabelled German corpora."""
    csv.field_size_limit(10**8)
    with (DATA / "10kgnad" / "test.csv").open(encoding="utf-8") as fh:
        yield from (row[1] for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) >= 2)
    with (DATA / "dewikinews_quotes" / "docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc.get("split") == "train":
                yield doc.get("title") or ""
                yield doc.get("text") or ""
    with gzip.open(DATA / "de_headlines_2013_2023" / "headlines.csv.gz", "rt", encoding="utf-8") as fh:
        yield from (row.get("title") or "" for row in csv.DictReader(fh))


def count() -> tuple[Counter[str], Counter[str], Counter[str], Counter[str]]:
    cap: Counter[str] = Counter()
    mid: Counter[str] = Counter()
    det: Counter[str] = Counter()
    low: Counter[str] = Counter()
    for text in texts():
        prev = ""
        for word in TOKEN.findall(text):
            if word[0].isupper():
                cap[word] += 1
                mid[word] += prev[:1].isalpha()
                det[word] += prev.lower() in DETERMINERS
            elif word[0].islower():
                low[word] += 1
            prev = word
    return cap, mid, det, low


def common(cap: Counter[str], mid: Counter[str], det: Counter[str], low: Counter[str]) -> list[str]:
    out = []
    for word, n in cap.items():
        lower = low[word.lower()]
        if lower >= max(2, 0.2 * n) or (det[word] >= 2 and det[word] >= 0.08 * mid[word]):
            out.append(word)
    return sorted(out)


def main() -> int:
    if not (DATA / "de_headlines_2013_2023").exists():
        print(f"{DATA} lacks the German corpora; nothing built", file=sys.stderr)
        return 1
    words = common(*count())
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:  # mtime 0: the same corpora give the same bytes
        fh.write(("\n".join(words) + "\n").encode("utf-8"))
    print(f"{len(words)} common words -> {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
