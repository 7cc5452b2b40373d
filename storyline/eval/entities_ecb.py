"""``storyline eval entities --data ../shared/data/ecbplus_entities``: cross-document entity coreference
of ECB+ gold mentions, pooled per split (the dataset README's protocol).

The system is given the gold mentions, not their topics. It works as Storyline does across articles:
the documents are linked into stories by the same online linker as ``ingest`` (text only, ECB+ has no
dates), and within one story, mentions are one entity when their name heads agree (the last word of
a name, plural and possessive endings folded; a pronoun takes the nearest earlier person or thing of
its document). Mentions in different stories are never merged: a "company" or "he" in one topic is not
the one in another.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from .coref import scores

PERSONAL = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
THING = {"it", "its", "itself"}
GROUP = {"they", "them", "their", "theirs", "themselves"}
SKIP = {"who", "whom", "whose", "which", "that", "i", "me", "my", "we", "us", "our", "you", "your"}
_WORD = re.compile(r"[\w'-]+")


def _head(text: str) -> str:
    words = [w.lower().strip("'").removesuffix("'s") for w in _WORD.findall(text)]
    if not words:
        return text.lower()
    last = words[-1]
    return last[:-1] if len(last) > 3 and last.endswith("s") and not last.endswith("ss") else last


def _documents(data: Path) -> dict[str, dict[str, Any]]:
    docs_file = data.parent / "ecbplus" / "docs.jsonl"
    with docs_file.open(encoding="utf-8") as fh:
        return {d["doc_id"]: d for d in map(json.loads, fh)}


def _stories(docs: list[dict[str, Any]]) -> dict[str, str]:
    """Each document's story from the online linker (documents in a fixed pseudo-random order)."""
    from ..link.config import LinkConfig
    from ..link.items import LinkItem
    from ..link.linker import Linker
    linker = Linker(LinkConfig())
    items = [LinkItem(d["doc_id"], d.get("title") or "", d.get("full_text") or d.get("text") or "", "en") for d in docs]
    for it in sorted(items, key=lambda it: hashlib.blake2b(it.article_id.encode(), digest_size=8).hexdigest()):
        linker.add(it)
    linker.consolidate()
    return {it.article_id: linker.membership(it.article_id)[1] for it in items}


def cluster(mentions: list[dict[str, Any]], story_of: dict[str, str]) -> dict[str, str]:
    """mention_id -> system cluster."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        by_doc[m["doc_id"]].append(m)
    out: dict[str, str] = {}
    for doc_id, ms in by_doc.items():
        story = story_of.get(doc_id, doc_id)
        last: dict[str, str] = {}  # HUM / NON / group -> cluster of the nearest earlier name
        for m in sorted(ms, key=lambda m: (m["start"], m["end"])):
            word = m["text"].strip().lower()
            kind = "HUM" if word in PERSONAL else "NON" if word in THING else "GRP" if word in GROUP else None
            if word in SKIP:
                out[m["mention_id"]] = f"single:{m['mention_id']}"
            elif kind is not None:
                out[m["mention_id"]] = last.get(kind, f"single:{m['mention_id']}")
            else:
                cid = f"{story}|{m.get('mention_type')}|{_head(m['text'])}"
                out[m["mention_id"]] = cid
                last[m.get("mention_type") or "NON"] = cid
                if len(m["text"].split()) > 1 or m["text"][:1].islower():
                    last["GRP"] = cid
    return out


def evaluate_ecb(data: Path, split: str | None = None, **options: Any) -> dict[str, Any]:
    split = split or "dev"
    path = data / str(options.get("file") or "mentions_restored.jsonl")
    with path.open(encoding="utf-8") as fh:
        mentions = [m for m in map(json.loads, fh) if m["split"] == split]
    docs = _documents(data)
    wanted = sorted({m["doc_id"] for m in mentions})
    split_docs = [docs[d] for d in wanted if d in docs]
    system = cluster(mentions, _stories(split_docs))
    gold = {m["mention_id"]: m["chain"] for m in mentions}
    return {"task": "entities", "split": split, "data": path.name, "n_gold_mentions": len(gold), "found": 1.0,
            **scores(gold, system), "mixed_entities": [], "articles_per_s": None}
