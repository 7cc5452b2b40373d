"""Quotation attribution scored on German Wikinews (Petersen-Frey & Biemann 2024; SpkAtt-2023 task 2).

Why this scorer looks the way it does: the gold annotations are token sets (the upstream JSON marks
tokens, and our ``docs.jsonl`` keeps them as character spans), quotes may be discontinuous, and a
system that finds a message but cuts it a little short should earn partial credit. So, following the
SpkAtt-2023 "simplified" task-2 evaluation (uhh-lt's ``eval_quotes.py``), scoring is on tokens:

1. **Tokens.** The article text is cut into tokens with ``\\w+|[^\\w\\s]`` (a word or one punctuation
   character, close to the upstream tokenisation, which splits quotation marks and commas off). A span
   covers a token when it covers the token's first character.
2. **Alignment.** Within each document, every system quote is paired with at most one gold quote and
   vice versa, maximising the token-overlap F1 of their *messages* (greedy on that score, best pairs
   first; the upstream scorer uses the Hungarian method, which differs only on rare ties). Pairs
   with no common message token are not pairs.
3. **message** P/R/F1: micro-averaged over all documents. For a pair, common message tokens are true
   positives, system-only tokens false positives, gold-only tokens false negatives; every token of an
   unpaired system quote is a false positive, of an unpaired gold quote a false negative.
4. **speaker** P/R/F1: the same counts on the speaker tokens of each pair (a quote whose gold speaker is
   empty, e.g. an agentless passive, contributes only the system's speaker tokens as false positives).
5. **joint** P/R/F1: message tokens again, but a pair's common tokens count as true positives only when
   its speaker is right: speaker-token F1 ≥ 0.5, or both speakers empty. Otherwise they count as both
   a false positive and a false negative. This is "a message counts when its speaker is also right".
   ``joint_pooled`` adds the upstream script's reading (message and speaker counts pooled) for
   comparison with published numbers.
6. **by_type**: message and joint P/R/F1 per gold type (Direct, Indirect, IndirectFreeIndirect,
   FreeIndirect, Reported). Recall uses the gold quotes of that type; precision uses the system quotes
   that were paired with gold quotes of that type plus the unpaired system quotes whose predicted kind
   maps to that type (direct → Direct, indirect → Indirect, continuation → IndirectFreeIndirect,
   reported → FreeIndirect).

``sentences_per_s`` is the throughput of the real stages (structure, sentences, quotes) on the split, one
process, one core; ``quotes_stage_sentences_per_s`` that of the quotes stage alone.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Quote

_TOKEN = re.compile(r"\w+|[^\w\s]")
TYPES = ("Direct", "Indirect", "IndirectFreeIndirect", "FreeIndirect", "Reported")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def prf(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class Item:
    """One quote reduced to token-index sets (gold or system)."""

    message: frozenset[int]
    speaker: frozenset[int]
    type: str


@dataclass
class Scores:
    message: Counts = field(default_factory=Counts)
    speaker: Counts = field(default_factory=Counts)
    joint: Counts = field(default_factory=Counts)
    by_type: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: {t: {"message": Counts(), "joint": Counts()} for t in TYPES}
    )


def token_starts(text: str) -> list[int]:
    return [m.start() for m in _TOKEN.finditer(text)]


def to_tokens(starts: list[int], spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Indices of the tokens whose first character lies inside any of ``spans``."""
    from bisect import bisect_left

    out: set[int] = set()
    for start, end in spans:
        i = bisect_left(starts, start)
        while i < len(starts) and starts[i] < end:
            out.add(i)
            i += 1
    return frozenset(out)


def _f1(a: frozenset[int], b: frozenset[int]) -> float:
    common = len(a & b)
    return 2 * common / (len(a) + len(b)) if common else 0.0


KIND_TO_TYPE = {
    "direct": "Direct",
    "indirect": "Indirect",
    "mixed": "Indirect",
    "continuation": "IndirectFreeIndirect",
    "reported": "FreeIndirect",
}


