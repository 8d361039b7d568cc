"""Screenshots of a page read by text recognition (a phone's Live Text, Google Lens, a notes
app's "grab text"): what each screen adds around the page's own lines.

Each screenshot brings its status bar ("15:47 M ✉ •" / "⚡ 4G ⊿ 71%"), its address bar
("⌂ semafor.com 2 :", or "AA" / "semafor.com" / "C" a line each) and its toolbar or navigation
bar ("< > ⇧ 田 ⧉", "◁ ○ □"), read as glyphs; screens overlap, so a screen repeats the last few
lines of the one before (read anew, with other slips: "company" on one, "cornpany" on the
next); and the page's icons come out as lines of their own ("@" or "©" for a Source line's
icon, "↓" under the Insights line) or glued to a heading ("E The News").

``without_screen_furniture`` takes all that out of a narrow copy's lines (an icon leaves a
blank line: it stands between two blocks), so that the unwrapping that follows joins a
paragraph across two screens. The parser decides whether a copy
is narrow (a phone's column) before calling it.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

SCREEN_OVERLAP_MAX = 8  # lines a screenshot may repeat from the one before
_CLOCK = re.compile(r"^\d{1,2}:\d\d$")
_NETWORKS = frozenset(("3G", "4G", "5G", "LTE", "Wi-Fi", "WiFi"))
_PERCENT = re.compile(r"^\d{1,3}%$")
_ICON_BEFORE_HEADING = re.compile(r"^\S{1,2} (?=(?:The News|SIGNALS)$)")
_SOURCE_ICON = re.compile(r"^(?:©|@)\s+(?=sources?\b)", re.I)


def without_screen_furniture(lines: list[str]) -> list[str]:
    """A narrow copy's lines without its screens' bars, the lines a screen repeats from the one
    before, and its icons' glyphs. A stray "|" at a line's end (the edge of a selection) goes
    too."""
    out: list[str] = []
    at = 0
    while at < len(lines):
        if starts_screen_break(lines, at):
            at = _past_screen_break(lines, at)
            while out and not out[-1].strip():
                out.pop()
            at += _repeated_lines(out, lines, at)
            continue
        line = lines[at].rstrip().removesuffix(" |")
        at += 1
        if is_glyph_row(" ".join(line.split())):
            # An icon ("@", "©", "↓", "X ⊠ ©") stands between two blocks: the Insights line and
            # the photo's caption, a headline and its Source line.
            out.append("")
            continue
        out.append(_without_trailing_icon(_ICON_BEFORE_HEADING.sub("", line)))
    return out


def _without_trailing_icon(line: str) -> str:
    """A line without an icon read at its end: "…and The EastAfrican ⌄"."""
    if len(line) > 2 and line[-2] == " " and is_icon(line[-1]):
        return line[:-2]
    return line


def starts_screen_break(lines: list[str], at: int) -> bool:
    """Whether a screen's bars start here: a bar, or a clock alone above one ("9:42" / "⏰ 4G
    64%")."""
    line = " ".join(lines[at].split())
    if is_screen_bar(line):
        return True
    if not _CLOCK.match(line):
        return False
    following = next((text for text in lines[at + 1 : at + 3] if text.strip()), "")
    return is_screen_bar(" ".join(following.split()))


def _past_screen_break(lines: list[str], at: int) -> int:
    """Where the page's lines go on after the screen's bars that start at ``at``: past every
    bar, clock, glyph row and scrap of two characters ("AA", "C": an address bar a line per
    part) and the blank lines between them."""
    while at < len(lines):
        line = " ".join(lines[at].split())
        if line and not (
            is_screen_bar(line) or _CLOCK.match(line) or is_glyph_row(line) or len(line) <= 2
        ):
            break
        at += 1
    return at


OVERLAP_MIN_CHARS = 30  # a repeated line this long is a screen's overlap, not the page's


