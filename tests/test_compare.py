"""Comparing two selections, on a small database built from code, against values computed by hand.

The corpus (credited outlets per signal, main theme; every signal has one theme):
  story 1, 2024-01-10: s1 Financial Times + Nikkei Asia [trade]; s2 Reuters [trade]
  story 2, 2024-02-05: s1 Financial Times [trade]; s2 Nikkei Asia [diplomacy]
  story 3, 2024-03-01: s1 Financial Times + Reuters [diplomacy];
                       s2 Nikkei Asia, mentions Reuters [trade]
  story 4, 2024-03-20: s1 Le Monde [diplomacy]; s2 Reuters [diplomacy]
  story 5, 2024-04-02: s1 Financial Times [trade]
Writing F = Financial Times, N = Nikkei Asia, R = Reuters, M = Le Monde:
  A = theme trade:     signals 1.1 1.2 2.1 3.2 5.1: n_a = 5 (stories 1 2 3 5);
                       F 3, N 2, R 1, M 0 (R 2 when A counts mentions).
  B = theme diplomacy: signals 2.2 3.1 4.1 4.2:     n_b = 4 (stories 2 3 4);
                       F 1, N 1, R 2, M 1.
  Every signal: 9, per month 2024-01: 2, 02: 2, 03: 4, 04: 1.

G2 = 2 * sum O ln(O/E) over the 2x2 table (count_a, n_a - count_a; count_b, n_b - count_b),
E = row total * column total / 9. log_ratio = log2(((count_a + 0.5)/n_a) / ((count_b + 0.5)/n_b)).
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time

import pandas as pd
import pytest
from conftest import ROOT

from signals_data import compare, rollups
from signals_data.compare import (
    BadSideParameter,
    EmptySides,
    IdenticalSides,
    NoPeriod,
    NoSignals,
    UnknownOutlet,
    UnknownTheme,
)
from signals_data.errors import BadMeasure, BadPeriod, SignalsError
from signals_data.models import Signal, Story, ThemeScore
from signals_data.queries import Filters, signals_by_theme
from signals_data.store import Writer, open_db, transaction

F, N, R, M = "Financial Times", "Nikkei Asia", "Reuters", "Le Monde"
TRADE, DIPLOMACY = Filters(themes=("trade",)), Filters(themes=("diplomacy",))


def signal(position, outlets, theme, mentions=()):
    return Signal(
        position, f"Headline {position}", "Body.", list(outlets), list(mentions),
        [ThemeScore(theme, 1.0, [])],
    )  # fmt: skip


STORIES = [
    Story(
        "One",
        url="https://x.org/1",
        published="2024-01-10",
        signals=[signal(1, [F, N], "trade"), signal(2, [R], "trade")],
    ),
    Story(
        "Two",
        url="https://x.org/2",
        published="2024-02-05",
        signals=[signal(1, [F], "trade"), signal(2, [N], "diplomacy")],
    ),
    Story(
        "Three",
        url="https://x.org/3",
        published="2024-03-01",
        signals=[signal(1, [F, R], "diplomacy"), signal(2, [N], "trade", mentions=[R])],
    ),
    Story(
        "Four",
        url="https://x.org/4",
        published="2024-03-20",
        signals=[signal(1, [M], "diplomacy"), signal(2, [R], "diplomacy")],
    ),
    Story("Five", url="https://x.org/5", published="2024-04-02", signals=[signal(1, [F], "trade")]),
]


def build(path, with_rollups: bool):
    db = open_db(path)
    writer = Writer(db)
    for story in STORIES:
        with transaction(db.conn):
            writer.save_story(story, story.url, None)
    if with_rollups:
        with transaction(db.conn):
            rollups.refresh(db.conn)
    # Saving stories directly leaves the rollups marked as stale: the base tables answer.
    assert rollups.usable(db.conn) is with_rollups
    return db


@pytest.fixture(scope="module", params=[False, True], ids=["base tables", "rollups"])
def fixture_db(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("compare") / "compare.db"
    db = build(path, request.param)
    yield path, db
    db.conn.close()


@pytest.fixture
def db(fixture_db):
    return fixture_db[1]


def rows_of(table):
    return {r.key: r for r in table.itertuples()}


# --- sizes and statistics ----------------------------------------------------------------------


def test_side_sizes(db):
    assert compare.side_size(db, TRADE) == (4, 5)
    assert compare.side_size(db, DIPLOMACY) == compare.SideSize(stories=3, signals=4)
    assert compare.side_size(db, Filters()) == (5, 9)
    assert compare.side_size(db, Filters(outlets=(R,), mentions=True)) == (3, 4)


@pytest.mark.parametrize(
    "f",
    [
        Filters(),
        Filters(start="2024-02-01", end="2024-03-05"),
        TRADE,
        Filters(themes=("trade", "diplomacy")),
        Filters(themes=("trade",), start="2024-02-01"),
        Filters(outlets=(R,), mentions=True),
        Filters(q="Headline"),
    ],
    ids=["all", "dates", "theme", "two themes", "theme and date", "outlet", "text"],
)
def test_every_way_of_counting_a_side_agrees(db, f):
    # Rollups, the theme index and the signals table must give the same totals.
    stories, signals = compare.side_size(db, f)
    assert compare.signal_count(db, f) == signals
    assert compare.has_signals(db, f) is (signals > 0)
    by_month = compare.signals_per_period(db, f, "month")
    assert by_month.sum() == signals  # every signal here is dated
    assert list(by_month.index) == sorted(by_month.index)


def test_coverage_of_outlet_sides(db):
    # Crediting F: Jan 1, Feb 1, Mar 1, Apr 1; crediting R: Jan 1 (1.2), Mar 2 (3.1, 4.2).
    table = compare.coverage_compared(db, Filters(outlets=(F,)), Filters(outlets=(R,)), "month")
    assert table[table.side == "A"]["signals"].tolist() == [1, 1, 1, 1]
    assert table[table.side == "B"]["signals"].tolist() == [1, 0, 2, 0]


# Hand-computed, A = trade (n_a = 5), B = diplomacy (n_b = 4), N = 9:
# F: 3 vs 1. Column totals 4 and 5; E = 5*4/9 = 20/9, 5*5/9 = 25/9, 4*4/9 = 16/9, 4*5/9 = 20/9;
#    O = 3, 2, 1, 3. G2 = 2 [3 ln(27/20) + 2 ln(18/25) + ln(9/16) + 3 ln(27/20)]
#    = 2 [6 (0.3001046) - 2 (0.3285041) - 0.5753641] = 2 (0.5682554) = 1.136511.
#    log_ratio = log2((3.5/5) / (1.5/4)) = log2(0.7 / 0.375) = log2(1.866667) = 0.900464.
# N: 2 vs 1. Column totals 3 and 6; E = 5/3, 10/3, 4/3, 8/3; O = 2, 3, 1, 3.
#    G2 = 2 [2 ln 1.2 + 3 ln 0.9 + ln 0.75 + 3 ln 1.125]
#    = 2 [0.3646431 - 0.3160815 - 0.2876821 + 0.3533491] = 2 (0.1142286) = 0.228457.
#    log_ratio = log2((2.5/5) / (1.5/4)) = log2(4/3) = 0.415037.
# R: 1 vs 2. Same E; O = 1, 4, 2, 2. G2 = 2 [ln 0.6 + 4 ln 1.2 + 2 ln 1.5 + 2 ln 0.75]
#    = 2 [-0.5108256 + 0.7292862 + 0.8109302 - 0.5753641] = 2 (0.4540267) = 0.908053.
#    log_ratio = log2((1.5/5) / (2.5/4)) = log2(0.48) = -1.058894.
# M: 0 vs 1 (a zero count). Column totals 1 and 8; E = 5/9, 40/9, 4/9, 32/9; O = 0, 5, 1, 3.
#    G2 = 2 [0 (0 ln 0 = 0) + 5 ln(45/40) + ln(9/4) + 3 ln(27/32)]
#    = 2 [0.5889152 + 0.8109302 - 0.5096971] = 2 (0.8901483) = 1.780297.
#    log_ratio = log2((0.5/5) / (1.5/4)) = log2(0.266667) = -1.906891 (finite with a zero).
# Signed G2: F +1.1365, N +0.2285, R -0.9081, M -1.7803: that order.
EXPECTED_OUTLETS = {
    # key: (count_a, count_b, share_a, share_b, log_ratio, g2, favours)
    F: (3, 1, 0.6, 0.25, 0.900464, 1.136511, "a"),
    N: (2, 1, 0.4, 0.25, 0.415037, 0.228457, "a"),
    R: (1, 2, 0.2, 0.5, -1.058894, 0.908053, "b"),
    M: (0, 1, 0.0, 0.25, -1.906891, 1.780297, "b"),
}


def test_outlets_hand_computed(db):
    table = compare.compare_outlets(db, TRADE, DIPLOMACY)
    assert list(table.columns) == [
        "key", "count_a", "count_b", "share_a", "share_b", "diff", "log_ratio", "g2", "favours",
    ]  # fmt: skip
    assert table["key"].tolist() == [F, N, R, M]
    for key, (ca, cb, sa, sb, lr, g2, favours) in EXPECTED_OUTLETS.items():
        row = rows_of(table)[key]
        assert (row.count_a, row.count_b, row.favours) == (ca, cb, favours)
        assert row.share_a == pytest.approx(sa) and row.share_b == pytest.approx(sb)
        assert row.diff == pytest.approx(sa - sb)
        assert row.log_ratio == pytest.approx(lr, abs=1e-6)
        assert row.g2 == pytest.approx(g2, abs=1e-6)


def test_outlets_min_count(db):
    # Cited at least twice on one side: F (3), N (2), R (2 in B); Le Monde (0 and 1) is left out.
    table = compare.compare_outlets(db, TRADE, DIPLOMACY, min_count=2)
    assert table["key"].tolist() == [F, N, R]


def test_outlets_with_mentions_on_one_side(db):
    # A counting mentions: signal 3.2 names Reuters in its prose, so R is 2 of 5 in A.
    # log_ratio = log2((2.5/5) / (2.5/4)) = log2(0.8) = -0.321928. Column totals 4 and 5,
    # E = 20/9, 25/9, 16/9, 20/9 and O = 2, 3, 2, 2:
    # G2 = 2 [2 ln(18/20) + 3 ln(27/25) + 2 ln(18/16) + 2 ln(18/20)]
    #    = 2 [-0.2107210 + 0.2308831 + 0.2355661 - 0.2107210] = 2 (0.0450072) = 0.090014.
    a = Filters(themes=("trade",), mentions=True)
    row = rows_of(compare.compare_outlets(db, a, DIPLOMACY))[R]
    assert (row.count_a, row.count_b) == (2, 2)
    assert row.log_ratio == pytest.approx(-0.321928, abs=1e-6)
    assert row.g2 == pytest.approx(0.090014, abs=1e-6)


def test_themes_hand_computed(db):
    # A = crediting F: signals 1.1 trade, 2.1 trade, 3.1 diplomacy, 5.1 trade (n_a = 4).
    # B = crediting R: signals 1.2 trade, 3.1 diplomacy, 4.2 diplomacy (n_b = 3). N = 7.
    # trade 3 vs 1: log2((3.5/4) / (1.5/3)) = log2(1.75) = 0.807355. Column totals 4 and 3,
    #   E = 16/7, 12/7, 12/7, 9/7; O = 3, 1, 1, 2:
    #   G2 = 2 [3 ln(21/16) + 2 ln(7/12) + 2 ln(14/9)]
    #      = 2 [0.8158011 - 1.0779930 + 0.8836655] = 2 (0.6214736) = 1.242947.
    # diplomacy 1 vs 2: log2((1.5/4) / (2.5/3)) = log2(0.45) = -1.152003; its table is the
    #   mirror image of trade's (O = 1, 3, 2, 1 against E = 12/7, 16/7, 9/7, 12/7): same G2.
    table = compare.compare_themes(db, Filters(outlets=(F,)), Filters(outlets=(R,)))
    assert table["key"].tolist() == ["trade", "diplomacy"]
    trade, diplomacy = rows_of(table)["trade"], rows_of(table)["diplomacy"]
    assert (trade.count_a, trade.count_b) == (3, 1)
    assert (trade.share_a, trade.share_b) == (pytest.approx(0.75), pytest.approx(1 / 3))
    assert trade.log_ratio == pytest.approx(0.807355, abs=1e-6)
    assert trade.g2 == pytest.approx(1.242947, abs=1e-6)
    assert (diplomacy.count_a, diplomacy.count_b) == (1, 2)
    assert diplomacy.log_ratio == pytest.approx(-1.152003, abs=1e-6)
    assert diplomacy.g2 == pytest.approx(1.242947, abs=1e-6)
    assert (trade.favours, diplomacy.favours) == ("a", "b")


def test_distinctiveness_with_a_full_share_and_an_empty_cell():
    # X: 5 of 5 in A, 0 of 4 in B: two empty cells (n_a - count_a = 0 and count_b = 0).
    # Column totals 5 and 4; E = 25/9, 20/9, 20/9, 16/9; O = 5, 0, 0, 4:
    # G2 = 2 [5 ln(45/25) + 4 ln(36/16)] = 2 [5 (0.5877867) + 4 (0.8109302)] = 12.365308.
    # log_ratio = log2((5.5/5) / (0.5/4)) = log2(8.8) = 3.137504.
    # Y: 1 of 5 and 1 of 4 would favour B by its share (0.2 < 0.25), and does by the log-ratio:
    # log2((1.5/5) / (1.5/4)) = log2(0.8) = -0.321928.
    import pandas as pd

    counts = pd.DataFrame({"key": ["X", "Y"], "count_a": [5, 1], "count_b": [0, 1]})
    table = compare.distinctiveness(counts, 5, 4)
    x, y = rows_of(table)["X"], rows_of(table)["Y"]
    assert x.g2 == pytest.approx(12.365308, abs=1e-6)
    assert x.log_ratio == pytest.approx(3.137504, abs=1e-6)
    assert y.log_ratio == pytest.approx(-0.321928, abs=1e-6) and y.favours == "b"
    assert compare.distinctiveness(counts.iloc[:0], 5, 4).empty


def test_current_vs_all_reads_the_same_from_rollups_and_base_tables(db):
    # B = every signal (9): F on 1.1 2.1 3.1 5.1 = 4, N on 1.1 2.2 3.2 = 3, R on 1.2 3.1 4.2 = 3.
    a, b = compare.preset_current_vs_all(TRADE)
    assert b == Filters()
    table = rows_of(compare.compare_outlets(db, a, b))
    assert {k: (r.count_a, r.count_b) for k, r in table.items()} == {
        F: (3, 4), N: (2, 3), R: (1, 3), M: (0, 1),
    }  # fmt: skip
    assert table[F].share_b == pytest.approx(4 / 9)
    # With mentions on both sides, R is also named in 3.2: 2 of A, 4 of everything.
    a, b = compare.preset_current_vs_all(Filters(themes=("trade",), mentions=True))
    assert b == Filters(mentions=True)
    row = rows_of(compare.compare_outlets(db, a, b))[R]
    assert (row.count_a, row.count_b) == (2, 4)


# --- coverage, pairs, drill-downs --------------------------------------------------------------


def test_coverage_by_month_with_shares(db):
    table = compare.coverage_compared(db, TRADE, DIPLOMACY, "month", shares=True)
    months = ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]
    a, b = table[table.side == "A"], table[table.side == "B"]
    assert a["period"].tolist() == months and b["period"].tolist() == months
    assert a["signals"].tolist() == [2, 1, 1, 1]
    assert b["signals"].tolist() == [0, 1, 3, 0]
    # Of all signals per month (2, 2, 4, 1):
    assert a["share"].tolist() == pytest.approx([1.0, 0.5, 0.25, 1.0])
    assert b["share"].tolist() == pytest.approx([0.0, 0.5, 0.75, 0.0])
    assert list(compare.coverage_compared(db, TRADE, DIPLOMACY, "month").columns) == [
        "period", "side", "signals",
    ]  # fmt: skip


def test_coverage_by_week_lists_empty_weeks(db):
    # Mondays from 2024-01-08 (the week of Jan 10) to 2024-04-01 (Apr 2): 13 weeks.
    table = compare.coverage_compared(db, TRADE, DIPLOMACY, "week")
    a = table[table.side == "A"].set_index("period")["signals"]
    assert len(a) == 13 and a.index[0] == "2024-01-08" and a.index[-1] == "2024-04-01"
    assert a["2024-01-08"] == 2 and a["2024-01-15"] == 0 and a["2024-02-26"] == 1  # Mar 1
    b = table[table.side == "B"].set_index("period")["signals"]
    assert b["2024-03-18"] == 2 and b.sum() == 4


def test_pairs_compared(db):
    # Story level. A's stories: 1 {F,N,R}, 2 {F}, 3 {N} (Reuters only mentioned), 5 {F}:
    #   pairs F-N 1, F-R 1, N-R 1; n_F = 3, n_N = 2, n_R = 1 of 4 stories.
    # B's stories: 2 {N}, 3 {F,R}, 4 {M,R}: pairs F-R 1, M-R 1; n_F 1, n_R 2, n_M 1 of 3.
    # count diff: F-N +1, N-R +1, F-R 0 (left out), M-R -1.
    table = compare.pairs_compared(db, TRADE, DIPLOMACY, "count")
    pairs = [(r.outlet_a, r.outlet_b, r.diff, r.favours) for r in table.itertuples()]
    assert pairs == [(F, N, 1, "a"), (N, R, 1, "a"), (M, R, -1, "b")]
    # Jaccard, A: F-N 1/(3+2-1) = 0.25, F-R 1/(3+1-1) = 1/3, N-R 1/(2+1-1) = 0.5;
    # B: F-R 1/(1+2-1) = 0.5, M-R 1/(1+2-1) = 0.5. Diffs: N-R 0.5, F-N 0.25, F-R -1/6, M-R -0.5.
    table = compare.pairs_compared(db, TRADE, DIPLOMACY, "jaccard")
    got = {(r.outlet_a, r.outlet_b): round(r.diff, 6) for r in table.itertuples()}
    assert list(got) == [(N, R), (F, N), (F, R), (M, R)]
    assert got == {(N, R): 0.5, (F, N): 0.25, (F, R): round(-1 / 6, 6), (M, R): -0.5}
    # Association, A: F-R 1 * 4 / (3 * 1) = 4/3; B: 1 * 3 / (1 * 2) = 1.5.
    row = table[(table.outlet_a == F) & (table.outlet_b == R)].iloc[0]
    assert row.association_a == pytest.approx(4 / 3) and row.association_b == pytest.approx(1.5)
    assert len(compare.pairs_compared(db, TRADE, DIPLOMACY, "jaccard", top=1)) == 2
    with pytest.raises(BadMeasure):
        compare.pairs_compared(db, TRADE, DIPLOMACY, "pmi")
    with pytest.raises(BadPeriod):
        compare.coverage_compared(db, TRADE, DIPLOMACY, "day")


def test_pairs_under_the_threshold_on_one_side_keep_their_count():
    def side(rows):
        frame = pd.DataFrame(rows, columns=["outlet_a", "outlet_b", "count"])
        return frame.assign(jaccard=0.0, association=1.0)

    # A: X-Y 1, Y-Z 2; B: X-Y 3, X-Z 1. At least 2 on one side: Y-Z (A) and X-Y (B), whose
    # A count of 1 is kept; X-Z (1 and 0) is left out.
    a = side([("X", "Y", 1), ("Y", "Z", 2)])
    b = side([("X", "Y", 3), ("X", "Z", 1)])
    table = compare.pairs_from_sides(a, b, "count", min_count=2)
    rows = [(r.outlet_a, r.outlet_b, r.count_a, r.count_b, r.diff) for r in table.itertuples()]
    assert rows == [("Y", "Z", 2, 0, 2), ("X", "Y", 1, 3, -2)]
    assert compare.pairs_from_sides(a, b, "count", min_count=4).empty


@pytest.mark.parametrize(("a", "b"), [(TRADE, DIPLOMACY), (Filters(outlets=(F,)), Filters())])
def test_one_side_at_a_time_gives_the_whole_comparison(db, a, b):
    # The page caches each side's counts on their own and joins them: the same tables as the
    # functions that take both sides (and the CLI).
    outlets = compare.outlets_compared(
        compare.outlet_counts(db, a),
        compare.outlet_counts(db, b),
        compare.signal_count(db, a),
        compare.signal_count(db, b),
    )
    pd.testing.assert_frame_equal(outlets, compare.compare_outlets(db, a, b))
    themes = compare.themes_compared(signals_by_theme(db, a), signals_by_theme(db, b))
    pd.testing.assert_frame_equal(themes, compare.compare_themes(db, a, b))
    per_month = [compare.signals_per_period(db, f, "month") for f in (a, b, Filters())]
    coverage = compare.coverage_from_counts(*per_month[:2], "month", per_month[2])
    pd.testing.assert_frame_equal(coverage, compare.coverage_compared(db, a, b, "month", True))
    for measure in compare.PAIR_MEASURES:
        pairs = compare.pairs_from_sides(
            compare.side_pairs(db, a), compare.side_pairs(db, b), measure, 10, 1
        )
        pd.testing.assert_frame_equal(pairs, compare.pairs_compared(db, a, b, measure, 10, 1))


def test_drill_downs_match_the_counts(db):
    behind = compare.signals_behind(db, TRADE, F, "outlet")
    assert behind["story_id"].tolist() == [5, 2, 1]  # count_a of F = 3, newest first
    assert len(compare.signals_behind(db, DIPLOMACY, M, "outlet")) == 1
    assert compare.signals_behind(db, TRADE, M, "outlet").empty  # the zero count
    themes = compare.signals_behind(db, Filters(outlets=(R,)), "diplomacy", "theme")
    assert themes["story_id"].tolist() == [4, 3]
    # The pair F-N counts 1 story in A (story 1): A's signals there are 1.1 and 1.2.
    pair = compare.signals_behind(db, TRADE, f"{F}|{N}", "pair")
    assert sorted(zip(pair.story_id, pair.position, strict=True)) == [(1, 1), (1, 2)]
    assert compare.signals_behind(db, DIPLOMACY, (F, N), "pair").empty
    with pytest.raises(ValueError):
        compare.signals_behind(db, TRADE, F, "month")


# --- presets -----------------------------------------------------------------------------------


def test_presets():
    assert compare.preset_theme_vs_theme("trade", "diplomacy") == (TRADE, DIPLOMACY)
    base = Filters(outlets=(R,), themes=("economy",), start="2024-01-01", mentions=True)
    a, b = compare.preset_theme_vs_theme("trade", "diplomacy", base)
    assert a == Filters(outlets=(R,), themes=("trade",), start="2024-01-01", mentions=True)
    assert b.themes == ("diplomacy",) and b.outlets == (R,)
    a, b = compare.preset_outlet_vs_outlet(F, R, Filters(themes=("trade",)))
    assert (a.outlets, b.outlets, a.themes) == ((F,), (R,), ("trade",))
    # March and April 2024 (61 days) against the 61 days before: 2023-12-31 to 2024-02-29.
    a, b = compare.preset_period_vs_previous(
        Filters(themes=("trade",), start="2024-03-01", end="2024-04-30"), None, None
    )
    assert (a.start, a.end) == ("2024-03-01", "2024-04-30")
    assert (b.start, b.end, b.themes) == ("2023-12-31", "2024-02-29", ("trade",))
    # Without dates in the filters, the data's range stands in: 2024-01-10 to 2024-04-02
    # (84 days), against 2023-10-18 to 2024-01-09.
    a, b = compare.preset_period_vs_previous(TRADE, "2024-01-10", "2024-04-02")
    assert (a.start, a.end, b.start, b.end) == (
        "2024-01-10", "2024-04-02", "2023-10-18", "2024-01-09",
    )  # fmt: skip
    with pytest.raises(NoPeriod):
        compare.preset_period_vs_previous(TRADE, None, None)


def test_period_preset_on_the_fixture(db):
    # Mar 1 to Apr 2 2024 (33 days) against Jan 28 to Feb 29 (33 days): signals 3.1 3.2 4.1 4.2 5.1
    # against 2.1 2.2. F: 3.1, 5.1 = 2 of 5 against 2.1 = 1 of 2.
    a, b = compare.preset_period_vs_previous(Filters(start="2024-03-01"), None, "2024-04-02")
    assert (b.start, b.end) == ("2024-01-28", "2024-02-29")
    assert compare.side_size(db, a) == (3, 5) and compare.side_size(db, b) == (1, 2)
    row = rows_of(compare.compare_outlets(db, a, b))[F]
    assert (row.count_a, row.count_b) == (2, 1)


# --- parameters and words ----------------------------------------------------------------------


def test_side_from_url_params():
    params = {
        "a_outlet": [F, R, ""],
        "a_theme": ["trade"],
        "a_start": ["2024-01-01"],
        "a_end": ["2024-06-30"],
        "a_q": ["  tariffs "],
        "a_mentions": ["1"],
        "b_theme": ["diplomacy"],
        "drill": ["outlet|x"],
    }
    a = compare.side_from_params(params, "a_")
    assert a == Filters((F, R), ("trade",), "2024-01-01", "2024-06-30", "tariffs", True)
    assert compare.side_from_params(params, "b") == DIPLOMACY
    assert compare.side_from_params({}, "a") == Filters()
    both = compare.comparison_params(a, DIPLOMACY)
    assert both["a_outlet"] == [F, R] and both["b_theme"] == ["diplomacy"]
    assert compare.side_from_params(both, "a_") == a  # a link reproduces the side


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"a_start": ["2024-02-30"]}, "not a date"),
        ({"a_start": ["2024-03-01"], "a_end": ["2024-01-01"]}, "after"),
        ({"a_mentions": ["perhaps"]}, "not on or off"),
        ({"a_q": ["one", "two"]}, "given twice"),
        ({"a_colour": ["red"]}, "unknown parameter 'a_colour'"),
    ],
)
def test_bad_side_params(params, message):
    with pytest.raises(BadSideParameter, match=message):
        compare.side_from_params(params, "a_", strict=True)


def test_params_from_cli_items():
    params = compare.params_from_items(["theme=trade", "outlet=The Economist", "outlet=x=y"])
    assert params == {"theme": ["trade"], "outlet": ["The Economist", "x=y"]}
    for item, message in (("trade", "not key=value"), ("colour=red", "unknown key"), ("q=", "no")):
        with pytest.raises(BadSideParameter, match=message):
            compare.params_from_items([item])


def test_filters_in_words():
    f = Filters(outlets=(R,), themes=("trade",), start="2024-01-01", end="2024-06-30")
    assert (
        compare.filters_in_words(f) == "trade stories crediting Reuters, 2024-01-01 to 2024-06-30"
    )
    assert compare.filters_in_words(Filters()) == "all stories"
    assert compare.filters_in_words(Filters(start="2024-01-01")) == "all stories, from 2024-01-01"
    words = compare.filters_in_words(
        Filters(outlets=(F, N, R), themes=("trade", "energy-climate"), q="gas", mentions=True),
        {"energy-climate": "Energy & climate"},
    )
    assert words == (
        "trade or Energy & climate stories crediting or mentioning Financial Times, "
        "Nikkei Asia or Reuters matching “gas”"
    )


# --- bad comparisons ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "error", "message"),
    [
        (Filters(), Filters(), EmptySides, "no filter on either side"),
        (TRADE, Filters(themes=("trade", "trade")), IdenticalSides, "same filters"),
        (Filters(outlets=(F, R)), Filters(outlets=(R, F)), IdenticalSides, "same filters"),
        (Filters(outlets=("reuters",)), TRADE, UnknownOutlet, "side A.*did you mean 'Reuters'"),
        (TRADE, Filters(themes=("tarde",)), UnknownTheme, "side B.*unknown theme 'tarde'"),
        (TRADE, Filters(start="2030-01-01"), NoSignals, "side B selects no signal"),
        (Filters(themes=("economy",)), TRADE, NoSignals, "side A"),  # a known theme, unused
    ],
)
def test_bad_comparisons(db, a, b, error, message):
    for function in (compare.compare_outlets, compare.compare_themes, compare.pairs_compared):
        with pytest.raises(error, match=message) as caught:
            function(db, a, b)
        assert isinstance(caught.value, SignalsError)


def test_a_side_without_filters_is_every_signal(db):
    table = compare.compare_outlets(db, Filters(), DIPLOMACY)
    assert rows_of(table)[F].count_a == 4


# --- the command line --------------------------------------------------------------------------


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-c", "from signals_data.cli_compare import compare; compare()", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_cli_csv_has_the_hand_computed_values(fixture_db):
    path, _db = fixture_db
    done = run_cli("--db", str(path), "--a", "theme=trade", "--b", "theme=diplomacy")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "key,count_a,count_b,share_a,share_b,log_ratio,g2"
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["key"] for r in rows] == [F, N, R, M]
    for r in rows:
        ca, cb, sa, sb, lr, g2, _ = EXPECTED_OUTLETS[r["key"]]
        assert (int(r["count_a"]), int(r["count_b"])) == (ca, cb)
        assert float(r["share_a"]) == pytest.approx(sa)
        assert float(r["share_b"]) == pytest.approx(sb)
        assert float(r["log_ratio"]) == pytest.approx(lr, abs=1e-6)
        assert float(r["g2"]) == pytest.approx(g2, abs=1e-6)


def test_cli_json_by_theme(fixture_db):
    path, _db = fixture_db
    done = run_cli(
        "--db", str(path), "--a", f"outlet={F}", "--b", f"outlet={R}", "--by", "theme",
        "--format", "json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [r["key"] for r in rows] == ["trade", "diplomacy"]
    assert list(rows[0]) == ["key", "count_a", "count_b", "share_a", "share_b", "log_ratio", "g2"]
    assert rows[0]["g2"] == pytest.approx(1.242947, abs=1e-6)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--a", "colour=red"], "unknown key 'colour'"),
        (["--a", "theme"], "not key=value"),
        (["--a", "start=2024-13-01"], "not a date"),
        (["--b", "mentions=perhaps"], "--b: mentions"),
        (["--a", "outlet=Reuter"], "unknown outlet 'Reuter'"),
        (["--a", "theme=tarde"], "unknown theme 'tarde'"),
        ([], "no filter on either side"),
        (["--a", "theme=trade", "--b", "theme=trade"], "same filters"),
        (["--a", "theme=trade", "--b", "start=2030-01-01"], "side B selects no signal"),
        (["--a", "theme=trade", "--by", "month"], "Invalid value for '--by'"),
        (["--a", "theme=trade", "--min-count", "many"], "--min-count"),
    ],
)
def test_cli_bad_input_is_one_line_and_status_2(tmp_path_factory, args, message):
    path = tmp_path_factory.getbasetemp() / "cli.db"
    if not path.exists():
        build(path, with_rollups=True).conn.close()
    done = run_cli("--db", str(path), *args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert done.stderr.startswith("signals compare: ") and message in done.stderr


def test_cli_missing_database(tmp_path):
    done = run_cli("--db", str(tmp_path / "none.db"), "--a", "theme=trade")
    assert done.returncode == 2 and "cannot open the database" in done.stderr


# --- speed on a demo database (opt-in) ---------------------------------------------------------


@pytest.mark.skipif(
    not os.environ.get("SIGNALS_COMPARE_DB"),
    reason="set SIGNALS_COMPARE_DB to a demo database (signals demo) to time the comparison",
)
def test_speed_on_a_demo_database(capsys):
    """Every comparison function on a real-sized corpus, timed; each must stay interactive."""
    from signals_data.store import open_readonly

    db = open_readonly(os.environ["SIGNALS_COMPARE_DB"])
    first, last = db.execute("SELECT min(published), max(published) FROM stories").fetchone()
    top = db.execute(
        "SELECT o.name FROM signal_outlets so JOIN outlets o ON o.id = so.outlet_id "
        "WHERE so.role = 'credited' GROUP BY o.id ORDER BY count(*) DESC LIMIT 2"
    ).fetchall()
    x, y = top[0][0], top[1][0]
    cases = {
        "trade vs diplomacy": (TRADE, DIPLOMACY),
        "trade vs all": compare.preset_current_vs_all(TRADE),
        f"{x} vs {y}": compare.preset_outlet_vs_outlet(x, y),
        "last 90 days vs previous": compare.preset_period_vs_previous(
            Filters(start=_days_before(last, 89)), first, last
        ),
    }
    timings = []
    for name, (a, b) in cases.items():
        for label, call in (
            (
                "side_size A+B",
                lambda a=a, b=b: (compare.side_size(db, a), compare.side_size(db, b)),
            ),
            ("compare_outlets", lambda a=a, b=b: compare.compare_outlets(db, a, b)),
            ("compare_themes", lambda a=a, b=b: compare.compare_themes(db, a, b)),
            (
                "coverage_compared",
                lambda a=a, b=b: compare.coverage_compared(db, a, b, "week", True),
            ),
            ("pairs_compared", lambda a=a, b=b: compare.pairs_compared(db, a, b, "association")),
        ):
            started = time.perf_counter()
            result = call()
            seconds = time.perf_counter() - started
            timings.append((name, label, seconds))
            assert result is not None
            assert seconds < 10, f"{label} on {name} took {seconds:.1f} s"
        table = compare.compare_outlets(db, a, b)
        key = table["key"].iloc[0]
        started = time.perf_counter()
        behind = compare.signals_behind(db, a, key, "outlet", limit=10_000)
        timings.append((name, "signals_behind", time.perf_counter() - started))
        assert len(behind) == min(10_000, table["count_a"].iloc[0])
    with capsys.disabled():
        print()
        for name, label, seconds in timings:
            print(f"{name:32} {label:20} {seconds * 1000:8.0f} ms")


def _days_before(day: str, days: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) - timedelta(days=days)).isoformat()
