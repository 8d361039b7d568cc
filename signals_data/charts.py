"""Plotly figures from query DataFrames. Pure functions: no Streamlit, no SQL.

Colors are stable across pages: a theme always has the same color, and so does an outlet.

Every builder's figure passes through ``safe_text.escape_figure`` on its way out (the
``_escaped`` decorator): names, labels and titles built from data are shown as the characters
they hold, never as Plotly's HTML subset. Templates are written here and keep their markup, so
data must reach a hover label through ``%{…}`` placeholders, never by concatenation, and
``customdata`` keeps raw names for the page's drill-down keys.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from signals_data.compare import SideDrill, row_drill
from signals_data.drill import Drill
from signals_data.safe_text import escape_figure, plotly_text

THEME_COLORS = {
    "trade": "#1f77b4",
    "history": "#8c564b",
    "diplomacy": "#2ca02c",
    "security": "#d62728",
    "economy": "#ff7f0e",
    "energy-climate": "#17becf",
    "technology": "#9467bd",
    "politics": "#e377c2",
    "other": "#a0a7b0",
}
OUTLET_PALETTE = [
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
]
KIND_COLORS = {
    "newspaper": "#4e79a7",
    "wire": "#f28e2b",
    "magazine": "#e15759",
    "broadcaster": "#76b7b2",
    "think tank": "#59a14f",
    "newsletter": "#edc948",
    "person": "#b07aa1",
    "institution": "#9c755f",
    "unknown": "#bab0ac",
}
FONT = dict(family="Inter, Segoe UI, Helvetica, Arial, sans-serif", size=13, color="#1c2733")


def _escaped(builder: Callable[..., go.Figure]) -> Callable[..., go.Figure]:
    """Escape the strings of the figure a builder returns (see the module's docstring)."""

    @functools.wraps(builder)
    def build(*args, **kwargs) -> go.Figure:
        figure = builder(*args, **kwargs).to_dict()
        # The figure was validated when it was built and escaping changes only the text of
        # strings: skipping a second validation saves ~15 ms on a 40 × 40 heatmap.
        return go.Figure(escape_figure(figure), _validate=False)

    return build


def _dates(values: pd.Series) -> pd.Series:
    """Dates for an x axis; a stored value that is not a date becomes NaT (dropped by callers)."""
    return pd.to_datetime(values, errors="coerce", format="ISO8601")


def _dated(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """The rows of ``frame`` whose ``column`` is a date, with the column parsed."""
    parsed = _dates(frame[column])
    return frame.assign(**{column: parsed})[parsed.notna()]


def theme_color(slug: str) -> str:
    return THEME_COLORS.get(slug) or outlet_color(slug)


def outlet_color(name: str) -> str:
    digest = hashlib.md5(name.encode("utf-8")).digest()
    return OUTLET_PALETTE[digest[0] % len(OUTLET_PALETTE)]


def _layout(fig: go.Figure, title: str, height: int = 380, **kwargs) -> go.Figure:
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", font=dict(size=16)),
        font=FONT,
        height=height,
        margin=dict(l=10, r=10, t=50, b=10),
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel=dict(bgcolor="white", font_size=12),
        **kwargs,
    )
    fig.update_xaxes(showgrid=False, linecolor="#c8ced6")
    fig.update_yaxes(gridcolor="#eef1f4", zeroline=False)
    return fig


@_escaped
def coverage_chart(
    frame: pd.DataFrame, theme_names: dict[str, str], period: str = "week"
) -> go.Figure:
    """Signals per week or month stacked by main theme (columns: period, theme, signals)."""
    label = "Week of %{x|%b %d, %Y}" if period == "week" else "%{x|%B %Y}"
    frame = _dated(frame, "period")
    fig = go.Figure()
    for slug in [s for s in THEME_COLORS if s in set(frame["theme"])] + sorted(
        set(frame["theme"]) - set(THEME_COLORS)
    ):
        part = frame[frame["theme"] == slug]
        name = theme_names.get(slug, slug)
        fig.add_bar(
            x=part["period"],
            y=part["signals"],
            name=name,
            marker_color=theme_color(slug),
            hovertemplate=label + "<br>%{fullData.name}: %{y} signals<extra></extra>",
            # A bar as wide as its period (in ms on a date axis): with one period only, Plotly
            # would otherwise stretch the bar over the plot and label the axis in fractions of
            # a second.
            width=PERIOD_BAR_MS[period],
        )
    _layout(
        fig,
        f"Coverage over time: signals per {period}, by main theme",
        barmode="stack",
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right"),
        bargap=0.1,
        height=420,
    )
    fig.update_layout(margin=dict(t=80))
    fig.update_yaxes(title_text="Signals")
    _period_axis(fig, frame["period"], period)
    return fig


DAY_MS = 86_400_000
PERIOD_BAR_MS = {"week": 6 * DAY_MS, "month": 26 * DAY_MS}


def _period_axis(fig: go.Figure, dates: pd.Series, period: str = "month") -> None:
    """A date axis labelled by week or month. With a single period, a few empty ones around
    it: Plotly would otherwise stretch the axis over a fraction of a second and label it so."""
    fig.update_xaxes(
        title_text=period.capitalize(), tickformat="%b %d, %Y" if period == "week" else "%b %Y"
    )
    periods = pd.to_datetime(dates).drop_duplicates()
    if len(periods) == 1:
        span = pd.Timedelta(days=28 if period == "week" else 120)
        fig.update_xaxes(range=[periods.iloc[0] - span, periods.iloc[0] + span])


@_escaped
def top_outlets_chart(frame: pd.DataFrame, title: str = "Most cited outlets") -> go.Figure:
    """Horizontal bars, most cited at the top (columns: outlet, citations, stories)."""
    ordered = frame.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=ordered["citations"],
            y=ordered["outlet"],
            orientation="h",
            marker_color=[outlet_color(n) for n in ordered["outlet"]],
            customdata=ordered[["stories"]].to_numpy(),
            hovertemplate="%{y}<br>%{x} signals cite it, in %{customdata[0]} stories"
            "<extra></extra>",
        )
    )
    _layout(fig, title, height=max(260, 26 * len(frame) + 80))
    fig.update_xaxes(title_text="Signals citing the outlet", showgrid=True, gridcolor="#eef1f4")
    fig.update_yaxes(title_text=None, gridcolor="rgba(0,0,0,0)")
    return fig


