"""The SQLite store: schema, migrations, connections, and writing parsed stories.

One file, opened with sqlite-utils. Every input is kept verbatim in ``documents``; a story is
written together with its document in one transaction, so an interrupted ingest never leaves a
half-written story behind. The schema is documented in the README ("The database").
"""

from __future__ import annotations

import json
import os
import random
import socket
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from signals_data import PARSER_VERSION, rollups
from signals_data.models import DocumentInput, Outcome, Story  # noqa: F401 (re-exported)
from signals_data.outlets import Registry, load_registry, name_key
from signals_data.themes import Taxonomy, load_taxonomy

DEFAULT_DB = "signals.db"
BUSY_TIMEOUT_MS = 10_000
# A write transaction waits this long in all for another writer (a bulk load, an upload) before
# the document it was for fails with a message saying so.
WRITE_WAIT_S = 60.0
# A bulk load commits at least this often, then leaves the lock free for a moment so that a
# waiting writer (the dashboard's Ingest page) gets its turn.
BATCH_SECONDS = 0.5
TURN_PAUSE_S = 0.02
BULK_MARKER = "bulk_load"  # meta key present while a bulk load runs (value: who runs it)
STATUSES = ("ok", "unchanged", "updated", "rejected", "error")


def default_db_path() -> str:
    """``SIGNALS_DB`` if set, else ``signals.db`` in the current directory (CLI and app alike)."""
    return os.environ.get("SIGNALS_DB") or DEFAULT_DB


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")


def open_db(path: str | os.PathLike[str], *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) a database for writing, in WAL mode, with the latest schema."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    _configure(conn)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    # Checkpoint the WAL every ~40 MB instead of every 4 MB: checkpoints dominate ingest time.
    conn.execute("PRAGMA wal_autocheckpoint = 10000")
    db = sqlite_utils.Database(conn)
    if migrate:
        apply_migrations(db)
        repair_unfinished_bulk_load(db)
    return db


def repair_unfinished_bulk_load(db: sqlite_utils.Database) -> bool:
    """Finish what a bulk load leaves for its end (full-text triggers and contents, covering
    indexes, rollups) if the process that ran it is gone; True if a marker was cleared.

    While a bulk load runs, another process opening the database (the dashboard's Ingest page)
    leaves its deferred work alone: the load indexes everything when it ends, rows of others
    included. If it was killed, its marker stays in ``meta`` and the next open repairs here."""
    owner = bulk_load_owner(db.conn)
    if owner is not None and _owner_alive(owner):
        return False
    ensure_fts(db)
    if fts_backlog(db.conn):
        with _transaction(db.conn) as conn:
            index_backlog(conn)
    ensure_indexes(db)
    ensure_rollups(db)
    if owner is None:
        return False
    with _transaction(db.conn) as conn:
        conn.execute("DELETE FROM meta WHERE key = ? AND value = ?", [BULK_MARKER, owner])
    return True


def bulk_load_owner(conn: sqlite3.Connection) -> str | None:
    """The marker of an unfinished bulk load (``host:pid:start``), or None."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", [BULK_MARKER]).fetchone()
    except sqlite3.OperationalError:  # no meta table yet
        return None
    return row[0] if row else None


def _process_start(pid: int) -> str:
    """When a process started (clock ticks since boot, Linux), so a reused pid is not taken
    for the loader; empty where /proc is not available."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return ""


def _this_process() -> str:
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_process_start(pid)}"


def _owner_alive(owner: str) -> bool:
    host, _, rest = owner.partition(":")
    pid_text, _, start = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        # Another machine's load over a shared file: trust it unless this host's is gone.
        return host != socket.gethostname()
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return _process_start(pid) == start


class bulk_load:
    """Mark a bulk load in ``meta`` from its start to its end (see repair_unfinished_bulk_load).
    Nested bulk loads of the same process share the outer marker."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn, self.owned = conn, False

    def mark(self, conn: sqlite3.Connection) -> None:
        """Write the marker, inside the caller's transaction (with the work it defers)."""
        if bulk_load_owner(conn) != _this_process():
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                [BULK_MARKER, _this_process()],
            )
            self.owned = True

    def clear(self) -> None:
        if self.owned:
            with _transaction(self.conn) as conn:
                conn.execute("DELETE FROM meta WHERE key = ?", [BULK_MARKER])
            self.owned = False


