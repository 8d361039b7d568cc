"""The schema and its migrations: each database records the versions applied to it in
``schema_migrations``, and opening one for writing applies what is missing, each migration in
one transaction (SQLite's DDL is transactional: a migration lands whole or not at all)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

import sqlite_utils

from signals_data import rollups
from signals_data.fts import FTS_TABLES, fts_sql, fts_triggers_sql, split_statements
from signals_data.transactions import transaction


def _applied_at() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


SCHEMA_V1 = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT UNIQUE,               -- of content; NULL when nothing could be read
    origin TEXT NOT NULL,             -- path, URL, or path#Lnn for a line of a .jsonl file
    format TEXT,                      -- text, markdown, html, jsonl
    encoding TEXT,
    size INTEGER,
    content BLOB,                     -- the input, byte for byte
    options TEXT,                     -- JSON: --url / --published given at ingest
    status TEXT NOT NULL CHECK (status IN ('ok','unchanged','updated','rejected','error')),
    message TEXT,
    parser_version TEXT,
    story_id INTEGER REFERENCES stories(id) ON DELETE SET NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,          -- normalized URL, or title and date when there is no URL
    url TEXT,
    title TEXT NOT NULL,
    published TEXT,                    -- YYYY-MM-DD or NULL
    updated TEXT,                      -- ISO 8601 timestamp with offset
    region TEXT,
    category TEXT,
    summary TEXT,
    sponsor TEXT,
    insights_from TEXT,                -- JSON list of canonical outlet names
    flags TEXT,                        -- JSON list: truncated, low_confidence, no_date, ...
    signal_count INTEGER NOT NULL DEFAULT 0,
    revisions INTEGER NOT NULL DEFAULT 1,
    document_id INTEGER,
    ingested_at TEXT NOT NULL
);
CREATE TABLE signals (
    id INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    headline TEXT NOT NULL,
    body TEXT NOT NULL,
    flags TEXT,
    published TEXT,                    -- copied from the story, for date filters without a join
    UNIQUE (story_id, position)
);
CREATE TABLE outlets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'unknown',
    country TEXT,
    reviewed INTEGER NOT NULL DEFAULT 0  -- 1 when the name is in the outlet registry
);
CREATE TABLE outlet_aliases (
    key TEXT PRIMARY KEY,              -- lower-cased, "the" dropped: how names are matched
    alias TEXT NOT NULL,
    outlet_id INTEGER NOT NULL REFERENCES outlets(id) ON DELETE CASCADE
);
CREATE TABLE signal_outlets (
    signal_id INTEGER NOT NULL REFERENCES signals(id) ON DELETE CASCADE,
    outlet_id INTEGER NOT NULL REFERENCES outlets(id),
    role TEXT NOT NULL CHECK (role IN ('credited','mentioned')),
    story_id INTEGER NOT NULL,
    published TEXT,
    PRIMARY KEY (signal_id, outlet_id, role)
);
CREATE TABLE story_insights (
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    outlet_id INTEGER NOT NULL REFERENCES outlets(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (story_id, outlet_id)
);
CREATE TABLE themes (
    slug TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT
);
CREATE TABLE signal_themes (
    signal_id INTEGER NOT NULL REFERENCES signals(id) ON DELETE CASCADE,
    theme TEXT NOT NULL REFERENCES themes(slug),
    score REAL NOT NULL,
    terms TEXT,                        -- JSON list of the terms that matched
    rank INTEGER NOT NULL,             -- 1 = the signal's main theme
    story_id INTEGER NOT NULL,
    published TEXT,
    PRIMARY KEY (signal_id, theme)
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE INDEX idx_documents_status ON documents(status);
CREATE INDEX idx_documents_story ON documents(story_id);
CREATE INDEX idx_stories_published ON stories(published);
CREATE INDEX idx_stories_region ON stories(region);
CREATE INDEX idx_stories_category ON stories(category);
CREATE INDEX idx_signals_story ON signals(story_id);
CREATE INDEX idx_signals_published ON signals(published);
CREATE INDEX idx_signal_outlets_outlet ON signal_outlets(outlet_id, role, published);
CREATE INDEX idx_signal_outlets_story ON signal_outlets(story_id, role);
CREATE INDEX idx_signal_themes_theme ON signal_themes(theme, published);
CREATE INDEX idx_signal_themes_story ON signal_themes(story_id);
CREATE INDEX idx_story_insights_outlet ON story_insights(outlet_id);
CREATE INDEX idx_outlet_aliases_outlet ON outlet_aliases(outlet_id);
"""


