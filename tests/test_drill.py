"""The drill-down value type: encoding, decoding, what it names and what it lists."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from signals_data.drill import SHAPES, Drill, escape_part, split_parts

NAMES = st.text(min_size=1, max_size=30) | st.sampled_from(
    ["A|B", "|", "\\", "a\\|b", "\\\\|", "<b>x</b>", "![x](https://evil.example)", "Ré|sumé 東京"]
)


@given(NAMES, NAMES)
def test_pair_round_trips_any_names(a, b):
    drill = Drill.pair(a, b)
    assert Drill.decode(drill.encode()) == drill


@given(st.lists(NAMES, min_size=1, max_size=6))
def test_set_round_trips_any_names(names):
    drill = Drill.exact_set(names)
    decoded = Drill.decode(drill.encode())
    assert decoded == drill and decoded.parts == tuple(names)


@given(NAMES)
def test_escaped_part_is_one_part(name):
    # Whatever a name holds, escaping it leaves no separator that splitting would see.
    assert split_parts(escape_part(name)) == [name]


@pytest.mark.parametrize(
    ("drill", "encoded"),
    [
        (Drill.pair("Financial Times", "Reuters"), "pair|Financial Times|Reuters"),
        (Drill.outlet("Reuters"), "outlet|Reuters"),
        (Drill.exact_set(["Reuters", "Financial Times"]), "set|Reuters|Financial Times"),
        (Drill.cell("Reuters", "economy"), "cell|Reuters|economy"),
        (Drill.themes("economy", "trade"), "themes|economy|trade"),
        (Drill.pair("A|B", "C\\D"), "pair|A\\|B|C\\\\D"),
    ],
)
def test_the_readme_spelling(drill, encoded):
    # Names without | or \ are written as they are: every link made before the escaping rule
    # reads the same.
    assert drill.encode() == encoded == str(drill)
    assert Drill.decode(encoded) == drill


@pytest.mark.parametrize(
    "raw", ["", "nonsense", "pair|A", "pair|A|B|C", "cell|A", "outlet", "|||", "themes|a", None, 3]
)
def test_values_that_are_not_drill_downs(raw):
    assert Drill.decode(raw) is None


def test_a_lone_backslash_stands_for_itself():
    assert Drill.decode("outlet|A\\B") == Drill.outlet("A\\B")
    assert Drill.decode("outlet|A\\") == Drill.outlet("A\\")


def test_an_ill_formed_drill_cannot_be_built():
    with pytest.raises(ValueError):
        Drill("pair", ("only one",))
    with pytest.raises(ValueError):
        Drill("galaxy", ("x",))


def test_what_it_names():
    cell = Drill.cell("Reuters", "economy")
    assert cell.outlets == ("Reuters",) and cell.theme_slugs == ("economy",)
    assert Drill.themes("a", "b").outlets == ()
    assert Drill.exact_set(["A", "B", "C"]).outlets == ("A", "B", "C")
    assert cell.known({"Reuters"}, {"economy"})
    assert not cell.known({"Reuters"}, {"trade"})
    assert not Drill.pair("Reuters", "Nobody").known({"Reuters"}, set())
    assert not Drill.decode("set|").known({"Reuters"}, set())  # set of one empty name


def test_every_kind_has_a_heading_and_a_query():
    names = {"economy": "Economy", "trade": "Trade"}
    headings = {
        "pair": "Signals where A and B are co-cited (signal level)",
        "outlet": "Signals citing A",
        "set": "Stories crediting exactly A + B (among the top outlets)",
        "cell": "Signals citing A whose main theme is Economy",
        "themes": "Signals carrying both Economy and Trade",
    }
    drills = {
        "pair": Drill.pair("A", "B"),
        "outlet": Drill.outlet("A"),
        "set": Drill.exact_set(["A", "B"]),
        "cell": Drill.cell("A", "economy"),
        "themes": Drill.themes("economy", "trade"),
    }
    assert set(drills) == set(SHAPES)
    for kind, drill in drills.items():
        assert drill.heading(names, "signal") == headings[kind]
    assert drills["pair"].signal_filter("story") == {
        "all_outlets": ("A", "B"),
        "same_story": True,
    }
    assert drills["pair"].signal_filter("signal")["same_story"] is False
    assert drills["outlet"].signal_filter() == {"all_outlets": ("A",)}
    assert drills["cell"].signal_filter() == {
        "all_outlets": ("A",),
        "theme": "economy",
        "main_theme": True,
    }
    assert drills["themes"].signal_filter() == {"all_themes": ("economy", "trade")}
    assert drills["set"].signal_filter() is None  # its stories come from the intersections
