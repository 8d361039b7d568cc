"""The correction controls, wherever the analyst sees the problem: the Data quality page, an
outlet's profile and a story.

Every correction goes through ``signals_data.curation`` (one transaction, logged, undoable) on a
short-lived writing connection, signed with ``auth.who()``. The buttons run it in their
``on_click`` callback, before the page is drawn again, so the page that follows already shows
it: the dashboard's caches are cleared, the notice names the change with an Undo, and a merge or
rename made on a profile moves the profile to the outlet's new name. A refused correction is an
error notice and changes nothing. Only ``auth.can_edit()`` sessions see a write control; everyone
else sees the log.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable

import pandas as pd
import streamlit as st

from signals_data import curation
from signals_data.errors import SignalsError
from signals_data.outlets import name_key
from ui import auth
from ui.data import loader, open_for_writing
from ui.filters import show_outlet
from ui.render import download_csv, esc

NOTICE = "curation_notice"
RECENT = 10  # corrections listed on an outlet's profile
OUTLET_ACTIONS = ["merge", "rename", "set", "review", "not an outlet", "split"]


def _changes(db) -> list[dict]:
    return [curation.log_row(change) for change in curation.changes(db)]


changes = loader(_changes)


# --- applying a correction ----------------------------------------------------------------------


def apply(
    correction: Callable,
    *args,
    back: str | None = None,
    outlets: tuple[str, ...] = (),
    **kwargs,
) -> int | None:
    """Write one correction and leave a notice for the next run; returns its change id (None
    if it was refused). ``back`` is the outlet whose profile the notice's Undo returns to;
    ``outlets`` the names the page showed as outlets, which must still be outlets."""
    if not auth.can_edit():  # a stale button of a session that lost the right to write
        leave_notice("error", "You may not make corrections here; nothing was changed.")
        return None
    db = open_for_writing()
    try:
        for name in outlets:
            still_an_outlet(db, name)
        change_id = correction(db, *args, who=auth.who(), **kwargs)
    except (SignalsError, sqlite3.Error) as exc:
        leave_notice("error", f"{_reason(exc)} Nothing was changed.")
        return None
    finally:
        db.conn.close()
    # The loaders key on the file's modification time, which a quick second write can leave
    # unchanged: drop every cached result so each page reads the correction at once.
    st.cache_data.clear()
    leave_notice("success", _describe(change_id), change=change_id, back=back)
    return change_id


def still_an_outlet(db, name: str) -> None:
    """A page drawn before another correction can offer a name that is only an alias now: the
    curation functions would act on the outlet it stands for, which the analyst did not pick."""
    outlet = curation.find_outlet(db.conn, name)
    if outlet is None:
        raise curation.UnknownOutlet(f"no outlet named {name!r} is stored any more")
    if outlet.name != name:
        raise curation.CurationError(
            f"{name!r} is no longer an outlet of its own: it is a name of {outlet.name!r} now "
            "(corrected since this page was drawn)"
        )


def _reason(exc: Exception) -> str:
    if isinstance(exc, SignalsError):
        return str(exc).rstrip(".") + "."
    return f"The database could not be written ({exc})."


def _describe(change_id: int) -> str:
    """The notice's text, from the log's own row: "Correction 3 saved. Merge: A → B."."""
    row = next((r for r in changes() if r["id"] == change_id), None)
    if row is None:
        return f"Correction {change_id} saved."
    names = row["after"].get("names") or [row["target"]]
    what = {"theme": "theme override", "theme_term": "theme term", "not_outlet": "not an outlet"}
    return (
        f"Correction {change_id} saved. {what.get(row['action'], row['action']).capitalize()}: "
        + " → ".join(str(n) for n in dict.fromkeys(names))
        + "."
    )


def leave_notice(kind: str, text: str, change: int | None = None, back: str | None = None) -> None:
    st.session_state[NOTICE] = {"kind": kind, "text": text, "change": change, "back": back}


def undo_change(change_id: int, back: str | None = None) -> None:
    if apply(curation.undo, change_id) and back:
        show_outlet(back)


def show_notice() -> None:
    """The last correction's outcome, once: a success line with the change id and its Undo,
    or the error that stopped it."""
    notice = st.session_state.pop(NOTICE, None)
    if not notice:
        return
    if notice["kind"] == "error":
        st.error(esc(notice["text"]))
        return
    change = notice.get("change")
    if change is None or not auth.can_edit():
        st.success(esc(notice["text"]))
        return
    text, button = st.columns([6, 1], vertical_alignment="center")
    text.success(esc(notice["text"]))
    button.button(
        f"Undo correction {change}",
        key=f"undo_notice_{change}",
        on_click=undo_change,
        args=(change, notice.get("back")),
    )


# --- the Data quality page ----------------------------------------------------------------------


def outlet_form(names: list[str]) -> None:
    """Any outlet, any correction: one form (the Data quality page)."""
    if not auth.can_edit():
        st.caption("You can read the corrections here, not make them.")
        return
    st.subheader("Correct an outlet")
    with st.form("correct_outlet"):
        st.selectbox("Outlet", names, index=None, placeholder="Choose an outlet…", key="cq_name")
        st.segmented_control("Correction", OUTLET_ACTIONS, default="review", key="curation_action")
        st.text_input("Merge into / new name / merged name to split off", key="cq_other")
        st.selectbox("Kind", ["", *curation.ALL_KINDS], key="cq_kind")
        st.text_input("Country", key="cq_country")
        st.form_submit_button("Apply", type="primary", on_click=_outlet_form_submitted)


def _outlet_form_submitted() -> None:
    state = st.session_state
    name, action = state["cq_name"], state["curation_action"]
    other = state["cq_other"].strip()
    if not name and not (action == "split" and other):
        leave_notice("error", "Choose an outlet first; nothing was changed.")
        return
    kind, country = state["cq_kind"] or None, state["cq_country"].strip() or None
    correct_outlet(action, name, other, kind, country)


def correct_outlet(
    action: str | None, name: str, other: str, kind: str | None, country: str | None
) -> None:
    """One outlet correction by its name on the page (``other``: the merge target, the new
    name or the merged name to split off). A typed name may be any spelling or alias, as on
    the command line; the outlet picked from the list must still be one."""
    if action == "split":
        apply(curation.split, other or name)
        return
    picked = {"outlets": (name,)}
    if action == "merge":
        apply(curation.merge, name, other, **picked)
    elif action == "rename":
        apply(curation.rename, name, other, **picked)
    elif action == "set":
        apply(curation.set_outlet, name, kind=kind, country=country, **picked)
    elif action == "not an outlet":
        source_kind = kind if kind in curation.SOURCE_KINDS else "person"
        apply(curation.not_outlet, name, source_kind, **picked)
    else:
        apply(curation.review, name, **picked)


def theme_form(themes: dict[str, str]) -> None:
    """Add a term to a theme, or choose one signal's main theme (the Data quality page)."""
    if not auth.can_edit():
        return
    st.subheader("Correct a theme")
    with st.form("correct_theme"):
        st.selectbox("Theme", list(themes), format_func=lambda s: themes.get(s, s), key="ct_theme")
        st.text_input("Add this term to it (a word or phrase)", key="ct_term")
        cols = st.columns(2)
        cols[0].number_input(
            "…or make it the main theme of story", min_value=1, step=1, key="ct_story"
        )
        cols[1].number_input("signal", min_value=1, step=1, key="ct_position")
        st.form_submit_button("Apply to the theme", on_click=_theme_form_submitted)


