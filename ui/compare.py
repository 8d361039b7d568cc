"""The Compare page's parts: two sides, A and B, set in the page and kept in the URL
(``a_outlet``, ``a_theme``, ``a_start``, ``a_end``, ``a_q``, ``a_mentions`` and the same with
``b_``), presets that set both at once, the comparison's charts and tables, and the signals
behind a click (``?drill=a|outlet|Reuters``, see ``compare.SideDrill``).

Values a link carries that this database does not know (an outlet, a theme, a date that is not
one) are dropped with a notice naming them, as the sidebar does.
"""

from __future__ import annotations

import urllib.parse
from datetime import date

import pandas as pd
import streamlit as st

from signals_data import charts, compare
from signals_data.compare import SIDE_KEYS, SIDES, SideDrill
from signals_data.filters import Filters
from signals_data.queries import coverage_period
from ui import data
from ui.drill import clickable_chart, drill_in_url, show_signals
from ui.filters import EARLIEST, LATEST, filters_from_widgets
from ui.render import download_csv, esc, quoted

PARAMS = [f"{side}_{key}" for side in SIDES for key in SIDE_KEYS]
PAGE_CHOICES = ("drill", "period", "scale", "measure", "min")  # kept in the comparison's link
EMPTY = {"outlet": [], "theme": [], "start": None, "end": None, "q": "", "mentions": False}
# Kept in the URL by Streamlit itself (``bind="query-params"``): the widget's key is the URL
# parameter. Themes and mentions are written here instead: the theme pickers show names while
# links carry slugs (a bound picker would put its labels in the URL), and links say
# ``a_mentions=1``, which a bound toggle (true/false only) would drop.
BOUND = ("outlet", "start", "end", "q")
HINT = "Click a bar, a point or a table row to list the signals behind it on that side."


def _key(side: str, name: str) -> str:
    return f"{side}_{name}" if name in BOUND else f"cmp_{side}_{name}"


# --- the sides and the URL ---------------------------------------------------------------------


def _url_params() -> dict[str, list[str]]:
    params = {name: [v for v in st.query_params.get_all(name) if v] for name in PARAMS}
    return {name: values for name, values in params.items() if values}


def _day(raw: str | None) -> date | None:
    try:
        day = date.fromisoformat(raw) if raw else None
    except ValueError:
        return None
    return day if day and EARLIEST <= day <= LATEST else None


def _apply_params(params: dict[str, list[str]]) -> list[str]:
    """Set every widget of both sides from a link's parameters (a side the link leaves out is
    empty, whatever the session showed before); return what was dropped, named and escaped."""
    state, dropped = st.session_state, []
    known = {"outlet": set(data.outlet_names()), "theme": set(data.theme_names())}
    for side in SIDES:
        p = f"{side}_"
        for name in ("outlet", "theme"):
            values = list(dict.fromkeys(params.get(p + name, [])))
            dropped += [f"{p}{name} {quoted(v)}" for v in values if v not in known[name]]
            state[_key(side, name)] = [v for v in values if v in known[name]]
        for name in ("start", "end"):
            raw = (params.get(p + name) or [None])[0]
            if raw and _day(raw) is None:
                dropped.append(f"{p}{name} {quoted(raw)}")
            state[_key(side, name)] = _day(raw)
        state[_key(side, "q")] = (params.get(p + "q") or [""])[0]
        raw = (params.get(p + "mentions") or [""])[0].lower()
        if raw and raw not in compare.TRUE_WORDS + compare.FALSE_WORDS:
            dropped.append(f"{p}mentions {quoted(raw)}")
        state[_key(side, "mentions")] = raw in compare.TRUE_WORDS
    return dropped


def _arrived() -> bool:
    """Whether this is the page's first run since the tab opened or came from another page:
    Streamlit forgets an unbound widget's key after a run that did not draw it."""
    return _key("a", "theme") not in st.session_state


def _read_url() -> None:
    """Bring the sides in line with a link. A link (a fresh tab, a saved view, a link from
    another page, the browser's history) names the whole comparison: sides it leaves out are
    empty, not what this session showed before. Coming back from another page without one,
    the comparison last shown comes back (Streamlit restores the bound widgets; the themes and
    mentions are restored here). What this page wrote itself is not read again, so a preset or
    an edit is never undone by the URL of the run before."""
    state = st.session_state
    url, written, arrived = _url_params(), state.get("_cmp_written"), _arrived()
    if url and (arrived or url != written):
        state["_cmp_notice"] = _apply_params(url)
    elif arrived and written:
        for side in SIDES:
            p = f"{side}_"
            state[_key(side, "theme")] = list(written.get(p + "theme", []))
            state[_key(side, "mentions")] = bool(written.get(p + "mentions"))
    for side in SIDES:
        for name in ("theme", "mentions"):
            state.setdefault(_key(side, name), EMPTY[name])


