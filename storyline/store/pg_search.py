"""The user's search syntax in PostgreSQL terms.

Users type one syntax for both backends (words ANDed, ``"phrases"``, ``prefix*``, ``OR``, ``NOT``).
The query is first normalised by the SQLite backend's :func:`~storyline.store.sqlite.fts_query`, and
that normalised form is what is translated here, so both backends parse a query the same way.
Operator precedence follows FTS5: NOT binds tightest, then AND (or adjacency), then OR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .query import check_query
from .sqlite import fts_query

_PART = re.compile(r'"([^"]*)"(\*?)|(OR|NOT|AND)')

# the text search configurations of the PostgreSQL schema, by article language ("" = any other)
CONFIGS = {"de": "storyline_german", "en": "storyline_english", "": "storyline_simple"}


@dataclass(slots=True, frozen=True)
class Term:
    """One word or phrase of the query; ``prefix`` when its last word ends in ``*``."""

    text: str
    prefix: bool = False
    negated: bool = False


def parse(query: str) -> list[list[Term]]:
    """The query as OR-ed groups of AND-ed terms; empty when nothing searchable is left. Raises
    QueryError for a query over the limits of ``store.query``."""
    groups: list[list[Term]] = [[]]
    pending: str | None = None
    match = fts_query(query)
    check_query(query, match)  # the same limits as on SQLite, with the same messages
    for m in _PART.finditer(match):
        if m[3]:
            pending = m[3]
            continue
        words = m[1].strip()
        if not words:
            continue
        if pending == "OR" and groups[-1]:
            groups.append([])
        groups[-1].append(Term(words, bool(m[2]), pending == "NOT"))
        pending = None
    return [g for g in groups if any(not t.negated for t in g)]


def tsquery_sql(groups: list[list[Term]], config: str) -> tuple[str, list[str]]:
    """A SQL expression (with its parameters) that builds the tsquery of ``groups`` under the text
    search configuration ``config``: phrases through ``phraseto_tsquery`` (which folds, stems and
    drops stop words like the index did), prefixes through ``to_tsquery`` with ``:*``."""
    ors: list[str] = []
    params: list[str] = []
    for group in groups:
        ands = []
        for term in group:
            if term.prefix:
                words = [w for w in re.split(r"\W+", term.text) if w]
                if not words:
                    continue
                expr = " <-> ".join(f"'{w}'" for w in words) + ":*"
                sql = f"to_tsquery('{config}', %s)"
                params.append(expr)
            else:
                sql = f"phraseto_tsquery('{config}', %s)"
                params.append(term.text)
            ands.append(f"!!({sql})" if term.negated else f"({sql})")
        if any(not a.startswith("!!") for a in ands):
            ors.append("(" + " && ".join(ands) + ")")
    return " || ".join(ors), params
