"""Everything between articles: near-duplicates, events, stories, similarity, story timelines."""
