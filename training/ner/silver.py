"""Tag unlabelled German text from ../shared/data with the accurate model (silver data for the fast one).

Usage: python training/ner/silver.py [--n 150000]  -> training/ner/work/silver.jsonl
"""

from __future__ import annotations

import argparse
import json
import time

from common import ROOT, WORK, sample_texts

from storyline.nlp.ner.tagger import AccurateTagger


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=150000)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    texts = sample_texts(args.n, args.seed, 400)
    tagger = AccurateTagger(threads=args.threads)
    t0 = time.time()
    with (WORK / "silver.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(0, len(texts), 512):
            chunk = texts[i : i + 512]
            for t, spans in zip(chunk, tagger.tag(chunk), strict=True):
                fh.write(json.dumps({"text": t, "spans": spans}, ensure_ascii=False) + "\n")
            print(f"{i + len(chunk)}/{len(texts)} {time.time() - t0:.0f}s", flush=True)
    _ = ROOT


if __name__ == "__main__":
    main()
