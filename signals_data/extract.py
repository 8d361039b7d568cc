"""From saved bytes to plain lines of text plus metadata hints, one function per format.

Decoding handles UTF-8 (with or without BOM), UTF-16, a declared charset and the Windows code
pages (the likeliest one for the text); HTML loses its scripts, styles and navigation;
Markdown loses image links, link targets, emphasis and heading marks. What comes out is the text
a reader would have copied, ready for ``parse``.
"""

from __future__ import annotations

import codecs
import itertools
import json
import quopri
import re
import unicodedata
from html import escape
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from signals_data import budget
from signals_data.citations import citation_record
from signals_data.dates import iso_date
from signals_data.embedded import (
    csv_record,
    diff_new_side,
    fenced_page,
    json_record,
    quoted_cell_page,
    unescaped_lines,
    without_command_line,
    without_continuation_prompts,
)
from signals_data.errors import ParseError, ReadError
from signals_data.mime import is_mime_source, mime_body
from signals_data.models import Hints
from signals_data.page_forms import is_outliner_copy, outliner_page
from signals_data.rtf import is_rtf, rtf_to_text
from signals_data.speech import is_speech_log, spoken_text
from signals_data.tables import (
    column_as_lines,
    is_page_header,
    markdown_tables_as_lines,
    numbered_rows_as_lines,
    page_lines,
    sheet_as_lines,
)
from signals_data.urls import normalize_url

FORMATS = ("text", "markdown", "html", "jsonl")
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".rtf": "text",  # (its markup read off in to_text)
    ".eml": "text",  # (a mail's source: its text part read in to_text)
    ".json": "text",  # (a tool's record of a page: the page read out of it in to_text)
    ".jsonl": "jsonl",
}


# --- decoding -------------------------------------------------------------------------------


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    # Keep only the control bytes (no tab or line breaks) and count them.
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) * 0.05


def decode_bytes(data: bytes, origin: str) -> tuple[str, str]:
    """Text and the encoding it was read with; ReadError for empty or binary input."""
    if not data.strip():
        raise ReadError(f"{origin}: the file is empty; nothing to ingest")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    # UTF-16 without a BOM: every other byte of ASCII text is a NUL.
    if len(data) >= 4 and data[1::2].count(0) > len(data) * 0.4 and data[0::2].count(0) == 0:
        return data.decode("utf-16-le", errors="replace"), "utf-16-le"
    if _looks_binary(data):
        raise ReadError(
            f"{origin}: this looks like a binary file, not a saved page; "
            "save the page as text, Markdown or HTML"
        )
    try:
        return repair_mojibake(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _declared_charset(data) or _likeliest_code_page(data)
    return data.decode(encoding, errors="replace"), encoding


# Windows' code pages for the languages whose notes analysts add to a page saved on a system set
# to them (Notepad's "ANSI"), and East Asia's double-byte ones. Windows-1252 first: the page's
# own English reads the same in each of the single-byte ones but for a few letters, so a tie
# keeps it.
_CODE_PAGES = (
    "cp1252",  # Western European
    "cp1250",  # Central European
    "cp1254",  # Turkish
    "cp1257",  # Baltic
    "cp1251",  # Cyrillic
    "cp1253",  # Greek
    "cp1256",  # Arabic
    "cp1255",  # Hebrew
    "cp949",  # Korean
    "gbk",  # Simplified Chinese
    "big5",  # Traditional Chinese
    "shift_jis",  # Japanese
)
_DECLARED_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]{3,20})""", re.I)
_SAMPLE_BYTES = 64_000  # a page's worth, notes on top included


def _declared_charset(data: bytes) -> str | None:
    """The encoding a saved page declares at its top (``<meta charset="windows-1250">``), if
    Python knows it and the bytes decode with it."""
    found = _DECLARED_CHARSET.search(data[:4096])
    if not found:
        return None
    try:
        name = codecs.lookup(found[1].decode("ascii")).name
    except LookupError:
        return None  # a name no codec has
    if name == "utf-8" or _sample_read_as(data, name) is None:
        return None  # a declaration the bytes belie
    return name


def _sample_read_as(data: bytes, name: str) -> str | None:
    """The file's first bytes decoded, or None if they do not decode (a double-byte character
    the sample's end cuts is left out)."""
    try:
        return codecs.getincrementaldecoder(name)().decode(data[:_SAMPLE_BYTES], final=False)
    except UnicodeDecodeError:
        return None


def _likeliest_code_page(data: bytes) -> str:
    """The code page under which the text reads most like text (see ``_reading_cost``): Latin-1
    if none decodes. Ties go to the one listed first."""
    best, lowest = "latin-1", None
    for name in _CODE_PAGES:
        if (text := _sample_read_as(data, name)) is None:
            continue
        cost = _reading_cost(text)
        if lowest is None or cost < lowest:
            best, lowest = name, cost
        if lowest == (0, 0):
            break  # every word in one language or ASCII: nothing reads better
    return best


# The letters beyond ASCII each language writes with the Latin alphabet. A word whose letters
# fit none ("Tøebíè": Czech's "Třebíč" read as Windows-1252) was read with the wrong code page.
# Icelandic's letters also fit Turkish read as Windows-1252 ("Erdoðan"): a word that fits only
# them counts half.
_LANGUAGE_LETTERS = (
    "àâçéèêëîïôœùûüÿ",  # French
    "áéíñóúü",  # Spanish
    "áâãàçéêíóôõú",  # Portuguese
    "äöüß",  # German
    "àèéìíòóù",  # Italian
    "éèëïóöü",  # Dutch
    "àçèéíïòóúü",  # Catalan
    "æøåéó",  # Danish and Norwegian
    "åäöé",  # Swedish and Finnish
    "ąćęłńóśźż",  # Polish
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "áéíóöőúüű",  # Hungarian
    "ăâîșțşţ",  # Romanian
    "čćđšž",  # Croatian, Serbian, Bosnian, Slovene
    "çğıöşü",  # Turkish
    "çəğıöşü",  # Azerbaijani
    "çë",  # Albanian
    "āčēģīķļņšūž",  # Latvian
    "ąčęėįšųūž",  # Lithuanian
    "äöõüšž",  # Estonian
    "áéíóúýþæöð",  # Icelandic (last: the rare one)
)
_RARE_LANGUAGES = 1 << (len(_LANGUAGE_LETTERS) - 1)
_ANY_LANGUAGE = (1 << len(_LANGUAGE_LETTERS)) - 1
_OTHER_SCRIPT = -1  # (a word of another script than the Latin one)
_LANGUAGES_OF: dict[str, int] = {}
for _bit, _letters in enumerate(_LANGUAGE_LETTERS):
    for _letter in _letters:
        _LANGUAGES_OF[_letter] = _LANGUAGES_OF.get(_letter, 0) | 1 << _bit
_NEUTRAL_LETTERS = "ªºµ"  # ordinal marks and micro: "1º", "5µm"
_WORD_WITH_NON_ASCII = re.compile(r"[^\W\d_]*[^\x00-\x7f]\S*")
_WORD_EDGES = ".,;:!?()[]\"'’”“‘»«–—…-"


def _reading_cost(text: str) -> tuple[float, int]:
    """How unlike text a reading is: first, how many of its words no language writes (a sign or
    an undefined character between letters, a capital after a small letter, letters of two
    scripts or of no one language); then how many languages its other words need. Turkish read
    as Windows-1250 gives Croatian's "đ", Romanian's "ţ" and Czech's "ý"; as Windows-1254, one
    language."""
    odd = 0.0
    needs: list[int] = []
    other_script = False
    for found in _WORD_WITH_NON_ASCII.finditer(text):
        oddity, languages = _word_reading(found[0].strip(_WORD_EDGES))
        odd += oddity
        if languages == _OTHER_SCRIPT:
            other_script = True
        elif languages and languages != _ANY_LANGUAGE:
            needs.append(languages)
    return odd, _languages_covering(needs) + other_script


def _languages_covering(needs: list[int]) -> int:
    """How many languages cover every word (each word's set of languages as bits), the one that
    covers most of those left taken first."""
    count = 0
    while needs:
        best = max(range(len(_LANGUAGE_LETTERS)), key=lambda bit: sum(n >> bit & 1 for n in needs))
        needs = [n for n in needs if not n >> best & 1]
        count += 1
    return count


def _word_reading(word: str) -> tuple[float, int]:
    """How odd a word is (0, half for Icelandic's letters alone, 1) and the languages whose
    letters it fits, as bits (all of them for a word of ASCII or another script's letters)."""
    scripts: set[str] = set()
    languages = _ANY_LANGUAGE  # until a letter rules some out
    for i, char in enumerate(word):
        if not char.isalpha():
            if char > "\x7f" and i and unicodedata.category(char)[0] in "SNCM":
                return 1, 0  # "³" in "Wroc³aw", a control character, a vowel sign
            continue
        if i and char.isupper() and word[i - 1].islower() and max(char, word[i - 1]) > "\x7f":
            return 1, 0  # "dŸ" in "£ódŸ"
        if char < "\x80" or char in _NEUTRAL_LETTERS:
            scripts.add("LATIN")
            continue
        script = unicodedata.name(char, "?").split(" ", 1)[0]
        scripts.add(script)
        if script == "LATIN" and (small := char.lower()[:1]) > "\x7f":  # ("İ" is "i̇")
            languages &= _LANGUAGES_OF.get(small, 0)
    if len(scripts) > 1 or not languages:
        return 1, 0
    if scripts - {"LATIN"}:
        return 0, _OTHER_SCRIPT  # a word in Arabic, Korean…: one more language
    return (0.5 if languages == _RARE_LANGUAGES else 0), languages


