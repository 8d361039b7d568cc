"""Overview: KPIs with deltas, coverage over time, top outlets, latest stories."""

import streamlit as st

from signals_data import charts
from signals_data.queries import coverage_period, previous_period
from signals_data.shaping import span_label
from ui import data
from ui.filters import current_filters, filter_params, nothing_matches, summary
from ui.render import esc, text_or

f = current_filters()
st.title("Overview")
st.caption(f"Showing {summary(f)}.")

now = data.kpis(f)
if now["signals"] == 0:
    nothing_matches("No signals match these filters. Widen the dates or remove an outlet or theme.")

# Deltas compare with the period of the same length just before the chosen dates; without a
# chosen date range there is no "before" worth comparing with, so no deltas are shown.
before_filters = previous_period(f, now["first"], now["last"]) if f.start or f.end else None
before = data.kpis(before_filters) if before_filters else None
period_help = (
    "Change against the previous period of the same length."
    if before
    else "Choose a date range to compare with the period before it."
)
cols = st.columns(4)
for col, key, label, extra_help in [
    (cols[0], "stories", "Stories", "Stories with at least one matching signal. "),
    (cols[1], "signals", "Signals", ""),
    (cols[2], "outlets", "Outlets cited", ""),
]:
    delta = None if before is None else now[key] - before[key]
    col.metric(label, f"{now[key]:,}", delta, border=True, help=extra_help + period_help)
cols[3].metric(
    "Date span",
    span_label(now["first"], now["last"]),
    border=True,
    help=esc(f"{now['first'] or '—'} to {now['last'] or '—'}"),
)

period = coverage_period(now["first"], now["last"])
coverage = data.coverage_by_period(f, period)
if coverage.empty:
    st.info("These signals have no publication dates, so there is no timeline to draw.")
else:
    st.plotly_chart(charts.coverage_chart(coverage, data.theme_names(), period), width="stretch")

left, right = st.columns([1, 1])
with left:
    top = data.top_outlets(f, 12)
    st.plotly_chart(charts.top_outlets_chart(top, "Most cited outlets"), width="stretch")
    st.page_link("pages/outlets.py", label="All outlets →", query_params=filter_params())
with right:
    st.subheader("Latest stories")
    for row in data.stories_table(f, 8).itertuples():
        st.page_link(
            "pages/stories.py",
            label=f"**{esc(text_or(row.title, '(untitled story)'))}**  \n"
            f"{esc(text_or(row.published, 'undated'))} · "
            f"{esc(text_or(row.outlets, 'no credited outlet'))}",
            query_params={**filter_params(), "story": str(row.id)},
        )