@_escaped
def outlet_timeline_chart(frame: pd.DataFrame, outlet: str) -> go.Figure:
    """Citations of one outlet per month (columns: month, citations)."""
    frame = _dated(frame, "month")
    fig = go.Figure(
        go.Bar(
            x=frame["month"],
            y=frame["citations"],
            marker_color=outlet_color(outlet),
            hovertemplate="%{x|%B %Y}: %{y} signals<extra></extra>",
            width=PERIOD_BAR_MS["month"],  # (a lone bar would fill the plot)
        )
    )
    _layout(fig, f"{outlet}: citations per month", height=300)
    fig.update_yaxes(title_text="Signals citing it", rangemode="tozero")
    if not frame.empty and frame["citations"].max() <= 5:
        fig.update_yaxes(dtick=1)  # whole signals: no "0.2" ticks for an outlet cited once
    _period_axis(fig, frame["month"])
    return fig


@_escaped
def theme_mix_chart(
    outlet_mix: pd.DataFrame, corpus_mix: pd.DataFrame, outlet: str, theme_names: dict[str, str]
) -> go.Figure:
    """The outlet's share of signals per main theme beside the whole selection's."""
    themes = [t for t in THEME_COLORS if t in set(corpus_mix["theme"]) | set(outlet_mix["theme"])]
    share = lambda frame: [  # noqa: E731
        float(frame.loc[frame["theme"] == t, "share"].sum()) for t in themes
    ]
    labels = [theme_names.get(t, t) for t in themes]
    fig = go.Figure()
    fig.add_bar(
        x=labels,
        y=share(outlet_mix),
        name=outlet,
        marker_color=outlet_color(outlet),
        hovertemplate="%{x}: %{y:.0%} of its signals<extra>%{fullData.name}</extra>",
    )
    fig.add_bar(
        x=labels,
        y=share(corpus_mix),
        name="All outlets",
        marker_color="#c8ced6",
        hovertemplate="%{x}: %{y:.0%} of all signals<extra>All outlets</extra>",
    )
    _layout(
        fig,
        f"Theme mix: {outlet} against all outlets",
        height=320,
        barmode="group",
        legend=dict(orientation="h", y=1.12, x=1, xanchor="right"),
    )
    fig.update_yaxes(title_text="Share of signals", tickformat=".0%")
    return fig


