"""How coverage and sources overlap: co-citation, theme lift, intersections, co-occurrence.

Each public function takes the database and the dashboard's ``Filters`` and returns a DataFrame.
The SQL only fetches "citation units" (which outlets each story or signal cites); the measures
are computed in pandas by small pure functions that the tests check against hand-computed values.

Definitions (``level``):
- ``signal``: two outlets are co-cited when both are credited on the same signal.
- ``story``: when both are credited on signals of the same story. Only the signals selected by
  the filters count, so an outlet filter asks "in the coverage citing X, who else is cited".

Measures for a pair (a, b), with ``n_a`` units citing a, ``n_b`` citing b, ``N`` units in all:
- ``count``: units citing both.
- ``jaccard``: count / (n_a + n_b - count), the share of units citing either that cite both.
- ``association``: count / (n_a * n_b / N), the association strength (observed over expected
  co-citations if the two were cited independently). 1 means "as often as chance", 3 "three
  times as often". We chose it over PMI because it is the same ratio without the logarithm:
  readable as "times more often than chance", never negative, and it is the normalisation
  bibliometric maps (VOSviewer) use; ``pmi`` = log2(association) is given too.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import sqlite_utils

from signals_data.errors import BadFormat, BadLevel, BadMeasure
from signals_data.filters import Filters, citation_conditions, placeholders

# coverage_over_time, theme_cooccurrence and top_outlets_by_theme are not about overlap and live
# in ``queries``; they are imported here too for older callers.
from signals_data.queries import (  # noqa: F401
    coverage_over_time,
    signals_by_theme,
    signals_list,
    theme_cooccurrence,
    theme_mix_by_outlet,
    top_outlets_by_theme,
)

LEVELS = ("story", "signal")
MEASURES = ("count", "jaccard", "association")
NETWORK_FORMATS = ("graphml", "gexf")


def check_level(level: str) -> None:
    """Raise ``BadLevel`` unless ``level`` is one of LEVELS."""
    if level not in LEVELS:
        raise BadLevel(level, LEVELS)


def check_measure(measure: str) -> None:
    """Raise ``BadMeasure`` unless ``measure`` is one of MEASURES."""
    if measure not in MEASURES:
        raise BadMeasure(measure, MEASURES)


def citations(db: sqlite_utils.Database, f: Filters) -> pd.DataFrame:
    """The filtered citations as integers plus names: story, signal, outlet_id, outlet (a
    categorical of outlet names)."""
    ids_names = db.execute("SELECT id, name FROM outlets ORDER BY id").fetchall()
    top_id = max((i for i, _ in ids_names), default=0)
    bits = top_id.bit_length()
    cite, params = citation_conditions(f)
    # Half a million rows cost more as Python tuples than the query itself: SQLite joins the
    # numbers into two long strings (the signal and outlet packed into one integer) that numpy
    # reads at once, about three times faster than fetching rows.
    stories, packed = db.execute(
        f"SELECT group_concat(so.story_id), group_concat((so.signal_id << {bits}) | so.outlet_id) "
        f"FROM signal_outlets so WHERE {cite}",
        params,
    ).fetchone()
    story = _integers(stories)
    packed = _integers(packed)
    outlet_id = packed & ((1 << bits) - 1)
    # Names as a categorical: one string per outlet instead of one per citation. Its categories
    # are in name order (and ordered), so sorting and comparing behave as they do on names.
    names = sorted(ids_names, key=lambda pair: pair[1])
    rank = np.full(top_id + 1, -1, dtype=np.int64)
    rank[[i for i, _ in names]] = np.arange(len(names))
    outlet = pd.Categorical.from_codes(
        rank[outlet_id], categories=pd.Index([n for _, n in names], dtype=object), ordered=True
    )
    return pd.DataFrame(
        {"story": story, "signal": packed >> bits, "outlet_id": outlet_id, "outlet": outlet}
    )


def _integers(joined: str | None) -> np.ndarray:
    if not joined:
        return np.empty(0, dtype=np.int64)
    return np.fromstring(joined, dtype=np.int64, sep=",")  # text mode: parses in C


def units_of(cites: pd.DataFrame, level: str) -> pd.DataFrame:
    """(unit, outlet) pairs at the given level from ``citations``: each outlet once per unit."""
    check_level(level)
    # One integer per (unit, outlet): hashing one column is several times faster than two.
    outlet_id = cites["outlet_id"].to_numpy(dtype=np.int64)
    key = cites[level].to_numpy(dtype=np.int64) * (int(outlet_id.max(initial=0)) + 1) + outlet_id
    first = ~pd.Series(key).duplicated().to_numpy()
    frame = cites.loc[first, [level, "outlet"]].rename(columns={level: "unit"})
    return frame.reset_index(drop=True)


def citation_units(db: sqlite_utils.Database, f: Filters, level: str = "story") -> pd.DataFrame:
    """One row per (unit, outlet) among the filtered signals: unit, outlet."""
    check_level(level)
    return units_of(citations(db, f), level)


def pair_measures(units: pd.DataFrame, total: int | None = None) -> pd.DataFrame:
    """Every unordered pair of outlets cited together at least once, with its measures.

    ``units`` has columns unit, outlet. Returns outlet_a < outlet_b (by name), count, jaccard,
    association, pmi, n_a, n_b, sorted by count then association. ``total`` is the number of
    units in all (by default, the units given).
    """
    columns = ["outlet_a", "outlet_b", "count", "jaccard", "association", "pmi", "n_a", "n_b"]
    if units.empty:
        return pd.DataFrame(columns=columns)
    units = units[["unit", "outlet"]].drop_duplicates()
    total = total or units["unit"].nunique()
    sizes = units.groupby("outlet")["unit"].nunique()
    pairs = units.merge(units, on="unit")
    pairs = pairs[pairs["outlet_x"] < pairs["outlet_y"]]
    counts = pairs.groupby(["outlet_x", "outlet_y"]).size().rename("count").reset_index()
    counts.columns = ["outlet_a", "outlet_b", "count"]
    n_a = counts["outlet_a"].map(sizes).astype(float)
    n_b = counts["outlet_b"].map(sizes).astype(float)
    counts["jaccard"] = counts["count"] / (n_a + n_b - counts["count"])
    counts["association"] = counts["count"] * total / (n_a * n_b)
    counts["pmi"] = np.log2(counts["association"])
    counts["n_a"], counts["n_b"] = n_a.astype(int), n_b.astype(int)
    return counts.sort_values(
        ["count", "association", "outlet_a", "outlet_b"], ascending=[False, False, True, True]
    ).reset_index(drop=True)[columns]


DENSE_PAIRS_MAX = 1_000_000  # outlets² up to which pairs are counted in one dense array


def _co_counts(
    unit: np.ndarray, outlet: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of outlets (codes 0..n-1) cited by the same unit, from (unit, outlet) pairs listed
    once each: codes a < b, how many units cite both, and how many cite each outlet. Every pair
    within a unit is enumerated with numpy: a unit cites a handful of outlets, so this is linear
    in the citations and needs no units × outlets matrix."""
    order = np.lexsort((outlet, unit))
    unit, outlet = unit[order], outlet[order]
    starts = np.flatnonzero(np.r_[True, unit[1:] != unit[:-1]])
    sizes = np.diff(np.r_[starts, len(unit)])
    # For each citation, how many later citations share its unit: the pairs it starts.
    later = np.repeat(starts + sizes, sizes) - np.arange(len(unit)) - 1
    first = np.repeat(np.arange(len(unit)), later)
    offsets = np.arange(len(first)) - np.repeat(np.cumsum(later) - later, later)
    pair = outlet[first] * n + outlet[first + 1 + offsets]  # sorted within a unit: a < b
    if n * n <= DENSE_PAIRS_MAX:
        counts = np.bincount(pair, minlength=n * n)
        pair = np.flatnonzero(counts)
        counts = counts[pair]
    else:  # many outlets: a dense n × n array would not fit comfortably
        pair, counts = np.unique(pair, return_counts=True)
    return pair // n, pair % n, counts, np.bincount(outlet, minlength=n)


