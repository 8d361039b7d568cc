"""Query results shaped for the dashboard's charts and captions: grids, drill-down keys, facts
in words. Pure functions over DataFrames and dicts; the pages call them between a query and a
chart builder, and the tests check them without Streamlit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import numpy as np
import pandas as pd

from signals_data.drill import Drill
from signals_data.filters import Filters
from signals_data.queries import parse_day

Keys = list[list[str]]


def filter_summary(f: Filters, theme_names: Mapping[str, str]) -> str:
    """The filters in words, for a page's caption ("all signals" when there are none)."""
    parts = []
    if f.outlets:
        parts.append("outlets: " + ", ".join(f.outlets))
    if f.themes:
        parts.append("themes: " + ", ".join(theme_names.get(t, t) for t in f.themes))
    if f.start or f.end:
        parts.append(f"dates: {f.start or '…'} to {f.end or '…'}")
    if f.q:
        parts.append(f"text: “{f.q}”")
    if f.mentions:
        parts.append("including mentions")
    return "; ".join(parts) if parts else "all signals"


# --- overlap ---------------------------------------------------------------------------------


def co_citation_grid(matrix: pd.DataFrame) -> tuple[pd.DataFrame, Keys]:
    """The co-citation matrix with its diagonal left blank (an outlet with itself says nothing),
    and the drill-down key of every cell."""
    keys = [[Drill.pair(a, b).encode() for b in matrix.columns] for a in matrix.index]
    same = matrix.index.to_numpy()[:, None] == matrix.columns.to_numpy()[None, :]
    return matrix.where(~same), keys


def lift_grid(table: pd.DataFrame, theme_names: Mapping[str, str]) -> tuple[pd.DataFrame, Keys]:
    """The lift table as outlet × theme (most signals first; columns named by theme), and the
    drill-down key of every cell."""
    grid = table.pivot(index="outlet", columns="theme", values="lift")
    order = table.groupby("outlet")["signals"].sum().sort_values(ascending=False).index
    grid = grid.loc[order]
    slugs = list(grid.columns)
    keys = [[Drill.cell(o, slug).encode() for slug in slugs] for o in grid.index]
    grid.columns = [theme_names.get(slug, slug) for slug in slugs]
    return grid, keys


def set_story_ids(all_sets: pd.DataFrame, outlets: Sequence[str]) -> tuple[int, ...]:
    """The stories of the intersection of exactly ``outlets`` (none if it has none)."""
    if all_sets.empty:
        return ()
    match = all_sets[all_sets["outlets"].map(tuple) == tuple(outlets)]
    return tuple(int(i) for i in match.iloc[0]["story_ids"]) if not match.empty else ()


def intersections_table(sets: pd.DataFrame) -> pd.DataFrame:
    """Intersections as a flat table for a CSV: outlets joined with " + ", no story ids."""
    return sets.assign(outlets=sets["outlets"].map(" + ".join)).drop(columns="story_ids")


# --- themes ----------------------------------------------------------------------------------


def theme_pair_grid(
    pairs: pd.DataFrame, theme_names: Mapping[str, str]
) -> tuple[pd.DataFrame, Keys]:
    """Theme co-occurrence (theme_a, theme_b, signals) as a symmetric theme × theme grid, in the
    taxonomy's order (``theme_names``' order; unknown slugs last), labelled by theme name, blank
    where two themes never meet; and the drill-down key of every cell."""
    order = {slug: i for i, slug in enumerate(theme_names)}
    slugs = sorted(
        set(pairs["theme_a"]) | set(pairs["theme_b"]), key=lambda t: (order.get(t, len(order)), t)
    )
    position = {slug: i for i, slug in enumerate(slugs)}
    values = np.full((len(slugs), len(slugs)), np.nan)
    a = pairs["theme_a"].map(position).to_numpy(dtype=int)
    b = pairs["theme_b"].map(position).to_numpy(dtype=int)
    values[a, b] = values[b, a] = pairs["signals"].to_numpy(dtype=float)
    labels = [theme_names.get(s, s) for s in slugs]
    keys = [[Drill.themes(x, y).encode() for y in slugs] for x in slugs]
    return pd.DataFrame(values, index=labels, columns=labels), keys


def theme_outlet_keys(part: pd.DataFrame, theme: str) -> list[str]:
    """Drill-down keys of the bars of one theme's top outlets, in the frame's order."""
    return [Drill.cell(o, theme).encode() for o in part["outlet"]]


# --- stories and overview ----------------------------------------------------------------------


def readable_time(stamp: object) -> str:
    """'2025-04-09T13:35:00-04:00' -> 'Apr 9, 2025, 1:35pm (UTC-04:00)'; other text unchanged."""
    try:
        moment = datetime.fromisoformat(stamp)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(stamp)
    hour = moment.hour % 12 or 12
    text = f"{moment:%b} {moment.day}, {moment.year}, {hour}:{moment:%M}"
    text += "am" if moment.hour < 12 else "pm"
    offset = moment.utcoffset()
    if offset is not None:
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        text += f" (UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d})"
    return text


def date_fact(story: Mapping) -> str:
    """The story's date, or why it has none (a stored date that is not a date is unknown)."""
    if story["published"]:
        return story["published"]
    raw = story.get("published_raw")
    return "undated" if raw in (None, "") else f"date unknown (stored as “{str(raw)[:40]}”)"


def story_facts(story: Mapping) -> list[str]:
    """The line under a story's title: date, update time, category, region, sponsor."""
    facts = [date_fact(story)]
    if story["updated"]:
        facts.append(f"updated {readable_time(story['updated'])}")
    facts += [x for x in (story["category"], story["region"]) if x]
    if story["sponsor"]:
        facts.append(f"supported by {story['sponsor']}")
    return facts


def span_label(first: str | None, last: str | None) -> str:
    """How long the signals run, short enough for a card ("3.5 years", "8 months", "12 days")."""
    first_day, last_day = parse_day(first), parse_day(last)
    if first_day is None or last_day is None:
        return "undated"
    days = (last_day - first_day).days + 1
    if days >= 730:
        return f"{days / 365.25:.1f} years"
    if days >= 60:
        return f"{round(days / 30.44)} months"
    return f"{days} day" + ("s" if days > 1 else "")
