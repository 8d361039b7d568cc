"""Pages an analyst put into a table: one row per signal (its headline, Source line and text in
columns, as a word processor's, a wiki's or a spreadsheet's table), or one row per part of the
page (a "Part | Content" or "field,value" sheet). Each is turned back into the page's lines, in
the page's order, before they are read; a table of anything else is left as it is.
"""

from __future__ import annotations

import csv
import io
import re

# Column names, as the sheets and tables seen name them (lower-cased, spaces for "_").
_HEADLINE_COLUMNS = frozenset({"signal", "signals", "headline", "signal headline", "title"})
_SOURCE_COLUMNS = frozenset({"source", "sources", "source line", "sources line", "outlets"})
_TEXT_COLUMNS = frozenset({"text", "body", "signal text", "text (as on page)", "signal body"})
_CONTENT_COLUMNS = frozenset({"content", "value", "text (as on page)", "page text"})
_KEY_COLUMNS = frozenset({"part", "field", "key", "row type", "element"})

MIN_ROWS = 3  # a header and two rows: a table of one signal is no page


def _name(cell: str) -> str:
    return " ".join(cell.replace("_", " ").lower().split()).rstrip(":")


def page_lines(rows: list[list[str]]) -> list[str] | None:
    """The page's lines from a table's rows (the first one its header), or None for a table that
    holds no page: one with no headline, Source and text columns, nor a part and its content."""
    rows = [[cell.strip() for cell in row] for row in rows if any(cell.strip() for cell in row)]
    if len(rows) < MIN_ROWS or not _is_header(rows[0]):
        return None
    if sum(len(row) == len(rows[0]) for row in rows[1:]) < 0.8 * (len(rows) - 1):
        return None  # a line that reads like a header, above no table
    names = [_name(cell) for cell in rows[0]]
    headline = _column(names, _HEADLINE_COLUMNS)
    text = _column(names, _TEXT_COLUMNS)
    if headline is not None and text is not None:
        return _signal_rows(rows[1:], names, headline, _column(names, _SOURCE_COLUMNS), text)
    content = _column(names, _CONTENT_COLUMNS)
    if content is None or _column(names, _KEY_COLUMNS) is None:
        return None
    values = [row[content] for row in rows[1:] if content < len(row) and row[content]]
    # A note's properties ("Field | Value": tags, dates) are no page: the page's parts hold its
    # label, its SIGNALS heading or a Source line.
    return values if any(_is_page_mark(value) for value in values) else None


def _is_page_mark(value: str) -> bool:
    return value in ("Semafor Signals", "SIGNALS") or value[:6].lower() == "source"


def _is_header(cells: list[str]) -> bool:
    """Column names: two or more short cells, none a sentence or a "key: value"."""
    return len(cells) >= 2 and all(len(cell) <= 30 and ":" not in cell for cell in cells)


def _column(names: list[str], wanted: frozenset[str]) -> int | None:
    return next((at for at, name in enumerate(names) if name in wanted), None)


def _signal_rows(
    rows: list[list[str]], names: list[str], headline: int, sources: int | None, text: int
) -> list[str]:
    """One row per signal: its headline, its Source line (labelled, as the page prints it) and
    its text. Columns the same on every row (the story's address, headline and date, repeated
    by a spreadsheet) come first, once; the tool's own columns (ids, checks, notes) are left."""
    used = {headline, text} | ({sources} if sources is not None else set())
    story = [
        rows[0][at]
        for at in range(len(names))
        if at not in used
        and at < len(rows[0])
        and len(rows[0][at]) >= 10
        and all(at < len(row) and row[at] == rows[0][at] for row in rows)
    ]
    # Those go where the page prints them: under its label, if a row holds it.
    labelled = any(text < len(row) and row[text] == "Semafor Signals" for row in rows)
    lines = [] if labelled else story
    for row in rows:
        if labelled and text < len(row) and row[text] == "Semafor Signals":
            lines += [row[text], *story]
            continue
        cells = [row[at] if at is not None and at < len(row) else "" for at in (headline, sources)]
        lines += [line for line in cells[0].split("\n") if line.strip()]
        if cells[1]:
            credit = cells[1]
            lines.append(credit if credit.lower().startswith("source") else f"Sources: {credit}")
        lines += [line for line in (row[text] if text < len(row) else "").split("\n") if line]
    return lines