def without_overlaps(text: str) -> str:
    """The text without the lines a screenshot repeats from the one before, where no bars mark
    the screens (a desktop's text recognition, a note pasted from two shots): after a blank
    line, two or more long lines that the lines just above it already hold."""
    lines = text.split("\n")
    long = [line for line in lines if len(line) >= OVERLAP_MIN_CHARS]
    if len(set(long)) == len(long):
        return text  # nearly every copy: no long line twice
    out: list[str] = []
    at = 0
    while at < len(lines):
        if lines[at].strip() or not out:
            out.append(lines[at])
            at += 1
            continue
        after = at + 1
        repeated = _repeated_lines(out, lines, after)
        if repeated >= 2 and all(
            len(line.strip()) >= OVERLAP_MIN_CHARS for line in lines[after : after + repeated]
        ):
            at = after + repeated  # the blank line goes too: the paragraph runs on
        else:
            out.append(lines[at])
            at += 1
    return "\n".join(out)


def _repeated_lines(before: list[str], lines: list[str], at: int) -> int:
    """How many lines from ``at`` on repeat the last lines of ``before`` (0 if none)."""
    seen = [" ".join(line.split()) for line in before[-SCREEN_OVERLAP_MAX:]]
    ahead = [" ".join(line.split()) for line in lines[at : at + SCREEN_OVERLAP_MAX]]
    for count in range(min(len(seen), len(ahead)), 0, -1):
        pairs = zip(seen[-count:], ahead[:count], strict=True)
        # (Each screen is read anew: "company" on one, "cornpany" on the next.)
        if all(a == b or fuzz.ratio(a, b) >= 90 for a, b in pairs):
            return count
    return 0


def is_screen_bar(line: str) -> bool:
    """A screenshot's address bar, status bar or toolbar read on one line, with the glyphs
    text recognition makes of its icons: "⌂ semafor.com 2 ⋮", "14:07 ◎ ▲ • ⊿ 4G ▮ 62%",
    "15:47 M ✉ •", "ᯤ LTE .ıl 88%", "< > ⬆ ⧉ ⌂"."""
    words = line.replace(" %", "%").split()  # (the battery may read "83 %")
    if not words:
        return False
    site = [word for word in words if _names_site(word)]
    if site:  # the address bar: "AA semafor.com", "🔒semafor.com", "← → C semafor.com/article/…"
        return len(site) == 1 and all(len(word) <= 2 for word in words if word != site[0])
    if words[0] == "<":  # the browser's toolbar below
        return len(words) >= 4 and all(len(word) <= 2 for word in words)
    if _CLOCK.match(words[0]) and len(words) > 1:  # the clock and the notifications' icons
        rest = words[1:]
        if all(len(word) <= 2 for word in rest) and any(_is_glyph(word) for word in rest):
            return True
    # The network, the signal and the battery: "⚡ 4G ⊿ 71%", "5G 71", "ᯤ .ıl 62%".
    return (
        all(len(word) <= 5 for word in words)
        and any(word in _NETWORKS or _PERCENT.match(word) for word in words)
        and all(_is_status_word(word) for word in words)
    )


def _names_site(word: str) -> bool:
    return word.lower().lstrip("🔒").startswith(("semafor.com", "www.semafor.com"))


def _is_status_word(word: str) -> bool:
    return (
        word in _NETWORKS
        or word.isdigit()
        or bool(_PERCENT.match(word))
        or _CLOCK.match(word) is not None
        or word[:1] == "."  # the signal's bars: ".ıl", ".ll"
        or _is_glyph(word)
    )


def is_icon(line: str) -> bool:
    """A line that is one icon read as a symbol ("©", "@", "⊙", "↓"): never the page's text,
    whatever the copy's width (a bullet or a dash alone is left to the parser)."""
    return len(line) == 1 and (line == "@" or unicodedata.category(line) in ("So", "Sm", "Sk"))


def is_glyph_row(line: str) -> bool:
    """A line of icons read as glyphs ("@", "↓", "◁ ○ □", "X ⊠ ©"): every part of it a
    character or two, one at least no letter or digit of the Latin alphabet."""
    words = line.split()
    return bool(words) and all(len(word) <= 2 for word in words) and any(map(_is_glyph, words))


def _is_glyph(word: str) -> bool:
    """A part that is no word: no ASCII letter or digit in it ("✉", "⊿", "ᯤ", "@")."""
    return not any(c.isascii() and c.isalnum() for c in word)


def without_source_icon(line: str) -> str:
    """A Source line without the icon text recognition reads before it ("© Sources: …")."""
    return _SOURCE_ICON.sub("", line) if line[:1] in "©@" else line
