"""A mail's raw source (a saved .eml, a mail client's "show original" or "view source") as the
text its reader saw: the headers a client shows, then the body's text part, decoded.

A mail sent from a rich editor carries the page twice, as plain text and as HTML, each encoded
(quoted-printable, base64) in its own character set; read as it stands the page comes out
twice, the second time as markup.
"""

from __future__ import annotations

import email
import re
from email import policy
from email.errors import MessageError
from email.message import EmailMessage

_HEADER = re.compile(r"^[A-Za-z][\w-]{0,40}:")
# (Every MIME mail declares it; a web page's HTTP headers, which a text browser's dump may keep
# above it, do not.)
_MIME_HEADER = re.compile(r"^mime-version:", re.I | re.M)
_SHOWN = ("From", "Date", "To", "Subject")
_HEAD_MAX = 20_000  # a mail's headers fit in this, however many relays it passed
_PARTS_MAX = 50  # multipart boundaries a mail may declare (a few for a mail with attachments)


def is_mime_source(text: str) -> bool:
    """Whether the text opens with a mail's header block that declares its MIME structure."""
    start = text.lstrip("\ufeff")
    if not _HEADER.match(start):
        return False
    head = start[:_HEAD_MAX].split("\n\n", 1)[0]
    return bool(_MIME_HEADER.search(head))


def mime_body(text: str) -> tuple[str, bool] | None:
    """The shown headers and the body's text (its plain part, else its HTML part), and whether
    that text is HTML. None when no text part can be read: the source is then read as text."""
    if text.count("boundary=", 0, _HEAD_MAX * 10) > _PARTS_MAX:
        return None  # parts nested deeper than any mail's: the library would recurse into each
    try:
        message = email.message_from_string(text.lstrip("\ufeff"), policy=policy.default)
        if not isinstance(message, EmailMessage):
            return None
        part = message.get_body(preferencelist=("plain", "html"))
        if part is None:
            return None
        encoded = part.get("content-transfer-encoding", "").strip().lower()
        # A part in 8-bit text was decoded with the file; one in ASCII codes is decoded here, in
        # its declared character set.
        if encoded in ("quoted-printable", "base64"):
            body = part.get_content()
        else:
            body = part.get_payload()
        shown = "".join(f"{name}: {message[name]}\n" for name in _SHOWN if message[name])
    except (LookupError, ValueError, TypeError, AttributeError, MessageError, RecursionError):
        return None  # an unknown charset, a broken header or structure
    if not isinstance(body, str):
        return None
    html = part.get_content_subtype() == "html"
    return (body if html else f"{shown}\n{body}"), html
