"""Stories: the filtered stories as a table, and one story in full with ``?story=ID``."""

import json
from datetime import datetime

import streamlit as st

from pages._shared import (
    current_filters,
    empty_state,
    esc,
    filter_params,
    filter_summary,
    run_query,
)

f = current_filters()


def readable_time(stamp: str) -> str:
    """'2025-04-09T13:35:00-04:00' -> 'Apr 9, 2025, 1:35pm (UTC-04:00)'; other text unchanged."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    hour = moment.hour % 12 or 12
    text = f"{moment:%b} {moment.day}, {moment.year}, {hour}:{moment:%M}"
    text += "am" if moment.hour < 12 else "pm"
    offset = moment.utcoffset()
    if offset is not None:
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        text += f" (UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d})"
    return text


def show_story(story_id: int) -> None:
    story = run_query("story_detail", story_id)
    if story is None:
        st.title("Stories")
        st.warning(f"There is no story {story_id} in this database.")
        if st.button("← All stories"):
            del st.query_params["story"]
            st.rerun()
        return
    if st.button("← All stories"):
        del st.query_params["story"]
        st.rerun()
    st.title(esc(story["title"]))
    facts = [story["published"] or "undated"]
    if story["updated"]:
        facts.append(f"updated {readable_time(story['updated'])}")
    facts += [x for x in (story["category"], story["region"]) if x]
    if story["sponsor"]:
        facts.append(f"supported by {story['sponsor']}")
    st.caption(esc(" · ".join(facts)))
    if story["insights_from"]:
        st.markdown("**Insights from** " + esc(", ".join(story["insights_from"])))
    if story["flags"]:
        st.caption("Parser flags: " + esc(", ".join(story["flags"])))
    if story["url"]:
        st.markdown(
            f"[Original page ↗]({story['url']})"
            if story["url"].startswith("http")
            else esc(story["url"])
        )
    st.subheader("The News")
    st.markdown(esc(story["summary"]) or "_No summary in this copy._")
    st.subheader(f"Signals ({len(story['signals'])})")
    for signal in story["signals"]:
        with st.container(border=True):
            st.markdown(
                f"#### {esc(signal['headline'])}"
                if signal["headline"]
                else "#### _(untitled signal)_"
            )
            chips = [f":blue-badge[Credited: {esc(n)}]" for n in signal["credited"]]
            chips += [f":gray-badge[Mentioned: {esc(n)}]" for n in signal["mentioned"]]
            st.markdown(" ".join(chips) or ":orange-badge[No source named]")
            st.markdown(esc(signal["body"]).replace("\n\n", "\n\n"))
            themes = [
                f":{'violet' if i == 0 else 'gray'}-badge[{esc(t['name'])}]"
                + (f" ({esc(', '.join(t['terms']))})" if t["terms"] else "")
                for i, t in enumerate(signal["themes"])
            ]
            st.caption("Themes: " + " · ".join(themes))
    related = run_query("related_stories", story_id)
    if not related.empty:
        st.subheader("Related stories")
        st.caption("Sharing credited outlets and main themes with this one.")
        for row in related.itertuples():
            st.page_link(
                "pages/stories.py",
                label=f"{esc(row.title)} · {esc(row.published or 'undated')} · "
                f"{row.shared_outlets} shared outlets, {row.shared_themes} shared themes",
                query_params={**filter_params(), "story": str(row.id)},
            )
    with st.expander("Stored documents"):
        st.dataframe(story["documents"], hide_index=True)


story_param = st.query_params.get("story")
if story_param:
    if story_param.isdigit():
        show_story(int(story_param))
        st.stop()
    st.warning(f"“{esc(story_param)}” is not a story id; showing all stories.")

st.title("Stories")
total = run_query("story_count", f)
if total == 0:
    empty_state("No stories match these filters. Widen the dates or remove an outlet or theme.")
rows = run_query("stories_table", f, 1000)
st.caption(
    f"{total:,} stories with signals matching {esc(filter_summary(f))}"
    + (f"; the newest {len(rows):,} are listed." if total > len(rows) else ".")
    + " Select a row to read the story."
)
table = rows.assign(
    open=[f"stories?story={i}" for i in rows["id"]], published=rows["published"].fillna("undated")
)
event = st.dataframe(
    table[["open", "published", "title", "themes", "outlets", "signals", "region"]],
    hide_index=True,
    width="stretch",
    height=min(38 * len(rows) + 40, 640),
    on_select="rerun",
    selection_mode="single-row",
    column_config={
        "open": st.column_config.LinkColumn("Link", display_text="open", width="small"),
        "published": st.column_config.TextColumn("Date", width="small"),
        "title": st.column_config.TextColumn("Title", width="large"),
        "themes": "Main themes",
        "outlets": "Credited outlets",
        "signals": st.column_config.NumberColumn("Signals", width="small"),
        "region": "Region",
    },
    key="stories_table",
)
if event.selection.rows:
    st.query_params["story"] = str(int(rows.iloc[event.selection.rows[0]]["id"]))
    st.rerun()

left, right = st.columns(2)
left.download_button("Download CSV", rows.to_csv(index=False), "stories.csv", "text/csv")
right.download_button(
    "Download JSON",
    json.dumps(rows.to_dict(orient="records"), ensure_ascii=False, indent=1),
    "stories.json",
    "application/json",
)
