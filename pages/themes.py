"""Themes: how each theme's coverage moves over time, which themes travel together, and which
outlets carry each theme. Clicks drill down to the signals, kept in the URL (``?drill=...``)."""

import pandas as pd
import streamlit as st

from pages._shared import (
    chart_config,
    chart_selection,
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
        event = st.plotly_chart(
            fig,
            width="stretch",
            on_select="rerun",
            selection_mode="points",
            key="cooccurrence",
            config=chart_config("theme-cooccurrence"),
        )
        drill = chart_selection(event, "cooccurrence") or drill
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
            event = st.plotly_chart(
                fig,
                width="stretch",
                on_select="rerun",
                selection_mode="points",
                key="theme_outlets",
                config=chart_config("top-outlets-by-theme"),
            )
            drill = chart_selection(event, "theme_outlets") or drill
        st.download_button(
            "Download top outlets per theme (CSV)",
            tops.to_csv(index=False),
            "top-outlets-by-theme.csv",
            "text/csv",
        )

if drill:
    st.query_params["drill"] = drill
    kind, *parts = drill.split("|")
    if kind == "themes" and len(parts) == 2:
        heading = (
            f"Signals carrying both {names.get(parts[0], parts[0])} and "
            f"{names.get(parts[1], parts[1])}"
        )
        rows = run_query("signals_list", f, all_themes=tuple(parts))
    elif kind == "cell" and len(parts) == 2:
        heading = f"Signals citing {parts[0]} whose main theme is {names.get(parts[1], parts[1])}"
        rows = run_query(
            "signals_list", f, all_outlets=(parts[0],), theme=parts[1], main_theme=True
        )
    else:
        st.warning(f"The link's drill-down “{esc(drill)}” is not one this page understands.")
        st.stop()
    st.subheader(esc(heading))
    if rows.empty:
        st.info("No signal matches this selection with the current filters.")
    else:
        st.dataframe(rows, hide_index=True, width="stretch")
        st.download_button(
            "Download these signals (CSV)", rows.to_csv(index=False), "drill-down.csv", "text/csv"
        )
else:
    st.caption("Click a cell or a bar to list the signals behind it.")
