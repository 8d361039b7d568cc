"""Bulk loads (the demo corpus, large ingests): the work they defer to their end (covering
indexes, full-text contents, rollups), the marker that says one is running, and the repair
that finishes a load whose process died."""

from __future__ import annotations

import os
import socket
import sqlite3

import sqlite_utils

from signals_data import rollups
from signals_data.fts import FTS_TABLES, ensure_fts, fts_backlog, index_backlog
from signals_data.transactions import transaction

BULK_MARKER = "bulk_load"  # meta key present while a bulk load runs (value: who runs it)


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
        with transaction(db.conn) as conn:
            index_backlog(conn)
    ensure_indexes(db)
    ensure_rollups(db)
    if owner is None:
        return False
    with transaction(db.conn) as conn:
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
            with transaction(self.conn) as conn:
                conn.execute("DELETE FROM meta WHERE key = ?", [BULK_MARKER])
            self.owned = False


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
    with transaction(db.conn) as conn:
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
    with transaction(db.conn) as conn:
        return rollups.refresh(conn)


class _deferred_work:
    """A bulk load that drops something at its start (``defer``, in the transaction that marks
    the load) and rebuilds it at its end (``finish``)."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.marker = bulk_load(db.conn)

    def defer(self, conn: sqlite3.Connection) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> sqlite_utils.Database:
        with transaction(self.db.conn) as conn:
            self.marker.mark(conn)
            self.defer(conn)
        return self.db

    def __exit__(self, *exc) -> None:
        self.finish()
        self.marker.clear()


class deferred_indexes(_deferred_work):
    """Drop the covering indexes for a bulk load (the demo corpus) and build them at the end."""

    def defer(self, conn: sqlite3.Connection) -> None:
        for name in BULK_INDEXES:
            conn.execute(f"DROP INDEX IF EXISTS {name}")

    def finish(self) -> None:
        ensure_indexes(self.db)
        ensure_rollups(self.db)
        self.db.execute("ANALYZE")


class deferred_fts(_deferred_work):
    """Index full text in batches instead of row by row during a large ingest.

    The insert triggers are dropped; new rows are indexed by ``index_backlog`` every so often and
    at the end. Updates and deletes keep their triggers, which act only on rows already indexed
    (a revision replacing a story still waiting leaves the index alone), so the index never holds
    a row it was not given. Each commit then skips FTS5's per-transaction segment write: ingest
    is about twice as fast.
    """

    def defer(self, conn: sqlite3.Connection) -> None:
        for table in FTS_TABLES:
            conn.execute(f"DROP TRIGGER IF EXISTS [{table}_ai]")

    def finish(self) -> None:
        ensure_fts(self.db)
