"""The outlet registry: canonical names, kinds, countries and aliases, and finding outlets in text.

The registry is a CSV file shipped with the package (``signals_data/data/outlets.csv``); analysts
can edit it or point ``SIGNALS_OUTLETS`` at their own copy. Names not in the registry are never
dropped: they are kept as given (tidied) and stored as unreviewed outlets.
"""

from __future__ import annotations

import bisect
import csv
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import accumulate

from rapidfuzz import fuzz, process

KINDS = (
    "newspaper",
    "wire",
    "magazine",
    "broadcaster",
    "think tank",
    "newsletter",
    "person",
    "institution",
    "document",
    "court",
    "unknown",
)

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "\u00a0": " "})
# A name's hyphen as people type it: "ISEAS–Yusof Ishak Institute" (an en dash).
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013", "-"))
# "the Wall Street Journal's Jane Doe" -> "the Wall Street Journal", "the Financial Times'
# David Pilling" -> "the Financial Times": a person at an outlet.
# "… Economics's Monica de Bolle": a person's name may hold lower-case particles.
_POSSESSIVE_PERSON = re.compile(
    r"^(?P<outlet>.+?)(?:'s|(?<=s)')\s+"
    r"(?:(?:[A-Z][\w.'\-]*|de|da|do|dos|van|von|der|den|del|la|le|bin|al|el|di|du)\s*){1,5}$"
)
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EDGE_JUNK = " \t.,;:*_\"'()[]"


@dataclass(frozen=True)
class OutletInfo:
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...] = ()
    needs_context: tuple[str, ...] = ()


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The lookup key of an outlet name: case, a leading "the", punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).strip(_EDGE_JUNK)
    text = re.sub(r"\s+", " ", text).lower()
    text = re.sub(r"^the ", "", text)
    return text.translate(_DASHES).replace("-", " ").replace(".", "")


@lru_cache(maxsize=65536)
def clean_name(raw: str) -> str:
    """Tidy a name as written on a Source line or in an insights list, without resolving it."""
    text = _MARKDOWN_LINK.sub(r"\1", raw)
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    text = re.sub(r"\s+", " ", text).strip(_EDGE_JUNK)
    if text.count("(") > text.count(")"):
        text += ")"  # "ABC News (Australia)": the bracket closes one in the name
    if text.startswith("the "):
        text = "The " + text[4:]
    return text


@dataclass
class Registry:
    outlets: dict[str, OutletInfo] = field(default_factory=dict)  # canonical name -> info
    by_key: dict[str, str] = field(default_factory=dict)  # name_key -> canonical name

    def add(self, info: OutletInfo) -> None:
        self.outlets[info.name] = info
        for alias in (info.name, *info.aliases):
            self.by_key.setdefault(name_key(alias), info.name)

    def resolve(self, raw: str) -> tuple[str, bool]:
        """Canonical name for a written name, and whether the registry knows it."""
        cleaned = clean_name(raw)
        canonical = self.by_key.get(name_key(cleaned))
        if canonical:
            return canonical, True
        # "The Wall Street Journal's Jane Doe" is a person at an outlet; "Lloyd's List" is a name.
        person = _POSSESSIVE_PERSON.match(cleaned)
        if person:
            outlet = person.group("outlet").strip()
            known = self.by_key.get(name_key(outlet))
            if known or outlet.startswith("The "):
                return (known or outlet), bool(known)
        return cleaned, False

    def is_known(self, raw: str) -> bool:
        return name_key(clean_name(raw)) in self.by_key

    def starts_a_name(self, raw: str) -> bool:
        """Whether a written name is the start of a longer known name ("The Wash", "South China
        Mor"): what a name cut off by the end of a copy looks like."""
        key = name_key(clean_name(raw))
        keys = _sorted_keys(self)
        at = bisect.bisect_left(keys, key)
        return bool(key) and at < len(keys) and keys[at] != key and keys[at].startswith(key)

    def readings(self, raw: str) -> list[str]:
        """Every known outlet a written name may stand for: the one it names, then those whose
        short form it is ("Nation": The Nation and Nation Africa; "ABC": ABC News and the
        Australian Broadcasting Corporation). Empty for an unknown name."""
        return list(_readings(self, raw))

    def info(self, canonical: str) -> OutletInfo:
        return self.outlets.get(canonical) or OutletInfo(canonical, "unknown", None)

    def prose_index(self) -> ProseIndex:
        return _prose_index(self)

    def prose_lookup(self) -> dict[str, list[tuple[str, bool]]]:
        return _prose_lookup(self)

    def __hash__(self) -> int:  # registries are built once and never mutated after loading
        return id(self)


