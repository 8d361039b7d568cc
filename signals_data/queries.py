"""Every SQL query the CLI and the dashboard run, named after what it returns.

Queries take a database and, where they are filtered, a ``Filters``; they return plain Python
values or pandas DataFrames. All values are bound as parameters, never formatted into SQL.
"""

from __future__ import annotations

import sqlite_utils


def corpus_stats(db: sqlite_utils.Database) -> dict:
    one = lambda sql, params=(): db.execute(sql, params).fetchone()[0]  # noqa: E731
    first, last = db.execute("SELECT min(published), max(published) FROM stories").fetchone()
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "documents_by_status": dict(
            db.execute("SELECT status, count(*) FROM documents GROUP BY status ORDER BY 2 DESC")
        ),
        "stories": one("SELECT count(*) FROM stories"),
        "signals": one("SELECT count(*) FROM signals"),
        "first_date": first,
        "last_date": last,
        "undated": one("SELECT count(*) FROM stories WHERE published IS NULL"),
        "outlets_cited": one("SELECT count(DISTINCT outlet_id) FROM signal_outlets"),
        "unreviewed": [
            r[0]
            for r in db.execute(
                "SELECT name FROM outlets WHERE reviewed = 0 ORDER BY name COLLATE NOCASE"
            )
        ],
        "themes": dict(
            db.execute(
                "SELECT theme, count(*) FROM signal_themes WHERE rank = 1 GROUP BY theme "
                "ORDER BY 2 DESC"
            )
        ),
        "top_outlets": db.execute(
            "SELECT o.name, count(*) FROM signal_outlets so JOIN outlets o ON o.id = so.outlet_id "
            "WHERE so.role = 'credited' GROUP BY o.id ORDER BY 2 DESC, o.name LIMIT 10"
        ).fetchall(),
    }
