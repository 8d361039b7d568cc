"""The rollups must give exactly what the base tables give, for any dates, and stay current.

Each query is run twice on the same data: once as the dashboard runs it (from the rollups) and
once with the rollups marked out of date (from the citations and signals)."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signals_data import overlap, queries, rollups
from signals_data.demo import build_demo
from signals_data.filters import Filters, reads_rollups
from signals_data.ingest import ingest
from signals_data.store import open_db, open_readonly


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> tuple[Path, Path]:
    """A demo database (rollups current) and a copy whose rollups are marked out of date."""
    folder = tmp_path_factory.mktemp("rollups")
    current = folder / "current.db"
    db = open_db(current)
    build_demo(db, 400, seed=11)
    db.conn.close()
    stale = folder / "stale.db"
    shutil.copy(current, stale)
    with sqlite3.connect(stale) as conn:
        conn.execute("INSERT INTO rollup_dirty VALUES ('forced')")
    return current, stale


QUERIES = {
    "kpis": lambda db, f: pd.Series(queries.kpis(db, f)),
    "top_outlets": lambda db, f: queries.top_outlets(db, f, limit=500),
    "outlet_leaderboard": queries.outlet_leaderboard,
    "theme_mix_by_outlet": lambda db, f: queries.theme_mix_by_outlet(db, f).sort_values(
        ["outlet", "theme"], ignore_index=True
    ),
    "theme_mix": queries.theme_mix,
    "coverage_week": lambda db, f: queries.coverage_by_period(db, f, "week"),
    "coverage_month": lambda db, f: queries.coverage_by_period(db, f, "month"),
    "over_time_theme": lambda db, f: queries.coverage_over_time(db, f, "theme").sort_values(
        ["month", "key"], ignore_index=True
    ),
    "over_time_outlet": lambda db, f: queries.coverage_over_time(db, f, "outlet").sort_values(
        ["month", "key"], ignore_index=True
    ),
    "lift": overlap.outlet_theme_lift,
    "theme_cooccurrence": queries.theme_cooccurrence,
    "top_outlets_by_theme": queries.top_outlets_by_theme,
}

DATES = [
    (None, None),
    ("2023-03-01", "2023-08-31"),  # whole months
    ("2023-03-14", "2023-08-09"),  # part months at both ends
    ("2023-03-14", None),
    (None, "2023-08-09"),
    ("2023-05-02", "2023-05-20"),  # inside one month
    ("2023-04-30", "2023-05-01"),  # two days across a month's end
    ("2023-02-01", "2023-02-28"),  # exactly one month
    ("2019-01-01", "2019-12-31"),  # before the data
]


def assert_same(pair: tuple[Path, Path], name: str, f: Filters) -> None:
    current, stale = (open_readonly(p) for p in pair)
    assert rollups.usable(current.conn) and not rollups.usable(stale.conn)
    fast, slow = QUERIES[name](current, f), QUERIES[name](stale, f)
    pd.testing.assert_frame_equal(
        pd.DataFrame(fast).reset_index(drop=True),
        pd.DataFrame(slow).reset_index(drop=True),
        check_dtype=False,
    )


@pytest.mark.parametrize("mentions", [False, True])
@pytest.mark.parametrize("dates", DATES, ids=[f"{a}..{b}" for a, b in DATES])
@pytest.mark.parametrize("name", QUERIES)
def test_rollups_answer_as_the_base_tables_do(pair, name, dates, mentions):
    assert_same(pair, name, Filters(start=dates[0], end=dates[1], mentions=mentions))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.dates(
        min_value=pd.Timestamp("2021-06-01").date(), max_value=pd.Timestamp("2025-06-30").date()
    ),
    days=st.integers(min_value=0, max_value=500),
    name=st.sampled_from(["outlet_leaderboard", "coverage_week", "over_time_outlet"]),
)
def test_rollups_match_for_any_dates(pair, first, days, name):
    last = first + pd.Timedelta(days=days)
    assert_same(pair, name, Filters(start=first.isoformat(), end=last.isoformat()))


def test_filters_the_rollups_cannot_answer_read_the_base_tables(pair):
    current = open_readonly(pair[0])
    for f in (Filters(outlets=("X",)), Filters(themes=("trade",)), Filters(q="tariffs")):
        assert not reads_rollups(current, f)
    assert reads_rollups(current, Filters(start="2023-01-01", mentions=True))


def test_every_change_is_rolled_up_at_the_end_of_an_ingest(db, tmp_path):
    page = tmp_path / "a.txt"
    page.write_text(STORY.format(date="May 16, 2024"), encoding="utf-8")
    ingest(db, [str(page)])
    assert rollups.usable(db.conn)
    assert _months(db) == {"2024-05"}
    # A newer revision moves the story to June: May's rows go, June's come.
    page.write_text(STORY.format(date="Jun 3, 2024"), encoding="utf-8")
    ingest(db, [str(page)])
    assert _months(db) == {"2024-06"}
    assert queries.top_outlets(db, Filters())["outlet"].tolist() == ["Nikkei Asia"]


def test_an_interrupted_ingest_is_caught_up_on_the_next_open(db_path, tmp_path):
    page = tmp_path / "a.txt"
    page.write_text(STORY.format(date="May 16, 2024"), encoding="utf-8")
    db = open_db(db_path)
    ingest(db, [str(page)])
    # As if an ingest died after storing a story: its month is noted, not yet rolled up.
    db.execute("DELETE FROM rollup_outlets")
    db.execute("INSERT INTO rollup_dirty VALUES ('2024-05')")
    reader = open_readonly(db_path)
    assert not rollups.usable(reader.conn)
    # Readers still see the truth, from the base tables.
    assert queries.top_outlets(reader, Filters())["outlet"].tolist() == ["Nikkei Asia"]
    db.conn.close()
    db = open_db(db_path)
    assert rollups.usable(db.conn) and _months(db) == {"2024-05"}


def _months(db) -> set[str]:
    return {r[0] for r in db.execute("SELECT DISTINCT month FROM rollup_outlets")}


STORY = """---
url: https://www.semafor.com/article/steel-tariff-talks
---
{date}, 8:00am EDT

