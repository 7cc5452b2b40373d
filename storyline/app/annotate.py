"""Use-case: annotate a batch of documents with the configured pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..ingest import Problem

if TYPE_CHECKING:
    from ..model import Document
    from ..pipeline import Pipeline
    from .ingest import IngestReport


def annotate(pipeline: Pipeline, docs: list[Document], report: IngestReport | None = None) -> list[Document]:
    """Run the pipeline over a batch. A stage that fails on one document never costs the batch:
    the batch is re-run document by document and the failing stage is skipped for that document
    (noted as a warning), so the article is still stored with every layer that worked."""
    try:
        return list(pipeline.pipe(docs))
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
