"""A deterministic synthetic corpus of Signals pages, in every variant, for demos and benchmarks.

The pages are made up and look it: fictional countries (Norland, Estoria, …), invented outlets
beside real outlet names, and quotes only from unnamed roles ("a trade analyst"). The structure
is what matters: Zipf-like citation counts, communities of outlets cited together (each with a
beat of two themes it covers more often), themes that burst around events, several years of
dates, stripped Source lines, untitled 2023-style signals and revisions. Every page goes
through the real parser and store.
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlite_utils

from signals_data.outlets import load_registry
from signals_data.store import (
    DocumentInput,
    Outcome,
    Writer,
    deferred_indexes,
    set_meta,
    transaction,
)

START = date(2022, 1, 3)
DAYS = 3 * 365 + 180
COUNTRIES = [
    "Norland",
    "Estoria",
    "Valdoria",
    "Marisca",
    "Quellan",
    "Ostrava Minor",
    "Tessaly",
    "Kelvania",
    "Doravia",
    "Sundar",
    "Auron",
    "Pellucia",
    "Brevania",
    "Caldera Isles",
]
REGIONS = [
    "Europe",
    "Africa",
    "Middle East",
    "South Asia",
    "East Asia",
    "North America",
    "South America",
    "Southeast Asia",
]
CATEGORIES = ["security", "politics", "business", "tech", "africa", "net zero", "gulf"]
PLACE_WORDS = [
    "Harbor",
    "Ridge",
    "Lake",
    "North",
    "Cedar",
    "Iron",
    "Silver",
    "Bay",
    "Stone",
    "River",
    "Summit",
    "Meadow",
    "Granite",
    "Coast",
    "Valley",
    "Crown",
]
PAPER_WORDS = [
    "Ledger",
    "Courier",
    "Dispatch",
    "Review",
    "Monitor",
    "Observer",
    "Gazette",
    "Chronicle",
    "Herald",
    "Bulletin",
    "Tribune",
    "Record",
    "Journal",
]
TANK_WORDS = ["Strategy", "Policy", "Economics", "Security", "Development", "Trade", "Energy"]
FIRST = ["Ari", "Bea", "Cal", "Dee", "Eli", "Fen", "Gus", "Hal", "Ines", "Jo", "Kit", "Lou"]
LAST = ["Example", "Sample", "Placeholder", "Specimen", "Mock", "Dummy", "Fixture", "Stub"]

THEME_LINES = {
    "trade": (
        "Trade {v} as exports of {thing} {move}",
        "tariffs on {thing}",
        "imports and exports of {thing} shifted, customs data showed, and sanctions "
        "rerouted supply chains",
    ),
    "history": (
        "A decades-old rivalry {v}",
        "a legacy of the colonial era",
        "historians trace the dispute back a century, to the end of an empire, and "
        "call it a turning point for the region",
    ),
    "diplomacy": (
        "Envoys {v} in summit talks",
        "diplomatic ties and a new partnership",
        "foreign ministers held bilateral talks and the two allies signed a pact, "
        "diplomats said, as relations warmed",
    ),
    "security": (
        "Troops {v} near the border",
        "military drills and missile tests",
        "the army moved troops and drones to the frontier, defense officials said, "
        "and the navy held exercises",
    ),
    "economy": (
        "Inflation {v} as the central bank waits",
        "interest rates and debt",
        "economists expect growth to slow, the central bank kept interest rates "
        "unchanged, and bond investors worried about debt",
    ),
    "energy-climate": (
        "Power prices {v} in a heat wave",
        "oil, gas and emissions",
        "energy companies warned of gas shortages, renewable projects stalled, "
        "and carbon emissions rose",
    ),
    "technology": (
        "Chipmakers {v} over export rules",
        "semiconductors and AI",
        "tech firms said the chip rules would hit data centers, and a cyber "
        "attack exposed software flaws",
    ),
    "politics": (
        "Voters {v} before a snap election",
        "the ruling party and the opposition",
        "the president called an election, opposition parties campaigned, and "
        "protests grew in the capital",
    ),
}
VERBS = ["stall", "surge", "falter", "rebound", "shift", "tighten", "ease", "split"]
THINGS = ["grain", "steel", "cars", "fertilizer", "timber", "rare earths", "textiles", "fish"]
MOVES = ["climb", "slump", "stall", "recover"]
# Events: (day offset, theme, length in days, how much the theme's weight grows)
EVENT_COUNT = 24
FORMATS = ("icon", "clean", "markdown", "html")


@dataclass
class DemoOutlet:
    name: str
    kind: str
    country: str | None
    community: int
    weight: float
    synthetic: bool


@dataclass
class SignalSpec:
    headline: str
    sources: list[str]
    body: str


@dataclass
class PageSpec:
    url: str
    title: str
    published: date
    updated: datetime
    category: str | None
    region: str | None
    sponsor: str | None
    insights: list[str]
    summary: list[str]
    signals: list[SignalSpec] = field(default_factory=list)
    strip_sources: bool = False
    untitled: bool = False


def _synthetic_outlet_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    names: dict[str, str] = {}
    while len(names) < count:
        roll = rng.random()
        if roll < 0.6:
            name = f"The {rng.choice(PLACE_WORDS)} {rng.choice(PAPER_WORDS)}"
            kind = "newspaper"
        elif roll < 0.75:
            name = f"{rng.choice(COUNTRIES)} Institute for {rng.choice(TANK_WORDS)} Studies"
            kind = "think tank"
        elif roll < 0.85:
            name = f"{rng.choice(PLACE_WORDS)}{rng.choice(['Brief', 'Wire', 'Notes'])}"
            kind = "newsletter"
        elif roll < 0.93:
            name = f"{rng.choice(COUNTRIES)} {rng.choice(['Radio', 'Broadcasting', 'TV'])}"
            kind = "broadcaster"
        else:
            name = f"{rng.choice(PLACE_WORDS)} {rng.choice(['Weekly', 'Quarterly'])}"
            kind = "magazine"
        names.setdefault(name, kind)
    return sorted(names.items())


def build_outlets(rng: random.Random, total: int = 300, communities: int = 8) -> list[DemoOutlet]:
    """Registry outlets plus invented ones, with Zipf-like weights and a community each."""
    registry = load_registry()
    real = [(i.name, i.kind, i.country) for i in registry.outlets.values() if i.kind != "person"]
    invented = _synthetic_outlet_names(rng, max(0, total - len(real)))
    pool = [(n, k, c, False) for n, k, c in real] + [
        (n, k, rng.choice(COUNTRIES), True) for n, k in invented
    ]
    rng.shuffle(pool)
    return [
        DemoOutlet(name, kind, country, rng.randrange(communities), 1.0 / (rank + 1) ** 1.1, syn)
        for rank, (name, kind, country, syn) in enumerate(pool)
    ]


class CorpusGenerator:
    """Deterministic: the same seed and size give the same pages, byte for byte."""

    def __init__(self, stories: int, seed: int = 7):
        self.rng = random.Random(seed)
        self.stories = stories
        self.outlets = build_outlets(self.rng)
        self.by_community: dict[int, list[DemoOutlet]] = {}
        for outlet in self.outlets:
            self.by_community.setdefault(outlet.community, []).append(outlet)
        self.themes = list(THEME_LINES)
        # Each community has a beat of two themes, covered three times as often as others: so
        # outlets carry themes unevenly, as real ones do (the theme × outlet views show it).
        self.beats = {
            community: set(self.rng.sample(self.themes, 2)) for community in self.by_community
        }
        self.events = [
            (
                self.rng.randrange(DAYS),
                self.rng.choice(self.themes),
                self.rng.randrange(10, 40),
                self.rng.uniform(3, 8),
            )
            for _ in range(EVENT_COUNT)
        ]

    def _theme_for(self, day: int) -> str:
        weights = {t: 1.0 for t in self.themes}
        for start, theme, length, boost in self.events:
            if start <= day < start + length:
                weights[theme] += boost
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def _pick_sources(self, community: int, count: int) -> list[str]:
        local = self.by_community[community]
        chosen: dict[str, None] = {}
        while len(chosen) < count:
            pool = local if self.rng.random() < 0.75 else self.outlets
            pick = self.rng.choices(pool, weights=[o.weight for o in pool])[0]
            chosen.setdefault(pick.name, None)
        return list(chosen)

    def _sentence(self, theme: str) -> str:
        return self._fill(THEME_LINES[theme][2])

    def _fill(self, template: str) -> str:
        """A template line with its verb, goods and movement chosen (unused ones are ignored)."""
        rng = self.rng
        return template.format(
            v=rng.choice(VERBS), thing=rng.choice(THINGS), move=rng.choice(MOVES)
        )

    def spec(self, index: int) -> PageSpec:
        rng = self.rng
        day = int(DAYS * index / max(1, self.stories)) + rng.randrange(0, 3)
        published = START + timedelta(days=min(day, DAYS))
        theme = self._theme_for(day)
        country, other = rng.sample(COUNTRIES, 2)
        communities = sorted(self.by_community)
        community = rng.choices(
            communities, weights=[3 if theme in self.beats[c] else 1 for c in communities]
        )[0]
        headline, _, _ = THEME_LINES[theme]
        title = (
            f"{country}: "
            + headline.format(v=rng.choice(VERBS), thing=rng.choice(THINGS), move=rng.choice(MOVES))
            + f" (demo {index})"
        )
        signals = []
        untitled = published.year == 2023 and rng.random() < 0.15
        for position in range(rng.randint(2, 5)):
            signal_theme = theme if position == 0 else rng.choice([theme, *self.themes])
            sources = self._pick_sources(community, rng.choices([1, 2, 3, 4], [50, 30, 15, 5])[0])
            hl, topic, line = (self._fill(t) for t in THEME_LINES[signal_theme])
            person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            body = (
                f"In {country}, {line}, {sources[0]} reported. "
                f"A regional analyst, {person} (a fictional name), told {sources[-1]} "
                f"that {topic} would shape talks with {other} this year."
            )
            if rng.random() < 0.35:  # a second angle, so some signals carry two themes
                body += f" Others noted that {self._fill(THEME_LINES[rng.choice(self.themes)][2])}."
            signals.append(
                SignalSpec(
                    hl,
                    sources,
                    body,
                )
            )
        insights = list(dict.fromkeys(s for sig in signals for s in sig.sources))[:4]
        slug = f"demo-story-{index}"
        updated = datetime.combine(published, datetime.min.time()) + timedelta(
            days=rng.choice([0, 0, 1, 2]), hours=rng.randrange(6, 20), minutes=rng.randrange(60)
        )
        return PageSpec(
            url=f"https://www.semafor.com/article/{published:%m/%d/%Y}/{slug}",
            title=title,
            published=published,
            updated=updated,
            category=rng.choice([*CATEGORIES, None]),
            region=rng.choice([*REGIONS, None]),
            sponsor="Microsoft" if rng.random() < 0.1 else None,
            insights=insights,
            summary=[
                f"Officials in {country} said on {published:%A} that {self._sentence(theme)}.",
                f"Neighbors including {other} are watching closely.",
            ],
            signals=signals,
            strip_sources=rng.random() < 0.15,
            untitled=untitled,
        )

    def pages(self) -> Iterator[tuple[str, str, bytes]]:
        """(origin, format, bytes) for every page, with a later revision for about 2% of them."""
        for index in range(self.stories):
            spec = self.spec(index)
            fmt = FORMATS[index % len(FORMATS)]
            yield f"demo://{index}.{fmt}", _FORMAT_NAMES[fmt], RENDERERS[fmt](spec)
            # Revisions need the URL to be recognised: only formats that carry one get them.
            if self.rng.random() < 0.04 and fmt in ("markdown", "html"):
                spec.updated += timedelta(hours=5)
                spec.title = spec.title.replace("(demo", "(revised demo")
                yield f"demo://{index}-rev.md", "markdown", render_markdown(spec)


# --- renderers: one page spec, four ways of saving it ----------------------------------------

_FORMAT_NAMES = {"icon": "text", "clean": "text", "markdown": "markdown", "html": "html"}


def _stamp(spec: PageSpec) -> str:
    t = spec.updated
    hour = t.hour % 12 or 12
    return f"Updated {t:%b} {t.day}, {t:%Y}, {hour}:{t:%M}{'am' if t.hour < 12 else 'pm'} EST"


def _tag(spec: PageSpec) -> str:
    return f"{spec.category or ''}{spec.region or ''}"


def _insights(spec: PageSpec) -> str:
    names = spec.insights
    if len(names) == 1:
        return f"Insights from {names[0]}"
    return "Insights from " + ", ".join(names[:-1]) + f", and {names[-1]}"


def render_icon_text(spec: PageSpec) -> bytes:
    nav = ["  • D.C.", "  • BXL", "  • Lagos", "  • Dubai", "  • Beijing", "  • SG"]
    lines = [*nav, "rotating globe", *nav, "Semafor Logo", "", _stamp(spec)]
    if _tag(spec):
        lines.append(_tag(spec))
    lines += ["", "Semafor Signals", "", spec.title, ""]
    if spec.sponsor:
        lines += ["Supported by", "", f"{spec.sponsor} logo", ""]
    lines += [_insights(spec), "", "Arrow Down", "Title icon", "", "The News", ""]
    for para in spec.summary:
        lines += [para, "", "AD", ""] if para is spec.summary[0] else [para, ""]
    lines += [
        "icon",
        "",
        "SIGNALS",
        "",
        "Semafor Signals: Global insights on today's biggest stories.",
        "",
    ]
    for signal in spec.signals:
        if not spec.untitled:
            lines += [signal.headline, "", "Source icon", ""]
            label = "Sources" if len(signal.sources) > 1 else "Source"
            lines += [f"{label}:  {', '.join(signal.sources)}", ""]
        lines += [signal.body, ""]
    lines.append("Semafor Logo")
    return "\n".join(lines).encode("utf-8")


def render_clean_text(spec: PageSpec) -> bytes:
    lines = ["Semafor Signals", "", spec.title, "", _stamp(spec), ""]
    if _tag(spec):
        lines += [_tag(spec), ""]
    lines += [_insights(spec), "", "The News", "", *spec.summary, "", "SIGNALS", ""]
    for signal in spec.signals:
        if not spec.untitled:
            lines += [signal.headline, ""]
            if not spec.strip_sources:
                lines += [f"Source: {', '.join(signal.sources)}", ""]
        lines += [signal.body, ""]
    return "\n".join(lines).encode("utf-8")


def render_markdown(spec: PageSpec) -> bytes:
    lines = [
        f"Title: {spec.title} | Semafor",
        "",
        f"URL Source: {spec.url}?utm_source=demo",
        "",
        f"Published Time: {spec.published.isoformat()}T12:00:00Z",
        "",
        "Markdown Content:",
        "![Semafor Logo](https://static.semafor.com/logo.svg)",
        "",
        _stamp(spec),
        "",
        "Semafor Signals",
        "===============",
        "",
        f"# {spec.title}",
        "",
        _insights(spec),
        "",
        "![Title icon](https://static.semafor.com/t.svg)",
        "",
        "## The News",
        "",
    ]
    for para in spec.summary:
        lines += [para, ""]
    lines += ["## SIGNALS", ""]
    for signal in spec.signals:
        if not spec.untitled:
            lines += [
                f"### {signal.headline}",
                "",
                "![Source icon](https://static.semafor.com/s.svg)",
                "",
            ]
            links = ", ".join(
                f"[{s}](https://example.org/{i})" for i, s in enumerate(signal.sources)
            )
            lines += [f"**Source:** {links}", ""]
        lines += [signal.body, ""]
    return "\n".join(lines).encode("utf-8")


def render_html(spec: PageSpec) -> bytes:
    e = html.escape
    signals = []
    for signal in spec.signals:
        head = (
            ""
            if spec.untitled
            else (
                f'<h3>{e(signal.headline)}</h3><p class="source">Source: '
                f"{e(', '.join(signal.sources))}</p>"
            )
        )
        signals.append(f'<div class="signal">{head}<p>{e(signal.body)}</p></div>')
    summary = "".join(f"<p>{e(p)}</p>" for p in spec.summary)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(spec.title)}</title>
<meta property="og:title" content="{e(spec.title)}"><meta property="og:url" content="{e(spec.url)}">
<meta property="article:published_time" content="{spec.published.isoformat()}T12:00:00Z">
<script>window.dataLayer = [];</script><style>body {{ margin: 0 }}</style></head><body>
<nav><a href="/">Semafor</a><a href="/signals">Signals</a></nav><main><article><header>
<div>{e(_stamp(spec))}</div><div>{e(_tag(spec))}</div><div>Semafor Signals</div>
<h1>{e(spec.title)}</h1><p>{e(_insights(spec))}</p></header>
<section><h2>The News</h2>{summary}</section><section><h2>SIGNALS</h2>
<p>Semafor Signals: Global insights on today's biggest stories.</p>{"".join(signals)}
</section></article></main><footer>© Semafor Inc.</footer></body></html>"""
    return page.encode("utf-8")


