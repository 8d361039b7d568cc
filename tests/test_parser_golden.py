"""Every page variant in tests/data/pages parses to its reviewed expected JSON."""

from __future__ import annotations

import json

import pytest
from golden import PAGES, SETS, golden_cases, page_names, parse_page

# Furniture and page chrome that must never reach a story's text.
MUST_NOT_CONTAIN = [
    "Source icon",
    "Title icon",
    "Arrow Down",
    "Oops!",
    "Something went wrong",
    "Microsoft logo",
    "Semafor Logo",
    "rotating globe",
    "PostEmail",
    "tracking pixel",
    "injected by an ad script",
    "Privacy Policy",
    "contributed to this report",
    "A chart showing",
    "/Reuters",
    "Semafor Signals: Global insights",
    "adSlots",
    "font-family",
]


def _text_fields(story: dict) -> list[str]:
    fields = [story["title"], story["summary"], *(story["insights_from"] or [])]
    for signal in story["signals"]:
        fields += [signal["headline"], signal["body"], *signal["outlets"], *signal["mentions"]]
    return fields


CASES = golden_cases()


@pytest.mark.parametrize(("page", "expected"), CASES, ids=[page.name for page, _ in CASES])
def test_page_matches_golden(page, expected):
    assert parse_page(page) == json.loads(expected.read_text("utf-8"))


@pytest.mark.parametrize("page", [page for page, _ in CASES], ids=[p.name for p, _ in CASES])
def test_no_furniture_in_story_text(page):
    name = page.name
    result = parse_page(page)
    if result["status"] != "ok":
        return
    for field in _text_fields(result["story"]):
        for snippet in MUST_NOT_CONTAIN:
            assert snippet not in field, f"{name}: {snippet!r} leaked into {field[:80]!r}"
        assert field.strip() not in {"AD", "icon", "SIGNALS", "The News"}


@pytest.mark.parametrize(("pages", "expected"), SETS)
def test_expected_files_cover_every_page(pages, expected):
    assert sorted(p.stem for p in expected.glob("*.json")) == sorted(
        n.rsplit(".", 1)[0] for n in page_names(pages)
    )


def story(name: str) -> dict:
    result = parse_page(PAGES / name)
    assert result["status"] == "ok", result
    return result["story"]


def test_header_orders_both_find_the_headline():
    assert (
        story("icon_text_header_a.txt")["title"] == "Baltic ports brace for a slower grain season"
    )
    assert story("icon_text_header_b.txt")["title"] == (
        "Lagos rail deal puts Chinese lenders back in the spotlight"
    )


def test_tag_line_sponsor_and_possessive_insights():
    b = story("icon_text_header_b.txt")
    assert (b["category"], b["region"], b["sponsor"]) == ("africa", "Africa", "Microsoft")
    assert b["insights_from"] == ["The Wall Street Journal", "Premium Times", "The Africa Report"]
    a = story("icon_text_header_a.txt")
    assert a["insights_from"] == ["Reuters", "Financial Times", "Lloyd's List Intelligence"]
    assert a["signals"][2]["outlets"] == ["Reuters"]  # "Source:" with the name on the next line


def test_stripped_source_lines_fall_back_to_mentions():
    signals = story("clean_stripped.txt")["signals"]
    assert [s["outlets"] for s in signals] == [[], [], []]
    assert [s["mentions"] for s in signals] == [
        ["Nikkei Asia"],
        ["The New York Times"],
        ["The Economist"],
    ]
    assert all("no_source_line" in s["flags"] for s in signals)


def test_2023_signals_without_headlines_are_paragraphs():
    signals = story("signals_2023.txt")["signals"]
    assert [s["headline"] for s in signals] == ["", "", ""]
    assert [s["mentions"] for s in signals] == [
        ["Financial Times"],
        ["Foreign Policy"],
        ["Bloomberg"],
    ]


def test_html_keeps_no_script_and_reads_metadata():
    s = story("html_full.html")
    assert s["url"] == "https://semafor.com/article/02/20/2025/turkey-central-bank-rate-cut"
    assert s["published"] == "2025-02-20"
    assert s["updated"] == "2025-02-21T03:30:00-05:00"
    assert "steady fall" in s["summary"]
    assert [sig["outlets"] for sig in s["signals"]] == [
        ["Financial Times"],
        ["Reuters", "Middle East Eye"],
    ]


def test_truncated_copy_stores_no_partial_outlet():
    s = story("truncated.txt")
    names = {n for sig in s["signals"] for n in sig["outlets"] + sig["mentions"]}
    assert not any(n.startswith("The Jamest") for n in names)
    assert s["signals"][-1]["outlets"] == ["The Kyiv Independent"]
    assert "truncated" in s["flags"]


def test_markdown_reader_output():
    s = story("markdown_reader.md")
    assert s["url"] == "https://semafor.com/article/06/03/2024/chile-lithium-auction-bids"
    assert s["title"] == "Chile’s lithium auction draws bids from three continents"
    assert [sig["outlets"] for sig in s["signals"]] == [["Bloomberg"], ["El País", "Chatham House"]]


def test_syndicated_copy_without_news_header():
    s = story("syndicated_no_news_header.txt")
    assert s["sponsor"] is None  # "Supported by" with no name
    assert s["summary"].startswith("Ethiopia’s push for access")
    assert "no_news_header" in s["flags"] and "no_date" in s["flags"]
    assert "The East African Ledger" in s["signals"][1]["outlets"]


def test_windows_1252_with_crlf():
    s = story("windows1252_crlf.txt")
    assert s["title"] == "Spain’s tourism boom strains Málaga’s water supply"
    assert "—" in s["summary"] and "\r" not in s["summary"]


def test_translated_copy_is_flagged_low_confidence():
    s = story("translated_low_confidence.txt")
    assert "low_confidence" in s["flags"]
    assert s["insights_from"] == ["Reuters", "Valor Econômico"]
    assert [sig["outlets"] for sig in s["signals"]] == [["Reuters"], ["Valor Econômico"]]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("not_signals_article.txt", "standard Semafor article"),
        ("newsletter_world_today.txt", "The World Today"),
    ],
)
def test_non_signals_pages_are_rejected_with_a_reason(name, reason):
    result = parse_page(PAGES / name)
    assert result["status"] == "rejected"
    assert result["error"] == "NotSignalsPage"
    assert reason in result["message"] and name in result["message"]
