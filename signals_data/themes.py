"""Theme taxonomy and explainable, hybrid theme assignment.

The taxonomy is a TOML file shipped with the package (``signals_data/data/themes.toml``), or the
file named by ``SIGNALS_THEMES``. Each theme has a name, a description, terms (words and phrases)
and example phrases. A signal's score for a theme combines three kinds of evidence:

- **keywords**: the theme's terms found in the signal, matched on lemmas (``voting`` matches the
  term ``vote``), each term counted once, a phrase counted once for all its words, a term in the
  headline weighted more than one in the body. Outlet names and Source lines are removed first,
  so ``The Economist`` is not evidence for the economy;
- **similarity**: the cosine similarity between the signal and the theme's description and
  examples, with static word embeddings (WordLlama) shipped inside the ``wordllama`` wheel;
- **prior**: the same two kinds of evidence for the story's title and The News, a weak hint shared
  by all the story's signals.

The weights of the three live in the taxonomy's ``[settings]`` (fitted on a labelled development
set by ``benchmarks/themes.py --fit``). Every assignment keeps its matched terms, its similarity
and its prior, so the dashboard can say why a signal carries a theme.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np
import simplemma

from signals_data.models import ThemeScore

HEADLINE_WEIGHT = 3  # default weight of a term found in the headline (a body term weighs 1)


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str
    description: str
    terms: tuple[str, ...]
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    """How the evidence is weighed; every field can be set in the taxonomy's ``[settings]``."""

    headline_weight: float = HEADLINE_WEIGHT  # a term in the headline, against 1 in the body
    phrase_weight: float = 2.0  # a phrase of several words, against 1 for a single word
    keyword_weight: float = 1.0  # weight of the keyword evidence in the combined score
    similarity_weight: float = 1.0  # weight of the semantic similarity
    prior_weight: float = 0.3  # weight of the story's title and The News
    saturation: float = 3.0  # keyword points that give half the maximum keyword evidence
    temperature: float = 0.03  # softmax temperature over the themes' similarities
    min_score: float = 2.0  # fewer keyword points than this, and
    min_similarity: float = 0.0  # no similarity above this: the fallback theme
    relative_cutoff: float = 0.5  # secondary themes score at least this share of the main one
    fallback: str = "other"
    semantic: bool = True  # False: keywords (and the keyword prior) only, no embeddings


@dataclass(frozen=True)
class Taxonomy:
    themes: tuple[Theme, ...]
    min_score: float
    relative_cutoff: float
    fallback: str
    index: TermIndex
    settings: Settings = field(default_factory=Settings)
    # Theme prototypes for the similarity, embedded on first use (see _prototypes).
    cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(theme.slug for theme in self.themes)


# --- words, lemmas and outlet names ------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['’]s\b")
# A Source line left in a text ("Sources: Reuters, The Economist") names outlets, not themes.
_SOURCE_LINE = re.compile(r"^[ \t]*Sources?[ \t]*:.*$", re.MULTILINE | re.IGNORECASE)


@lru_cache(maxsize=262_144)
def lemma(word: str) -> str:
    """The dictionary form of an English word, lower-cased (``voting`` → ``vote``)."""
    return simplemma.lemmatize(word.lower(), lang="en").lower()


@lru_cache(maxsize=262_144)
def _keys(token: str) -> tuple[str, ...]:
    """What a token can match: its lemma, and in capitals if it is capitalised, so that the
    all-capitals term ``AI`` matches ``AI`` but not the lemma of ``ai`` (which is ``be``)."""
    base = lemma(token)
    return (base, token.upper()) if token[0].isupper() else (base,)


def tokens(text: str) -> list[str]:
    """The words of a text: letters and digits; a hyphen or an apostrophe splits a word."""
    return _WORD.findall(_POSSESSIVE.sub("", text))


@lru_cache(maxsize=4096)
def _outlet_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for a signal's outlet names, longest first, with an optional leading "the"."""
    variants = set()
    for name in names:
        words = _WORD.findall(re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE))
        if words:
            variants.add(r"[\W_]+".join(re.escape(w) for w in words))
    if not variants:
        return None
    body = "|".join(sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:the\s+)?(?:{body})(?!\w)", re.IGNORECASE)


def strip_outlets(text: str, outlets: Sequence[str] = ()) -> str:
    """The text without Source lines and without the given outlet names (any case)."""
    text = _SOURCE_LINE.sub(" ", text)
    pattern = _outlet_pattern(tuple(outlets)) if outlets else None
    # A full stop where a name was keeps phrases from joining across it.
    return pattern.sub(" . ", text) if pattern else text


