"""Plotly figures from query DataFrames. Pure functions: no Streamlit, no SQL.

Colors are stable across pages: a theme always has the same color, and so does an outlet.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import plotly.graph_objects as go

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
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
    "#ff9da7", "#9c755f", "#bab0ac", "#1b9e77", "#d95f02", "#7570b3", "#e7298a",
]  # fmt: skip
KIND_COLORS = {
    "newspaper": "#4e79a7", "wire": "#f28e2b", "magazine": "#e15759", "broadcaster": "#76b7b2",
    "think tank": "#59a14f", "newsletter": "#edc948", "person": "#b07aa1",
    "institution": "#9c755f", "unknown": "#bab0ac",
}  # fmt: skip
FONT = dict(family="Inter, Segoe UI, Helvetica, Arial, sans-serif", size=13, color="#1c2733")


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


def coverage_chart(frame: pd.DataFrame, theme_names: dict[str, str]) -> go.Figure:
    """Signals per week stacked by main theme (columns: week, theme, signals)."""
    fig = go.Figure()
    for slug in [s for s in THEME_COLORS if s in set(frame["theme"])] + sorted(
        set(frame["theme"]) - set(THEME_COLORS)
    ):
        part = frame[frame["theme"] == slug]
        name = theme_names.get(slug, slug)
        fig.add_bar(
            x=pd.to_datetime(part["week"]),
            y=part["signals"],
            name=name,
            marker_color=theme_color(slug),
            customdata=[[name]] * len(part),
            hovertemplate="Week of %{x|%b %d, %Y}<br>%{customdata[0]}: %{y} signals<extra></extra>",
        )
    _layout(fig, "Coverage over time: signals per week, by main theme", barmode="stack",
            legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right"),
            bargap=0.1, height=420)  # fmt: skip
    fig.update_layout(margin=dict(t=80))
    fig.update_yaxes(title_text="Signals")
    fig.update_xaxes(title_text="Week")
    return fig


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


def outlet_timeline_chart(frame: pd.DataFrame, outlet: str) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=pd.to_datetime(frame["month"]),
            y=frame["citations"],
            marker_color=outlet_color(outlet),
            hovertemplate="%{x|%B %Y}: %{y} signals<extra></extra>",
        )
    )
    _layout(fig, f"{outlet}: citations per month", height=300)
    fig.update_yaxes(title_text="Signals citing it")
    fig.update_xaxes(title_text="Month")
    return fig


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
        hovertemplate="%{x}: %{y:.0%} of its signals<extra>" + outlet + "</extra>",
    )
    fig.add_bar(
        x=labels,
        y=share(corpus_mix),
        name="All outlets",
        marker_color="#c8ced6",
        hovertemplate="%{x}: %{y:.0%} of all signals<extra>All outlets</extra>",
    )
    _layout(fig, f"Theme mix: {outlet} against all outlets", height=320, barmode="group",
            legend=dict(orientation="h", y=1.12, x=1, xanchor="right"))  # fmt: skip
    fig.update_yaxes(title_text="Share of signals", tickformat=".0%")
    return fig


def bar_chart(frame: pd.DataFrame, x: str, y: str, title: str, x_title: str) -> go.Figure:
    """A plain horizontal bar chart, largest on top."""
    ordered = frame.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=ordered[x],
            y=ordered[y],
            orientation="h",
            marker_color=[outlet_color(n) for n in ordered[y]],
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    _layout(fig, title, height=max(240, 26 * len(frame) + 80))
    fig.update_xaxes(title_text=x_title, showgrid=True, gridcolor="#eef1f4")
    fig.update_yaxes(gridcolor="rgba(0,0,0,0)")
    return fig
