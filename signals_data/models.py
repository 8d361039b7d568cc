"""Plain data: what the parser produces, what the store is given and reports, and the one shape
of an exported story (``story_record``) that the JSONL export writes and the import reads."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


class _PickledByFields:
    """Pickled (and copied) as its class and its fields' values, rebuilt by calling the class.

    The parsing process sends every parsed page back to the writing process: unpickled the
    default way, each object's attributes were restored from a dict, about 10 µs an object and
    0.08 ms a page in the writer. Calling the class with the values costs a fifth of that. Every
    attribute of these classes is a field (none is added later), so nothing is left behind."""

    __slots__ = ()

    def __reduce__(self):
        return type(self), tuple([getattr(self, name) for name in self.__dataclass_fields__])


@dataclass
class ThemeScore(_PickledByFields):
    slug: str
    score: float
    terms: list[str]  # the words and phrases that matched, as written in the signal
    similarity: float | None = None  # cosine similarity of the signal to the theme's examples
    prior: float | None = None  # the story's title and The News: this theme's share, 0 to 1


@dataclass
class Signal(_PickledByFields):
    position: int
    headline: str
    body: str
    outlets: list[str] = field(default_factory=list)  # credited on a Source line
    mentions: list[str] = field(default_factory=list)  # named in the prose
    themes: list[ThemeScore] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@dataclass
class Story(_PickledByFields):
    title: str
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD
    updated: str | None = None  # ISO 8601 with offset
    region: str | None = None
    category: str | None = None
    summary: str = ""
    insights_from: list[str] = field(default_factory=list)
    sponsor: str | None = None
    signals: list[Signal] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def to_export(self, story_id: int | None = None) -> dict:
        """The JSONL export shape (see README, "Export format")."""
        return story_record(
            story_id,
            url=self.url,
            title=self.title,
            published=self.published,
            updated=self.updated,
            region=self.region,
            category=self.category,
            summary=self.summary,
            insights_from=self.insights_from,
            sponsor=self.sponsor,
            signals=[
                signal_record(
                    s.position,
                    s.headline,
                    s.body,
                    s.outlets,
                    s.mentions,
                    [t.slug for t in s.themes],
                )
                for s in self.signals
            ],
        )

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Hints:
    """What is known about a page from outside its text: metadata, command-line options."""

    title: str | None = None
    url: str | None = None
    published: str | None = None
    updated: str | None = None


# --- the export record: one shape, written by ``export`` and ``Story.to_export`` --------------


def signal_record(
    position: int | None,
    headline: str | None,
    body: str | None,
    outlets: list[str],
    mentions: list[str],
    themes: list[str],
) -> dict:
    """One signal of an exported story (README, "Export format")."""
    return {
        "position": position,
        "headline": headline,
        "body": body,
        "outlets": list(outlets),
        "mentions": list(mentions),
        "themes": list(themes),
    }


def story_record(
    story_id: int | None,
    *,
    url: str | None,
    title: str | None,
    published: str | None,
    updated: str | None,
    region: str | None,
    category: str | None,
    summary: str | None,
    insights_from: list[str],
    sponsor: str | None,
    signals: list[dict],
) -> dict:
    """One exported story (a JSONL line); ``signals`` from ``signal_record``."""
    return {
        "id": story_id,
        "url": url,
        "title": title,
        "published": published,
        "updated": updated,
        "region": region,
        "category": category,
        "summary": summary,
        "insights_from": list(insights_from),
        "sponsor": sponsor,
        "signals": signals,
    }


# --- what the store is given and what it reports ---------------------------------------------


@dataclass
class DocumentInput(_PickledByFields):
    """One input as read: the bytes are what gets kept, whatever happens next."""

    origin: str
    content: bytes | None
    format: str | None = None
    encoding: str | None = None
    options: dict | None = None


@dataclass
class Outcome(_PickledByFields):
    """What became of one input: its status (see ``store.STATUSES``), a message naming it, and
    the document and story rows it was stored as."""

    origin: str
    status: str
    message: str
    document_id: int | None = None
    story_id: int | None = None
