"""Text from the database or from a link, made safe for the two renderers the dashboard uses.

Everything stored came from pages written by others, and every link parameter from whoever
wrote the link, so none of it may be read as markup:

- **Markdown** (``st.markdown``, captions, notices, titles, widget labels and help texts):
  ``markdown_text`` escapes every character Markdown or Streamlit's extensions (``:color[…]``,
  ``:icon:``, ``$math$``) could act on, and breaks GFM's bare-URL autolinks with an invisible
  word joiner, so a value renders as the characters it holds: no image, no link, no emphasis,
  no HTML. ``markdown_link`` builds a link only from
  an http(s) URL with a sane host, percent-encoded so nothing in it can close the link.
- **Plotly text** (axis ticks, legends, titles, annotations, hover labels, node labels):
  Plotly renders a subset of HTML there (``<a href>``, ``<b>``, ``<br>``, ``<span style>``…).
  ``plotly_text`` writes ``<``, ``>`` and ``&`` as entities, which Plotly shows literally.
  ``escape_figure`` applies it to every string of a figure except its templates and its
  ``customdata`` (the raw keys a click hands back to the page).

Nothing here imports Streamlit: the pages and ``charts`` call these functions.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

import numpy as np
import pandas as pd

# Backslash-escapable ASCII punctuation (CommonMark) that starts or ends a Markdown, GFM or
# Streamlit construct: emphasis, links and images, code, headings, lists, tables, HTML and
# entities, ``:material/…:`` and ``:blue[…]``, ``$math$``, autolinks (``www.`` / ``https:``).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^@%;/])")
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")  # all ASCII punctuation
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
_PLOTLY_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_PLOTLY_SPECIAL = re.compile(r"[&<>]")
# Keys of a Plotly figure whose strings are not data shown as text: hover and text templates are
# written by ``charts`` (they hold the markup meant, and %{…} placeholders), customdata carries
# raw names back from a click, and "template" is Plotly's own styling.
_PLOTLY_RAW_KEYS = frozenset(
    {"hovertemplate", "texttemplate", "customdata", "meta", "uid", "template"}
)
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*$")
# Characters kept as they are in a link; everything else (brackets, parentheses, quotes, spaces,
# "<>", "*", "$", "\", non-ASCII) is percent-encoded so it cannot end or extend the link.
_URL_SAFE = "-._~:/?#@&=+,;%!"


def as_text(value: Any) -> str:
    """Any stored value as display text: None and NaN as nothing, other types via ``str``."""
    if isinstance(value, str):
        return value
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return str(value)


def markdown_text(value: Any, *, inline: bool = False) -> str:
    """``value`` escaped for Streamlit Markdown so it renders as literal text. With ``inline``,
    line breaks become spaces (for titles, labels and notices, which must stay one line)."""
    text = as_text(value)
    if inline:
        text = _LINE_BREAKS.sub(" ", text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _break_autolinks(text))


# GFM turns "https://…", "www.…" and "name@host.tld" in text into links *after* parsing, when
# backslash escapes have already been resolved, so escaping cannot stop it. An invisible WORD
# JOINER inside each such pattern does: the text reads the same, and nothing matches.
_WORD_JOINER = "\u2060"
_AUTOLINK_PARTS = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)


def _break_autolinks(text: str) -> str:
    return _AUTOLINK_PARTS.sub(_WORD_JOINER, text)


def html_text(value: Any) -> str:
    """``value`` for a snippet of HTML shown through Markdown (``unsafe_allow_html``): every
    ASCII punctuation character becomes a numeric character reference, so it is text to an
    HTML parser and to a Markdown parser alike (neither reads syntax from a reference), and
    line breaks become spaces (a blank line would end the HTML block)."""
    text = _LINE_BREAKS.sub(" ", as_text(value))
    return _PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", text)


def safe_url(value: Any) -> str | None:
    """An http(s) URL with a plausible host, percent-encoded so that it cannot break out of a
    Markdown link; None for anything else (other schemes, user names, odd hosts or ports)."""
    text = as_text(value).strip()
    if not text or len(text) > 4096 or any(ord(c) < 0x20 for c in text):
        return None
    try:
        parts = urllib.parse.urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or parts.username or parts.password:
        return None
    host = parts.hostname or ""
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return None
    if not _HOST.match(host):
        return None
    netloc = host + (f":{port}" if port is not None else "")
    rebuilt = urllib.parse.urlunsplit(
        (parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment)
    )
    return urllib.parse.quote(rebuilt, safe=_URL_SAFE)


def markdown_link(label: Any, url: Any) -> str:
    """A Markdown link to ``url`` if it is a safe http(s) URL, else the URL as literal text."""
    target = safe_url(url)
    if target is None:
        return markdown_text(url, inline=True)
    return f"[{markdown_text(label, inline=True)}]({target})"


def plotly_text(value: Any) -> str:
    """``value`` with ``&``, ``<`` and ``>`` as HTML entities: Plotly shows them as characters
    instead of reading tags such as ``<a href>``, ``<b>`` or ``<br>``."""
    return _PLOTLY_SPECIAL.sub(lambda m: _PLOTLY_ENTITIES[m.group()], as_text(value))


def _escape_strings(node: Any) -> Any:
    if isinstance(node, str):
        return plotly_text(node) if _PLOTLY_SPECIAL.search(node) else node
    if isinstance(node, dict):
        return {
            key: value if key in _PLOTLY_RAW_KEYS else _escape_strings(value)
            for key, value in node.items()
        }
    if isinstance(node, (list, tuple)):
        return [_escape_strings(item) for item in node]
    if isinstance(node, np.ndarray) and node.dtype.kind in "OUS":
        return np.array([_escape_strings(item) for item in node.tolist()], dtype=object)
    return node


def escape_figure(figure: dict) -> dict:
    """A Plotly figure's dict with every string that Plotly would show as text escaped by
    ``plotly_text``, whatever key holds it (trace names, x and y categories, text, hover text,
    titles, tick texts, category orders, annotations), except templates and ``customdata``."""
    return _escape_strings(figure)