Semafor Signals

Steel tariff talks resume after a long pause

The News

Negotiators met again to discuss tariffs on steel and the export rules both sides dispute.

SIGNALS

Tariffs weigh on the steel trade

Source: Nikkei Asia

Exporters expect the tariff talks to take months, and the steel trade to slow meanwhile.
"""


def test_month_split_covers_each_day_once():
    f = Filters(start="2023-03-14", end="2023-08-09")
    months, params, edges = queries.month_split(f)
    assert params == ["2023-04", "2023-08"]
    assert [(e.start, e.end) for e in edges] == [
        ("2023-03-14", "2023-03-31"),
        ("2023-08-01", "2023-08-09"),
    ]
    whole = queries.month_split(replace(f, start="2023-03-01", end="2023-08-31"))
    assert whole[1] == ["2023-03", "2023-09"] and whole[2] == []
    inside = queries.month_split(replace(f, start="2023-05-02", end="2023-05-20"))
    assert inside == ("0", [], [replace(f, start="2023-05-02", end="2023-05-20")])


def test_a_database_from_before_the_rollups_is_upgraded_in_place(db_path, tmp_path, monkeypatch):
    """Migrations 4 onwards on a database written by the version-3 schema: the rollups are filled
    and exact, and the full-text triggers of migration 5 handle a revision."""
    from signals_data import migrations

    # Without migrations 4 and 5 (later ones, which the writer of this version needs, stay).
    before_rollups = [m for m in migrations.MIGRATIONS if m[0] not in (4, 5)]
    monkeypatch.setattr(migrations, "MIGRATIONS", before_rollups)
    old = open_db(db_path)
    pages = tmp_path / "pages"
    pages.mkdir()
    for month in range(1, 7):
        text = STORY.format(date=f"{['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'][month - 1]} 9, 2024")
        (pages / f"{month}.txt").write_text(text.replace("steel-tariff-talks", f"talks-{month}"))
    ingest(old, [str(pages)])
    applied = {r[0] for r in old.execute("SELECT version FROM schema_migrations")}
    assert applied == {m[0] for m in before_rollups}
    old.conn.close()
    monkeypatch.undo()

    db = open_db(db_path)
    assert (
        db.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
        == migrations.MIGRATIONS[-1][0]
    )
    assert rollups.usable(db.conn)
    assert _months(db) == {f"2024-0{m}" for m in range(1, 7)}
    f = Filters(start="2024-02-15", end="2024-05-31")
    assert queries.top_outlets(db, f)["citations"].tolist() == [3]  # Mar 9, Apr 9, May 9
    # A newer revision of the March story, in one large batch with others: the index stays exact.
    revised = STORY.format(date="Mar 9, 2024").replace("steel-tariff-talks", "talks-3")
    (pages / "3.txt").write_text(revised.replace("pause", "standstill"))
    ingest(db, [str(pages)])
    db.execute("INSERT INTO stories_fts(stories_fts) VALUES ('integrity-check')")
    hits = db.execute("SELECT count(*) FROM stories_fts WHERE stories_fts MATCH 'standstill'")
    assert hits.fetchone()[0] == 1