def _theme_form_submitted() -> None:
    state = st.session_state
    if state["ct_term"].strip():
        apply(curation.add_theme_term, state["ct_theme"], state["ct_term"])
    else:
        apply(
            curation.override_theme,
            int(state["ct_story"]),
            int(state["ct_position"]),
            state["ct_theme"],
        )


def show_log() -> None:
    """Every correction, newest first, its CSV, and undo by id."""
    rows = pd.DataFrame(changes())
    st.subheader(f"Corrections ({len(rows):,})")
    if rows.empty:
        st.caption("No correction yet.")
        return
    rows = rows.iloc[::-1].astype({"before": str, "after": str})
    st.dataframe(rows, hide_index=True, width="stretch")
    download_csv("Download the log (CSV)", rows, "corrections.csv", key="csv_log")
    undo_form(rows, "undo_form")


def undo_form(rows: pd.DataFrame, key: str) -> None:
    """Undo one of the log rows still in place (editors only)."""
    if not auth.can_edit():
        return
    open_ids = rows.loc[rows["undone_by"].isna() & (rows["action"] != "undo"), "id"].tolist()
    if not open_ids:
        return
    with st.form(key):
        st.selectbox(
            "Undo correction", open_ids, index=None, placeholder="Choose…", key=f"{key}_id"
        )
        st.form_submit_button("Undo", on_click=_undo_form_submitted, args=(key,))


