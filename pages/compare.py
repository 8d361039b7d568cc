"""Compare: two selections of signals, A and B, side by side. Each side is a full filter set
kept in the URL (a_theme=trade&b_theme=diplomacy), so a comparison is a link; every bar, point
and row lists the signals behind it on its side, kept in the URL too (?drill=a|outlet|Reuters)."""

import streamlit as st

from ui import compare as show
from ui import data
from ui.filters import current_filters, url_choice

f = current_filters()
names = data.theme_names()
st.title("Compare")
st.caption(
    "Two selections side by side: which outlets and themes set them apart, and how their "
    "coverage moves. Each side has its own filters; the sidebar's are used by the presets only."
)

show.presets(f, names)
a, b = show.sides(names)
show.check(a, b)

# One part of the comparison at a time, named in the URL (?view=pairs): only it is computed
# and drawn, so the page opens as fast as the others and a link opens the same part.
view = url_choice("view", list(show.VIEWS), "outlets", "View", format_func=show.VIEWS.get)
show.unshown_choices(view)
choices = show.PART_CHOICES
if view == "outlets":
    clicked = show.outlets(a, b)
elif view == "themes":
    clicked = show.themes(a, b, names)
elif view == "coverage":
    period_col, scale_col, _ = st.columns([1, 1.4, 2])
    with period_col:
        period = url_choice("period", choices["coverage"]["period"], show.default_period(), "Per")
    with scale_col:
        scale = url_choice(
            "scale",
            choices["coverage"]["scale"],
            "count",
            "Show",
            format_func={"count": "Signals", "share": "Share of all signals"}.get,
        )
    clicked = show.coverage(a, b, period, scale == "share")
else:
    measure_col, least_col, _ = st.columns([1.2, 0.8, 2])
    with measure_col:
        measure = url_choice("measure", choices["pairs"]["measure"], "count", "Measure")
    with least_col:
        least = url_choice("min", choices["pairs"]["min"], 3, "Co-cited at least", widget="select")
    clicked = show.pairs(a, b, measure, least)

st.divider()
show.drill_down(clicked, a, b, names)
