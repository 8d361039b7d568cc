"""Corrections to the outlets, applied to the stored rows at once and logged so each can be undone.

Every correction (merge, rename, set kind/country, review, "not an outlet", split) runs in one
transaction that changes the stored citations directly (no re-ingest), writes the curated facts
(``curated_outlets``, ``curated_aliases``) that make it survive ``signals reparse`` and later
ingests (see ``curated_registry``), brings the rollups in step, and adds a row to
``curation_log`` whose ``before`` holds exactly what the correction replaced. ``undo`` writes that
back. Bad input raises a ``CurationError`` before anything is written.

Undo is exact while the rows a change touched are still the ones it wrote: a change that a later,
still active change touched again must wait until that later one is undone (``UndoBlocked``), and
a merge whose stories were rebuilt since (``signals reparse``) cannot be undone row by row
(``UndoStale``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import getpass
import json
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlite_utils

from signals_data import rollups
from signals_data.bulk import ensure_rollups
from signals_data.errors import SignalsError
from signals_data.outlets import KINDS, OutletInfo, Registry, load_registry, name_key
from signals_data.transactions import transaction

# Kinds of a named source that is not an outlet ("not an outlet" keeps it, with one of these).
SOURCE_KINDS = ("person", "institution", "document", "court")
ALL_KINDS = tuple(dict.fromkeys((*KINDS, *SOURCE_KINDS)))
ACTIONS = ("merge", "rename", "set", "review", "not_outlet", "split", "theme", "theme_term", "undo")


class CurationError(SignalsError, ValueError):
    """A correction that cannot be made as asked; nothing was changed."""


class UnknownOutlet(CurationError):
    """No stored outlet has this name (or alias)."""


class MergeCycle(CurationError):
    """Merging an outlet into itself or into one of its own aliases."""


class NameTaken(CurationError):
    """A rename onto the name of another outlet (merge it instead, saying so)."""


class BadKind(CurationError):
    """A kind that is not one of ``ALL_KINDS`` (or ``SOURCE_KINDS`` for "not an outlet")."""


class UnknownChange(CurationError):
    """No correction has this id."""


class AlreadyUndone(CurationError):
    """The correction was undone already (or is itself an undo)."""


class UndoBlocked(CurationError):
    """A later correction, still in place, touched the same outlets: undo that one first."""


class UndoStale(CurationError):
    """The rows the correction changed are gone (the stories were rebuilt since)."""


def current_user() -> str | None:
    """Who makes a correction: ``SIGNALS_USER`` if set, else the login name when there is one."""
    try:
        return os.environ.get("SIGNALS_USER") or getpass.getuser()
    except Exception:  # no login name (some containers)
        return None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Outlet:
    id: int
    name: str
    kind: str
    country: str | None
    reviewed: int

    def row(self) -> list:
        return [self.id, self.name, self.kind, self.country, self.reviewed]


# --- finding outlets ----------------------------------------------------------------------------


def _outlet_by_id(conn: sqlite3.Connection, outlet_id: int) -> Outlet:
    row = conn.execute(
        "SELECT id, name, kind, country, reviewed FROM outlets WHERE id = ?", [outlet_id]
    ).fetchone()
    return Outlet(*row)


def find_outlet(conn: sqlite3.Connection, name: str) -> Outlet | None:
    """The stored outlet a name stands for: its exact name, an alias, or the same name key
    (case, "the" and punctuation ignored, as the ingest matches names)."""
    row = conn.execute("SELECT id FROM outlets WHERE name = ?", [name]).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT outlet_id FROM outlet_aliases WHERE key = ?", [name_key(name)]
        ).fetchone()
    if row is None:
        key = name_key(name)
        row = next(
            ((i,) for i, n in conn.execute("SELECT id, name FROM outlets") if name_key(n) == key),
            None,
        )
    return _outlet_by_id(conn, row[0]) if row else None


def _require(conn: sqlite3.Connection, name: str) -> Outlet:
    outlet = find_outlet(conn, name)
    if outlet is None:
        raise UnknownOutlet(f"no outlet named {name!r} is stored")
    return outlet


# --- the log ------------------------------------------------------------------------------------


@dataclass
class Change:
    """One row of the curation log."""

    id: int
    at: str
    who: str | None
    action: str
    target: str
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    undone_by: int | None = None


def _log(conn, who, action: str, target: str, before: dict, after: dict) -> int:
    cursor = conn.execute(
        "INSERT INTO curation_log (at, who, action, target, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [_now(), who, action, target, json.dumps(before), json.dumps(after)],
    )
    return cursor.lastrowid


def changes(db: sqlite_utils.Database) -> list[Change]:
    """Every correction, oldest first."""
    return [
        Change(
            r[0], r[1], r[2], r[3], r[4], json.loads(r[5] or "{}"), json.loads(r[6] or "{}"), r[7]
        )
        for r in db.execute(
            "SELECT id, at, who, action, target, before, after, undone_by "
            "FROM curation_log ORDER BY id"
        )
    ]


def log_row(change: Change) -> dict:
    """A correction as the log lists it (the page shows the same rows)."""
    return {
        "id": change.id,
        "at": change.at,
        "who": change.who,
        "action": change.action,
        "target": change.target,
        "before": _shown(change.before),
        "after": change.after,
        "undone_by": change.undone_by,
    }


def _shown(before: dict) -> dict:
    """The part of ``before`` a reader wants: outlets by name and their facts; the row lists
    kept for undo only counted."""
    shown = {}
    for key, value in before.items():
        if key in ("outlet", "target") and isinstance(value, list):
            shown[key] = dict(
                zip(("id", "name", "kind", "country", "reviewed"), value, strict=True)
            )
        elif isinstance(value, list | dict) and key not in ("names", "curated", "curated_outlet"):
            shown[key] = len(value)
        else:
            shown[key] = value
    return shown


def _change(conn: sqlite3.Connection, change_id: int) -> Change:
    r = conn.execute(
        "SELECT id, at, who, action, target, before, after, undone_by FROM curation_log "
        "WHERE id = ?",
        [change_id],
    ).fetchone()
    if r is None:
        raise UnknownChange(f"no correction has id {change_id}")
    return Change(
        r[0], r[1], r[2], r[3], r[4], json.loads(r[5] or "{}"), json.loads(r[6] or "{}"), r[7]
    )


# --- curated facts ------------------------------------------------------------------------------


def _curated_outlet(conn, name: str) -> list | None:
    row = conn.execute(
        "SELECT name, kind, country, reviewed, not_outlet FROM curated_outlets WHERE name = ?",
        [name],
    ).fetchone()
    return list(row) if row else None


def _put_curated_outlet(conn, name: str, row: list | None) -> None:
    conn.execute("DELETE FROM curated_outlets WHERE name = ?", [name])
    if row is not None:
        conn.execute("INSERT INTO curated_outlets VALUES (?, ?, ?, ?, ?)", row)


def _curated_alias(conn, key: str) -> list | None:
    row = conn.execute(
        "SELECT key, alias, canonical FROM curated_aliases WHERE key = ?", [key]
    ).fetchone()
    return list(row) if row else None


def _put_curated_alias(conn, key: str, row: list | None) -> None:
    conn.execute("DELETE FROM curated_aliases WHERE key = ?", [key])
    if row is not None:
        conn.execute("INSERT INTO curated_aliases VALUES (?, ?, ?)", row)


def _insight_lists(conn, outlet_id: int) -> dict[str, str]:
    """The stories listing this outlet among their insights: story id -> stored JSON list."""
    return {
        str(story_id): text
        for story_id, text in conn.execute(
            "SELECT s.id, s.insights_from FROM story_insights si JOIN stories s "
            "ON s.id = si.story_id WHERE si.outlet_id = ?",
            [outlet_id],
        )
    }


def _rename_in_lists(conn, lists: dict[str, str], old: str, new: str) -> None:
    for story_id, text in lists.items():
        names = json.loads(text or "[]")
        renamed = list(dict.fromkeys(new if n == old else n for n in names))
        conn.execute(
            "UPDATE stories SET insights_from = ? WHERE id = ?", [json.dumps(renamed), story_id]
        )


def _restore_lists(conn, lists: dict[str, str]) -> None:
    conn.executemany(
        "UPDATE stories SET insights_from = ? WHERE id = ?",
        [(text, int(story_id)) for story_id, text in lists.items()],
    )


# --- corrections --------------------------------------------------------------------------------


def _finish(db: sqlite_utils.Database) -> None:
    """Bring the rollups up to date; if another writer holds the database, the next open does."""
    with contextlib.suppress(sqlite3.OperationalError):
        ensure_rollups(db)


def merge(db: sqlite_utils.Database, name: str, into: str, *, who: str | None = None) -> int:
    """Merge the outlet ``name`` into ``into``: its name (and aliases) become aliases of the
    target, and every citation, insight and rollup row moves to the target at once.
    Returns the id of the log entry."""
    with transaction(db.conn) as conn:
        _refuse_alias(conn, name)
        change_id = _merge(conn, name, into, who, "merge")
    _finish(db)
    return change_id


def _refuse_alias(conn, name: str) -> None:
    """A merge names the outlet it moves. A name that is only an alias of another outlet would
    move that whole outlet, which is rarely what was meant: say so instead."""
    outlet = _require(conn, name)
    if name_key(name) != name_key(outlet.name):
        raise CurationError(
            f"{name!r} is a name of {outlet.name!r}, not an outlet of its own: merge "
            f"{outlet.name!r}, or split {name!r} off it first"
        )


def _merge(conn, name: str, into: str, who, action: str) -> int:
    source = _require(conn, name)
    target = find_outlet(conn, into)
    if target is None:
        raise UnknownOutlet(f"cannot merge into {into!r}: no outlet of that name is stored")
    if target.id == source.id:
        raise MergeCycle(
            f"{name!r} and {into!r} are the same outlet ({source.name}); nothing to merge"
        )
    # Citations move in place (their rowids, and so the export's order, are kept); where the
    # signal already cites the target, the source's row is dropped and kept in the log.
    moved = [
        r[0]
        for r in conn.execute(
            "SELECT so.rowid FROM signal_outlets so WHERE so.outlet_id = ? AND NOT EXISTS "
            "(SELECT 1 FROM signal_outlets t WHERE t.signal_id = so.signal_id "
            "AND t.role = so.role AND t.outlet_id = ?)",
            [source.id, target.id],
        )
    ]
    conn.execute(
        "UPDATE OR IGNORE signal_outlets SET outlet_id = ? WHERE outlet_id = ?",
        [target.id, source.id],
    )
    dropped = [
        list(r)
        for r in conn.execute(
            "SELECT rowid, signal_id, outlet_id, role, story_id, published, theme "
            "FROM signal_outlets WHERE outlet_id = ?",
            [source.id],
        )
    ]
    conn.execute("DELETE FROM signal_outlets WHERE outlet_id = ?", [source.id])
    rollups.refresh_outlets(conn, [source.id, target.id])
    lists = _insight_lists(conn, source.id)
    insights = [
        list(r)
        for r in conn.execute(
            "SELECT rowid, story_id, outlet_id, position FROM story_insights WHERE outlet_id = ?",
            [source.id],
        )
    ]
    conn.execute(
        "UPDATE OR IGNORE story_insights SET outlet_id = ? WHERE outlet_id = ?",
        [target.id, source.id],
    )
    conn.execute("DELETE FROM story_insights WHERE outlet_id = ?", [source.id])
    _rename_in_lists(conn, lists, source.name, target.name)
    aliases = [
        list(r)
        for r in conn.execute("SELECT key FROM outlet_aliases WHERE outlet_id = ?", [source.id])
    ]
    conn.execute(
        "UPDATE outlet_aliases SET outlet_id = ? WHERE outlet_id = ?", [target.id, source.id]
    )
    key = name_key(source.name)
    added_alias = conn.execute(
        "INSERT OR IGNORE INTO outlet_aliases (key, alias, outlet_id) VALUES (?, ?, ?)",
        [key, source.name, target.id],
    ).rowcount
    before = {
        "names": [source.name, target.name],
        "outlet": source.row(),
        "target": target.row(),
        "moved": moved,
        "dropped": dropped,
        "insights": insights,
        "lists": lists,
        "aliases": [a[0] for a in aliases],
        "added_alias": key if added_alias else None,
        "curated_outlet": _curated_outlet(conn, source.name),
        "curated_alias": _curated_alias(conn, key),
        "generation": _generation(conn),
    }
    _put_curated_outlet(conn, source.name, None)
    _put_curated_alias(conn, key, [key, source.name, target.name])
    conn.execute("DELETE FROM outlets WHERE id = ?", [source.id])
    after = {"names": [source.name, target.name], "alias": source.name, "into": target.name}
    return _log(conn, who, action, source.name, before, after)


def _generation(conn) -> str:
    """Which build of the stories this is: ``signals reparse`` gives every row new ids."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'stories_generation'").fetchone()
    return str(row[0]) if row else "0"