def open_readonly(path: str | os.PathLike[str]) -> sqlite_utils.Database:
    """Open an existing database read-only (the dashboard's pages, except Ingest)."""
    if not Path(path).exists():
        raise FileNotFoundError(f"no database at {path}; run `signals ingest` or `signals demo`")
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    _configure(conn)
    return sqlite_utils.Database(conn)


# --- schema --------------------------------------------------------------------------------

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


def _fts_sql(table: str, columns: list[str]) -> str:
    """An external-content FTS5 index kept in step by triggers (the layout sqlite-utils uses)."""
    cols = ", ".join(f"[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    fts = f"[{table}_fts]"
    delete = f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old});"
    insert = f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});"
    # A row above the highest indexed id waits for ``index_backlog`` (see deferred_fts): there
    # is nothing to take out of the index for it, and it is indexed as it is when its turn comes.
    indexed = f"WHEN old.rowid <= (SELECT coalesce(max(id), 0) FROM [{table}_fts_docsize])"
    return f"""
CREATE VIRTUAL TABLE {fts} USING FTS5 ({cols}, tokenize='porter', content=[{table}]);
CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN {insert} END;
CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] {indexed} BEGIN {delete} END;
CREATE TRIGGER [{table}_au] AFTER UPDATE ON [{table}] {indexed} BEGIN {delete} {insert} END;
"""


FTS_TABLES = {"stories": ["title", "summary"], "signals": ["headline", "body"]}


def _fts_triggers_sql(table: str) -> dict[str, str]:
    """The full-text triggers of a table, by name."""
    statements = [s for s in _statements(_fts_sql(table, FTS_TABLES[table])) if "TRIGGER" in s]
    return {s.split("[", 1)[1].split("]", 1)[0]: s for s in statements}


def index_backlog(conn: sqlite3.Connection) -> int:
    """Add to the full-text indexes every row not indexed yet (rows above the highest indexed
    id); returns how many. Run inside a transaction."""
    added = 0
    for table, columns in FTS_TABLES.items():
        cols = ", ".join(f"[{c}]" for c in columns)
        (watermark,) = conn.execute(
            f"SELECT coalesce(max(id), 0) FROM [{table}_fts_docsize]"
        ).fetchone()
        cursor = conn.execute(
            f"INSERT INTO [{table}_fts] (rowid, {cols}) SELECT id, {cols} FROM [{table}] "
            f"WHERE id > ?",
            [watermark],
        )
        added += cursor.rowcount
    return added


def fts_backlog(conn: sqlite3.Connection) -> bool:
    """Whether any row waits to be added to a full-text index (a read, no lock taken)."""
    for table in FTS_TABLES:
        (waiting,) = conn.execute(
            f"SELECT EXISTS (SELECT 1 FROM [{table}] WHERE id > "
            f"(SELECT coalesce(max(id), 0) FROM [{table}_fts_docsize]))"
        ).fetchone()
        if waiting:
            return True
    return False


def ensure_fts(db: sqlite_utils.Database) -> bool:
    """Recreate missing full-text triggers and index what is not indexed yet; True if anything
    was done. Large ingests defer indexing (see ``deferred_fts``); if one was killed, the next
    open for writing catches up here."""
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    wanted = {f"{t}_{s}" for t in FTS_TABLES for s in ("ai", "ad", "au")}
    if wanted <= names:
        return False
    with _transaction(db.conn) as conn:
        index_backlog(conn)
        for table in FTS_TABLES:
            for name, statement in _fts_triggers_sql(table).items():
                if name not in names:
                    conn.execute(statement)
    return True


