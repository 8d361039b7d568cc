"""One story in full: its facts, The News, each signal with its sources and themes, related
stories and the stored documents (the Stories page with ``?story=ID``)."""

from __future__ import annotations

import streamlit as st

from signals_data.quality import flag_meaning
from signals_data.queries import story_id_from
from signals_data.safe_text import markdown_link
from signals_data.shaping import story_facts
from ui import corrections, data
from ui.filters import filter_params, follow_to_profile, open_profile, show_copy_link
from ui.render import esc, quoted, text_or

LAST_STORY = "_story_shown"  # the story this session last opened on the Stories page


def story_in_url() -> str | None:
    """The ``story`` to show: the link's, else the one the session was reading when it left
    the Stories page (the sidebar's links carry no page parameters), put back in the URL so a
    copy or a reload keeps it. None: the list."""
    raw = st.query_params.get("story")
    if raw is None:
        raw = st.session_state.get(LAST_STORY)
        if raw is not None:
            st.query_params["story"] = raw
            show_copy_link()
    st.session_state[LAST_STORY] = raw
    return raw


def back_to_list() -> None:
    if st.button("← All stories"):
        st.query_params.pop("story", None)
        st.session_state.pop(LAST_STORY, None)
        st.rerun()


def no_such_story(raw: str) -> None:
    """The notice for a ``story`` link value that names no story here (or no story at all)."""
    st.title("Stories")
    shown = raw if story_id_from(raw) else quoted(raw)  # a plain id needs no quotes
    st.warning(f"There is no story {shown} in this database.")
    back_to_list()


def show_signal(signal: dict, story_id: int, themes: dict[str, str]) -> None:
    """One signal: headline, sources, text, themes with their evidence, and its corrections."""
    with st.container(border=True):
        headline = esc(signal["headline"]) if signal["headline"] else "_(untitled signal)_"
        st.markdown(f"#### {headline}")
        outlet_buttons(signal, f"s{story_id}_{signal['position']}")
        st.markdown(esc(signal["body"]))
        badges = [
            f":{'violet' if i == 0 else 'gray'}-badge[{esc(t['name'])}]" + theme_evidence(t)
            for i, t in enumerate(signal["themes"])
        ]
        if badges and signal.get("theme_chosen_by_editor"):
            badges[0] += " :material/edit: chosen by an editor"
        st.caption("Themes: " + " · ".join(badges), help=THEME_HELP)
        reasons = layer_reasons(signal, themes)
        if reasons:
            st.caption(reasons, help=REASONS_HELP)
        corrections.signal_controls(story_id, signal, themes)


def outlet_buttons(signal: dict, key: str) -> None:
    """The signal's outlets, credited then mentioned, each a button to its profile."""
    roles = [("Credited", n, ":material/verified:") for n in signal["credited"]]
    roles += [("Mentioned", n, ":material/chat_bubble:") for n in signal["mentioned"]]
    if not roles:
        st.markdown(":orange-badge[No source named]")
        return
    with st.container(horizontal=True, gap="small"):
        for i, (role, name, icon) in enumerate(roles):
            st.button(
                f"{role}: {esc(name)}",
                key=f"{key}_outlet_{i}",
                type="tertiary",
                icon=icon,
                help=f"Open {esc(name)}'s profile: every signal citing it, its themes and "
                "the outlets cited beside it.",
                on_click=open_profile,
                args=(name,),
            )


THEME_HELP = (
    "Main theme first. In brackets, why: the words that matched the theme's terms (as lemmas, "
    "outlet names left out) and how close the signal's wording is to the theme's description "
    "and examples (similarity, from −1 to 1)."
)


REASONS_HELP = (
    "The learned layer also weighs hand-labelled signals shipped with Signals Desk: which "
    "theme's labelled signals use this signal's words (the words listed point to the main "
    "theme), and which labelled signals read most like it (similarity from −1 to 1)."
)


_QUOTES = '“”"'  # double quotes only: a single one may be an apostrophe


def layer_reasons(signal: dict, names: dict[str, str]) -> str:
    """ "Like labelled signals: “…” (Trade, 0.49) · words pointing to Trade: duty, tariff",
    escaped; empty when there is nothing to say."""
    words, closest = data.theme_reasons(signal)
    parts = []
    if closest:
        like = ", ".join(
            # (a page-copy headline may carry its own quote marks: not twice)
            f"“{esc(text.strip(_QUOTES))}” ({esc(names.get(slug, slug))}, {similarity:.2f})"
            for slug, text, similarity in closest
        )
        parts.append(f"Like labelled signals: {like}")
    if words:
        main = signal["themes"][0]
        parts.append(f"words pointing to {esc(main['name'])}: {esc(', '.join(words))}")
    if parts and signal.get("theme_chosen_by_editor"):
        # The neighbours are what the assigner read, not why the editor chose the main theme.
        parts.insert(0, "The assigner's reading, before the editor's choice")
    return " · ".join(parts)


def theme_evidence(theme: dict) -> str:
    """ " (tariff, export; similarity 0.41)": the evidence behind one theme, escaped."""
    parts = [esc(", ".join(theme["terms"]))] if theme["terms"] else []
    if theme.get("similarity") is not None:
        parts.append(f"similarity {theme['similarity']:.2f}")
    return f" ({'; '.join(parts)})" if parts else ""


def show_related(story_id: int) -> None:
    related = data.related_stories(story_id)
    if related.empty:
        return
    st.subheader("Related stories")
    st.caption("Sharing credited outlets and main themes with this one.")
    for row in related.itertuples():
        st.page_link(
            "pages/stories.py",
            label=f"{esc(text_or(row.title, '(untitled story)'))} · "
            f"{esc(text_or(row.published, 'undated'))} · {row.shared_outlets} shared outlets, "
            f"{row.shared_themes} shared themes",
            query_params={**filter_params(), "story": str(row.id)},
        )


def show_story(raw: str) -> None:
    """The story a ``story`` link value names, or a notice that there is none."""
    follow_to_profile()  # an outlet's button was pressed: open its profile
    story_id = story_id_from(raw)
    story = data.story_detail(story_id) if story_id is not None else None
    if story is None:
        no_such_story(raw if story_id is None else str(story_id))
        return
    back_to_list()
    st.title(esc(story["title"] or "(untitled story)"))
    corrections.show_notice()
    st.caption(esc(" · ".join(story_facts(story))))
    if story["insights_from"]:
        st.markdown("**Insights from** " + esc(", ".join(story["insights_from"])))
    if story["flags"]:
        st.caption("Read from the copy: " + esc("; ".join(map(flag_meaning, story["flags"]))))
    if story["url"]:
        # A link only to an http(s) URL with a sane host, percent-encoded; else the URL as text.
        st.markdown(markdown_link("Original page ↗", story["url"]))
    st.subheader("The News")
    st.markdown(esc(story["summary"]) or "_No summary in this copy._")
    st.subheader(f"Signals ({len(story['signals'])})")
    themes = data.theme_names()
    for signal in story["signals"]:
        show_signal(signal, story_id, themes)
    credited = list(dict.fromkeys(n for signal in story["signals"] for n in signal["credited"]))
    corrections.story_outlet_controls(story_id, credited, data.outlet_names())
    show_related(story_id)
    with st.expander("Stored documents"):
        st.dataframe(story["documents"], hide_index=True)
