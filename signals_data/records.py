"""Validation of JSONL export records (README, "Export format") before they reach the store.

A line of a ``.jsonl`` file is someone else's data: every field is checked for its type, a sane
length, its range and, for theme slugs, against the current taxonomy. A bad line raises
``InvalidRecord`` naming the field as a path into the record (``signals[2].position: ...``,
indexes counted from 0 as in JSON tools), so the caller can reject that line alone.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from signals_data.errors import SignalsError

# Caps far above any real page, low enough that one line cannot flood the database or a chart.
MAX_TITLE = 1_000
MAX_NAME = 300  # outlet names, region, category, sponsor
MAX_URL = 4_096
MAX_SUMMARY = 200_000
MAX_HEADLINE = 2_000
MAX_BODY = 200_000
MAX_NAMES = 500  # outlets, mentions or insights of one story or signal
MAX_SIGNALS = 1_000
MAX_THEMES = 50
INT64 = 2**63

ShortText = Annotated[str, Field(max_length=MAX_NAME)]
Names = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=MAX_NAME)]], Field(max_length=MAX_NAMES)
]


class InvalidRecord(SignalsError):
    """A JSONL record whose fields do not have the export format's types, lengths or ranges."""


class _Strict(BaseModel):
    # Strict: a list or a number where text is expected is an error, not converted. Fields
    # that a later export may add are ignored.
    model_config = ConfigDict(strict=True, extra="ignore")


class SignalRecord(_Strict):
    position: Annotated[int, Field(ge=1, le=MAX_SIGNALS)]
    headline: Annotated[str, Field(max_length=MAX_HEADLINE)] | None = None
    body: Annotated[str, Field(max_length=MAX_BODY)] | None = None
    outlets: Names | None = None
    mentions: Names | None = None
    themes: (
        Annotated[list[Annotated[str, Field(max_length=64)]], Field(max_length=MAX_THEMES)] | None
    ) = None


class StoryRecord(_Strict):
    id: Annotated[int, Field(ge=-INT64, lt=INT64)] | None = None
    url: Annotated[str, Field(max_length=MAX_URL)] | None = None
    # Empty for a copy saved without its headline (exported stories flagged "untitled").
    title: Annotated[str, Field(max_length=MAX_TITLE)]
    published: Annotated[str, Field(max_length=10)] | None = None
    updated: Annotated[str, Field(max_length=64)] | None = None
    region: ShortText | None = None
    category: ShortText | None = None
    summary: Annotated[str, Field(max_length=MAX_SUMMARY)] | None = None
    insights_from: Names | None = None
    sponsor: ShortText | None = None
    signals: Annotated[list[SignalRecord], Field(max_length=MAX_SIGNALS)] | None = None

    @field_validator("published")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            if len(value) != 10:
                raise ValueError
            return date.fromisoformat(value).isoformat()
        except ValueError:
            raise ValueError(f"{value!r} is not a date as YYYY-MM-DD") from None

    @field_validator("updated")
    @classmethod
    def _timestamp(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO 8601 timestamp") from None
        return value

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        from signals_data.urls import normalize_url

        try:
            normalize_url(value)  # a bad port or a broken IPv6 host raises here
        except ValueError as exc:
            raise ValueError(f"not a usable URL ({exc})") from None
        return value


def _path(loc: tuple[Any, ...]) -> str:
    """('signals', 2, 'position') -> 'signals[2].position'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part:
            out += f".{part}" if out else str(part)
    return out or "record"


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    if isinstance(value, int) and not isinstance(value, bool):
        return "a number" + (" beyond the 64-bit range" if abs(value) >= INT64 else "")
    return names.get(type(value), f"a {type(value).__name__}")


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors(include_url=False)[:3]:
        message = error["msg"].removeprefix("Value error, ")
        if error["type"].endswith("_type") or error["type"] in ("int_from_float",):
            message += f" (got {_kind(error.get('input'))})"
        parts.append(f"{_path(error['loc'])}: {message}")
    more = exc.error_count() - len(parts)
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def _check_positions(signals: list[SignalRecord]) -> None:
    seen: dict[int, int] = {}
    for index, signal in enumerate(signals):
        if signal.position > len(signals):
            raise InvalidRecord(
                f"signals[{index}].position: {signal.position} is beyond the story's "
                f"{len(signals)} signals (positions run from 1 to {len(signals)})"
            )
        if signal.position in seen:
            raise InvalidRecord(
                f"signals[{index}].position: {signal.position} is also the position of "
                f"signals[{seen[signal.position]}]"
            )
        seen[signal.position] = index


def _check_themes(signals: list[SignalRecord], known: set[str]) -> None:
    for index, signal in enumerate(signals):
        for t, slug in enumerate(signal.themes or []):
            if slug not in known:
                raise InvalidRecord(
                    f"signals[{index}].themes[{t}]: {slug[:64]!r} is not a theme of the current "
                    f"taxonomy ({', '.join(sorted(known))})"
                )


def validate_record(record: Any, known_themes: set[str]) -> StoryRecord:
    """The record as a ``StoryRecord``; raises ``InvalidRecord`` naming the first bad fields."""
    if not isinstance(record, dict):
        raise InvalidRecord(
            f"expected one exported story (a JSON object) per line, got {_kind(record)}"
        )
    try:
        story = StoryRecord.model_validate(record)
    except ValidationError as exc:
        raise InvalidRecord(_describe(exc)) from None
    signals = story.signals or []
    _check_positions(signals)
    _check_themes(signals, known_themes)
    return story
