"""The shipped outlet registry: coverage, valid rows, and no name that shadows another outlet.

Every check runs over the whole registry and reports all offending rows at once, so a new row
that collides with an old one is named in the failure message.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

import pytest

from signals_data.outlets import KINDS, OutletInfo, Registry, find_mentions, load_registry, name_key

SHIPPED = str(resources.files("signals_data") / "data" / "outlets.csv")
# Loaded from the shipped file, not from $SIGNALS_OUTLETS: these tests are about the data we ship.
REGISTRY: Registry = load_registry(SHIPPED)
# The prose matcher's notion of a whole word: a name never continues with these characters.
_NOT_WORD = r"[\w&-]"


def _rows() -> list[dict[str, str]]:
    with open(SHIPPED, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _written_forms(info: OutletInfo) -> tuple[str, ...]:
    """The name and aliases: what resolves on a Source line."""
    return (info.name, *info.aliases)


def _bare(form: str) -> str:
    return form.removeprefix("The ").removeprefix("the ")


def _unambiguous_keys(info: OutletInfo) -> set[str]:
    """Keys of the names and aliases that count in prose without the story's context."""
    context_keys = {name_key(form) for form in info.needs_context}
    return {name_key(form) for form in _written_forms(info)} - context_keys


def _report(failures: list[str], what: str) -> str:
    return f"{len(failures)} {what}:\n  " + "\n  ".join(failures)


def test_the_registry_covers_hundreds_of_outlets():
    assert len(_rows()) >= 400


def test_every_row_has_a_name_and_a_valid_kind():
    failures = [
        f"line {line}: name={row['name']!r} kind={row['kind']!r}"
        for line, row in enumerate(_rows(), start=2)
        if not (row["name"] or "").strip() or (row["kind"] or "").strip() not in KINDS
    ]
    assert not failures, _report(failures, "rows without a name or with an unknown kind")


def test_canonical_names_are_unique():
    counts: dict[str, int] = defaultdict(int)
    for row in _rows():
        counts[row["name"].strip()] += 1
    duplicates = [f"{name} ({count} rows)" for name, count in counts.items() if count > 1]
    assert not duplicates, _report(duplicates, "canonical names listed more than once")


def test_no_two_outlets_share_a_name_key():
    owners: dict[str, set[str]] = defaultdict(set)
    for info in REGISTRY.outlets.values():
        for form in _written_forms(info):
            owners[name_key(form)].add(info.name)
    collisions = [
        f"{key!r}: {', '.join(sorted(names))}"
        for key, names in sorted(owners.items())
        if len(names) > 1
    ]
    assert not collisions, _report(collisions, "keys claimed by several outlets")


def test_every_name_and_alias_resolves_to_its_own_outlet():
    failures = [
        f"{form!r} -> {REGISTRY.resolve(form)}, expected {info.name!r}"
        for info in REGISTRY.outlets.values()
        for form in _written_forms(info)
        if REGISTRY.resolve(form) != (info.name, True)
    ]
    assert not failures, _report(failures, "names or aliases that resolve elsewhere")


def _word_spans(text: str) -> Iterator[str]:
    """Every run of whole words in a name, as the prose matcher bounds words."""
    starts = [
        i
        for i, char in enumerate(text)
        if not char.isspace() and (i == 0 or not re.match(_NOT_WORD, text[i - 1]))
    ]
    ends = [
        i + 1
        for i, char in enumerate(text)
        if not char.isspace() and (i + 1 == len(text) or not re.match(_NOT_WORD, text[i + 1]))
    ]
    for start in starts:
        for end in ends:
            if end > start and (start, end) != (0, len(text)):
                yield text[start:end]


@lru_cache(maxsize=1)
def _substring_traps() -> tuple[tuple[str, str, str, str], ...]:
    """(inner outlet, form, outer outlet, form): the inner form is whole words of the outer one."""
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for info in REGISTRY.outlets.values():
        for form in _written_forms(info):
            if len(_bare(form)) >= 2:
                owners[_bare(form).casefold()].add((info.name, _bare(form)))
    traps = set()
    for info in REGISTRY.outlets.values():
        for long in {_bare(form) for form in _written_forms(info)}:
            for words in _word_spans(long):
                for inner, short in owners.get(words.casefold(), ()):
                    if inner != info.name:
                        traps.add((inner, short, info.name, long))
    return tuple(sorted(traps))


def test_the_registry_has_substring_traps_to_check():
    # Guards the test below against passing vacuously.
    outers = {outer for _, _, outer, _ in _substring_traps()}
    assert {"European Council on Foreign Relations", "Mail & Guardian", "Nation Africa"} <= outers