def _migration_1(conn: sqlite3.Connection) -> None:
    script = SCHEMA_V1 + fts_sql("stories", ["title", "summary"])
    script += fts_sql("signals", ["headline", "body"])
    for statement in split_statements(script):
        conn.execute(statement)


SCHEMA_V2 = """
ALTER TABLE signals ADD COLUMN theme TEXT;
ALTER TABLE signal_outlets ADD COLUMN theme TEXT;
UPDATE signals SET theme = (SELECT theme FROM signal_themes st
                            WHERE st.signal_id = signals.id AND st.rank = 1);
UPDATE signal_outlets SET theme = (SELECT theme FROM signals WHERE id = signal_outlets.signal_id);
DROP INDEX idx_signals_published;
DROP INDEX idx_signal_outlets_outlet;
CREATE INDEX idx_signals_published ON signals(published, story_id, theme);
CREATE INDEX idx_signals_theme ON signals(theme, published);
CREATE INDEX idx_signal_outlets_outlet
    ON signal_outlets(outlet_id, role, published, story_id, signal_id, theme);
CREATE INDEX idx_signal_outlets_role
    ON signal_outlets(role, published, outlet_id, story_id, signal_id, theme);
"""


def _migration_2(conn: sqlite3.Connection) -> None:
    """The main theme copied onto signals and citations, and covering indexes, so that the
    dashboard's aggregates read one index instead of joining three tables."""
    for statement in split_statements(SCHEMA_V2):
        conn.execute(statement)


SCHEMA_V3 = """
DROP INDEX idx_signal_outlets_story;
CREATE INDEX idx_signal_outlets_story ON signal_outlets(story_id, role, outlet_id);
ANALYZE;
"""


def _migration_3(conn: sqlite3.Connection) -> None:
    """Give the planner statistics (ANALYZE) and a covering per-story index: without them it
    answered "the outlets of this story" by scanning every citation."""
    for statement in split_statements(SCHEMA_V3):
        conn.execute(statement)


def _migration_4(conn: sqlite3.Connection) -> None:
    """Precomputed aggregates for the broadest views (see ``rollups``); filled by the next
    ``ensure_rollups``."""
    rollups.create(conn)


def _migration_5(conn: sqlite3.Connection) -> None:
    """Full-text delete and update triggers that leave rows not yet indexed alone: a revision
    no longer forces the waiting rows into the index (thousands of tiny FTS5 segments in a
    bulk load with revisions)."""
    for table in FTS_TABLES:
        for name, statement in fts_triggers_sql(table).items():
            if not name.endswith("_ai"):
                conn.execute(f"DROP TRIGGER IF EXISTS [{name}]")
                conn.execute(statement)


def _migration_6(conn: sqlite3.Connection) -> None:
    """How close a signal came to each theme's description (NULL where not computed), so the
    dashboard can explain an assignment that no listed term made."""
    conn.execute("ALTER TABLE signal_themes ADD COLUMN similarity REAL")


SCHEMA_V7 = """
CREATE TABLE curation_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,                  -- ISO 8601, UTC
    who TEXT,                          -- the analyst, when known
    action TEXT NOT NULL,              -- merge, rename, set, review, not_outlet, split, undo
    target TEXT NOT NULL,              -- the name (or change id) the correction is about
    before TEXT,                       -- JSON: what the correction replaced (enough to undo it)
    after TEXT,                        -- JSON: what it wrote
    undone_by INTEGER REFERENCES curation_log(id)
);
CREATE TABLE curated_outlets (
    name TEXT PRIMARY KEY,             -- canonical name as the analyst wants it
    kind TEXT NOT NULL DEFAULT 'unknown',
    country TEXT,
    reviewed INTEGER NOT NULL DEFAULT 0,
    not_outlet INTEGER NOT NULL DEFAULT 0  -- 1: a named source (person, document...), no outlet
);
CREATE TABLE curated_aliases (
    key TEXT PRIMARY KEY,              -- name_key of the alias
    alias TEXT NOT NULL,               -- the alias as it was spelled
    canonical TEXT NOT NULL            -- the name it stands for (may itself be an alias)
);
"""