def top_pairs(units: pd.DataFrame, leaders: list[str]) -> pd.DataFrame:
    """``pair_measures`` restricted to pairs of ``leaders`` (all of them when ``leaders`` lists
    every outlet), counted by ``_co_counts``. Measures use all units, so they equal those of
    ``pair_measures(units)``."""
    columns = ["outlet_a", "outlet_b", "count", "jaccard", "association", "pmi", "n_a", "n_b"]
    code = {name: i for i, name in enumerate(leaders)}
    picked = units[units["outlet"].isin(code)].drop_duplicates(["unit", "outlet"])
    if picked.empty or len(leaders) < 2:
        return pd.DataFrame(columns=columns)
    rows, _ = pd.factorize(picked["unit"])
    outlet = picked["outlet"].map(code).to_numpy(dtype=np.int64)
    a, b, counts, sizes = _co_counts(rows, outlet, len(leaders))
    sizes = sizes.astype(float)
    total = units["unit"].nunique()
    names = np.array(leaders, dtype=object)
    first = np.where(names[a] < names[b], names[a], names[b])
    second = np.where(names[a] < names[b], names[b], names[a])
    n_a = np.where(names[a] < names[b], sizes[a], sizes[b])
    n_b = np.where(names[a] < names[b], sizes[b], sizes[a])
    association = counts * total / (n_a * n_b)
    frame = pd.DataFrame(
        {
            "outlet_a": first,
            "outlet_b": second,
            "count": counts,
            "jaccard": counts / (n_a + n_b - counts),
            "association": association,
            "pmi": np.log2(association),
            "n_a": n_a.astype(int),
            "n_b": n_b.astype(int),
        }
    )
    return frame.sort_values(
        ["count", "association", "outlet_a", "outlet_b"], ascending=[False, False, True, True]
    ).reset_index(drop=True)[columns]


