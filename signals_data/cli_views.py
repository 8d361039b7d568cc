"""``signals views …``: saved views with short links, from the command line. Bad input is one
line on stderr and exit status 2, with nothing changed."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
from dataclasses import asdict
from pathlib import Path

import click
import sqlite_utils

from signals_data import views
from signals_data.cli_options import DB_OPTION
from signals_data.curation import current_user
from signals_data.store import default_db_path, open_db, open_readonly

COLUMNS = ["slug", "name", "note", "path", "author", "created_at", "short_link"]


def _fail(message: str):
    click.echo(f"signals: {message}", err=True)
    sys.exit(2)


def _open(db_path: str | None, write: bool) -> sqlite_utils.Database:
    path = db_path or default_db_path()
    if not Path(path).exists():
        _fail(f"no database at {path}")
    try:
        return open_db(path) if write else open_readonly(path)
    except (sqlite3.Error, OSError) as exc:
        _fail(f"cannot open the database {path} ({exc})")


def _rows(saved: list[views.SavedView]) -> list[dict]:
    return [{**asdict(v), "short_link": v.short_link} for v in saved]


@click.group("views")
def views_group() -> None:
    """Saved views: a page with its filters, opened by a short link /?v=SLUG."""


@views_group.command("list")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv")
@DB_OPTION
def list_command(fmt: str, db_path: str | None) -> None:
    """Every saved view, newest first."""
    db = _open(db_path, write=False)
    rows = _rows(views.list_views(db))
    db.conn.close()
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    click.echo(out.getvalue(), nl=False)


@views_group.command("add")
@click.argument("name")
@click.argument("path")
@click.option("--note", default="", help="A note shown beside the view.")
@DB_OPTION
def add_command(name: str, path: str, note: str, db_path: str | None) -> None:
    """Save PATH (as in the browser, e.g. /overlap?theme=trade&view=network) as NAME; prints
    its short link."""
    db = _open(db_path, write=True)
    try:
        view = views.save(db, name, path, note, author=current_user())
    except views.ViewError as exc:
        _fail(str(exc))
    finally:
        db.conn.close()
    click.echo(view.short_link)


@views_group.command("delete")
@click.argument("slug")
@DB_OPTION
def delete_command(slug: str, db_path: str | None) -> None:
    """Delete the saved view SLUG."""
    db = _open(db_path, write=True)
    try:
        view = views.delete(db, slug)
    except views.ViewError as exc:
        _fail(str(exc))
    finally:
        db.conn.close()
    click.echo(f"deleted {view.slug}: {view.name}")
