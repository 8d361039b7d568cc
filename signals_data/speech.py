"""A page as a screen reader spoke it, copied out: NVDA's Speech Viewer, JAWS's speech history,
VoiceOver's and Narrator's phrases, TalkBack's, a braille note taker's file. Each line carries
the roles the reader announced with the text, before it ("heading  level 1  Ghana's cocoa…",
"link  Reuters", "Heading level 2, SIGNALS", "h3 Codelco takes the lead", "gph Source icon") or
after it ("The News, heading level 2", "D.C., link", "Semafor Logo, Link, Double-tap to
activate"). Without them, the lines are the page's own.
"""

from __future__ import annotations

import re

# What marks a speech log: headings announced as such, at a line's start or end. A page's own
# text says "heading" in prose, never "heading level 2" around a line.
_HEADING_ROLE = re.compile(
    r"^(?:heading\s+level\s+\d|h[1-6])\s|^Heading level \d,|"
    r",\s*heading(?:\s+level)?\s+\d\s*$",
    re.I | re.M,
)
_OTHER_ROLE = re.compile(
    r"^(?:link|graphic|button|lnk|gph|Link,|Image,)\s|,\s*(?:link|image)\s*$", re.I | re.M
)
SPEECH_MIN_HEADINGS = 2
SPEECH_MIN_OTHER_ROLES = 3

# The roles spoken before a line's text: a landmark, a list with its size, a bullet, a link, a
# graphic, a button, a heading and its level (NVDA's two spaces or JAWS's one after each; the
# braille abbreviations; Narrator's capitalised role and comma).
_LEADING_ROLE = re.compile(
    r"^(?:(?:"
    r"(?:banner|navigation|main|contentinfo|complementary|region|search|form)\s+landmark"
    r"|out\s+of\s+(?:list|(?:\w+\s+)?landmark|table)"
    r"|list,?\s+(?:with\s+)?\d+\s+items|\d+\s+items|list\s+end|end\s+of\s+list"
    r"|visited\s+link|link|lnk|graphic|gph|image|button|btn|bullet|clickable|article|document"
    r"|heading\s+level\s+\d|h[1-6]|nav|lst(?:\s+end|\s+\d+)?|list|blank|separator"
    r")(?:\s*,\s*|\s+|$)"
    r"|(?:Heading level \d|Link|Visited link|Image|Graphic|Button|List|\w+ landmark)(?:\s*,\s*|$))"
)
# The roles spoken after it (VoiceOver's, TalkBack's, Narrator's) and a window's name.
_TRAILING_ROLE = re.compile(
    r"(?:,\s*|\s{2,})(?:heading(?:\s+level)?\s+\d|link|visited|image|button|graphic|window"
    r"|document|double[- ]tap to activate|selected|collapsed|expanded)\s*$",
    re.I,
)
# A role spoken inside a line, between a Source line's names ("Sources:  link  Reuters  ,  link
# GhanaWeb", "Tweet  button  Email").
_INNER_ROLE = re.compile(r"(?<=\s)(?:visited\s+link|link|lnk|button|btn|graphic|gph)\s+", re.I)
# A role spoken as one more item of a list of names (VoiceOver's, Narrator's, TalkBack's).
_LISTED_ROLE = re.compile(
    r"(?<=:)\s*(?:visited link|link|image|button)\s*,"  # (the first name's, after the label)
    r"|,\s*(?:visited link|link|image|button|double[- ]tap to activate)\s*(?=,|$)",
    re.I,
)
# Two phrases pasted without a line break between them: "Title icon, imageThe News, heading…".
_GLUED_PHRASES = re.compile(r",\s*(?:image|link|heading level \d)(?=[A-Z])", re.I)
# The reader's own lines, not the page's.
_READER_LINE = re.compile(
    r"^(?:scan mode (?:on|off)|speech history|press esc to close this message\.?|browse mode"
    r"|focus mode)$",
    re.I,
)


def is_speech_log(text: str) -> bool:
    """Whether the text is a screen reader's speech: headings announced with their level, and
    links, graphics or buttons announced around other lines."""
    head = text[:20_000]
    return (
        len(_HEADING_ROLE.findall(head)) >= SPEECH_MIN_HEADINGS
        and len(_OTHER_ROLE.findall(head)) >= SPEECH_MIN_OTHER_ROLES
    )


def spoken_text(text: str) -> str:
    """The page's lines without the roles spoken with them; lines that were roles alone go."""
    text = _GLUED_PHRASES.sub("\n", text)
    lines = []
    for raw in text.split("\n"):
        line = _without_roles(raw.strip())
        if raw.strip() and not line:
            continue  # "blank", "list end", "out of list": the reader's words alone
        lines.append(line)
    return "\n".join(lines)


ROLE_SPAN = 300  # characters at each end of a line: where roles are spoken (and so, bounded)


def _without_roles(line: str) -> str:
    """A line without the roles spoken before and after it, and inside a Source line; empty for
    the reader's own lines."""
    if _READER_LINE.match(line):
        return ""
    spoken = len(line)
    head, rest = line[:ROLE_SPAN], line[ROLE_SPAN:]
    while (role := _LEADING_ROLE.match(head)) and role.end():
        head = head[role.end() :]
    line = head + rest
    rest, tail = line[:-ROLE_SPAN], line[-ROLE_SPAN:]
    while role := _TRAILING_ROLE.search(tail):
        tail = tail[: role.start()]
    line = rest + tail
    credits = line[:6].lower() == "source"
    if len(line) < spoken or credits:
        line = _INNER_ROLE.sub("", line)
    if credits:
        line = _LISTED_ROLE.sub(lambda role: " " if role[0][-1] == "," else "", line)
    # NVDA's pauses: two spaces between the parts of a line ("Reuters  ,  GhanaWeb").
    return _SPACE_BEFORE_COMMA.sub(",", _PAUSE.sub(" ", line)).strip()


_PAUSE = re.compile(r" {2,}")
_SPACE_BEFORE_COMMA = re.compile(r"\s+,")
