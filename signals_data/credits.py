"""The names on a Source line: how a line is split into entries, and how each entry becomes
an outlet (a work's maker, a site's owner, a name qualified by its country, a short form read
through the story's other credits).

Source lines separate names with commas only; "and" belongs to a name unless the registry knows
both halves and not the whole.
"""

from __future__ import annotations

import functools
import re

from signals_data.outlets import Registry, name_key

_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")
_LEADING_AND = re.compile(r"^(?:and|&)\s+")
_AND = re.compile(r"\s+and\s+")


def split_source_names(names: str, registry: Registry | None = None) -> list[str]:
    """The entries of a Source line. Source lines separate names with commas only: "and" and "&"
    belong to names ("Center for Climate and Energy Solutions", "Mail & Guardian"), except
    between two names the registry knows when the whole is not one ("…, AP and Bloomberg")."""
    # Notes in brackets are about the link, not the name: "(in Spanish)", "(paywall)".
    if "(" in names:
        names = _VIA_NOTE.sub(r" via \1", _BRACKETED_NOTE.sub("", names))  # "X (via Kyodo)"
    parts = (p.strip() for p in _LIST_SEPARATOR.split(names.strip().rstrip(".,")))
    # "Kyodo via The Japan Times": the report and the outlet that carried it are both sources.
    if " via " in names.lower():
        parts = (v.strip() for p in parts for v in _VIA.split(p))
        # "ABS-CBN News via YouTube": a platform that carried the report is not a source.
        parts = (p for p in parts if p.lower() not in _PLATFORMS)
    entries = [_LEADING_AND.sub("", p) if p[:1] in "a&A" else p for p in parts if p]
    entries = [_AND_OTHERS.sub("", e) for e in entries if e.lower() not in ("and others", "others")]
    entries = [_web_name(e) if "://" in e or e.startswith("www.") else e for e in entries]
    entries = _whole_department_names(entries, registry)
    if registry is None:
        return entries
    return [piece for entry in entries for piece in _known_pair(entry, registry)]


# A work named instead of its maker: "a report by the International Crisis Group", "IMF staff
# paper", "Uzair Younus's newsletter". The maker is the source.
_WORK_BY = re.compile(
    r"^(?:an?|the)\s+(?:new\s+|recent\s+|latest\s+)?(?:report|paper|study|analysis|survey"
    r"|note|statement|column|op-ed|essay|podcast|newsletter|blog post|brief|interview)\s+"
    r"(?:by|from|with)\s+|^(?:research|data|analysis|figures|polling)\s+(?:by|from)\s+",
    re.I,
)
_OWNERS_WORK = re.compile(
    r"^(?P<maker>.+?)['’]s?\s+(?:newsletter|blog|podcast|column|substack|report|paper|analysis"
    r"|note|research)$",
    re.I,
)
_WORK_SUFFIX = re.compile(
    r"^(?P<maker>.+?)\s+(?:staff\s+|working\s+|research\s+|policy\s+)?(?:paper|report|note"
    r"|brief|survey|data|statement|newsletter|blog|podcast|analysis)$",
    re.I,
)


_WORK_OF = re.compile(r"^.+?\s*\((?P<maker>[^()]{2,80})\)$")
_PERSONS_OUTLET = re.compile(r"^[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}['’]s\s+(?P<outlet>[A-Z].*)$")
_QUALIFIED = re.compile(r"^(?P<name>.+?)\s*\((?P<place>[^()]{2,40})\)$")


def _qualified_outlet(name: str, place: str, registry: Registry) -> str | None:
    """The known outlet of a name qualified by its country: "The Star (Kenya)" is the registry's
    "The Star Kenya", "The National (UAE)" its "The National". A name the registry knows from
    another country, or does not know, keeps its brackets: "Daily Mirror (Sri Lanka)" is not
    the British paper, "Ministry of Foreign Affairs (Japan)" and "(China)" are two sources."""
    if registry.is_known(joined := f"{name} {place}"):
        return joined
    canonical, known = registry.resolve(name)
    if not known:
        return None
    place = _COUNTRY_SHORT.get(place.lower(), place.lower())
    if place in _countries(registry):  # a country: the outlet's own, or another paper
        return canonical if place == (registry.info(canonical).country or "").lower() else None
    return canonical  # a note about the source ("(Substack)", "(state media)")


