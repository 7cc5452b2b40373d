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


#: Articles, pronouns, prepositions and conjunctions of German and English: a tagger's one-word
#: "name" made of one of them is a fragment ("Die" of a film title cut short, "The", a shouting
#: headline's "ER" or "IHRE"), or the answer "Ja." of a teaser. Lower-case, umlauts kept.
_FUNCTION = """der die das den dem des ein eine einer einem einen eines dieser diese dieses diesem diesen
    jener jene jenes er sie es wir ihr ihre ihren ihrem ihrer ihres ich du sein seine seinen seinem
    seiner mein meine dein deine unser unsere euer eure kein keine und oder aber doch wenn dass ob als
    wie so auch noch nur schon in im am an auf aus bei beim mit nach von vom zu zum zur für über unter
    vor gegen ohne um bis durch seit während wegen ja nein
    the a an and or but if of in on at to for from with by as is it he she we they you i his her its
    their our this that these those"""
FUNCTION_WORDS = frozenset(_FUNCTION.split())


def is_function_word(word: str) -> bool:
    """Whether ``word`` (any case: "Die", "IHRE"; a compound's cut first part: "Über-" of
    "Über-Rendite"; with the full stop or exclamation mark after it: "Ja!") is an article, pronoun,
    preposition, conjunction or the answer "ja"/"nein"."""
    return word.strip("-–—.!?").lower() in FUNCTION_WORDS


@lru_cache(maxsize=1)
def rarely_names() -> frozenset[str]:
    """Capitalised words the accurate tagger leaves outside names in most of its uses ("Feuerwerk",
    "Kolumne", "Polizei"), counted by ``training/lexicon/rarely_names.py``: tagged alone as a person or
    organisation, such a word is the tagger's odd case, not a name."""
    return _word_list(RARELY_NAMES_PATH)
