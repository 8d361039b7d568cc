"""A page kept inside a data tool's output, as technical analysts keep them: a scraping API's or
a search index's JSON record and a crawler's table row (the page's text in a field, the record's
fields its metadata), a spreadsheet's row with the page in one quoted cell, a string printed
with its escapes ("…\\nThe News\\n…": a notebook's output, a database dump), a unified diff or
a commit that adds the page (its lines behind "+"), a fenced block quoting it (an issue, a
chat), the shell command that printed it and a terminal's prompt before each pasted line.

Each function returns None when the text is not such output, so the text is read as it is.
"""

from __future__ import annotations

import csv
import io
import json
import re

from signals_data.dates import iso_date
from signals_data.models import Hints

PAGE_MIN_CHARS = 200  # a field holding a page: more than a title or a summary
_TEXT_KEYS = frozenset(
    {"markdown", "content", "text", "body", "article", "page", "html", "raw_text", "plain_text"}
    | {"content_text", "text_content", "main_text", "fulltext", "full_text", "clean_text"}
)
_URL_KEYS = ("url", "canonical", "canonical_url", "ogurl", "og_url", "sourceurl", "source_url")
_URL_KEYS += ("page_url", "link", "loaded_url", "final_url")
_TITLE_KEYS = ("title", "ogtitle", "og_title", "headline")
_DATE_KEYS = ("published", "published_at", "publishedtime", "published_time", "datepublished")
_DATE_KEYS += ("date_published", "publication_date", "pub_date")
_FIELDS_MAX = 5_000  # strings read from a record, however large (a crawler's whole response)
_DEPTH_MAX = 12


# --- a JSON record -------------------------------------------------------------------------


def json_record(text: str) -> tuple[str, str, Hints] | None:
    """The page in a JSON record (perhaps under the command that fetched it, "$ curl …"): its
    text, its format ("markdown" for a "markdown" field, "html" for markup, else "text"), and the
    record's title, address and publication date."""
    start = _record_start(text)
    if start is None:
        return None
    try:
        record, _end = json.JSONDecoder().raw_decode(text, start)
    except (ValueError, RecursionError):
        return None
    return _page_of(record)


def csv_record(text: str) -> tuple[str, str, Hints] | None:
    """The page in a table's first row under its header ("id,source,url,captured_at,text"): a
    crawler's export with the page in one quoted cell. None for other text (a sheet whose rows
    are the page's lines is read by ``tables.sheet_as_lines``)."""
    head = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = "\t" if "\t" in head else ","
    names = [name.strip().strip('"') for name in head.strip().split(delimiter)]
    # Column names, one of them a text's: not a headline or a line of the page that holds commas
    # ("Russia, China and Iran hold drills").
    if len(names) < 3 or not all(_COLUMN.match(name) for name in names):
        return None
    if not any(name.lower() in _TEXT_KEYS for name in names):
        return None
    try:
        row = next(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter), None)
    except csv.Error:
        return None
    if not row:
        return None
    return _page_of({str(key).lower(): value for key, value in row.items() if key})


_COLUMN = re.compile(r"^[A-Za-z_][\w.-]{0,30}$")


# --- a spreadsheet's row, the page in one cell ------------------------------------------------

_PAGE_MARK = re.compile(r"^(?:SIGNALS|The News|Semafor Signals)\s*$", re.M)
_ARTICLE_CELL = re.compile(r"^(?:https?://)?(?:www\.)?semafor\.com/article/\S+$", re.I)
_CELL_ROW_LINES = 2  # the row's first line, under the sheet's header perhaps


