-- Annotation layers packed one row per article and layer: items = [[start, end, label, data], ...].
-- One row per annotation made storing a short news item twice as slow as storing the item itself,
-- and a document is always read whole anyway.
CREATE TABLE layers (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    layer TEXT NOT NULL,
    items TEXT NOT NULL,
    PRIMARY KEY (article_id, layer)
) WITHOUT ROWID;
INSERT INTO layers (article_id, layer, items)
    SELECT article_id, layer, json_group_array(json_array(start, "end", label, json(coalesce(data, 'null'))))
    FROM (SELECT * FROM annotations ORDER BY article_id, layer, seq)
    GROUP BY article_id, layer;
DROP TABLE annotations;
