"""Latency of every dashboard query, with typical filter combinations, on a database.

Usage: python benchmarks/queries.py DB [REPEATS]
Prints, per query and filter set, the first run's milliseconds (it may read pages from disk) and
the median and p95 of REPEATS further runs.
"""

from __future__ import annotations

import statistics
import sys
import time

from signals_data import overlap, queries
from signals_data.filters import Filters
from signals_data.store import open_readonly


def filter_sets(db) -> dict[str, Filters]:
    top = queries.outlet_options(db)["name"].tolist()[:3]
    first, last = queries.date_bounds(db)
    year = last[:4]
    return {
        "none": Filters(),
        # The last twelve months, as a date picker gives them: part months at both ends.
        "last 12 months": Filters(start=f"{int(year) - 1}{last[4:]}", end=last),
        "outlet": Filters(outlets=(top[0],)),
        "2 outlets+theme": Filters(outlets=tuple(top[1:3]), themes=("trade",)),
        "theme+year": Filters(themes=("security",), start=f"{year}-01-01", end=last),
        "text": Filters(q="tariffs"),
        "mentions": Filters(outlets=(top[0],), mentions=True),
    }


def cases(db, f: Filters):
    top = queries.outlet_options(db)["name"].tolist()
    return {
        "kpis": lambda: queries.kpis(db, f),
        "coverage_by_period": lambda: queries.coverage_by_period(db, f, "month"),
        "top_outlets": lambda: queries.top_outlets(db, f, 12),
        "stories_table": lambda: queries.stories_table(db, f, 1000),
        "story_count": lambda: queries.story_count(db, f),
        "outlet_leaderboard": lambda: queries.outlet_leaderboard(db, f),
        "outlet_timeline": lambda: queries.outlet_timeline(db, f, top[0]),
        "cited_beside": lambda: queries.cited_beside(db, f, top[0]),
        "theme_mix": lambda: queries.theme_mix(db, f),
        "signals_list": lambda: queries.signals_list(db, f, all_outlets=(top[0],)),
        "search": lambda: queries.search(db, Filters(**{**f.__dict__, "q": f.q or "inflation"})),
        "story_detail": lambda: queries.story_detail(db, 1),
        "related_stories": lambda: queries.related_stories(db, 1),
        "outlet_options": lambda: queries.outlet_options(db),
        **{name: (lambda fn=fn: fn(db, f)) for name, fn in EXTRA.items()},
    }


EXTRA = {
    "overlap_views(story)": lambda db, f: overlap.overlap_views(db, f, "story", "count", 20),
    "overlap_views(signal)": lambda db, f: overlap.overlap_views(db, f, "signal", "jaccard", 20),
    "co_citation(all pairs)": lambda db, f: overlap.co_citation(db, f, "story"),
    "outlet_theme_lift": lambda db, f: overlap.outlet_theme_lift(db, f, 20),
    "theme_cooccurrence": lambda db, f: queries.theme_cooccurrence(db, f),
    "coverage_over_time": lambda db, f: queries.coverage_over_time(db, f, "theme"),
    "top_outlets_by_theme": lambda db, f: queries.top_outlets_by_theme(db, f),
}


def main() -> None:
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    db = open_readonly(path)
    stories = db.execute("SELECT count(*) FROM stories").fetchone()[0]
    print(f"database {path}: {stories:,} stories; {repeats} runs each; milliseconds")
    print(f"{'query':<22} {'filters':<16} {'first':>8} {'median':>8} {'p95':>8}")
    worst = []
    for label, f in filter_sets(db).items():
        for name, run in cases(db, f).items():
            t0 = time.perf_counter()
            run()
            first = (time.perf_counter() - t0) * 1000
            times = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                run()
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            median = statistics.median(times)
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            worst.append((median, name, label))
            print(f"{name:<22} {label:<16} {first:8.1f} {median:8.1f} {p95:8.1f}")
    worst.sort(reverse=True)
    print(
        "slowest medians:",
        ", ".join(f"{name}/{label} {ms:.0f} ms" for ms, name, label in worst[:5]),
    )


if __name__ == "__main__":
    main()
