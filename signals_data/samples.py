"""The sample pages bundled with the package, and loading them into a database."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import sqlite_utils

from signals_data.ingest import Summary, ingest


def sample_entries() -> list[dict]:
    folder = resources.files("signals_data") / "samples"
    entries = json.loads((folder / "index.json").read_text("utf-8"))
    for entry in entries:
        entry["path"] = str(Path(str(folder / entry["file"])))
    return entries


def ingest_samples(db: sqlite_utils.Database) -> Summary:
    """Ingest every bundled sample with the URL and date recorded for it."""
    summary = Summary()
    for entry in sample_entries():
        result = ingest(db, [entry["path"]], url=entry.get("url"), published=entry.get("published"))
        summary.outcomes.extend(result.outcomes)
    return summary
