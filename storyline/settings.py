"""One table of settings: name, default, help. Packaged defaults < user file (TOML) < command line.

Settings travel as one object; modules never read environment variables. Unknown keys are an error,
so a typo in a config file fails loudly instead of being ignored.
"""

from __future__ import annotations

import math
import os
import stat
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


_TABLE: list[Setting] = [
    # --- storage
    Setting("store.path", "storyline.db", "Database file (SQLite) used when --db is not given."),
    Setting("store.batch_size", 1000, "Most articles written per transaction during ingest."),
    Setting(
        "store.max_batch_seconds",
        2.0,
        "A transaction is committed at the latest after this many seconds of annotation work.",
    ),
    # --- ingest
    Setting(
        "ingest.max_bytes",
        20_000_000,
        "Inputs larger than this many bytes are refused, also after decompression; so is each "
        "record, line or CSV row of a stream.",
    ),
    Setting(
        "ingest.max_stream_bytes",
        20_000_000_000,
        "Record streams (JSONL, CSV, WARC) larger than this are refused, compressed or after "
        "decompression (a gzip bomb stops here); each record is also held to ingest.max_bytes.",
    ),
    Setting("ingest.min_chars", 1, "Articles with fewer characters of text are refused as empty."),
    Setting(
        "ingest.workers",
        0,
        "Processes that annotate an ingest of more than one chunk (1,024 articles): 0 = one per core, "
        "at most 4, once 200,000 characters of text have come; 1 = only the ingesting process.",
    ),
    Setting(
        "ingest.html_min_chars",
        40,
        "HTML pages whose extracted main text is shorter than this are reported as having none.",
    ),
    Setting("ingest.follow_symlinks", False, "Follow symbolic links when walking folders."),
    Setting(
        "ingest.fields",
        {},
        "Field mapping for JSONL/CSV records, e.g. {text = 'teaser', published = 'first_seen'}; "
        "unmapped fields are looked up under common names.",
    ),
    Setting("ingest.default_language", None, "Language assumed when identification is unsure."),
    Setting("ingest.timeout_s", 30, "Total time for fetching a feed from a URL, redirects included."),
    Setting(
        "ingest.allow_private",
        False,
        "Fetch from any host, also on loopback, private, link-local or multicast addresses "
        "(--allow-private); only for networks you trust.",
    ),
    Setting("ingest.host_interval_s", 1.0, "storyline watch: least seconds between two requests to one host."),
    Setting("ingest.max_backoff_s", 3600, "storyline watch: longest wait before retrying a failing source."),
    Setting("ingest.user_agent", "storyline/0.1 (+feed reader)", "User-Agent sent with every fetch."),
    Setting(
        "ingest.allow_hosts",
        [],
        "Hosts (as written in URLs) that may be fetched although they are on loopback, private, "
        "link-local or multicast addresses, e.g. ['localhost']; all others are refused.",
    ),
    # --- pipeline
    Setting(
        "pipeline.stages",
        ["language", "structure", "sentences", "ner", "entities", "dating", "time", "quotes", "timeline"],
        "Annotation stages run on every article, in order.",
    ),
    Setting(
        "pipeline.max_chars",
        100_000,
        "Articles with longer texts get only the light stages (language, structure); the others are "
        "skipped with a warning naming the article, so no article costs minutes. 0: no limit.",
    ),
    Setting(
        "language.candidates",
        ["de", "en", "fr", "it", "es", "nl", "pl", "pt", "sv", "da", "cs", "tr", "ru", "uk"],
        "ISO 639-1 codes the language identifier chooses among (fewer = faster and surer).",
    ),
    Setting("language.max_chars", 250, "Characters of each article the identifier reads."),
    Setting(
        "language.mode",
        "hybrid",
        "Language identification: hybrid (fast model, full model when unsure), accurate, or fast.",
    ),
    Setting("language.hybrid_threshold", 0.8, "In hybrid mode, confidence below which the full model decides."),
    Setting("language.min_confidence", 0.5, "Below this confidence the language is 'und'."),
    Setting("structure.max_heading_chars", 80, "Longest line still taken as a subheading."),
    Setting("structure.max_heading_words", 10, "Most words a subheading may have."),
    # --- quotes
    Setting("quotes.min_direct_words", 4, "Quoted stretches with fewer words are quotes only when they fill their sentence (else scare quotes, titles)."),
    Setting("quotes.carry_sentences", 2, "Sentences after a quote within which a Konjunktiv sentence without a cue inherits its speaker."),
    Setting("quotes.hearsay", True, "Report 'soll/sollen' sentences without a cue as reported speech of a speaker named just before."),
    Setting("quotes.reported", True, "Report 'X fordert/kritisiert/will …' sentences as reported speech of their subject."),
    Setting("quotes.interviews", True, "Read paragraphs of the form 'Name: answer' as direct quotes of Name."),
    Setting("quotes.nested_direct", True, "Keep a direct quote inside indirect speech as a quote of its own (as annotators do)."),
    Setting("quotes.speaker_ranker", True, "Choose speakers of cue frames and of cue-less direct quotes with the trained ranker (storyline/models/quotes/speaker_ranker.json); off: rules only."),
    # --- time
    Setting("time.mode", "news", "How relative dates are anchored: 'news' (publication date) or 'narrative' (last date the text named)."),
    Setting("time.default_language", "de", "Rule set (de/en) for articles whose language is unknown or neither."),
    Setting("dating.min_confidence", 0.0, "Estimated publication dates below this confidence are not used (published stays empty)."),
    Setting("time.min_anchor_confidence", 0.3, "An estimated publication date below this confidence does not anchor relative expressions ('gestern' stays XXXX-XX-XX)."),
    # --- entities
    Setting("entities.ruler", True, "Add gazetteer places and organisations the NER model missed."),
    Setting(
        "entities.ruler_adjectives",
        True,
        "Let the gazetteer ruler also mark country adjectives ('südkoreanischen' → Südkorea).",
    ),
    Setting(
        "entities.merge_short_names",
        True,
        "Across articles, merge a short person name ('Trump') into the one known full name it fits.",
    ),
    # --- ner
    Setting(
        "ner.profile",
        "accurate",
        "German NER model: 'accurate' (e5-small tagger, onnxruntime int8) or 'fast' (spaCy CNN).",
    ),
    # --- link
    Setting("link.event_threshold", 0.25, "Least similarity for a link between two articles of one event."),
    Setting("link.event_k", 2, "Nearest earlier/later articles each article links to (event graph)."),
    Setting("link.event_window_days", 7.0, "Articles further apart than this are never one event."),
    Setting("link.event_tau_days", 2.0, "Time decay of event similarity (days, after one day of grace)."),
    Setting(
        "link.event_episode_share", 0.5,
        "Share of an event's articles of one day that are about the weather (1.5 weather points in title and "
        "lead: 'Schnee und Glätte') from which it joins that day's weather episode, one event; 0: off.",
    ),
    Setting("link.story_threshold", 0.28, "Least similarity of a new event to a story's centroid to join it."),
    Setting("link.story_window_days", 180.0, "A story quiet for longer than this takes no new events."),
    Setting(
        "link.story_concept_weight", 0.55,
        "Weight of a topic its words name (the weather, within two days) in an article's story vector; 0: off.",
    ),
    Setting(
        "link.story_distinct_min", 0.2,
        "Least similarity to a story's centroid counting only what is not common in the stream (words and "
        "entities in more than 1 % of its articles): 'Millionen Euro' alone is no thread; 0: off.",
    ),
    Setting("link.entity_weight", 1.0, "Weight of shared entities against shared terms."),
    Setting(
        "link.entity_idf_power",
        1.5,
        "How fast an entity's weight falls as it gets common in the stream: its IDF relative to an unseen "
        "entity's, to this power ('Deutschland', 'Euro' count little; a rare name counts fully).",
    ),
    Setting("link.dup_threshold", 0.7, "Estimated word-shingle Jaccard from which two texts are copies."),
    Setting("link.on_ingest", True, "Link new articles into events and stories right after each ingest."),
    # --- show
    Setting("show.width", 100, "Text width used by 'storyline show'."),
]

