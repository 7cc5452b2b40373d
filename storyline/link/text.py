"""Tokens, terms and TF-IDF vectors for linking, German- and English-aware, with an incremental IDF.

The linker sees articles one at a time, so document frequencies grow as the stream goes; a fixed,
fitted vocabulary (scikit-learn style) would have to be refitted. Vectors are plain ``dict[str, float]``
so they serialise as JSON and explain themselves term by term (the evidence ``compare`` shows).

Normalisation folds case, umlauts and ß ("Pjöngjang" = "Pjongjang"), drops stop words of both
languages and strips a few inflection suffixes ("Nordkoreas" → "nordkorea", "talks" → "talk"): light
enough to be fast, strong enough that wire copies and follow-ups share their terms.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from functools import lru_cache

from .coldmap import ColdMap, prefetch

SparseVec = dict[str, float]

_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*", re.UNICODE)
# accents folded after ``casefold`` (which already writes "ß" as "ss"); one ``replace`` each is
# several times faster than ``str.translate`` with a table, which looks up every character
_FOLD = (("ä", "a"), ("ö", "o"), ("ü", "u"), ("é", "e"), ("è", "e"), ("á", "a"), ("ó", "o"))

_STOP_DE = """
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm
andern anders auch auf aus bei beim bin bis bist da dabei dadurch dafur dagegen daher dahin damals
damit danach daneben dann daran darauf daraus darin daruber darum darunter das dass dasselbe dazu dein
deine deinem deinen deiner dem demselben den denn denselben der derer derselbe derselben des desselben
dessen deshalb dich die dies diese dieselbe dieselben diesem diesen dieser dieses dir doch dort du durch
ein eine einem einen einer eines einig einige einigem einigen einiger einiges einmal er es etwas euch
euer eure eurem euren eurer fur gegen gewesen hab habe haben hat hatte hatten hattest hier hin hinter
ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder jedes
jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines konnen konnte machen
man manche manchem manchen mancher manches mein meine meinem meinen meiner meines mich mir mit muss
musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines selbst
sich sie sind so solche solchem solchen solcher solches soll sollte sondern sonst uber um und uns unser
unsere unserem unseren unserer unter viel vom von vor wahrend war waren warst was weg weil weiter
welche welchem welchen welcher welches wenn werde werden wie wieder will wir wird wirst wo wollen
wollte wurde wurden zu zum zur zwar zwischen schon mehr neue neuen neuer neues ab laut sei seien
soll sollen worden wegen gibt geht immer sowie bereits jahr jahre jahren heute gestern uhr sagte sagt
teilte mit erst letzte letzten ersten erste steht stehen gibt geben geht gehen macht machen kommt
kommen hat will wollen muss mussen kann darf durfen lasst lassen neu plus video live liveblog ticker
news inhalt abopflichtig abopflichtiger
"""
_STOP_EN = """
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours ourselves out over own same she should
so some such than that the their theirs them themselves then there these they this those through to
too under until up very was we were what when where which while who whom why will with would you your
yours yourself also said says say according told new one two its it's mr mrs ms s t year years
last first would could may might must shall week day time people
"""
STOPWORDS = frozenset((_STOP_DE + _STOP_EN).split())

# Longest first; a suffix is stripped only when a stem of at least 4 characters remains.
_SUFFIXES = ("ungen", "ern", "en", "er", "es", "em", "ing", "ed", "es", "e", "s", "n")


def fold(text: str) -> str:
    """Case- and accent-folded text: the form every comparison in the linker uses."""
    text = text.casefold()
    if text.isascii():
        return text
    for accented, plain in _FOLD:
        if accented in text:
            text = text.replace(accented, plain)
    return text


def stem(word: str) -> str:
    """Strip one inflection suffix; numbers and short words stay as they are."""
    if len(word) <= 4 or word[-1].isdigit():
        return word
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            return word[: -len(suf)]
    return word


def words(text: str) -> list[str]:
    """Folded word tokens (stop words kept): the unit of shingles for near-duplicate detection."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=200_000)
