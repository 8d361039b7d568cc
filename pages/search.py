"""Search: full-text search over headlines and signal text, with highlighted snippets."""

import streamlit as st

from signals_data.queries import HIGHLIGHT_END, HIGHLIGHT_START
from signals_data.safe_text import html_text
from ui import data
from ui.filters import WIDGET, current_filters, filter_params
from ui.render import esc

f = current_filters()
st.title("Search")


def copy_to_filter() -> None:
    st.session_state[WIDGET["q"]] = st.session_state["search_box"]


def highlighted(snippet: str) -> str:
    # Escape all page text first (as character references, on one line); only then turn the
    # match markers into <mark> tags.
    safe = html_text(snippet)
    return safe.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_END, "</mark>")


st.session_state["search_box"] = f.q
st.text_input(
    "Search signals",
    key="search_box",
    on_change=copy_to_filter,
    placeholder='e.g. sanctions, "supply chain", export*  (AND, OR, NOT work too)',
    help="Searches headlines and signal text (and story titles and summaries for the filters). "
    "Other sidebar filters apply too.",
)
if not f.q:
    st.info("Type words to search for. Quote a phrase; end a word with * to match its start.")
    st.stop()

results = data.search(f, 100)
if results.empty:
    st.info(f"No signal matches “{esc(f.q)}” with these filters.")
    st.stop()
st.caption(f"{len(results)} best matches for “{esc(f.q)}”.")

for row in results.itertuples():
    with st.container(border=True):
        st.page_link(
            "pages/stories.py",
            label=f"**{esc(row.headline or '(untitled signal)')}** — {esc(row.title)}",
            query_params={**filter_params(), "story": str(row.story_id)},
        )
        st.markdown(
            f'<div class="snippet">{highlighted(row.snippet)}</div>', unsafe_allow_html=True
        )
        st.caption(esc(f"{row.published or 'undated'} · {row.outlets or 'no credited outlet'}"))
