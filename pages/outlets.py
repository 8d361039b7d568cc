"""Outlets: a leaderboard, and with one outlet selected, its profile."""

from dataclasses import replace

import streamlit as st

from pages._shared import (
    WIDGET,
    current_filters,
    empty_state,
    esc,
    filter_summary,
    run_query,
    theme_names,
)
from signals_data import charts

f = current_filters()
names = theme_names()


def pick_outlet() -> None:
    choice = st.session_state.get("outlet_pick")
    if choice:
        st.session_state[WIDGET["outlet"]] = [choice]


def profile(outlet: str) -> None:
    st.title(esc(outlet))
    board = run_query("outlet_leaderboard", f)
    row = board[board["outlet"] == outlet]
    if row.empty:
        empty_state(f"No signals cite {esc(outlet)} with these filters.")
    info = row.iloc[0]
    cols = st.columns(4)
    cols[0].metric("Signals citing it", f"{int(info['citations']):,}", border=True)
    cols[1].metric("Stories", f"{int(info['stories']):,}", border=True)
    # Stored dates that are not dates come back as None: shown as unknown.
    cols[2].metric("First seen", info["first_seen"] or "—", border=True)
    cols[3].metric("Last seen", info["last_seen"] or "—", border=True)
    st.caption(
        f"{esc(info['kind'])}"
        + (f" · {esc(info['country'])}" if info["country"] else "")
        + ("" if info["reviewed"] else " · not in the outlet registry yet (unreviewed)")
    )
    timeline = run_query("outlet_timeline", f, outlet)
    if not timeline.empty:
        st.plotly_chart(charts.outlet_timeline_chart(timeline, outlet), width="stretch")
    left, right = st.columns(2)
    with left:
        mine = run_query("theme_mix_by_outlet", f, (outlet,))
        corpus = run_query("theme_mix", replace(f, outlets=()))
        st.plotly_chart(charts.theme_mix_chart(mine, corpus, outlet, names), width="stretch")
    with right:
        beside = run_query("cited_beside", f, outlet, 12)
        if beside.empty:
            st.info(f"No other outlet is credited in the stories that cite {esc(outlet)}.")
        else:
            st.plotly_chart(
                charts.bar_chart(
                    beside, "stories", "outlet", f"Cited beside {outlet}", "Stories crediting both"
                ),
                width="stretch",
            )
    st.subheader("Its signals")
    signals = run_query("signals_list", f, all_outlets=(outlet,), limit=300)
    st.dataframe(
        signals,
        hide_index=True,
        width="stretch",
        column_config={"story_id": st.column_config.NumberColumn("Story", width="small")},
    )


if len(f.outlets) == 1:
    profile(f.outlets[0])
    st.stop()

st.title("Outlets")
board = run_query("outlet_leaderboard", f)
if board.empty:
    empty_state("No outlet is cited by signals matching these filters.")
st.caption(
    f"{len(board):,} outlets cited by signals matching {esc(filter_summary(f))}. "
    "Choose one to see its profile."
)
st.selectbox(
    "Profile of",
    board["outlet"].tolist(),
    index=None,
    key="outlet_pick",
    on_change=pick_outlet,
    placeholder="Choose an outlet…",
)
share_columns = [c for c in board.columns if c.startswith("share_")]
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
for column in share_columns:
    slug = column.removeprefix("share_")
    config[column] = st.column_config.ProgressColumn(
        names.get(slug, slug),
        format="percent",
        min_value=0.0,
        max_value=1.0,
        width="small",
        help=f"Share of the outlet's signals whose main theme is {esc(names.get(slug, slug))}",
    )
st.dataframe(board, hide_index=True, width="stretch", column_config=config, height=560)
st.download_button("Download CSV", board.to_csv(index=False), "outlets.csv", "text/csv")
