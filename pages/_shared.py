"""Streamlit helpers the pages share: the database, cached queries, sidebar filters, URL state.

Pages stay thin: they read ``current_filters()``, call ``query(...)``, hand the DataFrames to
``signals_data.charts`` and render. Everything here is about Streamlit; the analysis itself lives
in ``signals_data``.
"""

from __future__ import annotations

import os
import sys
import time
import urllib.parse
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from signals_data import overlap, queries
from signals_data.errors import QueryError
from signals_data.queries import Filters
from signals_data.safe_text import markdown_text
from signals_data.store import default_db_path, open_db, open_readonly

# Streamlit treats a folder named pages/ beside the entrypoint as an old-style multipage app
# until st.navigation first runs in the process. A first visitor arriving on a deep link
# (/overlap) would then get the page script alone, without app.py. Switch that mode off as
# soon as any of our scripts is imported; ``require_entrypoint`` repairs the first run.
PagesManager.uses_pages_directory = False

FILTER_KEYS = ("outlet", "theme", "start", "end", "q", "mentions")
WIDGET = {key: f"filter_{key}" for key in FILTER_KEYS}
EARLIEST, LATEST = date(1990, 1, 1), date(2100, 12, 31)


# --- the database --------------------------------------------------------------------------


def db_path() -> str:
    return str(Path(default_db_path()).resolve())


def db_version(path: str) -> float:
    """Changes whenever the database changes: the WAL file takes writes before the main file."""
    stamps = [os.path.getmtime(p) for p in (path, path + "-wal") if os.path.exists(p)]
    return max(stamps, default=0.0)


def ensure_database() -> str:
    """The database path; on first start with no database, build one from the bundled sample."""
    path = db_path()
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


@st.cache_data(ttl=600, max_entries=512, show_spinner=False)
def _cached_query(name: str, path: str, version: float, *args, **kwargs):
    # One short-lived read-only connection per call: connections never cross script threads.
    module, _, function = name.rpartition(".")
    db = open_readonly(path)
    try:
        return getattr(overlap if module == "overlap" else queries, function)(db, *args, **kwargs)
    finally:
        db.conn.close()


def query(name: str, *args, **kwargs):
    """Run ``signals_data.queries.<name>(db, *args)`` (or ``overlap.<name>``), cached until the
    database changes."""
    path = db_path()
    return _cached_query(name, path, db_version(path), *args, **kwargs)


def theme_names() -> dict[str, str]:
    frame = query("theme_options")
    return dict(zip(frame["slug"], frame["name"], strict=True))


# --- filters and the URL -------------------------------------------------------------------


def _url_filters() -> dict[str, tuple[str, ...]]:
    params = st.query_params
    return {key: tuple(v for v in params.get_all(key) if v) for key in FILTER_KEYS}


def _valid_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _apply_url(outlets: list[str], themes: list[str]) -> None:
    """Copy filters from the URL into the widgets: on a session's first run, and whenever a
    link inside the app brought new filter values. A URL without filter parameters (as after
    switching pages) leaves the current filters alone."""
    state = st.session_state
    url = _url_filters()
    first_run = "_url_written" not in state
    if not first_run and (not any(url.values()) or url == state["_url_written"]):
        return
    problems = []
    known_outlets = set(outlets)
    bad = [o for o in url["outlet"] if o not in known_outlets]
    problems += [f"outlet {quoted(o)}" for o in bad]
    state[WIDGET["outlet"]] = [o for o in url["outlet"] if o in known_outlets]
    bad = [t for t in url["theme"] if t not in themes]
    problems += [f"theme {quoted(t)}" for t in bad]
    state[WIDGET["theme"]] = [t for t in url["theme"] if t in themes]
    for key in ("start", "end"):
        raw = url[key][0] if url[key] else None
        parsed = _valid_date(raw)
        if parsed and not EARLIEST <= parsed <= LATEST:
            parsed = None
        if raw and parsed is None:
            problems.append(f"{key} date {quoted(raw)}")
        state[WIDGET[key]] = parsed
    state[WIDGET["q"]] = url["q"][0] if url["q"] else ""
    state[WIDGET["mentions"]] = url["mentions"][:1] in (("1",), ("true",))
    state["_url_notice"] = problems
    state["_url_written"] = url


