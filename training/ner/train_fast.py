"""Train the fast German NER profile: a spaCy CNN (tok2vec + transition-based ner).

Data: GermEval train (gold), a WikiANN train sample (gold-ish) and, when training/ner/work/silver.jsonl
exists (silver.py), sentences of unlabelled German news tagged by the accurate model (distillation).
Early stopping on GermEval dev. Writes storyline/models/ner/fast/ and its card.

Usage: python training/ner/train_fast.py [--silver 150000] [--wikiann 5000] [--max-steps 9000]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time

import spacy
from common import MODELS, ROOT, WORK, germeval, wikiann
from spacy.tokens import Doc, DocBin, Span

PART = 4_500_000

CONFIG = """
[paths]
train = null
dev = null
vectors = null
init_tok2vec = null

[system]
gpu_allocator = null
seed = 0

[nlp]
lang = "de"
pipeline = ["tok2vec","ner"]
batch_size = 1000
disabled = []
before_creation = null
after_creation = null
after_pipeline_creation = null
tokenizer = {"@tokenizers":"spacy.Tokenizer.v1"}

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = ${components.tok2vec.model.encode.width}
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [ROWS_NORM, 2500, 5000, 1000]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = WIDTH
depth = DEPTH
window_size = 1
maxout_pieces = 3

[components.ner]
factory = "ner"
moves = null
update_with_oracle_cut_size = 100
incorrect_spans_key = null

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${components.tok2vec.model.encode.width}
upstream = "*"

[corpora]

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}
max_length = 0
gold_preproc = false
limit = 0
augmenter = null

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}
max_length = 0
gold_preproc = false
limit = 0
augmenter = null

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${system.seed}
gpu_allocator = ${system.gpu_allocator}
dropout = 0.1
accumulate_gradient = 1
patience = 3000
max_epochs = 0
max_steps = MAX_STEPS
eval_frequency = 500
frozen_components = []
annotating_components = []
before_to_disk = null
before_update = null

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
get_length = null

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 2000
compound = 1.001
t = 0.0

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 0.00000001
learn_rate = 0.001

[training.score_weights]
ents_f = 1.0
ents_p = 0.0
ents_r = 0.0
ents_per_type = null

[pretraining]

[initialize]
vectors = ${paths.vectors}
init_tok2vec = ${paths.init_tok2vec}
vocab_data = null
lookups = null
before_init = null
after_init = null

[initialize.components]

[initialize.tokenizer]
"""


def gold_doc(nlp: spacy.Language, sent) -> Doc:  # type: ignore[no-untyped-def]
    from storyline.eval.ner import bio_spans

    doc = Doc(nlp.vocab, words=sent.tokens)
    doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in bio_spans(sent.tags)]
    return doc


def silver_docs(nlp: spacy.Language, n: int) -> list[Doc]:
    path = WORK / "silver.jsonl"
    if not path.exists() or n <= 0:
        return []
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if len(docs) >= n:
                break
            d = json.loads(line)
            doc = nlp.make_doc(d["text"])
            ents = []
            for s, e, lab in d["spans"]:
                sp = doc.char_span(s, e, label=lab, alignment_mode="expand")
                if sp is not None and (not ents or sp.start >= ents[-1].end):
                    ents.append(sp)
            doc.ents = ents
            docs.append(doc)
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--silver", type=int, default=150000)
    ap.add_argument("--wikiann", type=int, default=5000)
    ap.add_argument("--max-steps", type=int, default=9000)
    ap.add_argument("--width", type=int, default=64)
    ap.add_argument("--depth", type=int, default=3)
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default="fast_out")
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("de")
    train = [gold_doc(nlp, s) for s in germeval("train")]
    extra = wikiann("train")
    random.Random(args.seed).shuffle(extra)
    train += [gold_doc(nlp, s) for s in extra[: args.wikiann]]
    silver = silver_docs(nlp, args.silver)
    train += silver
    random.Random(args.seed).shuffle(train)
    dev = [gold_doc(nlp, s) for s in germeval("dev")]
    DocBin(docs=train).to_disk(WORK / f"{args.out}_train.spacy")
    DocBin(docs=dev).to_disk(WORK / "fast_dev.spacy")
    cfg = (
        CONFIG.replace("WIDTH", str(args.width))
        .replace("DEPTH", str(args.depth))
        .replace("ROWS_NORM", str(args.rows))
        .replace("MAX_STEPS", str(args.max_steps))
    )
    (WORK / "fast.cfg").write_text(cfg)
    out = WORK / args.out
    t0 = time.time()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "train",
            str(WORK / "fast.cfg"),
            "--output",
            str(out),
            "--paths.train",
            str(WORK / f"{args.out}_train.spacy"),
            "--paths.dev",
            str(WORK / "fast_dev.spacy"),
        ],
        check=True,
    )
    dest = MODELS / "fast"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(out / "model-best", dest)
    for big in [p for p in dest.rglob("*") if p.is_file() and p.stat().st_size > PART]:
        data = big.read_bytes()
        for i in range(0, len(data), PART):
            big.with_name(f"{big.name}.part{i // PART:02d}").write_bytes(data[i : i + PART])
        big.unlink()
    meta = json.loads((dest / "meta.json").read_text())
    card = {
        "model": "storyline NER fast (spaCy CNN)",
        "args": vars(args),
        "train_docs": len(train),
        "silver_docs": len(silver),
        "germeval_train": 5800,
        "wikiann_train": min(args.wikiann, len(extra)),
        "train_seconds": round(time.time() - t0),
        "spacy_dev_scores": meta.get("performance", {}),
    }
    (dest / "card.json").write_text(json.dumps(card, indent=1))
    print(json.dumps(card, indent=1))
    _ = ROOT


if __name__ == "__main__":
    main()
