"""Every chart builder of ``charts`` and every shaping step of ``shaping``, on the overlap
corpus of ``conftest`` (see ``test_queries`` for its counts): what each figure draws, and the
drill-down key each clickable element carries."""

from __future__ import annotations

import base64

import numpy as np
import pandas as pd
import pytest
from conftest import F, M, N, R

from signals_data import charts, compare, overlap, queries, shaping
from signals_data.drill import Drill
from signals_data.filters import Filters

ALL = Filters()
NAMES = {"trade": "Trade", "economy": "Economy", "history": "History", "diplomacy": "Diplomacy"}


def traces(fig):
    return fig.data


def values(trace, key: str) -> list:
    """A trace's array as a list (Plotly keeps numeric arrays as typed, base64-encoded data)."""
    array = trace[key]
    if isinstance(array, dict) and "bdata" in array:
        array = np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
        if "shape" in trace[key]:
            array = array.reshape([int(n) for n in str(trace[key]["shape"]).split(",")])
    return np.asarray(array).tolist() if isinstance(array, np.ndarray) else list(array)


# --- overview and outlets -----------------------------------------------------------------------


def test_coverage_chart_stacks_one_bar_trace_per_theme(overlap_db):
    frame = queries.coverage_by_period(overlap_db, ALL, "month")
    fig = charts.coverage_chart(frame, NAMES, "month")
    data = traces(fig)
    # Themes in the palette's order: trade, history, diplomacy.
    assert [t["name"] for t in data] == ["Trade", "History", "Diplomacy"]
    assert values(data[0], "y") == [1, 1, 2]  # trade: January, February, March
    assert fig.layout.barmode == "stack"
    assert fig.layout.title.text == "Coverage over time: signals per month, by main theme"


def test_coverage_chart_leaves_out_what_is_not_a_date():
    frame = pd.DataFrame(
        {"period": ["2024-01-01", "garbage"], "theme": ["trade", "trade"], "signals": [1, 5]}
    )
    assert values(traces(charts.coverage_chart(frame, NAMES, "week"))[0], "y") == [1]


def test_top_outlets_chart_most_cited_on_top(overlap_db):
    fig = charts.top_outlets_chart(queries.top_outlets(overlap_db, ALL, 4), "Most cited")
    bar = traces(fig)[0]
    assert values(bar, "y") == [M, R, N, F]  # drawn bottom-up: the most cited ends on top
    assert values(bar, "x") == [1, 2, 3, 3]
    assert [c[0] for c in values(bar, "customdata")] == [1, 2, 3, 3]  # stories, for the hover label


def test_outlet_timeline_chart(overlap_db):
    fig = charts.outlet_timeline_chart(queries.outlet_timeline(overlap_db, ALL, N), N)
    assert values(traces(fig)[0], "y") == [1, 1, 1]
    assert fig.layout.title.text == "Nikkei Asia: citations per month"


def test_month_charts_with_a_single_month_label_their_axis_in_months():
    """One month of data: the bar keeps a month's width among empty months, the line becomes a
    marker (a line of one point is not drawn); neither axis spans a fraction of a second."""
    one = pd.DataFrame({"month": ["2025-01-01"], "citations": [1]})
    bar = charts.outlet_timeline_chart(one, "Kurier")
    trend = charts.trend_chart(
        pd.DataFrame({"month": ["2025-01-01"], "key": ["trade"], "signals": [2]}),
        NAMES,
        "Per month",
        "theme",
    )
    for fig in (bar, trend):
        start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
        assert end - start >= pd.Timedelta(days=180)
        assert fig.layout.xaxis.tickformat == "%b %Y"
    assert traces(bar)[0].width == charts.PERIOD_BAR_MS["month"]
    assert bar.layout.yaxis.dtick == 1  # one signal: whole ticks
    assert traces(trend)[0].mode == "markers"


