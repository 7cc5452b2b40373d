-- The PostgreSQL schema: the same tables, columns and meanings as the SQLite schema (migrations/),
-- so that rows travel between the backends unchanged. Keys and the columns results are ordered by
-- use the "C" collation: byte order, as SQLite compares text, so both backends list in one order.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Full-text search: per language, the stemmer of that language over diacritic-folded words (as
-- SQLite's unicode61 'remove_diacritics 2' folds them); 'simple' (no stemming) for the rest.
DO $$
DECLARE
    pair text[];
BEGIN
    FOREACH pair SLICE 1 IN ARRAY ARRAY[['storyline_german', 'german'], ['storyline_english', 'english'],
                                        ['storyline_simple', 'simple']] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = pair[1]
                       AND cfgnamespace = current_schema()::regnamespace) THEN
            EXECUTE format('CREATE TEXT SEARCH CONFIGURATION %I (COPY = pg_catalog.%I)', pair[1], pair[2]);
            EXECUTE format('ALTER TEXT SEARCH CONFIGURATION %I ALTER MAPPING FOR hword, hword_part, word '
                           'WITH unaccent, %I', pair[1], CASE pair[2] WHEN 'simple' THEN 'simple'
                           ELSE pair[2] || '_stem' END);
        END IF;
    END LOOP;
END
$$;

CREATE TABLE articles (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id TEXT COLLATE "C" PRIMARY KEY,
    url TEXT,
    source TEXT,
    title TEXT,
    text TEXT NOT NULL,
    language TEXT COLLATE "C",
    published TEXT COLLATE "C",
    published_estimated INTEGER NOT NULL DEFAULT 0,
    date_confidence DOUBLE PRECISION,
    date_evidence TEXT,
    ingested TEXT NOT NULL,
    origin TEXT,
    meta TEXT,
    stages TEXT,
    fts TSVECTOR
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_language ON articles(language);
CREATE INDEX articles_order ON articles((published IS NULL), published, id);
CREATE INDEX articles_fts ON articles USING GIN (fts);

-- The text search configuration of an article's language; the search builds its query with it too.
CREATE FUNCTION storyline_ts_config(language text) RETURNS regconfig LANGUAGE sql STABLE AS $$
    SELECT CASE language WHEN 'de' THEN 'storyline_german' WHEN 'en' THEN 'storyline_english'
                         ELSE 'storyline_simple' END::regconfig
$$;

-- Title words weigh more than body words (A vs D), as the SQLite ranking weighs the title column.
CREATE FUNCTION storyline_fts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.fts := setweight(to_tsvector(storyline_ts_config(NEW.language), coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector(storyline_ts_config(NEW.language), NEW.text), 'D');
    RETURN NEW;
END $$;
CREATE TRIGGER articles_fts BEFORE INSERT OR UPDATE OF title, text, language ON articles
    FOR EACH ROW EXECUTE FUNCTION storyline_fts();

CREATE TABLE layers (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    layer TEXT COLLATE "C" NOT NULL,
    items TEXT NOT NULL,
    PRIMARY KEY (article_id, layer)
);
CREATE INDEX layers_layer ON layers(layer);

CREATE TABLE entities (
    id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL,
    label TEXT COLLATE "C" NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    mentions INTEGER NOT NULL DEFAULT 0,
    relation TEXT,
    data TEXT
);
CREATE INDEX entities_label ON entities(label);

CREATE TABLE events (
    id TEXT COLLATE "C" PRIMARY KEY,
    story_id TEXT COLLATE "C",
    title TEXT,
    start TEXT COLLATE "C",
    "end" TEXT COLLATE "C",
    data TEXT
);
CREATE INDEX events_story ON events(story_id);

CREATE TABLE stories (
    id TEXT COLLATE "C" PRIMARY KEY,
    title TEXT,
    data TEXT
);

CREATE TABLE memberships (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    event_id TEXT COLLATE "C",
    story_id TEXT COLLATE "C",
    duplicate_of TEXT COLLATE "C",
    score DOUBLE PRECISION,
    explanation TEXT
);
CREATE INDEX memberships_event ON memberships(event_id);
CREATE INDEX memberships_story ON memberships(story_id);

CREATE TABLE link_log (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT,
    object TEXT,
    reason TEXT
);

CREATE TABLE state (
    key TEXT COLLATE "C" PRIMARY KEY,
    value TEXT
);
-- the linker's active state is one large value rewritten on every ingest: stored uncompressed, as
-- compressing it cost more than writing it
ALTER TABLE state ALTER COLUMN value SET STORAGE EXTERNAL;

CREATE TABLE state_items (
    namespace TEXT COLLATE "C" NOT NULL,
    key TEXT COLLATE "C" NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (namespace, key)
);

-- The articles not linked yet, kept by triggers (as in SQLite): finding them scans no articles.
CREATE TABLE unlinked (article_id TEXT COLLATE "C" PRIMARY KEY);

CREATE FUNCTION storyline_unlinked_article_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO unlinked (article_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER unlinked_article_added AFTER INSERT ON articles
    FOR EACH ROW EXECUTE FUNCTION storyline_unlinked_article_added();

CREATE FUNCTION storyline_unlinked_article_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM unlinked WHERE article_id = OLD.id;
    RETURN NULL;
END $$;
CREATE TRIGGER unlinked_article_deleted AFTER DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION storyline_unlinked_article_deleted();

CREATE FUNCTION storyline_unlinked_membership_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM unlinked WHERE article_id = NEW.article_id;
    RETURN NULL;
END $$;
CREATE TRIGGER unlinked_membership_added AFTER INSERT ON memberships
    FOR EACH ROW EXECUTE FUNCTION storyline_unlinked_membership_added();

CREATE FUNCTION storyline_unlinked_membership_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO unlinked (article_id)
        SELECT OLD.article_id WHERE EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id)
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER unlinked_membership_deleted AFTER DELETE ON memberships
    FOR EACH ROW EXECUTE FUNCTION storyline_unlinked_membership_deleted();