def _migration_7(conn: sqlite3.Connection) -> None:
    """Curated facts about outlets (merges, renames, kinds, reviews) and the log of every
    correction, so that corrections win over the bundled registry and can be undone."""
    for statement in split_statements(SCHEMA_V7):
        conn.execute(statement)


SCHEMA_V8 = """
CREATE TABLE curated_theme_terms (
    theme TEXT NOT NULL,               -- theme slug
    term TEXT NOT NULL,                -- a word or phrase, as the taxonomy's terms are written
    PRIMARY KEY (theme, term)
);
CREATE TABLE curated_signal_themes (
    story_key TEXT NOT NULL,           -- stories.key: a signal is its story and its position
    position INTEGER NOT NULL,
    theme TEXT NOT NULL,               -- the main theme the analyst chose
    PRIMARY KEY (story_key, position)
);
"""


def _migration_8(conn: sqlite3.Connection) -> None:
    """Curated theme terms and per-signal theme overrides: they win over the bundled taxonomy
    and survive a reparse (a signal is identified by its story's key and its position)."""
    for statement in split_statements(SCHEMA_V8):
        conn.execute(statement)


SCHEMA_V9 = """
CREATE TABLE views (
    slug TEXT PRIMARY KEY,             -- the short link is /?v=SLUG
    name TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL,                -- page path and query string, as in the browser
    author TEXT,                       -- who saved it (SIGNALS_USER, else the login name)
    created_at TEXT NOT NULL           -- ISO 8601, UTC
);
CREATE INDEX views_by_created ON views(created_at);
"""


def _migration_9(conn: sqlite3.Connection) -> None:
    """Saved views: a page with its filters and parameters, under a name and a short slug."""
    for statement in split_statements(SCHEMA_V9):
        conn.execute(statement)


SCHEMA_V10 = """
CREATE TABLE ingest_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,                  -- ISO 8601, UTC
    who TEXT,                          -- the signed-in e-mail, or the local user; NULL if unknown
    files TEXT NOT NULL,               -- JSON list of the uploaded file names, in upload order
    counts TEXT NOT NULL               -- JSON object: documents per result (ok, rejected, ...)
);
"""


def _migration_10(conn: sqlite3.Connection) -> None:
    """Who uploaded which files from the dashboard, and with what result: one row per run."""
    for statement in split_statements(SCHEMA_V10):
        conn.execute(statement)


MIGRATIONS: list[tuple[int, str, Callable[[sqlite3.Connection], None]]] = [
    (1, "initial schema", _migration_1),
    (2, "main theme on signals and citations; covering indexes", _migration_2),
    (3, "covering per-story citation index; planner statistics", _migration_3),
    (4, "rollups: aggregates per month and day, kept in step by triggers", _migration_4),
    (5, "full-text delete and update triggers only for indexed rows", _migration_5),
    (6, "theme similarity beside each theme score", _migration_6),
    (7, "curated outlets and aliases; the curation log", _migration_7),
    (8, "curated theme terms and signal theme overrides", _migration_8),
    (9, "saved views with short links", _migration_9),
    (10, "ingest log: who uploaded what from the dashboard", _migration_10),
]


def apply_migrations(db: sqlite_utils.Database) -> list[int]:
    """Bring the schema up to date; returns the versions applied. Safe to call every time."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
    )
    done = {row[0] for row in db.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, migrate in MIGRATIONS:
        if version in done:
            continue
        # DDL is transactional in SQLite: a migration lands whole or not at all.
        with transaction(db.conn) as conn:
            migrate(conn)
            conn.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, _applied_at()]
            )
        applied.append(version)
    return applied
