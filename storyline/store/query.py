"""Limits on a full-text query, checked before it reaches the FTS index.

A 1.2 KB query of 400 prefix terms (``a* a* …``) took 21 s of CPU and one of 20,000 ORs over 60 s:
each term, and each prefix term above all, costs a pass over the index. The limits leave room for
any query a person types and refuse the rest with a message that says which limit was hit.
"""

from __future__ import annotations

import re

from ..errors import QueryError

MAX_QUERY_CHARS = 500
MAX_TERMS = 32
MAX_PREFIX_TERMS = 4

_QUOTED = re.compile(r'"([^"]*)"(\*?)')


def check_query(query: str, match: str) -> None:
    """Raise QueryError when ``query`` (as typed) or ``match`` (its FTS5 form) is too costly."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"search query too long ({len(query):,} characters; at most {MAX_QUERY_CHARS})")
    terms = prefixes = 0
    for inner, star in _QUOTED.findall(match):
        terms += max(1, len(inner.split()))
        prefixes += bool(star)
    if terms > MAX_TERMS:
        raise QueryError(f"search query has too many words ({terms}; at most {MAX_TERMS})")
    if prefixes > MAX_PREFIX_TERMS:
        raise QueryError(f"search query has too many prefix* words ({prefixes}; at most {MAX_PREFIX_TERMS})")