def _undo_form_submitted(key: str) -> None:
    change = st.session_state[f"{key}_id"]
    if change is not None:
        undo_change(int(change))


# --- an outlet's profile ------------------------------------------------------------------------


def touching(rows: list[dict], outlet: str) -> list[dict]:
    """The log rows that name this outlet (as merged, merged into, renamed...), newest first."""
    key = name_key(outlet)
    return [row for row in reversed(rows) if key in _name_keys(row)]


def _name_keys(row: dict) -> set[str]:
    names = (row["target"], *row["before"].get("names", ()), *row["after"].get("names", ()))
    return {name_key(str(n)) for n in names}


def merged_into(rows: list[dict], outlet: str) -> list[str]:
    """The names merged into this outlet by merges still in place (what a split can take off),
    following later renames of the outlet the merge went into."""
    renamed = {
        row["after"]["names"][0]: row["after"]["name"]
        for row in rows
        if row["action"] == "rename" and row["undone_by"] is None
    }

    def final(name: str) -> str:
        seen = set()
        while name in renamed and name not in seen:
            seen.add(name)
            name = renamed[name]
        return name

    return [
        row["after"]["alias"]
        for row in rows
        if row["action"] == "merge"
        and row["undone_by"] is None
        and final(row["after"]["into"]) == outlet
    ]


def outlet_key(prefix: str, outlet: str) -> str:
    """The widget keys of one outlet's controls. Keyed by the outlet, so that the values typed
    or prefilled for one outlet (its name, kind, country) never stay in the controls of the
    next one shown in the same place, as after a merge moves the profile to its target."""
    return f"{prefix}_{hashlib.sha256(outlet.encode()).hexdigest()[:12]}"


def profile_controls(outlet: str, facts, names: list[str]) -> None:
    """Every correction of one outlet, on its profile (``facts``: its kind, country and
    reviewed flag, as the leaderboard gives them); viewers see only its corrections log."""
    rows = changes()
    key = outlet_key("profile", outlet)
    label = "Correct this outlet" if auth.can_edit() else "Corrections of this outlet"
    with st.expander(label, icon=":material/edit:"):
        if auth.can_edit():
            left, middle, right = st.columns(3)
            with left:
                merge_form(outlet, names, key, follow=True)
            with middle:
                rename_form(outlet, key, follow=True)
            with right:
                facts_form(outlet, facts["kind"], facts["country"], key)
            left, middle, right = st.columns(3)
            with left:
                review_form(outlet, bool(facts["reviewed"]), key)
            with middle:
                not_outlet_form(outlet, key)
            with right:
                split_form(merged_into(rows, outlet), key)
        outlet_log(touching(rows, outlet), key)


def merge_form(outlet: str, names: list[str], key: str, follow: bool = False) -> None:
    """Merge this outlet into another one chosen from the stored outlets."""
    with st.form(f"{key}_merge"):
        st.selectbox(
            "Merge it into",
            [n for n in names if n != outlet],
            index=None,
            placeholder="Choose an outlet…",
            key=f"{key}_merge_into",
            help="It becomes an alias of that outlet: every citation moves there at once.",
        )
        st.form_submit_button(
            "Merge", on_click=_merge_submitted, args=(outlet, key, follow), width="stretch"
        )