def quoted_cell_page(text: str) -> tuple[str, Hints] | None:
    """The page in one quoted cell of a spreadsheet's row copied out or saved (Excel, Google
    Sheets, a tracker's CSV): the cell runs over many lines, its quotes doubled; the row's other
    cells (when it was logged, by whom, its link) stand beside it, under the sheet's header or
    not; or the cell alone. The page's text and the row's link to the article. None for any
    other text: the cell must open on the row's first line, after other cells or alone, and
    hold the page's headings."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n", _CELL_ROW_LINES + 1)
    for at, line in enumerate(lines[:_CELL_ROW_LINES]):
        delimiter = "\t" if "\t" in line else ","
        if not _opens_quoted_cell(line, delimiter, lines[at - 1] if at else None):
            continue
        start = sum(len(above) + 1 for above in lines[:at])
        reader = csv.reader(io.StringIO(text[start:]), delimiter=delimiter)
        try:
            row = next(reader, [])
        except csv.Error:
            return None
        pages = [cell for cell in row if len(cell) >= PAGE_MIN_CHARS and _PAGE_MARK.search(cell)]
        if not pages:
            continue
        links = (cell.strip() for cell in row if _ARTICLE_CELL.match(cell.strip()))
        url = next(links, None)
        if url and "://" not in url:
            url = "https://" + url
        page = max(pages, key=len)
        if len(row) == 1:
            # A quote alone, not a row: what follows it is the copy's too (a shared selection's
            # link below its quoted text).
            page = "\n".join([page, *text[start:].split("\n")[reader.line_num :]])
        return page, Hints(url=url)
    return None


def _opens_quoted_cell(line: str, delimiter: str, header: str | None) -> bool:
    """Whether a quoted cell opens on this line and runs past it: the line alone (a lone cell),
    a row of tab-separated cells, or a row of comma-separated ones as wide as the header above
    (commas alone are too common in prose to mark cells)."""
    if line[:1] == '"':
        opening = 0
    else:
        opening = line.find(delimiter + '"')
        if opening < 0 or (delimiter == "," and header is None):
            return False
        opening += 1
    # The cell's quotes on this line: doubled ones are its text; a lone one would close it.
    if line[opening + 1 :].replace('""', "").count('"') % 2:
        return False
    if delimiter == "," and header is not None:
        return header.count(",") >= line[:opening].count(",")  # (the cell's column is named)
    return True


def _page_of(record: object) -> tuple[str, str, Hints] | None:
    """The record's longest field that holds a page, its format, and the record's hints."""
    fields = _string_fields(record)
    pages = [(key, value) for key, value in fields if _holds_a_page(key, value)]
    if not pages:
        return None
    key, page = max(pages, key=lambda field: len(field[1]))
    if key == "html" or page.lstrip()[:1] == "<":
        fmt = "html"
    else:
        fmt = "markdown" if key in ("markdown", "md") else "text"
    return page, fmt, _record_hints(fields)


def _record_start(text: str) -> int | None:
    """Where a JSON object or list starts: the text's start, or a line of its own among the
    first few (below a shell's command)."""
    found = _LINE_START.search(text, 0, 2_000)
    return found.start(1) if found else None


_LINE_START = re.compile(r"(?:\A|\n)[ \t]*([{\[])[ \t]*(?:\n|\"|\{)")


def _string_fields(value: object) -> list[tuple[str, str]]:
    """Every string in the record with the key it stands under (lower case), breadth first."""
    found: list[tuple[str, str]] = []
    level: list[tuple[str, object]] = [("", value)]
    for _depth in range(_DEPTH_MAX):
        deeper: list[tuple[str, object]] = []
        for key, item in level:
            if isinstance(item, str):
                found.append((key, item))
            elif isinstance(item, dict):
                deeper.extend((str(k).lower(), v) for k, v in item.items())
            elif isinstance(item, list):
                deeper.extend((key, v) for v in item)
            if len(found) >= _FIELDS_MAX:
                return found
        level = deeper
    return found


def _holds_a_page(key: str, value: str) -> bool:
    return (
        len(value) >= PAGE_MIN_CHARS and "\n" in value and (key in _TEXT_KEYS or "ignals" in value)
    )


def _record_hints(fields: list[tuple[str, str]]) -> Hints:
    def first(keys: tuple[str, ...]) -> str | None:
        return next((value for key, value in fields if key in keys and value.strip()), None)

    urls = [value for key, value in fields if key in _URL_KEYS and value.startswith("http")]
    article = next((url for url in urls if "semafor.com/article/" in url), None)
    title = first(_TITLE_KEYS)
    published = first(_DATE_KEYS)
    return Hints(
        title=title if title and len(title) <= 300 else None,
        url=article or (urls[0] if urls else None),
        published=iso_date(published[:10]) if published else None,
    )


# --- a string printed with its escapes ------------------------------------------------------

ESCAPED_MIN_BREAKS = 8  # "\n" escapes in one line: a page's lines, not a stray one in prose
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[nrt\"'\\])")
_ESCAPED = {"n": "\n", "r": "", "t": "\t", '"': '"', "'": "'", "\\": "\\"}


def unescaped_lines(text: str) -> str | None:
    """The text with each line that holds a whole page as an escaped string literal written
    out (a notebook's "Out[12]: 'Skip to main content\\nSemafor Logo\\n…'", a database dump's
    field), or None when no line does."""
    lines = text.split("\n")
    changed = False
    for i, line in enumerate(lines):
        if len(line) >= PAGE_MIN_CHARS and line.count("\\n") >= ESCAPED_MIN_BREAKS:
            lines[i] = _ESCAPE.sub(_unescape, line)
            changed = True
    return "\n".join(lines) if changed else None


def _unescape(found: re.Match[str]) -> str:
    code = found[1]
    if code[0] in "ux":
        return chr(int(code[1:], 16))
    return _ESCAPED[code]


# --- a diff that adds the page ---------------------------------------------------------------

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@")


def diff_new_side(text: str) -> str | None:
    """The newer side of a unified diff (``diff -u``, ``git show``, ``git diff``): its hunks'
    kept and added lines, without the marks before them; None when the text holds no hunk
    after its "---" and "+++" lines."""
    if "\n@@ " not in text or "\n+++ " not in text:
        return None
    out: list[str] = []
    in_hunk = False
    for line in text.split("\n"):
        if _HUNK.match(line):
            in_hunk = True
        elif in_hunk and line[:1] in (" ", "+"):
            out.append(line[1:])
        elif in_hunk and (line[:1] == "-" or line.startswith("\\ No newline")):
            continue
        else:
            in_hunk = False  # the next file's header, or the end of the diff
    return "\n".join(out) if out else None


# --- a shell's command, a fenced block ------------------------------------------------------

# A shell's prompt and command on the first line: "$ curl -s …", "ana@thinkpad:~/x$ curl …".
_COMMAND_LINE = re.compile(r"\A\s*(?:[\w.-]+@[\w.-]+(?::[^\s$#]*)?[$#]|[$%])[ \t]+\S[^\n]*\n")


def without_command_line(text: str) -> str | None:
    """The text below a shell's command that printed it, or None when it opens otherwise."""
    found = _COMMAND_LINE.match(text)
    return text[found.end() :] if found else None


_FENCE = re.compile(r"^(?P<fence>```|~~~)[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S)


def fenced_page(text: str) -> str | None:
    """The page in a fenced block of a text that quotes it so (an issue, a chat's code block):
    the one block that holds Signals' marks. None when no block, or several, hold them."""
    if text.count("```") + text.count("~~~") < 2:
        return None
    holding = [
        found["body"]
        for found in _FENCE.finditer(text)
        if len(found["body"]) >= PAGE_MIN_CHARS and _SIGNALS_MARK.search(found["body"])
    ]
    return holding[0] if len(holding) == 1 else None


_SIGNALS_MARK = re.compile(r"^(?:SIGNALS|Semafor Signals)\b", re.M)


# A terminal's continuation prompt before each line of a text pasted into an interactive
# program ("... " in a Python or a model's shell, "> " in others), most lines carrying it.
_CONTINUATION = re.compile(r"^(?:\.\.\.|>>>) ?", re.M)
CONTINUED_MIN_SHARE = 0.6


def without_continuation_prompts(text: str) -> str | None:
    """The text without the prompt a terminal printed before each pasted line, or None when
    most of its lines do not carry one."""
    lines = [line for line in text.split("\n") if line.strip()]
    prompted = sum(line.startswith(("... ", ">>> ")) or line in ("...", ">>>") for line in lines)
    if not lines or prompted < CONTINUED_MIN_SHARE * len(lines):
        return None
    return _CONTINUATION.sub("", text)