def _prose_forms(info: OutletInfo) -> list[tuple[str, bool]]:
    """How the outlet may be written in prose, each with whether it needs story context."""
    forms: list[tuple[str, bool]] = []
    context = {c.removeprefix("the ").removeprefix("The ") for c in info.needs_context}
    for alias in (info.name, *info.aliases):
        bare = alias.removeprefix("The ").removeprefix("the ")
        if len(bare) < 2:
            continue
        forms.append((bare, bare in context))
    for extra in context:
        if extra not in {f for f, _ in forms}:
            forms.append((extra, True))
    return forms


@lru_cache(maxsize=8)
def _prose_lookup(registry: Registry) -> dict[str, list[tuple[str, bool]]]:
    """Each prose form and the outlets it can stand for; unambiguous readings first."""
    lookup: dict[str, list[tuple[str, bool]]] = {}
    for info in registry.outlets.values():
        for form, needs_context in _prose_forms(info):
            readings = lookup.setdefault(form, [])
            same = [r for r in readings if r[0] == info.name]
            if not same:
                readings.append((info.name, needs_context))
            elif same[0][1] and not needs_context:  # a plain alias beats a context-only form
                readings[readings.index(same[0])] = (info.name, False)
    for readings in lookup.values():
        readings.sort(key=lambda reading: reading[1])
    return lookup


# Words as the prose matcher sees them: runs of letters and digits, and the joiners "&" and "/"
# ("Mail & Guardian", "RFE/RL"). Other punctuation only separates ("Al-Monitor", "S.Paulo").
_TOKEN = re.compile(r"[^\W_]+|[&/]")
_TOKEN_SPLIT = re.compile(rf"({_TOKEN.pattern})")  # separators and words, in turn
_NOT_WORD = re.compile(r"[\w&-]")


@dataclass(frozen=True)
class ProseMatch:
    start: int  # where the mention starts, a leading "The"/"the" included
    name_start: int
    name_end: int
    form: str  # the registry form it matched (a key of ``prose_lookup``)
    written: str  # the text as written, a leading "the" included


class ProseIndex:
    """Every prose form of every outlet, indexed by its first word.

    A text is read once, word by word, with a dictionary look-up per word: the cost grows with
    the text, not with the size of the registry (one regular expression alternating over a
    thousand names tried each of them at every character).
    """

    def __init__(self, forms: list[str]):
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for form in forms:
            words = tuple(_TOKEN.findall(form))
            if words:
                self.by_first.setdefault(words[0], []).append((words, form))
        for candidates in self.by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))  # the longest name wins

    def finditer(self, text: str) -> Iterator[ProseMatch]:
        located = _LocatedWords(text)
        words, by_first = located.words, self.by_first
        if by_first.keys().isdisjoint(words):
            return  # most signals: no word that starts a known name, nothing more to do
        starts = [i for i, word in enumerate(words) if word in by_first]
        located.locate(starts)
        after = 0  # the first word not yet inside a match
        for i in starts:
            if i < after:
                continue
            match = self._match_at(text, located, i)
            if match is not None:
                yield match[0]
                after = i + match[1]

    def _match_at(self, text, located, i) -> tuple[ProseMatch, int] | None:
        words = located.words
        for form_words, form in self.by_first.get(words[i], ()):
            n = len(form_words)
            if tuple(words[i : i + n]) != form_words:
                continue
            start, end = located.span(i, n)
            # Whole words only: "Time" is not in "Times", "Monitor" is not in "Al-Monitor".
            if (start and _NOT_WORD.match(text[start - 1])) or (
                end < len(text) and _NOT_WORD.match(text[end])
            ):
                continue
            if text[start:end] != form and not _same_form(text[start:end], form):
                continue
            lead = start - 4 if text[max(0, start - 4) : start] in ("The ", "the ") else start
            return ProseMatch(lead, start, end, form, text[lead:end]), n
        return None