def _write_url(params: dict[str, list[str]]) -> None:
    """Write the parameters Streamlit does not keep itself (themes, mentions)."""
    for name in PARAMS:
        if name.split("_", 1)[1] in BOUND:
            continue
        wanted, current = params.get(name, []), st.query_params.get_all(name)
        if wanted and current != wanted:
            st.query_params[name] = wanted
        elif not wanted and name in st.query_params:
            del st.query_params[name]
    st.session_state["_cmp_written"] = params


def comparison_link(a: Filters, b: Filters, drill: str | None = None) -> str:
    """The page's address with both sides, its choices and (if given) a drill-down."""
    params: dict = compare.comparison_params(a, b)
    for name in PAGE_CHOICES:
        if name in st.query_params and name != "drill":
            params[name] = st.query_params[name]
    if drill:
        params["drill"] = drill
    base = (st.context.url or "").split("?")[0]
    return base + "?" + urllib.parse.urlencode(params, doseq=True)


# --- presets -----------------------------------------------------------------------------------


def _set_sides(a: Filters, b: Filters) -> None:
    """A preset's callback: both sides at once, and no drill-down of the previous comparison."""
    _apply_params(compare.comparison_params(a, b))
    st.session_state["_cmp_notice"] = []
    st.query_params.pop("drill", None)


def _period_preset(f: Filters) -> None:
    first, last = data.date_bounds()
    try:
        _set_sides(*compare.preset_period_vs_previous(compare.recent_period(f, last), first, last))
    except compare.NoPeriod as exc:
        st.session_state["_cmp_preset_notice"] = f"No period to compare: {exc}."


def presets(f: Filters, names: dict[str, str]) -> None:
    """One click sets both sides: the sidebar's filters against everything, this period against
    the one before, theme X against theme Y, outlet X against outlet Y."""
    outlets = data.outlet_names()
    with st.container(border=True):
        st.caption("**Presets**: one click sets both sides (each can be edited below).")
        first, second = st.columns(2)
        sidebar_empty = not (f.outlets or f.themes or f.start or f.end or f.q)
        left, right = first.columns(2)
        left.button(
            "Sidebar filters vs everything",
            on_click=lambda: _set_sides(*compare.preset_current_vs_all(f)),
            disabled=sidebar_empty,
            help="Set filters in the sidebar first."
            if sidebar_empty
            else "A: the sidebar's filters; B: every signal.",
            width="stretch",
        )
        right.button(
            "This period vs the one before",
            on_click=_period_preset,
            args=(f,),
            help="The sidebar's filters over their dates (the data's last 91 days if none "
            "are set) against the same number of days just before.",
            width="stretch",
        )
        second.caption("Or pick two themes or two outlets, within the sidebar's other filters:")
        third, fourth = st.columns(2)
        _pair_preset(third, "theme", list(names), names.get, (0, min(2, len(names) - 1)), f)
        _pair_preset(fourth, "outlet", outlets, str, (0, 1), f)
        notice = st.session_state.pop("_cmp_preset_notice", None)
        if notice:
            st.warning(esc(notice))


def _pair_preset(column, kind: str, options: list[str], label, picks, f: Filters) -> None:
    """Two pickers and a button: kind X against kind Y, within the sidebar's other filters."""
    if len(options) < 2:
        column.caption(f"Fewer than two {kind}s to compare.")
        return
    preset = compare.preset_theme_vs_theme if kind == "theme" else compare.preset_outlet_vs_outlet
    with column:
        x_col, y_col, go_col = st.columns([1.2, 1.2, 1], vertical_alignment="bottom")
        x = x_col.selectbox(f"{kind.capitalize()} X", options, picks[0], format_func=label)
        y = y_col.selectbox(f"{kind.capitalize()} Y", options, picks[1], format_func=label)
        go_col.button(
            f"{kind.capitalize()} X vs Y",
            key=f"cmp_preset_{kind}",
            on_click=lambda: _set_sides(*preset(x, y, f)),
            help=f"{kind.capitalize()} X against {kind} Y, within the sidebar's other filters.",
            width="stretch",
        )


# --- the two sides -----------------------------------------------------------------------------


