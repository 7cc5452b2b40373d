"""Annotation stages, their registry, and the pipeline that runs them.

A stage is one small object with one job. It declares the layers it ``requires`` and ``assigns``
(names such as ``"article.language"``, ``"paragraphs"``, ``"sentences"``, ``"tokens"``,
``"mentions"``, ``"times"``, ``"quotes"``), has ``__call__(doc)`` and a batched ``pipe(docs)``.
Stages are registered under a versioned name; the pipeline is built from settings and validated
once, so a misconfigured pipeline fails before the first article, not in the middle of a batch.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from .errors import ConfigError

if TYPE_CHECKING:
    from .model import Document
    from .settings import Settings

#: Layers every Document starts with (filled by ingest).
BASE_LAYERS = frozenset({"article.text", "article.title", "article.published"})


class Stage:
    """Base class for annotation stages. Subclasses set the class attributes and ``__call__``."""

    name: ClassVar[str] = ""
    version: ClassVar[int] = 1
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)

    def warm_up(self) -> None:
        """Load models now rather than on first use (benchmarks, servers); default: nothing to do."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}.v{self.version}>"


StageFactory = Callable[["Settings"], Stage]


@dataclass(frozen=True, slots=True)
class Registration:
    name: str
    version: int
    factory: StageFactory


_REGISTRY: dict[str, Registration] = {}

#: Stages shipped with Storyline, imported lazily on first lookup (keeps ``import storyline`` fast).
_BUILTIN_MODULES: dict[str, str] = {
    "language": "storyline.nlp.language",
    "structure": "storyline.nlp.structure",
    "dating": "storyline.nlp.dating",
    "sentences": "storyline.nlp.sentences",
    "entities": "storyline.nlp.entities",
    "time": "storyline.nlp.time.component",
    "timeline": "storyline.nlp.timeline",
    "quotes": "storyline.nlp.quotes",
    "ner": "storyline.nlp.ner.stage",
}


def register(name: str) -> Callable[[type[Stage]], type[Stage]]:
    """Class decorator: register a Stage subclass under ``name`` (its factory takes Settings)."""

    def deco(cls: type[Stage]) -> type[Stage]:
        cls.name = name
        _REGISTRY[name] = Registration(name, cls.version, cls)  # type: ignore[arg-type]
        return cls

    return deco


def register_builtin(name: str, module: str) -> None:
    """Make a stage known by name before its module is imported (for plug-ins and new stages)."""
    _BUILTIN_MODULES[name] = module


def lookup(name: str) -> Registration:
    if name not in _REGISTRY and name in _BUILTIN_MODULES:
        importlib.import_module(_BUILTIN_MODULES[name])
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(set(_REGISTRY) | set(_BUILTIN_MODULES)))
        raise ConfigError(f"unknown pipeline stage {name!r} (known: {known})") from None


def registered_names() -> list[str]:
    return sorted(set(_REGISTRY) | set(_BUILTIN_MODULES))


class Pipeline:
    """An ordered, validated list of stages."""

    def __init__(self, stages: list[Stage]):
        self.stages = stages
        self.settings: Settings | None = None  # what built it, when settings did (worker processes rebuild it)
        self._validate()

    @classmethod
    def from_settings(cls, settings: Settings) -> Pipeline:
        names: list[str] = list(settings["pipeline.stages"])
        pipeline = cls([lookup(n).factory(settings) for n in names])
        pipeline.settings = settings
        return pipeline

    def _validate(self) -> None:
        have = set(BASE_LAYERS)
        seen: set[str] = set()
        for stage in self.stages:
            if stage.name in seen:
                raise ConfigError(f"stage {stage.name!r} appears twice in the pipeline")
            seen.add(stage.name)
            missing = [r for r in stage.requires if r not in have]
            if missing:
                raise ConfigError(
                    f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage "
                    f"assigns (pipeline: {' → '.join(s.name for s in self.stages)})"
                )
            have.update(stage.assigns)
        self.assigns = frozenset(have)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
            doc.stages[stage.name] = stage.version
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        stream: Iterable[Document] = docs
        for stage in self.stages:
            stream = _mark(stage, stage.pipe(stream, batch_size=batch_size))
        yield from stream


def _mark(stage: Stage, docs: Iterable[Document]) -> Iterator[Document]:
    for doc in docs:
        doc.stages[stage.name] = stage.version
        yield doc
