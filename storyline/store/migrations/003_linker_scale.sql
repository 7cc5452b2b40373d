-- What a small ingest into a large store reads: not the whole store.
--
-- Keyed state rows beside the blobs: the linker keeps its active part in `state` (read on every
-- ingest) and what retired here, one row per namespace and key, read back only when asked for.
CREATE TABLE state_items (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (namespace, key)
) WITHOUT ROWID;

-- The articles not linked yet, kept by triggers, so that finding them does not scan every article.
CREATE TABLE unlinked (article_id TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO unlinked (article_id)
    SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.article_id = a.id);
CREATE TRIGGER unlinked_article_added AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO unlinked (article_id) VALUES (new.id);
END;
CREATE TRIGGER unlinked_article_deleted AFTER DELETE ON articles BEGIN
    DELETE FROM unlinked WHERE article_id = old.id;
END;
CREATE TRIGGER unlinked_membership_added AFTER INSERT ON memberships BEGIN
    DELETE FROM unlinked WHERE article_id = new.article_id;
END;
CREATE TRIGGER unlinked_membership_deleted AFTER DELETE ON memberships BEGIN
    INSERT OR IGNORE INTO unlinked (article_id)
        SELECT old.article_id WHERE EXISTS (SELECT 1 FROM articles WHERE id = old.article_id);
END;
