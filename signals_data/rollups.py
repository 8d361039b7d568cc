"""Precomputed aggregates ("rollups") of the citations and themes, kept in step on every ingest.

The dashboard's broadest views (no outlet, theme or text filter; any dates) would otherwise read
every citation: about half a million rows at 100,000 stories. The rollups hold the same counts
per month (outlets) or per day (themes), a few thousand to a hundred thousand rows.

How they stay right:
- Triggers on ``signals`` note the month of every signal inserted, deleted or updated in
  ``rollup_dirty`` (in the same transaction as the change, so no change goes unnoticed).
- ``refresh`` recomputes the rows of the noted months from the base tables and clears the note.
  Ingest, reparse and the demo build call it at the end; opening a database for writing calls it
  too, so a killed ingest is caught up the next time.
- Readers use the rollups only while ``rollup_dirty`` is empty (``usable``); otherwise they read
  the base tables. A view is never stale, only slower while an ingest is running.

Counting stories per month and summing is exact because a story has one date: its signals and
citations carry the story's date. ``scope`` is ``credited`` (Source lines) or ``any`` (credited or
mentioned in the prose: the dashboard's "count mentions" switch). Undated rows have a NULL month.
"""

from __future__ import annotations

import sqlite3

SCHEMA = """
CREATE TABLE rollup_dirty (month TEXT PRIMARY KEY);
CREATE TABLE rollup_outlets (
    month TEXT, outlet_id INTEGER NOT NULL, scope TEXT NOT NULL,
    signals INTEGER NOT NULL, stories INTEGER NOT NULL, first_seen TEXT, last_seen TEXT
);
CREATE INDEX idx_rollup_outlets ON rollup_outlets(scope, month, outlet_id);
CREATE TABLE rollup_outlet_themes (
    month TEXT, outlet_id INTEGER NOT NULL, scope TEXT NOT NULL, theme TEXT,
    signals INTEGER NOT NULL
);
CREATE INDEX idx_rollup_outlet_themes ON rollup_outlet_themes(scope, month, outlet_id, theme);
CREATE TABLE rollup_themes (day TEXT, theme TEXT, signals INTEGER NOT NULL);
CREATE INDEX idx_rollup_themes ON rollup_themes(day, theme);
CREATE TABLE rollup_theme_pairs (
    day TEXT, theme_a TEXT NOT NULL, theme_b TEXT NOT NULL, signals INTEGER NOT NULL
);
CREATE INDEX idx_rollup_theme_pairs ON rollup_theme_pairs(day, theme_a, theme_b);
"""

_MONTH = "coalesce(substr({}.published, 1, 7), '')"
TRIGGERS = [
    "CREATE TRIGGER signals_rollup_ai AFTER INSERT ON signals BEGIN "
    f"INSERT OR IGNORE INTO rollup_dirty VALUES ({_MONTH.format('new')}); END",
    "CREATE TRIGGER signals_rollup_ad AFTER DELETE ON signals BEGIN "
    f"INSERT OR IGNORE INTO rollup_dirty VALUES ({_MONTH.format('old')}); END",
    "CREATE TRIGGER signals_rollup_au AFTER UPDATE OF published, theme ON signals BEGIN "
    f"INSERT OR IGNORE INTO rollup_dirty VALUES ({_MONTH.format('old')}); "
    f"INSERT OR IGNORE INTO rollup_dirty VALUES ({_MONTH.format('new')}); END",
]

ROLLUP_TABLES = {
    "rollup_outlets": "month",
    "rollup_outlet_themes": "month",
    "rollup_themes": "day",
    "rollup_theme_pairs": "day",
}

