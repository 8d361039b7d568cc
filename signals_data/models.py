"""Plain data: what the parser produces and the export format carries."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class ThemeScore:
    slug: str
    score: float
    terms: list[str]  # the words and phrases that matched, as written in the signal
    similarity: float | None = None  # cosine similarity of the signal to the theme's examples
    prior: float | None = None  # the story's title and The News: this theme's share, 0 to 1


@dataclass
class Signal:
    position: int
    headline: str
    body: str
    outlets: list[str] = field(default_factory=list)  # credited on a Source line
    mentions: list[str] = field(default_factory=list)  # named in the prose
    themes: list[ThemeScore] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@dataclass
class Story:
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
        return {
            "id": story_id,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "updated": self.updated,
            "region": self.region,
            "category": self.category,
            "summary": self.summary,
            "insights_from": list(self.insights_from),
            "sponsor": self.sponsor,
            "signals": [
                {
                    "position": s.position,
                    "headline": s.headline,
                    "body": s.body,
                    "outlets": list(s.outlets),
                    "mentions": list(s.mentions),
                    "themes": [t.slug for t in s.themes],
                }
                for s in self.signals
            ],
        }

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Hints:
    """What is known about a page from outside its text: metadata, command-line options."""

    title: str | None = None
    url: str | None = None
    published: str | None = None
    updated: str | None = None
