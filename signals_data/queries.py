"""The dashboard's and the CLI's queries (all but the overlap measures, in ``overlap``), each
named after what it returns.

Queries take a database and, where they are filtered, a ``Filters`` (see ``filters``, which also
holds the SQL conditions a filter becomes); they return plain Python values or pandas
DataFrames. Functions whose name ends in ``_sql`` return SQL and its parameters, for other
queries to build on.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import sqlite_utils

from signals_data import rollups
from signals_data.filters import (
    Filters,
    citation_conditions,
    count_signals_sql,
    day_rollup_sql,
    fts_query,
    period_bucket_sql,
    placeholders,
    read_frame,
    reads_rollups,
    signal_conditions,
)

# --- stored values on the way out ----------------------------------------------------------
# A database can hold what an older version, a hand edit or a bad import put there: a
# ``published`` of "garbage", NULL or a number where text is expected, a JSON column that is not
# JSON. Such a value is shown as unknown; it never makes a page fail for every visitor.

_ISO_DAY = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"  # GLOB pattern of YYYY-MM-DD


def parse_day(value: object) -> date | None:
    """A stored ``YYYY-MM-DD`` (a longer ISO timestamp counts by its date) as a date; None for
    NULL, a non-string or anything that is not a real calendar day."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def valid_day(value: object) -> str | None:
    """``value`` as ``YYYY-MM-DD`` if it is a real date, else None (an unknown date)."""
    day = parse_day(value)
    return day.isoformat() if day else None


def _valid_days(column: pd.Series) -> pd.Series:
    """A column of stored dates with every invalid value replaced by None."""
    return column.map(valid_day).astype(object)


def _json_list(value: object) -> list:
    """A stored JSON list (of strings or other scalars) as a list of strings; [] if it is not."""
    try:
        items = json.loads(value) if isinstance(value, (str, bytes)) else value
    except ValueError:
        return []
    if not isinstance(items, list):
        return []
    return [item if isinstance(item, str) else json.dumps(item) for item in items]


def _day_range(
    db: sqlite_utils.Database, sql: str, params: list, first: object, last: object
) -> tuple[str | None, str | None]:
    """The first and last real dates among the ``published`` values that ``sql`` selects, given
    its plain min and max. Only when those are not both dates (text sorts after digits, so one
    "garbage" value becomes the max) does it ask again, for the values shaped like dates."""
    first_day, last_day = valid_day(first), valid_day(last)
    if (first_day or first is None) and (last_day or last is None):
        return first_day, last_day
    days = [
        day
        for (value,) in db.execute(
            f"SELECT DISTINCT published FROM ({sql}) WHERE published GLOB '{_ISO_DAY}*' "
            f"ORDER BY published",
            params,
        )
        if (day := valid_day(value))
    ]
    return (days[0], days[-1]) if days else (None, None)


# --- rollups -----------------------------------------------------------------------------------
# The broadest views (no outlet, theme or text filter) read the precomputed aggregates of
# ``rollups`` instead of every citation. Each helper below returns a derived table with the same
# columns whichever source it reads, so every query is written once.


def month_split(f: Filters) -> tuple[str, list, list[Filters]]:
    """Split the filter's dates into whole months, read from the rollups (a condition on their
    ``month`` column, with parameters), and the days at either end that do not fill a month,
    read from the citations (as Filters with those dates)."""
    start = date.fromisoformat(f.start) if f.start else None
    end = date.fromisoformat(f.end) if f.end else None
    # first: the first day of the first whole month; after: the day after the last one.
    first = start if start is None or start.day == 1 else _month_after(start)
    after = None
    if end is not None:
        month_end = _month_after(end) - timedelta(days=1)
        after = _month_after(end) if end == month_end else end.replace(day=1)
    if first and after and first >= after:
        return "0", [], [f]  # no whole month: the citations answer it all
    conditions, params, edges = ["1"], [], []
    if first:
        conditions.append("month >= ?")
        params.append(first.isoformat()[:7])
        if first > start:
            edges.append(replace(f, end=(first - timedelta(days=1)).isoformat()))
    if after:
        conditions.append("month < ?")
        params.append(after.isoformat()[:7])
        if after <= end:
            edges.append(replace(f, start=after.isoformat()))
    return " AND ".join(conditions), params, edges


