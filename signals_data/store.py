"""The SQLite store: opening the database, and writing parsed stories.

One file, opened with sqlite-utils. Every input is kept verbatim in ``documents``; a story is
written together with its document in one transaction, so an interrupted ingest never leaves a
half-written story behind. The schema is documented in the README ("The database").

The schema and its migrations are in ``migrations``, the full-text indexes in ``fts``, bulk
loads in ``bulk`` and write transactions in ``transactions``; the names other modules import
from here are re-exported below.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime
from json.encoder import encode_basestring_ascii
from pathlib import Path

import sqlite_utils

from signals_data import PARSER_VERSION
from signals_data.bulk import (
    BULK_INDEXES,
    BULK_MARKER,
    bulk_load,
    bulk_load_owner,
    deferred_fts,
    deferred_indexes,
    ensure_indexes,
    ensure_rollups,
    repair_unfinished_bulk_load,
)
from signals_data.curation import curated_registry, curated_taxonomy, theme_overrides
from signals_data.fts import FTS_TABLES, ensure_fts, fts_backlog, index_backlog
from signals_data.migrations import MIGRATIONS, apply_migrations
from signals_data.models import DocumentInput, Outcome, Story, ThemeScore
from signals_data.outlets import Registry, name_key
from signals_data.themes import Taxonomy
from signals_data.transactions import (
    BATCH_SECONDS,
    BUSY_TIMEOUT_MS,
    TURN_PAUSE_S,
    WRITE_WAIT_S,
    WriteLocked,
    begin_immediate,
    commit_every,
    transaction,
)

# Names that moved out of this module and are still imported from here (ingest, demo, tests).
__all__ = [
    "BATCH_SECONDS",
    "BULK_INDEXES",
    "BULK_MARKER",
    "BUSY_TIMEOUT_MS",
    "DEFAULT_DB",
    "FTS_TABLES",
    "MIGRATIONS",
    "STATUSES",
    "TURN_PAUSE_S",
    "WRITE_WAIT_S",
    "DocumentInput",
    "Outcome",
    "WriteLocked",
    "Writer",
    "apply_migrations",
    "begin_immediate",
    "bulk_load",
    "bulk_load_owner",
    "commit_every",
    "default_db_path",
    "deferred_fts",
    "deferred_indexes",
    "ensure_fts",
    "ensure_indexes",
    "ensure_rollups",
    "fts_backlog",
    "index_backlog",
    "open_db",
    "open_readonly",
    "printable",
    "repair_unfinished_bulk_load",
    "set_meta",
    "transaction",
]

DEFAULT_DB = "signals.db"
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


def open_readonly(path: str | os.PathLike[str]) -> sqlite_utils.Database:
    """Open an existing database read-only (the dashboard's pages, except Ingest)."""
    if not Path(path).exists():
        raise FileNotFoundError(f"no database at {path}; run `signals ingest` or `signals demo`")
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    _configure(conn)
    return sqlite_utils.Database(conn)


# --- writing -----------------------------------------------------------------------------------


def _json_list(items: list[str]) -> str:
    """A list of strings as ``json.dumps`` writes it, four times faster (the writer does it for
    every row of ``signal_themes``: 2% of its time went into the encoder's set-up)."""
    return "[" + ", ".join(map(encode_basestring_ascii, items)) + "]"


def theme_rows(signal_id: int, themes, story_id: int, published: str | None) -> list[list]:
    """The ``signal_themes`` rows of one signal, main theme first (rank 1)."""
    return [
        [
            signal_id,
            t.slug,
            t.score,
            _json_list(t.terms),
            rank,
            story_id,
            published,
            getattr(t, "similarity", None),
        ]
        for rank, t in enumerate(themes, start=1)
    ]


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
        # Curated facts (merges, renames, kinds) win over the bundled registry.
        self.registry = registry or curated_registry(db)
        self.taxonomy = taxonomy or curated_taxonomy(db)
        # Main themes the analyst chose for single signals, by (story key, position).
        self.theme_overrides = theme_overrides(db.conn)
        self._outlet_ids: dict[str, int] = {}
        self._ensure_reference_data()

    def _ensure_reference_data(self) -> None:
        """Registry outlets, their aliases and the themes exist in every database."""
        with transaction(self.conn):
            for theme in self.taxonomy.themes:
                self.conn.execute(
                    "INSERT INTO themes (slug, name, description) VALUES (?, ?, ?) "
                    "ON CONFLICT(slug) DO UPDATE SET name = excluded.name, "
                    "description = excluded.description",
                    [theme.slug, theme.name, theme.description],
                )
            unreviewed = getattr(self.registry, "unreviewed", set())
            for info in self.registry.outlets.values():
                outlet_id = self._upsert_outlet(
                    info.name, info.kind, info.country, reviewed=info.name not in unreviewed
                )
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

    def next_document_id(self) -> int:
        """The id the next inserted document gets (SQLite gives the highest id plus one). Inside
        a write transaction nobody else can take it: a story can name its document before the
        document row, with the story's outcome, is written once."""
        return self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM documents").fetchone()[0]

    def insert_document(
        self,
        doc: DocumentInput,
        sha256: str | None,
        outcome: Outcome,
        document_id: int | None = None,
    ) -> int:
        cursor = self.conn.execute(
            "INSERT INTO documents (id, sha256, origin, format, encoding, size, content, "
            "options, status, message, parser_version, story_id, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                document_id,
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
        if self.theme_overrides:
            self._apply_theme_overrides(story, key)
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
            _json_list(story.insights_from),
            _json_list(story.flags),
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
        """The story's insights, signals, citations and themes: one statement per table. The
        signals' ids are given (the next ones SQLite would choose), so that their citations and
        themes can be written together instead of signal by signal."""
        published = story.published
        self.conn.executemany(
            "INSERT OR IGNORE INTO story_insights (story_id, outlet_id, position) VALUES (?, ?, ?)",
            [
                (story_id, self.outlet_id(name), position)
                for position, name in enumerate(story.insights_from, start=1)
            ],
        )
        if not story.signals:
            return
        (last,) = self.conn.execute("SELECT coalesce(max(id), 0) FROM signals").fetchone()
        signals, links, themes = [], [], []
        for signal_id, signal in enumerate(story.signals, start=last + 1):
            theme = signal.themes[0].slug if signal.themes else None
            signals.append(
                (
                    signal_id,
                    story_id,
                    signal.position,
                    signal.headline,
                    signal.body,
                    _json_list(signal.flags),
                    published,
                    theme,
                )
            )
            links += [
                (signal_id, self.outlet_id(name), role, story_id, published, theme)
                for role, names in (("credited", signal.outlets), ("mentioned", signal.mentions))
                for name in names
            ]
            themes += theme_rows(signal_id, signal.themes, story_id, published)
        self.conn.executemany(
            "INSERT INTO signals (id, story_id, position, headline, body, flags, published, "
            "theme) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            signals,
        )
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
            themes,
        )

    def _apply_theme_overrides(self, story: Story, key: str) -> None:
        """Put the analyst's main theme first on the signals that have one (score 0 if the
        parser did not find that theme at all)."""
        for signal in story.signals:
            chosen = self.theme_overrides.get((key, signal.position))
            if chosen is None or (signal.themes and signal.themes[0].slug == chosen):
                continue
            found = [t for t in signal.themes if t.slug == chosen]
            rest = [t for t in signal.themes if t.slug != chosen]
            signal.themes = [found[0] if found else ThemeScore(chosen, 0.0, []), *rest]


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
