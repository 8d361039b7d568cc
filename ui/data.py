"""The database the dashboard reads, and one cached loader per query it runs.

Each loader has the signature of its query less the database (``data.kpis(f)`` runs
``queries.kpis(db, f)``), reads through a short-lived read-only connection, and is cached until
the database file changes. A search SQLite cannot run ends the page with a notice instead of a
traceback (``QueryError`` is only ever raised for the text search).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

import sqlite_utils
import streamlit as st

from signals_data import compare, overlap, queries
from signals_data.errors import QueryError
from signals_data.store import default_db_path, open_db, open_readonly
from ui.render import esc

P = ParamSpec("P")
R = TypeVar("R")


def db_path() -> str:
    return str(Path(default_db_path()).resolve())


def db_version(path: str) -> float:
    """Changes whenever the database changes: the WAL file takes writes before the main file."""
    stamps = [os.path.getmtime(p) for p in (path, path + "-wal") if os.path.exists(p)]
    return max(stamps, default=0.0)


def read_only() -> bool:
    """``SIGNALS_READ_ONLY=1``: no write control is shown and every connection is read-only."""
    return os.environ.get("SIGNALS_READ_ONLY", "").strip().lower() in ("1", "true", "yes")


def _require_sign_in() -> None:
    """With sign-in configured, no data is read or written for a visitor who has not signed
    in, whichever way the page was reached (see ``auth.stop_unless_signed_in``)."""
    from ui import auth  # auth reads this module's read_only(): imported here, not above

    auth.stop_unless_signed_in()


def open_for_writing() -> sqlite_utils.Database:
    """A connection for a page's write (an upload, a correction, a saved view). In read-only
    mode it is a read-only connection, so a write reached by any path fails in SQLite."""
    _require_sign_in()
    if read_only():
        return open_readonly(db_path())
    return open_db(db_path())


def ensure_database() -> str:
    """The database path; on first start with no database, build one from the bundled sample.
    In read-only mode nothing is built or migrated: a missing database ends the run with a
    message."""
    path = db_path()
    if read_only():
        if not Path(path).exists():
            st.error(
                f"Read-only mode: there is no database at {esc(path)}, and this server never "
                "creates one. Build it with `signals ingest` or `signals demo`, then reload."
            )
            st.stop()
        return path
    if not Path(path).exists():
        from signals_data.samples import ingest_samples

        with st.spinner("No database yet: loading the bundled sample story…"):
            db = open_db(path)
            ingest_samples(db)
            db.conn.close()
    _migrate_once(path)
    return path


@st.cache_resource(show_spinner="Updating the database schema…")
def _migrate_once(path: str) -> bool:
    """Bring a database made by an older version up to date, once per server process. The
    pages themselves only ever read."""
    try:
        open_db(path).conn.close()
    except Exception:  # a read-only file still gets shown, as far as its schema allows
        return False
    return True


# Every loader's query, by its qualified name: the one cache below serves them all (one budget
# of entries, as before), and its key names the query.
_QUERIES: dict[str, Callable] = {}


@st.cache_data(ttl=600, max_entries=512, show_spinner=False)
def _cached(name: str, path: str, version: float, *args, **kwargs):
    # One short-lived read-only connection per call: connections never cross script threads.
    db = open_readonly(path)
    try:
        return _QUERIES[name](db, *args, **kwargs)
    finally:
        db.conn.close()


def loader(query: Callable[Concatenate[sqlite_utils.Database, P], R]) -> Callable[P, R]:
    """A cached loader for ``query(db, ...)``, called without the database."""
    name = f"{query.__module__}.{query.__qualname__}"
    _QUERIES[name] = query

    @functools.wraps(query)
    def load(*args: P.args, **kwargs: P.kwargs) -> R:
        _require_sign_in()
        path = db_path()
        try:
            return _cached(name, path, db_version(path), *args, **kwargs)
        except QueryError as exc:
            # SQLite's message can quote the search text, which came from a link: escape it.
            st.warning(
                f"That search could not be run: {esc(str(exc))}. "
                "Try plain words, or quote a phrase."
            )
            st.stop()
            raise  # not reached: st.stop ends the script

    return load


# --- reference data (the sidebar) ---
outlet_options = loader(queries.outlet_options)
theme_options = loader(queries.theme_options)
date_bounds = loader(queries.date_bounds)
is_demo = loader(queries.is_demo)
# --- overview ---
kpis = loader(queries.kpis)
coverage_by_period = loader(queries.coverage_by_period)
top_outlets = loader(queries.top_outlets)
# --- stories ---
stories_table = loader(queries.stories_table)
story_count = loader(queries.story_count)
story_detail = loader(queries.story_detail)
related_stories = loader(queries.related_stories)
# --- outlets ---
outlet_leaderboard = loader(queries.outlet_leaderboard)
outlet_timeline = loader(queries.outlet_timeline)
theme_mix = loader(queries.theme_mix)
theme_mix_by_outlet = loader(queries.theme_mix_by_outlet)
cited_beside = loader(queries.cited_beside)
# --- themes ---
coverage_over_time = loader(queries.coverage_over_time)
theme_cooccurrence = loader(queries.theme_cooccurrence)
top_outlets_by_theme = loader(queries.top_outlets_by_theme)
# --- overlap ---
overlap_views = loader(overlap.overlap_views)
outlet_theme_lift = loader(overlap.outlet_theme_lift)
signals_in_stories = loader(overlap.signals_in_stories)
# --- compare ---
check_sides = loader(compare.check_sides)
side_summary = loader(compare.side_summary)
compare_outlets = loader(compare.compare_outlets)
compare_themes = loader(compare.compare_themes)
coverage_compared = loader(compare.coverage_compared)
pairs_compared = loader(compare.pairs_compared)
drill_signals = loader(compare.drill_signals)
# --- drill-downs and search ---
signals_list = loader(queries.signals_list)
search = loader(queries.search)


@st.cache_resource(show_spinner=False)
def _taxonomy():
    # The taxonomy the ingester uses (``SIGNALS_THEMES`` or the shipped one), loaded with its
    # embedding model and labelled signals once per server process (about half a second).
    from signals_data.themes import load_taxonomy

    return load_taxonomy()


@st.cache_data(max_entries=4096, show_spinner=False)
def _theme_reasons(headline: str, body: str, outlets: tuple[str, ...], slug: str):
    from signals_data import themes

    tax = _taxonomy()
    words = themes.telling_words(headline, body, slug, tax, exclude=outlets)
    return words, themes.closest_examples(headline, body, tax, exclude=outlets)


def theme_reasons(signal: dict) -> tuple[list[str], list[tuple[str, str, float]]]:
    """Why a signal's main theme was chosen, beyond its matched terms: the signal's words that
    the hand-labelled signals of that theme use most, and the closest labelled signals as
    (theme slug, headline, similarity)."""
    _require_sign_in()
    if not signal["themes"]:
        return [], []
    outlets = tuple(signal["credited"]) + tuple(signal["mentioned"])
    return _theme_reasons(signal["headline"], signal["body"], outlets, signal["themes"][0]["slug"])


def theme_names() -> dict[str, str]:
    """Theme slug to name, in the taxonomy's order."""
    frame = theme_options()
    return dict(zip(frame["slug"], frame["name"], strict=True))


def outlet_names() -> list[str]:
    """Every cited outlet, most cited first."""
    return outlet_options()["name"].tolist()