def test_trend_chart_drops_to_zero_in_the_months_without_a_signal():
    frame = pd.DataFrame(
        {
            "month": ["2025-01-01", "2025-04-01", "2025-02-01"],
            "key": ["trade", "trade", "history"],
            "signals": [3, 2, 1],
        }
    )
    lines = {t["name"]: t for t in traces(charts.trend_chart(frame, NAMES, "Per month", "theme"))}
    assert values(lines["Trade"], "y") == [3, 0, 0, 2]
    assert values(lines["History"], "y") == [0, 1, 0, 0]
    assert pd.to_datetime(list(lines["Trade"].x)).month.tolist() == [1, 2, 3, 4]


def test_theme_mix_chart_sets_the_outlet_beside_everyone(overlap_db):
    mine = queries.theme_mix_by_outlet(overlap_db, ALL, (R,))
    corpus = queries.theme_mix(overlap_db, ALL)
    outlet, everyone = traces(charts.theme_mix_chart(mine, corpus, R, NAMES))
    assert values(outlet, "x") == ["Trade", "History", "Diplomacy"]
    assert values(outlet, "y") == [0.5, 0.5, 0.0]
    assert values(everyone, "y") == pytest.approx([4 / 6, 1 / 6, 1 / 6])
    assert (outlet["name"], everyone["name"]) == (R, "All outlets")


def test_bar_chart_carries_keys_in_the_order_drawn(overlap_db):
    beside = queries.cited_beside(overlap_db, ALL, R)
    keys = ["first", "second"]
    bar = traces(charts.bar_chart(beside, "stories", "outlet", "Beside", "Stories", keys=keys))[0]
    assert values(bar, "y") == [N, F] and list(bar["customdata"]) == ["second", "first"]
    assert traces(charts.bar_chart(beside, "stories", "outlet", "B", "S"))[0]["customdata"] is None


def test_colors_are_stable():
    assert charts.theme_color("trade") == charts.THEME_COLORS["trade"]
    assert charts.outlet_color(F) == charts.outlet_color(F) in charts.OUTLET_PALETTE
    assert charts.theme_color("not-a-theme") in charts.OUTLET_PALETTE


# --- overlap --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def views(overlap_db):
    return overlap.overlap_views(overlap_db, ALL, "story", "count", 4)


def test_co_citation_grid_blanks_the_diagonal_and_keys_every_cell(views):
    grid, keys = shaping.co_citation_grid(views["matrix"])
    assert all(pd.isna(grid.loc[o, o]) for o in grid.index)
    assert grid.loc[F, N] == 3 and grid.loc[M, F] == 0
    i, j = list(grid.index).index(F), list(grid.columns).index(R)
    assert Drill.decode(keys[i][j]) == Drill.pair(F, R)


def test_matrix_chart_draws_each_value_as_a_clickable_cell(views):
    grid, keys = shaping.co_citation_grid(views["matrix"])
    fig = charts.matrix_chart(grid, "Co-citation", "Co-citations", fmt=".0f", keys=keys)
    cells = traces(fig)[0]
    assert len(cells["x"]) == 12  # 4 × 4 less the blank diagonal
    picked = {
        (x, y): k for x, y, k in zip(cells["x"], cells["y"], cells["customdata"], strict=True)
    }
    assert Drill.decode(picked[(R, F)]) == Drill.pair(F, R)
    assert fig.layout.clickmode == "event+select"


def test_matrix_chart_without_keys_names_row_and_column():
    grid = pd.DataFrame([[1.0, 2.0]], index=["a"], columns=["b", "c"])
    assert list(traces(charts.matrix_chart(grid, "t", "v"))[0]["customdata"]) == ["a|b", "a|c"]


