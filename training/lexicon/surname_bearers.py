"""Build ``storyline/data/surname_bearers.tsv``, surnames that, in German news, nearly always belong to one
person ("Merz" → Friedrich Merz, "Selenskyj" → Wolodymyr Selenskyj), with the counts behind each row,
``storyline/data/first_names.txt``, the first names of step 1 below, and ``s_surnames.txt``,
surnames that look like a first name's genitive ("Williams" is no genitive of "William").

Why: a bare surname in an article is joined to a full name across articles. When the stream's first
full name for a surname is a namesake ("SAP-Manager Martin Merz" before any "Friedrich Merz"), the
bare "Kanzler Merz" of every later article would follow the namesake. Entity identity uses this list as
prior evidence: a full name that is not a surname's prominent bearer does not take over the bare
surname (``storyline.nlp.entity_index``); the stream's own evidence decides everything else. A first
name alone ("Andrew", "Kate": royals, children) does not take a later full name that begins with it.

How, with no labels of the corpora involved:

1. First names: the first word of every person name of two or more words in the training splits of
   WikiANN (German) and GermEval 2014 (the project's train split), seen at least twice, leaving out
   titles and words such as "Big", "New", "Die" (``NOT_FIRST``). Steps 2 and 3 count with these.
   The shipped list adds the first words of the accurate tagger's two-word-or-longer person names in
   unlabelled news (``training/ner/silver.py``; every sentence that also occurs in the front-page
   stream left out), seen at least ``MIN_SILVER_FIRST`` times and at least ``SILVER_SHARE`` of their
   capitalised uses there, no ordinary word: "Noah", "Emma", "Pamela" were missing, and a bare
   "Noah" (the year's favourite baby name) had joined the stream's "Noah Klein".
2. Full names in unlabelled German news (10kGNAD, the German Wikinews train split and the 2013–2023
   headlines; the front-page stream is left out): a first name followed by a capitalised word that is
   no ordinary word and no first name, after a first name that is no title, together no place the
   gazetteer knows ("Friedrich Merz"; "Martina Merz").
3. A surname is kept when its most frequent full name has at least ``MIN_COUNT`` uses and at least
   ``MIN_SHARE`` of all full names with that surname.

Run: ``.venv/bin/python training/lexicon/surname_bearers.py``
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common_words import DATA, DETERMINERS, ROOT, texts

sys.path.insert(0, str(ROOT))
from storyline.nlp.common_words import is_common_word
from storyline.nlp.entity_names import is_title
from storyline.nlp.gazetteer import lookup as place

OUT = ROOT / "storyline" / "data" / "surname_bearers.tsv"
FIRST_OUT = ROOT / "storyline" / "data" / "first_names.txt"
S_OUT = ROOT / "storyline" / "data" / "s_surnames.txt"
MIN_FIRST = 2  # uses a first name needs in the NER training data
MIN_SILVER_FIRST = 4  # ... or as the first word of a tagged person name in unlabelled news
SILVER_SHARE = 0.5  # ... and the share of its capitalised uses there that begin such a name
SILVER = ROOT / "training" / "ner" / "work" / "silver.jsonl"
#: words that begin names in the training data but are no first names ("Big Brother", "Die Zeit")
NOT_FIRST = DETERMINERS | {"big", "new", "old", "the", "little", "great", "de", "van", "von", "le", "la", "el", "al"}
MIN_COUNT = 8  # uses the prominent full name needs in the news
MIN_SHARE = 0.8  # ... and its share of the surname's full names
WORD = r"[A-ZÄÖÜ][\wäöüßÄÖÜ'’]*(?:-[A-ZÄÖÜ][\wäöüßÄÖÜ]*)*"
PAIR = re.compile(rf"(?<![\w-])({WORD}) ({WORD})(?![\w-])")


def _bio_names(lines: Iterator[list[str]], token: int, tag: int) -> Iterator[list[str]]:
    """Token lists of the PER spans in a BIO file, one row per token (columns ``token``, ``tag``)."""
    span: list[str] = []
    for cols in lines:
        label = cols[tag] if len(cols) > tag else "O"
        if label.startswith("I-PER") and span:
            span.append(cols[token])
            continue
        if span:
            yield span
        span = [cols[token]] if label == "B-PER" else []
    if span:
        yield span


def _wikiann() -> Iterator[list[str]]:
    with (DATA / "wikiann_de" / "train").open(encoding="utf-8") as fh:
        rows = ([c.split(":", 1)[-1] if i == 0 else c for i, c in enumerate(line.rstrip("\n").split("\t"))]
                for line in fh)
        yield from _bio_names(rows, 0, 1)


def _germeval() -> Iterator[list[str]]:
    """The project's GermEval train split: test.tsv sentences 0–4099 and dev.tsv 0–1699."""
    for name, keep in (("NER-de-test.tsv", 4100), ("NER-de-dev.tsv", 1700)):
        rows: list[list[str]] = []
        sentence = -1
        with (DATA / "germeval2014" / name).open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    sentence += 1
                elif line.strip() and sentence < keep:
                    rows.append(line.rstrip("\n").split("\t"))
                elif not line.strip() and rows:
                    rows.append(["", "", "O"])
        yield from _bio_names(iter(rows), 1, 2)