def _check_generation(conn, change: Change) -> None:
    if change.before.get("generation", "0") != _generation(conn):
        raise UndoStale(
            f"correction {change.id} changed stored rows that were rebuilt since (signals "
            "reparse), so it cannot be undone row by row; correct the data again instead "
            "(merge, split or rename back, or override the theme again)"
        )


def _undo_merge(conn, change: Change) -> None:
    b = change.before
    source_id, source_name = b["outlet"][0], b["outlet"][1]
    target_id = b["target"][0]
    if conn.execute("SELECT 1 FROM outlets WHERE id = ?", [target_id]).fetchone() is None:
        raise UndoStale(f"correction {change.id}: the outlet merged into is gone")
    if b.get("generation", "0") != _generation(conn):
        _undo_merge_by_reparsing(conn, change)
        return
    marks = ",".join("?" * len(b["moved"]))
    still = (
        conn.execute(
            f"SELECT count(*) FROM signal_outlets WHERE outlet_id = ? AND rowid IN ({marks})",
            [target_id, *b["moved"]],
        ).fetchone()[0]
        if b["moved"]
        else 0
    )
    if still != len(b["moved"]):
        raise UndoStale(
            f"correction {change.id}: the stories were rebuilt since (signals reparse), so the "
            "citations it moved cannot be told apart; merge the outlets back by hand instead"
        )
    conn.execute(
        "INSERT INTO outlets (id, name, kind, country, reviewed) VALUES (?, ?, ?, ?, ?)",
        b["outlet"],
    )
    conn.executemany(
        "UPDATE signal_outlets SET outlet_id = ? WHERE rowid = ?",
        [(source_id, rowid) for rowid in b["moved"]],
    )
    conn.executemany(
        "INSERT INTO signal_outlets (rowid, signal_id, outlet_id, role, story_id, published, "
        "theme) VALUES (?, ?, ?, ?, ?, ?, ?)",
        b["dropped"],
    )
    rollups.refresh_outlets(conn, [source_id, target_id])
    for rowid, story_id, _outlet, position in b["insights"]:
        # The moved insight kept its rowid; a dropped one (the story listed both) comes back.
        conn.execute(
            "DELETE FROM story_insights WHERE rowid = ? AND outlet_id = ?", [rowid, target_id]
        )
        conn.execute(
            "INSERT INTO story_insights (rowid, story_id, outlet_id, position) VALUES (?, ?, ?, ?)",
            [rowid, story_id, source_id, position],
        )
    _restore_lists(conn, b["lists"])
    conn.executemany(
        "UPDATE outlet_aliases SET outlet_id = ? WHERE key = ?",
        [(source_id, key) for key in b["aliases"]],
    )
    if b["added_alias"]:
        conn.execute("DELETE FROM outlet_aliases WHERE key = ?", [b["added_alias"]])
    key = name_key(source_name)
    _put_curated_alias(conn, key, b["curated_alias"])
    _put_curated_outlet(conn, source_name, b["curated_outlet"])