def _merge_submitted(outlet: str, key: str, follow: bool) -> None:
    into = st.session_state[f"{key}_merge_into"]
    if not into:
        leave_notice("error", "Choose the outlet to merge it into; nothing was changed.")
        return
    change = apply(
        curation.merge, outlet, into, back=outlet if follow else None, outlets=(outlet, into)
    )
    if change and follow:
        show_outlet(into)


def rename_form(outlet: str, key: str, follow: bool = False) -> None:
    """Give the outlet another canonical name (the old one stays an alias)."""
    with st.form(f"{key}_rename"):
        st.text_input("New name", value=outlet, key=f"{key}_new_name")
        st.checkbox(
            "If another outlet has that name, merge into it",
            key=f"{key}_rename_merge",
        )
        st.form_submit_button(
            "Rename", on_click=_rename_submitted, args=(outlet, key, follow), width="stretch"
        )


def _rename_submitted(outlet: str, key: str, follow: bool) -> None:
    state = st.session_state
    change = apply(
        curation.rename,
        outlet,
        state[f"{key}_new_name"],
        merge_into_existing=state[f"{key}_rename_merge"],
        back=outlet if follow else None,
        outlets=(outlet,),
    )
    if change and follow:
        show_outlet(_name_after(change))


def _name_after(change_id: int) -> str:
    """The outlet's name once a rename (or a merge onto an existing name) was saved."""
    row = next(r for r in changes() if r["id"] == change_id)
    return row["after"].get("into") or row["after"]["name"]


def facts_form(outlet: str, kind: str, country: str | None, key: str) -> None:
    """Set the outlet's kind and country."""
    kinds = list(curation.ALL_KINDS)
    with st.form(f"{key}_facts"):
        st.selectbox(
            "Kind", kinds, index=kinds.index(kind) if kind in kinds else 0, key=f"{key}_kind"
        )
        # The leaderboard gives a missing country as None or NaN.
        shown = country if isinstance(country, str) else ""
        st.text_input("Country", value=shown, key=f"{key}_country")
        st.form_submit_button(
            "Save kind and country", on_click=_facts_submitted, args=(outlet, key), width="stretch"
        )


def _facts_submitted(outlet: str, key: str) -> None:
    state = st.session_state
    apply(
        curation.set_outlet,
        outlet,
        kind=state[f"{key}_kind"],
        country=state[f"{key}_country"],
        outlets=(outlet,),
    )


def review_form(outlet: str, reviewed: bool, key: str) -> None:
    """Mark the outlet reviewed: the analyst has checked the name."""
    with st.form(f"{key}_review"):
        st.caption(
            "Reviewed: the name and the facts have been checked."
            if reviewed
            else "The name is right and the outlet is what the facts say."
        )
        st.form_submit_button(
            "Mark reviewed",
            disabled=reviewed,
            on_click=apply,
            args=(curation.review, outlet),
            kwargs={"outlets": (outlet,)},
            width="stretch",
        )


def not_outlet_form(outlet: str, key: str) -> None:
    """Keep the name as a named source of another kind (a person, a document, a court…)."""
    with st.form(f"{key}_not_outlet"):
        st.selectbox("It is a", curation.SOURCE_KINDS, key=f"{key}_source_kind")
        st.form_submit_button(
            "Not an outlet", on_click=_not_outlet_submitted, args=(outlet, key), width="stretch"
        )


def _not_outlet_submitted(outlet: str, key: str) -> None:
    apply(curation.not_outlet, outlet, st.session_state[f"{key}_source_kind"], outlets=(outlet,))


def split_form(merged: list[str], key: str) -> None:
    """Take a wrongly merged name off again: it becomes its own outlet with its citations."""
    with st.form(f"{key}_split"):
        st.selectbox(
            "Merged name to split off",
            merged,
            index=None,
            placeholder="Choose…" if merged else "No name was merged into it",
            key=f"{key}_split_name",
        )
        st.form_submit_button("Split off", on_click=_split_submitted, args=(key,), width="stretch")


