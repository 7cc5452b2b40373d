"""Everything between articles: near-duplicates, events, stories, similarity, story timelines.

Entry points (imported from their modules, so ``import storyline`` stays light):

- ``items.LinkItem`` — the plain record the linker works on; ``LinkItem.from_document(doc)``.
- ``config.LinkConfig`` — every linking knob, declared once; ``LinkConfig.from_settings(settings)``.
- ``linker.Linker`` — ``add(item) -> Assignment`` in time order; ``membership(id)``; ``consolidate()``.
- ``queries`` — ``event_articles``, ``story_events``, ``memberships``, ``duplicate_groups``, ``affected``.
- ``rows`` — ``event_rows`` / ``story_rows`` and the shapes the store keeps (``store_event`` …).
- ``state`` — ``snapshot(linker)``, ``persist(linker)`` and ``restore(saved, config, cold=)``.
- ``similarity.compare(a, b, linker=None) -> Comparison`` — relation and evidence for two articles.
- ``timeline.merge_timeline(entries, texts)`` / ``timeline_rows`` — a story's merged, ordered timeline.
- ``bench.bench_linking(items, checkpoints)`` — throughput as the store grows.

Modules: ``config`` (the knobs: one typed config per group of ``link.*`` settings), ``linker`` (the
online algorithm), ``queries`` (look-ups over its picture), ``rows`` (the rows it writes), ``state``
(its saved state: snapshot, persist, restore), ``coldmap`` (maps whose entries live in a store),
``text`` (terms, TF-IDF, incremental IDF, source boilerplate), ``items`` (articles as terms,
entities, places and dates), ``fingerprints`` (MinHash/LSH), ``index`` (candidate index
interface), ``events`` (nearest-neighbour event graph), ``clusters`` (online centroid clusterer),
``stories`` (story threader), ``similarity`` (pairwise comparison), ``timeline`` (story timelines),
``bench`` (linking throughput).
"""
