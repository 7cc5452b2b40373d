"""The plain record the linker works on, and how to build one from a Document or a dict.

The linker must run wherever articles are (CLI, API, a Spark partition), so it takes a small record of
strings, dates and lists instead of the pipeline's ``Document``. Mentions may be empty (entity
extraction is optional): the linker then falls back to terms, and to capitalised names in English.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from ..nlp.bylines import bylines
from .concepts import about, concepts
from .text import capitalised_names, fold, kicker_words, stem, terms_of_words, words

if TYPE_CHECKING:
    from ..model import Document, Span

#: Labels counted as places in the evidence ("shared places").
PLACE_LABELS = frozenset({"LOC", "GPE", "FAC"})


_ALNUM = re.compile(r"[^\W_]+")


def _plain_words(text: str) -> list[str]:
    """Folded words with umlauts spelled as in domains ("sueddeutsche" and "Süddeutsche" agree)."""
    return _ALNUM.findall(fold(text).replace("ae", "a").replace("oe", "o").replace("ue", "u"))


def _outlet(source: str | None) -> tuple[str, ...]:
    """The words of an outlet's name as its domain or name gives them: ("welt",) for welt.de or
    "Die Welt", ("hamburger", "abendblatt") for www.hamburger-abendblatt.de."""
    name = (source or "").strip().lower().removeprefix("www.")
    if "." in name and " " not in name:  # a domain: its first label
        name = name.split(".", 1)[0]
    words = _plain_words(name)
    while len(words) > 1 and words[0] in ("der", "die", "das", "the"):
        words.pop(0)
    return tuple(words) if words and len(words[0]) >= 2 else ()


def _names_outlet(surface: str, own: tuple[str, ...]) -> bool:
    """Whether a mention names the article's own outlet: it begins with the outlet's whole name,
    the last word possibly inflected ("BILD" on bild.de, "ZEIT ONLINE", "Süddeutschen Zeitung" on
    sueddeutsche.de). "Hamburger SV" on hamburger-abendblatt.de and "Stuttgart" on
    stuttgarter-zeitung.de are other things; "SZ" is missed (no domain spells it)."""
    words = _plain_words(surface)
    if len(words) < len(own) or tuple(words[: len(own) - 1]) != own[:-1]:
        return False
    last, want = words[len(own) - 1], own[-1]
    return last == want or (last.startswith(want) and last[len(want) :] in ("n", "s", "en", "es"))


@dataclass(slots=True)
class LinkItem:
    """One article as the linker sees it.

    ``entities`` are ``(key, label)`` pairs where key is an entity id or a normalised name; ``times``
    are TIMEX3 values (``2018-01-10``, ``2018-05``) of dates the article mentions; ``quotes`` are the
    texts of quoted messages (for the "quotes in common" evidence).
    """

    article_id: str
    title: str = ""
    text: str = ""
    language: str | None = None
    published: datetime | None = None
    entities: list[tuple[str, str]] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    source: str | None = None
    quotes: list[str] = field(default_factory=list)
    url: str | None = None  # the outlet's article key in it marks retitled versions of one article
    places: list[str] = field(default_factory=list)  # how the text names its places (their words are place terms)
    authors: list[str] = field(default_factory=list)  # names in its bylines: who wrote it, not what happened

    @classmethod
    def from_document(cls, doc: Document) -> LinkItem:
        """Build from a pipeline Document. An estimated publication date is used only when it rests on
        a named day: a year guessed from the vocabulary (1 July of that year) would place a live
        article months or years away from the events it reports, which is worse than no date."""
        art = doc.article
        published = art.published
        if art.published_estimated or published is None:
            est = art.date_estimate
            published = est.value if est is not None and est.names_a_day else None
        text = art.text or ""
        ents: list[tuple[str, str]] = []
        places: list[str] = []
        own = _outlet(art.source)
        authors, by = _authors(doc)
        for m in doc.mentions:
            if m.span in by:
                continue  # its author: the same author's other pieces report other things
            surface = m.span.text(text)
            if own and _names_outlet(surface, own):
                continue  # "BILD" on bild.de says who published it, not what happened
            key = m.entity_id or stem(fold(surface).strip())
            if key:
                ents.append((key, m.label))
                if m.label in PLACE_LABELS:
                    places.append(surface)
        times = [t.value for t in doc.times if t.type in ("DATE", "TIME") and t.value]
        quotes = [" ".join(s.text(text) for s in q.message) for q in doc.quotes]
        return cls(
            article_id=art.id,
            title=art.title or "",
            text=text,
            language=art.language,
            published=published,
            entities=ents,
            times=times,
            source=art.source,
            quotes=quotes,
            url=art.url,
            places=sorted(set(places)),
            authors=authors,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinkItem:
        """Build from a JSON-like dict (the shape ``to_dict`` writes, or an export row)."""
        pub = data.get("published")
        if isinstance(pub, str) and pub:
            pub = parse_datetime(pub)
        elif isinstance(pub, date) and not isinstance(pub, datetime):
            pub = datetime(pub.year, pub.month, pub.day)
        return cls(
            article_id=str(data["article_id"]),
            title=data.get("title") or "",
            text=data.get("text") or "",
            language=data.get("language"),
            published=pub if isinstance(pub, datetime) else None,
            entities=[(str(k), str(lab)) for k, lab in data.get("entities") or []],
            times=[str(t) for t in data.get("times") or []],
            source=data.get("source"),
            quotes=[str(q) for q in data.get("quotes") or []],
            url=data.get("url"),
            places=[str(p) for p in data.get("places") or []],
            authors=[str(a) for a in data.get("authors") or []],
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "title": self.title,
            "text": self.text,
            "language": self.language,
            "published": self.published.isoformat() if self.published else None,
            "entities": [list(e) for e in self.entities],
            "times": list(self.times),
            "source": self.source,
            "quotes": list(self.quotes),
            "url": self.url,
            "places": list(self.places),
            "authors": list(self.authors),
        }


def _authors(doc: Document) -> tuple[list[str], set[Span]]:
    """The names in the document's bylines (``nlp.bylines``: "… Von Jörg Blech", "Kommentar von
    BILD-Chef Robert Schneider: …"), headline first, and the spans of the text's byline mentions."""
    found: list[str] = []
    spans: set[Span] = set()
    title = doc.separate_title or ""
    fields = ((title, doc.title_mentions if title else []), (doc.article.text or "", doc.mentions))
    for in_text, (field_text, ms) in enumerate(fields):
        ordered = sorted(ms, key=lambda m: (m.span.start, m.span.end))
        for i in sorted(bylines(field_text, ordered)):
            found.append(ordered[i].span.text(field_text))
            if in_text:
                spans.add(ordered[i].span)
    return list(dict.fromkeys(found)), spans


