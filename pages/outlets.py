"""Outlets: a leaderboard, and with one outlet selected, its profile."""

import streamlit as st

from ui import data
from ui.filters import WIDGET, current_filters, nothing_matches, summary
from ui.outlet import leaderboard_columns, show_profile
from ui.render import download_csv

f = current_filters()
names = data.theme_names()


def pick_outlet() -> None:
    choice = st.session_state.get("outlet_pick")
    if choice:
        st.session_state[WIDGET["outlet"]] = [choice]


if len(f.outlets) == 1:
    show_profile(f.outlets[0], f, names)
    st.stop()

st.title("Outlets")
board = data.outlet_leaderboard(f)
if board.empty:
    nothing_matches("No outlet is cited by signals matching these filters.")
st.caption(
    f"{len(board):,} outlets cited by signals matching {summary(f)}. Choose one to see its profile."
)
st.selectbox(
    "Profile of",
    board["outlet"].tolist(),
    index=None,
    key="outlet_pick",
    on_change=pick_outlet,
    placeholder="Choose an outlet…",
)
config = leaderboard_columns(board, names)
st.dataframe(board, hide_index=True, width="stretch", column_config=config, height=560)
download_csv("Download CSV", board, "outlets.csv")