# UTF-8 read as Windows-1252 and saved again ("Manipurâ€™s", "SÃ£o Paulo"): a lead byte's
# character, then as many continuation bytes' characters as it announces. (The five bytes
# Windows-1252 leaves undefined come back as the C1 controls of the same number.)
_CONTINUATION = "[\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]"
_MOJIBAKE = re.compile(f"[Â-ß]{_CONTINUATION}|[à-ï]{_CONTINUATION}{{2}}|[ð-ô]{_CONTINUATION}{{3}}")
_MOJIBAKE_SIGNS = re.compile("â€|Ã[\x80-\xbf©¡¢£¤¥¦§¨ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿]")


def repair_mojibake(text: str) -> str:
    """Text whose UTF-8 was once read as Windows-1252 (a forward through an old mail client),
    put back: each sequence that was one character is decoded again. Only when the text shows
    the telltale pairs more than once; a sequence that does not decode is left as it is. The
    file itself is stored as it came."""
    head = text[:200_000]
    if ("â€" not in head and "Ã" not in head) or len(_MOJIBAKE_SIGNS.findall(head)) < 2:
        return text
    # What is left of "”" (E2 80 9D) after the mail client dropped the byte it has no
    # character for.
    return _MOJIBAKE.sub(_decoded_again, text).replace("â€", "”")


def _decoded_again(match: re.Match[str]) -> str:
    garbled = match[0]
    try:
        raw = bytes(ord(c) if ord(c) < 256 else c.encode("cp1252")[0] for c in garbled)
        return raw.decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return garbled


def sniff_format(text: str, declared: str | None = None) -> str:
    """The format to parse with: the declared one, or a guess from the text itself."""
    if declared in FORMATS:
        return declared
    head = text[:2000]
    if "<" in head and _looks_like_html(head.lower()):
        return "html"
    start = text[:5000]
    if (
        ("![" in start and _MARKDOWN_IMAGE.search(start))
        or ("#" in start and _MARKDOWN_HEADING.search(start))
        or (("ontent:" in start or "ONTENT:" in start) and _READER_MARKDOWN.search(start))
    ):
        return "markdown"
    return "text"


def _looks_like_html(head: str) -> bool:
    return "<html" in head or "<!doctype html" in head or bool(_HTML_TAG.search(head))


_HTML_TAG = re.compile(r"<(body|article|div|p)\b")
# Each sign apart, and looked for only where a plain search finds its mark: one pattern
# alternating over the three tried all of them at every character (30 µs a page, 2% of
# parsing a page; now 1 µs on a text without them).
_MARKDOWN_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\(")
_MARKDOWN_HEADING = re.compile(r"^#{1,6} ", re.M)
_READER_MARKDOWN = re.compile(r"^markdown content:", re.M | re.I)


# --- front matter and reader-tool header blocks -------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
# Front matter keys vary by tool ("page_url", "date_published"): any key is read, the ones that
# name a title, an address or a date are used.
_FRONT_MATTER_FIELD = re.compile(r"^(?P<key>[A-Za-z][\w -]{0,30}?)\s*:\s*(?P<value>.+)$")
_HEADER_FIELD = re.compile(
    r"^(?P<key>title|url source|url|source|link|published time|published|date|updated)\s*:\s*"
    r"(?P<value>.+)$",
    re.I,
)


# The same keys in the clipper's language (Spanish, Portuguese, German, French, Italian).
_TITLE_KEYS = ("title", "page_title", "page title", "título", "titulo", "titel", "titre", "titolo")
_PUBLISHED_KEYS = ("published time", "published", "date_published", "date", "publicado")
_PUBLISHED_KEYS += ("veröffentlicht", "publié", "pubblicato")
_SOURCE_KEYS = ("source", "link", "origin", "fuente", "fonte", "quelle", "lien", "enlace")
_SOURCE_KEYS += ("origen", "origem", "origine")


def _hints_from_fields(fields: dict[str, str]) -> Hints:
    return Hints(
        title=next((fields[k] for k in _TITLE_KEYS if fields.get(k)), None),
        url=_page_address(fields),
        published=iso_date(next((fields[k] for k in _PUBLISHED_KEYS if fields.get(k)), None)),
        updated=fields.get("updated"),
    )


def _page_address(fields: dict[str, str]) -> str | None:
    """The page's address among the fields: a Semafor article's first, wherever it is (a
    read-later app's ``url:`` names its own copy, its ``original_url:`` the page)."""
    candidates = [fields.get("url source"), fields.get("url"), _web_address(fields)]
    candidates = [c for c in candidates if c]
    return next(
        (c for c in candidates if is_semafor_article(c)), candidates[0] if candidates else None
    )


def _web_address(fields: dict[str, str]) -> str | None:
    """A clipper's ``source:`` or ``link:`` (the page's address in Obsidian's and other clippers'
    templates), when it is one: the same keys also hold names ("source: Semafor")."""
    found = [
        value  # "page_url:", "original_url:", "url_original:", "source_link:" too
        for key, value in fields.items()
        if (key in _SOURCE_KEYS or key.endswith(("url", "link")) or "url_" in key)
        and not key.startswith("feed")  # a feed reader's "feed_url:" is the feed's, not the page's
        and re.match(r"https?://\S+$", value, re.I)
    ]
    # A read-later app names its own copy too ("url_omnivore:"): the Semafor article first.
    return next((v for v in found if is_semafor_article(v)), found[0] if found else None)


def split_front_matter(text: str) -> tuple[str, Hints]:
    """Strip a leading ``---`` block of ``key: value`` lines (title, url, published)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, Hints()
    fields: dict[str, str] = {}
    block = None  # a key whose value follows on indented lines ("url_original: >")
    for line in match["body"].splitlines():
        if block and line[:1] in (" ", "\t"):
            fields[block] = f"{fields[block]} {line.strip()}".strip()
            continue
        field = _FRONT_MATTER_FIELD.match(line.strip())
        block = None
        if field:
            key, value = field["key"].lower(), field["value"].strip().strip("\"'")
            block = key if value in _YAML_BLOCK else None
            fields[key] = "" if block else value
    return text[match.end() :], _hints_from_fields(fields)


_YAML_BLOCK = (">", "|", ">-", "|-")

# A note app's own fields after the note (Joplin's raw export: "id: <32 hex digits>", then
# "parent_id:", "created_time:", "source_url: …" … to the end of the file).
_TRAILING_METADATA = re.compile(r"\n[ \t]*\nid: [0-9a-f]{32}\n(?P<body>(?:[a-z_]+:[^\n]*\n?)+)\Z")


def split_trailing_metadata(text: str) -> tuple[str, Hints]:
    """Strip a note app's fields after the note; the page's address among them is a hint (its
    dates are the note's, not the page's)."""
    match = _TRAILING_METADATA.search(text, max(0, len(text) - 5000))
    if not match:
        return text, Hints()
    fields = {}
    for line in match["body"].splitlines():
        if field := _FRONT_MATTER_FIELD.match(line.strip()):
            fields[field["key"].lower()] = field["value"].strip()
    return text[: match.start()], Hints(url=_web_address(fields))


_READER_HEAD = re.compile(r"^title:[^\n]*\n(?:[ \t]*\n)*url source:", re.I)


def _is_reader_markdown(text: str) -> bool:
    """Whether a text opens with a reader service's header ("Title: …" / "URL Source: …") and
    holds its "Markdown Content:" mark: Markdown, whatever the file's extension says."""
    head = text[:5000]
    return bool(_READER_HEAD.match(head.lstrip())) and "arkdown Content:" in head


# MediaWiki's source text, as a team wiki's page keeps a copy: "== Heading ==", bold in three
# quotes, "[[Page|label]]", "[https://… label]", "{{Template | field = value}}". Every repeat is
# bounded, so a hostile text costs time in proportion to its length.
_WIKI_TEMPLATE = re.compile(r"\{\{[^{}]{0,5000}\}\}")
_WIKI_FILE = re.compile(r"\[\[(?:File|Image|Category):[^\]\n]{0,500}\]\]", re.I)
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|\n]{0,200}\|)?(?P<label>[^\]\n]{0,200})\]\]")
_WIKI_WEB_LINK = re.compile(
    r"\[(?P<url>https?://[^\s\]]{1,500})(?:[ \t]+(?P<label>[^\]\n]{0,200}))?\]"
)
_WIKI_MARKUP = re.compile(
    r"'{2,3}|<!--[^\n]{0,500}?-->|<ref[^>\n]{0,200}/>|<ref[^>\n]{0,200}>[^\n]{0,1000}?</ref>"
    r"|<references\s{0,5}/>|__[A-Z]{1,20}__"
)
_WIKI_LIST_MARK = re.compile(r"^[;:*#]{1,5}[ \t]*", re.M)


def _wiki_heading(line: str) -> str | None:
    """The text of a heading line ("=== The News ==="), else None."""
    line = line.strip()
    if len(line) < 5 or line[:2] != "==" or line[-2:] != "==":
        return None
    return line.strip("=").strip() or None


def is_wikitext(text: str) -> bool:
    """Whether a text is MediaWiki's source: headings in equals signs, and its bold or links."""
    head = text[:20000]
    headings = sum(1 for line in head.split("\n") if line[:2] == "==" and _wiki_heading(line))
    return headings >= 2 and ("'''" in head or "[[" in head)