RENDERERS: dict[str, Callable[[PageSpec], bytes]] = {
    "icon": render_icon_text,
    "clean": render_clean_text,
    "markdown": render_markdown,
    "html": render_html,
}


def build_demo(
    db: sqlite_utils.Database,
    stories: int,
    seed: int = 7,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Generate the corpus and ingest it through the real parser and store, plus the samples."""
    from signals_data.ingest import store_documents
    from signals_data.samples import ingest_samples

    generator = CorpusGenerator(stories, seed)
    writer = Writer(db)
    outcomes = list(ingest_samples(db).outcomes)
    documents = (
        (DocumentInput(origin, content, fmt), None) for origin, fmt, content in generator.pages()
    )
    with deferred_indexes(db):
        outcomes += store_documents(writer, documents, large=True, progress=progress).outcomes
    with transaction(writer.conn):
        for outlet in generator.outlets:
            if outlet.synthetic:
                writer.conn.execute(
                    "UPDATE outlets SET kind = ?, country = ?, reviewed = 1 WHERE name = ?",
                    [outlet.kind, outlet.country, outlet.name],
                )
    set_meta(db, "demo", "1")
    set_meta(db, "demo_seed", str(seed))
    set_meta(db, "demo_stories", str(stories))
    # Rewrite the file table by table: a bulk load interleaves the pages of every table, and a
    # view that reads a table then reads the disk at random when the pages are not in memory
    # (5-10 times slower at 100,000 stories).
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return outcomes