def co_citation(db: sqlite_utils.Database, f: Filters, level: str = "story") -> pd.DataFrame:
    """Pairs of outlets co-cited at the given level, with count, Jaccard and association."""
    units = citation_units(db, f, level)
    return top_pairs(units, outlet_totals(units)["outlet"].tolist())


def outlet_totals(units: pd.DataFrame) -> pd.DataFrame:
    """Units citing each outlet: outlet, units, most cited first."""
    if units.empty:
        return pd.DataFrame(columns=["outlet", "units"])
    # Units hold each outlet once per unit, so counting rows counts units. (A categorical
    # counts every category: keep the outlets that occur.)
    totals = units["outlet"].value_counts().rename("units").rename_axis("outlet").reset_index()
    totals = totals[totals["units"] > 0]
    totals["outlet"] = totals["outlet"].astype(object)
    return totals.sort_values(["units", "outlet"], ascending=[False, True]).reset_index(drop=True)


def co_citation_matrix(
    db: sqlite_utils.Database,
    f: Filters,
    level: str = "story",
    measure: str = "count",
    top: int = 25,
) -> pd.DataFrame:
    """A square outlet × outlet matrix of a measure among the ``top`` most cited outlets,
    with rows and columns in an order that puts outlets cited together next to each other."""
    return matrix_from_units(citation_units(db, f, level), measure, top)


