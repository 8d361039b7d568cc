"""Every public query of ``queries`` (and the Overlap page's loaders) on the overlap corpus of
``conftest``, against values counted by hand from the corpus listed there:

  story 1, 2024-01-10: signal 1 F + N [trade, economy]; signal 2 R [history]
  story 2, 2024-02-05: signal 1 F + N + R [trade, economy]
  story 3, 2024-03-01: signal 1 F [diplomacy]; signal 2 N, mentions R [trade, diplomacy]
  story 4, 2024-03-20: signal 1 M [trade]

Main themes: trade 4 signals (1.1, 2.1, 3.2, 4.1), history 1 (1.2), diplomacy 1 (3.1).
Credited citations: F 3 (1.1, 2.1, 3.1), N 3 (1.1, 2.1, 3.2), R 2 (1.2, 2.1), M 1 (4.1).
"""

from __future__ import annotations

import pytest
from conftest import F, M, N, R

from signals_data import overlap, queries
from signals_data.errors import BadLevel, BadMeasure, BadPeriod, QueryError
from signals_data.filters import Filters, read_frame

ALL = Filters()


def rows(frame, *columns):
    return [tuple(r) for r in frame[list(columns)].itertuples(index=False)]


# --- reference data -----------------------------------------------------------------------------


def test_outlet_options_most_cited_first(overlap_db):
    options = queries.outlet_options(overlap_db)
    # F and N tie on 3 credited citations (by name); R has 2 and one mention.
    assert rows(options, "name", "citations", "mentions") == [
        (F, 3, 0),
        (N, 3, 0),
        (R, 2, 1),
        (M, 1, 0),
    ]


def test_theme_options_and_bounds(overlap_db):
    assert {"trade", "economy", "history", "diplomacy"} <= set(
        queries.theme_options(overlap_db)["slug"]
    )
    assert queries.date_bounds(overlap_db) == ("2024-01-10", "2024-03-20")
    assert queries.is_demo(overlap_db) is False


def test_corpus_stats(overlap_db):
    stats = queries.corpus_stats(overlap_db)
    assert (stats["stories"], stats["signals"], stats["outlets_cited"]) == (4, 6, 4)
    assert stats["themes"] == {"trade": 4, "history": 1, "diplomacy": 1}
    assert stats["top_outlets"][:2] == [(F, 3), (N, 3)]
    assert (stats["first_date"], stats["last_date"], stats["undated"]) == (
        "2024-01-10",
        "2024-03-20",
        0,
    )


# --- overview -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (ALL, (4, 6, 4, "2024-01-10", "2024-03-20")),
        # signals 1.2 and 2.1 credit Reuters; they cite R, F and N
        (Filters(outlets=(R,)), (2, 2, 3, "2024-01-10", "2024-02-05")),
        # signals 3.1 and 3.2 carry diplomacy; they credit F and N (R is only mentioned)
        (Filters(themes=("diplomacy",)), (1, 2, 2, "2024-03-01", "2024-03-01")),
        (Filters(themes=("diplomacy",), mentions=True), (1, 2, 3, "2024-03-01", "2024-03-01")),
        (Filters(start="2024-02-01", end="2024-02-29"), (1, 1, 3, "2024-02-05", "2024-02-05")),
        (Filters(start="2030-01-01"), (0, 0, 0, None, None)),
    ],
)
def test_kpis(overlap_db, f, expected):
    k = queries.kpis(overlap_db, f)
    assert (k["stories"], k["signals"], k["outlets"], k["first"], k["last"]) == expected


def test_previous_period_and_chart_period():
    before = queries.previous_period(Filters(start="2024-03-01", end="2024-03-31"), None, None)
    assert (before.start, before.end) == ("2024-01-30", "2024-02-29")  # 31 days before
    assert queries.previous_period(ALL, None, None) is None
    assert queries.coverage_period("2024-01-10", "2024-03-20") == "week"
    assert queries.coverage_period("2023-01-01", "2024-03-20") == "month"


def test_coverage_by_month(overlap_db):
    frame = queries.coverage_by_period(overlap_db, ALL, "month")
    assert rows(frame, "period", "theme", "signals") == [
        ("2024-01-01", "history", 1),
        ("2024-01-01", "trade", 1),
        ("2024-02-01", "trade", 1),
        ("2024-03-01", "diplomacy", 1),
        ("2024-03-01", "trade", 2),
    ]


def test_coverage_by_week_starts_on_monday(overlap_db):
    frame = queries.coverage_by_period(overlap_db, Filters(themes=("trade",)), "week")
    # Wed 10 Jan -> Mon 8 Jan; Mon 5 Feb stays; Fri 1 Mar -> Mon 26 Feb; Wed 20 Mar -> Mon 18 Mar
    assert rows(frame, "period", "signals") == [
        ("2024-01-08", 1),
        ("2024-02-05", 1),
        ("2024-02-26", 1),
        ("2024-03-18", 1),
    ]


