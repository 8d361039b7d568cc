"""Overlap: which outlets are cited together. Every chart element can be clicked to list the
signals behind it, and that drill-down is part of the URL (``?drill=...``)."""

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
    event = st.plotly_chart(
        fig,
        width="stretch",
        on_select="rerun",
        selection_mode="points",
        key="heatmap",
        config=chart_config("co-citation-heatmap"),
    )
    set_drill(chart_selection(event, "heatmap"))
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
    positions = overlap.network_layout(nodes, edges)
    fig = charts.network_chart(nodes, edges, positions, measure, color_by)
    event = st.plotly_chart(
        fig,
        width="stretch",
        on_select="rerun",
        selection_mode="points",
        key="network",
        config=chart_config("co-citation-network"),
    )
    set_drill(chart_selection(event, "network"))
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
        event = st.plotly_chart(
            fig,
            width="stretch",
            on_select="rerun",
            selection_mode="points",
            key="upset",
            config=chart_config("intersections"),
        )
        clicked = chart_selection(event, "upset")
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
        event = st.plotly_chart(
            fig,
            width="stretch",
            on_select="rerun",
            selection_mode="points",
            key="lift",
            config=chart_config("theme-outlet-lift"),
        )
        set_drill(chart_selection(event, "lift"))
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
same_story = level == "story"
if kind == "pair" and len(parts) == 2:
    heading = f"Signals where {parts[0]} and {parts[1]} are co-cited ({level} level)"
    rows = run_query("signals_list", f, all_outlets=tuple(parts), same_story=same_story)
elif kind == "outlet" and len(parts) == 1:
    heading = f"Signals citing {parts[0]}"
    rows = run_query("signals_list", f, all_outlets=tuple(parts))
elif kind == "set" and parts:
    heading = f"Stories crediting exactly {' + '.join(parts)} (among the top outlets)"
    combos = views["all_sets"]
    match = combos[combos["outlets"].map(tuple) == tuple(parts)]
    ids = tuple(int(i) for i in match.iloc[0]["story_ids"]) if not match.empty else ()
    rows = run_query("overlap.signals_in_stories", f, ids)
elif kind == "cell" and len(parts) == 2:
    heading = f"Signals citing {parts[0]} whose main theme is {names.get(parts[1], parts[1])}"
    rows = run_query("signals_list", f, all_outlets=(parts[0],), theme=parts[1], main_theme=True)
else:
    st.warning(f"The link's drill-down “{esc(drill)}” is not one this page understands.")
    st.stop()

st.subheader(esc(heading))
if rows.empty:
    st.info("No signal matches this selection with the current filters.")
else:
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
