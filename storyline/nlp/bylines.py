"""Bylines: the names of the people who wrote an article, not people it reports on.

Teasers end with their author ("… Wir haben sie getestet. Von Peter Wagner", "Eine Kolumne von
Henrik Müller"), and some titles begin with one ("Kommentar von BILD-Chef Robert Schneider: …").
Such a person is named on every piece they write and so becomes a well-known full name, which a
bare surname in other news then joined: the NBA's "Wagner" went to the SPIEGEL author Peter Wagner
(19 mentions on the front-page stream), "Umweltminister Schneider" to BILD's Robert Schneider, the
Elversberg talent "Book" to the author Simon Book. The entities stage marks a person named only in
bylines with the relation ``AUTHOR``; the entity index keeps bare surnames away from them. A person
the news also name otherwise is no author (merging drops the mark): Peter Wagner, whose own teaser
once says "Hobbykoch Peter Wagner verrät es Ihnen", still takes a bare "Wagner".

A byline is a full name (two words or more) after "Von" that starts a sentence or the text, or after
a genre and "von" ("Kommentar von", "Eine Kolumne von"), maybe with the author's role in between
("von BILD-Chef", "von Chef-Autor"), that ends the text, its line or its sentence part (before "und",
",", ":", "|", "("). A second name joined to a byline by "und" or a comma is one too ("Von Gerd Blank
und Markus Linden"). "Von Friedrich Merz erwartet die CDU …" is no byline: words follow the name. English bylines
begin with "By" ("… the report says. By Jane Smith").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Mention

#: ``Entity.relation`` of a person named only in bylines
AUTHOR = "author"

#: Kinds of written piece whose name may lead a byline ("Eine Kolumne von …")
GENRES = ("kommentar", "kolumne", "analyse", "gastbeitrag", "essay", "glosse", "reportage", "leitartikel", "meinung")
_GENRES = "|".join(GENRES)
_ROLE = r"(?:[\w]+-[\w-]+\s+|\w*(?:autor|autorin|redakteur|redakteurin|korrespondent|korrespondentin)\s+)"
_BY = rf"(?:(?:(?:ein|eine)\s+)?(?:(?:{_GENRES})\s+)?von\s+{_ROLE}?|by\s+)"
_AT_START = re.compile(rf"\s*{_BY}", re.IGNORECASE)
_AFTER_SENTENCE = re.compile(rf"(?:[.!?…:;»«“”\"'|)\]]|\n)\s*{_BY}$", re.IGNORECASE)
_ENDS = re.compile(r"\s*(?:$|\n|und\s|&|,|:|\||\()")
_JOINED = re.compile(r"\s*(?:,|und|&)\s*")
_LOOK_BACK = 120


def _leads(text: str, start: int) -> bool:
    """Whether the text before ``start`` ends in a byline's lead ("… getestet. Von ")."""
    if _AT_START.fullmatch(text, 0, start):
        return True
    return _AFTER_SENTENCE.search(text, max(0, start - _LOOK_BACK), start) is not None


def bylines(text: str, mentions: Sequence[Mention]) -> set[int]:
    """Indices of the person ``mentions`` (sorted by start) that are bylines of ``text``."""
    found: set[int] = set()
    previous: int | None = None  # the last byline's index
    for i, m in enumerate(mentions):
        if m.label != "PER":
            continue
        name = text[m.span.start : m.span.end]
        if len(name.split()) < 2 or not _ENDS.match(text, m.span.end):
            continue
        joined = (previous is not None and _JOINED.fullmatch(text, mentions[previous].span.end, m.span.start)
                  is not None)
        if joined or _leads(text, m.span.start):
            found.add(i)
            previous = i
    return found