def test_a_period_that_is_not_one_is_named(overlap_db):
    with pytest.raises(BadPeriod, match="period must be one of"):
        queries.coverage_by_period(overlap_db, ALL, "fortnight")


def test_top_outlets(overlap_db):
    top = queries.top_outlets(overlap_db, ALL, 3)
    assert rows(top, "outlet", "citations", "stories") == [(F, 3, 3), (N, 3, 3), (R, 2, 2)]


# --- stories ------------------------------------------------------------------------------------


def test_stories_table_newest_first(overlap_db):
    table = queries.stories_table(overlap_db, ALL)
    assert table["id"].tolist() == [4, 3, 2, 1]
    three = table.set_index("id").loc[3]
    assert set(three["themes"].split(", ")) == {"diplomacy", "trade"}
    assert set(three["outlets"].split(", ")) == {F, N}  # R is only mentioned
    assert three["signals"] == 2
    assert queries.stories_table(overlap_db, ALL, limit=2, offset=1)["id"].tolist() == [3, 2]
    assert queries.stories_table(overlap_db, Filters(outlets=(M,)))["id"].tolist() == [4]


@pytest.mark.parametrize(
    ("f", "count"),
    [
        (ALL, 4),
        (Filters(outlets=(R,)), 2),
        (Filters(outlets=(R,), mentions=True), 3),
        (Filters(themes=("history",)), 1),
        (Filters(q="Headline"), 4),
        (Filters(q="Three"), 1),  # a story title matches through stories_fts
    ],
)
def test_story_count(overlap_db, f, count):
    assert queries.story_count(overlap_db, f) == count


def test_story_detail(overlap_db):
    story = queries.story_detail(overlap_db, 3)
    assert (story["title"], story["published"], story["url"]) == (
        "Three",
        "2024-03-01",
        "https://x.org/3",
    )
    first, second = story["signals"]
    assert (first["credited"], first["mentioned"]) == ([F], [])
    assert (second["credited"], second["mentioned"]) == ([N], [R])
    assert [t["slug"] for t in second["themes"]] == ["trade", "diplomacy"]
    assert len(story["documents"]) == 0  # written by the writer, not ingested from a file
    assert queries.story_detail(overlap_db, 99) is None


def test_story_detail_shows_the_evidence_behind_each_theme(db, tmp_path):
    from signals_data.ingest import ingest

    page = tmp_path / "page.txt"
    page.write_text(
        "Semafor Signals\nPorts reopen\nThe News\nDockers went back.\nSIGNALS\n"
        "Tariffs hit steel exporters\nSource: Reuters\nExports of steel fell after the tariff.\n",
        "utf-8",
    )
    ingest(db, [str(page)])
    (signal,) = queries.story_detail(db, 1)["signals"]
    main = signal["themes"][0]
    assert main["slug"] == "trade" and "tariffs" in main["terms"]
    assert -1.0 <= main["similarity"] <= 1.0


def test_story_id_from_a_link():
    assert queries.story_id_from("3") == 3
    assert queries.story_id_from("three") is None and queries.story_id_from("0") is None


def test_related_stories(overlap_db):
    related = queries.related_stories(overlap_db, 3)
    # Stories 1 and 2 credit F and N too; each shares one main theme (trade); newest first.
    assert rows(related, "id", "shared_outlets", "shared_themes") == [(2, 2, 1), (1, 2, 1)]
    assert queries.related_stories(overlap_db, 4).empty  # nobody else credits Le Monde


# --- outlets ------------------------------------------------------------------------------------


def test_outlet_leaderboard(overlap_db):
    board = queries.outlet_leaderboard(overlap_db, ALL).set_index("outlet")
    assert board.index.tolist() == [F, N, R, M]
    f = board.loc[F]
    assert (f["citations"], f["stories"], f["first_seen"], f["last_seen"]) == (
        3,
        3,
        "2024-01-10",
        "2024-03-01",
    )
    assert f["share_trade"] == pytest.approx(2 / 3) and f["share_diplomacy"] == pytest.approx(1 / 3)
    assert board.loc[R, "share_history"] == pytest.approx(0.5)


def test_theme_mix_and_signals_by_theme(overlap_db):
    assert rows(queries.signals_by_theme(overlap_db, ALL), "theme", "signals") == [
        ("trade", 4),
        ("diplomacy", 1),
        ("history", 1),
    ]
    mix = queries.theme_mix(overlap_db, ALL).set_index("theme")["share"]
    assert mix["trade"] == pytest.approx(4 / 6) and mix["history"] == pytest.approx(1 / 6)
    by_outlet = queries.theme_mix_by_outlet(overlap_db, ALL, (R,))
    assert sorted(rows(by_outlet, "theme", "signals", "share")) == [
        ("history", 1, 0.5),
        ("trade", 1, 0.5),
    ]


