"""One shared check suite run over every registered stage (river's ``check_estimator``, spaCy's pipe analysis).

What users rely on, for each stage in ``registered_names()``: it pickles (Spark workers, process pools)
and behaves the same after; the same input gives the same output; ``pipe(docs)`` equals calling it on
each document; every layer it declares in ``assigns`` is filled and no other layer changes (so the
pipeline validation means something); odd input (empty, whitespace, one character, zero-width
characters, only punctuation, one 5,000-character token, 50 short paragraphs, 200 KB) never raises and
keeps every span inside the text.

Each stage gets the document as the default pipeline leaves it just before that stage; the stages and
these prepared documents are built once per module, so the whole suite costs a few seconds. The 200 KB
document goes through the pipeline once, with the fast NER profile.
"""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest

from storyline.model import Article, Document, Span
from storyline.pipeline import Pipeline, Stage, lookup, registered_names
from storyline.settings import Settings

GERMAN = (
    "Kanzlerin empfängt Macron\n\n"
    "Berlin – Bundeskanzlerin Angela Merkel hat am Mittwoch den französischen Präsidenten Emmanuel Macron "
    "empfangen. „Wir werden gemeinsam handeln“, sagte Merkel nach dem Treffen am 10. Januar 2018. Macron "
    "kündigte an, im Mai erneut nach Deutschland zu reisen.\n\n"
    "Die Gespräche sollen im Frühjahr fortgesetzt werden, teilte ein Regierungssprecher mit."
)
ENGLISH = (
    "President Donald Trump met Prime Minister Theresa May in London on Friday. \"We agreed on a lot,\" "
    "Trump told reporters after the meeting on July 13, 2018. May said talks would resume next month."
)
ODD = {
    "empty": "",
    "whitespace": " \n\n \t",
    "one-char": "x",
    "zero-width": "\u200b\u200c\u200d\ufeff Zero\u200bwidth \u2060joiner\u200d soft\u00adhyphen non\u00a0breaking "
                  "«Zitat» „noch eins“ 31. Februar 2018.\u200b",
    "punctuation": "!?… –– „“ «» ... ;;; (( )) -- ‹› '' \"\" ,,, :::",
    "one-long-token": "x" * 5000,
    "many-paragraphs": "Überschrift\n\nEin Absatz, sagte er am Mittwoch.\n\n" * 50,
}
BIG_CHARS = 200_000

#: How each layer a stage may declare in ``assigns`` is read off a Document.
LAYERS: dict[str, Callable[[Document], Any]] = {
    "article.text": lambda d: d.article.text,
    "article.title": lambda d: d.article.title,
    "article.language": lambda d: d.article.language,
    "article.published": lambda d: (d.article.published, d.article.published_estimated,
                                    d.article.date_estimate, dict(d.article.meta)),
    "paragraphs": lambda d: list(d.paragraphs),
    "tokens": lambda d: _tokens(d.extras.get("spacy")),
    "sentences": lambda d: list(d.sentences),
    "mentions": lambda d: [(m.span, m.label, m.score) for m in d.mentions],
    "title_mentions": lambda d: [(m.span, m.label, m.score) for m in d.title_mentions],
    "entities": lambda d: ([(m.span, m.entity_id, m.relation) for m in [*d.mentions, *d.title_mentions]
                            if m.entity_id or m.relation],
                           d.extras.get("entities"), d.extras.get("entity_relations")),
    "times": lambda d: list(d.times),
    "quotes": lambda d: list(d.quotes),
    "timeline": lambda d: list(d.timeline),
}


def _tokens(sdoc: Any) -> list[tuple[int, str, bool | None]] | None:
    return None if sdoc is None else [(t.idx, t.text, t.is_sent_start) for t in sdoc]


def _filled(layer: str, value: Any) -> bool:
    if layer == "article.language":
        return value not in (None, "", "und")
    if layer == "article.published":
        return value[0] is not None
    if layer == "entities":
        return any(eid for _, eid, _ in value[0]) and bool(value[1])
    return bool(value)


def snapshot(doc: Document) -> dict[str, Any]:
    return {name: read(doc) for name, read in LAYERS.items()}


def spans_inside(doc: Document) -> None:
    n = len(doc.text)
    spans: list[Span] = [p.span for p in doc.paragraphs] + doc.sentences + [m.span for m in doc.mentions]
    spans += [t.span for t in doc.times] + [e.span for e in doc.timeline]
    for q in doc.quotes:
        spans += [*q.message, *q.cue, *q.speaker]
    for s in spans:
        assert 0 <= s.start <= s.end <= n, (s, n)
    for m in doc.title_mentions:
        assert 0 <= m.span.start <= m.span.end <= len(doc.article.title or ""), (m.span, doc.article.title)


# -- the stages and their inputs, built once ------------------------------------------------------

SETTINGS = Settings()
ORDER: list[str] = list(SETTINGS["pipeline.stages"])
NAMES = registered_names()


@cache
def stage(name: str, profile: str = "accurate") -> Stage:
    settings = SETTINGS if profile == "accurate" else Settings({"ner.profile": profile})
    return lookup(name).factory(settings)


def _chain(name: str) -> list[str]:
    """The stages that run before ``name``: the default pipeline up to it (a stage outside the default
    pipeline gets the whole default pipeline before it)."""
    return ORDER[: ORDER.index(name)] if name in ORDER else list(ORDER)


