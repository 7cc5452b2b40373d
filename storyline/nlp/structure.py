"""Paragraphs and subheadings: blocks separated by blank lines; short unpunctuated lines are headings.

News text that reaches us as plain text keeps its structure only in line breaks, so this stage
recovers it: a block is a paragraph; a one-line block that is short, has few words and does not
end like a sentence is a subheading ("Krieg verhindern"). Single line breaks inside a block are kept
as part of the paragraph.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Paragraph, Span
from ..pipeline import Stage, register

if TYPE_CHECKING:
    from ..model import Document
    from ..settings import Settings

_SEPARATOR = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_SENTENCE_END = tuple('.!?:;…"“”»«\'’)')


def split_blocks(text: str) -> list[Span]:
    """Spans of non-blank blocks separated by one or more blank lines, trimmed of white space."""
    spans: list[Span] = []
    pos = 0
    for cut in [*(m.span() for m in _SEPARATOR.finditer(text)), (len(text), len(text))]:
        chunk = text[pos : cut[0]]
        stripped = chunk.strip()
        if stripped:
            start = pos + len(chunk) - len(chunk.lstrip())
            spans.append(Span(start, start + len(stripped)))
        pos = cut[1]
    return spans


@register("structure")
class StructureStage(Stage):
    version = 1
    requires = ("article.text",)
    assigns = ("paragraphs",)

    def __init__(self, settings: Settings):
        self.max_chars = int(settings["structure.max_heading_chars"])
        self.max_words = int(settings["structure.max_heading_words"])

    def is_heading(self, block: str, is_last: bool) -> bool:
        return (
            not is_last
            and "\n" not in block
            and len(block) <= self.max_chars
            and len(block.split()) <= self.max_words
            and not block.endswith(_SENTENCE_END)
            and block[:1].isupper() | block[:1].isdigit()
        )

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        blocks = split_blocks(text)
        doc.paragraphs = [
            Paragraph(span, self.is_heading(span.text(text), i == len(blocks) - 1) and len(blocks) > 1)
            for i, span in enumerate(blocks)
        ]
        return doc
