"""Use-case: annotate a batch of documents with the configured pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

import orjson

from ..collector import batch_collection
from ..ingest import Problem

if TYPE_CHECKING:
    from ..model import Document
    from ..pipeline import Pipeline
    from ..settings import Settings
    from .ingest import IngestReport


#: stages whose cost stays small however long the text (language reads its first characters)
LIGHT_STAGES = ("language", "structure")
#: a document's layers nothing stores and no later step reads: the spaCy Doc is most of a pickled
#: document, so a worker process (a Spark task, an ingest worker) drops it before handing the document back
WORKING_STATE = ("spacy",)

_PIPELINES: dict[str, Pipeline] = {}


def settings_key(settings: Settings) -> str:
    return orjson.dumps({k: settings[k] for k in sorted(settings)}, default=str).decode()


def pipeline_for(settings: Settings) -> Pipeline:
    """This process's pipeline for these settings, built on first use and kept (a worker process
    annotates many batches; building the pipeline costs seconds: models)."""
    from ..pipeline import Pipeline

    key = settings_key(settings)
    if key not in _PIPELINES:
        _PIPELINES.clear()  # one configuration per process; never keep two sets of models
        _PIPELINES[key] = Pipeline.from_settings(settings)
    return _PIPELINES[key]


def drop_working_state(docs: list[Document]) -> list[Document]:
    for doc in docs:
        for key in WORKING_STATE:
            doc.extras.pop(key, None)
    return docs


@batch_collection()
def annotate(
    pipeline: Pipeline, docs: list[Document], report: IngestReport | None = None, max_chars: int | None = None
) -> list[Document]:
    """Run the pipeline over a batch. A stage that fails on one document never costs the batch:
    the batch is re-run document by document and the failing stage is skipped for that document
    (noted as a warning), so the article is still stored with every layer that worked. Texts
    longer than ``max_chars`` get only the light stages (NER alone took ~110 s per MB)."""
    if max_chars and any(len(d.article.text) > max_chars for d in docs):
        done = {id(d): _light(pipeline, d, max_chars, report) for d in docs if len(d.article.text) > max_chars}
        rest = iter(annotate(pipeline, [d for d in docs if id(d) not in done], report))
        return [done[id(d)] if id(d) in done else next(rest) for d in docs]
    try:  # the whole batch at once: the accurate tagger sorts its sentences by length (less padding)
        return list(pipeline.pipe(docs, batch_size=max(len(docs), 1)))
    except Exception:
        pass
    out = []
    for doc in docs:
        for stage in pipeline.stages:
            try:
                doc = stage(doc)
                doc.stages[stage.name] = stage.version
            except Exception as exc:
                if report is not None:
                    report.warnings.append(
                        Problem(doc.article.origin or doc.id, f"stage {stage.name!r} failed: {type(exc).__name__}: {exc}", fatal=False)
                    )
        out.append(doc)
    return out


def _light(pipeline: Pipeline, doc: Document, max_chars: int, report: IngestReport | None) -> Document:
    skipped: list[str] = []
    for stage in pipeline.stages:
        if skipped or stage.name not in LIGHT_STAGES:
            skipped.append(stage.name)
            continue
        doc = stage(doc)
        doc.stages[stage.name] = stage.version
    if skipped and report is not None:
        report.warnings.append(
            Problem(
                doc.article.origin or doc.id,
                f"text of {len(doc.article.text):,} characters is over pipeline.max_chars = {max_chars:,}: "
                f"stages {', '.join(skipped)} skipped",
                fatal=False,
            )
        )
    return doc
