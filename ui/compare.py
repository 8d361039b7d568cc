"""The Compare page's parts: two sides, A and B, set in the page and kept in the URL
(``a_outlet``, ``a_theme``, ``a_start``, ``a_end``, ``a_q``, ``a_mentions`` and the same with
``b_``), presets that set both at once, one part of the comparison at a time (``?view=``:
outlets, themes, coverage, pairs) and the signals behind a click (``?drill=a|outlet|Reuters``,
see ``compare.SideDrill``).

Values a link carries that this database does not know (an outlet, a theme, a date that is not
one) are dropped with a notice naming them, as the sidebar does.
"""

from __future__ import annotations

import urllib.parse
from datetime import date

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from signals_data import charts, compare, queries
from signals_data.compare import SIDE_KEYS, SIDES, SideDrill
from signals_data.filters import Filters
from signals_data.queries import coverage_period
from ui import data
from ui import drill as drill_module
from ui.drill import clickable_chart, drill_in_url, show_signals
from ui.filters import EARLIEST, LATEST, filters_from_widgets
from ui.render import download_csv, esc, quoted

PARAMS = [f"{side}_{key}" for side in SIDES for key in SIDE_KEYS]
# Kept in the comparison's link.
PAGE_CHOICES = ("view", "drill", "period", "scale", "measure", "min")
# The parts of a comparison, one shown at a time (``?view=``).
VIEWS = {
    "outlets": "Outlets",
    "themes": "Themes",
    "coverage": "Coverage over time",
    "pairs": "Co-cited pairs",
}
BIND = "query-params"
HINT = "Click a bar, a point or a table row to list the signals behind it on that side."

# Each side's numbers, cached one side at a time: editing B leaves A's counts in the cache.
side_size = data.loader(compare.side_size)
_signal_count = data.loader(compare.signal_count)
_outlet_counts = data.loader(compare.outlet_counts)
_signals_by_theme = data.loader(queries.signals_by_theme)
_signals_per_period = data.loader(compare.signals_per_period)
_side_pairs = data.loader(compare.side_pairs)


# --- the sides and the URL ---------------------------------------------------------------------
# Every widget of a side is bound to the URL by Streamlit (``bind="query-params"``): its key is
# its parameter (``a_theme``), Streamlit seeds it from a link, writes each change to the URL and
# keeps it over a page switch and a reload. What is left to do here:
# - a link opened in a session that already holds a comparison: the binding lets the widgets'
#   values win over parameters the link leaves out, so a link is set into the widgets whole;
# - the notice naming what a link carries that this database does not know (the binding drops
#   such values silently);
# - ``a_mentions=1`` (older links), which a bound toggle would drop (it reads true and false).


def _url_params() -> dict[str, list[str]]:
    params = {name: [v for v in st.query_params.get_all(name) if v] for name in PARAMS}
    return {name: values for name, values in params.items() if values}


def _held_params() -> dict[str, list[str]]:
    """The comparison the widgets hold before this run draws them (as a link writes it)."""
    state = st.session_state

    def side(p: str) -> Filters:
        start, end = state.get(p + "start"), state.get(p + "end")
        return Filters(
            outlets=tuple(state.get(p + "outlet") or ()),
            themes=tuple(state.get(p + "theme") or ()),
            start=start.isoformat() if start else None,
            end=end.isoformat() if end else None,
            q=(state.get(p + "q") or "").strip(),
            mentions=bool(state.get(p + "mentions")),
        )

    return compare.comparison_params(side("a_"), side("b_"))


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
            state[p + name] = [v for v in values if v in known[name]]
        for name in ("start", "end"):
            raw = (params.get(p + name) or [None])[0]
            if raw and _day(raw) is None:
                dropped.append(f"{p}{name} {quoted(raw)}")
            state[p + name] = _day(raw)
        state[p + "q"] = (params.get(p + "q") or [""])[0]
        raw = (params.get(p + "mentions") or [""])[0].lower()
        if raw and raw not in compare.TRUE_WORDS + compare.FALSE_WORDS:
            dropped.append(f"{p}mentions {quoted(raw)}")
        state[p + "mentions"] = raw in compare.TRUE_WORDS
    return dropped


def _upgrade_old_mentions() -> None:
    """``a_mentions=1`` (and yes/on, 0/no/off) becomes ``a_mentions=true`` and the run starts
    again, so that the binding seeds the toggle from it."""
    changed = False
    for name in ("a_mentions", "b_mentions"):
        raw = (st.query_params.get(name) or "").lower()
        if raw in ("true", "false") or raw not in compare.TRUE_WORDS + compare.FALSE_WORDS:
            continue
        try:
            st.query_params[name] = "true" if raw in compare.TRUE_WORDS else "false"
            changed = True
        except StreamlitAPIException:
            pass  # bound in this session already: the link is set into the widgets below
    if changed:
        st.rerun()


def _read_url() -> None:
    """Set a link's comparison into the widgets when the URL names one other than the widgets
    hold and other than this page last wrote (a preset or an edit is never undone by the URL
    of the run before). Back from another page without one, Streamlit brings the comparison
    last shown back itself."""
    _upgrade_old_mentions()
    state = st.session_state
    url = _url_params()
    if url and url != state.get("_cmp_written") and url != _held_params():
        state["_cmp_notice"] = (_apply_params(url), None)