@functools.lru_cache(maxsize=4)
def _countries(registry: Registry) -> frozenset[str]:
    return frozenset((i.country or "").lower() for i in registry.outlets.values()) - {""}


_COUNTRY_SHORT = {
    "uae": "united arab emirates",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "us": "united states",
    "u.s.": "united states",
    "usa": "united states",
    "drc": "democratic republic of the congo",
}


_HOST = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$")


def _squeezed(name: str) -> str:
    """A name run together without "the", spaces or punctuation; a host without its suffix."""
    if _HOST.match(name):
        name = name.rsplit(".", 2 if name.endswith((".co.uk", ".com.au")) else 1)[0]
    return re.sub(r"[^a-z0-9]", "", name_key(name))


@functools.lru_cache(maxsize=4)
def _names_by_squeezed_key(registry: Registry) -> dict[str, str]:
    names: dict[str, str] = {}
    for canonical, info in registry.outlets.items():
        for alias in (canonical, *info.aliases):
            names.setdefault(_squeezed(alias), canonical)
            if alias.lower().startswith("the "):
                names.setdefault("the" + _squeezed(alias), canonical)  # "thehindu.com"
    return names


def source_of(name: str, registry: Registry) -> str:
    """The maker of a work credited by name; any other name as it is."""
    if registry.is_known(name):
        return name
    if (work := _WORK_BY.match(name)) and len(name) > work.end():
        return name[work.end() :]
    if owner := _OWNERS_WORK.match(name):
        return owner["maker"]
    if (work := _WORK_SUFFIX.match(name)) and registry.is_known(work["maker"]):
        return work["maker"]
    if _HOST.match(name) and (site := _names_by_squeezed_key(registry).get(_squeezed(name))):
        return site  # "lesechos.fr": the outlet whose name, run together, is the site's
    if (owned := _PERSONS_OUTLET.match(name)) and registry.is_known(owned["outlet"]):
        return owned["outlet"]  # "Bill Bishop's Sinocism": a newsletter named with its writer
    if name.endswith(")") and (qualified := _QUALIFIED.match(name)):
        named = _qualified_outlet(qualified["name"], qualified["place"], registry)
        if named:
            return named
    if (work := _WORK_OF.match(name)) and registry.is_known(work["maker"]):
        return work["maker"]  # "Advisory Opinion of 23 July 2025 (International Court of Justice)"
    return name


# A ministry or department whose name lists its fields with commas: "Ministry of Agriculture,
# Forestry and Fisheries", "Ministry of Education, Culture, Sports, Science and Technology".
_DEPARTMENT = re.compile(
    r"^(?:the\s+)?(?:\w+\s+)?(?:Ministry|Department|Secretariat|Office|Bureau|Agency|Committee"
    r"|Commission)\s+(?:of|for)\s+\S"
)
_FIELD_WORDS = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
_FIELD = re.compile(rf"^{_FIELD_WORDS}$")
_LAST_FIELD = re.compile(rf"^{_FIELD_WORDS}\s+(?:and|&)\s+{_FIELD_WORDS}$")


def _whole_department_names(entries: list[str], registry: Registry | None) -> list[str]:
    """Entries joined again where a comma belonged to a department's name: after "Ministry of
    Agriculture", short capitalised fields up to one joined by "and" ("Forestry and
    Fisheries"), none of them a name the registry knows. Without that closing "and" field
    nothing is joined ("Ministry of Defence, Kyiv Independent" stays two sources)."""
    if len(entries) < 2 or not any(_DEPARTMENT.match(e) for e in entries):
        return entries
    out: list[str] = []
    i = 0
    while i < len(entries):
        entry, end = entries[i], i
        if _DEPARTMENT.match(entry):
            for j in range(i + 1, min(i + 5, len(entries))):
                part = entries[j]
                if registry is not None and (
                    registry.is_known(part) or all(map(registry.is_known, _AND.split(part)))
                ):
                    break  # "…, Politico and Axios": sources, not fields
                if _LAST_FIELD.match(part):
                    end = j
                    break
                if not _FIELD.match(part):
                    break
        out.append(", ".join(entries[i : end + 1]))
        i = end + 1
    return out


