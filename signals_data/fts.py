"""Full-text indexes (FTS5) over story titles and summaries and signal headlines and bodies:
their tables and triggers, and the catch-up that indexes rows a bulk load left waiting."""

from __future__ import annotations

import sqlite3

import sqlite_utils

from signals_data.transactions import transaction


def split_statements(script: str) -> list[str]:
    """Split a script into statements (executescript would commit our transaction)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [s for s in statements if s]


def fts_sql(table: str, columns: list[str]) -> str:
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


def fts_triggers_sql(table: str) -> dict[str, str]:
    """The full-text triggers of a table, by name."""
    statements = [s for s in split_statements(fts_sql(table, FTS_TABLES[table])) if "TRIGGER" in s]
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
    with transaction(db.conn) as conn:
        index_backlog(conn)
        for table in FTS_TABLES:
            for name, statement in fts_triggers_sql(table).items():
                if name not in names:
                    conn.execute(statement)
    return True