def _desired_url(f: Filters) -> dict[str, tuple[str, ...]]:
    return {
        "outlet": f.outlets,
        "theme": f.themes,
        "start": (f.start,) if f.start else (),
        "end": (f.end,) if f.end else (),
        "q": (f.q,) if f.q else (),
        "mentions": ("1",) if f.mentions else (),
    }


def _write_url(f: Filters) -> None:
    desired = _desired_url(f)
    for key, values in desired.items():
        current = tuple(st.query_params.get_all(key))
        if values and current != values:
            st.query_params[key] = list(values) if len(values) > 1 else values[0]
        elif not values and key in st.query_params:
            del st.query_params[key]
    st.session_state["_url_written"] = desired


def filter_params(f: Filters | None = None) -> dict[str, list[str] | str]:
    """The URL query parameters of a filter set, for links to other pages."""
    desired = _desired_url(f or current_filters())
    return {k: list(v) if len(v) > 1 else v[0] for k, v in desired.items() if v}


def _reset_filters() -> None:
    for key in FILTER_KEYS:
        st.session_state[WIDGET[key]] = (
            []
            if key in ("outlet", "theme")
            else ""
            if key == "q"
            else False
            if key == "mentions"
            else None
        )


def sidebar_filters() -> Filters:
    """Render the shared filters in the sidebar, kept in step with the URL; return them."""
    options = query("outlet_options")
    outlet_names = options["name"].tolist()
    counts = dict(zip(options["name"], options["citations"], strict=True))
    names = theme_names()
    _apply_url(outlet_names, list(names))
    lo, hi = query("date_bounds")

    side = st.sidebar
    side.markdown("### Filters")
    outlets = side.multiselect(
        "Outlets",
        outlet_names,
        key=WIDGET["outlet"],
        format_func=lambda n: f"{n} ({counts.get(n, 0)})",
        placeholder="All outlets",
        help="Signals citing any of these outlets. The number is how many signals credit it.",
    )
    themes = side.multiselect(
        "Themes",
        list(names),
        key=WIDGET["theme"],
        format_func=lambda s: names.get(s, s),
        placeholder="All themes",
    )
    left, right = side.columns(2)
    # Wide bounds: a date typed into a link must never make the widget raise.
    start = left.date_input(
        "From", key=WIDGET["start"], min_value=EARLIEST, max_value=LATEST, format="YYYY-MM-DD"
    )
    end = right.date_input(
        "To", key=WIDGET["end"], min_value=EARLIEST, max_value=LATEST, format="YYYY-MM-DD"
    )
    text = side.text_input("Text", key=WIDGET["q"], placeholder="Words in headlines or text")
    mentions = side.toggle(
        "Include mentions",
        key=WIDGET["mentions"],
        help="Off: only sources credited on a Source line. On: also outlets named in the prose.",
    )
    if start and end and start > end:
        side.error("“From” is after “To”: no date can match. Swap them.")
    filters = Filters(
        outlets=tuple(outlets),
        themes=tuple(themes),
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
        q=(text or "").strip(),
        mentions=bool(mentions),
    )
    _write_url(filters)
    notice = st.session_state.get("_url_notice")
    if notice:
        # Each value in the notice was escaped by ``quoted`` when the link was read.
        side.warning("Ignored from the link (not in this database): " + ", ".join(notice))
    left, right = side.columns(2)
    left.button("Reset filters", on_click=_reset_filters, width="stretch")
    with right.popover("Copy link", width="stretch"):
        st.caption("This view, for a colleague:")
        st.code(share_url(filters), language=None, wrap_lines=True)
    if lo and hi:
        side.caption(esc(f"Data from {lo} to {hi}."))
    st.session_state["filters"] = filters
    return filters