@_escaped
def bar_chart(
    frame: pd.DataFrame,
    x: str,
    y: str,
    title: str,
    x_title: str,
    keys: list[str] | None = None,
) -> go.Figure:
    """A plain horizontal bar chart, largest on top. ``keys`` (one per row of ``frame``, e.g.
    drill-down keys) are carried as customdata, so a click tells the page which bar it was."""
    ordered = frame.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=ordered[x],
            y=ordered[y],
            orientation="h",
            marker_color=[outlet_color(n) for n in ordered[y]],
            customdata=keys[::-1] if keys is not None else None,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    _layout(fig, title, height=max(240, 26 * len(frame) + 80))
    fig.update_xaxes(title_text=x_title, showgrid=True, gridcolor="#eef1f4")
    fig.update_yaxes(gridcolor="rgba(0,0,0,0)")
    return fig


# --- overlap and themes -----------------------------------------------------------------------

MEASURE_LABELS = {
    "count": "Co-citations",
    "jaccard": "Jaccard similarity",
    "association": "Association strength (× chance)",
}


@_escaped
def matrix_chart(
    matrix: pd.DataFrame,
    title: str,
    value_label: str,
    *,
    fmt: str = ".2f",
    colorscale: str = "Blues",
    zmid: float | None = None,
    keys: list[list[str]] | None = None,
) -> go.Figure:
    """A heatmap drawn as square markers, so that every cell can be clicked (selected).

    ``matrix`` rows are the y labels, columns the x labels. ``keys`` (same shape) are carried as
    customdata so a click tells the page which cell it was.
    """
    rows, cols = list(matrix.index), list(matrix.columns)
    xs, ys, values, custom = [], [], [], []
    for i, row in enumerate(rows):
        for j, col in enumerate(cols):
            value = matrix.iat[i, j]
            if pd.isna(value):
                continue
            xs.append(col)
            ys.append(row)
            values.append(float(value))
            custom.append(keys[i][j] if keys else f"{row}|{col}")
    cell = max(8, min(34, int(560 / max(1, len(rows)))))
    marker = dict(
        symbol="square",
        size=cell,
        color=values,
        colorscale=colorscale,
        colorbar=dict(title=dict(text=value_label, side="right"), thickness=12),
        line=dict(width=0),
    )
    if zmid is not None:
        marker.update(cmid=zmid)
    # A square matrix fills the plot; a narrower one (outlets × themes) keeps the same spacing
    # between columns as between rows, so its cells touch instead of standing apart in stripes.
    width = max(0.25, len(cols) / len(rows)) if len(cols) < len(rows) else 1.0
    if width < 1.0:
        marker["colorbar"].update(x=width + 0.02, xanchor="left")
    fig = go.Figure(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers",
            marker=marker,
            customdata=custom,
            # The one label pasted into a template: escaped here, as templates are not.
            hovertemplate=f"%{{y}} × %{{x}}<br>{plotly_text(value_label)}: "
            f"%{{marker.color:{fmt}}}<extra>click to list the signals</extra>",
        )
    )
    height = max(320, cell * len(rows) + 200)
    _layout(fig, title, height=height)
    fig.update_xaxes(
        categoryorder="array", categoryarray=cols, tickangle=-45, showgrid=False, domain=[0, width]
    )
    fig.update_yaxes(categoryorder="array", categoryarray=rows[::-1], showgrid=False)
    fig.update_layout(clickmode="event+select", dragmode=False)
    return fig


