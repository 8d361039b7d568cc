"""A page kept in a reference manager's record: RIS (Zotero, Mendeley, most managers), BibTeX
and BibLaTeX (Zotero, Mendeley, JabRef), EndNote's and RefWorks' tagged exports, and EndNote's
"Show All Fields" text. The page is in the record's abstract or note; the record's title, URL
and date are the page's (never its access date: the day the analyst filed it).
"""

from __future__ import annotations

import re

from signals_data.dates import parse_timestamp
from signals_data.models import Hints

Record = tuple[str, Hints]  # the page's text, and what the record says of the page

# Tagged exports: a tag at the start of each field's first line, the value after it; the
# lines below that start with no tag go on with the value (an abstract holding a page).
_RIS_FIELD = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")
_ENDNOTE_FIELD = re.compile(r"^%([A-Z0-9@!#$&()*+,./:;<=>?\[\]^_{|}~-]) (.*)$")
# RefWorks' tags are two letters like many a line's first word ("US officials…"): only its own.
_REFWORKS_FIELD = re.compile(
    r"^(RT|SR|ID|A[1-6]|T[1-3]|JF|JO|YR|FD|VO|IS|SP|OP|K1|AB|NO|PB|PP|ED|SN|AV|AD|AN|LA|CL|SF|OT"
    r"|LK|DO|CN|DB|DS|IP|RD|ST|UL|WT|U[1-5]) (.*)$"
)
# EndNote's "Show All Fields", copied: "Label: value" lines; notes run on below theirs.
_SHOWN_FIELD = re.compile(
    r"^(Reference Type|Record Number|Author|Year|Title|Series Editor|Series Title|Publisher"
    r"|Access Year|Access Date|Last Update Date|Date|Type of Medium|URL|Keywords|Abstract"
    r"|Notes|Research Notes|Accession Number|Language|Database Provider|Label|Custom \d)"
    r": ?(.*)$"
)
# Each tagged kind of record: how its first line opens, how a field's line reads, and which
# fields hold what (the page: the longest of its fields).
_TAGGED_KINDS = (
    (
        "TY  -",  # RIS
        _RIS_FIELD,
        {
            "title": ("TI", "T1"),
            "url": ("UR", "L2"),
            "date": ("DA", "Y1"),
            "page": ("AB", "N1", "N2"),
        },
    ),
    (
        "%0 ",  # EndNote's tagged export
        _ENDNOTE_FIELD,
        {"title": ("T",), "url": ("U",), "date": ("8",), "page": ("X", "Z")},
    ),
    (
        "RT ",  # RefWorks
        _REFWORKS_FIELD,
        {"title": ("T1",), "url": ("UL", "LK"), "date": ("FD",), "page": ("AB", "NO")},
    ),
    (
        "Reference Type:",  # EndNote's "Show All Fields"
        _SHOWN_FIELD,
        {
            "title": ("Title",),
            "url": ("URL",),
            "date": ("Date", "Last Update Date"),
            "page": ("Abstract", "Research Notes", "Notes"),
        },
    ),
)
PAGE_MIN_CHARS = 200  # a page's worth in the record's abstract or note, not a one-line summary


def citation_record(text: str) -> Record | None:
    """The page held in a reference manager's record, with the record's title, URL and date;
    None for other text."""
    first = next((line.strip() for line in text.split("\n", 20) if line.strip()), "")
    for opening, field, names in _TAGGED_KINDS:
        if first.startswith(opening):
            return _from_fields(_tagged_fields(text, field), names)
    if (entry := _BIBTEX_ENTRY.search(text[:3000])) is not None:
        return _bibtex_record(text[entry.end() :])
    return None