def matrix_from_units(
    units: pd.DataFrame, measure: str, top: int, pairs: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``co_citation_matrix`` from (unit, outlet) pairs, reusing ``pairs`` if already counted."""
    check_measure(measure)
    leaders = outlet_totals(units)["outlet"].head(top).tolist()
    pairs = top_pairs(units, leaders) if pairs is None else pairs
    code = {name: i for i, name in enumerate(leaders)}
    values = np.zeros((len(leaders), len(leaders)))
    if not pairs.empty:
        a = pairs["outlet_a"].map(code).to_numpy(dtype=np.int64)
        b = pairs["outlet_b"].map(code).to_numpy(dtype=np.int64)
        values[a, b] = values[b, a] = pairs[measure].to_numpy(dtype=float)
    matrix = pd.DataFrame(values, index=leaders, columns=leaders)
    order = seriation(matrix)
    return matrix.iloc[order, order]


def seriation(matrix: pd.DataFrame) -> list[int]:
    """An order of rows that places similar rows together: the spectral (Fiedler vector) order
    of the similarity graph, which makes blocks of outlets cited together visible."""
    n = len(matrix)
    if n < 3:
        return list(range(n))
    weights = matrix.to_numpy(dtype=float, copy=True)
    weights = weights / weights.max() if weights.max() > 0 else weights
    np.fill_diagonal(weights, 0)
    laplacian = np.diag(weights.sum(axis=1)) - weights
    _values, vectors = np.linalg.eigh(laplacian)
    fiedler = vectors[:, 1]
    # Deterministic sign, so the same data always gives the same picture.
    if fiedler[np.argmax(np.abs(fiedler))] < 0:
        fiedler = -fiedler
    return [int(i) for i in np.lexsort((np.arange(n), fiedler))]


def network(
    db: sqlite_utils.Database,
    f: Filters,
    level: str = "story",
    measure: str = "association",
    top: int = 30,
    max_edges: int = 80,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (outlet, kind, citations, community) and edges (outlet_a, outlet_b, measures) of
    the co-citation network among the ``top`` outlets, strongest ``max_edges`` edges kept."""
    return network_from_units(db, citation_units(db, f, level), measure, top, max_edges)


def network_from_units(
    db: sqlite_utils.Database,
    units: pd.DataFrame,
    measure: str,
    top: int,
    max_edges: int = 80,
    pairs: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    import networkx as nx

    totals = outlet_totals(units).head(top)
    leaders = set(totals["outlet"])
    pairs = top_pairs(units, totals["outlet"].tolist()) if pairs is None else pairs
    # Weak pairs (a single shared unit) say little; keep them only if nothing else is left.
    strong = pairs[pairs["count"] >= 2]
    edges = (
        (strong if not strong.empty else pairs)
        .sort_values([measure, "count"], ascending=False)
        .head(max_edges)
        .reset_index(drop=True)
    )
    kinds = (
        dict(
            db.execute(
                f"SELECT name, kind FROM outlets WHERE name IN ({placeholders(leaders)})",
                list(leaders),
            ).fetchall()
        )
        if leaders
        else {}
    )
    graph = nx.Graph()
    graph.add_nodes_from(totals["outlet"])
    for row in edges.itertuples(index=False):
        graph.add_edge(row.outlet_a, row.outlet_b, weight=float(row.count))
    communities = (
        nx.community.greedy_modularity_communities(graph, weight="weight")
        if graph.number_of_edges()
        else [set(graph.nodes)]
    )
    community = {n: i for i, group in enumerate(communities) for n in group}
    nodes = totals.rename(columns={"units": "citations"})
    nodes["kind"] = nodes["outlet"].map(kinds).fillna("unknown")
    nodes["community"] = nodes["outlet"].map(community).fillna(0).astype(int)
    return nodes.reset_index(drop=True), edges


def network_layout(nodes: pd.DataFrame, edges: pd.DataFrame, seed: int = 3) -> dict:
    """Positions for the network's nodes (a seeded force-directed layout: stable across runs)."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes["outlet"])
    for row in edges.itertuples(index=False):
        graph.add_edge(row.outlet_a, row.outlet_b, weight=float(row.count))
    k = 2.0 / math.sqrt(max(1, graph.number_of_nodes()))
    return nx.spring_layout(graph, seed=seed, k=k, weight="weight", iterations=100)


def network_file(nodes: pd.DataFrame, edges: pd.DataFrame, fmt: str = "graphml") -> str:
    """The network as GraphML or GEXF text, for Gephi, Cytoscape or networkx."""
    if fmt not in NETWORK_FORMATS:
        raise BadFormat(fmt, NETWORK_FORMATS)
    import io

    import networkx as nx

    graph = nx.Graph()
    for row in nodes.itertuples(index=False):
        graph.add_node(
            row.outlet, kind=row.kind, citations=int(row.citations), community=int(row.community)
        )
    for row in edges.itertuples(index=False):
        graph.add_edge(
            row.outlet_a,
            row.outlet_b,
            count=int(row.count),
            jaccard=float(row.jaccard),
            association=float(row.association),
        )
    buffer = io.BytesIO()
    (nx.write_gexf if fmt == "gexf" else nx.write_graphml)(graph, buffer)
    return buffer.getvalue().decode("utf-8")


def intersections(
    db: sqlite_utils.Database, f: Filters, top: int = 8, min_size: int = 2, limit: int = 20
) -> pd.DataFrame:
    """UpSet data: for the ``top`` most cited outlets, how many stories credit exactly each
    combination of them (other outlets ignored). Columns: outlets (tuple), degree, stories,
    story_ids; at least ``min_size`` stories each, largest first."""
    return intersections_from_units(citation_units(db, f, "story"), top, min_size, limit)


def intersections_from_units(
    units: pd.DataFrame, top: int = 8, min_size: int = 2, limit: int = 20
) -> pd.DataFrame:
    leaders = outlet_totals(units)["outlet"].head(top).tolist()
    columns = ["outlets", "degree", "stories", "story_ids"]
    code = {name: i for i, name in enumerate(leaders)}
    picked = units[units["outlet"].isin(code)].drop_duplicates(["unit", "outlet"])
    if picked.empty:
        return pd.DataFrame(columns=columns)
    # Each story's combination as a bit mask (bit i = the i-th most cited outlet).
    bits = np.left_shift(1, picked["outlet"].map(code).to_numpy(dtype=np.int64))
    masks = pd.Series(bits, index=picked["unit"].to_numpy()).groupby(level=0).sum()
    grouped = pd.Series(masks.index.to_numpy()).groupby(masks.to_numpy()).agg(list)
    frame = pd.DataFrame({"mask": grouped.index, "story_ids": grouped.to_numpy()})
    frame["stories"] = frame["story_ids"].map(len)
    frame = frame[frame["stories"] >= min_size]
    frame["outlets"] = frame["mask"].map(
        lambda m: tuple(name for i, name in enumerate(leaders) if m >> i & 1)
    )
    frame["degree"] = frame["outlets"].map(len)
    return (
        frame.sort_values(["stories", "degree"], ascending=[False, True])
        .head(limit)[columns]
        .reset_index(drop=True)
    )


def overlap_views(
    db: sqlite_utils.Database,
    f: Filters,
    level: str = "story",
    measure: str = "count",
    top: int = 20,
    upset_top: int = 10,
) -> dict:
    """Everything the Overlap page draws, from one read of the citations: the pairs among the
    top outlets, the matrix, the network and its layout, the intersections (always at story
    level) and the outlets in citation order. One cached result for the whole page."""
    check_level(level)
    check_measure(measure)
    cites = citations(db, f)
    units = units_of(cites, level)
    story_units = units if level == "story" else units_of(cites, "story")
    leaders = outlet_totals(units)["outlet"].head(top).tolist()
    pairs = top_pairs(units, leaders)
    nodes, edges = network_from_units(db, units, measure, top, pairs=pairs)
    every_set = intersections_from_units(story_units, upset_top, 1, 10_000)
    return {
        "pairs": pairs,
        "matrix": matrix_from_units(units, measure, top, pairs=pairs),
        "nodes": nodes,
        "edges": edges,
        "positions": network_layout(nodes, edges),
        "sets": every_set[every_set["stories"] >= 2].head(20).reset_index(drop=True),
        "all_sets": every_set,
        "upset_outlets": outlet_totals(story_units)["outlet"].head(upset_top).tolist(),
        "units": units["unit"].nunique(),
    }


def outlet_theme_lift(
    db: sqlite_utils.Database, f: Filters, top: int = 20, min_signals: int = 1
) -> pd.DataFrame:
    """Outlet × main theme: signals, observed share of the outlet's signals, expected share (the
    theme's share of all filtered signals) and lift = observed / expected."""
    cells = theme_mix_by_outlet(db, f)[["outlet", "theme", "signals"]]
    overall = signals_by_theme(db, f)
    return lift_table(cells, overall, top, min_signals)


def lift_table(
    cells: pd.DataFrame, overall: pd.DataFrame, top: int = 20, min_signals: int = 1
) -> pd.DataFrame:
    """Observed and expected shares and lift, from outlet × theme counts and theme totals."""
    columns = ["outlet", "theme", "signals", "observed", "expected", "lift"]
    if cells.empty or overall.empty:
        return pd.DataFrame(columns=columns)
    per_outlet = cells.groupby("outlet")["signals"].sum()
    leaders = per_outlet[per_outlet >= min_signals].sort_values(ascending=False).head(top).index
    cells = cells[cells["outlet"].isin(leaders)].copy()
    expected = overall.set_index("theme")["signals"] / overall["signals"].sum()
    cells["observed"] = cells["signals"] / cells["outlet"].map(per_outlet)
    cells["expected"] = cells["theme"].map(expected)
    cells["lift"] = cells["observed"] / cells["expected"]
    return cells.sort_values(["outlet", "theme"]).reset_index(drop=True)[columns]


def signals_in_stories(
    db: sqlite_utils.Database, f: Filters, story_ids: tuple[int, ...], limit: int = 300
) -> pd.DataFrame:
    """The filtered signals of the given stories (an intersection bar's drill-down)."""
    if not story_ids:
        return signals_list(db, f, limit=0)
    return signals_list(db, f, story_ids=story_ids, limit=limit)
