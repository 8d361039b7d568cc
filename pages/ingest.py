"""Ingest: upload saved pages; each is kept, parsed and stored, with a result per file. Only
editors upload; every run is logged with who made it."""

import pandas as pd
import streamlit as st

from signals_data import audit
from signals_data.extract import EXTENSIONS
from signals_data.ingest import ingest_bytes
from signals_data.store import Writer
from ui import auth
from ui.data import loader, open_for_writing, read_only
from ui.render import esc

recent_uploads = loader(audit.ingest_runs)


def show_recent_uploads() -> None:
    runs = recent_uploads()
    if not runs:
        return
    st.subheader("Recent ingests")
    st.caption("Uploads on this page and `signals ingest` runs, newest first.")
    st.dataframe(
        pd.DataFrame(
            {
                "at (UTC)": [r.at.replace("T", " ").removesuffix("+00:00") for r in runs],
                "by": [r.who or "" for r in runs],
                "files": [", ".join(r.files) for r in runs],
                "results": [", ".join(f"{n} {s}" for s, n in r.counts.items()) for r in runs],
            }
        ),
        hide_index=True,
        width="stretch",
    )


auth.stop_unless_signed_in()  # the role below means nothing before sign-in
st.title("Ingest pages")
if read_only():
    st.info("This server is read-only: pages cannot be uploaded here.", icon=":material/lock:")
    st.stop()
if not auth.can_edit():
    st.info(
        "You are signed in as a viewer: only editors can upload pages. Ask whoever runs this "
        "server to add you to the editors if you need to.",
        icon=":material/visibility:",
    )
    show_recent_uploads()
    st.stop()
st.markdown(
    "Upload Signals pages as you saved them: copied text (`.txt`), reader-tool Markdown "
    "(`.md`), saved HTML (`.html`), a word processor's RTF (`.rtf`), a saved mail (`.eml`), "
    "a scraper's JSON record (`.json`), or a `signals export` file (`.jsonl`). Every file is "
    "kept in the database, including the ones that are rejected, with the reason."
)
files = st.file_uploader(
    "Pages", type=[suffix.lstrip(".") for suffix in EXTENSIONS], accept_multiple_files=True
)
if files and st.button("Ingest", type="primary"):
    db = open_for_writing()
    writer = Writer(db)
    bar = st.progress(0.0, text="Starting…")
    results = []
    for i, upload in enumerate(files, start=1):
        for outcome in ingest_bytes(db, upload.name, upload.getvalue(), writer):
            results.append(
                {"file": upload.name, "result": outcome.status, "details": outcome.message}
            )
        # A progress text is Markdown: a file name is data like any other.
        bar.progress(i / len(files), text=f"{i} of {len(files)}: {esc(upload.name)}")
    frame = pd.DataFrame(results)
    counts = frame["result"].value_counts().to_dict()
    audit.record_ingest(db, auth.who(), [upload.name for upload in files], counts)
    db.conn.close()
    st.success(
        ", ".join(f"{n} {status}" for status, n in counts.items())
        + ". The other pages show the new data now."
    )
    st.dataframe(frame, hide_index=True, width="stretch")
show_recent_uploads()
