"""Which strategy made each quote, and how often each strategy's speaker is right (error analysis).

What it does: runs structure → sentences → quotes on a split of the German Wikinews quotation corpus
(or on text files) with a ``Tracer`` riding along, and prints per strategy (``storyline/nlp/quotes/
strategies.py``, ``direct_speakers.py``) how many quotes it made, how many of them match a gold quote
and how many of those have the gold speaker (speaker-token F1 ≥ 0.5, or both empty: the scorer's
joint criterion). ``--show NAME`` prints that strategy's quotes with their speakers. Tune on train or
dev only.

    .venv/bin/python training/quotes/trace_quotes.py --data ../shared/data/dewikinews_quotes --split dev
    .venv/bin/python training/quotes/trace_quotes.py --text article.txt --show continuation
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from storyline.eval import quotes as ev  # noqa: E402
from storyline.nlp.quotes.trace import Tracer  # noqa: E402


def run(records: list[dict[str, Any]], show: str | None) -> dict[str, Counter[str]]:
    """Per strategy: quotes made, matched to a gold quote, and with the gold speaker."""
    stages = ev.build_stages()
    counts: dict[str, Counter[str]] = {}
    for rec in records:
        doc = ev._document(rec)
        for stage in stages[:-1]:
            doc = stage(doc)
        tracer = Tracer()
        doc = stages[-1].annotate(doc, tracer)
        starts = ev.token_starts(doc.text)
        gold = ev.gold_items(rec, starts)
        system = ev.system_items(starts, doc.quotes, typed=False)
        pair = dict(ev.align(system, gold))
        for i, quote in enumerate(doc.quotes):
            name = tracer.strategy_of(quote) or "?"
            c = counts.setdefault(name, Counter())
            c["quotes"] += 1
            right = None
            if i in pair:
                c["matched"] += 1
                g = gold[pair[i]].speaker
                right = (not g and not system[i].speaker) or ev._f1(system[i].speaker, g) >= 0.5
                c["speaker_right"] += int(right)
            if show == name:
                speaker = " + ".join(s.text(doc.text) for s in quote.speaker) or "—"
                message = " … ".join(m.text(doc.text) for m in quote.message)
                mark = {True: "ok", False: "WRONG", None: "unmatched"}[right]
                print(f"[{mark}] {speaker} ({quote.speaker_name}): {message[:160]}")
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dewikinews_quotes")
    parser.add_argument("--split", default="dev", choices=("train", "dev"))
    parser.add_argument("--text", type=Path, nargs="*", help="plain German text files instead of a split")
    parser.add_argument("--show", help="print the quotes of this strategy")
    args = parser.parse_args(argv)
    if args.text:
        records = [
            {"doc_id": p.stem, "text": p.read_text(encoding="utf-8"), "quotes": []} for p in args.text
        ]
    else:
        records = list(ev.read_docs(args.data, args.split))
    counts = run(records, args.show)
    print(f"{'strategy':<20} {'quotes':>7} {'matched':>8} {'speaker right':>14}")
    for name, c in sorted(counts.items(), key=lambda kv: -kv[1]["quotes"]):
        share = f"{c['speaker_right'] / c['matched']:.2f}" if c["matched"] else "-"
        print(f"{name:<20} {c['quotes']:>7} {c['matched']:>8} {c['speaker_right']:>9} ({share})")


if __name__ == "__main__":
    main()