def _editor(side: str, names: dict[str, str], options: list[str]) -> Filters:
    k = lambda name: _key(side, name)  # noqa: E731
    bound = {"bind": "query-params"}
    outlets = st.multiselect(
        "Outlets", options, key=k("outlet"), placeholder="All outlets", **bound
    )
    themes = st.multiselect(
        "Themes", list(names), key=k("theme"), format_func=names.get, placeholder="All themes"
    )
    left, right = st.columns(2)
    # No default date (Streamlit's is today): an empty date is no bound, and no parameter.
    dates = {"value": None, "min_value": EARLIEST, "max_value": LATEST, "format": "YYYY-MM-DD"}
    start = left.date_input("From", key=k("start"), **dates, **bound)
    end = right.date_input("To", key=k("end"), **dates, **bound)
    text = st.text_input("Text", key=k("q"), placeholder="Words in headlines or text", **bound)
    mentions = st.toggle("Include mentions", key=k("mentions"))
    return filters_from_widgets(st, outlets, themes, start, end, text, mentions)


def sides(names: dict[str, str]) -> tuple[Filters, Filters]:
    """Both sides' headers and editors, in step with the URL; returns A and B."""
    _read_url()
    options = data.outlet_names()
    result = []
    for side, column in zip(SIDES, st.columns(2, gap="large"), strict=True):
        with column:
            head = st.container()
            empty = not any(st.session_state.get(_key(side, n)) for n in EMPTY)
            with st.expander(f"Filters of {side.upper()}", expanded=empty):
                f = _editor(side, names, options)
            summary = data.side_summary(f, names)
            words = summary["words"]
            color = "blue" if side == "a" else "orange"
            head.markdown(f"### :{color}[{side.upper()}]\n{esc(words[:1].upper() + words[1:])}")
            head.caption(f"{summary['stories']:,} stories · {summary['signals']:,} signals")
            result.append(f)
    a, b = result
    _write_url(compare.comparison_params(a, b))
    notice = st.session_state.get("_cmp_notice")
    if notice:
        st.warning("Ignored from the link (not in this database): " + ", ".join(notice))
    with st.popover("Copy a link to this comparison"):
        st.code(comparison_link(a, b), language=None, wrap_lines=True)
    return a, b


def check(a: Filters, b: Filters) -> None:
    """End the page with a clear message when the two sides cannot be compared."""
    try:
        data.check_sides(a, b)
    except compare.EmptySides:
        st.info(
            "Nothing to compare yet: A and B are both every signal. Pick a preset above, or "
            "open **Filters of A** or **Filters of B** and choose outlets, themes, dates or "
            "words for one side.",
            icon=":material/compare_arrows:",
        )
        st.stop()
    except compare.IdenticalSides:
        st.info("A and B select the same signals: change one side to see a difference.")
        st.stop()
    except compare.CompareError as exc:
        st.warning(esc(f"{exc}."))
        st.stop()


# --- what the comparison shows -----------------------------------------------------------------


def _picked_row(event, table_key: str, keys: list[str]) -> str | None:
    """The drill-down key of a newly selected table row (None if the selection is unchanged)."""
    rows = event.selection.rows if event else []
    key = keys[rows[0]] if rows and rows[0] < len(keys) else None
    seen = f"_picked_{table_key}"
    if key and st.session_state.get(seen) != key:
        st.session_state[seen] = key
        return key
    return None


STAT_COLUMNS = {
    "count_a": st.column_config.NumberColumn("A signals", format="%d"),
    "count_b": st.column_config.NumberColumn("B signals", format="%d"),
    "share_a": st.column_config.NumberColumn("A share", format="%.2f%%"),
    "share_b": st.column_config.NumberColumn("B share", format="%.2f%%"),
    "diff": st.column_config.NumberColumn(
        "Difference", format="%+.2f pts", help="A's share minus B's, in percentage points"
    ),
    "log_ratio": st.column_config.NumberColumn(
        "log₂ ratio", format="%+.2f", help="1: twice as often in A; -1: twice as often in B"
    ),
    "g2": st.column_config.NumberColumn(
        "G²", format="%.1f", help="Dunning's log-likelihood: ≥ 3.84 is p < 0.05"
    ),
    "favours": st.column_config.TextColumn("Typical of", width="small"),
}


def _selectable(frame: pd.DataFrame, key: str, keys: list[str], columns: dict) -> str | None:
    """A table whose rows can be selected; returns the drill-down key of a new selection."""
    event = st.dataframe(
        frame.assign(favours=frame["favours"].str.upper()),
        hide_index=True,
        width="stretch",
        height=min(420, 35 * len(frame) + 38),
        on_select="rerun",
        selection_mode="single-row",
        key=key,
        column_config=columns,
    )
    return _picked_row(event, key, keys)


def _table(table: pd.DataFrame, key: str, kind: str, label: str) -> str | None:
    keys = [compare.row_drill(row, kind).encode() for row in table.to_dict("records")]
    # Shares and their difference in percent: the table reads like the chart's hover.
    shown = table.assign(**{c: table[c] * 100 for c in ("share_a", "share_b", "diff")})
    columns = {"key": st.column_config.TextColumn(label), **STAT_COLUMNS}
    return _selectable(shown, key, keys, columns)