def test_network_chart_edges_and_nodes_are_clickable(views):
    fig = charts.network_chart(views["nodes"], views["edges"], views["positions"], "count", "kind")
    keyed = [t for t in traces(fig) if t["customdata"] is not None]
    edge_keys = {Drill.decode(k) for k in keyed[0]["customdata"]}
    assert edge_keys == {Drill.pair(F, N), Drill.pair(F, R), Drill.pair(N, R)}
    node_keys = {Drill.decode(k) for t in keyed[1:] for k in t["customdata"]}
    assert node_keys == {Drill.outlet(o) for o in (F, N, R, M)}


def test_upset_chart_bars_carry_their_set(views):
    fig = charts.upset_chart(views["all_sets"], views["upset_outlets"])
    bars = traces(fig)[0]
    assert values(bars, "y") == [2, 1, 1]
    assert Drill.decode(bars["customdata"][0]) == Drill.exact_set((F, N, R))
    assert list(fig.layout.yaxis2.ticktext) == [F, N, R, M]


def test_set_story_ids_and_intersections_table(views):
    assert shaping.set_story_ids(views["all_sets"], (F, N, R)) == (1, 2)
    assert shaping.set_story_ids(views["all_sets"], (R,)) == ()
    table = shaping.intersections_table(views["sets"])
    assert table["outlets"].tolist() == [f"{F} + {N} + {R}"] and "story_ids" not in table


def test_lift_grid(overlap_db):
    table = overlap.outlet_theme_lift(overlap_db, ALL)
    grid, keys = shaping.lift_grid(table, NAMES)
    assert list(grid.index[:2]) == [F, N]  # most signals first (3 each, then R 2, M 1)
    assert grid.loc[F, "Diplomacy"] == pytest.approx(2.0)
    assert grid.loc[R, "History"] == pytest.approx(3.0)
    column = list(grid.columns).index("History")
    assert Drill.decode(keys[list(grid.index).index(R)][column]) == Drill.cell(R, "history")


# --- themes ---------------------------------------------------------------------------------------


def test_theme_pair_grid_is_symmetric_in_taxonomy_order(overlap_db):
    pairs = queries.theme_cooccurrence(overlap_db, ALL)
    order = {"trade": "Trade", "diplomacy": "Diplomacy", "economy": "Economy"}
    grid, keys = shaping.theme_pair_grid(pairs, order)
    assert list(grid.index) == ["Trade", "Diplomacy", "Economy"] == list(grid.columns)
    assert grid.loc["Trade", "Economy"] == grid.loc["Economy", "Trade"] == 2
    assert pd.isna(grid.loc["Diplomacy", "Economy"])
    assert Drill.decode(keys[0][2]) == Drill.themes("trade", "economy")


def test_trend_chart_one_line_per_key_largest_first(overlap_db):
    frame = queries.coverage_over_time(overlap_db, ALL, "theme")
    lines = traces(charts.trend_chart(frame, NAMES, "Per month", "theme"))
    assert [t["name"] for t in lines][0] == "Trade"
    assert values(lines[0], "y") == [1, 1, 2]


def test_theme_outlet_keys(overlap_db):
    tops = queries.top_outlets_by_theme(overlap_db, ALL, 5)
    part = tops[tops["theme"] == "trade"]
    keys = shaping.theme_outlet_keys(part, "trade")
    assert [Drill.decode(k) for k in keys] == [Drill.cell(o, "trade") for o in part["outlet"]]


# --- words ----------------------------------------------------------------------------------------


def test_filter_summary():
    assert shaping.filter_summary(ALL, NAMES) == "all signals"
    f = Filters(outlets=(F,), themes=("trade",), start="2024-01-01", q="ports", mentions=True)
    assert shaping.filter_summary(f, NAMES) == (
        f"outlets: {F}; themes: Trade; dates: 2024-01-01 to …; text: “ports”; including mentions"
    )


@pytest.mark.parametrize(
    ("first", "last", "label"),
    [
        ("2024-01-01", "2024-01-01", "1 day"),
        ("2024-01-01", "2024-01-12", "12 days"),
        ("2024-01-01", "2024-08-31", "8 months"),
        ("2021-01-01", "2024-06-30", "3.5 years"),
        (None, "2024-01-01", "undated"),
        ("garbage", "2024-01-01", "undated"),
    ],
)
def test_span_label(first, last, label):
    assert shaping.span_label(first, last) == label


