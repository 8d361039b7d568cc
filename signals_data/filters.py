"""The dashboard's and the CLI's filter set, and the SQL conditions it turns into.

A filter selects *signals*: published in the date range, citing any of the chosen outlets (credited
on a Source line, or also mentioned in the prose when ``mentions`` is on), carrying any of the
chosen themes, and matching the text query. A story matches when any of its signals does.

Values are always bound as parameters, never formatted into SQL; the only SQL built at run time
is the list of ``?`` placeholders and fixed condition snippets. ``queries`` and ``overlap`` build
every statement from the pieces here.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import sqlite_utils

from signals_data import rollups
from signals_data.errors import BadPeriod, QueryError


@dataclass(frozen=True)
class Filters:
    outlets: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    start: str | None = None  # YYYY-MM-DD, inclusive
    end: str | None = None  # YYYY-MM-DD, inclusive
    q: str = ""
    mentions: bool = False  # count outlets named in the prose, not only credited ones

    @property
    def roles(self) -> tuple[str, ...]:
        return ("credited", "mentioned") if self.mentions else ("credited",)

    @property
    def selective(self) -> bool:
        """Whether the filter picks few signals (an outlet or a text search): then queries start
        from the matching signals; otherwise they walk stories newest first."""
        return bool(self.outlets or self.q.strip())


def placeholders(values: Sequence) -> str:
    """``?,?,?``: one parameter mark per value."""
    return ",".join("?" * len(values))


def fts_query(text: str) -> str:
    """A safe FTS5 expression from what a user typed: "quoted phrases" (a missing closing quote
    is forgiven), AND/OR/NOT, and words; a trailing * keeps prefix search. Other punctuation
    only separates words, so nothing a user types can be an FTS5 syntax error."""
    out: list[str] = []
    for phrase, token in re.findall(r'"([^"]*)"?|([^\s"]+)', text):
        if token in ("AND", "OR", "NOT"):
            out.append(token)
        elif phrase:
            words = re.findall(r"\w+", phrase)
            if words:
                out.append('"' + " ".join(words) + '"')
        else:
            words = re.findall(r"\w+", token)
            prefix = token.rstrip(")]}.,;:!?").endswith("*")
            out += [f'"{w}"' for w in words[:-1]]
            if words:
                out.append(f'"{words[-1]}"' + ("*" if prefix else ""))
    # An operator needs words on both sides (NOT only on its right).
    while out and out[-1] in ("AND", "OR", "NOT"):
        out.pop()
    while out and out[0] in ("AND", "OR"):
        out.pop(0)
    cleaned: list[str] = []
    for item in out:
        if item in ("AND", "OR", "NOT") and cleaned and cleaned[-1] in ("AND", "OR", "NOT"):
            continue
        cleaned.append(item)
    while cleaned and cleaned[0] == "NOT":
        cleaned = cleaned[2:]  # FTS5 has no "everything but": drop the excluded term too
    return " ".join(cleaned)


def signal_conditions(f: Filters, alias: str = "s", id_column: str = "id") -> tuple[str, list]:
    """WHERE conditions and their parameters for a filter, on a table with one row per signal
    (``signals``) or per citation (``signal_outlets``, with ``id_column="signal_id"``): both
    have the columns published and story_id."""
    conditions, params = ["1 = 1"], []
    signal_id = f"{alias}.{id_column}"
    if f.start:
        conditions.append(f"{alias}.published >= ?")
        params.append(f.start)
    if f.end:
        conditions.append(f"{alias}.published <= ?")
        params.append(f.end)
    if f.outlets:
        conditions.append(
            f"{signal_id} IN (SELECT x.signal_id FROM signal_outlets x "
            f"WHERE x.outlet_id IN (SELECT id FROM outlets WHERE name IN "
            f"({placeholders(f.outlets)})) AND x.role IN ({placeholders(f.roles)}))"
        )
        params += [*f.outlets, *f.roles]
    if f.themes:
        # Themes are broad (a theme covers a large share of signals): a per-signal look-up in
        # the (signal_id, theme) key beats building and probing a list of matching signals.
        conditions.append(
            f"EXISTS (SELECT 1 FROM signal_themes t WHERE t.signal_id = {signal_id} "
            f"AND t.theme IN ({placeholders(f.themes)}))"
        )
        params += list(f.themes)
    if f.q.strip():
        expression = fts_query(f.q)
        if expression:
            conditions.append(
                f"({signal_id} IN (SELECT rowid FROM signals_fts WHERE signals_fts MATCH ?) "
                f"OR {alias}.story_id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?))"
            )
            params += [expression, expression]
    return " AND ".join(conditions), params


def citation_conditions(f: Filters, alias: str = "so") -> tuple[str, list]:
    """Conditions on ``signal_outlets`` rows: citations in the chosen roles, of filtered signals.

    Aggregates over outlets read this one table (and its covering indexes) instead of joining
    signals, stories and themes: the main theme and the date are copied onto each citation."""
    where, params = signal_conditions(f, alias, "signal_id")
    return f"{where} AND {alias}.role IN ({placeholders(f.roles)})", [*params, *f.roles]


def count_signals_sql(f: Filters, alias: str = "so") -> str:
    """The aggregate that counts signals among citation rows."""
    # A signal names an outlet once per role, and never in both roles: counting rows counts
    # signals unless mentions are included.
    return "count(*)" if not f.mentions else f"count(DISTINCT {alias}.signal_id)"


def reads_rollups(db: sqlite_utils.Database, f: Filters) -> bool:
    """Whether the rollups can answer this filter: dates and mentions only, rollups current."""
    return not (f.outlets or f.themes or f.q.strip()) and rollups.usable(db.conn)


def day_rollup_sql(table: str, columns: str, f: Filters, dated: bool = False) -> tuple[str, list]:
    """Rows of a per-day rollup within the filter's dates (only dated rows if ``dated``)."""
    conditions, params = ["day IS NOT NULL"] if dated else ["1"], []
    for bound, op in ((f.start, ">="), (f.end, "<=")):
        if bound:
            conditions.append(f"day {op} ?")
            params.append(bound)
    return f"SELECT {columns} FROM {table} WHERE {' AND '.join(conditions)}", params


PERIODS = {  # bucket of a date column: the Monday starting its week, or its month's first day
    "week": "date({}, '-6 days', 'weekday 1')",
    "month": "substr({}, 1, 7) || '-01'",
}


def period_bucket_sql(period: str, column: str) -> str:
    """The SQL expression that puts ``column`` (a date) into its week or month."""
    if period not in PERIODS:
        raise BadPeriod(period, tuple(PERIODS))
    return PERIODS[period].format(column)


def read_frame(db: sqlite_utils.Database, sql: str, params: Sequence = ()) -> pd.DataFrame:
    """Run a query into a DataFrame; a search SQLite cannot parse becomes a ``QueryError``."""
    try:
        cursor = db.execute(sql, list(params))
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
            raise QueryError(f"the search could not be understood ({exc})") from None
        raise
    columns = [c[0] for c in cursor.description]
    return pd.DataFrame(cursor.fetchall(), columns=columns)
