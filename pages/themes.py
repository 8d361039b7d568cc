"""Themes: how each theme's coverage moves over time, which themes travel together, and which
outlets carry each theme. Clicks drill down to the signals, kept in the URL (``?drill=...``)."""

import streamlit as st

from signals_data import charts
from signals_data.shaping import theme_outlet_keys, theme_pair_grid
from ui import data
from ui.drill import chart_config, clickable_chart, drill_in_url, show_drill
from ui.filters import current_filters, nothing_matches, summary, url_choice
from ui.render import download_csv, esc

f = current_filters()
names = data.theme_names()
st.title("Themes")
st.caption(
    f"Themes of the signals matching {summary(f)}. A signal's main theme is the most likely "
    "one given its words, the theme's terms and examples, and hand-labelled signals; a "
    "story's page shows the words that matched and the similarity behind each theme."
)

trend = data.coverage_over_time(f, "theme")
if trend.empty:
    nothing_matches("No dated signals match these filters.")
st.plotly_chart(
    charts.trend_chart(trend, names, "Signals per month by main theme", "theme"),
    width="stretch",
    config=chart_config("theme-trends"),
)

clicked = None
left, right = st.columns(2)
with left:
    pairs = data.theme_cooccurrence(f)
    if pairs.empty:
        st.info("No signal carries two themes with these filters.")
    else:
        grid, keys = theme_pair_grid(pairs, names)
        title = "Themes carried by the same signal"
        fig = charts.matrix_chart(
            grid, title, "Signals", fmt=".0f", colorscale="Purples", keys=keys
        )
        clicked = clickable_chart(fig, "cooccurrence", "theme-cooccurrence")
with right:
    tops = data.top_outlets_by_theme(f, 5)
    if tops.empty:
        st.info("No outlet is cited with these filters.")
    else:
        theme = url_choice(
            "top_outlets",
            list(names),
            next(iter(names)),
            "Top outlets for",
            widget="select",
            format_func=names.get,
        )
        part = tops[tops["theme"] == theme]
        if part.empty:
            st.info(f"No signal has {esc(names[theme])} as its main theme here.")
        else:
            title = f"Most cited on {names[theme]}"
            keys = theme_outlet_keys(part, theme)
            fig = charts.bar_chart(
                part, "signals", "outlet", title, "Signals with this main theme", keys=keys
            )
            clicked = clickable_chart(fig, "theme_outlets", "top-outlets-by-theme") or clicked
        download_csv("Download top outlets per theme (CSV)", tops, "top-outlets-by-theme.csv")

show_drill(
    drill_in_url(clicked), f, names, hint="Click a cell or a bar to list the signals behind it."
)
