"""Exports: JSONL (one story per line, the documented shape) and CSV (one signal per row)."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterator

import sqlite_utils

from signals_data.models import signal_record, story_record

CSV_COLUMNS = [
    "story_id",
    "url",
    "title",
    "published",
    "updated",
    "region",
    "category",
    "sponsor",
    "insights_from",
    "position",
    "headline",
    "body",
    "outlets",
    "mentions",
    "themes",
]
BATCH = 2000


def _signal_links(db: sqlite_utils.Database, story_ids: list[int]) -> tuple[dict, dict]:
    """Outlets (by role) and themes of every signal of the given stories, in stored order."""
    marks = ",".join("?" * len(story_ids))
    outlets: dict[tuple[int, str], list[str]] = defaultdict(list)
    for signal_id, role, name in db.execute(
        f"SELECT so.signal_id, so.role, o.name FROM signal_outlets so "
        f"JOIN outlets o ON o.id = so.outlet_id WHERE so.story_id IN ({marks}) "
        f"ORDER BY so.signal_id, so.rowid",
        story_ids,
    ):
        outlets[(signal_id, role)].append(name)
    themes: dict[int, list[str]] = defaultdict(list)
    for signal_id, theme in db.execute(
        f"SELECT signal_id, theme FROM signal_themes WHERE story_id IN ({marks}) "
        f"ORDER BY signal_id, rank",
        story_ids,
    ):
        themes[signal_id].append(theme)
    return outlets, themes


def iter_export_records(db: sqlite_utils.Database) -> Iterator[dict]:
    """Every story in the JSONL export shape, oldest first, in batches to bound memory."""
    last_id = 0
    while True:
        stories = list(
            db.query("SELECT * FROM stories WHERE id > ? ORDER BY id LIMIT ?", [last_id, BATCH])
        )
        if not stories:
            return
        ids = [s["id"] for s in stories]
        last_id = ids[-1]
        outlets, themes = _signal_links(db, ids)
        signals_by_story: dict[int, list[dict]] = defaultdict(list)
        marks = ",".join("?" * len(ids))
        for sig in db.query(
            f"SELECT * FROM signals WHERE story_id IN ({marks}) ORDER BY story_id, position", ids
        ):
            signals_by_story[sig["story_id"]].append(
                signal_record(
                    sig["position"],
                    sig["headline"],
                    sig["body"],
                    outlets.get((sig["id"], "credited"), []),
                    outlets.get((sig["id"], "mentioned"), []),
                    themes.get(sig["id"], []),
                )
            )
        for story in stories:
            yield story_record(
                story["id"],
                url=story["url"],
                title=story["title"],
                published=story["published"],
                updated=story["updated"],
                region=story["region"],
                category=story["category"],
                summary=story["summary"],
                insights_from=json.loads(story["insights_from"] or "[]"),
                sponsor=story["sponsor"],
                signals=signals_by_story.get(story["id"], []),
            )


def write_jsonl(db: sqlite_utils.Database, out: io.TextIOBase) -> int:
    count = 0
    for record in iter_export_records(db):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(db: sqlite_utils.Database, out: io.TextIOBase) -> int:
    """One row per signal with its story's fields; lists are joined with '; '."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for story in iter_export_records(db):
        for sig in story["signals"] or [{}]:
            writer.writerow(
                [
                    story["id"],
                    story["url"],
                    story["title"],
                    story["published"],
                    story["updated"],
                    story["region"],
                    story["category"],
                    story["sponsor"],
                    "; ".join(story["insights_from"]),
                    sig.get("position"),
                    sig.get("headline"),
                    sig.get("body"),
                    "; ".join(sig.get("outlets", [])),
                    "; ".join(sig.get("mentions", [])),
                    "; ".join(sig.get("themes", [])),
                ]
            )
            count += 1
    return count
