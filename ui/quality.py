"""The Data quality page's loaders, sections and curation controls.

Every count comes from ``signals_data.quality`` (the same queries as ``signals quality`` and
``signals outlets list``); every correction goes through ``signals_data.curation`` (logged,
undoable) on a short-lived writing connection, then the dashboard's caches are cleared so every
page shows it at once.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from signals_data import curation, quality
from signals_data.cli_curate import log_row
from signals_data.errors import SignalsError
from signals_data.filters import Filters
from signals_data.ingest import reparse_failed
from ui.data import loader, open_for_writing, read_only
from ui.render import download_csv, esc

SAMPLE = 50  # rows shown per section (the CSV holds them all)
EXAMPLES = SAMPLE  # unreviewed outlets shown with example signals

summary = loader(quality.summary)
section_rows = loader(quality.section_rows)
outlet_rows = loader(quality.outlet_rows)
weak_theme_words = loader(quality.weak_theme_words)


def _changes(db) -> list[dict]:
    return [log_row(change) for change in curation.changes(db)]


changes = loader(_changes)
NOTES = {
    "unreviewed_outlets": "Names the registry does not know, most cited first, with the closest "
    "registry names (rapidfuzz score) and example signals.",
    "ambiguous_forms": "Short forms shared by several outlets that the story gave no context for.",
    "flagged_stories": "Stories flagged untitled, undated, dated from the Updated line or the "
    "copy, low confidence or truncated.",
    "no_source": "Signals that credit no outlet.",
    "weak_theme": "Signals whose main theme is other, or that no listed theme term matched.",
    "failed_documents": "Inputs kept as rejected or failed, with the reason (not filtered).",
}


def _with_story_links(rows: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The rows with a link to each story (``/stories?story=ID``) in front."""
    if "story_id" not in rows.columns:
        return rows, {}
    rows = rows.copy()
    rows.insert(0, "story", [f"/stories?story={int(i)}" for i in rows["story_id"]])
    config = {"story": st.column_config.LinkColumn("Story", display_text=r"story=(\d+)")}
    return rows, config


def show_section(section: str, f: Filters, count: int) -> None:
    """One kind of doubt: its count, a sample of its rows (linked to their stories), a CSV."""
    st.subheader(f"{quality.SECTION_TITLES[section]} ({count:,})")
    st.caption(NOTES[section])
    if not count:
        return
    if section == "unreviewed_outlets":
        rows = outlet_rows(f, unreviewed_only=True, examples=EXAMPLES)
    else:
        rows = section_rows(section, f)
    if section == "weak_theme":
        words = ", ".join(f"{w} ({n})" for w, n in weak_theme_words(f))
        st.caption(esc(f"Frequent words in them that no theme lists: {words or 'none'}."))
    sample, config = _with_story_links(rows.head(SAMPLE))
    st.dataframe(sample, hide_index=True, width="stretch", column_config=config)
    download_csv(f"Download all {count:,} (CSV)", rows, f"{section}.csv", key=f"csv_{section}")


def _apply(correction: Callable, *args, **kwargs) -> None:
    """Write one correction, then clear the caches so every page shows it."""
    db = open_for_writing()
    try:
        change_id = correction(db, *args, **kwargs)
        st.session_state["curation_notice"] = ("success", f"Correction {change_id} saved.")
    except SignalsError as exc:
        st.session_state["curation_notice"] = ("error", str(exc))
    finally:
        db.conn.close()
    st.cache_data.clear()


def show_notice() -> None:
    kind, text = st.session_state.pop("curation_notice", (None, None))
    if kind:
        getattr(st, kind)(esc(text))


def show_corrections(names: list[str]) -> None:
    """Merge, rename, set kind and country, review, not an outlet, split: one form."""
    if read_only():
        st.caption("This server is read-only: corrections cannot be made here.")
        return
    st.subheader("Correct an outlet")
    with st.form("correct_outlet"):
        name = st.selectbox("Outlet", names, index=None, placeholder="Choose an outlet…")
        action = st.segmented_control(
            "Correction",
            ["merge", "rename", "set", "review", "not an outlet", "split"],
            default="review",
            key="curation_action",
        )
        other = st.text_input("Merge into / new name / merged name to split off")
        kind = st.selectbox("Kind", ["", *curation.ALL_KINDS])
        country = st.text_input("Country")
        if st.form_submit_button("Apply", type="primary") and (name or action == "split"):
            _dispatch(action, name, other.strip(), kind or None, country.strip() or None)
            st.rerun()


def _dispatch(action, name: str, other: str, kind: str | None, country: str | None) -> None:
    if action == "merge":
        _apply(curation.merge, name, other)
    elif action == "rename":
        _apply(curation.rename, name, other)
    elif action == "set":
        _apply(curation.set_outlet, name, kind=kind, country=country)
    elif action == "split":
        _apply(curation.split, other or name)
    elif action == "not an outlet":
        _apply(curation.not_outlet, name, kind if kind in curation.SOURCE_KINDS else "person")
    else:
        _apply(curation.review, name)


def show_theme_corrections(themes: dict[str, str]) -> None:
    """Add a term to a theme, or choose one signal's main theme."""
    if read_only():
        return
    st.subheader("Correct a theme")
    with st.form("correct_theme"):
        theme = st.selectbox("Theme", list(themes), format_func=lambda s: themes.get(s, s))
        term = st.text_input("Add this term to it (a word or phrase)")
        cols = st.columns(2)
        story = cols[0].number_input("…or make it the main theme of story", min_value=1, step=1)
        position = cols[1].number_input("signal", min_value=1, step=1)
        if st.form_submit_button("Apply to the theme"):
            if term.strip():
                _apply(curation.add_theme_term, theme, term)
            else:
                _apply(curation.override_theme, int(story), int(position), theme)
            st.rerun()


def show_log() -> None:
    """Every correction, newest first, and undo by id."""
    rows = pd.DataFrame(changes())
    st.subheader(f"Corrections ({len(rows):,})")
    if rows.empty:
        st.caption("No correction yet.")
        return
    rows = rows.iloc[::-1].astype({"before": str, "after": str})
    st.dataframe(rows, hide_index=True, width="stretch")
    download_csv("Download the log (CSV)", rows, "corrections.csv", key="csv_log")
    if read_only():
        return
    open_ids = rows.loc[rows["undone_by"].isna() & (rows["action"] != "undo"), "id"].tolist()
    with st.form("undo_form"):
        change = st.selectbox("Undo correction", open_ids, index=None, placeholder="Choose…")
        if st.form_submit_button("Undo") and change is not None:
            _apply(curation.undo, int(change))
            st.rerun()


def show_reparse(count: int) -> None:
    """Parse the rejected and failed documents again (after a parser upgrade)."""
    if (
        count
        and not read_only()
        and st.button(f"Re-parse the {count:,} rejected and failed documents")
    ):
        db = open_for_writing()
        try:
            result = reparse_failed(db)
        finally:
            db.conn.close()
        st.cache_data.clear()
        st.session_state["curation_notice"] = ("success", result.describe())
        st.rerun()
