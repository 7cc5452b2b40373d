"""``storyline eval entities --data ../shared/data/ecbplus_entities``: cross-document entity coreference
of ECB+ gold mentions, pooled per split (the dataset README's protocol).

The system is given the gold mentions, not their topics. It works as Storyline does across articles:
the documents are linked into stories by the same online linker as ``ingest`` (text only, ECB+ has no
dates), and within one story, names and descriptions are one entity when their heads agree
(``entities_ecb_rules.mention_key``), except that a second person with the surname and another given
name keeps a key of their own (``entities_ecb_rules.namesakes``); a description joins the name its
story's texts describe by it (the one its own document writes most, when they describe two names by
it), a one-word name the longer name it starts or abbreviates, and a full name its namesakes in other
stories (``entities_ecb_rules.story_merges``). Pronouns join a mention before them in their
document: "he"/"she" the nearest singular person, "it" the nearest singular name, "they" the
nearest plural, a relative pronoun the mention it follows. Last, a description that says only
which pronoun fits it ("the woman", "the company") joins the one named participant of its story
that the story's pronouns call so (``entities_ecb_rules.pronoun_merges``). Mentions in different
stories are not merged otherwise: a "company" or "he" in one topic is not the one in another.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from .coref import scores
from .entities_ecb_rules import (
    GROUP,
    HE,
    PERSONAL,
    PLACE,
    PLURAL_NOUNS,
    RELATIVE,
    SHE,
    SKIP,
    THING,
    description_owners,
    is_body,
    is_named,
    mention_key,
    namesakes,
    pronoun_merges,
    story_evidence,
    story_merges,
    word_of,
)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(x, x) != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


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


def _document_clusters(ms: list[dict[str, Any]], story: str, uf: _Union, text: str = "",
                       owners: dict[str, str] | None = None) -> None:
    """Names and descriptions get their story-level head key; pronouns join a mention of their own
    type (person or body, thing, place) before them: "he"/"she" the nearest singular person,
    preferring a name, but not a body ("Police", "CNN", "the Academy") nor one that a pronoun of
    the other sex took before, and an object pronoun ("him", "them") not the subject of its own
    clause; "it" the nearest singular name of a person, body or thing (ECB+ counts companies and
    navies as human participants); "they" the nearest plural; "there" the nearest place; a
    relative pronoun the mention it follows, or the one before that when it follows a mention of
    another type or the object of a preposition ("a flaw in IE that")."""
    seen: list[tuple[str, list[str], int, int]] = []  # key, slots, start and end of each earlier name or description
    sex: dict[str, str] = {}  # key -> "f"/"m", from the pronoun that took it first
    earlier: list[dict[str, Any]] = []  # the mentions before this one
    for m in sorted(ms, key=lambda m: (m["start"], m["end"])):
        mid, word = m["mention_id"], word_of(m["text"])
        slots = (("single",) if word in {"himself", "herself"} else ("named", "single") if word in PERSONAL else ("thing_named", "thing", "NON", "LOC") if word in THING
                 else ("plural", "HUM") if word in GROUP else ("LOC",) if word in PLACE else None)
        if word in RELATIVE and earlier:
            uf.union(mid, _relative_antecedent(m, earlier, text))
        elif word in SKIP or word in RELATIVE:
            pass
        elif slots is not None:
            wanted = _sex_of(word)
            subject = {key for key, _, start, end in seen
                       if _is_object(word, text, m) and _same_clause(text, start, end, m["start"])}
            cid = _antecedent(seen, slots, wanted, {**sex, **dict.fromkeys(subject, "")}, m.get("mention_type"))
            if cid is not None:
                uf.union(mid, cid)
                if wanted:
                    sex.setdefault(cid, wanted)
        else:
            cid = (owners or {}).get(mid) or mention_key(story, m)
            uf.union(mid, cid)
            seen.append((cid, _slots(m, text), m["start"], m["end"]))
        earlier.append(m)


def _relative_antecedent(m: dict[str, Any], earlier: list[dict[str, Any]], text: str) -> str:
    """The mention a relative pronoun follows, or the one before it when that one is of the
    relative's own type and the one it follows is not ("the supermarket in Wellington that")."""
    last = earlier[-1]
    kind = m.get("mention_type")
    if len(earlier) >= 2 and earlier[-2].get("mention_type") == kind and (
            last.get("mention_type") != kind
            or re.fullmatch(r"\s+(?:in|of|for|at|on|from|with|by)\s+(?:(?:the|a|an|its|his|her|their)\s+)?",
                            text[earlier[-2]["end"] : last["start"]])):
        return str(earlier[-2]["mention_id"])
    return str(last["mention_id"])


def _sex_of(word: str) -> str | None:
    """"f" for "she"/"her", "m" for "he"/"him", else None."""
    return "f" if word in SHE else "m" if word in HE else None


_OBJECT_NEXT = re.compile(r"^\s*(?:[.,;:!?)'\"]|$|(?:to|in|at|on|with|for|from|into|a|an|the|as|after|before|and|but|"
                          r"when|while|because|down|up|out|off|over|back|away|again|together)\b)")
