"""Service pieces: items that are each their own event and story unless they are copies.

The front-page labels' guideline: "service pieces, opinion, columns, quizzes, horoscopes and ads are
each their own event unless syndicated". Most of them cannot be told from news by their words, but a
horoscope can: it names one ("Horoskop", "Wochenhoroskop") or the signs ("Sternzeichen"). The weekly
horoscopes for Krebs, Widder and Zwillinge share their title's words and dates ("Vom 29.12. bis
4.1.2026: Das Wochenhoroskop für …") and had become one event, and a horoscope joined the story of
another; on the dev morning all seven horoscopes are events and stories of their own, save one listed
twice. So a horoscope is linked by its title alone (``service_vector``): the same title listed again
meets it, another horoscope does not.

A product test says so ("Top 10: Die beste Powerstation im Test", "Käsegrills im Test", "Bitdefender
Antivirus Plus im Test: …"): heise's "Top 10: Der/Die beste(n) … im Test" series shares four words
("Top", "10", "beste", "Test") from one test to the next, and every product it tested on the stream's
first days had become one event. Each test is its own event and story, linked by its title alone.
"""

from __future__ import annotations

import math
import re

from .text import kicker_words, words

_HOROSCOPE = re.compile(r"horoskop|sternzeichen", re.IGNORECASE)
_PRODUCT_TEST = re.compile(r"\b[Ii]m (?:Praxis|Dauer|Lang(?:zeit)?|Härte)?-?[Tt]est\b")  # "im Test", "im Praxistest"


def service_piece(title: str) -> str | None:
    """The kind of service piece a title announces ("horoscope", "product test"), or None."""
    title = title or ""
    if _HOROSCOPE.search(title):
        return "horoscope"
    return "product test" if _PRODUCT_TEST.search(title) else None


def service_vector(kind: str, title: str) -> dict[str, float]:
    """The vector a service piece is linked by: two dimensions made of its whole title (the kicker
    left out), which only the same title has; two, since a link wants two things shared."""
    ws = words(title)
    key = " ".join(ws[kicker_words(title) :]) or " ".join(ws)
    w = 1 / math.sqrt(2)
    return {f"S:{key}": w, f"S:{kind}:{key}": w} if key else {}