def _month_after(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


_CITATION_KEYS = {
    "outlet_id": "so.outlet_id",
    "theme": "so.theme",
    "month": "substr(so.published, 1, 7)",
}
_CITATION_MEASURES = {  # measure: (from the citations, how rollup rows combine)
    "signals": ("{signals}", "sum"),
    "stories": ("count(DISTINCT so.story_id)", "sum"),
    "first_seen": ("min(so.published)", "min"),
    "last_seen": ("max(so.published)", "max"),
}


def citation_totals_sql(
    db: sqlite_utils.Database, f: Filters, keys: tuple[str, ...], measures: tuple[str, ...]
) -> tuple[str, list]:
    """SQL for a derived table of the filtered citations grouped by ``keys`` (outlet_id, theme =
    the signal's main theme, month = 'YYYY-MM') with ``measures`` (signals, stories, first_seen,
    last_seen), and its parameters. Reads the rollups when the filter allows."""
    key_sql = ", ".join(f"{_CITATION_KEYS[k]} AS {k}" for k in keys)
    measure_sql = ", ".join(
        _CITATION_MEASURES[m][0].format(signals=count_signals_sql(f)) + f" AS {m}" for m in measures
    )

    def from_citations(part: Filters) -> tuple[str, list]:
        cite, params = citation_conditions(part)
        return (
            f"SELECT {key_sql}, {measure_sql} FROM signal_outlets so WHERE {cite} "
            f"GROUP BY {', '.join(_CITATION_KEYS[k] for k in keys)}",
            params,
        )

    if not reads_rollups(db, f):
        return from_citations(f)
    # Whole months from the rollups, the days at either end from the citations: a story has
    # one date, so the two parts never count the same story and their sums are exact.
    table = "rollup_outlet_themes" if "theme" in keys else "rollup_outlets"
    months, month_params, edges = month_split(f)
    parts = [
        f"SELECT {', '.join(keys)}, {', '.join(measures)} FROM {table} WHERE scope = ? AND {months}"
    ]
    params = ["any" if f.mentions else "credited", *month_params]
    for edge in edges:
        sql, edge_params = from_citations(edge)
        parts.append(sql)
        params += edge_params
    combined = ", ".join(f"{_CITATION_MEASURES[m][1]}({m}) AS {m}" for m in measures)
    return (
        f"SELECT {', '.join(keys)}, {combined} FROM ({' UNION ALL '.join(parts)}) "
        f"GROUP BY {', '.join(keys)}",
        params,
    )


def signals_by_period_sql(
    db: sqlite_utils.Database, f: Filters, period: str | None = None
) -> tuple[str, list]:
    """SQL for a derived table of the filtered signals counted by main theme and, when
    ``period`` is "week" or "month", by period (undated signals left out): columns period
    (NULL without a period), theme, signals. Reads the per-day rollup when the filter allows."""
    if reads_rollups(db, f):
        bucket = period_bucket_sql(period, "day") if period else "NULL"
        rows, params = day_rollup_sql(
            "rollup_themes", f"{bucket} AS period, theme, signals", f, dated=bool(period)
        )
        return (
            f"SELECT period, theme, sum(signals) AS signals FROM ({rows}) GROUP BY period, theme",
            params,
        )
    where, params = signal_conditions(f)
    bucket = period_bucket_sql(period, "s.published") if period else "NULL"
    dated = " AND s.published IS NOT NULL" if period else ""
    return (
        f"SELECT {bucket} AS period, s.theme, count(*) AS signals FROM signals s "
        f"WHERE {where}{dated} GROUP BY period, s.theme",
        params,
    )


# --- reference data ------------------------------------------------------------------------


def outlet_options(db: sqlite_utils.Database) -> pd.DataFrame:
    """Outlets that are cited at all, most cited first: name, kind, country, citations."""
    if rollups.usable(db.conn):
        # A signal names an outlet in one role only: mentions are "any" less "credited".
        return read_frame(
            db,
            "SELECT o.name, o.kind, o.country, o.reviewed, c.citations, c.mentions FROM "
            "(SELECT outlet_id, sum(iif(scope = 'credited', signals, 0)) AS citations, "
            "sum(iif(scope = 'any', signals, -signals)) AS mentions FROM rollup_outlets "
            "GROUP BY outlet_id) c JOIN outlets o ON o.id = c.outlet_id "
            "WHERE c.citations + c.mentions > 0 ORDER BY citations DESC, mentions DESC, name",
        )
    # Counting each outlet's range of the (outlet_id, role, ...) index beats a join and GROUP
    # BY over every citation by a factor of two or more.
    return read_frame(
        db,
        "SELECT * FROM (SELECT o.name, o.kind, o.country, o.reviewed, "
        "(SELECT count(*) FROM signal_outlets so WHERE so.outlet_id = o.id "
        " AND so.role = 'credited') AS citations, "
        "(SELECT count(*) FROM signal_outlets so WHERE so.outlet_id = o.id "
        " AND so.role = 'mentioned') AS mentions FROM outlets o) "
        "WHERE citations + mentions > 0 ORDER BY citations DESC, mentions DESC, name",
    )


def theme_options(db: sqlite_utils.Database) -> pd.DataFrame:
    return read_frame(db, "SELECT slug, name, description FROM themes ORDER BY rowid")


def date_bounds(db: sqlite_utils.Database) -> tuple[str | None, str | None]:
    """The first and last real publication dates of the stories (None, None if there are none)."""
    first, last = db.execute("SELECT min(published), max(published) FROM stories").fetchone()
    return _day_range(db, "SELECT published FROM stories", [], first, last)


def is_demo(db: sqlite_utils.Database) -> bool:
    row = db.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
    return bool(row and row[0] == "1")


# --- overview ----------------------------------------------------------------------------------


def kpis(db: sqlite_utils.Database, f: Filters) -> dict:
    """Stories, signals, outlets cited and the date span of the filtered signals."""
    where, params = signal_conditions(f)
    row = db.execute(
        f"SELECT count(DISTINCT s.story_id), count(*), min(s.published), max(s.published) "
        f"FROM signals s WHERE {where}",
        params,
    ).fetchone()
    cite, cite_params = citation_conditions(f)
    if reads_rollups(db, f):
        totals, cite_params = citation_totals_sql(db, f, ("outlet_id",), ("signals",))
        sql = f"SELECT count(*) FROM ({totals})"
    elif f.selective:
        # Few signals match: count the outlets of those signals.
        sql = f"SELECT count(DISTINCT so.outlet_id) FROM signal_outlets so WHERE {cite}"
    else:
        # Most signals match: ask each outlet whether it has one matching citation.
        sql = (
            f"SELECT count(*) FROM outlets o WHERE EXISTS (SELECT 1 FROM signal_outlets so "
            f"WHERE so.outlet_id = o.id AND {cite})"
        )
    outlets = db.execute(sql, cite_params).fetchone()[0]
    first, last = _day_range(
        db, f"SELECT s.published FROM signals s WHERE {where}", params, row[2], row[3]
    )
    return {"stories": row[0], "signals": row[1], "outlets": outlets, "first": first, "last": last}


def previous_period(f: Filters, first: str | None, last: str | None) -> Filters | None:
    """The same filters over the period of equal length just before this one; None when the
    period has no valid start and end (dates that are not dates count as unknown) or when
    there is no such earlier period."""
    start_d, end_d = parse_day(f.start or first), parse_day(f.end or last)
    if start_d is None or end_d is None or end_d < start_d:
        return None
    length = (end_d - start_d).days + 1
    try:
        prev_end = start_d - timedelta(days=1)
        prev_start = prev_end - timedelta(days=length - 1)
    except OverflowError:  # before year 1
        return None
    return replace(f, start=prev_start.isoformat(), end=prev_end.isoformat())


def coverage_by_period(db: sqlite_utils.Database, f: Filters, period: str = "week") -> pd.DataFrame:
    """Signals per week (starting Monday) or per month by main theme: period, theme, signals."""
    counts, params = signals_by_period_sql(db, f, period)
    frame = read_frame(db, f"SELECT * FROM ({counts}) ORDER BY period, theme", params)
    return only_dated(frame, "period")


def only_dated(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """The rows whose ``column`` is a real date: a stored date that is not one (its week or
    month computed as NULL or as "garbage-01") is left out of a timeline, as undated."""
    if frame.empty:
        return frame
    return frame[frame[column].map(parse_day).notna()].reset_index(drop=True)


def coverage_period(first: str | None, last: str | None) -> str:
    """Weeks for up to a year of data, months beyond: charts stay readable and light."""
    first_d, last_d = parse_day(first), parse_day(last)
    if first_d is None or last_d is None:
        return "week"
    return "week" if (last_d - first_d).days <= 370 else "month"


def top_outlets(db: sqlite_utils.Database, f: Filters, limit: int = 15) -> pd.DataFrame:
    """The most cited outlets among the filtered signals: outlet, kind, citations, stories."""
    totals, params = citation_totals_sql(db, f, ("outlet_id",), ("signals", "stories"))
    return read_frame(
        db,
        f"SELECT o.name AS outlet, o.kind, c.signals AS citations, c.stories FROM ({totals}) c "
        f"JOIN outlets o ON o.id = c.outlet_id ORDER BY c.signals DESC, o.name LIMIT ?",
        [*params, limit],
    )


# --- stories -----------------------------------------------------------------------------------


def stories_table(
    db: sqlite_utils.Database, f: Filters, limit: int = 1000, offset: int = 0
) -> pd.DataFrame:
    """Filtered stories, newest first: id, published, title, themes, outlets, signals, url."""
    where, params = signal_conditions(f)
    if f.selective:
        page = (
            f"SELECT st.id, st.published FROM stories st WHERE st.id IN "
            f"(SELECT s.story_id FROM signals s WHERE {where}) "
            f"ORDER BY st.published DESC, st.id DESC LIMIT ? OFFSET ?"
        )
    else:
        page = (
            f"SELECT st.id, st.published FROM stories st WHERE EXISTS "
            f"(SELECT 1 FROM signals s WHERE s.story_id = st.id AND {where}) "
            f"ORDER BY st.published DESC, st.id DESC LIMIT ? OFFSET ?"
        )
    frame = read_frame(
        db,
        # MATERIALIZED: pick the page once, then describe only its stories. (Newest first:
        # SQLite sorts NULL dates last in descending order.)
        f"WITH page AS MATERIALIZED ({page}) "
        f"SELECT st.id, st.published, st.title, "
        f"coalesce((SELECT group_concat(theme, ', ') FROM (SELECT DISTINCT s.theme "
        f"  FROM signals s WHERE s.story_id = st.id)), '') AS themes, "
        f"coalesce((SELECT group_concat(name, ', ') FROM (SELECT DISTINCT o.name "
        f"  FROM signal_outlets so JOIN outlets o ON o.id = so.outlet_id "
        f"  WHERE so.story_id = st.id AND so.role = 'credited')), '') AS outlets, "
        f"st.signal_count AS signals, st.region, st.url "
        f"FROM page JOIN stories st ON st.id = page.id "
        f"ORDER BY st.published DESC, st.id DESC",
        [*params, limit, offset],
    )
    return _tidy_stories(frame)


def _tidy_stories(frame: pd.DataFrame) -> pd.DataFrame:
    """Stored values a table can show: real dates or None, whole signal counts or None."""
    if frame.empty:
        return frame
    counts = pd.to_numeric(frame["signals"], errors="coerce")
    counts = counts.where(counts.abs() < 2**63).round()  # beyond int64 (a REAL) is not a count
    return frame.assign(published=_valid_days(frame["published"]), signals=counts.astype("Int64"))


def story_count(db: sqlite_utils.Database, f: Filters) -> int:
    where, params = signal_conditions(f)
    return db.execute(
        f"SELECT count(DISTINCT s.story_id) FROM signals s WHERE {where}", params
    ).fetchone()[0]


def story_id_from(value: object) -> int | None:
    """A story id from a link: ASCII digits that fit SQLite's integers, else None ("²", "-1",
    "1.5", "" and 99999999999999999999 name no story)."""
    text = value if isinstance(value, str) else ""
    if not (1 <= len(text) <= 19 and text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number < 2**63 else None


def _columns(db: sqlite_utils.Database, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info([{table}])")}


def _curated_main_themes(db: sqlite_utils.Database, key: str | None) -> set[int]:
    """Positions of the story's signals whose main theme an editor chose (none in databases from
    before the curation tables)."""
    if not key or not db["curated_signal_themes"].exists():
        return set()
    rows = db.execute("SELECT position FROM curated_signal_themes WHERE story_key = ?", [key])
    return {position for (position,) in rows}


def story_detail(db: sqlite_utils.Database, story_id: int) -> dict | None:
    """One story with its signals, their sources by role and their themes with matched terms
    (``theme_chosen_by_editor`` when the main theme is a curated override).

    Stored text columns come back as strings (NULL as ""), except ``published`` (a real date or
    None, with ``published_raw`` the stored value) and ``url`` and ``updated`` (None if empty)."""
    if not isinstance(story_id, int) or not 0 < story_id < 2**63:
        return None
    rows = list(db.query("SELECT * FROM stories WHERE id = ?", [story_id]))
    if not rows:
        return None
    story = rows[0]
    story["insights_from"] = _json_list(story["insights_from"])
    story["flags"] = _json_list(story["flags"])
    story["published_raw"] = story["published"]
    story["published"] = valid_day(story["published"])
    for key in ("title", "summary", "region", "category", "sponsor"):
        story[key] = _text(story.get(key))
    for key in ("url", "updated"):
        story[key] = _text(story.get(key)) or None
    signals = list(
        db.query("SELECT * FROM signals WHERE story_id = ? ORDER BY position", [story_id])
    )
    links = db.execute(
        "SELECT so.signal_id, so.role, o.name, o.kind FROM signal_outlets so "
        "JOIN outlets o ON o.id = so.outlet_id WHERE so.story_id = ? ORDER BY so.rowid",
        [story_id],
    ).fetchall()
    # Databases from before migration 6 have no similarity column yet (read-only opens do not
    # migrate): show the matched terms alone there.
    similarity = "st.similarity" if "similarity" in _columns(db, "signal_themes") else "NULL"
    themes = db.execute(
        f"SELECT st.signal_id, st.theme, t.name, st.score, st.terms, {similarity} "
        "FROM signal_themes st JOIN themes t ON t.slug = st.theme WHERE st.story_id = ? "
        "ORDER BY st.signal_id, st.rank",
        [story_id],
    ).fetchall()
    chosen = _curated_main_themes(db, story.get("key"))
    for signal in signals:
        signal["flags"] = _json_list(signal["flags"])
        signal["theme_chosen_by_editor"] = signal["position"] in chosen
        signal["headline"], signal["body"] = _text(signal["headline"]), _text(signal["body"])
        signal["credited"] = [
            _text(n) for sid, r, n, _ in links if sid == signal["id"] and r == "credited"
        ]
        signal["mentioned"] = [
            _text(n) for sid, r, n, _ in links if sid == signal["id"] and r == "mentioned"
        ]
        signal["themes"] = [
            {
                "slug": slug,
                "name": _text(name),
                "score": score,
                "terms": _json_list(terms),
                "similarity": similar if isinstance(similar, float) else None,
            }
            for sid, slug, name, score, terms, similar in themes
            if sid == signal["id"]
        ]
    story["signals"] = signals
    story["documents"] = list(
        db.query(
            "SELECT id, origin, format, status, ingested_at FROM documents WHERE story_id = ? "
            "ORDER BY id",
            [story_id],
        )
    )
    return story


def _text(value: object) -> str:
    """A stored value where text is expected: NULL as "", anything else as its ``str``."""
    return "" if value is None else value if isinstance(value, str) else str(value)


def related_stories(db: sqlite_utils.Database, story_id: int, limit: int = 5) -> pd.DataFrame:
    """Stories sharing credited outlets and main themes with this one, most shared first."""
    frame = read_frame(
        db,
        "WITH mine_o AS (SELECT DISTINCT outlet_id FROM signal_outlets "
        "  WHERE story_id = ? AND role = 'credited'), "
        "mine_t AS (SELECT DISTINCT theme FROM signal_themes WHERE story_id = ? AND rank = 1), "
        "shared_o AS (SELECT so.story_id, count(DISTINCT so.outlet_id) AS n FROM signal_outlets so "
        "  WHERE so.outlet_id IN mine_o AND so.role = 'credited' AND so.story_id != ? "
        "  GROUP BY so.story_id), "
        # Themes are counted only for stories that share an outlet (the only ones listed):
        # a main theme is shared by tens of thousands of stories in a large archive.
        "shared_t AS (SELECT t.story_id, count(DISTINCT t.theme) AS n FROM signal_themes t "
        "  WHERE t.story_id IN (SELECT story_id FROM shared_o) AND t.theme IN mine_t "
        "  AND t.rank = 1 AND t.story_id != ? GROUP BY t.story_id) "
        "SELECT s.id, s.published, s.title, coalesce(o.n, 0) AS shared_outlets, "
        "coalesce(t.n, 0) AS shared_themes FROM shared_o o "
        "LEFT JOIN shared_t t ON t.story_id = o.story_id JOIN stories s ON s.id = o.story_id "
        "ORDER BY shared_outlets + shared_themes DESC, s.published DESC LIMIT ?",
        [story_id, story_id, story_id, story_id, limit],
    )
    return frame.assign(published=_valid_days(frame["published"])) if not frame.empty else frame


# --- outlets -----------------------------------------------------------------------------------


def outlet_leaderboard(db: sqlite_utils.Database, f: Filters, limit: int = 500) -> pd.DataFrame:
    """Per outlet: kind, country, citations, stories, first and last seen, share by main theme."""
    totals, params = citation_totals_sql(
        db, f, ("outlet_id",), ("signals", "stories", "first_seen", "last_seen")
    )
    board = read_frame(
        db,
        f"SELECT o.name AS outlet, o.kind, o.country, o.reviewed, c.signals AS citations, "
        f"c.stories, c.first_seen, c.last_seen FROM ({totals}) c "
        f"JOIN outlets o ON o.id = c.outlet_id ORDER BY c.signals DESC, o.name LIMIT ?",
        [*params, limit],
    )
    if board.empty:
        return board
    board["first_seen"] = _valid_days(board["first_seen"])
    board["last_seen"] = _valid_days(board["last_seen"])
    mix = theme_mix_by_outlet(db, f)
    mix = mix[mix["outlet"].isin(board["outlet"])]
    if not mix.empty:
        shares = mix.pivot_table(index="outlet", columns="theme", values="share", fill_value=0)
        board = board.merge(
            shares.add_prefix("share_"), left_on="outlet", right_index=True, how="left"
        )
    return board


def theme_mix_by_outlet(
    db: sqlite_utils.Database, f: Filters, outlets: tuple[str, ...] = ()
) -> pd.DataFrame:
    """For each outlet, the share of its cited signals whose main theme is each theme."""
    totals, params = citation_totals_sql(db, f, ("outlet_id", "theme"), ("signals",))
    only = f"WHERE o.name IN ({placeholders(outlets)})" if outlets else ""
    frame = read_frame(
        db,
        f"SELECT o.name AS outlet, c.theme, c.signals FROM ({totals}) c "
        f"JOIN outlets o ON o.id = c.outlet_id {only}",
        [*params, *outlets],
    )
    if frame.empty:
        return frame.assign(share=[])
    frame["share"] = frame["signals"] / frame.groupby("outlet")["signals"].transform("sum")
    return frame


def theme_mix(db: sqlite_utils.Database, f: Filters) -> pd.DataFrame:
    """Share of the filtered signals by main theme: theme, signals, share."""
    frame = signals_by_theme(db, f)
    total = frame["signals"].sum() if not frame.empty else 0
    frame["share"] = frame["signals"] / total if total else 0.0
    return frame


def signals_by_theme(db: sqlite_utils.Database, f: Filters) -> pd.DataFrame:
    """The filtered signals by main theme: theme, signals (most first)."""
    counts, params = signals_by_period_sql(db, f)
    return read_frame(
        db, f"SELECT theme, signals FROM ({counts}) ORDER BY signals DESC, theme", params
    )


def outlet_timeline(db: sqlite_utils.Database, f: Filters, outlet: str) -> pd.DataFrame:
    """Citations of one outlet per month: month (YYYY-MM-01), citations."""
    cite, params = citation_conditions(replace(f, outlets=()))
    frame = read_frame(
        db,
        f"SELECT substr(so.published, 1, 7) || '-01' AS month, {count_signals_sql(f)} AS citations "
        f"FROM signal_outlets so WHERE so.outlet_id = (SELECT id FROM outlets WHERE name = ?) "
        f"AND so.published IS NOT NULL AND {cite} GROUP BY month ORDER BY month",
        [outlet, *params],
    )
    return only_dated(frame, "month")


def cited_beside(
    db: sqlite_utils.Database, f: Filters, outlet: str, limit: int = 10
) -> pd.DataFrame:
    """Outlets cited in the same stories as this one: outlet, stories."""
    cite, params = citation_conditions(replace(f, outlets=()))
    return read_frame(
        db,
        f"WITH me AS (SELECT id FROM outlets WHERE name = ?), "
        f"mine AS (SELECT DISTINCT so.story_id FROM signal_outlets so "
        f"  WHERE so.outlet_id = (SELECT id FROM me) AND {cite}) "
        f"SELECT o.name AS outlet, c.stories FROM (SELECT so.outlet_id, "
        f"count(DISTINCT so.story_id) AS stories FROM mine "
        f"JOIN signal_outlets so ON so.story_id = mine.story_id "
        f"WHERE so.outlet_id != (SELECT id FROM me) AND {cite} GROUP BY so.outlet_id) c "
        f"JOIN outlets o ON o.id = c.outlet_id ORDER BY c.stories DESC, o.name LIMIT ?",
        [outlet, *params, *params, limit],
    )


# --- drill-down and search -----------------------------------------------------------------


def signals_list(
    db: sqlite_utils.Database,
    f: Filters,
    *,
    all_outlets: tuple[str, ...] = (),
    theme: str | None = None,
    main_theme: bool = False,
    all_themes: tuple[str, ...] = (),
    same_story: bool = False,
    story_ids: tuple[int, ...] = (),
    limit: int = 200,
) -> pd.DataFrame:
    """The signals behind a chart element: filtered signals that cite every outlet in
    ``all_outlets`` (in the same story when ``same_story``, else on the same signal), carry
    ``theme`` (as main theme when ``main_theme``) and every theme in ``all_themes``, and belong
    to ``story_ids`` if given. Columns: story_id, published, title, position, headline,
    outlets, mentions, theme."""
    where, params = signal_conditions(f)
    roles = placeholders(f.roles)
    for name in all_outlets:
        column = "so.story_id" if same_story else "so.signal_id"
        target = "s.story_id" if same_story else "s.id"
        where += (
            f" AND {target} IN (SELECT {column} FROM signal_outlets so "
            f"JOIN outlets o ON o.id = so.outlet_id WHERE o.name = ? AND so.role IN ({roles}))"
        )
        params += [name, *f.roles]
    if theme:
        rank = " AND rank = 1" if main_theme else ""
        where += f" AND s.id IN (SELECT signal_id FROM signal_themes WHERE theme = ?{rank})"
        params.append(theme)
    for name in all_themes:
        where += " AND s.id IN (SELECT signal_id FROM signal_themes WHERE theme = ?)"
        params.append(name)
    if story_ids:
        where += f" AND s.story_id IN ({placeholders(story_ids)})"
        params += [int(i) for i in story_ids]
    # Pick the page of signals first (newest first, by the date copied onto each signal), then
    # describe only those: describing every match before sorting cost seconds at 100k stories.
    return read_frame(
        db,
        f"WITH page AS MATERIALIZED (SELECT s.id, s.story_id, s.position, s.headline, "
        f"s.published, s.theme FROM signals s WHERE {where} "
        f"ORDER BY s.published DESC, s.story_id DESC, s.position LIMIT ?) "
        f"SELECT p.story_id, st.published, st.title, p.position, p.headline, "
        f"coalesce((SELECT group_concat(o.name, ', ') FROM signal_outlets so JOIN outlets o "
        f"  ON o.id = so.outlet_id WHERE so.signal_id = p.id AND so.role = 'credited'), '') "
        f"  AS outlets, "
        f"coalesce((SELECT group_concat(o.name, ', ') FROM signal_outlets so JOIN outlets o "
        f"  ON o.id = so.outlet_id WHERE so.signal_id = p.id AND so.role = 'mentioned'), '') "
        f"  AS mentions, p.theme "
        f"FROM page p JOIN stories st ON st.id = p.story_id "
        f"ORDER BY p.published DESC, p.story_id DESC, p.position",
        [*params, limit],
    )


HIGHLIGHT_START, HIGHLIGHT_END = "\x02", "\x03"


def search(db: sqlite_utils.Database, f: Filters, limit: int = 100) -> pd.DataFrame:
    """Signals matching ``f.q`` (and the other filters), best first, with highlighted snippets.

    Snippets mark matches with the control characters HIGHLIGHT_START / HIGHLIGHT_END, so the
    dashboard can escape all page text first and only then turn the marks into highlights.
    """
    expression = fts_query(f.q)
    if not expression:
        return pd.DataFrame(
            columns=["story_id", "published", "title", "position", "headline", "snippet", "outlets"]
        )
    where, params = signal_conditions(replace(f, q=""))
    return read_frame(
        db,
        f"SELECT s.story_id, st.published, st.title, s.position, s.headline, "
        f"snippet(signals_fts, -1, ?, ?, ' … ', 24) AS snippet, "
        f"coalesce((SELECT group_concat(o.name, ', ') FROM signal_outlets so JOIN outlets o "
        f"  ON o.id = so.outlet_id WHERE so.signal_id = s.id AND so.role = 'credited'), '') "
        f"  AS outlets "
        f"FROM signals_fts JOIN signals s ON s.id = signals_fts.rowid "
        f"JOIN stories st ON st.id = s.story_id "
        f"WHERE signals_fts MATCH ? AND {where} ORDER BY bm25(signals_fts) LIMIT ?",
        [HIGHLIGHT_START, HIGHLIGHT_END, expression, *params, limit],
    )


def corpus_stats(db: sqlite_utils.Database) -> dict:
    """Counts for ``signals stats``."""

    def one(sql: str, params: list | None = None):
        return db.execute(sql, params or []).fetchone()[0]

    first, last = db.execute("SELECT min(published), max(published) FROM stories").fetchone()
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "documents_by_status": dict(
            db.execute("SELECT status, count(*) FROM documents GROUP BY status ORDER BY 2 DESC")
        ),
        "stories": one("SELECT count(*) FROM stories"),
        "signals": one("SELECT count(*) FROM signals"),
        "first_date": first,
        "last_date": last,
        "undated": one("SELECT count(*) FROM stories WHERE published IS NULL"),
        "outlets_cited": one("SELECT count(DISTINCT outlet_id) FROM signal_outlets"),
        "unreviewed": [
            r[0]
            for r in db.execute(
                "SELECT name FROM outlets WHERE reviewed = 0 ORDER BY name COLLATE NOCASE"
            )
        ],
        "themes": dict(
            db.execute(
                "SELECT theme, count(*) FROM signal_themes WHERE rank = 1 GROUP BY theme "
                "ORDER BY 2 DESC"
            )
        ),
        "top_outlets": db.execute(
            "SELECT o.name, count(*) FROM signal_outlets so JOIN outlets o ON o.id = so.outlet_id "
            "WHERE so.role = 'credited' GROUP BY o.id ORDER BY 2 DESC, o.name LIMIT 10"
        ).fetchall(),
    }


# --- themes ---------------------------------------------------------------------------------


def theme_cooccurrence(db: sqlite_utils.Database, f: Filters) -> pd.DataFrame:
    """Pairs of themes carried by the same signal: theme_a, theme_b, signals."""
    if reads_rollups(db, f):
        pairs, params = day_rollup_sql("rollup_theme_pairs", "theme_a, theme_b, signals", f)
        return read_frame(
            db,
            f"SELECT theme_a, theme_b, sum(signals) AS signals FROM ({pairs}) "
            f"GROUP BY theme_a, theme_b ORDER BY signals DESC, theme_a, theme_b",
            params,
        )
    where, params = signal_conditions(f)
    return read_frame(
        db,
        f"SELECT a.theme AS theme_a, b.theme AS theme_b, count(*) AS signals "
        f"FROM signal_themes a JOIN signal_themes b ON b.signal_id = a.signal_id "
        f"AND a.theme < b.theme WHERE a.signal_id IN (SELECT s.id FROM signals s WHERE {where}) "
        f"GROUP BY a.theme, b.theme ORDER BY signals DESC, theme_a, theme_b",
        params,
    )


def coverage_over_time(
    db: sqlite_utils.Database, f: Filters, by: str = "theme", top: int = 8
) -> pd.DataFrame:
    """Signals per month for each main theme or each of the ``top`` outlets:
    month (YYYY-MM-01), key, signals."""
    if by == "theme":
        counts, params = signals_by_period_sql(db, f, "month")
        frame = read_frame(
            db, f"SELECT period AS month, theme AS key, signals FROM ({counts})", params
        )
        return only_dated(frame, "month")
    totals, params = citation_totals_sql(db, f, ("month", "outlet_id"), ("signals",))
    frame = read_frame(
        db,
        f"SELECT c.month || '-01' AS month, o.name AS key, c.signals FROM ({totals}) c "
        f"JOIN outlets o ON o.id = c.outlet_id WHERE c.month IS NOT NULL",
        params,
    )
    frame = only_dated(frame, "month")
    leaders = frame.groupby("key")["signals"].sum().sort_values(ascending=False).head(top).index
    return frame[frame["key"].isin(leaders)].reset_index(drop=True)


def top_outlets_by_theme(db: sqlite_utils.Database, f: Filters, per_theme: int = 5) -> pd.DataFrame:
    """For each main theme, its most cited outlets: theme, outlet, signals."""
    frame = theme_mix_by_outlet(db, f)[["theme", "outlet", "signals"]]
    frame = frame.sort_values(["theme", "signals", "outlet"], ascending=[True, False, True])
    return frame.groupby("theme").head(per_theme).reset_index(drop=True)