def first_names() -> frozenset[str]:
    counts: Counter[str] = Counter()
    for span in (*_wikiann(), *_germeval()):
        if len(span) >= 2 and span[0][:1].isupper() and span[0].isalpha():
            counts[span[0]] += 1
    return frozenset(w for w, n in counts.items()
                     if n >= MIN_FIRST and not is_title(w) and w.lower() not in NOT_FIRST)


def silver_first_names() -> frozenset[str]:
    """First words of the accurate tagger's person names of two or more words in the silver sentences
    (step 1), or nothing when ``training/ner/silver.py`` has not been run."""
    if not SILVER.exists():
        print(f"{SILVER} is missing: run training/ner/silver.py for the full first-name list", file=sys.stderr)
        return frozenset()
    from rarely_names import TOKEN, stream_texts

    skip = stream_texts()
    starts: Counter[str] = Counter()
    uses: Counter[str] = Counter()
    with SILVER.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            text = d["text"]
            if " ".join(text.split()) in skip:
                continue
            for m in TOKEN.finditer(text):
                if m.group()[:1].isupper():
                    uses[m.group()] += 1
            for start, end, label in d["spans"]:
                words = text[start:end].split()
                if label == "PER" and len(words) >= 2 and words[0].isalpha() and words[0].istitle():
                    starts[words[0]] += 1
    return frozenset(
        w for w, n in starts.items()
        if n >= MIN_SILVER_FIRST and n >= SILVER_SHARE * uses[w] and not is_title(w)
        and w.lower() not in NOT_FIRST and not is_common_word(w)
    )


def s_surnames(firsts: frozenset[str]) -> list[str]:
    """Surnames that look like a first name's genitive ("Williams", "Peters", "Roberts"): the last word
    of person names in the NER training data, seen at least twice, ending in "s" after a first name."""
    counts: Counter[str] = Counter()
    for span in (*_wikiann(), *_germeval()):
        if len(span) >= 2 and span[-1].endswith("s") and span[-1][:-1] in firsts:
            counts[span[-1]] += 1
    return sorted(w for w, n in counts.items() if n >= MIN_FIRST)


def full_names(firsts: frozenset[str]) -> dict[str, Counter[str]]:
    by_surname: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts():
        for first, last in PAIR.findall(text):
            last = last.rstrip("'’")
            if (first in firsts and last not in firsts and len(last) > 2 and not last.isupper() and "Ã" not in last
                    and not is_title(first) and not is_common_word(last) and place(f"{first} {last}") is None):
                by_surname[last][first] += 1
    return by_surname


def bearers(by_surname: dict[str, Counter[str]]) -> list[tuple[str, str, int, int]]:
    out = []
    for surname, firsts in by_surname.items():
        (first, top), total = firsts.most_common(1)[0], sum(firsts.values())
        if top >= MIN_COUNT and top >= MIN_SHARE * total and place(surname) is None:  # "Abu Dhabi"
            out.append((surname, f"{first} {surname}", top, total))
    return sorted(out)


def main() -> int:
    if not (DATA / "wikiann_de").exists() or not (DATA / "de_headlines_2013_2023").exists():
        print(f"{DATA} lacks the corpora; nothing built", file=sys.stderr)
        return 1
    firsts = first_names()
    rows = bearers(full_names(firsts))
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# surname\tfull name\tuses\tall full names with the surname"
                 "  (generated by training/lexicon/surname_bearers.py)\n")
        fh.writelines(f"{s}\t{f}\t{n}\t{t}\n" for s, f, n, t in rows)
    listed = firsts | silver_first_names()
    FIRST_OUT.write_text("".join(f"{w}\n" for w in sorted(listed)), encoding="utf-8")
    S_OUT.write_text("".join(f"{w}\n" for w in s_surnames(firsts)), encoding="utf-8")
    print(f"{len(listed)} first names -> {FIRST_OUT.relative_to(ROOT)}; {len(rows)} surnames -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
