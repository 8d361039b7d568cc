"""Who did what to the database: the ingest log.

Corrections have their own log (``curation_log``, see ``curation``); this one records each
ingest run, an upload on the Ingest page or a ``signals ingest``: when, who (the signed-in e-mail,
or the local user), which files (as given) and how many documents ended in each result.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from signals_data.transactions import transaction


@dataclass(frozen=True)
class IngestRun:
    id: int
    at: str
    who: str | None
    files: list[str]
    counts: dict[str, int]


def record_ingest(
    db: sqlite_utils.Database,
    who: str | None,
    files: Sequence[str],
    counts: Mapping[str, int],
) -> int:
    """Log one upload run; returns its id."""
    at = datetime.now(UTC).isoformat(timespec="seconds")
    with transaction(db.conn) as conn:
        cursor = conn.execute(
            "INSERT INTO ingest_log (at, who, files, counts) VALUES (?, ?, ?, ?)",
            [at, who, json.dumps(list(files)), json.dumps({k: int(n) for k, n in counts.items()})],
        )
    return int(cursor.lastrowid)


def ingest_runs(db: sqlite_utils.Database, limit: int = 50) -> list[IngestRun]:
    """The latest upload runs, newest first (none on a database older than the log)."""
    if not db["ingest_log"].exists():
        return []
    rows = db.execute(
        "SELECT id, at, who, files, counts FROM ingest_log ORDER BY id DESC LIMIT ?", [limit]
    ).fetchall()
    return [
        IngestRun(i, at, who, json.loads(files), json.loads(counts))
        for i, at, who, files, counts in rows
    ]
