"""Build ``storyline/data/rarely_names.txt.gz``: capitalised words that the accurate tagger itself
seldom takes for (part of) a name, one per line, sorted ("Feuerwerk", "Woche", "Kolumne", "Polizei").

Why: in a headline the tagger now and then tags such a word alone as a person or an organisation
("Böller" as a person, "Feuerwerk" and "Kolumne" as organisations), and the stream then holds an
entity of that name. Where the same tagger, over a large sample of unlabelled news, leaves a word
outside any name most of the time, a one-word person or organisation of that surface is the odd case,
not a name. Counted from the silver sentences of ``training/ner/silver.py`` (the accurate model's tags
on unlabelled news: 10kGNAD, Wikinews train, the 2013–2023 headlines), leaving out every sentence that
also occurs in the front-page stream, so its labelled mornings play no part.

A word is listed when it occurs capitalised, not first in its sentence, at least ``MIN_USES`` times,
and less than ``MAX_RATE`` of those uses lie inside a tagged name.

Run: ``.venv/bin/python training/ner/silver.py`` (once), then ``.venv/bin/python training/lexicon/rarely_names.py``
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training" / "ner"))

from common import _SPLIT, DATA, WORK  # noqa: E402

OUT = ROOT / "storyline" / "data" / "rarely_names.txt.gz"
MIN_USES = 3
MAX_RATE = 0.3
TOKEN = re.compile(r"[\wÄÖÜäöüß][\wÄÖÜäöüß+&-]*")


def stream_texts() -> set[str]:
    """The front-page stream's titles and teaser sentences, as ``common.unlabelled_texts`` yields them."""
    out: set[str] = set()
    p = DATA / "de_frontpages_2026" / "articles.jsonl"
    if not p.exists():
        return out
    with p.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out.add(" ".join((d.get("title") or "").split()))
            if d.get("teaser"):
                out.update(" ".join(s.split()) for s in _SPLIT.split(d["teaser"]) if s.strip())
    return out


def count(silver: Path) -> tuple[Counter[str], Counter[str], int]:
    skip = stream_texts()
    uses: Counter[str] = Counter()
    named: Counter[str] = Counter()
    n = 0
    with silver.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            text, spans = d["text"], d["spans"]
            if text in skip:
                continue
            n += 1
            for m in TOKEN.finditer(text):
                word = m.group(0)
                if m.start() == 0 or not word[:1].isupper():
                    continue
                uses[word] += 1
                if any(s <= m.start() and m.end() <= e for s, e, _ in spans):
                    named[word] += 1
    return uses, named, n


def main() -> None:
    silver = WORK / "silver.jsonl"
    if not silver.exists():
        raise SystemExit(f"{silver} is missing: run training/ner/silver.py first")
    uses, named, n = count(silver)
    words = sorted(w for w, k in uses.items() if k >= MIN_USES and named[w] < MAX_RATE * k)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("\n".join(words) + "\n")
    print(f"{n} silver sentences outside the stream; {len(words)} words -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