def _undo_merge_by_reparsing(conn, change: Change) -> None:
    """Undo a merge whose citations were rebuilt since (``signals reparse``): restore the
    outlet and the curated facts, then parse again the documents of the stories that credit
    the target and contain one of the merged spellings."""
    from signals_data.ingest import parse_for_store
    from signals_data.models import DocumentInput
    from signals_data.parse import story_key
    from signals_data.store import Writer

    b = change.before
    (source_id, source_name, *_), target_id = b["outlet"], b["target"][0]
    taken = conn.execute("SELECT 1 FROM outlets WHERE id = ?", [source_id]).fetchone()
    conn.execute(
        "INSERT INTO outlets (id, name, kind, country, reviewed) VALUES (?, ?, ?, ?, ?)",
        [None if taken else source_id, *b["outlet"][1:]],
    )
    source_id = conn.execute("SELECT id FROM outlets WHERE name = ?", [source_name]).fetchone()[0]
    spellings = {source_name, *_spellings_of(conn, b["aliases"])}
    conn.executemany(
        "UPDATE outlet_aliases SET outlet_id = ? WHERE key = ?",
        [(source_id, key) for key in b["aliases"]],
    )
    if b["added_alias"]:
        conn.execute("DELETE FROM outlet_aliases WHERE key = ?", [b["added_alias"]])
    _put_curated_alias(conn, name_key(source_name), b["curated_alias"])
    _put_curated_outlet(conn, source_name, b["curated_outlet"])
    documents = conn.execute(
        "SELECT d.id, d.origin, d.format, d.content, d.options FROM documents d "
        "WHERE d.story_id IN (SELECT story_id FROM signal_outlets WHERE outlet_id = ? "
        "UNION SELECT story_id FROM story_insights WHERE outlet_id = ?) ORDER BY d.id",
        [target_id, target_id],
    ).fetchall()
    writer = Writer(sqlite_utils.Database(conn))
    for document_id, origin, fmt, content, options in documents:
        text = bytes(content or b"").decode("utf-8", "replace").lower()
        if not any(spelling.lower() in text for spelling in spellings):
            continue
        doc = DocumentInput(origin, content, fmt, None, json.loads(options) if options else None)
        story = parse_for_store(doc, writer.registry, writer.taxonomy).story
        if story is not None:
            writer.save_story(story, story_key(story), document_id)


