"""How good is the gazetteer ruler alone? Exact-span precision/recall against GermEval 2014 outer spans.

Why: the ruler adds mentions the tagger missed, so its precision matters more than its recall. Names
(countries, cities, organisations) are scored against gold LOC/ORG spans, adjectives against gold
LOCderiv spans ("südkoreanischen"), on the project's dev split (dev file sentences 1700–2199).

Run: ``.venv/bin/python training/gazetteer/eval_ruler.py ../shared/data/germeval2014 [--split test]``
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storyline.nlp.gazetteer import find

SPLITS = {"dev": ("NER-de-dev.tsv", 1700, 2200), "test": ("NER-de-test.tsv", 4100, 5100)}


def sentences(path: Path, lo: int, hi: int) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """(text, {(start, end, tag)}) per sentence, tokens joined by single spaces."""
    out, tokens, tags, index = [], [], [], -1
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#"):
            index += 1
            continue
        if line.strip():
            parts = line.split("\t")
            tokens.append(parts[1])
            tags.append(parts[2])
            continue
        if tokens and lo <= index < hi:
            out.append(_spans(tokens, tags))
        tokens, tags = [], []
    return out


def _spans(tokens: list[str], tags: list[str]) -> tuple[str, set[tuple[int, int, str]]]:
    text, starts = "", []
    for tok in tokens:
        starts.append(len(text) + (1 if text else 0))
        text = f"{text} {tok}" if text else tok
    gold, open_ = set(), None
    for i, tag in enumerate([*tags, "O"]):
        if open_ and not tag.startswith("I-"):
            s, kind = open_
            gold.add((starts[s], starts[i - 1] + len(tokens[i - 1]), kind))
            open_ = None
        if tag.startswith("B-"):
            open_ = (i, tag[2:])
    return text, gold


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--split", choices=sorted(SPLITS), default="dev")
    args = ap.parse_args()
    name, lo, hi = SPLITS[args.split]
    counts = {k: [0, 0, 0] for k in ("names", "adjectives")}  # true positives, predicted, gold
    for text, gold in sentences(args.data / name, lo, hi):
        names = {(s, e) for s, e, kind in gold if kind in ("LOC", "ORG")}
        derivs = {(s, e) for s, e, kind in gold if kind == "LOCderiv"}
        counts["names"][2] += len(names)
        counts["adjectives"][2] += len(derivs)
        for s, e, hit in find(text, "de"):
            if hit.relation == "part":
                continue  # "US" of "US-Armee": GermEval marks the whole word (LOCpart), not comparable
            kind = "adjectives" if hit.relation == "adjective" else "names"
            counts[kind][1] += 1
            counts[kind][0] += (s, e) in (derivs if kind == "adjectives" else names)
    for kind, (tp, pred, gold_n) in counts.items():
        p, r = tp / max(pred, 1), tp / max(gold_n, 1)
        print(f"{kind:10} precision {p:.3f}  recall {r:.3f}  (matched {tp}, ruler {pred}, gold {gold_n})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