def test_story_facts(overlap_db):
    story = queries.story_detail(overlap_db, 1)
    assert shaping.story_facts(story) == ["2024-01-10"]
    story = {**story, "updated": "2025-04-09T13:35:00-04:00", "sponsor": "Acme"}
    story.update(published=None, published_raw="soon", region="Asia")
    assert shaping.story_facts(story) == [
        "date unknown (stored as “soon”)",
        "updated Apr 9, 2025, 1:35pm (UTC-04:00)",
        "Asia",
        "supported by Acme",
    ]
    assert shaping.readable_time("not a time") == "not a time"


# --- compare ------------------------------------------------------------------------------------
# A = main theme trade: signals 1.1 (F N), 2.1 (F N R), 3.2 (N), 4.1 (M): n_a = 4.
# B = January: signals 1.1 (F N), 1.2 (R): n_b = 2.
# log2 ratio with 0.5 added: F log2((2.5/4)/(1.5/2)) = -0.263 (B), N log2(0.875/0.75) = +0.222,
# R log2(0.375/0.75) = -1 (B), M log2(0.375/0.25) = +0.585 (A).

TRADE = Filters(themes=("trade",))
JANUARY = Filters(start="2024-01-01", end="2024-01-31")


def test_distinctiveness_chart_diverges_with_a_drill_key_per_bar(overlap_db):
    table = compare.compare_outlets(overlap_db, TRADE, JANUARY)
    fig = charts.distinctiveness_chart(table, "Outlets")
    bar = traces(fig)[0]
    # Drawn bottom-up: the table's first row (most typical of A) ends on top.
    assert values(bar, "y") == table["key"].tolist()[::-1]
    ratios = dict(zip(values(bar, "y"), values(bar, "x"), strict=True))
    assert ratios[M] == pytest.approx(0.585, abs=1e-3)
    assert ratios[R] == pytest.approx(-1.0)
    keys = {row[0] for row in bar["customdata"]}
    assert keys == {f"a|outlet|{M}", f"a|outlet|{N}", f"b|outlet|{F}", f"b|outlet|{R}"}
    # Four signals against two: no difference here is significant, so every bar is pale.
    assert set(bar["marker"]["color"]) <= set(charts.SIDE_PALE.values())
    assert fig.layout.xaxis.range[0] == -fig.layout.xaxis.range[1]


def test_distinctiveness_chart_colours_by_side_and_evidence():
    table = pd.DataFrame(
        {
            "key": ["<b>X</b>", "Y|Z"],
            "count_a": [90, 1],
            "count_b": [10, 30],
            "share_a": [0.9, 0.01],
            "share_b": [0.1, 0.3],
            "diff": [0.8, -0.29],
            "log_ratio": [3.1, -4.2],
            "g2": [80.0, 2.0],
            "favours": ["a", "b"],
        }
    )
    bar = traces(charts.distinctiveness_chart(table, "t"))[0]
    assert bar["marker"]["color"] == (charts.SIDE_PALE["b"], charts.SIDE_COLORS["a"])
    assert values(bar, "y") == ["Y|Z", "&lt;b&gt;X&lt;/b&gt;"]  # names escaped, keys raw
    assert compare.SideDrill.decode(bar["customdata"][0][0]).parts == ("Y|Z",)


def test_themes_compared_chart_one_trace_per_side_in_taxonomy_order(overlap_db):
    table = compare.compare_themes(overlap_db, TRADE, JANUARY)
    fig = charts.themes_compared_chart(table, NAMES)
    a, b = traces(fig)
    assert (a["name"], b["name"]) == ("A", "B")
    assert list(a["x"]) == ["Trade", "History"]  # the taxonomy's order, themes present only
    assert values(a, "y") == [1.0, 0.0]  # every signal of A is a trade one
    assert values(b, "y") == [0.5, 0.5]
    assert [k[0] for k in b["customdata"]] == ["b|theme|trade", "b|theme|history"]


