"""Plain text files: one article per file, UTF-8, optional front matter.

Front matter is a block at the very top between two ``---`` lines with ``key: value`` lines; the
keys title, date (or published), source, url and language are used, others are kept in ``meta``.
A file like the example articles has none: then the whole file is the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import InputError
from . import Problem, noted
from .article import make_article
from .guard import decode, read_bytes

if TYPE_CHECKING:
    from ..model import Article
    from ..settings import Settings

_FRONT = re.compile(r"\A---[ \t]*\n(?P<body>(?:[A-Za-z_][\w-]*[ \t]*:.*\n|[ \t]*#.*\n|[ \t]*\n)*?)---[ \t]*\n")
KNOWN = {"title", "date", "published", "source", "url", "language", "lang"}


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT.match(text)
    if not m:
        return {}, text
    fields: dict[str, str] = {}
    for line in m["body"].splitlines():
        if ":" in line and not line.lstrip().startswith("#"):
            key, _, value = line.partition(":")
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[m.end() :]


def read(source: str, settings: Settings) -> Iterator[Article | Problem]:
    try:
        text, warning = decode(read_bytes(source, int(settings["ingest.max_bytes"])))
        fields, body = split_front_matter(text.replace("\r\n", "\n"))
        notes: list[str] = [warning] if warning else []
        art = make_article(
            body,
            source,
            settings,
            title=fields.get("title"),
            url=fields.get("url"),
            source=fields.get("source"),
            published=fields.get("date") or fields.get("published"),
            language=fields.get("language") or fields.get("lang"),
            meta={k: v for k, v in fields.items() if k not in KNOWN},
            warnings=notes,
        )
    except InputError as exc:
        yield Problem(source, str(exc))
        return
    yield from noted(source, art, notes)