def _spellings_of(conn, keys: list[str]) -> list[str]:
    marks = ",".join("?" * len(keys))
    return [
        r[0] for r in conn.execute(f"SELECT alias FROM outlet_aliases WHERE key IN ({marks})", keys)
    ]


def rename(
    db: sqlite_utils.Database,
    old: str,
    new: str,
    *,
    merge_into_existing: bool = False,
    who: str | None = None,
) -> int:
    """Give an outlet a new canonical name; the old one stays as an alias. A name another
    outlet has raises ``NameTaken`` unless ``merge_into_existing`` (then it is a merge)."""
    new = new.strip()
    if not new:
        raise CurationError("the new name is empty")
    with transaction(db.conn) as conn:
        outlet = _require(conn, old)
        other = find_outlet(conn, new)
        if other is not None and other.id != outlet.id:
            if not merge_into_existing:
                raise NameTaken(
                    f"{new!r} is already the outlet {other.name!r}; to fold {outlet.name!r} "
                    "into it, merge (signals outlets merge, or rename --merge)"
                )
            change_id = _merge(conn, old, new, who, "merge")
        else:
            if new == outlet.name:
                raise CurationError(f"{outlet.name!r} already has that name")
            change_id = _rename(conn, outlet, new, who)
    _finish(db)
    return change_id


def _rename(conn, outlet: Outlet, new: str, who) -> int:
    old_key, new_key = name_key(outlet.name), name_key(new)
    lists = _insight_lists(conn, outlet.id)
    before = {
        "names": [outlet.name, new],
        "outlet": outlet.row(),
        "lists": lists,
        "curated_old": _curated_outlet(conn, outlet.name),
        "curated_new": _curated_outlet(conn, new),
        "alias_old": _curated_alias(conn, old_key),
        "alias_new": _curated_alias(conn, new_key),
        "added_keys": [],
        "generation": _generation(conn),
    }
    conn.execute("UPDATE outlets SET name = ? WHERE id = ?", [new, outlet.id])
    for key, alias in ((old_key, outlet.name), (new_key, new)):
        if conn.execute(
            "INSERT OR IGNORE INTO outlet_aliases (key, alias, outlet_id) VALUES (?, ?, ?)",
            [key, alias, outlet.id],
        ).rowcount:
            before["added_keys"].append(key)
    _rename_in_lists(conn, lists, outlet.name, new)
    # The new name must not stay an alias of anything (renaming back and forth).
    _put_curated_alias(conn, new_key, None)
    if old_key != new_key:
        _put_curated_alias(conn, old_key, [old_key, outlet.name, new])
    facts = before["curated_old"] or [None, outlet.kind, outlet.country, outlet.reviewed, 0]
    _put_curated_outlet(conn, outlet.name, None)
    _put_curated_outlet(conn, new, [new, *facts[1:]])
    after = {"names": [outlet.name, new], "name": new}
    return _log(conn, who, "rename", outlet.name, before, after)


def _undo_rename(conn, change: Change) -> None:
    b = change.before
    outlet_id, old = b["outlet"][0], b["outlet"][1]
    new = change.after["name"]
    conn.execute("UPDATE outlets SET name = ? WHERE id = ?", [old, outlet_id])
    for key in b["added_keys"]:
        conn.execute("DELETE FROM outlet_aliases WHERE key = ?", [key])
    if b.get("generation", "0") == _generation(conn):
        _restore_lists(conn, b["lists"])
    else:  # the stories were rebuilt since: rename in their lists as they are now
        _rename_in_lists(conn, _insight_lists(conn, outlet_id), new, old)
    _put_curated_alias(conn, name_key(new), b["alias_new"])
    _put_curated_alias(conn, name_key(old), b["alias_old"])
    _put_curated_outlet(conn, new, b["curated_new"])
    _put_curated_outlet(conn, old, b["curated_old"])