def outlets(a: Filters, b: Filters) -> str | None:
    st.subheader("Outlets that set A and B apart")
    table = data.compare_outlets(a, b)
    if table.empty:
        st.info("Neither side credits any outlet.")
        return None
    top = compare.most_distinctive(table, 12)
    title = f"The most distinctive outlets ({len(top)} of {len(table)})"
    clicked = clickable_chart(charts.distinctiveness_chart(top, title), "cmp_outlets", "compare")
    st.caption(
        "Bar length: the log₂ ratio of the outlet's shares of A's and B's signals (1 = twice "
        "as often, with 0.5 added to both counts). Order and colour strength: Dunning's G² "
        "log-likelihood, the evidence for the difference (≥ 3.84: p < 0.05 for independent "
        "sides). Every outlet is in the table, sorted the same way."
    )
    clicked = _table(table, "cmp_outlet_rows", "outlet", "Outlet") or clicked
    download_csv("Download the outlet comparison (CSV)", table, "compare-outlets.csv")
    return clicked


def themes(a: Filters, b: Filters, names: dict[str, str]) -> str | None:
    table = data.compare_themes(a, b)
    if table.empty:
        st.info("Neither side has a signal with a theme.")
        return None
    fig = charts.themes_compared_chart(table, names)
    clicked = clickable_chart(fig, "cmp_themes", "compare-themes")
    download_csv("Download the theme comparison (CSV)", table, "compare-themes.csv")
    return clicked


def coverage(a: Filters, b: Filters, period: str, shares: bool) -> str | None:
    frame = data.coverage_compared(a, b, period, shares)
    if frame.empty:
        st.info("Neither side has a dated signal.")
        return None
    fig = charts.coverage_compared_chart(frame, period, shares)
    return clickable_chart(fig, "cmp_coverage", "compare-coverage")


def default_period() -> str:
    return coverage_period(*data.date_bounds())


def pairs(a: Filters, b: Filters, measure: str, least: int) -> str | None:
    table = data.pairs_compared(a, b, measure, 10, least)
    if table.empty:
        times = "once" if least == 1 else f"{least} times"
        st.info(f"No two outlets are credited together {times} or more on either side.")
        return None
    keys = [compare.row_drill(row, "pair").encode() for row in table.to_dict("records")]
    shown = ["outlet_a", "outlet_b", "count_a", "count_b"]
    if measure != "count":
        shown += [f"{measure}_a", f"{measure}_b"]
    digits = "%d" if measure == "count" else "%+.2f"
    columns = {
        "outlet_a": st.column_config.TextColumn("Outlet"),
        "outlet_b": st.column_config.TextColumn("and outlet"),
        "count_a": st.column_config.NumberColumn("A stories", format="%d"),
        "count_b": st.column_config.NumberColumn("B stories", format="%d"),
        "diff": st.column_config.NumberColumn(f"Difference ({measure})", format=digits),
        "favours": STAT_COLUMNS["favours"],
    }
    if measure != "count":
        for side in "ab":
            label = f"{side.upper()} {measure}"
            columns[f"{measure}_{side}"] = st.column_config.NumberColumn(label, format="%.2f")
    clicked = _selectable(table[[*shown, "diff", "favours"]], "cmp_pair_rows", keys, columns)
    download_csv("Download these pairs (CSV)", table, f"compare-pairs-{measure}.csv")
    return clicked


# --- the signals behind a click ----------------------------------------------------------------


def _switch_side(drill: SideDrill) -> None:
    st.query_params["drill"] = drill.encode()


def drill_down(clicked: str | None, a: Filters, b: Filters, names: dict[str, str]) -> None:
    """The signals behind the drill-down in force (a new click, else the URL's), with its link
    and a button for the same element on the other side."""
    raw = drill_in_url(clicked)
    if not raw:
        st.caption(HINT)
        return
    drill = SideDrill.decode(raw)
    if drill is None or not drill.known(data.outlet_names(), names):
        st.warning(
            f"The link's drill-down {quoted(raw)} is not one this page understands, or names "
            "an outlet or theme this database does not know."
        )
        return
    rows = data.drill_signals(a if drill.side == "a" else b, drill)
    show_signals(drill.heading(names), rows)
    other = drill.on_side("b" if drill.side == "a" else "a")
    left, right = st.columns([1, 2], vertical_alignment="center")
    left.button(f"The same on side {other.side.upper()}", on_click=_switch_side, args=(other,))
    with right.popover("Link to this drill-down"):
        st.code(comparison_link(a, b, drill.encode()), language=None, wrap_lines=True)