# Each statement fills one table for the rows matching {dates} (a condition on a table's
# published column, for one month; or on the outlet, see refresh_outlets), grouped as the table
# is keyed.
_FILL = [
    "INSERT INTO rollup_outlets SELECT substr(so.published, 1, 7), so.outlet_id, 'credited', "
    "count(*), count(DISTINCT so.story_id), min(so.published), max(so.published) "
    "FROM signal_outlets so WHERE so.role = 'credited' AND {dates} GROUP BY 1, so.outlet_id",
    "INSERT INTO rollup_outlets SELECT substr(so.published, 1, 7), so.outlet_id, 'any', "
    "count(DISTINCT so.signal_id), count(DISTINCT so.story_id), min(so.published), "
    "max(so.published) FROM signal_outlets so WHERE so.role IN ('credited', 'mentioned') "
    "AND {dates} GROUP BY 1, so.outlet_id",
    "INSERT INTO rollup_outlet_themes SELECT substr(so.published, 1, 7), so.outlet_id, "
    "'credited', so.theme, count(*) FROM signal_outlets so "
    "WHERE so.role = 'credited' AND {dates} GROUP BY 1, so.outlet_id, so.theme",
    "INSERT INTO rollup_outlet_themes SELECT substr(so.published, 1, 7), so.outlet_id, 'any', "
    "so.theme, count(DISTINCT so.signal_id) FROM signal_outlets so "
    "WHERE so.role IN ('credited', 'mentioned') AND {dates} GROUP BY 1, so.outlet_id, so.theme",
    "INSERT INTO rollup_themes SELECT s.published, s.theme, count(*) FROM signals s "
    "WHERE {dates} GROUP BY s.published, s.theme",
    "INSERT INTO rollup_theme_pairs SELECT s.published, a.theme, b.theme, count(*) "
    "FROM signals s JOIN signal_themes a ON a.signal_id = s.id "
    "JOIN signal_themes b ON b.signal_id = s.id AND a.theme < b.theme "
    "WHERE {dates} GROUP BY s.published, a.theme, b.theme",
]


def create(conn: sqlite3.Connection) -> None:
    """Create the rollup tables and triggers, and mark every month for the first refresh."""
    for statement in [s.strip() for s in SCHEMA.split(";") if s.strip()] + TRIGGERS:
        conn.execute(statement)
    conn.execute(
        f"INSERT OR IGNORE INTO rollup_dirty SELECT DISTINCT {_MONTH.format('signals')} "
        "FROM signals"
    )


def _month_condition(alias: str, month: str) -> tuple[str, list]:
    """Dates of one month ('YYYY-MM'; '' for undated) as a range the date indexes can use."""
    if not month:
        return f"{alias}.published IS NULL", []
    # '~' sorts after every digit: 'YYYY-MM' <= any date of the month < 'YYYY-MM~'.
    return f"{alias}.published >= ? AND {alias}.published < ?", [month, month + "~"]


def refresh(conn: sqlite3.Connection) -> int:
    """Recompute the rollups for every month noted as changed; returns how many months.
    Run inside a transaction."""
    months = [r[0] for r in conn.execute("SELECT month FROM rollup_dirty ORDER BY month")]
    for month in months:
        for table, column in ROLLUP_TABLES.items():
            if month:
                conn.execute(
                    f"DELETE FROM {table} WHERE {column} >= ? AND {column} < ?",
                    [month, month + "~"],
                )
            else:
                conn.execute(f"DELETE FROM {table} WHERE {column} IS NULL")
        for statement in _FILL:
            alias = "so" if "signal_outlets so" in statement else "s"
            dates, params = _month_condition(alias, month)
            conn.execute(statement.format(dates=dates), params)
    conn.execute("DELETE FROM rollup_dirty")
    return len(months)


_OUTLET_TABLES = ("rollup_outlets", "rollup_outlet_themes")
_FILL_OUTLETS = [statement for statement in _FILL if "signal_outlets so" in statement]


def refresh_outlets(conn: sqlite3.Connection, outlet_ids: list[int]) -> None:
    """Recompute the outlet rollups of a few outlets, every month at once. A merge (or its
    undo) moves citations between two outlets and changes nothing else (a signal keeps its date
    and themes), so only those outlets' rows change: recomputing the whole of every month they
    appear in took seconds for an outlet cited in most months. Run inside a transaction."""
    marks = ",".join("?" * len(outlet_ids))
    for table in _OUTLET_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE outlet_id IN ({marks})", outlet_ids)
    for statement in _FILL_OUTLETS:
        conn.execute(statement.format(dates=f"so.outlet_id IN ({marks})"), outlet_ids)


def usable(conn: sqlite3.Connection) -> bool:
    """Whether the rollups are complete and current (no month waits to be recomputed)."""
    try:
        return conn.execute("SELECT NOT EXISTS (SELECT 1 FROM rollup_dirty)").fetchone()[0] == 1
    except sqlite3.OperationalError:  # a database from before the rollups
        return False