def _set_facts(
    db: sqlite_utils.Database,
    name: str,
    action: str,
    who: str | None,
    *,
    kind: str | None = None,
    country: str | None = None,
    reviewed: bool | None = None,
    not_outlet: bool | None = None,
) -> int:
    if kind is not None and kind not in ALL_KINDS:
        raise BadKind(f"kind must be one of {', '.join(ALL_KINDS)}, not {kind!r}")
    with transaction(db.conn) as conn:
        outlet = _require(conn, name)
        curated = _curated_outlet(conn, outlet.name)
        base = curated or [outlet.name, outlet.kind, outlet.country, outlet.reviewed, 0]
        new = [
            outlet.name,
            kind if kind is not None else base[1],
            (country.strip() or None) if country is not None else base[2],
            int(reviewed) if reviewed is not None else base[3],
            int(not_outlet) if not_outlet is not None else base[4],
        ]
        conn.execute(
            "UPDATE outlets SET kind = ?, country = ?, reviewed = ? WHERE id = ?",
            [new[1], new[2], new[3], outlet.id],
        )
        _put_curated_outlet(conn, outlet.name, new)
        before = {"names": [outlet.name], "outlet": outlet.row(), "curated": curated}
        after = {
            "names": [outlet.name],
            "kind": new[1],
            "country": new[2],
            "reviewed": new[3],
            "not_outlet": new[4],
        }
        return _log(conn, who, action, outlet.name, before, after)


def _undo_facts(conn, change: Change) -> None:
    outlet_id, name, kind, country, reviewed = change.before["outlet"]
    conn.execute(
        "UPDATE outlets SET kind = ?, country = ?, reviewed = ? WHERE id = ?",
        [kind, country, reviewed, outlet_id],
    )
    _put_curated_outlet(conn, name, change.before["curated"])


def set_outlet(
    db: sqlite_utils.Database,
    name: str,
    *,
    kind: str | None = None,
    country: str | None = None,
    who: str | None = None,
) -> int:
    """Set an outlet's kind and/or country (an empty country clears it)."""
    if kind is None and country is None:
        raise CurationError("say what to set: a kind, a country or both")
    return _set_facts(db, name, "set", who, kind=kind, country=country)


def review(db: sqlite_utils.Database, name: str, *, who: str | None = None) -> int:
    """Mark an outlet as reviewed: the analyst has checked the name."""
    return _set_facts(db, name, "review", who, reviewed=True)


def not_outlet(
    db: sqlite_utils.Database, name: str, kind: str = "person", *, who: str | None = None
) -> int:
    """Keep a credited name as a named source of another kind (a person, an institution, a
    document, a court), reviewed; its citations stay."""
    if kind not in SOURCE_KINDS:
        raise BadKind(f"a source that is not an outlet is one of {', '.join(SOURCE_KINDS)}")
    return _set_facts(db, name, "not_outlet", who, kind=kind, reviewed=True, not_outlet=True)


def split(db: sqlite_utils.Database, alias: str, *, who: str | None = None) -> int:
    """Undo a wrong merge by naming the merged name: it becomes its own outlet again with the
    citations it had. Logged as a ``split`` (which can itself be undone)."""
    key = name_key(alias)
    for change in reversed(changes(db)):
        merged = name_key(change.after.get("alias", ""))
        if change.action == "merge" and change.undone_by is None and merged == key:
            return _undo(db, change.id, who, "split")
    raise UnknownOutlet(f"{alias!r} is not a merged name (no merge of it is in place)")


_UNDO = {
    "merge": _undo_merge,
    "rename": _undo_rename,
    "set": _undo_facts,
    "review": _undo_facts,
    "not_outlet": _undo_facts,
}


def undo(db: sqlite_utils.Database, change_id: int, *, who: str | None = None) -> int:
    """Restore exactly the state before correction ``change_id``; returns the undo's log id."""
    return _undo(db, change_id, who, "undo")


def _undo(db, change_id: int, who, action: str) -> int:
    with transaction(db.conn) as conn:
        change = _change(conn, change_id)
        if change.undone_by is not None:
            raise AlreadyUndone(
                f"correction {change_id} was undone already (by correction {change.undone_by})"
            )
        if change.action not in _UNDO:
            raise AlreadyUndone(
                f"correction {change_id} is an {change.action}; make the correction again instead"
            )
        _check_latest(conn, change)
        _UNDO[change.action](conn, change)
        names = change.before.get("names", [])
        undo_id = _log(
            conn,
            who,
            action,
            str(change_id),
            {"names": names, "change": change_id},
            {"names": names, "undid": change.action},
        )
        conn.execute("UPDATE curation_log SET undone_by = ? WHERE id = ?", [undo_id, change_id])
    _finish(db)
    return undo_id


def _check_latest(conn, change: Change) -> None:
    """Refuse to undo a change that a later active change touched (its undo would not be
    exact): the later ones are undone first, newest first."""
    touched = {name_key(n) for n in change.before.get("names", [])}
    for r in conn.execute(
        "SELECT id, action, before FROM curation_log WHERE id > ? AND undone_by IS NULL "
        "AND action NOT IN ('undo', 'split') ORDER BY id DESC",
        [change.id],
    ):
        names = {name_key(n) for n in json.loads(r[2] or "{}").get("names", [])}
        if names & touched:
            raise UndoBlocked(
                f"correction {r[0]} ({r[1]}) changed the same outlets later; undo it first"
            )


