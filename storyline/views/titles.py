"""Headlines as a reader sees them.

Some outlets' front pages glue their layout onto the headline text: ZEIT writes "Z+ (abopflichtiger
Inhalt); " before paid articles, FAZ "FAZ+", the SZ "SZ Plus" with its labels ("Meinung",
"Exklusiv") run into the headline, and the SZ's kicker is glued to the headline by a bare colon
("Fußball-Bundesliga:Polzin nach Kuntz-Aus …"). On the front-page stream that is about one title in
six. Lists and page headings show ``reader_title``: the mark dropped, a label and a glued kicker set
off by ": ". The stored title stays as the outlet wrote it: search, export, the API and the offsets
of the title's annotations use it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..nlp.marks import mark_end

# a label the SZ runs into the headline after its mark ("SZ PlusMeinungStromausfall in Berlin: …")
_LABEL = re.compile(r"^(Exklusiv|Meinung|SZ Magazin)(?=[A-ZÄÖÜ„\"»])")
# a kicker glued to the headline: a letter, a colon, then a capital, a digit or an opening quote
# ("Wetter:2025 …", "Brände:„…"); not the colon of "Lehrer:innen", "2:1" or "10:30"
_GLUED_COLON = re.compile(r"(?<=[^\W\d_]):(?=[A-ZÄÖÜ\d„\"»«“‚(])")


@lru_cache(maxsize=1 << 14)  # pure; lists show the same titles again and again
def reader_title(title: str) -> str:
    """``title`` without an outlet's paywall mark, with a glued label or kicker set off by ": "."""
    if not title:
        return title
    rest = title[mark_end(title):]
    if rest != title:
        rest = _LABEL.sub(r"\1: ", rest, count=1)
    if "://" not in rest:  # a web address keeps its colons
        rest = _GLUED_COLON.sub(": ", rest)
    return rest if rest.strip() else title
