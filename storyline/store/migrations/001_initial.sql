-- Articles, their annotation layers, entities, events, stories and full-text search.
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    source TEXT,
    title TEXT,
    text TEXT NOT NULL,
    language TEXT,
    published TEXT,
    published_estimated INTEGER NOT NULL DEFAULT 0,
    date_confidence REAL,
    date_evidence TEXT,
    ingested TEXT NOT NULL,
    origin TEXT,
    meta TEXT,
    stages TEXT
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_language ON articles(language);

-- One row per annotation; `layer` is paragraph | sentence | mention | time | quote | timeline.
CREATE TABLE annotations (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    layer TEXT NOT NULL,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label TEXT,
    data TEXT,
    PRIMARY KEY (article_id, layer, seq)
) WITHOUT ROWID;
CREATE INDEX annotations_label ON annotations(layer, label);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    mentions INTEGER NOT NULL DEFAULT 0,
    relation TEXT,
    data TEXT
);
CREATE INDEX entities_label ON entities(label);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    story_id TEXT,
    title TEXT,
    start TEXT,
    "end" TEXT,
    data TEXT
);
CREATE INDEX events_story ON events(story_id);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    data TEXT
);

CREATE TABLE memberships (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    event_id TEXT,
    story_id TEXT,
    duplicate_of TEXT,
    score REAL,
    explanation TEXT
);
CREATE INDEX memberships_event ON memberships(event_id);
CREATE INDEX memberships_story ON memberships(story_id);

-- Merges, splits and other identity changes, with the reason.
CREATE TABLE link_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT,
    object TEXT,
    reason TEXT
);

-- Small named state blobs (e.g. the linker's active index snapshot).
CREATE TABLE state (
    key TEXT PRIMARY KEY,
    value TEXT
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
