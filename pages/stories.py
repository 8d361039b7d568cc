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
    quoted,
    run_query,
)
from signals_data.queries import story_id_from
from signals_data.safe_text import markdown_link

f = current_filters()


def readable_time(stamp: str) -> str:
    """'2025-04-09T13:35:00-04:00' -> 'Apr 9, 2025, 1:35pm (UTC-04:00)'; other text unchanged."""
    try:
        moment = datetime.fromisoformat(stamp)
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


def no_such_story(raw: str) -> None:
    """The notice for a ``story`` link value that names no story here (or no story at all)."""
    st.title("Stories")
    shown = raw if story_id_from(raw) else quoted(raw)  # a plain id needs no quotes
    st.warning(f"There is no story {shown} in this database.")
    back_to_list()


def back_to_list() -> None:
    if st.button("← All stories"):
        st.query_params.pop("story", None)
        st.rerun()


def date_fact(story: dict) -> str:
    """The story's date, or why it has none (a stored date that is not a date is unknown)."""
    if story["published"]:
        return story["published"]
    raw = story.get("published_raw")
    return "undated" if raw in (None, "") else f"date unknown (stored as “{str(raw)[:40]}”)"


def show_story(story_id: int) -> None:
    story = run_query("story_detail", story_id)
    if story is None:
        no_such_story(str(story_id))
        return
    back_to_list()
    st.title(esc(story["title"] or "(untitled story)"))
    facts = [date_fact(story)]
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
        # A link only to an http(s) URL with a sane host, percent-encoded; else the URL as text.
        st.markdown(markdown_link("Original page ↗", story["url"]))
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


if "story" in st.query_params:
    story_param = st.query_params.get("story") or ""
    story_id = story_id_from(story_param)
    if story_id is None:
        no_such_story(story_param)
    else:
        show_story(story_id)
    st.stop()

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