def parse_datetime(value: str) -> datetime | None:
    """ISO date or datetime (``2018-01-10``, ``2018-01-10T08:00:00``, ``2018-01-10 00:00:00``)."""
    value = value.strip().replace("Z", "+00:00")
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        try:
            dt = datetime.fromisoformat(value[:10])
        except ValueError:
            return None
    return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo else dt


@dataclass(slots=True)
class Features:
    """What the signals compare, computed once per item."""

    counts: dict[str, float]  # term -> weighted count (title terms count double)
    entities: Counter[str]  # "E:key" -> count
    places: frozenset[str]
    days: frozenset[str]  # mentioned days/months, TIMEX prefix form
    day: float | None  # publication time in days since the epoch
    place_dims: frozenset[str] = frozenset()  # vector dimensions that only name a place
    concepts: frozenset[str] = frozenset()  # topics its words name (``concepts.concepts``), for stories
    about: frozenset[str] = frozenset()  # of those, what its title and lead are about (``concepts.about``)


_EPOCH = datetime(1970, 1, 1)


def to_days(dt: datetime | None) -> float | None:
    if dt is None:
        return None
    if dt.tzinfo is not None:  # compare aware and naive dates on one (UTC) clock
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return (dt - _EPOCH).total_seconds() / 86400.0


def features(
    item: LinkItem, title_weight: float, folded: tuple[list[str], list[str]] | None = None
) -> Features:
    """Terms of title and text, entity keys (or English capitalised names), places and dates.

    ``title_weight`` is the linker's (``config.LinkConfig``); ``folded`` are the title's and the text's ``words`` when the caller has them already."""
    tw, xw = folded if folded is not None else (words(item.title), words(item.text))
    kick = kicker_words(item.title)
    head, tw = tw[:kick], tw[kick:]
    if item.authors:  # a byline's name is no evidence: "Von Jörg Blech" joined fasting and knee pain
        by = {w for name in item.authors for w in words(name)}
        head, tw, xw = ([w for w in ws if w not in by] for ws in (head, tw, xw))
    counts: dict[str, float] = {}
    get = counts.get
    for t in terms_of_words(xw):
        counts[t] = get(t, 0.0) + 1.0
    for t in terms_of_words(head, parts=False) + terms_of_words(tw):
        counts[t] = get(t, 0.0) + title_weight
    ents: Counter[str] = Counter()
    places = set()
    if item.entities:
        for key, label in item.entities:
            k = "E:" + fold(key)
            ents[k] += 1
            if label in PLACE_LABELS:
                places.add(fold(key))
    elif (item.language or "").startswith("en"):
        for name in capitalised_names(item.title + ". " + item.text):
            ents["E:" + name] += 1
    days = frozenset(t[:10] for t in item.times if len(t) >= 7 and t[:4].isdigit())
    dims = {"E:" + p for p in places}
    for name in item.places:
        dims.update(terms_of_words(words(name)))
    named = concepts(item.title, item.text)
    return Features(
        counts, ents, frozenset(places), days, to_days(item.published), frozenset(dims), named,
        about(item.title, item.text, named),
    )
