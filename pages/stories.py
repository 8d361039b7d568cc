"""Stories: the filtered stories as a table, and one story in full with ``?story=ID``."""

import json

import streamlit as st

from ui import data
from ui.filters import current_filters, nothing_matches, summary
from ui.story import show_story, story_in_url

f = current_filters()
story = story_in_url()
if story is not None:
    show_story(story)
    st.stop()

st.title("Stories")
total = data.story_count(f)
if total == 0:
    nothing_matches("No stories match these filters. Widen the dates or remove an outlet or theme.")
rows = data.stories_table(f, 1000)
st.caption(
    f"{total:,} stories with signals matching {summary(f)}"
    + (f"; the newest {len(rows):,} are listed." if total > len(rows) else ".")
    + " Select a row to read the story."
)
table = rows.assign(
    open=[f"stories?story={i}" for i in rows["id"]],
    published=rows["published"].fillna("undated"),
    title=rows["title"].fillna("").replace("", "(untitled story)"),  # a copy without its headline
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