def _article(text: str, key: str, language: str | None = None) -> Document:
    title = "Merkel trifft Macron in Berlin" if key == "de" else None  # a headline apart from the text
    return Document(Article(id=f"check-{key}", text=text, title=title, language=language))


@cache
def _before(key: str, name: str) -> Document:
    """The document ``key`` as the pipeline leaves it just before ``name`` (cached: copy before use)."""
    chain = _chain(name)
    if not chain:
        return _article({"de": GERMAN, "en": ENGLISH, **ODD}[key], key)
    return stage(chain[-1])(clone(_before(key, chain[-1])))


def clone(doc: Document) -> Document:
    """A deep copy; the spaCy Doc is copied with ``Doc.copy`` (sharing the vocabulary), which is what
    keeps these checks cheap: ``deepcopy`` would serialise the whole vocabulary for every case."""
    sdoc = doc.extras.get("spacy")
    memo = {} if sdoc is None else {id(sdoc): sdoc.copy()}
    return copy.deepcopy(doc, memo)


def before(key: str, name: str) -> Document:
    return clone(_before(key, name))


def run(st: Stage, doc: Document) -> Document:
    out = st(doc)
    assert isinstance(out, Document)
    return out


# -- the checks -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_declares_known_layers(name: str) -> None:
    reg = lookup(name)
    assert reg.name == name and reg.version >= 1
    st = stage(name)
    assert st.assigns, f"{name} assigns nothing"
    assert set(st.assigns) <= set(LAYERS), f"{name} assigns layers no check knows: {set(st.assigns) - set(LAYERS)}"
    assert set(st.requires) <= set(LAYERS), f"{name} requires unknown layers: {set(st.requires) - set(LAYERS)}"


@pytest.mark.parametrize("name", NAMES)
def test_runs_in_a_validated_pipeline(name: str) -> None:
    pipe = Pipeline([stage(n) for n in [*_chain(name), name]])  # validates requires against assigns
    (doc,) = pipe.pipe([_article("x", "pipeline")])
    assert doc.stages.get(name) == lookup(name).version


@pytest.mark.parametrize("name", NAMES)
def test_pickles_and_behaves_the_same(name: str) -> None:
    st = stage(name)
    again = pickle.loads(pickle.dumps(st))
    assert type(again) is type(st)
    for key in ("de", "en"):
        assert snapshot(run(again, before(key, name))) == snapshot(run(st, before(key, name))), key


@pytest.mark.parametrize("name", NAMES)
def test_same_input_same_output(name: str) -> None:
    st = stage(name)
    for key in ("de", "en"):
        first = snapshot(run(st, before(key, name)))
        assert snapshot(run(st, before(key, name))) == first, key


@pytest.mark.parametrize("name", NAMES)
def test_pipe_equals_calling_each_document(name: str) -> None:
    st = stage(name)
    keys = ["de", "en", "zero-width", "de"]
    piped = list(st.pipe([before(k, name) for k in keys], batch_size=2))
    assert [d.id for d in piped] == [f"check-{k}" for k in keys]
    called = [run(st, before(k, name)) for k in keys]
    assert [snapshot(d) for d in piped] == [snapshot(d) for d in called]


@pytest.mark.parametrize("name", NAMES)
def test_fills_what_it_assigns_and_nothing_else(name: str) -> None:
    st = stage(name)
    for key in ("de", "en"):
        old = snapshot(before(key, name))
        new = snapshot(run(st, before(key, name)))
        changed = {layer for layer in LAYERS if new[layer] != old[layer]}
        assert changed <= set(st.assigns), f"{name} changed {changed - set(st.assigns)} on {key}"
        if key == "de":
            empty = [layer for layer in st.assigns if not _filled(layer, new[layer])]
            assert not empty, f"{name} left {empty} empty on a German news text"


@pytest.mark.parametrize("case", list(ODD))
@pytest.mark.parametrize("name", NAMES)
def test_odd_input_never_raises(name: str, case: str) -> None:
    st = stage(name)
    old = snapshot(before(case, name))
    doc = run(st, before(case, name))
    spans_inside(doc)
    new = snapshot(doc)
    changed = {layer for layer in LAYERS if new[layer] != old[layer]}
    assert changed <= set(st.assigns), f"{name} changed {changed - set(st.assigns)}"


@cache
def _big_run() -> dict[str, BaseException | tuple[dict[str, Any], dict[str, Any]]]:
    """One pass of the default pipeline (fast NER) over 200 KB of news text: per stage, what it raised
    or the document's layers before and after it."""
    text = (GERMAN + "\n\n") * (BIG_CHARS // (len(GERMAN) + 2) + 1)
    doc = _article(text[:BIG_CHARS], "big")
    out: dict[str, BaseException | tuple[dict[str, Any], dict[str, Any]]] = {}
    for name in ORDER:
        old = snapshot(doc)
        try:
            doc = stage(name, "fast")(doc)
        except Exception as exc:  # the check reports it, naming the stage
            out[name] = exc
            return out
        spans_inside(doc)
        out[name] = (old, snapshot(doc))
    return out


@pytest.mark.parametrize("name", ORDER)
def test_200kb_never_raises(name: str) -> None:
    result = _big_run().get(name)
    assert result is not None, "an earlier stage raised on 200 KB"
    assert not isinstance(result, BaseException), repr(result)
    old, new = result
    changed = {layer for layer in LAYERS if new[layer] != old[layer]}
    assert changed <= set(stage(name).assigns)
