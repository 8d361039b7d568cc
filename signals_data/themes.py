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
  by all the story's signals (weight 0 in the shipped taxonomy: it did not help on the labelled
  set; the title and News are then not read).

- **labelled signals**: signals labelled by hand, shipped with the package
  (``themes_labelled.jsonl.gz``), each an example of its theme: the votes of the closest ones, and
  the similarity to each theme's closest labelled signal and to their centre; and a vote of
  their words (a naive Bayes over lemmas: which theme's labelled signals use the signal's words).

A **learned layer** (``themes_model.json``, a multinomial logistic regression fitted by
``benchmarks/themes.py --learn``, its settings chosen by cross-validation over stories) weighs
all of these: a theme's score is the sum of its evidence times learned weights plus a bias,
turned into probabilities by a softmax. It applies when the taxonomy has exactly the themes it
was fitted on; any other taxonomy (or ``learned = false``) is scored by the hand-set weights of
``[settings]`` (fitted on a labelled development set by ``benchmarks/themes.py --fit``). Every
assignment keeps its matched terms, its similarity and its prior, so the dashboard can say why a
signal carries a theme; ``closest_examples`` names the labelled signals behind the vote.
"""

from __future__ import annotations

import dataclasses
import gc
import gzip
import json
import logging
import math
import os
import re
import threading
import tomllib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from itertools import chain
from pathlib import Path
from typing import NamedTuple

import numpy as np
import simplemma

from signals_data import disk_cache
from signals_data.models import ThemeScore
from signals_data.outlets import ASCII_SPACES


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str
    description: str
    terms: tuple[str, ...]
    examples: tuple[str, ...] = ()
    # Years long before the story's are evidence for this theme ("since 1994", "the 1960s"),
    # and so are the names of past eras among its terms (``past_terms``: "Cold War").
    looks_back: bool = False
    past_terms: frozenset[str] = frozenset()  # lower-cased


@dataclass(frozen=True)
class Settings:
    """How the evidence is weighed; every field can be set in the taxonomy's ``[settings]``.
    The defaults are the shipped taxonomy's fitted values."""

    headline_weight: float = 2.0  # a term in the headline, against 1 in the body
    phrase_weight: float = 2.0  # a phrase of several words, against 1 for a single word
    keyword_weight: float = 1.0  # weight of the keyword evidence in the combined score
    similarity_weight: float = 1.5  # weight of the semantic similarity
    prior_weight: float = 0.0  # weight of the story's title and The News
    saturation: float = 2.0  # keyword points that give half the maximum keyword evidence
    temperature: float = 0.08  # softmax temperature over the themes' similarities
    min_score: float = 2.0  # fewer keyword points than this, and
    min_similarity: float = 0.1  # no similarity above this: the fallback theme
    relative_cutoff: float = 0.5  # secondary themes score at least this share of the main one
    fallback: str = "other"
    semantic: bool = True  # False: keywords (and the keyword prior) only, no embeddings
    learned: bool = True  # use the learned layer when its themes are the taxonomy's themes
    # Labelled signals (JSONL) and learned weights (JSON); empty: the files shipped with the
    # package. A relative path is read from the taxonomy file's folder.
    labelled_file: str = ""
    model_file: str = ""


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


def _cached_dictionaries(load: Callable[[str], dict[bytes, bytes]]):
    """simplemma's loader of a language's dictionary, keeping the decoded dictionary in the
    disk cache (see ``disk_cache``) under a key made of the shipped file and simplemma's
    version. Decoding the English one (front-coded, compressed) took 0.2 s at the start of
    every ingest, before the parsing process could start; reading it back takes 0.04 s.
    The cache holds the keys and the values as two blobs of lines (none holds a line break)."""

    def load_cached(langcode: str) -> dict[bytes, bytes]:
        if langcode not in _SIMPLEMMA_FILES.SUPPORTED_LANGUAGES:
            return load(langcode)  # simplemma's own error
        shipped = _SIMPLEMMA_FILES.DATA_FOLDER / f"{langcode}.plzma"
        name, key = (
            f"simplemma-{langcode}",
            disk_cache.cache_key(
                shipped.read_bytes(), f"simplemma {metadata.version('simplemma')}"
            ),
        )
        found = disk_cache.load_arrays(name, key)
        if found is not None and set(found) == {"keys", "values"}:
            keys = found["keys"].tobytes().split(b"\n")
            values = found["values"].tobytes().split(b"\n")
            if len(keys) == len(values):
                return dict(zip(keys, values, strict=True))
        dictionary = load(langcode)
        if not any(b"\n" in k or b"\n" in v for k, v in dictionary.items()):
            disk_cache.save_arrays(
                name,
                key,
                {
                    "keys": np.frombuffer(b"\n".join(dictionary), dtype=np.uint8),
                    "values": np.frombuffer(b"\n".join(dictionary.values()), dtype=np.uint8),
                },
            )
        return dictionary

    return load_cached


# simplemma decodes a language's dictionary on its first use in a process by calling this
# module's function (its own cache keeps what the function returns): wrapped once, here. With
# another layout of simplemma, it decodes as it would anyway.
try:
    from simplemma.strategies.dictionaries import dictionary_factory as _SIMPLEMMA_FILES
except ImportError:
    _SIMPLEMMA_FILES = None
if all(
    hasattr(_SIMPLEMMA_FILES, name)
    for name in ("_load_dictionary_from_disk", "SUPPORTED_LANGUAGES", "DATA_FOLDER")
):
    _SIMPLEMMA_FILES._load_dictionary_from_disk = _cached_dictionaries(
        _SIMPLEMMA_FILES._load_dictionary_from_disk
    )


@lru_cache(maxsize=262_144)
def lemma(word: str) -> str:
    """The dictionary form of an English word, lower-cased (``voting`` → ``vote``)."""
    lower = word.lower()
    found = simplemma.lemmatize(lower, lang="en").lower()
    if found == lower and lower.endswith("s") and not simplemma.is_known(lower, lang="en"):
        # Plurals of words the dictionary lacks (carmakers, jihadists): drop the ending.
        return _singular(lower)
    return found


def _singular(word: str) -> str:
    if len(word) < 5 or word.endswith(("ss", "us", "is")):
        return word
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


@lru_cache(maxsize=262_144)
def _keys(token: str) -> tuple[str, ...]:
    """What a token can match: its lemma, and in capitals if it is capitalised, so that the
    all-capitals term ``AI`` matches ``AI`` but not the lemma of ``ai`` (which is ``be``)."""
    base = lemma(token)
    return (base, token.upper()) if token[0].isupper() else (base,)


def tokens(text: str) -> list[str]:
    """The words of a text: letters and digits; a hyphen or an apostrophe splits a word."""
    if "'" in text or "’" in text:
        text = _POSSESSIVE.sub("", text)
    if text.isascii():
        # The same words, split at spaces once all else is one: twice as fast as the pattern.
        return text.translate(ASCII_SPACES).split()
    return _WORD.findall(text)


_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def _name_words(name: str) -> list[str]:
    """An outlet name's words, without a leading "the"."""
    return _WORD.findall(_LEADING_THE.sub("", name.strip()))


@lru_cache(maxsize=16_384)
def _outlet_pattern(name: str) -> re.Pattern[str]:
    """The pattern of an outlet name (one with words), with an optional leading "the" and any
    punctuation or spacing between its words."""
    body = r"[\W_]+".join(re.escape(w) for w in _name_words(name))
    return re.compile(rf"(?<!\w)(?:the\s+)?{body}(?!\w)", re.IGNORECASE)


def strip_outlets(text: str, outlets: Sequence[str] = ()) -> str:
    """The text without Source lines and without the given outlet names (any case)."""
    if "ource" in text:  # cheaper than the pattern on the many texts without one
        text = _SOURCE_LINE.sub(" ", text)
    if not outlets:
        return text
    lowered = text.lower()
    for first, name in _outlet_names(tuple(outlets)):
        if first in lowered:
            text = _without_name(text, first, name)
    return text


def _without_name(text: str, first: str, name: str) -> str:
    """The text with a full stop wherever the outlet name is (it keeps phrases from joining
    across the name); ``first`` is the name's first word in lower case."""
    pattern = _outlet_pattern(name)
    if not (text.isascii() and first.isascii()):
        return pattern.sub(" . ", text)
    # In ASCII, the name can only start where its first word is, in lower case, or at a
    # "the" before it: the pattern is tried there alone, in order, as ``sub`` would find it
    # (tried at every character of the text, it was a quarter of the keyword evidence's cost).
    lowered = text.lower()
    starts = []
    at = lowered.find(first)
    while at >= 0:
        starts.append(at)
        spaced = at
        while spaced and lowered[spaced - 1].isspace():
            spaced -= 1
        if 3 <= spaced < at:
            starts.append(spaced - 3)  # where a "the" before it would start
        at = lowered.find(first, at + 1)
    pieces, done = [], 0
    for start in sorted(set(starts)):
        found = pattern.match(text, start) if start >= done else None
        if found:
            pieces += (text[done:start], " . ")
            done = found.end()
    return "".join(pieces) + text[done:] if pieces else text


