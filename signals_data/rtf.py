"""Rich Text Format as plain text: a page saved from TextEdit or Word as .rtf, or opened as
text and saved again with its markup.

Only what a copy of a page needs is read: the text, its paragraph and line breaks, escaped
characters in the document's code page and Unicode, and the typographic symbols. Everything
else is skipped: fonts, colours, styles, the document's properties, pictures, field codes and
other destinations (groups that hold no text of the document).
"""

from __future__ import annotations

import re

# Groups that hold no text of the document: font and colour tables, styles, properties, lists,
# pictures, a field's instruction (its result, the link's text, is kept), headers and footers.
_SKIPPED = frozenset(
    {"fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "fldinst", "listtable"}
    | {"listoverridetable", "rsidtbl", "generator", "themedata", "colorschememapping"}
    | {"latentstyles", "datastore", "xmlnstbl", "expandedcolortbl", "mmathpr", "header"}
    | {"headerl", "headerr", "headerf", "footer", "footerl", "footerr", "footerf", "filetbl"}
    | {"revtbl", "pgdsctbl", "fontemb", "bkmkstart", "bkmkend", "shppict", "nonshppict"}
)
_SYMBOLS = {
    "par": "\n",
    "line": "\n",
    "sect": "\n",
    "page": "\n",
    "row": "\n",
    "cell": "\t",
    "tab": "\t",
    "emdash": "—",
    "endash": "–",
    "lquote": "‘",
    "rquote": "’",
    "ldblquote": "“",
    "rdblquote": "”",
    "bullet": "•",
    "emspace": " ",
    "enspace": " ",
}
_ESCAPED = {"\\": "\\", "{": "{", "}": "}", "~": "\u00a0", "_": "-", "\n": "\n", "\r": "\n"}
_TOKEN = re.compile(
    r"\\(?P<word>[a-zA-Z]{1,32})(?P<arg>-?\d{1,10})? ?"  # a control word, its one space eaten
    r"|\\'(?P<hex>[0-9a-fA-F]{2})"  # a byte of the code page
    r"|\\(?P<symbol>[^a-zA-Z'])"  # a control symbol: "\{", "\~", "\*", a line break
    r"|(?P<brace>[{}])"
    r"|[\r\n]+"  # the file's own line breaks are no text
    r"|(?P<text>[^\\{}\r\n]+)"
)
_CODE_PAGE = re.compile(r"\\ansicpg(\d{3,5})")


def is_rtf(text: str) -> bool:
    return _RTF_START.match(text) is not None


_RTF_START = re.compile(r"\A[\ufeff \t\r\n]*\{\\rtf")


def rtf_to_text(rtf: str) -> str:
    """The text of an RTF document, one paragraph a line."""
    encoding = _encoding(rtf)
    out: list[str] = []
    pending = bytearray()  # bytes of the code page, decoded together (a multi-byte one)
    stack: list[tuple[bool, int]] = []
    skipping, per_unicode = False, 1  # inside a skipped group; chars after a \uN to skip
    to_skip = 0  # what remains of those
    for token in _TOKEN.finditer(rtf):
        kind = "word" if token["word"] else token.lastgroup  # (with its argument, "arg")
        if kind == "hex":
            if to_skip:
                to_skip -= 1
            elif not skipping:
                pending.append(int(token["hex"], 16))
            continue
        if pending:
            out.append(pending.decode(encoding, "replace"))
            pending.clear()
        if kind == "brace":
            if token["brace"] == "{":
                stack.append((skipping, per_unicode))
            elif stack:
                skipping, per_unicode = stack.pop()
            to_skip = 0
        elif kind == "word":
            word, arg = token["word"], token["arg"]
            if word in _SKIPPED:
                skipping = True
            elif word == "uc" and arg:
                per_unicode = int(arg)
            elif skipping:
                continue
            elif word == "u" and arg:
                out.append(chr(int(arg) % 65536))
                to_skip = per_unicode
            elif word in _SYMBOLS:
                out.append(_SYMBOLS[word])
        elif kind == "symbol":
            symbol = token["symbol"]
            if symbol == "*":
                skipping = True  # "{\*\name …}": a destination a reader may ignore
            elif not skipping and symbol in _ESCAPED:
                out.append(_ESCAPED[symbol])
        elif kind == "text" and not skipping:
            text = token["text"]
            if to_skip:
                dropped = min(to_skip, len(text))
                text, to_skip = text[dropped:], to_skip - dropped
            out.append(text)
    if pending:
        out.append(pending.decode(encoding, "replace"))
    # Characters beyond the first 65,536 come as two "\\u" halves (an emoji): joined here; a
    # half alone (a broken file) is replaced, as text that cannot be stored would be.
    text = "".join(out).encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return "\n".join(line.strip() for line in text.split("\n"))


def _encoding(rtf: str) -> str:
    found = _CODE_PAGE.search(rtf[:2000])
    name = f"cp{found[1]}" if found else "cp1252"
    try:
        "".encode(name)
    except LookupError:
        return "cp1252"
    return name