def align(system: list[Item], gold: list[Item]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of system and gold quotes by message-token F1 (best first)."""
    cand = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            f = _f1(s.message, g.message)
            if f > 0:
                cand.append((-f, i, j))
    cand.sort()
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in cand:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def score_document(system: list[Item], gold: list[Item], scores: Scores) -> None:
    pairs = align(system, gold)
    paired_s = {i for i, _ in pairs}
    paired_g = {j for _, j in pairs}
    for i, j in pairs:
        s, g = system[i], gold[j]
        tp = len(s.message & g.message)
        fp = len(s.message - g.message)
        fn = len(g.message - s.message)
        scores.message.add(tp, fp, fn)
        scores.speaker.add(len(s.speaker & g.speaker), len(s.speaker - g.speaker), len(g.speaker - s.speaker))
        right = (not s.speaker and not g.speaker) or _f1(s.speaker, g.speaker) >= 0.5
        jt = (tp, fp, fn) if right else (0, fp + tp, fn + tp)
        scores.joint.add(*jt)
        per = scores.by_type.setdefault(g.type, {"message": Counts(), "joint": Counts()})
        per["message"].add(tp, fp, fn)
        per["joint"].add(*jt)
    for i, s in enumerate(system):
        if i not in paired_s:
            scores.message.add(fp=len(s.message))
            scores.joint.add(fp=len(s.message))
            scores.speaker.add(fp=len(s.speaker))
            per = scores.by_type.setdefault(s.type, {"message": Counts(), "joint": Counts()})
            per["message"].add(fp=len(s.message))
            per["joint"].add(fp=len(s.message))
    for j, g in enumerate(gold):
        if j not in paired_g:
            scores.message.add(fn=len(g.message))
            scores.joint.add(fn=len(g.message))
            scores.speaker.add(fn=len(g.speaker))
            per = scores.by_type.setdefault(g.type, {"message": Counts(), "joint": Counts()})
            per["message"].add(fn=len(g.message))
            per["joint"].add(fn=len(g.message))


def read_docs(data: Path, split: str | None) -> Iterator[dict[str, Any]]:
    path = data / "docs.jsonl" if data.is_dir() else data
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if split in (None, "all") or rec.get("split") == split:
                    yield rec


def _document(rec: dict[str, Any]) -> Any:
    from ..model import Article, Document

    return Document(Article(id=str(rec["doc_id"]), text=rec["text"], title=rec.get("title"), language="de"))


def build_stages(**options: Any) -> list[Any]:
    """The real stages a user's pipeline runs before and for quotes (language is known: German)."""
    from ..pipeline import lookup
    from ..settings import Settings

    settings = Settings(options.get("settings") or {})
    return [lookup(name).factory(settings) for name in ("structure", "sentences", "quotes")]


def gold_items(rec: dict[str, Any], starts: list[int]) -> list[Item]:
    """A corpus document's gold quotes as token sets (message, speaker) with their type."""
    return [
        Item(
            to_tokens(starts, [tuple(s) for s in q["quote_char_spans"]]),
            to_tokens(starts, [tuple(s) for s in q["speaker_char_spans"]]),
            q["type"],
        )
        for q in rec.get("quotes", [])
    ]


def system_items(starts: list[int], quotes: Sequence[Quote], typed: bool = True) -> list[Item]:
    """Extracted quotes as token sets; ``typed``: with the corpus's type names, else our own kinds."""
    return [
        Item(
            to_tokens(starts, [(s.start, s.end) for s in q.message]),
            to_tokens(starts, [(s.start, s.end) for s in q.speaker]),
            KIND_TO_TYPE.get(_kind_of(q), "Indirect") if typed else q.kind,
        )
        for q in quotes
    ]


def evaluate(data: Path, split: str | None = None, **options: Any) -> dict[str, Any]:
    """Run structure → sentences → quotes on ``split`` of ``data`` and score as the docstring says."""
    data = Path(data)
    split = split or "dev"
    records = list(read_docs(data, split))
    stages = build_stages(**options)
    scores = Scores()
    n_sentences = 0
    n_gold = n_system = 0
    elapsed = stage_elapsed = 0.0
    for rec in records:
        doc = _document(rec)
        t0 = time.perf_counter()
        for stage in stages[:-1]:
            doc = stage(doc)
        t1 = time.perf_counter()
        doc = stages[-1](doc)
        t2 = time.perf_counter()
        elapsed += t2 - t0
        stage_elapsed += t2 - t1
        n_sentences += len(doc.sentences)
        starts = token_starts(doc.text)
        gold = gold_items(rec, starts)
        system = system_items(starts, doc.quotes)
        n_gold += len(gold)
        n_system += len(system)
        score_document(system, gold, scores)
    joint_pooled = Counts(
        scores.message.tp + scores.speaker.tp,
        scores.message.fp + scores.speaker.fp,
        scores.message.fn + scores.speaker.fn,
    )
    return {
        "task": "quotes",
        "split": split,
        "n_docs": len(records),
        "n_gold": n_gold,
        "n_system": n_system,
        "message": scores.message.prf(),
        "speaker": scores.speaker.prf(),
        "joint": scores.joint.prf(),
        "joint_pooled": joint_pooled.prf(),
        "by_type": {t: {**v["message"].prf(), "joint": v["joint"].prf()} for t, v in scores.by_type.items()},
        "n_sentences": n_sentences,
        "sentences_per_s": round(n_sentences / elapsed, 1) if elapsed else 0.0,
        "quotes_stage_sentences_per_s": round(n_sentences / stage_elapsed, 1) if stage_elapsed else 0.0,
    }


def _kind_of(quote: Any) -> str:
    """The scorer's type for a system quote: continuations are marked by having no cue."""
    if quote.kind == "indirect" and not quote.cue:
        return "continuation"
    return str(quote.kind)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Score quotation attribution (see module docstring).")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--split", default="dev")
    args = parser.parse_args(argv)
    result = evaluate(args.data, args.split)
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
