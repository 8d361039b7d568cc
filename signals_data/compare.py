"""Compare two selections of signals, A and B: which outlets and themes set them apart.

Each side is a full ``Filters`` (outlets, themes, dates, text, mentions). In links the two sides
are the dashboard's filter parameters prefixed ``a_`` and ``b_`` (``a_theme=trade&b_theme=
diplomacy``); on the command line they are ``key=value`` items with the plain names. A side
without any filter is every signal.

Every public function takes the database and the two sides and returns a DataFrame or a small
named tuple, so the Compare page and ``signals compare`` read the same numbers.

Statistics (``distinctiveness``), per outlet or main theme, with ``n_a`` and ``n_b`` the signal
counts of the two sides and ``count_a``, ``count_b`` the signals of each side crediting the
outlet (or with that main theme):
- ``share_*`` = count / n of that side; ``diff`` = share_a - share_b.
- ``log_ratio`` = log2(((count_a + 0.5) / n_a) / ((count_b + 0.5) / n_b)): how many times more
  often A cites it than B, as a power of two. The 0.5 added to both counts keeps it finite when
  one side never cites the outlet, and pulls ratios of very small counts towards 0.
- ``g2``: Dunning's log-likelihood statistic for the 2x2 table (count_a, n_a - count_a; count_b,
  n_b - count_b): 2 * sum(O * ln(O / E)) over its four cells, E the count expected if both sides
  cited the outlet at the same rate, and 0 * ln 0 = 0. It is better behaved than Pearson's
  chi-squared when the expected counts are small, as they are for most outlets (Dunning, 1993).
  With one degree of freedom, G2 above 3.84, 6.63 and 10.83 corresponds to p < 0.05, 0.01 and
  0.001 when the sides are independent samples; when they overlap (the current filters against
  everything) it is still a fair ranking, but not a p-value. The log-ratio says how large a
  difference is, G2 how much evidence there is for it.
- ``favours``: "a" or "b" by the sign of the log-ratio ("neither" when it is 0).
Rows are sorted by G2 signed by the direction of the log-ratio: most typical of A first, most
typical of B last.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import NamedTuple

import numpy as np
import pandas as pd
import sqlite_utils

from signals_data import overlap, rollups
from signals_data.drill import SEPARATOR, escape_part, split_parts
from signals_data.errors import BadMeasure, BadPeriod, SignalsError
from signals_data.filters import citation_conditions, read_frame, signal_conditions
from signals_data.queries import (
    Filters,
    only_dated,
    previous_period,
    signals_by_theme,
    signals_list,
)

SIDE_KEYS = ("outlet", "theme", "start", "end", "q", "mentions")
TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")
PSEUDO_COUNT = 0.5
COLUMNS = ["key", "count_a", "count_b", "share_a", "share_b", "diff", "log_ratio", "g2", "favours"]
PERIODS = ("week", "month")
PAIR_MEASURES = ("count", "jaccard", "association")
DRILL_BY = ("outlet", "theme", "pair")


# --- errors ------------------------------------------------------------------------------------


class CompareError(SignalsError):
    """A comparison that cannot be made; the message says which side and what to change."""


class BadSideParameter(CompareError):
    """A side's parameter is unknown or its value is malformed (not a date, not key=value...)."""


class UnknownOutlet(CompareError):
    """A side names an outlet this database does not know."""


class UnknownTheme(CompareError):
    """A side names a theme slug this database does not know."""


class IdenticalSides(CompareError):
    """A and B select the same signals in the same way: there is nothing to compare."""


class EmptySides(IdenticalSides):
    """Neither side has a filter: both are every signal."""


class NoSignals(CompareError):
    """A side selects no signal at all."""


class NoPeriod(CompareError):
    """The period preset needs a date range, and there is none (no dates in the filters or data)."""


class SideSize(NamedTuple):
    stories: int
    signals: int


# --- sides from parameters and back ------------------------------------------------------------


def _prefix(prefix: str) -> str:
    """The parameter prefix: "a" and "a_" both give "a_" (a_outlet, a_theme...), "" stays ""."""
    return prefix if not prefix or prefix.endswith("_") else prefix + "_"


def _values(params: Mapping[str, object], name: str) -> list[str]:
    """The non-empty values of one parameter (a single string counts as a list of one)."""
    raw = params.get(name, [])
    items = [raw] if isinstance(raw, str) else list(raw or [])
    return [str(v).strip() for v in items if v is not None and str(v).strip()]


def _single(params: Mapping[str, object], name: str) -> str | None:
    values = list(dict.fromkeys(_values(params, name)))
    if len(values) > 1:
        raise BadSideParameter(f"{name} is given twice, with different values: {values[:2]}")
    return values[0] if values else None