# Every ASCII character but letters and digits, as a space (a ``str.translate`` table): in an
# ASCII text without "&" or "/", the words are then the runs between spaces. (The theme
# evidence splits its words so too.)
ASCII_SPACES = "".join(c if c.isalnum() else " " for c in map(chr, range(128)))


class _LocatedWords:
    """A text's words as the prose matcher sees them (``_TOKEN``), and where they stand."""

    def __init__(self, text: str):
        self.offsets: list[int] = []  # where each piece ends (other texts, see below)
        self.begins: dict[int, int] = {}  # where each located word starts (ASCII texts)
        if text.isascii() and "&" not in text and "/" not in text:
            # Most texts: split at spaces once all but letters and digits is one, nearly
            # three times faster than the pattern; a word is looked for in that text (with a
            # space either side: a whole word) only when it may start a name (see ``locate``).
            self.spaced: str | None = f" {text.translate(ASCII_SPACES)} "
            self.words = self.spaced.split()
        else:
            # One split gives the words and, by the lengths of the pieces, where each stands:
            # word k is pieces[2k + 1], from offsets[2k] to offsets[2k + 1] (match objects for
            # every word would cost several times more).
            self.spaced = None
            self.pieces = _TOKEN_SPLIT.split(text)
            self.words = self.pieces[1::2]

    def locate(self, starts: list[int]) -> None:
        """Find where the words at ``starts`` (in order) stand, before ``span`` is asked."""
        if self.spaced is None:
            self.offsets = list(accumulate(map(len, self.pieces)))
            return
        at = 0
        for i in starts:
            # The first whole word equal to word i after the word before it is word i: any
            # word between them that equals it would be among the starts too.
            at = self.spaced.find(f" {self.words[i]} ", at)
            self.begins[i] = at  # the space before it, in ``spaced``: where it is in the text
            at += len(self.words[i])

    def span(self, i: int, n: int) -> tuple[int, int]:
        """Where words i to i + n - 1 stand in the text, from the start of the first to the end
        of the last (word i is one of those located)."""
        if self.spaced is None:
            return self.offsets[2 * i], self.offsets[2 * (i + n - 1) + 1]
        start = self.begins[i]
        end = start + len(self.words[i])
        for word in self.words[i + 1 : i + n]:  # each the next word: the next one equal to it
            end = self.spaced.find(f" {word} ", end) + len(word)
        return start, end


def _same_form(written: str, form: str) -> bool:
    """The same words with other separators ("Al Monitor" for "Al-Monitor")."""
    return _TOKEN.findall(written) == _TOKEN.findall(form)


@lru_cache(maxsize=8)
def _sorted_keys(registry: Registry) -> list[str]:
    return sorted(registry.by_key)


@lru_cache(maxsize=65536)
def _readings(registry: Registry, raw: str) -> tuple[str, ...]:
    canonical, known = registry.resolve(raw)
    if not known:
        return ()
    shared = _context_owners(registry).get(name_key(clean_name(raw)), ())
    return tuple(dict.fromkeys([canonical, *shared]))


@lru_cache(maxsize=8)
def _context_owners(registry: Registry) -> dict[str, tuple[str, ...]]:
    """The outlets each short form needing context may stand for, by the form's key."""
    owners: dict[str, dict[str, None]] = {}
    for info in registry.outlets.values():
        for form in info.needs_context:
            owners.setdefault(name_key(form), {})[info.name] = None
    return {key: tuple(names) for key, names in owners.items()}


@lru_cache(maxsize=8)
def _prose_index(registry: Registry) -> ProseIndex:
    return ProseIndex(list(_prose_lookup(registry)))


# Attribution phrases that reliably introduce a publication, used to catch outlets the registry
# does not know yet ("wrote in the Kigali Ledger"). Deliberately narrow: "told X" is often a person.
_ATTRIBUTION = re.compile(
    r"\b(?:wrote in|writing in|op-ed (?:in|for)|column (?:in|for)|told(?= [Tt]he )"
    r"|reported by(?= [Tt]he )|according to(?= [Tt]he )|published in)\s+"
    r"(?P<name>(?:[Tt]he\s+)?[A-Z][\w&'’-]*"
    r"(?:[ ]+(?:(?:of|for|on|and|&|in)(?: the)? )?[A-Z][\w&'’-]*){0,5})"
)