def test_coverage_compared_chart_counts_or_shares(overlap_db):
    frame = compare.coverage_compared(overlap_db, TRADE, JANUARY, "month", shares=True)
    counts = charts.coverage_compared_chart(frame, "month", shares=False)
    a, b = traces(counts)
    assert values(a, "y") == [1, 1, 2]  # January, February, March
    assert values(b, "y") == [2, 0, 0]
    assert list(b["customdata"]) == [f"b|month|2024-0{m}-01" for m in (1, 2, 3)]
    shares = charts.coverage_compared_chart(frame, "month", shares=True)
    assert values(traces(shares)[0], "y") == [0.5, 1.0, 2 / 3]
    assert shares.layout.yaxis.tickformat == ".0%"


@pytest.mark.parametrize(
    "drill",
    [
        compare.SideDrill("a", "outlet", ("Reuters",)),
        compare.SideDrill("b", "pair", ("A|B", "C\\")),
        compare.SideDrill("a", "theme", ("trade",)),
        compare.SideDrill("b", "week", ("2024-01-08",)),
    ],
)
def test_side_drill_round_trips_names_with_separators(drill):
    assert compare.SideDrill.decode(drill.encode()) == drill
    assert compare.SideDrill.decode(drill.on_side("b").encode()).side == "b"


@pytest.mark.parametrize(
    "raw", ["", "a", "a|outlet", "c|outlet|X", "a|cell|X|Y", "a|pair|X", "|||", None, 3]
)
def test_side_drill_that_is_not_one(raw):
    assert compare.SideDrill.decode(raw) is None


def test_side_drill_known_and_heading():
    assert compare.SideDrill.decode("a|outlet|Reuters").heading() == (
        "Side A: signals citing Reuters"
    )
    assert compare.SideDrill.decode("b|theme|trade").heading(NAMES) == (
        "Side B: signals whose main theme is Trade"
    )
    assert not compare.SideDrill("a", "week", ("2024-02-30",)).known([], [])
    assert not compare.SideDrill("a", "outlet", ("Nobody",)).known([R], [])
    assert compare.SideDrill("a", "pair", (R, F)).known([R, F], [])


def test_drill_signals_match_the_chart(overlap_db):
    by_outlet = compare.drill_signals(overlap_db, TRADE, compare.SideDrill.decode(f"a|outlet|{N}"))
    assert len(by_outlet) == 3
    march = compare.drill_signals(
        overlap_db, TRADE, compare.SideDrill("a", "month", ("2024-03-01",))
    )
    assert sorted(march["story_id"]) == [3, 4]
    outside = compare.drill_signals(
        overlap_db, JANUARY, compare.SideDrill("b", "month", ("2024-03-01",))
    )
    assert outside.empty


def test_period_filters_and_presets_of_the_page():
    assert compare.period_filters(JANUARY, "week", "2024-01-29") == Filters(
        start="2024-01-29", end="2024-01-31"
    )
    assert compare.period_filters(Filters(), "month", "2024-02-01").end == "2024-02-29"
    assert compare.period_filters(JANUARY, "month", "2024-03-01") is None
    recent = compare.recent_period(TRADE, "2024-03-31")
    assert (recent.start, recent.end, recent.themes) == ("2024-01-01", "2024-03-31", ("trade",))
    assert compare.recent_period(JANUARY, "2024-03-31") == JANUARY


def test_most_distinctive_keeps_both_ends():
    table = pd.DataFrame({"key": list("abcdef"), "favours": ["a", "a", "a", "b", "b", "b"]})
    assert compare.most_distinctive(table, 2)["key"].tolist() == ["a", "b", "e", "f"]
