"""Write transactions on a connection in autocommit mode: taking the write lock without missing
another writer's short gaps, savepoints inside a batch, and batches that commit often.

``store``, ``bulk`` and ``migrations`` write through these; every one of them begins with
``BEGIN IMMEDIATE``, so a writer learns at once whether it has the database.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

BUSY_TIMEOUT_MS = 10_000
# A write transaction waits this long in all for another writer (a bulk load, an upload) before
# the document it was for fails with a message saying so.
WRITE_WAIT_S = 60.0
# A bulk load commits at least this often, then leaves the lock free for a moment so that a
# waiting writer (the dashboard's Ingest page) gets its turn.
BATCH_SECONDS = 0.5
TURN_PAUSE_S = 0.02


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
                if not is_locked(exc):
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


def is_locked(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class transaction:
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
        if self.commit():
            time.sleep(TURN_PAUSE_S)

    def commit(self) -> bool:
        """Commit what the batch holds, with no pause (before work that leaves the lock free
        long enough anyway); True if there was a transaction."""
        if not self.conn.in_transaction:
            return False
        self.conn.execute("COMMIT")
        self.started = None
        return True

    def __exit__(self, *exc) -> None:
        # What is done is whole (each unit was its own savepoint): keep it, even on an error.
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")


# Page cache of a connection during a large ingest (KiB, as PRAGMA cache_size takes it when
# negative): the pages a batch of 1,000 documents touches stay in memory until it commits.
BATCH_CACHE_KIB = 65_536


@contextmanager
def batch_settings(conn: sqlite3.Connection) -> Iterator[None]:
    """Connection settings for writing many documents in savepoints (``commit_every``); the
    connection's own are put back at the end. Call outside a transaction.

    Each savepoint keeps the original of every page it changes until it is released, in a
    temporary file by default: that was ten times the bytes the database itself received, and a
    fifth of the writer's time. In memory it costs no system call, and is freed at each release.
    A larger page cache keeps a batch's pages from being written out and read back before it
    commits. Neither changes what is stored."""
    temp_store = conn.execute("PRAGMA temp_store").fetchone()[0]
    cache_size = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute(f"PRAGMA cache_size = {-BATCH_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(cache_size)}")
        if not conn.in_transaction:  # (cannot be changed inside one)
            conn.execute(f"PRAGMA temp_store = {int(temp_store)}")
