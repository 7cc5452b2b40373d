"""Capitalised German words that are ordinary words, not names ("Winter", "Anfang", "Neuer", "Linke").

A known person's bare surname is taken as a mention of that person only when it is not on this list:
"Baum" is Manuel Baum in some articles and a tree in most. The list is counted from unlabelled German
news by ``training/lexicon/common_words.py`` (the rule is in its docstring) and ships with the package.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

DATA_PATH = Path(__file__).resolve().parent.parent / "data" / "common_words.txt.gz"
RARELY_NAMES_PATH = DATA_PATH.with_name("rarely_names.txt.gz")


def _word_list(path: Path) -> frozenset[str]:
    """A packaged gzip word list, one word per line."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The packaged list (read once per process)."""
    return _word_list(DATA_PATH)


def is_common_word(word: str) -> bool:
    """Whether ``word`` (capitalised, or all capitals as in a shouting headline: "WINTER") is an
    ordinary German word; a genitive "-s" of one counts too ("Winters")."""
    words = common_words()
    forms = {word, word[:1] + word[1:].lower()}
    return any(f in words or (f.endswith("s") and f[:-1] in words) for f in forms)


@lru_cache(maxsize=1)
def rarely_names() -> frozenset[str]:
    """Capitalised words the accurate tagger leaves outside names in most of its uses ("Feuerwerk",
    "Kolumne", "Polizei"), counted by ``training/lexicon/rarely_names.py``: tagged alone as a person or
    organisation, such a word is the tagger's odd case, not a name."""
    return _word_list(RARELY_NAMES_PATH)