# Confluence's and Jira's wiki markup: "h2. Heading", block macros around a pasted page
# ("{noformat}" … "{noformat}", "{panel:title=…}" … "{panel}"), inline ones ("{color:#97a0af}",
# "{toc}"), images ("!photo.jpg|thumbnail!"), links ("[Semafor Signals|https://…]", "[~user]").
_CONFLUENCE_HEADING = re.compile(r"^h[1-6]\.\s+", re.M)
_HEADING_MARK = re.compile(r"h[1-6]\.")
_CONFLUENCE_BLOCK = re.compile(
    r"^\{(?P<name>noformat|panel|code|quote|info|note|tip|warning|expand)(?P<params>[:}][^\n]*)?$"
)
_CONFLUENCE_MACRO = re.compile(r"\{[a-z]+(?::[^{}\n]*)?\}")
_CONFLUENCE_IMAGE = re.compile(r"![^!\s][^!\n]*?\.(?:png|jpe?g|gif|svg|webp)(?:\|[^!\n]*)?!", re.I)
_CONFLUENCE_LINK = re.compile(r"\[(?:(?P<label>[^\[\]|\n]+)\|)?(?P<target>[^\[\]|\n]+)\]")
CONFLUENCE_MIN_HEADINGS = 2


def is_confluence_markup(text: str) -> bool:
    """Whether a text is Confluence's or Jira's wiki markup: two "h1." to "h6." headings."""
    head = text[:20000]
    # (A page with no "h1." to "h6." is passed over by the unanchored search, which skips from
    # one "h" to the next; the anchored pattern is tried at every line's start of the head.)
    return bool(_HEADING_MARK.search(head)) and (
        len(_CONFLUENCE_HEADING.findall(head)) >= CONFLUENCE_MIN_HEADINGS
    )


def confluence_markup_to_text(text: str) -> str:
    """The wiki markup as the page reads, and where a block that holds the pasted page closes,
    the page's end (what follows is the wiki page's: its tasks, comments and change log)."""
    lines, opened = [], None  # the open block's name, and whether it holds the page
    for line in text.split("\n"):
        if block := _CONFLUENCE_BLOCK.match(line.strip()):
            name, closing = block["name"], not block["params"] or block["params"] == "}"
            if opened and opened[0] == name and closing:
                if opened[1]:
                    lines.append(QUOTED_PAGE_END)
                opened = None
            elif opened is None:
                opened = (name, False)
            continue
        if opened and "SIGNALS" in line:
            opened = (opened[0], True)
        if opened and opened[0] in ("noformat", "code"):
            lines.append(line)  # shown as it is written
            continue
        line = _CONFLUENCE_HEADING.sub("", line)
        line = _CONFLUENCE_IMAGE.sub("", _CONFLUENCE_MACRO.sub("", line))
        lines.append(_CONFLUENCE_LINK.sub(_confluence_link, line).strip())
    return "\n".join(lines)


def _confluence_link(found: re.Match[str]) -> str:
    """A link as its label, and its address if it is a web page's ("Semafor Signals <https://…>",
    which may be the pasted page's address)."""
    label, target = found["label"], found["target"].strip()
    if target.startswith(("http://", "https://")):
        return f"{label} <{target}>" if label else target
    return label or target.lstrip("~")


def wikitext_to_text(text: str) -> str:
    """MediaWiki's source as the page reads: templates, files, references and comments out,
    links as their labels, headings and list items as plain lines."""
    for _ in range(3):  # templates nest
        text = _WIKI_TEMPLATE.sub("", text)
    text = _WIKI_FILE.sub("", text)
    text = _WIKI_LINK.sub(lambda found: found["label"], text)
    text = _WIKI_WEB_LINK.sub(lambda found: found["label"] or found["url"], text)
    text = _WIKI_MARKUP.sub("", text)
    lines = [_wiki_heading(line) or line if line[:2] == "==" else line for line in text.split("\n")]
    return _WIKI_LIST_MARK.sub("", "\n".join(lines))


def split_reader_header(text: str) -> tuple[str, Hints]:
    """Strip the ``Title: / URL Source: / Published Time: / Markdown Content:`` block."""
    marker = re.search(r"^markdown content:\s*$", text[:5000], re.M | re.I)
    if not marker:
        return text, Hints()
    fields = {}
    for line in text[: marker.start()].splitlines():
        field = _HEADER_FIELD.match(line.strip())
        if field:
            fields[field["key"].lower()] = field["value"].strip()
    return text[marker.end() :], _hints_from_fields(fields)


# --- Markdown --------------------------------------------------------------------------------

# Link text stops at the next bracket and a target at the next parenthesis (one nested pair is
# allowed, as in Wikipedia URLs): each attempt then scans only to the next opener, so a line of
# 80 KB of "![" or "[x](" is read once instead of once per opener (which took minutes).
_MD_TARGET = r"\((?:[^()\n]|\([^()\n]*\))*\)"
_MD_IMAGE = re.compile(r"!\[(?P<alt>[^\[\]\n]*)\]" + _MD_TARGET)
_MD_IMAGE_LINE = re.compile(r"^[ \t]*!\[(?P<alt>[^\[\]\n]*)\]" + _MD_TARGET + r"[ \t]*$", re.M)
_MD_WEB_LINK = re.compile(r"(?<!!)\[(?P<text>[^\[\]\n]+)\]\(https?://[^()\s]*\)")
_MD_LINKED_IMAGE = re.compile(r"\[!\[(?P<alt>[^\[\]\n]*)\]" + _MD_TARGET + r"\]" + _MD_TARGET)
_MD_LINK = re.compile(r"\[(?P<text>[^\[\]\n]*)\]" + _MD_TARGET)
# A link card: a link around a thumbnail and the card's text ("[![Image 2](…) semafor.com Mexico
# agrees to… Semafor Signals: …](https://www.semafor.com/article/…)"): its text.
_MD_CARD_LINK = re.compile(
    r"\[!\[[^\[\]\n]*\]" + _MD_TARGET + r"[ \t]*(?P<text>[^\[\]\n]+)\]" + _MD_TARGET
)
# Reference-style links, "[Dawn][1]" or "[Dawn][]", and their definitions "[1]: https://…".
_MD_FENCE = re.compile(r"^\s*:{3,}")  # pandoc's fenced divs
_MD_SPAN = re.compile(r"\[(?P<text>[^\[\]\n]*)\]\{[#.][^{}\n]{0,80}\}")
# (A heading's identifier is made of its words: as long as a headline.)
_MD_ATTRIBUTES = re.compile(r"\s*\{[#.][^{}\n]{0,300}\}")
_MD_IMAGE_SIZE = re.compile(
    r'(?<=\))\{(?:width|height)="[^"\n]{0,40}"(?:\s+(?:width|height)="[^"\n]{0,40}")?\}'
)
_MD_BLOCK_ATTRIBUTES = re.compile(r"[>\s]*\{:[^{}\n]*\}\s*$")  # (quoted too: "> {: id=…}")
_MD_REF_IMAGE = re.compile(r"!\[(?P<alt>[^\[\]\n]*)\]\[[^\[\]\n]{0,40}\]")
_MD_REF_LINK = re.compile(r"\[(?P<text>[^\[\]\n]*)\]\[[^\[\]\n]{0,40}\]")
_MD_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\[\]\n]{1,40}\]:\s*\S+")
# Reader tools number image alt texts: "Image 5: Source icon" is the "Source icon"; an image
# without one is "Image 1" alone, which says nothing.
_MD_IMAGE_NUMBER = re.compile(r"^Image \d+(?::\s*|$)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?P<t>.+?)\1")
# Italics, "_Semafor Signals: …_" or "*…*": the marks open before a word and close after one,
# so snake_case names and "2 * 3 * 4" stay as they are. A span is at most 500 characters: an
# opener without a closer then costs 500 steps, not the rest of the line (quadratic on a line of
# 80 KB of "_a ").
_MD_ITALIC = re.compile(r"(?<![\w*\\])([*_])(?=[^\s*_])(?P<t>[^\n]{0,500}?[^\s\\*_])\1(?![\w*])")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_MD_CLOSING_HASHES = re.compile(r"\s+#+\s*$")  # "## Title ##": an ATX heading may close
_MD_UNDERLINE = re.compile(r"^\s*(=+|-{2,})\s*$")
_MD_LIST = re.compile(r"^\s*(?:[*+-]|\d+\.)\s+")
_NUMBERED_HEADING = re.compile(r"^#{1,6}\s+(?:\*\*|__)?\d{1,2}\\?\.\s")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")


def _alt_line(match: re.Match[str]) -> str:
    """An image as its alt text on a line of its own: icons' and logos' words ("Source icon",
    "Arrow Down", "Microsoft logo") mark the page's parts. A photo's description (three words
    or more: "Lawmakers in Lomé") is not the page's text, and near the label it would pass for a
    headline."""
    alt = _MD_IMAGE_NUMBER.sub("", match["alt"])
    if "%20" in alt:
        alt = unquote(alt)  # a note app's export writes the alt text as an address: "Source%20icon"
    words = alt.split()
    marks_part = words and words[-1].lower() in ("logo", "icon")
    if not words or (not marks_part and (len(words) > 2 or _is_photo(match))):
        return "\n"
    return "\n" + alt + "\n"


# A photograph's file (icons are SVG or PNG): its alt text of two words is a name, not a mark of
# the page's parts ("![Image 2: Oleksii Reznikov](…/reznikov-kyiv.jpg)").
_PHOTO_FILE = re.compile(r"\.(?:jpe?g|webp|avif)(?=[?#)\s\"])", re.I)


def _is_photo(match: re.Match[str]) -> bool:
    return _PHOTO_FILE.search(match.string, match.end("alt"), match.end()) is not None


_HASHTAG_TAGS = re.compile(r"^#[^\s#]+(?:\s+#[^\s#]+)+\s*$")
_MD_RULE_LINE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_BARE_ADDRESS = re.compile(r"^<?https?://\S+>?$")