@lru_cache(maxsize=16_384)
def _outlet_names(outlets: tuple[str, ...]) -> list[tuple[str, str]]:
    """(first word, lower-cased; the name) for these outlet names, longest first, so a name
    inside a longer one (Council on Foreign Relations inside European Council on Foreign
    Relations) does not leave the longer one's first word behind; names of equal length
    alphabetically, so the result never depends on the order given (a signal's credits repeat
    across its story: cached). A name's pattern is compiled only once its first word is seen:
    most credited names are not in the prose once the Source line is gone."""
    named = ((name, _name_words(name)) for name in sorted(set(outlets), key=lambda n: (-len(n), n)))
    return [(words[0].lower(), name) for name, words in named if words]


# --- terms ---------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # compared by identity: one object per distinct term
class _Term:
    text: str  # as written in the taxonomy
    parts: tuple[tuple[bool, str], ...]  # (is a prefix, lemma or capitals or prefix) per word
    themes: tuple[str, ...]
    slots: tuple[int, ...]  # the themes' positions in the taxonomy


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


# What a word starts: (phrases, one-word terms, the word in lower case, its lemma).
_Starts = tuple[tuple["_Term", ...], tuple["_Term", ...], str, str]
_NOTHING: _Starts = ((), (), "", "")  # what most words start: no term
_BREAK = "\x00"  # never a word: marks where a headline ends


class TermIndex:
    """All terms of all themes, indexed by their first word, so a text is scanned once.

    At each word the longest term that matches there wins and covers its words: ``trade war``
    is a trade phrase and its ``war`` is not also counted for security, and overlapping terms of
    one theme (``military`` and ``militar*``) count once.
    """

    def __init__(self, themes: Sequence[Theme]):
        grouped: dict[tuple, list[str]] = {}
        order = {theme.slug: i for i, theme in enumerate(themes)}
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
            slots = tuple(order[slug] for slug in slugs)
            term = _Term(written[parts], parts, tuple(slugs), slots)
            is_prefix, first = parts[0]
            table = self.prefixes if is_prefix else self.exact
            table.setdefault(first[:3] if is_prefix else first, []).append(term)
        self._by_word: dict[str, _Starts] = {}

    @staticmethod
    def _rest_matches(i: int, words: list[str], parts) -> bool:
        for j in range(1, len(parts)):
            is_prefix, value = parts[j]
            if is_prefix:
                if not words[i + j].lower().startswith(value):
                    return False
            elif value not in _keys(words[i + j]):
                return False
        return True

    def _starting_with(self, word: str) -> _Starts:
        """(terms of several words that may start here, longest first; one-word terms that match
        here; the word in lower case; its lemma), worked out once per distinct word and
        remembered. ``_NOTHING`` for a word that starts no term."""
        found = self._by_word.get(word)
        if found is None:
            keys = _keys(word)
            terms = [t for k in keys for t in self.exact.get(k, ())]
            if self.prefixes:
                terms += [
                    t
                    for t in self.prefixes.get(word[:3].lower(), ())
                    if len(t.parts) > 1 or word.lower().startswith(t.parts[0][1])
                ]
            longer = tuple(
                sorted((t for t in terms if len(t.parts) > 1), key=lambda t: -len(t.parts))
            )
            single = tuple(t for t in terms if len(t.parts) == 1)
            found = (longer, single, word.lower(), keys[0]) if longer or single else _NOTHING
            if len(self._by_word) < 500_000:
                self._by_word[word] = found
        return found

    def hits(self, text: str) -> list[tuple[_Term, str]]:
        """(term, the words as written) for every term occurrence, longest match first."""
        return [(term, surface) for term, surface, _, _ in self.hits_in_words(tokens(text))]

    def hits_in_words(self, words: list[str]) -> list[tuple[_Term, str, str, int]]:
        """(term, the words as written, their lemmas, position of the first word) for a text
        already split into words."""
        known, starting_with = self._by_word.get, self._starting_with
        # Most words start no term: find the few that do in one pass over the text.
        starts = [
            i
            for i, word in enumerate(words)
            if (known(word) or starting_with(word)) is not _NOTHING
        ]
        out: list[tuple[_Term, str, str, int]] = []
        n, covered = len(words), 0
        for i in starts:
            if i < covered:
                continue  # inside a phrase already matched
            longer, single, surface, lemmas = known(words[i]) or starting_with(words[i])
            if longer and i + 1 < n and (best := self._longest_phrases(longer, words, i)):
                span = len(best[0].parts)
                surface = " ".join(words[i : i + span]).lower()
                lemmas = " ".join(_keys(w)[0] for w in words[i : i + span])
                out.extend((term, surface, lemmas, i) for term in best)
                covered = i + span
                continue
            for term in single:
                out.append((term, surface, lemmas, i))
        return out

    def _longest_phrases(self, longer: tuple[_Term, ...], words: list[str], i: int) -> list:
        """The longest phrases among ``longer`` that match the words from position ``i``."""
        best: list[_Term] = []
        following = _keys(words[i + 1])
        for term in longer:
            parts = term.parts
            if best and len(parts) < len(best[0].parts):
                break
            # The first word matched through the index; most phrases fail at the second.
            second_is_prefix, second = parts[1]
            if not second_is_prefix and second not in following:
                continue
            if i + len(parts) <= len(words) and self._rest_matches(i, words, parts):
                best.append(term)
        return best


# --- the taxonomy file ----------------------------------------------------------------------------


def _settings(raw: dict, slugs: Sequence[str]) -> Settings:
    """The ``[settings]`` table; unknown keys are ignored, numbers may be written as integers."""
    values = {}
    for key, value in raw.items():
        default = getattr(Settings, key, None)
        if default is None or key.startswith("_"):
            continue
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise ValueError(f"themes [settings] {key} must be true or false, not {value!r}")
            values[key] = value
        else:
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
            looks_back=bool(spec.get("looks_back", False)),
            past_terms=frozenset(term.lower() for term in spec.get("past_terms", ())),
        )
        for slug, spec in data["themes"].items()
    )
    settings = _settings(data.get("settings", {}), [t.slug for t in themes])
    # Data files named by a user's taxonomy are read from beside it.
    folder = Path(path).parent if path else Path(".")
    for key in ("labelled_file", "model_file"):
        value = getattr(settings, key)
        if value and not Path(value).is_absolute():
            settings = dataclasses.replace(settings, **{key: str(folder / value)})
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
LABELLED_FILE = "themes_labelled.jsonl.gz"  # the shipped labelled signals


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


def _token_ids(words: list[str]) -> list[list[int]]:
    """Each word's token ids, without special tokens, in one call to the model's tokenizer
    with its padding turned off meanwhile (a batch would be padded to its longest word).
    Copying the tokenizer once to turn its padding off cost 0.17 s at every start. Called
    under ``_WORDS_LOCK``, the only user of the model's tokenizer."""
    tokenizer = embedding_model().tokenizer
    padding, truncation = tokenizer.padding, tokenizer.truncation
    tokenizer.no_padding()
    tokenizer.no_truncation()
    try:
        return [enc.ids for enc in tokenizer.encode_batch(words, add_special_tokens=False)]
    finally:
        if padding is not None:
            tokenizer.enable_padding(**padding)
        if truncation is not None:
            tokenizer.enable_truncation(**truncation)


class _WordTable:
    """Each word seen so far as a row: the sum of its token vectors and its number of tokens.
    The model's tokens never span a space, so averaging the rows of a text's words gives the
    text's embedding at a fraction of the cost of tokenizing every text again."""

    LIMIT = 300_000  # beyond this many words, start again (a corpus's vocabulary is smaller)

    def __init__(self, model):
        self.model = model
        self.rows: dict[str, int] = {}
        self.vectors = np.zeros((8192, model.embedding.shape[1]), dtype=np.float32)
        self.counts = np.zeros(8192, dtype=np.float32)

    def ids(self, words: list[str]) -> np.ndarray:
        """Row numbers of the words, learning the new ones in one tokenizer call."""
        rows = self.rows
        missing = list(dict.fromkeys(w for w in words if w not in rows))
        if missing:
            if len(rows) + len(missing) > self.LIMIT:
                rows.clear()
                missing = list(dict.fromkeys(words))
            self._learn(missing)
        return np.fromiter((rows[w] for w in words), dtype=np.intp, count=len(words))

    def _learn(self, words: list[str]) -> None:
        table = self.model.embedding
        start = len(self.rows)
        needed = start + len(words)
        if needed > len(self.counts):
            size = max(needed, 2 * len(self.counts))
            self.vectors = np.resize(self.vectors, (size, self.vectors.shape[1]))
            self.counts = np.resize(self.counts, size)
        encoded = _token_ids(words)
        for row, (word, word_ids) in enumerate(zip(words, encoded, strict=True), start=start):
            ids = [i for i in word_ids if i < len(table)]
            self.vectors[row] = table[ids].sum(axis=0) if ids else 0.0
            self.counts[row] = len(ids)
            self.rows[word] = row


_WORDS_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _word_table() -> _WordTable:
    return _WordTable(embedding_model())


