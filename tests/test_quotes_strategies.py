"""The strategy table is trustworthy: every strategy documents a construction with an example, and
that example, run through the quote stage, is decided by that very strategy (seen through a tracer).
The tracer is diagnostics only: it changes no quote and stays on no extractor."""

from __future__ import annotations

import inspect
from collections.abc import Callable

import pytest

from storyline.model import Article, Document, Quote
from storyline.nlp.quotes import direct_speakers as ds
from storyline.nlp.quotes.extract import Extractor, Options
from storyline.nlp.quotes.strategies import STRATEGIES
from storyline.nlp.quotes.trace import Tracer
from storyline.pipeline import lookup
from storyline.settings import Settings

ALL: list[Callable[..., object]] = [*STRATEGIES, *ds.DIRECT_SPEAKERS]
#: Direct-quote strategies after the ranker decide only when the ranker is off.
RULES_ONLY = ds.DIRECT_SPEAKERS[ds.DIRECT_SPEAKERS.index(ds.ranked) + 1 :]


def example_of(strategy: Callable[..., object]) -> str:
    """The text after "Example:" in the docstring; a blank line separates paragraphs."""
    doc = inspect.getdoc(strategy) or ""
    assert "Example:" in doc, f"{strategy.__name__} has no example"
    text = doc.split("Example:", 1)[1].strip()
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in text.split("\n\n"))


def traced(text: str, options: Options | None = None, tracer: Tracer | None = None) -> list[Quote]:
    s = Settings()
    doc = Document(Article(id="t", text=text, language="de"))
    doc = lookup("structure").factory(s)(doc)
    doc = lookup("sentences").factory(s)(doc)
    stage = lookup("quotes").factory(s)
    if options is not None:
        stage.extractor = Extractor(options)
    return list(stage.annotate(doc, tracer).quotes)


def test_strategy_names_are_unique_and_documented() -> None:
    names = [s.__name__ for s in ALL]
    assert len(names) == len(set(names))
    for strategy in ALL:
        doc = inspect.getdoc(strategy) or ""
        assert len(doc.split("Example:", 1)[0].split()) >= 8, f"{strategy.__name__}: say which construction"


@pytest.mark.parametrize("strategy", ALL, ids=lambda s: s.__name__)
def test_each_example_is_decided_by_its_strategy(strategy: Callable[..., object]) -> None:
    text = example_of(strategy)
    tracer = Tracer()
    options = Options(speaker_ranker=False) if strategy in RULES_ONLY else None
    quotes = traced(text, options, tracer)
    assert strategy.__name__ in [tracer.strategy_of(q) for q in quotes]


def test_a_tracer_changes_nothing_and_the_extractor_keeps_no_diagnostics() -> None:
    text = " ".join(example_of(s) for s in ALL if "\n" not in example_of(s))
    tracer = Tracer()
    assert traced(text, tracer=tracer) == traced(text)
    assert all(tracer.strategy_of(q) is not None for q in traced(text))
    extractor = Extractor()
    assert not any(hasattr(extractor, name) for name in ("via", "collect", "_pending", "tracer"))


def test_collecting_tracer_records_ranker_decisions_with_their_quotes() -> None:
    text = example_of(ds.last_speaker)  # the second quotation is a ranker decision
    tracer = Tracer(collect=True)
    quotes = traced(text, tracer=tracer)
    assert tracer.decisions
    for quote, xs, candidates in tracer.decisions:
        assert any(q is quote for q in quotes)
        assert len(xs) == len(candidates) and candidates[-1].span is None  # "no one" is always offered
