"""The application layer: the use-cases that drive readers, stages, linker and store together.

Every front end (CLI, REST API, web pages, notebooks) reaches these through the thin facade
:class:`storyline.library.Storyline`; nothing here prints or knows who called it.

- ``annotate`` — run the pipeline over a batch, falling back to one document at a time so that one
  failing stage never costs the batch.
- ``entities`` — merge each new document's entities into those already stored (cross-article identity).
- ``ingest`` — the ingest engine: read items, skip duplicates, annotate, merge entities, store in
  transactions (``ingest_articles``, ``IngestReport``).
- ``linking`` — link the stored articles the linker has not seen into events and stories and write its
  picture back (``link_pending``, ``load_linker``, ``story_timeline_rows``).
- ``reannotate`` — re-run the pipeline over stored articles (after a date change or a model upgrade)
  and re-link.
"""
