"""Everything between articles: near-duplicates, events, stories, similarity, story timelines.

Entry points (imported from their modules, so ``import storyline`` stays light):

- ``items.LinkItem`` — the plain record the linker works on; ``LinkItem.from_document(doc)``.
- ``linker.Linker`` — ``add(item) -> Assignment`` in time order; ``membership(id)``; ``consolidate()``;
  ``snapshot()`` / ``Linker.restore(snapshot)``; ``LinkConfig.from_settings(settings)``.
- ``similarity.compare(a, b, linker=None) -> Comparison`` — relation and evidence for two articles.
- ``timeline.merge_timeline(entries, texts)`` / ``timeline_rows`` — a story's merged, ordered timeline.
- ``bench.bench_linking(items, checkpoints)`` — throughput as the store grows.

Modules: ``text`` (terms, TF-IDF, incremental IDF, source boilerplate), ``fingerprints`` (MinHash/LSH),
``index`` (candidate index interface), ``events`` (nearest-neighbour event graph), ``clusters`` (online
centroid clusterer), ``stories`` (story threader).
"""
