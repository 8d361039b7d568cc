"""Data quality: what the parser was unsure about, each doubt with its records, and the
corrections that settle them (logged, undoable)."""

import streamlit as st

from signals_data.quality import SECTIONS
from ui import auth, data, quality
from ui.filters import current_filters, summary

f = current_filters()
st.title("Data quality")
quality.show_notice()
counts = quality.summary(f)
st.caption(
    f"Records behind signals matching {summary(f)} that deserve a look: "
    + ", ".join(f"{n:,} {s.replace('_', ' ')}" for s, n in counts.items())
    + ". The same counts as `signals quality`."
)
# Read-only servers and viewers see the log of corrections, not the controls that make them.
fixes_tab = "Corrections" if auth.can_edit() else "Corrections log"
outlets, doubts, fixes = st.tabs(["Outlets", "Signals and stories", fixes_tab])
with outlets:
    quality.show_section("unreviewed_outlets", f, counts["unreviewed_outlets"])
with doubts:
    for section in SECTIONS[1:]:
        quality.show_section(section, f, counts[section])
    quality.show_reparse(counts["failed_documents"])
with fixes:
    quality.show_corrections(data.outlet_names())
    quality.show_theme_corrections(data.theme_names())
    quality.show_log()
