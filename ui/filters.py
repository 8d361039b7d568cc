"""The sidebar filters and the page choices, bound to the URL by Streamlit.

Filters live in the URL (``outlet``, ``theme``, ``start``, ``end``, ``q``, ``mentions``; see the
README), so a link reproduces the view. Every filter widget and every page choice is created
with ``bind="query-params"``: its key is its URL parameter, Streamlit seeds it from a link,
writes each change to the URL, and keeps it over a page switch and a reload.

What is still written here, because the binding does not do it:

- The notice naming values a link carries that this database does not know. The binding drops
  them silently (``_seed_widget_from_url`` in ``streamlit/runtime/state/session_state.py``
  filters them out and rewrites the URL), so the link is read once before the widgets are drawn.
- Links written before the binding say ``mentions=1``; a bound toggle reads only ``true`` and
  ``false`` (``parse_url_param``, ``streamlit/runtime/state/query_params.py``, "bool_value"),
  so such a link is rewritten once.
- A bound widget shows its URL value as its label: the URL holds ``format_func(option)``, not
  the option (``MultiSelectSerde.serialize`` in ``streamlit/elements/widgets/multiselect.py``,
  ``formatted_options`` in ``button_group.py`` and ``selectbox.py``). The URL must keep the
  documented values (``theme=trade``, ``view=network``), so bound widgets show their options
  as they are and no ``format_func``; outlets are listed without their citation counts.
- The binding keeps one value per key for the whole session (``_remove_stale_widgets`` in
  ``session_state.py`` preserves a bound widget's value under its key when its page is left), so
  two pages whose choices share a URL name (``view``) would hand each other their values; each
  choice is put back to its own (``_recall_choice``).
- "Copy link" is drawn in the sidebar before the page runs, while a page's bound choices come
  back into the URL as the page draws them (after a switch back to it); the link is rewritten
  after each (``show_copy_link``).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Mapping
from datetime import date, datetime

import streamlit as st
from streamlit.errors import StreamlitAPIException

from signals_data.filters import Filters
from signals_data.shaping import filter_summary
from ui import data
from ui.render import empty_state, esc, quoted

FILTER_KEYS = ("outlet", "theme", "start", "end", "q", "mentions")
# Each filter widget's key is its URL parameter: the binding uses the key as the name.
WIDGET = {key: key for key in FILTER_KEYS}
EARLIEST, LATEST = date(1990, 1, 1), date(2100, 12, 31)
EMPTY = {"outlet": [], "theme": [], "start": None, "end": None, "q": "", "mentions": False}
BIND = "query-params"
TRUE_WORDS, FALSE_WORDS = ("true", "1"), ("false", "0")
_NOTICE = "_url_notice"
_RUN = "_run"  # a count of this session's runs, for the page choices
CHOICES = "_choices"  # each page choice's run last drawn and value, by key and options
_LINK_SLOT = "_copy_link_slot"  # the "Copy link" popover's code block, rewritten in the run


# --- reading a link ----------------------------------------------------------------------------


def _valid_date(value: str | None) -> date | None:
    """A link's date as the bound date widget reads it (ISO, or the older YYYY/MM/DD), within
    the widgets' bounds; None when the widget would drop it."""
    for fmt in ("%Y-%m-%d", "%Y/%m/%d"):
        try:
            parsed = datetime.strptime(value or "", fmt).date()
        except ValueError:
            continue
        return parsed if EARLIEST <= parsed <= LATEST else None
    return None


def _flag(raw: str | None) -> bool | None:
    """A link's ``mentions`` value: True, False, or None when it is neither."""
    word = (raw or "").lower()
    return True if word in TRUE_WORDS else False if word in FALSE_WORDS else None


def _problems(params: Mapping[str, list[str]], outlets: set[str], themes: set[str]) -> list[str]:
    """The filter values of a link that this database or the widgets do not take, named and
    escaped for the notice."""
    problems = []
    for key, known in (("outlet", outlets), ("theme", themes)):
        problems += [f"{key} {quoted(v)}" for v in params.get(key, []) if v and v not in known]
    for key in ("start", "end"):
        raw = next((v for v in params.get(key, []) if v), None)
        if raw and _valid_date(raw) is None:
            problems.append(f"{key} date {quoted(raw)}")
    raw = next((v for v in params.get("mentions", []) if v), None)
    if raw and _flag(raw) is None:
        problems.append(f"mentions {quoted(raw)}")
    return problems


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in FILTER_KEYS}