# --- terms ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Term:
    text: str  # as written in the taxonomy
    parts: tuple[tuple[bool, str], ...]  # (is a prefix, lemma or capitals or prefix) per word
    themes: tuple[str, ...]

    @property
    def phrase(self) -> bool:
        return len(self.parts) > 1


def _term_parts(raw: str) -> tuple[tuple[bool, str], ...]:
    """A taxonomy term as words to match. A word in capitals (AI, GDP) must appear capitalised;
    a trailing ``*`` keeps working as "any ending" for taxonomies written before lemmas."""
    prefix = raw.endswith("*")
    words = _WORD.findall(_POSSESSIVE.sub("", raw.rstrip("*")))
    parts = []
    for i, word in enumerate(words):
        if prefix and i == len(words) - 1:
            parts.append((True, word.lower()))
        elif word.isupper() and len(word) > 1:
            parts.append((False, word))
        else:
            parts.append((False, lemma(word)))
    return tuple(parts)


class TermIndex:
    """All terms of all themes, indexed by their first word, so a text is scanned once.

    At each word the longest term that matches there wins and covers its words: ``trade war``
    is a trade phrase and its ``war`` is not also counted for security, and overlapping terms of
    one theme (``military`` and ``militar*``) count once.
    """

    def __init__(self, themes: Sequence[Theme]):
        grouped: dict[tuple, list[str]] = {}
        written: dict[tuple, str] = {}
        for theme in themes:
            for raw in theme.terms:
                parts = _term_parts(raw)
                if not parts:
                    continue
                slugs = grouped.setdefault(parts, [])
                if theme.slug not in slugs:
                    slugs.append(theme.slug)
                written.setdefault(parts, raw)
        self.exact: dict[str, list[_Term]] = {}
        self.prefixes: dict[str, list[_Term]] = {}  # keyed by the prefix's first three letters
        for parts, slugs in grouped.items():
            term = _Term(written[parts], parts, tuple(slugs))
            is_prefix, first = parts[0]
            table = self.prefixes if is_prefix else self.exact
            table.setdefault(first[:3] if is_prefix else first, []).append(term)
        for table in (self.exact, self.prefixes):
            for terms in table.values():
                terms.sort(key=lambda t: -len(t.parts))  # longest first

    def _matches_at(self, i: int, words: list[str], keys: list[tuple[str, ...]], term) -> bool:
        if i + len(term.parts) > len(words):
            return False
        for j, (is_prefix, value) in enumerate(term.parts):
            if is_prefix:
                if not words[i + j].lower().startswith(value):
                    return False
            elif value not in keys[i + j]:
                return False
        return True

    def _candidates(self, word: str, keys: tuple[str, ...]) -> list[_Term]:
        found: list[_Term] = []
        for key in keys:
            found.extend(self.exact.get(key, ()))
        if self.prefixes:
            found.extend(self.prefixes.get(word[:3].lower(), ()))
        return found

    def hits(self, text: str) -> list[tuple[_Term, str]]:
        """(term, the words as written) for every term occurrence, longest match first."""
        return self.hits_in_words(tokens(text))

    def hits_in_words(self, words: list[str]) -> list[tuple[_Term, str]]:
        """``hits`` for a text already split into words."""
        keys = [_keys(w) for w in words]
        exact, has_prefixes = self.exact, bool(self.prefixes)
        out: list[tuple[_Term, str]] = []
        i, n = 0, len(words)
        while i < n:
            # Most words start no term: skip them with a dictionary look-up or two.
            ks = keys[i]
            if not any(k in exact for k in ks) and not (
                has_prefixes and words[i][:3].lower() in self.prefixes
            ):
                i += 1
                continue
            best: list[_Term] = []
            for term in self._candidates(words[i], ks):
                if best and len(term.parts) < len(best[0].parts):
                    continue
                if self._matches_at(i, words, keys, term):
                    if best and len(term.parts) > len(best[0].parts):
                        best = []
                    best.append(term)
            if not best:
                i += 1
                continue
            span = len(best[0].parts)
            surface = " ".join(words[i : i + span]).lower()
            out.extend((term, surface) for term in best)
            i += span
        return out


# --- the taxonomy file ----------------------------------------------------------------------------


