"""Use-case: cross-article entity identity (the same person, place or organisation in many
articles becomes one stored entity)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Mention, Span

if TYPE_CHECKING:
    from ..model import Document, Entity
    from ..settings import Settings
    from ..store.base import Store


#: a capitalised first part of a hyphenated compound: "Kuntz-Aus", "DWD-Prognose", "Trump-Resort"
_COMPOUND = re.compile(r"(?<![\w-])([A-ZÄÖÜ][\wÄÖÜäöüß]*?)-(?=[\wÄÖÜäöüß])")
#: a capitalised word standing alone (or a double name): "Füllkrug", "Strack-Zimmermann"
_WORD = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\wÄÖÜäöüß]+(?:-[A-ZÄÖÜ][\wÄÖÜäöüß]+)?(?![\w-])")


class EntityMerger:
    """Merges each new document's entities into the entities already stored (same person, place or
    organisation across articles → one id), loading the known entities once per ingest."""

    def __init__(self, store: Store, settings: Settings):
        from ..nlp.entity_index import EntityIndex

        self.index = EntityIndex(store.entities(), short_names=bool(settings["entities.merge_short_names"]))
        #: identity decisions not yet written (``link_log`` rows: a new name joined an entity, or a
        #: name was kept apart from known ones, with the reason); ``take_log`` hands them over
        self.log: list[dict[str, str]] = []

    def take_log(self) -> list[dict[str, str]]:
        log, self.log = self.log, []
        return log

    def __call__(self, docs: list[Document]) -> list[Entity]:
        """Relink the documents' mentions to the merged entities; the entities that changed, by id.
        Whether an article is sports reporting decides whether a city's name alone is its club."""
        from ..nlp.entity_index import sports_context

        changed: dict[str, Entity] = {}
        for doc in docs:
            local = doc.extras.get("entities") or []
            sports = sports_context(f"{doc.article.title or ''}\n{doc.text}")
            result = self.index.merge(local, sports=sports)
            self.log.extend(result.log)
            german = (doc.article.language or "de") == "de"
            doc.mentions = self._more(doc.text, result.relink(doc.mentions), german)
            if title := doc.separate_title:
                doc.title_mentions = self._more(title, result.relink(doc.title_mentions), german)
            for e in result.entities:
                changed[e.id] = e
        return [changed[k] for k in sorted(changed)]

    def _more(self, text: str, mentions: list[Mention], german: bool) -> list[Mention]:
        """The mentions with those the tagger missed but the known entities reveal added."""
        mentions = self._parts(text, mentions)
        return self._surnames(text, mentions) if german else mentions

    def _surnames(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Mentions for known people's bare surnames the tagger left out, mostly at the start of a
        headline ("Füllkrug feiert beim Debüt für Milan", "Zverev schöpft Kraft"): a word that is the
        surname of exactly one well-known person and no ordinary German word (``known_surname``).
        German text only: the list of ordinary words is German."""
        taken = [(m.span.start, m.span.end) for m in mentions]
        added: list[Mention] = []
        for hit in _WORD.finditer(text):
            start, end = hit.span()
            if any(s < end and start < e for s, e in taken):
                continue
            person = self.index.known_surname(hit.group())
            if person is not None:
                added.append(Mention(Span(start, end), "PER", person))
        return sorted([*mentions, *added], key=lambda m: (m.span.start, m.span.end)) if added else mentions

    def _parts(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Mentions for the first part of compounds that name a known person or organisation
        ("Kuntz-Aus", "Trump-Resort", "DWD-Prognose"): the tagger leaves them out, readers count
        them. Each points at the known entity with relation "part" (not an alias)."""
        taken = [(m.span.start, m.span.end) for m in mentions]
        added: list[Mention] = []
        for hit in _COMPOUND.finditer(text):
            start, end = hit.span(1)
            if any(s < end and start < e for s, e in taken):
                continue
            known = self.index.known_part(hit.group(1))
            if known is not None:
                added.append(Mention(Span(start, end), known[1], known[0], relation="part"))
        return sorted([*mentions, *added], key=lambda m: (m.span.start, m.span.end)) if added else mentions