def _upgrade_old_mentions() -> None:
    """``mentions=1`` (older links, saved views) becomes ``mentions=true`` and the run starts
    again, so that the binding seeds the toggle from it; it would drop ``1``."""
    raw = st.query_params.get("mentions")
    if raw is None or raw.lower() in ("true", "false") or _flag(raw) is None:
        return
    try:
        st.query_params["mentions"] = "true" if _flag(raw) else "false"
    except StreamlitAPIException:
        return  # already bound in this session: the toggle keeps its value, as for any link
    st.rerun()


def open_filters(params: Mapping[str, list[str]]) -> None:
    """Give the sidebar the filters of a link opened from inside the app (a saved view), before
    the widgets are drawn: in a session whose widgets already have values, the binding would let
    them win over the new URL. Unknown values are dropped with the notice."""
    outlets, themes = set(data.outlet_names()), set(data.theme_names())
    state = st.session_state

    def first(key: str) -> str | None:
        return next((v for v in params.get(key, []) if v), None)

    state[WIDGET["outlet"]] = list(
        dict.fromkeys(v for v in params.get("outlet", []) if v in outlets)
    )
    state[WIDGET["theme"]] = list(dict.fromkeys(v for v in params.get("theme", []) if v in themes))
    state[WIDGET["start"]] = _valid_date(first("start"))
    state[WIDGET["end"]] = _valid_date(first("end"))
    state[WIDGET["q"]] = first("q") or ""
    state[WIDGET["mentions"]] = bool(_flag(first("mentions")))
    problems = _problems(params, outlets, themes)
    state[_NOTICE] = (problems, None) if problems else None


def _show_notice(problems: list[str], filters: Filters) -> None:
    """The notice of a link's ignored values: shown from the run that read the link for as long
    as the filters stay as that link set them."""
    state = st.session_state
    if problems:
        state[_NOTICE] = (problems, filters)
    saved = state.get(_NOTICE)
    if saved and saved[1] is None:  # set by open_filters: this is the first run that shows it
        saved = state[_NOTICE] = (saved[0], filters)
    if saved and saved[1] == filters:
        # Each value in the notice was escaped by ``quoted`` when the link was read.
        st.sidebar.warning("Ignored from the link (not in this database): " + ", ".join(saved[0]))
    elif saved:
        del state[_NOTICE]


# --- the sidebar -------------------------------------------------------------------------------


def filter_params(f: Filters | None = None) -> dict[str, list[str] | str]:
    """The URL query parameters of a filter set, for links to other pages."""
    f = f or current_filters()
    desired = {
        "outlet": f.outlets,
        "theme": f.themes,
        "start": (f.start,) if f.start else (),
        "end": (f.end,) if f.end else (),
        "q": (f.q,) if f.q else (),
        "mentions": ("true",) if f.mentions else (),
    }
    return {k: list(v) if len(v) > 1 else v[0] for k, v in desired.items() if v}


def reset_filters() -> None:
    # Setting a bound widget's state to its default also takes its parameter out of the URL.
    for key in FILTER_KEYS:
        st.session_state[WIDGET[key]] = EMPTY[key]


def nothing_matches(message: str) -> None:
    """Say that nothing matches these filters, offer to reset them, and end the page."""
    empty_state(message, reset_filters)