@_escaped
def network_chart(
    nodes: pd.DataFrame, edges: pd.DataFrame, positions: dict, measure: str, color_by: str
) -> go.Figure:
    """Outlets as circles sized by citations, co-citations as lines as wide as the measure.
    Edge midpoints carry invisible markers so an edge can be clicked like a node."""
    fig = go.Figure()
    top = float(edges[measure].max()) if not edges.empty else 1.0
    # Edges in five width classes: five traces draw much faster than one trace per edge.
    buckets: dict[int, tuple[list, list]] = {}
    for row in edges.itertuples(index=False):
        (x0, y0), (x1, y1) = positions[row.outlet_a], positions[row.outlet_b]
        level = min(4, int(5 * float(getattr(row, measure)) / (top or 1.0)))
        xs, ys = buckets.setdefault(level, ([], []))
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    for level, (xs, ys) in sorted(buckets.items()):
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            hoverinfo="skip",
            line=dict(width=0.8 + 1.4 * level, color="rgba(80,100,130,0.35)"),
            showlegend=False,
        )
    if not edges.empty:
        mids = [
            ((positions[a][0] + positions[b][0]) / 2, (positions[a][1] + positions[b][1]) / 2)
            for a, b in zip(edges["outlet_a"], edges["outlet_b"], strict=True)
        ]
        fig.add_scatter(
            x=[m[0] for m in mids],
            y=[m[1] for m in mids],
            mode="markers",
            marker=dict(size=12, color="rgba(0,0,0,0.01)"),
            showlegend=False,
            customdata=[
                Drill.pair(a, b).encode()
                for a, b in zip(edges["outlet_a"], edges["outlet_b"], strict=True)
            ],
            text=[
                f"{a} × {b}: {c} co-citations, {s:.1f}× chance"
                for a, b, c, s in zip(
                    edges["outlet_a"],
                    edges["outlet_b"],
                    edges["count"],
                    edges["association"],
                    strict=True,
                )
            ],
            hovertemplate="%{text}<extra>click to list the signals</extra>",
        )
    biggest = float(nodes["citations"].max()) if not nodes.empty else 1.0
    groups = sorted(nodes[color_by].unique()) if not nodes.empty else []
    for group in groups:
        part = nodes[nodes[color_by] == group]
        color = (
            KIND_COLORS.get(group, "#888")
            if color_by == "kind"
            else OUTLET_PALETTE[int(group) % len(OUTLET_PALETTE)]
        )
        fig.add_scatter(
            x=[positions[n][0] for n in part["outlet"]],
            y=[positions[n][1] for n in part["outlet"]],
            mode="markers+text",
            text=part["outlet"],
            textposition="top center",
            textfont=dict(size=11),
            marker=dict(
                size=[12 + 34 * (c / biggest) ** 0.5 for c in part["citations"]],
                color=color,
                line=dict(width=1, color="white"),
            ),
            customdata=[Drill.outlet(n).encode() for n in part["outlet"]],
            name=str(group) if color_by == "kind" else f"Group {int(group) + 1}",
            hovertemplate="%{text}<br>%{marker.size:.0f}px<extra>click to list its signals</extra>",
        )
    _layout(
        fig,
        "Co-citation network: circle size = citations, line width = "
        + MEASURE_LABELS.get(measure, measure).lower(),
        height=640,
        legend=dict(orientation="h", y=-0.02, x=0),
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(clickmode="event+select", dragmode=False)
    return fig


@_escaped
def upset_chart(sets: pd.DataFrame, outlets: list[str]) -> go.Figure:
    """UpSet-style chart: bars = stories crediting exactly that combination of the top outlets,
    dots below = which outlets make up the combination. A bar's customdata is its ``set``
    drill-down key."""
    from plotly.subplots import make_subplots

    labels = [" + ".join(s) for s in sets["outlets"]]
    xs = list(range(len(sets)))
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.62, 0.38], vertical_spacing=0.02
    )
    fig.add_bar(
        x=xs,
        y=sets["stories"],
        marker_color="#4e79a7",
        customdata=[Drill.exact_set(combo).encode() for combo in sets["outlets"]],
        text=sets["stories"],
        textposition="outside",
        hovertext=labels,
        hovertemplate="%{hovertext}<br>%{y} stories<extra>click to list the signals</extra>",
        row=1,
        col=1,
        showlegend=False,
    )
    # Grey dots for every outlet under every bar, black dots joined by a line for its members:
    # two traces in all (None breaks the line between bars).
    fig.add_scatter(
        x=[i for i in xs for _ in outlets],
        y=[j for _ in xs for j in range(len(outlets))],
        mode="markers",
        marker=dict(size=9, color="#e3e7ec"),
        hoverinfo="skip",
        showlegend=False,
        row=2,
        col=1,
    )
    dark_x: list = []
    dark_y: list = []
    for i, combo in enumerate(sets["outlets"]):
        members = [outlets.index(o) for o in combo if o in outlets]
        dark_x += [i] * len(members) + [None]
        dark_y += [*members, None]
    fig.add_scatter(
        x=dark_x,
        y=dark_y,
        mode="markers+lines",
        marker=dict(size=11, color="#1c2733"),
        line=dict(color="#1c2733"),
        hoverinfo="skip",
        showlegend=False,
        row=2,
        col=1,
    )
    _layout(
        fig,
        "Intersections: stories crediting exactly these outlets (among the top)",
        height=300 + 24 * len(outlets),
    )
    fig.update_yaxes(title_text="Stories", row=1, col=1)
    fig.update_yaxes(
        tickvals=list(range(len(outlets))),
        ticktext=outlets,
        row=2,
        col=1,
        showgrid=False,
        autorange="reversed",
    )
    fig.update_xaxes(visible=False)
    fig.update_layout(clickmode="event+select", dragmode=False, bargap=0.35)
    return fig