# A read-later app's export names the article's own page: "[Read Original](https://…)".
_READ_ORIGINAL = re.compile(r"^\[Read Original\]\(https?://", re.I)


def _without_note_heading(markdown: str) -> tuple[str, str | None]:
    """A note's own title (its "# " heading), its tags as hashtags and a rule above the page
    (Bear): the page below, and the address noted among them. Any other text as it is. Also
    the heading, where it is the article's headline: a read-later app's export (Omnivore) titles
    its note with it, over the "Read Original" link (the title, should the copy start below its
    headline); a note-taker's own title is not the story's."""
    lines = markdown.split("\n", 12)
    for at, line in enumerate(lines[:12]):
        if _MD_RULE_LINE.match(line):
            above = [x.strip() for x in lines[:at] if x.strip()]
            if any(_HASHTAG_TAGS.match(x) for x in above):
                kept = [x for x in above if _BARE_ADDRESS.match(x)]
                exported = above[0][:2] == "# " and any(_READ_ORIGINAL.match(x) for x in above)
                title = above[0][2:].strip() if exported else None
                return "\n\n".join([*kept, "\n".join(lines[at + 1 :])]), title
            return markdown, None
    return markdown, None


def markdown_to_text(text: str) -> tuple[str, Hints]:
    """Plain lines from reader-tool Markdown; image links become their alt text on a line."""
    text, hints = split_reader_header(text)
    if (
        hints.title is None
        and "xcerpt" in text[:2000]
        and (clip := _CLIP_TITLE.search(text[:2000]))
    ):
        hints.title = clip["title"]  # MarkDownload's heading over its excerpt: the page's title
    if text[:2] == "# " and "\n#" in text[:600]:
        text, exported_title = _without_note_heading(text)
        hints.title = hints.title or exported_title
    if "|" in text and "---" in text:
        text = markdown_tables_as_lines(text)  # the signals set out in a table (Notion)
    if '{width="' in text or '{height="' in text:
        # pandoc's size of an image from a Word file, often wrapped onto the next line.
        text = _MD_IMAGE_SIZE.sub("", text)
    if "](" in text and "[" in text:
        # A converter that wraps lines may break a link's text ("[Associated\nPress](…)").
        text = _WRAPPED_LINK_TEXT.sub(r"[\g<first> \g<rest>](", text)
    lines = []
    names_follow = False  # after an empty "Sources:" label, whose names may be a list
    callout = False  # a reader's own note ("> [!note] My notes") in a clipped page
    quoted_page = False  # the page's SIGNALS were quoted: where the quote ends, the page ends
    all_lines = text.splitlines()
    outline = _is_outline(all_lines)
    last_text, in_list, facts_list = "", False, False
    for at, line in enumerate(all_lines):
        budget.check()
        quoted = line[:1] == ">"
        if quoted and not quoted_page and "SIGNALS" in line:
            quoted_page = True
        elif quoted_page and line.strip() and not quoted:
            lines.append(QUOTED_PAGE_END)  # a reading list's next items below the quoted page
            quoted_page = False
        if quoted or callout:
            # MarkDownload's "> ## Excerpt" quotes the page's description: not the story's text.
            opens = line.startswith("> [!") or _MD_EXCERPT.match(line) is not None
            if opens and line.startswith("> [!") and _callout_holds_the_page(all_lines, at + 1):
                continue  # "> [!quote] Semafor — …": the callout's title; the page follows
            callout = opens or (callout and quoted)
            if callout:
                continue
        if _is_markup_only(line) or "[⤴" in line:  # (Omnivore's highlight, linked back with ⤴️)
            continue
        if "{" in line:  # pandoc's attributes: "Title {#id}", "[Sources:]{.label}", "Name{.x}"
            line = _MD_SPAN.sub(lambda m: m["text"], line)
            line = _MD_ATTRIBUTES.sub("", line)
        line = line.lstrip("> ") if quoted else line
        # A numbered heading keeps its number ("## 2. Guatemala": a memo's next section).
        numbered_heading = line[:1] == "#" and _NUMBERED_HEADING.match(line)
        if line.strip():
            # A bulleted list right under a paragraph: facts in a signal's body (not an
            # outliner's export, every block a list item, nor a list under a heading).
            item = _MD_LIST.match(line) is not None
            if item and not in_list:
                facts_list = not outline and line[:1] in "*+-" and _is_paragraph_line(last_text)
            in_list, facts_list, last_text = item, facts_list and item, line
        line = _plain_markdown_line(line)
        listed = line.lstrip()[:1] in _LIST_MARKS and _MD_LIST.match(line) and not numbered_heading
        if names_follow and listed:
            line = "• " + _MD_LIST.sub("", line)  # a name of the list: the parser reads bullets
        elif listed and facts_list:
            # A list of facts in a signal's body keeps its bullets, as in a text copy: a short
            # item is no headline.
            line = "• " + _MD_LIST.sub("", line)
        else:
            names_follow = names_follow and not line.strip()
            line = _MD_LIST.sub("", line) if listed else line
            if listed and line[:1] == "#":  # an outliner's "- ## Heading" (Logseq)
                line = _MD_CLOSING_HASHES.sub("", _MD_HEADING.sub("", line))
        if len(line) < 20 and _EMPTY_SOURCE_LABEL.match(line):
            names_follow = True
        lines.append(line)
    return "\n".join(lines), hints


def _is_paragraph_line(line: str) -> bool:
    """A line of prose as Markdown writes it: long, no heading, no list item, no field."""
    return len(line) >= 60 and line[:1] not in "#*+->|![" and not _MD_LIST.match(line)


def _is_outline(lines: list[str]) -> bool:
    """Whether a third of the text's lines or more are list items: an outliner's export
    (Logseq, Roam, Workflowy), where the page's headlines and paragraphs are items too."""
    text_lines = [line for line in lines if line.strip()]
    items = sum(1 for line in text_lines if _MD_LIST.match(line))
    return items * 3 >= len(text_lines)


_WRAPPED_LINK_TEXT = re.compile(r"\[(?P<first>[^\[\]\n]+?)[ \t]*\n[ \t]*(?P<rest>[^\[\]\n]+)\]\(")

CALLOUT_LOOKAHEAD = 60  # a page's News heading stands within its first lines


def _callout_holds_the_page(lines: list[str], start: int) -> bool:
    """Whether the callout whose lines start here quotes the page itself (its News or its
    SIGNALS heading among them) rather than holding the reader's own note. (Looked for in the
    next CALLOUT_LOOKAHEAD lines only: a file of callouts is read in linear time.)"""
    for line in itertools.islice(lines, start, start + CALLOUT_LOOKAHEAD):
        if line[:1] != ">":
            return False
        if _MD_HEADING.sub("", line.lstrip("> ")).strip() in ("SIGNALS", "The News"):
            return True
    return False


_MD_EXCERPT = re.compile(r"^>\s*#{1,6}\s*excerpt\s*$", re.I)
# MarkDownload's clip: the page's title as its heading, then the page's description quoted as
# its "Excerpt".
_CLIP_TITLE = re.compile(
    r"^# (?P<title>[^\n]{10,300})\n\s*\n?>\s*#{1,6}\s*excerpt\s*$", re.I | re.M
)
_LIST_MARKS = frozenset("*+-0123456789")


# A note's tags on a line of their own ("#Omnivore", "#RSS #Mexico"): a heading needs a space
# after its marks, a tag has none.
_MD_TAGS = re.compile(r"^\s*#[^\s#]+(?:\s+#[^\s#]+)*\s*$")


# A line of nothing but HTML tags, which Markdown lets through ('<DIV id="readability-page-1">').
_MD_HTML_ONLY = re.compile(r"^\s*(?:</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>\s*)+$")


_MD_PAGE_BREAK = re.compile(r"^\{\d{1,4}\}-{10,}\s*$")  # a PDF converter's page mark (marker)


def _is_markup_only(line: str) -> bool:
    """A setext underline, a reference definition, a pandoc fence, a line of tags or of HTML
    tags: no text of the page."""
    return (
        (line.lstrip()[:1] in ("=", "-") and _MD_UNDERLINE.match(line) is not None)
        or (line[:1] == "{" and _MD_PAGE_BREAK.match(line) is not None)
        or (line.lstrip()[:1] == "<" and _MD_HTML_ONLY.match(line) is not None)
        or (line.lstrip()[:1] == "#" and _MD_TAGS.match(line) is not None)
        or ("]:" in line and _MD_REF_DEFINITION.match(line) is not None)
        or (":::" in line and _MD_FENCE.match(line) is not None)
        # Kramdown's attribute list on a line of its own, below each block (SiYuan's export):
        # '{: id="20241026091524-w1n0e3a" updated="20241026091524"}'.
        or (line.lstrip("> ")[:2] == "{:" and _MD_BLOCK_ATTRIBUTES.match(line) is not None)
    )


_EMPTY_SOURCE_LABEL = re.compile(r"^\s*sources?\s*:?\s*$", re.I)


