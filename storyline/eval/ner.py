"""``storyline eval ner``: exact-span P/R/F1 over PER/ORG/LOC/MISC (see ../shared/EVAL.md).

Datasets: GermEval 2014 (the project's fixed split over the two released files: train = test.tsv 0–4099 +
dev.tsv 0–1699, dev = dev.tsv 1700–2199, test = test.tsv 4100–5099; outer spans, OTH → MISC, ``deriv`` and
``part`` spans dropped) and WikiNEuRal (``val.conllu`` = dev, ``test.conllu`` = test).
Each sentence is given to the tagger as its tokens joined by single spaces, and predicted character
spans are compared with the gold token spans in that text.

Run as ``python -m storyline.eval.ner --data DIR --split dev --model fast``.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LABELS = ("PER", "ORG", "LOC", "MISC")
_GERMEVAL_SPLITS = {
    "train": [("NER-de-test.tsv", 0, 4100), ("NER-de-dev.tsv", 0, 1700)],
    "dev": [("NER-de-dev.tsv", 1700, 2200)],
    "test": [("NER-de-test.tsv", 4100, 5100)],
}


@dataclass(slots=True)
class Sentence:
    tokens: list[str]
    tags: list[str]  # BIO over PER/ORG/LOC/MISC

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    def offsets(self) -> list[tuple[int, int]]:
        out, pos = [], 0
        for tok in self.tokens:
            out.append((pos, pos + len(tok)))
            pos += len(tok) + 1
        return out

    def spans(self) -> list[tuple[int, int, str]]:
        """Gold entity spans as character offsets into ``text``."""
        offs = self.offsets()
        return [(offs[a][0], offs[b - 1][1], lab) for a, b, lab in bio_spans(self.tags)]


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans ``(start, end, label)`` from BIO tags (an I- without a matching B- starts a span)."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and tag[2:] == label and start >= 0
        if inside:
            continue
        if start >= 0:
            spans.append((start, i, label))
            start, label = -1, ""
        if tag.startswith(("B-", "I-")):
            start, label = i, tag[2:]
    return spans


def _map_germeval(tag: str) -> str:
    if tag == "O" or tag.endswith(("deriv", "part")):
        return "O"
    prefix, label = tag[:2], tag[2:]
    return prefix + ("MISC" if label == "OTH" else label)


def read_germeval_file(path: Path) -> list[Sentence]:
    sents: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if toks:
                    sents.append(Sentence(toks, tags))
                    toks, tags = [], []
                continue
            cols = line.split("\t")
            toks.append(cols[1])
            tags.append(_map_germeval(cols[2]))
    if toks:
        sents.append(Sentence(toks, tags))
    return sents


def read_conll(path: Path, strip_prefix: str = "") -> list[Sentence]:
    """Token-per-line files: WikiNEuRal (idx, token, tag) and WikiANN (``de:token tag``)."""
    sents: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.split()
            if not cols:
                if toks:
                    sents.append(Sentence(toks, tags))
                    toks, tags = [], []
                continue
            tok, tag = (cols[1], cols[2]) if len(cols) >= 3 else (cols[0], cols[1])
            if strip_prefix and tok.startswith(strip_prefix):
                tok = tok[len(strip_prefix) :]
            if tag != "O" and tag[2:] not in LABELS:
                tag = "O"
            toks.append(tok)
            tags.append(tag)
    if toks:
        sents.append(Sentence(toks, tags))
    return sents


def load(data: Path, split: str) -> list[Sentence]:
    data = Path(data)
    if (data / "NER-de-dev.tsv").exists():
        out: list[Sentence] = []
        cache: dict[str, list[Sentence]] = {}
        for name, a, b in _GERMEVAL_SPLITS[split]:
            if name not in cache:
                cache[name] = read_germeval_file(data / name)
            out.extend(cache[name][a:b])
        return out
    if (data / "test.conllu").exists():
        name = {"dev": "val.conllu", "test": "test.conllu", "train": "train.conllu"}[split]
        return read_conll(data / name)
    if (data / "train").is_file():
        return read_conll(data / split, strip_prefix="de:")
    raise FileNotFoundError(f"no NER data set recognised in {data}")


def score(gold: list[list[tuple[int, int, str]]], pred: list[list[tuple[int, int, str]]]) -> dict[str, Any]:
    def prf(tp: int, np_: int, ng: int) -> dict[str, float]:
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        return {
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "n_gold": ng,
            "n_pred": np_,
        }

    counts = {lab: [0, 0, 0] for lab in LABELS}
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(g), set(p)
        for s in ps:
            if s[2] in counts:
                counts[s[2]][1] += 1
                if s in gs:
                    counts[s[2]][0] += 1
        for s in gs:
            counts[s[2]][2] += 1
    tot = [sum(c[i] for c in counts.values()) for i in range(3)]
    res: dict[str, Any] = prf(*tot)
    res["per_type"] = {lab: prf(*c) for lab, c in counts.items()}
    return res


def evaluate(data: Path, split: str | None = None, model: str = "accurate", **options: Any) -> dict[str, Any]:
    """Tag every sentence of ``data``/``split`` with profile ``model`` and score exact spans."""
    from ..nlp.ner.tagger import load_tagger

    split = split or "test"
    sents = load(Path(data), split)
    limit = options.get("limit")
    if limit:
        sents = sents[: int(limit)]
    tagger = load_tagger(model)
    texts = [s.text for s in sents]
    tagger.tag(texts[:16])  # warm-up
    t0 = time.perf_counter()
    pred = tagger.tag(texts)
    dt = time.perf_counter() - t0
    res = score([s.spans() for s in sents], pred)
    out: dict[str, Any] = {"task": "ner", "split": split, "n_sentences": len(sents)}
    out.update({k: res[k] for k in ("precision", "recall", "f1")})
    out["per_type"] = res["per_type"]
    out["sentences_per_s"] = len(sents) / dt if dt > 0 else 0.0
    out["model"] = model
    out["data"] = str(data)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m storyline.eval.ner")
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--split", default="test")
    ap.add_argument("--model", default="accurate", choices=["accurate", "fast"])
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    print(json.dumps(evaluate(args.data, args.split, args.model, limit=args.limit), indent=1))


if __name__ == "__main__":
    main()