def _settings(raw: dict, slugs: Sequence[str]) -> Settings:
    known = Settings.__dataclass_fields__
    values = {k: v for k, v in raw.items() if k in known}
    for key, value in values.items():
        default = getattr(Settings, key)
        values[key] = type(default)(value)
    values.setdefault("fallback", "other" if "other" in slugs else slugs[0])
    return Settings(**values)


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
    themes = tuple(
        Theme(
            slug=slug,
            name=spec.get("name", slug),
            description=spec.get("description", ""),
            terms=tuple(spec.get("terms", ())),
            examples=tuple(spec.get("examples", ())),
        )
        for slug, spec in data["themes"].items()
    )
    settings = _settings(data.get("settings", {}), [t.slug for t in themes])
    return Taxonomy(
        themes=themes,
        index=TermIndex(themes),
        min_score=settings.min_score,
        relative_cutoff=settings.relative_cutoff,
        fallback=settings.fallback,
        settings=settings,
    )


# --- embeddings -----------------------------------------------------------------------------------

_MODEL_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _load_model():
    import wordllama
    from wordllama import WordLlama

    # The wheel ships the weights and the tokenizer. Its default loader looks for the tokenizer
    # in a folder that does not exist ("tokenizer/", not "tokenizers/") and would then download
    # it; pointing the cache at the package's own folder finds both files offline.
    folder = Path(wordllama.__file__).parent
    # Tokenizing in a thread pool gains nothing on a small batch and does not survive the fork
    # of the parsing process (the library would warn on every batch).
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    return WordLlama.load(cache_dir=folder, disable_download=True)


def embedding_model():
    """The WordLlama model, loaded once per process on first use (about 0.2 s), offline."""
    with _MODEL_LOCK:
        root = logging.getLogger()
        handlers, level = list(root.handlers), root.level
        try:
            return _load_model()
        finally:
            # Importing wordllama calls logging.basicConfig(INFO): undo it, logging is the
            # application's business.
            for handler in root.handlers[:]:
                if handler not in handlers:
                    root.removeHandler(handler)
            root.setLevel(level)


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors for the texts, in one call to the model."""
    if not texts:
        return np.zeros((0, 256), dtype=np.float32)
    vectors = embedding_model().embed(texts, norm=False, batch_size=256)
    return _unit(vectors)


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


class _Prototypes(NamedTuple):
    background: np.ndarray  # the direction all texts share, removed before comparing
    themes: np.ndarray  # one unit vector per theme (zero for a theme with no text)


def _prototypes(taxonomy: Taxonomy) -> _Prototypes:
    """Each theme's description and examples, embedded once per taxonomy."""
    with _MODEL_LOCK:
        cached = taxonomy.cache.get("prototypes")
    if cached is not None:
        return cached
    texts, owner = [], []
    for i, theme in enumerate(taxonomy.themes):
        for text in (theme.description, *theme.examples):
            if text.strip():
                texts.append(text)
                owner.append(i)
    vectors = embed(texts)
    # Averaged word vectors all lean the same way; comparing what is left once the average
    # of every theme text is removed separates the themes far better.
    background = vectors.mean(axis=0) if len(texts) else np.zeros(256, dtype=np.float32)
    centred = _unit(vectors - background)
    themes = np.zeros((len(taxonomy.themes), vectors.shape[1] if len(texts) else 256), np.float32)
    for i in range(len(taxonomy.themes)):
        rows = [k for k, o in enumerate(owner) if o == i]
        if rows:
            themes[i] = _unit(centred[rows].mean(axis=0))
    result = _Prototypes(background.astype(np.float32), themes)
    with _MODEL_LOCK:
        taxonomy.cache["prototypes"] = result
    return result


def similarities(texts: list[str], taxonomy: Taxonomy) -> np.ndarray:
    """Cosine similarity of each text to each theme (texts × themes), one embedding call."""
    if not texts:
        return np.zeros((0, len(taxonomy.themes)), dtype=np.float32)
    proto = _prototypes(taxonomy)
    vectors = _unit(embed(texts) - proto.background)
    return vectors @ proto.themes.T


# --- evidence and scores --------------------------------------------------------------------------


class StoryText(NamedTuple):
    """What theme assignment needs of a story: its signals (headline, body), its title and The
    News, and for each signal the outlet names to leave out of the text."""

    signals: Sequence[tuple[str, str]]
    title: str = ""
    news: str = ""
    exclude: Sequence[Sequence[str]] | None = None