# Every attribution phrase contains one of these: a text without any cannot match.
_ATTRIBUTION_WORDS = (
    "wrote in",
    "writing in",
    "op-ed",
    "column",
    "told the ",
    "told The ",
    "reported by",
    "according to",
    "published in",
)


def _may_attribute(text: str) -> bool:
    """Whether ``_ATTRIBUTION`` can match (cheap: most texts have no attribution phrase)."""
    return any(words in text for words in _ATTRIBUTION_WORDS)


# Demonyms and adjectives ("told the Spanish daily", "the Chinese side") are never outlets.
_DEMONYM = re.compile(
    r"^(?:[A-Z][a-z]+(?:ish|ese|ian|ean|an|ic|i|ch|ss)|Thai|Greek|Swiss|Czech|Dutch|French|Irish"
    r"|Welsh|Scots|Basque|Kurdish|Arab|Gulf|Western|Eastern|Northern|Southern|Central|Federal"
    r"|National|Global|International|Foreign|Local|State|Government|Opposition|Administration)$"
)
# Words that may stand before an outlet's name without being part of a longer name.
_SENTENCE_WORDS = {
    "A", "An", "And", "As", "At", "But", "By", "For", "From", "If", "In", "Its", "On", "Or", "So",
    "The", "This", "Then", "To", "When", "While", "With", "Yet", "According", "Per", "Like",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
}  # fmt: skip
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")


# Patterns used on every mention, compiled once (re's own cache costs a look-up per call).
_TRAILING_THE = re.compile(r"(?:\s|^)(?:[Tt]he)$")
_ENDS_CLAUSE = re.compile(r"[.!?:;,\"”)]$")
_FOLLOWING_NAME = re.compile(r"\s+(?:(?:of|for|on|&)\s+)?([A-Z][\w'’.-]*)")
_LEADING_THE = re.compile(r"^[Tt]he\s+")


def _inside_longer_name(text: str, start: int, end: int, index: ProseIndex) -> bool:
    """Whether a matched outlet name is part of a longer proper name the registry does not know:
    "Council on Foreign Relations" in "European Council on Foreign Relations", "Guardian" in
    "Mail & Guardian", "Reuters" in "Reuters Institute". A neighbour that starts another known
    name ("Reuters and Bloomberg", "Voice of America and NBC News") is not part of it."""
    before = text[max(0, start - 40) : start].rstrip()
    before = _TRAILING_THE.sub("", before).rstrip()
    words = before.split()
    joined = len(words) > 1 and words[-1] in {"&", "of", "for", "on", "de", "du"}
    if joined and _NAME_WORD.fullmatch(words[-2]) and words[-2] not in _SENTENCE_WORDS:
        return True
    if (
        words
        and _NAME_WORD.fullmatch(words[-1])
        and words[-1] not in _SENTENCE_WORDS
        and not _ENDS_CLAUSE.search(words[-1])
        and not before.endswith(("’s", "'s"))
    ):
        return True
    follow = _FOLLOWING_NAME.match(text[end : end + 40])
    if not follow or follow.group(1) in _SENTENCE_WORDS or follow.group(1).isupper():
        return False
    return _TOKEN.match(follow.group(1)).group() not in index.by_first


@dataclass
class Mentions:
    outlets: list[str]  # canonical outlets named in the prose, in order of first appearance
    ambiguous: list[str]  # short forms ("the Times") the story gave no context for


def _full_name_with_article(written: str, name: str) -> bool:
    """Whether the text as written is the outlet's whole name and that name opens with "The"."""
    return name[:4] == "The " and written[4:] == name[4:] and written[:4] in ("The ", "the ")