# The dashboard's covering indexes (see migrations 2 and 3), by name. A bulk load drops them and
# builds them once at the end, which is faster than keeping them sorted row by row.
BULK_INDEXES = {
    "idx_signals_published": "signals(published, story_id, theme)",
    "idx_signal_outlets_outlet": (
        "signal_outlets(outlet_id, role, published, story_id, signal_id, theme)"
    ),
    "idx_signal_outlets_role": (
        "signal_outlets(role, published, outlet_id, story_id, signal_id, theme)"
    ),
}


def ensure_indexes(db: sqlite_utils.Database) -> bool:
    """Build any of the BULK_INDEXES that is missing (after a bulk load, or one that died)."""
    present = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    missing = [name for name in BULK_INDEXES if name not in present]
    if not missing:
        return False
    version = db.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] or 0
    if version < 3:
        return False  # the migrations create them
    with _transaction(db.conn) as conn:
        for name in missing:
            conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {BULK_INDEXES[name]}")
    return True


def ensure_rollups(db: sqlite_utils.Database) -> int:
    """Recompute the rollups of months changed since the last refresh; returns how many.
    During a bulk load (covering indexes dropped) it waits: the load refreshes at its end."""
    present = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    if "rollup_dirty" not in present:
        return 0  # a schema from before the rollups: migration 4 creates and fills them
    if not set(BULK_INDEXES) <= present or rollups.usable(db.conn):
        return 0
    with _transaction(db.conn) as conn:
        return rollups.refresh(conn)


class deferred_indexes:
    """Drop the covering indexes for a bulk load (the demo corpus) and build them at the end."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.marker = bulk_load(db.conn)

    def __enter__(self) -> sqlite_utils.Database:
        with _transaction(self.db.conn) as conn:
            self.marker.mark(conn)
            for name in BULK_INDEXES:
                conn.execute(f"DROP INDEX IF EXISTS {name}")
        return self.db

    def __exit__(self, *exc) -> None:
        ensure_indexes(self.db)
        ensure_rollups(self.db)
        self.db.execute("ANALYZE")
        self.marker.clear()


class deferred_fts:
    """Index full text in batches instead of row by row during a large ingest.

    The insert triggers are dropped; new rows are indexed by ``index_backlog`` every so often and
    at the end. Updates and deletes keep their triggers, which act only on rows already indexed
    (a revision replacing a story still waiting leaves the index alone), so the index never holds
    a row it was not given. Each commit then skips FTS5's per-transaction segment write: ingest
    is about twice as fast.
    """

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.marker = bulk_load(db.conn)

    def __enter__(self) -> sqlite_utils.Database:
        with _transaction(self.db.conn) as conn:
            self.marker.mark(conn)
            for table in FTS_TABLES:
                conn.execute(f"DROP TRIGGER IF EXISTS [{table}_ai]")
        return self.db

    def __exit__(self, *exc) -> None:
        ensure_fts(self.db)
        self.marker.clear()


def _statements(script: str) -> list[str]:
    """Split a script into statements (executescript would commit our transaction)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [s for s in statements if s]


def _migration_1(conn: sqlite3.Connection) -> None:
    script = SCHEMA_V1 + _fts_sql("stories", ["title", "summary"])
    script += _fts_sql("signals", ["headline", "body"])
    for statement in _statements(script):
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
    for statement in _statements(SCHEMA_V2):
        conn.execute(statement)


SCHEMA_V3 = """
DROP INDEX idx_signal_outlets_story;
CREATE INDEX idx_signal_outlets_story ON signal_outlets(story_id, role, outlet_id);
ANALYZE;
"""


def _migration_3(conn: sqlite3.Connection) -> None:
    """Give the planner statistics (ANALYZE) and a covering per-story index: without them it
    answered "the outlets of this story" by scanning every citation."""
    for statement in _statements(SCHEMA_V3):
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
        for name, statement in _fts_triggers_sql(table).items():
            if not name.endswith("_ai"):
                conn.execute(f"DROP TRIGGER IF EXISTS [{name}]")
                conn.execute(statement)


def _migration_6(conn: sqlite3.Connection) -> None:
    """How close a signal came to each theme's description (NULL where not computed), so the
    dashboard can explain an assignment that no listed term made."""
    conn.execute("ALTER TABLE signal_themes ADD COLUMN similarity REAL")


