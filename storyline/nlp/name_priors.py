"""Surnames that German news nearly always use for one person ("Merz" → Friedrich Merz), and first names.

Entity identity joins a bare surname to a full name across articles, and the first full name the store
meets for a surname is not always the person the news mean by it: "SAP-Manager Martin Merz" came
before any "Friedrich Merz" in the front-page stream, and every later "Kanzler Merz" followed him.
This list is prior evidence against such a join: a full name with a listed surname that is not its
prominent bearer ("Martin Merz") does not take over the bare surname, nor does the bare surname go to
it (``storyline.nlp.entity_index``). It is counted from unlabelled German news by
``training/lexicon/surname_bearers.py`` (the rule is in its docstring) and ships with the package.

The first names (1,317: the first words of multi-word person names in the NER training data, and
those the accurate tagger's person names in unlabelled news begin with often) keep a first name alone
("Andrew", "Kate", "Noah": how the news name royals and children) from taking a full name that begins
with it ("Andrew Huang", "Kate Winslet", "Noah Klein"), whichever came first.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .entity_names import fold

DATA_PATH = Path(__file__).resolve().parent.parent / "data" / "surname_bearers.tsv"
FIRST_NAMES_PATH = DATA_PATH.with_name("first_names.txt")
S_SURNAMES_PATH = DATA_PATH.with_name("s_surnames.txt")


@lru_cache(maxsize=1)
def bearers() -> dict[str, tuple[str, ...]]:
    """Folded surname → folded words of its prominent bearer's full name (read once per process)."""
    out: dict[str, tuple[str, ...]] = {}
    with DATA_PATH.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            surname, full = line.rstrip("\n").split("\t")[:2]
            out[fold(surname)] = tuple(fold(full).split())
    return out


def bearer(surname: tuple[str, ...]) -> tuple[str, ...] | None:
    """The prominent bearer of a (folded) surname, or None when the news use it for several people."""
    return bearers().get(" ".join(surname))


def is_namesake(full: tuple[str, ...]) -> bool:
    """Whether a (folded) full name has a listed surname but is not its prominent bearer: "martin merz"
    is, "friedrich merz" and "olaf scholz" are not, and neither is any name the list does not know."""
    for n in (1, 2):  # "Walter-Borjans" folds to two words
        if len(full) > n and (known := bearer(full[-n:])) is not None:
            return full[0] != known[0]
    return False


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Folded first names (read once per process)."""
    with FIRST_NAMES_PATH.open(encoding="utf-8") as fh:
        return frozenset(fold(line) for line in fh if line.strip())


def is_first_name(words: tuple[str, ...]) -> bool:
    """Whether (folded) ``words`` are first names only: "andrew", "jean paul"; not "moon", "trump"."""
    names = first_names()
    return bool(words) and all(w in names for w in words)


@lru_cache(maxsize=1)
def s_surnames() -> frozenset[str]:
    """Folded surnames that look like a first name's genitive: "williams", "peters" (read once)."""
    with S_SURNAMES_PATH.open(encoding="utf-8") as fh:
        return frozenset(fold(line) for line in fh if line.strip())


def is_s_surname(word: str) -> bool:
    """Whether a (folded) word is a surname, not a genitive: "williams" is not William's."""
    return word in s_surnames()
