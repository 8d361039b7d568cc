"""Overlap: which outlets are cited together. Every chart element can be clicked to list the
signals behind it, and that drill-down is part of the URL (``?drill=...``)."""

import streamlit as st

from pages._shared import (
    clickable_chart,
    current_filters,
    drill_rows,
    empty_state,
    esc,
    filter_summary,
    known_drill,
    quoted,
    run_query,
    show_drilled_signals,
    theme_names,
    url_choice,
)
from signals_data import charts, overlap

f = current_filters()
names = theme_names()
st.title("Overlap")
st.caption(
    f"Which outlets are credited together, for {esc(filter_summary(f))}. "
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

views = run_query("overlap.overlap_views", f, level, measure, top)
pairs = views["pairs"]
if pairs.empty:
    empty_state("No two outlets are credited together in the signals matching these filters.")

drill = st.query_params.get("drill")


def set_drill(value: str | None) -> None:
    global drill
    if value:
        st.query_params["drill"] = value
        drill = value


VIEWS = {
    "heatmap": "Co-citation heatmap",
    "network": "Network",
    "intersections": "Intersections",
    "lift": "Theme × outlet lift",
}
# One view at a time, named in the URL (?view=network): a shared link opens the same chart,
# and the browser draws one chart instead of four.
view = url_choice("view", list(VIEWS), "heatmap", "View", format_func=VIEWS.get)
if view == "heatmap":
    matrix = views["matrix"]
    keys = [[f"pair|{a}|{b}" for b in matrix.columns] for a in matrix.index]
    shown = matrix.where(matrix.index.to_numpy()[:, None] != matrix.columns.to_numpy()[None, :])
    fig = charts.matrix_chart(
        shown,
        f"Co-citation of the {len(matrix)} most cited outlets ({level} level), "
        "ordered so that outlets cited together sit together",
        charts.MEASURE_LABELS[measure],
        fmt=".0f" if measure == "count" else ".2f",
        keys=keys,
    )
    set_drill(clickable_chart(fig, "heatmap", "co-citation-heatmap"))
    st.download_button(
        f"Download the pairs among these {len(matrix)} outlets (CSV)",
        pairs.to_csv(index=False),
        f"co-citation-{level}.csv",
        "text/csv",
        help="Every pair of every outlet: `signals overlap --level story|signal` on the command "
        "line.",
    )
elif view == "network":
    color_by = (
        st.segmented_control(
            "Color circles by",
            ["kind", "community"],
            default="kind",
            key="color_by",
            format_func=str.capitalize,
        )
        or "kind"
    )
    nodes, edges = views["nodes"], views["edges"]
    fig = charts.network_chart(nodes, edges, views["positions"], measure, color_by)
    set_drill(clickable_chart(fig, "network", "co-citation-network"))
    a, b = st.columns(2)
    a.download_button(
        "Network as GraphML",
        overlap.network_file(nodes, edges, "graphml"),
        "co-citation.graphml",
        "application/xml",
    )
    b.download_button(
        "Network as GEXF",
        overlap.network_file(nodes, edges, "gexf"),
        "co-citation.gexf",
        "application/xml",
    )
elif view == "intersections":
    combos = views["sets"]
    if combos.empty:
        st.info("No combination of the top outlets is credited in two stories or more.")
    else:
        order = views["upset_outlets"]
        fig = charts.upset_chart(combos, order)
        clicked = clickable_chart(fig, "upset", "intersections")
        if clicked:
            index = int(clicked.split("|")[1])
            set_drill("set|" + "|".join(combos.iloc[index]["outlets"]))
        st.download_button(
            "Download intersections (CSV)",
            combos.assign(outlets=combos["outlets"].map(" + ".join))
            .drop(columns="story_ids")
            .to_csv(index=False),
            "intersections.csv",
            "text/csv",
        )
else:
    table = run_query("overlap.outlet_theme_lift", f, top)
    if table.empty:
        st.info("No themed signals match these filters.")
    else:
        grid = table.pivot(index="outlet", columns="theme", values="lift")
        order = table.groupby("outlet")["signals"].sum().sort_values(ascending=False).index
        grid = grid.loc[order]
        grid.columns = [names.get(c, c) for c in grid.columns]
        slugs = {names.get(c, c): c for c in table["theme"].unique()}
        keys = [[f"cell|{o}|{slugs[c]}" for c in grid.columns] for o in grid.index]
        fig = charts.matrix_chart(
            grid,
            "Theme × outlet: how much more often an outlet's signals carry a theme "
            "than all signals do (lift; 1 = as often)",
            "Lift",
            fmt=".2f",
            colorscale="RdBu_r",
            zmid=1.0,
            keys=keys,
        )
        set_drill(clickable_chart(fig, "lift", "theme-outlet-lift"))
        st.download_button(
            "Download lift table (CSV)",
            table.to_csv(index=False),
            "theme-outlet-lift.csv",
            "text/csv",
        )

st.divider()
if not drill:
    st.caption("Click a chart element above to list the signals behind it here.")
    st.stop()

kind, *parts = drill.split("|")
if kind == "set" and known_drill(drill, names):
    # Intersections are exact combinations: their stories come from the same computation.
    combos = views["all_sets"]
    match = combos[combos["outlets"].map(tuple) == tuple(parts)]
    ids = tuple(int(i) for i in match.iloc[0]["story_ids"]) if not match.empty else ()
    found = (
        f"Stories crediting exactly {' + '.join(parts)} (among the top outlets)",
        run_query("overlap.signals_in_stories", f, ids),
    )
else:
    found = drill_rows(drill, f, names, level)
if found is None:
    st.warning(
        f"The link's drill-down {quoted(drill)} is not one this page understands, or names "
        "an outlet or theme this database does not know."
    )
    st.stop()
show_drilled_signals(*found)
