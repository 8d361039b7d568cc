"""Overview: KPIs with deltas, coverage over time, top outlets, latest stories."""

import streamlit as st

from pages._shared import (
    current_filters,
    empty_state,
    esc,
    filter_params,
    filter_summary,
    run_query,
    theme_names,
)
from signals_data import charts
from signals_data.queries import coverage_period, parse_day, previous_period

f = current_filters()
st.title("Overview")
st.caption(f"Showing {esc(filter_summary(f))}.")

now = run_query("kpis", f)
if now["signals"] == 0:
    empty_state("No signals match these filters. Widen the dates or remove an outlet or theme.")

# Deltas compare with the period of the same length just before the chosen dates; without a
# chosen date range there is no "before" worth comparing with, so no deltas are shown.
before = None
if f.start or f.end:
    before_filters = previous_period(f, now["first"], now["last"])
    before = run_query("kpis", before_filters) if before_filters else None


def delta(key: str):
    return None if before is None else now[key] - before[key]


def span(first: str | None, last: str | None) -> str:
    """How long the signals run, short enough for the card ("3.5 years", "8 months", "12 days");
    the exact dates are in its help text."""
    first_day, last_day = parse_day(first), parse_day(last)
    if first_day is None or last_day is None:
        return "undated"
    days = (last_day - first_day).days + 1
    if days >= 730:
        return f"{days / 365.25:.1f} years"
    if days >= 60:
        return f"{round(days / 30.44)} months"
    return f"{days} day" + ("s" if days > 1 else "")


period_help = (
    "Change against the previous period of the same length."
    if before
    else "Choose a date range to compare with the period before it."
)
cols = st.columns(4)
cols[0].metric(
    "Stories",
    f"{now['stories']:,}",
    delta("stories"),
    border=True,
    help="Stories with at least one matching signal. " + period_help,
)
cols[1].metric("Signals", f"{now['signals']:,}", delta("signals"), border=True, help=period_help)
cols[2].metric(
    "Outlets cited", f"{now['outlets']:,}", delta("outlets"), border=True, help=period_help
)
cols[3].metric(
    "Date span",
    span(now["first"], now["last"]),
    border=True,
    help=esc(f"{now['first'] or '—'} to {now['last'] or '—'}"),
)

period = coverage_period(now["first"], now["last"])
coverage = run_query("coverage_by_period", f, period)
if coverage.empty:
    st.info("These signals have no publication dates, so there is no timeline to draw.")
else:
    st.plotly_chart(charts.coverage_chart(coverage, theme_names(), period), width="stretch")

left, right = st.columns([1, 1])
with left:
    top = run_query("top_outlets", f, 12)
    st.plotly_chart(charts.top_outlets_chart(top, "Most cited outlets"), width="stretch")
    st.page_link("pages/outlets.py", label="All outlets →", query_params=filter_params())
with right:
    st.subheader("Latest stories")
    latest = run_query("stories_table", f, 8)
    for row in latest.itertuples():
        st.page_link(
            "pages/stories.py",
            label=f"**{esc(row.title)}**  \n{esc(row.published or 'undated')} · "
            f"{esc(row.outlets or 'no credited outlet')}",
            query_params={**filter_params(), "story": str(row.id)},
        )