def _tagged_fields(text: str, field: re.Pattern[str]) -> dict[str, list[str]]:
    """Each tag's values; a value's next lines are those up to the next tag's."""
    values: dict[str, list[list[str]]] = {}  # each value as its lines, joined once at the end
    value: list[str] | None = None
    for line in text.split("\n"):
        if found := field.match(line):
            value = [found[2]]
            values.setdefault(found[1], []).append(value)
        elif value is not None:
            value.append(line)
    return {tag: ["\n".join(lines) for lines in each] for tag, each in values.items()}


def _from_fields(fields: dict[str, list[str]], names: dict[str, tuple[str, ...]]) -> Record | None:
    pages = [value for name in names["page"] for value in fields.get(name, [])]
    page = max(pages, key=len, default="")
    if len(page.strip()) < PAGE_MIN_CHARS:
        return None

    def first(kind: str) -> str | None:
        return next((v.strip() for n in names[kind] for v in fields.get(n, []) if v.strip()), None)

    return page.strip(), Hints(
        title=first("title"), url=first("url"), published=_day(first("date"))
    )


def _day(value: str | None) -> str | None:
    """A record's date as an ISO day, if it names one ("2024/03/12/", "November 20" has no
    year: none)."""
    if not value:
        return None
    if found := re.match(r"^(\d{4})[/-](\d{1,2})[/-](\d{1,2})", value):
        return f"{found[1]}-{int(found[2]):02d}-{int(found[3]):02d}"
    stamp = parse_timestamp(value)
    return stamp[0][:10] if stamp else None


# --- BibTeX and BibLaTeX -------------------------------------------------------------------

_BIBTEX_ENTRY = re.compile(
    r"^@(?:online|misc|article|electronic|www|webpage)\s*\{[^,\n]*,", re.I | re.M
)
_BIBTEX_FIELD = re.compile(r"\s*,?\s*([A-Za-z][\w-]*)\s*=\s*([{\"])")
_BIBTEX_PAGE_FIELDS = ("abstract", "note", "comment", "annote", "annotation")
# What BibTeX writes for characters it reserves: "\%", "\$", "{\textquoteright}",
# "$\backslash$"; a title's braces keep its capitals.
_BIBTEX_ESCAPES = (
    ("$\\backslash$", "\\"),
    ("\\%", "%"),
    ("\\$", "$"),
    ("\\&", "&"),
    ("\\_", "_"),
    ("\\#", "#"),
    ("{\\textquoteright}", "’"),
    ("\\textquoteright", "’"),
)


def _bibtex_record(text: str) -> Record | None:
    """The fields of the entry opened just before ``text``: its page field, title, URL, date."""
    fields: dict[str, str] = {}
    at = 0
    while (found := _BIBTEX_FIELD.match(text, at)) is not None:
        value, at = _bibtex_value(text, found.end(), found[2])
        fields.setdefault(found[1].lower(), value)
    page = max((fields.get(name, "") for name in _BIBTEX_PAGE_FIELDS), key=len)
    if len(page.strip()) < PAGE_MIN_CHARS:
        return None
    title = _unescaped(fields.get("title", "")).replace("{", "").replace("}", "").strip()
    return _unescaped(page).strip(), Hints(
        title=title or None,
        url=_unescaped(fields.get("url", "")).strip() or None,
        published=_day(fields.get("date")),
    )


def _bibtex_value(text: str, start: int, opener: str) -> tuple[str, int]:
    """A field's value from just after its opening brace or quote, and where it ends: braces
    nest; a quoted value ends at the next unescaped quote outside them."""
    depth = 1 if opener == "{" else 0
    at = start
    while at < len(text):
        char = text[at]
        if char == "\\":
            at += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0 and opener == "{":
                return text[start:at], at + 1
            if depth < 0:
                break  # the entry's own closing brace: a value left open
        elif char == '"' and opener == '"' and depth == 0:
            return text[start:at], at + 1
        at += 1
    return text[start:at], at


def _unescaped(value: str) -> str:
    for escaped, char in _BIBTEX_ESCAPES:
        value = value.replace(escaped, char)
    return value
