"""The Overlap page's four views; each draws its chart and downloads and returns the drill-down
key of a new click (or None)."""

from __future__ import annotations

import streamlit as st

from signals_data import charts, overlap
from signals_data.filters import Filters
from signals_data.shaping import co_citation_grid, intersections_table, lift_grid
from ui import data
from ui.drill import clickable_chart
from ui.render import download_csv

VIEWS = {
    "heatmap": "Co-citation heatmap",
    "network": "Network",
    "intersections": "Intersections",
    "lift": "Theme × outlet lift",
}


def heatmap(views: dict, level: str, measure: str) -> str | None:
    grid, keys = co_citation_grid(views["matrix"])
    fig = charts.matrix_chart(
        grid,
        f"Co-citation of the {len(grid)} most cited outlets ({level} level), "
        "ordered so that outlets cited together sit together",
        charts.MEASURE_LABELS[measure],
        fmt=".0f" if measure == "count" else ".2f",
        keys=keys,
    )
    clicked = clickable_chart(fig, "heatmap", "co-citation-heatmap")
    download_csv(
        f"Download the pairs among these {len(grid)} outlets (CSV)",
        views["pairs"],
        f"co-citation-{level}.csv",
        help="Every pair of every outlet: `signals overlap --level story|signal` on the command "
        "line.",
    )
    return clicked


def network(views: dict, measure: str) -> str | None:
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
    clicked = clickable_chart(fig, "network", "co-citation-network")
    for column, (fmt, label) in zip(
        st.columns(2), (("graphml", "GraphML"), ("gexf", "GEXF")), strict=True
    ):
        column.download_button(
            f"Network as {label}",
            overlap.network_file(nodes, edges, fmt),
            f"co-citation.{fmt}",
            "application/xml",
        )
    return clicked


def intersections(views: dict) -> str | None:
    if views["sets"].empty:
        st.info("No combination of the top outlets is credited in two stories or more.")
        return None
    fig = charts.upset_chart(views["sets"], views["upset_outlets"])
    clicked = clickable_chart(fig, "upset", "intersections")
    download_csv(
        "Download intersections (CSV)", intersections_table(views["sets"]), "intersections.csv"
    )
    return clicked


def lift(f: Filters, top: int, names: dict[str, str]) -> str | None:
    table = data.outlet_theme_lift(f, top)
    if table.empty:
        st.info("No themed signals match these filters.")
        return None
    grid, keys = lift_grid(table, names)
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
    clicked = clickable_chart(fig, "lift", "theme-outlet-lift")
    download_csv("Download lift table (CSV)", table, "theme-outlet-lift.csv")
    return clicked