_CLAUSE_BREAK = re.compile(r"[.,;:!?\"()]|\b(?:that|when|after|before|because|while|if|as|said|says|told|and|but|of)\b", re.I)
_CLAUSE_START = re.compile(r"(?:^|[.,;:!?\"()]|\b(?i:that|who|when|after|before|because|while|and|but|said|says))\s*(?:[\w'-]+\s+){0,2}$")


def _is_object(word: str, text: str, m: dict[str, Any]) -> bool:
    """An object pronoun: "him", "them", or a "her" that no noun follows ("hit her a few blocks away")."""
    if word in {"him", "them"}:
        return True
    return word == "her" and bool(_OBJECT_NEXT.match(text[m["end"] : m["end"] + 30]))


def _same_clause(text: str, start: int, end: int, pronoun: int) -> bool:
    """A mention that starts a clause (after at most two words such as "the") with no punctuation
    or conjunction between it and a later pronoun: the subject of the pronoun's own clause ("Police
    arrested him", "and arrested the driver who hit her"), which an object pronoun is not."""
    return (0 <= pronoun - end <= 80 and not _CLAUSE_BREAK.search(text[end:pronoun])
            and bool(_CLAUSE_START.search(text[max(0, start - 40) : start])))


def _antecedent(seen: list[tuple[str, list[str], int, int]], slots: tuple[str, ...], wanted: str | None,
                sex: dict[str, str], kind: str | None = None) -> str | None:
    """The nearest earlier key of the pronoun's own type (person, thing, place) that fills the
    first slot any such key fills, skipping keys a pronoun of the other sex took (and those that
    ``sex`` marks with "", the subject of an object pronoun's clause)."""
    for slot in slots:
        for cid, filled, _start, _end in reversed(seen):
            if (slot in filled and (kind is None or filled[0] == kind) and sex.get(cid) != ""
                    and (wanted is None or sex.get(cid, wanted) == wanted)):
                return cid
    return None


def _slots(m: dict[str, Any], text: str = "") -> list[str]:
    kind = m.get("mention_type") or "NON"
    slots = [kind]
    if kind == "LOC":
        return slots
    last_word = m["text"].split()[-1].lower()
    named = is_named(m)
    plural = (last_word.strip(".,'\"") in PLURAL_NOUNS
              or (last_word.endswith("s") and not last_word.endswith(("ss", "'s"))
                  and not (named and kind == "HUM" and _person_like(m, text))))
    if plural:
        slots.append("plural")
    else:
        slots.append("thing")
        slots += ["thing_named"] if named else []
        if kind == "HUM" and not is_body(m):
            slots += ["single", "named"] if named else ["single"]
    return slots


def _person_like(m: dict[str, Any], text: str) -> bool:
    """A name of two or more capitalised words that ends in "s" ("Ellen DeGeneres", "Jamal
    Williams") is one person unless its text says "the" before it ("the New Orleans Saints")."""
    words = m["text"].split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words) or words[0].lower() == "the":
        return False
    return not re.search(rf"\b(?i:the)\s+(?:[A-Z][\w'-]*\s+)*{re.escape(words[-1])}\b", text)


def cluster(mentions: list[dict[str, Any]], story_of: dict[str, str],
            texts: dict[str, str] | None = None) -> dict[str, str]:
    """mention_id -> system cluster."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        by_doc[m["doc_id"]].append(m)
    uf = _Union()
    texts = texts or {}
    renamed = namesakes(mentions, story_of, texts)
    evidence = story_evidence(mentions, story_of, texts, renamed)
    owners = {**renamed, **description_owners(evidence)}
    for doc_id, ms in by_doc.items():
        _document_clusters(ms, story_of.get(doc_id, doc_id), uf, texts.get(doc_id, ""), owners)
    for a, b in story_merges(evidence, texts):
        uf.union(a, b)
    for a, b in list(pronoun_merges(mentions, story_of, uf.find, renamed)):
        uf.union(a, b)
    return {m["mention_id"]: uf.find(m["mention_id"]) for m in mentions}


def evaluate_ecb(data: Path, split: str | None = None, **options: Any) -> dict[str, Any]:
    split = split or "dev"
    path = data / str(options.get("file") or "mentions_restored.jsonl")
    with path.open(encoding="utf-8") as fh:
        mentions = [m for m in map(json.loads, fh) if m["split"] == split]
    docs = _documents(data)
    wanted = sorted({m["doc_id"] for m in mentions})
    split_docs = [docs[d] for d in wanted if d in docs]
    texts = {d["doc_id"]: d.get("full_text") or d.get("text") or "" for d in split_docs}
    system = cluster(mentions, _stories(split_docs), texts)
    gold = {m["mention_id"]: m["chain"] for m in mentions}
    return {"task": "entities", "split": split, "data": path.name, "n_gold_mentions": len(gold), "found": 1.0,
            **scores(gold, system), "mixed_entities": [], "articles_per_s": None}
