"""Overlap measures on a small database built from code, against values computed by hand.

The corpus (credited outlets per signal, main theme first):
  story 1, 2024-01-10: signal 1 Financial Times + Nikkei Asia [trade, economy];
                       signal 2 Reuters [history]
  story 2, 2024-02-05: signal 1 Financial Times + Nikkei Asia + Reuters [trade, economy]
  story 3, 2024-03-01: signal 1 Financial Times [diplomacy];
                       signal 2 Nikkei Asia, mentions Reuters [trade, diplomacy]
  story 4, 2024-03-20: signal 1 Le Monde [trade]
Writing F = Financial Times, N = Nikkei Asia, R = Reuters:
story level: units {F,N,R} {F,N,R} {F,N} {Le Monde}; N=4, n_F=3, n_N=3, n_R=2.
signal level: units {F,N} {R} {F,N,R} {F} {N} {Le Monde}; N=6, n_F=3, n_N=3, n_R=2.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, F, M, N, R, build_overlap_db

from signals_data import overlap, queries
from signals_data.filters import Filters
from signals_data.store import open_db


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("overlap") / "overlap.db"
    db = build_overlap_db(path)
    yield path, db
    db.conn.close()


def pairs_of(frame):
    return {
        (r.outlet_a, r.outlet_b): (r.count, round(r.jaccard, 4), round(r.association, 4))
        for r in frame.itertuples()
    }


@pytest.mark.parametrize(
    ("level", "filters", "expected"),
    [
        (
            "story",
            Filters(),
            {(F, N): (3, 1.0, 1.3333), (F, R): (2, 0.6667, 1.3333), (N, R): (2, 0.6667, 1.3333)},
        ),
        (
            "signal",
            Filters(),
            {(F, N): (2, 0.5, 1.3333), (F, R): (1, 0.25, 1.0), (N, R): (1, 0.25, 1.0)},
        ),
        # mentions: story 3 now cites Reuters too: n_R = 3, every pair in 3 of 4 stories
        (
            "story",
            Filters(mentions=True),
            {(F, N): (3, 1.0, 1.3333), (F, R): (3, 1.0, 1.3333), (N, R): (3, 1.0, 1.3333)},
        ),
        # theme=trade keeps signals 1.1, 2.1, 3.2, 4.1: stories {F,N} {F,N,R} {N} {Le Monde}
        (
            "story",
            Filters(themes=("trade",)),
            {(F, N): (2, 0.6667, 1.3333), (F, R): (1, 0.5, 2.0), (N, R): (1, 0.3333, 1.3333)},
        ),
        # February to early March: stories 2 and 3, {F,N,R} and {F,N}
        (
            "story",
            Filters(start="2024-02-01", end="2024-03-05"),
            {(F, N): (2, 1.0, 1.0), (F, R): (1, 0.5, 1.0), (N, R): (1, 0.5, 1.0)},
        ),
        # outlet=Reuters keeps signals 1.2 and 2.1: stories {R} and {F,N,R}
        (
            "story",
            Filters(outlets=(R,)),
            {(F, N): (1, 1.0, 2.0), (F, R): (1, 0.5, 1.0), (N, R): (1, 0.5, 1.0)},
        ),
    ],
)
def test_co_citation_measures(fixture_db, level, filters, expected):
    _path, db = fixture_db
    assert pairs_of(overlap.co_citation(db, filters, level)) == expected


def test_pmi_is_log2_of_association(fixture_db):
    frame = overlap.co_citation(fixture_db[1], Filters(), "signal")
    row = frame[(frame.outlet_a == F) & (frame.outlet_b == N)].iloc[0]
    assert row.pmi == pytest.approx(0.4150375)  # log2(4/3)


def test_cli_overlap_matches(fixture_db):
    path, _db = fixture_db
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "signals_data",
            "overlap",
            "--db",
            str(path),
            "--level",
            "signal",
            "--format",
            "json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = {(r["outlet_a"], r["outlet_b"]): r for r in json.loads(out)}
    assert set(rows) == {(F, N), (F, R), (N, R)}
    assert rows[(F, N)]["count"] == 2 and rows[(F, N)]["jaccard"] == pytest.approx(0.5)
    assert rows[(F, R)]["association"] == pytest.approx(1.0)
    assert list(json.loads(out)[0]) == [
        "outlet_a",
        "outlet_b",
        "count",
        "jaccard",
        "association",
        "pmi",
    ]
    csv_out = subprocess.run(
        [sys.executable, "-m", "signals_data", "overlap", "--db", str(path), "--theme", "trade"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert csv_out[0] == "outlet_a,outlet_b,count,jaccard,association,pmi"
    assert csv_out[1].startswith("Financial Times,Nikkei Asia,2,")


def test_theme_lift(fixture_db):
    table = overlap.outlet_theme_lift(fixture_db[1], Filters())
    lift = {(r.outlet, r.theme): round(r.lift, 4) for r in table.itertuples()}
    # 6 signals: trade 4, history 1, diplomacy 1. F's: trade, trade, diplomacy.
    assert lift[(F, "trade")] == 1.0 and lift[(F, "diplomacy")] == 2.0
    # R's (credited): history, trade
    assert lift[(R, "history")] == 3.0 and lift[(R, "trade")] == 0.75


def test_intersections(fixture_db):
    sets = overlap.intersections(fixture_db[1], Filters(), top=3, min_size=1)
    got = {tuple(r.outlets): (r.stories, sorted(r.story_ids)) for r in sets.itertuples()}
    assert got == {(F, N, R): (2, [1, 2]), (F, N): (1, [3])}
    assert overlap.intersections(fixture_db[1], Filters(), top=3, min_size=2)[
        "stories"
    ].tolist() == [2]


def test_theme_cooccurrence(fixture_db):
    pairs = queries.theme_cooccurrence(fixture_db[1], Filters())
    got = {(r.theme_a, r.theme_b): r.signals for r in pairs.itertuples()}
    assert got == {("economy", "trade"): 2, ("diplomacy", "trade"): 1}


def test_matrix_is_symmetric_and_ordered(fixture_db):
    matrix = overlap.co_citation_matrix(fixture_db[1], Filters(), "story", "count", top=4)
    assert sorted(matrix.index) == sorted([F, N, R, M])
    assert list(matrix.index) == list(matrix.columns)
    assert matrix.loc[F, N] == matrix.loc[N, F] == 3
    assert matrix.loc[M].sum() == 0


def test_network_and_exports(fixture_db):
    nodes, edges = overlap.network(fixture_db[1], Filters(), "story", "count", top=4)
    assert dict(zip(nodes.outlet, nodes.citations, strict=True)) == {F: 3, N: 3, R: 2, M: 1}
    assert len(edges) == 3  # all three pairs are co-cited at least twice at story level
    graphml = overlap.network_file(nodes, edges, "graphml")
    assert "<graphml" in graphml and "Financial Times" in graphml
    assert "<gexf" in overlap.network_file(nodes, edges, "gexf")


def test_drill_down_lists_match_the_counts(fixture_db):
    from signals_data.queries import signals_list

    db = fixture_db[1]
    pair = signals_list(db, Filters(), all_outlets=(F, R), same_story=True)
    assert sorted(set(pair.story_id)) == [1, 2]  # the 2 stories behind count(F, R) = 2
    same_signal = signals_list(db, Filters(), all_outlets=(F, R))
    assert same_signal.story_id.tolist() == [2]
    cell = signals_list(db, Filters(), all_outlets=(R,), theme="history", main_theme=True)
    assert cell.story_id.tolist() == [1]


@pytest.mark.parametrize("dense", [True, False], ids=["dense counts", "sparse counts"])
def test_fast_top_pairs_equal_the_reference_measures(fixture_db, dense, monkeypatch):
    if not dense:
        monkeypatch.setattr(overlap, "DENSE_PAIRS_MAX", 0)
    units = overlap.citation_units(fixture_db[1], Filters(), "signal")
    leaders = [F, N, R]
    fast = overlap.top_pairs(units, leaders)
    reference = overlap.pair_measures(units)
    reference = reference[reference.outlet_a.isin(leaders) & reference.outlet_b.isin(leaders)]
    assert fast.round(9).to_dict("records") == reference.round(9).to_dict("records")


@pytest.mark.parametrize("dense", [True, False], ids=["dense counts", "sparse counts"])
def test_all_pairs_on_a_demo_corpus_equal_the_reference(dense, monkeypatch, tmp_path):
    """All-pairs co-citation counted pair by pair equals the reference join, on a few hundred
    generated stories (many outlets, several per story)."""
    from signals_data.demo import build_demo

    if not dense:
        monkeypatch.setattr(overlap, "DENSE_PAIRS_MAX", 0)
    db = open_db(tmp_path / "demo.db")
    build_demo(db, 150, seed=5)
    for level in overlap.LEVELS:
        fast = overlap.co_citation(db, Filters(), level)
        reference = overlap.pair_measures(overlap.citation_units(db, Filters(), level))
        assert len(fast) > 100
        assert fast.round(9).to_dict("records") == reference.round(9).to_dict("records")
