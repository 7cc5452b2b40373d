"""The linker's knobs, each declared once: one typed config per group of ``link.*`` settings.

A knob a user may set (``storyline settings`` lists them) takes its default from the settings table,
so the table is the only place its value is written; the others were tuned on ECB+ train/dev and
on the story datasets and are declared here only. To expose one, add its row to the table under the
name ``from_settings`` gives it (``link.event_<field>``, ``link.story_<field>``, ``link.dup_<field>``
or ``link.<field>``); nothing else changes. The parts of the linker (``events``, ``clusters``,
``stories``; ``fingerprints``, ``items`` and ``text`` their values) receive them from here and carry
no defaults of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from ..settings import DEFAULTS

#: ``link.*`` settings that steer the app (when to link), not the linker.
APP_SETTINGS = frozenset({"link.on_ingest"})


def _setting(name: str) -> Any:
    return DEFAULTS[name].default


@dataclass(slots=True)
class EventConfig:
    """The event graph (``events.EventGraph``); settings ``link.event_*``."""

    threshold: float = _setting("link.event_threshold")
    k: int = _setting("link.event_k")
    window_days: float = _setting("link.event_window_days")
    tau_days: float = _setting("link.event_tau_days")
    min_shared: int = 2
    min_content: int = 1
    bond_sim: float = 0.35  # an article pair this alike across two events is a bond ...
    bond_min: int = 2  # ... and this many pairs of distinct texts (no copies) merge them (0: never)
    copy_sim: float = 0.8  # a neighbour this similar is a copy: its event is the article's  # shared terms beyond place names a link needs (0: places alone may link)
    avg_gate: float = 0.12
    merge_gate: float = 0.16
    min_hits: int = 2
    date_bonus: float = 0.05  # added when both articles mention the same date
    grace_days: float = 1.0
    retire_days: float = 10.0
    index_terms: int = 12
    max_candidates: int = 100
    consolidate_every: int = 500  # graph additions between two checks for split events
    episode_share: float = _setting("link.event_episode_share")  # events about the weather: one a day
    common_share: float = 0.01  # a word or entity in more than this share of the stream's articles ...
    common_floor: int = 5  # ... and in more than this many is common (a young stream has no common words) ...
    common_min: int = 4  # ... and a link whose shared words and entities are all common needs this many
    spread_share: float = 0.003  # a word or entity that opened more than this share of the stream's events ...
    spread_floor: int = 5  # ... and more than this many is spread: it names a topic, not a happening ...
    merge_specific: float = 0.3  # ... and two events one article links merge only when what they share
    # beyond spread words and entities reaches this share of ``merge_gate`` (weather episodes aside);
    # a link on spread words (not names) alone needs ``common_min`` of them, as on common ones (0: nothing is spread)


@dataclass(slots=True)
class StoryConfig:
    """The story threader (``stories.StoryThreader``) and its centroid clusterer
    (``clusters.OnlineClusterer``); settings ``link.story_*``."""

    threshold: float = _setting("link.story_threshold")
    window_days: float = _setting("link.story_window_days")
    # the clusterer
    tau_days: float = 120.0
    grace_days: float = 60.0
    retire_days: float = 90.0
    date_bonus: float = 0.03
    index_terms: int = 60
    query_terms: int = 30
    max_candidates: int = 30
    min_hits: int = 2
    min_shared: int = 3  # terms the article must share with the story
    # revisiting one article's choice (see ``stories``)
    merge_threshold: float = 0.6  # centroid similarity at which two grown stories merge
    consolidate_every: int = 500  # articles between two rounds of story merges
    votes: bool = True  # every article checks its story; misfits vote to join two stories
    vote_gate: float = 0.35  # centroid similarity two voted-for stories need to merge
    min_votes: int = 1
    vote_index: bool = False  # votes and re-attachment also ask the index (not only neighbours' stories)
    neighbour_candidates: bool = True  # the stories of an article's nearest articles are candidates
    reattach: bool = True  # a one-event story whose grown event fits another story merges into it
    rel_beta: float = 0.6  # 0 disables the cohesion rule (``StoryThreader.fits_cohesion``)
    rel_floor: float = 0.12
    rel_min_n: int = 3
    rel_entities: int = 2  # entities an article must share with a story to join it by cohesion (0: any)
    nbr_min: int = 1  # nearest articles of one story that let a new event join it below threshold
    nbr_sim: float = 0.15
    nbr_floor: float = 0.15
    nbr_distinct_min: float = 0.05  # ``distinct`` below the threshold, by neighbours (``Linker._neighbour_match``)
    place_weight: float = 0.3  # of a place name's weight in the article's vector, for stories
    concept_weight: float = _setting("link.story_concept_weight")  # a topic's dimensions (``concepts``)
    distinct_min: float = _setting("link.story_distinct_min")  # ``StoryThreader.distinct``
    distinct_pieces: int = 4  # common words or entities that together still make a thread


@dataclass(slots=True)
class DuplicateConfig:
    """Near-duplicate detection (``fingerprints.LshIndex``); settings ``link.dup_*``."""

    threshold: float = _setting("link.dup_threshold")
    window_days: float = 7.0


@dataclass(slots=True)
class LinkConfig:
    """All of the linker's knobs; ``from_settings`` reads the ``link.*`` settings into it."""

    event: EventConfig = field(default_factory=EventConfig)
    story: StoryConfig = field(default_factory=StoryConfig)
    dup: DuplicateConfig = field(default_factory=DuplicateConfig)
    entity_weight: float = _setting("link.entity_weight")
    entity_idf_power: float = _setting("link.entity_idf_power")
    title_weight: float = 2.0
    idf_prior_docs: int = 50
    keep_explanations: bool = True  # False: explanations only in add()'s return value (bounded memory)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> LinkConfig:
        """Build from ``storyline.settings.Settings`` (every ``link.*`` key it holds)."""
        cfg = cls()
        for key in settings:
            if key.startswith("link.") and key not in APP_SETTINGS:
                obj, attr = cfg.knob(key)
                setattr(obj, attr, type(getattr(obj, attr))(settings[key]))
        return cfg

    def knob(self, key: str) -> tuple[Any, str]:
        """The config object and field a ``link.*`` setting sets (a ``KeyError`` when none)."""
        name = key.removeprefix("link.")
        for prefix, part in (("event_", self.event), ("story_", self.story), ("dup_", self.dup)):
            attr = name.removeprefix(prefix)
            if name.startswith(prefix) and attr in _names(part):
                return part, attr
        if name in _names(self) and name not in ("event", "story", "dup"):
            return self, name
        raise KeyError(f"setting {key!r} names no linker knob")


def _names(obj: Any) -> set[str]:
    return {f.name for f in fields(obj)}