def _plain_markdown_line(line: str) -> str:
    """One line without its Markdown: images as their alt text on a line of their own, links as
    their text, emphasis and heading marks dropped (list marks are left to the caller)."""
    if "![" in line:  # an image, or a linked image (a logo linking home), is its alt text
        if "[![" in line:
            line = _MD_CARD_LINK.sub(_link_text, line)
        line = _MD_LINKED_IMAGE.sub(_alt_line, line)
        line = _MD_IMAGE.sub(_alt_line, line)
        if "][" in line:
            line = _MD_REF_IMAGE.sub(_alt_line, line)
    # Each pattern only on lines holding its marks: most lines hold none, and a scan per
    # pattern over every paragraph was a tenth of the time spent on a Markdown page.
    if "](" in line:
        line = _MD_LINK.sub(_link_text, line)
    if "][" in line:
        line = _MD_REF_LINK.sub(_link_text, line)
    if "[[" in line and line.lstrip("*_ ").lower().startswith(("source", "resource")):
        # A note app's link to a note of the outlet's: "Source: [[Miami Herald]]". (Its links
        # elsewhere, "Related: [[Sahel coups timeline]]", are the note's own and stay marked.)
        line = _WIKI_LINK.sub(r"\g<label>", line)
    if "**" in line or "__" in line:
        line = _MD_EMPHASIS.sub(_emphasised, line)
    if line.lstrip()[:1] == "#":
        heading = _MD_HEADING.sub("", line)
        line = _MD_CLOSING_HASHES.sub("", heading) if heading != line else line
    if "_" in line or "*" in line:
        line = _MD_ITALIC.sub(_emphasised, line)
    if "\\" in line:
        if line[:1] == "\\" and (section := _LATEX_SECTION.match(line)):
            line = section["title"]  # a PDF converter's heading in LaTeX (Mathpix)
        line = _MD_ESCAPE.sub(r"\1", _LATEX_ESCAPE.sub(r"\1", line))
    return line


# A PDF converter's LaTeX in its Markdown: "\section*{The News}", "\%", "\$".
_LATEX_SECTION = re.compile(r"^\\(?:sub){0,2}section\*?\{(?P<title>[^{}]*)\}\s*$")
_LATEX_ESCAPE = re.compile(r"\\([%$&])")


def _link_text(match: re.Match[str]) -> str:
    return match["text"]


def _emphasised(match: re.Match[str]) -> str:
    return match["t"]


# --- HTML ------------------------------------------------------------------------------------

_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "svg",
    "template",
    "iframe",
    "form",
    "button",
    "nav",
    "footer",
    "select",
    "head",
    "img",
    "picture",
    "video",
    "audio",
    "canvas",
}
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "pre",
    "hr",
    "address",
    "time",
    "body",
    "html",
}
_SPACES = re.compile(r"\s+")
_ITEM_TAGS = {"li", "dd"}


_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _is_hidden(node: Any) -> bool:
    """An element a browser does not show: ``hidden``, ``aria-hidden``, ``display: none``."""
    attributes = node.attributes
    if not attributes:
        return False
    style = attributes.get("style") or ""
    hidden_by_style = ("none" in style or "hidden" in style) and bool(_DISPLAY_NONE.search(style))
    return "hidden" in attributes or attributes.get("aria-hidden") == "true" or hidden_by_style


# Written where a quoted Signals page ends: what follows is the quoting page's (the parser ends
# the story there).
QUOTED_PAGE_END = "\n[end of quoted page]\n"


def _holds_a_page(form: Any) -> bool:
    """A form around a whole page's text (a forum's post, kept in its edit form: old.reddit's
    "usertext"), not a sign-up box: it holds the Signals section."""
    return "SIGNALS" in form.text(deep=True)


_PRESERVES_LINES = re.compile(r"white-space\s*:\s*(?:pre|break-spaces)", re.I)
_HORIZONTAL_SPACES = re.compile(r"[^\S\n]+")


def _keeps_line_breaks(node: Any, classes: frozenset[str] = frozenset()) -> bool:
    """An element whose text keeps its line breaks on screen: ``<pre>``, or styled
    ``white-space: pre-wrap`` by attribute, by a utility class ("whitespace-pre-wrap") or by a
    class the page's style sheet gives it (``classes``), as a chat's message holding a pasted
    page is (a chat assistant's shared conversation, a messages app's export)."""
    if node.tag in ("pre", "textarea"):
        return True
    attributes = node.attributes
    if not attributes:
        return False
    names = attributes.get("class") or ""
    return (
        "whitespace-pre" in names
        or bool(_PRESERVES_LINES.search(attributes.get("style") or ""))
        or (bool(classes) and not classes.isdisjoint(names.split()))
    )


# A style sheet's rule keeping a class's line breaks: ".bubble { white-space: pre-wrap; }".
_CLASS_KEEPING_LINES = re.compile(
    r"\.(?P<name>[\w-]{1,60})\s*\{[^{}]{0,500}?white-space\s*:\s*(?:pre|break-spaces)", re.I
)


def _classes_keeping_line_breaks(html: str) -> frozenset[str]:
    """The classes the page's style sheets style to keep their line breaks."""
    if "white-space" not in html:
        return frozenset()
    return frozenset(found["name"] for found in _CLASS_KEEPING_LINES.finditer(html))


def _may_keep_line_breaks(html: str) -> bool:
    """Whether any element of the page may keep its line breaks (see ``_keeps_line_breaks``):
    most pages have none, and the walk then looks at no element's attributes for them."""
    return any(mark in html for mark in ("<pre", "whitespace-pre", "white-space", "<textarea"))


def _walk(
    root: Any,
    out: list[str],
    keeps_line_breaks: bool = True,
    classes: frozenset[str] = frozenset(),
) -> None:
    """Append the text under ``root``, a line break around each block element (and every line
    break inside an element that keeps them, unless ``keeps_line_breaks`` says none does).

    Iterative (a stack of child iterators), because saved pages can nest thousands of elements
    deep and a recursive walk then fails with RecursionError instead of reading the page."""
    append = out.append
    stack = [root.iter(include_text=True)]
    blocks = [False]
    preformatted = 0  # how many of the open elements keep their text's line breaks
    kept = [False]
    while stack:
        for child in stack[-1]:
            tag = child.tag
            if tag == "-text":
                text = child.text_content or ""
                if text.isprintable() and "  " not in text:
                    append(text)  # no space to fold (every other one is unprintable): most text
                else:
                    spaces = _HORIZONTAL_SPACES if preformatted else _SPACES
                    append(spaces.sub(" ", text))
            elif tag == "br":
                append("\n")
            elif (tag in _SKIP_TAGS and not (tag == "form" and _holds_a_page(child))) or (
                tag[0] == "-"
            ):
                continue
            else:
                # Descend: the loop resumes this level's iterator when the child is done.
                budget.check()
                block = tag in _BLOCK_TAGS
                if block and _is_hidden(child):
                    continue  # a placeholder the page keeps hidden ("Loading signal…")
                if block:
                    # A list item keeps a bullet: names listed under "Sources:" are read as such.
                    append("\n• " if tag in _ITEM_TAGS else "\n")
                stack.append(child.iter(include_text=True))
                if tag == "blockquote" and "SIGNALS" in child.text(deep=True):
                    block = QUOTED_PAGE_END  # a page quoted whole by another (a digest, a blog)
                blocks.append(block)
                if keeps_line_breaks:
                    keeps = _keeps_line_breaks(child, classes)
                    kept.append(keeps)
                    preformatted += keeps
                break
        else:
            stack.pop()
            if keeps_line_breaks:
                preformatted -= kept.pop()
            if ended := blocks.pop():
                append(ended if isinstance(ended, str) else "\n")


def _json_ld_articles(tree: HTMLParser) -> list[dict]:
    articles: list[dict] = []
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text() or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(k in {"NewsArticle", "Article", "ReportageNewsArticle"} for k in kinds):
                articles.append(item)
    return articles


def _meta(tree: HTMLParser, *names: str) -> str | None:
    for name in names:
        node = tree.css_first(f'meta[property="{name}"]') or tree.css_first(f'meta[name="{name}"]')
        if node and node.attributes.get("content"):
            return node.attributes["content"].strip()
    return None


# What a link to the page itself reads where a copy keeps it: a reader view's domain, a
# re-poster's "Source: Semafor", a reading app's "Read original".
_SELF_LINK_TEXTS = frozenset(
    {"semafor.com", "semafor", "read original", "original article", "view original"}
    | {"read on semafor", "read on semafor.com", "read the original"}
    | {"semafor signals"}  # a wiki's clipping box: "Source: Semafor Signals", linked
)


def _domain_link(tree: HTMLParser) -> str | None:
    """The page's address as copies without metadata keep it: a link to the article reading
    "semafor.com" (Firefox's Reader View, reading services) or "Semafor" (a re-post's credit),
    or the headline itself linked to it (a page shared by e-mail from a phone). Other links to
    Semafor articles are related stories, never the page's own."""
    for link in tree.css("a[href]"):
        href = link.attributes.get("href") or ""
        text = link.text(strip=True).lower().removeprefix("www.")
        if text in _SELF_LINK_TEXTS and "/article/" in href and is_semafor_article(href):
            return href
    for link in tree.css("a[href]"):
        # A note's link card to the page, titled as a browser's tab ("Headline | Semafor"):
        # Google Keep's web link, a share sheet's preview.
        href = link.attributes.get("href") or ""
        if "/article/" in href and "| Semafor" in link.text() and is_semafor_article(href):
            return href
        # Google Keep's export (Takeout) keeps the note's web link whatever its title reads.
        if "annotation-link" in (link.attributes.get("class") or "") and is_semafor_article(href):
            return href
    for link in tree.css("h1 a[href]"):
        href = link.attributes.get("href") or ""
        if "/article/" in href and is_semafor_article(href):
            return href
    return None


def _related_link(tree: HTMLParser) -> str | None:
    """The first link of a Keep note's "Related links" (the page shared to it), if any."""
    link = tree.css_first(".annotations .annotation a")
    return link.attributes.get("href") if link else None