_FUNCTION_WORDS_TEXT = (
    "a an the of to in on at by for from with into onto over under about after before than then "
    "that this these those there here which who whom whose what when where while as and or but "
    "nor so if not no yes is are was were be been being am has have had having do does did will "
    "would shall should can could may might must it its they them their theirs he him his she "
    "her hers we us our you your i me my also just only very more most such some any each other "
    "both all up out off said says say told tells wrote writes noted notes reported reports "
    "according argued added"
)
_FUNCTION_WORDS = _FUNCTION_WORDS_TEXT.split()
# Words that say nothing about a theme: left out of the average, which they would only blur.
_SKIP = frozenset(_FUNCTION_WORDS + [w.capitalize() for w in _FUNCTION_WORDS])


def embed_words(texts: Sequence[Sequence[str]]) -> np.ndarray:
    """Unit vectors for texts given as words: the average of their token vectors, function
    words (the, of, said…) left out."""
    table = _word_table()
    out = np.zeros((len(texts), table.vectors.shape[1]), dtype=np.float32)
    kept = [[w for w in words if w not in _SKIP] for words in texts]
    lengths = np.fromiter((len(words) for words in kept), dtype=np.intp, count=len(kept))
    if not lengths.sum():
        return out
    with _WORDS_LOCK:
        flat_ids = table.ids([w for words in kept for w in words])
        starts = np.cumsum(lengths) - lengths
        _sum_rows_in_order(table.vectors, flat_ids, starts, lengths, out)
        # Token counts are whole numbers: their sums are exact in any order.
        tokens_per_text = np.zeros(len(kept), dtype=np.float32)
        filled = lengths > 0
        tokens_per_text[filled] = np.add.reduceat(table.counts[flat_ids], starts[filled])
    out /= np.maximum(tokens_per_text, 1.0)[:, None]
    return _unit(out)


def _sum_rows_in_order(
    vectors: np.ndarray, ids: np.ndarray, starts: np.ndarray, lengths: np.ndarray, out: np.ndarray
) -> None:
    """``out[t]`` = the sum of ``vectors[ids[starts[t] : starts[t] + lengths[t]]]``, added in
    word order (first + second, then + third…), as ``np.add.reduce`` over the rows adds them,
    to the last bit. All the texts advance together, word position by word position: one
    vectorised step per position of the longest text rather than several numpy calls per text
    (``np.add.reduceat`` adds each column pairwise, other last bits, and ``np.add.at`` is
    several times slower)."""
    order = np.argsort(-lengths, kind="stable")  # longest first: the texts still adding lead
    order = order[: np.count_nonzero(lengths)]
    if not len(order):
        return
    longest = lengths[order]
    firsts = starts[order]
    # How many texts still have a word at each position.
    active = np.searchsorted(-longest, -np.arange(1, int(longest[0]) + 1), side="right")
    # Started from zero, as ``np.add.reduce`` starts: 0 + the first row (a -0.0 becomes 0.0).
    sums = vectors[ids[firsts]] + np.float32(0.0)
    for position in range(1, int(longest[0])):
        count = int(active[position])
        if count <= _FEW_TEXTS:
            # The few (long) texts left finish one by one, a step per text rather than per word:
            # their sums so far, then their remaining rows, added in order in one call.
            for text in range(count):
                rest = ids[firsts[text] + position : firsts[text] + longest[text]]
                stacked = np.concatenate([sums[text : text + 1], vectors[rest]])
                np.add.reduce(stacked, axis=0, out=sums[text])
            break
        sums[:count] += vectors[ids[firsts[:count] + position]]
    out[order] = sums


_FEW_TEXTS = 8  # texts still adding when ``_sum_rows_in_order`` finishes them one by one


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors for the texts, in one call to the model."""
    return embed_words([tokens(text) for text in texts])


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


class _Prototypes(NamedTuple):
    background: np.ndarray  # the direction all texts share, removed before comparing
    vectors: np.ndarray  # one unit vector per description or example, grouped by theme
    starts: np.ndarray  # where each described theme's rows start in ``vectors``
    described: np.ndarray  # positions of the themes that have a description or examples
    centres: np.ndarray  # one unit vector per described theme: the mean of its texts


def _prototypes(taxonomy: Taxonomy) -> _Prototypes:
    """Each theme's description and examples, embedded once per taxonomy."""
    with _MODEL_LOCK:
        cached = taxonomy.cache.get("prototypes")
    if cached is not None:
        return cached
    texts, starts, described = [], [], []
    for i, theme in enumerate(taxonomy.themes):
        own = [t for t in (theme.description, *theme.examples) if t.strip()]
        if own:
            starts.append(len(texts))
            described.append(i)
            texts.extend(own)
    vectors = embed(texts or [""])
    # Averaged word vectors all lean the same way; comparing what is left once the average
    # of every theme text is removed separates the themes far better.
    background = vectors.mean(axis=0)
    centred = _unit(vectors - background).astype(np.float32)
    ends = [*starts[1:], len(texts)]
    centres = [_unit(centred[a:b].mean(axis=0)) for a, b in zip(starts, ends, strict=True)]
    result = _Prototypes(
        background.astype(np.float32),
        centred,
        np.array(starts, dtype=np.intp),
        np.array(described, dtype=np.intp),
        np.array(centres, dtype=np.float32).reshape(len(starts), centred.shape[1]),
    )
    with _MODEL_LOCK:
        taxonomy.cache["prototypes"] = result
    return result


def signal_vectors(texts: Sequence[str | Sequence[str]], taxonomy: Taxonomy) -> np.ndarray:
    """Unit vectors of texts (strings, or their words) with the direction shared by all theme
    texts removed: the space in which signals, themes and labelled examples are compared."""
    proto = _prototypes(taxonomy)
    words = [tokens(t) if isinstance(t, str) else t for t in texts]
    return _unit(embed_words(words) - proto.background)


def theme_similarities(vectors: np.ndarray, taxonomy: Taxonomy) -> np.ndarray:
    """Similarity of each vector (from ``signal_vectors``) to each theme (texts × themes): the
    mean of its cosine to the theme's closest text (description or example: one close example
    counts) and to the theme's centre (the mean of its texts: the theme as a whole). Both
    halves were better together than either alone on the development split."""
    proto = _prototypes(taxonomy)
    # -1 (never reached by a real text) marks a theme with no description or examples.
    out = np.full((len(vectors), len(taxonomy.themes)), -1.0, dtype=np.float32)
    if len(proto.described) and len(vectors):
        closest = np.maximum.reduceat(_products(vectors, proto.vectors.T), proto.starts, axis=1)
        out[:, proto.described] = 0.5 * closest + 0.5 * _products(vectors, proto.centres.T)
    return out


