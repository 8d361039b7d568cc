"""Themes: how each theme's coverage moves over time, which themes travel together, and which
outlets carry each theme. Clicks drill down to the signals, kept in the URL (``?drill=...``)."""

import pandas as pd
import streamlit as st

from pages._shared import (
    chart_config,
    clickable_chart,
    current_filters,
    drill_rows,
    empty_state,
    esc,
    filter_summary,
    quoted,
    run_query,
    show_drilled_signals,
    theme_names,
)
from signals_data import charts

f = current_filters()
names = theme_names()
st.title("Themes")
st.caption(
    f"Themes of the signals matching {esc(filter_summary(f))}. A signal's main theme is the one "
    "whose terms score highest; a story's page shows the terms that matched."
)

trend = run_query("overlap.coverage_over_time", f, "theme")
if trend.empty:
    empty_state("No dated signals match these filters.")
st.plotly_chart(
    charts.trend_chart(trend, names, "Signals per month by main theme", "theme"),
    width="stretch",
    config=chart_config("theme-trends"),
)

drill = st.query_params.get("drill")
left, right = st.columns(2)
with left:
    pairs = run_query("overlap.theme_cooccurrence", f)
    if pairs.empty:
        st.info("No signal carries two themes with these filters.")
    else:
        slugs = sorted(
            set(pairs["theme_a"]) | set(pairs["theme_b"]),
            key=lambda t: list(names).index(t) if t in names else 99,
        )
        grid = pd.DataFrame(float("nan"), index=slugs, columns=slugs)
        for row in pairs.itertuples(index=False):
            grid.loc[row.theme_a, row.theme_b] = grid.loc[row.theme_b, row.theme_a] = row.signals
        keys = [[f"themes|{a}|{b}" for b in slugs] for a in slugs]
        grid.index = grid.columns = [names.get(s, s) for s in slugs]
        fig = charts.matrix_chart(
            grid,
            "Themes carried by the same signal",
            "Signals",
            fmt=".0f",
            colorscale="Purples",
            keys=keys,
        )
        drill = clickable_chart(fig, "cooccurrence", "theme-cooccurrence") or drill
with right:
    tops = run_query("overlap.top_outlets_by_theme", f, 5)
    if tops.empty:
        st.info("No outlet is cited with these filters.")
    else:
        theme = st.selectbox(
            "Top outlets for", list(names), format_func=names.get, key="theme_pick"
        )
        part = tops[tops["theme"] == theme]
        if part.empty:
            st.info(f"No signal has {esc(names[theme])} as its main theme here.")
        else:
            fig = charts.bar_chart(
                part,
                "signals",
                "outlet",
                f"Most cited on {names[theme]}",
                "Signals with this main theme",
            )
            fig.update_traces(customdata=[f"cell|{o}|{theme}" for o in part["outlet"][::-1]])
            drill = clickable_chart(fig, "theme_outlets", "top-outlets-by-theme") or drill
        st.download_button(
            "Download top outlets per theme (CSV)",
            tops.to_csv(index=False),
            "top-outlets-by-theme.csv",
            "text/csv",
        )

if drill:
    st.query_params["drill"] = drill
    found = drill_rows(drill, f, names)
    if found is None:
        st.warning(
            f"The link's drill-down {quoted(drill)} is not one this page understands, or "
            "names an outlet or theme this database does not know."
        )
    else:
        show_drilled_signals(*found)
else:
    st.caption("Click a cell or a bar to list the signals behind it.")
