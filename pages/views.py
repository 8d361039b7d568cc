"""Saved views: every page saved with its filters, who saved it and when, the filters in
words; open one, copy its short link (``/?v=SLUG``), or delete it."""

import streamlit as st

from ui import views as show

st.title("Saved views")
show.show_deleted()
saved = show.saved_views()
if not saved:
    st.info(
        "No saved view yet. On any page, “Save this view” in the sidebar keeps the page with "
        "its filters under a name, with a short link to share.",
        icon=":material/bookmarks:",
    )
    st.stop()
st.caption(
    f"{len(saved):,} saved views, newest first. A short link opens the page exactly as it was "
    "saved; outlets or themes no longer in the database are left out, with a notice."
)
st.dataframe(
    show.views_table(saved), hide_index=True, width="stretch", column_config=show.TABLE_COLUMNS
)
by_slug = {view.slug: view for view in saved}
slug = st.selectbox(
    "View",
    list(by_slug),
    format_func=lambda s: f"{by_slug[s].name} ({s})",
    key="views_chosen",
)
if slug:
    show.show_one(by_slug[slug])
