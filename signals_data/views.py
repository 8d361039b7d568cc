"""Saved views: a dashboard page with its filters and page parameters, kept under a name, with
an optional note, and opened by a short link ``/?v=SLUG``.

A view's ``path`` is written as in the browser (``/overlap?theme=trade&view=network``). Only
the dashboard's pages and the parameters each one reads are accepted: the same names the
sidebar (``FILTER_KEYS``) and the pages keep in their links. Values are not checked here: a
page ignores a value it does not know with a notice, as it does for any link, so a view whose
outlets were merged away still opens.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
import string
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from signals_data.errors import SignalsError
from signals_data.filters import Filters
from signals_data.shaping import filter_summary

NAME_LIMIT = 120
NOTE_LIMIT = 2000
PATH_LIMIT = 4000
SLUG_ALPHABET = string.ascii_lowercase + string.digits
SLUG_LENGTH = 8
SLUG_PATTERN = re.compile(r"[a-z0-9]{4,32}")
# The sidebar filters, kept in every page's link.
FILTER_KEYS = ("outlet", "theme", "start", "end", "q", "mentions")
COMPARE_KEYS = tuple(f"{side}_{key}" for side in ("a", "b") for key in FILTER_KEYS)
# Each page's path, title, and the parameters of its own that it keeps in its link.
PAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "/": ("Overview", ()),
    "/stories": ("Stories", ("story",)),
    "/outlets": ("Outlets", ()),
    "/overlap": ("Overlap", ("level", "measure", "top", "view", "drill")),
    "/themes": ("Themes", ("drill", "top_outlets")),
    "/compare": (
        "Compare",
        (*COMPARE_KEYS, "view", "drill", "period", "scale", "measure", "min"),
    ),
    "/search": ("Search", ()),
    "/ingest": ("Ingest", ()),
    "/quality": ("Data quality", ()),
    "/views": ("Saved views", ()),
}


class ViewError(SignalsError, ValueError):
    """A view that cannot be saved, found or deleted; the message says why."""


@dataclass(frozen=True)
class SavedView:
    slug: str
    name: str
    note: str
    path: str
    author: str | None
    created_at: str

    @property
    def short_link(self) -> str:
        return f"/?v={self.slug}"

    @property
    def page(self) -> str:
        return split_path(self.path)[0]

    @property
    def params(self) -> dict[str, list[str]]:
        return split_path(self.path)[1]


def split_path(path: str) -> tuple[str, dict[str, list[str]]]:
    """A path as in the browser, as its page path and its parameters (several values each)."""
    parts = urllib.parse.urlsplit(path.strip())
    page = "/" + parts.path.strip("/")
    params: dict[str, list[str]] = {}
    for key, value in urllib.parse.parse_qsl(parts.query):
        params.setdefault(key, []).append(value)
    return page, params


def check_path(path: str) -> str:
    """The path, normalised, if it names a dashboard page and only parameters that page reads;
    a full link copied from the browser is accepted and kept without its host."""
    if not isinstance(path, str) or not path.strip():
        raise ViewError("a view needs the path of a page, e.g. /overlap?theme=trade")
    if len(path) > PATH_LIMIT:
        raise ViewError(f"the path is longer than {PATH_LIMIT:,} characters")
    parts = urllib.parse.urlsplit(path.strip())
    if parts.scheme not in ("", "http", "https") or (not parts.netloc and parts.scheme):
        raise ViewError(f"not a page of the dashboard: {path!r}")
    page, params = split_path(path)
    if page not in PAGES:
        known = ", ".join(PAGES)
        raise ViewError(f"no page {page!r} in the dashboard (pages: {known})")
    allowed = set(FILTER_KEYS) | set(PAGES[page][1])
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise ViewError(f"the {PAGES[page][0]} page has no parameter {', '.join(unknown)}")
    query = urllib.parse.urlencode(params, doseq=True)
    return page + ("?" + query if query else "")


def check_name(name: str) -> str:
    text = " ".join((name or "").split())
    if not text:
        raise ViewError("a view needs a name")
    if len(text) > NAME_LIMIT:
        raise ViewError(f"a view's name is at most {NAME_LIMIT} characters, not {len(text)}")
    return text


def check_slug(slug: str) -> str:
    """The slug if it is well formed (short, lower-case letters and digits)."""
    text = (slug or "").strip()
    if not SLUG_PATTERN.fullmatch(text):
        raise ViewError(f"{text[:40]!r} is not a saved view's code (letters and digits)")
    return text


def _table_exists(db: sqlite_utils.Database) -> bool:
    # A read-only server never migrates: an older database simply has no saved views.
    return db["views"].exists()


def _row(row: tuple) -> SavedView:
    return SavedView(*row)


def save(
    db: sqlite_utils.Database,
    name: str,
    path: str,
    note: str = "",
    author: str | None = None,
) -> SavedView:
    """Save a view under a new short slug; bad input raises ``ViewError`` with nothing saved."""
    name, path = check_name(name), check_path(path)
    note = (note or "").strip()
    if len(note) > NOTE_LIMIT:
        raise ViewError(f"a note is at most {NOTE_LIMIT:,} characters")
    created = datetime.now(UTC).isoformat(timespec="seconds")
    for _attempt in range(10):
        slug = "".join(secrets.choice(SLUG_ALPHABET) for _ in range(SLUG_LENGTH))
        try:
            db.execute(
                "INSERT INTO views (slug, name, note, path, author, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [slug, name, note, path, author, created],
            )
        except sqlite3.IntegrityError:  # the slug is taken: draw another
            continue
        return SavedView(slug, name, note, path, author, created)
    raise ViewError("no free short code was found; try again")


def list_views(db: sqlite_utils.Database) -> list[SavedView]:
    """Every saved view, newest first."""
    if not _table_exists(db):
        return []
    rows = db.execute(
        "SELECT slug, name, note, path, author, created_at FROM views "
        "ORDER BY created_at DESC, rowid DESC"
    ).fetchall()
    return [_row(r) for r in rows]


def get(db: sqlite_utils.Database, slug: str) -> SavedView | None:
    """The view with this slug, or None; a malformed slug raises ``ViewError``."""
    slug = check_slug(slug)
    if not _table_exists(db):
        return None
    row = db.execute(
        "SELECT slug, name, note, path, author, created_at FROM views WHERE slug = ?", [slug]
    ).fetchone()
    return _row(row) if row else None


def delete(db: sqlite_utils.Database, slug: str) -> SavedView:
    """Delete a view and return it; an unknown or malformed slug raises ``ViewError``."""
    view = get(db, slug)
    if view is None:
        raise ViewError(f"there is no saved view {slug!r}")
    db.execute("DELETE FROM views WHERE slug = ?", [view.slug])
    return view


def filters_of(params: Mapping[str, list[str]]) -> Filters:
    """The sidebar filters a view's parameters hold."""

    def first(key: str) -> str | None:
        return next((v for v in params.get(key, []) if v), None)

    return Filters(
        outlets=tuple(v for v in params.get("outlet", []) if v),
        themes=tuple(v for v in params.get("theme", []) if v),
        start=first("start"),
        end=first("end"),
        q=(first("q") or "").strip(),
        mentions=first("mentions") in ("1", "true"),
    )


def describe(view: SavedView, theme_names: Mapping[str, str]) -> str:
    """The view in words: its page, its filters and its page parameters."""
    page, params = split_path(view.path)
    words = f"{PAGES.get(page, (page,))[0]}: {filter_summary(filters_of(params), theme_names)}"
    extra = [f"{k} {', '.join(v)}" for k, v in params.items() if k not in FILTER_KEYS]
    return words + ("; " + "; ".join(extra) if extra else "")