def _notice(params: dict[str, list[str]]) -> None:
    """The notice of a link's ignored values, for as long as the sides stay as it set them."""
    state = st.session_state
    saved = state.get("_cmp_notice")
    if saved and saved[1] is None:  # the run that read the link
        saved = state["_cmp_notice"] = (saved[0], params)
    if saved and saved[0] and saved[1] == params:
        st.warning("Ignored from the link (not in this database): " + ", ".join(saved[0]))
    elif saved:
        del state["_cmp_notice"]


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
    st.session_state.pop("_cmp_notice", None)
    st.query_params.pop("drill", None)
    # Nor the drill-down this page remembers for a visit without one in its link.
    remembered = st.session_state.get(getattr(drill_module, "DRILLS", ""), {})
    remembered.pop(urllib.parse.urlsplit(st.context.url or "").path, None)


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


def _editor(side: str, options: list[str], theme_slugs: list[str]) -> Filters:
    """A side's filter widgets, each bound to its URL parameter (``a_outlet``...). Themes are
    listed by slug, as in the sidebar: a bound picker writes its labels to the URL."""
    p = f"{side}_"
    outlets = st.multiselect(
        "Outlets", options, key=p + "outlet", bind=BIND, placeholder="All outlets"
    )
    themes = st.multiselect(
        "Themes", theme_slugs, key=p + "theme", bind=BIND, placeholder="All themes"
    )
    left, right = st.columns(2)
    # No default date (Streamlit's is today): no date is no bound, and no parameter.
    dates = {"value": None, "min_value": EARLIEST, "max_value": LATEST, "format": "YYYY-MM-DD"}
    start = left.date_input("From", key=p + "start", bind=BIND, **dates)
    end = right.date_input("To", key=p + "end", bind=BIND, **dates)
    text = st.text_input("Text", key=p + "q", bind=BIND, placeholder="Words in headlines or text")
    mentions = st.toggle("Include mentions", key=p + "mentions", bind=BIND)
    return filters_from_widgets(st, outlets, themes, start, end, text, mentions)


def sides(names: dict[str, str]) -> tuple[Filters, Filters]:
    """Both sides' headers and editors, in step with the URL; returns A and B."""
    _read_url()
    options = data.outlet_names()
    result = []
    for side, column in zip(SIDES, st.columns(2, gap="large"), strict=True):
        with column:
            head = st.container()
            # A popover, not an expander: the browser draws its widgets only when it is opened
            # (a closed expander's are drawn all the same), which made this page's revisit the
            # slowest of all. The widgets still run here on each run, bound to the URL.
            with st.popover(f"Filters of {side.upper()}", width="stretch"):
                f = _editor(side, options, list(names))
            words, size = compare.filters_in_words(f, names), side_size(f)
            color = "blue" if side == "a" else "orange"
            head.markdown(f"### :{color}[{side.upper()}]\n{esc(words[:1].upper() + words[1:])}")
            head.caption(f"{size.stories:,} stories · {size.signals:,} signals")
            result.append(f)
    a, b = result
    params = compare.comparison_params(a, b)
    st.session_state["_cmp_written"] = params
    _notice(params)
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
    table = compare.outlets_compared(
        _outlet_counts(a), _outlet_counts(b), _signal_count(a), _signal_count(b)
    )
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
    st.subheader("Main themes in A and in B")
    table = compare.themes_compared(_signals_by_theme(a), _signals_by_theme(b))
    if table.empty:
        st.info("Neither side has a signal with a theme.")
        return None
    fig = charts.themes_compared_chart(table, names)
    clicked = clickable_chart(fig, "cmp_themes", "compare-themes")
    download_csv("Download the theme comparison (CSV)", table, "compare-themes.csv")
    return clicked


def coverage(a: Filters, b: Filters, period: str, shares: bool) -> str | None:
    st.subheader("Coverage of A and B over time")
    everything = _signals_per_period(Filters(), period) if shares else None
    frame = compare.coverage_from_counts(
        _signals_per_period(a, period), _signals_per_period(b, period), period, everything
    )
    if frame.empty:
        st.info("Neither side has a dated signal.")
        return None
    fig = charts.coverage_compared_chart(frame, period, shares)
    return clickable_chart(fig, "cmp_coverage", "compare-coverage")


# The choices of each part, read by ``url_choice`` where the part is drawn.
PART_CHOICES = {
    "coverage": {"period": list(compare.PERIODS), "scale": ["count", "share"]},
    "pairs": {"measure": list(compare.PAIR_MEASURES), "min": [1, 2, 3, 5, 10, 20]},
}


def unshown_choices(view: str) -> None:
    """Name a link's values for the choices of the parts not shown that are not among their
    options, as ``url_choice`` does for those shown: a link's mistake is named whatever part
    it opens on."""
    for part, choices in PART_CHOICES.items():
        if part == view:
            continue
        for key, options in choices.items():
            raw = st.query_params.get(key)
            if raw is not None and raw not in [str(o) for o in options]:
                st.warning(f"Ignored from the link: {key} {quoted(raw)}.")


def default_period() -> str:
    return coverage_period(*data.date_bounds())


def pairs(a: Filters, b: Filters, measure: str, least: int) -> str | None:
    st.subheader("Co-cited pairs strong on one side, weak on the other")
    st.caption(
        "Two outlets are co-cited when the side's signals credit both in the same story; pairs "
        "co-cited fewer times on both sides are left out (association is noisy for rare pairs). "
        "The largest differences of the measure: stronger in A first, stronger in B last."
    )
    table = compare.pairs_from_sides(_side_pairs(a), _side_pairs(b), measure, 10, least)
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