def _products(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b`` in double precision. In single precision the last bits of a row's products
    depend on how many rows are multiplied at once (BLAS picks its kernels by shape), and a
    page's scores must not depend on which other pages share its batch."""
    return a.astype(np.float64, copy=False) @ b.astype(np.float64, copy=False)


# Unit vectors times this, rounded, are whole numbers whose every partial sum of products is at
# most their norms' product (4,096² < 2**24 with the rounding): exact in single precision. The
# rounding moves a similarity by under 2e-3 (1e-4 on a component).
PRODUCT_SCALE = 4090.0

# Signals are compared with the labelled ones on the first 96 of their 256 dimensions. WordLlama
# is trained so that its vectors' first dimensions are a smaller model of their own
# ("Matryoshka" training): the neighbours found there vote as well as with more of them, at a
# fraction of the cost of the largest single step of parsing a page. On the thirty hold-out sets
# never trained on (356–385, 2,641 signals), 96 dimensions agreed with their writers on 88.4%
# and 128 on 88.3%; 64 lost half a point. The similarity to the themes' texts, which costs
# little, keeps every dimension: it is clearly worse with half of them.
NEIGHBOUR_DIMENSIONS = 96


def neighbour_space(vectors: np.ndarray) -> np.ndarray:
    """Vectors (from ``signal_vectors``) as the labelled signals' neighbours are found among."""
    return _unit(vectors[:, :NEIGHBOUR_DIMENSIONS])


def _block_products(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b`` for unit vectors ``a`` and columns ``b`` from ``product_integers``, in single
    precision, twice as fast as ``_products`` on the labelled signals, and the same whatever
    shares the batch, on every machine: the products are taken on whole numbers (see
    ``PRODUCT_SCALE``), which single precision adds exactly in any order, so no BLAS kernel's
    order of additions (which differs by a row's place in the batch on some processors) can
    change a result (``tests/test_themes.py`` checks it)."""
    products = product_integers(a) @ b
    products *= np.float32(1.0 / PRODUCT_SCALE**2)  # in place: a block's copy costs a third more
    return products


def product_integers(vectors: np.ndarray) -> np.ndarray:
    """Unit vectors scaled by ``PRODUCT_SCALE`` and rounded to whole numbers, in single
    precision."""
    return np.rint(np.asarray(vectors, dtype=np.float32) * np.float32(PRODUCT_SCALE))


def similarities(texts: Sequence[str | Sequence[str]], taxonomy: Taxonomy) -> np.ndarray:
    """Similarity of each text (a string, or its words) to each theme (texts × themes), with
    one embedding call for all the texts."""
    if not texts:
        return np.zeros((0, len(taxonomy.themes)), dtype=np.float32)
    return theme_similarities(signal_vectors(texts, taxonomy), taxonomy)


# --- labelled examples and the learned layer ------------------------------------------------------

# The evidence the learned layer weighs, per signal and theme (see ``evidence_features``).
FEATURES = (
    "keywords",  # keyword points as a share: points / (points + saturation)
    "headline",  # the headline's own keyword points, as a share
    "similarity",  # similarity to the theme's description and examples, softmax over themes
    "closeness",  # that similarity minus the best theme's (0 for the closest theme)
    "neighbours",  # similarity-weighted votes of the closest labelled signals
    "nearest",  # similarity to the theme's closest labelled signal, minus the best theme's
    "centre",  # similarity to the centre of the theme's labelled signals, minus the best theme's
    "prior",  # the story's title and The News: the theme's share
    "words",  # the labelled signals' words: a naive Bayes vote, as a log share (word_votes)
    "past",  # years long before the story's, for a theme that ``looks_back`` (looking_back)
    "depth",  # how far back the earliest of them goes, for the same theme
)


class Labelled(NamedTuple):
    """Labelled signals, embedded: each one is an example of its theme (see ``labelled_set``)."""

    vectors: np.ndarray  # one unit vector per signal (see ``signal_vectors``), grouped by theme
    labels: np.ndarray  # the theme position of each
    texts: tuple[str, ...]  # each one's headline (or the opening of its body), to show
    members: np.ndarray  # signals × themes: 1 where the signal is an example of the theme
    centres: np.ndarray  # themes × dimensions: the unit mean of each theme's signals (or 0)
    present: np.ndarray  # the themes that have labelled signals
    starts: np.ndarray  # where each of those themes' signals start in ``vectors``
    columns: np.ndarray  # ``vectors`` in ``neighbour_space`` as ``product_integers``,
    # transposed, contiguous, in single precision: several times faster to multiply than
    # ``vectors.T`` (see ``_block_products``)
    words: WordCounts | None = None  # how often each theme's signals use each word


class WordCounts(NamedTuple):
    """In how many labelled signals of each theme each word (lemma) appears."""

    vocabulary: dict[str, int]  # lemma → row
    counts: np.ndarray  # words × themes


def content_lemmas(words: Sequence[str]) -> list[str]:
    """The distinct lemmas of a text's words, without function words and numbers: what the
    word vote reads."""
    # Every word looked up in one ``map`` (the first word with a lemma places it), where
    # finding the distinct words first, then their lemmas, cost twice as much.
    found = dict.fromkeys(map(_CONTENT_LEMMAS.__getitem__, words))
    found.pop(None, None)
    return list(found)


class _ContentLemmas(dict):
    """Each word's lemma for the word vote, None for a function word or a number: worked out
    once per distinct word and remembered."""

    LIMIT = 262_144  # words remembered at most (as many as ``lemma`` remembers)

    def __missing__(self, word: str) -> str | None:
        found = None if word in _SKIP or word.isdigit() else lemma(word)
        if len(self) < self.LIMIT:
            self[word] = found
        return found


_CONTENT_LEMMAS = _ContentLemmas()


def word_counts(lemma_lists: Sequence[Sequence[str]], labels: np.ndarray, themes_count: int):
    """``WordCounts`` of labelled signals given as their ``content_lemmas`` and theme positions."""
    vocabulary: dict[str, int] = {}
    rows = [vocabulary.setdefault(w, len(vocabulary)) for lemmas in lemma_lists for w in lemmas]
    # One count per (word, signal) pair, all added in one call: signal by signal, the ten
    # thousand labelled signals took 0.10 s at the start of every ingest (now 0.04 s).
    columns = np.repeat(np.asarray(labels, dtype=np.intp), [len(lemmas) for lemmas in lemma_lists])
    counts = np.zeros((len(vocabulary), themes_count))
    np.add.at(counts, (np.asarray(rows, dtype=np.intp), columns), 1.0)
    return WordCounts(vocabulary, counts)


def word_votes(
    lemma_lists: Sequence[Sequence[str]], words: WordCounts, smoothing: float, usable: np.ndarray
) -> np.ndarray:
    """A multinomial naive Bayes vote (texts × themes) from the labelled signals' words: each
    known word adds the log of how often the theme's signals use it (smoothed), the themes'
    sizes are not counted (the layer has a bias per theme). The sum is divided by the square
    root of the number of known words: the labelled signals are short, real ones run two to
    four times longer, and a plain sum would let a long text's many words outweigh the other
    evidence (cross-validation could not tell the two apart). Returned as the log of each
    theme's share, floored at log(1e-6), so that one unusual word cannot veto a theme."""
    counts, vocabulary = words.counts, words.vocabulary
    # Each text's known words, as rows of ``counts``, one after the other.
    known = [[i for i in map(vocabulary.get, lemmas) if i is not None] for lemmas in lemma_lists]
    lengths = np.fromiter(map(len, known), dtype=np.intp, count=len(known))
    rows = np.fromiter(chain.from_iterable(known), dtype=np.intp, count=int(lengths.sum()))
    # The log rates of those words alone: element by element the numbers of the whole
    # vocabulary's, at a fraction of the cost (a batch's texts use a few thousand words).
    log_rates = np.log(counts[rows] + smoothing) - np.log(
        counts.sum(axis=0) + smoothing * max(len(counts), 1)
    )
    out = np.zeros((len(lemma_lists), counts.shape[1]))
    begin = 0
    for row, end in enumerate(np.cumsum(lengths).tolist()):
        if end > begin:
            # Text by text, its words added in order (``np.add.reduceat`` over all the texts
            # adds each column pairwise: other last bits).
            np.add.reduce(log_rates[begin:end], axis=0, out=out[row])
        begin = end
    out /= np.sqrt(np.maximum(lengths, 1))[:, None]
    out = np.where(usable, out, -np.inf)
    out -= out.max(axis=1, keepdims=True)
    shares = np.exp(out)
    shares /= shares.sum(axis=1, keepdims=True)
    return np.log(shares + 1e-6)


def labelled_set(
    vectors: np.ndarray,
    labels: np.ndarray,
    themes_count: int,
    texts: Sequence[str] = (),
    lemma_lists: Sequence[Sequence[str]] | None = None,
    *,
    words: WordCounts | None = None,
) -> Labelled:
    """Labelled signals from their vectors and theme positions (and their ``content_lemmas``,
    or their ``word_counts``, for the word vote), grouped by theme, with what every scoring
    call needs worked out once."""
    if words is None and lemma_lists is not None:
        words = word_counts(lemma_lists, labels, themes_count)
    order = np.argsort(labels, kind="stable")
    vectors, labels = vectors[order], np.asarray(labels)[order]
    texts = tuple(texts[i] for i in order) if len(texts) else ("",) * len(labels)
    members = np.zeros((len(labels), themes_count), dtype=np.float32)
    members[np.arange(len(labels)), labels] = 1.0
    sums = members.T @ vectors
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    centres = np.divide(sums, norms, out=np.zeros_like(sums), where=norms > 1e-9)
    present, starts = np.unique(labels, return_index=True)
    return Labelled(
        vectors,
        labels,
        texts,
        members,
        centres.astype(np.float32),
        present,
        starts,
        np.ascontiguousarray(product_integers(neighbour_space(vectors).T)),
        words,
    )


def read_labelled(path: str | Path | Traversable | None = None) -> list[dict]:
    """Labelled signals from a JSONL file (``theme``, ``headline``, ``body``, optionally
    ``id``, ``sources`` and ``story``); the shipped file when no path is given."""
    if path is None or isinstance(path, str):
        path = _data_file(path or "", LABELLED_FILE)
    return _jsonl_rows(labelled_bytes(path).decode("utf-8"))


def labelled_bytes(path: Path | Traversable) -> bytes:
    """A labelled file's JSONL bytes; a ``.gz`` file (the shipped one: a third of its size as
    text) is decompressed."""
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.name.endswith(".gz") else raw


def _jsonl_rows(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def labelled_examples(rows: Sequence[dict], taxonomy: Taxonomy) -> Labelled | None:
    """Labelled signals as examples of the taxonomy's themes (rows of other themes are skipped);
    None when no row is left."""
    return _labelled_from(_labelled_inputs(rows, taxonomy), taxonomy)


class _LabelledInputs(NamedTuple):
    """What ``labelled_set`` is made from: the costly part of labelled examples (embedding,
    lemmatising and counting the words of thousands of signals), kept on disk between runs
    (see ``_labelled``). The word counts are kept rather than each signal's lemmas: counting
    them again, and reading the lemmas back, cost 0.1 s of every start."""

    vectors: np.ndarray
    labels: np.ndarray
    texts: list[str]
    words: WordCounts


def _labelled_from(inputs: _LabelledInputs | None, taxonomy: Taxonomy) -> Labelled | None:
    if inputs is None:
        return None
    vectors, labels, texts, words = inputs
    return labelled_set(vectors, labels, len(taxonomy.themes), texts, words=words)


def _labelled_inputs(rows: Sequence[dict], taxonomy: Taxonomy) -> _LabelledInputs | None:
    """The labelled rows of the taxonomy's themes, embedded and lemmatised (None: no row)."""
    slot = {slug: i for i, slug in enumerate(taxonomy.slugs)}
    kept = [r for r in rows if r.get("theme") in slot]
    if not kept:
        return None
    words = [
        tokens(strip_outlets(f"{r.get('headline', '')}\n{r.get('body', '')}", r.get("sources", ())))
        for r in kept
    ]
    labels = np.array([slot[r["theme"]] for r in kept], dtype=np.intp)
    return _LabelledInputs(
        signal_vectors(words, taxonomy),
        labels,
        [(r.get("headline") or r.get("body", "")[:80]).strip() for r in kept],
        word_counts([content_lemmas(w) for w in words], labels, len(taxonomy.themes)),
    )


@dataclass(frozen=True)
class LinearLayer:
    """Learned weights: a theme's score is the sum of its evidence features times their weights,
    plus the theme's bias; a softmax over the themes turns scores into probabilities."""

    slugs: tuple[str, ...]
    features: tuple[str, ...]
    weights: np.ndarray  # one per feature, shared by all themes
    bias: np.ndarray  # one per theme
    neighbours: int = 10  # how many labelled signals vote
    neighbour_temperature: float = 0.05  # how fast a vote fades with distance
    word_smoothing: float = 0.3  # added to every word count of the word vote

    def to_json(self) -> dict:
        return {
            "slugs": list(self.slugs),
            "features": list(self.features),
            "weights": [round(float(w), 5) for w in self.weights],
            "bias": [round(float(b), 5) for b in self.bias],
            "neighbours": self.neighbours,
            "neighbour_temperature": self.neighbour_temperature,
            "word_smoothing": self.word_smoothing,
        }

    @classmethod
    def from_json(cls, data: dict) -> LinearLayer:
        return cls(
            tuple(data["slugs"]),
            tuple(data["features"]),
            np.array(data["weights"], dtype=np.float64),
            np.array(data["bias"], dtype=np.float64),
            int(data.get("neighbours", 10)),
            float(data.get("neighbour_temperature", 0.05)),
            float(data.get("word_smoothing", 0.3)),
        )

    def uses(self, feature: str) -> bool:
        return feature in self.features and bool(self.weights[self.features.index(feature)])

    def logits(self, features: np.ndarray) -> np.ndarray:
        """Scores (signals × themes) from features (signals × themes × ``FEATURES``)."""
        columns = [FEATURES.index(f) for f in self.features]
        return features[:, :, columns] @ self.weights + self.bias


def _data_file(setting: str, shipped: str) -> Path | Traversable:
    """The file a setting names, or the package's own file of that name."""
    return Path(setting) if setting else resources.files("signals_data") / "data" / shipped


def learned_layer(taxonomy: Taxonomy) -> LinearLayer | None:
    """The learned weights, when the taxonomy asks for them and has exactly their themes (a
    taxonomy with other themes is scored by the hand-set weights of ``[settings]``)."""
    settings = taxonomy.settings
    if not (settings.learned and settings.semantic):
        return None
    with _MODEL_LOCK:
        if "layer" in taxonomy.cache:
            return taxonomy.cache["layer"]
    source = _data_file(settings.model_file, "themes_model.json")
    layer = None
    if source.is_file():
        found = LinearLayer.from_json(json.loads(source.read_text("utf-8")))
        if found.slugs == taxonomy.slugs and set(found.features) <= set(FEATURES):
            layer = found
    with _MODEL_LOCK:
        taxonomy.cache["layer"] = layer
    return layer


def _labelled(taxonomy: Taxonomy) -> Labelled | None:
    """The labelled signals of the taxonomy (its ``labelled_file`` or the shipped one),
    embedded once per taxonomy."""
    with _MODEL_LOCK:
        if "labelled" in taxonomy.cache:
            return taxonomy.cache["labelled"]
    source = _data_file(taxonomy.settings.labelled_file, LABELLED_FILE)
    inputs = _cached_labelled_inputs(labelled_bytes(source), taxonomy) if source.is_file() else None
    found = _labelled_from(inputs, taxonomy)
    with _MODEL_LOCK:
        taxonomy.cache["labelled"] = found
    return found


def _cached_labelled_inputs(raw: bytes, taxonomy: Taxonomy) -> _LabelledInputs | None:
    """The labelled signals of a labelled file's bytes, from the disk cache when an earlier run
    worked them out from the same file, taxonomy texts, code and libraries."""
    key = disk_cache.cache_key(
        raw,
        json.dumps([(t.slug, t.description, list(t.examples)) for t in taxonomy.themes]),
        Path(__file__).read_bytes(),  # this module's tokens, outlet stripping and embedding
        *(f"{name} {metadata.version(name)}" for name in ("wordllama", "simplemma", "numpy")),
    )
    cached = disk_cache.load_arrays("labelled", key)
    if cached is not None and set(cached) == set(_CACHED_LABELLED):
        vocabulary = disk_cache.from_text_array(cached["vocabulary"])
        return _LabelledInputs(
            cached["vectors"],
            cached["labels"].astype(np.intp),
            disk_cache.from_text_array(cached["texts"]),
            WordCounts({word: row for row, word in enumerate(vocabulary)}, cached["counts"]),
        )
    inputs = _labelled_inputs(_jsonl_rows(raw.decode("utf-8")), taxonomy)
    if inputs is not None:
        disk_cache.save_arrays(
            "labelled",
            key,
            {
                "vectors": inputs.vectors,
                "labels": inputs.labels,
                "texts": disk_cache.text_array(inputs.texts),
                "vocabulary": disk_cache.text_array(list(inputs.words.vocabulary)),
                "counts": inputs.words.counts,
            },
        )
    return inputs


# The arrays of a cached ``_LabelledInputs``: the word counts as their vocabulary (in row
# order) and their counts.
_CACHED_LABELLED = ("vectors", "labels", "texts", "vocabulary", "counts")


class Neighbours(NamedTuple):
    """What the labelled signals say about each of several texts (texts × themes)."""

    votes: np.ndarray  # the closest labelled signals' similarity-weighted votes, as shares
    nearest: np.ndarray  # similarity to the theme's closest labelled signal (-1: none)
    centre: np.ndarray  # similarity to the centre of the theme's labelled signals (-1: none)
    closest: np.ndarray  # the index of the closest labelled signal, per text


# Texts per block of neighbour votes: a block's texts × labelled signals matrices (some 20 MB)
# stay in memory already mapped, where one matrix for a whole batch of ingest (hundreds of MB per
# temporary) spent most of its time faulting fresh pages in. Blocks of 256 took a fifth less time
# choosing the neighbours than blocks of 512 (measured on 2,000 texts), with the same products.
NEIGHBOUR_BLOCK = 256


def neighbour_votes(
    vectors: np.ndarray,
    labelled: Labelled,
    themes_count: int,
    neighbours: int,
    temperature: float,
    skip: np.ndarray | None = None,
) -> Neighbours:
    """The ``neighbours`` closest labelled signals vote for their theme, each weighing
    exp(similarity / temperature) relative to the closest; also the similarity to each
    theme's closest labelled signal and to the centre of its labelled signals. ``skip``
    (texts × labelled signals, True to leave out) keeps a signal from voting for itself.
    Texts are voted on in blocks (each text's votes depend on that text alone): with ``skip``
    (cross-validation over every labelled signal) one block's texts × labelled × themes
    temporary is a few hundred MB, where all the texts' at once filled the machine."""
    if len(vectors) > NEIGHBOUR_BLOCK:
        blocks = [
            _neighbour_block(
                vectors[i : i + NEIGHBOUR_BLOCK],
                labelled,
                themes_count,
                neighbours,
                temperature,
                None if skip is None else skip[i : i + NEIGHBOUR_BLOCK],
            )
            for i in range(0, len(vectors), NEIGHBOUR_BLOCK)
        ]
        return Neighbours(*(np.concatenate(parts) for parts in zip(*blocks, strict=True)))
    return _neighbour_block(vectors, labelled, themes_count, neighbours, temperature, skip)


def _neighbour_block(
    vectors: np.ndarray,
    labelled: Labelled,
    themes_count: int,
    neighbours: int,
    temperature: float,
    skip: np.ndarray | None = None,
) -> Neighbours:
    count = len(vectors)
    votes = np.zeros((count, themes_count))
    nearest = np.full((count, themes_count), -1.0)
    centre = np.full((count, themes_count), -1.0)
    if not count:
        return Neighbours(votes, nearest, centre, np.zeros(0, dtype=np.intp))
    sims = _block_products(neighbour_space(vectors), labelled.columns)
    if skip is None:
        centre[:, labelled.present] = _products(vectors, labelled.centres.T)[:, labelled.present]
    else:
        sims = np.where(skip, -2.0, sims)
        # Each text's own centres, from the labelled signals it may see.
        seen = (~skip)[:, :, None] * labelled.members[None, :, :]  # texts × labelled × themes
        sums = np.einsum("nmt,md->ntd", seen, labelled.vectors)
        norms = np.linalg.norm(sums, axis=2)
        found = np.einsum("ntd,nd->nt", sums, vectors) / np.maximum(norms, 1e-9)
        centre = np.where(norms > 1e-9, found, -1.0)
    # The k closest vote: those at least as close as the k-th (a tie at the k-th lets one more
    # vote), each weighed against the closest. Only the chosen few are weighed.
    rows, cols, found, top, best = _top_k(sims, min(neighbours, sims.shape[1]))
    kept = found > -2.0
    rows, cols, found = rows[kept], cols[kept], found[kept].astype(np.float64)
    weights = np.exp((found - top[rows].astype(np.float64)) / max(temperature, 1e-6))
    slots = rows * themes_count + labelled.labels[cols]
    votes = np.bincount(slots, weights, minlength=count * themes_count).reshape(count, -1)
    total = votes.sum(axis=1, keepdims=True)
    votes = np.divide(votes, total, out=np.zeros_like(votes), where=total > 0)
    nearest[:, labelled.present] = np.maximum.reduceat(sims, labelled.starts, axis=1)
    nearest[nearest <= -2.0] = -1.0
    return Neighbours(votes, nearest, centre, best)


def _top_k(values: np.ndarray, k: int, width: int = 32) -> tuple[np.ndarray, ...]:
    """The entries of each row at least as large as its k-th largest, as (rows, columns,
    values), with each row's largest value and its first column. No row is sorted whole (a
    partial sort of every row was the most costly step of the votes): the k-th largest of a
    row's group maxima is a bound no higher than its k-th largest value, so only the few
    groups whose maximum reaches it are looked into, and only their values at or above it
    are sorted. A group is every ``groups``-th column (about ``width`` of them): the maxima
    are then the elementwise maxima of a row's ``width`` consecutive slices, one vectorised
    pass, where the maxima of blocks of adjacent columns (``np.maximum.reduceat``) were
    reduced block by block, four times slower."""
    count, columns = values.shape
    if columns <= 4 * width:
        bound = np.partition(values, -k, axis=1)[:, -k]
        rows, cols = np.nonzero(values >= bound[:, None])
        found = values[rows, cols]
    else:
        groups = -(-columns // width)
        whole = columns // groups  # slices of ``groups`` columns; then a shorter one
        slices = values[:, : whole * groups].reshape(count, whole, groups)
        maxima = np.maximum.reduce(slices, axis=1)
        rest = columns - whole * groups
        if rest:
            np.maximum(maxima[:, :rest], values[:, whole * groups :], out=maxima[:, :rest])
        bound = np.partition(maxima, -k, axis=1)[:, -k]
        group_rows, chosen = np.nonzero(maxima >= bound[:, None])  # about k per row
        # Each such group's columns (those past the last column are read, then left out).
        cols = chosen[:, None] + np.arange(0, width * groups, groups)
        inside = cols < columns
        np.minimum(cols, columns - 1, out=cols)
        # Read from the flat array: one index per value is cheaper than a (row, column) pair.
        found = np.ravel(values)[cols + (group_rows * columns)[:, None]]
        kept = inside & (found >= bound[group_rows, None])
        rows = np.broadcast_to(group_rows[:, None], cols.shape)[kept]
        cols, found = cols[kept], found[kept]
    order = np.lexsort((cols, -found, rows))  # by row, then largest first, then first column
    rows, cols, found = rows[order], cols[order], found[order]
    firsts = np.searchsorted(rows, np.arange(count))
    chosen = found >= found[firsts + k - 1][rows]
    return rows[chosen], cols[chosen], found[chosen], found[firsts], cols[firsts]


def evidence_features(
    signals: Sequence[Evidence], priors: np.ndarray | None, taxonomy: Taxonomy
) -> np.ndarray:
    """The learned layer's input: signals × themes × ``FEATURES``."""
    settings = taxonomy.settings
    count, themes_count = len(signals), len(taxonomy.themes)
    out = np.zeros((count, themes_count, len(FEATURES)))
    if not count:
        return out
    points = np.array([e.points for e in signals])
    head = np.array([e.headline_points for e in signals])
    out[:, :, 0] = _keyword_share(points, settings)
    out[:, :, 1] = _keyword_share(head, settings)
    if signals[0].similarity is not None:
        sims = np.array([e.similarity for e in signals], dtype=np.float64)
        compared = ~np.all(sims <= -1.0, axis=0)
        if compared.sum() > 1:
            masked = np.where(compared, sims, -np.inf)
            out[:, :, 2] = _similarity_share(masked, settings)
            out[:, :, 3] = np.where(compared, sims - masked.max(axis=1, keepdims=True), -1.0)
    if signals[0].neighbours is not None:
        out[:, :, 4] = np.array([e.neighbours for e in signals])
        nearest = np.array([e.nearest for e in signals])
        out[:, :, 5] = np.where(nearest > -1.0, nearest - nearest.max(axis=1, keepdims=True), -1.0)
        centre = np.array([e.centre for e in signals])
        out[:, :, 6] = np.where(centre > -1.0, centre - centre.max(axis=1, keepdims=True), -1.0)
    if priors is not None:
        out[:, :, 7] = priors
    if signals[0].word_vote is not None:
        out[:, :, 8] = np.array([e.word_vote for e in signals])
    back = _looking_back_slots(taxonomy)
    if back:
        values = np.array([e.looking_back for e in signals])
        out[:, back, 9] = values[:, [0]]
        out[:, back, 10] = values[:, [1]]
    return out


def fit_linear_layer(
    features: np.ndarray,
    labels: np.ndarray,
    names: Sequence[str] = FEATURES,
    *,
    l2: float = 0.01,
    usable: np.ndarray | None = None,
    steps: int = 30,
) -> tuple[np.ndarray, np.ndarray]:
    """(weights, bias) of a multinomial logistic regression over the named features (weights
    shared by all themes, one bias per theme), fitted by Newton's method on the mean
    cross-entropy plus ``l2`` times the squared parameters. Features are standardised while
    fitting so the penalty treats them alike; the weights returned apply to the raw features."""
    columns = [FEATURES.index(f) for f in names]
    return fit_logistic(features[:, :, columns], labels, l2=l2, usable=usable, steps=steps)


def fit_logistic(
    x: np.ndarray,
    labels: np.ndarray,
    *,
    l2: float = 0.01,
    usable: np.ndarray | None = None,
    steps: int = 30,
) -> tuple[np.ndarray, np.ndarray]:
    """The regression of ``fit_linear_layer`` on an array of inputs (signals × themes × inputs)."""
    mean, std = x.mean(axis=(0, 1)), x.std(axis=(0, 1)) + 1e-9
    count, themes_count, width = x.shape
    usable = np.ones(themes_count, dtype=bool) if usable is None else usable
    # One row of inputs per signal and theme: the standardised features, then the theme's bias.
    design = np.concatenate(
        [
            (x - mean) / std,
            np.broadcast_to(np.eye(themes_count), (count, themes_count, themes_count)),
        ],
        axis=2,
    )
    target = np.zeros((count, themes_count))
    target[np.arange(count), labels] = 1.0
    params = np.zeros(width + themes_count)

    def loss_and_prob(theta: np.ndarray) -> tuple[float, np.ndarray]:
        logits = np.where(usable, design @ theta, -np.inf)
        logits -= logits.max(axis=1, keepdims=True)
        prob = np.exp(logits)
        prob /= prob.sum(axis=1, keepdims=True)
        picked = np.log(np.maximum(prob[np.arange(count), labels], 1e-300))
        return float(-picked.mean() + l2 * theta @ theta), prob

    loss, prob = loss_and_prob(params)
    for _ in range(steps):
        grad = np.einsum("ntp,nt->p", design, prob - target) / count + 2 * l2 * params
        mean_input = np.einsum("ntp,nt->np", design, prob)
        hessian = (
            np.einsum("ntp,ntq,nt->pq", design, design, prob)
            - np.einsum("np,nq->pq", mean_input, mean_input)
        ) / count + 2 * l2 * np.eye(len(params))
        step = np.linalg.solve(hessian, grad)
        # Halve the step until the loss falls (the loss is convex: a short step always helps).
        for _ in range(20):
            trial = params - step
            trial_loss, trial_prob = loss_and_prob(trial)
            if trial_loss <= loss:
                break
            step = step / 2
        converged = loss - trial_loss < 1e-9
        params, loss, prob = trial, trial_loss, trial_prob
        if converged:
            break
    weights, bias = params[:width], params[width:]
    # The shift by the mean is the same for every theme: it cancels in the softmax.
    return weights / std, bias


def closest_examples(
    headline: str, body: str, taxonomy: Taxonomy, *, exclude: Sequence[str] = (), count: int = 3
) -> list[tuple[str, str, float]]:
    """The labelled signals closest to a signal, as (theme slug, their headline, similarity):
    the examples behind the nearest-neighbour vote, to show why a theme was chosen."""
    labelled = _labelled(taxonomy) if taxonomy.settings.semantic else None
    if labelled is None:
        return []
    words = tokens(strip_outlets(f"{headline}\n{body}", exclude))
    if not [w for w in words if w not in _SKIP]:
        return []
    sims = _block_products(neighbour_space(signal_vectors([words], taxonomy)), labelled.columns)[0]
    order = np.argsort(-sims)[:count]
    return [
        (taxonomy.slugs[labelled.labels[i]], labelled.texts[i], round(float(sims[i]), 4))
        for i in order
    ]


def telling_words(
    headline: str,
    body: str,
    slug: str,
    taxonomy: Taxonomy,
    *,
    exclude: Sequence[str] = (),
    count: int = 3,
) -> list[str]:
    """The signal's words (lemmas) that point most to the theme in the word vote: those the
    theme's labelled signals use more often than the labelled signals of the average theme,
    most telling first. Empty when there are no labelled signals or no such word."""
    labelled = _labelled(taxonomy) if taxonomy.settings.semantic else None
    usable = _usable(taxonomy)
    competing = [s for s, ok in zip(taxonomy.slugs, usable, strict=True) if ok]
    if labelled is None or labelled.words is None or slug not in competing:
        return []
    layer = learned_layer(taxonomy)
    smoothing = layer.word_smoothing if layer is not None else LinearLayer.word_smoothing
    words = labelled.words
    known = [
        w
        for w in content_lemmas(tokens(strip_outlets(f"{headline}\n{body}", exclude)))
        if w in words.vocabulary
    ]
    if not known:
        return []
    counts = words.counts[[words.vocabulary[w] for w in known]][:, usable]
    totals = words.counts.sum(axis=0)[usable]
    rates = (counts + smoothing) / (totals + smoothing * len(words.vocabulary))
    column = competing.index(slug)
    lift = np.log(rates[:, column]) - np.log(rates.mean(axis=1))
    # A word seen once or never with the theme is not telling, whatever its lift.
    telling = [(-lift[i], w) for i, w in enumerate(known) if lift[i] > 0 and counts[i, column] >= 2]
    return [w for _, w in sorted(telling)[:count]]


# --- evidence and scores --------------------------------------------------------------------------


class StoryText(NamedTuple):
    """What theme assignment needs of a story: its signals (headline, body), its title and The
    News, and for each signal the outlet names to leave out of the text."""

    signals: Sequence[tuple[str, str]]
    title: str = ""
    news: str = ""
    exclude: Sequence[Sequence[str]] | None = None
    year: int | None = None  # the story's year, when its date is known


@dataclass
class Evidence:
    """Keyword and similarity evidence of one text (a signal, or a story's title and News)."""

    points: list[float]  # keyword points per theme (headline terms weighted)
    headline_points: list[float]  # the headline's own keyword points per theme
    terms: dict[int, list[str]]  # matched words, as written, by theme position
    similarity: np.ndarray | None = None  # cosine similarity per theme
    words: list[str] = field(default_factory=list)  # the text's words, outlet names removed
    vector: np.ndarray | None = None  # the text's unit vector (see ``signal_vectors``)
    neighbours: np.ndarray | None = None  # labelled signals' votes per theme
    nearest: np.ndarray | None = None  # similarity to each theme's closest labelled signal
    centre: np.ndarray | None = None  # similarity to the centre of each theme's labelled signals
    word_vote: np.ndarray | None = None  # the labelled signals' words' vote (see word_votes)
    looking_back: tuple[float, float] = (0.0, 0.0)  # past and depth (see ``looking_back``)


def keyword_evidence(
    headline: str, body: str, taxonomy: Taxonomy, exclude: Sequence[str] = ()
) -> Evidence:
    """Keyword points per theme. Each term counts once per signal (in the headline if it is
    there), a phrase weighs ``phrase_weight``, a headline term ``headline_weight``."""
    settings = taxonomy.settings
    # Keyed by (theme, the matched words' lemmas): a word counts once per theme, however many
    # of the theme's terms match it (military, militar*) and however often it appears.
    best: dict[tuple[int, str], float] = {}
    shown: dict[tuple[int, str], str] = {}
    in_headline: set[tuple[int, str]] = set()
    # Headline and body are cleaned and scanned as one text, with a mark between them that no
    # term can span: half the passes over the text, and we still know where each term was.
    joined = strip_outlets(f"{headline}\n{_BREAK}\n{body}" if headline else body, exclude)
    head_text, _, body_text = joined.rpartition(_BREAK) if headline else ("", "", joined)
    head_words, body_words = tokens(head_text), tokens(body_text)
    boundary = len(head_words)
    words = head_words + body_words
    heavy, phrase_weight = settings.headline_weight, settings.phrase_weight
    for term, surface, lemmas, at in taxonomy.index.hits_in_words(
        [*head_words, _BREAK, *body_words]
    ):
        is_headline = at < boundary
        points = (heavy if is_headline else 1.0) * (phrase_weight if len(term.parts) > 1 else 1.0)
        for slot in term.slots:
            key = (slot, lemmas)
            if points > best.get(key, 0.0):
                best[key] = points
            shown.setdefault(key, surface)
            if is_headline:
                in_headline.add(key)
    count = len(taxonomy.themes)
    points, headline_points = [0.0] * count, [0.0] * count
    terms: dict[int, list[str]] = {}
    for key, value in best.items():
        slot = key[0]
        points[slot] += value
        if key in in_headline:
            headline_points[slot] += value
        terms.setdefault(slot, []).append(shown[key])
    return Evidence(points, headline_points, terms, words=words)


# A year or a decade as written: "1994", "1960s".
_YEAR = re.compile(r"(1\d{3}|20\d{2})(s?)")
PAST_GAP = 3  # a year counts as the past when it is at least this many years before the story's


def _year_of(word: str) -> int | None:
    """The year a word names ("1994"; a decade, "1960s", by its middle), or None."""
    found = _YEAR.fullmatch(word) if word[:1].isdigit() else None
    if not found:
        return None
    return int(found.group(1)) + (5 if found.group(2) else 0)


def reference_year(story: StoryText) -> int | None:
    """The story's year: from its date when known, else the latest year from 2000 on that its
    title or News names (the News tells of the present), else None."""
    if story.year:
        return story.year
    named = (_year_of(word) for word in tokens(f"{story.title} {_lede(story.news)}"))
    return max((year for year in named if year and 2000 <= year < 2030), default=None)


def past_years(words: Sequence[str], reference: int | None) -> list[str]:
    """The years and decades a text names, as written, that lie ``PAST_GAP`` years or more
    before the story's year (before 2000 when it is unknown): a signal arguing from the past."""
    limit = reference - PAST_GAP if reference else 1999
    # A year is a word opening with 1 or 2. Many texts have none, as one look at the joined
    # words tells; in the others, each word's first character is looked at before the pattern
    # (the pattern called on every word cost a tenth of the keyword evidence, and one scan of
    # the joined words with it, looking behind at every character, three times this).
    spaced = f" {' '.join(words)}"
    if " 1" not in spaced and " 2" not in spaced:
        return []
    named = [word for word in words if word[:1] in ("1", "2") and _YEAR.fullmatch(word)]
    return list(dict.fromkeys(word for word in named if (_year_of(word) or 0) <= limit))


def looking_back(
    years: Sequence[str], eras: Sequence[str], reference: int | None
) -> tuple[float, float]:
    """(past, depth) for the learned layer: how many past years and eras a text names, as a
    share of three, and how far back the earliest year goes on a log scale (10 years 0.5,
    100 years 1; an era without a year counts as 10 years)."""
    if not years and not eras:
        return (0.0, 0.0)
    span = 10
    if years:
        span = max((reference or 2000) - min(_year_of(word) or 0 for word in years), 1)
    return (min(len(years) + len(eras), 3) / 3, min(math.log10(1 + span) / 2, 1.0))


def _looking_back_slots(taxonomy: Taxonomy) -> list[int]:
    """The positions of the themes that ``looks_back``."""
    return [i for i, theme in enumerate(taxonomy.themes) if theme.looks_back]


def _look_back(
    evidence: Evidence, reference: int | None, back: list[int], taxonomy: Taxonomy
) -> None:
    """Set a signal's ``looking_back`` from the past years it names and the past eras among
    its matched terms; the years are shown with the looking-back themes' matched terms."""
    years = past_years(evidence.words, reference)
    eras = [
        term
        for slot in back
        for term in evidence.terms.get(slot, ())
        if term.lower() in taxonomy.themes[slot].past_terms
    ]
    if years or eras:
        evidence.looking_back = looking_back(years, eras, reference)
    for slot in back:
        if years:  # (a decade may be one of the theme's terms already: "1960s")
            shown = evidence.terms.setdefault(slot, [])
            shown.extend(year for year in years if year not in shown)


def _lede(news: str, limit: int = 600) -> str:
    """The opening of The News (whole sentences up to ``limit`` characters): it says what the
    story is about, and a long News would otherwise cost as much as several signals."""
    if len(news) <= limit:
        return news
    cut = news.rfind(". ", 0, limit)
    return news[: cut + 1] if cut > 0 else news[:limit]


def gather_evidence(stories: Sequence[StoryText], taxonomy: Taxonomy) -> list[tuple]:
    """For each story: (evidence per signal, evidence of the title and News). All the texts of
    all the stories are embedded in one call."""
    settings = taxonomy.settings
    semantic = settings.semantic and _described(taxonomy).any()
    layer = learned_layer(taxonomy) if semantic else None
    semantic = semantic and (layer is not None or settings.similarity_weight > 0)
    labelled = _labelled(taxonomy) if layer is not None else None
    read_context = settings.prior_weight if layer is None else layer.uses("prior")
    # The evidence whose text is embedded, in order, and whether each is a signal's.
    gathered, embedded, is_signal = [], [], []
    back = _looking_back_slots(taxonomy)
    for story in stories:
        exclude = story.exclude or [()] * len(story.signals)
        signals = []
        reference = reference_year(story) if back else None
        for (headline, body), names in zip(story.signals, exclude, strict=True):
            evidence = keyword_evidence(headline, body, taxonomy, names)
            if back:
                _look_back(evidence, reference, back, taxonomy)
            signals.append(evidence)
        embedded.extend(signals)
        is_signal.extend([True] * len(signals))
        # With no weight for the prior, the title and News are not read at all.
        if read_context:
            context = keyword_evidence(story.title, _lede(story.news), taxonomy)
            embedded.append(context)
            is_signal.append(False)
        else:
            context = Evidence([0.0] * len(taxonomy.themes), [0.0] * len(taxonomy.themes), {})
        gathered.append((signals, context))
    if semantic and embedded:
        vectors = signal_vectors([evidence.words for evidence in embedded], taxonomy)
        sims = theme_similarities(vectors, taxonomy)
        for row, evidence in enumerate(embedded):
            evidence.similarity, evidence.vector = sims[row], vectors[row]
        if not read_context:
            # Unread contexts compare to nothing: as for a text without words.
            blank = np.full(len(taxonomy.themes), -1.0, dtype=np.float32)
            for _, context in gathered:
                context.similarity = blank
        if labelled is not None:
            # Only signals need the labelled signals' votes (a prior is scored by hand weights).
            signal_rows = np.flatnonzero(is_signal)
            found = neighbour_votes(
                vectors[signal_rows],
                labelled,
                len(taxonomy.themes),
                layer.neighbours,
                layer.neighbour_temperature,
            )
            for i, row in enumerate(signal_rows):
                evidence = embedded[row]
                evidence.neighbours = found.votes[i]
                evidence.nearest, evidence.centre = found.nearest[i], found.centre[i]
            if layer.uses("words") and labelled.words is not None:
                lemmas = [content_lemmas(embedded[row].words) for row in signal_rows]
                usable = _usable(taxonomy)
                votes = word_votes(lemmas, labelled.words, layer.word_smoothing, usable)
                for i, row in enumerate(signal_rows):
                    embedded[row].word_vote = votes[i]
    return gathered


def _keyword_share(points: np.ndarray, settings: Settings) -> np.ndarray:
    """Keyword evidence between 0 and 1: more points, more confidence, with diminishing returns."""
    return points / (points + settings.saturation)


def _similarity_share(sims: np.ndarray, settings: Settings) -> np.ndarray:
    """Similarities as shares that add up to 1 per row (a softmax): what counts is how much
    closer the signal is to one theme than to the others."""
    scaled = (sims - sims.max(axis=1, keepdims=True)) / max(settings.temperature, 1e-6)
    weights = np.exp(scaled)
    return weights / weights.sum(axis=1, keepdims=True)


def _evidence_scores(
    points: np.ndarray, sims: np.ndarray | None, settings: Settings, usable: np.ndarray
) -> np.ndarray:
    """Keyword and similarity evidence combined, one row per text, one column per theme. The
    similarity shares go to the usable themes that have a text to compare with."""
    score = settings.keyword_weight * _keyword_share(points, settings) * usable
    if sims is not None:
        compared = usable & ~np.all(sims <= -1.0, axis=0) if len(sims) else usable
        # Shares over a single theme would say nothing about it: it needs rivals.
        if compared.sum() > 1:
            masked = np.where(compared, sims, -np.inf)
            score = score + settings.similarity_weight * _similarity_share(masked, settings)
    return score


def _priors(contexts: list[Evidence], settings: Settings, usable: np.ndarray) -> np.ndarray:
    """Each story's title and News as shares over the themes (zeros when they say nothing)."""
    sims = None if contexts[0].similarity is None else np.array([c.similarity for c in contexts])
    score = _evidence_scores(np.array([c.points for c in contexts]), sims, settings, usable)
    score[[not c.words for c in contexts]] = 0.0  # no title, no News: no prior
    total = score.sum(axis=1, keepdims=True)
    return np.divide(score, total, out=np.zeros_like(score), where=total > 0)


def _described(taxonomy: Taxonomy) -> np.ndarray:
    """Themes with a description or examples, the only ones a similarity can be measured to."""
    return np.array([bool(t.description.strip() or t.examples) for t in taxonomy.themes])


def _usable(taxonomy: Taxonomy) -> np.ndarray:
    """Themes that compete. The fallback theme is a verdict on weak evidence rather than a theme,
    unless the taxonomy gives it terms or examples of its own."""
    usable = np.ones(len(taxonomy.themes), dtype=bool)
    for i, theme in enumerate(taxonomy.themes):
        if theme.slug == taxonomy.settings.fallback and not (theme.terms or theme.examples):
            usable[i] = False
    return usable


def _is_weak(evidence: Evidence, settings: Settings) -> bool:
    """Too little evidence for any theme: the fallback applies."""
    if not evidence.words:
        return True
    if max(evidence.points, default=0.0) >= settings.min_score:
        return False
    if evidence.similarity is None:
        return True
    return float(evidence.similarity.max()) < settings.min_similarity


def assign(
    evidence: Evidence,
    score: list[float],
    prior: list[float] | None,
    taxonomy: Taxonomy,
    usable: np.ndarray,
    thresholds: bool = True,
) -> list[ThemeScore]:
    """Themes of one signal from its combined scores: the main theme first, then the themes
    scoring within ``relative_cutoff`` of it that have keyword evidence of their own. With
    ``thresholds`` (the hand-set weights), weak evidence gives the fallback theme; the learned
    layer decides that itself (the fallback theme is one of its classes) and only a text with
    no words falls back."""
    settings = taxonomy.settings
    slugs = taxonomy.slugs
    if not evidence.words or (thresholds and _is_weak(evidence, settings)):
        return [_fallback_score(evidence, taxonomy)]
    sims = evidence.similarity.tolist() if evidence.similarity is not None else None
    headline, points = evidence.headline_points, evidence.points
    # Ties: the headline's own evidence, then the similarity, then the name (never file order).
    ranks = [
        (-score[i], -headline[i], -sims[i] if sims is not None else 0.0, slugs[i], i)
        for i in range(len(slugs))
        if usable[i]
    ]
    order = [rank[-1] for rank in sorted(ranks)]
    main = order[0]
    cutoff = score[main] * settings.relative_cutoff
    chosen = [main] + [
        i for i in order[1:] if score[i] >= cutoff and points[i] >= settings.min_score > 0
    ]
    return [
        ThemeScore(
            slugs[i],
            round(score[i], 4),
            sorted(evidence.terms.get(i, ())),
            similarity=None if sims is None or sims[i] <= -1.0 else round(sims[i], 4),
            prior=None if prior is None else round(prior[i], 4),
        )
        for i in chosen
    ]


def _fallback_score(evidence: Evidence, taxonomy: Taxonomy) -> ThemeScore:
    slug = taxonomy.settings.fallback
    sim = None
    # A text with no words has no meaningful similarity to anything.
    if evidence.words and evidence.similarity is not None and slug in taxonomy.slugs:
        value = float(evidence.similarity[taxonomy.slugs.index(slug)])
        sim = round(value, 4) if value > -1.0 else None
    return ThemeScore(slug, 0.0, [], similarity=sim)


def assign_gathered(gathered: list[tuple], taxonomy: Taxonomy) -> list[list[list[ThemeScore]]]:
    """Themes from evidence already gathered (see ``gather_evidence``), scored as one matrix:
    by the learned layer when the taxonomy has one, else by the weights of ``[settings]``."""
    settings = taxonomy.settings
    signals = [evidence for story, _ in gathered for evidence in story]
    if not signals:
        return [[] for _ in gathered]
    usable = _usable(taxonomy)
    layer = learned_layer(taxonomy) if signals[0].similarity is not None else None
    counts = [len(story) for story, _ in gathered]
    priors = None
    if layer is not None:
        if layer.uses("prior"):
            priors = np.repeat(_priors([c for _, c in gathered], settings, usable), counts, axis=0)
        logits = layer.logits(evidence_features(signals, priors, taxonomy))
        score = _softmax(np.where(usable, logits, -np.inf))
    else:
        sims = (
            np.array([e.similarity for e in signals]) if signals[0].similarity is not None else None
        )
        score = _evidence_scores(np.array([e.points for e in signals]), sims, settings, usable)
        if settings.prior_weight:
            priors = np.repeat(_priors([c for _, c in gathered], settings, usable), counts, axis=0)
            score = score + settings.prior_weight * priors
    scores, prior_rows = score.tolist(), priors.tolist() if priors is not None else None
    out, row = [], 0
    for story, _ in gathered:
        results = []
        for evidence in story:
            prior = prior_rows[row] if prior_rows is not None and any(prior_rows[row]) else None
            results.append(assign(evidence, scores[row], prior, taxonomy, usable, layer is None))
            row += 1
        out.append(results)
    return out


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def score_stories_themes(
    stories: Sequence[StoryText], taxonomy: Taxonomy
) -> list[list[list[ThemeScore]]]:
    """Themes of every signal of many stories (one list per story, one per signal in it), with
    a single embedding call for all of them: the way to score a batch of pages quickly."""
    with _no_cycle_collection():
        return assign_gathered(gather_evidence(stories, taxonomy), taxonomy)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Scoring allocates many small tuples and lists, none in reference cycles; in a process
    holding many objects, the cycle collector would otherwise run over and over and cost more
    than the scoring itself (2 to 3 times, measured). Everything is still freed on time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
