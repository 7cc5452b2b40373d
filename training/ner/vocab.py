"""Prune the 250k-piece e5 vocabulary to the pieces German text uses (count >= MIN_COUNT)."""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
from common import WORK, germeval, hf_tokenizer_path, unlabelled_texts, wikiann
from tokenizers import Tokenizer

MIN_COUNT = 2


def build() -> np.ndarray:
    """Sorted array of kept original piece ids (specials 0..3 first)."""
    out = WORK / "kept_ids.npy"
    if out.exists():
        return np.load(out)
    WORK.mkdir(parents=True, exist_ok=True)
    tok = Tokenizer.from_file(str(hf_tokenizer_path()))
    texts = [s.text for s in germeval("train")] + [s.text for s in wikiann("train")]
    texts += list(unlabelled_texts())
    cnt: Counter[int] = Counter()
    for i in range(0, len(texts), 2000):
        for enc in tok.encode_batch(texts[i : i + 2000], add_special_tokens=False):
            cnt.update(enc.ids)
    vocab = json.loads(hf_tokenizer_path().read_text())["model"]["vocab"]
    keep = {0, 1, 2, 3}
    keep |= {i for i, c in cnt.items() if c >= MIN_COUNT}
    # every single-character piece, so that rare characters never become <unk>
    keep |= {i for i, (p, _) in enumerate(vocab) if len(p.lstrip("▁")) <= 1 and i < 250001}
    ids = np.array(sorted(keep), dtype=np.int64)
    np.save(out, ids)
    print(f"{len(texts)} texts, {len(cnt)} distinct pieces, kept {len(ids)}")
    return ids


if __name__ == "__main__":
    build()
