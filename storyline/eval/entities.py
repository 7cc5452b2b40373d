"""``storyline eval entities``: cross-article entity identity, scored on gold mentions (EVAL.md).

On a labelled JSONL stream (``--labels FILE.entities.tsv``: id, field, start, end, surface, type,
identity) the stream is ingested from its start through the real pipeline (``eval.stream``), and
each gold mention of the labelled items is matched to the stored mention that overlaps it most in
the same field; its stored entity id is the system's cluster. A gold mention with no stored mention
counts as a singleton (not found). Scores: B-cubed, MUC, CEAF-e and CoNLL F1 over the gold mentions,
the share found, and the system entities that mix two or more gold identities.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Document
from .coref import scores


@dataclass(frozen=True, slots=True)
class GoldMention:
    item: str
    field: str  # title | teaser
    start: int
    end: int
    surface: str
    label: str
    identity: str

    @property
    def key(self) -> str:
        return f"{self.item}:{self.field}:{self.start}-{self.end}"


def read_gold(path: Path) -> list[GoldMention]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            GoldMention(r["id"].strip(), r["field"].strip(), int(r["start"]), int(r["end"]), r["surface"],
                        r["type"].strip(), r["identity"].strip())
            for r in csv.DictReader(fh, delimiter="\t")
        ]


def _locate(g: GoldMention, doc: Document) -> tuple[str, int, int] | None:
    """Where the gold mention lies in the stored article: ("title"|"text", start, end). A field's
    string may have been cleaned (stripped, normalised) on ingest, so the surface is looked for
    near the gold offset when it is not at it; a headline-only item's title is its text."""
    candidates: list[tuple[str, str]] = []
    title, text = doc.article.title or "", doc.text
    if g.field == "title":
        candidates.append(("title", title))
        if text == title:
            candidates.append(("text", text))
    else:
        candidates.append(("text", text))
    for where, s in reversed(candidates):  # a headline-only item's title is its text: prefer the text
        if s[g.start : g.end] == g.surface:
            return where, g.start, g.end
        hits = [i for i in range(len(s)) if s.startswith(g.surface, i)]
        if hits:
            i = min(hits, key=lambda h: abs(h - g.start))
            return where, i, i + len(g.surface)
    return None


def _system_entity(g: GoldMention, doc: Document | None) -> str | None:
    """The entity id of the stored mention overlapping the gold mention most, or None."""
    if doc is None:
        return None
    place = _locate(g, doc)
    if place is None:
        return None
    where, start, end = place
    best, best_overlap = None, 0
    for m in doc.title_mentions if where == "title" else doc.mentions:
        if m.entity_id is None:
            continue
        overlap = min(end, m.span.end) - max(start, m.span.start)
        if overlap > best_overlap:
            best, best_overlap = m.entity_id, overlap
    return best


def evaluate(data: Path, split: str | None = None, labels: Path | None = None, **options: Any) -> dict[str, Any]:
    """Score cross-article identity of gold mentions; keys as in EVAL.md."""
    from .stream import run_labelled

    if labels is None and (Path(data) / "mentions_restored.jsonl").exists():
        from .entities_ecb import evaluate_ecb

        return evaluate_ecb(Path(data), split, **options)
    if labels is None:
        raise ValueError(f"{data}: give --labels FILE.entities.tsv for a JSONL stream")
    gold = read_gold(Path(labels))
    profile = str(options.get("profile") or "fast")
    run = run_labelled(Path(data), frozenset(g.item for g in gold), profile, options.get("overrides"))
    gold_ids = {g.key: g.identity for g in gold}
    system: dict[str, str] = {}
    found = 0
    for g in gold:
        eid = _system_entity(g, run.documents.get(g.item))
        found += eid is not None
        system[g.key] = eid if eid is not None else f"unfound:{g.key}"
    mixed: dict[str, Counter[str]] = defaultdict(Counter)
    for g in gold:
        if not system[g.key].startswith("unfound:"):
            mixed[system[g.key]][g.identity] += 1
    return {
        "task": "entities",
        "split": split or "dev",
        "pipeline": "full",
        "profile": profile,
        "n_gold_mentions": len(gold),
        "found": round(found / len(gold), 4) if gold else 0.0,
        "found_in_titles": _share(gold, system, "title"),
        "found_in_teasers": _share(gold, system, "teaser"),
        **scores(gold_ids, system),
        "mixed_entities": [
            {"entity_id": eid, "identities": dict(ids.most_common())}
            for eid, ids in sorted(mixed.items()) if len(ids) > 1
        ],
        "n_stream_articles": run.n_ingested,
        "articles_per_s": round(run.articles_per_s, 1),
    }


def _share(gold: list[GoldMention], system: dict[str, str], field: str) -> float:
    mine = [g for g in gold if g.field == field]
    hit = sum(not system[g.key].startswith("unfound:") for g in mine)
    return round(hit / len(mine), 4) if mine else 0.0


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - developer entry point
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--labels", type=Path, required=True)
    ap.add_argument("--profile", default="fast")
    args = ap.parse_args(argv)
    print(json.dumps(evaluate(args.data, labels=args.labels, profile=args.profile), ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    main()