# --- the curated registry -----------------------------------------------------------------------


@dataclass
class CuratedRegistry(Registry):
    """The bundled registry with the curated facts applied; ``unreviewed`` holds the curated
    outlets the analyst has not marked reviewed (they are known names, not checked ones)."""

    unreviewed: set[str] = field(default_factory=set)

    def __hash__(self) -> int:  # built once per state of the curated tables, never mutated
        return id(self)


_CACHE: dict[tuple, Registry] = {}


def curated_rows(conn: sqlite3.Connection) -> tuple[tuple, tuple]:
    """The curated outlets and aliases, in a stable order (empty before the migration)."""
    try:
        outlets = tuple(conn.execute("SELECT * FROM curated_outlets ORDER BY name"))
        aliases = tuple(conn.execute("SELECT * FROM curated_aliases ORDER BY key"))
    except sqlite3.OperationalError:  # a database from before the curation tables
        return (), ()
    return outlets, aliases


def curated_registry(db: sqlite_utils.Database | sqlite3.Connection) -> Registry:
    """The bundled registry with the curated renames, merges, kinds and countries applied.
    Without curated facts it is the bundled registry itself."""
    conn = db.conn if isinstance(db, sqlite_utils.Database) else db
    base = load_registry()
    outlets, aliases = curated_rows(conn)
    if not outlets and not aliases:
        return base
    key = (id(base), outlets, aliases)
    if key not in _CACHE:
        if len(_CACHE) > 8:
            _CACHE.clear()
        _CACHE[key] = build_registry(base, outlets, aliases)
    return _CACHE[key]


def _resolve_chain(aliases: dict[str, tuple[str, str]], name: str) -> str:
    """Follow alias -> canonical links (merge then rename...) to the final name."""
    seen = set()
    while name_key(name) in aliases and name_key(name) not in seen:
        seen.add(name_key(name))
        name = aliases[name_key(name)][1]
    return name


def build_registry(base: Registry, outlets: tuple, aliases: tuple) -> CuratedRegistry:
    """Apply curated rows (see ``curated_rows``) to a registry, through its public API."""
    links = {key: (alias, canonical) for key, alias, canonical in aliases}
    infos: dict[str, OutletInfo] = dict(base.outlets)
    extra: dict[str, list[str]] = {}
    context: dict[str, list[str]] = {}
    for alias, _canonical in links.values():
        final = _resolve_chain(links, alias)
        extra.setdefault(final, []).append(alias)
        folded = infos.pop(alias, None) if alias != final else None
        if folded is not None:  # a registry outlet merged or renamed: its aliases follow it
            extra[final].extend((folded.name, *folded.aliases))
            context.setdefault(final, []).extend(folded.needs_context)
            infos.setdefault(final, OutletInfo(final, folded.kind, folded.country))
    facts = {row[0]: row for row in outlets}
    for name in facts:
        # A rename that only changes the spelling ("Financial Times" -> "The Financial Times")
        # has no alias row (both have one key): the registry outlet of that key folds into it.
        spelled = base.by_key.get(name_key(name))
        if spelled and spelled != name and spelled in infos and name not in infos:
            folded = infos.pop(spelled)
            extra.setdefault(name, []).extend((folded.name, *folded.aliases))
            context.setdefault(name, []).extend(folded.needs_context)
            infos[name] = OutletInfo(name, folded.kind, folded.country)
    for name, kind, country, _reviewed, _not_outlet in outlets:
        if name not in infos:
            infos[name] = OutletInfo(name, kind, country)
    for name in extra:
        infos.setdefault(name, OutletInfo(name, "unknown", None))
    registry = CuratedRegistry()
    for name, info in infos.items():
        kind, country = info.kind, info.country
        if name in facts:
            kind, country = facts[name][1], facts[name][2]
        registry.add(
            OutletInfo(
                name,
                kind,
                country,
                tuple(dict.fromkeys(a for a in (*info.aliases, *extra.get(name, ())) if a != name)),
                tuple(dict.fromkeys((*info.needs_context, *context.get(name, ())))),
            )
        )
    for key, (alias, _canonical) in links.items():
        registry.by_key[key] = _resolve_chain(links, alias)  # a curated alias wins
    registry.unreviewed = {
        name
        for name in registry.outlets
        if name not in base.outlets and not (facts.get(name) and facts[name][3])
    }
    return registry


# --- themes -------------------------------------------------------------------------------------


def _signal(conn, story_id: int, position: int) -> tuple[int, str]:
    row = conn.execute(
        "SELECT s.id, st.key FROM signals s JOIN stories st ON st.id = s.story_id "
        "WHERE s.story_id = ? AND s.position = ?",
        [story_id, position],
    ).fetchone()
    if row is None:
        raise UnknownSignal(f"story {story_id} has no signal at position {position}")
    return row


class UnknownSignal(CurationError):
    """No stored signal has this story and position."""


class UnknownTheme(CurationError):
    """A theme slug the taxonomy does not have."""


