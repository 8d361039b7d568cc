"""Ingest: upload saved pages; each is kept, parsed and stored, with a result per file."""

import pandas as pd
import streamlit as st

from signals_data.ingest import ingest_bytes
from signals_data.store import Writer
from ui.data import open_for_writing, read_only
from ui.render import esc

st.title("Ingest pages")
if read_only():
    st.info("This server is read-only: pages cannot be uploaded here.", icon=":material/lock:")
    st.stop()
st.markdown(
    "Upload Signals pages as you saved them: copied text (`.txt`), reader-tool Markdown "
    "(`.md`), saved HTML (`.html`), or a `signals export` file (`.jsonl`). Every file is kept "
    "in the database, including the ones that are rejected, with the reason."
)
files = st.file_uploader(
    "Pages", type=["txt", "md", "markdown", "html", "htm", "jsonl"], accept_multiple_files=True
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
    db.conn.close()
    frame = pd.DataFrame(results)
    counts = frame["result"].value_counts().to_dict()
    st.success(
        ", ".join(f"{n} {status}" for status, n in counts.items())
        + ". The other pages show the new data now."
    )
    st.dataframe(frame, hide_index=True, width="stretch")