def html_hints(tree: HTMLParser) -> Hints:
    """Title, URL and dates from JSON-LD, Open Graph and article meta tags, the canonical link."""
    article = next(iter(_json_ld_articles(tree)), {})
    canonical = tree.css_first('link[rel="canonical"]')
    addresses = [
        article.get("url"),
        _meta(tree, "og:url"),
        canonical.attributes.get("href") if canonical else None,
        _meta(tree, "source-url"),  # Evernote's export of a clipped page
        _related_link(tree),  # Google Keep's export of a note the page was shared to
    ]
    addresses = [a for a in addresses if a and isinstance(a, str)]
    # A partner's copy names itself in og:url and Semafor's page as canonical: the story is
    # Semafor's, whichever comes first. A reader view keeps only a "semafor.com" link.
    url = (
        next((a for a in addresses if is_semafor_article(a)), None)
        or _domain_link(tree)
        or (addresses[0] if addresses else None)
    )
    title = article.get("headline") or _meta(tree, "og:title", "twitter:title")
    if not title and tree.css_first("title"):
        title = tree.css_first("title").text(strip=True)
    published = article.get("datePublished") or _meta(tree, "article:published_time")
    updated = article.get("dateModified") or _meta(tree, "article:modified_time")
    return Hints(
        title=title or None,
        url=url,
        published=iso_date(published) if isinstance(published, str) else None,
        updated=updated if isinstance(updated, str) else None,
    )


# The HTML engine slows down with the square of the nesting depth (0.4 s at 20,000 levels, 14 s
# at 100,000); real pages nest a few dozen levels. Deeper input is rejected before it is parsed.
MAX_HTML_DEPTH = 5_000
_CHECK_DEPTH_FROM = 100_000  # bytes: shallower than this, the depth cannot cost much
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(/?)>")
# Elements that never hold others (void) or that the parser closes by itself when a sibling
# starts: they do not add to the depth however they are written.
_FLAT_TAGS = {
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"source",
    b"track",
    b"wbr",
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"tr",
    b"td",
    b"th",
    b"option",
    b"thead",
    b"tbody",
    b"tfoot",
    b"rt",
    b"rp",
    b"optgroup",
    b"colgroup",
    b"caption",
}


def nesting_depth(html: str) -> int:
    """How deep the elements of a document nest, estimated from its tags in one pass."""
    depth = deepest = 0
    for match in _TAG.finditer(html.encode("utf-8", "surrogatepass")):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _FLAT_TAGS:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _story_root(tree: HTMLParser) -> Any:
    """Where the story is: its ``<article>``, unless the page has several (each signal, or each
    teaser, in its own) and the story's ``SIGNALS`` is not inside one of them; then ``<main>``
    or the body."""
    articles = tree.css("article")
    if len(articles) > 1:
        holding = [a for a in articles if "SIGNALS" in a.text(deep=True)]
        articles = holding[:1] if len(holding) == 1 else []
    elif articles and "SIGNALS" not in articles[0].text(deep=True):
        # One article, and the story outside it: a post's page whose replies are each an
        # <article> (Mastodon's), the post itself not.
        body = tree.body
        if body is not None and "SIGNALS" in body.text(deep=True):
            articles = []
    if articles:
        return _with_headline_above(articles[0])
    return tree.css_first("main") or tree.body or tree.root


def _with_headline_above(article: Any) -> Any:
    """The article, or what holds it with the headline a reading app sets in a header just
    above it (Pocket's, Instapaper's saved page: ``<header><h1>…</h1></header><article>``)."""
    if article.css_first("h1") is not None:
        return article
    parent = article.parent
    if parent is None or parent.tag in ("body", "html") or parent.css_first("h1") is None:
        return article
    return parent


# A saving tool's note at the top of a saved page: SingleFile's "<!-- Page saved with
# SingleFile url: https://… saved date: … -->", a browser's "<!-- saved from
# url=(0071)https://… -->", any other's "<!-- Clipped from https://www.semafor.com/article/…
# on … -->" (from an unknown tool's note, only a Semafor article's address is taken).
_SAVED_PAGE_ADDRESS = re.compile(
    r"<!--\s*(?:Page saved with SingleFile\s+url:\s*|saved from url=\(\d+\))"
    r"(?P<url>https?://[^\s<>\"']+)"
    r"|<!--(?:(?!-->)[^<>]){0,120}?(?P<article>https?://(?:www\.)?semafor\.com/article/[^\s<>\"']+)",
    re.I,
)


def _join_continued_messages(tree: HTMLParser) -> None:
    """A chat export (Telegram Desktop's) whose page was posted in several messages: a message
    that continues the one before it ("joined") loses its time, so that the page reads on
    instead of ending at the next message's time, and every post its author's signature."""
    for node in tree.css(
        "div.message.joined div.date.details, div.message div.signature.details,"
        # A forwarded post continued: the channel's name and time again above each part, and
        # the reactions under the part before it ("👀 3").
        " div.message.joined div.forwarded div.from_name, div.message span.reactions"
    ):
        node.decompose()


def html_to_text(html: str) -> tuple[str, Hints]:
    """Visible article text, one block per line, with scripts, styles and navigation removed."""
    if len(html) > _CHECK_DEPTH_FROM and (depth := nesting_depth(html)) > MAX_HTML_DEPTH:
        raise ParseError(
            f"the HTML nests {depth:,} elements deep (a saved page nests a few dozen; more "
            f"than {MAX_HTML_DEPTH:,} is not read)"
        )
    tree = HTMLParser(html)
    hints = html_hints(tree)
    if not is_semafor_article(hints.url) and (saved := _SAVED_PAGE_ADDRESS.search(html[:3000])):
        hints.url = saved["url"] or saved["article"]  # the saving tool's note of its address
    if not is_semafor_article(hints.url) and "…" in html:
        hints.url = _shortened_article_link(tree) or hints.url
    if "joined" in html and ("signature details" in html or "forwarded body" in html):
        _join_continued_messages(tree)
    if "chatlog__reply" in html:
        # A Discord export's reply quotes the start of the message it answers (its author and
        # first words) above its own: not a line of the page quoted.
        for node in tree.css("div.chatlog__reply"):
            node.decompose()
    root = _story_root(tree)
    if root is None:
        return "", hints
    if "<table" in html or "<TABLE" in html:
        _tables_as_paragraphs(root)
    out: list[str] = []
    _walk(
        root,
        out,
        keeps_line_breaks=_may_keep_line_breaks(html),
        classes=_classes_keeping_line_breaks(html),
    )
    lines = (line.strip() for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line), hints


def _shortened_article_link(tree: HTMLParser) -> str | None:
    """A Semafor article linked under its address shortened ("semafor.com/article/06/18/2…",
    a social post's link, as a thread's reader app saves it): the page the post pastes, where
    the saved page's own address is the app's."""
    for anchor in tree.css('a[href*="semafor.com/article/"]'):
        shown = anchor.text(strip=True)
        href = anchor.attributes.get("href") or ""
        if not shown.endswith("…") or len(shown) < _SHORTENED_LINK_MIN_CHARS:
            continue
        target = href.split("://", 1)[-1].removeprefix("www.")
        if target.startswith(shown[:-1].split("://", 1)[-1].removeprefix("www.")):
            return href
    return None


_SHORTENED_LINK_MIN_CHARS = 20


def _tables_as_paragraphs(root) -> None:
    """Each table that holds a page's signals (a row each: headline, Source line, text), as the
    page's paragraphs in their order; other tables stay as they are."""
    for table in root.css("table"):
        # Read a table only when its first row names a page's columns, and only a table of rows
        # of its own: a mail's layout tables nest dozens deep, and each would be read again
        # inside every table around it.
        first = table.css_first("tr")
        if first is None or len(table.css("table")) > 1:  # (the list holds the table itself)
            continue
        if not is_page_header([cell.text(strip=True) for cell in _cells(first)]):
            continue
        rows = [
            [cell.text(separator="\n", strip=True) for cell in _cells(row)]
            for row in table.css("tr")
        ]
        found = page_lines(rows)
        if found:
            paragraphs = "".join(f"<p>{escape(line)}</p>" for line in found)
            table.replace_with(HTMLParser(f"<div>{paragraphs}</div>").css_first("div"))
    for table in root.css("table.properties"):
        if (fields := _property_fields(table)) is not None:
            paragraphs = "".join(f"<p>{escape(f'{key}: {value}')}</p>" for key, value in fields)
            table.replace_with(HTMLParser(f"<div>{paragraphs}</div>").css_first("div"))


PROPERTY_KEY_MAX_CHARS = 30


def _property_fields(table) -> list[tuple[str, str]] | None:
    """A note's properties as a table of a name and a value per row (Notion's export: "Created"
    / "March 13, 2023", "Tags" / "Middle East" "China"), as "Tags: Middle East, China" fields,
    which the parser knows for a note's and not the page's; None for any other table. (Read as
    cells, a row's name and value are two lines, and tags glued in one: "Middle EastChina" would
    pass for a headline. A news database's record below the page is left as it is: its fields
    there end the page.)"""
    fields = []
    for row in table.css("tr"):
        cells = _cells(row)
        if len(cells) != 2 or cells[0].tag != "th" or cells[1].tag != "td":
            return None
        key = cells[0].text(strip=True)
        values = [node.text(strip=True) for node in cells[1].iter() if node.text(strip=True)]
        if not key or len(key) > PROPERTY_KEY_MAX_CHARS:
            return None
        fields.append((key, ", ".join(values) or cells[1].text(strip=True)))
    return fields or None


def _cells(row) -> list:
    return [cell for cell in row.iter() if cell.tag in ("td", "th")]


# A mail gateway's wrapper around every link (Proofpoint's "https://urldefense.com/v3/__https://
# www.semafor.com/article/…__;!!Ha7Rk2qZ!b4X9…$"): the address inside is the link's.
_URL_DEFENSE = re.compile(
    r"https?://urldefense(?:\.proofpoint)?\.com/v3/__(?P<url>https?://[^\s]+?)__;[^\s\"'<>]*"
)