DEFAULTS: dict[str, Setting] = {s.name: s for s in _TABLE}


def table() -> list[Setting]:
    return list(_TABLE)


class Settings(Mapping[str, Any]):
    """Immutable view of resolved settings; ``with_overrides`` returns a new object."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any] | None = None):
        merged = {name: s.default for name, s in DEFAULTS.items()}
        for key, value in (values or {}).items():
            _check_key(key)
            merged[key] = _coerce(key, value)
        self._values = merged

    def __getitem__(self, key: str) -> Any:
        _check_key(key)
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def with_overrides(self, values: Mapping[str, Any]) -> Settings:
        return Settings({**self._values, **values})

    @classmethod
    def load(
        cls, path: str | Path | None = None, overrides: list[str] | None = None
    ) -> Settings:
        """Defaults, then the TOML file at ``path`` (if any), then ``key=value`` overrides."""
        values: dict[str, Any] = {}
        if path is not None:
            values.update(read_toml(Path(path)))
        for item in overrides or []:
            key, value = parse_override(item)
            values[key] = value
        return cls(values)


def _check_key(key: str) -> None:
    if key not in DEFAULTS:
        close = [k for k in DEFAULTS if k.split(".")[-1] == key.split(".")[-1]]
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ConfigError(f"unknown setting {key!r}{hint}; 'storyline settings' lists them all")


def _coerce(key: str, value: Any) -> Any:
    default = DEFAULTS[key].default
    if default is None or value is None:
        return value
    kind = type(default)
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
            return value.lower() in {"1", "true", "yes", "on"}
    elif kind in (int, float):
        number = _number(key, value, kind)
        if number is not None:
            return number
    elif kind is dict and isinstance(value, dict):
        if all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            return value
        raise ConfigError(f"setting {key!r} expects a table of names to names, got {_show(value)}")
    elif kind is list and isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return value
        raise ConfigError(f"setting {key!r} expects a list of names, got {_show(value)}")
    elif kind is list and isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    elif kind is str and isinstance(value, str | int | float):
        return str(value)
    raise ConfigError(f"setting {key!r} expects {kind.__name__}, got {_show(value)}")


def _number(key: str, value: Any, kind: type) -> int | float | None:
    """A finite number of the setting's kind, or None when ``value`` is not one. ``inf`` and
    ``nan`` are refused: no limit or size here means anything with them."""
    if isinstance(value, bool | list | dict):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if not math.isfinite(number):
        raise ConfigError(f"setting {key!r} must be a finite number, got {_show(value)}")
    if kind is int:
        if isinstance(value, int):
            return value
        if not number.is_integer():
            raise ConfigError(f"setting {key!r} expects a whole number, got {_show(value)}")
        return int(number)
    return number


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


MAX_CONFIG_BYTES = 1_000_000


def read_toml(path: Path) -> dict[str, Any]:
    """Read a TOML settings file; tables flatten to dotted keys (``[store] path=…`` → store.path).

    Only a regular file is read, and only up to ``MAX_CONFIG_BYTES``: ``--config /dev/zero`` used
    to eat 4 GB and a FIFO to hang."""
    try:
        data = tomllib.loads(_read_config(path))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"settings file {path} is not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"settings file {path} is nested too deeply") from None
    flat: dict[str, Any] = {}

    def walk(prefix: str, node: dict[str, Any]) -> None:
        for key, value in node.items():
            name = f"{prefix}{key}"
            if isinstance(value, dict) and name not in DEFAULTS:
                walk(name + ".", value)
            else:
                _check_key(name)
                flat[name] = value

    walk("", data)
    return flat


def _read_config(path: Path) -> str:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise ConfigError(f"settings file {path} does not exist") from None
    except OSError as exc:
        raise ConfigError(f"settings file {path} cannot be read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ConfigError(f"settings file {path} is not a regular file")
    with os.fdopen(fd, "rb") as fh:
        data = fh.read(MAX_CONFIG_BYTES + 1)
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"settings file {path} is larger than {MAX_CONFIG_BYTES:,} bytes")
    return data.decode("utf-8")


def parse_override(item: str) -> tuple[str, Any]:
    """Parse ``key=value`` from the command line; the value is read as TOML when it parses."""
    key, sep, raw = item.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ConfigError(f"override {item!r} must look like key=value")
    _check_key(key)
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    except RecursionError:
        raise ConfigError(f"value of {key!r} is nested too deeply") from None
    return key, value