def _filter_widgets(outlet_names: list[str], theme_slugs: list[str]) -> Filters:
    side = st.sidebar
    side.markdown("### Filters")
    outlets = side.multiselect(
        "Outlets",
        outlet_names,
        key=WIDGET["outlet"],
        bind=BIND,
        placeholder="All outlets",
        help="Signals citing any of these outlets. The most cited outlets come first.",
    )
    themes = side.multiselect(
        "Themes", theme_slugs, key=WIDGET["theme"], bind=BIND, placeholder="All themes"
    )
    left, right = side.columns(2)
    # Wide bounds: a date typed into a link must never make the widget raise (the binding
    # drops a date outside them, with the notice).
    bounds = {"min_value": EARLIEST, "max_value": LATEST, "format": "YYYY-MM-DD", "bind": BIND}
    start = left.date_input("From", value=None, key=WIDGET["start"], **bounds)
    end = right.date_input("To", value=None, key=WIDGET["end"], **bounds)
    text = side.text_input(
        "Text", key=WIDGET["q"], bind=BIND, placeholder="Words in headlines or text"
    )
    mentions = side.toggle(
        "Include mentions",
        key=WIDGET["mentions"],
        bind=BIND,
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
    """Render the shared filters in the sidebar, bound to the URL; return them."""
    _upgrade_old_mentions()
    st.session_state[_RUN] = st.session_state.get(_RUN, 0) + 1
    outlet_names = data.outlet_names()
    theme_slugs = list(data.theme_names())
    problems = _problems(_url_params(), set(outlet_names), set(theme_slugs))
    filters = _filter_widgets(outlet_names, theme_slugs)
    _show_notice(problems, filters)
    side = st.sidebar
    left, right = side.columns(2)
    left.button("Reset filters", on_click=reset_filters, width="stretch")
    with right.popover("Copy link", width="stretch"):
        st.caption("This view, for a colleague:")
        st.session_state[_LINK_SLOT] = st.empty()
    lo, hi = data.date_bounds()
    if lo and hi:
        side.caption(esc(f"Data from {lo} to {hi}."))
    st.session_state["filters"] = filters
    show_copy_link()
    return filters


def show_outlet(name: str) -> None:
    """Point the sidebar's outlet filter (and so the Outlets page's profile) at ``name``. Only
    from a callback: the filter widget is drawn before any page."""
    st.session_state[WIDGET["outlet"]] = [name]


PROFILE = "open_profile"


def open_profile(outlet: str) -> None:
    """Go to an outlet's profile, from a button's callback: the sidebar filter first (a callback
    runs before it is drawn; a link's ``outlet`` parameter would lose to the filter's value in
    this session), then the page switch, which ``follow_to_profile`` makes once the page that
    holds the button runs again."""
    show_outlet(outlet)
    st.session_state[PROFILE] = True


def follow_to_profile() -> None:
    if st.session_state.pop(PROFILE, False):
        # An empty mapping, not None: None clears the URL through the method that refuses
        # bound parameters (``outlet``); the filter's binding writes it back from the state.
        st.switch_page("pages/outlets.py", query_params={})


def show_copy_link() -> None:
    """Write the "Copy link" address, again whenever the page adds to the URL later in the run:
    a page's bound choices and its drill-down come back to the URL as the page draws them
    (after a switch back to it), after the sidebar was drawn."""
    slot, filters = st.session_state.get(_LINK_SLOT), st.session_state.get("filters")
    if slot is not None and filters is not None:
        slot.code(share_url(filters), language=None, wrap_lines=True)


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


# --- page choices ------------------------------------------------------------------------------


def _labels(options: list, format_func: Callable) -> str:
    return " · ".join(f"{o}: {format_func(o)}" for o in options if format_func(o) != str(o))


def url_choice(
    key: str,
    options: list,
    default,
    label: str,
    widget: str = "segmented",
    format_func: Callable = str,
    **kwargs,
):
    """A page-level choice kept in the URL as ``?key=value`` (not a sidebar filter), bound by
    Streamlit. A value a link carries that is not one of ``options`` is ignored with a notice
    naming it. The options are shown as the URL writes them (see the module's note); what
    ``format_func`` says of them goes into the widget's help."""
    raw = st.query_params.get(key)
    if raw is not None and raw not in [str(o) for o in options]:
        st.warning(f"Ignored from the link: {key} {quoted(raw)}.")
    slot = _recall_choice(key, options, default)
    words = _labels(options, format_func)
    if words and "help" not in kwargs:
        kwargs["help"] = esc(words)
    if widget == "segmented":
        value = st.segmented_control(
            label, options, default=default, required=True, key=key, bind=BIND, **kwargs
        )
    else:
        index = options.index(default)
        value = st.selectbox(label, options, index=index, key=key, bind=BIND, **kwargs)
    st.session_state[CHOICES][slot] = (st.session_state.get(_RUN), value)
    show_copy_link()
    return value


def _recall_choice(key: str, options: list, default) -> str:
    """Put back the value this choice had when last drawn, on a run that did not draw it in the
    run before (the page was left, or stopped early). Pages share a URL name (Overlap's and the
    Compare page's ``view``) but not their options, while the binding keeps one value per key
    for the whole session: left alone, Overlap's ``view=network`` would come back on the
    Compare page, where it is not an option, and the Compare page's view on Overlap."""
    state = st.session_state
    slot = f"{key}|" + "|".join(map(str, options))
    run, last = state.get(_RUN, 0), state.setdefault(CHOICES, {}).get(slot)
    if key not in st.query_params and (last is None or last[0] != run - 1):
        wanted = last[1] if last else default
        if state.get(key, wanted) != wanted:
            state[key] = wanted
    return slot
