"""Outlets' paywall marks at the start of a headline: layout, not words of the news.

ZEIT's front pages write "Z+ (abopflichtiger Inhalt); " before a paid article's headline, FAZ glues
"FAZ+" to it and the SZ "SZ Plus" ("SZ PlusMeinungStromausfall in Berlin:Was …"). The tagger read
them as organisations ("Z+", "SZ"), and lists showed them as part of the headline. Only these known
marks count: "Disney+" or "Apple TV+" at the start of a headline are names.
"""

from __future__ import annotations

import re

PAYWALL_MARK = re.compile(r"^\s*(?:Z\+\s*\(abopflichtiger Inhalt\)\s*[;:]?|FAZ\+|SZ Plus(?=\S))\s*")


def mark_end(text: str) -> int:
    """Where the text starts after an outlet's paywall mark (0 when it has none)."""
    m = PAYWALL_MARK.match(text)
    return m.end() if m else 0