def _with_empty_months(frame: pd.DataFrame) -> pd.DataFrame:
    """Every key in every month from the first to the last, 0 where it had no signal: a line
    drawn only through the months that have some would pass over the empty ones as if the
    theme had kept up."""
    if frame.empty:
        return frame
    months = pd.date_range(frame["month"].min(), frame["month"].max(), freq="MS")
    grid = pd.MultiIndex.from_product([frame["key"].unique(), months], names=["key", "month"])
    counts = frame.groupby(["key", "month"])["signals"].sum()
    return counts.reindex(grid, fill_value=0).reset_index()


@_escaped
def trend_chart(frame: pd.DataFrame, names: dict[str, str], title: str, by: str) -> go.Figure:
    """Signals per month, one line per theme (or outlet)."""
    fig = go.Figure()
    frame = _with_empty_months(_dated(frame, "month"))
    for key in frame.groupby("key")["signals"].sum().sort_values(ascending=False).index:
        part = frame[frame["key"] == key].sort_values("month")
        color = theme_color(key) if by == "theme" else outlet_color(key)
        fig.add_scatter(
            x=part["month"],
            y=part["signals"],
            mode="lines" if len(part) > 1 else "markers",  # (a line of one point is not drawn)
            name=names.get(key, key),
            line=dict(color=color, width=2),
            hovertemplate="%{fullData.name}<br>%{x|%B %Y}: %{y} signals<extra></extra>",
        )
    _layout(
        fig,
        title,
        height=420,
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right"),
    )
    fig.update_layout(margin=dict(t=80))
    fig.update_yaxes(title_text="Signals per month")
    _period_axis(fig, frame["month"])
    return fig


# --- compare -----------------------------------------------------------------------------------

SIDE_COLORS = {"a": "#2b6cb0", "b": "#dd6b20"}
SIDE_PALE = {"a": "#a9c4e4", "b": "#f2c29c"}
G2_AT_5_PERCENT = 3.84  # chi-squared, one degree of freedom


def _side_legend(fig: go.Figure) -> None:
    fig.update_layout(
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right"),
        margin=dict(t=80),
    )


@_escaped
def distinctiveness_chart(table: pd.DataFrame, title: str) -> go.Figure:
    """Diverging bars, one per outlet of a ``compare.compare_outlets`` table (its order: most
    typical of A on top): the log2 ratio of its shares, right for A, left for B; pale where
    G2 < 3.84 (no evidence at p < 0.05). Hover: counts, shares, ratio, G2. Each bar's
    customdata starts with the ``SideDrill`` of the side it favours."""
    ordered = table.iloc[::-1]
    sides = ["b" if f == "b" else "a" for f in ordered["favours"]]
    strong = ordered["g2"].to_numpy() >= G2_AT_5_PERCENT
    colors = [SIDE_COLORS[s] if ok else SIDE_PALE[s] for s, ok in zip(sides, strong, strict=True)]
    custom = [
        [row_drill(row, "outlet").encode(), row["count_a"], row["count_b"], row["share_a"],
         row["share_b"], 2.0 ** row["log_ratio"], row["g2"]]
        for row in ordered.to_dict("records")
    ]  # fmt: skip
    fig = go.Figure(
        go.Bar(
            x=ordered["log_ratio"],
            y=ordered["key"],
            orientation="h",
            marker_color=colors,
            customdata=custom,
            hovertemplate="<b>%{y}</b><br>A: %{customdata[1]} signals (%{customdata[3]:.1%})"
            "<br>B: %{customdata[2]} signals (%{customdata[4]:.1%})"
            "<br>%{customdata[5]:.2f}× as often in A (log₂ %{x:.2f}); G² %{customdata[6]:.1f}"
            "<extra>click to list the signals</extra>",
        )
    )
    _layout(fig, title, height=max(300, 24 * len(table) + 120))
    reach = max(1.0, float(table["log_ratio"].abs().max())) if len(table) else 1.0
    fig.update_xaxes(
        title_text="log₂ ratio of shares, A over B (pale: G² < 3.84, not significant at 5%)",
        range=[-reach * 1.1, reach * 1.1],
        zeroline=True,
        zerolinecolor="#8a96a3",
        showgrid=True,
        gridcolor="#eef1f4",
    )
    fig.update_yaxes(categoryorder="array", categoryarray=list(ordered["key"]), showgrid=False)
    for x, anchor, text, side in ((1, "right", "more typical of A →", "a"),
                                  (0, "left", "← more typical of B", "b")):  # fmt: skip
        fig.add_annotation(
            x=x, y=1.0, xref="paper", yref="paper", xanchor=anchor, yanchor="bottom",
            text=text, showarrow=False, font=dict(color=SIDE_COLORS[side], size=13),
        )  # fmt: skip
    fig.update_layout(clickmode="event+select", dragmode=False, margin=dict(t=70))
    return fig