def _split_submitted(key: str) -> None:
    alias = st.session_state[f"{key}_split_name"]
    if not alias:
        leave_notice("error", "Choose the merged name to split off; nothing was changed.")
        return
    apply(curation.split, alias)


def outlet_log(rows: list[dict], key: str) -> None:
    """The latest corrections naming this outlet, with an Undo for those still in place."""
    st.markdown(f"**Corrections of this outlet ({len(rows):,})**")
    if not rows:
        st.caption("None yet.")
        return
    frame = pd.DataFrame(rows[:RECENT]).astype({"before": str, "after": str})
    st.dataframe(
        frame[["id", "at", "who", "action", "target", "after", "undone_by"]],
        hide_index=True,
        width="stretch",
    )
    undo_form(frame, f"{key}_undo")


# --- a story ------------------------------------------------------------------------------------


def signal_controls(story_id: int, signal: dict, themes: dict[str, str]) -> None:
    """Under one signal: its main theme, a term for a theme, and a way to each credited
    outlet's profile, where every correction of it is."""
    if not auth.can_edit():
        return
    key = f"s{story_id}_{signal['position']}"
    with st.expander("Correct this signal", icon=":material/edit:"):
        left, right = st.columns(2)
        with left:
            theme_override_form(story_id, signal, themes, key)
        with right:
            term_form(signal, themes, key)
        # Its outlets are corrected on their profiles: the outlet buttons above the text open them.


def story_outlet_controls(story_id: int, credited: list[str], names: list[str]) -> None:
    """Merge, rename or "not an outlet" for one of the story's credited outlets, here: one set
    of controls for the story (a picker of every outlet in each signal would repeat the whole
    outlet list many times over)."""
    if not auth.can_edit() or not credited:
        return
    with st.expander("Correct a credited outlet here", icon=":material/account_balance:"):
        outlet = st.selectbox("Credited outlet", credited, key=f"s{story_id}_fix_outlet")
        key = outlet_key(f"s{story_id}_fix", outlet)
        left, middle, right = st.columns(3)
        with left:
            merge_form(outlet, names, key)
        with middle:
            rename_form(outlet, key)
        with right:
            not_outlet_form(outlet, key)


def theme_override_form(story_id: int, signal: dict, themes: dict[str, str], key: str) -> None:
    """Make one theme this signal's main theme (kept by every reparse)."""
    slugs = list(themes)
    main = signal["themes"][0]["slug"] if signal["themes"] else None
    with st.form(f"{key}_theme"):
        st.selectbox(
            "Main theme",
            slugs,
            index=slugs.index(main) if main in slugs else None,
            format_func=lambda s: themes.get(s, s),
            key=f"{key}_main",
        )
        st.form_submit_button(
            "Set main theme",
            on_click=_override_submitted,
            args=(story_id, signal["position"], key),
            width="stretch",
        )


def _override_submitted(story_id: int, position: int, key: str) -> None:
    theme = st.session_state[f"{key}_main"]
    if not theme:
        leave_notice("error", "Choose a theme; nothing was changed.")
        return
    apply(curation.override_theme, story_id, position, theme)


def term_form(signal: dict, themes: dict[str, str], key: str) -> None:
    """Add a word or phrase from this signal to a theme: every stored signal with it is scored
    again."""
    slugs = list(themes)
    main = signal["themes"][0]["slug"] if signal["themes"] else None
    with st.form(f"{key}_term"):
        cols = st.columns(2)
        cols[0].text_input("Add the term", key=f"{key}_term_text", placeholder="a word or phrase")
        cols[1].selectbox(
            "to the theme",
            slugs,
            index=slugs.index(main) if main in slugs else 0,
            format_func=lambda s: themes.get(s, s),
            key=f"{key}_term_theme",
        )
        st.form_submit_button(
            "Add term to theme", on_click=_term_submitted, args=(key,), width="stretch"
        )


def _term_submitted(key: str) -> None:
    state = st.session_state
    apply(curation.add_theme_term, state[f"{key}_term_theme"], state[f"{key}_term_text"])
