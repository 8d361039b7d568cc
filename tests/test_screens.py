"""Screenshots read by text recognition: their bars, icons and overlaps (`signals_data.screens`)."""

from __future__ import annotations

import pytest

from signals_data.screens import (
    is_glyph_row,
    is_icon,
    is_screen_bar,
    without_overlaps,
    without_screen_furniture,
)


@pytest.mark.parametrize(
    "line",
    [
        "14:07 ◎ ▲ • ⊿ 4G ▮ 62%",  # a status bar on one line
        "15:47 M ✉ •",  # the clock and the notifications' icons
        "⚡ 4G ⊿ 71%",  # the network and the battery on a line of their own
        "ᯤ LTE .ıl 88%",
        "ᯤ .ıl 62%",
        "5G 71",
        "⌂ semafor.com 2 :",  # the address bar
        "AA a semafor.com C",
        "← → C semafor.com/article/09/22/2025/philippines-flood-control ☆ ⊡ ⋮",
        "< > ⬆ ⧉ ⌂",  # the toolbar
        "83%",  # the battery, the network, the site on lines of their own
        "83 %",
        "5G 71",
        "LTE 45%",
        "Wi-Fi 83%",
        "AA semafor.com",
        "🔒semafor.com",
        "semafor.com",
    ],
)
def test_a_screens_bars_are_recognised(line):
    assert is_screen_bar(line)


@pytest.mark.parametrize(
    "line",
    [
        "in 2024 80%",  # a body's scrap with a percentage
        "09:43",  # a chat's time alone is the parser's to read
        "Read more on semafor.com today",
        "semafor.com/article/09/22/2025/a semafor.com/article/09/23/2025/b",
        "< see the chart below",
        "LTE networks cover 95%",
    ],
)
def test_text_is_no_screen_bar(line):
    assert not is_screen_bar(line)


def test_icons_and_glyph_rows():
    assert is_icon("©") and is_icon("@") and is_icon("↓") and is_icon("⊙")
    assert not is_icon("•") and not is_icon("—") and not is_icon("A")
    assert is_glyph_row("◁ ○ □") and is_glyph_row("X ⊠ ©")
    assert not is_glyph_row("AA") and not is_glyph_row("US UK")


def test_a_screens_bars_icons_and_repeated_lines_are_taken_out():
    lines = [
        "The plant's first",
        "shipment leaves for Germany",
        "",
        "9:42",
        "⚡ 4G ⊿ 71%",
        "AA",
        "semafor.com",
        "C",
        "shipment leaves for Gerrnany",  # the overlap, read anew
        "in April. |",
        "E The News",
        "Carmakers want a supply",
        "@",
        "Sources: Reuters",
    ]
    assert without_screen_furniture(lines) == [
        "The plant's first",
        "shipment leaves for Germany",
        "in April.",
        "The News",
        "Carmakers want a supply",
        "",  # the icon: a break between the headline and its Source line
        "Sources: Reuters",
    ]


def test_long_lines_repeated_after_a_blank_line_are_one_screens_overlap():
    first = "Moonshot charges about 60 cents per million input tokens, a fraction of"
    second = "what US rivals ask, the South China Morning Post reported, and several"
    text = f"Head\n{first}\n{second}\n\n{first}\n{second}\nUS startups switched.\n"
    assert without_overlaps(text) == f"Head\n{first}\n{second}\nUS startups switched.\n"


def test_short_or_single_repeated_lines_are_kept():
    text = "Sources: Reuters\nA body line.\n\nSources: Reuters\nAnother body.\n"
    assert without_overlaps(text) == text
    once = "A long line that a page may well print twice, on purpose.\n"
    assert without_overlaps(f"{once}\n{once}") == f"{once}\n{once}"
