"""Overlap: which outlets are cited together. Every chart element can be clicked to list the
signals behind it, and that drill-down is part of the URL (``?drill=...``)."""

import streamlit as st

from signals_data import overlap
from ui import data
from ui import overlap as show
from ui.drill import drill_in_url, show_drill
from ui.filters import current_filters, nothing_matches, summary, url_choice

f = current_filters()
names = data.theme_names()
st.title("Overlap")
st.caption(
    f"Which outlets are credited together, for {summary(f)}. "
    "Click any cell, line, circle or bar to list the signals behind it."
)

left, middle, right, last = st.columns([1.2, 2.2, 1.6, 1])
with left:
    level = url_choice(
        "level", list(overlap.LEVELS), "story", "Co-cited in the same", format_func=str.capitalize
    )
with middle:
    measure = url_choice(
        "measure", list(overlap.MEASURES), "count", "Measure", format_func=str.capitalize
    )
with right:
    top = url_choice("top", [10, 15, 20, 25, 30, 40], 20, "Top outlets", widget="select")
with last:
    st.segmented_control(
        "Chart download", ["png", "svg"], key="chart_format", default="png", format_func=str.upper
    )

views = data.overlap_views(f, level, measure, top)
if views["pairs"].empty:
    nothing_matches("No two outlets are credited together in the signals matching these filters.")

# One view at a time, named in the URL (?view=network): a shared link opens the same chart,
# and the browser draws one chart instead of four.
view = url_choice("view", list(show.VIEWS), "heatmap", "View", format_func=show.VIEWS.get)
if view == "heatmap":
    clicked = show.heatmap(views, level, measure)
elif view == "network":
    clicked = show.network(views, measure)
elif view == "intersections":
    clicked = show.intersections(views)
else:
    clicked = show.lift(f, top, names)

st.divider()
show_drill(drill_in_url(clicked), f, names, level=level, sets=views["all_sets"])
