"""Clickable charts and the signals listed below them.

A click on a chart element hands back its customdata, a ``Drill`` key (see
``signals_data.drill``); the page keeps it in the URL (``?drill=``) so the drill-down is a link
too, and ``show_drill`` lists the signals behind it.
"""

from __future__ import annotations

import urllib.parse

import pandas as pd
import streamlit as st

from signals_data.drill import Drill
from signals_data.filters import Filters
from signals_data.shaping import set_story_ids
from ui import data
from ui.filters import show_copy_link
from ui.render import esc, quoted


def chart_config(name: str) -> dict:
    """Plotly's toolbar, with its download button in the format chosen on the page."""
    fmt = st.session_state.get("chart_format", "png")
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": fmt, "filename": name, "scale": 2},
    }


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


DRILLS = "_drills"  # each page's last drill-down in this session, by page path


def _page_path() -> str:
    return urllib.parse.urlsplit(st.context.url or "").path


def drill_in_url(clicked: str | None = None) -> str | None:
    """The drill-down in force: a new click (written to the URL), else the URL's, else the one
    this page showed when the session last left it (the sidebar's links carry no page
    parameters; the page's bound choices come back by themselves, its drill-down is put back
    here)."""
    remembered = st.session_state.setdefault(DRILLS, {})
    page = _page_path()
    raw = clicked or st.query_params.get("drill") or remembered.get(page)
    if raw and st.query_params.get("drill") != raw:
        st.query_params["drill"] = raw
        show_copy_link()
    if raw:
        remembered[page] = raw
    return raw


def show_drill(
    raw: str | None,
    f: Filters,
    theme_names: dict[str, str],
    *,
    level: str = "story",
    sets: pd.DataFrame | None = None,
    hint: str = "Click a chart element above to list the signals behind it here.",
) -> None:
    """Below the charts: the signals behind a drill-down, or a notice if a link's value is not
    one this page understands (``set`` drill-downs need the page's ``sets``)."""
    if not raw:
        st.caption(hint)
        return
    drill = Drill.decode(raw)
    known = drill is not None and drill.known(data.outlet_names(), theme_names)
    query = drill.signal_filter(level) if known else None
    if known and drill.kind == "set" and sets is not None:
        # Intersections are exact combinations: their stories come from the same computation.
        rows = data.signals_in_stories(f, set_story_ids(sets, drill.parts))
    elif query is not None:
        rows = data.signals_list(f, **query)
    else:
        st.warning(
            f"The link's drill-down {quoted(raw)} is not one this page understands, or names "
            "an outlet or theme this database does not know."
        )
        return
    show_signals(drill.heading(theme_names, level), rows)


def show_signals(heading: str, rows: pd.DataFrame) -> None:
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
