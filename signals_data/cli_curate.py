"""``signals outlets …``, ``signals curate …`` and ``signals quality``: curating the data from the
command line, for scripts. Every correction goes through ``curation`` (logged, undoable); bad
input is one line on stderr and exit status 2, with nothing changed."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import click

from signals_data import curation, quality
from signals_data.cli_options import DB_OPTION
from signals_data.errors import SignalsError
from signals_data.store import default_db_path, open_db

FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
LOG_COLUMNS = ["id", "at", "who", "action", "target", "before", "after", "undone_by"]
REGISTRY_COLUMNS = ["name", "kind", "country", "aliases", "needs_context"]


def _fail(message: str):
    click.echo(f"signals: {message}", err=True)
    sys.exit(2)


def _open(db_path: str | None):
    path = db_path or default_db_path()
    if not Path(path).exists():
        _fail(f"no database at {path}")
    try:
        return open_db(path)
    except (sqlite3.Error, OSError) as exc:
        _fail(f"cannot open the database {path} for writing ({exc})")


def _correct(db_path: str | None, correction: Callable, *args, **kwargs) -> None:
    """Run one correction; a refused one is a one-line error (exit 2), nothing changed."""
    db = _open(db_path)
    try:
        change_id = correction(db, *args, who=curation.current_user(), **kwargs)
    except SignalsError as exc:
        _fail(str(exc))
    change = next(c for c in curation.changes(db) if c.id == change_id)
    click.echo(f"correction {change_id}: {change.action} {change.target}")


def _emit(rows: list[dict], columns: list[str], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    click.echo(out.getvalue(), nl=False)


@click.group("outlets")
def outlets() -> None:
    """List and correct outlets: merge, rename, set kind and country, review."""


@outlets.command("list")
@DB_OPTION
@click.option("--unreviewed", is_flag=True, help="Only outlets not reviewed yet.")
@FORMAT_OPTION
def list_command(db_path, unreviewed, fmt):
    """Cited outlets, most cited first, with the closest registry names for unreviewed ones."""
    db = _open(db_path)
    frame = quality.outlet_rows(db, unreviewed_only=unreviewed)
    frame["reviewed"] = frame["reviewed"].astype(bool)
    rows = json.loads(frame.to_json(orient="records", force_ascii=False))
    _emit(rows, list(frame.columns), fmt)


@outlets.command("merge")
@click.argument("name")
@click.argument("into")
@DB_OPTION
def merge_command(name, into, db_path):
    """Merge the outlet NAME into INTO: NAME becomes an alias, its citations move."""
    _correct(db_path, curation.merge, name, into)


@outlets.command("rename")
@click.argument("old")
@click.argument("new")
@click.option("--merge", "merge_", is_flag=True, help="If NEW is another outlet, merge into it.")
@DB_OPTION
def rename_command(old, new, merge_, db_path):
    """Rename an outlet (the old name stays as an alias)."""
    _correct(db_path, curation.rename, old, new, merge_into_existing=merge_)


@outlets.command("set")
@click.argument("name")
@click.option("--kind", type=click.Choice(curation.ALL_KINDS), help="The outlet's kind.")
@click.option("--country", help="Its country (empty to clear).")
@DB_OPTION
def set_command(name, kind, country, db_path):
    """Set an outlet's kind and/or country."""
    _correct(db_path, curation.set_outlet, name, kind=kind, country=country)


@outlets.command("review")
@click.argument("name")
@DB_OPTION
def review_command(name, db_path):
    """Mark an outlet as reviewed."""
    _correct(db_path, curation.review, name)


@outlets.command("not-outlet")
@click.argument("name")
@click.option("--kind", type=click.Choice(curation.SOURCE_KINDS), default="person")
@DB_OPTION
def not_outlet_command(name, kind, db_path):
    """Keep a credited name as a named source of another kind (person, document…)."""
    _correct(db_path, curation.not_outlet, name, kind)


@outlets.command("split")
@click.argument("name")
@DB_OPTION
def split_command(name, db_path):
    """Split a wrongly merged name back into its own outlet, with its citations."""
    _correct(db_path, curation.split, name)


@outlets.command("export-registry")
@DB_OPTION
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True)
def export_registry_command(db_path, output):
    """Write the curated registry in the bundled outlets.csv format."""
    registry = curation.curated_registry(_open(db_path))
    with open(output, "w", encoding="utf-8", newline="") as handle:
        count = write_registry(registry, handle)
    click.echo(f"wrote {count} outlets to {output}", err=True)


def write_registry(registry, handle) -> int:
    """The registry as CSV: name, kind, country, aliases and needs_context ("|"-separated)."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(REGISTRY_COLUMNS)
    for info in registry.outlets.values():
        writer.writerow(
            [
                info.name,
                info.kind,
                info.country or "",
                "|".join(info.aliases),
                "|".join(info.needs_context),
            ]
        )
    return len(registry.outlets)


@click.group("curate")
def curate() -> None:
    """The log of corrections, and undo."""


@curate.command("log")
@DB_OPTION
@FORMAT_OPTION
def log_command(db_path, fmt):
    """One row per correction: id, at, who, action, target, before, after, undone_by."""
    rows = [curation.log_row(c) for c in curation.changes(_open(db_path))]
    if fmt == "csv":  # before and after as JSON text in their cells
        for row in rows:
            row["before"] = json.dumps(row["before"], ensure_ascii=False)
            row["after"] = json.dumps(row["after"], ensure_ascii=False)
    _emit(rows, LOG_COLUMNS, fmt)


@curate.command("undo")
@click.argument("change_id", type=int)
@DB_OPTION
def undo_command(change_id, db_path):
    """Undo correction CHANGE_ID, restoring exactly the state before it."""
    _correct(db_path, curation.undo, change_id)


@curate.command("theme-term")
@click.argument("theme")
@click.argument("term")
@DB_OPTION
def theme_term_command(theme, term, db_path):
    """Add TERM (a word or phrase) to THEME; stored signals containing it are scored again."""
    _correct(db_path, curation.add_theme_term, theme, term)


@curate.command("theme")
@click.argument("story_id", type=int)
@click.argument("position", type=int)
@click.argument("theme")
@DB_OPTION
def theme_command(story_id, position, theme, db_path):
    """Make THEME the main theme of signal POSITION of story STORY_ID."""
    _correct(db_path, curation.override_theme, story_id, position, theme)


@click.command("quality")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def quality_command(db_path, fmt):
    """How many records each kind of doubt holds (the Data quality page's sections)."""
    counts = quality.summary(_open(db_path))
    if fmt == "json":
        click.echo(json.dumps(counts, indent=1))
        return
    for section, count in counts.items():
        click.echo(f"{quality.SECTION_TITLES[section]}: {count}")


COMMANDS = (outlets, curate, quality_command)
