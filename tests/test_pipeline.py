"""Pipeline validation, and one shared check run on every registered stage."""

from __future__ import annotations

import pytest

from storyline.errors import ConfigError
from storyline.model import Article, Document
from storyline.pipeline import Pipeline, lookup, registered_names
from storyline.settings import Settings

#: The canonical order of the built-in stages; a stage is checked in the pipeline up to itself.
ORDER = ["language", "structure", "sentences", "ner", "entities", "time", "dating", "quotes", "timeline"]

ODD_TEXTS = [
    "",
    " \n\n ",
    "Ein Satz.",
    "Zero\u200bwidth soft\u00adhyphen non\u00a0breaking «Zitat» „noch eins“ 31. Februar 2018.",
    "x" * 5000,
    "Überschrift\n\nEin Absatz, sagte er am Mittwoch.\n\n" * 50,
]


def test_requires_are_checked():
    with pytest.raises(ConfigError, match="requires"):
        Pipeline.from_settings(Settings({"pipeline.stages": ["sentences"]}))


def test_unknown_and_duplicate_stages():
    with pytest.raises(ConfigError, match="unknown pipeline stage"):
        lookup("no-such-stage")
    with pytest.raises(ConfigError, match="twice"):
        Pipeline.from_settings(Settings({"pipeline.stages": ["structure", "structure"]}))


def _available() -> list[str]:
    names = []
    for name in registered_names():
        try:
            lookup(name)
        except (ConfigError, ImportError):
            continue
        names.append(name)
    return names


@pytest.mark.parametrize("name", _available())
def test_every_registered_stage(name: str):
    """Each stage declares its contract, runs in a valid pipeline, survives odd input, and keeps
    every span inside the text."""
    reg = lookup(name)
    assert reg.name == name and reg.version >= 1
    order = [n for n in ORDER if n in set(_available())]
    prefix = order[: order.index(name) + 1] if name in order else [*order, name]
    try:
        pipe = Pipeline.from_settings(Settings({"pipeline.stages": prefix}))
    except ConfigError as exc:
        pytest.skip(f"no registered stage provides what {name} requires: {exc}")
    stage = pipe.stages[-1]
    assert stage.assigns, f"{name} assigns nothing"
    docs = [Document(Article(id=f"a{i}", text=t, language=None)) for i, t in enumerate(ODD_TEXTS)]
    for doc in pipe.pipe(docs):
        n = len(doc.text)
        assert doc.stages.get(name) == reg.version
        for span in [p.span for p in doc.paragraphs] + doc.sentences + [m.span for m in doc.mentions] + [t.span for t in doc.times]:
            assert 0 <= span.start <= span.end <= n
        for q in doc.quotes:
            for span in (*q.message, *q.cue, *q.speaker):
                assert 0 <= span.start <= span.end <= n
