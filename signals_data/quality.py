"""What the parser was unsure about: one query per kind of doubt, for the Data quality page and
for ``signals quality`` / ``signals outlets list`` (both read these, so their numbers agree).

Each ``*_rows`` query returns one row per doubtful record (an outlet, a signal, a story, a
document) matching the filters; ``summary`` counts them. Documents have no date, outlet or
theme, so the filters do not apply to them.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pandas as pd
import sqlite_utils

from signals_data.curation import curated_registry
from signals_data.filters import Filters, citation_conditions, read_frame, signal_conditions
from signals_data.outlets import Registry, suggest_outlets

# Story flags worth a look, in the order the page lists them.
STORY_FLAGS = (
    "untitled",
    "no_date",
    "date_from_updated",
    "date_from_copy",
    "date_from_footer",
    "low_confidence",
    "translated",
    "truncated_source",
    "truncated_headline",
    "notes_below",
)
# What each story flag means, as the story page says it.
FLAG_MEANINGS = {
    "untitled": "no headline in this copy (the title, if any, is the page's metadata)",
    "no_date": "no date found",
    "date_from_updated": "dated by its Updated line",
    "date_from_copy": "dated by the copy's own date (a crawler's or re-poster's)",
    "date_from_footer": "dated by a time printed below the signals",
    "low_confidence": "read with low confidence",
    "translated": "a machine translation of the page: its headings and labels were read in "
    "another language, its themes from words in that language",
    "truncated": "the copy is cut off",
    "truncated_source": "a Source line is cut off",
    "truncated_headline": "a last headline cut off by the end of the copy was left out",
    "notes_below": "text below the signals with no Source line (someone's notes?) was left out",
    "no_news_header": "no 'The News' header",
    "no_signals": "no signals found",
}


def flag_meaning(flag: str) -> str:
    return FLAG_MEANINGS.get(flag, flag.replace("_", " "))


SECTIONS = (
    "unreviewed_outlets",
    "ambiguous_forms",
    "flagged_stories",
    "no_source",
    "weak_theme",
    "failed_documents",
)
SECTION_TITLES = {
    "unreviewed_outlets": "Unreviewed outlets",
    "ambiguous_forms": "Ambiguous short forms",
    "flagged_stories": "Flagged stories",
    "no_source": "Signals with no credited source",
    "weak_theme": "Signals with a weak or no theme",
    "failed_documents": "Rejected and failed documents",
}
EXAMPLES = 3  # example signals per unreviewed outlet
_WORD = re.compile(r"[^\W\d_]{4,}")
# Words too common to suggest as theme terms.
_COMMON = frozenset({
    "that", "this", "with", "from", "have", "were", "will", "their", "they", "been", "said",
    "would", "which", "about", "there", "after", "also", "more", "than", "into", "over", "some",
    "when", "what", "while", "could", "other", "most", "such", "only", "under", "where", "those",
    "these", "because", "since", "being", "many", "much", "year", "years", "week", "told", "says",
    "according",
})  # fmt: skip
NO_FILTER = Filters()


def _signal_scope(f: Filters, alias: str = "s") -> tuple[str, list]:
    return signal_conditions(f, alias)


def outlet_rows(
    db: sqlite_utils.Database,
    f: Filters = NO_FILTER,
    *,
    unreviewed_only: bool = False,
    registry: Registry | None = None,
    examples: int = 0,
) -> pd.DataFrame:
    """Outlets cited by the filtered signals, most cited first: ``name``, ``kind``,
    ``country``, ``reviewed``, ``citations`` (credited signals), ``stories`` and, for
    unreviewed ones, ``suggestions`` (the closest registry names, with rapidfuzz scores); with
    ``examples``, the first that many rows also get ``examples`` (signals crediting them)."""
    where, params = citation_conditions(f, "so")
    reviewed = "AND o.reviewed = 0" if unreviewed_only else ""
    frame = read_frame(
        db,
        "SELECT o.name, o.kind, o.country, o.reviewed, count(DISTINCT so.signal_id) AS citations, "
        "count(DISTINCT so.story_id) AS stories FROM signal_outlets so "
        f"JOIN outlets o ON o.id = so.outlet_id WHERE {where} {reviewed} "
        "GROUP BY o.id ORDER BY citations DESC, o.name COLLATE NOCASE",
        params,
    )
    registry = registry or curated_registry(db)
    frame["suggestions"] = [
        "" if done else "; ".join(f"{n} ({s:.0f})" for n, s in suggest_outlets(name, registry))
        for name, done in zip(frame["name"], frame["reviewed"], strict=True)
    ]
    if examples:
        frame["examples"] = [
            _examples(db, name, f) if i < examples else "" for i, name in enumerate(frame["name"])
        ]
    return frame


def _examples(db: sqlite_utils.Database, name: str, f: Filters) -> str:
    """A few signals crediting the outlet, as "story ID: headline" (Source lines are not stored
    apart from the signal: the headline and story say where the name came from)."""
    where, params = citation_conditions(f, "so")
    rows = db.execute(
        "SELECT so.story_id, s.headline FROM signal_outlets so JOIN signals s "
        "ON s.id = so.signal_id JOIN outlets o ON o.id = so.outlet_id "
        f"WHERE o.name = ? AND {where} ORDER BY so.story_id LIMIT ?",
        [name, *params, EXAMPLES],
    ).fetchall()
    return " | ".join(f"story {story}: {headline or '(no headline)'}" for story, headline in rows)


def ambiguous_rows(db: sqlite_utils.Database, f: Filters = NO_FILTER) -> pd.DataFrame:
    """Signals flagged ``ambiguous:<form>``: a short form ("the Times") the story gave no context
    for. One row per signal and form."""
    where, params = _signal_scope(f)
    frame = read_frame(
        db,
        "SELECT s.story_id, s.position, s.headline, s.flags FROM signals s "
        f"WHERE s.flags LIKE '%ambiguous:%' AND {where} ORDER BY s.story_id, s.position",
        params,
    )
    rows = [
        (r.story_id, r.position, r.headline, flag.split(":", 1)[1])
        for r in frame.itertuples()
        for flag in json.loads(r.flags or "[]")
        if flag.startswith("ambiguous:")
    ]
    return pd.DataFrame(rows, columns=["story_id", "position", "headline", "form"])


def _story_scope(f: Filters) -> tuple[str, list]:
    """Stories with a signal matching the filters (every story when nothing is filtered, so
    stories without signals count too)."""
    if f == NO_FILTER:
        return "1 = 1", []
    where, params = signal_conditions(f, "s")
    return f"st.id IN (SELECT s.story_id FROM signals s WHERE {where})", params


def flagged_story_rows(db: sqlite_utils.Database, f: Filters = NO_FILTER) -> pd.DataFrame:
    """Stories carrying a flag of ``STORY_FLAGS``: one row per story and flag."""
    where, params = _story_scope(f)
    frame = read_frame(
        db,
        "SELECT st.id AS story_id, st.title, st.published, st.flags FROM stories st "
        f"WHERE st.flags IS NOT NULL AND st.flags != '[]' AND {where} ORDER BY st.id",
        params,
    )
    rows = [
        (r.story_id, r.title, r.published, flag)
        for r in frame.itertuples()
        for flag in json.loads(r.flags or "[]")
        if flag in STORY_FLAGS
    ]
    return pd.DataFrame(rows, columns=["story_id", "title", "published", "flag"])


def no_source_rows(db: sqlite_utils.Database, f: Filters = NO_FILTER) -> pd.DataFrame:
    """Signals that credit no outlet (no Source line, or one that named nothing usable)."""
    where, params = _signal_scope(f)
    return read_frame(
        db,
        "SELECT s.story_id, s.position, s.headline FROM signals s WHERE NOT EXISTS "
        "(SELECT 1 FROM signal_outlets so WHERE so.signal_id = s.id AND so.role = 'credited') "
        f"AND {where} ORDER BY s.story_id, s.position",
        params,
    )


def weak_theme_rows(db: sqlite_utils.Database, f: Filters = NO_FILTER) -> pd.DataFrame:
    """Signals whose main theme is ``other`` (or none), or was given with no matching term."""
    where, params = _signal_scope(f)
    return read_frame(
        db,
        "SELECT s.story_id, s.position, s.headline, coalesce(s.theme, '') AS theme, "
        "CASE WHEN s.theme IS NULL OR s.theme = 'other' THEN 'no theme' "
        "ELSE 'no matching term' END AS reason FROM signals s "
        "LEFT JOIN signal_themes t ON t.signal_id = s.id AND t.rank = 1 "
        "WHERE (s.theme IS NULL OR s.theme = 'other' OR t.terms IS NULL OR t.terms = '[]') "
        f"AND {where} ORDER BY s.story_id, s.position",
        params,
    )


def frequent_words(
    db: sqlite_utils.Database, rows: pd.DataFrame, known: set[str], limit: int = 15
) -> list[tuple[str, int]]:
    """The words that occur most in these signals (headline and body) and are no theme term:
    candidates for a theme's term list."""
    counts: Counter = Counter()
    for story_id, position in list(zip(rows["story_id"], rows["position"], strict=True))[:2000]:
        row = db.execute(
            "SELECT headline, body FROM signals WHERE story_id = ? AND position = ?",
            [int(story_id), int(position)],
        ).fetchone()
        if row:
            words = {w.lower() for w in _WORD.findall(f"{row[0]} {row[1]}")}
            counts.update(w for w in words if w not in _COMMON and w not in known)
    return counts.most_common(limit)


