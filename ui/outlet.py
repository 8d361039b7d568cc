"""One outlet's profile (the Outlets page with one outlet filtered), and the leaderboard's
column settings."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from signals_data import charts
from signals_data.filters import Filters
from ui import corrections, data
from ui.filters import nothing_matches
from ui.render import esc


def leaderboard_columns(board: pd.DataFrame, names: dict[str, str]) -> dict:
    """Column settings of the leaderboard: one progress bar per theme share."""
    config = {
        "outlet": st.column_config.TextColumn("Outlet", width="medium"),
        "kind": "Kind",
        "country": "Country",
        "reviewed": st.column_config.CheckboxColumn("In registry", width="small"),
        "citations": st.column_config.NumberColumn("Signals", help="Signals citing the outlet"),
        "stories": "Stories",
        "first_seen": "First seen",
        "last_seen": "Last seen",
    }
    for column in [c for c in board.columns if c.startswith("share_")]:
        name = names.get(column.removeprefix("share_"), column.removeprefix("share_"))
        config[column] = st.column_config.ProgressColumn(
            name,
            format="percent",
            min_value=0.0,
            max_value=1.0,
            width="small",
            help=f"Share of the outlet's signals whose main theme is {esc(name)}",
        )
    return config


def show_facts(outlet: str, f: Filters) -> pd.Series:
    """Its headline figures, kind and country; returns its leaderboard row."""
    board = data.outlet_leaderboard(f)
    row = board[board["outlet"] == outlet]
    if row.empty:
        nothing_matches(f"No signals cite {esc(outlet)} with these filters.")
    info = row.iloc[0]
    cols = st.columns(4)
    cols[0].metric("Signals citing it", f"{int(info['citations']):,}", border=True)
    cols[1].metric("Stories", f"{int(info['stories']):,}", border=True)
    # Stored dates that are not dates come back as None: shown as unknown.
    cols[2].metric("First seen", info["first_seen"] or "—", border=True)
    cols[3].metric("Last seen", info["last_seen"] or "—", border=True)
    st.caption(
        f"{esc(info['kind'])}"
        # A missing country comes back as None or NaN: only text is shown.
        + (
            f" · {esc(info['country'])}"
            if isinstance(info["country"], str) and info["country"]
            else ""
        )
        + ("" if info["reviewed"] else " · not in the outlet registry yet (unreviewed)")
    )
    return info


def show_profile(outlet: str, f: Filters, names: dict[str, str]) -> None:
    """Its figures, citations per month, theme mix, who is cited beside it, its signals."""
    st.title(esc(outlet))
    corrections.show_notice()
    info = show_facts(outlet, f)
    corrections.profile_controls(outlet, info, data.outlet_names())
    timeline = data.outlet_timeline(f, outlet)
    if not timeline.empty:
        st.plotly_chart(charts.outlet_timeline_chart(timeline, outlet), width="stretch")
    left, right = st.columns(2)
    with left:
        mine = data.theme_mix_by_outlet(f, (outlet,))
        corpus = data.theme_mix(replace(f, outlets=()))
        st.plotly_chart(charts.theme_mix_chart(mine, corpus, outlet, names), width="stretch")
    with right:
        beside = data.cited_beside(f, outlet, 12)
        if beside.empty:
            st.info(f"No other outlet is credited in the stories that cite {esc(outlet)}.")
        else:
            title = f"Cited beside {outlet}"
            fig = charts.bar_chart(beside, "stories", "outlet", title, "Stories crediting both")
            st.plotly_chart(fig, width="stretch")
    st.subheader("Its signals")
    st.dataframe(
        data.signals_list(f, all_outlets=(outlet,), limit=300),
        hide_index=True,
        width="stretch",
        column_config={"story_id": st.column_config.NumberColumn("Story", width="small")},
    )
