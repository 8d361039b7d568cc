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


@dataclass(frozen=True)
class Taxonomy:
    themes: tuple[Theme, ...]
    min_score: float
    relative_cutoff: float
    fallback: str
    index: TermIndex


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Term:
    theme: str
    words: tuple[str, ...]  # lower-cased, except for all-capitals terms (AI, GDP, NATO)
    prefix: bool  # the last word may continue ("trade*" matches "traders")
    exact_case: bool


class TermIndex:
    """All terms of all themes, indexed by first word, so a text is scanned once, word by word.

    One pass over the words with dictionary look-ups is several times faster than running a
    regular expression per theme, and ingest speed depends on it.
    """

    def __init__(self, themes: tuple[Theme, ...]):
        self.exact: dict[str, list[_Term]] = {}
        self.prefixes: dict[str, list[_Term]] = {}  # keyed by the first three letters
        for theme in themes:
            for raw in theme.terms:
                exact_case = raw.rstrip("*").isupper()
                text = raw.rstrip("*") if exact_case else raw.rstrip("*").lower()
                term = _Term(theme.slug, tuple(_WORD.findall(text)), raw.endswith("*"), exact_case)
                first = term.words[0]
                if term.prefix and len(term.words) == 1:
                    self.prefixes.setdefault(first[:3], []).append(term)
                else:
                    self.exact.setdefault(first, []).append(term)

    def _candidates(self, word: str, lower: str) -> list[_Term]:
        exact, prefixed = self.exact.get(lower), self.prefixes.get(lower[:3])
        found = (exact or []) + (prefixed or []) if (exact or prefixed) else []
        if word != lower and word in self.exact:
            found = found + self.exact[word]
        return found

    def hits(self, text: str) -> list[tuple[str, str]]:
        """(theme slug, matched words) for every term occurrence in the text."""
        words = _WORD.findall(text)
        lowered = [w.lower() for w in words]
        out: list[tuple[str, str]] = []
        exact, prefixes = self.exact, self.prefixes
        for i, word in enumerate(words):
            lower = lowered[i]
            # Most words start no term: skip them with two set look-ups.
            if lower not in exact and lower[:3] not in prefixes and word not in exact:
                continue
            for term in self._candidates(word, lower):
                span = words if term.exact_case else lowered
                n = len(term.words)
                if n == 1:
                    token = span[i]
                    ok = token.startswith(term.words[0]) if term.prefix else token == term.words[0]
                else:
                    window = span[i : i + n]
                    ok = len(window) == n and (
                        window[:-1] == list(term.words[:-1])
                        and (
                            window[-1].startswith(term.words[-1])
                            if term.prefix
                            else window[-1] == term.words[-1]
                        )
                    )
                if ok:
                    out.append((term.theme, " ".join(lowered[i : i + n])))
        return out


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
        )
        for slug, spec in data["themes"].items()
    )
    return Taxonomy(
        themes=themes,
        index=TermIndex(themes),
        min_score=float(settings.get("min_score", 2)),
        relative_cutoff=float(settings.get("relative_cutoff", 0.5)),
        fallback=settings.get("fallback", themes[0].slug),
    )


def score_themes(headline: str, body: str, taxonomy: Taxonomy) -> list[ThemeScore]:
    """Themes for one signal, best first; never empty (the fallback theme carries score 0)."""
    scores: dict[str, float] = {}
    terms: dict[str, set[str]] = {}
    for weight, text in ((HEADLINE_WEIGHT, headline), (1, body)):
        for slug, matched in taxonomy.index.hits(text):
            scores[slug] = scores.get(slug, 0) + weight
            terms.setdefault(slug, set()).add(matched)
    order = {theme.slug: i for i, theme in enumerate(taxonomy.themes)}
    # Ties keep taxonomy order, so results are deterministic.
    ranked = sorted(scores, key=lambda slug: (-scores[slug], order[slug]))
    if not ranked or scores[ranked[0]] < taxonomy.min_score:
        return [ThemeScore(taxonomy.fallback, 0.0, [])]
    cutoff = max(taxonomy.min_score, scores[ranked[0]] * taxonomy.relative_cutoff)
    return [
        ThemeScore(slug, float(scores[slug]), sorted(terms[slug]))
        for slug in ranked
        if scores[slug] >= cutoff
    ]