def weak_theme_words(
    db: sqlite_utils.Database, f: Filters = NO_FILTER, limit: int = 15
) -> list[tuple[str, int]]:
    """The words that occur most in the weak-theme signals and are in no theme's terms."""
    from signals_data.themes import load_taxonomy

    known = {
        word.lower()
        for theme in load_taxonomy().themes
        for term in theme.terms
        for word in _WORD.findall(term)
    }
    return frequent_words(db, weak_theme_rows(db, f), known, limit)


def failed_document_rows(db: sqlite_utils.Database) -> pd.DataFrame:
    """Documents kept as rejected or failed, with the reason."""
    return read_frame(
        db,
        "SELECT id AS document_id, origin, status, message, parser_version FROM documents "
        "WHERE status IN ('rejected', 'error') ORDER BY id",
    )


def section_rows(db: sqlite_utils.Database, section: str, f: Filters = NO_FILTER) -> pd.DataFrame:
    """The rows of one section (see ``SECTIONS``)."""
    if section == "unreviewed_outlets":
        return outlet_rows(db, f, unreviewed_only=True)
    if section == "failed_documents":
        return failed_document_rows(db)
    return {
        "ambiguous_forms": ambiguous_rows,
        "flagged_stories": flagged_story_rows,
        "no_source": no_source_rows,
        "weak_theme": weak_theme_rows,
    }[section](db, f)


def summary(db: sqlite_utils.Database, f: Filters = NO_FILTER) -> dict[str, int]:
    """How many records each section holds (rows: outlets, signal-forms, story-flags, signals,
    signals, documents)."""
    return {section: len(section_rows(db, section, f)) for section in SECTIONS}