def scan_mentions(
    text: str, registry: Registry, context: set[str], *, text_is_truncated: bool = False
) -> Mentions:
    """Outlets named in prose, and short forms that could not be resolved.

    ``context`` holds the canonical outlets credited anywhere in the story. A form that several
    outlets share, or that the registry marks as needing context ("the Times", "the Journal",
    "Science"), counts only when exactly one outlet it can stand for is in the story's context
    or named in full earlier in the same text; otherwise it is recorded as ambiguous.
    """
    found: dict[str, int] = {}
    pending: list[tuple[str, int, list[tuple[str, bool]]]] = []
    lookup, index = registry.prose_lookup(), registry.prose_index()
    spans: list[tuple[int, int]] = []  # where known names stand, so attributions skip them
    for match in index.finditer(text):
        spans.append((match.start, match.name_end))
        if _inside_longer_name(text, match.name_start, match.name_end, index):
            continue
        readings = lookup[match.form]
        if len(readings) == 1 and not readings[0][1]:
            found.setdefault(readings[0][0], match.start)
        else:
            pending.append((match.written, match.start, readings))
    ambiguous: dict[str, None] = {}
    for written, at, readings in pending:
        known = context | set(found)
        chosen = list(dict.fromkeys(c for c, _ in readings if c in known))
        if len(chosen) == 1:
            found.setdefault(chosen[0], at)
        elif len(readings) == 1 and _full_name_with_article(written, readings[0][0]):
            # "The Guardian": the outlet's whole name, article included, is no ordinary word,
            # even where its bare form ("Guardian") needs the story's context.
            found.setdefault(readings[0][0], at)
        elif len(readings) > 1:
            # Shared by several outlets ("the Times"): worth a look. A context-only form of one
            # outlet ("Science", "Independent") is most often an ordinary word: let it go.
            ambiguous.setdefault(written, None)
    for match in _ATTRIBUTION.finditer(text) if _may_attribute(text) else ():
        raw = match.group("name").rstrip(".’'")
        if text_is_truncated and match.end() >= len(text.rstrip()):
            continue  # a name cut off by the end of the copy is not a name
        if _DEMONYM.match(_LEADING_THE.sub("", raw)):
            continue
        at = match.start("name")
        if any(start <= at < end for start, end in spans):
            continue  # a name the registry already matched here (whole or in part)
        canonical, known = registry.resolve(raw)
        if not known and len(canonical) < 3:
            continue
        found.setdefault(canonical, match.start("name"))
    return Mentions(sorted(found, key=found.__getitem__), list(ambiguous))


def find_mentions(
    text: str, registry: Registry, context: set[str], *, text_is_truncated: bool = False
) -> list[str]:
    """Canonical outlets named in prose, in order of first appearance (see ``scan_mentions``)."""
    return scan_mentions(text, registry, context, text_is_truncated=text_is_truncated).outlets


@lru_cache(maxsize=8)
def _suggestion_choices(registry: Registry) -> tuple[list[str], list[str]]:
    """Every key the registry matches (names and aliases) and the canonical outlet of each."""
    keys, owners = [], []
    for info in registry.outlets.values():
        for form in dict.fromkeys(name_key(a) for a in (info.name, *info.aliases)):
            keys.append(form)
            owners.append(info.name)
    return keys, owners


def suggest_outlets(
    name: str, registry: Registry, *, limit: int = 3, min_score: float = 70.0
) -> list[tuple[str, float]]:
    """The registry outlets closest to an unknown name, best first, with a 0–100 score.

    Suggestions only: nothing is merged automatically, because a close spelling is often a
    different outlet ("The Nation" and "Nation Africa", "Times of India" and "The Times").
    """
    keys, owners = _suggestion_choices(registry)
    best: dict[str, float] = {}
    for _key, score, index in process.extract(
        name_key(clean_name(name)),
        keys,
        scorer=fuzz.token_sort_ratio,
        limit=limit * 4,
        score_cutoff=min_score,
    ):
        owner = owners[index]
        best[owner] = max(best.get(owner, 0.0), round(score, 1))
    return sorted(best.items(), key=lambda item: -item[1])[:limit]


def _registry_path() -> str | os.PathLike[str]:
    override = os.environ.get("SIGNALS_OUTLETS")
    if override:
        return override
    return str(resources.files("signals_data") / "data" / "outlets.csv")


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


@lru_cache(maxsize=4)
def load_registry(path: str | None = None) -> Registry:
    """Read the outlet registry CSV (columns: name, kind, country, aliases, needs_context)."""
    registry = Registry()
    with open(path or _registry_path(), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            kind = (row.get("kind") or "unknown").strip()
            registry.add(
                OutletInfo(
                    name=row["name"].strip(),
                    kind=kind if kind in KINDS else "unknown",
                    country=(row.get("country") or "").strip() or None,
                    aliases=_split(row.get("aliases")),
                    needs_context=_split(row.get("needs_context")),
                )
            )
    return registry
