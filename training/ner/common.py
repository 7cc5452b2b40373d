"""Shared helpers for the NER training scripts (paths, corpora, labels, piece alignment)."""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from storyline.eval.ner import Sentence, load  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
MODELS = ROOT / "storyline" / "models" / "ner"
WORK = ROOT / "training" / "ner" / "work"
LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
L2I = {lab: i for i, lab in enumerate(LABELS)}


def hf_tokenizer_path() -> Path:
    import semantra_multilingual

    return Path(semantra_multilingual.__file__).parent / "assets" / "multilingual-e5-small" / "tokenizer.json"


def germeval(split: str) -> list[Sentence]:
    return load(DATA / "germeval2014", split)


def wikiann(split: str = "train") -> list[Sentence]:
    return load(DATA / "wikiann_de", split)


_SMARTDATA_TYPES = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": "LOC",
    "location-route": "LOC",
}
_TOKEN = re.compile(r"\w+(?:[-'.]\w+)*|[^\w\s]")


def _json_stream(text: str) -> Iterator[dict]:
    """The SmartData files are concatenated pretty-printed JSON objects, not JSON Lines."""
    dec, i = json.JSONDecoder(), 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return
        obj, i = dec.raw_decode(text, i)
        yield obj


def smartdata(split: str = "train") -> list[Sentence]:
    """SmartData (DFKI) news with person/organisation/location mentions mapped onto PER/ORG/LOC.

    Only the v1 train file is training data (dev = v3 dev, test = v3 test, per the dataset README).
    SmartData has no MISC type, so MISC names in it read as O: use it as a supplement, not alone."""
    name = {"train": "v1_20180119_train.json.gz", "dev": "v3_20200302_dev.json.gz"}[split]
    p = DATA / "smartdata" / name
    if not p.exists():
        return []
    out: list[Sentence] = []
    with gzip.open(p, "rt", encoding="utf-8") as fh:
        docs = list(_json_stream(fh.read()))
    for d in docs:
        text = (d.get("text") or {}).get("string") or ""
        ents = []
        for m in (d.get("conceptMentions") or {}).get("array") or []:
            lab = _SMARTDATA_TYPES.get(m.get("type", ""))
            if lab:
                ents.append((m["span"]["start"], m["span"]["end"], lab))
        pos = 0
        for line in text.split("\n"):
            for sent in _SPLIT.split(line):
                start = text.find(sent, pos) if sent else -1
                if start < 0 or not sent.strip():
                    continue
                pos = start + len(sent)
                toks = [(start + t.start(), start + t.end()) for t in _TOKEN.finditer(sent)]
                if len(toks) < 3:
                    continue
                tags = ["O"] * len(toks)
                for es, ee, lab in ents:
                    inside = [i for i, (ts, te) in enumerate(toks) if ts >= es and te <= ee]
                    if not inside or any(ts < es < te or ts < ee < te for ts, te in toks):
                        continue  # an entity boundary inside a token: leave it out
                    for k, i in enumerate(inside):
                        tags[i] = ("B-" if k == 0 else "I-") + lab
                out.append(Sentence([text[a:b] for a, b in toks], tags))
    return out


_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"])")


def unlabelled_texts() -> Iterator[str]:
    """German sentences / headlines from the unlabelled corpora in ../shared/data."""
    p = DATA / "10kgnad" / "test.csv"
    if p.exists():
        with p.open(encoding="utf-8") as fh:
            for row in csv.reader(fh, delimiter=";", quotechar="'"):
                if len(row) >= 2:
                    yield from (s for s in _SPLIT.split(row[1]) if s.strip())
    p = DATA / "dewikinews_quotes" / "docs.jsonl"
    if p.exists():
        with p.open(encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                if d.get("split") not in (None, "train"):
                    continue
                yield d.get("title") or ""
                for para in (d.get("text") or "").split("\n"):
                    yield from (s for s in _SPLIT.split(para) if s.strip())
    p = DATA / "de_frontpages_2026" / "articles.jsonl"
    if p.exists():
        with p.open(encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                yield d.get("title") or ""
                if d.get("teaser"):
                    yield from (s for s in _SPLIT.split(d["teaser"]) if s.strip())
    p = DATA / "de_headlines_2013_2023" / "headlines.csv.gz"
    if p.exists():
        with gzip.open(p, "rt", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                yield row.get("title") or ""


def sample_texts(n: int, seed: int, max_chars: int) -> list[str]:
    """``n`` distinct unlabelled texts of 20 to ``max_chars`` characters (white space normalised), in a
    random order fixed by ``seed``."""
    import random

    seen: set[str] = set()
    texts = []
    for t in unlabelled_texts():
        t = " ".join(t.split())
        if 20 <= len(t) <= max_chars and t not in seen:
            seen.add(t)
            texts.append(t)
    random.Random(seed).shuffle(texts)
    return texts[:n]


def piece_labels(sent: Sentence, offsets: list[tuple[int, int]]) -> list[int]:
    """BIO label id per piece (-100 for whitespace-only pieces), pieces given by char offsets."""
    text = sent.text
    toks = sent.offsets()
    tags = sent.tags
    out: list[int] = []
    ti = 0
    for s, e in offsets:
        if not text[s:e].strip():
            out.append(-100)
            continue
        while ti < len(toks) and toks[ti][1] <= s:
            ti += 1
        if ti >= len(toks):
            out.append(0)
            continue
        tag = tags[ti]
        if tag == "O":
            out.append(0)
        elif s <= toks[ti][0] and tag.startswith("B-"):
            out.append(L2I[tag])
        else:
            out.append(L2I["I-" + tag[2:]])
    return out
