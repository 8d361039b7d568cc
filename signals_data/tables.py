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
    if sum(len(row) == len(rows[0]) for row in rows[1:]) < MIN_ROWS - 1:
        return None  # a line that reads like a header, above no table
    names = [_name(cell) for cell in rows[0]]
    headline = _column(names, _HEADLINE_COLUMNS)
    text = _column(names, _TEXT_COLUMNS)
    if headline is not None and text is not None:
        return _signal_rows(rows[1:], names, headline, _column(names, _SOURCE_COLUMNS), text)
    content = _column(names, _CONTENT_COLUMNS)
    if content is not None and _column(names, _KEY_COLUMNS) is not None:
        return [row[content] for row in rows[1:] if content < len(row) and row[content]]
    return None


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
        if _PIPE_ROW.match(line):
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
    """A spreadsheet saved as tab- or comma-separated text that holds a page, as the page's lines
    (the lines above its header, an address or a note, kept); None for any other text."""
    lines = text.lstrip("\ufeff").split("\n")
    for at, head in enumerate(lines[:SHEET_HEAD_LINES]):
        delimiter = "\t" if "\t" in head else "," if head.count(",") >= 2 else None
        if delimiter is None or not _names_a_column(head, delimiter):
            continue
        try:
            rows = list(csv.reader(io.StringIO("\n".join(lines[at:])), delimiter=delimiter))
        except csv.Error:
            return None
        found = page_lines(rows)
        return "\n".join([*lines[:at], *found]) + "\n" if found else None
    return None


SHEET_HEAD_LINES = 8  # where a sheet's header may stand, below an address or a note


def _names_a_column(head: str, delimiter: str) -> bool:
    names = {_name(cell) for cell in head.split(delimiter)}
    return bool(names & (_HEADLINE_COLUMNS | _CONTENT_COLUMNS))