def share_url(f: Filters, extra: dict | None = None) -> str:
    base = (st.context.url or "").split("?")[0]
    params = {**filter_params(f), **(extra or {})}
    for key in ("story", "drill", "level", "measure", "top"):
        if key in st.query_params and key not in params:
            params[key] = st.query_params[key]
    return base + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")


def current_filters() -> Filters:
    """The sidebar's filters, set by app.py earlier in this same run."""
    filters = st.session_state.get("filters")
    if filters is None:
        # This page ran without app.py (see the note on PagesManager above): run again, now
        # through the entrypoint, which renders the sidebar and navigation first.
        st.rerun()
    return filters


# --- rendering helpers ---------------------------------------------------------------------
# Streamlit reads Markdown in st.markdown, captions, notices, titles, page-link and widget
# labels, help texts and progress texts. Every value from the database or from a link goes
# through ``esc`` (or ``quoted``) before it is placed in such text: one rule, from safe_text.


def esc(text) -> str:
    """Page text made safe for Markdown: every Markdown or HTML character is escaped, so a
    headline with <script>, ![x](…) or [a](javascript:…) shows as the characters it is."""
    return markdown_text(text)


def quoted(value, limit: int = 120) -> str:
    """A value from a link, escaped, on one line, shortened and in quotes, for a notice."""
    text = str(value)
    text = text if len(text) <= limit else text[:limit] + "…"
    return f"“{markdown_text(text, inline=True)}”"


def run_query(name: str, *args, **kwargs):
    """``query`` that turns a bad search into a friendly message instead of a traceback."""
    try:
        return query(name, *args, **kwargs)
    except QueryError as exc:
        # SQLite's message can quote the search text, which came from a link: escape it.
        st.warning(
            f"That search could not be run: {esc(str(exc))}. Try plain words, or quote a phrase."
        )
        st.stop()


def empty_state(message: str) -> None:
    st.info(message, icon="🔎")
    st.button("Reset filters", on_click=_reset_filters, key="reset_empty")
    st.stop()


def filter_summary(f: Filters) -> str:
    names = theme_names()
    parts = []
    if f.outlets:
        parts.append("outlets: " + ", ".join(f.outlets))
    if f.themes:
        parts.append("themes: " + ", ".join(names.get(t, t) for t in f.themes))
    if f.start or f.end:
        parts.append(f"dates: {f.start or '…'} to {f.end or '…'}")
    if f.q:
        parts.append(f"text: “{f.q}”")
    if f.mentions:
        parts.append("including mentions")
    return "; ".join(parts) if parts else "all signals"


def url_choice(
    key: str,
    options: list,
    default,
    label: str,
    widget: str = "segmented",
    format_func=str,
    **kwargs,
):
    """A page-level choice kept in the URL as ``?key=value`` (not a sidebar filter)."""
    state_key = f"page_{key}"
    if state_key not in st.session_state:
        raw = st.query_params.get(key)
        try:
            value = type(default)(raw) if raw is not None else default
        except (ValueError, OverflowError):
            value = None
        if value not in options:
            if raw is not None:
                st.warning(f"Ignored from the link: {key} {quoted(raw)}.")
            value = default
        st.session_state[state_key] = value
    if widget == "segmented":
        value = (
            st.segmented_control(label, options, key=state_key, format_func=format_func, **kwargs)
            or default
        )
    else:
        value = st.selectbox(label, options, key=state_key, format_func=format_func, **kwargs)
    if value == default:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = str(value)
    return value


def chart_selection(event, chart_key: str) -> str | None:
    """The customdata of a newly clicked point of a chart, or None if nothing new was clicked."""
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    custom = next((p.get("customdata") for p in points if p.get("customdata")), None)
    if isinstance(custom, list):
        custom = custom[0] if custom else None
    seen_key = f"_clicked_{chart_key}"
    if custom and st.session_state.get(seen_key) != custom:
        st.session_state[seen_key] = custom
        return str(custom)
    return None