def term(word: str) -> str | None:
    """The term a folded word contributes, or None for stop words (cached: words repeat a lot)."""
    if len(word) < 2 or word in STOPWORDS:
        return None
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return stem(word)


def terms(text: str) -> list[str]:
    """Content terms: folded, stop words and one-letter tokens dropped, lightly stemmed."""
    return [t for t in map(term, _WORD.findall(fold(text))) if t]


def terms_of_words(ws: Iterable[str], parts: bool = True) -> list[str]:
    """``terms`` for already folded words (the linker folds each text once). With ``parts``, a
    hyphenated compound also contributes its parts ("feuer-katastrophe" → feuer, katastrophe), so
    that it meets the articles that write "Feuer" or "Katastrophe" on their own."""
    ws = ws if isinstance(ws, list) else list(ws)
    out = [t for t in map(term, ws) if t]
    if parts:
        for w in ws:
            if "-" in w:
                out.extend(_hyphen_parts(w))
    return out


@lru_cache(maxsize=100_000)
def _hyphen_parts(word: str) -> tuple[str, ...]:
    whole = term(word)
    if whole is None:
        return ()
    return tuple(p for p in map(term, word.split("-")) if p and p != whole)


_KICKER = re.compile(r"^\s*([^:\n]{2,40}?):(?!\d)")


def kicker_words(title: str) -> int:
    """How many leading words of ``title`` are a kicker: the section label some outlets put before a
    colon ("Fußball-Bundesliga:", "Brände:", "Konflikte:"). A kicker of one to three words often names
    the beat rather than the event, so its compounds are not split into parts: "Fußball-Bundesliga:"
    on two transfer stories must not add "Fußball" and "Bundesliga" to what they share."""
    m = _KICKER.match(title)
    if not m:
        return 0
    n = len(words(m.group(1)))
    return n if 0 < n <= 3 else 0


_CAP = re.compile(r"(?<![.!?:\"“„]\s)(?<!^)\b([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)")


def capitalised_names(text: str) -> list[str]:
    """Capitalised word runs not at a sentence start: a name proxy for English text without NER.

    In German every noun is capitalised, so callers use this only for English; real entities from
    the NER stage replace it when they are present.
    """
    names = []
    for m in _CAP.finditer(text):
        run = m.group(1)
        if m.start() == 0:
            continue
        for part in run.split():
            key = stem(fold(part).strip("'’-"))
            if len(key) >= 2 and key not in STOPWORDS:
                names.append(key)
    return names


def _count_into(df: dict[str, int], keys: Collection[str]) -> None:
    """Add one to the count of each of ``keys`` (distinct): counted in C for an in-memory
    ``Counter``, else fetched in one request first (a ``ColdMap`` of keyed rows)."""
    if isinstance(df, Counter):
        df.update(keys)
        return
    prefetch(df, keys)
    for k in keys:
        df[k] = df.get(k, 0) + 1


