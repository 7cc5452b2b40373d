"""Rebuild ``storyline/models/quotes/speaker_ranker.json``, the speaker ranker for quotes without a cue.

What it does: runs structure → sentences → quotes on the **train** split with the rules choosing
speakers, records every ranker decision point (direct quote without a cue, Konjunktiv continuation,
"soll" hearsay) with its candidate phrases and their features (``storyline/nlp/quotes/ranker.py``),
labels a candidate as right when its tokens match the gold speaker of the gold quote the system quote
is aligned to (speaker-token F1 ≥ 0.5, or both empty: the joint criterion of the scorer), and fits a
conditional logit (softmax over a decision's candidates, L2, plain numpy gradient descent), each
decision weighted by its common message tokens, as the joint score weighs it. Dev is only used to
report decision accuracy and, with ``--eval``, the scores; test is never read.

    .venv/bin/python training/quotes/train_ranker.py --data ../shared/data/dewikinews_quotes --eval
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from storyline.eval import quotes as ev  # noqa: E402
from storyline.nlp.quotes import ranker as rk  # noqa: E402
from storyline.nlp.quotes.trace import Tracer  # noqa: E402

OUT = ROOT / "storyline" / "models" / "quotes" / "speaker_ranker.json"

Decision = tuple[np.ndarray, np.ndarray, float, int, str]  # X, y (0/1), weight, rule choice, kind
DEBUG: list[Any] | None = None  # set to a list to get readable decisions (for error analysis)


def collect(data: Path, split: str) -> list[Decision]:
    stages = ev.build_stages()
    out: list[Decision] = []
    for rec in ev.read_docs(data, split):
        doc = ev._document(rec)
        for stage in stages[:-1]:
            doc = stage(doc)
        tracer = Tracer(collect=True)  # the rules choose while the ranker's decisions are recorded
        doc = stages[-1].annotate(doc, tracer)
        records = tracer.decisions
        starts = ev.token_starts(doc.text)
        gold = ev.gold_items(rec, starts)
        quotes = list(doc.quotes)
        system = ev.system_items(starts, quotes, typed=False)
        pair = dict(ev.align(system, gold))
        for quote, xs, cands in records:
            i = next((k for k, q in enumerate(quotes) if q is quote), None)
            if i is None or i not in pair:
                continue
            g = gold[pair[i]]
            weight = len(system[i].message & g.message)
            labels = []
            for c in cands:
                toks = ev.to_tokens(starts, [c.span]) if c.span is not None else frozenset()
                labels.append(1.0 if (not toks and not g.speaker) or ev._f1(toks, g.speaker) >= 0.5 else 0.0)
            sys_toks = system[i].speaker
            rule = next(
                (
                    k
                    for k, c in enumerate(cands)
                    if (ev.to_tokens(starts, [c.span]) if c.span else frozenset()) == sys_toks
                ),
                -1,
            )
            kind = next(k for k in rk.KINDS if xs[0][rk.FEATURES.index(f"{k}*{cands[0].source}")] == 1.0)
            out.append((np.array(xs), np.array(labels), float(weight), rule, kind))
            if DEBUG is not None:
                texts = [doc.text[c.span[0] : c.span[1]] if c.span else "" for c in cands]
                gold_sp = [doc.text[a:b] for a, b in rec["quotes"][pair[i]]["speaker_char_spans"]]
                context = doc.text[max(0, quote.message[0].start - 250) : quote.message[0].start + 80]
                DEBUG.append(
                    (
                        kind,
                        list(zip([c.source for c in cands], texts, labels, strict=True)),
                        gold_sp,
                        rule,
                        context,
                    )
                )
    return out


def fit(decisions: list[Decision], l2: float, epochs: int, lr: float, power: float = 0.5) -> np.ndarray:
    """Softmax over each decision's candidates; a decision weighs (common message tokens) ** power."""
    usable = [(x, y, weight**power, r, k) for x, y, weight, r, k in decisions if y.any()]
    w = np.zeros(len(rk.FEATURES))
    total = sum(d[2] for d in usable) or 1.0
    for _ in range(epochs):
        grad = l2 * w
        for x, y, weight, _, _ in usable:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            target = y / y.sum()
            grad += (weight / total) * (x.T @ (p - target))
        w -= lr * grad
    return w


def accuracy(decisions: list[Decision], w: np.ndarray | None) -> float:
    """Token-weighted share of decisions whose chosen candidate is right (None: the rules' choice)."""
    right = total = 0.0
    for x, y, weight, rule, _ in decisions:
        total += weight
        k = rule if w is None else int(np.argmax(x @ w))
        right += weight * (y[k] if k >= 0 else 0.0)
    return round(right / total, 4) if total else 0.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dewikinews_quotes")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--l2", type=float, default=0.01, help="L2 of the direct-quote model")
    parser.add_argument("--frame-l2", type=float, default=0.003, help="L2 of the cue-frame model")
    parser.add_argument("--epochs", type=int, default=2000)
    parser.add_argument("--lr", type=float, default=2.0)
    parser.add_argument("--power", type=float, default=0.5, help="decision weight = message tokens ** power")
    parser.add_argument(
        "--groups",
        default="direct;frame_before,frame_after,frame_prep",
        help="decision kinds the ranker takes over: ';' separates models, ',' kinds sharing one",
    )
    parser.add_argument("--eval", action="store_true", help="score train and dev with the new model")
    args = parser.parse_args(argv)
    t0 = time.time()
    train = collect(args.data, "train")
    dev = collect(args.data, "dev")
    models = []
    chosen: dict[str, np.ndarray] = {}
    for group in args.groups.split(";"):
        kinds = [k for k in group.split(",") if k in rk.KINDS]
        l2 = args.l2 if kinds == ["direct"] else args.frame_l2
        w = fit([d for d in train if d[4] in kinds], l2, args.epochs, args.lr, args.power)
        models.append({"kinds": kinds, "l2": l2, "weights": [round(float(v), 5) for v in w]})
        chosen.update({k: w for k in kinds})
    report: dict[str, Any] = {
        "features": rk.FEATURES,
        "models": models,
        "training": {
            "data": "dewikinews_quotes docs.jsonl (Petersen-Frey & Biemann 2024), train split only",
            "script": "training/quotes/train_ranker.py",
            "settings": {
                "l2": args.l2,
                "epochs": args.epochs,
                "lr": args.lr,
                "power": args.power,
                "model": "conditional logit (softmax over candidates), numpy full-batch gradient descent",
            },
            "decisions": {"train": len(train), "dev": len(dev)},
            "decision_accuracy": {},
        },
    }
    for kind, w in chosen.items():
        d = [x for x in dev if x[4] == kind]
        t = [x for x in train if x[4] == kind]
        report["training"]["decision_accuracy"][kind] = {
            "rules": {"train": accuracy(t, None), "dev": accuracy(d, None)},
            "ranker": {"train": accuracy(t, w), "dev": accuracy(d, w)},
            "n": {"train": len(t), "dev": len(d)},
        }
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    rk.load.cache_clear()
    if args.eval:
        scores = {}
        for split in ("train", "dev"):
            r = ev.evaluate(args.data, split)
            scores[split] = {k: r[k]["f1"] for k in ("message", "speaker", "joint")}
            scores[split]["by_type_joint"] = {t: v["joint"]["f1"] for t, v in r["by_type"].items()}
        report["training"]["scores"] = scores
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    report["training"]["seconds"] = round(time.time() - t0, 1)
    print(json.dumps(report["training"], ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