def _theme_rows(conn, signal_ids: list[int]) -> list[list]:
    """The stored theme rows of some signals, and their main theme on signals and citations."""
    marks = ",".join("?" * len(signal_ids))
    return [
        list(r)
        for r in conn.execute(
            "SELECT signal_id, theme, score, terms, rank, story_id, published, similarity "
            f"FROM signal_themes WHERE signal_id IN ({marks}) ORDER BY signal_id, rank",
            signal_ids,
        )
    ]


def _main_themes(conn, signal_ids: list[int]) -> list[list]:
    marks = ",".join("?" * len(signal_ids))
    return [
        list(r)
        for r in conn.execute(f"SELECT id, theme FROM signals WHERE id IN ({marks})", signal_ids)
    ]


def _write_themes(conn, signal_ids: list[int], rows: list[list], mains: list[list]) -> None:
    """Replace the theme rows of these signals, and copy each main theme onto the signal and its
    citations (the signals trigger marks the month for the rollups)."""
    marks = ",".join("?" * len(signal_ids))
    # Secondary themes feed the theme-pair rollups: mark the months even if no main theme moves.
    conn.execute(
        "INSERT OR IGNORE INTO rollup_dirty SELECT DISTINCT coalesce(substr(published, 1, 7), '') "
        f"FROM signals WHERE id IN ({marks})",
        signal_ids,
    )
    conn.execute(f"DELETE FROM signal_themes WHERE signal_id IN ({marks})", signal_ids)
    conn.executemany("INSERT INTO signal_themes VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    for signal_id, theme in mains:
        conn.execute("UPDATE signals SET theme = ? WHERE id = ?", [theme, signal_id])
        conn.execute("UPDATE signal_outlets SET theme = ? WHERE signal_id = ?", [theme, signal_id])


def _overridden(rows: list[list], signal_id: int, story_id: int, published, theme: str) -> list:
    """A signal's theme rows with ``theme`` made the main one (added with score 0 if absent),
    the others kept in their order behind it."""
    mine = [r for r in rows if r[0] == signal_id]
    chosen = next((r for r in mine if r[1] == theme), None)
    chosen = chosen or [signal_id, theme, 0.0, "[]", 0, story_id, published, None]
    ordered = [chosen, *[r for r in mine if r[1] != theme]]
    return [[*r[:4], rank, *r[5:]] for rank, r in enumerate(ordered, start=1)]


def _known_theme(conn, theme: str) -> None:
    if conn.execute("SELECT 1 FROM themes WHERE slug = ?", [theme]).fetchone() is None:
        slugs = [r[0] for r in conn.execute("SELECT slug FROM themes ORDER BY slug")]
        raise UnknownTheme(f"theme must be one of {', '.join(slugs)}, not {theme!r}")


def override_theme(
    db: sqlite_utils.Database, story_id: int, position: int, theme: str, *, who: str | None = None
) -> int:
    """Make ``theme`` the main theme of one signal, now and after every reparse."""
    with transaction(db.conn) as conn:
        change_id = _override_theme(conn, story_id, position, theme, who)
    _finish(db)
    return change_id


def _override_theme(conn, story_id: int, position: int, theme: str, who) -> int:
    _known_theme(conn, theme)
    signal_id, key = _signal(conn, story_id, position)
    rows, mains = _theme_rows(conn, [signal_id]), _main_themes(conn, [signal_id])
    published = conn.execute("SELECT published FROM signals WHERE id = ?", [signal_id]).fetchone()[
        0
    ]
    previous = conn.execute(
        "SELECT theme FROM curated_signal_themes WHERE story_key = ? AND position = ?",
        [key, position],
    ).fetchone()
    _write_themes(
        conn,
        [signal_id],
        _overridden(rows, signal_id, story_id, published, theme),
        [[signal_id, theme]],
    )
    conn.execute(
        "INSERT OR REPLACE INTO curated_signal_themes VALUES (?, ?, ?)", [key, position, theme]
    )
    target = f"story {story_id} signal {position}"
    before = {
        "names": [target],
        "signals": [signal_id],
        "rows": rows,
        "mains": mains,
        "key": key,
        "position": position,
        "curated": previous[0] if previous else None,
        "generation": _generation(conn),
    }
    return _log(conn, who, "theme", target, before, {"names": [target], "theme": theme})


def _undo_theme_rows(conn, change: Change) -> None:
    b = change.before
    # After a reparse the stored rows have new ids: score the stories again instead (exact up
    # to the parser's own changes since).
    fresh = b.get("generation", "0") == _generation(conn)
    if fresh and b["signals"]:
        _write_themes(conn, b["signals"], b["rows"], b["mains"])
    if "key" in b:
        conn.execute(
            "DELETE FROM curated_signal_themes WHERE story_key = ? AND position = ?",
            [b["key"], b["position"]],
        )
        if b["curated"]:
            conn.execute(
                "INSERT INTO curated_signal_themes VALUES (?, ?, ?)",
                [b["key"], b["position"], b["curated"]],
            )
    else:
        conn.execute(
            "DELETE FROM curated_theme_terms WHERE theme = ? AND term = ?",
            [change.after["theme"], change.after["term"]],
        )
    if not fresh:
        if "key" in b:
            stories = [
                r[0] for r in conn.execute("SELECT id FROM stories WHERE key = ?", [b["key"]])
            ]
        else:
            stories = _stories_containing(conn, change.after["term"])
        taxonomy = curated_taxonomy(conn)
        for story_id in stories:
            _rescore_story(conn, story_id, taxonomy)


def add_theme_term(
    db: sqlite_utils.Database, theme: str, term: str, *, who: str | None = None
) -> int:
    """Add a word or phrase to a theme's terms, and score again at once every stored story with
    a signal containing it (the story's other signals too: the story is their context)."""
    term = " ".join(term.split())
    if not term:
        raise CurationError("the term is empty")
    with transaction(db.conn) as conn:
        change_id = _add_theme_term(conn, theme, term, who)
    _finish(db)
    return change_id


def _add_theme_term(conn, theme: str, term: str, who) -> int:
    from signals_data.fts import index_backlog

    _known_theme(conn, theme)
    exists = conn.execute(
        "SELECT 1 FROM curated_theme_terms WHERE theme = ? AND term = ?", [theme, term]
    ).fetchone()
    if exists or term in next((t.terms for t in _base_taxonomy().themes if t.slug == theme), ()):
        raise CurationError(f"{term!r} is already a term of {theme}")
    index_backlog(conn)  # the full-text index finds the signals that contain the term
    conn.execute("INSERT INTO curated_theme_terms VALUES (?, ?)", [theme, term])
    taxonomy = curated_taxonomy(conn)
    story_ids = _stories_containing(conn, term)
    signal_ids = (
        [
            r[0]
            for r in conn.execute(
                f"SELECT id FROM signals WHERE story_id IN ({','.join('?' * len(story_ids))})",
                story_ids,
            )
        ]
        if story_ids
        else []
    )
    rows = _theme_rows(conn, signal_ids) if signal_ids else []
    mains = _main_themes(conn, signal_ids) if signal_ids else []
    for story_id in story_ids:
        _rescore_story(conn, story_id, taxonomy)
    before = {
        "names": [f"theme {theme}"],
        "signals": signal_ids,
        "rows": rows,
        "mains": mains,
        "generation": _generation(conn),
    }
    after = {
        "names": [f"theme {theme}"],
        "theme": theme,
        "term": term,
        "stories": len(story_ids),
    }
    return _log(conn, who, "theme_term", f"{theme}: {term}", before, after)


def _stories_containing(conn, term: str) -> list[int]:
    from signals_data.filters import fts_query

    expression = fts_query(f'"{term}"')
    if not expression:
        return []
    return [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT s.story_id FROM signals s WHERE s.id IN "
            "(SELECT rowid FROM signals_fts WHERE signals_fts MATCH ?) ORDER BY s.story_id",
            [expression],
        )
    ]