class SourceBoilerplate:
    """Terms one source puts on most of its items ("Z+ (abopflichtiger Inhalt)", "FAZ+", "Liveblog").

    They say who published an item, not what it reports, yet would link every item of that source.
    A term seen in more than ``share`` of a source's items (once it has ``min_items``) is dropped
    from that source's vectors. ``df`` counts per (source, term), keyed ``source + SEP + term``: one
    flat map, so that a store-backed linker keeps it as keyed rows and fetches only the counts of
    the terms arriving articles use (``ColdMap``), not every source's vocabulary.
    """

    __slots__ = ("df", "min_items", "n", "share")

    SEP = "\x1f"  # no term contains it (terms are word characters joined by - ' ’ .)
    LABEL = "\x1e"  # after ``SEP``: the key of a short text the source used (``label``), no term
    LABEL_WORDS = 5  # a text of this many words or fewer may be a label

    def __init__(self, share: float = 0.15, min_items: int = 40):
        self.share = share
        self.min_items = min_items
        self.df: dict[str, int] = Counter()
        self.n: Counter[str] = Counter()

    def add(self, source: str | None, vocabulary: Iterable[str]) -> None:
        if source:
            self.n[source] += 1
            head = source + self.SEP
            _count_into(self.df, [head + t for t in set(vocabulary)])

    def label(self, source: str | None, text: str, title: str) -> bool:
        """Whether ``text`` is a label its source puts on articles rather than the article's own
        words: a short text (``LABEL_WORDS`` words or fewer) that the source has already used under
        another headline. FR gives its translated pieces the teaser "Washington Post" (22 different
        headlines, which had made one event of a Netanyahu–Trump meeting, the Ukraine talks, ICE
        arrests and chemicals in drinking water), FAZ "Video", "Podcast" and "Öffnen", FR
        "Leitartikel" and "Kolumne". The text's first use stays (nothing told it apart then); the
        same headline again is a copy, not a second use. Recorded in ``df`` under the source's
        ``LABEL`` key: the first headline's checksum, -1 once the text is a label."""
        key = self.label_key(source, text)
        if key is None:
            return False
        head = zlib.crc32(" ".join(words(title)).encode("utf-8"))
        seen = self.df.get(key)
        if seen is None:
            self.df[key] = head
            return False
        if seen == head:
            return False
        self.df[key] = -1
        return True

    def label_key(self, source: str | None, text: str) -> str | None:
        """Where ``label`` keeps what it saw of a short ``text`` of ``source``; None for a longer one
        (most texts, told by their length before their words are read)."""
        ws = words(text) if source and len(text) <= 20 * self.LABEL_WORDS else []
        if not ws or len(ws) > self.LABEL_WORDS:
            return None
        return f"{source}{self.SEP}{self.LABEL}{' '.join(ws)}"

    def filter(self, source: str | None, counts: Mapping[str, float]) -> Mapping[str, float]:
        n = self.n.get(source or "", 0)
        if not source or n < self.min_items:
            return counts
        df, head, limit = self.df, source + self.SEP, self.share * n
        if isinstance(df, ColdMap):
            df.prefetch([head + t for t in counts])
        return {t: c for t, c in counts.items() if df.get(head + t, 0) <= limit}

    def state(self) -> dict[str, object]:
        """Everything but the counts per term (a per-key map its owner persists)."""
        return {"share": self.share, "min_items": self.min_items, "n": dict(self.n)}

    def to_dict(self) -> dict[str, object]:
        return {**self.state(), "df": dict(self.df)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SourceBoilerplate:
        obj = cls(float(data.get("share", 0.15)), int(data.get("min_items", 40)))  # type: ignore[arg-type,call-overload]
        obj.n = Counter(data.get("n", {}))  # type: ignore[arg-type,call-overload]
        obj.df = Counter({str(k): int(v) for k, v in dict(data.get("df", {})).items()})  # type: ignore[call-overload]
        return obj


class IncrementalIdf:
    """Document frequencies that grow with the stream.

    ``prior_docs`` pseudo-documents in which no term occurs keep the IDF meaningful while the stream
    is young (two articles alone would otherwise give every shared term an IDF of zero). ``df`` is a
    plain map of term -> count: a store-backed linker keeps it as keyed rows (``ColdMap``) and
    fetches the terms of each arriving article in one request.
    """

    __slots__ = ("df", "n", "prior_docs")

    def __init__(self, prior_docs: int):
        """``prior_docs`` is the linker's (``config.LinkConfig.idf_prior_docs``)."""
        self.df: dict[str, int] = Counter()
        self.n = 0
        self.prior_docs = prior_docs

    def add(self, vocabulary: Iterable[str]) -> None:
        self.n += 1
        _count_into(self.df, list(dict.fromkeys(vocabulary)))

    def idf(self, term: str) -> float:
        return math.log((self.n + self.prior_docs + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def unseen(self) -> float:
        """The IDF of a term no document has had yet (the most a term can weigh)."""
        return math.log(self.n + self.prior_docs + 1) + 1.0

    def state(self) -> dict[str, object]:
        """Everything but the counts per term (a per-key map its owner persists)."""
        return {"n": self.n, "prior_docs": self.prior_docs}

    def to_dict(self) -> dict[str, object]:
        return {**self.state(), "df": dict(self.df)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> IncrementalIdf:
        obj = cls(int(data["prior_docs"]))  # type: ignore[call-overload]
        obj.n = int(data.get("n", 0))  # type: ignore[call-overload]
        obj.df = Counter({str(k): int(v) for k, v in dict(data.get("df", {})).items()})  # type: ignore[call-overload]
        return obj


def tfidf(counts: Mapping[str, float], idf: IncrementalIdf, max_df_ratio: float = 1.0) -> SparseVec:
    """Unit-length sublinear TF-IDF vector; terms in more than ``max_df_ratio`` of documents drop."""
    vec: SparseVec = {}
    limit = max_df_ratio * (idf.n + 1)
    for term, tf in counts.items():
        if tf <= 0:
            continue
        if max_df_ratio < 1.0 and idf.n >= 20 and idf.df.get(term, 0) > limit:
            continue
        vec[term] = (1.0 + math.log(tf)) * idf.idf(term)
    return normalise(vec)


def entity_weights(counts: Mapping[str, float], idf: IncrementalIdf, weight: float, power: float) -> SparseVec:
    """Entities as they join a term vector: their unit TF-IDF vector times ``weight``, times how rare
    the rarest of them is (its IDF relative to an entity never seen, to ``power``). An item whose
    only entities are common ones ("Deutschland", "Euro") carries them weakly; an item naming one
    rare person or place carries its entities at full weight, as before."""
    vec = tfidf(counts, idf)
    if not vec:
        return vec
    ref = idf.unseen()
    rarity = max(idf.idf(k) for k in vec) / ref
    scale = weight * min(1.0, rarity) ** power
    return {k: v * scale for k, v in vec.items()}


def normalise(vec: SparseVec) -> SparseVec:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    if norm == 0.0:
        return {}
    return {k: v / norm for k, v in vec.items()}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum([v * b[k] for k, v in a.items() if k in b])  # in ``a``'s order, the sum is the same each run


def dot_shared(a: Mapping[str, float], b: Mapping[str, float]) -> tuple[float, int]:
    """Dot product and the number of dimensions both vectors use. The shared keys are found in C;
    ``fsum`` makes the sum exact, so the set's order (which varies between processes) cannot change it."""
    common = a.keys() & b.keys()
    if not common:
        return 0.0, 0
    return math.fsum([a[k] * b[k] for k in common]), len(common)


def heaviest(vec: Mapping[str, float], n: int) -> list[str]:
    """The ``n`` heaviest keys, heaviest first, ties in insertion order (``heapq.nlargest``'s
    result, sorted in C)."""
    return sorted(vec, key=vec.__getitem__, reverse=True)[:n]


def contributions(a: Mapping[str, float], b: Mapping[str, float], top: int = 10) -> list[tuple[str, float]]:
    """The terms that make ``a·b`` large, biggest first: the 'overlapping terms' evidence."""
    if len(a) > len(b):
        a, b = b, a
    parts = [(k, v * b[k]) for k, v in a.items() if k in b]
    parts.sort(key=lambda kv: (-kv[1], kv[0]))
    return [(k, round(v, 4)) for k, v in parts[:top]]


def add_into(target: SparseVec, vec: Mapping[str, float], weight: float = 1.0) -> None:
    for k, v in vec.items():
        target[k] = target.get(k, 0.0) + weight * v


def top_terms(vec: Mapping[str, float], k: int) -> list[str]:
    return [t for t, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]
