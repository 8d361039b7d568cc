"""Theme taxonomy and explainable theme assignment.

The taxonomy is a TOML file shipped with the package (``signals_data/data/themes.toml``), or the
file named by ``SIGNALS_THEMES``. A signal's score for a theme counts its terms: three points in the
headline, one in the body. Every assignment keeps the terms that matched, so the dashboard can say
why a signal carries a theme.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from signals_data.models import ThemeScore

HEADLINE_WEIGHT = 3


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str
    description: str
    terms: tuple[str, ...]
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Taxonomy:
    themes: tuple[Theme, ...]
    min_score: float
    relative_cutoff: float
    fallback: str

    def by_slug(self) -> dict[str, Theme]:
        return {t.slug: t for t in self.themes}


def _term_regex(term: str) -> str:
    stem = term.rstrip("*")
    body = re.escape(stem).replace(r"\ ", r"\s+")
    return rf"{body}\w*" if term.endswith("*") else body


def _compile_terms(terms: tuple[str, ...]) -> re.Pattern[str]:
    # Upper-case terms (AI, GDP, NATO) match case-sensitively; everything else ignores case.
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        regex = _term_regex(term)
        parts.append(regex if term.isupper() else f"(?i:{regex})")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


@lru_cache(maxsize=4)
def load_taxonomy(path: str | None = None) -> Taxonomy:
    path = path or os.environ.get("SIGNALS_THEMES")
    if path:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    else:
        data = tomllib.loads(
            (resources.files("signals_data") / "data" / "themes.toml").read_text("utf-8")
        )
    settings = data.get("settings", {})
    themes = tuple(
        Theme(
            slug=slug,
            name=spec.get("name", slug),
            description=spec.get("description", ""),
            terms=tuple(spec.get("terms", ())),
            pattern=_compile_terms(tuple(spec.get("terms", ()))),
        )
        for slug, spec in data["themes"].items()
    )
    return Taxonomy(
        themes=themes,
        min_score=float(settings.get("min_score", 2)),
        relative_cutoff=float(settings.get("relative_cutoff", 0.5)),
        fallback=settings.get("fallback", themes[0].slug),
    )


def _matches(pattern: re.Pattern[str], text: str) -> list[str]:
    return [m.group(0).lower() for m in pattern.finditer(text)]


def score_themes(headline: str, body: str, taxonomy: Taxonomy) -> list[ThemeScore]:
    """Themes for one signal, best first; never empty (the fallback theme carries score 0)."""
    scored: list[ThemeScore] = []
    for theme in taxonomy.themes:
        in_headline = _matches(theme.pattern, headline)
        in_body = _matches(theme.pattern, body)
        score = HEADLINE_WEIGHT * len(in_headline) + len(in_body)
        if score:
            terms = sorted(set(in_headline + in_body))
            scored.append(ThemeScore(theme.slug, float(score), terms))
    # Ties keep taxonomy order, so results are deterministic.
    scored.sort(key=lambda t: -t.score)
    if not scored or scored[0].score < taxonomy.min_score:
        return [ThemeScore(taxonomy.fallback, 0.0, [])]
    cutoff = max(taxonomy.min_score, scored[0].score * taxonomy.relative_cutoff)
    return [t for t in scored if t.score >= cutoff]