@dataclass
class Evidence:
    """Keyword and similarity evidence of one text (a signal, or a story's title and News)."""

    points: np.ndarray  # keyword points per theme (headline terms weighted)
    headline_points: np.ndarray  # the headline's own keyword points per theme
    terms: list[list[str]]  # matched words per theme, as written
    similarity: np.ndarray | None = None  # cosine similarity per theme
    words: int = 0  # words left once outlet names are removed: none, nothing to go on


def keyword_evidence(
    headline: str, body: str, taxonomy: Taxonomy, exclude: Sequence[str] = ()
) -> Evidence:
    """Keyword points per theme. Each term counts once per signal (in the headline if it is
    there), a phrase weighs ``phrase_weight``, a headline term ``headline_weight``."""
    settings = taxonomy.settings
    position = {slug: i for i, slug in enumerate(taxonomy.slugs)}
    best: dict[tuple[int, str], float] = {}  # (theme, term) -> weight
    shown: dict[tuple[int, str], str] = {}
    in_headline: set[tuple[int, str]] = set()
    words = 0
    for is_headline, text in ((True, headline), (False, body)):
        if not text:
            continue
        weight = settings.headline_weight if is_headline else 1.0
        kept = tokens(strip_outlets(text, exclude))
        words += len(kept)
        for term, surface in taxonomy.index.hits_in_words(kept):
            points = weight * (settings.phrase_weight if term.phrase else 1.0)
            for slug in term.themes:
                key = (position[slug], term.text)
                if points > best.get(key, 0.0):
                    best[key] = points
                shown.setdefault(key, surface)
                if is_headline:
                    in_headline.add(key)
    count = len(taxonomy.themes)
    points, headline_points = np.zeros(count), np.zeros(count)
    terms: list[list[str]] = [[] for _ in range(count)]
    for key, value in best.items():
        points[key[0]] += value
        if key in in_headline:
            headline_points[key[0]] += value
        if shown[key] not in terms[key[0]]:
            terms[key[0]].append(shown[key])
    return Evidence(points, headline_points, [sorted(t) for t in terms], words=words)


def _signal_text(headline: str, body: str, exclude: Sequence[str]) -> str:
    return strip_outlets(f"{headline}.\n{body}" if headline else body, exclude)


def gather_evidence(stories: Sequence[StoryText], taxonomy: Taxonomy) -> list[tuple]:
    """For each story: (evidence per signal, evidence of the title and News). All the texts of
    all the stories are embedded in one call."""
    semantic = taxonomy.settings.semantic and taxonomy.settings.similarity_weight > 0
    gathered, texts = [], []
    for story in stories:
        exclude = story.exclude or [()] * len(story.signals)
        signals = []
        for (headline, body), names in zip(story.signals, exclude, strict=True):
            signals.append(keyword_evidence(headline, body, taxonomy, names))
            texts.append(_signal_text(headline, body, names))
        context = keyword_evidence(story.title, story.news, taxonomy)
        texts.append(_signal_text(story.title, story.news, ()))
        gathered.append((signals, context))
    if semantic:
        sims = similarities(texts, taxonomy)
        row = 0
        for signals, context in gathered:
            for evidence in [*signals, context]:
                evidence.similarity = sims[row]
                row += 1
    return gathered


def _keyword_share(points: np.ndarray, settings: Settings) -> np.ndarray:
    """Keyword evidence between 0 and 1: more points, more confidence, with diminishing returns."""
    return points / (points + settings.saturation)


def _similarity_share(sims: np.ndarray, settings: Settings) -> np.ndarray:
    """Similarities as shares that add up to 1 (a softmax): what counts is how much closer the
    signal is to one theme than to the others."""
    scaled = (sims - sims.max()) / max(settings.temperature, 1e-6)
    weights = np.exp(scaled)
    return weights / weights.sum()


def _evidence_score(evidence: Evidence, settings: Settings, usable: np.ndarray) -> np.ndarray:
    score = settings.keyword_weight * _keyword_share(evidence.points, settings)
    if evidence.similarity is not None:
        sims = np.where(usable, evidence.similarity, -np.inf)
        score = score + settings.similarity_weight * _similarity_share(sims, settings)
    return score * usable


def _prior(context: Evidence, settings: Settings, usable: np.ndarray) -> np.ndarray:
    """The story's title and News as shares over the themes (zero when they say nothing)."""
    score = _evidence_score(context, settings, usable)
    total = score.sum()
    return score / total if total > 0 else score