MIGRATIONS: list[tuple[int, str, Callable[[sqlite3.Connection], None]]] = [
    (1, "initial schema", _migration_1),
    (2, "main theme on signals and citations; covering indexes", _migration_2),
    (3, "covering per-story citation index; planner statistics", _migration_3),
    (4, "rollups: aggregates per month and day, kept in step by triggers", _migration_4),
    (5, "full-text delete and update triggers only for indexed rows", _migration_5),
    (6, "theme similarity beside each theme score", _migration_6),
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
        with _transaction(db.conn) as conn:
            migrate(conn)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, _now()])
        applied.append(version)
    return applied


# --- writing -----------------------------------------------------------------------------------


class Writer:
    """Writes documents and stories; caches outlet ids so an ingest does not look them up twice."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        registry: Registry | None = None,
        taxonomy: Taxonomy | None = None,
    ):
        self.db = db
        self.conn = db.conn
        self.registry = registry or load_registry()
        self.taxonomy = taxonomy or load_taxonomy()
        self._outlet_ids: dict[str, int] = {}
        self._ensure_reference_data()

    def _ensure_reference_data(self) -> None:
        """Registry outlets, their aliases and the themes exist in every database."""
        with _transaction(self.conn):
            for theme in self.taxonomy.themes:
                self.conn.execute(
                    "INSERT INTO themes (slug, name, description) VALUES (?, ?, ?) "
                    "ON CONFLICT(slug) DO UPDATE SET name = excluded.name, "
                    "description = excluded.description",
                    [theme.slug, theme.name, theme.description],
                )
            for info in self.registry.outlets.values():
                outlet_id = self._upsert_outlet(info.name, info.kind, info.country, reviewed=True)
                for alias in (info.name, *info.aliases):
                    self.conn.execute(
                        "INSERT OR IGNORE INTO outlet_aliases (key, alias, outlet_id) "
                        "VALUES (?, ?, ?)",
                        [name_key(alias), alias, outlet_id],
                    )
        self.reload_outlet_ids()

    def reload_outlet_ids(self) -> None:
        """Read the outlet ids again: after a rolled-back document, the ids it cached for
        outlets it added no longer exist."""
        self._outlet_ids = {}
        for row in self.conn.execute("SELECT name, id FROM outlets ORDER BY id DESC"):
            self._outlet_ids[name_key(row[0])] = row[1]

    def _upsert_outlet(self, name: str, kind: str, country: str | None, reviewed: bool) -> int:
        self.conn.execute(
            "INSERT INTO outlets (name, kind, country, reviewed) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, country = excluded.country, "
            "reviewed = MAX(reviewed, excluded.reviewed)",
            [name, kind, country, int(reviewed)],
        )
        return self.conn.execute("SELECT id FROM outlets WHERE name = ?", [name]).fetchone()[0]

    def outlet_id(self, name: str) -> int:
        """The id of a canonical outlet, adding an unknown name as an unreviewed outlet.

        Names are matched by key, so "Harbour Courier" and "the Harbour Courier" (both unknown
        to the registry) become one outlet, under the first spelling seen.
        """
        key = name_key(name)
        found = self._outlet_ids.get(key)
        if found is None:
            info = self.registry.info(name)
            found = self._upsert_outlet(name, info.kind, info.country, reviewed=False)
            self._outlet_ids[key] = found
        return found

    # -- documents

    def find_document(self, sha256: str) -> tuple[int, int | None] | None:
        row = self.conn.execute(
            "SELECT id, story_id FROM documents WHERE sha256 = ?", [sha256]
        ).fetchone()
        return (row[0], row[1]) if row else None

    def insert_document(self, doc: DocumentInput, sha256: str | None, outcome: Outcome) -> int:
        cursor = self.conn.execute(
            "INSERT INTO documents (sha256, origin, format, encoding, size, content, options, "
            "status, message, parser_version, story_id, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                sha256,
                printable(doc.origin),
                doc.format,
                doc.encoding,
                len(doc.content) if doc.content is not None else None,
                doc.content,
                json.dumps(doc.options) if doc.options else None,
                outcome.status,
                printable(outcome.message),
                PARSER_VERSION,
                outcome.story_id,
                _now(),
            ],
        )
        return cursor.lastrowid

    def update_document(self, document_id: int, outcome: Outcome) -> None:
        self.conn.execute(
            "UPDATE documents SET status = ?, message = ?, story_id = ?, parser_version = ? "
            "WHERE id = ?",
            [
                outcome.status,
                printable(outcome.message),
                outcome.story_id,
                PARSER_VERSION,
                document_id,
            ],
        )

    # -- stories

    def save_story(self, story: Story, key: str, document_id: int | None) -> tuple[str, int, str]:
        """Insert a story or replace the stored revision; returns (status, story id, message)."""
        row = self.conn.execute(
            "SELECT id, updated, revisions FROM stories WHERE key = ?", [key]
        ).fetchone()
        if row is None:
            story_id = self._insert_story(story, key, document_id)
            return "ok", story_id, f"story {story_id}: {len(story.signals)} signals"
        story_id, stored_updated, revisions = row
        if story.updated and stored_updated and story.updated < stored_updated:
            return (
                "unchanged",
                story_id,
                f"an older revision (updated {story.updated}) of story {story_id}; "
                f"the stored revision (updated {stored_updated}) is kept",
            )
        self.conn.execute("DELETE FROM signals WHERE story_id = ?", [story_id])
        self.conn.execute("DELETE FROM story_insights WHERE story_id = ?", [story_id])
        self._write_story_row(story, key, document_id, story_id=story_id, revisions=revisions + 1)
        self._insert_children(story, story_id)
        return "updated", story_id, f"new revision {revisions + 1} of story {story_id}"

    def _insert_story(self, story: Story, key: str, document_id: int | None) -> int:
        story_id = self._write_story_row(story, key, document_id, story_id=None, revisions=1)
        self._insert_children(story, story_id)
        return story_id

    def _write_story_row(
        self,
        story: Story,
        key: str,
        document_id: int | None,
        *,
        story_id: int | None,
        revisions: int,
    ) -> int:
        values = [
            key,
            story.url,
            story.title,
            story.published,
            story.updated,
            story.region,
            story.category,
            story.summary,
            story.sponsor,
            json.dumps(story.insights_from),
            json.dumps(story.flags),
            len(story.signals),
            revisions,
            document_id,
            _now(),
        ]
        columns = (
            "key, url, title, published, updated, region, category, summary, sponsor, "
            "insights_from, flags, signal_count, revisions, document_id, ingested_at"
        )
        if story_id is None:
            cursor = self.conn.execute(
                f"INSERT INTO stories ({columns}) VALUES ({', '.join('?' * 15)})", values
            )
            return cursor.lastrowid
        assignments = ", ".join(f"{c.strip()} = ?" for c in columns.split(","))
        self.conn.execute(f"UPDATE stories SET {assignments} WHERE id = ?", [*values, story_id])
        return story_id

    def _insert_children(self, story: Story, story_id: int) -> None:
        published = story.published
        for position, name in enumerate(story.insights_from, start=1):
            self.conn.execute(
                "INSERT OR IGNORE INTO story_insights (story_id, outlet_id, position) "
                "VALUES (?, ?, ?)",
                [story_id, self.outlet_id(name), position],
            )
        for signal in story.signals:
            theme = signal.themes[0].slug if signal.themes else None
            cursor = self.conn.execute(
                "INSERT INTO signals (story_id, position, headline, body, flags, published, "
                "theme) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    story_id,
                    signal.position,
                    signal.headline,
                    signal.body,
                    json.dumps(signal.flags),
                    published,
                    theme,
                ],
            )
            signal_id = cursor.lastrowid
            links = [
                (signal_id, self.outlet_id(name), role, story_id, published, theme)
                for role, names in (("credited", signal.outlets), ("mentioned", signal.mentions))
                for name in names
            ]
            self.conn.executemany(
                "INSERT OR IGNORE INTO signal_outlets "
                "(signal_id, outlet_id, role, story_id, published, theme) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                links,
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO signal_themes "
                "(signal_id, theme, score, terms, rank, story_id, published, similarity) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        signal_id,
                        t.slug,
                        t.score,
                        json.dumps(t.terms),
                        rank,
                        story_id,
                        published,
                        getattr(t, "similarity", None),
                    )
                    for rank, t in enumerate(signal.themes, start=1)
                ],
            )


class WriteLocked(sqlite3.OperationalError):
    """Another writer held the database for longer than WRITE_WAIT_S."""


def begin_immediate(conn: sqlite3.Connection, wait_s: float = WRITE_WAIT_S) -> None:
    """BEGIN IMMEDIATE, retried with backoff while another connection writes.

    SQLite's own busy handler sleeps ever longer (up to 100 ms) between attempts, and so misses
    the short gaps a bulk load leaves between its batches; polling every few milliseconds takes
    the lock in the first gap. Raises WriteLocked after ``wait_s`` seconds in all."""
    deadline = time.monotonic() + wait_s
    delay = 0.001
    conn.execute("PRAGMA busy_timeout = 2")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not _is_locked(exc):
                    raise
            if time.monotonic() > deadline:
                raise WriteLocked(
                    f"the database stayed locked by another writer for {wait_s:g} s "
                    "(a long ingest?); nothing was written, try again"
                ) from None
            time.sleep(delay * random.uniform(0.5, 1.0))
            delay = min(delay * 2, 0.01)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _is_locked(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (connections are in autocommit).
    Inside a transaction already (see ``commit_every``) it is a savepoint: its changes are
    undone alone on error, and committed with the enclosing transaction."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.nested = False

    def __enter__(self) -> sqlite3.Connection:
        self.nested = self.conn.in_transaction
        if self.nested:
            self.conn.execute("SAVEPOINT unit")
        else:
            begin_immediate(self.conn)
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self.nested:
            self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
            return
        if exc_type:
            self.conn.execute("ROLLBACK TO unit")
        self.conn.execute("RELEASE unit")


class commit_every:
    """Commit a bulk load in short transactions instead of after each unit of work.

    Each document's own transaction becomes a savepoint inside the batch, so a failing document
    still leaves nothing behind. What changes is the write volume: pages that many documents
    touch (the ends of tables and indexes) reach the WAL once per batch instead of once per
    document; committing each of 100,000 pages wrote some twenty times the database's size.

    Writers take turns: a batch begins only when there is something to write (``open``), and
    commits after ``n`` units or ``seconds``, whichever comes first, then pauses a moment so
    that another process waiting to write (an upload) gets the lock."""

    def __init__(self, conn: sqlite3.Connection, n: int, seconds: float = BATCH_SECONDS):
        self.conn, self.n, self.seconds = conn, n, seconds
        self.count = 0
        self.started: float | None = None

    def __enter__(self) -> commit_every:
        return self

    def open(self) -> None:
        """Begin the batch's transaction if none is open: call just before writing."""
        if not self.conn.in_transaction:
            begin_immediate(self.conn)
            self.started = time.monotonic()
            self.count = 0

    def tick(self) -> None:
        """One unit done: commit if the batch is full or old enough."""
        self.count += 1
        if self.count >= self.n or (
            self.started is not None and time.monotonic() - self.started >= self.seconds
        ):
            self.release()

    def release(self) -> None:
        """Commit what the batch holds and leave the lock free for a moment."""
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
            self.started = None
            time.sleep(TURN_PAUSE_S)

    def __exit__(self, *exc) -> None:
        # What is done is whole (each unit was its own savepoint): keep it, even on an error.
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")


transaction = _transaction


def printable(text: str) -> str:
    """Text SQLite can store: bytes of a non-UTF-8 file name (kept by Python as surrogate
    escapes) shown as ``\\xNN``, other lone surrogates as ``\\udNNN``."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def set_meta(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value])