# --- tables in plain text and Markdown ---------------------------------------------------------

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def markdown_tables_as_lines(markdown: str) -> str:
    """The Markdown with each pipe table that holds a page's signals written as the page's lines."""
    out: list[str] = []
    block: list[str] = []
    for line in [*markdown.split("\n"), ""]:
        if line.lstrip()[:1] == "|" and _PIPE_ROW.match(line):
            block.append(line)
            continue
        if block:
            rows = [_pipe_cells(row) for row in block if not _PIPE_RULE.match(row)]
            found = page_lines(rows) if len(block) > 1 and _PIPE_RULE.match(block[1]) else None
            out.extend("\n".join(found).split("\n") if found else block)
            block = []
        out.append(line)
    return "\n".join(out[:-1])


def _pipe_cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def sheet_as_lines(text: str) -> str | None:
    """A spreadsheet saved as tab- or comma-separated text that holds a page, as the page's lines:
    the run of rows as wide as its header is rewritten, and the lines above it (an address, a
    note) and below it are kept. None for any other text."""
    text = text.lstrip("\ufeff")
    for at, head in enumerate(text.split("\n", SHEET_HEAD_LINES)[:SHEET_HEAD_LINES]):
        delimiter = "\t" if "\t" in head else "," if "," in head else None
        if delimiter is None or not _names_a_column(head, delimiter):
            continue
        lines = text.split("\n")
        width = len(next(csv.reader([head], delimiter=delimiter)))
        rows, consumed = _rows_as_wide_as(lines[at:], delimiter, width)
        found = page_lines(rows)
        return "\n".join([*lines[:at], *found, *lines[at + consumed :]]) if found else None
    return None


COLUMN_MIN_SHARE = 0.8  # of the lines: a column saved as comma-separated text


def column_as_lines(text: str) -> str | None:
    """A spreadsheet's column (the page pasted one line a row) saved as comma-separated text,
    as the page's lines: each row's first cell, unquoted; a note in the next column is left out
    ("Washington’s interest loomed over the vote,check NYT paywall"). None for any other text:
    most lines must end with the empty cell of a second column or be a quoted cell."""
    lines = [line for line in text.lstrip("\ufeff").split("\n") if line.strip()]
    celled = sum(1 for line in lines if line.rstrip().endswith(",") or line[:1] == '"')
    if len(lines) < 10 or celled < COLUMN_MIN_SHARE * len(lines):
        return None
    try:
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error:
        return None
    return "\n".join(row[0] if row else "" for row in rows)


_NUMBERED_ROW = re.compile(r"^\d{1,6}\t")


def numbered_rows_as_lines(text: str, notes_beside: bool = True) -> str | None:
    """A sheet's rows copied with their row numbers, the page pasted one line a row ("13<TAB>A
    faster-spreading strain<TAB>sig 1"): each row's first cell after its number, a note in the
    column beside it left out; or, ``notes_beside`` False, all of each line after its number (a
    source viewer's numbered lines, whose tabs are the page's own). None unless most lines are
    such rows."""
    if "\t" not in text[:2000]:
        return None  # (most copies: no cells)
    lines = [line for line in text.split("\n") if line.strip()]
    numbered = sum(1 for line in lines if _NUMBERED_ROW.match(line))
    if len(lines) < 10 or numbered < COLUMN_MIN_SHARE * len(lines):
        return None
    return "\n".join(
        (line.split("\t")[1] if notes_beside else line.split("\t", 1)[1])
        if _NUMBERED_ROW.match(line)
        else line
        for line in text.split("\n")
    )


def _rows_as_wide_as(lines: list[str], delimiter: str, width: int) -> tuple[list[list[str]], int]:
    """The rows from the first line on that have the header's width (a quoted cell may run over
    several lines), and how many lines they take."""
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    rows: list[list[str]] = []
    consumed = 0
    try:
        for row in reader:
            if len(row) != width:
                break
            rows.append(row)
            consumed = reader.line_num
    except csv.Error:
        pass  # a broken quote: the rows read so far
    return rows, consumed


SHEET_HEAD_LINES = 8  # where a sheet's header may stand, below an address or a note


def _names_a_column(head: str, delimiter: str) -> bool:
    return is_page_header(head.split(delimiter))


def is_page_header(cells: list[str]) -> bool:
    """Whether a table's first row names the columns of a page's table: a signal's headline, or
    a part's content."""
    names = {_name(cell) for cell in cells}
    return _is_header(cells) and bool(names & (_HEADLINE_COLUMNS | _CONTENT_COLUMNS))