def _is_weak(evidence: Evidence, settings: Settings) -> bool:
    """Too little evidence for any theme: the fallback applies."""
    if not evidence.words:
        return True
    if evidence.points.max(initial=0.0) >= settings.min_score:
        return False
    if evidence.similarity is None:
        return True
    return float(evidence.similarity.max(initial=-1.0)) < settings.min_similarity


def assign(evidence: Evidence, prior: np.ndarray | None, taxonomy: Taxonomy) -> list[ThemeScore]:
    """Themes of one signal from its evidence and the story's prior: the main theme first, then
    the themes scoring within ``relative_cutoff`` of it that have keyword evidence of their own."""
    settings = taxonomy.settings
    slugs = taxonomy.slugs
    fallback = slugs.index(settings.fallback) if settings.fallback in slugs else None
    usable = np.ones(len(slugs), dtype=bool)
    # The fallback theme is a verdict on weak evidence, not a theme to compete with the others,
    # unless the taxonomy gives it terms or examples of its own.
    if fallback is not None and not (
        taxonomy.themes[fallback].terms or taxonomy.themes[fallback].examples
    ):
        usable[fallback] = False
    if _is_weak(evidence, settings):
        return [_fallback_score(evidence, settings.fallback, fallback)]
    score = _evidence_score(evidence, settings, usable)
    if prior is not None:
        score = score + settings.prior_weight * prior
    sims = evidence.similarity
    # Ties: the headline's own evidence, then the similarity, then the name (never file order).
    order = sorted(
        (i for i in range(len(slugs)) if usable[i]),
        key=lambda i: (
            -round(float(score[i]), 9),
            -evidence.headline_points[i],
            -(float(sims[i]) if sims is not None else 0.0),
            slugs[i],
        ),
    )
    main = order[0]
    cutoff = score[main] * settings.relative_cutoff
    chosen = [main] + [
        i
        for i in order[1:]
        if score[i] >= cutoff and evidence.points[i] >= settings.min_score and score[i] > 0
    ]
    return [_theme_score(i, slugs[i], score, evidence, prior) for i in chosen]


def _theme_score(i, slug, score, evidence: Evidence, prior) -> ThemeScore:
    return ThemeScore(
        slug,
        round(float(score[i]), 4),
        list(evidence.terms[i]),
        similarity=None if evidence.similarity is None else round(float(evidence.similarity[i]), 4),
        prior=None if prior is None else round(float(prior[i]), 4),
    )


def _fallback_score(evidence: Evidence, slug: str, index: int | None) -> ThemeScore:
    sim = None
    if evidence.similarity is not None and index is not None:
        sim = round(float(evidence.similarity[index]), 4)
    return ThemeScore(slug, 0.0, [], similarity=sim)


def score_stories_themes(
    stories: Sequence[StoryText], taxonomy: Taxonomy
) -> list[list[list[ThemeScore]]]:
    """Themes of every signal of many stories (one list per story, one per signal in it), with
    a single embedding call for all of them: the way to score a batch of pages quickly."""
    out = []
    for signals, context in gather_evidence(stories, taxonomy):
        usable = np.ones(len(taxonomy.themes), dtype=bool)
        prior = (
            _prior(context, taxonomy.settings, usable) if taxonomy.settings.prior_weight else None
        )
        if prior is not None and not prior.any():
            prior = None
        out.append([assign(evidence, prior, taxonomy) for evidence in signals])
    return out


def score_story_themes(
    signals: Sequence[tuple[str, str]],
    title: str,
    news: str,
    taxonomy: Taxonomy,
    exclude: Sequence[Sequence[str]] | None = None,
) -> list[list[ThemeScore]]:
    """Themes of each signal (headline, body) of one story, main theme first. ``exclude[i]``
    lists the outlet names of signal i (credited or mentioned): they are not theme evidence."""
    return score_stories_themes([StoryText(signals, title, news, exclude)], taxonomy)[0]


def score_themes(
    headline: str,
    body: str,
    taxonomy: Taxonomy,
    *,
    exclude: Sequence[str] = (),
    title: str = "",
    news: str = "",
) -> list[ThemeScore]:
    """Themes for one signal, best first; never empty (the fallback theme carries score 0).
    Scoring a whole story at once (``score_story_themes``) is faster and uses its context."""
    return score_story_themes([(headline, body)], title, news, taxonomy, [exclude])[0]