def chart_config(name: str) -> dict:
    """Plotly's toolbar, with its download button in the format chosen on the page."""
    fmt = st.session_state.get("chart_format", "png")
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": fmt, "filename": name, "scale": 2},
    }


@contextmanager
def report_run_time():
    """With SIGNALS_TIMING=1, print how long each page's script took (for benchmarks)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        if os.environ.get("SIGNALS_TIMING"):
            elapsed = time.perf_counter() - start
            print(f"page run {st.context.url} {elapsed:.3f}s", file=sys.stderr, flush=True)


def clickable_chart(fig, key: str, filename: str) -> str | None:
    """Draw a Plotly figure whose points can be clicked; return what a new click selected."""
    event = st.plotly_chart(
        fig,
        width="stretch",
        on_select="rerun",
        selection_mode="points",
        key=key,
        config=chart_config(filename),
    )
    return chart_selection(event, key)


def known_drill(drill: str, names: dict[str, str]) -> bool:
    """Whether every outlet and theme a ``drill`` value names is in this database (a link can
    carry anything; an unknown name gets a notice rather than an empty list)."""
    kind, *parts = drill.split("|")
    outlets = set(query("outlet_options")["name"])
    shapes = {
        "pair": (outlets, outlets),
        "outlet": (outlets,),
        "set": (outlets,) * len(parts),
        "cell": (outlets, names),
        "themes": (names, names),
    }
    shape = shapes.get(kind)
    return (
        bool(parts)
        and shape is not None
        and len(shape) == len(parts)
        and all(part in known for part, known in zip(parts, shape, strict=True))
    )


def drill_rows(drill: str, f: Filters, names: dict[str, str], level: str = "story"):
    """The heading and signals behind a ``drill`` value shared by the Overlap and Themes pages
    (``pair|A|B``, ``outlet|A``, ``cell|OUTLET|THEME``, ``themes|T1|T2``); None if unknown."""
    if not known_drill(drill, names):
        return None
    kind, *parts = drill.split("|")
    if kind == "pair" and len(parts) == 2:
        return (
            f"Signals where {parts[0]} and {parts[1]} are co-cited ({level} level)",
            run_query("signals_list", f, all_outlets=tuple(parts), same_story=level == "story"),
        )
    if kind == "outlet" and len(parts) == 1:
        return f"Signals citing {parts[0]}", run_query("signals_list", f, all_outlets=(parts[0],))
    if kind == "cell" and len(parts) == 2:
        return (
            f"Signals citing {parts[0]} whose main theme is {names.get(parts[1], parts[1])}",
            run_query("signals_list", f, all_outlets=(parts[0],), theme=parts[1], main_theme=True),
        )
    if kind == "themes" and len(parts) == 2:
        both = " and ".join(names.get(p, p) for p in parts)
        return f"Signals carrying both {both}", run_query(
            "signals_list", f, all_themes=tuple(parts)
        )
    return None


def show_drilled_signals(heading: str, rows) -> None:
    """The signals behind a clicked chart element; selecting one opens its story."""
    st.subheader(esc(heading))
    if rows.empty:
        st.info("No signal matches this selection with the current filters.")
        return
    st.caption(
        f"{len(rows)} signals"
        + (" (the first 200)" if len(rows) >= 200 else "")
        + ". Select a row to open its story."
    )
    picked = st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="drill_rows",
        column_config={
            "story_id": st.column_config.NumberColumn("Story", width="small"),
            "title": st.column_config.TextColumn("Story title", width="large"),
            "headline": st.column_config.TextColumn("Signal", width="large"),
        },
    )
    st.download_button(
        "Download these signals (CSV)", rows.to_csv(index=False), "drill-down.csv", "text/csv"
    )
    if picked.selection.rows:
        story_id = int(rows.iloc[picked.selection.rows[0]]["story_id"])
        st.switch_page("pages/stories.py", query_params={"story": str(story_id)})
