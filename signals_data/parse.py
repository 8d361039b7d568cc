"""Parse the plain text of a Signals page into a ``Story``.

The text comes from ``extract.to_text``. Parsing never relies on fixed line positions: page
furniture is dropped by a list of known lines, then the page is cut at its landmarks (the
"Semafor Signals" label, "The News", the "SIGNALS" header) and each part is read by rules that
recognise what a line is (a timestamp, a tag line, an insights list, a photo credit, a Source line).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from signals_data.dates import date_from_url, parse_timestamp
from signals_data.errors import NotSignalsPage, ParseError
from signals_data.models import Hints, Signal, Story
from signals_data.outlets import Registry, clean_name, find_mentions, load_registry, name_key
from signals_data.themes import Taxonomy, load_taxonomy, score_themes
from signals_data.urls import normalize_url

# Lines that are page furniture: image alt texts, navigation, share bars, error banners.
FURNITURE = {
    "icon",
    "title icon",
    "source icon",
    "arrow down",
    "arrow up",
    "postemailwhatsapp",
    "postemail",
    "ad",
    "advertisement",
    "semafor logo",
    "rotating globe",
    "oops!",
    "something went wrong.",
    "please try again later.",
    "share",
    "copy link",
    "d.c.",
    "bxl",
    "lagos",
    "dubai",
    "riyadh",
    "beijing",
    "sg",
    "semafor",
    "semafor world",
    "sign up",
    "sign in",
    "subscribe",
    "menu",
    "search",
    "newsletters",
    "close",
}
# Where the story ends: anything after these is site furniture.
END_MARKERS = {"semafor logo", "© semafor", "sign up for semafor", "more from semafor", "read more"}
LABEL = re.compile(r"^(?:views from )?semafor signals$", re.I)
SIGNALS_HEADER = re.compile(r"^SIGNALS$")
TAGLINE = re.compile(r"^semafor signals\s*:\s*global insights", re.I)
NEWS_HEADER = re.compile(r"^(?:the news|the information)$", re.I)
INSIGHTS = re.compile(r"^(?:with\s+)?(?:insights|views)\s+from\s*:?\s+(?P<names>.+?)\.?$", re.I)
SUPPORTED_BY = re.compile(r"^supported by\s*:?\s*(?P<sponsor>.*)$", re.I)
SOURCE_LINE = re.compile(r"^(?P<label>sources?|resources?)\s*:\s*(?P<names>.*)$", re.I)
LOGO = re.compile(r"^(?P<name>.+?)\s+logo$", re.I)
CHART_ALT = re.compile(r"^(?:a |an )?(?:chart|graph|map|table) (?:showing|of|depicting)\b", re.I)
CONTRIBUTED = re.compile(r"contributed (?:reporting )?to this (?:report|story|article)\.?$", re.I)
CREDIT_AGENCIES = (
    r"Reuters|REUTERS|AP|AP Photo|AFP|Getty Images|EPA|EPA-EFE|Bloomberg|Pool|File Photo|"
    r"Sipa USA|Anadolu|Xinhua|Sputnik|Kremlin|Handout|Semafor"
)
PHOTO_CREDIT = re.compile(
    rf"(?:^FILE PHOTO:|REUTERS/|\bvia (?:Reuters|Getty Images|AP|AFP)\s*$"
    rf"|(?:^|\s)[\w.'’ -]{{2,40}}(?:/[\w.'’ -]{{2,40}})*/(?:{CREDIT_AGENCIES})\s*$)"
)
CATEGORIES = (
    "security",
    "politics",
    "business",
    "technology",
    "tech",
    "africa",
    "net zero",
    "media",
    "climate",
    "energy",
    "gulf",
    "world",
    "economy",
    "finance",
    "health",
    "science",
    "culture",
    "sports",
    "ideas",
    "compass",
    "principals",
)
REGIONS = (
    "North America",
    "South America",
    "Latin America",
    "Central America",
    "Europe",
    "Africa",
    "Middle East",
    "South Asia",
    "East Asia",
    "Southeast Asia",
    "Central Asia",
    "Asia-Pacific",
    "Asia",
    "Oceania",
    "Americas",
    "Global",
    "Gulf",
)
TAG_LINE = re.compile(
    r"^(?P<category>" + "|".join(re.escape(c) for c in CATEGORIES) + r")?\s*"
    r"(?P<region>" + "|".join(re.escape(r) for r in REGIONS) + r")?$"
)
# Furniture words of machine-translated or rewritten copies: parse them, but say so.
LOW_CONFIDENCE = re.compile(r"^(?:[Vv]iews from|The Information$|[Rr]esources?\s*:|The news$)")
NON_SIGNALS_KINDS = (
    (re.compile(r"^the world today$", re.I), "a newsletter ('The World Today')"),
    (re.compile(r"^know more$", re.I), "a standard Semafor article (has 'Know More')"),
    (
        re.compile(r"^from semafor flagship|in your inbox, every weekday", re.I),
        "a newsletter-style article ('From Semafor Flagship')",
    ),
)
TERMINAL = re.compile(r"[.!?…\"”’)\]]$")
HEADLINE_MAX_CHARS = 160
HEADLINE_MAX_WORDS = 22


@dataclass
class Line:
    text: str
    key: str  # lower-cased, bullet-stripped form for furniture checks


def _normalize_line(raw: str) -> str:
    if not raw.isascii():
        raw = unicodedata.normalize("NFC", raw).replace("\u200b", "")
    return " ".join(raw.split())  # also turns no-break spaces into plain ones


def _content_lines(text: str) -> list[Line]:
    """Non-empty lines without furniture, cut at the first end-of-story marker after SIGNALS."""
    lines: list[Line] = []
    seen_signals = False
    for raw in text.split("\n"):
        line = _normalize_line(raw)
        if not line:
            continue
        key = line.lstrip("•·*- ").lower()
        if seen_signals and key in END_MARKERS:
            break
        if key in FURNITURE or not key:
            continue
        # Logo alt texts are furniture, except right after "Supported by": there, the sponsor.
        if LOGO.match(line) and not (lines and SUPPORTED_BY.match(lines[-1].text)):
            continue
        seen_signals = seen_signals or bool(SIGNALS_HEADER.match(line) or TAGLINE.match(line))
        lines.append(Line(line, key))
    return lines


def _reject_reason(lines: list[Line]) -> str:
    for pattern, kind in NON_SIGNALS_KINDS:
        if any(pattern.search(line.text) for line in lines):
            return f"not a Signals page: it looks like {kind}"
    return (
        "not a Signals page: no 'SIGNALS' section, 'Semafor Signals' label or Signals tagline found"
    )


def _is_caption(text: str) -> bool:
    return bool(PHOTO_CREDIT.search(text))


def _looks_like_headline(text: str) -> bool:
    return (
        len(text) <= HEADLINE_MAX_CHARS
        and len(text.split()) <= HEADLINE_MAX_WORDS
        and not re.search(r"[.:;,][\"”’']?$", text)
        and not SOURCE_LINE.match(text)
    )


def split_names(names: str, registry: Registry) -> list[str]:
    """Split "A, B, and C" / "A, B and C" / "A and B" into names, keeping "Mail and Guardian"."""
    names = names.strip().rstrip(".")
    parts = [p.strip() for p in re.split(r"\s*[,;]\s*", names) if p.strip()]
    result: list[str] = []
    for part in parts:
        part = re.sub(r"^(?:and|&)\s+", "", part)
        pieces = re.split(r"\s+and\s+", part)
        if len(pieces) > 1 and not registry.is_known(part):
            result.extend(p for p in pieces if p)
        elif part:
            result.append(part)
    return result


def _resolve_all(names: list[str], registry: Registry) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        canonical, _known = registry.resolve(name)
        if canonical:
            seen.setdefault(canonical, None)
    return list(seen)


# --- the header ------------------------------------------------------------------------------


@dataclass
class Header:
    title: str | None = None
    timestamp: tuple[str, bool] | None = None
    category: str | None = None
    region: str | None = None
    sponsor: str | None = None
    insights: list[str] | None = None
    last_index: int = -1  # index of the last line recognised as header


def _read_header(lines: list[Line], end: int, registry: Registry) -> Header:
    """Classify the lines before "The News"; the headline is the unknown line nearest the label."""
    header = Header()
    label_at: int | None = None
    others: list[int] = []
    expect_sponsor = False
    for i in range(end):
        text = lines[i].text
        if expect_sponsor:
            expect_sponsor = False
            logo = LOGO.match(text)
            if logo or (len(text) <= 40 and not INSIGHTS.match(text) and not LABEL.match(text)):
                header.sponsor = (logo["name"] if logo else text).strip()
                header.last_index = i
                continue
        if LABEL.match(text):
            label_at = header.last_index = i
        elif stamp := parse_timestamp(text):
            header.timestamp = header.timestamp or stamp
            header.last_index = i
        elif (supported := SUPPORTED_BY.match(text)) is not None:
            header.last_index = i
            if supported["sponsor"]:
                header.sponsor = supported["sponsor"].strip()
            else:
                expect_sponsor = True
        elif insights := INSIGHTS.match(text):
            header.insights = _resolve_all(split_names(insights["names"], registry), registry)
            header.last_index = i
        elif (tag := TAG_LINE.match(text)) and (tag["category"] or tag["region"]):
            header.category = tag["category"] or header.category
            header.region = tag["region"] or header.region
            header.last_index = i
        elif _is_caption(text) or LOGO.match(text):
            header.last_index = max(header.last_index, i)
        else:
            others.append(i)
    if others:
        anchor = label_at if label_at is not None else 0
        # Nearest to the label wins; on a tie the line after it (label, then headline).
        best = min(others, key=lambda i: (abs(i - anchor), i < anchor))
        header.title = lines[best].text
    return header


# --- the signals -------------------------------------------------------------------------------


@dataclass
class _Draft:
    headline: str = ""
    sources: list[str] | None = None
    body: list[str] | None = None


def _draft_signals(items: list[Line], registry: Registry) -> list[_Draft]:
    """Group the lines after the SIGNALS header into signals."""
    has_sources = any(SOURCE_LINE.match(line.text) for line in items)
    headline_style = has_sources or any(_looks_like_headline(line.text) for line in items[:-1])
    drafts: list[_Draft] = []
    i = 0
    while i < len(items):
        text = items[i].text
        source = SOURCE_LINE.match(text)
        nxt = items[i + 1].text if i + 1 < len(items) else None
        if source:
            names = source["names"]
            if not names and nxt is not None and not _looks_like_paragraph(nxt):
                names, i = nxt, i + 1
            if not drafts or drafts[-1].sources is not None or drafts[-1].body:
                drafts.append(_Draft())
            drafts[-1].sources = split_names(names, registry)
        elif not headline_style:
            drafts.append(_Draft(body=[text]))
        elif _starts_signal(text, nxt, has_sources):
            drafts.append(_Draft(headline=text))
        elif drafts:
            drafts[-1].body = (drafts[-1].body or []) + [text]
        else:
            drafts.append(_Draft(body=[text]))
        i += 1
    return drafts


def _looks_like_paragraph(text: str) -> bool:
    return len(text) > HEADLINE_MAX_CHARS or bool(re.search(r"[.!?][\"”’']?$", text))


def _starts_signal(text: str, nxt: str | None, has_sources: bool) -> bool:
    if nxt is not None and SOURCE_LINE.match(nxt):
        return True
    if has_sources and nxt is not None:
        # On pages with Source lines, a headline is followed by one, unless that line was stripped.
        return _looks_like_headline(text) and not _looks_like_headline(nxt)
    return _looks_like_headline(text)


def _finish_signals(
    drafts: list[_Draft],
    story_context: set[str],
    truncated: bool,
    registry: Registry,
    taxonomy: Taxonomy,
) -> list[Signal]:
    signals: list[Signal] = []
    for position, draft in enumerate(drafts, start=1):
        is_last = position == len(drafts)
        body = "\n\n".join(draft.body or [])
        flags: list[str] = []
        names = list(draft.sources or [])
        if is_last and truncated and names and not body and not registry.is_known(names[-1]):
            names.pop()  # a name cut off by the end of the copy is not an outlet
            flags.append("truncated_source")
        credited = _resolve_all(names, registry)
        credited_keys = {name_key(c) for c in credited}
        prose = f"{draft.headline}\n{body}"
        mentions = [
            m
            for m in find_mentions(
                prose,
                registry,
                story_context | set(credited),
                text_is_truncated=truncated and is_last,
            )
            if name_key(m) not in credited_keys
        ]
        if draft.sources is None:
            flags.append("no_source_line")
        if not draft.headline:
            flags.append("no_headline")
        if is_last and truncated:
            flags.append("truncated")
        signals.append(
            Signal(
                position=position,
                headline=draft.headline,
                body=body,
                outlets=credited,
                mentions=mentions,
                themes=score_themes(draft.headline, body, taxonomy),
                flags=flags,
            )
        )
    return signals


# --- the whole page ----------------------------------------------------------------------------


def _find(lines: list[Line], pattern: re.Pattern[str], start: int = 0) -> int | None:
    for i in range(start, len(lines)):
        if pattern.match(lines[i].text):
            return i
    return None


def _summary(lines: list[Line]) -> str:
    kept = [
        line.text
        for line in lines
        if not CHART_ALT.match(line.text)
        and not CONTRIBUTED.search(line.text)
        and not _is_caption(line.text)
        and not SOURCE_LINE.match(line.text)
    ]
    return "\n\n".join(kept)


def parse_text(
    text: str,
    hints: Hints | None = None,
    *,
    overrides: Hints | None = None,
    registry: Registry | None = None,
    taxonomy: Taxonomy | None = None,
) -> Story:
    """Parse the plain text of one page. Raises NotSignalsPage or ParseError, nothing else.

    ``hints`` come from the page's own metadata; ``overrides`` from the user (``--url``,
    ``--published``) and win over everything the page says.
    """
    hints = hints or Hints()
    overrides = overrides or Hints()
    registry = registry or load_registry()
    taxonomy = taxonomy or load_taxonomy()
    lines = _content_lines(text)
    if not lines:
        raise ParseError("no text left once page furniture is removed")
    signals_at = _find(lines, SIGNALS_HEADER)
    tagline_at = _find(lines, TAGLINE)
    label_at = _find(lines, LABEL)
    if signals_at is None and tagline_at is None and label_at is None:
        raise NotSignalsPage(_reject_reason(lines))
    section_at = (
        min(i for i in (signals_at, tagline_at) if i is not None)
        if (signals_at is not None or tagline_at is not None)
        else len(lines)
    )
    news_at = _find(lines, NEWS_HEADER)
    if news_at is not None and news_at > section_at:
        news_at = None
    header_end = news_at if news_at is not None else section_at
    header = _read_header(lines, header_end, registry)
    flags: list[str] = []

    if news_at is not None:
        summary_lines = lines[news_at + 1 : section_at]
    else:
        # No "The News" header: the facts follow the last header line, minus the headline.
        start = header.last_index + 1
        summary_lines = [line for line in lines[start:section_at] if line.text != header.title]
        flags.append("no_news_header")

    body_start = section_at + 1
    while body_start < len(lines) and (
        TAGLINE.match(lines[body_start].text) or SIGNALS_HEADER.match(lines[body_start].text)
    ):
        body_start += 1
    items = lines[body_start:] if section_at < len(lines) else []
    last_text = lines[-1].text
    truncated = not TERMINAL.search(last_text) or bool(SOURCE_LINE.match(last_text))
    if truncated:
        flags.append("truncated")
    if any(LOW_CONFIDENCE.match(line.text) for line in lines):
        flags.append("low_confidence")

    insights = header.insights or []
    drafts = _draft_signals(items, registry)
    credited_anywhere = {registry.resolve(n)[0] for d in drafts for n in (d.sources or [])} | set(
        insights
    )
    signals = _finish_signals(drafts, credited_anywhere, truncated, registry, taxonomy)
    if not signals:
        flags.append("no_signals")

    title = overrides.title or header.title or _clean_meta_title(hints.title)
    if not title:
        raise ParseError("found the Signals markers but no headline")
    raw_url = overrides.url or hints.url
    url = normalize_url(raw_url) if raw_url else None
    published, updated, date_flags = _dates(header, hints, overrides, url)
    flags.extend(date_flags)
    return Story(
        title=title,
        url=url,
        published=published,
        updated=updated,
        region=header.region,
        category=header.category,
        summary=_summary(summary_lines),
        insights_from=insights,
        sponsor=header.sponsor,
        signals=signals,
        flags=flags,
    )


def _clean_meta_title(title: str | None) -> str | None:
    if not title:
        return None
    return re.sub(r"\s*[|–-]\s*Semafor\s*$", "", title).strip() or None


def _dates(
    header: Header, hints: Hints, overrides: Hints, url: str | None
) -> tuple[str | None, str | None, list[str]]:
    """Published date by precedence: option, URL path, metadata, dateline, Updated line."""
    flags: list[str] = []
    stamp, is_updated = header.timestamp or (None, False)
    updated = stamp if (stamp and is_updated) else hints.updated
    published = overrides.published or date_from_url(url) or hints.published
    if not published and stamp and not is_updated:
        published = stamp[:10]
    if not published and stamp:
        published = stamp[:10]
        flags.append("date_from_updated")
    if not published:
        flags.append("no_date")
    return published, updated, flags


def story_key(story: Story) -> str:
    """The identity of a story across revisions: its normalized URL path, else title and date."""
    if story.url:
        return story.url
    return f"untitled-url:{name_key(clean_name(story.title))}|{story.published or ''}"