def _day(params: Mapping[str, object], name: str) -> str | None:
    value = _single(params, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadSideParameter(
            f"{name} {value!r} is not a date; use YYYY-MM-DD, e.g. 2024-05-16"
        ) from None


def _flag(params: Mapping[str, object], name: str) -> bool:
    value = _single(params, name)
    if value is None:
        return False
    if value.lower() in TRUE_WORDS:
        return True
    if value.lower() in FALSE_WORDS:
        return False
    raise BadSideParameter(f"{name} {value!r} is not on or off; use {name}=1 or {name}=0")


def side_from_params(
    params: Mapping[str, list[str]], prefix: str, *, strict: bool = False
) -> Filters:
    """One side's ``Filters`` from URL or CLI parameters: ``{prefix}outlet`` and
    ``{prefix}theme`` (repeatable), ``{prefix}start``, ``{prefix}end`` (YYYY-MM-DD),
    ``{prefix}q`` and ``{prefix}mentions`` (1/0, true/false). ``prefix`` is "a_" or "b_" (or
    "a", "b"; "" for plain names). Empty values are ignored, as in the sidebar's links.

    Raises ``BadSideParameter`` for a malformed value, and with ``strict`` for any parameter
    starting with the prefix that is not one of these (with prefix "", for any other key)."""
    p = _prefix(prefix)
    if strict:
        unknown = sorted(k for k in params if k.startswith(p) and k[len(p) :] not in SIDE_KEYS)
        if unknown:
            raise BadSideParameter(
                f"unknown parameter {unknown[0]!r}; use {', '.join(p + k for k in SIDE_KEYS)}"
            )
    start, end = _day(params, p + "start"), _day(params, p + "end")
    if start and end and start > end:
        raise BadSideParameter(f"{p}start {start} is after {p}end {end}: no date can match")
    return Filters(
        outlets=tuple(dict.fromkeys(_values(params, p + "outlet"))),
        themes=tuple(dict.fromkeys(_values(params, p + "theme"))),
        start=start,
        end=end,
        q=_single(params, p + "q") or "",
        mentions=_flag(params, p + "mentions"),
    )


def params_from_items(items: Iterable[str]) -> dict[str, list[str]]:
    """``key=value`` items (the CLI's ``--a theme=trade``) as parameters with plain names.

    Raises ``BadSideParameter`` for an item without "=", an unknown key or an empty value."""
    params: dict[str, list[str]] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not sep:
            raise BadSideParameter(f"{item!r} is not key=value (e.g. theme=trade)")
        if key not in SIDE_KEYS:
            raise BadSideParameter(f"unknown key {key!r} in {item!r}; use {', '.join(SIDE_KEYS)}")
        if not value:
            raise BadSideParameter(f"{key}= has no value")
        params.setdefault(key, []).append(value)
    return params


def side_params(f: Filters, prefix: str) -> dict[str, list[str]]:
    """The parameters of one side (the inverse of ``side_from_params``), for links."""
    p = _prefix(prefix)
    params = {
        p + "outlet": list(f.outlets),
        p + "theme": list(f.themes),
        p + "start": [f.start] if f.start else [],
        p + "end": [f.end] if f.end else [],
        p + "q": [f.q] if f.q.strip() else [],
        # "true" as the page's bound toggle writes it (1, yes and on are read too).
        p + "mentions": ["true"] if f.mentions else [],
    }
    return {k: v for k, v in params.items() if v}


def comparison_params(a: Filters, b: Filters) -> dict[str, list[str]]:
    """The URL parameters of a comparison: a link to it reproduces both sides."""
    return {**side_params(a, "a_"), **side_params(b, "b_")}


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def filters_in_words(f: Filters, theme_names: Mapping[str, str] | None = None) -> str:
    """A side in plain words: "trade stories crediting Reuters, 2024-01-01 to 2024-06-30".

    ``theme_names`` maps slugs to display names (slugs are shown without it)."""
    names = theme_names or {}
    themes = [names.get(t, t) for t in f.themes]
    subject = f"{_either(themes)} stories" if themes else "stories"
    parts = [subject]
    if f.outlets:
        verb = "crediting or mentioning" if f.mentions else "crediting"
        parts.append(f"{verb} {_either(list(f.outlets))}")
    if f.q.strip():
        parts.append(f"matching “{f.q.strip()}”")
    text = " ".join(parts) if len(parts) > 1 or themes else "all stories"
    if f.start and f.end:
        text += f", {f.start} to {f.end}"
    elif f.start:
        text += f", from {f.start}"
    elif f.end:
        text += f", up to {f.end}"
    if f.mentions and not f.outlets:
        text += " (outlets named in the prose counted too)"
    return text


# --- presets -----------------------------------------------------------------------------------


def preset_current_vs_all(f: Filters) -> tuple[Filters, Filters]:
    """The current filters against every signal (counting mentions the same way)."""
    return f, Filters(mentions=f.mentions)


def preset_period_vs_previous(
    f: Filters, first: str | None, last: str | None
) -> tuple[Filters, Filters]:
    """The current filters over their period against the same filters over the period of the
    same length just before it. ``first`` and ``last`` (the data's date range) stand in for a
    start or end the filters lack. Raises ``NoPeriod`` when there is no such period."""
    earlier = previous_period(f, first, last)
    if earlier is None:
        raise NoPeriod(
            "this period has no start and end dates (and the data has none to stand in); "
            "set a start and an end date first"
        )
    return replace(f, start=f.start or first, end=f.end or last), earlier


def preset_theme_vs_theme(x: str, y: str, base: Filters | None = None) -> tuple[Filters, Filters]:
    """Signals with theme ``x`` against signals with theme ``y`` (other filters from ``base``,
    e.g. the dates; its outlets are kept, its themes replaced)."""
    base = base or Filters()
    return replace(base, themes=(x,)), replace(base, themes=(y,))


def preset_outlet_vs_outlet(x: str, y: str, base: Filters | None = None) -> tuple[Filters, Filters]:
    """Signals citing outlet ``x`` against signals citing outlet ``y`` (other filters from
    ``base``; its outlets replaced)."""
    base = base or Filters()
    return replace(base, outlets=(x,)), replace(base, outlets=(y,))


# --- checks ------------------------------------------------------------------------------------


def _normal(f: Filters) -> Filters:
    """The same selection written one way: sorted names, trimmed text, no empty dates."""
    return Filters(
        outlets=tuple(sorted(set(f.outlets))),
        themes=tuple(sorted(set(f.themes))),
        start=f.start or None,
        end=f.end or None,
        q=" ".join(f.q.split()),
        mentions=bool(f.mentions),
    )


def _unfiltered(f: Filters) -> bool:
    return not (f.outlets or f.themes or f.start or f.end or f.q.strip())


def _suggest(name: str, known: list[str]) -> str:
    same_case = [k for k in known if k.lower() == name.lower()]
    close = same_case or difflib.get_close_matches(name, known, n=2, cutoff=0.7)
    return f" (did you mean {_either([repr(c) for c in close])}?)" if close else ""


def check_names(db: sqlite_utils.Database, f: Filters, side: str = "A") -> None:
    """Raise ``UnknownOutlet`` or ``UnknownTheme`` for a name this database does not know."""
    for values, table, column, error in (
        (f.outlets, "outlets", "name", UnknownOutlet),
        (f.themes, "themes", "slug", UnknownTheme),
    ):
        if not values:
            continue
        marks = ",".join("?" * len(values))
        known = {
            r[0]
            for r in db.execute(
                f"SELECT {column} FROM {table} WHERE {column} IN ({marks})", list(values)
            )
        }
        missing = [v for v in values if v not in known]
        if missing:
            everything = [r[0] for r in db.execute(f"SELECT {column} FROM {table}")]
            kind = "outlet" if table == "outlets" else "theme"
            raise error(
                f"side {side}: unknown {kind} {missing[0]!r}{_suggest(missing[0], everything)}"
            )


def side_size(db: sqlite_utils.Database, f: Filters) -> SideSize:
    """How many stories and signals a side selects (a story counts when any signal does)."""
    if _themes_and_dates(f):
        # The theme index carries each signal's story: 75 ms against 180-380 ms through the
        # signals table for "trade" at 100,000 stories.
        where, params, count = _by_theme_index(f)
        sql = f"SELECT count(DISTINCT story_id), {count} FROM signal_themes WHERE {where}"
        stories, signals = db.execute(sql, params).fetchone()
        return SideSize(int(stories), int(signals))
    where, params = signal_conditions(f)
    stories, signals = db.execute(
        f"SELECT count(DISTINCT s.story_id), count(*) FROM signals s WHERE {where}", params
    ).fetchone()
    return SideSize(int(stories), int(signals))


def has_signals(db: sqlite_utils.Database, f: Filters) -> bool:
    """Whether a side selects any signal (stops at the first)."""
    where, params = signal_conditions(f)
    return (
        db.execute(f"SELECT 1 FROM signals s WHERE {where} LIMIT 1", params).fetchone() is not None
    )


def _themes_and_dates(f: Filters) -> bool:
    return bool(f.themes) and not (f.outlets or f.q.strip())


def _by_theme_index(f: Filters) -> tuple[str, list, str]:
    """For a side filtering themes and dates only: conditions on ``signal_themes`` (which
    carries each signal's date), their parameters and the aggregate that counts signals.
    The theme index answers alone, many times faster than asking every signal for its themes
    (1 ms against 100 ms for "trade" at 100,000 stories)."""
    conditions = [f"theme IN ({','.join('?' * len(f.themes))})"]
    params: list = list(f.themes)
    for bound, op in ((f.start, ">="), (f.end, "<=")):
        if bound:
            conditions.append(f"published {op} ?")
            params.append(bound)
    # A signal holds each theme once: with one theme, rows are signals.
    count = "count(*)" if len(f.themes) == 1 else "count(DISTINCT signal_id)"
    return " AND ".join(conditions), params, count


def signal_count(db: sqlite_utils.Database, f: Filters) -> int:
    """How many signals a side selects: the denominator of its shares."""
    if not (f.outlets or f.themes or f.q.strip()) and rollups.usable(db.conn):
        conditions, params = ["1"], []
        for bound, op in ((f.start, ">="), (f.end, "<=")):
            if bound:
                conditions.append(f"day {op} ?")
                params.append(bound)
        sql = f"SELECT sum(signals) FROM rollup_themes WHERE {' AND '.join(conditions)}"
        return int(db.execute(sql, params).fetchone()[0] or 0)
    if _themes_and_dates(f):
        where, params, count = _by_theme_index(f)
        sql = f"SELECT {count} FROM signal_themes WHERE {where}"
        return int(db.execute(sql, params).fetchone()[0])
    where, params = signal_conditions(f)
    return int(db.execute(f"SELECT count(*) FROM signals s WHERE {where}", params).fetchone()[0])


def check_sides(db: sqlite_utils.Database, a: Filters, b: Filters) -> None:
    """Check that two sides can be compared; every comparison function does this first.
    Raises, in this order: ``UnknownOutlet``/``UnknownTheme``, ``EmptySides`` (no filter on
    either side), ``IdenticalSides``, ``NoSignals``."""
    check_names(db, a, "A")
    check_names(db, b, "B")
    a_norm, b_norm = _normal(a), _normal(b)
    if a_norm == b_norm:
        if _unfiltered(a_norm):
            raise EmptySides(
                "both sides are every signal (no filter on either side); give A or B a filter"
            )
        raise IdenticalSides("A and B have the same filters; change one side to compare")
    for side, f in (("A", a), ("B", b)):
        if not has_signals(db, f):
            raise NoSignals(f"side {side} selects no signal; widen its filters")


# --- statistics --------------------------------------------------------------------------------


def _o_ln_o_over_e(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """O * ln(O / E) cell by cell, with 0 * ln 0 = 0 (E is 0 only where O is)."""
    safe_o = np.where(observed > 0, observed, 1.0)
    safe_e = np.where(expected > 0, expected, 1.0)
    return np.where(observed > 0, observed * np.log(safe_o / safe_e), 0.0)


def log_likelihood_g2(
    count_a: np.ndarray, count_b: np.ndarray, n_a: float, n_b: float
) -> np.ndarray:
    """Dunning's G2 for each 2x2 table (count_a, n_a - count_a; count_b, n_b - count_b)."""
    count_a = np.asarray(count_a, dtype=float)
    count_b = np.asarray(count_b, dtype=float)
    total = n_a + n_b
    with_it = count_a + count_b
    without = total - with_it
    cells = (
        (count_a, n_a * with_it / total),
        (n_a - count_a, n_a * without / total),
        (count_b, n_b * with_it / total),
        (n_b - count_b, n_b * without / total),
    )
    return 2.0 * sum(_o_ln_o_over_e(o, e) for o, e in cells)


def log_ratio(count_a: np.ndarray, count_b: np.ndarray, n_a: float, n_b: float) -> np.ndarray:
    """log2 of the ratio of shares, with 0.5 added to both counts (finite for zero counts)."""
    count_a = np.asarray(count_a, dtype=float)
    count_b = np.asarray(count_b, dtype=float)
    return np.log2(((count_a + PSEUDO_COUNT) / n_a) / ((count_b + PSEUDO_COUNT) / n_b))


def distinctiveness(counts: pd.DataFrame, n_a: int, n_b: int, min_count: int = 1) -> pd.DataFrame:
    """The comparison table from counts per key (columns key, count_a, count_b) and the sides'
    signal counts: shares, diff, log_ratio, g2, favours ("a", "b" or "neither"), for keys
    counted at least ``min_count`` times on at least one side, sorted by signed G2."""
    counts = counts[counts[["count_a", "count_b"]].max(axis=1) >= max(min_count, 1)]
    if counts.empty or not n_a or not n_b:
        return pd.DataFrame(columns=COLUMNS)
    table = counts[["key", "count_a", "count_b"]].copy()
    table["count_a"] = table["count_a"].astype("int64")
    table["count_b"] = table["count_b"].astype("int64")
    table["share_a"] = table["count_a"] / n_a
    table["share_b"] = table["count_b"] / n_b
    table["diff"] = table["share_a"] - table["share_b"]
    table["log_ratio"] = log_ratio(table["count_a"], table["count_b"], n_a, n_b)
    table["g2"] = log_likelihood_g2(table["count_a"], table["count_b"], n_a, n_b)
    # The sign of the log-ratio says which side an outlet is typical of. (It can differ from
    # the sign of diff only for shares so close that G2 is near 0.)
    direction = np.sign(table["log_ratio"])
    table["favours"] = np.select([direction > 0, direction < 0], ["a", "b"], "neither")
    signed = direction * table["g2"]
    return (
        table.assign(_signed=signed)
        .sort_values(["_signed", "key"], ascending=[False, True])
        .drop(columns="_signed")
        .reset_index(drop=True)[COLUMNS]
    )


# --- what the comparison shows -----------------------------------------------------------------


def _everything(db: sqlite_utils.Database, f: Filters) -> bool:
    """Whether a side is every signal (at most ``mentions`` set) and the rollups are current:
    then its totals are sums of the rollups instead of a pass over every citation."""
    return _unfiltered(f) and rollups.usable(db.conn)


def _citation_where(f: Filters) -> tuple[str, list]:
    """``queries.citation_conditions`` with themes matched through a list of the theme's
    signals: on every citation of a broad theme, probing that list took 74 ms against 485 ms
    for a look-up per citation (100,000 stories, theme "trade")."""
    cite, params = citation_conditions(replace(f, themes=()))
    if not f.themes:
        return cite, params
    marks = ",".join("?" * len(f.themes))
    return (
        f"{cite} AND so.signal_id IN "
        f"(SELECT signal_id FROM signal_themes WHERE theme IN ({marks}))",
        [*params, *f.themes],
    )


def outlet_counts(db: sqlite_utils.Database, f: Filters) -> pd.DataFrame:
    """Signals of a side citing each outlet (credited, or named in any role with mentions):
    key (outlet name), signals."""
    if _everything(db, f):
        totals = (
            "SELECT outlet_id, sum(signals) AS signals FROM rollup_outlets WHERE scope = ? "
            "GROUP BY outlet_id"
        )
        params: list = ["any" if f.mentions else "credited"]
    else:
        cite, params = _citation_where(f)
        # A signal names an outlet in one role only, so rows count signals without mentions.
        count = "count(DISTINCT so.signal_id)" if f.mentions else "count(*)"
        totals = (
            f"SELECT so.outlet_id, {count} AS signals FROM signal_outlets so WHERE {cite} "
            f"GROUP BY so.outlet_id"
        )
    return read_frame(
        db,
        f"SELECT o.name AS key, c.signals FROM ({totals}) c JOIN outlets o ON o.id = c.outlet_id",
        params,
    )


def theme_counts(db: sqlite_utils.Database, f: Filters) -> pd.DataFrame:
    """Signals of a side by main theme: key (theme slug), signals. Signals without a theme
    are left out of the rows (they still count in the side's total)."""
    return _themeread_frame(signals_by_theme(db, f))


def _themeread_frame(by_theme: pd.DataFrame) -> pd.DataFrame:
    frame = by_theme.rename(columns={"theme": "key"})
    return frame[frame["key"].notna()].reset_index(drop=True)


def _joined(count_a: pd.DataFrame, count_b: pd.DataFrame) -> pd.DataFrame:
    both = count_a.rename(columns={"signals": "count_a"}).merge(
        count_b.rename(columns={"signals": "count_b"}), on="key", how="outer"
    )
    return both.fillna({"count_a": 0, "count_b": 0})


def compare_outlets(
    db: sqlite_utils.Database, a: Filters, b: Filters, min_count: int = 1
) -> pd.DataFrame:
    """Outlets cited in A and in B: key (outlet), count_a, count_b (signals of that side citing
    it), share_a, share_b (of the side's signals), diff, log_ratio (log2 ratio of shares with
    a 0.5 pseudo-count on both counts), g2 (Dunning's log-likelihood), favours; outlets cited at
    least ``min_count`` times on one side, most typical of A first. Checks the sides first."""
    check_sides(db, a, b)
    return outlets_compared(
        outlet_counts(db, a),
        outlet_counts(db, b),
        signal_count(db, a),
        signal_count(db, b),
        min_count,
    )


def outlets_compared(
    counts_a: pd.DataFrame, counts_b: pd.DataFrame, n_a: int, n_b: int, min_count: int = 1
) -> pd.DataFrame:
    """``compare_outlets`` from each side's ``outlet_counts`` and ``signal_count``, computed
    (and cached) one side at a time: changing one side leaves the other's counts as they are."""
    return distinctiveness(_joined(counts_a, counts_b), n_a, n_b, min_count)


def compare_themes(
    db: sqlite_utils.Database, a: Filters, b: Filters, min_count: int = 1
) -> pd.DataFrame:
    """Main themes in A and in B, with the same columns and statistics as ``compare_outlets``."""
    check_sides(db, a, b)
    return themes_compared(signals_by_theme(db, a), signals_by_theme(db, b), min_count)


def themes_compared(
    by_theme_a: pd.DataFrame, by_theme_b: pd.DataFrame, min_count: int = 1
) -> pd.DataFrame:
    """``compare_themes`` from each side's ``queries.signals_by_theme``."""
    # The sides' totals include signals without a theme, which have no row of their own.
    n_a, n_b = (int(frame["signals"].sum()) for frame in (by_theme_a, by_theme_b))
    counts = _joined(_themeread_frame(by_theme_a), _themeread_frame(by_theme_b))
    return distinctiveness(counts, n_a, n_b, min_count)


PERIOD_BUCKETS = {  # the Monday starting a date's week, or its month's first day
    "week": "date({}, '-6 days', 'weekday 1')",
    "month": "substr({}, 1, 7) || '-01'",
}


def signals_per_period(db: sqlite_utils.Database, f: Filters, period: str) -> pd.Series:
    """Dated signals of a side per week or month: a Series of counts indexed by the period's
    first day (YYYY-MM-DD). Reads the per-day rollup when the side filters dates only."""
    if period not in PERIODS:
        raise BadPeriod(period, PERIODS)
    if not (f.outlets or f.themes or f.q.strip()) and rollups.usable(db.conn):
        bucket = PERIOD_BUCKETS[period].format("day")
        conditions, params = ["day IS NOT NULL"], []
        for bound, op in ((f.start, ">="), (f.end, "<=")):
            if bound:
                conditions.append(f"day {op} ?")
                params.append(bound)
        sql = (
            f"SELECT {bucket} AS period, sum(signals) AS signals FROM rollup_themes "
            f"WHERE {' AND '.join(conditions)} GROUP BY period"
        )
    elif _themes_and_dates(f):
        where, params, count = _by_theme_index(f)
        bucket = PERIOD_BUCKETS[period].format("published")
        sql = (
            f"SELECT {bucket} AS period, {count} AS signals FROM signal_themes "
            f"WHERE {where} AND published IS NOT NULL GROUP BY period"
        )
    else:
        where, params = signal_conditions(f)
        bucket = PERIOD_BUCKETS[period].format("s.published")
        sql = (
            f"SELECT {bucket} AS period, count(*) AS signals FROM signals s "
            f"WHERE {where} AND s.published IS NOT NULL GROUP BY period"
        )
    frame = only_dated(read_frame(db, sql, params), "period")
    if frame.empty:
        return pd.Series(dtype="int64")
    return frame.set_index("period")["signals"].astype("int64").sort_index()


def coverage_compared(
    db: sqlite_utils.Database, a: Filters, b: Filters, period: str = "week", shares: bool = False
) -> pd.DataFrame:
    """Signals of A and of B per week (starting Monday) or month: period (YYYY-MM-DD), side
    ("A" or "B"), signals, and with ``shares`` share (of all signals in that period, 0 where
    there are none). Every period from the first to the last in which either side has
    signals is listed, with 0 where a side has none. Undated signals are left out."""
    if period not in PERIODS:
        raise BadPeriod(period, PERIODS)
    check_sides(db, a, b)
    everything = signals_per_period(db, Filters(), period) if shares else None
    return coverage_from_counts(
        signals_per_period(db, a, period), signals_per_period(db, b, period), period, everything
    )


def coverage_from_counts(
    counts_a: pd.Series, counts_b: pd.Series, period: str, everything: pd.Series | None = None
) -> pd.DataFrame:
    """``coverage_compared`` from each side's ``signals_per_period`` (and, for shares, that of
    every signal as ``everything``)."""
    if period not in PERIODS:
        raise BadPeriod(period, PERIODS)
    series = {"A": counts_a, "B": counts_b}
    dated = [s.index for s in series.values() if not s.empty]
    columns = ["period", "side", "signals"] + (["share"] if everything is not None else [])
    if not dated:
        return pd.DataFrame(columns=columns)
    first = min(i.min() for i in dated)
    last = max(i.max() for i in dated)
    # Every period in between, so that a week without any signal is a 0 on the chart, not a
    # line drawn across it.
    step = "W-MON" if period == "week" else "MS"
    periods = [d.date().isoformat() for d in pd.date_range(first, last, freq=step)]
    rows = []
    for side, counts in series.items():
        values = counts.reindex(periods, fill_value=0).astype("int64")
        part = pd.DataFrame({"period": periods, "side": side, "signals": values.to_numpy()})
        if everything is not None:
            totals = everything.reindex(periods, fill_value=0).to_numpy(dtype=float)
            part["share"] = np.divide(
                part["signals"].to_numpy(dtype=float),
                totals,
                out=np.zeros(len(periods)),
                where=totals > 0,
            )
        rows.append(part)
    return pd.concat(rows, ignore_index=True)[columns]


def side_pairs(db: sqlite_utils.Database, f: Filters) -> pd.DataFrame:
    """A side's co-cited pairs (stories in which its signals cite both outlets): outlet_a,
    outlet_b, count, jaccard, association."""
    pairs = overlap.co_citation(db, f, "story")
    return pairs[["outlet_a", "outlet_b", "count", "jaccard", "association"]]


def pairs_compared(
    db: sqlite_utils.Database,
    a: Filters,
    b: Filters,
    measure: str = "count",
    top: int = 20,
    min_count: int = 1,
) -> pd.DataFrame:
    """Co-citation pairs (two outlets cited by the side's signals in the same story; credited,
    or also named in the prose when the side counts mentions) strong on one side and weak on
    the other: outlet_a, outlet_b, count, jaccard and association on each side (``_a``,
    ``_b``; 0 where the pair is never co-cited), diff (of ``measure``, A minus B), favours.
    Up to ``top`` pairs stronger in A (largest diff first) then up to ``top`` stronger in B,
    among pairs co-cited at least ``min_count`` times on one side."""
    if measure not in PAIR_MEASURES:
        raise BadMeasure(measure, PAIR_MEASURES)
    check_sides(db, a, b)
    return pairs_from_sides(side_pairs(db, a), side_pairs(db, b), measure, top, min_count)


def pairs_from_sides(
    pairs_a: pd.DataFrame,
    pairs_b: pd.DataFrame,
    measure: str = "count",
    top: int = 20,
    min_count: int = 1,
) -> pd.DataFrame:
    """``pairs_compared`` from each side's ``side_pairs``."""
    if measure not in PAIR_MEASURES:
        raise BadMeasure(measure, PAIR_MEASURES)
    values = ["count", "jaccard", "association"]
    columns = ["outlet_a", "outlet_b"] + [f"{m}_{s}" for m in values for s in "ab"]
    columns += ["diff", "favours"]
    # Pairs below the threshold on both sides are left out before the two are joined: with
    # every signal on one side that is most of its 140,000 pairs (100,000 stories).
    keys = ["outlet_a", "outlet_b"]
    kept = pd.concat(
        [p.loc[p["count"] >= min_count, keys] for p in (pairs_a, pairs_b)]
    ).drop_duplicates()
    if kept.empty:
        return pd.DataFrame(columns=columns)
    both = kept
    for side, pairs in (("a", pairs_a), ("b", pairs_b)):
        both = both.merge(
            pairs.rename(columns={m: f"{m}_{side}" for m in values}), on=keys, how="left"
        )
    both = both.fillna({f"{m}_{s}": 0 for m in values for s in "ab"})
    both["count_a"] = both["count_a"].astype("int64")
    both["count_b"] = both["count_b"].astype("int64")
    both["diff"] = both[f"{measure}_a"] - both[f"{measure}_b"]
    both["favours"] = np.select([both["diff"] > 0, both["diff"] < 0], ["a", "b"], "neither")
    order = ["diff", "outlet_a", "outlet_b"]
    stronger_a = both[both["diff"] > 0].sort_values(order, ascending=[False, True, True])
    stronger_b = both[both["diff"] < 0].sort_values(order, ascending=[True, True, True])
    picked = pd.concat([stronger_a.head(top), stronger_b.head(top).iloc[::-1]])
    return picked.reset_index(drop=True)[columns]


def pair_story_ids(
    db: sqlite_utils.Database, f: Filters, first: str, second: str, limit: int = 200
) -> tuple[int, ...]:
    """The newest ``limit`` stories in which the side's own signals cite both outlets (the
    units ``pairs_compared`` counts), newest first."""
    cite, params = citation_conditions(f)
    rows = db.execute(
        f"SELECT so.story_id FROM signal_outlets so JOIN outlets o ON o.id = so.outlet_id "
        f"WHERE o.name IN (?, ?) AND {cite} GROUP BY so.story_id "
        f"HAVING count(DISTINCT so.outlet_id) = 2 "
        f"ORDER BY max(so.published) DESC, so.story_id DESC LIMIT ?",
        [first, second, *params, limit],
    )
    return tuple(r[0] for r in rows)


def signals_behind(
    db: sqlite_utils.Database,
    side_filters: Filters,
    key: str | tuple[str, str],
    by: str = "outlet",
    limit: int = 200,
) -> pd.DataFrame:
    """The signals of one side behind a row or bar, newest first, with the columns of
    ``queries.signals_list``:
    - ``by="outlet"``: the side's signals citing outlet ``key`` (in the side's roles): the
      ``count_a``/``count_b`` of ``compare_outlets``;
    - ``by="theme"``: the side's signals with main theme ``key`` (``compare_themes``);
    - ``by="pair"``: the side's signals in the stories where they cite both outlets of the
      pair ``key`` (a tuple, or "A|B"): the stories ``pairs_compared`` counts."""
    if by == "outlet":
        return signals_list(db, side_filters, all_outlets=(str(key),), limit=limit)
    if by == "theme":
        return signals_list(db, side_filters, theme=str(key), main_theme=True, limit=limit)
    if by == "pair":
        first, second = key.split("|", 1) if isinstance(key, str) else key
        stories = pair_story_ids(db, side_filters, first, second, limit)
        if not stories:
            return signals_list(db, side_filters, limit=0)
        return signals_list(db, side_filters, story_ids=stories, limit=limit)
    raise ValueError(f"by must be one of {DRILL_BY}, not {by!r}")


def side_summary(
    db: sqlite_utils.Database, f: Filters, theme_names: Mapping[str, str] | None = None
) -> dict:
    """A side in words with its size: words, stories, signals (for a page's header)."""
    size = side_size(db, f)
    return {"words": filters_in_words(f, theme_names), **size._asdict()}


# --- the page's shaping: drill-downs, the chart's rows -------------------------------------------

SIDES = ("a", "b")
# kind: what each part names; "week" and "month" take the period's first day.
SIDE_DRILL_SHAPES: dict[str, tuple[str, ...]] = {
    "outlet": ("outlet",),
    "theme": ("theme",),
    "pair": ("outlet", "outlet"),
    "week": ("day",),
    "month": ("day",),
}


@dataclass(frozen=True)
class SideDrill:
    """One bar, point or row of a comparison: the signals of one side behind it.

    Written ``side|kind|name…`` (the Compare page's ``drill`` parameter): ``a|outlet|Reuters``,
    ``b|theme|trade``, ``a|pair|Reuters|Le Monde``, ``b|week|2024-05-13``, ``a|month|2024-05-01``.
    Names are escaped as in ``signals_data.drill`` (``\\|`` and ``\\\\``), so a name holding
    ``|`` survives the round trip."""

    side: str
    kind: str
    parts: tuple[str, ...]

    def __post_init__(self) -> None:
        shape = SIDE_DRILL_SHAPES.get(self.kind)
        if self.side not in SIDES or shape is None or len(self.parts) != len(shape):
            raise ValueError(f"not a comparison drill-down: {self.side!r} {self.kind!r}")

    def encode(self) -> str:
        return SEPARATOR.join([self.side, self.kind, *(escape_part(p) for p in self.parts)])

    def __str__(self) -> str:
        return self.encode()

    @classmethod
    def decode(cls, text: object) -> SideDrill | None:
        """The drill-down a value names; None if it is not one."""
        if not isinstance(text, str) or not text:
            return None
        parts = split_parts(text)
        if len(parts) < 3:
            return None
        try:
            return cls(parts[0], parts[1], tuple(parts[2:]))
        except ValueError:
            return None

    def on_side(self, side: str) -> SideDrill:
        """The same element on the other (or a given) side."""
        return SideDrill(side, self.kind, self.parts)

    def _named(self, role: str) -> list[str]:
        shape = SIDE_DRILL_SHAPES[self.kind]
        return [p for p, r in zip(self.parts, shape, strict=True) if r == role]

    def known(self, outlets: Collection[str], themes: Collection[str]) -> bool:
        """Whether its outlets and themes are known and its day is a date (a link can carry
        anything: an unknown name gets a notice rather than an empty list)."""
        days_ok = all(_is_day(d) for d in self._named("day"))
        return (
            days_ok
            and all(o in outlets for o in self._named("outlet"))
            and all(t in themes for t in self._named("theme"))
        )

    def heading(self, theme_names: Mapping[str, str] | None = None) -> str:
        """What the list shows, in words (plain text: escape it to render)."""
        names, p, side = theme_names or {}, self.parts, self.side.upper()
        if self.kind == "outlet":
            return f"Side {side}: signals citing {p[0]}"
        if self.kind == "theme":
            return f"Side {side}: signals whose main theme is {names.get(p[0], p[0])}"
        if self.kind == "pair":
            return f"Side {side}: signals in the stories where they cite {p[0]} and {p[1]}"
        if self.kind == "week":
            return f"Side {side}: signals of the week of {p[0]}"
        return f"Side {side}: signals of the month of {p[0][:7]}"


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def period_filters(f: Filters, period: str, first_day: str) -> Filters | None:
    """A side narrowed to one week (``first_day`` a Monday) or month: None when the side's
    own dates leave nothing of it."""
    if period not in PERIODS:
        raise BadPeriod(period, PERIODS)
    start = date.fromisoformat(first_day)
    if period == "week":
        end = start + timedelta(days=6)
    else:
        start = start.replace(day=1)
        end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    lo = max(start.isoformat(), f.start or start.isoformat())
    hi = min(end.isoformat(), f.end or end.isoformat())
    return replace(f, start=lo, end=hi) if lo <= hi else None


def drill_signals(
    db: sqlite_utils.Database, side_filters: Filters, drill: SideDrill, limit: int = 200
) -> pd.DataFrame:
    """The signals behind a ``SideDrill`` on its side (``side_filters``), newest first, with the
    columns of ``queries.signals_list``."""
    if drill.kind in PERIODS:
        narrowed = period_filters(side_filters, drill.kind, drill.parts[0])
        if narrowed is None:
            return signals_list(db, side_filters, limit=0)
        return signals_list(db, narrowed, limit=limit)
    key = drill.parts if drill.kind == "pair" else drill.parts[0]
    return signals_behind(db, side_filters, key, drill.kind, limit)


def most_distinctive(table: pd.DataFrame, top: int = 12) -> pd.DataFrame:
    """The ``top`` rows most typical of A and the ``top`` most typical of B of a
    ``compare_outlets`` table, in its order (most typical of A first)."""
    of_a = table[table["favours"] == "a"].head(top)
    of_b = table[table["favours"] == "b"].tail(top)
    return pd.concat([of_a, of_b]).reset_index(drop=True)


def row_drill(row: Mapping[str, object], kind: str) -> SideDrill:
    """The drill-down of a table row (a ``compare_outlets``/``compare_themes`` row by its
    key, or a ``pairs_compared`` row by its two outlets) on the side the row favours (A when
    neither)."""
    side = "b" if row.get("favours") == "b" else "a"
    if kind == "pair":
        return SideDrill(side, "pair", (str(row["outlet_a"]), str(row["outlet_b"])))
    return SideDrill(side, kind, (str(row["key"]),))


def recent_period(f: Filters, last: str | None, days: int = 91) -> Filters:
    """The filters the period preset starts from: their own dates, or when they have neither
    a start nor an end, the last ``days`` days of the data (ending on ``last``), so that "this
    period" is a recent quarter rather than everything (whose previous period is empty)."""
    if f.start or f.end or not last or not _is_day(last):
        return f
    end = date.fromisoformat(last)
    return replace(f, start=(end - timedelta(days=days - 1)).isoformat(), end=end.isoformat())