@_escaped
def themes_compared_chart(table: pd.DataFrame, theme_names: dict[str, str]) -> go.Figure:
    """The share of each main theme in A and in B (a ``compare.compare_themes`` table), in the
    taxonomy's order; each bar's customdata is the ``SideDrill`` of its side and theme."""
    order = [t for t in theme_names if t in set(table["key"])]
    order += sorted(set(table["key"]) - set(order))
    rows = table.set_index("key").reindex(order).fillna(0)
    labels = [theme_names.get(t, t) for t in order]
    fig = go.Figure()
    for side in ("a", "b"):
        fig.add_bar(
            x=labels,
            y=rows[f"share_{side}"],
            name=side.upper(),
            marker_color=SIDE_COLORS[side],
            customdata=[
                [SideDrill(side, "theme", (t,)).encode(), int(c)]
                for t, c in zip(order, rows[f"count_{side}"], strict=True)
            ],
            hovertemplate="%{x}: %{y:.1%} of %{fullData.name}'s signals "
            "(%{customdata[1]})<extra>click to list them</extra>",
        )
    _layout(fig, "Share of each main theme in A and in B", height=360, barmode="group")
    _side_legend(fig)
    fig.update_yaxes(title_text="Share of the side's signals", tickformat=".0%")
    fig.update_layout(clickmode="event+select", dragmode=False)
    return fig


@_escaped
def coverage_compared_chart(frame: pd.DataFrame, period: str, shares: bool) -> go.Figure:
    """A and B over time on one chart (a ``compare.coverage_compared`` frame): signals per
    week or month, or with ``shares`` their share of all signals of the period. Each point's
    customdata is the ``SideDrill`` of its side and period."""
    label = "Week of %{x|%b %d, %Y}" if period == "week" else "%{x|%B %Y}"
    value = "share" if shares else "signals"
    fmt = "%{y:.1%} of all signals" if shares else "%{y} signals"
    fig = go.Figure()
    for side in ("A", "B"):
        part = frame[frame["side"] == side]
        keys = [SideDrill(side.lower(), period, (p,)).encode() for p in part["period"]]
        part = _dated(part.assign(key=keys), "period")
        fig.add_scatter(
            x=part["period"],
            y=part[value],
            mode="lines+markers",
            name=side,
            line=dict(color=SIDE_COLORS[side.lower()], width=2),
            marker=dict(size=6 if len(part) < 80 else 4),
            customdata=part["key"],
            hovertemplate=f"{label}<br>%{{fullData.name}}: {fmt}<extra>click to list them</extra>",
        )
    what = "share of all signals" if shares else "signals"
    _layout(fig, f"Coverage over time: A and B, {what} per {period}", height=380)
    _side_legend(fig)
    fig.update_yaxes(
        title_text="Share of all signals" if shares else "Signals",
        tickformat=".0%" if shares else None,
        rangemode="tozero",
    )
    fig.update_xaxes(title_text=period.capitalize())
    fig.update_layout(clickmode="event+select", dragmode=False, hovermode="closest")
    return fig