def _known_pair(entry: str, registry: Registry) -> list[str]:
    if " and " not in entry:
        return [entry]
    pieces = _AND.split(entry)
    if len(pieces) == 2 and not registry.is_known(entry) and all(map(registry.is_known, pieces)):
        return pieces
    return [entry]


_VIA = re.compile(r"(?<=\S)\s+via\s+(?=\S)", re.I)
_VIA_NOTE = re.compile(r"\s*\(via\s+([^()]+)\)", re.I)
_PLATFORMS = {
    "youtube",
    "x",
    "twitter",
    "facebook",
    "instagram",
    "tiktok",
    "telegram",
    "linkedin",
    "threads",
    "bluesky",
    "truth social",
    "mastodon",
    "weibo",
    "wechat",
    "spotify",
    "apple podcasts",
    "google news",
    "yahoo news",
    "yahoo finance",
    "yahoo",
    "msn",
    "flipboard",
    "newsbreak",
    "smartnews",
    "pressreader",
    "zawya",
    "apple news",
}
_AND_OTHERS = re.compile(r",?\s+(?:and others|et al\.?)$", re.I)


def _web_name(entry: str) -> str:
    """A site credited by its address: its host ("https://www.lesechos.fr/x" → "lesechos.fr")."""
    host = entry.split("://")[-1].split("/")[0].lower()
    return host.removeprefix("www.") or entry


_BRACKETED_NOTE = re.compile(
    r"\s*\((?:in [A-Za-z]+|paywall(?:ed)?|subscription(?: required)?|registration required"
    r"|subscribers? only|opinion|video|podcast|newsletter|blog|column|op-ed|interview"
    r"|analysis|report|audio|pdf|free|translated|archived?|\$)\)",
    re.I,
)


def split_names(names: str, registry: Registry) -> list[str]:
    """Split an insights list, "A, B, and C" / "A, B and C" / "A and B", into names; a name
    the registry knows with "and" in it ("Mail and Guardian") stays whole."""
    names = names.strip().rstrip(".")
    parts = [p.strip() for p in _LIST_SEPARATOR.split(names) if p.strip()]
    result: list[str] = []
    for part in parts:
        part = _LEADING_AND.sub("", part)
        pieces = _AND.split(part)
        if len(pieces) > 1 and not registry.is_known(part):
            result.extend(p for p in pieces if p)
        elif part:
            result.append(part)
    return result


def resolve_all(
    names: list[str], registry: Registry, story: StoryOutlets | None = None
) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        made_by = source_of(name, registry)
        canonical = story.resolve(made_by) if story else registry.resolve(made_by)[0]
        if canonical:
            seen.setdefault(canonical, None)
    return list(seen)


class StoryOutlets:
    """The outlets a story credits, to read a name several outlets share ("Nation", "ABC", "the
    Times" on a Source line): the one the story credits by an unambiguous name, else the one
    from the country most of its other credited outlets come from, else the usual reading."""

    def __init__(self, names: list[str], registry: Registry):
        self.registry = registry
        self.sure: set[str] = set()
        self.countries: dict[str | None, int] = {}
        for name in names:
            readings = registry.readings(source_of(name, registry))
            if len(readings) == 1 and readings[0] not in self.sure:
                self.sure.add(readings[0])
                country = registry.info(readings[0]).country
                self.countries[country] = self.countries.get(country, 0) + 1

    def resolve(self, name: str) -> str:
        readings = self.registry.readings(name)
        if len(readings) < 2:
            return self.registry.resolve(name)[0]
        credited = [r for r in readings if r in self.sure]
        if len(credited) == 1:
            return credited[0]
        counts = [self.countries.get(self.registry.info(r).country, 0) for r in readings]
        best = max(counts)
        if best and counts.count(best) == 1:
            return readings[counts.index(best)]
        return readings[0]
