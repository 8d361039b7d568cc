"""Saved views in the dashboard: the short link ``/?v=SLUG``, the sidebar's "Save this view"
and the ``/views`` page's list. Every read and write goes through ``signals_data.views``; a
write opens its connection with ``data.open_for_writing`` (read-only in read-only mode, where
no save or delete control is shown anyway)."""

from __future__ import annotations

import urllib.parse

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from signals_data import views
from ui import auth, data
from ui.drill import DRILLS
from ui.filters import CHOICES, open_filters
from ui.render import esc, quoted
from ui.story import LAST_STORY

saved_views = data.loader(views.list_views)
_get_view = data.loader(views.get)


def page_file(page: str) -> str:
    """The page script of a view's page path ("/" is the Overview)."""
    return "pages/overview.py" if page == "/" else f"pages{page}.py"


def base_url() -> str:
    """This server's address as the browser sees it ("" when unknown, as under AppTest)."""
    parts = urllib.parse.urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def open_short_link() -> None:
    """On ``?v=SLUG``, switch to the saved page with its parameters, as on a fresh link: the
    sidebar takes the view's filters (unknown outlets and themes are dropped with the sidebar's
    notice) and the page's choices read the URL again. A malformed or unknown slug is a notice
    on the current page."""
    raw = st.query_params.get("v")
    if raw is None:
        return
    try:
        view = _get_view(raw)
    except views.ViewError:
        view, problem = None, f"{quoted(raw)} is not a saved view's code."
    else:
        problem = f"There is no saved view {quoted(raw)}: it may have been deleted."
    if view is None:
        st.query_params.pop("v", None)
        st.warning(problem + " Saved views are listed on the Saved views page.")
        return
    params = view.params
    # The filters go into the widgets' state as well as the URL: in a session whose sidebar is
    # already drawn, the bound widgets keep their values over a new URL.
    open_filters(params)
    # Forget the page choices and drill-downs this session made, so the view's (or the
    # defaults) win over them.
    for key in [*_page_choice_keys(), DRILLS, CHOICES, LAST_STORY]:
        st.session_state.pop(key, None)
    page_params = {k: v for k, v in params.items() if k not in views.FILTER_KEYS}
    # A parameter bound to a widget drawn in the last run cannot be passed to st.switch_page
    # (QueryParams.update raises, in streamlit/runtime/state/query_params.py). The sidebar's
    # are bound in a session that has drawn it: the filters then come from the state set
    # above, which the binding writes to the URL. A page's own choices are bound when the link
    # is opened on that page: a switch to the Overview, which binds none of its own, unbinds
    # them, and the link is opened from there.
    for query in (params, page_params):
        try:
            st.switch_page(page_file(view.page), query_params=query)
        except StreamlitAPIException:
            continue
    st.switch_page("pages/overview.py", query_params={"v": raw})


def _page_choice_keys() -> set[str]:
    """Every page's own parameters that a widget holds (a bound page choice)."""
    keys = {key for _, params in views.PAGES.values() for key in params}
    return keys - {"story", "drill"} - set(views.COMPARE_KEYS)


def _current_path(url_path: str) -> str:
    """The current page and its known parameters, as in the browser."""
    page = "/" + url_path.strip("/")
    known = set(views.FILTER_KEYS) | set(views.PAGES.get(page, ("", ()))[1])
    params = {k: st.query_params.get_all(k) for k in st.query_params if k in known}
    query = urllib.parse.urlencode(params, doseq=True)
    return page + ("?" + query if query else "")


def save_view_control(url_path: str) -> None:
    """The sidebar's "Save this view": a name and an optional note; not in read-only mode."""
    if data.read_only():
        return
    with st.sidebar.popover("Save this view", width="stretch"):
        with st.form("save_view", clear_on_submit=True, border=False):
            # No max_chars: a pasted name that is too long would be cut without a word; the
            # save refuses it with a message instead.
            name = st.text_input("Name", placeholder=f"At most {views.NAME_LIMIT} characters")
            note = st.text_area("Note (optional)", height=68)
            if st.form_submit_button("Save view", type="primary"):
                _save(name, note, _current_path(url_path))
        _show_saved()


def _save(name: str, note: str, path: str) -> None:
    db = data.open_for_writing()
    try:
        view = views.save(db, name, path, note, author=auth.who())
        st.session_state["_view_saved"] = ("success", view.short_link)
    except views.ViewError as exc:
        st.session_state["_view_saved"] = ("error", str(exc))
    finally:
        db.conn.close()


def _show_saved() -> None:
    kind, text = st.session_state.pop("_view_saved", (None, None))
    if kind == "success":
        st.success("Saved. Its short link:")
        st.code(base_url() + text, language=None)
    elif kind == "error":
        st.error(f"Not saved: {esc(text)}.")


def views_table(saved: list[views.SavedView]) -> pd.DataFrame:
    """One row per view: open link, name, filters in words, note, who saved it, when, short link."""
    names, base = data.theme_names(), base_url()
    return pd.DataFrame(
        {
            "open": [base + v.path for v in saved],
            "name": [v.name for v in saved],
            "filters": [views.describe(v, names) for v in saved],
            "note": [v.note for v in saved],
            "saved by": [v.author or "" for v in saved],
            "saved at": [v.created_at.replace("T", " ").removesuffix("+00:00") for v in saved],
            "short link": [base + v.short_link for v in saved],
        }
    )


TABLE_COLUMNS = {
    "open": st.column_config.LinkColumn("Open", display_text="open"),
    "short link": st.column_config.LinkColumn("Short link"),
}


def show_one(view: views.SavedView) -> None:
    """The chosen view: open it, copy its link, delete it (not in read-only mode)."""
    # Through the short link, so the view's filters win over the ones this session shows.
    st.page_link("pages/overview.py", label=f"Open {esc(view.name)}", query_params={"v": view.slug})
    st.caption("Short link, to copy:")
    st.code(base_url() + view.short_link, language=None)
    if not auth.can_manage_view(view.author):
        return
    if st.button("Delete this view", key=f"delete_{view.slug}"):
        db = data.open_for_writing()
        try:
            views.delete(db, view.slug)
        except views.ViewError as exc:
            st.error(esc(str(exc)))
        finally:
            db.conn.close()
        st.session_state["_view_deleted"] = view.name
        st.rerun()


def show_deleted() -> None:
    name = st.session_state.pop("_view_deleted", None)
    if name:
        st.success(f"Deleted the view {quoted(name)}.")
