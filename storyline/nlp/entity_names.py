"""Name normalisation shared by the gazetteer, the entities stage and the cross-article index.

Why one module: three places must agree on when two surface strings name the same thing. If the
gazetteer folded "Kim Jong-un" one way and the merger another, ids would drift between runs. So the
rules live here, each small and explained:

- ``clean``: what a reader would not notice — zero-width characters, soft hyphens, no-break spaces,
  typographic dashes and quotes, surrounding punctuation.
- ``fold``: the comparison key — case, diacritics, ß, hyphen-vs-space and dots do not distinguish
  names ("Kim Jong-un" = "Kim Jong Un", "U.S." = "US").
- ``strip_titles``: roles before a name ("US-Präsident Donald Trump", "Präsident Moon Jae In") are not
  part of it, but the alias with the title is kept by the caller.
- ``genitive_stem``: German genitive -s ("Kims", "Trumps"); only trusted when the stem is known from
  elsewhere, because many names end in s ("Hans", "Jonas").
- ``entity_id``: a hash of label and key, so ids are the same on every run and every machine.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache

#: Characters a reader does not see: zero-width space/joiners, word joiner, BOM, soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
#: Spaces of other widths, and dashes/quotes that vary by typesetting.
_TRANSLATE = {
    **_INVISIBLE,
    **dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u3000\t\r\n"), " "),
    **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-"),
    **dict.fromkeys(map(ord, "\u2018\u2019\u201b\u00b4`"), "'"),
}
_EDGE = "\"'„“”‚‘’«»‹›()[]{}<>,;:!?*·•/\\|"
_SPACES = re.compile(r"\s+")

#: Leading words that are not part of a name (articles, determiners).
DETERMINERS = frozenset(
    {
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "einer",
        "eines",
        "the",
        "a",
        "an",
    }
)

#: Roles and titles (singular); inflected forms are recognised by suffix stripping.
_TITLE_WORDS = """
    präsident präsidentin vizepräsident vizepräsidentin expräsident staatspräsident ministerpräsident
    kanzler kanzlerin bundeskanzler bundeskanzlerin vizekanzler minister ministerin premierminister
    premierministerin premier regierungschef regierungschefin staatschef staatschefin machthaber
    diktator könig königin prinz prinzessin kronprinz papst kardinal bischof nuntius herr frau dr prof
    sprecher sprecherin senator senatorin gouverneur gouverneurin bürgermeister bürgermeisterin
    oberbürgermeister generalsekretär generalsekretärin chef chefin general oberst admiral
    abgeordneter abgeordnete botschafter botschafterin sicherheitsberater sicherheitsberaterin
    parteichef parteichefin vorsitzender vorsitzende anführer führer scheich emir ayatollah
    president vice prime chancellor secretary governor mayor mr mrs ms miss sir dame lord lady
    king queen prince princess pope leader gen rep sen gov supreme ambassador spokesman spokeswoman
    profi star trainer trainerin coach stürmer torwart kapitän spieler spielerin sänger sängerin
    schauspieler schauspielerin moderator moderatorin rapper rapperin politiker politikerin manager
    managerin boss legende ikone
    biathlet biathletin skispringer skispringerin rennfahrer rennfahrerin weltmeister weltmeisterin
    olympiasieger olympiasiegerin torhüter torhüterin regisseur regisseurin autor autorin
    schriftsteller schriftstellerin musiker musikerin journalist journalistin milliardär milliardärin
    unternehmer unternehmerin influencer influencerin komiker komikerin
    """
#: Compound roles end in one of these ("Außenminister", "US-Präsident", "Ex-Kanzler").
_TITLE_HEAD_WORDS = (
    "präsident",
    "präsidentin",
    "minister",
    "ministerin",
    "kanzler",
    "kanzlerin",
    "chef",
    "chefin",
    "sprecher",
    "sprecherin",
    "berater",
    "beraterin",
    "botschafter",
    "führer",
    # sport and culture roles ("HSV-Profi Meffert", "Bayern-Star Musiala", "Ex-Nationalspieler Müller")
    "profi",
    "star",
    "trainer",
    "trainerin",
    "stürmer",
    "torwart",
    "kapitän",
    "spieler",
    "spielerin",
    "sänger",
    "sängerin",
    "schauspieler",
    "schauspielerin",
    "moderator",
    "moderatorin",
    "politiker",
    "politikerin",
    "legende",
)
_TITLE_ENDINGS = ("innen", "en", "es", "in", "n", "s")


@lru_cache(maxsize=1 << 16)  # pure; names and their words come back again and again
def clean(surface: str) -> str:
    """The name as a reader sees it: invisible characters gone, spaces single, edges trimmed."""
    text = unicodedata.normalize("NFC", surface.translate(_TRANSLATE))
    text = _SPACES.sub(" ", text).strip()
    while text and text[0] in _EDGE:
        text = text[1:].lstrip()
    while text and text[-1] in _EDGE:
        text = text[:-1].rstrip()
    return text


@lru_cache(maxsize=1 << 16)  # pure and called for every word of every name, again and again
def fold(surface: str) -> str:
    """Comparison key: case-, accent-, hyphen- and dot-insensitive, single spaces."""
    text = clean(surface).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace(".", "").replace("'", "").replace("-", " ").replace("_", " ")
    return _SPACES.sub(" ", text).strip()


#: Folded forms, so that "US-Präsident" and "US-Prasident" are both recognised.
TITLES = frozenset(fold(w) for w in _TITLE_WORDS.split())
#: The generation written after a name, without its full stop: "Alexander senior", "Hank Williams Jr."
#: name someone else than the name alone (``entities._widened``, ``entity_index``).
GENERATIONS = frozenset({"senior", "junior", "sen", "jun", "sr", "jr"})
_TITLE_HEADS = tuple(fold(w) for w in _TITLE_HEAD_WORDS)


@lru_cache(maxsize=1 << 16)  # pure; names and their words come back again and again
def is_title(word: str) -> bool:
    """Is this (single) word a role or title, including inflected and hyphenated compounds?"""
    return title_stem(word) is not None


@lru_cache(maxsize=1 << 16)  # pure; names and their words come back again and again
def title_stem(word: str) -> str | None:
    """The folded role a (single) word names without its inflection ("Präsidenten" → "prasident",
    "US-Präsident" → "usprasident"), or None if it is no role or title."""
    w = fold(word).replace(" ", "")
    stems = [w, *(w[: -len(e)] for e in _TITLE_ENDINGS if w.endswith(e) and len(w) > len(e) + 2)]
    return next((s for s in stems if s in TITLES or (len(s) > 6 and s.endswith(_TITLE_HEADS))), None)


@lru_cache(maxsize=1 << 16)  # pure; names and their words come back again and again
def strip_titles(name: str) -> str:
    """Drop leading determiners, roles and the adjectives between them:
    "der nordkoreanische Machthaber Kim" → "Kim", "US-Präsident Donald Trump" → "Donald Trump".

    The prefix is dropped only if it is all determiners or contains a title, and the rest starts with
    a capital; nothing is dropped when only titles would remain ("Präsident" alone stays).
    """
    words = clean(name).split(" ")
    cut, titled = 0, False
    for i, word in enumerate(words[:-1]):
        if is_title(word):
            cut, titled = i + 1, True
        elif fold(word) in DETERMINERS or not word[:1].isupper():
            if not titled and all(fold(w) in DETERMINERS for w in words[: i + 1]):
                cut = i + 1
        else:
            break
    rest = words[cut:]
    if cut and not rest[0][:1].isupper():
        return " ".join(words)
    return " ".join(rest)


@lru_cache(maxsize=1 << 16)  # pure; names and their words come back again and again
def strip_determiners(name: str) -> str:
    words = clean(name).split(" ")
    while len(words) > 1 and fold(words[0]) in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def strip_possessive(name: str) -> str:
    """English possessive and the German apostrophe genitive: "Trump's", "Jones'" → "Trump", "Jones"."""
    name = clean(name)
    for suffix in ("'s", "'"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def genitive_stem(token: str) -> str | None:
    """The stem a German genitive would come from ("Kims" → "Kim"), or None if it cannot be one."""
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "ß")):
        return token[:-1]
    return None


def name_quality(name: str) -> tuple[int, int, int]:
    """Sort key for the canonical name of a cluster: more words, then every word capitalised
    ("Kim Jong Un" over "Kim Jong-un"), then length. Higher is better."""
    words = [w for w in re.split(r"[ -]", clean(name)) if w]
    capitalised = all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    return (len(fold(name).split()), int(capitalised), len(name))


def plain_form(name: str, names: Collection[str]) -> str:
    """``name``, or the form without its genitive "-s" when that form is among ``names`` as well:
    "Dieter Bohlen" for "Dieter Bohlens" (a headline's "Dieter Bohlens Frau" named him first)."""
    if name.endswith("s") and len(name) > 5 and name[-2:-1].isalpha() and name[:-1] in names:
        return name[:-1]
    words = name.split(" ")  # "Elons Musks" (a headline's doubled genitive): "Elon Musk"
    if len(words) == 2 and all(len(w) > 3 and w.endswith("s") and w[-2:-1].isalpha() for w in words):
        plain = " ".join(w[:-1] for w in words)
        if plain in names:
            return plain
    return name


#: A German adjective in a name, with its inflection: "Deutschen", "Künstlicher", "Sächsischem".
_ADJECTIVE = re.compile(r"^(.{2,}(?:isch|lich|sch|ig))(?:e|en|er|es|em)$")


def adjective_key(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Folded name words with the adjectives before the last word in their "-e" form: "Deutschen
    Bahn" and "Deutsche Bahn", "Deutscher Bank" and "Deutsche Bank" are one name inflected."""
    if len(tokens) < 2:
        return tokens
    return (*(m.group(1) + "e" if (m := _ADJECTIVE.match(t)) else t for t in tokens[:-1]), tokens[-1])


def nominative_adjectives(name: str) -> int:
    """How many adjectives of ``name`` are in the "-e" form a name is cited in ("Deutsche Bahn")."""
    words = fold(name).split()[:-1]
    return sum(1 for w in words if w.endswith("e") and _ADJECTIVE.match(w))


def entity_id(label: str, key: str) -> str:
    """Stable id from label and folded key: the same entity gets the same id on every run."""
    digest = hashlib.sha1(f"{label}|{key}".encode()).hexdigest()
    return f"ent_{digest[:16]}"