def _rescore_story(conn, story_id: int, taxonomy) -> None:
    """Score one stored story's signals again, as the parser does, keeping overrides."""
    from signals_data.store import theme_rows  # the store imports this module
    from signals_data.themes import score_story_themes

    title, news, key, published = conn.execute(
        "SELECT title, summary, key, published FROM stories WHERE id = ?", [story_id]
    ).fetchone()
    signals = conn.execute(
        "SELECT id, position, headline, body FROM signals WHERE story_id = ? ORDER BY position",
        [story_id],
    ).fetchall()
    exclude = [
        [
            r[0]
            for r in conn.execute(
                "SELECT o.name FROM signal_outlets so JOIN outlets o ON o.id = so.outlet_id "
                "WHERE so.signal_id = ?",
                [signal_id],
            )
        ]
        for signal_id, *_ in signals
    ]
    scored = score_story_themes(
        [(h, b) for _i, _p, h, b in signals], title, news or "", taxonomy, exclude
    )
    overrides = dict(
        conn.execute(
            "SELECT position, theme FROM curated_signal_themes WHERE story_key = ?", [key]
        ).fetchall()
    )
    for (signal_id, position, _h, _b), themes in zip(signals, scored, strict=True):
        rows = theme_rows(signal_id, themes, story_id, published)
        if position in overrides:
            rows = _overridden(rows, signal_id, story_id, published, overrides[position])
        _write_themes(conn, [signal_id], rows, [[signal_id, rows[0][1] if rows else None]])


def _base_taxonomy():
    from signals_data.themes import load_taxonomy

    return load_taxonomy()


_TAXONOMIES: dict[tuple, object] = {}


def curated_taxonomy(db: sqlite_utils.Database | sqlite3.Connection):
    """The taxonomy with the curated theme terms added (the bundled one when there are none)."""
    from signals_data.themes import TermIndex

    conn = db.conn if isinstance(db, sqlite_utils.Database) else db
    base = _base_taxonomy()
    try:
        terms = tuple(conn.execute("SELECT theme, term FROM curated_theme_terms ORDER BY 1, 2"))
    except sqlite3.OperationalError:  # a database from before the curation tables
        return base
    if not terms:
        return base
    key = (id(base), terms)
    if key not in _TAXONOMIES:
        added: dict[str, list[str]] = {}
        for theme, term in terms:
            added.setdefault(theme, []).append(term)
        themes = tuple(
            dataclasses.replace(t, terms=(*t.terms, *added.get(t.slug, ()))) for t in base.themes
        )
        _TAXONOMIES.clear()
        _TAXONOMIES[key] = dataclasses.replace(
            base, themes=themes, index=TermIndex(themes), cache={}
        )
    return _TAXONOMIES[key]


def theme_overrides(conn: sqlite3.Connection) -> dict[tuple[str, int], str]:
    """Every signal's curated main theme, by (story key, position)."""
    try:
        rows = conn.execute("SELECT story_key, position, theme FROM curated_signal_themes")
        return {(key, position): theme for key, position, theme in rows}
    except sqlite3.OperationalError:
        return {}


_UNDO["theme"] = _undo_theme_rows
_UNDO["theme_term"] = _undo_theme_rows