# A page's HTML source as text, perhaps under the address a browser shows for it.
_PAGE_SOURCE = re.compile(
    r"\A\ufeff?\s*(?:view-source:(?P<url>https?://\S+)\s*\n)?\s*(?=<!doctype html|<html)", re.I
)
# A raw mail saved as text whose body is still in its transfer encoding ("=E2=80=99" for "’",
# "=" ending a line the encoding broke).
_QUOTED_PRINTABLE = re.compile(r"^content-transfer-encoding:\s*quoted-printable\s*$", re.I | re.M)


def quoted_printable_body(text: str) -> str:
    """The text decoded from quoted-printable: as UTF-8, else as Windows-1252 (a mail that
    declared a Western charset). Its header holds no such codes but encoded words, which
    read the same either way."""
    data = quopri.decodestring(text.encode("utf-8"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


# What opens a reference manager's record: RIS's "TY  -", EndNote's "%0 ", RefWorks' "RT ",
# EndNote's "Reference Type:", a BibTeX entry ("@online{").
_CITATION_OPENINGS = ("TY  -", "%0 ", "RT ", "Reference Type:")
_BIBTEX_ENTRY = re.compile(r"^@\w+\s*\{", re.M)


def _may_be_citation(text: str) -> bool:
    """Cheaply, whether a reference manager's record may open the text. (One pattern for both
    tried at every character of the head cost 1% of parsing a page.)"""
    head = text[:3000]
    return head.lstrip().startswith(_CITATION_OPENINGS) or (
        "@" in head and _BIBTEX_ENTRY.search(head) is not None
    )


def _out_of_its_tool(text: str, fmt: str) -> tuple[str, str, Hints]:
    """The page out of the tool that kept it, its format, and what the tool says of it (title,
    address, date): a shell command's output, a JSON record, an escaped string, a diff, a
    table's cell, an issue's fenced block, RTF, a page's HTML source. Other text as it is."""
    hints = Hints()
    if fmt not in ("text", "markdown"):
        return text, fmt, hints
    # Whole documents in another format first (their markup holds "\\n", "{", "@@"…).
    if fmt == "text" and is_rtf(text):
        return rtf_to_text(text), fmt, hints  # RTF (TextEdit, Word), or such a file as text
    if fmt == "text" and "1\t<" in text[:600]:
        # A page's source copied with its line numbers ("1<TAB><!DOCTYPE html>").
        text = numbered_rows_as_lines(text, notes_beside=False) or text
    if fmt == "text" and (source := _PAGE_SOURCE.match(text)):
        # A page's source saved as text (a browser's "view source", copied): HTML all the same.
        hints.url = source["url"]
        return text[source.end() :], "html", hints
    if fmt == "text" and _may_be_citation(text) and (cited := citation_record(text)):
        return cited[0], fmt, cited[1]  # a reference manager's record: the page in its abstract
    prompted = fmt == "text" and (text.lstrip()[:1] in ("$", "%") or "@" in text[:80])
    if prompted and (below := without_command_line(text)) is not None:
        # The shell command that printed the page; the page's address if it fetched it.
        hints.url = _linked_article(text[: len(text) - len(below)])
        text = below
    if fmt == "text" and "\n... " in text and (unprompted := without_continuation_prompts(text)):
        text = unprompted  # a text pasted into a terminal's program, a prompt on each line
    if fmt == "text" and "{" in text[:2000] and (record := json_record(text)):
        return record  # a scraping API's or an index's record of the page
    if fmt == "text" and "\\n" in text and (written := unescaped_lines(text)):
        return written, fmt, hints  # a string printed with its escapes: a notebook's, a dump's
    if fmt == "text" and "\n@@ " in text and (newer := diff_new_side(text)):
        return newer, fmt, hints  # a diff or a commit that adds the page: its newer side
    if fmt == "text" and text.count(",", 0, 300) >= 2 and (row := csv_record(text)):
        return row  # a crawler's table, the page in one cell
    if fmt == "text" and _may_open_quoted_cell(text) and (cell := quoted_cell_page(text)):
        page, row_hints = cell  # a spreadsheet's row copied out, the page in one cell
        return page, fmt, merge_hints(hints, row_hints)
    if "```" in text and (fenced := fenced_page(text)):
        # An issue's or a chat's quote of the page in a code block: the block's text, under the
        # note's front matter if any; an address of the page around it is kept.
        front_block = _FRONT_MATTER.match(text)
        hints.url = hints.url or _linked_article(text)
        return (front_block[0] if front_block else "") + fenced, "text", hints
    return text, fmt, hints


# A comment as a word processor's plain-text export gives it below the text: "[a]Keep this one."
_DOC_COMMENT = re.compile(r"^\[([a-z]{1,2})\]\S", re.M)


def without_comment_anchors(text: str) -> str:
    """The text without its comments (Google Docs' "Plain text" download): their marks where
    they are anchored ("…push abroad[a]"), so that a headline reads as printed, and their
    lines below the text, which are the document's readers', not the page's."""
    marks = sorted(set(_DOC_COMMENT.findall(text)))
    if not marks:
        return text
    listed = "|".join(marks)
    text = re.sub(rf"^\[(?:{listed})\]\S.*\n?", "", text, flags=re.M)
    return re.sub(rf"(?<=[^\s\[])\[(?:{listed})\]", "", text)


def _may_open_quoted_cell(text: str) -> bool:
    """Cheaply, whether a spreadsheet's quoted cell may open near the text's top."""
    head = text[:3000]
    return head.lstrip("\ufeff")[:1] == '"' or '\t"' in head or ',"' in head


def to_text(text: str, fmt: str) -> tuple[str, Hints]:
    """Plain text and hints for a decoded document of the given format."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:  # Unicode's line and paragraph separators (Pages)
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text, fmt, record_hints = _out_of_its_tool(text, fmt)
    if fmt == "text" and "\n[a]" in text:
        text = without_comment_anchors(text)
    if fmt != "html" and is_outliner_copy(text):
        text = outliner_page(text)
    if "urldefense" in text:
        text = _URL_DEFENSE.sub(lambda found: found["url"], text)
    if fmt == "text" and ":" in text[:42] and is_mime_source(text) and (mail := mime_body(text)):
        text, html = mail  # a mail's raw source: the part its reader saw
        fmt = "html" if html else fmt
    if "=\n" in text and _QUOTED_PRINTABLE.search(text[:20000]):
        text = quoted_printable_body(text)
    text, front = split_front_matter(text)
    if "\nid: " in text[-5000:]:
        text, trailing = split_trailing_metadata(text)
        front = merge_hints(front, trailing)
    if fmt == "text" and _is_reader_markdown(text):
        fmt = "markdown"  # a reader service's Markdown saved as .txt (Jina's "Markdown Content:")
    elif fmt == "text" and "==" in text and is_wikitext(text):
        text = wikitext_to_text(text)
    elif fmt == "text" and ". " in text and is_confluence_markup(text):
        text = confluence_markup_to_text(text)
    elif fmt == "text" and ("\t" in text[:3000] or text.count(",", 0, 300) >= 2):
        # A spreadsheet's rows, one per part of the page; or its column, one line a row.
        text = sheet_as_lines(text) or column_as_lines(text) or numbered_rows_as_lines(text) or text
    if fmt == "text" and "](http" in text:
        # A converter's Markdown saved as text (html2text in a feed's mail): an image on a line
        # of its own and a link are read as Markdown reads them ("[Nikkei Asia](https://…)").
        text = _MD_IMAGE_LINE.sub(lambda found: _alt_line(found).strip("\n"), text)
        text = _MD_WEB_LINK.sub(lambda found: found["text"], text)
    if fmt == "html":
        body, hints = html_to_text(text)
    elif fmt == "markdown":
        body, hints = markdown_to_text(text)
    else:
        body, hints = text, Hints()
    if ("eading" in body[:20_000] or "\nh1 " in body[:20_000]) and is_speech_log(body):
        body = spoken_text(body)  # a screen reader's speech: the page without the roles spoken
    merged = merge_hints(front, record_hints, hints)
    if merged.url and (not _usable_url(merged.url) or APP_LINK.match(merged.url)):
        # A page's own metadata with a broken URL, or a reader service's fetch of an app's link
        # ("URL Source: https://apple.news/…"): parse it as if it had none.
        merged.url = None
    if merged.url and (inner := _redirected_article(merged.url)):
        merged.url = inner  # a redirector's link to the page ("google.com/url?q=https://…")
    if fmt == "markdown" and not merged.url:
        merged.url = _leading_article_link(text) or _self_linked_article(text)
    if not is_semafor_article(merged.url) and (
        "semafor.com/article/" in text or "%2Farticle%2F" in text  # (a redirector's link)
    ):
        # A copy kept by another site (a partner's re-post, a feed reader, an archive, a clipping
        # service): its metadata names that site's page; the story is the Semafor original.
        merged.url = original_address(text) or _shared_article(text, merged.url) or merged.url
    if merged.url and _PLATFORM_LINK.match(merged.url) and not _NEWSLETTER_ISSUE.match(merged.url):
        # A post on a platform that shares the page without its link. (A newsletter's issue
        # re-posting it is a copy of the story, as a partner's is.)
        merged.url = None
    return body, merged


# Community platforms, where a post shares a page by its link (Reddit, Hacker News, Stack
# Exchange, Substack Notes, Mastodon, Threads), and team wikis: the post's own address is not
# the page's.
_PLATFORM_LINK = re.compile(
    r"https?://(?:[\w-]+\.)*(?:reddit\.com|redd\.it|ycombinator\.com|stackexchange\.com"
    r"|stackoverflow\.com|substack\.com|threads\.net|threads\.com|x\.com|twitter\.com"
    r"|facebook\.com|linkedin\.com|discord\.com|quora\.com|tumblr\.com|t\.me|bsky\.app"
    r"|mastodon\.[\w.]+|mstdn\.[\w.]+|lobste\.rs|groups\.io|groups\.google\.com"
    # Team wikis and intranets, where a page about the story links it (SharePoint, Google
    # Sites, Confluence Cloud, Notion, Quip, Coda, Loop, Slack).
    r"|sharepoint\.com|sites\.google\.com|atlassian\.net|notion\.so|notion\.site|quip\.com"
    r"|coda\.io|loop\.cloud\.microsoft|slack\.com)(?![\w.-])",
    re.I,
)


# A newsletter's issue on its own address ("southerncone.substack.com/p/…"), where it re-posts a
# page whole; Substack's notes ("substack.com/@…/note/…") only share it.
_NEWSLETTER_ISSUE = re.compile(r"https?://[\w-]+\.substack\.com/p/", re.I)


def _shared_article(text: str, page_url: str | None) -> str | None:
    """The one Semafor article a platform's post links (a Reddit link post, a Hacker News
    item): the page the copy is of, when the copy's own address is the post's or missing."""
    if page_url and not _PLATFORM_LINK.match(page_url):
        return None
    if not page_url:
        # No address of its own: the post's header, above the page it pastes, must be a
        # platform's and link the page ("Related:" links and share buttons below prove nothing).
        text = text[: text.find("Semafor Signals")] if "Semafor Signals" in text else ""
        if not _PLATFORM_LINK.search(text):
            return None
    linked = {semafor_address(found[0]) for found in SEMAFOR_ARTICLE.finditer(text)}
    if not linked and (wrapped := wrapped_article(text)):
        linked = {wrapped}  # linked through a redirector: "google.com/url?q=https%3A%2F%2F…"
    return linked.pop() if len(linked) == 1 else None


# (Not an address a table cut short for display: ".../12/06/2024/roma..." or "…/roma…".)
SEMAFOR_ARTICLE = re.compile(
    r"(?:https?://)?(?:www\.)?semafor\.com/article/\d{1,2}/\d{1,2}/\d{4}/"
    r"[^\s\"'<>)\]#?…]+(?<!\.\.\.)(?![^\s\"'<>)\]#?…]|…)",
    re.I,
)
_CREDIT_TO_ORIGINAL = re.compile(
    r"(?:first appeared|originally appeared|originally published|first published|reposted"
    r"|republished|read the original|original article|open original|view original|saved from"
    r"|original page|\[original\b"  # a note's link to the page: "[Original page](https://…)"
    r"|original link\s*:"  # a translated re-post's "Original link: semafor.com/article/…"
    r"|visit website"  # a feed reader's button: "<a href=…>Visit Website</a>"
    r"|feed item:"  # an automated flow's mail: "Feed item: <a href=…>Headline</a>"
    r"|阅读原文|原文链接"  # a WeChat account's re-post: "Read the original"
    r"|artículo original|article original|original-source|isbasedon"
    r"|read (?:it |this )?on semafor"  # a digest's "Read on semafor.com: <link>" below the page
    # A portal's "View on semafor.com" (MSN), an aggregator's "Original source: <link>".
    r"|view (?:it )?on semafor|original source\s*[:·|]|\[original source\]"
    r"|read (?:the )?full (?:article|story)"  # a news aggregator's card: "[Read Full Article](…)"
    # A note's "[Source](https://…)", "Source link: […](…)"; a forward's "sharing the Semafor
    # Signals page (link), pasted below".
    r"|\[source\]\(|\bsource link\b|\bpasted below\b|\bsharing the semafor\b"
    # Portuguese, French and German re-posters: "Republicamos… Original: <link>", "publié
    # initialement par", "ursprünglich erschienen".
    r"|\boriginal\s*:|republica|publicad[oa] (?:originalmente|pela|por)|texto original"
    r"|publié initialement|initialement publié|ursprünglich erschienen"
    # Translating re-posters' credit to the English original: "Articol original (în engleză):",
    # "Orijinal haber:", "Artikel asli:", "Originalartikel:", "Původní článek:".
    r"|articol(?:ul)? original|articolo originale|artigo original|origineel artikel"
    r"|oryginalny artykuł|orijinal (?:haber|makale)|artikel asli|originalartikel"
    r"|původní článek|originalartikeln)",
    re.I,
)


def _linked_article(text: str) -> str | None:
    """The first Semafor article linked in the text."""
    found = SEMAFOR_ARTICLE.search(text) if "semafor.com/article/" in text else None
    return semafor_address(found[0]) if found else None


def _leading_article_link(markdown: str) -> str | None:
    """A Semafor article linked on the first lines of a Markdown copy ("[Headline |
    Semafor](https://…)", "[www.semafor.com](https://…)"): the page's address."""
    found = SEMAFOR_ARTICLE.search("\n".join(markdown.split("\n", 12)[:12]))
    return semafor_address(found[0]) if found else None


# A link whose text is an article's own address: "[semafor.com/article/05/13/2025/…](https://…)".
_SELF_LINKED_ARTICLE = re.compile(r"\[(?:https?://)?(?:www\.)?semafor\.com/article/[^\]\s]+\]\(")


def _self_linked_article(markdown: str) -> str | None:
    """The article a Markdown copy links by its own address, anywhere (a mail's "link to the
    page" under the pasted text); related stories are linked by their headlines, never so."""
    found = _SELF_LINKED_ARTICLE.search(markdown) if "semafor.com/article/" in markdown else None
    return semafor_address(SEMAFOR_ARTICLE.search(found[0])[0]) if found else None


# Links that open a page through an app or a shortener: opaque, never the page's own address.
APP_LINK = re.compile(
    r"^https?://(?:www\.)?(?:news\.google\.com|apple\.news|flip\.it|link\.smartnews\.com"
    r"|t\.co|bit\.ly|trib\.al|buff\.ly|ow\.ly|dlvr\.it|lnkd\.in)/",
    re.I,
)


def is_semafor_article(url: str | None) -> bool:
    return bool(url) and bool(SEMAFOR_ARTICLE.search(url))


def semafor_address(found: str) -> str:
    """A Semafor article address as found in a copy, with its scheme (some copies drop it)."""
    return "https://" + found.rstrip(".,;:/").split("://")[-1].removeprefix("www.")


# A link wrapped by a mail filter or a redirector, its address percent-encoded: Outlook's
# "safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.semafor.com%2Farticle%2F…",
# Google's "google.com/url?q=…".
_WRAPPED_ARTICLE = re.compile(r"[?&](?:url|u|q|target)=(https?%3A%2F%2F[^&\s\"'<>]+)", re.I)


def _redirected_article(url: str) -> str | None:
    """The Semafor article another site's link leads to (a document editor's or a search
    engine's redirect), or None for Semafor's own address and for other pages."""
    parts = urlsplit(url) if "://" in url else None
    if parts is None or parts.netloc.lower().endswith("semafor.com"):
        return None
    # The address is a parameter of the link ("?q=https://…&sa=D"), or its path.
    for value in [*(v for values in parse_qs(parts.query).values() for v in values), url]:
        if article := SEMAFOR_ARTICLE.search(unquote(value)):
            return semafor_address(article[0])
    return None


def wrapped_article(raw: str) -> str | None:
    """The first Semafor article address found percent-encoded inside a wrapped link."""
    for found in _WRAPPED_ARTICLE.finditer(raw):
        article = SEMAFOR_ARTICLE.search(unquote(found[1]))
        if article:
            return semafor_address(article[0])
    return None


# The text of a Markdown link whose address follows at once: "[semafor.com](".
_LINK_TEXT_BEFORE = re.compile(r"\[(?P<text>[^\[\]\n]{1,40})\]\($")


# Links into the page itself: a "Skip to main content", the Insights line's arrow to "#signals".
_SKIP_LINK_TARGETS = ("#main-content", "#main", "#content", "#maincontent", "#skip", "#signals")


def original_address(raw: str) -> str | None:
    """The Semafor article a copy is of: the one a credit to the original names ("This article
    first appeared on Semafor", "Open original", "Saved from"); a "Read more" link after the
    signals is another story."""
    seen: dict[str, int] = {}
    for found in SEMAFOR_ARTICLE.finditer(raw):
        address = semafor_address(found[0])
        # The credit may come before the link or be its text ("… Open original</a>").
        if _CREDIT_TO_ORIGINAL.search(raw[max(0, found.start() - 400) : found.end() + 200]):
            return address
        # A Markdown link reading as the page's own ("[semafor.com](…)" under a feed's header).
        link = _LINK_TEXT_BEFORE.search(raw, max(0, found.start() - 60), found.start())
        if link and link["text"].strip().lower().removeprefix("www.") in _SELF_LINK_TEXTS:
            return address
        if raw.startswith(_SKIP_LINK_TARGETS, found.end()):
            return address  # the page's link into itself, in a text browser's list
        seen[address] = seen.get(address, 0) + 1
    # Linked three times or more (a text browser's list of the page's own links): the page.
    return next((address for address, times in seen.items() if times >= 3), None)


def _usable_url(url: str) -> bool:
    try:
        normalize_url(url)
    except ValueError:  # a bad port, a broken IPv6 host
        return False
    return True


def merge_hints(*layers: Hints) -> Hints:
    """Combine hints; earlier layers win (command-line options, then front matter, then page)."""
    merged = Hints()
    for layer in reversed(layers):
        for name in ("title", "url", "published", "updated"):
            value = getattr(layer, name)
            if value:
                setattr(merged, name, value)
    return merged