def test_outlet_timeline(overlap_db):
    timeline = queries.outlet_timeline(overlap_db, ALL, N)
    assert rows(timeline, "month", "citations") == [
        ("2024-01-01", 1),
        ("2024-02-01", 1),
        ("2024-03-01", 1),
    ]
    # The outlet filter does not apply to the outlet's own timeline; the others do.
    assert len(queries.outlet_timeline(overlap_db, Filters(start="2024-02-01"), N)) == 2


def test_cited_beside(overlap_db):
    # Stories 1 and 2 credit Reuters; both credit F and N too.
    assert rows(queries.cited_beside(overlap_db, ALL, R), "outlet", "stories") == [(F, 2), (N, 2)]
    assert queries.cited_beside(overlap_db, ALL, M).empty


# --- drill-down and search ----------------------------------------------------------------------


def test_signals_list(overlap_db):
    both = queries.signals_list(overlap_db, ALL, all_themes=("economy", "trade"))
    assert rows(both, "story_id", "position") == [(2, 1), (1, 1)]  # newest first
    story_ids = queries.signals_list(overlap_db, ALL, story_ids=(3,))
    assert rows(story_ids, "position", "outlets", "mentions") == [(1, F, ""), (2, N, R)]


def test_search(overlap_db):
    found = queries.search(overlap_db, Filters(q="Headline", outlets=(M,)))
    assert found["story_id"].tolist() == [4]
    assert queries.HIGHLIGHT_START in found["snippet"][0]
    assert len(queries.search(overlap_db, Filters(q="Headline"))) == 6
    assert queries.search(overlap_db, Filters(q="NOT")).empty  # nothing left to search for


def test_a_search_sqlite_cannot_run_is_a_query_error(overlap_db):
    with pytest.raises(QueryError):
        read_frame(overlap_db, "SELECT rowid FROM signals_fts WHERE signals_fts MATCH ?", ["AND"])


# --- themes -------------------------------------------------------------------------------------


def test_theme_cooccurrence_with_dates(overlap_db):
    pairs = queries.theme_cooccurrence(overlap_db, Filters(start="2024-03-01"))
    assert rows(pairs, "theme_a", "theme_b", "signals") == [("diplomacy", "trade", 1)]


def test_coverage_over_time(overlap_db):
    themes = queries.coverage_over_time(overlap_db, ALL, "theme")
    assert sorted(rows(themes, "month", "key", "signals")) == [
        ("2024-01-01", "history", 1),
        ("2024-01-01", "trade", 1),
        ("2024-02-01", "trade", 1),
        ("2024-03-01", "diplomacy", 1),
        ("2024-03-01", "trade", 2),
    ]
    outlets = queries.coverage_over_time(overlap_db, ALL, "outlet", top=2)
    assert set(outlets["key"]) == {F, N}  # 3 citations each; R has 2, M 1
    assert outlets.groupby("key")["signals"].sum().to_dict() == {F: 3, N: 3}


def test_top_outlets_by_theme(overlap_db):
    tops = queries.top_outlets_by_theme(overlap_db, ALL, 1)
    assert rows(tops, "theme", "outlet", "signals") == [
        ("diplomacy", F, 1),
        ("history", R, 1),
        ("trade", N, 3),  # 1.1, 2.1 and 3.2
    ]


# --- the Overlap page's loaders -----------------------------------------------------------------


def test_overlap_views(overlap_db):
    views = overlap.overlap_views(overlap_db, ALL, "story", "count", 4)
    assert views["units"] == 4 and len(views["pairs"]) == 3
    assert sorted(views["matrix"].index) == sorted([F, N, R, M])
    sets = {tuple(r.outlets): sorted(r.story_ids) for r in views["all_sets"].itertuples()}
    assert sets == {(F, N, R): [1, 2], (F, N): [3], (M,): [4]}
    assert views["sets"]["outlets"].map(tuple).tolist() == [(F, N, R)]  # 2 stories or more
    assert views["upset_outlets"] == [F, N, R, M]
    assert set(views["positions"]) == {F, N, R, M}


def test_overlap_names_a_bad_level_or_measure(overlap_db):
    with pytest.raises(BadLevel):
        overlap.overlap_views(overlap_db, ALL, "galaxy")
    with pytest.raises(BadMeasure):
        overlap.overlap_views(overlap_db, ALL, "story", "loudness")
    with pytest.raises(ValueError):  # a named error is a ValueError too, for older callers
        overlap.citation_units(overlap_db, ALL, "galaxy")


def test_signals_in_stories(overlap_db):
    assert sorted(overlap.signals_in_stories(overlap_db, ALL, (1, 2))["story_id"]) == [1, 1, 2]
    assert overlap.signals_in_stories(overlap_db, ALL, ()).empty
