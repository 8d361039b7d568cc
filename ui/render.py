"""Rendering helpers shared by the pages: escaped text, notices, the run-time report.

Streamlit reads Markdown in st.markdown, captions, notices, titles, page-link and widget
labels, help texts and progress texts. Every value from the database or from a link goes
through ``esc`` (or ``quoted``) before it is placed in such text: one rule, from safe_text.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from signals_data.safe_text import markdown_text


def esc(text: object) -> str:
    """Page text made safe for Markdown: every Markdown or HTML character is escaped, so a
    headline with <script>, ![x](…) or [a](javascript:…) shows as the characters it is."""
    return markdown_text(text)


def quoted(value: object, limit: int = 120) -> str:
    """A value from a link, escaped, on one line, shortened and in quotes, for a notice."""
    text = str(value)
    text = text if len(text) <= limit else text[:limit] + "…"
    return f"“{markdown_text(text, inline=True)}”"


def empty_state(message: str, reset: Callable[[], None]) -> None:
    """Say that nothing matches, offer to reset the filters, and end the page."""
    st.info(message, icon="🔎")
    st.button("Reset filters", on_click=reset, key="reset_empty")
    st.stop()


def download_csv(label: str, frame, filename: str, **kwargs) -> None:
    """A button that downloads a DataFrame as CSV."""
    st.download_button(label, frame.to_csv(index=False), filename, "text/csv", **kwargs)


@contextmanager
def report_run_time() -> Iterator[None]:
    """With SIGNALS_TIMING=1, print how long each page's script took (for benchmarks)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        if os.environ.get("SIGNALS_TIMING"):
            elapsed = time.perf_counter() - start
            print(f"page run {st.context.url} {elapsed:.3f}s", file=sys.stderr, flush=True)


def text_or(value: object, missing: str) -> str:
    """The value if it is non-empty text, else what to show instead (NULL, NaN and "" alike)."""
    return value if isinstance(value, str) and value.strip() else missing
