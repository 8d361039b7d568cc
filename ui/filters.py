"""The sidebar filters, kept in step with the URL, and page choices kept in the URL.

Filters live in the URL (``outlet``, ``theme``, ``start``, ``end``, ``q``, ``mentions``; see the
README), so a link reproduces the view. Values a link carries that this database does not know
are ignored, with a notice that names them (escaped).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from datetime import date

import streamlit as st

from signals_data.filters import Filters
from signals_data.shaping import filter_summary
from ui import data
from ui.render import empty_state, esc, quoted

FILTER_KEYS = ("outlet", "theme", "start", "end", "q", "mentions")
WIDGET = {key: f"filter_{key}" for key in FILTER_KEYS}
EARLIEST, LATEST = date(1990, 1, 1), date(2100, 12, 31)


def _url_filters() -> dict[str, tuple[str, ...]]:
    params = st.query_params
    return {key: tuple(v for v in params.get_all(key) if v) for key in FILTER_KEYS}


def _valid_date(value: str | None) -> date | None:
    try:
        parsed = date.fromisoformat(value) if value else None
    except ValueError:
        return None
    return parsed if parsed and EARLIEST <= parsed <= LATEST else None


def _apply_url(outlets: list[str], themes: list[str]) -> None:
    """Copy filters from the URL into the widgets: on a session's first run, and whenever a
    link inside the app brought new filter values. A URL without filter parameters (as after
    switching pages) leaves the current filters alone."""
    state = st.session_state
    url = _url_filters()
    first_run = "_url_written" not in state
    if not first_run and (not any(url.values()) or url == state["_url_written"]):
        return
    problems = []
    for key, known in (("outlet", set(outlets)), ("theme", set(themes))):
        problems += [f"{key} {quoted(v)}" for v in url[key] if v not in known]
        state[WIDGET[key]] = [v for v in url[key] if v in known]
    for key in ("start", "end"):
        raw = url[key][0] if url[key] else None
        parsed = _valid_date(raw)
        if raw and parsed is None:
            problems.append(f"{key} date {quoted(raw)}")
        state[WIDGET[key]] = parsed
    state[WIDGET["q"]] = url["q"][0] if url["q"] else ""
    state[WIDGET["mentions"]] = url["mentions"][:1] in (("1",), ("true",))
    state["_url_notice"] = problems
    state["_url_written"] = url


def _desired_url(f: Filters) -> dict[str, tuple[str, ...]]:
    return {
        "outlet": f.outlets,
        "theme": f.themes,
        "start": (f.start,) if f.start else (),
        "end": (f.end,) if f.end else (),
        "q": (f.q,) if f.q else (),
        "mentions": ("1",) if f.mentions else (),
    }


def _write_url(f: Filters) -> None:
    desired = _desired_url(f)
    for key, values in desired.items():
        current = tuple(st.query_params.get_all(key))
        if values and current != values:
            st.query_params[key] = list(values) if len(values) > 1 else values[0]
        elif not values and key in st.query_params:
            del st.query_params[key]
    st.session_state["_url_written"] = desired


def filter_params(f: Filters | None = None) -> dict[str, list[str] | str]:
    """The URL query parameters of a filter set, for links to other pages."""
    desired = _desired_url(f or current_filters())
    return {k: list(v) if len(v) > 1 else v[0] for k, v in desired.items() if v}


EMPTY = {"outlet": [], "theme": [], "start": None, "end": None, "q": "", "mentions": False}


def reset_filters() -> None:
    for key in FILTER_KEYS:
        st.session_state[WIDGET[key]] = EMPTY[key]


def nothing_matches(message: str) -> None:
    """Say that nothing matches these filters, offer to reset them, and end the page."""
    empty_state(message, reset_filters)


def _filter_widgets(outlet_names: list[str], counts: dict, names: dict[str, str]) -> Filters:
    side = st.sidebar
    side.markdown("### Filters")
    outlets = side.multiselect(
        "Outlets",
        outlet_names,
        key=WIDGET["outlet"],
        format_func=lambda n: f"{n} ({counts.get(n, 0)})",
        placeholder="All outlets",
        help="Signals citing any of these outlets. The number is how many signals credit it.",
    )
    themes = side.multiselect(
        "Themes",
        list(names),
        key=WIDGET["theme"],
        format_func=lambda s: names.get(s, s),
        placeholder="All themes",
    )
    left, right = side.columns(2)
    # Wide bounds: a date typed into a link must never make the widget raise.
    start = left.date_input(
        "From", key=WIDGET["start"], min_value=EARLIEST, max_value=LATEST, format="YYYY-MM-DD"
    )
    end = right.date_input(
        "To", key=WIDGET["end"], min_value=EARLIEST, max_value=LATEST, format="YYYY-MM-DD"
    )
    text = side.text_input("Text", key=WIDGET["q"], placeholder="Words in headlines or text")
    mentions = side.toggle(
        "Include mentions",
        key=WIDGET["mentions"],
        help="Off: only sources credited on a Source line. On: also outlets named in the prose.",
    )
    return filters_from_widgets(side, outlets, themes, start, end, text, mentions)


def filters_from_widgets(where, outlets, themes, start, end, text, mentions) -> Filters:
    """A ``Filters`` from the values of a set of filter widgets (the sidebar's, or a side of the
    Compare page), saying where they are shown when the dates are the wrong way round."""
    if start and end and start > end:
        where.error("“From” is after “To”: no date can match. Swap them.")
    return Filters(
        outlets=tuple(outlets),
        themes=tuple(themes),
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
        q=(text or "").strip(),
        mentions=bool(mentions),
    )


def sidebar_filters() -> Filters:
    """Render the shared filters in the sidebar, kept in step with the URL; return them."""
    options = data.outlet_options()
    outlet_names = options["name"].tolist()
    counts = dict(zip(options["name"], options["citations"], strict=True))
    names = data.theme_names()
    _apply_url(outlet_names, list(names))
    filters = _filter_widgets(outlet_names, counts, names)
    _write_url(filters)
    side = st.sidebar
    notice = st.session_state.get("_url_notice")
    if notice:
        # Each value in the notice was escaped by ``quoted`` when the link was read.
        side.warning("Ignored from the link (not in this database): " + ", ".join(notice))
    left, right = side.columns(2)
    left.button("Reset filters", on_click=reset_filters, width="stretch")
    with right.popover("Copy link", width="stretch"):
        st.caption("This view, for a colleague:")
        st.code(share_url(filters), language=None, wrap_lines=True)
    lo, hi = data.date_bounds()
    if lo and hi:
        side.caption(esc(f"Data from {lo} to {hi}."))
    st.session_state["filters"] = filters
    return filters


def share_url(f: Filters, extra: dict | None = None) -> str:
    base = (st.context.url or "").split("?")[0]
    params = {**filter_params(f), **(extra or {})}
    # Every page parameter of the current link is kept as it stands (story, drill, view, the
    # Compare page's a_*/b_* sides…): only the sidebar's filters are rewritten from the widgets.
    for key in st.query_params:
        if key not in params and key not in FILTER_KEYS:
            params[key] = st.query_params.get_all(key)
    return base + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")


def current_filters() -> Filters:
    """The sidebar's filters, set by app.py earlier in this same run."""
    filters = st.session_state.get("filters")
    if filters is None:
        # This page ran without app.py (see the note in ``ui``): run again, now through the
        # entrypoint, which renders the sidebar and navigation first.
        st.rerun()
    return filters


def summary(f: Filters) -> str:
    """The filters in words, escaped for a caption."""
    return esc(filter_summary(f, data.theme_names()))


def url_choice(
    key: str,
    options: list,
    default,
    label: str,
    widget: str = "segmented",
    format_func: Callable = str,
    **kwargs,
):
    """A page-level choice kept in the URL as ``?key=value`` (not a sidebar filter). A value a
    link carries that is not one of ``options`` is ignored with a notice naming it."""
    state_key = f"page_{key}"
    if state_key not in st.session_state:
        raw = st.query_params.get(key)
        try:
            value = type(default)(raw) if raw is not None else default
        except (ValueError, OverflowError):
            value = None
        if value not in options:
            if raw is not None:
                st.warning(f"Ignored from the link: {key} {quoted(raw)}.")
            value = default
        st.session_state[state_key] = value
    if widget == "segmented":
        value = (
            st.segmented_control(label, options, key=state_key, format_func=format_func, **kwargs)
            or default
        )
    else:
        value = st.selectbox(label, options, key=state_key, format_func=format_func, **kwargs)
    if value == default:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = str(value)
    return value
