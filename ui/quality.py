"""The Data quality page's loaders and sections, and its corrections (from ``ui.corrections``,
the same controls as on an outlet's profile and a story).

Every count comes from ``signals_data.quality`` (the same queries as ``signals quality`` and
``signals outlets list``).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from signals_data import quality
from signals_data.filters import Filters
from signals_data.ingest import reparse_failed
from ui import auth, corrections
from ui.data import loader, open_for_writing
from ui.render import download_csv, esc

SAMPLE = 50  # rows shown per section (the CSV holds them all)
EXAMPLES = SAMPLE  # unreviewed outlets shown with example signals

summary = loader(quality.summary)
section_rows = loader(quality.section_rows)
outlet_rows = loader(quality.outlet_rows)
weak_theme_words = loader(quality.weak_theme_words)
# The page's corrections, as the page script calls them.
show_notice = corrections.show_notice
show_corrections = corrections.outlet_form
show_theme_corrections = corrections.theme_form
show_log = corrections.show_log
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


def show_reparse(count: int) -> None:
    """Parse the rejected and failed documents again (after a parser upgrade)."""
    if (
        count
        and auth.can_edit()
        and st.button(f"Re-parse the {count:,} rejected and failed documents")
    ):
        db = open_for_writing()
        try:
            result = reparse_failed(db)
        finally:
            db.conn.close()
        st.cache_data.clear()
        corrections.leave_notice("success", result.describe())
        st.rerun()
