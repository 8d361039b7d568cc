"""Dates on Signals pages: URL paths, metadata, and "Updated Apr 9, 2025, 1:35pm EDT"."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# US Eastern is what the pages print; the others appear on rewritten copies.
TZ_OFFSETS = {"EDT": -4, "EST": -5, "ET": -5, "GMT": 0, "UTC": 0, "BST": 1, "CET": 1, "CEST": 2}

# The months' short names, for patterns (case-insensitive here; the parser's glued-time pattern
# wants them capitalized, ``MONTH_PATTERN_CAPITALIZED``).
MONTH_PATTERN = r"jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec"
MONTH_PATTERN_CAPITALIZED = "|".join(name.capitalize() for name in MONTHS)
TIMESTAMP = re.compile(
    # (A machine translation back to English may print "Update Oct 8, 2024, 10:15 EDT" or
    # "Renewed Apr 4, 2025, …"; a rewording site "Up to date Dec 23, 2024".)
    r"^(?:(?:published|posted):?\s+)?"
    r"(?P<updated>(?:last\s+)?(?:updated?|renewed):?\s+(?:on\s+)?|up to date\s+)?"
    r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?"
    # "Apr 9, 2025" as the pages print it, or "9 Apr 2025" as rewritten copies do
    rf"(?:(?P<mon>{MONTH_PATTERN})[a-z]*\.?\s+(?P<day>\d{{1,2}})|(?P<day_first>\d{{1,2}})\.?\s+"
    rf"(?P<mon_after>{MONTH_PATTERN})[a-z]*\.?),?\s+(?P<year>(?:19|20)\d\d)"
    # (A feed's time has its seconds: "Fri, 05 Jul 2024 09:45:12 GMT".)
    # (Text recognition may read "am" as "arn".)
    r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d\d)(?::\d\d)?"
    r"\s*(?P<ampm>[ap]\.?(?:m|rn)\.?)?"
    r"\s*(?P<tz>[a-z]{2,4})?(?P<shift>[+-]\d{1,2}(?::?\d\d)?)?)?"  # "GMT+3"
    r"(?:\s*[·•]?\s*\d{1,2}\s*min(?:ute)?s?\s+read)?\s*$",  # a syndicator's "3 min read"
    re.IGNORECASE,
)
URL_DATE = re.compile(r"/(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d\d)/")
ISO_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)")
# A metadata time with its offset ("2024-08-14T03:35:00Z", "…+00:00"): a moment, not a day.
ISO_MOMENT = re.compile(
    r"(?:19|20)\d\d-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?\s*(?:Z|[+-]\d\d:?\d\d)",
    re.I,
)
# Semafor dates its pages (the URL path, the Updated line) in US Eastern time: a story put up at
# 11:35pm EDT has the next day's date in UTC metadata, and that day is not the story's.
EASTERN = ZoneInfo("America/New_York")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_from_url(url: str | None) -> str | None:
    """The publication date in a Semafor article path: /article/MM/DD/YYYY/slug."""
    if not url:
        return None
    match = URL_DATE.search(url)
    if not match:
        return None
    found = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return found.isoformat() if found else None


def iso_date(value: str | None) -> str | None:
    """YYYY-MM-DD from an ISO date or datetime string (metadata, front matter, --published)."""
    if not value:
        return None
    if moment := ISO_MOMENT.search(str(value)):
        day = _eastern_day(moment[0])
        if day:
            return day
    match = ISO_DATE.search(str(value))
    if not match:
        stamp = parse_timestamp(str(value).strip())
        return stamp[0][:10] if stamp else None
    found = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return found.isoformat() if found else None


def _eastern_day(moment: str) -> str | None:
    try:
        stamp = datetime.fromisoformat(moment[:10] + "T" + re.sub(r"\s+", "", moment[11:]).upper())
    except ValueError:
        return None
    return stamp.astimezone(EASTERN).date().isoformat()


# A reading app's "published" line in its language, whose numbers are day first ("Publié le
# 07/05/2024"): an English "05/04/2025" is not read, its order unknown.
LOCAL_PUBLISHED = re.compile(
    r"^(?:publié le|publicado (?:el|em)|veröffentlicht am|pubblicato il)\s*:?\s*"
    r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>(?:19|20)\d\d)$",
    re.IGNORECASE,
)


# A date alone in figures, as a syndicating site prints it under the byline ("6/18/2025"): read
# only when a single order of day and month makes a date, or when an American time zone after
# its time says the month comes first (a terminal's "08/10/2023 07:48 ET", "06/13/25 09:41 ET").
NUMERIC_DATE = re.compile(
    r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)?\d\d)"
    r"(?:\s+\d{1,2}:\d\d\s*(?:[ap]\.?m\.?\s*)?(?P<us>[ECMP][SD]?T))?$",
    re.I,
)


DOTTED_DATE = re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)")


def _numeric_date(line: str) -> date | None:
    found = NUMERIC_DATE.match(line.strip())
    if not found:
        return None
    a, b, year = int(found["a"]), int(found["b"]), int(found["y"])
    if found["us"]:
        return _safe_date(year if year > 99 else 2000 + year, a, b)  # ("06/13/25 09:41 ET")
    if year < 100:
        return None  # (two figures of a year, and no zone: "6/7/24" may be anything)
    readings = {d for d in (_safe_date(year, a, b), _safe_date(year, b, a)) if d}
    return readings.pop() if len(readings) == 1 else None


# A terminal's or a log's time in ISO form: "2024-02-08 09:41:07.112 GMT", "2024-02-08T09:41Z".
ISO_STAMP = re.compile(
    r"^(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)"
    r"(?:[T ](?P<h>\d\d):(?P<mi>\d\d)(?::\d\d(?:\.\d{1,6})?)?\s*(?P<utc>Z|GMT|UTC)?)?$"
)


def _iso_stamp(found: re.Match[str]) -> tuple[str, bool] | None:
    """The date, with its time when the zone is given (UTC)."""
    day = _safe_date(int(found["y"]), int(found["m"]), int(found["d"]))
    if day is None:
        return None
    if not (found["h"] and found["utc"]) or int(found["h"]) > 23 or int(found["mi"]) > 59:
        return day.isoformat(), False
    stamp = datetime(day.year, day.month, day.day, int(found["h"]), int(found["mi"]), tzinfo=UTC)
    return stamp.isoformat(), False


# A translation back to English may put the time first: "Updated at 4:10 am EST on January 17,
# 2025".
_TIME_FIRST = re.compile(
    r"^updated at (?P<time>\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*[a-z]{0,4}) on (?P<day>.+)$",
    re.I,
)


def parse_timestamp(line: str) -> tuple[str, bool] | None:
    """An ISO timestamp (or date) from a dateline, and whether it was an "Updated" line."""
    match = TIMESTAMP.match(line)
    if not match and line[:11].lower() == "updated at " and (turned := _TIME_FIRST.match(line)):
        return parse_timestamp(f"Updated {turned['day']}, {turned['time']}")
    if not match:
        local = LOCAL_PUBLISHED.match(line) if line[:1] in "PpVv" else None
        day = local and _safe_date(int(local["y"]), int(local["m"]), int(local["d"]))
        if not day and line[:1].isdigit() and "/" in line:
            day = _numeric_date(line)
        if not day and line[:2] in ("19", "20") and (iso := ISO_STAMP.match(line.strip())):
            return _iso_stamp(iso)
        if not day and line[:1].isdigit() and (dotted := DOTTED_DATE.match(line.strip())):
            # "06.03.2024": written so, the day comes first (Europe, Russia, Turkey).
            day = _safe_date(int(dotted["y"]), int(dotted["m"]), int(dotted["d"]))
        return (day.isoformat(), False) if day else None
    month = MONTHS[(match["mon"] or match["mon_after"])[:3].lower()]
    day = _safe_date(int(match["year"]), month, int(match["day"] or match["day_first"]))
    if day is None:
        return None
    updated = bool(match["updated"])
    if match["hour"] is None:
        return day.isoformat(), updated
    hour = int(match["hour"]) % 12 if match["ampm"] else int(match["hour"])
    if match["ampm"] and match["ampm"].lower().startswith("p"):
        hour += 12
    if hour > 23 or int(match["minute"]) > 59:
        return day.isoformat(), updated
    offset = TZ_OFFSETS.get((match["tz"] or "ET").upper(), -5)
    if match["shift"] and (match["tz"] or "GMT").upper() in ("GMT", "UTC"):  # "… +0000" too
        digits = match["shift"][1:].replace(":", "")
        hours, minutes = (
            (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
        )
        offset = (1 if match["shift"][0] == "+" else -1) * (hours + minutes / 60)
    stamp = datetime(
        day.year,
        day.month,
        day.day,
        hour,
        int(match["minute"]),
        tzinfo=timezone(timedelta(hours=offset)),
    )
    return stamp.isoformat(), updated


def valid_iso_date(value: str) -> str:
    """Check a user-given YYYY-MM-DD; raise ValueError with a helpful message otherwise."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2024-05-16") from None