def test_a_longer_name_is_never_read_as_the_shorter_one_inside_it():
    failures = []
    for inner, short, outer, long in _substring_traps():
        sentence = f"As {long} reported this week, talks stalled."
        found = find_mentions(sentence, REGISTRY, {outer})
        if outer not in found or inner in found:
            failures.append(f"{sentence!r}: found {found}; {short!r} belongs to {inner!r}")
    assert not failures, _report(failures, "prose mentions read as a shorter name")


def test_short_forms_needing_context_never_shadow_an_unambiguous_name():
    unambiguous: dict[str, set[str]] = defaultdict(set)
    for info in REGISTRY.outlets.values():
        for key in _unambiguous_keys(info):
            unambiguous[key].add(info.name)
    failures = [
        f"{form!r} of {info.name!r} is an unambiguous name of {', '.join(sorted(others))}"
        for info in REGISTRY.outlets.values()
        for form in info.needs_context
        if (others := unambiguous[name_key(form)] - {info.name})
    ]
    assert not failures, _report(failures, "context-only forms that another outlet owns")


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("The Nation", "The Nation"),
        ("Daily Nation", "Nation Africa"),
        ("European Council on Foreign Relations", "European Council on Foreign Relations"),
        ("ECFR", "European Council on Foreign Relations"),
        ("Mail & Guardian", "Mail & Guardian"),
        ("Voice of America", "Voice of America"),
        ("VOA", "Voice of America"),
        ("RFE/RL", "Radio Free Europe/Radio Liberty"),
        ("NBC News", "NBC News"),
        ("The Daily Telegraph", "The Telegraph"),
        ("China Talk", "ChinaTalk"),
        ("Al Monitor", "Al-Monitor"),
        ("El Pais", "El País"),
        ("Folha", "Folha de S.Paulo"),
        ("Center for Climate and Energy Solutions", "Center for Climate and Energy Solutions"),
        ("Science", "Science"),
        ("the Times of India", "Times of India"),
        ("ISEAS–Yusof Ishak Institute", "ISEAS-Yusof Ishak Institute"),  # an en dash
        ("Wiener Zeitung", "Wiener Zeitung"),
    ],
)
def test_names_people_write_resolve(written, canonical):
    assert REGISTRY.resolve(written) == (canonical, True)


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        # Ordinary words at the start of a sentence are not outlets...
        ("Science shows the reefs recover slowly.", set(), []),
        ("Time is short, and Nature will not wait.", set(), []),
        ("Vice President Vance spoke on Capitol Hill.", set(), []),
        # ...unless the story credits the outlet.
        ("Science reported the result.", {"Science"}, ["Science"]),
        # Shared short forms resolve to whichever outlet the story credits.
        ("the Post reported", {"New York Post"}, ["New York Post"]),
        ("the Post reported", {"The Washington Post"}, ["The Washington Post"]),
        ("the Post reported", set(), []),
        ("the Nation reported", {"Nation Africa"}, ["Nation Africa"]),
        ("the Nation reported", {"The Nation"}, ["The Nation"]),
        # Longer names win.
        ("as the Mail & Guardian reported", set(), ["Mail & Guardian"]),
        ("the Nation Africa reported", set(), ["Nation Africa"]),
        (
            "an analyst at the German Council on Foreign Relations",
            set(),
            ["German Council on Foreign Relations"],
        ),
        ("Voice of America reported, and NBC News said", set(), ["Voice of America", "NBC News"]),
        # An outlet's whole name with its article is a name, where its bare form needs context.
        ("a compromise historians praise, The Guardian noted.", set(), ["The Guardian"]),
        ("as the Guardian noted", set(), ["The Guardian"]),
        ("a guardian of the constitution", set(), []),
        ("The Times reported", set(), []),  # shared by two outlets: still needs the story's
    ],
)
def test_prose_mentions(text, context, expected):
    assert find_mentions(text, REGISTRY, context) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reuters and Bloomberg reported the deal.", ["Reuters", "Bloomberg"]),
        ("Rappler and Nikkei Asia said the vote was close.", ["Rappler", "Nikkei Asia"]),
    ],
)
def test_two_outlets_joined_by_and_are_both_mentions(text, expected):
    assert find_mentions(text, REGISTRY, set()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a columnist wrote in War on the Rocks that", ["War on the Rocks"]),
        ("she wrote in The East is Read that", ["The East is Read"]),
        ("he wrote in Bulletin of the Atomic Scientists", ["Bulletin of the Atomic Scientists"]),
    ],
)
def test_an_attribution_never_adds_a_prefix_of_a_known_name(text, expected):
    assert find_mentions(text, REGISTRY, set()) == expected
