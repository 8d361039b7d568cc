"""Small tables of edge cases for each parsing rule, and a property test of the parser."""

from __future__ import annotations

import codecs
import contextlib
import json
import quopri
import textwrap
from datetime import date

import pytest
from conftest import ROOT, SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signals_data.credits import split_names, split_source_names
from signals_data.dates import date_from_url, iso_date, parse_timestamp
from signals_data.errors import ReadError, SignalsError
from signals_data.extract import (
    EXTENSIONS,
    decode_bytes,
    markdown_to_text,
    split_front_matter,
    to_text,
)
from signals_data.ingest import parse_document
from signals_data.models import Hints
from signals_data.outlets import find_mentions, load_registry
from signals_data.page_forms import as_page_text
from signals_data.parse import TAG_LINE, _joined_wrap, parse_text
from signals_data.speech import is_speech_log
from signals_data.store import DocumentInput
from signals_data.urls import normalize_url

REGISTRY = load_registry()


def test_seed_story():
    story = parse_text(SEED.read_text("utf-8"), overrides=Hints(published="2024-05-16"))
    assert story.title == "Putin and Xi meet in Beijing as countries deepen ties"
    assert story.sponsor == "Microsoft"
    assert story.insights_from == [
        "Nikkei Asia",
        "The New York Times",
        "The Jamestown Foundation",
        "The Economist",
    ]
    assert [s.outlets for s in story.signals] == [
        ["Nikkei Asia"],
        ["The New York Times", "The Jamestown Foundation"],
        ["The Economist"],
    ]
    assert story.signals[2].themes[0].slug == "diplomacy"
    # "Russia's war in Ukraine spurred trade" (Russia-China trade figures): trade by our labels.
    # The layer trained on 55 sets of page copies puts diplomacy first and trade second (their
    # writers often labelled Russia-China trade as diplomacy); it was shipped for its +6 points
    # on 309 unseen page signals (benchmarks/RESULTS.md, "Themes").
    assert "trade" in [t.slug for t in story.signals[0].themes][:2]
    assert story.published == "2024-05-16"
    assert "SIGNALS" not in story.summary


def test_seed_second_signal_is_history():
    # "Russia's turn towards China is historic": a turning point in relations, history by our
    # labelling guidelines (diplomacy is its second theme).
    story = parse_text(SEED.read_text("utf-8"))
    assert [t.slug for t in story.signals[1].themes][:1] == ["history"]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            "Nikkei Asia, The New York Times, The Jamestown Foundation, and The Economist",
            ["Nikkei Asia", "The New York Times", "The Jamestown Foundation", "The Economist"],
        ),
        ("Reuters, Bloomberg and DW", ["Reuters", "Bloomberg", "DW"]),
        ("Reuters and Bloomberg", ["Reuters", "Bloomberg"]),
        ("Mail and Guardian, Reuters", ["Mail and Guardian", "Reuters"]),
        ("Reuters , Bloomberg", ["Reuters", "Bloomberg"]),
        ("the Financial Times.", ["the Financial Times"]),
    ],
)
def test_split_names(names, expected):
    assert split_names(names, REGISTRY) == expected


@pytest.mark.parametrize(
    ("written", "canonical", "known"),
    [
        ("the Financial Times", "Financial Times", True),
        ("The Financial Times", "Financial Times", True),
        ("FT", "Financial Times", True),
        ("TIME Magazine", "TIME", True),
        ("Times of Israel", "Times of Israel", True),
        ("Deutsche Welle", "DW", True),
        ("Brookings Institution", "The Brookings Institution", True),
        ("China Talk", "ChinaTalk", True),
        ("the Wall Street Journal’s Ada Okafor", "The Wall Street Journal", True),
        ("[Bloomberg](https://example.com)", "Bloomberg", True),
        ("the Kigali Ledger", "The Kigali Ledger", False),
        ("ICJ", "International Court of Justice", True),
    ],
)
def test_outlet_resolution(written, canonical, known):
    assert REGISTRY.resolve(written) == (canonical, known)


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("a diplomat told Nikkei Asia on Monday", set(), ["Nikkei Asia"]),
        ("as Nikkei noted", set(), ["Nikkei Asia"]),
        ("she wrote in The New York Times.", set(), ["The New York Times"]),
        ("The Economist noted", set(), ["The Economist"]),
        ("the FT reported", set(), ["Financial Times"]),
        # "the Times" is ambiguous: only with a Times outlet in the story
        ("the Times reported", set(), []),
        ("the Times reported", {"The New York Times"}, ["The New York Times"]),
        ("Time is running out for the talks.", set(), []),
        ("an op-ed in the Harbour Courier argued", set(), ["The Harbour Courier"]),
        ("Reuters reported, as Kim told reporters", set(), ["Reuters"]),
    ],
)
def test_mentions(text, context, expected):
    assert find_mentions(text, REGISTRY, context) == expected


def test_truncated_attribution_is_not_a_name():
    assert (
        find_mentions("as she wrote in the Harbour Cou", REGISTRY, set(), text_is_truncated=True)
        == []
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Updated Apr 9, 2025, 1:35pm EDT", ("2025-04-09T13:35:00-04:00", True)),
        ("Jan 2, 2024, 9:05am EST", ("2024-01-02T09:05:00-05:00", False)),
        ("Sept 30, 2024, 12:10am EDT", ("2024-09-30T00:10:00-04:00", False)),
        ("Updated Feb 30, 2024, 1:00pm EST", None),
        ("Updated 14 Mar 2024, 9:30am EDT", ("2024-03-14T09:30:00-04:00", True)),
        ("Thursday, May 16, 2024", ("2024-05-16", False)),
        ("Updated in April", None),
    ],
)
def test_timestamps(line, expected):
    assert parse_timestamp(line) == expected


@pytest.mark.parametrize(
    ("line", "category", "region"),
    [
        ("securityEurope", "security", "Europe"),
        ("politicsSouth Asia", "politics", "South Asia"),
        ("businessNorth America", "business", "North America"),
        ("net zero", "net zero", None),
        ("Middle East", None, "Middle East"),
    ],
)
def test_tag_lines(line, category, region):
    match = TAG_LINE.match(line)
    assert (match["category"], match["region"]) == (category, region)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.semafor.com/article/05/16/2024/x?utm_source=a&utm_campaign=b",
            "https://semafor.com/article/05/16/2024/x",
        ),
        ("http://semafor.com/article/05/16/2024/x/", "https://semafor.com/article/05/16/2024/x"),
        ("https://semafor.com/a?id=3#top", "https://semafor.com/a?id=3"),
        # A news portal's tag; on a Semafor article path any query is how it was shared.
        (
            "https://www.semafor.com/article/08/13/2024/x?ocid=BingNewsSerp",
            "https://semafor.com/article/08/13/2024/x",
        ),
        (
            "https://semafor.com/article/08/13/2024/x?page=2",
            "https://semafor.com/article/08/13/2024/x",
        ),
        ("https://example.org/story?id=7&ocid=portal&smid=tw", "https://example.org/story?id=7"),
    ],
)
def test_normalize_url(url, expected):
    assert normalize_url(url) == expected


def test_date_from_url():
    assert date_from_url("https://semafor.com/article/05/16/2024/slug") == "2024-05-16"
    assert date_from_url("https://semafor.com/article/13/40/2024/slug") is None
    assert date_from_url(None) is None


def test_url_date_beats_metadata_and_option_beats_both():
    text = (
        "Semafor Signals\nA headline about ports\nThe News\nFacts.\n"
        "SIGNALS\nA signal\nSource: Reuters\nBody."
    )
    url = "https://semafor.com/article/03/01/2024/ports"
    meta = Hints(published="2024-02-27")
    assert parse_text(text, meta, overrides=Hints(url=url)).published == "2024-03-01"
    assert parse_text(text, meta).published == "2024-02-27"
    chosen = parse_text(text, meta, overrides=Hints(url=url, published="2024-03-05"))
    assert chosen.published == "2024-03-05"
    assert "no_date" in parse_text(text).flags


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Málaga — “quoted”".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "Málaga".encode(), "utf-8-sig"),
        ("Málaga".encode("utf-16"), "utf-16"),
        ("Málaga plain".encode("utf-16-le"), "utf-16-le"),
        ("Málaga — “quoted”".encode("cp1252"), "cp1252"),
    ],
)
def test_decoding(data, encoding):
    text, used = decode_bytes(data, "page.txt")
    assert used == encoding and text.startswith("Málaga")


# A page saved as "ANSI" on a system set to another language, an analyst's note on top in it.
_NOTED_PAGE = "{note}\n\nPoland’s farmers block the border\nUpdated Mar 4, 2024\nThe News\n…"


@pytest.mark.parametrize(
    ("note", "encoding"),
    [
        ("Notatka: rolnicy z Łodzi i Wrocławia, źródło Rzeczpospolita, sprawdzić.", "cp1250"),
        ("Poznámka: Třebíč a Dukovany, viz Hospodářské noviny, čtvrtek.", "cp1250"),
        ("Not: Erdoğan’ın açıklaması, Kılıçdaroğlu ve İstanbul seçimi, çarşamba.", "cp1254"),
        ("Piezīme: Rīgas ostā, ņemt vērā ģenerāļa teikto, skatīt Delfi.", "cp1257"),
        ("Заметка: проверить цифры, Коммерсантъ, четверг.", "cp1251"),
        ("ملاحظة: راجع الأرقام قبل الخميس", "cp1256"),
        ("메모: 목요일 브리핑 전에 수치 확인", "cp949"),
    ],
)
def test_a_page_in_another_code_page_is_read_in_it(note, encoding):
    page = _NOTED_PAGE.format(note=note)
    text, used = decode_bytes(page.encode(encoding), "page.txt")
    assert (used, text) == (encoding, page)


@pytest.mark.parametrize(
    "page",
    [
        "Málaga’s port — “quoted” by El País, Le Monde, Süddeutsche Zeitung and RTÉ. 1º lugar.",
        "Bogotá and São Paulo; Støre in Oslo; Muñoz; Côte d’Ivoire; Niño; Þórdís in Reykjavík.",
    ],
)
def test_a_western_page_stays_windows_1252(page):
    assert decode_bytes(page.encode("cp1252"), "page.txt") == (page, "cp1252")


def test_a_saved_pages_declared_charset_is_read_first():
    page = '<html><head><meta charset="windows-1250"></head><body>Praha, Třebíč</body></html>'
    assert decode_bytes(page.encode("cp1250"), "page.html") == (page, "cp1250")


@pytest.mark.parametrize(
    "data", [b"", b"  \n\t", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)]
)
def test_empty_and_binary_input_are_read_errors(data):
    with pytest.raises(ReadError, match="page.bin"):
        decode_bytes(data, "page.bin")


def test_front_matter_and_markdown_links():
    text, hints = split_front_matter(
        "---\ntitle: A\nurl: https://x.org/a\npublished: 2024-01-02\n---\nBody"
    )
    assert (text, hints.title, hints.url, hints.published) == (
        "Body",
        "A",
        "https://x.org/a",
        "2024-01-02",
    )
    plain, _ = markdown_to_text(
        "**Source:** [Bloomberg](https://b.com)\n![Source icon](https://i/s.svg)"
    )
    assert [line for line in plain.splitlines() if line] == ["Source: Bloomberg", "Source icon"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=120),
            st.sampled_from(
                [
                    "SIGNALS",
                    "Semafor Signals",
                    "The News",
                    "Source:",
                    "Sources: A, B, and",
                    "Insights from",
                    "Supported by",
                    "Updated Apr 9, 2025, 1:35pm EDT",
                    "Semafor Signals: Global insights on today's biggest stories.",
                    "icon",
                    "",
                    "securityEurope",
                    "Arrow Down",
                    "With insights from the Times’s",
                    "Know More",
                ]
            ),
        ),
        max_size=40,
    )
)
def test_parser_raises_only_its_own_errors(lines):
    story = None
    with contextlib.suppress(SignalsError):
        story = parse_text("\n".join(lines))
    if story is None:
        return
    # Whatever the input, a story that comes out is well formed.
    assert [s.position for s in story.signals] == list(range(1, len(story.signals) + 1))
    assert story.published is None or date.fromisoformat(story.published)
    assert story.title == "" or story.title.strip() == story.title
    assert ("untitled" in story.flags) == (story.title == "")
    assert all(s.themes for s in story.signals)


@pytest.mark.parametrize(
    ("typed", "expression"),
    [
        ('"supply chain" export*', '"supply chain" "export"*'),
        ('"unclosed phrase', '"unclosed phrase"'),
        ("grain AND", '"grain"'),
        ("grain AND OR ports", '"grain" AND "ports"'),
        ("NOT grain", ""),
        ("ports NOT grain", '"ports" NOT "grain"'),
        ("(grain*)", '"grain"*'),
        ("a.b-c", '"a" "b" "c"'),
    ],
)
def test_search_text_becomes_a_safe_fts_expression(typed, expression):
    from signals_data.queries import fts_query

    assert fts_query(typed) == expression


# --- shapes seen in real copies (SIGNALS_FORMAT.md, "More shapes seen in real copies") ---------

PAGE_TAIL = "The News\nFacts of the day.\nSIGNALS\n"


def _signals(text: str) -> list[tuple[str, str, list[str]]]:
    return [(s.headline, s.body, s.outlets) for s in parse_text(text).signals]


def test_a_cut_off_paragraph_after_a_source_line_is_body_not_a_new_signal():
    text = (
        "Semafor Signals\nPorts reopen after the strike\n" + PAGE_TAIL + "Shippers count the cost\n"
        "Source: Reuters\nThe backlog will take weeks\n"
    )
    assert _signals(text) == [
        ("Shippers count the cost", "The backlog will take weeks", ["Reuters"])
    ]


def test_a_cut_off_last_line_continues_a_body_of_several_paragraphs():
    text = (
        "Semafor Signals\nPorts reopen after the strike\n" + PAGE_TAIL + "Shippers count the cost\n"
        "Source: Reuters\nThe backlog will take weeks to clear.\nExporters lost a month of sales.\n"
        "Insurers say premiums"
    )
    (signal,) = parse_text(text).signals
    assert signal.body.endswith("Insurers say premiums")
    assert "truncated" in signal.flags


def test_a_cut_off_last_line_after_one_paragraph_bodies_is_a_headline_cut_short_and_dropped():
    text = (
        "Semafor Signals\nPorts reopen after the strike\n" + PAGE_TAIL + "Shippers count the cost\n"
        "Source: Reuters\nThe backlog will take weeks to clear.\nWhy insurers"
    )
    story = parse_text(text)
    assert [(s.headline, s.body) for s in story.signals] == [
        ("Shippers count the cost", "The backlog will take weeks to clear.")
    ]
    assert "truncated_headline" in story.flags


@pytest.mark.parametrize(
    ("glued", "title", "outlets"),
    [
        (
            "crawled date 2024-07-31 Semafor Signals\nPorts reopen",
            "Ports reopen",
            ["Reuters", "AP"],
        ),
        ("Semafor SignalsPorts reopen", "Ports reopen", ["Reuters", "AP"]),
        ("Semafor Signals Ports reopen", "Ports reopen", ["Reuters", "AP"]),
    ],
)
def test_markers_glued_into_lines_are_found(glued, title, outlets):
    text = glued + "\n" + PAGE_TAIL + "Shippers count the costSources: Reuters, AP\nA paragraph."
    story = parse_text(text)
    assert story.title == title
    assert [(s.headline, s.outlets, s.mentions) for s in story.signals] == [
        ("Shippers count the cost", [REGISTRY.resolve(n)[0] for n in outlets], [])
    ]


def test_a_sentence_mentioning_sources_is_not_split():
    text = (
        "Semafor Signals\nPorts reopen\n" + PAGE_TAIL + "Shippers count the cost\nSource: Reuters\n"
        "Officials cited two sources: the port authority and the navy, which disagree on why."
    )
    assert _signals(text)[0][1].startswith("Officials cited two sources:")


def test_2023_furniture_stays_out_of_the_story():
    text = (
        "Semafor Signals\nPorts reopen after the strike\nNEWS\nDockers returned to work.\n"
        "Sign up for Semafor Flagship: the daily global news briefing.\nTweetEmailWhatsapp\n"
        "SIGNALS\nThe strike cost exporters dearly, Bloomberg reported."
    )
    story = parse_text(text)
    assert story.summary == "Dockers returned to work."
    assert "no_news_header" not in story.flags


@pytest.mark.parametrize(
    ("first_lines", "published"),
    [
        ("Thursday, May 16, 2024\nUpdated May 16, 2024, 7:05am EDT", "2024-05-16"),
        ("BEIJING —\nMay 16, 2024", "2024-05-16"),
        ("crawled 2024-05-16 08:00\n", None),  # a crawler's date is not the publication date
        ("By Ada Okafor\n", None),
    ],
)
def test_a_copy_without_headline_is_untitled_never_titled_by_a_date(first_lines, published):
    story = parse_text(
        first_lines + "\n" + PAGE_TAIL + "Trade ties deepen\nSource: Nikkei Asia\nT."
    )
    assert story.title == ""
    assert "untitled" in story.flags
    assert story.published == published


def test_an_untitled_copy_takes_its_title_from_metadata_and_stays_flagged():
    # The headline was not in the copy: the metadata names the story, the flag says so.
    text = "May 16, 2024\n" + PAGE_TAIL + "Trade ties deepen\nSource: Nikkei Asia\nT."
    story = parse_text(text, Hints(title="Putin and Xi meet | Semafor"))
    assert story.title == "Putin and Xi meet" and "untitled" in story.flags


def test_a_note_apps_own_title_above_its_properties_is_not_a_printed_headline():
    text = (
        "Ethiopia birr float — for Thursday briefing\nCreated: August 1, 2024 10:14 AM\n"
        "Tags: Africa, FX\nStatus: To read\n" + PAGE_TAIL + "Trade ties deepen\n"
        "Source: Nikkei Asia\nT."
    )
    story = parse_text(text)
    assert story.title == "Ethiopia birr float — for Thursday briefing"
    assert "untitled" in story.flags
    # Printed below the note's title, the headline is the title, unflagged, even when the note
    # is titled with it (a clipper's "Headline | Semafor").
    printed = text.replace("Status: To read\n", "Status: To read\n\nPutin and Xi meet\n")
    story = parse_text(printed)
    assert story.title == "Putin and Xi meet" and "untitled" not in story.flags
    for note in ("Putin and Xi meet | Semafor", "Putin and Xi meet"):
        story = parse_text(printed.replace("Ethiopia birr float — for Thursday briefing", note))
        assert story.title == "Putin and Xi meet" and "untitled" not in story.flags


def test_a_slack_threads_reply_count_is_not_a_signal():
    # A 2023 page's signals are paragraphs: the count must not become one more.
    text = (
        "Karabakh forces agree to disarm\n" + PAGE_TAIL + "Russia's peacekeepers stood aside. "
        "The troops did nothing to stop it, Eurasianet reported.\nPashinyan faces fury at home. "
        "Protesters gathered in Yerevan, CivilNet reported.\n2 replies\nLena Vogt  9:55 AM\n"
        "the Eurasianet bit matches what we heard\n"
    )
    story = parse_text(text)
    assert len(story.signals) == 2
    assert story.signals[-1].body.endswith("CivilNet reported.")


@pytest.mark.parametrize(
    "line",
    [
        "https://www.semafor.com/article/07/31/2024/old-slug?utm_source=x&utm_medium=y",
        "URL: https://www.semafor.com/article/07/31/2024/old-slug?utm_source=x",
        "<https://semafor.com/article/07/31/2024/old-slug/>",
    ],
)
def test_a_url_pasted_on_the_first_lines_is_the_page_url(line):
    text = line + "\nSemafor Signals\nPorts reopen\n" + PAGE_TAIL + "A\nSource: Reuters\nB."
    story = parse_text(text)
    assert story.url == "https://semafor.com/article/07/31/2024/old-slug"
    assert story.published == "2024-07-31"
    # --url still wins over what the page says
    chosen = parse_text(text, overrides=Hints(url="https://semafor.com/article/08/01/2024/x"))
    assert chosen.published == "2024-08-01"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Sources: Center for Climate and Energy Solutions, Mail & Guardian",
            ["Center for Climate and Energy Solutions", "Mail & Guardian"],
        ),
        ("Sources: Reuters , Bloomberg", ["Reuters", "Bloomberg"]),
        (
            "Source: European Council on Foreign Relations",
            ["European Council on Foreign Relations"],
        ),
        # A report and the outlet that carried it are both credited.
        ("Sources: Kyodo via The Japan Times, Reuters", ["Kyodo", "The Japan Times", "Reuters"]),
        ("Source: Via Campesina", ["Via Campesina"]),
    ],
)
def test_source_lines_split_on_commas_only(line, expected):
    text = "Semafor Signals\nPorts reopen\n" + PAGE_TAIL + "A headline\n" + line + "\nA body."
    assert [REGISTRY.resolve(n)[0] for n in expected] == _signals(text)[0][2]


@pytest.mark.parametrize(
    ("text", "context", "expected", "ambiguous"),
    [
        ("the Times reported on Monday.", {"The New York Times"}, ["The New York Times"], []),
        ("the Times reported on Monday.", set(), [], ["the Times"]),
        ("The New York Times said, and the Times added.", set(), ["The New York Times"], []),
        ("the Baltic Council on Foreign Relations said", set(), [], []),
        (
            "the European Council on Foreign Relations said",
            set(),
            ["European Council on Foreign Relations"],
            [],
        ),
        ("a report by the Mail & Guardian Investigations unit", set(), [], []),
        ("a senior official told the Spanish daily", set(), [], []),
        ("an analyst told the Chinese press", set(), [], []),
    ],
)
def test_prose_mentions_need_context_and_never_match_inside_longer_names(
    text, context, expected, ambiguous
):
    from signals_data.outlets import scan_mentions

    found = scan_mentions(text, REGISTRY, context)
    assert (found.outlets, found.ambiguous) == (expected, ambiguous)


def test_an_ambiguous_short_form_is_recorded_on_the_signal():
    text = "Semafor Signals\nPorts reopen\n" + PAGE_TAIL + "A\nSource: Reuters\nThe Times said so."
    (signal,) = parse_text(text).signals
    assert "ambiguous:The Times" in signal.flags and signal.mentions == []


@pytest.mark.parametrize(
    ("written", "first"),
    [
        ("New York Time", "The New York Times"),
        ("Jamestown Fondation", "The Jamestown Foundation"),
        ("Nikkei Asian", "Nikkei Asia"),
        ("Reuter", "Reuters"),
    ],
)
def test_unknown_names_get_the_closest_registry_names_as_suggestions(written, first):
    from signals_data.outlets import suggest_outlets

    suggestions = suggest_outlets(written, REGISTRY)
    assert suggestions[0][0] == first and 70 <= suggestions[0][1] <= 100
    assert REGISTRY.resolve(written)[1] is False  # suggested, never applied


def test_a_name_far_from_every_registry_name_gets_no_suggestion():
    from signals_data.outlets import suggest_outlets

    assert suggest_outlets("Kigali Ledger Weekly", REGISTRY) == []


def test_possessive_person_after_a_name_ending_in_s():
    assert REGISTRY.resolve("the Financial Times’ David Pilling") == ("Financial Times", True)


def test_a_reworded_tagline_is_the_signals_header_not_a_signal():
    text = (
        "Semafor Signals\nPorts reopen\nThe News\nFacts.\n"
        "Semafor Signals: global perspectives on the great stories of today.\n"
        "A headline\nSource: Reuters\nA body."
    )
    assert _signals(text) == [("A headline", "A body.", ["Reuters"])]


@pytest.mark.parametrize(
    "tagline",
    [
        "_Semafor Signals: Global insights on today's biggest stories._",
        "*Semafor Signals: Global insights on today's biggest stories.*",
    ],
)
def test_an_italic_tagline_in_markdown_is_not_a_signal(tagline):
    markdown = (
        "**Semafor Signals**\n\n# Ports reopen\n\n## The News\n\nFacts.\n\n"
        f"{tagline}\n\n### A headline\n\n**Source:** Reuters\n\nA body with snake_case kept.\n"
    )
    text, _ = markdown_to_text(markdown)
    assert _signals(text) == [("A headline", "A body with snake_case kept.", ["Reuters"])]
    # The same line copied into a text file keeps its marks: still the tagline.
    plain = "Semafor Signals\nPorts reopen\nThe News\nFacts.\n" + tagline + "\nA headline\n"
    assert _signals(plain + "Source: Reuters\nA body.") == [("A headline", "A body.", ["Reuters"])]


@pytest.mark.parametrize(
    ("value", "day"),
    [
        # 11:35pm EDT on the 13th is the 14th in UTC: the page's own day is the 13th.
        ("2024-08-14T03:35:00+00:00", "2024-08-13"),
        ("2024-08-14T03:35:00.000Z", "2024-08-13"),
        ("2024-01-09 04:20:00 +0000", "2024-01-08"),  # EST, five hours behind
        ("2024-08-14T12:00:00Z", "2024-08-14"),
        ("2024-08-14T23:59:00-04:00", "2024-08-14"),
        ("2024-08-14T03:35:00", "2024-08-14"),  # no offset: the day as written
        ("2024-08-14", "2024-08-14"),
        ("2024-02-30T01:00:00Z", None),
    ],
)
def test_metadata_times_are_dated_in_us_eastern_time(value, day):
    assert iso_date(value) == day


def test_a_clippers_source_address_in_front_matter_is_the_page_url():
    _, hints = split_front_matter(
        '---\ntitle: A\nsource: "https://www.semafor.com/article/05/08/2025/a?utm_source=x"\n'
        "created: 2025-05-09\n---\nBody"
    )
    assert hints.url == "https://www.semafor.com/article/05/08/2025/a?utm_source=x"
    _, named = split_front_matter("---\ntitle: A\nsource: Semafor\n---\nBody")
    assert named.url is None


def test_a_reposters_date_glued_to_the_label_is_the_date_of_last_resort():
    text = (
        "Sahel juntas leave the bloc\nworld news 2024-01-29 Semafor Signals\n"
        "Posted in Africa | 4 min read\n" + PAGE_TAIL + "A headline\nSource: Reuters\nA body."
    )
    story = parse_text(text)
    assert (story.title, story.published) == ("Sahel juntas leave the bloc", "2024-01-29")
    assert "date_from_copy" in story.flags


def test_related_lists_and_footers_end_the_story():
    text = (
        "Semafor Signals\nPorts reopen\n" + PAGE_TAIL + "A headline\nSource: Reuters\nA body.\n"
        "Related\nAnother story about ports\nSemafor Inc. All rights reserved."
    )
    assert _signals(text) == [("A headline", "A body.", ["Reuters"])]


# --- shapes found by the fourth hold-out set ----------------------------------------------------

TAIL = "The News\nFacts of the day.\nSIGNALS\nA headline\nSource: Reuters\nA body.\n"


@pytest.mark.parametrize(
    ("lines", "source", "expected"),
    [
        # Bulleted names under an empty label; a note in brackets is about the link.
        ("Sources:\n• Le Monde (in French)\n• Reuters\n", "", ["Le Monde", "Reuters"]),
        # A list wrapped after a trailing comma.
        ("Sources: VnExpress, Tuoi Tre,\nReuters\n", "", ["VnExpress", "Tuoi Tre", "Reuters"]),
        ("Sources:  La Nación (in Spanish), Financial Times (paywall)\n", "", None),
        ("sources: Reuters.\n", "", ["Reuters"]),
        # Labels as re-posters rewrite them.
        ("Source — Dawn\n", "", ["Dawn"]),
        ("Sources | Reuters, Dawn\n", "", ["Reuters", "Dawn"]),
        ("Source(s): Dawn\n", "", ["Dawn"]),
        # "and" before the last of known names; a bracket that is part of a name stays.
        ("Sources: Reuters, Associated Press and Bloomberg\n", "", ["Reuters", "AP", "Bloomberg"]),
        ("Source: ABC News (Australia)\n", "", ["Australian Broadcasting Corporation"]),
    ],
)
def test_source_lines_in_copied_shapes(lines, source, expected):
    text = "Semafor Signals\nPorts reopen\n" + PAGE_TAIL + "A headline\n" + lines + "A body.\n"
    [(headline, body, outlets)] = _signals(text)
    assert (headline, body) == ("A headline", "A body.")
    wanted = expected or ["La Nación", "Financial Times"]
    assert outlets == [REGISTRY.resolve(n)[0] for n in wanted]


@pytest.mark.parametrize(
    "header",
    [
        "Ports reopen\nSemafor Signals · Updated Mar 28, 2025, 9:30am EDT\n",
        "Ports reopen\nSemafor Signals | Mar 28, 2025, 9:30am EDT | politicsNorth America\n",
        # A reader view: the site's domain and a reading time around the title.
        "semafor.com\nPorts reopen\n5–6 minutes\nSemafor Signals\nMar 28, 2025, 9:30am EDT\n",
        # A portal's date line with its reading time.
        "Ports reopen\nSemafor\nFri, Mar 28, 2025, 9:30 AM EDT · 2 min read\nSemafor Signals\n",
        # A crawler's date glued to the label, and the headline glued after it.
        "Archived on date 2025-03-30 Semafor SignalsPorts reopen\nMar 28, 2025, 9:30am EDT\n",
        # A headline with its time and tags glued on.
        "semafor.com | Semafor Signals Ports reopenUpdated Mar 28, 2025, 9:30am EDT politicsAsia\n",
        # A note app's date line in its own language, and a clipper's properties.
        "Ports reopen\njeudi 27 mars 2025\n14:12\nSemafor Signals\n"
        "Updated Mar 28, 2025, 9:30am EDT\n",
        "Ports reopen\nTags: Asia, shipping\nSemafor Signals\nUpdated Mar 28, 2025, 9:30am EDT\n",
        # A syndication app's buttons and its numeric date.
        "Ports reopen\nSemafor · 03-28-2025\nFollow\nSemafor Signals\nMar 28, 2025, 9:30am EDT\n",
        # Forwarded in an e-mail, quoted line by line.
        "On Mon, 31 Mar 2025 at 08:15, A <a@example.com> wrote:\n> Worth a read:\n>\n"
        "> Ports reopen\n> Updated Mar 28, 2025, 9:30am EDT\n> Semafor Signals\n",
    ],
)
def test_header_shapes_of_copied_pages(header):
    quoted = header.rstrip().endswith("> Semafor Signals")
    tail = "".join(f"> {line}\n" for line in TAIL.splitlines()) if quoted else TAIL
    story = parse_text(header + tail)
    assert (story.title, story.published) == ("Ports reopen", "2025-03-28")
    assert [(s.headline, s.body, s.outlets) for s in story.signals] == [
        ("A headline", "A body.", ["Reuters"])
    ]


def test_a_reposters_note_gives_the_semafor_address_not_the_title():
    story = parse_text(
        "Ports reopen\nPosted on March 30, 2025 by admin\n"
        "Reposted from Semafor (original published Mar 28, 2025). Link: "
        "https://www.semafor.com/article/03/28/2025/ports-reopen\n"
        "Semafor Signals\nMar 28, 2025, 9:30am EDT\n" + TAIL
    )
    assert story.title == "Ports reopen"
    assert story.url == "https://semafor.com/article/03/28/2025/ports-reopen"
    assert story.published == "2025-03-28"


def test_reference_links_and_numbered_image_labels_in_markdown():
    text, _ = markdown_to_text(
        "[![Image 1: Semafor Logo](https://s/logo.svg)](https://s/)\n\n### A headline\n\n"
        "![Image 5: Source icon](https://s/icon.svg)\n\n**Sources:** [Dawn][1], [Reuters][]\n\n"
        "A body.\n\n[1]: https://dawn.example/x\n"
    )
    lines = [line for line in text.splitlines() if line]
    assert lines == [
        "Semafor Logo",
        "A headline",
        "Source icon",
        "Sources: Dawn, Reuters",
        "A body.",
    ]


@pytest.mark.parametrize(
    "footer",
    [
        "https://www.semafor.com/article/03/28/2025/ports-reopen\nPage 1 of 1\n",
        "Collé à partir de <https://www.semafor.com/article/03/28/2025/ports-reopen>\n",
        "Pasted from <https://www.semafor.com/article/03/28/2025/ports-reopen>\n",
    ],
)
def test_a_page_address_at_the_foot_of_a_copy_is_the_page_url_and_not_body(footer):
    story = parse_text(
        "Ports reopen\nSemafor Signals\nUpdated Mar 29, 2025, 9:30am EDT\n" + TAIL + footer
    )
    assert story.url == "https://semafor.com/article/03/28/2025/ports-reopen"
    assert story.published == "2025-03-28"
    assert [(s.headline, s.body) for s in story.signals] == [("A headline", "A body.")]


def test_clipper_markdown_excerpt_reference_images_and_bulleted_sources():
    text, _ = markdown_to_text(
        "# Ports reopen\n\n> ## Excerpt\n> The ports reopened on Friday.\n\n---\n"
        "Semafor Signals\n\nMar 28, 2025, 9:30am EDT\n\n**The News**\n\nFacts.\n\n"
        "**SIGNALS**\n\n![icon][3]\n\n### A headline\n\n![Source icon][6]\n\n**Sources:**\n\n"
        "- Reuters\n- Dawn\n\nA body.\n\n[3]: https://s/icon.svg\n[6]: https://s/source.svg\n"
    )
    story = parse_text(text)
    assert (story.title, story.published) == ("Ports reopen", "2025-03-28")
    assert [(s.headline, s.body, s.outlets) for s in story.signals] == [
        ("A headline", "A body.", ["Reuters", "Dawn"])
    ]


# --- shapes found by the sixth and seventh hold-out sets ------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        # A cookie banner and a menu copied as one line above the story.
        "We use cookies to improve your experience. By continuing you agree. Learn more\nAccept\n"
        "Semafor Logo• D.C.• BXL• Lagos\nSemafor Signals\nPorts reopen\nMar 28, 2025, 9:30am EDT\n",
        # A partner's template: a note on the label, a byline and a dash.
        "Contenido aliado · Semafor Signals (en inglés)\nPorts reopen\nBy Semafor | Published 28 "
        "March 2025, 7:00pm\nMar 28, 2025, 9:30am EDT\n",
        "Ports reopen\nby Editorial Desk · 3 comments\n"
        "Semafor Signals — republished with permission\nMar 28, 2025, 9:30am EDT\n",
        # A blog's own date above the story it re-posts: the story's time wins.
        "Saturday, March 29, 2025\nPorts reopen\nSemafor Signals\nMar 28, 2025, 9:30am EDT\n",
        # A page printing both times: the first is its date.
        "Semafor Signals\nPorts reopen\nUpdated Mar 30, 2025, 9:30am EDT\n"
        "Mar 28, 2025, 9:30am EDT\n",
        # A time glued to its tags.
        "Semafor SignalsMar 28, 2025, 9:30am EDTpoliticsAsia\nPorts reopen\n",
    ],
)
def test_more_header_shapes(header):
    story = parse_text(header + TAIL)
    assert (story.title, story.published) == ("Ports reopen", "2025-03-28")
    assert [(s.headline, s.body, s.outlets) for s in story.signals] == [
        ("A headline", "A body.", ["Reuters"])
    ]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("a report by the International Crisis Group", "International Crisis Group"),
        ("IMF staff paper", "International Monetary Fund"),
        ("Uzair Younus's newsletter", "Uzair Younus"),
        ("Lloyd's List", "Lloyd's List"),
    ],
)
def test_a_work_is_credited_to_its_maker(names, expected):
    text = "Semafor Signals\nPorts reopen\n" + PAGE_TAIL + f"A headline\nSource: {names}\nA body.\n"
    assert _signals(text)[0][2] == [REGISTRY.resolve(expected)[0]]


def test_footers_newsletter_boxes_and_comments_are_not_signals():
    text = (
        "Semafor Signals\nPorts reopen\n" + PAGE_TAIL + "A headline\nSource: Reuters\nA body.\n"
        "Get Semafor Net Zero in your inbox\nThe most important news on climate, twice a week.\n"
        "Sign up\nAnother headline\nFuente / Source: Dawn\nAnother body.\n"
        "♡ Like · 💬 Comment · Share\n2 Comments\nA reader: great piece.\nPrivacy Policy\n"
    )
    assert _signals(text) == [
        ("A headline", "A body.", ["Reuters"]),
        ("Another headline", "Another body.", ["Dawn"]),
    ]


def test_a_copy_kept_by_another_site_is_the_semafor_original():
    page = (
        '<html><head><link rel="canonical" href="https://partner.example/2025/03/ports">'
        '<meta property="article:published_time" content="2025-03-30T09:00:00Z"></head><body>'
        "<article><p>Semafor Signals</p><h1>Ports reopen</h1><p>The News</p><p>Facts.</p>"
        "<p>SIGNALS</p><p>A headline</p><p>Sources:</p><ul><li>Reuters</li><li>Dawn</li></ul>"
        "<p>A body.</p><p>This article first appeared on "
        '<a href="https://www.semafor.com/article/03/28/2025/ports-reopen">Semafor</a>.</p>'
        "</article></body></html>"
    )
    story = parse_document(DocumentInput("repost.html", page.encode(), "html"))
    assert story.url == "https://semafor.com/article/03/28/2025/ports-reopen"
    assert story.published == "2025-03-28"
    assert [(s.headline, s.outlets) for s in story.signals] == [("A headline", ["Reuters", "Dawn"])]


def test_text_exports_of_browsers_and_converters():
    wrapped = (
        "Semafor Signals\nPorts reopen\nMar 28, 2025, 9:30am EDT\nThe News\n"
        + "The ports of the region reopened on Friday after a strike that lasted\n"
        "two weeks and left more than a hundred ships waiting at anchor off the\n"
        "coast, the port authority said in a statement on its website today.\n\n"
        "SIGNALS\n\n      A headline\n\nSource: Reuters <https://www.reuters.com/>\n\n"
        + "Shippers said the backlog would take weeks to clear and that freight\n"
        "rates had already begun to fall as vessels left the anchorage one by\n"
        "one, Reuters reported, quoting two brokers in the port of the capital.\n\n"
        "      Another headline\n\nSource: Dawn\n\n"
        "Exporters in the south lost orders worth millions while the ships sat\n"
        "idle, and several of them now want the government to pay for storage,\n"
        "according to the chamber of commerce, Dawn reported on its front page.\n\n"
        "[3]Skip to main content <#main>\n"
    )
    story = parse_text(wrapped)
    signal = story.signals[0]
    assert [(s.headline, s.outlets) for s in story.signals] == [
        ("A headline", ["Reuters"]),
        ("Another headline", ["Dawn"]),
    ]
    assert signal.body.startswith("Shippers said the backlog would take weeks to clear and that")
    assert "\n" not in signal.body
    text, _ = markdown_to_text(
        "::: {.article}\n[Semafor Signals]{.label}\nPorts reopen {#ports-reopen}\n:::\n"
        "[Sources:]{.source-label} Dawn{.source}\n"
    )
    assert [line for line in text.splitlines() if line] == [
        "Semafor Signals",
        "Ports reopen",
        "Sources: Dawn",
    ]


# --- shapes found by the eighth and ninth hold-out sets ------------------------------------------


def test_a_page_pasted_twice_or_in_two_revisions_is_read_once_the_later_copy():
    first = "Ports reopen\nMar 28, 2025, 9:30am EDT\nSemafor Signals\n" + TAIL
    later = (
        "Ports reopen after a week\nUpdated Mar 29, 2025, 9:30am EDT\nSemafor Signals\n"
        "The News\nMore facts.\nSIGNALS\nA headline\nSource: Reuters\nA later body.\n"
    )
    story = parse_text(first + "\n-----\n\n" + later)
    assert story.title == "Ports reopen after a week"
    assert [(s.headline, s.body) for s in story.signals] == [("A headline", "A later body.")]
    assert len(parse_text(first + "\n" + first).signals) == 1


def test_a_sponsor_block_among_the_signals_and_a_read_more_link_are_furniture():
    text = (
        "Semafor Signals\nPorts reopen\nUpdated Mar 28, 2025, 9:30am EDT\nThe News\nFacts.\n"
        "SIGNALS\nSemafor Signals: Global insights on today's biggest stories.\nSupported by\n"
        "Microsoft logo\nA headline\nSource: Reuters\nA body.\n"
        "Read more on Semafor Africa: https://www.semafor.com/article/02/05/2024/other-story\n"
    )
    story = parse_text(text)
    assert [(s.headline, s.body) for s in story.signals] == [("A headline", "A body.")]
    assert (story.url, story.published) == (None, "2025-03-28")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Sources: L'Orient-Le Jour and others, Reuters", ["L'Orient-Le Jour", "Reuters"]),
        ("Source: https://www.lesechos.fr/monde", ["Les Echos"]),
        ("Sources:\n– The Jakarta Post\n– Kompas", ["The Jakarta Post", "Kompas"]),
        ("Source: Nikkei Asia (subscription required)", ["Nikkei Asia"]),
        (
            "Source: Peterson Institute for International Economics's Monica de Bolle",
            ["Peterson Institute for International Economics"],
        ),
        (
            "Source: Advisory Opinion of 23 July 2025 (International Court of Justice)",
            ["International Court of Justice"],
        ),
    ],
)
def test_source_entries_as_copies_write_them(line, expected):
    story = parse_text(
        "Semafor Signals\nPorts reopen\n" + PAGE_TAIL + f"A headline\n{line}\nA body.\n"
    )
    assert story.url is None
    assert [(s.headline, s.body) for s in story.signals] == [("A headline", "A body.")]
    assert story.signals[0].outlets == [REGISTRY.resolve(n)[0] for n in expected]


def test_a_published_line_with_another_time_zone_and_a_readers_callout():
    story = parse_text(
        "Ports reopen\nPublished 28 March 2025, 6:15am BST\nSemafor Signals\n" + TAIL
    )
    assert story.published == "2025-03-28"
    text, _ = markdown_to_text("A body.\n\n***\n\n> [!note] My notes\n> Ask Dawn about this.\n")
    assert [line for line in text.splitlines() if line.strip("*-_ ")] == ["A body."]


def test_newsletter_and_cookie_words_in_the_story_are_text():
    # A newsletter's name opens its box only on a line of its own; a banner speaks to the reader.
    text = (
        "Semafor Signals\nBrowsers drop tracking\nThe News\n"
        "Regulators said the browser will stop using third-party cookies, a policy change.\n"
        "SIGNALS\nA headline\nSource: Reuters\nSemafor Africa reported the same shift in Lagos.\n"
    )
    story = parse_text(text)
    assert "third-party cookies" in story.summary
    assert story.signals[0].body == "Semafor Africa reported the same shift in Lagos."


# --- shapes found by the tenth and eleventh hold-out sets ----------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Sources:\nCaixin,\nBill Bishop’s Sinocism", ["Caixin", "Sinocism"]),
        ("Source: Adam Tooze’s Chartbook", ["Chartbook"]),
        ("Source: Politico Europe (newsletter)", ["Politico"]),
        ("Sources: The National (UAE), The Star (Kenya)", ["The National", "The Star Kenya"]),
        # An unknown name keeps its country: two ministries are two sources.
        ("Source: Ministry of Foreign Affairs (Japan)", ["Ministry of Foreign Affairs (Japan)"]),
        ("Source: ABS-CBN News via YouTube", ["ABS-CBN News"]),
        ("Source: Mexico Institute", ["Wilson Center"]),
    ],
)
def test_source_entries_with_writers_notes_countries_and_platforms(line, expected):
    story = parse_text(
        "Semafor Signals\nPorts reopen\n" + PAGE_TAIL + f"A headline\n{line}\nA body.\n"
    )
    assert [(s.headline, s.body) for s in story.signals] == [("A headline", "A body.")]
    assert story.signals[0].outlets == [REGISTRY.resolve(n)[0] for n in expected]


def test_a_forwarded_mail_and_a_tab_title_are_not_the_headline():
    forward = (
        "Worth a look.\n------- Forwarded Message -------\nFrom: A Reader <a@example.org>\n"
        "Date: On Wednesday, January 22nd, 2025 at 07:48\nSubject: Port deal\n"
        "To: desk@example.org\n"
        "Semafor Signals\nUpdated Jan 21, 2025, 12:26pm EST\n"
        "The UAE pledges $1.5 billion to expand a port as Gulf states deepen their bets on East "
        "African trade routes and rail lines\n" + TAIL
    )
    assert parse_text(forward).title.startswith("The UAE pledges $1.5 billion")
    tab = "Ports reopen | Semafor\nSkip to main content\nSemafor Signals\nSupported by\n"
    tab += "Microsoft logo\n"
    assert parse_text(tab + "Ports reopen\n" + TAIL).title == "Ports reopen"
    assert parse_text(tab + TAIL).title == "Ports reopen"  # the tab's title, without its suffix
    assert parse_text("View Original\nSemafor Signals\nPorts reopen\n" + TAIL).title == (
        "Ports reopen"
    )


def test_closing_hashes_a_footer_time_and_a_portuguese_repost_note():
    text, _ = markdown_to_text("# Ports reopen #\n\n#### A headline ####\n## We're #1\n")
    assert [line for line in text.splitlines() if line] == [
        "Ports reopen",
        "A headline",
        "We're #1",
    ]
    untitled = "The News\nFacts.\nSIGNALS\nA headline\nSource: Reuters\nA body.\nSemafor Logo\n"
    story = parse_text(untitled + "Updated Oct 15, 2024, 10:14pm IST\n")
    assert (story.published, "date_from_footer" in story.flags) == ("2024-10-15", True)
    repost = parse_document(
        DocumentInput(
            "repost.html",
            (
                b"<html><head><meta property='og:url' content='https://blog.example.org/p'>"
                b"<meta property='article:published_time' content='2025-05-22T11:00:00Z'></head>"
                b"<body><p>Republicamos abaixo o texto. Original: <a href='https://www.semafor.com"
                b"/article/05/21/2025/ports-reopen'>semafor.com</a>.</p><p>Semafor Signals</p>"
                b"<p>Ports reopen</p><p>The News</p><p>Facts.</p><p>SIGNALS</p><p>A headline</p>"
                b"<p>Source: Reuters</p><p>A body.</p></body></html>"
            ),
            "html",
        )
    )
    assert (repost.url, repost.published) == (
        "https://semafor.com/article/05/21/2025/ports-reopen",
        "2025-05-21",
    )


def test_a_section_front_with_one_signals_card_is_not_a_story():
    front = (
        "Africa\nThe continent’s biggest stories.\nSemafor Signals\nLeaders meet in Doha\n"
        "Mar 18, 2025\nAfrica\nTea prices fall to a three-year low\nMar 18, 2025\nBusiness\n"
    )
    with pytest.raises(SignalsError, match="no 'The News'.*list of stories"):
        parse_text(front)


# --- shapes found by the twelfth and thirteenth hold-out sets ------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Source:\nThe East African, Africa Confidential.",
            ["The East African", "Africa Confidential"],
        ),
        (
            "Sources: International Institute for\n"
            "Strategic Studies, Royal United Services Institute",
            ["International Institute for Strategic Studies", "Royal United Services Institute"],
        ),
        ("Source: The Wall Street Journal’s Mary Anastasia O’Grady", ["The Wall Street Journal"]),
        ("Source: Reuters via Yahoo Finance", ["Reuters"]),
    ],
)
def test_source_names_below_the_label_wrapped_in_a_name_or_carried(line, expected):
    story = parse_text(
        "Semafor Signals\nPorts reopen\n" + PAGE_TAIL + f"A headline\n{line}\nA body.\n"
    )
    assert [(s.headline, s.body) for s in story.signals] == [("A headline", "A body.")]
    assert story.signals[0].outlets == [REGISTRY.resolve(n)[0] for n in expected]


def test_a_body_sentence_below_an_empty_source_label_stays_the_body():
    story = parse_text(
        "Semafor Signals\nPorts reopen\n" + PAGE_TAIL + "A headline\nSource:\nPrices rose.\n"
    )
    assert [(s.headline, s.body) for s in story.signals] == [("A headline", "Prices rose.")]


def test_a_shared_short_form_is_read_in_the_light_of_the_story():
    def credited(insights: str, source: str) -> list[str]:
        story = parse_text(
            f"Semafor Signals\nPorts reopen\nInsights from {insights}\n"
            + PAGE_TAIL
            + f"A headline\nSources: {source}\nA body.\n"
        )
        return story.signals[0].outlets

    # The other credits come from Kenya and Uganda, or from Australia.
    assert credited("The East African, Nation", "Nation, Daily Monitor") == [
        "Nation Africa",
        "Daily Monitor",
    ]
    assert credited("ABC, The Australian", "ABC, The Sydney Morning Herald")[0] == (
        "Australian Broadcasting Corporation"
    )
    # Without such context the usual reading stands.
    assert credited("ABC", "ABC") == ["ABC News"]


def test_partner_bylines_notes_clips_and_signatures_are_not_the_story():
    page = (
        "Senegal's court overturns the delay\n"
        "From our partners at Semafor. This article was originally published on semafor.com\n"
        "Staff report, with Semafor\nDate clipped: July 1, 2023\nSemafor Signals\n"
        "The News\nFacts.\nSIGNALS\n"
        "A first paragraph, Le Monde wrote.\n\nSemafor Africa\n"
        "A weekly newsletter on the continent's biggest stories.\nEnter your email\nSign up\n"
        "By signing up you agree to our privacy policy.\n\n"
        "A second paragraph, according to The Africa Report.\n\n--\nA. Reader | Analyst\n"
        "This email and any attachments are confidential.\n"
    )
    story = parse_text(page)
    assert story.title == "Senegal's court overturns the delay"
    assert [s.body for s in story.signals] == [
        "A first paragraph, Le Monde wrote.",
        "A second paragraph, according to The Africa Report.",
    ]


def test_clippers_front_matter_keys_excerpts_and_a_label_glued_to_its_tags():
    clip = (
        "---\npage_title: Ports reopen\npage_url: https://semafor.com/article/04/10/2025/ports\n"
        "clipped_at: 2025-04-12 21:14\n---\n\n"
    )
    _, hints = split_front_matter(clip)
    assert (hints.title, hints.url) == (
        "Ports reopen",
        "https://semafor.com/article/04/10/2025/ports",
    )
    text, _ = markdown_to_text(
        "# Ports reopen\n\n> ## Excerpt\n> Ports reopened on Monday…\n\nA line\n"
    )
    assert [line for line in text.splitlines() if line] == ["Ports reopen", "A line"]
    story = parse_text("Semafor Signals businessEurope\nPorts reopen\n" + TAIL)
    assert (story.title, story.category, story.region) == ("Ports reopen", "business", "Europe")


# --- shapes found by the fourteenth and fifteenth hold-out sets ----------------------------------


def test_chat_pastes_whatsapp_teams_slack():
    whatsapp = (
        "02/10/2024, 21:14 - Ana Ribeiro: *Semafor Signals*\n_Updated Oct 2, 2024, 3:05pm EDT_\n"
        "Ports reopen\nThe News\nFacts.\nSIGNALS\n*A headline*\nSource: Reuters\nA body.\n"
        "02/10/2024, 21:16 - João M.: 🙏\n02/10/2024, 21:20 - Ana Ribeiro: <Media omitted>\n"
        "02/10/2024, 21:22 - João M.: Useful, thanks\nI will share it with the desk.\n"
    )
    story = parse_text(whatsapp)
    assert story.title == "Ports reopen"
    assert [(s.headline, s.body) for s in story.signals] == [("A headline", "A body.")]
    teams = (
        "[09:03] Okafor, Chidi\nFYI, copied this morning:\nUpdated Aug 1, 2023, 5:21pm EDT\n"
        "Semafor Signals\nNiger names a new leader\nNEWS\nFacts.\nSIGNALS\n"
        "The coup is a blow to Western plans, Le Monde reported.\n"
        "Regional leaders are running out of options, Jeune Afrique reported.\n"
        "[09:04] Okafor, Chidi\n(the Times = NYT I think)\n"
    )
    assert len(parse_text(teams).signals) == 2
    slack = "Jonas Weber\n9:17 AM\n> Semafor Signals\n> Updated May 14, 2024, 6:58am EDT\n"
    slack += "> EU rules clear a final hurdle\n> " + TAIL.replace("\n", "\n> ")
    slack += "\n:eyes: 3  :thumbsup: 1\n\nOmar T.  10:51 AM\nthanks — any news from Ankara?\n"
    story = parse_text(slack)
    assert story.title == "EU rules clear a final hurdle"
    assert [(s.headline, s.body) for s in story.signals] == [("A headline", "A body.")]


def test_digests_lists_and_footers_around_the_story():
    digest = (
        "MORNING DIGEST — Tuesday 15 October 2024\n1) Central bank watch\nRates held.\n"
        "2) Semafor\nSemafor Signals\nDrills encircle Taiwan\nUpdated Oct 14, 2024, 9:40pm EDT\n"
        "The News\nFacts.\nSIGNALS\n1. A headline\nSource: Reuters\nA body.\n"
        "• Another headline\nSource: AP\nAnother body.\n"
        "3) Shipping\nFreight rates fell for a sixth week.\n"
    )
    story = parse_text(digest)
    assert story.published == "2024-10-14"  # the story's own time, not the digest's
    assert [(s.headline, s.body) for s in story.signals] == [
        ("A headline", "A body."),
        ("Another headline", "Another body."),
    ]
    footer = "Semafor Signals\nPorts reopen\n" + TAIL + "Semafor · Terms · Privacy\n"
    assert len(parse_text(footer).signals) == 1
    below = "The News\nFacts.\nSIGNALS\nA headline\nSource: Reuters\nA body.\n"
    story = parse_text(below + "Updated Jan 30, 2025, 9:12am EST\n")
    assert (len(story.signals), story.published) == (1, "2025-01-30")
    assert "truncated_headline" not in story.flags


def test_html_hidden_placeholders_and_a_page_quoted_by_another():
    page = (
        "<html><body><p>Semafor Signals</p><h1>Ports reopen</h1><p>The News</p><p>Facts.</p>"
        "<p>SIGNALS</p><div aria-hidden='true' style='display:none'><h3>Loading signal…</h3>"
        "<p>Source: Placeholder</p></div><h3>A headline</h3><p>Source: Reuters</p>"
        "<p>A body.</p></body></html>"
    )
    story = parse_document(DocumentInput("p.html", page.encode(), "html"))
    assert [(s.headline, s.body) for s in story.signals] == [("A headline", "A body.")]
    quoted = (
        "<html><body><h1>Weekly digest</h1><p>From <a href='https://www.semafor.com/article/10/11/"
        "2023/naira'>https://www.semafor.com/article/10/11/2023/naira</a>:</p><blockquote>"
        "<p>Semafor Signals</p><p>The naira hits a record low</p><p>The News</p><p>Facts.</p>"
        "<p>SIGNALS</p><p>Prices have doubled, BusinessDay reported.</p>"
        "<p>Investors want the backlog cleared, analysts told Bloomberg.</p></blockquote>"
        "<h2>Also in the news</h2><ul><li>Parliament extends an emergency (Addis Standard)</li>"
        "</ul></body></html>"
    )
    story = parse_document(DocumentInput("q.html", quoted.encode(), "html"))
    assert story.url == "https://semafor.com/article/10/11/2023/naira"
    assert [s.body[:6] for s in story.signals] == ["Prices", "Invest"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Source: Daily Mirror (Sri Lanka)", "Daily Mirror (Sri Lanka)"),  # not the British one
        ("Source: Xinhua (state media)", "Xinhua"),
        ("Source: Business Daily via PressReader", "Business Daily"),
    ],
)
def test_a_bracket_placing_a_name_in_another_country_keeps_it(line, expected):
    story = parse_text(
        "Semafor Signals\nPorts reopen\n" + PAGE_TAIL + f"A headline\n{line}\nA body.\n"
    )
    assert story.signals[0].outlets == [REGISTRY.resolve(expected)[0]]


def test_a_related_coverage_list_after_headless_2023_signals_is_not_signals():
    page = (
        "Semafor Signals\nSaudi talks stall\nNEWS\nFacts.\nSIGNALS\n\n"
        "The timing was not accidental, Reuters reported.\n\n"
        "The attack came almost exactly 50 years after another war, the BBC noted.\n\n"
        "Related coverage\nIsrael-Hamas war: What we know\nOil prices jump after the attack\n"
    )
    story = parse_text(page)
    assert [s.body[:10] for s in story.signals] == ["The timing", "The attack"]
    assert "truncated" not in story.flags


# --- shapes found by the sixteenth and seventeenth hold-out sets ---------------------------------


def test_two_source_lines_under_one_headline_make_one_signal():
    page = (
        "Semafor Signals\nPorts reopen\n" + PAGE_TAIL + "A headline\nSource icon\nSource: Dawn\n"
        "Source icon\nSource: Business Recorder\nA body.\nAnother headline\nSource: AP\nMore.\n"
    )
    story = parse_text(page)
    assert [(s.headline, s.body, s.outlets) for s in story.signals] == [
        ("A headline", "A body.", ["Dawn", "Business Recorder"]),
        ("Another headline", "More.", ["Associated Press"]),
    ]


def test_mail_dates_forward_ends_word_joiners_and_read_later_exports():
    forward = (
        "----- Forwarded message from A Reader -----\nDate: Tue, 21 Nov 2023 09:14:52 +0100\n"
        "Subject: bonds\nSemafor Signals\nUpdated Nov 20, 2023, 6:00pm EST\n"
        "Argentina's bonds rally\n" + TAIL + "----- End forwarded message -----\n"
    )
    story = parse_text(forward)
    assert story.title == "Argentina's bonds rally"
    assert len(story.signals) == 1
    joined = parse_text(
        "Semafor Signals\nPorts reopen\n" + PAGE_TAIL + "A headline\u2060\n"
        "Source: Reuters\nA body.\n"
    )
    assert joined.signals[0].headline == "A headline"
    readwise, _ = markdown_to_text(
        "# Ports reopen\n\n## Metadata\n- Full Title: Ports reopen\n- Category: #articles\n\n"
        "## Full Document\n\nSemafor Signals\n\nThe News\n\nFacts.\n\nSIGNALS\n\nA headline\n\n"
        "Source: Reuters\n\nA body.\n"
    )
    assert parse_text(readwise).title == "Ports reopen"


def _printed_paragraph(clause: str, outlet: str) -> str:
    """A long paragraph as a printed page holds it: hard-wrapped at 96 characters."""
    return textwrap.fill(f"Officials said {(clause + ' ') * 5} {outlet} reported.", width=96)


def test_a_printed_page_converted_to_text_reads_as_one_page():
    address = "https://www.semafor.com/article/05/14/2024/georgia-law"
    header = "5/15/24, 8:03 AM                 Georgia passes a law | Semafor"

    def paragraph(outlet: str) -> str:
        return _printed_paragraph(
            "the law would make groups funded from abroad register with the state, and", outlet
        )

    first = paragraph("Civil.ge").split("\n")
    page = (
        f"{header}\n\nSemafor Signals\n\nGeorgia passes a law\n"
        "Updated May 15, 2024, 6:40am EDT\n\nThe News\nFacts.\n\nSIGNALS\n\n"
        "A headline\nSource: Civil.ge\n"
        + "\n".join(first[:2])
        # A page break inside the paragraph: the footer and the next sheet's header.
        + f"\n\n{address}          1/2\n\n{header}\n\n"
        + "\n".join(first[2:])
        + "\n\nAnother headline\nSource: OC Media\n"
        + paragraph("OC Media")
        + "\n\nA third headline\nSource: Eurasianet\n"
        + paragraph("Eurasianet")
        + f"\n\n{address}          2/2\n"
    )
    story = parse_text(page)
    assert (story.url, story.published) == (
        "https://semafor.com/article/05/14/2024/georgia-law",
        "2024-05-14",
    )
    assert [s.headline for s in story.signals] == [
        "A headline",
        "Another headline",
        "A third headline",
    ]
    assert story.signals[0].body.endswith("Civil.ge reported.")
    assert "\n" not in story.signals[0].body


# --- shapes found by the eighteenth to twenty-first hold-out sets --------------------------------


def test_signals_each_in_their_own_article_element():
    cards = "".join(
        f"<article><h3>Headline {n}</h3><p>Source: Reuters</p><p>Body {n}.</p></article>"
        for n in (1, 2, 3)
    )
    page = (
        "<html><body><main><p>Semafor Signals</p><h1>Ports reopen</h1><p>The News</p>"
        f"<p>Facts.</p><h2>SIGNALS</h2>{cards}</main></body></html>"
    )
    story = parse_document(DocumentInput("cards.html", page.encode(), "html"))
    assert [s.headline for s in story.signals] == ["Headline 1", "Headline 2", "Headline 3"]


def test_a_complete_unknown_name_at_the_very_end_is_kept_a_cut_known_one_is_not():
    def last_outlets(tail: str) -> list[str]:
        page = "Semafor Signals\nPorts reopen\n" + PAGE_TAIL + f"A headline\nSources: {tail}\n"
        return parse_text(page).signals[0].outlets

    assert last_outlets("Folha de S.Paulo, Bloomberg Línea") == [
        REGISTRY.resolve("Folha de S.Paulo")[0],
        "Bloomberg Línea",
    ]
    assert last_outlets("Reuters, The Wash") == ["Reuters"]  # The Washington Post, cut


def test_forwarded_signals_mail_notes_and_comments_around_the_story():
    forward = (
        "Elif — good summary of the Istanbul story.\n---------- Forwarded message ---------\n"
        "From: Semafor <news@example.org>\nSubject: Semafor Signals: Turkey detains a mayor\n"
        "To: <e.kaya@example.org>\nSemafor Signals\nTurkey detains a mayor\n" + TAIL
    )
    story = parse_text(forward)
    assert (story.title, len(story.signals)) == ("Turkey detains a mayor", 1)
    note = (
        "Orbán in Moscow — for Monday's brief\nsaved Sat 6 July 2024\ntags: hungary, russia\n\n"
        "-----\n\nJul 5, 2024, 12:04pm EDT\n" + TAIL + "\nfollow-up: check Beijing next\n"
    )
    story = parse_text(note)
    assert (story.title, "untitled" in story.flags, len(story.signals)) == ("", True, 1)
    tails = [
        "— copied from semafor.com",
        "Semafor © 2023",
        "Comments\nRashid K. says: October 2, 2024 at 6:41 pm\nA reader's view.",
    ]
    for tail in tails:
        assert len(parse_text("Semafor Signals\nPorts reopen\n" + TAIL + tail).signals) == 1
    clip = "# Ports reopen\n\n_Saved from semafor.com on 9 August 2024_\n\nSemafor Signals\n"
    assert parse_text(markdown_to_text(clip + TAIL)[0]).title == "Ports reopen"


def test_a_portal_date_line_with_an_offset_from_gmt():
    assert parse_timestamp("Mon, April 1, 2024 at 2:40 PM GMT+3") == (
        "2024-04-01T14:40:00+03:00",
        False,
    )
    assert parse_timestamp("Apr 1, 2024, 2:40pm UTC+05:30")[0].endswith("+05:30")


# --- shapes found by the twenty-second to twenty-fifth hold-out sets -----------------------------


def test_a_note_title_above_the_label_loses_to_the_headline_below_it():
    for above in ("Guatemala Arévalo — signals piece (saved 22 Aug)", "Arévalo notes\n3:14 PM"):
        page = f"{above}\n\nSemafor Signals\nUpdated Aug 21, 2023, 10:40am EDT\nArévalo wins\n"
        assert parse_text(page + TAIL).title == "Arévalo wins"
    # The layout with the headline above the label keeps it.
    assert parse_text("Arévalo wins\nAug 21, 2023\nSemafor Signals\n" + TAIL).title == (
        "Arévalo wins"
    )


def test_partner_republications_sections_dates_and_credits():
    partner = (
        "The Citizen\nHome | News | Business\nNEWS\nSemafor: Samia declared winner\n"
        "Sunday, November 02, 2025\nRead the original at semafor.com.\nSemafor Signals\n"
        "Samia declared winner with 98% of the vote\nNov 1, 2025, 12:15pm EDT\n"
        + TAIL
        + "Originally published by Semafor: semafor.com\nMy take: the numbers are real.\n"
    )
    story = parse_text(partner)
    assert (story.title, story.published) == (
        "Samia declared winner with 98% of the vote",
        "2025-11-01",
    )
    assert [s.body for s in story.signals] == ["A body."]
    dated = "Semafor Signals\nPorts reopen\n"
    dated += "Published Jun 18, 2024 • Last updated Jun 19, 2024 • 3 minute read\n"
    assert parse_text(dated + TAIL).published == "2024-06-18"
    credits = "Semafor Signals\nPorts reopen\n" + PAGE_TAIL + "A headline\n"
    story = parse_text(
        credits + "Sources: The Japan Times (via Kyodo), Asharq Al-Awsat (via Zawya)\nA body.\n"
    )
    assert story.signals[0].outlets == [
        REGISTRY.resolve(n)[0] for n in ("The Japan Times", "Kyodo", "Asharq Al-Awsat")
    ]


def test_read_later_exports_outliners_and_trailing_footers():
    text, hints = to_text(
        "[Ports reopen | Semafor](https://www.semafor.com/article/03/16/2025/ports?utm_source=x)\n\n"
        "Read on Omnivore\n\nHighlights\n\n- # Ports reopen\n- Semafor Signals\n- The News\n"
        "- Facts.\n- SIGNALS\n- ### A headline\n- Source: Reuters\n- A body.\n",
        "markdown",
    )
    story = parse_text(text, hints)
    assert (story.url, story.title) == (
        "https://semafor.com/article/03/16/2025/ports",
        "Ports reopen",
    )
    assert [s.headline for s in story.signals] == ["A headline"]
    headless = (
        "Semafor Signals\nPorts reopen\nNEWS\nFacts.\nSIGNALS\nA first paragraph, Reuters said.\n"
    )
    for tail in ("About Privacy", "Sent from my iPhone"):
        assert len(parse_text(f"{headless}\n{tail}\n").signals) == 1
    evernote = (
        "<html><head><meta name='source-url' content='https://www.semafor.com/article/05/12/2025/"
        "awami'></head><body><p>Semafor Signals</p><h1>A ban</h1><p>The News</p><p>Facts.</p>"
        "<p>SIGNALS</p><p>A headline</p><p>Source: Reuters</p><p>A body.</p></body></html>"
    )
    story = parse_document(DocumentInput("note.html", evernote.encode(), "html"))
    assert story.url == "https://semafor.com/article/05/12/2025/awami"


def test_mail_footers_and_a_logo_footer_bar_end_the_story():
    for tail in (
        "You received this email because you subscribed to the desk list.",
        "This email and any attachments are confidential.",
        "Semafor Logo · About · Privacy · Terms",
    ):
        story = parse_text("Semafor Signals\nPorts reopen\n" + TAIL + tail + "\n")
        assert [s.body for s in story.signals] == ["A body."]
        assert "truncated" not in story.flags


def test_an_audio_player_and_a_time_glued_to_its_tags_are_not_the_headline():
    player = "Hasina resigns\nSemafor Signals\nsecuritySouth Asia\nListen\nShare this story\n"
    assert parse_text(player + TAIL).title == "Hasina resigns"
    glued = "Semafor SignalsUpdated Jan 16, 2025, 6:45am ESTsecurityMiddle East\nA ceasefire\n"
    story = parse_text(glued + TAIL)
    assert (story.title, story.category, story.region) == ("A ceasefire", "security", "Middle East")


# --- shapes found by the twenty-ninth to thirty-second hold-out sets -----------------------------


def test_a_printed_headline_wrapped_onto_two_lines_is_whole_from_the_print_header():
    address = "https://www.semafor.com/article/12/06/2024/eu-mercosur-deal"
    header = "12/9/24, 8:47 AM      EU and Mercosur seal a deal after 25 years of talks | Semafor"
    page = (
        f"{header}\n\nSemafor\n\nSemafor Signals\nEU and Mercosur seal a deal after 25 years\n"
        "of talks\nInsights from Le Monde\n\nThe News\nFacts.\n\nSIGNALS\n\n"
        f"A headline\nSource: Le Monde\nA body.\n\n{address}          1/1\n"
    )
    story = parse_text(page)
    assert story.title == "EU and Mercosur seal a deal after 25 years of talks"
    assert story.url == "https://semafor.com/article/12/06/2024/eu-mercosur-deal"


def test_a_printed_headline_whose_last_words_were_taken_for_it_is_whole_from_the_header():
    # The wrapped headline's start ends on a word no rule calls dangling ("as"); the header's
    # title joins it to the end just above the label.
    address = "https://www.semafor.com/article/03/10/2023/xi-third-term"
    header = (
        "3/11/23, 9:02 AM      Xi wins an unprecedented third term as China’s president | Semafor"
    )
    page = (
        f"{header}\n\n Mar 10, 2023, 5:46am EST\n politicsEast Asia\n\n"
        " Xi wins an unprecedented third term as\n China’s president\n Semafor Signals\n\n"
        " NEWS\n\n Facts of the day.\n\n SIGNALS\n\n A paragraph, Reuters reported.\n\n"
        f"{address}          1/1\n"
    )
    assert parse_text(page).title == "Xi wins an unprecedented third term as China’s president"


def test_a_photos_description_in_markdown_is_not_the_headline():
    markdown = (
        "# Maduro declared winner as opposition cries fraud | Semafor\n\nSemafor Signals\n\n"
        "Jul 29, 2024, 10:17am EDT\n\n"
        "![Supporters of the opposition candidate in Caracas](https://img.example/a.jpg)\n\n"
        "![Source icon](https://img.example/icon.svg)\n\n"
        "## The News\n\nFacts.\n\n## SIGNALS\n\n### A headline\n\nSource: Reuters\n\nA body.\n"
    )
    text, _ = markdown_to_text(markdown)
    assert "Supporters" not in text and "Source icon" in text
    assert parse_text(text).title == "Maduro declared winner as opposition cries fraud"


def test_a_line_of_note_tags_in_markdown_is_not_a_heading():
    markdown = "# Ports reopen\n#Omnivore #RSS\n\n## The News\n\nFacts.\n"
    text, _ = markdown_to_text(markdown)
    assert [line for line in text.split("\n") if line] == ["Ports reopen", "The News", "Facts."]


@pytest.mark.parametrize(
    "line",
    ["Fri, Dec 27, 2024, 6:40 AM 3 min read", "Fri, December 27, 2024 at 6:40 AM · 3 min read"],
)
def test_a_syndicators_time_with_its_reading_time_dates_the_copy(line):
    assert parse_timestamp(line)[0].startswith("2024-12-27T06:40")


def test_a_form_feed_before_the_next_sheets_header_still_joins_the_paragraph():
    address = "https://www.semafor.com/article/08/23/2023/india-moon-landing"
    header = "8/24/23, 9:12 AM          India lands near the Moon’s south pole | Semafor"

    def paragraph(outlet: str) -> str:
        return _printed_paragraph(
            "the lander and its rover are expected to work for one lunar day, two weeks,", outlet
        )

    first = paragraph("NDTV").split("\n")
    page = (
        f"{header}\n\nSemafor Signals\nIndia lands near the Moon’s south pole\n"
        "Aug 23, 2023, 10:48am EDT\n\nNEWS\n\nFacts.\n\nSIGNALS\n\n"
        + "\n".join(first[:2])
        # A converter's form feed starts the next sheet, its header glued after it.
        + f"\n\n{address}          1/2\n\f{header}\n\n"
        + "\n".join(first[2:])
        + "\n\n"
        + paragraph("Nature")
        + f"\n\n{address}          2/2\n"
    )
    story = parse_text(page)
    assert len(story.signals) == 2
    assert story.signals[0].body.endswith("NDTV reported.")
    assert "\n" not in story.signals[0].body


def test_a_digests_read_on_semafor_link_below_the_page_is_its_address():
    address = "https://www.semafor.com/article/12/23/2024/mozambique-court?ref=monitor"
    text = (
        "LUSOPHONE MONITOR\nWeekly Digest No. 112\n\nWe republish below Semafor's round-up.\n\n"
        "Semafor Signals\nUpdated Dec 24, 2024, 6:02am EST\n\nMozambique’s court confirms Chapo\n"
        + PAGE_TAIL
        + f"A headline\nSource: Lusa\nA body.\n\nRead on semafor.com: {address}\n\n"
        "3. GUINEA-BISSAU: ELECTION DATE STILL UNCLEAR\n"
    )
    story = parse_document(DocumentInput("digest.txt", text.encode(), "text"))
    assert story.url == "https://semafor.com/article/12/23/2024/mozambique-court"
    assert story.published == "2024-12-23"


def test_the_sections_front_page_listing_stories_is_not_a_signals_page():
    cards = "".join(
        f"Story number {i} happens\nMay {i}, 2025 · Europe\nInsights from Reuters and Bloomberg\n"
        for i in range(1, 5)
    )
    text = "Semafor Signals\nSemafor Signals: Global insights on today’s biggest stories.\n" + cards
    with pytest.raises(SignalsError, match="list of stories"):
        parse_text(text)


# --- shapes found by the thirty-third to thirty-sixth hold-out sets ------------------------------

SIGNALS_TAIL = "SIGNALS\nA headline\nSource: Reuters\nA body.\n"


def _html_story(html: str):
    return parse_document(DocumentInput("page.html", html.encode(), "html"))


def test_an_omnivore_highlight_quoted_above_the_page_is_not_the_headline():
    markdown = (
        "## Highlights\n\n> Boko Haram has killed dozens of soldiers this year "
        "[⤴️](https://omnivore.app/me/x#h1)\n\n## Full Content\n\nSemafor Signals\n\n"
        "Nov 29, 2024, 11:06am EST\n\n## The News\n\nFacts.\n\n" + SIGNALS_TAIL
    )
    text, _ = markdown_to_text(markdown)
    story = parse_text(text)
    assert story.title == "" and "untitled" in story.flags


@pytest.mark.parametrize(
    "above",
    [
        "#apac-research\n",  # a Slack channel's name
        "semafor.com · Saved May 14, 2025 on iPad · 4 min read\n",  # a reading app's save
        "Content\n",  # a read-later export's heading
    ],
)
def test_a_chat_channel_or_a_reading_apps_lines_are_not_the_headline(above):
    story = parse_text(above + "Semafor Signals\nMay 14, 2025\nThe News\nFacts.\n" + SIGNALS_TAIL)
    assert story.title == ""


def test_an_analysts_source_line_naming_the_pages_address_is_not_a_signals_credit():
    address = "https://www.semafor.com/article/06/01/2023/nigeria-fuel-subsidy"
    text = (
        "Nigeria ends its fuel subsidy\n" + PAGE_TAIL + "Economists urged it for years, Premium "
        "Times reported.\nThe unions threaten a strike, The Punch reported.\n"
        f"Source: {address}\n"
    )
    story = parse_text(text)
    assert story.url == "https://semafor.com/article/06/01/2023/nigeria-fuel-subsidy"
    assert [s.outlets for s in story.signals] == [[], []]


def test_a_signal_headline_wrapped_after_the_is_joined_in_a_hard_wrapped_copy():
    paragraph = textwrap.fill("Researchers warned that the seabed is poorly mapped. " * 8, 90)
    text = (
        "Norway pauses seabed mining\nThe News\n" + paragraph + "\n\nSIGNALS\n\n"
        "Scientists say too little is known about the\nseabed\n\nSources: Nature\n\n"
        + paragraph
        + "\n\nAnother headline\n\nSource: Reuters\n\n"
        + paragraph
        + "\n"
    )
    story = parse_text(text)
    assert story.signals[0].headline == "Scientists say too little is known about the seabed"


@pytest.mark.parametrize("quote", ['"', "“"])
def test_the_opening_quote_of_a_shared_selection_is_not_part_of_the_title(quote):
    story = parse_text(
        f"{quote}Kenya’s Ruto drops the tax bill\n" + PAGE_TAIL + "A headline\n"
        "Source: Reuters\nA body.\n"
    )
    assert story.title == "Kenya’s Ruto drops the tax bill"
    quoted = parse_text("“Lost” is the word\n" + PAGE_TAIL + "A headline\nSource: Reuters\nA b.")
    assert quoted.title == "“Lost” is the word"


@pytest.mark.parametrize(
    ("link_day", "expected"),
    [("03/11/2025", "https://semafor.com/article/03/11/2025/duterte-icc"), ("01/02/2025", None)],
)
def test_a_link_posted_in_the_chat_after_the_page_is_its_address_if_its_date_fits(
    link_day, expected
):
    text = (
        "[9:01 AM] Mara Quintos\nUpdated Mar 12, 2025, 4:10am EDT\nThe News\nFacts.\n"
        + SIGNALS_TAIL
        + "[9:05 AM] Jonah Feld\n"
        f"thx! for the file: https://www.semafor.com/article/{link_day}/duterte-icc\n"
    )
    story = parse_text(text)
    assert story.url == expected
    assert [s.headline for s in story.signals] == ["A headline"]


def test_a_whatsapp_web_message_with_its_time_first_ends_the_page():
    text = (
        "[09:59, 03/10/2023] Rafael: colo o texto aqui\n[10:01, 03/10/2023] Rafael: NEWS\n"
        "Facts of the day.\nSIGNALS\nKenya’s offer has doubters, The Standard reported.\n"
        "The gangs are not waiting, the Miami Herald reported.\n"
        "[10:07, 03/10/2023] Luíza: valeu! dá pra fazer um paralelo no relatório\n"
    )
    story = parse_text(text)
    assert len(story.signals) == 2 and story.title == ""


def test_a_reader_views_domain_link_gives_the_pages_address():
    address = "https://www.semafor.com/article/09/23/2024/sri-lanka-vote"
    html = (
        f'<html><body><a class="domain" href="{address}">semafor.com</a><h1>Sri Lanka votes</h1>'
        "<h2>The News</h2><p>Facts.</p><h2>SIGNALS</h2><p>A headline</p><p>Source: Reuters</p>"
        "<p>A body.</p></body></html>"
    )
    assert _html_story(html).url == "https://semafor.com/article/09/23/2024/sri-lanka-vote"


def test_a_partners_copy_with_semafor_as_canonical_is_semafors_story():
    html = (
        '<html><head><meta property="og:url" content="https://partner.example/mundo/n8421">'
        '<link rel="canonical" href="https://www.semafor.com/article/04/14/2025/argentina-imf">'
        "</head><body><h1>Argentina lifts currency controls</h1><p>Semafor Signals</p>"
        "<h2>The News</h2><p>Facts.</p><h2>SIGNALS</h2><p>A headline</p><p>Source: Reuters</p>"
        "<p>A body.</p></body></html>"
    )
    assert _html_story(html).url == "https://semafor.com/article/04/14/2025/argentina-imf"


def test_a_source_name_cut_to_a_lone_letter_at_the_end_of_the_copy_is_dropped():
    story = parse_text("A story\n" + PAGE_TAIL + "A headline\nSources: Tamil Guardian, Daily F")
    assert story.signals[0].outlets == ["Tamil Guardian"]
    assert "truncated_source" in story.signals[0].flags


def test_a_markdown_link_cut_off_at_the_end_of_a_source_line_is_not_an_outlet():
    page = (
        "# A story\n\n" + PAGE_TAIL + "### A headline\n\nSources: [CivilNet](https://x.am/), [Armen"
    )
    story = parse_text(*to_text(page, "markdown"))
    assert story.signals[0].outlets == ["CivilNet"]
    assert "truncated_source" in story.signals[0].flags


def test_print_margins_on_lines_of_their_own_are_removed():
    address = "https://www.semafor.com/article/10/07/2024/kazakhstan-nuclear"
    first = textwrap.fill(
        "Rosatom already supplies fuel to Kazakhstan and offered to pay. " * 6, 90
    )
    lines = first.split("\n")
    page = (
        "10/8/24, 9:14 AM\nKazakhstan votes for nuclear power | Semafor\n\nSemafor Signals\n"
        "Kazakhstan votes for nuclear power\nOct 7, 2024\n\nThe News\n"
        + first
        + "\n\nSIGNALS\n\nA headline\nSource: Eurasianet\n"
        + "\n".join(lines[:2])
        + f"\n\n{address}\n1/2\n\f10/8/24, 9:14 AM\nKazakhstan votes for nuclear power | Semafor\n"
        + "\n".join(lines[2:])
        + f"\n\n{address}\n2/2\n"
    )
    story = parse_text(page)
    assert story.url == "https://semafor.com/article/10/07/2024/kazakhstan-nuclear"
    assert len(story.signals) == 1 and "Semafor" not in story.signals[0].body


# --- shapes found by the thirty-seventh to fortieth hold-out sets --------------------------------


def test_a_web_archives_copy_is_the_page_it_archives():
    archived = "https://web.archive.org/web/20240326101512/https://www.semafor.com/article/03/25/2024/senegal-vote?utm_source=x"
    assert normalize_url(archived) == "https://semafor.com/article/03/25/2024/senegal-vote"


def test_a_page_break_between_a_body_and_the_next_headline_keeps_them_apart():
    address = "https://www.semafor.com/article/04/04/2025/south-korea-court"
    header = "4/4/25, 11:02 AM          South Korea’s court removes Yoon | Semafor"
    # Full-width lines, the last one too: the sheet ends on a full line that ends a sentence.
    body = (
        "Officials expect the election to be set for early June, Yonhap said, and parties will\n"
        "have only weeks to choose candidates for the vote, the Korea Herald noted in its report,\n"
        "while the ruling party is deeply divided between lawmakers who backed the impeachment\n"
        "and those who joined rallies calling for the president to be reinstated in his office."
    )
    page = (
        f"{header}\n\nSemafor Signals\nSouth Korea’s court removes Yoon\nApr 4, 2025\n\n"
        "The News\n"
        + body
        + "\n\nSIGNALS\n\nA snap election in 60 days\n\nSources: Yonhap\n\n"
        + body
        + f"\n\n{address}          1/2\n\f{header}\n\n"
        "Lee Jae-myung is the front-runner, with baggage\n\nSource: JoongAng Ilbo\n\n"
        + body
        + f"\n\n{address}          2/2\n"
    )
    story = parse_text(page)
    assert [s.headline for s in story.signals] == [
        "A snap election in 60 days",
        "Lee Jae-myung is the front-runner, with baggage",
    ]


def test_a_newsletter_box_and_the_topics_below_a_2023_page_are_not_signals():
    text = (
        "Erdoğan wins the runoff\nNEWS\nFacts of the day.\nSIGNALS\n"
        "The opposition fell short, Reuters reported.\nThe lira slid, Bloomberg reported.\n"
        "Sign up for Semafor Flagship: The daily global news briefing you can trust.\n"
        "Your Email address\nSign Up\nRead it now.\nIn this article:\nTayyip Erdoğan\nTurkey\n"
    )
    assert len(parse_text(text).signals) == 2


def test_a_hard_wrapped_copys_long_source_line_and_footer_stay_apart_from_their_neighbours():
    wrapped = textwrap.fill(
        "China installed more solar capacity this year than the US has in its history, and "
        "Beijing is comfortable with language on tripling renewables, Caixin reported. " * 3,
        90,
    )
    sources = "Sources: Caixin, South China Morning Post, Center for Climate and Energy Solutions"
    text = (
        "COP28 nears a deal\nThe News\n"
        + wrapped
        + "\n\nSIGNALS\n\nChina’s solar boom\n"
        + sources
        + "\n"
        + wrapped
        + "\n\nA second headline\nSource: Reuters\n"
        + wrapped
        + "\n\nSign up for Semafor Flagship: The daily global news briefing you can trust now.\n"
        "Semafor Logo\nAbout Us\nCareers\n"
    )
    story = parse_text(text)
    assert [s.headline for s in story.signals] == ["China’s solar boom", "A second headline"]
    assert story.signals[0].outlets == [
        "Caixin",
        "South China Morning Post",
        "Center for Climate and Energy Solutions",
    ]
    assert story.signals[0].body.startswith("China installed")


@pytest.mark.parametrize("tail", ["My note: check the Kardos figure.", "About\nCareers"])
def test_an_analysts_note_or_footer_links_below_a_2023_page_are_not_signals(tail):
    text = (
        "EU unfreezes Hungary's funds\nNEWS\nFacts.\nSIGNALS\n"
        "Critics call it a bribe. MEPs accused the Commission, Politico Europe reported.\n"
        "Budapest still wants more. Funds remain frozen, Telex reported.\n\n* * *\n\n" + tail + "\n"
    )
    assert len(parse_text(text).signals) == 2


def test_a_caption_credited_via_reuters_in_capitals_is_not_the_headline():
    caption = "Modi speaks at the summit in New Delhi. Evelyn Hockstein/Pool via REUTERS"
    story = parse_text(
        "Semafor Signals\nSep 9, 2023\n" + caption + "\nNEWS\nFacts.\n" + SIGNALS_TAIL
    )
    assert story.title == ""


# --- shapes found by the forty-first to forty-fourth hold-out sets -------------------------------


def test_a_last_updated_time_dates_the_page():
    assert parse_timestamp("Last updated Apr 14, 2025, 10:48am EDT") == (
        "2025-04-14T10:48:00-04:00",
        True,
    )


@pytest.mark.parametrize(
    ("header", "day"),
    [
        ("May 22, 2023, 11:20am EDT\nAsia/Pacific\n", "2023-05-22"),
        ("Jun 27, 2023, 10:55am EDT africa\n", "2023-06-27"),
    ],
)
def test_a_region_written_with_a_slash_or_a_time_with_its_tag_is_not_the_headline(header, day):
    story = parse_text("Semafor Signals\n" + header + "NEWS\nFacts.\n" + SIGNALS_TAIL)
    assert (story.title, story.published) == ("", day)


def test_a_hard_wrapped_copys_long_headline_does_not_take_the_time_below_it():
    wrapped = textwrap.fill("Australia will offer residency to Tuvaluans under a treaty. " * 8, 95)
    headline = "Australia offers Tuvaluans a climate ‘escape route’ in a landmark treaty signed"
    text = (
        f"Semafor Signals\n{headline}\nNov 10, 2023, 9:48am EST\nThe News\n{wrapped}\n\nSIGNALS\n"
        f"A headline\nSource: Reuters\n{wrapped}\n"
    )
    story = parse_text(text)
    assert story.title == headline
    assert story.published == "2023-11-10"


def test_front_matter_values_on_the_next_line_and_a_read_later_apps_own_address():
    text = (
        "---\ntitle: >\n  ANC agrees to govern\n  with the DA\nurl_omnivore: >\n"
        "  https://omnivore.app/me/anc-1901\nurl_original: >\n"
        "  https://www.semafor.com/article/06/14/2024/anc-da?utm_source=x\ntags:\n  - africa\n---\n"
        "body"
    )
    _, hints = split_front_matter(text)
    assert hints.title == "ANC agrees to govern with the DA"
    assert hints.url == "https://www.semafor.com/article/06/14/2024/anc-da?utm_source=x"


def test_a_newsletter_boxs_long_promise_below_a_2023_page_is_not_a_signal():
    text = (
        "Saudi talks\nNEWS\nFacts.\nSIGNALS\nRiyadh wants a treaty, the Wall Street Journal said.\n"
        "Netanyahu's coalition is the obstacle, Haaretz reported.\nSign up for Semafor Flagship\n"
        "The world’s biggest stories, in your inbox every weekday. Join the 500,000+ readers who "
        "start their day with Semafor.\n"
    )
    assert len(parse_text(text).signals) == 2


def test_a_re_posters_original_publication_date_dates_the_story():
    text = (
        "THE LEDGER\nPosted by Ledger Desk on 2024-04-19 Semafor Signals\nGhana delays payments\n"
        "Republished with permission from Semafor. Original publication date: Apr 18, 2024.\n"
        + PAGE_TAIL
        + "A headline\nSource: Reuters\nA body.\n"
    )
    assert parse_text(text).published == "2024-04-18"


# Two signals of a 2023 page: paragraphs, no headlines, no Source lines.
FICO = (
    "Fico's comeback was built on grievance, Dennik N reported on the eve of the vote.",
    "Military aid to Kyiv is likely to stop, Reuters said, citing two officials.",
)


def _paragraphs_page(*lines: str) -> str:
    """A 2023 page whose signals are these lines (and whatever follows them)."""
    return "Slovakia votes\nNEWS\nFacts.\nSIGNALS\n" + "".join(f"{line}\n" for line in lines)


def test_a_footers_links_one_a_line_end_a_2023_page_of_paragraphs():
    text = (
        "Semafor Signals\nSep 19, 2023, 10:26am EDT\nCanada expels a diplomat\nNEWS\nFacts.\n"
        "SIGNALS\nRelations were already frosty, the Globe and Mail reported this week.\n"
        "Trade talks are the first casualty, The Hindu said on Tuesday.\nSemafor\nPrivacy\nTerms\n"
    )
    assert [s.headline for s in parse_text(text).signals] == ["", ""]


@pytest.mark.parametrize(
    "notes",
    [
        "My comments\nThe framing is overstated; flag it for the team.\n",
        "Analyst assessment\nThe framing matches the consensus. See the tracker.\nOwner\nDue\n",
        "Key takeaways:\nThe vote share was up; the collapse was elsewhere.\n",
    ],
)
def test_someones_notes_below_credited_signals_are_not_a_signal(notes):
    signals = "".join(f"Headline {n}\nSource: Reuters\nBody {n} of the signal.\n" for n in "ABC")
    story = parse_text(f"Semafor Signals\nA story\n{PAGE_TAIL}{signals}{notes}")
    assert [s.headline for s in story.signals] == ["Headline A", "Headline B", "Headline C"]
    assert story.signals[-1].body == "Body C of the signal."
    # The end of the file cuts off the notes, not the page. ("My comments" and a heading with
    # a colon end the page where they stand, as a footer does; a bare heading is found only
    # once the signals are drafted, and said.)
    assert "truncated" not in story.flags
    assert ("notes_below" in story.flags) == notes.startswith("Analyst")


def test_a_last_signal_that_lost_its_source_line_is_still_a_signal():
    signals = "".join(f"Headline {n}\nSource: Reuters\nBody {n} of the signal.\n" for n in "ABC")
    text = f"Semafor Signals\nA story\n{PAGE_TAIL}{signals}Musk weighed in\nX's owner objected.\n"
    assert parse_text(text).signals[-1].headline == "Musk weighed in"


def test_a_2023_page_of_paragraphs_ends_at_the_first_line_that_is_no_paragraph():
    text = _paragraphs_page(
        *FICO,
        "----\nAttachments\nDrop files to attach, or browse.\nActivity",
        "K. Horvath added a comment - 01/Oct/23 5:20 PM\nThe piece is paywalled; I'll summarise.",
        "Comment Edit Delete",
    )
    story = parse_text(text)
    assert len(story.signals) == 2 and "truncated" not in story.flags


@pytest.mark.parametrize(
    "cut",
    [
        "Budapest gains a partner in Brussels and",
        "Aid groups warned that the",
        "The 1995 Dayton accords",
    ],
)
def test_a_2023_page_cut_inside_its_last_paragraph_keeps_it(cut):
    text = _paragraphs_page(*FICO, cut)
    assert len(parse_text(text).signals) == 3


def test_a_headline_of_two_sentences_with_its_full_stop_is_the_title_in_its_place():
    headline = "Student loan payments are back. Retailers are bracing."
    page = f"Semafor Signals\n{headline}\nSep 29, 2023, 2:15pm EDT\n" + _paragraphs_page(*FICO)
    story = parse_text(page.replace("Slovakia votes\n", ""))
    assert (story.title, story.flags) == (headline, [])
    # Above a copy, such a line is someone's comment, not the headline.
    commented = parse_text(f"Board signed off last night. Pasting it here.\n{page}")
    assert commented.title == headline


def test_a_short_heading_below_a_2023_pages_paragraphs_is_not_a_signal():
    assert len(parse_text(_paragraphs_page(*FICO, "Further reading")).signals) == 2


def test_a_time_followed_by_a_lower_case_region_in_one_html_row_is_not_the_headline():
    html = (
        "<html><body><div><span>Semafor Signals</span> <span>Oct 16, 2023, 8:34am EDT</span> "
        "<span>europe</span></div><h1>Poland’s opposition is on track to win</h1>"
        "<h2>NEWS</h2><p>Facts.</p><h2>SIGNALS</h2><h3>A headline</h3><p>Source: Reuters</p>"
        "<p>A body.</p></body></html>"
    )
    story = _html_story(html)
    assert (story.title, story.published) == (
        "Poland’s opposition is on track to win",
        "2023-10-16",
    )


@pytest.mark.parametrize(
    "line", ["Temps de lecture estimé : 4 à 5 minutes", "Geschätzte Lesezeit: 4–5 Minuten"]
)
def test_a_reader_views_reading_time_in_another_language_is_not_the_headline(line):
    text = f"semafor.com\nSenegal’s hidden debt freezes the IMF program\n{line}\n{PAGE_TAIL}"
    story = parse_text(text + "A headline\nSource: Reuters\nA body.\n")
    assert story.title == "Senegal’s hidden debt freezes the IMF program"


def test_a_page_printed_in_a_german_locale_loses_its_sheet_headers():
    address = "https://www.semafor.com/article/08/07/2024/bangladesh-yunus?utm_source=x"
    header = "07.08.24, 16:41 Yunus to lead Bangladesh’s interim government | Semafor"
    text = (
        f"{header}\nSemafor Signals\nYunus to lead Bangladesh’s interim government\n{PAGE_TAIL}"
        "The army stepped back\nSource: The Daily Star\nThe army chief decided that troops would "
        f"not fire and\n{address} 1/2\n\f{header}\nstood aside, the paper reported.\n\n"
        "New Delhi lost a partner\nSource: The Hindu\nIndia backed Hasina for years.\n"
        f"{address} 2/2\n"
    )
    story = parse_text(text)
    assert [s.headline for s in story.signals] == [
        "The army stepped back",
        "New Delhi lost a partner",
    ]
    assert story.signals[0].body.endswith("stood aside, the paper reported.")


def test_a_phones_shared_selection_in_quotes_is_not_the_headline():
    text = (
        '"the first time any party has won a two-thirds majority since 1989"\n'
        "https://www.semafor.com/article/11/15/2024/sri-lanka-npp#:~:text=the%20first%20time\n"
        f"{PAGE_TAIL}A headline\nSource: Reuters\nA body.\n"
    )
    story = parse_text(text)
    assert story.title == "" and "untitled" in story.flags


@pytest.mark.parametrize(
    "link",
    [
        '<h1><a href="https://www.semafor.com/article/12/26/2024/byd-brazil?utm_source=ios">'
        "BYD’s Brazil plant faces a labor inquiry</a></h1>",
        '<p>Source: <a href="https://www.semafor.com/article/12/26/2024/byd-brazil/">Semafor</a></p>'
        "<h1>BYD’s Brazil plant faces a labor inquiry</h1>",
    ],
)
def test_a_copy_without_metadata_takes_its_address_from_its_own_link(link):
    html = (
        f"<html><body>{link}<p>Semafor Signals</p><h2>The News</h2><p>Facts.</p>"
        "<h2>SIGNALS</h2><h3>A headline</h3><p>Source: Reuters</p><p>A body.</p>"
        '<h3>More from Semafor</h3><a href="https://www.semafor.com/article/12/20/2024/other">'
        "Another story</a></body></html>"
    )
    story = _html_story(html)
    assert story.url == "https://semafor.com/article/12/26/2024/byd-brazil"


def test_mojibake_from_an_old_mail_client_is_read_as_the_text_it_was():
    # Read as Windows-1252, which has no character for the last byte of "”": dropped.
    garbled = "Manipur’s “credible” allegations in São Paulo".encode().decode("cp1252", "ignore")
    text, _ = decode_bytes(garbled.encode("utf-8"), "mail.txt")
    assert text == "Manipur’s “credible” allegations in São Paulo"
    plain = "Café “Ö‘s” Ärger"  # ordinary text with such letters is left alone
    assert decode_bytes(plain.encode(), "p.txt")[0] == plain


def test_the_sites_buttons_on_one_printed_line_are_not_the_headline():
    text = (
        "Semafor Logo\nNewsletters     Sign In\nUpdated Mar 27, 2025, 3:05am EDT\nSemafor Signals\n"
        f"Alibaba releases a cheap open AI model,\npressuring US rivals on price\n{PAGE_TAIL}"
        "A headline\nSource: Reuters\nA body.\n"
    )
    assert parse_text(text).title != "Newsletters Sign In"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        (
            "Kyodo News, Ministry of Agriculture, Forestry and Fisheries",
            ["Kyodo News", "Ministry of Agriculture, Forestry and Fisheries"],
        ),
        (
            "Ministry of Education, Culture, Sports, Science and Technology",
            ["Ministry of Education, Culture, Sports, Science and Technology"],
        ),
        ("Ministry of Defence, Kyiv Independent", ["Ministry of Defence", "Kyiv Independent"]),
        (
            "Ministry of Foreign Affairs, Politico and Axios",
            ["Ministry of Foreign Affairs", "Politico", "Axios"],
        ),
    ],
)
def test_a_departments_name_keeps_the_commas_that_list_its_fields(line, names):
    assert split_source_names(line, load_registry()) == names


def test_a_note_apps_links_below_the_signals_end_the_page():
    text = (
        f"Saigon at 50\n{PAGE_TAIL}A headline\nSource: Reuters\nA body.\n---\n"
        "Related notes: [[Vietnam 1975 timeline]] · [[Doi Moi reading list]]\n"
    )
    assert [s.headline for s in parse_text(text).signals] == ["A headline"]


def test_a_note_below_a_2023_page_of_paragraphs_is_not_a_signal():
    text = _paragraphs_page(*FICO, "→ follow up: Yevlakh talks Thu; check Eurasianet for numbers")
    assert len(parse_text(text).signals) == 2


@pytest.mark.parametrize(
    "line",
    ["846 shares", "2.1K shares", "USDTRY=X", "Home > World > Trade > China turns to Brazil"],
)
def test_share_counts_tickers_and_breadcrumbs_above_a_copy_are_not_its_headline(line):
    tail = "A headline\nSource: Reuters\nA body.\n"
    text = f"{line}\nSemafor Signals\nInsights from Reuters\n{PAGE_TAIL}{tail}"
    story = parse_text(text)
    assert story.title == "" and "untitled" in story.flags


def test_a_scrapers_field_the_label_and_the_headline_on_one_line():
    text = (
        "crawled 2025-04-22 08:14 UTC | source: semafor.com | lang: en Semafor Signals "
        "China’s soybean imports from Brazil hit a record\nApr 21, 2025, 6:05pm EDT\n"
        f"{PAGE_TAIL}A headline\nSource: Reuters\nA body.\n"
    )
    assert parse_text(text).title == "China’s soybean imports from Brazil hit a record"


def test_a_newsletter_box_between_2023_paragraphs_is_not_a_signal():
    text = _paragraphs_page(
        FICO[0],
        "Semafor Principals\nExclusive scoops and analysis of the people in power in Washington.",
        "Sign up",
        FICO[1],
    )
    assert len(parse_text(text).signals) == 2


@pytest.mark.parametrize(
    "stamp",
    ["April 5, 2023 at 8:14 AM", "20 September 2023 at 18:04", "Wednesday, May 10, 2023\n10:42 AM"],
)
def test_a_note_apps_title_and_time_above_an_excerpt_are_the_notes(stamp):
    text = (
        f"Finland NATO — for Thurs briefing\n{stamp}\n\nInsights from Yle and Politico Europe\n"
        f"{PAGE_TAIL}A headline\nSource: Reuters\nA body.\n"
    )
    story = parse_text(text)
    assert "untitled" in story.flags
    assert story.published is None  # when the note was made, not the story


def test_a_caption_that_names_its_credit_is_not_the_headline():
    text = (
        "Saudi Arabia offers to bankroll chipmakers\nSemafor Signals\n"
        "An engineer inspects a wafer at a lab in Riyadh. Photo: Courtesy of KACST\n"
        f"{PAGE_TAIL}A headline\nSource: Reuters\nA body.\n"
    )
    assert parse_text(text).title == "Saudi Arabia offers to bankroll chipmakers"


def test_a_syndicators_tickers_on_one_line_are_not_the_headline():
    html = (
        "<html><body><div>In this article: <a href='/quote/1211.HK'>1211.HK</a> "
        "<a href='/quote/TM'>TM</a></div><p>Semafor Signals</p>"
        "<p>Insights from Reuters</p><h2>The News</h2><p>Facts.</p><h2>SIGNALS</h2>"
        "<h3>A headline</h3><p>Source: Reuters</p><p>A body.</p></body></html>"
    )
    story = _html_story(html)
    assert story.title == "" and "untitled" in story.flags


def test_a_social_threads_authors_counts_and_continuations_are_not_signals():
    post = "Camila Duarte\n@camiladuarte.bsky.social\n·\n2h\n"
    text = (
        f"Brazil convicts Bolsonaro\n{PAGE_TAIL}A first for Brazil\nSource: O Globo\n"
        f"No former president has been convicted of a coup.\n3\n14\n{post}"
        "(cont.) Three generals were convicted alongside him, Folha reported.\n1\n8\n"
        f"{post}Washington threatens retaliation\nSource: Reuters\nThe US called it a witch hunt.\n"
    )
    signals = parse_text(text).signals
    assert [s.headline for s in signals] == [
        "A first for Brazil",
        "Washington threatens retaliation",
    ]
    assert signals[0].body.endswith("Three generals were convicted alongside him, Folha reported.")


def test_a_signal_chat_exports_message_prefix_is_not_the_headline():
    text = (
        "[2024-05-15 19:02] Me: https://www.semafor.com/article/05/15/2024/slovakia-fico-shot\n"
        "[2024-05-15 19:04] Me: The News\nFacts.\nSIGNALS\nA headline\nSource: Reuters\nA body.\n"
    )
    story = parse_text(text)
    assert story.title == "" and story.url.endswith("/slovakia-fico-shot")


def test_a_link_marked_with_an_emoji_below_the_page_is_its_address():
    text = (
        f"Petro suspends talks with the ELN\n{PAGE_TAIL}A headline\nSource: Reuters\nA body.\n\n"
        "🔗 https://www.semafor.com/article/01/20/2025/colombia-petro-eln\n"
    )
    assert parse_text(text).url == "https://semafor.com/article/01/20/2025/colombia-petro-eln"


def test_a_semafor_address_beats_a_news_readers_link_pasted_above_it():
    text = (
        "https://news.google.com/read/CBMiswFBVV95cUxOa3JfZ2hh?hl=en-GH\n"
        "https://www.semafor.com/article/02/18/2025/ghana-cocoa?utm_source=flipboard\n"
        f"Ghana ends its cocoa loan\n{PAGE_TAIL}A headline\nSource: Reuters\nA body.\n"
    )
    assert parse_text(text).url == "https://semafor.com/article/02/18/2025/ghana-cocoa"


def test_a_source_name_wrapped_inside_a_known_name_is_joined():
    text = (
        f"Orbán drops his veto\n{PAGE_TAIL}Kyiv can plan\n"
        "Sources: Kyiv Independent, Centre for European\nPolicy Studies\n"
        "Ukraine’s government needs outside support to pay salaries.\n"
    )
    (signal,) = parse_text(text).signals
    assert signal.outlets[-1] == "Centre for European Policy Studies"
    assert signal.body == "Ukraine’s government needs outside support to pay salaries."


def test_without_the_label_the_headline_is_the_line_nearest_above_insights():
    text = (
        "Ayesha Rafiq\nPakistan Politics Watch\nUpdated Feb 10, 2024, 3:12pm EST\n"
        "Independents backed by Imran Khan win the most seats\nInsights from Dawn\n"
        f"{PAGE_TAIL}A headline\nSource: Dawn\nA body.\n"
    )
    assert parse_text(text).title == "Independents backed by Imran Khan win the most seats"


def test_a_read_later_exports_folder_and_progress_are_its_properties():
    text = (
        "Finland joins NATO\nFolder: Nordics\nProgress: 100%\n\nApr 4, 2023, 12:15pm EDT\n"
        "Insights from Yle\nNEWS\nFacts.\nSIGNALS\n" + "\n".join(FICO) + "\n"
    )
    story = parse_text(text)
    assert "untitled" in story.flags  # the app's title, not a headline printed on the page


@pytest.mark.parametrize(
    "below",
    [
        pytest.param("Enviado desde Outlook para iOS", id="mail-signature-es"),
        pytest.param("Gesendet von meinem iPhone", id="mail-signature-de"),
        pytest.param(
            "________________________________\nCONFIDENTIALITY NOTICE: This e-mail is for you.",
            id="mail-rule-and-legal-notice",
        ),
        pytest.param(
            "CONFIDENTIALITY NOTICE: This e-mail and any attachments are intended for you.",
            id="legal-notice",
        ),
        pytest.param("AboutEthicsCareersContactPrivacy PolicyTerms of Service", id="glued-footer"),
        pytest.param(
            "This article was first published by Semafor and is reprinted by arrangement.",
            id="reprint-note",
        ),
        pytest.param("09:43\nThe AI voice bit is worth a line in Monday’s note.", id="chat-time"),
        pytest.param("Highlights\nNote: compare the budget with last year's.", id="highlights"),
    ],
)
def test_what_follows_a_2023_page_of_paragraphs_is_not_a_signal(below):
    """Each of these, below the paragraphs, ends the page (else a paragraph-signal more)."""
    assert len(parse_text(_paragraphs_page(*FICO, below)).signals) == 2


def test_a_long_paste_split_over_chat_messages_keeps_its_later_signals():
    slack = (
        "#desk\n\nAigerim S.  9:41 AM\nBoard signed off last night. Semafor did a Signals piece, "
        "pasting the guts of it here since half of you cannot open links 👇\n\n"
        "Aigerim S.  9:42 AM\nThe News\nFacts.\nSIGNALS\nA headline\nSource: Reuters\nA body.\n\n"
        "Aigerim S.  9:43 AM\nAnother headline\nSource: AP\nAnother body.\n\n"
        "Daniyar K.  9:47 AM\nthanks, the second part is new to me\n"
    )
    story = parse_text(slack)
    assert story.title == "" and "untitled" in story.flags  # the comment is not the headline
    assert [(s.headline, s.body) for s in story.signals] == [
        ("A headline", "A body."),
        ("Another headline", "Another body."),
    ]


def test_a_memos_next_numbered_section_ends_the_page_but_numbered_signals_go_on():
    memo = PAGE_TAIL + "A headline\nSource: Reuters\nA body.\n\n3. Implications\n– Bonds: weak.\n"
    assert [s.body for s in parse_text("Maduro declared winner\n" + memo).signals] == ["A body."]
    numbered = PAGE_TAIL + "1. A headline\nSource: Reuters\nA body.\n2. Investors want clarity\n"
    numbered += "Sources: Business Day\nAnother body.\n"
    story = parse_text("Coalition strains\n" + numbered)
    assert [s.headline for s in story.signals] == ["A headline", "Investors want clarity"]


def test_a_printed_pages_time_and_tag_spaced_apart_are_not_the_headline():
    text = (
        "Semafor Signals\nAug 9, 2023, 6:12am EDT   net zero\n\nAmazon nations fail to agree\n\n"
        "Insights from Mongabay\n" + PAGE_TAIL + "A headline\nSource: Reuters\nA body.\n\n"
        "About Us   Careers   Privacy Policy   © 2023 Semafor Inc.\n"
    )
    story = parse_text(text)
    assert (story.title, story.published) == ("Amazon nations fail to agree", "2023-08-09")
    assert [s.body for s in story.signals] == ["A body."]  # the footer is not a signal


def test_a_reading_apps_buttons_beside_its_save_date_are_not_the_headline():
    text = "Rail Baltica slips to 2030\nsemafor.com · 4 min read\n"
    text += "Saved Feb 12, 2025 · Move to Archive\n"
    story = parse_text(text + "Semafor Signals\n" + PAGE_TAIL + "A headline\nSource: ERR\nA body.")
    assert story.title == "Rail Baltica slips to 2030"


def test_a_forwards_link_wrapped_by_a_mail_filter_gives_the_pages_address():
    wrapped = (
        "<https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.semafor.com"
        "%2Farticle%2F01%2F29%2F2025%2Fsahel-juntas-leave-ecowas&data=05%7C02&reserved=0>\n"
    )
    story = parse_text(wrapped + "Sahel juntas leave ECOWAS\n" + PAGE_TAIL + "A h\nSource: AP\nB.")
    assert story.url == "https://semafor.com/article/01/29/2025/sahel-juntas-leave-ecowas"
    assert story.published == "2025-01-29"


def test_html_tags_alone_on_a_markdown_line_are_markup():
    markdown = (
        "# Guatemala prosecutors move to annul the vote\n\n"
        '<DIV id="readability-content"><DIV class="page">\n\nSemafor Signals\n\n'
        "Dec 8, 2023, 8:05am EST\n\n## The News\n\nFacts.\n\n" + SIGNALS_TAIL + "\n</DIV></DIV>\n"
    )
    text, _ = markdown_to_text(markdown)
    story = parse_text(text)
    assert story.title == "Guatemala prosecutors move to annul the vote"
    assert [s.headline for s in story.signals] == ["A headline"]


def test_a_caption_credited_agency_first_is_not_the_headline():
    text = (
        "Serbia revives a lithium mine\nUpdated Jul 18, 2024, 2:05pm EDT\nSemafor Signals\n"
        "Insights from N1\n"
        "Demonstrators hold a banner reading “No mines” in Loznica. Reuters/Zorana Jevtic\n"
    )
    story = parse_text(text + PAGE_TAIL + "A headline\nSource: N1\nA body.\n")
    assert story.title == "Serbia revives a lithium mine"


def test_a_reposts_original_article_link_and_earlier_coverage_are_not_signals():
    address = "https://www.semafor.com/article/01/30/2024/png-porgera-gold-mine-restart"
    text = (
        "Porgera restarts\n" + PAGE_TAIL + "A headline\nSource: IMF\nA body.\n\n"
        f"Original article: {address}\n\nRead our earlier coverage:\n– Porgera lease explained\n"
    )
    story = parse_text(text)
    assert [(s.headline, s.body) for s in story.signals] == [("A headline", "A body.")]
    assert story.url == "https://semafor.com/article/01/30/2024/png-porgera-gold-mine-restart"


def test_a_portals_syndicated_copy_keeps_its_headline_and_ends_at_continue_reading():
    text = (
        "MSN\nSemafor\nFollow\nEcuador imposes power cuts\nStory by Semafor • 3d • 4 min read\n"
        "Listen\nLike\nShare\nComments 12\nSemafor Signals\nInsights from Primicias\n"
        "© Provided by Semafor\n" + PAGE_TAIL + "A headline\nSource: Primicias\nA body.\n"
        "Continue reading\nMore for You\nColombia’s Petro says...\n"
    )
    story = parse_text(text)
    assert story.title == "Ecuador imposes power cuts"
    assert [(s.headline, s.body) for s in story.signals] == [("A headline", "A body.")]


def test_a_portals_byline_with_its_bullet_and_a_date_in_figures():
    text = (
        "Semafor\nNippon Steel closes its deal\nStory by Semafor •\n6/18/2025\n• 3 min read\n"
        "Semafor Signals\n" + PAGE_TAIL + "A headline\nSource: Kyodo\nA body.\n"
    )
    story = parse_text(text)
    assert (story.title, story.published) == ("Nippon Steel closes its deal", "2025-06-18")


def test_an_apple_news_share_keeps_the_storys_time_under_the_publisher():
    text = "Semafor\nSep 3, 2024 at 10:12 AM\n\n" + PAGE_TAIL + "A headline\nSource: AP\nB.\n"
    story = parse_text(text)
    assert story.published == "2024-09-03" and "untitled" in story.flags


def test_a_reading_app_in_french_around_an_english_page():
    text = (
        "wallabag\nSenegal orders an audit of oil contracts\nVoir l'original   www.semafor.com\n"
        "Temps de lecture estimé : 4 min\nAjouté le 09/05/2024\nPublié le 07/05/2024\n"
        "Étiquettes :  sénégal   énergie   + ajouter\n"
        "Marquer comme lu   Mettre en favori   Supprimer   Partager\n\nSemafor Signals\n"
        + PAGE_TAIL
        + "A headline\nSource: Le Monde\nA body.\n\nAnnotations (0)\n"
    )
    story = parse_text(text)
    assert (story.title, story.published) == (
        "Senegal orders an audit of oil contracts",
        "2024-05-07",
    )
    assert [(s.headline, s.body) for s in story.signals] == [("A headline", "A body.")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Publié le 07/05/2024", ("2024-05-07", False)),  # day first in the app's language
        ("Veröffentlicht am 7.5.2024", ("2024-05-07", False)),
        ("Published on 05/04/2025", None),  # English: the order is not guessed
        # A date alone in figures (MSN's "6/18/2025") is read when only one order makes a date.
        ("6/18/2025", ("2025-06-18", False)),
        ("18/06/2025", ("2025-06-18", False)),
        ("05/04/2025", None),
        ("13/13/2025", None),
    ],
)
def test_a_published_line_in_another_language_reads_day_first(line, expected):
    assert parse_timestamp(line) == expected


def test_a_german_reading_time_and_a_french_byline_are_not_the_headline():
    for above in ("4–5 Minuten\n", "Par La Rédaction\n"):
        story = parse_text(
            "Bolivia’s lithium contracts stall\n" + above + PAGE_TAIL + "A h\nSource: AP\nB."
        )
        assert story.title == "Bolivia’s lithium contracts stall"


@pytest.mark.parametrize(
    "front_matter",
    [
        'título: "Shrimp farmers lose a market | Semafor"\nfuente: "{url}"\n',  # Spanish
        'titulo: "Shrimp farmers lose a market"\nfonte: "{url}"\n',  # Portuguese
        "quelle: {url}\ntitel: Shrimp farmers lose a market\n",  # German
    ],
)
def test_a_clippers_front_matter_in_another_language_gives_the_address(front_matter):
    url = "https://www.semafor.com/article/07/11/2023/honduras-shrimp"
    text, hints = split_front_matter("---\n" + front_matter.format(url=url) + "---\nBody.\n")
    assert hints.url == url and hints.title.startswith("Shrimp farmers lose a market")


def test_a_notes_properties_and_to_do_list_are_not_the_page():
    text = (
        "Created: April 8, 2025 10:02 AM\nType: Excerpt\nTags: Bhutan, India\n"
        "Project: South Asia connectivity\nConfidence: Medium\n\n"
        + PAGE_TAIL
        + "A headline\nSource: Kuensel\nA body.\n\n- [ ] check the tender results\n"
        "- [ ] Pooneryn – any other bidders?\n"
    )
    story = parse_text(text)
    assert story.title == "" and "untitled" in story.flags
    assert [(s.headline, s.body) for s in story.signals] == [("A headline", "A body.")]


def test_a_2023_page_in_an_outliner_ends_before_its_links_heading():
    text = (
        "Lisbon freezes rental licences\nNEWS\nFacts of the day.\nSIGNALS\n"
        "Residents call the freeze overdue, tenants’ groups told Público on Tuesday.\n"
        "Landlords warn the city is shooting itself in the foot, ALEP told Expresso.\n"
        "Links\n"
    )
    assert len(parse_text(text).signals) == 2


def test_a_page_posted_to_a_chat_in_three_forwarded_parts_keeps_each():
    header = "Defence Notes, [28.01.2024 09:14]\n[Forwarded from Aegean Notes]\n"
    text = (
        header + "Semafor Signals (1/3)\nJets for Ankara\n" + PAGE_TAIL
        + "A headline\nSource: Politico\nA body.\n\n"
        + header + "Semafor Signals (2/3)\n\nAthens gets jets\nSource: Kathimerini\nB body.\n\n"
        + header + "Semafor Signals (3/3)\n\nCyprus waits\nSource: Cyprus Mail\nC body.\n"
    )  # fmt: skip
    assert [s.headline for s in parse_text(text).signals] == [
        "A headline",
        "Athens gets jets",
        "Cyprus waits",
    ]


def test_numbers_in_brackets_that_do_not_count_up_are_no_thread():
    text = "A line (1/2)\nB line (1/2)\nC line (1/2)\nAnd the rest\n"
    assert as_page_text(text) == text


def test_a_page_posted_to_a_chat_in_two_forwarded_parts_keeps_the_second():
    header = "Defence Notes, [28.01.2024 09:14]\n[Forwarded from Aegean Notes]\n"
    text = (
        header + "Semafor Signals (1/2)\nJets for Ankara\n" + PAGE_TAIL
        + "A headline\nSource: Politico\nA body.\n\n"
        + header + "Semafor Signals (2/2)\n\nAthens gets jets\nSource: Kathimerini\nB body.\n"
    )  # fmt: skip
    story = parse_text(text)
    assert story.title == "Jets for Ankara"
    assert [(s.headline, s.body) for s in story.signals] == [
        ("A headline", "A body."),
        ("Athens gets jets", "B body."),
    ]


@pytest.mark.parametrize(
    "link",
    ["https://news.google.com/articles/CBMiiAFBVV95cUxP?hl=en-US&gl=US", "https://bit.ly/3xYzAbc"],
)
def test_an_apps_link_to_the_page_is_not_its_address(link):
    text = f"Pact signed in Pyongyang - Semafor\n{link}\n\nSemafor Signals\n"
    text += "Pact signed in Pyongyang\n"
    story = parse_text(text + PAGE_TAIL + "A h\nSource: AP\nB.\n")
    assert story.url is None and story.title == "Pact signed in Pyongyang"


def test_a_posts_hashtags_below_the_signals_are_not_a_cut_off_headline():
    story = parse_text("Jets for Ankara\n" + PAGE_TAIL + "A h\nSource: AP\nB.\n\n#Turkey #NATO\n")
    assert story.flags == ["no_date"]


def test_a_read_later_apps_side_panel_below_the_signals_is_not_a_signal():
    panel = "Info\nNotebook\nLinks\nDocument note\nCheck the Thai response next week.\nHighlights\n"
    story = parse_text("Permits for chips\n" + PAGE_TAIL + "A h\nSource: AP\nB.\n" + panel)
    assert [(s.headline, s.body) for s in story.signals] == [("A h", "B.")]
    assert "truncated" not in story.flags


def test_a_feed_readers_byline_with_a_colon_is_not_the_headline():
    text = (
        "Semafor\nGoogle told to pay news publishers\nBy: Semafor Staff\n"
        "Friday 28 February 2025 at 11:20\nSemafor Signals\n" + PAGE_TAIL + "A h\nSource: AP\nB.\n"
    )
    assert parse_text(text).title == "Google told to pay news publishers"


def test_a_notes_own_lines_above_its_lead_in_to_the_copy_are_not_the_page():
    note = (
        "# Coronation — Commonwealth angle\n\n- Jamaica: check the referendum timeline\n"
        "- ~~Antigua~~ done\n\n---\n\nPasted from Semafor (the top got cut when I copied):\n\n"
    )
    story = parse_text(note + "Insights from The Gleaner\n\n" + PAGE_TAIL + "A h\nSource: AP\nB.\n")
    assert story.title == "" and "untitled" in story.flags


def test_an_audio_players_voice_credit_is_not_the_headline():
    text = (
        "Afghanistan reaches its first semi-final\nJune 26, 2024\nListen to this article\n"
        "0:00 / 4:12\nVoiced by Amazon Polly\nSemafor Signals\n"
        + PAGE_TAIL
        + "A h\nSource: AP\nB.\n"
    )
    assert parse_text(text).title == "Afghanistan reaches its first semi-final"


def test_a_chat_message_that_finishes_the_last_ones_sentence_goes_on_with_the_signals():
    text = (
        "Oyuna, [14.03.2025 9:13]\nRail deal signed\n" + PAGE_TAIL
        + "A h\nSources: Reuters\nThe gauge differs, since Mongolia's network does\n\n"
        + "Oyuna, [14.03.2025 9:13]\nnot.\n\nB h\n\nSource: The Diplomat\nB body.\n"
    )  # fmt: skip
    story = parse_text(text)
    assert [(s.headline, s.body) for s in story.signals] == [
        ("A h", "The gauge differs, since Mongolia's network does not."),
        ("B h", "B body."),
    ]


def test_a_reposts_label_glued_to_its_headline():
    text = (
        "MOANA BRIEFING\nPacific news and analysis, every weekday\n\n"
        "Semafor Signals: Samoa makes Samoan compulsory in every school\n\n"
        "Posted on 28 March 2025 by the desk · 4 min read\n" + PAGE_TAIL + "A h\nSource: AP\nB.\n"
    )
    assert parse_text(text).title == "Samoa makes Samoan compulsory in every school"


def test_a_notes_own_title_above_its_lines_of_notes_is_not_the_headline():
    note = "Cartel drones — for Thurs brief\nkey q: FPVs or the farm drones? ask Luis\n"
    note += "also check the Michoacán numbers vs last year\n\nUpdated Mar 12, 2024, 6:40am EDT\n"
    story = parse_text(note + "Insights from Milenio\n" + PAGE_TAIL + "A h\nSource: AP\nB.\n")
    assert story.title == "" and "untitled" in story.flags


@pytest.mark.parametrize(
    ("wrapped", "title"),
    [
        ("Zambia’s copper output jumps as its drought-hit power\ngrid recovers", None),
        ("> Garment wage rises by 56% after weeks of\n> protests", None),
        ("Tea prices fall to a four-year low\nrw-book-cover", "Tea prices fall to a four-year low"),
    ],
)
def test_a_hard_wrapped_headline_keeps_its_end(wrapped, title):
    story = parse_text(
        wrapped + "\nSemafor Signals\nbusinessAfrica\n" + PAGE_TAIL + "A h\nSource: AP\nB.\n"
    )
    assert story.title == (title or " ".join(wrapped.replace("> ", "").split()))


def test_a_mails_inline_image_and_a_footers_links_are_not_signals():
    below = (
        "\n[cid:image001.png@01DB70C2.4A3E1F20]\nAbout Careers Ethics Policy Newsletters Events\n"
    )
    story = parse_text("Ports reopen\n" + PAGE_TAIL + "A h\nSource: AP\nB.\n" + below)
    assert [(s.headline, s.body) for s in story.signals] == [("A h", "B.")]


def test_a_bilingual_page_from_a_translation_extension_reads_its_english():
    text = (
        "Semafor Signals\nSeñales de Semafor\nChile’s lithium towns sue over brine\n"
        "Los pueblos del litio de Chile demandan por la salmuera\nThe News\nLas noticias\n"
        "Seven communities filed a suit on Monday.\nSiete comunidades presentaron una demanda.\n"
        "SIGNALS\nSEÑALES\nWater, not lithium, is the scarce resource\n"
        "El agua, no el litio, es el recurso escaso\nSources: El Mercurio, CIPER\n"
        "Fuentes: El Mercurio, CIPER\nWells have dropped by 30 centimetres since 2019.\n"
        "Los pozos han descendido 30 centímetros desde 2019.\n"
    )
    story = parse_text(text)
    assert story.title == "Chile’s lithium towns sue over brine"
    assert story.summary == "Seven communities filed a suit on Monday."
    assert _signals(text) == [
        (
            "Water, not lithium, is the scarce resource",
            "Wells have dropped by 30 centimetres since 2019.",
            ["El Mercurio", "CIPER"],
        )
    ]


def test_a_screen_readers_log_of_the_page_reads_as_the_page():
    text = (
        "main landmark\nSemafor Signals\nheading    level 1    Tea prices hit a four-year low\n"
        "Updated Mar 13, 2024, 10:02am EDT\nlink    businessAfrica\n"
        "heading    level 2    The News\nPrices fell.\nheading    level 2    SIGNALS\n"
        "heading    level 3    Smallholders turn to avocados\ngraphic    Source icon\n"
        "Sources:\nlink    Reuters\nlink    Carbon Brief\nFarmers are uprooting tea.\n"
        "out of article landmark\n"
    )
    story = parse_text(text)
    assert story.title == "Tea prices hit a four-year low" and story.published == "2024-03-13"
    assert _signals(text) == [
        (
            "Smallholders turn to avocados",
            "Farmers are uprooting tea.",
            ["Reuters", "Carbon Brief"],
        )
    ]


def _page(head: str, signals: str = "A h\nSource: AP\nB.\n") -> str:
    return head + PAGE_TAIL + signals


def test_a_note_apps_fields_after_the_note_give_the_address_and_are_not_a_signal():
    url = "https://www.semafor.com/article/12/01/2024/ireland-election"
    fields = f"\n\nid: {'8f3e0c2b' * 4}\nparent_id: {'2c9d8e7f' * 4}\n"
    fields += f"created_time: 2024-12-02T10:40:55.118Z\nsource_url: {url}\nis_todo: 0\ntype_: 1\n"
    text, hints = to_text("# Coalition returns\n\n" + _page("") + fields, "markdown")
    story = parse_text(text, hints)
    assert story.url == "https://semafor.com/article/12/01/2024/ireland-election"
    assert [(s.headline, s.body) for s in story.signals] == [("A h", "B.")]


def test_a_saving_tools_note_gives_a_saved_pages_address():
    url = "https://www.semafor.com/article/06/25/2025/gavi-replenishment"
    html = (
        f"<!DOCTYPE html> <html><!--\n Page saved with SingleFile \n url: {url} \n saved date: Thu"
        " Jun 26 2025 09:14:55 GMT+0200\n--><title>Gavi falls short | Semafor</title><body><main>"
        "<h1>Gavi falls short</h1><h3>The News</h3><p>Facts.</p><h3>SIGNALS</h3><h4>A h</h4>"
        "<p>Source: AP</p><p>B.</p></main></body></html>"
    )
    story = parse_text(*to_text(html, "html"))
    assert story.url == "https://semafor.com/article/06/25/2025/gavi-replenishment"
    assert story.published == "2025-06-25"


@pytest.mark.parametrize(
    "above",
    [
        "semafor.com\nSpain’s Sánchez wins a new term\nSemafor Staff\n4–5 minutes\n",
        "Semafor Signals Nov 7, 2023, 11:48am EST Europe\nSpain’s Sánchez wins a new term\n",
    ],
)
def test_a_byline_and_a_time_with_its_region_are_not_the_headline(above):
    assert parse_text(_page(above)).title == "Spain’s Sánchez wins a new term"


def test_a_social_platform_after_via_is_not_an_outlet():
    story = parse_text(
        _page("Freeland resigns\n", "A h\nSource: Donald Trump via Truth Social\nB.\n")
    )
    assert story.signals[0].outlets == ["Donald Trump"]


def test_a_notes_list_under_its_title_is_not_the_page():
    note = (
        "EV tariffs — for Thurs briefing\nOctober 4, 2024 at 9:12 AM\n\n"
        "- EU27 vote today: 10 for, 5 against → Commission can go ahead\n"
        "- DE voted against (!), FR/IT/PL for\n\n"
    )
    story = parse_text(_page(note + "Insights from Reuters\n"))
    assert story.title == "" and "untitled" in story.flags


def test_a_digests_issue_date_above_a_reproduced_page_is_not_the_storys():
    head = (
        "THE MONDAY READING LIST\nNorthgate Policy · Issue #112 · January 13, 2025\n\n"
        "Reproduced from Semafor. Read it on their site: https://link.example.com/ss/c/u001\n\n"
        "Updated Jan 9, 2025, 10:02am EST\nSemafor Signals\nTrump won’t rule out force\n"
    )
    assert parse_text(_page(head)).published == "2025-01-09"


def test_a_tickets_activity_stream_below_the_signals_is_not_a_signal():
    below = "\n2024-01-12 16:05:41 - Peter Brandt\nWork notes\nCape routing confirmed.\n"
    story = parse_text(_page("Red Sea diversions hit factories\n") + below)
    assert [(s.headline, s.body) for s in story.signals] == [("A h", "B.")]


def test_a_chat_apps_own_lines_and_a_comment_with_emoji_are_not_the_headline():
    chat = (
        "LATAM Trade Desk\nSpace · 9 members\nChat\nFiles\n\nLucía Fernández, Mar 5, 9:41 AM\n"
        "Pego la nota de Semafor de ayer, el titular no se copió 🙈\n\n"
        "Updated Mar 4, 2025, 6:50pm EST\nInsights from El Universal\n"
    )
    story = parse_text(_page(chat))
    assert story.title == "" and "untitled" in story.flags


def test_a_re_posters_own_take_below_the_signals_is_left_out():
    take = (
        "FFW’s take: what the surcharges mean for your rates\nThree carriers will not pass it on.\n"
    )
    signals = "".join(f"H{i}\nSource: AP\nBody {i}.\n" for i in (1, 2, 3)) + take
    story = parse_text(_page("Port fees on Chinese ships\n", signals))
    assert [s.headline for s in story.signals] == ["H1", "H2", "H3"]
    assert "notes_below" in story.flags


def test_a_time_glued_to_its_region_in_capitals_is_not_the_headline():
    story = parse_text(
        _page("Semafor Signals\nMar 9, 2023, 1:02pm ESTEurope\nGeorgia drops the bill\n")
    )
    assert story.title == "Georgia drops the bill" and story.published == "2023-03-09"


def test_a_mail_gateways_wrapped_link_gives_the_pages_address():
    wrapped = (
        "https://urldefense.com/v3/__https://www.semafor.com/article/11/18/2024/russia-strike"
        "-ukraine-grid__;!!Ha7Rk2qZ!b4X9e0pL2vQmYt3cN8sJw1K$ "
    )
    text, hints = to_text(f"FYI below.\n{wrapped}\n\n" + _page("Russia strikes the grid\n"), "text")
    story = parse_text(text, hints)
    assert story.url == "https://semafor.com/article/11/18/2024/russia-strike-ukraine-grid"


def test_an_empty_supported_by_does_not_take_the_time_below_it():
    head = "Kishida breaks up his faction\nSemafor Signals\nSupported by\n"
    head += "Updated Jan 19, 2024, 2:40am EST\n"
    story = parse_text(_page(head))
    assert story.published == "2024-01-19" and story.title == "Kishida breaks up his faction"


def test_an_analysts_bracketed_comment_and_marks_are_not_the_page():
    head = "Panama quits the Belt and Road\nSemafor Signals\nInsights from La Prensa\n\n"
    head += "[saved for the canal brief, Fri — JM]\n\n"
    story = parse_text(_page(head, "Mulino wants the canal off the table  [!!]\nSource: AP\nB.\n"))
    assert story.title == "Panama quits the Belt and Road"
    assert story.signals[0].headline == "Mulino wants the canal off the table"


@pytest.mark.parametrize(
    "below",
    [
        "semafor.com/article/04/14/2…\nTranslate post\n6:31 AM · Apr 15, 2025\n48.2K\nReply\n"
        "Arjun Menon\n@arjunm\nThe detail nobody in DC wants to hear.\n",  # X
        "Upvote\n1.3K\nDownvote\nGo to comments\nJoin the conversation\nSort by:\nBest\n"
        "AutoModerator\nA reminder to keep it civil\n",  # Reddit
        "#Indonesia #Temu\n👁 3.4K\nedited Oct 11 at 09:14\nAsia Tech Brief\nNext post here\n",
    ],
)
def test_a_social_posts_own_lines_below_the_page_are_not_signals(below):
    story = parse_text(_page("Chips for Arizona\n") + "\n" + below)
    assert [(s.headline, s.body) for s in story.signals] == [("A h", "B.")]


def test_a_notes_lead_in_ending_in_an_arrow_and_its_bullets_are_not_the_page():
    note = (
        "Gambia – FGM vote (for Thurs brief)\n\n- Bill defeated at third reading, check tally\n\n"
    )
    story = parse_text(_page(note + "pasted from Semafor ↓\n\nInsights from Foroyaa\n"))
    assert story.title == "" and "untitled" in story.flags


def test_a_hebrew_mail_clients_forward_header_is_not_the_headline():
    mail = "---------- הודעה שהועברה ---------\nמאת: \u202aAvi Mizrahi\u202c <avi@example.com>\n"
    mail += "נושא: Semafor on the aid stop\n\n"
    story = parse_text(_page(mail))
    assert story.title == "" and "untitled" in story.flags


def test_a_notes_properties_above_a_rule_keep_the_pages_address():
    url = "https://www.semafor.com/article/11/07/2023/kenya-carbon?utm_source=x&amp;utm_medium=e"
    note = "Title: Kenya signs a carbon pact | Semafor\nCreated: 2023-11-08 09:12\n"
    note += f"Source URL: {url}\n"
    story = parse_text(_page(note + "-" * 40 + "\nSemafor Signals\nKenya signs a carbon pact\n"))
    assert story.url == "https://semafor.com/article/11/07/2023/kenya-carbon"


def test_a_photos_alt_text_in_markdown_is_not_the_headline():
    markdown = (
        "# Togo’s lawmakers vote to end direct elections\n\nSemafor Signals\n\n"
        "![Lawmakers in Lomé](https://img.example.com/lome.jpg)\n"
        "Togo’s National Assembly in Lomé. Pius Ekpei/AFP\n\n## The News\n\nFacts.\n\n"
        "## SIGNALS\n\n**A h**\n\nSource: AP\n\nB.\n"
    )
    story = parse_text(*to_text(markdown, "markdown"))
    assert story.title == "Togo’s lawmakers vote to end direct elections"


def test_a_form_holding_the_whole_page_is_read():
    html = (
        "<html><body><div class=side><form><input name=email>Sign up</form></div><form "
        "class=usertext><div class=md><p>Semafor Signals</p><h1>Court halts a data center</h1>"
        "<p>The News</p><p>Facts.</p><p>SIGNALS</p><p>A h</p><p>Source: AP</p><p>B.</p></div>"
        "</form></body></html>"
    )
    story = parse_text(*to_text(html, "html"))
    assert story.title == "Court halts a data center" and len(story.signals) == 1


def test_a_chat_posts_second_part_under_its_part_marker_goes_on_with_the_signals():
    header = "Steppe Brief, [04.06.2025 09:02]\n[Forwarded from Bat-Erdene G.]\n"
    text = _page(header + "Semafor Signals\nMongolia's prime minister loses a vote\n")
    text += "\n" + header + "(part 2)\nB h\nSource icon\nSources: Bloomberg\nB body.\n"
    assert [s.headline for s in parse_text(text).signals] == ["A h", "B h"]


def test_a_shared_selections_opening_quote_before_the_news_is_not_a_title():
    text = 'hualien quake / chips\n\n"The News\nFacts of the day.\nSIGNALS\nA h\nSource: AP\nB."\n'
    story = parse_text(text)
    assert story.title == "" and story.summary == "Facts of the day."


def test_a_reading_lists_items_below_a_quoted_page_are_not_signals():
    markdown = (
        "# Reading list\n\n> Semafor Signals\n>\n> **Summit held**\n>\n> The News\n>\n> Facts.\n"
        ">\n> SIGNALS\n>\n> **A h**\n>\n> Source: AP\n>\n> B.\n\n"
        "4. **Korea JoongAng Daily — approval after the election** — background\n\n## Security\n\n"
        "5. **38 North — imagery of the launch pad** — compares with November\n"
    )
    story = parse_text(*to_text(markdown, "markdown"))
    assert [(s.headline, s.body) for s in story.signals] == [("A h", "B.")]


# An untitled excerpt: what sits above its first header line is the analyst's or the tool's.
_EXCERPT = "Updated May 10, 2025, 4:12pm EDT\nsecuritySouth Asia\n"


@pytest.mark.parametrize(
    "above",
    [
        "South Asia watch\nRavi Menon 10/05/2025 22:38\nCeasefire holding?\n"
        "Ravi Menon 10/05/2025 22:41\ncopied this from the Semafor page, the top got cut off\n",
        "Altman / OpenAI board — for Monday\nLabels: ai-governance · to-discuss\n"
        "Edited Nov 18, 2023, 9:14 AM\n(copied from semafor, top of page didn't paste)\n",
        "TSMC Arizona — $100bn\n◦ ask Wen about the packaging plant timeline\n"
        "◦ Taiwan reaction → brief for Friday\n",
        "De: Pedro Alencar <pedro@example.org>\nAssunto: Semafor\nPara: Beatriz <b@example.org>\n"
        "Enviado do meu iPhone\n",
        "1. Gulf funds buy into football again\nOpen in Stash › | Archive | Share\n",
        "[29/06/2024, 22:51] Arjun: 17 years!!\nSemafor already has it, pasting the bit below\n",
        # A note's heading and the day it was written, then a lead-in the tool's furniture list
        # drops ("Pasted from …").
        "# Reading notes — UK election\n\n*Fri 5 July 2024, train to Brussels*\n\n"
        "Pasted from the Semafor Signals page on the result, the header didn't copy.\n",
        "Tuesday, 14 May 2024 — notes from the call\n",
        "March 3, 2025 - to read later\n",
        "China Desk > General\nWen Li  09:02\npasting the bit I need below\nTom Becker  09:05\n"
        "👍 thanks, is the AI bit in there?\nWen Li  09:06\nyes, second one\n",
        "Fwd: Thai-Cambodia\nPriya Raman <p.raman@example.org>\tFri, Jul 25, 2025 at 8:14 AM\n",
        "- DONE Call with Dhaka stringer re: garment wage talks\n"
        "- South Asia reading #bangladesh #elections\n",
        "# South Asia – ceasefire, excerpt\n\n> Selected text from Safari on iPhone.\n",
    ],
)
def test_an_untitled_excerpts_surroundings_never_give_it_a_title(above):
    story = parse_text(_page(above + "\n" + _EXCERPT))
    assert "untitled" in story.flags and story.title == ""


def test_a_copy_without_its_label_keeps_its_headline_above_the_header():
    story = parse_text(_page("Inoreader\nHouse elects a speaker\n☆ Save   ⤴ Share\n" + _EXCERPT))
    assert story.title == "House elects a speaker" and "untitled" not in story.flags


@pytest.mark.parametrize(
    "line",
    [
        "Last crawled 2024-02-16 06:12 IST Semafor SignalsSupreme Court strikes down the scheme",
        "Posted on September 21, 2024 by gridwatch-editor Semafor SignalsSupreme Court strikes "
        "down the scheme",
    ],
)
def test_a_label_glued_between_a_post_line_and_the_headline(line):
    assert parse_text(_page(line + "\n")).title == "Supreme Court strikes down the scheme"


@pytest.mark.parametrize(
    "title", ["June 4, 1989 still shapes Beijing's playbook", "2024: the year of elections"]
)
def test_a_headline_opening_with_a_date_is_still_a_title(title):
    assert parse_text(_page(f"{title}\nSemafor Signals\n" + _EXCERPT)).title == title


def test_a_headline_starting_with_an_acronym_and_a_hyphen_is_no_dateline():
    text = _page("ADNOC-led group bids $18.7 billion for Santos\nSemafor Signals\n" + _EXCERPT)
    assert parse_text(text).title == "ADNOC-led group bids $18.7 billion for Santos"


def test_a_time_followed_by_a_two_word_tag():
    text = _page("Semafor Signals\nReactor returns\nUpdated Sep 20, 2024, 3:44pm EDT net zero\n")
    story = parse_text(text)
    assert story.published == "2024-09-20" and story.category == "net zero"


@pytest.mark.parametrize(
    "below",
    [
        "Comments (3)\nSort by: Newest\nRakesh M.\nDemocracy wins again\nNobody saw it coming.\n",
        "Recomendar\nComentar\nCompartir\n1 sem\nMuy completo.\n",
        "— Fin del recorte —\nEste material se distribuye para uso interno.\n",
        "=== END DOC 000412 (text truncated",
        "— My note: check whether Chevron follows, rumoured for weeks.\n",
        "**Semafor Principals** — What the White House is reading.\n- Inside the first week\n",
        "Copied from semafor.com\nA line of mine.\n",
    ],
)
def test_what_follows_the_last_signal_is_not_a_signal(below):
    story = parse_text(_page("Semafor Signals\nA headline here\n", "A h\nSource: AP\nB.\n" + below))
    assert [(s.headline, s.body) for s in story.signals] == [("A h", "B.")]


def test_a_signal_headed_copied_from_is_a_signal():
    signals = "A h\nSource: AP\nB.\nCopied from Moscow’s 2012 playbook\nSource: Meduza\nC.\n"
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert [s.headline for s in story.signals] == ["A h", "Copied from Moscow’s 2012 playbook"]


def test_a_notes_source_link_gives_the_pages_address():
    url = "https://www.semafor.com/article/01/23/2025/judge-blocks-order"
    markdown = "# Birthright EO\n\n" + _page("Semafor Signals\nJudge blocks order\n")
    story = parse_text(*to_text(markdown + f"\n[Source]({url})\n", "markdown"))
    assert story.url == "https://semafor.com/article/01/23/2025/judge-blocks-order"


def test_a_feed_items_signals_with_their_line_breaks_lost():
    signals = (
        "A h Sources:  Politico, Punchbowl News  Johnson won every vote after Trump said so.\n"
        "B h Source:  Foreign Policy  Aid is in doubt, Foreign Policy wrote on Thursday.\n"
    )
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert _signals_of(story) == [
        ("A h", "Johnson won every vote after Trump said so.", ["Politico", "Punchbowl News"]),
        ("B h", "Aid is in doubt, Foreign Policy wrote on Thursday.", ["Foreign Policy"]),
    ]


def test_a_feed_items_signals_each_with_one_source_and_their_line_breaks_lost():
    signals = (
        "A h Source:  Politico  Johnson won every vote after Trump said so.\n"
        "B h Source:  Foreign Policy  Aid is in doubt, Foreign Policy wrote on Thursday.\n"
    )
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert _signals_of(story) == [
        ("A h", "Johnson won every vote after Trump said so.", ["Politico"]),
        ("B h", "Aid is in doubt, Foreign Policy wrote on Thursday.", ["Foreign Policy"]),
    ]


def _signals_of(story):
    return [(s.headline, s.body, s.outlets) for s in story.signals]


@pytest.mark.parametrize(
    "below", ["View Comments", "Senior Analyst", "Nino", "Sent from Outlook for iOS", "Back to top"]
)
def test_a_tools_last_line_after_a_whole_signal_is_no_cut(below):
    story = parse_text(
        _page("Semafor Signals\nA headline here\n", f"A h\nSource: AP\nB.\n{below}\n")
    )
    assert [(s.headline, s.body) for s in story.signals] == [("A h", "B.")]
    assert "truncated" not in story.flags and "truncated_headline" not in story.flags


def test_a_notes_pasted_from_line_below_the_pages_end_gives_its_address():
    url = "https://www.semafor.com/article/01/17/2025/court-upholds-law"
    text = _page("Semafor Signals\nCourt upholds law\n", "A h\nSource: AP\nB.\n")
    story = parse_text(text + f"Post Email Whatsapp\n\nPasted from <{url}>\n")
    assert story.url == "https://semafor.com/article/01/17/2025/court-upholds-law"
    assert [s.headline for s in story.signals] == ["A h"]


@pytest.mark.parametrize(
    "box",
    [
        "Semafor Tech\n"
        "Reed Albergotti on the people and companies shaping the future of technology.\n",
        "Semafor Europe\nGet the essential news from Brussels and beyond.\n",
        "Semafor Americas\nThe news and ideas shaping the hemisphere, every week.\n",
    ],
)
def test_a_newsletter_box_between_signals(box):
    signals = f"A h\nSource: AP\nB.\n{box}Sign up\nC h\nSource: Reuters\nD.\n"
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert [s.headline for s in story.signals] == ["A h", "C h"]


@pytest.mark.parametrize(
    "below",
    [
        "Team notes\nAid pause confirmed 3 Mar (see separate page).\n",
        "Checklist: Follow-ups (1/3)\n",
        "(full text not available — open original)\n",
        "Next in Semafor | Signals: Israel prepares for a ground incursion\n",
        "Suda P. commented · Jul 29 at 8:40 am\nThai army says shelling went on.\n",
        "[/item 4417]\n[item 4418] src=www.taipeitimes.com lang=en\nEDITORIAL: A mandate\n",
        "https://www.semafor.com/article/07/27/2023/niger-coup 1/2\n"
        "Printed with PrintFriendly.com — Print and PDF web pages\n",
        "PostEmailWhatsapp Semafor Logo About Careers Newsletters Privacy Policy © 2024 Semafor\n",
    ],
)
def test_a_tools_or_teams_lines_below_the_signals(below):
    signals = "A h\nSource: AP\nB.\nC h\nSource: AFP\nD.\nE h\nSource: Reuters\nF.\n" + below
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert [s.headline for s in story.signals] == ["A h", "C h", "E h"]


def test_a_comment_pointing_below_is_not_an_untitled_excerpts_title():
    text = _page("Doha deal is done. Semafor's roundup below\n\n" + _EXCERPT)
    assert "untitled" in parse_text(text).flags


def test_a_phone_thread_sent_in_numbered_parts():
    text = (
        "Tiago M., 19:02\nCNE results are out. Semafor has a signals page on it, copying it over in"
        " parts bc no data for links out here\n\n"
        "Tiago M., 19:03\n(1/3)\nUpdated Oct 24, 2024, 12:41pm EDT\npoliticsAfrica\n\n"
        "Tiago M., 19:03\n(2/3)\nThe News\nFacts of the day.\nSIGNALS\nA h\nSource: AP\n\n"
        "Tiago M., 19:04\n(3/3)\nThe body of the first signal.\nC h\nSource: Reuters\nD.\n"
    )
    story = parse_text(text)
    assert "untitled" in story.flags and story.summary == "Facts of the day."
    assert [(s.headline, s.body) for s in story.signals] == [
        ("A h", "The body of the first signal."),
        ("C h", "D."),
    ]


def test_a_wikis_source_link_gives_the_pages_address():
    url = "https://www.semafor.com/article/06/27/2025/drc-rwanda-deal"
    markdown = _page("Semafor Signals\nA deal is signed\n") + (
        f"\nSource link: [semafor.com/article/06/27/2025/drc-rwanda-deal]({url}#signals)\n"
    )
    story = parse_text(*to_text(markdown, "markdown"))
    assert story.url == "https://semafor.com/article/06/27/2025/drc-rwanda-deal"


def test_a_kindles_clippings_file_is_read_as_its_highlights():
    def clip(location: str, text: str, title: str = "Chagos deal signed (semafor.com)") -> str:
        added = "| Added on Friday, 23 May 2025 07:12:44"
        head = f"- Your Highlight on page 1 | Location {location} {added}"
        return f"==========\n{title}\n{head}\n\n{text}\n"

    text = (
        clip("1-8", "Semafor Signals\nChagos deal signed\nUpdated May 22, 2025, 2:10pm EDT")
        + clip("9-14", "The News\nFacts of the day.")
        + clip("15-21", "A h\nSources: The Times, BBC\nB.")
        + clip("22-24", "D, as far")  # a first try at the next passage, then the whole of it
        + clip("22-28", "C h\nSources: Bloomberg\nD, as far as it goes.")
        + clip("3-4", "A line of another book.", title="Another book (Someone)")
    )
    story = parse_text(text)
    assert story.title == "Chagos deal signed" and story.published == "2025-05-22"
    assert [(s.headline, s.body) for s in story.signals] == [
        ("A h", "B."),
        ("C h", "D, as far as it goes."),
    ]


def test_a_notes_title_for_a_brief_over_an_untitled_excerpt():
    story = parse_text(_page("Labour landslide – sigs for Mon brief\n" + _EXCERPT))
    assert "untitled" in story.flags and story.title == "Labour landslide – sigs for Mon brief"
    story = parse_text(_page("Tariffs — a brief history of a blunt tool\n" + _EXCERPT))
    assert "untitled" not in story.flags and story.title.startswith("Tariffs — a brief")


def test_a_forum_post_with_the_label_glued_between_the_time_and_the_headline():
    text = _page(
        "Post by tomasz_k » Thu May 08, 2025 9:41 pm\n"
        "Updated May 8, 2025, 3:02pm EDT politicsEurope Semafor SignalsRobert Prevost becomes"
        " pope\n",
        "A h\nSource: AP\nB.\nPost by harbourlights » Thu May 08, 2025 10:15 pm\nA reply here.\n",
    )
    story = parse_text(text)
    assert story.title == "Robert Prevost becomes pope" and story.published == "2025-05-08"
    assert [s.headline for s in story.signals] == ["A h"]


def test_a_forwards_link_to_the_page_it_pastes_below_is_its_address():
    url = (
        "https://www.semafor.com/article/03/06/2024/egypt-pound-float?utm_source=x&amp;utm_medium=y"
    )
    html = (
        f'<html><body><p>Team - sharing the Semafor Signals page on the move (<a href="{url}">'
        "link</a>), pasted below.</p><p>Semafor Signals</p><h1>Egypt floats the pound</h1>"
        "<p>The News</p><p>Facts.</p><p>SIGNALS</p><p>A h</p><p>Source: AP</p><p>B.</p>"
        "</body></html>"
    )
    story = parse_text(*to_text(html, "html"))
    assert story.url == "https://semafor.com/article/03/06/2024/egypt-pound-float"


@pytest.mark.parametrize(
    "above",
    [
        "> Excerpt only — copied from the Insights line down, headline not included.\n",
        "[Tuesday 16:47] Priya Raman\nAramco just cut the dividend. Semafor has a page on it.\n"
        "[Tuesday 16:49] Priya Raman\n",
        "भारत-UK FTA पर Semafor का पेज नीचे है\n",
        "コメ価格高騰（Semafor 抜粋）\n",
    ],
)
def test_more_surroundings_of_untitled_excerpts_are_not_titles(above):
    story = parse_text(_page(above + "\n" + _EXCERPT))
    assert "untitled" in story.flags and story.title == ""


def test_a_headline_with_latin_letters_beyond_english_stays_a_headline():
    text = _page("Semafor Signals\nErdoğan wins a runoff in Türkiye\n" + _EXCERPT)
    assert parse_text(text).title == "Erdoğan wins a runoff in Türkiye"


def test_an_analysts_notes_and_margin_marks_between_2023_paragraphs():
    signals = (
        "NB —>\nFirst paragraph of the first signal, as 2023 pages had them.\n"
        "[AK: deleted the related-stories box that sat here]\n"
        "Second paragraph of the second signal, as 2023 pages had them.\n"
        "→ cf. digital tax piece from last month\n"
        "Third paragraph of the third signal, as 2023 pages had them.\n"
    )
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert [s.body[:5] for s in story.signals] == ["First", "Secon", "Third"]


def test_a_notes_quote_callout_holding_the_page_is_read():
    markdown = (
        "# Daily note\n\n- [ ] call Selin\n\n> [!quote] Semafor — Istanbul mayor\n"
        "> Mar 19, 2025, 8:15am EDT\n> ### The News\n> Facts of the day.\n> ### SIGNALS\n"
        "> #### A h\n> Sources: Reuters\n> B.\n\n## Notes\n- lira ~41\n"
    )
    story = parse_text(*to_text(markdown, "markdown"))
    assert [(s.headline, s.body) for s in story.signals] == [("A h", "B.")]
    assert story.published == "2025-03-19"


def test_a_readers_own_note_callout_is_still_left_out():
    markdown = "> [!note] My take\n> SIGNALS matter less than the votes\n\n" + _page(
        "Semafor Signals\nVote held\n"
    )
    text, _ = to_text(markdown, "markdown")
    assert "My take" not in text and "matter less" not in text


def test_a_phones_screenshots_as_text_read_on_past_each_status_bar():
    bar = "\n10:08\n83%\nsemafor.com\n"
    signals = (
        f"A h\nSource: AP\nB one.{bar}C h\nSource: AFP\nD two.\n08:15\n5G 70\nAA semafor.com\n"
    )
    signals += "E h\nSource: Reuters\nF three.\n"
    story = parse_text(_page("Semafor Signals\nVote held\n", signals))
    assert [(s.headline, s.body) for s in story.signals] == [
        ("A h", "B one."),
        ("C h", "D two."),
        ("E h", "F three."),
    ]


def test_a_chat_exports_page_posted_in_two_messages_reads_on():
    def message(text: str, joined: str = "") -> str:
        return (
            f'<div class="message default clearfix{joined}"><div class="body">'
            '<div class="pull_right date details">21:14</div>'
            f'<div class="text">{text}</div><div class="signature details">Rania H.</div>'
            "</div></div>"
        )

    first = "Semafor Signals<br>Vote held<br>The News<br>Facts.<br>SIGNALS<br>A h<br>"
    first += "Source: AP<br>B."
    html = f"<html><body>{message(first)}{message('C h<br>Source: AFP<br>D.', ' joined')}"
    story = parse_text(*to_text(html + "</body></html>", "html"))
    assert [(s.headline, s.body) for s in story.signals] == [("A h", "B."), ("C h", "D.")]


def test_a_phones_share_card_below_the_page_gives_its_address():
    url = "https://www.semafor.com/article/01/13/2024/taiwan-election"
    text = _page("Semafor Signals\nLai wins\n") + f"Semafor Logo\n\nsemafor.com\nLai wins\n{url}\n"
    assert parse_text(text).url == "https://semafor.com/article/01/13/2024/taiwan-election"


def test_a_notes_web_link_titled_as_the_pages_tab_gives_its_address():
    url = "https://www.semafor.com/article/05/07/2025/india-strikes-pakistan"
    html = (
        "<html><body><div>"
        + _page("Semafor Signals<br>India strikes<br>").replace("\n", "<br>")
        + f'</div><div class="annotations"><a href="{url}"><span>India strikes | Semafor</span>'
        f"<span>{url}</span></a></div></body></html>"
    )
    assert (
        parse_text(*to_text(html, "html")).url
        == "https://semafor.com/article/05/07/2025/india-strikes-pakistan"
    )


def test_a_repost_credit_below_the_storys_header_keeps_its_date():
    head = (
        "Partners | April 14, 2025\nSemafor SignalsOsaka Expo opens\n"
        "Updated Apr 13, 2025, 10:05pm EDT | Asia/Pacific\nRepublished from Semafor.\n"
    )
    assert parse_text(_page(head)).published == "2025-04-13"


def test_a_reader_services_markdown_saved_as_text_is_read_as_markdown():
    text = (
        "Title: Pope elected | Semafor\n\nURL Source: https://www.semafor.com/article/05/08/2025/"
        "pope\n\nMarkdown Content:\nSemafor Signals\n\n# Pope elected\n\nThe News\n\nFacts.\n\n"
        "SIGNALS\n\n### Peru claims him too\n\n![Image 7: Source icon](https://x.example/i.svg)"
        "\n\nSources: [El Comercio](https://elcomercio.pe/x)\n\nBells rang.\n"
    )
    story = parse_text(*to_text(text, "text"))
    assert [(s.headline, s.body, s.outlets) for s in story.signals] == [
        ("Peru claims him too", "Bells rang.", ["El Comercio"])
    ]
    assert story.url == "https://semafor.com/article/05/08/2025/pope"


@pytest.mark.parametrize(
    "above",
    [
        "DONE Call with Dhaka stringer re: garment wage talks\n",
        "South Asia reading #bangladesh #elections\n",
        "Priya Raman <p.raman@example.org> Fri, Jul 25, 2025 at 8:14 AM\n",
    ],
)
def test_an_excerpt_from_the_news_down_takes_no_title_from_a_notes_lines(above):
    story = parse_text(above + PAGE_TAIL + "A h\nSource: AP\nB.\n")
    assert story.title == "" and "untitled" in story.flags


def test_a_page_quoted_in_a_mail_reply_and_hard_wrapped_is_joined_again():
    # The reply's paragraph on one line, far longer than the quote's wrapping width.
    reply = "Lena, agree the debt brake signal is the key one for us. " * 4 + "\n"
    body = (
        "The immediate trigger was a gap of roughly ten billion euros in the budget: the\n"
        "chancellor wanted to suspend the constitutional limit on borrowing to fund aid\n"
        "and energy subsidies for industry, and the finance minister refused, Handelsblatt\n"
        "reported, while Bloomberg noted that the economy is on track to shrink again.\n"
    )
    page = (
        "Semafor Signals\n\nCoalition collapses\n\nNov 7, 2024, 6:12am EST\n\nThe News\n\n"
        "Facts of the day, told over a line that is long enough to be wrapped by the mail app\n"
        "and carried on here.\n\nSIGNALS\n\nA confidence vote in January\n\n"
        "Sources: Der Spiegel\n\n"
        + "The chancellor will ask for a vote of confidence in January, which he expects to\n"
        "lose, and the Frankfurter Allgemeine Zeitung noted that a minority government of\n"
        "Social Democrats and Greens will struggle to pass anything in the\n"
        "meantime, including next year's budget.\n"
        + "\nThe debt brake broke the coalition\n\nSources: Handelsblatt, Bloomberg\n\n"
        + body
    )
    quoted = "\n".join(f"> {line}" if line else ">" for line in page.split("\n"))
    story = parse_text(reply + "\nOn Thu, Nov 7, 2024 at 1:22 PM Lena wrote:\n\n" + quoted)
    assert [s.headline for s in story.signals] == [
        "A confidence vote in January",
        "The debt brake broke the coalition",
    ]
    assert story.signals[1].body == " ".join(body.split())


@pytest.mark.parametrize(
    "below",
    [
        "[Read it on Semafor →](https://www.semafor.com/article/05/20/2024/x)\n\n"
        "Qatar's emir is in Paris next week, and the treaty enters into force on 31 May.\n",
        "Hélène Marchetti\nResearch Fellow\nMeridian Policy Institute | Rue de la Loi 42\n\n"
        "The information in this message is intended solely for the addressee(s).\n",
    ],
)
def test_a_mails_or_a_drafts_lines_below_the_signals(below):
    signals = "A h\nSource: AP\nB.\nC h\nSource: AFP\nD.\n" + below
    story = parse_text(*to_text(_page("Semafor Signals\nA headline here\n", signals), "markdown"))
    assert [s.headline for s in story.signals] == ["A h", "C h"]


def test_a_markdown_copy_linking_the_page_by_its_own_address_gives_it():
    url = "https://www.semafor.com/article/05/13/2025/philippines-midterms?utm_source=x"
    signals = "".join(f"H{n}\n\nSource: AP\n\nBody {n}.\n\n" for n in range(4))
    markdown = _page("Semafor Signals\nDuterte allies surge\n", signals) + (
        f"\n[semafor.com/article/05/13/2025/philippines-midterms]({url})\n"
    )
    _text, hints = to_text(markdown, "markdown")
    assert hints.url == "https://semafor.com/article/05/13/2025/philippines-midterms"


def test_a_feed_readers_copy_linking_the_page_as_semafor_com_gives_the_original():
    url = "https://www.semafor.com/article/06/03/2024/sheinbaum-wins?utm_source=flipboard"
    head = (
        "Title: Sheinbaum wins | Flipboard\n\nURL Source: https://flipboard.com/@semafor/a-x\n\n"
        "Markdown Content:\n[Semafor](https://flipboard.com/@semafor) flipped into World\n\n"
        f"[semafor.com]({url}) · 2h\n\nSemafor Signals\n\nSheinbaum wins\n\n"
    )
    _text, hints = to_text(_page(head), "text")
    assert hints.url == "https://semafor.com/article/06/03/2024/sheinbaum-wins"


def test_a_share_row_glued_to_the_headline_is_not_part_of_it():
    text = "Semafor Signals\nKnesset passes first part of the overhaul TweetEmailWhatsapp\n"
    assert parse_text(_page(text)).title == "Knesset passes first part of the overhaul"


def test_a_last_body_with_the_footers_logo_glued_to_it_keeps_its_text():
    signals = (
        "A h\nSource: AP\nB one.\nC h\nSource: AFP\nThe last body, a sentence long. Semafor Logo\n"
    )
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert [s.body for s in story.signals] == ["B one.", "The last body, a sentence long."]


def test_a_phone_apps_share_credit_is_not_the_title():
    text = "Pope Leo XIV elected\n\nShared from Yahoo News\nhttps://news.yahoo.com/news/p-1.html\n"
    assert parse_text(_page(text + "Semafor Signals\n")).title == "Pope Leo XIV elected"


def test_a_notes_own_title_naming_an_excerpt_is_not_the_headline():
    markdown = (
        "# South Asia – ceasefire, excerpt\n\n> Selected text from Safari on iPhone, started "
        "below the headline by mistake.\n\nUpdated May 10, 2025, 6:30pm EDT\n\nsecuritySouth Asia"
        "\n\nSemafor Signals\n\n" + PAGE_TAIL + "A h\nSource: AP\nB.\n"
    )
    story = parse_text(*to_text(markdown, "markdown"))
    assert story.title == "" and "untitled" in story.flags


def test_a_news_databases_fields_are_not_the_title_and_its_end_ends_the_story():
    head = (
        "Houthi strikes widen\n\nSemafor\nJanuary 12, 2024 Friday\n\n"
        "Copyright 2024 Semafor Inc. All Rights Reserved\n\nSection: SEMAFOR SIGNALS; world\n"
        "Length: 731 words\nByline: Semafor Signals\n"
        "Highlight: Insights from Lloyd's List, the Financial Times and Crisis Group\n\nBody\n\n"
    )
    tail = "\nLoad-Date: January 13, 2024\n\nEnd of Document\n\nTerms | Privacy\n"
    story = parse_text(_page(head, "A h\nSource: AP\nB.\n" + tail))
    assert story.title == "Houthi strikes widen"
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


@pytest.mark.parametrize(
    "above",
    [
        "Parent item: (Semafor, 2024) · web page · accessed 20/03/2024\n",
        "Reference type: Internet document\nShort title: Semafor Signals\n",
        "Reading notes — BoJ exit\n\nTags: #boj\n",
    ],
)
def test_a_reference_managers_fields_and_a_notes_own_heading_are_not_the_title(above):
    story = parse_text(
        above + "\nUpdated Mar 19, 2024, 4:05am EDT\n\n" + PAGE_TAIL + "A h\nSource: AP\nB.\n"
    )
    assert story.title == ""
    assert "untitled" in story.flags


@pytest.mark.parametrize(
    "tail",
    [
        "Source: Semafor · semafor.com · Reproduced under license. All rights reserved.\n",
        # A partner site's, with a full stop: the last signal's body would read as a headline.
        "Source: Semafor. Republished by arrangement.\n\nTags: Bangladesh, Quota protests\n",
        "Source: Semafor. Used with permission.\n",
    ],
)
def test_a_viewers_credit_of_the_page_to_semafor_ends_the_story(tail):
    signals = "A h\nSource: AP\nB.\nC h\nSources: BBC, Crisis Group\nD.\n"
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals + tail))
    assert _signals_of(story) == [
        ("A h", "B.", ["Associated Press"]),
        ("C h", "D.", ["BBC", "International Crisis Group"]),
    ]


def test_a_chat_message_saying_the_paste_starts_at_the_news_leaves_the_chat_above_out():
    chat = (
        "[10:42 AM] Rahman, Ayesha\nHasina's gone. Semafor has a quick wrap, link below\n\n"
        "[10:44 AM] Whitfield, Connor\nLink won't open on the office network. Can you paste?\n\n"
        "[10:47 AM] Rahman, Ayesha\nfrom The News down:\n\n"
    )
    story = parse_text(chat + PAGE_TAIL + "A h\nSource: AP\nB.\n")
    assert story.title == ""
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


def test_a_cached_pages_label_glued_between_the_sponsor_and_the_headline():
    head = (
        "Semafor Logo• D.C.• BXL• Lagos• Dubai• Beijing• SGNewslettersSign In\n"
        "Supported byMicrosoft logoSemafor SignalsPrabowo claims a first-round win in Indonesia\n"
        "Updated Feb 14, 2024, 8:51am ESTpoliticsAsia/Pacific\n"
    )
    assert parse_text(_page(head)).title == "Prabowo claims a first-round win in Indonesia"


def test_a_crawlers_time_glued_to_the_label_and_headline_is_not_a_printers_header():
    head = "2023-12-21 08:00 UTC Semafor Signals Congo’s election spills into a second day\n"
    assert parse_text(_page(head)).title == "Congo’s election spills into a second day"


@pytest.mark.parametrize(
    "trailer",
    [
        "📎 Source: semafor.com",
        "Source: semafor.com · Read original",
        "— captured by applet “Semafor RSS → Simplenote” (ifttt.com/applets/xR4v9Pq2)",
    ],
)
def test_a_bots_or_a_feeds_credit_below_the_last_signal_is_not_a_signal(trailer):
    signals = "A h\nSource: AP\nB.\nC h\nSource: Al Jazeera\nThe last body.\n" + trailer + "\n"
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert _signals_of(story) == [
        ("A h", "B.", ["Associated Press"]),
        ("C h", "The last body.", ["Al Jazeera"]),
    ]


def test_a_side_list_copied_between_two_signals_does_not_end_the_page():
    rail = "Most Read\n1. China’s exports beat forecasts\n2. Europe’s farmers are still angry\n"
    rail += "3. Inside the race to build an AI drug\n"
    signals = (
        "A h\nSource icon\nSource:  AP\nB.\n" + rail + "C h\nSource icon\nSources:  Reuters\nD.\n"
    )
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert [s.headline for s in story.signals] == ["A h", "C h"]
    assert story.signals[1].body == "D."


def test_a_side_list_after_the_last_signal_still_ends_the_page():
    tail = "Most Read\n1. China’s exports beat forecasts\n2. Europe’s farmers are still angry\n"
    story = parse_text(_page("Semafor Signals\nA headline here\n", "A h\nSource: AP\nB.\n" + tail))
    assert [s.headline for s in story.signals] == ["A h"]


@pytest.mark.parametrize(
    "above",
    [
        "Nordic-Baltic desk\nLindqvist, Anna 3:02 PM\nSweden is officially in. From my phone so "
        "the top of the piece didn't come with it, starts at the date\n\n"
        "Lindqvist, Anna 3:03 PM\n",
        "Gabon — Oligui result\n\n[ ] add to Central Africa weekly\n"
        "[ ] ask the Libreville stringer\n",
    ],
)
def test_chat_senders_and_to_dos_are_not_the_title(above):
    header = "\nUpdated Mar 7, 2024, 1:50pm EST\nsecurityEurope\nInsights from Reuters and AP\n"
    story = parse_text(above + header + PAGE_TAIL + "A h\nSource: AP\nB.\n")
    assert story.title == ""


def test_an_outliners_block_reference_among_headless_signals_is_not_the_end():
    signals = (
        "First paragraph of the page, Bloomberg reported on Friday.\n"
        "((6473a1c2-8f1e-4b0d-9c55-2e7a1d0f3b88)) see also the chart on [[Turkey/central bank]]\n"
        "Second paragraph of the page, Al-Monitor noted on Sunday.\n"
    )
    story = parse_text(
        "Semafor Signals\nA headline here\nNEWS\nFacts of the day.\nSIGNALS\n" + signals
    )
    assert [s.body[:16] for s in story.signals] == ["First paragraph ", "Second paragraph"]


def test_a_cards_checklist_below_the_last_signal_is_not_a_signal():
    tail = "Checklist (1/3)\n[x] pull Semafor signals\n[ ] check the licence text\n"
    story = parse_text(_page("Semafor Signals\nA headline here\n", "A h\nSource: AP\nB.\n" + tail))
    assert [s.headline for s in story.signals] == ["A h"]


def test_mediawiki_source_is_read_as_the_page():
    wiki = (
        "{{Reading card\n| topic    = Senegal transition\n| status   = filed\n}}\n"
        "'''Semafor Signals''' page kept for the [[West Africa portal]].\n\n"
        "== Semafor Signals ==\n''Updated Apr 2, 2024, 12:31pm EDT''\n\n"
        "=== Faye is sworn in as Senegal’s president ===\n\n"
        "[[File:Faye.jpg|thumb|right|Faye takes the oath.]]\n\n==== The News ====\nFacts.\n\n"
        "==== SIGNALS ====\n; A generation voted for a clean break\n"
        "'''Sources:''' [https://www.jeuneafrique.com Jeune Afrique], [https://x.sn Le Quotidien]\n"
        "Young voters turned out, Jeune Afrique reported.<ref>Retrieved 3 April</ref>\n\n"
        "== Related ==\n* [[Sahel juntas]]\n"
    )
    story = parse_text(*to_text(wiki, "text"))
    assert story.title == "Faye is sworn in as Senegal’s president"
    assert _signals_of(story) == [
        (
            "A generation voted for a clean break",
            "Young voters turned out, Jeune Afrique reported.",
            ["Jeune Afrique", "Le Quotidien"],
        )
    ]


def test_google_keeps_exported_web_link_gives_the_address():
    url = "https://www.semafor.com/article/11/16/2023/spain-sanchez?utm_source=android"
    html = (
        "<html><body><div class='title'>Spain — Sánchez</div><div class='content'>Semafor Signals"
        "<br>Sánchez wins a new term<br>The News<br>Facts.<br>SIGNALS<br>A h<br>Source: AP<br>B."
        f"</div><div class='annotations'><ul><li><a href='{url}' class='annotation-link'>Semafor "
        "Signals: Sánchez wins a new term</a></li></ul></div></body></html>"
    )
    story = parse_text(*to_text(html, "html"))
    assert story.url == "https://semafor.com/article/11/16/2023/spain-sanchez"


def test_a_wikis_breadcrumb_and_a_note_on_a_copy_from_below_the_headline_leave_it_untitled():
    wiki = (
        "Regional Desk Wiki\nBrowse\nSign In\n\nHome / South Asia / Crisis log / 2025-05 India\n\n"
        "India–Pakistan escalation, May 2025\nCrisis log and outside reads\n\nTimeline\n\n"
        "7 May – India strikes sites in Pakistan.\n\nOutside reads\n\nSemafor Signals excerpt. "
        "Copied from below the headline; the header and photo didn’t come through.\n\n"
        "May 10, 2025, 3:22pm EDT\n\nThe News\n\nFacts of the day.\n\nSIGNALS\n\n"
        "A h\nSources:  Dawn, The Hindu\n\nB.\n\nOpen questions\n\n• Does the truce hold?\n"
        "• Treaty: any flushing of reservoirs → downstream flow data?\n\nComments (2)\n"
    )
    story = parse_text(wiki)
    assert story.title == ""
    assert _signals_of(story) == [("A h", "B.", ["Dawn", "The Hindu"])]


def test_a_page_whose_signals_words_hold_zero_width_characters_is_still_read():
    page = _page("Semafor Sig\u200bnals\nA headline here\n").replace("SIGNALS", "SIG\u200bNALS")
    story = parse_text(page)
    assert story.title == "A headline here"
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


def test_a_text_without_signals_is_rejected_with_what_it_looks_like():
    with pytest.raises(SignalsError, match="a standard Semafor article"):
        parse_text("A headline\nThe News\nFacts.\nKnow More\nMore facts.\n")


def test_a_mail_replys_quote_wrapped_but_for_its_news_line_is_unwrapped():
    body = (
        "Friedrich Merz campaigned on keeping the debt brake intact, and pushing the\n"
        "change through the old Bundestag, before the newly elected one with its larger\n"
        "far-right and far-left blocs could meet, has cost him with his own voters,\n"
        "Süddeutsche Zeitung wrote. Der Spiegel reported that several Christian\n"
        "Democrat lawmakers voted yes only after personal calls from Merz, and that the\n"
        "party’s youth wing accused him of breaking a campaign promise within a month.\n"
    )
    news = "Germany’s Bundestag voted on Tuesday to exempt defense spending " * 5
    page = (
        "Semafor Signals\nGermany loosens the debt brake\nThe News\n" + news + "\nSIGNALS\n"
        "Merz spent his credibility\nSources: Süddeutsche Zeitung, Der Spiegel\n" + body + "\n"
        "Bund yields jumped\nSources: Financial Times\n" + body
    )
    quoted = "\n".join("> " + line for line in page.split("\n"))
    story = parse_text("Thanks Clara, agreed.\n\nOn Tue, Clara wrote:\n" + quoted)
    assert [s.headline for s in story.signals] == [
        "Merz spent his credibility",
        "Bund yields jumped",
    ]
    assert story.signals[0].body.endswith("promise within a month.")


def test_a_memos_next_numbered_section_in_markdown_ends_the_page():
    memo = (
        "## 1. Argentina\n\nSemafor Signals\n\nMilei wins\n\nThe News\n\nFacts.\n\nSIGNALS\n\n"
        "Markets cheered\nSources: Bloomberg Línea\nShares jumped.\n\n"
        "## 2. Guatemala\n- Arévalo inauguration still set for 14 Jan.\n\n"
        "## **3\\. Poland: Tusk sworn in Dec 13?**\n- Sejm vote expected.\n"
    )
    story = parse_text(*to_text(memo, "markdown"))
    assert [s.headline for s in story.signals] == ["Markets cheered"]


def test_a_companys_mail_footer_below_headless_signals_is_not_one():
    page = (
        "Semafor Signals\nIndia lands near the south pole\nNEWS\nFacts.\nSIGNALS\n"
        "The south pole is the prize, the Hindustan Times reported on Wednesday.\n"
        "Investors rushed into suppliers, Mint reported.\n"
        "OrbitalSight Analytics Pvt Ltd · Bengaluru · This message may contain confidential "
        "information.\n"
    )
    assert len(parse_text(page).signals) == 2


def test_a_document_editors_redirect_to_the_page_gives_its_address():
    url = "https://www.google.com/url?q=https://www.semafor.com/article/11/23/2023/dutch-vote"
    html = (
        f'<html><body><p><a href="{url}&amp;sa=D&amp;source=editors">semafor.com</a></p>'
        "<p>Semafor Signals</p><h1>Wilders wins</h1><h2>The News</h2><p>Facts.</p>"
        "<h2>SIGNALS</h2><p>A h</p><p>Source: AP</p><p>B.</p></body></html>"
    )
    story = parse_text(*to_text(html, "html"))
    assert story.url == "https://semafor.com/article/11/23/2023/dutch-vote"


def test_a_chats_next_message_with_a_24_hour_clock_ends_a_copy_cut_in_a_source_line():
    signals = (
        "A h\nSource: AP\nB.\nMasra’s gamble backfired\nSource icon\n"
        "Sources: Africa Confidential, The Continent, Al Jaz\n\n"
        "Kofi Boateng 09:58\nthanks, the rest got cut off? can you send the link instead\n"
    )
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert _signals_of(story)[-1] == (
        "Masra’s gamble backfired",
        "",
        ["Africa Confidential", "The Continent"],
    )


@pytest.mark.parametrize(
    "note",
    [
        "(copied 31/8, need to check death toll before we use it)",
        "Q for Ravi: does the BJP lose the Speaker's chair if TDP insists?",
        "Q for Jukka: Finnish reserve size — 280k wartime strength or 900k total?",
    ],
)
def test_an_analysts_note_below_the_last_signal_is_not_a_signal(note):
    signals = "A h\nSource: AP\nB.\nC h\nSource: Reuters\nD.\n\n" + note + "\n"
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert [s.headline for s in story.signals] == ["A h", "C h"]


def test_a_notes_title_saying_the_top_was_skipped_is_not_the_title():
    head = (
        "Sheinbaum bits for Thursday LatAm call — skipped the top, we already have the news\n\n"
        "Insights from El Universal, Reforma and Bloomberg\n\n"
    )
    assert parse_text(head + PAGE_TAIL + "A h\nSource: AP\nB.\n").title == ""


def test_a_feeds_item_with_its_header_and_sections_glued_to_their_text():
    item = (
        "[auto-imported item #48213 | feed: semafor-world]\n\n"
        "source semafor.com fetched 2023-11-17 03:12 UTC Semafor Signals Nov 16, 2023, 12:40pm EST "
        "politicsEurope Spain’s Sánchez wins a new term after an amnesty deal TweetEmailWhatsapp\n"
        "NEWS Spain’s parliament on Thursday confirmed Pedro Sánchez as prime minister again.\n"
        "SIGNALS The amnesty has split the country, El País reported on Sunday evening.\n"
        "Markets barely reacted, Expansión reported as the IBEX 35 index rose slightly.\n"
    )
    story = parse_text(item)
    assert story.title == "Spain’s Sánchez wins a new term after an amnesty deal"
    assert story.published == "2023-11-16"
    assert [s.body[:12] for s in story.signals] == ["The amnesty ", "Markets bare"]


def test_a_portals_section_and_the_publishers_time_glued_before_the_label():
    head = (
        "Partner Content | Semafor Jan 7, 2025, 12:20pm EST Semafor Signals Mahama returns to "
        "power in Ghana\n"
    )
    story = parse_text(_page(head))
    assert (story.title, story.published) == ("Mahama returns to power in Ghana", "2025-01-07")


def test_a_portals_relative_time_is_not_the_title_and_its_credit_ends_the_page():
    head = (
        "World\nECOWAS deadline for Niger’s junta passes\n7 hours ago  |  Editor  |  0 comments\n\n"
        "Semafor Signals\nAug 7, 2023, 7:30am EDT\n"
    )
    story = parse_text(_page(head, "A h\nSource: AP\nB.\n\nCulled from Semafor.\n"))
    assert story.title == "ECOWAS deadline for Niger’s junta passes"
    assert [s.headline for s in story.signals] == ["A h"]


@pytest.mark.parametrize(
    "tail",
    [
        "Te puede interesar\n\nKicillof: “Hay que reconstruir desde abajo”\n",
        "Read the original on semafor.com ( https://www.semafor.com/article/07/24/2023/a )\n",
    ],
)
def test_a_re_posters_related_list_or_link_below_the_page_ends_it(tail):
    story = parse_text(_page("Semafor Signals\nA headline here\n", "A h\nSource: AP\nB.\n" + tail))
    assert [s.headline for s in story.signals] == ["A h"]


def test_a_note_saying_the_headline_is_missing_leaves_the_copy_untitled():
    note = (
        "Moldova: PAS keeps its majority\n#moldova #elections\n\nExcerpt only — I started the "
        "selection at The News, the headline and insights line are missing.\n\n"
    )
    assert parse_text(note + PAGE_TAIL + "A h\nSource: AP\nB.\n").title == ""


@pytest.mark.parametrize(
    "tail",
    [
        "Open in new tab  ·  {url}\nSave · Tag · Send to\n",  # a feed reader (Inoreader)
        "PostEmailWhatsapp\nSource: {url} · Printed with PrintFriendly · 1/2\n",
        "PostEmailWhatsapp\n\nFrom <{url}> \n",  # OneNote
    ],
)
def test_a_tools_line_below_the_page_gives_its_address(tail):
    url = "https://www.semafor.com/article/05/08/2025/pope-leo-xiv?utm_source=flagship#signals"
    signals = "A h\nSource: AP\nB.\n" + tail.format(url=url)
    story = parse_text(_page("Semafor Signals\nPope Leo XIV\n", signals))
    assert story.url == "https://semafor.com/article/05/08/2025/pope-leo-xiv"
    assert [s.headline for s in story.signals] == ["A h"]


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (  # a reading app's buttons spaced on one line (Matter)
            "MATTER\nQueue › Science & space\nIndia lands near the moon’s south pole\n"
            "semafor.com · 3 min read · Saved Aug 24, 2023\n"
            "Open original ↗   Listen (Matter voice)   Highlight   Annotate\n\n",
            "India lands near the moon’s south pole",
        ),
        (  # a feed reader's button beside the item's source (Feedly)
            "feedly\nBoards › Andes\nSemafor World  /  by Semafor  /  Aug 18, 2025\n\n"
            "Bolivia’s socialists are crushed\nsemafor.com  ·  4 min  ·  Visit Website\n\n",
            "Bolivia’s socialists are crushed",
        ),
    ],
)
def test_a_reading_tools_buttons_between_headline_and_label_are_not_the_title(head, title):
    page = _page(head + "Semafor Signals\nAug 18, 2025, 9:20am EDT\n")
    assert parse_text(page).title == title


def test_a_headline_with_its_insights_line_glued_on_without_a_space():
    head = (
        "Mar 11, 2025, 9:20am EDTpoliticsAsia/Pacific\nicon Semafor Signals\n"
        "Manila’s former leader is arrested on a court warrantInsights from Rappler and Reuters\n"
    )
    story = parse_text(_page(head))
    assert story.title == "Manila’s former leader is arrested on a court warrant"


def test_a_selection_clippers_note_gives_the_address_and_its_counts_and_name_are_no_title():
    html = (
        "<html><head><title>Clipped selection – 12 Mar 2025</title></head><body>\n"
        "<!-- Clipped from https://www.semafor.com/article/03/11/2025/manila-arrest?utm_source=x "
        "on 2025-03-12T01:48:22+08:00 -->\n"
        "<div>selection · 4 blocks · 2,941 characters · clipped 12 Mar 2025 01:48 (UTC+8)</div>\n"
        "<div>Updated Mar 11, 2025, 10:58am EDT</div><p>Insights from Rappler</p>\n"
        "<h2>The News</h2><p>Facts of the day.</p><h2>SIGNALS</h2>\n"
        "<h3>A headline</h3><p>Source: Reuters</p><p>A body.</p></body></html>"
    )
    story = _html_story(html)
    assert story.url == "https://semafor.com/article/03/11/2025/manila-arrest"
    assert (story.title, "untitled" in story.flags) == ("", True)


# A page machine-translated whole, in nine languages: its date line, Insights line, headings,
# icons' names and Source labels as translators write them (the headline and signals made up).
TRANSLATED_PAGES = {
    "es": (
        "Actualizado el 19 de marzo de 2024, 7:20 a. m. EDT\nSemafor Signals\n"
        "Perspectivas de Nikkei Asia y Bloomberg\nFlecha hacia abajo\nIcono de título\n"
        "La noticia\nHechos del día.\nSEÑALES\nLos salarios mandan\nIcono de fuente\n"
        "Fuente:  Nikkei Asia\nUn cuerpo.\n"
    ),
    "fr": (
        "Mis à jour le 4 sept. 2023, 10 h 05 HAE\nSemafor Signals\n"
        "Points de vue de Nikkei Asia et Bloomberg\nL’actualité\nHechos.\nSIGNAUX\n"
        "Les salaires décident\nIcône source\nSource : Nikkei Asia\nUn corps.\n"
    ),
    "de": (
        "Aktualisiert am 1. Juli 2024, 11:45 Uhr EDT\nSemafor Signals\n"
        "Erkenntnisse von Nikkei Asia und Bloomberg\nPfeil nach unten\nDie Nachrichten\n"
        "Fakten.\nSIGNALE\nDie Löhne entscheiden\nQuellsymbol\nQuelle:  Nikkei Asia\nEin Text.\n"
    ),
    "pt": (
        "Atualizado em 8 de julho de 2024, 14h10 EDT\nSemafor Signals\n"
        "Insights de Nikkei Asia e Bloomberg\nA notícia\nFatos.\nSINAIS\n"
        "Os salários decidem\nFonte:  Nikkei Asia\nUm texto.\n"
    ),
    "it": (
        "Aggiornato il 9 aprile 2025, 13:35 EDT\nSemafor Signals\n"
        "Approfondimenti da Nikkei Asia e Bloomberg\nLa notizia\nFatti.\nSEGNALI\n"
        "I salari decidono\nIcona della fonte\nFonte: Nikkei Asia\nUn testo.\n"
    ),
    "nl": (
        "Bijgewerkt op 9 april 2025, 13:35 uur EDT\nSemafor Signals\n"
        "Inzichten van Nikkei Asia en Bloomberg\nHet nieuws\nFeiten.\nSIGNALEN\n"
        "De lonen beslissen\nBronpictogram\nBron: Nikkei Asia\nEen tekst.\n"
    ),
    "pl": (
        "Zaktualizowano 9 kwietnia 2025, 13:35 EDT\nSemafor Signals\n"
        "Spostrzeżenia z Nikkei Asia i Bloomberg\nWiadomości\nFakty.\nSYGNAŁY\n"
        "Płace decydują\nIkona źródła\nŹródło: Nikkei Asia\nTekst.\n"
    ),
    "tr": (
        "Güncellendi 9 Nisan 2025, 13:35 EDT\nSemafor Signals\n"
        "Nikkei Asia ve Bloomberg'den görüşler\nHaberler\nGerçekler.\nSİNYALLER\n"
        "Ücretler karar veriyor\nKaynak simgesi\nKaynak: Nikkei Asia\nBir metin.\n"
    ),
    "id": (
        "Diperbarui 9 April 2025, 13.35 EDT\nSemafor Signals\n"
        "Wawasan dari Nikkei Asia dan Bloomberg\nBerita\nFakta.\nSINYAL\n"
        "Upah menentukan\nIkon sumber\nSumber: Nikkei Asia\nSebuah teks.\n"
    ),
    "sv": (
        "Uppdaterad 9 april 2025, 13:35 EDT\nSemafor Signals\n"
        "Insikter från Nikkei Asia och Bloomberg\nNyheterna\nFakta.\nSIGNALER\n"
        "Lönerna avgör\nKällikon\nKälla: Nikkei Asia\nEn text.\n"
    ),
    "ro": (
        "Actualizat 9 aprilie 2025, 13:35 EDT\nSemafor Signals\n"
        "Perspective de la Nikkei Asia și Bloomberg\nȘtirile\nFapte.\nSEMNALE\n"
        "Salariile decid\nPictograma sursei\nSursă: Nikkei Asia\nUn text.\n"
    ),
    "cs": (
        "Aktualizováno 9. 4. 2025 13:35 EDT\nSemafor Signals\n"
        "Postřehy od Nikkei Asia a Bloomberg\nZprávy\nFakta.\nSIGNÁLY\n"
        "Mzdy rozhodují\nIkona zdroje\nZdroj: Nikkei Asia\nText.\n"
    ),
}


TRANSLATED_DATES = {"es": "2024-03-19", "fr": "2023-09-04", "de": "2024-07-01", "pt": "2024-07-08"}


@pytest.mark.parametrize("language", sorted(TRANSLATED_PAGES))
def test_a_machine_translated_page_is_read_and_flagged(language):
    story = parse_text("Un titular traducido de la historia del día\n" + TRANSLATED_PAGES[language])
    assert story.title == "Un titular traducido de la historia del día"
    assert story.published == TRANSLATED_DATES.get(language, "2025-04-09")
    assert story.insights_from == ["Nikkei Asia", "Bloomberg"]
    assert [(bool(s.headline), s.outlets) for s in story.signals] == [(True, ["Nikkei Asia"])]
    assert "translated" in story.flags and "low_confidence" in story.flags


def test_an_english_copy_without_the_news_is_no_translation():
    story = parse_text("Semafor Signals\nInsights from Reuters\nSIGNALS\nA h\nSources: AP\nB.\n")
    assert "translated" not in story.flags


def test_a_translated_pages_other_furniture_is_read_as_the_english():
    # A sponsor's line, the audio player, the share row, other names for the icons, an ad.
    page = (
        "Semafor Signals\nCon el apoyo de\nLogotipo de Microsoft\n"
        "España reconoce el Estado palestino junto a dos socios europeos\n"
        "Actualizado el 28 de mayo de 2024, 11:42 a. m. EDT\nEscucha este artículo\nJugar\n"
        "PublicarCorreo electrónicoWhatsapp\nPerspectivas de El País y Haaretz\n"
        "Icona del título\nLas noticias\nHechos del día.\nPUBLICIDAD\nSEÑALES\n"
        "Madrid mira a Bruselas\nIcono de origen\nFuentes:  El País, Haaretz\nUn cuerpo.\n"
        "Israel llama a consultas\nIcono de origen\nFuente:  Haaretz\nOtro cuerpo.\n"
    )
    story = parse_text(page)
    assert story.title == "España reconoce el Estado palestino junto a dos socios europeos"
    assert story.sponsor == "Microsoft"
    assert [(s.headline, s.outlets) for s in story.signals] == [
        ("Madrid mira a Bruselas", ["El País", "Haaretz"]),
        ("Israel llama a consultas", ["Haaretz"]),
    ]


def test_a_translated_2023_pages_sign_up_line_and_translators_credit_are_not_signals():
    page = (
        "Semafor Signals\n13 déc. 2023, 9 h 12 HNE\nLa COP s’achève sur un appel inédit\n"
        "Avec les contributions de Carbon Brief et Le Monde\nNOUVELLES\nDes faits.\n"
        "TweetE-mailWhatsapp\nSIGNAUX\nPremier paragraphe sans titre, selon Carbon Brief.\n"
        "Second paragraphe sans titre, selon Le Monde.\n"
        "Inscrivez-vous à Semafor Net Zero : la lettre sur la transition. Lisez-la maintenant.\n"
        "Traduit avec DeepL.com (version gratuite)\n"
    )
    story = parse_text(page)
    assert (story.title, story.published) == ("La COP s’achève sur un appel inédit", "2023-12-13")
    assert [s.body[:6] for s in story.signals] == ["Premie", "Second"]


# Translated copies a scraper or a saved page runs together: the Turkish repost's labels glued
# to its headlines and headings; a German page whose label is translated too, so that it holds
# no word "signals" (the rejection made before its lines are read knows the translations).
GLUED_TRANSLATIONS = [
    (
        "Yayınlanma: 2025-03-20 08:12 Semafor Signals İstanbul Belediye Başkanı gözaltına alındı\n"
        "Güncellendi 19 Mart 2025, 14:40 EDT siyasetAvrupa\n"
        "Reuters ve Bloomberg HT'den görüşler\nHaberler\nGerçekler.\nREKLAM\n"
        "SİNYALLER Semafor Signals: Günün en büyük haberlerine dair küresel görüşler.\n"
        "Rakip oyun dışı Kaynaklar: Reuters, Cumhuriyet\nBir metin.\n"
        "Lira geriledi Kaynak: Bloomberg HT\nİkinci metin.\nYorumlar (3)\nmisafir: güzel özet.\n",
        ("İstanbul Belediye Başkanı gözaltına alındı", "2025-03-19"),
        [("Rakip oyun dışı", ["Reuters", "Cumhuriyet"]), ("Lira geriledi", ["Bloomberg HT"])],
    ),
    (
        "Aktualisiert am 6. Mai 2025, 14:31 Uhr EDTPolitikEuropa\nSemafor-Signale\n"
        "Merz scheitert im ersten Wahlgang\nEinblicke von Der Spiegel und Bloomberg\n"
        "Die Nachricht\nFakten.\nSIGNALE\nSemafor-Signale: Globale Einblicke.\n"
        "Eine Premiere\nQuellen: Der Spiegel, Bloomberg\nEin Text.\n",
        ("Merz scheitert im ersten Wahlgang", "2025-05-06"),
        [("Eine Premiere", ["Der Spiegel", "Bloomberg"])],
    ),
]


@pytest.mark.parametrize(("page", "title_and_date", "signals"), GLUED_TRANSLATIONS)
def test_a_translated_copy_with_its_labels_glued_on_is_read(page, title_and_date, signals):
    story = parse_text(page)
    assert (story.title, story.published) == title_and_date
    assert [(s.headline, s.outlets) for s in story.signals] == signals


def test_a_notes_mention_of_the_news_does_not_hide_a_translation_nor_its_date_field_titles_it():
    note = (
        "Datum gelezen: 26 juni 2025\nStatus: Gelezen\n"
        'Vertaald met Google Translate. Alleen het deel vanaf "The News" geplakt.\n---\n'
        "Het nieuws\nFeiten.\nSIGNALEN\nSpanje onderhandelde\nBronpictogram\n"
        "Bronnen: El País, Reuters\nEen tekst.\n"
    )
    story = parse_text(note)
    assert "translated" in story.flags and "untitled" in story.flags
    assert [(s.headline, s.outlets) for s in story.signals] == [
        ("Spanje onderhandelde", ["El País", "Reuters"])
    ]


def test_a_bilingual_markdown_copy_with_blank_lines_between_each_line_and_its_translation():
    markdown = (
        "Semafor Signals\n\n# Spain restores power\n\n# España restablece el suministro\n\n"
        "## The News\n\n## Las noticias\n\nFacts of the day.\n\nHechos del día.\n\n"
        "## SIGNALS\n\n## SEÑALES\n\n### The grid rules out an attack\n\n"
        "### La red descarta un ataque\n\nSources: El País, Reuters\n\n"
        "Fuentes: El País, Reuters\n\nA body in English.\n\nUn cuerpo en español.\n"
    )
    text, hints = markdown_to_text(markdown)
    story = parse_text(text, hints)
    assert story.title == "Spain restores power"
    assert [(s.headline, s.body) for s in story.signals] == [
        ("The grid rules out an attack", "A body in English.")
    ]


def test_a_translating_aggregators_repost_with_labels_and_icons_glued_on():
    page = (
        "Externe › Traduceri automate\n"
        "publicat 2025-05-19 06:42 Semnale Semafor Nicușor Dan câștigă turul doi la București\n"
        "Actualizat 19 mai 2025, 4:10 EDT politicăEuropa\n"
        "Perspective din Digi24 și Euronews\nPictograma titlului Știrile\nFapte.\n"
        "pictogramă SEMNALE Semafor Signals: Perspective globale.\n"
        "Prezența record a contat Pictograma sursei Surse: Digi24, HotNews\nUn text.\n"
        "Articol original (în engleză): https://www.semafor.com/article/05/19/2025/romania-runoff\n"
    )
    story = parse_text(page)
    assert (story.title, story.url) == (
        "Nicușor Dan câștigă turul doi la București",
        "https://semafor.com/article/05/19/2025/romania-runoff",
    )
    assert [(s.headline, s.outlets) for s in story.signals] == [
        ("Prezența record a contat", ["Digi24", "HotNews"])
    ]


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # The site's buttons and a sponsor line, translated: none of them is the headline.
        ("Copiar link\nSeñales de Semáforo\nUn titular de México\n", "Un titular de México"),
        ("Oturum aç\nSemafor işaret ediyor\nTürkiye'de bir başlık\n", "Türkiye'de bir başlık"),
        (
            "Semafor Signals\nSupporté par\nLogo Microsoft\nUn titre du Sénégal\n",
            "Un titre du Sénégal",
        ),
        ("Semafor Signals\nObsługiwane przez\nLogo Microsoft\nTytuł z Polski\n", "Tytuł z Polski"),
    ],
)
def test_a_translated_sites_buttons_and_sponsor_are_not_the_title(head, title):
    tails = {
        "Un titular": "La noticia\nHechos.\nSEÑALES\nUn h\nFuente: AP\nUn cuerpo.\n",
        "Türkiye": "Haberler\nGerçekler.\nSİNYALLER\nBir h\nKaynak: AP\nBir metin.\n",
        "Un titre": "L’actualité\nFaits.\nSIGNAUX\nUn t\nSource : AP\nUn corps.\n",
        "Tytuł": "Wiadomości\nFakty.\nSYGNAŁY\nNagłówek\nŹródło: AP\nTekst.\n",
    }
    tail = next(text for start, text in tails.items() if title.startswith(start))
    assert parse_text(head + tail).title == title


def test_a_note_apps_tag_field_is_not_the_title():
    note = "Tag: SWF, Indonesia, BUMN\nUpdated Feb 24, 2025, 9:10am EST\nThe News\nFacts.\n"
    story = parse_text(note + "SIGNALS\nA h\nSource: AP\nB.\n")
    assert "untitled" in story.flags


def test_a_news_databases_field_coded_export_is_read_as_its_document():
    export = (
        "Factiva\n\nSemafor Signals: Niger\n\n"
        "HD\tNiger’s guard detains the president\nWC\t598 words\nPD\t27 July 2023\n"
        "SN\tSemafor\nLA\tEnglish\nCY\tCopyright 2023 Semafor Inc.\n\n"
        "LP\t\nSemafor Signals\n\nJul 27, 2023, 7:10am EDT\n\nNEWS\n\nFacts of the day.\n\n"
        "TD\t\nSIGNALS\n\nFirst headless signal, Le Monde reported.\n\n"
        "Second headless signal, the BBC said.\n\n"
        "CO\tecwas : Economic Community of West African States\nNS\tgpol : Domestic Politics\n"
        "AN\tDocument SEMAFR0020230727ej7r0005l\n\nSearch Summary\nText\tsemafor AND niger\n"
    )
    story = parse_text(export)
    assert (story.title, story.published) == ("Niger’s guard detains the president", "2023-07-27")
    assert [s.body[:6] for s in story.signals] == ["First ", "Second"]


def test_a_news_databases_running_header_after_a_page_number_is_not_a_signal():
    title = "Dutch far right wins the most seats"
    page = (
        f"{title}\n\nSemafor\nNovember 23, 2023 Thursday\n\nLength: 664 words\n\nBody\n\n"
        "Semafor Signals\n\nNov 23, 2023, 6:05am EST\n\nNEWS\n\nFacts.\n\n"
        f"Page 2 of 3\n\n{title}\n\nSIGNALS\n\nFirst headless signal, NRC reported.\n\n"
        f"Second headless signal, the FT said.\n\nPage 3 of 3\n\n{title}\n\n"
        "Third headless signal, de Volkskrant said.\n\nTweetEmailWhatsapp\n"
    )
    assert [s.body[:6] for s in parse_text(page).signals] == ["First ", "Second", "Third "]


@pytest.mark.parametrize(
    "tail",
    [
        "TY  - RPRT\nAU  - International Crisis Group,\nTI  - A report\nKW  - Haiti\nER  - \n",
        "Item 2 — ESA budget note (summary only)\nMember states asked for options.\n",
        "[Open in Semafor](https://www.semafor.com/)\n\n### Eurasianet, 6 Feb 2024\n\nA summary.\n",
    ],
)
def test_a_reference_managers_next_record_or_a_memos_next_item_ends_the_page(tail):
    text, hints = markdown_to_text(_page("", "A h\nSource: AP\nB.\n\n" + tail))
    assert [(s.headline, s.body) for s in parse_text(text, hints).signals] == [("A h", "B.")]


@pytest.mark.parametrize("note", ["Estimated 5 minutes", "For Mon call w/ Bangkok office"])
def test_a_reading_apps_estimate_or_a_notes_shorthand_is_not_the_title(note):
    story = parse_text(f"{note}\n\nUpdated Aug 14, 2024, 8:02am EDT\n" + _page(""))
    assert "untitled" in story.flags


def test_a_name_cut_by_the_end_of_the_copy_inside_a_source_line_is_no_outlet():
    story = parse_text(
        _page("", "A h\nSource: AP\nB.\nThe airstrikes did not stop\nSources: Reuters, Mizz")
    )
    assert story.signals[-1].outlets == ["Reuters"]


def test_a_scrapers_line_with_the_menu_label_headline_and_time_run_together():
    line = (
        "Semafor Logo • D.C. • BXL • Lagos • Dubai • Beijing • SG Newsletters Sign In Semafor "
        "Signals Somaliland opposition leader Irro wins presidency in a peaceful handover Updated "
        "Nov 19, 2024, 12:40pm EST africaAfrica\n"
    )
    story = parse_text(_page(line))
    assert (story.title, story.published) == (
        "Somaliland opposition leader Irro wins presidency in a peaceful handover",
        "2024-11-19",
    )


def test_a_chats_next_message_that_goes_on_with_the_next_signal_is_not_the_end():
    chat = _page(
        "",
        "A h\nSources: RFI, Le Monde\nB.\n17:24\nThe AU suspends, Paris keeps quiet\n"
        "Sources: Jeune Afrique, AFP\nC.\nPostEmailWhatsapp\n",
    )
    assert [s.headline for s in parse_text(chat).signals] == [
        "A h",
        "The AU suspends, Paris keeps quiet",
    ]


def test_a_note_in_brackets_saying_the_selection_has_no_title_leaves_the_copy_untitled():
    note = (
        "Syria 8 Dec\nSunday 8 December 2024 at 09:14\n\n(dragged across from Safari in split "
        "view, the selection started under the photo so no title)\n\n"
        "Updated Dec 8, 2024, 4:05am EST\n"
    )
    assert "untitled" in parse_text(_page(note)).flags


@pytest.mark.parametrize(
    "between",
    [
        "Link Copied",  # Yahoo's toast after its share button
        "12-03-2024 · 412 reads",  # a news app's date and count
        "By Semafor Africa | Partner content | March 26, 2024, 09:10 GMT | 4 min read",
        "Smart View\nOriginal page\nAa",  # SmartNews's switch to the original
        "“A missionary pope with a Chicago accent. Good explainer.” — Renata Okafor",
        "Compartir en: Facebook X WhatsApp Telegram",  # a partner's share row
        "Star Tag Send to Save web page Translate",  # a feed reader's buttons
    ],
)
def test_a_syndicators_line_between_the_headline_and_the_label_is_not_the_title(between):
    head = (
        f"Faye wins Senegal’s presidency ten days after leaving jail\n{between}\nSemafor Signals\n"
    )
    assert (
        parse_text(_page(head)).title
        == "Faye wins Senegal’s presidency ten days after leaving jail"
    )


def test_a_newsletters_sponsor_box_between_two_signals_does_not_end_the_page():
    rule = "-" * 50
    signals = (
        f"A h\nSource: AP\nB.\n\n{rule}\nSPONSORED\nFieldstone Analytics: find your exposure.\n"
        f"Book a demo -> https://fieldstone.example/demo\n{rule}\n\n"
        f"Alberta is restless again\nSource: Calgary Herald\nC.\n\n"
        f"{rule}\nWHAT TO WATCH\n{rule}\n\n"
        "1. The cabinet. Expect a smaller one.\n"
    )
    story = parse_text(_page("", signals))
    assert [s.headline for s in story.signals] == ["A h", "Alberta is restless again"]


def test_a_broadcasters_name_cut_by_the_end_of_the_copy_is_no_outlet():
    signals = "A h\nSource: AP\nB.\nBabiš returns\nSources: Seznam Zprávy, Radio Prague Internat"
    assert parse_text(_page("", signals)).signals[-1].outlets == ["Seznam Zprávy"]


def _short_lines_of_the_test_pages() -> set[str]:
    lines = set()
    for path in (ROOT / "tests" / "data").rglob("*"):
        if path.suffix in (".txt", ".md", ".html") and path.is_file():
            text = path.read_text("utf-8", errors="replace")
            lines.update(s for line in text.split("\n") if 0 < len(s := line.strip()) <= 160)
    return lines


def test_the_quick_look_at_a_lines_words_never_turns_away_a_date_line():
    """``_may_be_all_date_words`` keeps its own list of the words ``_DATE_WORDS`` removes: every
    line of the test pages (a hundred thousand, five thousand of them all date words) that the
    substitution leaves without a word must pass it."""
    from signals_data.parse import _DATE_WORDS, _LETTERS, _may_be_all_date_words

    lines = _short_lines_of_the_test_pages() | {"Sept. 3, 2024, 4:05am EDT", "jeudi 8 août 2024"}
    dated = [line for line in lines if not _LETTERS.search(_DATE_WORDS.sub(" ", line))]
    assert len(dated) > 1000
    assert [line for line in dated if not _may_be_all_date_words(line)] == []


def test_a_partner_sites_link_to_its_own_story_between_signals_is_not_body():
    signals = (
        "A h\nSource: AP\nB.\n\nAlso read: Students name Yunus to lead the interim government\n\n"
        "C h\nSources: BBC\nD.\nALSO READ: Garment factories shut for a third day\n"
    )
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"]), ("C h", "D.", ["BBC"])]


def _outline(lines: str, indent: str = "\t") -> str:
    """Lines as an outliner's blocks: each "- " behind its depth (leading ">" per level)."""
    out = []
    for line in lines.strip("\n").split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        out.append(f"{indent * depth}- {line[depth:]}")
    return "\n".join(out)


_OUTLINED_PAGE = """Semafor Signals
>Nov 22, 2025, 6:41pm EST
>Belém talks end with an adaptation deal
>Insights from Politico and Xinhua
>The News
>Negotiators agreed to triple adaptation finance.
>SIGNALS
>The roadmap died late
>>Sources: Politico, Xinhua
>>Producers refused any wording on oil.
>>>my take: not surprising, watch COP31
>>{{[[TODO]]}} check the final text
>>((my timeline block: 2023 pledge))
>Beijing and Brussels found common cause
>>Source: Xinhua
>>The two coordinated on the adaptation deal.
>PostEmailWhatsapp"""


@pytest.mark.parametrize("indent", ["\t", "    "])
def test_an_outliners_block_copy_is_read_without_its_bullets_and_the_analysts_blocks(indent):
    """Logseq and Roam copy a page as blocks: the analyst's blocks under a signal (a note, a
    to-do, a block reference) and the outliner's attributes are not the page."""
    head = "July 25th, 2025\n" + _outline(
        "Belém notes #[[COP30]]\n>Source:: [[Semafor]] (excerpt)\n"
        ">url:: https://www.semafor.com/article/11/22/2025/cop30-belem-outcome\n"
        ">Read:: [[July 25th, 2025]]",
        indent,
    )
    text, hints = to_text(head + "\n" + _outline(_OUTLINED_PAGE, indent) + "\n", "text")
    story = parse_text(text, hints)
    assert story.title == "Belém talks end with an adaptation deal"
    assert story.url == "https://semafor.com/article/11/22/2025/cop30-belem-outcome"
    assert _signals_of(story) == [
        ("The roadmap died late", "Producers refused any wording on oil.", ["Politico", "Xinhua"]),
        (
            "Beijing and Brussels found common cause",
            "The two coordinated on the adaptation deal.",
            ["Xinhua"],
        ),
    ]


def test_a_pages_bulleted_menu_or_list_is_no_outliners_copy():
    """Only a copy whose Source lines are blocks too is an outliner's: a clipper's Markdown with
    a long bulleted menu, or a list under a signal's body, keeps every line."""
    from signals_data.page_forms import is_outliner_copy

    menu = "".join(f"- [{item}](https://example.com/{item})\n" for item in "ABCDEFGHIJKLMN")
    signals = "A h\nSource: AP\nB:\n\n- one point\n  - a deeper point\n"
    markdown = menu + _page("# Title of the page\n", signals)
    assert not is_outliner_copy(markdown)
    assert is_outliner_copy(_outline(_OUTLINED_PAGE))
    text, hints = to_text(markdown, "markdown")
    assert parse_text(text, hints).signals[0].body.split() == [
        "B:",
        "one",
        "point",
        "a",
        "deeper",
        "point",
    ]


@pytest.mark.parametrize("note", ["my notes on tariffs", "My note: check the Unifor statement"])
def test_an_analysts_note_between_two_signals_does_not_end_the_page(note):
    signals = f"A h\nSource: AP\nB.\n{note}\nStellantis idle since Feb.\nC h\nSources: BBC\nD.\n"
    story = parse_text(_page("", signals))
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"]), ("C h", "D.", ["BBC"])]


def test_an_analysts_note_below_the_last_signal_still_ends_the_page():
    signals = "A h\nSource: AP\nB.\nMy notes\nCheck the vote count\nAsk Ravi about it\n"
    assert _signals_of(parse_text(_page("", signals))) == [("A h", "B.", ["Associated Press"])]


def test_a_share_row_copied_between_two_signals_does_not_end_the_page():
    signals = "A h\nSource: AP\nB.\nPostEmailWhatsapp\nC h\nSource icon\nSources: BBC\nD.\n"
    story = parse_text(_page("", signals))
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"]), ("C h", "D.", ["BBC"])]


def test_a_notes_link_to_the_original_page_gives_the_address():
    # Below the page, where a link is another story's unless something says it is the page's.
    url = "https://www.semafor.com/article/05/28/2023/erdogan-wins-runoff"
    signals = "".join(f"H {n}\nSource: AP\nB {n}.\n\n" for n in range(1, 5))
    markdown = (
        _page("# Runoff\n\n#turkey #elections\n\n", signals) + f"\n---\n[Original page]({url})\n"
    )
    text, hints = to_text(markdown, "markdown")
    assert (
        parse_text(text, hints).url == "https://semafor.com/article/05/28/2023/erdogan-wins-runoff"
    )


def test_a_text_browsers_bracketed_icons_are_not_the_page():
    head = "[Semafor Logo] [rotating globe]\n[icon] Semafor Signals\nA headline here\n"
    signals = (
        "The fund runs out\n\n[Source icon]\nSources: Caixin, BBC\n\nB.\n\n"
        "A decision without debate\n\n[Source icon]\nSource: BBC\n\nC.\n"
    )
    story = parse_text(_page(head, signals))
    assert _signals_of(story) == [
        ("The fund runs out", "B.", ["Caixin", "BBC"]),
        ("A decision without debate", "C.", ["BBC"]),
    ]


@pytest.mark.parametrize("target", ["#main-content", "#signals"])
def test_a_text_browsers_skip_link_in_its_list_of_links_gives_the_address(target):
    """A link into the page itself: "Skip to main content", or the Insights line's arrow down
    to its signals."""
    url = "https://www.semafor.com/article/01/27/2025/belarus-vote"
    links = f"\nReferences\n\n   1. https://www.semafor.com/\n   2. {url}{target}\n"
    links += "   3. https://www.semafor.com/article/01/20/2025/another-story\n"
    text, hints = to_text(_page("Semafor Signals\nA headline here\n") + links, "text")
    assert parse_text(text, hints).url == "https://semafor.com/article/01/27/2025/belarus-vote"


def test_pandocs_identifier_after_a_long_headline_is_not_in_the_title():
    title = "Norway's Labour holds on to power as the populist right surges to second"
    slug = title.lower().replace("'", "").replace(" ", "-")
    markdown = f"Semafor Signals\n\n# {title} {{#{slug} .headline}}\n\n" + _page("")
    text, hints = to_text(markdown, "markdown")
    assert parse_text(text, hints).title == title


def test_a_kosovo_papers_name_cut_by_the_end_of_the_copy_is_no_outlet():
    signals = "A h\nSource: AP\nB.\nRama wins\nSources: DW, Koha Dit"
    assert parse_text(_page("", signals)).signals[-1].outlets == ["DW"]


def test_the_quick_look_for_a_posts_note_never_misses_one():
    """``_is_post_meta`` searches for ``_POST_NOTE`` only in lines with one of its words: on
    every line of the test pages it answers as the plain search does."""
    from signals_data.parse import _POST_META, _POST_NOTE, _is_post_meta

    lines = _short_lines_of_the_test_pages()
    noted = {line for line in lines if _POST_META.match(line) or _POST_NOTE.search(line)}
    assert len(noted) > 100
    assert [line for line in lines if _is_post_meta(line) != (line in noted)] == []


@pytest.mark.parametrize(
    "app",
    [
        "Semafor / by Semafor / 3h\nSave to Board\nMark as Read\nShare\nLeo\nSummarize\n4 min read",
        "Semafor · 5 min\n▶ Listen\nOpen Original\nAdd to queue  ·  Archive  ·  ···",
        "Semafor by Semafor Mar 11\nLeo Prioritized because it mentions International Court",
        "[Open in Pocket](https://getpocket.com/read/391) · [Original](https://example.com/a)",
    ],
)
def test_a_reading_apps_buttons_and_feed_line_under_the_headline_are_not_the_title(app):
    head = f"Korea lifts martial law hours after declaring it\n{app}\n\nSemafor Signals\n"
    text, hints = to_text(_page(head + "Dec 3, 2024, 4:52pm EDT\n"), "markdown")
    assert parse_text(text, hints).title == "Korea lifts martial law hours after declaring it"


def test_a_reading_apps_headline_set_above_the_saved_article_is_the_title():
    html = (
        "<html><body><main><header><h1>Georgia passes its foreign agents law</h1>"
        "<div>semafor.com · 5 min read</div></header><article>"
        + "".join(f"<p>{line}</p>" for line in _page("Semafor Signals\n").split("\n") if line)
        + "</article></main></body></html>"
    )
    text, hints = to_text(html, "html")
    assert parse_text(text, hints).title == "Georgia passes its foreign agents law"


def test_a_feed_readers_visit_website_button_gives_the_address():
    url = "https://www.semafor.com/article/03/11/2025/duterte-arrested?utm_source=feedly"
    page = "".join(f"<p>{line}</p>" for line in _page("Semafor Signals\nA headline\n").split("\n"))
    html = f"<html><body><div>{page}</div><a href='{url}'>Visit Website</a></body></html>"
    text, hints = to_text(html, "html")
    assert parse_text(text, hints).url == "https://semafor.com/article/03/11/2025/duterte-arrested"


def test_the_pages_own_time_wins_over_a_feed_readers_time_of_fetching_it():
    head = (
        "Inoreader · Semafor (full text)  ·  Mon, Sep 23, 2024 02:14\nMark as read   Star\n"
        "Sep 22, 2024, 9:40pm EDT politicsSouth Asia Semafor Signals Sri Lanka elects a leftist\n"
    )
    assert parse_text(_page(head)).published == "2024-09-22"


def test_unicode_line_separators_end_lines():
    signals = "A h\nSources: The Asahi Shimbun, Kyodo\u2028Eto’s remark was replayed.\n"
    text, hints = to_text(_page("", signals), "text")
    story = parse_text(text, hints)
    assert _signals_of(story) == [
        ("A h", "Eto’s remark was replayed.", ["The Asahi Shimbun", "Kyodo News"])
    ]


def test_an_analysts_source_line_with_the_pages_address_in_another_language_is_no_signal():
    url = "https://www.semafor.com/article/10/27/2025/argentina-midterms"
    story = parse_text(
        _page("", f"A h\nSource: AP\nB.\n\nC h\nSources: BBC\nD.\n\nFuente: {url}\n")
    )
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"]), ("C h", "D.", ["BBC"])]
    assert story.url == "https://semafor.com/article/10/27/2025/argentina-midterms"


def test_confluence_wiki_markup_with_the_page_in_a_panel_is_read_to_the_panels_end():
    url = "https://www.semafor.com/article/07/27/2023/niger-coup"
    wiki = (
        "h1. Niger — coup tracker\n\n{toc:maxLevel=2}\n\nh2. Background reading\n\n"
        f"* [Semafor Signals|{url}] — pasted below\n\n{{panel:title=Semafor|borderStyle=dashed}}\n"
        "Semafor Signals\nJul 27, 2023, 10:14am EDT\n\nh3. Niger’s army backs the coup\n\n"
        "!niger.jpg|thumbnail! Soldiers in Niamey. Reuters\n\nh4. NEWS\n\nFacts of the day.\n\n"
        "h4. SIGNALS\n\nNiger was the West’s partner, Le Monde noted.\n\n"
        "The country supplies uranium, Reuters said.\n{panel}\n\nh2. Open questions\n\n"
        "* ECOWAS ultimatum — does anyone expect it to hold? [~akoffi] to follow up\n"
    )
    text, hints = to_text(wiki, "text")
    story = parse_text(text, hints)
    assert story.title == "Niger’s army backs the coup"
    assert story.url == "https://semafor.com/article/07/27/2023/niger-coup"
    assert [s.body for s in story.signals] == [
        "Niger was the West’s partner, Le Monde noted.",
        "The country supplies uranium, Reuters said.",
    ]


def test_a_jira_noformat_block_holding_the_page_ends_it():
    wiki = "h2. Context\n\nSee below.\n\nh2. Pasted page\n\n{noformat}\n" + _page(
        "Semafor Signals\nA headline here\n"
    )
    wiki += (
        '{noformat}\n\nh2. Tasks\n\n{quote}\n"Keep an eye on this one."\n{quote}\n— [~m.diallo]\n'
    )
    text, hints = to_text(wiki, "text")
    assert _signals_of(parse_text(text, hints)) == [("A h", "B.", ["Associated Press"])]


def test_a_catholic_weeklys_name_cut_by_the_end_of_the_copy_is_no_outlet():
    signals = "A h\nSource: AP\nB.\nThe Pope in Peru\nSources: Crux, National Catho"
    assert parse_text(_page("", signals)).signals[-1].outlets == ["Crux"]


def test_the_next_message_of_a_mail_thread_ends_the_page():
    signals = (
        "A h\nSource: AP\nB.\n\nAna Solís <ana.solis@example.org>\tMon, Mar 27, 2023 at 9:40 AM\n"
    )
    signals += (
        "To: Central America desk <desk@example.org>\n\nAlso — Reuters has the Paraguay piece.\n"
    )
    assert _signals_of(parse_text(_page("", signals))) == [("A h", "B.", ["Associated Press"])]


def test_a_note_apps_edit_stamp_below_a_2023_page_is_no_signal():
    page = "Semafor Signals\nAug 24, 2023\nNEWS\nFacts of the day.\nSIGNALS\n"
    page += "First paragraph of the signals, Reuters reported.\n\nSecond one, the BBC said.\n\n"
    page += "Edited Aug 24, 2023 8:11 AM\n"
    assert len(parse_text(page).signals) == 2


def test_a_newsletters_sign_up_box_between_two_signals_does_not_end_the_page():
    signals = (
        "A h\nSource: AP\nB.\nSemafor Flagship — The daily global news briefing you can trust.\n"
    )
    signals += "By signing up you agree to our privacy policy.\nC h\nSources: BBC\nD.\n"
    story = parse_text(_page("", signals))
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"]), ("C h", "D.", ["BBC"])]


def test_a_link_previews_tagline_above_the_pasted_page_is_not_where_the_signals_start():
    head = (
        "[ 06/12/2024 16:03 ] Mihai: Semafor\nRomania’s court cancels the vote\n"
        "Semafor Signals: Global insights on today's biggest stories.\n"
        "[ 06/12/2024 16:05 ] Elena: 😮 wow\n"
        "[ 06/12/2024 16:09 ] Mihai: text for those without access:\n"
        "Semafor Signals\nRomania’s top court annuls the presidential election\n"
    )
    story = parse_text(_page(head))
    assert story.title == "Romania’s top court annuls the presidential election"
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


def test_a_note_saying_the_copy_starts_under_the_headline_in_the_present_leaves_it_untitled():
    head = "Copying from under the headline, the top bit wouldn’t select\nNov 28, 2024\n"
    assert parse_text(_page(head + "Insights from Reuters\n")).flags.count("untitled") == 1


def test_a_chat_message_that_goes_on_with_a_signals_body_after_its_source_line_is_not_the_end():
    signals = (
        "A h\nSources: The Kathmandu Post\n\nBikash Shrestha, [09.09.2025 18:44]\n"
        "[Forwarded from Himalaya Brief]\n"
        "Oli and two other leaders have rotated the premiership among themselves for years.\n\n"
        "C h\nSources: BBC\nD.\n\nAnna Meier, [09.09.2025 18:46]\n👍 perfect, thanks\n"
    )
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert [s.headline for s in story.signals] == ["A h", "C h"]
    assert story.signals[0].body.startswith("Oli and two other leaders")


def test_a_phones_text_messages_sent_in_parts_are_read_as_one_page():
    page = (
        "Oct 21, 2024 8:52:40 AM  Received\n(1/3) Semafor Signals\nA headline here\n"
        "The News\nFacts of the day.\n\nOct 21, 2024 8:52:41 AM  Received\n(2/3) SIGNALS\n"
        "A h\nSources: Reuters\nPolice said they had identified people who\n\n"
        "Oct 21, 2024 8:52:43 AM  Received\n(3/3) received money.\nC h\nSources: BBC\nD.\n\n"
        "Oct 21, 2024 9:40:02 AM  Sent\nThanks, got all 3 parts\n"
    )
    story = parse_text(page)
    assert [(s.headline, s.outlets) for s in story.signals] == [
        ("A h", ["Reuters"]),
        ("C h", ["BBC"]),
    ]
    assert story.signals[0].body == "Police said they had identified people who received money."


def test_a_pdf_converters_latex_headings_and_page_marks_are_plain_lines():
    markdown = (
        "{0}------------------------------------------------\n\n\\section*{A headline here}\n\n"
        "Semafor Signals\n\n\\section*{The News}\n\nGrowth was 3.1\\% this year.\n\n"
        "{1}------------------------------------------------\n\n\\section*{SIGNALS}\n\n"
        "\\section*{A h}\n\nSource: AP\n\nB.\n"
    )
    text, hints = to_text(markdown, "markdown")
    story = parse_text(text, hints)
    assert story.title == "A headline here" and "3.1%" in story.summary
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


@pytest.mark.parametrize(
    "sheet_break",
    [
        # Firefox: the page number and time below, the title (cut) and address above.
        "1 of 2          2/24/25, 9:15 AM\nMerz wins Germany’s election as the far-right AfD dou…"
        "    https://www.semafor.com/article/02/23/2025/germany-election\n\n\n",
        # Firefox in French: "1 sur 2" and the day before the month.
        "1 sur 2          24/02/2025 09:15\nMerz wins Germany’s election as the far-right AfD dou…"
        "    https://www.semafor.com/article/02/23/2025/germany-election\n\n\n",
        # Safari: the address and "Page 1 of 2" below, the title and time above.
        "https://www.semafor.com/article/02/23/2025/germany-election Page 1 of 2\n"
        "Merz wins Germany’s election as the far-right AfD doubles its vote | Semafor "
        "2/24/25, 9:15 AM\n",
        # A PDF viewer's copy: Firefox's header with the title and address on lines of their own.
        "1 of 2 2/24/25, 9:15 AM\nMerz wins Germany’s election as the far-right AfD doubles its "
        "vote | Semafor\nhttps://www.semafor.com/article/02/23/2025/germany-election\n",
    ],
)
def test_the_margins_other_browsers_print_on_each_sheet_are_not_the_page(sheet_break):
    # The sheet breaks inside a paragraph: the paragraph reads as one again.
    signals = f"A h\nSources: DW, Die Zeit\nThe AfD won the most votes\n{sheet_break}in the east.\n"
    signals += "\nEurope wants Berlin back\nSources: Le Monde\nEuropean capitals hope for a deal.\n"
    head = "Semafor Signals\nMerz wins Germany’s election as the far-right AfD doubles its vote\n"
    story = parse_text(_page(head, signals))
    assert _signals_of(story) == [
        ("A h", "The AfD won the most votes in the east.", ["DW", "Die Zeit"]),
        ("Europe wants Berlin back", "European capitals hope for a deal.", ["Le Monde"]),
    ]
    assert story.url == "https://semafor.com/article/02/23/2025/germany-election"


def test_a_print_footer_run_into_a_sentence_is_taken_out_and_gives_the_address():
    url = "https://www.semafor.com/article/03/25/2024/senegal-faye"
    signals = (
        f"A h\nSources: Reuters\nInvestors will be watching {url} 1/2 whether it follows through.\n"
    )
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert story.signals[0].body == "Investors will be watching whether it follows through."
    assert story.url == "https://semafor.com/article/03/25/2024/senegal-faye"


def test_a_converters_banner_and_the_menu_in_one_line_are_not_the_title():
    head = (
        "==== Converted by PDF2TXT Online (free) | file: story.pdf | pages 1-2 of 2 ====\n"
        "D.C. BXL Lagos Dubai Beijing SG Newsletters Events Sign In\n"
        "Updated Feb 14, 2024, 10:12am EST politicsSoutheast Asia Semafor Signals Supported by "
        "Prabowo claims victory in Indonesia’s election as quick counts point to a win\n"
    )
    story = parse_text(_page(head + "Insights from Tempo\n"))
    assert (
        story.title
        == "Prabowo claims victory in Indonesia’s election as quick counts point to a win"
    )
    assert story.sponsor is None


@pytest.mark.parametrize(
    "above",
    [
        # A monitoring service's alert saved with its headers and fields.
        "From: Monitor Alerts <alerts@example.org>\nSubject: [Monitor] 1 new match\n"
        'MIME-Version: 1.0\nContent-Type: text/plain; charset="utf-8"\n\nRule:   Great Lakes\n'
        "Matched terms: Goma x7, M23 x6\nCaptured text (from first match, 2,000 words max):\n"
        "-----------------------------------\n",
        # A workflow tool's log above its extract of the page's sections.
        "Pipedream · Workflow: semafor-latam-watch (p_8rCzYk2)\n"
        "Event 2xRkP7vQd3mT91 · Aug 18, 2025, 12:04:51 PM UTC · Succeeded\n"
        "  extract_main · Node.js (cheerio) ..... ok 18ms\n"
        "─── Exports › steps.extract_main.text ───\n",
    ],
)
def test_a_tools_extract_that_starts_at_the_news_is_untitled(above):
    page = above + "\nTitle icon\nThe News\nFacts of the day.\nSIGNALS\nA h\nSource: AP\nB.\n"
    story = parse_text(page)
    assert "untitled" in story.flags
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


def test_html2texts_starred_headings_are_read_as_headings():
    page = (
        "Semafor Signals\nNov 20, 2023, 7:48am EST\n"
        "****** Argentina elects Javier Milei as president ******\n"
        "***** NEWS *****\nFacts of the day.\n***** SIGNALS *****\n"
        "The result was the worst for the Peronists, La Nación noted.\n"
    )
    story = parse_text(page)
    assert story.title == "Argentina elects Javier Milei as president"
    assert [s.body for s in story.signals] == [
        "The result was the worst for the Peronists, La Nación noted."
    ]


@pytest.mark.parametrize(
    "footer",
    [
        "Read on semafor.com →\nYou’re receiving this because you subscribed to Semafor.\n",
        "Manage this Zap: https://zapier.com/editor/229817403\n"
        "You received this digest because a Zap in your team ran.\n",
        "Replay event · Copy as JSON · Inspect raw response (truncated to 64 KB)\n",
    ],
)
def test_a_digests_or_a_tools_footer_below_the_page_is_no_signal(footer):
    story = parse_text(
        _page("Semafor Signals\nA headline here\n", f"A h\nSource: AP\nB.\n{footer}")
    )
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


def test_a_wechat_accounts_read_the_original_link_gives_the_address():
    url = "https://www.semafor.com/article/03/29/2025/myanmar-earthquake?utm_source=wechat"
    page = "".join(f"<p>{line}</p>" for line in _page("Semafor Signals\nA headline\n").split("\n"))
    html = (
        '<html><head><meta property="og:url" content="https://mp.weixin.qq.com/s?__biz=Mz"></head>'
        f'<body><div>{page}</div><div><a href="{url}">阅读原文</a></div></body></html>'
    )
    text, hints = to_text(html, "html")
    assert (
        parse_text(text, hints).url == "https://semafor.com/article/03/29/2025/myanmar-earthquake"
    )


def test_telegrams_instant_view_footer_below_a_2023_page_is_no_signal():
    page = "Semafor Signals\nMay 28, 2023\nNEWS\nFacts of the day.\nSIGNALS\n"
    page += "First paragraph of the signals, Reuters reported.\n\nSecond one, the BBC said.\n\n"
    page += "View original Wrong layout? Leave feedback\n"
    assert len(parse_text(page).signals) == 2


@pytest.mark.parametrize(
    "between",
    [
        "Listen to article",
        "Ad blocked",
        "This ad has been removed",
        "From the Semafor piece (link)",
    ],
)
def test_an_audio_button_an_ad_blockers_placeholder_or_a_notes_pointer_is_not_the_title(between):
    head = f"copied from under the headline\n\nUpdated Mar 4, 2025, 8:40am EST\n{between}\n"
    story = parse_text(_page(head + "Insights from Reuters\n"))
    assert "untitled" in story.flags and story.title == ""


def test_a_mail_clients_plain_text_image_is_read_as_the_icon_it_names():
    signals = "A h\n[image: Source icon]\nSources: Dawn\nB.\n"
    signals += "C h\n[image: Source icon]\nSources: BBC\nD.\n"
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert _signals_of(story) == [("A h", "B.", ["Dawn"]), ("C h", "D.", ["BBC"])]


def test_a_screen_readers_log_with_the_roles_after_the_names_is_read():
    log = (
        "NVDA Speech Viewer\ndocument\nbanner landmark\nSemafor Logo  graphic  link\n"
        "main landmark\n"
        "Semafor Signals\nheading  level 1  Yoon is removed from office\nUpdated Apr 4, 2025\n"
        "Arrow Down  graphic\nheading  level 2  The News\nFacts of the day.\n"
        "heading  level 2  SIGNALS\nheading  level 3  Sixty days to pick a successor\n"
        "Source icon  graphic\nSources:  Yonhap\nLee is the front-runner, Yonhap reported.\n"
        "heading  level 3  The won rallied\nSource icon  graphic\nSources:  Bloomberg\n"
        "The won strengthened, Bloomberg said.\n"
    )
    story = parse_text(log)
    assert story.title == "Yoon is removed from office"
    assert [s.headline for s in story.signals] == [
        "Sixty days to pick a successor",
        "The won rallied",
    ]


@pytest.mark.parametrize(
    "footer",
    [
        "Just Read: 1 page · 912 words · Saved to “UK election”",
        "[▶ Listen to this article · 4:12 · Voice: Brave Natural (Ava)]",
    ],
)
def test_a_reading_tools_line_below_the_page_is_no_signal(footer):
    story = parse_text(
        _page("Semafor Signals\nA headline here\n", f"A h\nSource: AP\nB.\n\n{footer}\n")
    )
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


def test_a_chats_next_message_under_its_senders_name_ends_a_page_cut_in_a_source_line():
    signals = (
        "A h\nSource: AP\nB.\nKyiv was watching\nSources: The Kyiv Independent, The Washington Po"
    )
    signals += "\n\nTom Whitfield\n18/07/2024 17:11\nthanks, got the rest from the app\n"
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert [s.outlets for s in story.signals] == [["Associated Press"], ["The Kyiv Independent"]]
    assert story.signals[-1].body == ""


def _link_post(canonical: str, links: str) -> str:
    return (
        f'<html><head><link rel="canonical" href="{canonical}"></head><body>'
        f'<p><a href="https://old.reddit.com/r/asia/">r/asia</a> · 412 points</p>{links}'
        "<p>Semafor Signals</p><h1>Two armies trade fire</h1><h2>The News</h2><p>Facts.</p>"
        "<h2>SIGNALS</h2><h3>A h</h3><p>Source: AP</p><p>B.</p></body></html>"
    )


def test_a_platforms_link_post_is_the_page_it_links_not_the_post():
    article = "https://www.semafor.com/article/07/24/2025/border-clashes?utm_source=reddit"
    post = _link_post(
        "https://old.reddit.com/r/asia/comments/1m8k2qx/two_armies/",
        f'<p><a href="{article}">Two armies trade fire</a> '
        '(<a href="https://old.reddit.com/domain/semafor.com/">semafor.com</a>)</p>',
    )
    story = _html_story(post)
    assert story.url == "https://semafor.com/article/07/24/2025/border-clashes"
    assert story.published == "2025-07-24"


def test_a_hacker_news_item_without_its_own_address_is_the_page_it_links():
    article = "https://www.semafor.com/article/11/18/2023/board-fires-chief"
    html = _link_post("", f'<p><a href="{article}">Board fires chief (semafor.com)</a></p>')
    html = html.replace('<link rel="canonical" href="">', "").replace(
        "https://old.reddit.com/r/asia/", "https://news.ycombinator.com"
    )
    assert _html_story(html).url == "https://semafor.com/article/11/18/2023/board-fires-chief"


def test_a_post_linking_two_semafor_articles_gives_no_address():
    """Which of the two is the page is not known; the post's own address is not the story's."""
    links = "".join(
        f'<p><a href="https://www.semafor.com/article/07/2{n}/2025/story-{n}">more</a></p>'
        for n in (3, 4)
    )
    post = _link_post("https://old.reddit.com/r/asia/comments/1m8k2qx/two_armies/", links)
    assert _html_story(post).url is None


@pytest.mark.parametrize("label", ["News / Noticias", "World / Africa", "Discussion / Debate"])
def test_a_forums_flair_or_a_section_pair_above_the_news_is_not_the_title(label):
    head = f"r/LatinAmerica\nu/guayaquil_notes • 1d\n{label}\n\n"
    story = parse_text(_page(head + "Insights from Reuters\n"))
    assert "untitled" in story.flags and story.title == ""


@pytest.mark.parametrize(
    "below",
    [
        "58 boosts · 73 favorites\nRuedi K.\nwell said\n",
        "348 notes\nmercosur-memes liked this\nBold move\n",
        "Top comments\n\nu/shanghai_quant\nSeen this movie before. Sources: my portfolio.\n",
        "Reblog\nLike\nSource: latamdesk\nSee all notes\n",
        "Ruedi K. @ruedi@tooting.ch\nGood read\nSources: my own notes\n",
        "Daniel Kwon\nJun 4\nThe tariff section is the one my readers will care about.\n",
        "semafor.comCOP30 opens in the Amazon | Semafor\nReplies\nA reply\n",
    ],
)
def test_a_posts_counts_replies_and_link_card_below_the_page_are_no_signal(below):
    story = parse_text(_page("Semafor Signals\nA headline here\n", f"A h\nSource: AP\nB.\n{below}"))
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


def test_a_copy_that_lost_its_signals_heading_reads_its_signals_from_the_first_credit():
    page = (
        "Semafor Signals\nA big headline about ships\nUpdated Jun 18, 2024, 5:41am EDT\n"
        "The News\nFacts of the day here.\nManila says the line has been crossed\n"
        "Sources: Rappler\nBody one.\nWashington is tested\nSources: Reuters\nBody two.\n"
    )
    story = parse_text(page)
    assert story.summary == "Facts of the day here."
    assert _signals_of(story) == [
        ("Manila says the line has been crossed", "Body one.", ["Rappler"]),
        ("Washington is tested", "Body two.", ["Reuters"]),
    ]


def test_a_page_posted_over_a_chain_of_replies_on_threads_reads_as_one_page():
    seam = "Like\n96\nComment\n4\nRepost\n11\nShare\n2\n\nmarisol.reads\n06/18/24\nMore\n"
    page = (
        "marisol.reads\n06/18/24\nMore\nPutting the page in the replies\n"
        + seam
        + "Semafor Signals\nA big headline about ships\nUpdated Jun 18, 2024, 5:41am EDT\n"
        + seam
        + "The News\nFacts of the day here.\n"
        + seam
        + "Manila says the line has been crossed\nSources: Rappler\nBody one.\n"
        + seam.replace("96", "1.2K")
        + "Washington is tested\nSources: Reuters\nBody two.\n"
        + seam
    )
    story = parse_text(page)
    assert story.title == "A big headline about ships"
    assert _signals_of(story) == [
        ("Manila says the line has been crossed", "Body one.", ["Rappler"]),
        ("Washington is tested", "Body two.", ["Reuters"]),
    ]


@pytest.mark.parametrize(
    "record",
    [
        "Search results > Record 3 of 27\nBack to results | Print | Email\n\n"
        "Title: Erdoğan wins another five years\nSource: Semafor (Washington, DC)\n"
        "Date: May 28, 2023\nSection: Semafor Signals\nEdition: Online\nWord Count: 506\n\n"
        "Full text:\n\n",
        "$ python extract_article.py --nlp\nnewspaper4k 0.9.3 | lang=en\n"
        "title        : Erdoğan wins another five years\nauthors      : []\n\n",
    ],
)
def test_a_records_title_field_titles_a_copy_without_its_headline(record):
    page = record + "Semafor Signals\nMay 28, 2023, 3:47pm EDT\nNEWS\nFacts.\nSIGNALS\n"
    page += "The lira slid to a record low, Bloomberg reported.\n"
    story = parse_text(page)
    assert story.title == "Erdoğan wins another five years"
    assert "untitled" in story.flags and story.published == "2023-05-28"


def test_a_portals_view_on_semafor_link_gives_the_pages_address():
    article = "https://www.semafor.com/article/09/27/2024/ishiba-wins?utm_source=msn"
    html = (
        '<html><head><link rel="canonical" href="https://www.msn.com/en-us/news/world/ar-AA1">'
        "</head><body><p>Semafor Signals</p><h1>Ishiba wins</h1><h2>The News</h2><p>Facts.</p>"
        "<h2>SIGNALS</h2><h3>A h</h3><p>Source: AP</p><p>B.</p>"
        f'<div><a href="{article}">View on semafor.com</a></div></body></html>'
    )
    assert _html_story(html).url == "https://semafor.com/article/09/27/2024/ishiba-wins"


def test_an_aggregators_original_source_line_gives_the_pages_address():
    below = "\nOriginal source: https://www.semafor.com/article/05/08/2025/pope-elected\n"
    story = parse_text(_page("Semafor Signals\nCardinals elect a pope\n") + below)
    assert story.url == "https://semafor.com/article/05/08/2025/pope-elected"


def test_a_reader_services_fetch_of_an_apps_link_gives_no_address():
    markdown = (
        "Title: Ruto drops tax bill — Semafor | Apple News\n\n"
        "URL Source: https://apple.news/AqZ3hVw7LS1m4R0pKc8Tb9A\n\nMarkdown Content:\n"
        "Semafor Signals\n\nRuto drops tax bill\n\n## The News\n\nFacts.\n\n" + SIGNALS_TAIL
    )
    text, hints = to_text(markdown, "markdown")
    assert hints.url is None
    assert parse_text(text, hints).url is None


def test_a_feed_readers_feed_address_is_not_the_pages():
    item = "https://news.yahoo.com/labour-wins-landslide-094512847.html"
    markdown = (
        f"---\nexported_from: Inoreader\nfeed_url: https://news.yahoo.com/rss/semafor\n"
        f"item_link: {item}\n---\n\n## Labour wins a landslide\n\n"
        "*Semafor via Yahoo News · Fri, 05 Jul 2024 23:45:12 GMT* Semafor Signals Insights from"
        " The Guardian\n\n"
        "The News\n\nFacts.\n\n" + SIGNALS_TAIL
    )
    text, hints = to_text(markdown, "markdown")
    story = parse_text(text, hints)
    assert story.url == normalize_url(item)
    assert story.title == "Labour wins a landslide" and story.published == "2024-07-05"


def test_a_feeds_time_with_seconds_and_an_offset_is_read():
    assert parse_timestamp("Fri, 05 Jul 2024 09:45:12 GMT") == ("2024-07-05T09:45:00+00:00", False)
    assert parse_timestamp("Fri, 05 Jul 2024 09:45:12 +0200")[0] == "2024-07-05T09:45:00+02:00"


def test_a_reader_services_bare_image_number_is_no_headline():
    markdown = (
        "Title: India lands near the south pole\n\nMarkdown Content:\n"
        "India lands near the south pole\n===============\n\n"
        "Semafor Signals\n\nInsights from The Hindu\n\n![Image 1](https://s.example/a.jpg)\n\n"
        "NEWS\n\nFacts.\n\nSIGNALS\n\nThe mission cost little, The Hindu reported.\n"
    )
    text, hints = to_text(markdown, "markdown")
    assert "Image 1" not in text
    assert parse_text(text, hints).title == "India lands near the south pole"


@pytest.mark.parametrize(
    "below",
    ["(412)\n", "\nRead Full Article at Semafor\n---\nSimilar News Topics\nKorea\n"],
)
def test_a_portals_comment_count_and_full_article_link_are_no_signal(below):
    story = parse_text(_page("Semafor Signals\nA headline here\n", f"A h\nSource: AP\nB.\n{below}"))
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


def test_a_channels_views_between_two_posts_of_the_page_do_not_end_it():
    post = "Desk Digest, [24.06.2025 14:04]\n[Forwarded from Gulf Watch]\n"
    signals = "A h\nSource: AP\nB.\n\n👁 17.9K\n\n" + post + "C h\nSources: BBC\nD.\n\n👁 9.4K\n"
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"]), ("C h", "D.", ["BBC"])]


def test_a_page_posted_over_a_numbered_thread_reads_as_one_page():
    def post(text: str, part: int) -> str:
        return f"Aïssata Sow\n@asow@scholar.social\n\n{text} ({part}/5)\n\n#Niger\n\n" + (
            f"Jul 31, 2023, 08:1{part} · Web · 29 · 18\n\n"
        )

    thread = "scholar.social\nLog in\n\n" + "".join(
        [
            post("Pasting Semafor's page below in pieces.", 1),
            post("Semafor Signals\nJul 30, 2023, 3:22pm EDT\nA bloc gives a week", 2),
            post("NEWS\nThe bloc gave the officers one week.", 3),
            post("SIGNALS\nThe threat of force is new, Premium Times reported.", 4),
            post("That's the page. My two cents: the sanctions matter most.", 5),
        ]
    )
    thread += "Ibrahim Garba\n@igarba@mastodon.africa\n@asow the power cut started\n"
    story = parse_text(thread)
    assert story.title == "A bloc gives a week"
    assert [(s.headline, s.body) for s in story.signals] == [
        ("", "The threat of force is new, Premium Times reported.")
    ]


def test_numbers_in_brackets_that_are_no_threads_parts_stay():
    text = "Ratings fell (1/3)\nthen rose (3/3)\nand fell again (2/3)\n"
    assert as_page_text(text) == text


@pytest.mark.parametrize(
    "below",
    [
        "semafor.com\nhttps://www.semafor.com/article/12/12/2024/ankara-declaration\n",
        "[12.12.24 16:24] Mariana R.:\nhttps://www.semafor.com/article/12/12/2024/ankara-declaration\n",
    ],
)
def test_a_share_card_or_a_chats_next_message_below_the_page_gives_its_address(below):
    signals = "A h\nSource: AP\nB.\nPostEmailWhatsapp\n\n" + below
    story = parse_text(_page("Semafor Signals\nUpdated Dec 12, 2024, 9:05am EST\n", signals))
    assert story.url == "https://semafor.com/article/12/12/2024/ankara-declaration"
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


@pytest.mark.parametrize("heading", ["Notities (Sanne):", "Notizen:", "Uwagi (M. Nowak):"])
def test_an_analysts_notes_heading_in_their_language_ends_the_page(heading):
    signals = f"A h\nSource: AP\nB.\n\n{heading}\nPunt 2 gebruiken\nSources: my own notes\n"
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


@pytest.mark.parametrize(
    "note",
    [
        "Załącznik nr 1 – fragment artykułu Semafor (skopiowany bez nagłówka strony)",
        "Auszug aus Semafor, kopiert ohne Überschrift",
        "Extrait de Semafor copié sans le titre",
    ],
)
def test_a_note_in_the_analysts_language_that_the_headline_was_not_copied(note):
    head = f"Notatka informacyjna\n\n{note}\n\nJul 21, 2025, 6:05am EDT\nInsights from Kyodo\n"
    story = parse_text(_page(head))
    assert "untitled" in story.flags and story.title == ""


def test_a_hard_wrapped_printout_with_spaced_paragraphs_keeps_each_paragraph_whole():
    # A paragraph's first sentence fills its line, and the next line starts in capitals without
    # ending one: in a copy whose paragraphs are set apart by blank lines, it goes on.
    first = (
        "Paris stands to lose its last close partner in the Sahel. About 1,500 French\n"
        "troops moved to the country after the juntas next door ordered them out, and\n"
        "officials had held up the elected president as proof that a new approach to\n"
        "the region could work, Le Monde reported."
    )
    second = (
        "Washington’s counterterrorism strategy in West Africa runs through Niamey.\n"
        "The US keeps about 1,100 troops in the country, including at a large drone\n"
        "base near Agadez used to watch armed groups across the border regions, the\n"
        "New York Times noted."
    )
    third = (
        "The country’s uranium matters to European utilities and their power plants.\n"
        "It supplied about a quarter of the natural uranium the bloc imported, and a\n"
        "French state group operates a mine near Arlit, Reuters noted, though stocks\n"
        "held by operators could absorb a short stop."
    )
    news = (
        "Soldiers in Niger announced on national television late on Wednesday that\n"
        "they had removed the president, suspended the constitution and closed the\n"
        "borders on Wednesday night."
    )
    page = "Semafor Signals\n\nJul 27, 2023, 7:05am EDT\n\nNiger’s military removes Bazoum\n\n"
    page += f"NEWS\n\n{news}\n\nThe bloc condemned it.\n\nSIGNALS\n\n{first}\n\n{second}\n\n"
    page += f"{third}\n\nSign up for Semafor Africa: the stories shaping a continent.\n"
    story = parse_text(page)
    assert [s.body for s in story.signals] == [p.replace("\n", " ") for p in (first, second, third)]


def test_a_firefox_printouts_header_in_another_locale_is_taken_out_and_whole_title_kept():
    url = "https://www.semafor.com/article/07/27/2023/niger-coup"
    header = f"Niger’s military says it has removed President Mohamed Bazoum | Semafor     {url}"
    page = (
        f"{header}\n\nSemafor Signals\n\nJul 27, 2023, 7:05am EDT\n\n"
        "Niger’s military says it has removed President\nMohamed Bazoum\n\nNEWS\n\nFacts.\n\n"
        "SIGNALS\n\nFrance stands to lose its last partner, Le Monde reported.\n\n\n"
        f"1 sur 2                                   28/07/2023 10:14\n{header}\n\n"
        "Washington’s strategy runs through Niger, The New York Times noted.\n"
    )
    story = parse_text(page)
    assert story.title == "Niger’s military says it has removed President Mohamed Bazoum"
    assert [s.body[:10] for s in story.signals] == ["France sta", "Washington"]


def test_a_repliers_comment_inside_a_quoted_page_is_not_a_signal():
    page = (
        "Semafor Signals\nCardinals elect a pope\nThe News\nFacts of the day.\nSIGNALS\n"
        "American conservatives were wary\nSource: National Catholic Reporter\n"
        "An account in his name had shared posts, the paper reported.\n"
        "The Church is growing in the Global South\nSources: Pew Research Center, Crux\n"
        "Roughly 40% of Catholics live in Latin America, Pew said.\n"
    )
    quoted = ["> " + line for line in page.strip().split("\n")]
    quoted.insert(9, "[GB] The account was run by him but not all reposts were his own words –")
    quoted.insert(10, 'careful with "his posts".')
    story = parse_text("Agreed, see inline.\n\nOn Thu, Gabriel wrote:\n" + "\n".join(quoted))
    assert _signals_of(story) == [
        (
            "American conservatives were wary",
            "An account in his name had shared posts, the paper reported.",
            ["National Catholic Reporter"],
        ),
        (
            "The Church is growing in the Global South",
            "Roughly 40% of Catholics live in Latin America, Pew said.",
            ["Pew Research Center", "Crux"],
        ),
    ]


@pytest.mark.parametrize(
    "below",
    [
        "Share  ·  Post  ·  Email  ·  Whatsapp  ·  Copy link\nOpen questions for the weekly\n"
        "Timeline for the referendum (DK)\n",
        "👍 3\n\nClaire Dubois 13/05/2025 18:36\nthanks! think your paste stopped\n"
        "Omar Saleh 13/05/2025 18:38\nyeah Teams ate it\n",
        "PostEmailWhatsappSemafor LogoAbout UsNewsletters© 2025 Semafor Inc.\n\n----\n"
        "3.  x.com  ·  Social  ·  Reach 18K\nSource: @kpolitics_watch\nTurnout was high.\n",
    ],
)
def test_a_share_row_a_chats_reactions_and_next_sender_end_the_page(below):
    story = parse_text(_page("Semafor Signals\nA headline here\n", f"A h\nSource: AP\nB.\n{below}"))
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


def test_soft_hyphens_in_a_saved_page_are_taken_out():
    page = "Semafor Signals\nJavier Milei wins Argen\u00adtina’s presi\u00addency\n" + PAGE_TAIL
    signal = "Dollar\u00adization is easier promised\nSource: Hudson Insti\u00adtute\nB.\n"
    story = parse_text(page + signal)
    assert story.title == "Javier Milei wins Argentina’s presidency"
    assert _signals_of(story) == [("Dollarization is easier promised", "B.", ["Hudson Institute"])]


@pytest.mark.parametrize(
    "below",
    [
        "🐦 Tweet ✉️ Email 💬 Whatsapp\n📬 Sign up for Semafor Flagship\n",
        "[TM note: check DA cabinet posts once announced – Steenhuisen?]\n",
        "\nAnalyst comment\nRow 2 — compare with the manifesto.\n",
    ],
)
def test_a_share_row_with_icons_and_an_analysts_note_below_the_page_are_no_signal(below):
    story = parse_text(_page("Semafor Signals\nA headline here\n", f"A h\nSource: AP\nB.\n{below}"))
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


def test_a_source_name_cut_by_a_chats_next_message_is_no_outlet():
    head = "Semafor Signals\nProtests spread\n"
    head += "Insights from Africa Confidential and Club of Mozambique\n"
    signals = "A h\nSources: Africa Confidential, Club of Mo\n"
    signals += "07/11/2024, 14:24 - Lindiwe Khumalo: thanks, the rest got cut?\n"
    story = parse_text(_page(head, signals))
    assert story.signals[-1].outlets == ["Africa Confidential"]


@pytest.mark.parametrize(
    ("title", "marks"),
    [
        ("2. Portugal’s centre-right edges out the Socialists", ["2.2.1 ", "2.2.2 ", "2.2.3 "]),
        ("Portugal’s centre-right edges out the Socialists", ["a) ", "b) ", "c) "]),
        ("Portugal’s centre-right edges out the Socialists", ["1. ", "2. ", "3. "]),
    ],
)
def test_a_word_processors_numbering_before_the_signals_is_taken_out(title, marks):
    signals = "".join(
        f"{mark}Headline number {n}\nSource: AP\nBody {n}.\n" for n, mark in enumerate(marks, 1)
    )
    story = parse_text(_page(f"Semafor Signals\n{title}\n", signals))
    assert story.title == "Portugal’s centre-right edges out the Socialists"
    assert [s.headline for s in story.signals] == [f"Headline number {n}" for n in (1, 2, 3)]


def test_numbered_2023_paragraphs_lose_their_numbers():
    signals = "1. Noboa will have barely 18 months, El Universo said.\n"
    signals += "2. The economy he inherits is weak, Reuters reported.\n"
    story = parse_text("Semafor Signals\nNoboa wins\nNEWS\nFacts.\nSIGNALS\n" + signals)
    assert [s.body for s in story.signals] == [
        "Noboa will have barely 18 months, El Universo said.",
        "The economy he inherits is weak, Reuters reported.",
    ]


SIGNALS_TABLE_PAGE = (
    "Semafor Signals\nUpdated Oct 28, 2024, 3:15am EDT\nGeorgia’s ruling party claims victory\n"
    "The News\nFacts of the day.\n"
)
SIGNALS_TABLE = [
    ["#", "Signal", "Source line", "Text"],
    ["1", "Brussels’ door is closing", "Sources: Politico Europe, Civil.ge", "EU officials said."],
    ["2", "Ivanishvili ran against the war party", "OC Media", "Posters set images."],
]
SIGNALS_IN_TABLE = [
    ("Brussels’ door is closing", "EU officials said.", ["Politico", "Civil.ge"]),
    ("Ivanishvili ran against the war party", "Posters set images.", ["OC Media"]),
]


def test_signals_set_out_in_an_html_table_are_read_row_by_row():
    cells = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in SIGNALS_TABLE
    )
    paragraphs = "".join(f"<p>{line}</p>" for line in SIGNALS_TABLE_PAGE.strip().split("\n"))
    html = f"<html><body>{paragraphs}<h3>Signals</h3><table>{cells}</table></body></html>"
    assert _signals_of(_html_story(html)) == SIGNALS_IN_TABLE


def test_signals_set_out_in_a_markdown_table_are_read_row_by_row():
    rows = ["| " + " | ".join(row) + " |" for row in SIGNALS_TABLE]
    rows.insert(1, "| --- | --- | --- | --- |")
    text, hints = to_text(SIGNALS_TABLE_PAGE + "\nSIGNALS\n\n" + "\n".join(rows) + "\n", "markdown")
    assert _signals_of(parse_text(text, hints)) == SIGNALS_IN_TABLE


def test_a_sheet_with_a_row_per_part_of_the_page_is_read_in_order():
    url = "https://www.semafor.com/article/07/28/2025/thailand-cambodia-ceasefire"
    parts = [
        ("Part", "Content", "Checked"),
        ("Label", "Semafor Signals", "✓"),
        ("Timestamp", "Updated Jul 29, 2025, 3:05am EDT", ""),
        ("Headline", "Thailand and Cambodia agree to a ceasefire", "✓"),
        ("The News", "The News", ""),
        ("News", "The two agreed on Monday to a ceasefire.", ""),
        ("Section", "SIGNALS", ""),
        ("Signal 1", "Anwar’s mediation gave ASEAN a rare win", "✓"),
        ("Sources", "Sources:  The Star, Nikkei Asia", ""),
        ("Text", "The bloc has spent four years failing, The Star said.", ""),
    ]
    sheet = f"{url}\nClip sheet (table copied out of Word)\n\n"
    sheet += "\n".join("\t".join(row) for row in parts) + "\n"
    text, hints = to_text(sheet, "text")
    story = parse_text(text, hints)
    assert story.title == "Thailand and Cambodia agree to a ceasefire"
    assert story.url == "https://semafor.com/article/07/28/2025/thailand-cambodia-ceasefire"
    assert _signals_of(story) == [
        (
            "Anwar’s mediation gave ASEAN a rare win",
            "The bloc has spent four years failing, The Star said.",
            ["The Star", "Nikkei Asia"],
        )
    ]


def test_a_line_that_reads_like_a_sheets_header_above_a_page_is_left_alone():
    page = "Title, Text, Sources\n" + _page("Semafor Signals\nUpdated Apr 9, 2025, 3:15am EDT\n")
    page += "Sources: Reuters, Caixin, Nikkei\nA body, with commas, here.\n"
    assert to_text(page, "text")[0] == page


def test_a_notes_property_sheet_above_a_page_leaves_the_page_whole():
    sheet = "Field\tValue\nTags\tChina, trade\nCreated\tApr 9, 2025\nStatus\tTo read\n\n"
    page = _page("Semafor Signals\nChina cuts rates\n")
    text, hints = to_text(sheet + page, "text")
    assert _signals_of(parse_text(text, hints)) == [("A h", "B.", ["Associated Press"])]


def test_a_comma_separated_sheet_of_the_pages_parts_is_read_and_the_lines_below_kept():
    rows = [
        "Part,Content",
        "Label,Semafor Signals",
        "Headline,China cuts rates",
        "Section,The News",
        "News,The central bank cut rates.",
        "Section,SIGNALS",
        'Signal 1,"Exporters, relieved"',
        "Sources,Sources: Caixin",
        "Text,Exporters welcomed the cut.",
    ]
    text, hints = to_text("\n".join(rows) + "\n\nChecked by Anna on Apr 10\n", "text")
    assert text.endswith("Exporters welcomed the cut.\n\nChecked by Anna on Apr 10\n")
    story = parse_text(text, hints)
    assert story.title == "China cuts rates"
    assert _signals_of(story)[0] == (
        "Exporters, relieved",
        "Exporters welcomed the cut.",
        ["Caixin"],
    )


def test_a_captions_courtesy_credit_under_the_label_is_not_the_title():
    head = (
        "Microsoft invests in Abu Dhabi AI firm G42\nStory by Semafor • 1d • 3 min read\n\n"
        "Semafor Signals\nApr 16, 2024, 7:24am EDT\nInsights from Reuters\n"
        "Microsoft Vice Chair Brad Smith and G42 CEO Peng Xiao. Courtesy of G42\n"
    )
    assert parse_text(_page(head)).title == "Microsoft invests in Abu Dhabi AI firm G42"


def test_a_caption_credited_to_the_courtesy_of_an_organisation_is_not_the_title():
    head = (
        "Updated Jul 9, 2024, 4:15am EDT\ngulfMiddle East\n\nMicrosoft invests in Abu Dhabi AI "
        "firm G42\n\nSemafor Signals\n\nInsights from Reuters\n\nArrow Down\n\nPostEmailWhatsapp"
        "\n\nFans at the venue in Riyadh. Courtesy of the Esports World Cup Foundation\n"
    )
    assert parse_text(_page(head)).title == "Microsoft invests in Abu Dhabi AI firm G42"


@pytest.mark.parametrize(
    "figure",
    [
        "A chart showing the Mexican peso per US dollar, January to June 2024\n"
        "Chart: Semafor, Bloomberg data\n",
        "BJP seats in the Lok Sabha: 282 in 2014, 303 in 2019, 240 in 2024. Chart: Semafor\n",
        "Photo: Exposed banks of Gatun Lake in December. Luis Acosta/AFP via Getty Images\n",
        "• 5-kg supermarket bag: ¥3,829 (up from ¥2,023)\n• Share of households buying less: 38%\n",
    ],
)
def test_a_figure_or_a_list_of_facts_inside_a_signals_body_is_body(figure):
    signals = f"A h\nSource: AP\nB.\n{figure}\nMore of B.\nC h\nSource: BBC\nD.\n"
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert [(s.headline, s.outlets) for s in story.signals] == [
        ("A h", ["Associated Press"]),
        ("C h", ["BBC"]),
    ]
    assert story.signals[0].body.endswith("More of B.")


def test_a_related_link_or_a_related_box_between_two_signals_does_not_end_the_page():
    for between in (
        "Related: Japan’s farmers are getting older.\n",
        "Related\n• Syrian rebels enter Damascus\n• Who is al-Jolani?\n",
    ):
        signals = f"A h\nSource: AP\nB.\n{between}C h\nSource: BBC\nD.\n"
        story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
        assert _signals_of(story) == [("A h", "B.", ["Associated Press"]), ("C h", "D.", ["BBC"])]


@pytest.mark.parametrize(
    "below",
    [
        "## My highlights\n> “a monopoly on carrying arms”\n",
        "---\nFollow-up: check Kremlin reaction Thu (Ushakov/Peskov)\n",
        "Show drafts\nแน่นอนครับ นี่คือคำแปล\n",
        "ChatGPT said:\nHere is a summary of the page\n",
    ],
)
def test_a_notes_highlights_a_follow_up_or_an_assistants_reply_below_the_page_is_no_signal(
    below,
):
    story = parse_text(_page("Semafor Signals\nA headline here\n", f"A h\nSource: AP\nB.\n{below}"))
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


def test_a_note_apps_heading_and_hashtags_above_a_rule_are_not_the_page():
    markdown = (
        "# Jeddah notes (for Weds call)\n\nhttps://www.semafor.com/article/03/11/2025/jeddah-talks\n\n"
        "#ukraine #ceasefire #usa\n\n---\n\nUpdated Mar 12, 2025, 3:00am EDT\n\n"
        "Insights from Axios\n\n## The News\n\nFacts.\n\n" + SIGNALS_TAIL
    )
    text, hints = to_text(markdown, "markdown")
    story = parse_text(text, hints)
    assert "untitled" in story.flags and story.title == ""
    assert story.url == "https://semafor.com/article/03/11/2025/jeddah-talks"


def test_a_portals_view_comments_button_above_the_label_is_not_the_title():
    head = (
        "Saudi Arabia is confirmed as 2034 World Cup host\n\nSemafor\n4 min read\nView comments\n"
    )
    head += "icon\n\nSemafor Signals\n\nSupported by\n\nInsights from ESPN\n"
    assert parse_text(_page(head)).title == "Saudi Arabia is confirmed as 2034 World Cup host"


def test_markdown_headings_in_a_text_copy_are_read_as_headings():
    page = "ChatGPT said:\n\n## Merz wins Germany’s election\n\n### The News\n\nFacts.\n\n"
    page = "Semafor Signals\n\n" + page.split("\n\n", 1)[1] + "### SIGNALS\n\n"
    page += "#### Merz needs a partner\n\nSources: Der Spiegel\n\nB.\n"
    story = parse_text(page)
    assert story.title == "Merz wins Germany’s election"
    assert _signals_of(story) == [("Merz needs a partner", "B.", ["Der Spiegel"])]


def test_a_translation_extensions_chinese_line_under_each_english_one_is_left_out():
    pairs = [
        ("Semafor Signals", "Semafor 信号"),
        ("Updated Jul 21, 2025, 4:30am EDT", "更新于 2025 年 7 月 21 日，美国东部时间上午 4:30"),
        ("Japan’s coalition loses its majority", "日本执政联盟失去参议院多数席位，石破茂受到警告"),
        ("The News", "新闻"),
        (
            "The coalition lost its majority on Sunday.",
            "日本自民党及其执政伙伴公明党在周日的选举中失去了多数席位",
        ),
        ("SIGNALS", "信号"),
        ("Rice prices were on the ballot", "大米价格成为选举议题"),
        ("Sources: Nikkei Asia", "来源：《日经亚洲》"),
        (
            "The price of rice roughly doubled, Nikkei Asia said.",
            "日本超市的大米价格在过去一年大约翻了一番，日经亚洲说",
        ),
    ]
    story = parse_text("\n".join(line for pair in pairs for line in pair) + "\n")
    assert story.title == "Japan’s coalition loses its majority"
    assert _signals_of(story) == [
        (
            "Rice prices were on the ballot",
            "The price of rice roughly doubled, Nikkei Asia said.",
            ["Nikkei Asia"],
        )
    ]


def test_a_related_link_below_a_copy_without_an_address_is_not_its_address():
    markdown = (
        "Semafor Signals\n\nChina cuts rates\n\nUpdated Apr 9, 2025, 3:15am EDT\n\n"
        "## The News\n\nFacts.\n\n" + SIGNALS_TAIL + "\nRelated: [How the last trade war "
        "ended](https://www.semafor.com/article/01/15/2020/phase-one-deal)\n\nFollow us on "
        "[X](https://x.com/semafor) and [LinkedIn](https://www.linkedin.com/company/semafor)\n"
    )
    text, hints = to_text(markdown, "markdown")
    story = parse_text(text, hints)
    assert story.url is None and story.published == "2025-04-09"


def test_an_older_article_sent_in_a_chat_below_the_page_is_not_its_address():
    signals = "A h\nSource: AP\nB.\nPostEmailWhatsapp\n\n[12.12.24 16:30] Mariana R.:\n"
    signals += "https://www.semafor.com/article/03/02/2023/older-background-story\n"
    story = parse_text(_page("Semafor Signals\nUpdated Dec 12, 2024, 9:05am EST\n", signals))
    assert story.url is None and story.published == "2024-12-12"


def test_a_copy_cut_inside_the_news_does_not_read_a_charts_credit_as_a_signal():
    page = (
        "Semafor Signals\nUpdated Apr 9, 2025, 3:15am EDT\nChina’s exports slow\nThe News\n"
        "Exports fell in March.\nChina’s exports to the US, by month\nSource: China’s customs "
        "agency\nAnalysts had expected a smaller fall, and the"
    )
    story = parse_text(page)
    assert story.signals == [] and "China’s exports to the US" in story.summary


def test_an_analysts_mention_of_the_original_source_does_not_give_the_address():
    below = "\nMy note: couldn't trace the original source of the FT figure. Background: "
    below += "https://www.semafor.com/article/01/15/2020/phase-one-deal\n"
    story = parse_text(_page("Semafor Signals\nUpdated Apr 9, 2025, 3:15am EDT\n") + below)
    assert story.url is None and story.published == "2025-04-09"


def test_a_repliers_comment_before_the_last_quoted_line_is_left_out():
    page = (
        "Semafor Signals\nCardinals elect a pope\nUpdated May 8, 2025, 4:10pm EDT\n"
        "Insights from Pew Research Center\nThe News\nFacts of the day.\nSIGNALS\n"
        "The Church is growing in the Global South\nSources: Pew Research Center\n"
        "Roughly 40% of Catholics live in Latin America, Pew said.\n"
    )
    quoted = ["> " + line for line in page.strip().split("\n")]
    quoted.insert(len(quoted) - 1, "[GB] careful with this one")
    story = parse_text("Agreed.\n\nOn Thu, Gabriel wrote:\n" + "\n".join(quoted))
    assert story.signals[0].body == "Roughly 40% of Catholics live in Latin America, Pew said."


def test_a_chat_reaction_under_a_page_cut_after_a_source_line_is_not_its_body():
    signals = "A h\nSource: AP\n👍 3\n\nClaire Dubois 13/05/2025 18:36\nthanks!\n"
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert _signals_of(story) == [("A h", "", ["Associated Press"])]


def test_a_tables_signals_caption_under_the_signals_heading_is_no_signal():
    story = parse_text(
        _page("Semafor Signals\nA headline here\n", "Signals\nA h\nSource: AP\nB.\n")
    )
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


def test_an_analysts_bracketed_note_between_two_signals_does_not_end_the_page():
    signals = "A h\nSource: AP\nB.\n[TM note: check the cabinet posts]\nC h\nSource: BBC\nD.\n"
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"]), ("C h", "D.", ["BBC"])]


def test_a_whole_known_name_beside_a_longer_one_the_story_credits_is_kept():
    head = "Semafor Signals\nBlackout in Spain\nInsights from ABC News and the Financial Times\n"
    signals = "A h\nSources: Financial Times, ABC\n"
    story = parse_text(_page(head, signals))
    assert len(story.signals[-1].outlets) == 2


def test_source_lines_naming_outlets_in_their_own_script_are_kept():
    signals = "".join(
        f"Headline number {n}\nSources: 朝日新聞, 読売新聞社の記者\nBody {n}, Asahi said.\n"
        for n in range(1, 7)
    )
    story = parse_text(_page("Semafor Signals\nJapan votes in an upper house election\n", signals))
    assert len(story.signals) == 6 and all(s.outlets for s in story.signals)


# Three phone screenshots of one page, read by the phone's text recognition: a narrow column,
# each screen's status bar, address bar and toolbar, the lines one screen repeats from the one
# before (read anew: "cornpleted" on one, "completed" on the next), headlines wrapped early,
# the Source icon read as "©", words broken at syllables and "am" read as "arn".
PHONE_SCREENS = """\
saved from Ines's screenshots

11:02 ◎ ▲ •                             ⊿ 5G ▮ 48%
⌂  semafor.com                        2  ⋮
Semafor Signals
Updated Mar 3, 2025, 7:40arn EST
business Europe
Portugal opens Europe's first
deep-sea lithium refinery
Insights from Público, Reuters,
and the Financial Times
The News
Portugal on Monday opened a lithium
refinery near the port of Sines, the
first in Europe to process ore frorn
the seabed. Work on the plant was
completed ahead of schedule, and its
first shipment leaves for Germany in
< > ⬆ ⧉ ⌂

11:03 ◎ ▲ •                             ⊿ 5G ▮ 47%
⌂  semafor.com                        2  ⋮
cornpleted ahead of schedule, and its
first shipment leaves for Germany in
April.
SIGNALS
Semafor Signals: Global insights on
today's biggest stories.
Carmakers want a supply close to
horne
©  Sources: Reuters, Público
European carmakers have signed up
for most of the first five years of
output, Reuters reported, while
Público said the refinery's owners are
in talks with two more buyers. |
A legal fight awaits Lítio
Atlântico
©  Source: Financial Times
Marine biologists say the dredging
will harm the seabed, and two groups
have filed suits against the han-
dling of the permits, the Financial
Times reported.
"""


def test_phone_screenshots_read_by_text_recognition_read_as_the_page():
    story = parse_text(PHONE_SCREENS)
    assert story.title == "Portugal opens Europe's first deep-sea lithium refinery"
    assert story.published == "2025-03-03"
    assert story.summary.endswith(
        "completed ahead of schedule, and its first shipment leaves for Germany in April."
    )
    assert [(s.headline, s.outlets) for s in story.signals] == [
        ("Carmakers want a supply close to horne", ["Reuters", "Público"]),
        ("A legal fight awaits Lítio Atlântico", ["Financial Times"]),
    ]
    assert story.signals[0].body.startswith("European carmakers have signed up for most")
    assert "Reuters reported, while Público said" in story.signals[0].body
    assert story.signals[1].body.endswith(
        "against the handling of the permits, the Financial Times reported."
    )


@pytest.mark.parametrize(
    "line, following, joined",
    [
        ("filed suits against the han-", "dling of the", "filed suits against the handling of the"),
        (
            "Peru's President Boluarte on Thurs-",
            "day opened",
            "Peru's President Boluarte on Thursday opened",
        ),
        ("the first Chinese-", "controlled port", "the first Chinese-controlled port"),
        ("President Lee Jae-", "myung was", "President Lee Jae-myung was"),
        ("a narrow column", "goes on", "a narrow column goes on"),
    ],
)
def test_a_word_broken_at_a_wrap_is_joined_without_its_hyphen_only_when_it_is_a_word(
    line, following, joined
):
    assert _joined_wrap(line, following) == joined


def test_text_recognitions_arn_for_am_in_a_date_line_is_read():
    assert parse_timestamp("Updated Mar 3, 2025, 7:40arn EST") == (
        "2025-03-03T07:40:00-05:00",
        True,
    )


def test_a_digests_time_glued_to_the_headline_and_its_news_heading_glued_to_the_news():
    page = (
        "Semafor SignalsChile votes on a new charter as turnout soarsSep 4, 2022, 9:10pm EDT "
        "politicsAmericas Insights from La Tercera and Reuters\n"
        "The News Chileans voted on Sunday on a draft constitution written by an elected "
        "assembly, with turnout above 85% under a new compulsory-voting law.\n"
        "SIGNALS\nA h\nSource: AP\nB.\n"
    )
    story = parse_text(page)
    assert story.title == "Chile votes on a new charter as turnout soars"
    assert story.published == "2022-09-04"
    assert story.summary.startswith("Chileans voted on Sunday")
    assert "no_news_header" not in story.flags


@pytest.mark.parametrize(
    "end_line",
    [
        "PostEmailWhatsapp Read more at https://www.semafor.com/article/09/04/2022/chile-vote",
        "[tags] chile, vote   [source url] semafor.com/article/09/04/2022/chile-vote   [hash] 9a1",
    ],
)
def test_a_dumps_address_on_the_line_that_ends_the_page_is_its_address(end_line):
    story = parse_text(_page("Semafor Signals\nChile votes on a new charter\n") + end_line)
    assert story.url == "https://semafor.com/article/09/04/2022/chile-vote"
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


def test_a_clippers_footer_with_the_time_of_the_clip_gives_the_address():
    url = "https://www.semafor.com/article/09/04/2022/chile-vote"
    below = f"\n---\nClipped from: {url} on 2022-09-05 11:02\n"
    story = parse_text(_page("Semafor Signals\nChile votes on a new charter\n") + below)
    assert story.url == url.replace("www.", "") and story.published == "2022-09-04"


def test_a_signal_whose_body_opens_a_map_of_is_not_a_charts_description():
    body = (
        "A map of the results looks like the map of the old border, Der Spiegel noted: the "
        "party won nearly every constituency in the east. Many eastern voters still earn less "
        "than western ones, Die Zeit wrote."
    )
    story = parse_text(
        _page("Semafor Signals\nA headline here\n", f"A h\nSource: Der Spiegel\n{body}\n")
    )
    assert story.signals[0].body == body


def test_a_teams_message_below_a_page_cut_inside_a_source_line_is_no_part_of_it():
    signals = (
        "A h\nSources:  Deutsche Welle, Frankfurter Allg\n\nLena Hoffmann\n10/09 09:24\nthanks!\n"
    )
    story = parse_text(_page("Semafor Signals\nA headline here\n", signals))
    assert _signals_of(story) == [("A h", "", ["DW"])]


# Android screenshots read by Google Lens: the status bar over two lines, the address bar, the
# Source icon read as "@" on a line of its own, the headline under the label, date and section
# over three lines, Source lines whose names wrap, a copy cut inside a Source line's last name.
LENS_SCREENS = """\
15:47 M ✉ •
⚡ 4G ⊿ 71%
ⓘ semafor.com 3 :
Semafor Signals
Mar 12, 2025, 6:20am EDT
africaAfrica
Kenya opens a rail link
Mombasa hopes will win
back Ugandan cargo
Insights from AP, Nation
Africa, and Business Daily ⌄
↓
A freight train at the Naivasha
depot. Tony Karumba/AFP
The News
Kenya on Tuesday opened the last
stretch of its standard gauge railway
to the Ugandan border, ending years
of delays over financing, and said
the first freight trains would run
next month.
SIGNALS
Semafor Signals: Global insights on
today’s biggest stories.

Uganda has been shopping
for other ports
@
Sources: The EastAfrican, Business
Daily
Kampala has moved more of its
imports through Dar es Salaam since
2022, The EastAfrican reported, after
Tanzania cut its port fees.

15:48 M ✉ •
⚡ 4G ⊿ 71%
ⓘ semafor.com 3 :
Tanzania cut its port fees.

A debt to China still
hangs over the line
@
Sources: Reuters, The East Afri-"""


def test_google_lens_screenshots_read_as_the_page():
    story = parse_text(LENS_SCREENS)
    assert story.title == "Kenya opens a rail link Mombasa hopes will win back Ugandan cargo"
    assert story.insights_from == ["Associated Press", "Nation Africa", "Business Daily Africa"]
    assert story.published == "2025-03-12"
    assert [(s.headline, s.outlets) for s in story.signals] == [
        ("Uganda has been shopping for other ports", ["The East African", "Business Daily Africa"]),
        ("A debt to China still hangs over the line", ["Reuters"]),
    ]
    assert story.signals[0].body.endswith("after Tanzania cut its port fees.")
    assert "\n" not in story.signals[0].body  # one paragraph across the two screens


def test_a_chat_message_that_opens_the_page_leaves_the_messages_above_it_out():
    chat = (
        "11/09/24, 08:44 - Andrés: ya pasó en el Senado?\n"
        "11/09/24, 08:46 - Lucía: Sí, 86 a 41, madrugada\n"
        "11/09/24, 08:49 - Lucía: Updated Sep 11, 2024, 9:15am EDT\n"
        "politicsNorth America\n" + PAGE_TAIL + "A h\nSource: AP\nB.\n"
    )
    story = parse_text(chat)
    assert story.title == "" and "untitled" in story.flags
    assert story.published == "2024-09-11"


def test_a_feed_readers_actions_and_next_item_below_the_page_are_no_signal():
    below = '\nRead original · [Star] · [Share]\n\nNext starred item: "Chile votes" (La Tercera)\n'
    story = parse_text(_page("Semafor Signals\nA headline here\n") + below)
    assert _signals_of(story) == [("A h", "B.", ["Associated Press"])]


def test_a_reposts_date_label_headline_and_time_on_one_line_are_read_apart():
    line = (
        "28 September 2023 Semafor Signals Germany signs $3.5 billion deal for Israel’s Arrow 3 "
        "missile defense system Sep 28, 2023, 11:05am EDT\n"
    )
    story = parse_text(line + PAGE_TAIL + "A h\nSource: AP\nB.\n")
    assert (
        story.title == "Germany signs $3.5 billion deal for Israel’s Arrow 3 missile defense system"
    )
    assert story.published == "2023-09-28"


def test_an_updated_line_is_not_read_as_a_time_glued_to_a_headline():
    story = parse_text(
        _page(
            "Semafor Signals\nA headline here\nUpdated Jun 19, 2025, 8:30am EDT\n"
            "Jun 18, 2025, 6:55pm EDT\n"
        )
    )
    assert story.published == "2025-06-18"


def test_a_wide_copy_read_by_text_recognition_drops_its_bars_and_icons():
    # Screenshots read with their lines merged (no narrow column): the bars and the Source
    # icon stand on lines of their own between the page's.
    page = (
        "08:09 ⊙ ✉ •\n⏰ 4G 64%\nSemafor Signals\nKenya opens the last stretch of its railway\n"
        "Mar 12, 2025, 6:20am EDT\n" + PAGE_TAIL + "Uganda has been shopping for other ports\n©\n"
        "Sources: The EastAfrican\nKampala has moved more of its imports through Dar es Salaam.\n"
        "08:10 ⊙ ✉ •\n⏰ 4G 64%\nA debt to China still hangs over the line\n©\nSources: Reuters\n"
        "Kenya still owes Chinese lenders for the first stretch.\n"
    )
    story = parse_text(page)
    assert _signals_of(story) == [
        (
            "Uganda has been shopping for other ports",
            "Kampala has moved more of its imports through Dar es Salaam.",
            ["The East African"],
        ),
        (
            "A debt to China still hangs over the line",
            "Kenya still owes Chinese lenders for the first stretch.",
            ["Reuters"],
        ),
    ]


def test_a_narrow_2023_page_keeps_each_paragraph_whole_across_a_sentences_line_end():
    # Paragraphs set apart by blank lines (three here): a line that ends a sentence, then the
    # paragraph's next sentence, is one paragraph, not two signals (a 2023 page's signals are
    # its paragraphs).
    page = """\
Semafor Signals
Oct 6, 2023, 6:35am EDT
Jailed activist wins
the Nobel Peace Prize
The News
The Norwegian Nobel Committee gave
the prize to a jailed activist on
Friday for her fight for women's
rights and freedoms in her country
and across the wider region today.
SIGNALS
Semafor Signals: Global insights on
today's biggest stories.

The award comes a year after mass
protests swept the country, and the
committee hoped the prize would
be read as an endorsement.
< > ⌂ ☆ 2 ≡
12:41 ◎ ▲ •                             ⊿ 5G ▮ 48%
⌂  semafor.com                        2  ⋮
be read as an endorsement.

Tehran reacted angrily: the foreign
ministry called the decision biased,
the state-aligned Tehran Times said.
Her husband and children, who live
in Paris, said they feared it would
make her conditions in prison
harsher.
"""
    story = parse_text(page)
    assert [s.body[:22] for s in story.signals] == [
        "The award comes a year",
        "Tehran reacted angrily",
    ]


NARROW_BODY = """\
Insights from Dawn, The Express
Tribune, and Reuters
The News
Pakistanis voted on Thursday in an
election that the jailed former prime
minister's party says was rigged
against it before a ballot was cast.
SIGNALS
A vote without its favorite
Sources: Dawn, Reuters
The party's candidates ran as
independents after it lost its
election symbol in court, Dawn said.
"""
TITLE_LINES = "Pakistan votes as Imran\nKhan sits in jail\n"
DATE_LINE = "Feb 2, 2024, 7:10am EST\n"


@pytest.mark.parametrize(
    "header",
    [
        "Semafor Signals\nSupported by\nMicrosoft\n" + DATE_LINE + TITLE_LINES,
        "Semafor Signals\nSupported by Microsoft\n" + DATE_LINE + TITLE_LINES,
        "Semafor Signals\n" + DATE_LINE + TITLE_LINES + "Supported by Microsoft\n",
    ],
)
def test_a_narrow_copys_sponsor_is_not_part_of_the_headline(header):
    page = "9:41 ◎ ▲ •                    ⊿ 5G ▮ 48%\n" + header + NARROW_BODY
    story = parse_text(page)
    assert story.title == "Pakistan votes as Imran Khan sits in jail"
    assert story.sponsor == "Microsoft"
    assert story.insights_from == ["Dawn", "The Express Tribune", "Reuters"]
    assert [s.headline for s in story.signals] == ["A vote without its favorite"]


@pytest.mark.parametrize("order", ["headline above the label", "under a note's own lines"])
def test_a_narrow_copys_headline_above_its_label_is_whole(order):
    """A phone's text of a screenshot: the time and the section, then the headline wrapped in
    the column, then the label; or a note's time and title above the screenshot's text, the
    label then the headline."""
    status = "9:41 ◎ ▲ •                    ⊿ 5G ▮ 48%\nSemafor\n"
    if order == "headline above the label":
        header = status + DATE_LINE + "politicsSouth Asia\n" + TITLE_LINES + "Semafor Signals\n"
    else:
        note = "Aug 4, 2024, 9:12:33 AM\nPakistan vote (semafor)\n"
        header = note + status + DATE_LINE + "Semafor Signals\n" + TITLE_LINES
    story = parse_text(header + NARROW_BODY)
    assert story.title == "Pakistan votes as Imran Khan sits in jail"
    assert [s.headline for s in story.signals] == ["A vote without its favorite"]


def test_a_headline_wrapped_after_a_word_no_headline_ends_on_is_whole():
    """A screenshot's text at a desktop's width wraps the headline where it wraps on screen."""
    page = (
        "Nov 23, 2023, 6:05am EST\npoliticsEurope\nThe far-right wins the most seats in\n"
        "Dutch election\nSemafor Signals\nThe News\nFacts of the day.\nSIGNALS\n"
        "A headline\nSource: Reuters\nA body.\n"
    )
    assert parse_text(page).title == "The far-right wins the most seats in Dutch election"
    # A row of links ending so ("Sign in") is a site's, not a headline's start.
    for row in ("Sign in", "Yahoo Mail News Finance Sports Sign in"):
        assert parse_text(f"{row}\n{page}").title.startswith("The far-right")


NOTE_BODY = """\

The News

Norway opened a new national library wing in Bergen on Friday, a decade after the design
competition, with the king cutting the ribbon.

SIGNALS

Bergen hopes the wing draws winter visitors

Sources: NRK, Reuters

The city wants the reading rooms open late through the dark months, NRK reported, and hotels
expect more weekend guests, Reuters said.
"""


@pytest.mark.parametrize(
    "note_title",
    [
        "Bergen library - for the Nordic culture piece",
        "Library wing — for Kari's deck",
        "Bergen opening – for the weekend newsletter",
    ],
)
def test_a_notes_title_saying_what_it_is_for_is_not_the_headline(note_title):
    story = parse_text(note_title + "\n" + NOTE_BODY)
    assert "untitled" in story.flags
    assert [s.headline for s in story.signals] == ["Bergen hopes the wing draws winter visitors"]


def test_a_headline_naming_a_piece_stays_the_headline():
    story = parse_text("Semafor Signals\nThe missing piece in Oslo’s budget\n" + NOTE_BODY)
    assert story.title == "The missing piece in Oslo’s budget"
    assert "untitled" not in story.flags


def test_a_link_card_below_the_copy_is_not_a_signal():
    """A note app's card for the saved page ("Headline | Semafor" / "semafor.com") below a
    2023 page, whose signals have no headlines."""
    page = """\
Semafor Signals
Mar 14, 2023, 8:02am EDT
Bergen opens its library wing
NEWS
Norway opened a new national library wing in Bergen on Friday.
SIGNALS
Semafor Signals: Global insights on today’s biggest stories.
The city wants the reading rooms open late through the dark months, NRK reported.
Hotels expect more weekend guests this winter, the Bergens Tidende newspaper said.

Bergen opens its new library wing | Semafor
semafor.com
"""
    story = parse_text(page)
    assert len(story.signals) == 2
    assert story.signals[-1].body.endswith("newspaper said.")


TRAM_PAGE = """\
Semafor Signals
Jun 3, 2025, 9:05am EDT
Helsinki’s new tram line opens a year early
The News
Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.
SIGNALS
Riders came on the first morning
Sources: Yle, Helsingin Sanomat
Yle counted queues at every stop, and Helsingin Sanomat said the first trams were full.
The suburbs want the next line
Sources: Yle, Hufvudstadsbladet
"""


def test_a_teams_message_below_a_cut_source_line_ends_the_page():
    """Teams' copy puts the time and the sender (surname first) on a line of their own."""
    page = TRAM_PAGE.replace("Yle, Hufvudstadsbladet\n", "Yle, Helsingin Sano\n") + (
        "\n[6/3/2025 9:40 AM] Virtanen, Aino\n(that's where my copy stopped)\n\n"
        "[6/3/2025 9:41 AM] Berg, Jonas\nok, enough for the brief\n"
    )
    story = parse_text(page)
    assert [s.body for s in story.signals][1] == ""
    assert story.signals[1].outlets == ["Yle"]


def test_a_dumps_source_url_field_gives_the_pages_address():
    page = (
        "[item 3/9] feed=semafor lang=en\n"
        + TRAM_PAGE
        + "Yle said the eastern suburbs have asked for a branch line of their own.\n"
        + "source_url: https://www.semafor.com/article/06/03/2025/helsinki-tram-line-opens\n"
        + "tags: transport; finland\n"
    )
    story = parse_text(page)
    assert story.url == "https://semafor.com/article/06/03/2025/helsinki-tram-line-opens"


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (
            "https://www.semafor.com/article/06/03/2025/helsinki-tram-line-opens",
            "https://semafor.com/article/06/03/2025/helsinki-tram-line-opens",
        ),
        # A link to a story of another week is not the page's own.
        ("https://www.semafor.com/article/04/11/2025/oslo-ferry-strike", None),
    ],
)
def test_an_address_on_a_shared_copys_last_line_is_the_pages_own(address, expected):
    page = (
        TRAM_PAGE
        + "Yle said the eastern suburbs have asked for a branch line of their own.\n"
        + "PostEmailWhatsapp\nMost popular\nAbout · Privacy · Terms\n© 2025 Semafor Inc.\n\n"
        + address
        + "\n"
    )
    story = parse_text(page)
    assert story.url == expected
    assert len(story.signals) == 2


@pytest.mark.parametrize(
    "opening",
    [
        "<pre>",
        '<div class="whitespace-pre-wrap">',
        '<div style="white-space: pre-wrap">',
        '<div style="white-space:pre-line">',
    ],
)
def test_an_html_element_that_keeps_line_breaks_keeps_them_in_the_text(opening):
    """A chat assistant's shared conversation keeps the page pasted into the prompt in an
    element styled to keep its line breaks; read as one line, it loses every signal."""
    closing = "</pre>" if opening == "<pre>" else "</div>"
    html = (
        "<html><head><title>Shared conversation</title></head><body><main>"
        '<div data-message-author-role="user">'
        + opening
        + "tidy this up please\n\n"
        + TRAM_PAGE.replace("Hufvudstadsbladet\n", "Hufvudstadsbladet\nYle said more.\n")
        + closing
        + "</div></main></body></html>"
    )
    text, _hints = to_text(html, "html")
    assert "\nRiders came on the first morning\nSources: Yle, Helsingin Sanomat\n" in text
    story = parse_document(DocumentInput("shared.html", html.encode(), "html"))
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]


def test_an_ordinary_elements_line_breaks_are_spaces():
    text, _hints = to_text("<html><body><p>The News\nfrom Helsinki</p></body></html>", "html")
    assert "The News from Helsinki" in text


@pytest.mark.parametrize(
    "field",
    [
        "*source:* semafor.com/article/06/03/2025/helsinki-tram-line-opens",
        "Source: https://www.semafor.com/article/06/03/2025/helsinki-tram-line-opens",
    ],
)
def test_a_crawlers_source_field_below_the_page_is_its_address_not_a_source_line(field):
    page = (
        TRAM_PAGE
        + "Yle said the eastern suburbs have asked for a branch line of their own.\n\n---\n"
        + field
        + "\n*extractor:* readability-md 2.3.1\n"
    )
    story = parse_document(DocumentInput("crawl.md", page.encode(), "markdown"))
    assert story.url == "https://semafor.com/article/06/03/2025/helsinki-tram-line-opens"
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]
    assert story.signals[-1].body.startswith("Yle said the eastern suburbs")


TRAM_HEADLINE = "Helsinki’s new tram line opens a year early"
# Below the label without the headline: a reading app prints it above its own buttons.
TRAM_LABELLED = TRAM_PAGE.split("\n", 1)[1].replace(TRAM_HEADLINE + "\n", "")


@pytest.mark.parametrize(
    "furniture",
    [
        "Like\nArchive\nShare\nAa\nText to Speech",  # a read-later app's buttons (Instapaper)
        "Read article on semafor.com  |  Open in Inoreader",  # a feed reader's mailed share
        # A feed reader's summary box (Feedly's).
        "Summarize\nFeedly AI\nSummary\nThe line was finished early.\n"
        "Was this summary helpful?  Yes  No",
    ],
)
def test_a_reading_tools_buttons_between_its_title_and_the_page_are_not_the_headline(furniture):
    page = f"{TRAM_HEADLINE}\nsemafor.com · 4 min\n{furniture}\nSemafor Signals\n{TRAM_LABELLED}"
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE


@pytest.mark.parametrize(
    "below",
    [
        "\nSent from Reeder.\n",
        "\n[Entry 42]\nFeed: Nordic Notes\nTitle: Oslo watches Helsinki\nBody:\n"
        "Oslo’s planners said they would study the line.\n",
    ],
)
def test_a_tools_sign_off_or_next_entry_below_the_page_ends_it(below):
    page = TRAM_PAGE + "Yle said the suburbs have asked for a branch line.\n" + below
    story = parse_text(page)
    assert len(story.signals) == 2
    assert story.signals[-1].body == "Yle said the suburbs have asked for a branch line."


def test_a_read_later_exports_original_url_beats_its_own_url():
    page = (
        "---\ntitle: Tram line\nurl: https://read.readwise.io/read/01j3w9x2qkz8h7m4r5d0t6bn1c\n"
        "original_url: https://www.semafor.com/article/06/03/2025/helsinki-tram-line-opens\n"
        "---\n\n" + TRAM_PAGE + "Yle said more.\n"
    )
    story = parse_document(DocumentInput("tram.md", page.encode(), "markdown"))
    assert story.url == "https://semafor.com/article/06/03/2025/helsinki-tram-line-opens"


def test_kramdown_attribute_lines_and_block_references_are_not_text():
    """SiYuan's Markdown export: an attribute list below every block, and a note quoting a
    block by its identifier between two signals."""
    blocks = [
        "Semafor Signals",
        "## " + TRAM_HEADLINE,
        "### The News",
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.",
        "### SIGNALS",
        "#### Riders came on the first morning",
        "Sources: Yle, Helsingin Sanomat",
        "Yle counted queues at every stop, and Helsingin Sanomat said the first trams were full.",
        '> ((20250603091526-q5lt4ua "queues")) — compare with [[Tampere tram]]\n'
        '> {: id="20250603093102-7ehv9mp"}',
        "#### The suburbs want the next line",
        "Sources: Yle, Hufvudstadsbladet",
        "Yle said the suburbs have asked for a branch line.",
    ]
    page = "\n\n".join(f'{block}\n{{: id="20250603091524-w1n0e3a"}}' for block in blocks)
    story = parse_document(DocumentInput("siyuan.md", page.encode(), "markdown"))
    assert story.title == TRAM_HEADLINE
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]
    assert not any("{:" in s.body or "((" in s.body for s in story.signals)


def test_a_feed_entrys_glued_header_tagline_and_first_signal_are_taken_apart():
    """An automated note (an RSS feed into a notes app) runs the header onto one line, and the
    tagline onto the first signal's headline and Source line."""
    page = (
        "fetched 2025-06-03T14:58:41Z Semafor Signals " + TRAM_HEADLINE + " Jun 3, 2025, "
        "9:05am EDT businessEurope Insights from Yle, Helsingin Sanomat, and Hufvudstadsbladet\n"
        "The News Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\n"
        "SIGNALS Semafor Signals: Global insights on today’s biggest stories. Riders came on the"
        " first morning Sources: Yle, Helsingin Sanomat\n"
        "Yle counted queues at every stop, and Helsingin Sanomat said the first trams were full.\n"
        "The suburbs want the next line Sources: Yle, Hufvudstadsbladet\n"
        "Yle said the suburbs have asked for a branch line.\n"
        "Read more: https://semafor.com/article/06/03/2025/helsinki-tram-line-opens\n"
        "👍 1   💬 1\n"
        "2025-06-02 07:55:09 · Private\nNordics call moved to Fri 10:00 CET.\n"
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE
    assert story.published == "2025-06-03"
    assert story.url == "https://semafor.com/article/06/03/2025/helsinki-tram-line-opens"
    assert [(s.headline, s.outlets) for s in story.signals] == [
        ("Riders came on the first morning", ["Yle", "Helsingin Sanomat"]),
        ("The suburbs want the next line", ["Yle", "Hufvudstadsbladet"]),
    ]


def test_an_automations_via_link_below_the_page_is_its_address():
    page = (
        TRAM_PAGE
        + "Yle said the suburbs have asked for a branch line.\nSemafor Logo\n"
        + "via https://www.semafor.com/article/06/03/2025/helsinki-tram-line-opens?utm_source=ifttt\n"
    )
    assert parse_text(page).url == "https://semafor.com/article/06/03/2025/helsinki-tram-line-opens"


def test_a_notes_exported_side_panels_below_the_page_end_it():
    """Obsidian's Webpage HTML Export: the graph and the table of contents (the headline and
    the signals' headlines again) below the page."""
    page = (
        TRAM_PAGE
        + "Yle said the suburbs have asked for a branch line.\nInteractive Graph\n"
        + "Table Of Contents\n"
        + TRAM_HEADLINE
        + "\nThe News\nSIGNALS\nRiders came on the first morning\nThe suburbs want the next line\n"
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE
    assert len(story.signals) == 2


def test_a_converters_markdown_saved_as_text_reads_as_markdown_reads_it():
    """html2text's output in a feed's plain-text mail: logos as images, Source lines of links."""
    page = (
        "URL: https://www.semafor.com/article/06/03/2025/helsinki-tram-line-opens\n\n"
        "![icon](https://static.example.org/icons/mark.svg)\n\nSemafor Signals\n\nSupported by\n\n"
        "![Microsoft logo](https://static.example.org/sponsors/microsoft-logo.png)\n\n"
        + TRAM_PAGE.split("\n", 1)[1].replace(
            "Sources: Yle, Helsingin Sanomat",
            "Sources: [Yle](https://yle.fi/news), [Helsingin Sanomat](https://www.hs.fi/)",
        )
        + "Yle said the suburbs have asked for a branch line.\n"
    )
    story = parse_document(DocumentInput("feed-mail.txt", page.encode(), "text"))
    assert story.title == TRAM_HEADLINE
    assert story.signals[0].outlets == ["Yle", "Helsingin Sanomat"]
    assert len(story.signals) == 2


def test_a_crawlers_citation_marks_are_not_part_of_the_names():
    page = TRAM_PAGE.replace(
        "Sources: Yle, Hufvudstadsbladet", "Sources: Yle⟨12⟩, Hufvudstadsbladet⟨13⟩"
    )
    story = parse_text(page + "Yle⟨12⟩ said the suburbs have asked for a branch line.\n")
    assert story.signals[1].outlets == ["Yle", "Hufvudstadsbladet"]
    assert story.signals[1].body == "Yle said the suburbs have asked for a branch line."


def test_an_automated_flows_feed_item_link_is_the_pages_address():
    html = (
        "<html><body><table><tr><td><p><b>Feed item:</b> <a href='https://www.semafor.com/article/"
        "06/03/2025/helsinki-tram-line-opens?utm_source=rss'>Helsinki’s new tram line opens a year"
        " early</a></p></td></tr></table><div>"
        + "".join(f"<p>{line}</p>" for line in TRAM_PAGE.splitlines())
        + "<p>Yle said the suburbs have asked for a branch line.</p></div></body></html>"
    )
    story = parse_document(DocumentInput("flow.html", html.encode(), "html"))
    assert story.url == "https://semafor.com/article/06/03/2025/helsinki-tram-line-opens"


def test_a_pdf_tools_page_mark_is_not_an_untitled_copys_title():
    page = "Page 1\n\n" + TRAM_PAGE.split("\n", 1)[1].replace(TRAM_HEADLINE + "\n", "")
    story = parse_text(page + "Yle said the suburbs have asked for a branch line.\n")
    assert "untitled" in story.flags
    assert story.title != "Page 1"


def test_a_class_the_style_sheet_keeps_line_breaks_for_keeps_them():
    """A messages app's export styles its bubbles to keep their lines in its style sheet."""
    html = (
        "<html><head><style>.bubble { white-space: pre-wrap; }</style></head><body>"
        '<div class="message"><span class="timestamp">Jun 3, 2025 9:40:02 AM</span> Aino'
        '<span class="bubble">'
        + TRAM_PAGE
        + "Yle said the suburbs have asked for a branch line.</span></div></body></html>"
    )
    story = parse_document(DocumentInput("messages.html", html.encode(), "html"))
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]


def test_a_forwarded_post_continued_in_a_joined_message_reads_on():
    """Telegram Desktop's export: a forwarded post split in two, the second part "joined" to
    the first with the channel's name and time again, the first part's reactions between."""
    first, second = TRAM_PAGE.split("The suburbs want the next line\n")

    def message(classes: str, text: str, extra: str = "") -> str:
        return (
            f'<div class="message default clearfix{classes}"><div class="body">'
            '<div class="pull_right date details" title="03.06.2025 10:02:46">10:02</div>'
            '<div class="forwarded body"><div class="from_name">Nordic Brief'
            '<span class="date details"> 03.06.2025 09:55:11</span></div>'
            f'<div class="text">{text.replace(chr(10), "<br>")}</div></div>{extra}</div></div>'
        )

    reactions = '<span class="reactions"><span class="reaction">👀 3</span></span>'
    html = (
        "<html><body><div class='history'>"
        + message("", first, reactions)
        + message(
            " joined",
            "The suburbs want the next line\n" + second + "Yle said more lines are planned.",
        )
        + "</div></body></html>"
    )
    story = parse_document(DocumentInput("export.html", html.encode(), "html"))
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]
    assert story.signals[1].body == "Yle said more lines are planned."


def test_a_channel_posts_emoji_before_the_glued_label_is_not_the_headlines():
    page = (
        "📰 Semafor Signals "
        + TRAM_HEADLINE
        + "Updated Jun 3, 2025, 9:05am EDT politicsEurope\n"
        + TRAM_PAGE.split("The News\n", 1)[1].join(["The News\n", ""])
        + "Yle said the suburbs have asked for a branch line.\n"
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE


def test_a_reaction_to_a_message_below_the_page_ends_it():
    """A messages app's export writes a tapback as a line ("Aino reacted ‼️ to “…”"); the
    reply after it is no signal's headline."""
    page = (
        TRAM_PAGE
        + "Yle said the suburbs have asked for a branch line.\n"
        + "Jonas Berg reacted ‼️ to “Are you at the opening?”\n"
        + "Thanks. See you later?\nRead 7:42 AM\n"
    )
    story = parse_text(page)
    assert len(story.signals) == 2


OUTLINED = """\
1 Nordic desk
1.1 Sources to check
1.2 Story
1.2.1 {title}
Semafor Signals
Jun 3, 2025, 9:05am EDT
The News
Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.
SIGNALS
{first} Riders came on the first morning
Sources: Yle, Helsingin Sanomat
Yle counted queues at every stop, and Helsingin Sanomat said the first trams were full.
{second} The suburbs want the next line
Sources: Yle, Hufvudstadsbladet
Yle said the suburbs have asked for a branch line.
{third} PostEmailWhatsapp
2 Actions
2.1 Ask the city for ridership figures
"""


@pytest.mark.parametrize(
    ("first", "second", "third"),
    [("1.2.1.1", "1.2.1.2", "1.2.2"), ("(i)", "(ii)", "1.3"), ("i.", "ii.", "1.3")],
)
def test_a_word_processors_outline_numbers_are_not_part_of_the_page(first, second, third):
    page = OUTLINED.format(title=TRAM_HEADLINE, first=first, second=second, third=third)
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]
    assert story.signals[1].body == "Yle said the suburbs have asked for a branch line."


def test_a_legal_memos_section_number_is_not_part_of_the_headline():
    page = TRAM_PAGE.replace(TRAM_HEADLINE, "Section 2.02 " + TRAM_HEADLINE)
    assert parse_text(page + "Yle said more.\n").title == TRAM_HEADLINE


def test_a_headline_opening_with_a_decimal_keeps_it():
    page = TRAM_PAGE.replace(TRAM_HEADLINE, "2.5 Million riders expected on Helsinki’s new line")
    assert parse_text(page + "Yle said more.\n").title.startswith("2.5 Million riders")


def test_a_read_later_apps_button_row_below_the_page_is_not_a_signal():
    page = TRAM_PAGE + "Yle said more.\n\nOpen original · [Send to Pocket] · [Share]\n"
    story = parse_text(page)
    assert len(story.signals) == 2


def test_a_phones_site_bar_read_by_text_recognition_is_not_an_untitled_copys_title():
    page = "≡ Semafor Sign in\n" + TRAM_PAGE.split("\n", 1)[1].replace(TRAM_HEADLINE + "\n", "")
    story = parse_text(page + "Yle said more.\n")
    assert "untitled" in story.flags
    assert "Sign in" not in story.title


def test_a_headline_quoting_a_word_or_a_body_line_sent_from_somewhere_is_not_a_chat_aside():
    page = TRAM_PAGE.replace(
        "The suburbs want the next line", "Commuters loved “the tram”"
    ).replace(
        "Sources: Yle, Hufvudstadsbladet\n",
        "Sources: Yle, Hufvudstadsbladet\n"
        "Extra trams were\nsent from Tampere\nfor the day, Yle said.\n",
    )
    story = parse_text(page)
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "Commuters loved “the tram”",
    ]
    assert story.signals[1].body.endswith("for the day, Yle said.")


@pytest.mark.parametrize(
    ("first", "second"),
    [("(1) ", "(2) "), ("★ ", ""), ("", "☆ "), ("✅ ", "✅ "), ("**", "")],
)
def test_numbers_and_a_readers_marks_before_the_headlines_are_not_part_of_them(first, second):
    closing = "**" if first == "**" else ""  # a rich editor's bold headline pasted as text
    page = TRAM_PAGE.replace(
        "Riders came on the first morning", f"{first}Riders came on the first morning{closing}"
    ).replace("The suburbs want the next line", f"{second}The suburbs want the next line")
    story = parse_text(page + "Yle said more.\n")
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]


@pytest.mark.parametrize(
    "beside",
    ["{h} — Sources: {names}", "{h} | Sources: {names}", "{h} (Sources: {names})"],
)
def test_credits_put_beside_the_headline_are_its_source_line(beside):
    """A copy that saved space by writing each signal's credits on its headline's line."""
    page = TRAM_PAGE.replace(
        "Riders came on the first morning\nSources: Yle, Helsingin Sanomat",
        beside.format(h="Riders came on the first morning", names="Yle, Helsingin Sanomat"),
    )
    story = parse_text(page + "Yle said more.\n")
    assert story.signals[0].headline == "Riders came on the first morning"
    assert story.signals[0].outlets == ["Yle", "Helsingin Sanomat"]
    assert story.signals[0].body.startswith("Yle counted queues")


@pytest.mark.parametrize(
    "address",
    [
        "https://chatgpt.com/share/68c0f2a1-93d4-8006-b7e2-5a1f0c47d9e3",
        "https://mail.google.com/mail/u/0/#inbox/FMfcgzQ",
        "https://www.notion.so/Helsinki-tram-3f9a0c71",
        "https://artifact.news/s/Xq2vJ7bN0Hc=",  # a news app's share link
        "https://flipboard.com/@curator/baltic-watch-6q1rv3l7z/-/a-Hk3PzT0mS0q",
    ],
)
def test_the_address_of_the_tool_a_copy_was_kept_in_is_not_the_pages(address):
    """A chat assistant's shared conversation, a mail or a note saved as HTML: its canonical
    link is the tool's, never the story's."""
    body = "".join(f"<p>{line}</p>" for line in (TRAM_PAGE + "Yle said more.").splitlines())
    page = f'<html><head><link rel="canonical" href="{address}"></head><body>{body}</body></html>'
    story = parse_document(DocumentInput("kept.html", page.encode(), "html"))
    assert story.title == TRAM_HEADLINE
    assert story.url is None


def test_a_partners_own_address_is_still_kept():
    body = "".join(f"<p>{line}</p>" for line in (TRAM_PAGE + "Yle said more.").splitlines())
    address = "https://www.example-partner.com/world/helsinki-tram-line-opens-early"
    page = f'<html><head><link rel="canonical" href="{address}"></head><body>{body}</body></html>'
    story = parse_document(DocumentInput("kept.html", page.encode(), "html"))
    assert story.url == "https://example-partner.com/world/helsinki-tram-line-opens-early"


WRAPPED_2023 = """\
Tallinn’s harbour strike ends after the port authority offers | Semafor    https://www.semafor.com/article/06/24/2023/tallinn-harbour-strike-ends
Semafor Signals
Jun 24, 2023, 4:12pm EDT
Tallinn’s harbour strike ends after the port authority offers a new wage deal
NEWS
Dockworkers in Tallinn ended a four-day strike on Saturday after the port authority offered
a wage rise of eight percent over two years and a review of night-shift rules, the union said.
The strike had stopped the ferries to Helsinki and Stockholm and left more than two hundred
lorries queueing on the road into the harbour, where drivers slept in their cabs for days.

The port authority said the new rules would apply from August, and that it would meet the
union again in the autumn to talk about the terminal's plans for the next three years.
SIGNALS
The strike was the longest at the port since independence, and its end leaves the question of
automation open. Postimees reported that the authority wants remote-controlled cranes in the
container terminal by 2026, which the union says would cut jobs.
{footer}
Tallinn’s harbour strike ends after the port authority offers | Semafor    https://www.semafor.com/article/06/24/2023/tallinn-harbour-strike-ends
The ferry lines to Helsinki lost about a million euros a day during the strike, according to
ERR, and freight firms rerouted some cargo through the ports of Riga and Klaipėda for the week.
They may not all come back, the Baltic Times noted, as rivals cut their fees to keep it.
"""


def test_a_pdf_tools_page_footer_and_a_paragraph_ended_at_the_sheets_end():
    """Foxit's text of a Firefox printout: the sheet's number and time on one line ("Page 1 of
    2   24/06/2023, 22:41"); the paragraph above it ended there (its last line falls short)."""
    page = WRAPPED_2023.format(footer="\nPage 1 of 2" + " " * 60 + "24/06/2023, 22:41\n\n")
    story = parse_text(page)
    assert [s.body[:28] for s in story.signals] == [
        "The strike was the longest a",
        "The ferry lines to Helsinki ",
    ]


def test_a_dumps_canonical_field_below_the_page_is_its_address():
    page = TRAM_PAGE + "Yle said more.\n\n---\n\ncanonical: " + TRAM_ADDRESS + "\nwords: 412\n"
    assert parse_text(page).url == "https://semafor.com/article/06/03/2025/helsinki-tram-line"


TRAM_ADDRESS = "https://www.semafor.com/article/06/03/2025/helsinki-tram-line"


def test_a_handouts_credit_marks_a_caption_not_an_untitled_copys_title():
    page = TRAM_LABELLED.replace(
        "The News\n",
        "The first tram at Kalasatama on Tuesday. Handout via Helsinki City Transport\nThe News\n",
    )
    story = parse_text(page + "Yle said more.\n")
    assert "untitled" in story.flags
    assert "Handout" not in story.title


@pytest.mark.parametrize(
    "record",
    [
        # ProQuest: the headline and a citation over the record's tabs.
        "{h}\nSemafor; Washington. Jun 3, 2025.\n\nCite   Email   Print\nTranslate\nFull Text\n"
        "Abstract/Details\n\nFull Text\n",
        # Gale: the headline over the record's fields.
        "{h}\nDate: June 3, 2025\nFrom: Semafor\nPublisher: Semafor Inc.\n"
        "Document Type: Article\nLength: 512 words\nContent Level: (Level 5)\n\nFull Text:\n",
        # EBSCO: the headline printed, then its title field with a period, then reading tools.
        "Detailed Record\nHTML Full Text\n\n{h}\n\nTitle: {h}.\nSource: Semafor. 06/03/2025.\n"
        "Document Type: Article\nWord Count: 512\nDatabase: Newswires\n\nSection: Signals\n"
        "Listen\nAmerican Accent\nDictionary\nTranslate\n",
        # A media monitor's digest: its numbered item and byline.
        "1. Helsinki fares rise\nReuters · Finland · Jun 3, 2025 08:12\nRead more\n\n"
        "2. {h}\nSemafor · United States · Jun 3, 2025 09:05\nReach: 1.6M | Sentiment: Neutral\n"
        "Full text (licensed content)\n",
        # A partner's box over the page it re-posts.
        "{h}\nBy\nSemafor\n| June 3, 2025\nFrom Semafor\n",
    ],
)
def test_a_news_databases_record_around_the_page_is_not_its_headline(record):
    page = record.format(h=TRAM_HEADLINE) + "\nSemafor Signals\n" + TRAM_LABELLED
    story = parse_text(page + "Yle said more.\n")
    assert story.title == TRAM_HEADLINE
    assert "untitled" not in story.flags
    assert len(story.signals) == 2


def test_a_markdown_links_text_wrapped_over_two_lines_is_one_name():
    markdown = (
        "Sources: [Yle](https://yle.fi/), [Helsingin\nSanomat](https://www.hs.fi/)\n\n"
        "Yle counted queues at every stop.\n"
    )
    text, _ = markdown_to_text(markdown)
    assert text.splitlines()[0] == "Sources: Yle, Helsingin Sanomat"


@pytest.mark.parametrize(
    "trailer",
    [
        "Source Citation (MLA 9th Edition)\n“Helsinki’s new tram line opens a year early.” "
        "Semafor, 3 June 2025. Gale OneFile: News. Accessed 4 June 2025.",
        "Citation (MLA)\n“Helsinki’s new tram line opens a year early.” Semafor (USA), "
        "3 June 2025. NewsBank: Access World News.",
        "Record Number: semafor_20250603_helsinki-tram\nMore Like This",
        "Copyright of Semafor is the property of Semafor Inc. and its content may not be copied."
        "\nTools\nGoogle Drive\nAdd to folder\nSave",
        "---\n\nShared from Artifact · Personalized news feed",
    ],
)
def test_a_databases_citation_or_an_apps_share_trailer_ends_the_page(trailer):
    story = parse_text(TRAM_PAGE + "Yle said more.\n\n" + trailer + "\n")
    assert len(story.signals) == 2
    assert story.signals[1].body == "Yle said more."
    assert "truncated" not in story.flags


def test_a_source_name_cut_inside_a_known_publications_name_is_dropped():
    page = TRAM_PAGE.replace("Sources: Yle, Hufvudstadsbladet", "Sources: Yle, Carnegie Po")
    story = parse_text(page)
    assert story.signals[1].outlets == ["Yle"]


def test_furniture_closed_by_the_quote_around_a_shared_selection_is_furniture():
    """A phone's share of a selection, in quotes, with an app's trailer below."""
    page = '"' + TRAM_PAGE + 'Yle said more.\nAD"\n\nShared from Google News\n'
    story = parse_text(page)
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]


def test_a_notes_apps_checklist_below_the_page_ends_it():
    checklist = "☐ check the ridership figures\n☐ forward to Aino (transport)\n"
    page = TRAM_PAGE + "Yle said more.\n\n" + checklist
    story = parse_text(page)
    assert len(story.signals) == 2
    assert story.signals[1].body == "Yle said more."


def test_a_feed_readers_link_under_its_item_ends_the_page():
    """A feed reader's full-text export: its link and tags under the item, then the next item."""
    page = TRAM_PAGE + (
        "Yle said more.\n\n[Open original](https://www.semafor.com/article/06/03/2025/helsinki-tram)"
        " · Tags: #transport #finland\n\n---\n\n## Tallinn raises its ferry fees\n"
        "*Reuters · Tue, 3 Jun 2025 07:30* · [Open original](https://www.reuters.com/)\n\n"
        "(Preview only — full text not available for this source.)\n"
    )
    story = parse_document(DocumentInput("feed.md", page.encode(), "markdown"))
    assert len(story.signals) == 2
    assert story.signals[1].body == "Yle said more."


@pytest.mark.parametrize(
    "note",
    [
        'copied at the airport. headline was something like "tram opens early..." didn\'t copy it',
        "on the phone, didn't get the headline, sorry",
    ],
)
def test_a_note_saying_the_headline_was_not_copied_leaves_the_copy_untitled(note):
    page = "Helsinki trams - for the brief\n\n" + note + "\n\n" + TRAM_LABELLED
    story = parse_text(page + "Yle said more.\n")
    assert "untitled" in story.flags
    assert "brief" not in story.title


def test_a_reading_apps_glued_sponsor_logo_and_buttons_around_the_page():
    page = (
        "semafor.com\nView Original\n6 min\n"
        f"Semafor SignalsSupported byMicrosoft logo{TRAM_HEADLINE}\n"
        + TRAM_LABELLED
        + "Yle said more.\nOpen in browser | Mark as read | Send to…\n"
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE
    assert len(story.signals) == 2


def test_a_list_of_facts_in_a_markdown_signals_body_is_no_headline():
    page = TRAM_PAGE.replace(
        "Yle counted queues at every stop, and Helsingin Sanomat said the first trams were full.\n",
        "Yle counted queues at every stop, and Helsingin Sanomat said the first trams were full\n"
        "\n*   Riders on the first day: about 41,000\n*   Trams in service: 24\n"
        "*   Stops on the line: 33\n\nThe city said it would add trams at rush hour.\n",
    )
    story = parse_document(
        DocumentInput("tram.md", (page + "Yle said more.\n").encode(), "markdown")
    )
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]
    assert "Stops on the line: 33" in story.signals[0].body


def test_a_charts_caption_with_its_data_credit_between_paragraphs_is_no_headline():
    page = TRAM_PAGE.replace(
        "Yle counted queues at every stop, and Helsingin Sanomat said the first trams were full.\n",
        "Yle counted queues at every stop, and Helsingin Sanomat said the first trams were full.\n"
        "Daily riders, June 2025. Data: Helsinki Regional Transport\n"
        "The city said it would add trams at rush hour.\n",
    )
    story = parse_text(page + "Yle said more.\n")
    assert len(story.signals) == 2
    assert "Data:" not in story.signals[0].body


def test_a_mail_signature_with_its_telephone_number_below_the_page_is_not_the_page():
    page = TRAM_PAGE + (
        "Yle said more.\n\nAino Virtanen\nSenior Analyst | Baltic Desk\n+358 9 310 1641\n\n"
        "CONFIDENTIALITY: This message is intended only for the named recipients.\n"
    )
    story = parse_text(page)
    assert len(story.signals) == 2
    assert story.signals[1].body == "Yle said more."


def test_a_mailing_lists_own_address_atop_a_digest_is_not_the_pages():
    page = (
        "Send Baltic-watch mailing list submissions to\n\tbaltic-watch@lists.example.org\n\n"
        "To subscribe or unsubscribe via the World Wide Web, visit\n"
        "\thttps://lists.example.org/mailman/listinfo/baltic-watch\n\n" + TRAM_PAGE
    )
    assert parse_text(page + "Yle said more.\n").url is None


def test_a_note_with_the_link_saying_only_the_part_under_the_photo_was_copied():
    page = (
        "Aino Virtanen · Baltic watch · Message Board · Jun 3\n\n"
        "Morning all. I only grabbed the part of the page under the photo, link is here: "
        f"{TRAM_ADDRESS}\n\n" + TRAM_LABELLED + "Yle said more.\n\n2 comments · 1 boost 👏\n"
    )
    story = parse_text(page)
    assert "untitled" in story.flags and "Message Board" not in story.title
    assert story.url == "https://semafor.com/article/06/03/2025/helsinki-tram-line"
    assert len(story.signals) == 2


def test_a_printed_packs_running_header_between_the_signals_is_not_a_signal():
    header = (
        "BALTIC POLITICAL RISK PACK Week {week} / June 2025 Prepared for: Clients  Page {n} of 9"
    )
    page = TRAM_PAGE.replace(
        "The suburbs want the next line",
        header.format(week=23, n=4) + "\nThe suburbs want the next line",
    )
    story = parse_text(header.format(week=23, n=3) + "\n\n" + page + "Yle said more.\n")
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]
    assert "PACK" not in story.signals[0].body


@pytest.mark.parametrize("last", ["Helsingin Sanomat", "HS", "DutchNews.nl"])
def test_a_body_a_scraper_glued_to_its_source_line_is_split_off(last):
    body = "Yle counted queues at every stop, and the first trams were full, the paper said."
    page = TRAM_PAGE.replace(
        "Sources: Yle, Helsingin Sanomat\nYle counted queues at every stop, and Helsingin "
        "Sanomat said the first trams were full.",
        f"Sources: Yle, {last}{body}",
    )
    story = parse_text(page + "Yle said more.\n")
    assert story.signals[0].body == body
    assert story.signals[0].outlets[-1] in (last, "Helsingin Sanomat")


def test_a_long_source_line_with_a_capital_inside_a_name_stays_whole():
    names = "McClatchy Washington Bureau, The Washington Post, Los Angeles Times, Chicago Tribune"
    page = TRAM_PAGE.replace("Sources: Yle, Helsingin Sanomat", "Sources: " + names)
    story = parse_text(page + "Yle said more.\n")
    assert len(story.signals[0].outlets) == 4
    assert story.signals[0].body.startswith("Yle counted queues")


def test_a_mails_signature_above_its_confidentiality_notice_is_not_the_page():
    page = TRAM_PAGE + (
        "Yle said more.\n\n\u00a0\n\nAino Virtanen | Baltic Desk\nNorthgate Partners\n\n"
        "This message, including any attachments, is confidential and intended solely for the "
        "named recipients. If you have received it in error, please tell the sender.\n"
    )
    story = parse_text(page)
    assert len(story.signals) == 2
    assert story.signals[1].body == "Yle said more."


@pytest.mark.parametrize("block", ["{noformat}", "{quote}"])
def test_an_issue_trackers_closing_block_mark_ends_the_page(block):
    page = (
        f"EAE-9 Ingest: tram line\n\n{block}\n"
        + TRAM_PAGE
        + (
            f"Yle said more.\n{block}\n\nAcceptance criteria:\n* Log the outlets\n\n"
            "Aino Virtanen – 04/Jun/25 9:58 AM\n"
            "Added labels. The second one is arguably about the suburbs.\n"
        )
    )
    story = parse_text(page)
    assert len(story.signals) == 2
    assert story.signals[1].body == "Yle said more."


def printed_tram_page(header: str) -> str:
    """Two printed sheets of a page with hard-wrapped paragraphs, as a PDF viewer copies them:
    the browser's header above each sheet, "1 of 2" and the time below it."""
    return f"""{header}
Semafor Signals
{TRAM_HEADLINE}
Updated Jun 3, 2025, 9:05am EDT
Insights from Yle, Helsingin Sanomat, Hufvudstadsbladet, Iltalehti, and Helsinki Times
Arrow Down
The News
Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule and under its
budget, the city said, after crews worked through two winters to lay the track across the
harbour bridges and through the new districts on the eastern shore.
SIGNALS
Riders came on the first morning
Sources: Yle, Helsingin Sanomat
Yle counted queues at every stop on the first morning, and Helsingin Sanomat said the first
trams were full before they reached the city centre, with commuters from the eastern suburbs
taking the new line instead of the metro for the first time.
1 of 2 6/4/25, 8:02 AM
{header}
The suburbs want the next line
Sources: Yle, Hufvudstadsbladet
Yle said the eastern suburbs have already asked for a second line, and Hufvudstadsbladet
reported that the council will vote on the plan before the summer break, with a budget that
would be twice the first line's if the tunnel under the bay is built as the engineers want.
2 of 2 6/4/25, 8:02 AM
"""


@pytest.mark.parametrize(
    "header",
    [
        # Firefox's header, the title and address one space apart (a viewer closed the gap).
        f"{TRAM_HEADLINE} | Semafor {TRAM_ADDRESS}?utm_source=whatsapp",
        # Printed from the reader view: its own address, the page's inside it, encoded.
        f"{TRAM_HEADLINE} about:reader?url=" + TRAM_ADDRESS.replace(":", "%3A").replace("/", "%2F"),
    ],
)
def test_a_pdf_viewers_copy_of_firefoxs_print_margins_is_not_the_page(header):
    story = parse_text(printed_tram_page(header))
    assert story.url == "https://semafor.com/article/06/03/2025/helsinki-tram-line"
    assert story.insights_from[-1] == "Helsinki Times"
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]
    assert story.signals[0].body.endswith("for the first time.")


def test_pandocs_image_sizes_wrapped_onto_the_next_line_are_not_text():
    icon = '![Source icon](media/image5.png){width="0.20833333333333334in"\nheight="0.2in"}\n\n'
    page = (
        "# Helsinki’s new tram line opens a year early\n\n**Semafor Signals**\n\n"
        "Updated Jun 3, 2025, 9:05am EDT\n\n## The News\n\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\n\n"
        "## SIGNALS\n\n### Riders came on the first morning\n\n" + icon + "Sources: Yle\n\n"
        "Yle counted queues at every stop.\n\n### The suburbs want the next line\n\n"
        + icon
        + "Source: Hufvudstadsbladet\n\nThe paper said the eastern suburbs want one.\n"
    )
    story = parse_document(DocumentInput("pack.md", page.encode(), "markdown"))
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]
    assert [s.outlets for s in story.signals] == [["Yle"], ["Hufvudstadsbladet"]]


def test_a_note_saying_the_top_was_cut_off_makes_the_copy_untitled():
    """An outliner's journal page (Logseq): the page nested under the day's note."""
    nested = "".join(f"\t\t- {line}\n" for line in (TRAM_LABELLED + "Yle said more.").splitlines())
    page = (
        "- [[Jun 4th, 2025]] reading — Helsinki\n\t- #helsinki #transport\n"
        "\t- pasted from Semafor (top cut off when I selected)\n" + nested
    )
    story = parse_document(DocumentInput("journal.md", page.encode(), "markdown"))
    assert "untitled" in story.flags
    assert "reading" not in story.title
    assert len(story.signals) == 2


def test_a_machine_translation_back_to_english_is_still_read():
    """ "Update" for "Updated", a singular label and heading, "Resources:" for "Sources:"."""
    page = (
        TRAM_PAGE.replace("Semafor Signals\nJun 3", "Semafor signal\nUpdate Jun 3")
        .replace("SIGNALS\n", "SIGNAL\nSemafor Signal: global views on the stories of today.\n")
        .replace("Sources:", "Resources:")
    )
    story = parse_text(page + "Yle said more.\n")
    assert story.published == "2025-06-03"
    assert [s.outlets for s in story.signals] == [
        ["Yle", "Helsingin Sanomat"],
        ["Yle", "Hufvudstadsbladet"],
    ]


def test_a_link_glued_to_a_source_name_is_not_part_of_it():
    """Outlook's text of a linked name: "Meduza<https://meduza.io/en>"."""
    page = TRAM_PAGE.replace(
        "Sources: Yle, Helsingin Sanomat",
        "Sources:  Yle<https://yle.fi/news>, Novaya Gazeta Europe<https://novayagazeta.eu/>",
    )
    story = parse_text(page + "Yle said more.\n")
    assert story.signals[0].outlets == ["Yle", "Novaya Gazeta Europe"]


def test_a_documents_comments_exported_below_it_are_not_a_signal():
    page = TRAM_PAGE + (
        "Yle said more.[a]\n\n\n[a]Aino V: worth a line in the brief?\n"
        "[b]Jonas B: cross-ref our Tampere piece from May\n"
    )
    story = parse_text(page)
    assert len(story.signals) == 2
    assert story.signals[1].body == "Yle said more.[a]"


@pytest.mark.parametrize("linked", ["note", "headline", "headline, a space between"])
def test_a_mails_link_to_the_page_glued_to_its_text_gives_the_address(linked):
    """Outlook's text of a linked word: "Link: Semafor<https://…>" in the sender's note, or the
    headline linked to the page ("Headline<https://…>", or with a space before the link), the
    label to Semafor's section."""
    link = f"<{TRAM_ADDRESS}?utm_source=x>"
    page = TRAM_PAGE
    note = "FYI, Semafor's take below for the tracker."
    if linked == "note":
        note += f" Link: Semafor{link}"
    else:
        link = " " + link if "space" in linked else link
        page = page.replace(TRAM_HEADLINE, TRAM_HEADLINE + link).replace(
            "Semafor Signals\n", "Semafor Signals<https://www.semafor.com/signals>\n"
        )
    mail = "From: Aino Virtanen <aino@example.org>\nSubject: FW: tram - Semafor\n\n"
    story = parse_text(f"{mail}{note}\n\n{page}Yle said more.\n")
    assert story.url == "https://semafor.com/article/06/03/2025/helsinki-tram-line"
    assert story.title == TRAM_HEADLINE


@pytest.mark.parametrize(
    "tagline",
    [
        "Semaphore Signals: Global perspectives on today's stories.",
        "Signals from Semafor: Global perspectives on the biggest stories of today.",
    ],
)
def test_a_translation_that_turns_semafor_into_a_word_is_still_read(tagline):
    page = TRAM_PAGE.replace("SIGNALS\n", f"SIGNALS\n{tagline}\n")
    story = parse_text(page + "Yle said more.\n")
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]


def test_a_reposters_dated_byline_dates_the_page_and_its_credit_to_semafor_is_no_signal():
    page = TRAM_PAGE.replace(
        "Semafor Signals\nJun 3, 2025, 9:05am EDT\n" + TRAM_HEADLINE,
        TRAM_HEADLINE + "\nJune 4, 2025 by Editorial Team\n\nSemafor Signals",
    )
    story = parse_text(page + "Yle said more.\n\nSource: Semafor\nTags: Finland, trams\n")
    assert (story.title, story.published) == (TRAM_HEADLINE, "2025-06-04")
    assert [s.body for s in story.signals][1] == "Yle said more."
    # Between a headline and its body, a Source line naming Semafor is the signal's.
    own = parse_text(TRAM_PAGE + "Yle said more.\nWhat comes next?\nSource: Semafor\nShe said.\n")
    assert [(s.headline, s.outlets) for s in own.signals][2] == ("What comes next?", ["Semafor"])


def test_an_issue_trackers_activity_below_the_copy_is_not_a_signal():
    page = TRAM_PAGE + (
        "Yle said more.\n\nAttachment: none\n\nActivity\nAll   Comments   Work log   History\n\n"
        "Aino Virtanen added a comment - 04/Jun/25 11:05 AM\nSource lines look complete.\n"
    )
    story = parse_text(page)
    assert len(story.signals) == 2


def test_the_headline_a_tabs_title_repeats_wins_over_a_notes_own_title():
    """A phone's share into a note app: the note's title, the tab's title and the address, then
    the page (a 2023 page: no label above the headline)."""
    page = (
        "Semafor – Helsinki tram / suburbs\n"
        "Helsinki's new tram line opens a year early | Semafor\n"
        f"{TRAM_ADDRESS}?utm_source=android_app\n\n"
        "Jun 3, 2025, 9:05am EDT\nEurope\n\n" + TRAM_HEADLINE + "\n\nThe News\n\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\n\n"
        "SIGNALS\n\nYle counted queues at every stop, and the first trams were full.\n\n"
        "Hufvudstadsbladet said the eastern suburbs want the next line.\n"
    )
    assert parse_text(page).title == TRAM_HEADLINE


def test_a_raw_mail_in_quoted_printable_is_read_decoded():
    body = TRAM_PAGE.replace("Helsinki’s", "Helsinki=E2=80=99s").replace(
        "Yle counted queues at every stop, and Helsingin Sanomat said the first trams",
        "Yle counted queues at every stop, and Helsingin Sanomat said the f=\nirst trams",
    )
    mail = (
        "From: Aino Virtanen <aino@example.org>\nSubject: =?UTF-8?Q?Fwd=3A_tram?=\n"
        "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n"
    )
    page = mail + body + "Yle said more.\n"
    story = parse_document(DocumentInput("mail.txt", page.encode(), "text"))
    assert story.title == TRAM_HEADLINE
    assert "the first trams were full" in story.signals[0].body


def _rtf(text: str) -> str:
    """Text as a word processor writes it in RTF: a paragraph a "\\par", runs of formatting
    between, curly quotes as code page bytes or Unicode."""
    paragraphs = "".join(
        f"\\pard\\plain \\ql{{\\rtlch\\f37\\fs20 {line}}}\\par\n" for line in text.splitlines()
    )
    paragraphs = paragraphs.replace("’", "\\'92").replace("ä", "\\u228?")
    return (
        "{\\rtf1\\ansi\\ansicpg1252\\uc1\\deff0{\\fonttbl{\\f37\\fswiss ABC Diatype;}}"
        "{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator Riched20;}"
        "{\\info{\\title Tram notes}{\\author Aino}}\n" + paragraphs + "}"
    )


@pytest.mark.parametrize("suffix", [".rtf", ".txt"])
def test_a_page_saved_as_rtf_is_read_as_its_text(suffix):
    """TextEdit's or Word's RTF: a file of that name, or one opened as text and saved again."""
    page = (TRAM_PAGE + "Yle said more.\n").replace(
        "Helsingin Sanomat", "Helsingin Sanomat ja Hämeen"
    )
    document = DocumentInput(f"tram{suffix}", _rtf(page).encode(), EXTENSIONS[suffix])
    story = parse_document(document)
    assert story.title == TRAM_HEADLINE
    assert [len(s.body) > 0 for s in story.signals] == [True, True]
    assert "Hämeen" in story.signals[0].body
    assert "Tram notes" not in story.summary and "Diatype" not in story.summary


def test_a_pages_source_saved_as_text_is_read_as_html():
    """A browser's "view source", copied into a text file under the address it shows."""
    html = (
        "<!DOCTYPE html><html><head><title>Tram | Semafor</title></head><body><article>"
        f"<h1>{TRAM_HEADLINE}</h1><p>Semafor Signals</p><h2>The News</h2><p>Facts.</p>"
        "<h2>SIGNALS</h2><h3>Riders came</h3><p>Source: Yle</p><p>Yle counted queues.</p>"
        "</article></body></html>"
    )
    text = f"view-source:{TRAM_ADDRESS}\n{html}\n"
    story = parse_document(DocumentInput("source.txt", text.encode(), "text"))
    assert (story.title, story.url) == (TRAM_HEADLINE, TRAM_ADDRESS.replace("www.", ""))
    assert [(s.headline, s.outlets) for s in story.signals] == [("Riders came", ["Yle"])]


def test_a_mails_source_with_a_text_and_an_html_part_is_read_once():
    """A mail's raw source ("view source", a saved .eml): the page in its text part, in its
    declared character set, and again as markup in its HTML part."""
    page = TRAM_PAGE + "Yle said more.\n"
    plain = page.encode("cp1252").decode("latin-1")
    encoded = quopri.encodestring(plain.encode("latin-1")).decode("ascii")
    markup = "".join(
        f'<p class=3D"MsoNormal">{line}<o:p></o:p></p>\n' for line in page.splitlines()
    )
    mail = (
        "Received: from relay.example.org\n by mx.example.org; Wed, 4 Jun 2025 07:31:05 +0000\n"
        "From: Aino Virtanen <aino@example.org>\nSubject: tram - Semafor\n"
        "Date: Wed, 4 Jun 2025 07:31:04 +0000\nMIME-Version: 1.0\n"
        'Content-Type: multipart/alternative;\n\tboundary="_000_b"\n\n'
        '--_000_b\nContent-Type: text/plain; charset="Windows-1252"\n'
        f"Content-Transfer-Encoding: quoted-printable\n\n{encoded}\n"
        '--_000_b\nContent-Type: text/html; charset="Windows-1252"\n'
        f"Content-Transfer-Encoding: quoted-printable\n\n<html><body>{markup}</body></html>\n"
        "--_000_b--\n"
    )
    story = parse_document(DocumentInput("mail.eml", mail.encode(), EXTENSIONS[".eml"]))
    assert story.title == TRAM_HEADLINE
    assert [s.body for s in story.signals][1] == "Yle said more."
    assert len(story.signals) == 2


TRAM_WHOLE = TRAM_PAGE + "Yle said more.\n"


def _tram_document(text: str, name: str = "page.txt"):
    suffix = name[name.rindex(".") :]
    return parse_document(DocumentInput(name, text.encode(), EXTENSIONS[suffix]))


@pytest.mark.parametrize("name", ["firecrawl.json", "firecrawl.txt"])
def test_a_scraping_apis_json_record_gives_its_page_and_fields(name):
    record = {
        "success": True,
        "data": {
            "markdown": TRAM_WHOLE,
            "metadata": {
                "title": f"{TRAM_HEADLINE} | Semafor",
                "sourceURL": TRAM_ADDRESS + "?utm_source=x",
                "fetched_at": "2025-06-09T08:00:00Z",
            },
        },
    }
    story = _tram_document(json.dumps(record, indent=2), name)
    assert (story.title, story.url) == (TRAM_HEADLINE, TRAM_ADDRESS.replace("www.", ""))
    assert story.published == "2025-06-03"  # the page's date, not the fetch's
    assert [s.body for s in story.signals][1] == "Yle said more."


def test_a_search_indexs_record_under_the_command_that_fetched_it_gives_its_page():
    record = {"_id": "tram", "found": True, "_source": {"url": TRAM_ADDRESS, "body": TRAM_WHOLE}}
    text = '$ curl -s "http://localhost:9200/clips/_doc/tram?pretty"\n' + json.dumps(record)
    story = _tram_document(text)
    assert (story.title, len(story.signals)) == (TRAM_HEADLINE, 2)


def test_a_crawlers_table_row_with_the_page_in_one_cell_gives_it():
    cell = TRAM_WHOLE.replace('"', '""')
    text = f'id,source,url,captured_at,text\n7,semafor,{TRAM_ADDRESS},2025-06-09,"{cell}"\n'
    story = _tram_document(text, "export.txt")
    assert (story.title, story.url) == (TRAM_HEADLINE, TRAM_ADDRESS.replace("www.", ""))
    # A headline with commas on a copy's first line is no table's header.
    headline = "Rail, tram, and bus fares rise in Helsinki"
    page = TRAM_WHOLE.replace(TRAM_HEADLINE, headline).replace(
        "Helsinki opened", '"Helsinki opened'
    )
    assert _tram_document(f"{headline}\n{page}").title == headline


def test_a_notebooks_output_of_the_page_as_an_escaped_string_is_read():
    escaped = TRAM_WHOLE.replace("\n", "\\n").replace("’", "\\u2019")
    text = f"In [12]: text[:2000]\n\nOut[12]: '{escaped}'\n\nIn [13]: len(text)\n"
    story = _tram_document(text)
    assert story.title == TRAM_HEADLINE
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]


@pytest.mark.parametrize("tool", ["git show", "diff -u"])
def test_a_diff_that_adds_the_page_is_read_on_its_newer_side(tool):
    old = TRAM_WHOLE.replace(TRAM_HEADLINE, "Helsinki opens a tram line")
    if tool == "git show":
        hunk = "".join(f"+{line}\n" for line in TRAM_WHOLE.splitlines())
        head = "commit 4e1b7c2\nAuthor: A <a@example.org>\n\n    add tram page\n\n"
        head += "diff --git a/t.txt b/t.txt\nnew file mode 100644\n--- /dev/null\n+++ b/t.txt\n"
        text = f"$ git show 4e1b7c2\n{head}@@ -0,0 +1,14 @@\n{hunk}"
    else:
        hunk = "".join(
            f"-{a}\n+{b}\n" if a != b else f" {a}\n"
            for a, b in zip(old.splitlines(), TRAM_WHOLE.splitlines(), strict=True)
        )
        text = (
            f"--- tram_v1.txt\t2025-06-03\n+++ tram_v2.txt\t2025-06-04\n@@ -1,14 +1,14 @@\n{hunk}"
        )
    story = _tram_document(text)
    assert (story.title, len(story.signals)) == (TRAM_HEADLINE, 2)
    assert story.signals[0].body.startswith("Yle counted queues")


def test_an_issues_fenced_quote_of_the_page_is_read_alone():
    issue = (
        "# Signal dropped on ingest #212\n\n**Open** · opened this issue\n\n### The copy\n\n"
        f"From {TRAM_ADDRESS}:\n\n```text\n{TRAM_WHOLE}```\n\n### Expected\n\nTwo signals.\n"
    )
    story = _tram_document(issue, "issue.md")
    assert (story.title, len(story.signals)) == (TRAM_HEADLINE, 2)
    assert story.signals[1].body == "Yle said more."
    assert story.url == TRAM_ADDRESS.replace("www.", "")  # named above the block


def test_the_shell_command_that_printed_the_page_is_not_its_title_but_gives_its_address():
    command = f"ana@thinkpad:~/clips$ curl -s https://r.jina.ai/{TRAM_ADDRESS} | html2text\n"
    story = _tram_document(command + TRAM_WHOLE)
    assert (story.title, story.url) == (TRAM_HEADLINE, TRAM_ADDRESS.replace("www.", ""))


def test_an_address_cut_short_for_display_is_not_the_pages():
    table = f"   id  url\n412  {TRAM_ADDRESS[:48]}...  2025-06-04\n\n"
    story = parse_text(table + f"Out[7]: '{TRAM_ADDRESS}?utm_source=x'\n\n" + TRAM_WHOLE)
    assert story.url == TRAM_ADDRESS.replace("www.", "")


@pytest.mark.parametrize(
    "turn",
    ["ChatGPT said:", "**Claude:**", "## Response:", "Copilot said", "Thought for 14 seconds"],
)
def test_an_ai_assistants_answer_below_the_page_pasted_to_it_is_no_signal(turn):
    chat = f"You said:\nWhich signals matter for the transport brief?\n\n{TRAM_WHOLE}\n{turn}\n"
    chat += "Here is how I'd sort them:\n\nRiders first\nThe first signal is about demand.\n"
    story = _tram_document(chat)
    assert [s.body for s in story.signals] == [
        "Yle counted queues at every stop, and Helsingin Sanomat said the first trams were full.",
        "Yle said more.",
    ]


def test_a_page_pasted_into_a_terminals_program_loses_the_prompt_on_each_line():
    pasted = "".join(f"... {line}\n" if line else "...\n" for line in TRAM_WHOLE.splitlines())
    text = (
        f'analyst@desk:~$ ollama run qwen2.5\n>>> """\n... Summarise this.\n...\n{pasted}... """\n'
    )
    story = _tram_document(text)
    assert (story.title, [s.headline for s in story.signals]) == (
        TRAM_HEADLINE,
        ["Riders came on the first morning", "The suburbs want the next line"],
    )


def test_a_text_browsers_http_headers_are_not_read_as_a_mail():
    """w3m keeps the page's HTTP headers above its dump: a Content-Type, but no mail's."""
    headers = f"W3m-current-url: {TRAM_ADDRESS}\nContent-Type: text/html; charset=utf-8\n\n"
    story = parse_document(DocumentInput("dump.txt", (headers + TRAM_PAGE).encode(), "text"))
    assert story.title == TRAM_HEADLINE


def test_a_reply_below_a_quoted_page_is_not_a_signal():
    quoted = "".join(f"> {line}\n" for line in (TRAM_PAGE + "Yle said more.").splitlines())
    page = (
        "On Jun 4, 2025, Jonas Berg wrote:\n" + quoted + "\n"
        "Thanks Jonas. The Yle item matches what the drivers told us in\n"
        "May. I'll add the queues to the log.\n\n-- \nAino Virtanen\n"
    )
    story = parse_text(page)
    assert len(story.signals) == 2
    assert story.signals[1].body == "Yle said more."


def test_thunderbirds_printed_message_margins_are_not_the_page():
    """The print's header (time, subject) and its footer (the message's mailbox address and
    the sheet) around each sheet, a sentence cut at the sheet's end."""
    header = "6/4/25, 9:14 AM                                   Fwd: tram"
    footer = "mailbox:///C:/Users/av/Mail/Local%20Folders/Inbox?number=4418     {}/2"
    page = (
        f"{header}\nSubject: Fwd: tram\n\n{TRAM_HEADLINE}\nJun 3, 2025, 9:05am EDT\nNEWS\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\n"
        "SIGNALS\nYle counted queues at every stop, and the first trams were full before\n\n"
        f"{footer.format(1)}\n\n{header}\n"
        "they reached the city centre, Yle said.\n"
        "Hufvudstadsbladet said the eastern suburbs want the next line.\n"
        f"\n{footer.format(2)}\n"
    )
    story = parse_text(page)
    assert [s.body for s in story.signals] == [
        "Yle counted queues at every stop, and the first trams were full before they reached "
        "the city centre, Yle said.",
        "Hufvudstadsbladet said the eastern suburbs want the next line.",
    ]


@pytest.mark.parametrize(
    "above",
    [
        # A mailing list's digest names its own pages first.
        "Group: baltic@googlegroups.com\n"
        "Url: https://groups.google.com/forum/?utm_source=digest#!forum/baltic/topics\n\n"
        "Topic: Helsinki tram\n"
        "Url: https://groups.google.com/forum/?utm_source=digest#!topic/baltic/Xk4pR7b\n\n"
        "---------- 1 of 2 ----------\nFrom: Jonas Berg <jonas@example.org>\n"
        "Url: https://groups.google.com/group/baltic/msg/4c1f9a2b7e\n\n"
        "Semafor's page from today, pasted whole:\n\n" + TRAM_ADDRESS,
        # A mail app's page for a shared thread.
        "https://share.sparkmailapp.com/a1b2c3d4/9f8e7d6c5b4a\nShared thread · 2 comments",
    ],
)
def test_a_mail_tools_own_pages_are_not_the_storys_address(above):
    story = parse_text(f"{above}\n\n{TRAM_PAGE}Yle said more.\n")
    expected = TRAM_ADDRESS.replace("www.", "") if TRAM_ADDRESS in above else None
    assert story.url == expected


def test_markup_in_a_headline_is_kept_as_written():
    """A closing tag glued to a word is the headline's text, not a link after it."""
    headline = '<img src=x onerror="alert(1)"> Trams <script>alert(2)</script> run early'
    story = parse_text(TRAM_PAGE.replace(TRAM_HEADLINE, headline) + "Yle said more.\n")
    assert story.title == headline


def test_a_channels_repost_dates_the_page_by_its_dotted_date():
    """A channel's repost: the day first, with dots, glued to the label."""
    page = TRAM_PAGE.replace(
        "Semafor Signals\nJun 3, 2025, 9:05am EDT\n", "📌 03.06.2025 | Semafor Signals\n"
    )
    story = parse_text(page + "Yle said more.\n")
    assert story.published == "2025-06-03"


def test_the_google_apps_share_link_is_not_the_storys_address():
    story = parse_text(f"https://search.app/Xq4vTnR2bKc8uWm7A\n\n{TRAM_PAGE}Yle said more.\n")
    assert story.url is None


def test_a_mails_link_to_the_full_story_below_the_signals_is_not_a_signal():
    page = TRAM_PAGE + "Yle said more.\n\nGet the full story on Semafor.com\n"
    story = parse_text(page)
    assert len(story.signals) == 2 and story.signals[1].body == "Yle said more."


def test_a_translations_resource_icon_above_its_source_line_is_not_a_credit():
    page = TRAM_PAGE.replace("Sources: Yle, Helsingin", "Resource icon\nResources: Yle, Helsingin")
    story = parse_text(page + "Yle said more.\n")
    assert story.signals[0].outlets == ["Yle", "Helsingin Sanomat"]


def test_an_annotation_proxys_address_is_the_page_inside_it():
    page = f"https://via.hypothes.is/{TRAM_ADDRESS}\n\n{TRAM_PAGE}Yle said more.\n"
    assert parse_text(page).url == "https://semafor.com/article/06/03/2025/helsinki-tram-line"


def test_a_mails_intended_recipients_notice_below_the_signals_is_not_a_signal():
    page = TRAM_PAGE + (
        "Yle said more.\n\n\u00a0\n\nThis message is intended only for the named recipient(s). "
        "If you received it in error please notify the sender and delete it.\n"
    )
    story = parse_text(page)
    assert len(story.signals) == 2 and story.signals[1].body == "Yle said more."


def test_a_notes_title_naming_the_copy_is_not_the_storys_title():
    page = "HEL trams - semafor piece (copied 4/6, AV)\n\n" + TRAM_LABELLED + "Yle said more.\n"
    story = parse_text(page)
    assert "untitled" in story.flags


def test_a_charts_description_above_the_news_is_not_the_title():
    page = TRAM_LABELLED.replace(
        "The News\n", "A chart showing riders on Helsinki's tram lines since 2019\nThe News\n"
    )
    story = parse_text(page + "Yle said more.\n")
    assert "untitled" in story.flags and "chart" not in story.title


def test_a_copy_without_the_label_whose_heading_is_signals_in_title_case_is_read():
    page = (
        f"{TRAM_HEADLINE}\nJun 3, 2025, 9:05am EDT\nEurope\nInsights from Yle, Hufvudstadsbladet\n"
        "The News\nHelsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\n"
        "Signals\nYle counted queues at every stop, and the first trams were full.\n\n"
        "Hufvudstadsbladet said the eastern suburbs want the next line.\n"
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE and len(story.signals) == 2


def test_an_annotation_tools_sticky_notes_between_headline_less_signals_are_not_the_pages():
    page = (
        f"{TRAM_HEADLINE}\nJun 3, 2025, 9:05am EDT\nSemafor Signals\nThe News\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\n"
        "Sticky Note — a.virtanen — Jun 4, 2025\ncheck ridership vs Tampere\n"
        "SIGNALS\nYle counted queues at every stop, and the first trams were full, Yle said.\n"
        "Sticky Note — a.virtanen — Jun 4, 2025\noverdone imo\n"
        "The eastern suburbs want the next line, Hufvudstadsbladet reported on Wednesday.\n"
    )
    story = parse_text(page)
    assert [s.body[:12] for s in story.signals] == ["Yle counted ", "The eastern "]
    assert "Tampere" not in story.summary


def test_a_note_apps_property_table_is_its_fields_not_a_headline():
    html = (
        f"<html><head><title>{TRAM_HEADLINE} | Semafor</title></head><body><article>"
        f"<h1>{TRAM_HEADLINE} | Semafor</h1><table class='properties'><tbody>"
        "<tr><th>Created</th><td><time>@June 4, 2025 9:02 AM</time></td></tr>"
        "<tr><th>Tags</th><td><span>Nordic cities</span><span>Transport</span></td></tr>"
        "</tbody></table>"
        + "".join(f"<p>{line}</p>" for line in TRAM_PAGE.splitlines() if line != TRAM_HEADLINE)
        + "<p>Yle said more.</p></article></body></html>"
    )
    text, hints = to_text(html, "html")
    assert "Tags: Nordic cities, Transport" in text.splitlines()
    story = parse_text(text, hints)
    assert story.title == TRAM_HEADLINE


def test_a_reading_apps_highlights_of_a_signals_page_without_its_label_are_read():
    page = (
        "# Helsinki’s new tram line opens a year early | Semafor\n\n## Metadata\n"
        "- Full Title: Helsinki’s new tram line opens a year early | Semafor\n"
        f"- URL: {TRAM_ADDRESS}\n\n## Highlights\n"
        "- Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\n"
        "- Riders came on the first morning\n  Sources: Yle, Helsingin Sanomat\n"
        "  Yle counted queues at every stop, and the first trams were full.\n"
        "- The suburbs want the next line\n  Source: Hufvudstadsbladet\n"
        "  The eastern suburbs asked for a line of their own.\n"
    )
    text, hints = to_text(page, "markdown")
    story = parse_text(text, hints)
    assert story.title == TRAM_HEADLINE
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]


def test_a_semafor_story_with_one_credited_chart_and_no_label_is_still_rejected():
    page = (
        f"{TRAM_ADDRESS}\n{TRAM_HEADLINE}\nHelsinki opened its tram line a year early.\n"
        "Riders per day since 2019\nSource: Helsinki City Transport\nMore trams come in 2026.\n"
    )
    with pytest.raises(SignalsError):
        parse_text(page)


def test_a_printed_messages_subject_and_sheet_above_its_mailbox_address_are_not_the_page():
    """Another printer's margins: "Mail - subject     1 of 2" over the message's address."""
    header = "Mail - Fwd: tram     {} of 2"
    footer = "mailbox:///C:/Users/av/Mail/Local%20Folders/Inbox?number=4418"
    top = TRAM_PAGE.removesuffix("Sources: Yle, Hufvudstadsbladet\n")
    page = (
        f"Subject: Fwd: tram\n\n{top}\n{header.format(1)}\n{footer}\n"
        "\fSources: Yle, Hufvudstadsbladet\n"
        "Hufvudstadsbladet said the eastern suburbs want the next line.\n"
        f"\n{header.format(2)}\n{footer}\n"
    )
    story = parse_text(page)
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]


def test_a_forums_quote_of_the_page_ends_where_the_quote_closes():
    page = (
        f'[quote="aino, post:1, topic:28"]\n{TRAM_PAGE}Yle said more.\n[/quote]\n\n'
        "Thoughts? @jonas you took the tram last week.\n"
    )
    story = parse_text(page)
    assert len(story.signals) == 2 and story.signals[1].body == "Yle said more."


def test_a_desks_notes_below_the_signals_are_not_a_signal():
    page = TRAM_PAGE + "Yle said more.\n\nDesk notes\n• Compare with the Tampere line (2021).\n"
    story = parse_text(page)
    assert len(story.signals) == 2 and story.signals[1].body == "Yle said more."


def test_a_wikis_clipping_box_links_the_page_by_its_label():
    html = (
        "<html><head><title>Trams/Semafor 2025-06-03 - DeskWiki</title>"
        "<link rel='canonical' href='https://wiki.example.org/index.php/Trams'></head><body>"
        f"<table><tr><td>Source</td><td><a href='{TRAM_ADDRESS}'>Semafor Signals</a></td></tr>"
        "</table>"
        + "".join(f"<p>{line}</p>" for line in TRAM_PAGE.splitlines())
        + "<p>Yle said more.</p></body></html>"
    )
    text, hints = to_text(html, "html")
    assert (
        parse_text(text, hints).url == "https://semafor.com/article/06/03/2025/helsinki-tram-line"
    )


def test_a_kindles_clippings_of_a_page_titled_by_its_headline_keep_the_title():
    def clip(location: str, text: str) -> str:
        head = f"- Your Highlight on Location {location} | Added on Friday, 6 June 2025 07:12:44"
        return f"==========\n{TRAM_HEADLINE} (Semafor)\n{head}\n\n{text}\n"

    text = clip("1-3", "The News Helsinki opened its crosstown tram line on Tuesday.") + clip(
        "4-9", "SIGNALS\nYle counted queues at every stop, Yle said.\nHbl said more, it said.\n"
    )
    assert parse_text(text).title == TRAM_HEADLINE


def test_a_standard_article_pasted_after_the_page_is_not_a_later_copy_of_it():
    article = (
        "Finland’s rail operator orders new night trains\nJun 4, 2025, 7:00am EDT\nThe News\n"
        "VR ordered twenty sleeper cars on Wednesday.\nKnow More\nThe order is its largest.\n"
    )
    story = parse_text(TRAM_PAGE + "Yle said more.\n" + article)
    assert story.title == TRAM_HEADLINE and len(story.signals) == 2
    assert story.signals[1].body == "Yle said more."


@pytest.mark.parametrize(
    "note", ["[me: quote this one in the exec summary]", "!! ask Priya re: the ridership numbers"]
)
def test_an_analysts_own_marks_between_signals_are_not_the_pages(note):
    page = TRAM_PAGE.replace("The suburbs want", f"{note}\nThe suburbs want")
    story = parse_text(page + "Yle said more.\n" + note + "\n")
    assert len(story.signals) == 2
    assert all(note not in s.body for s in story.signals)


def test_a_signals_body_glued_to_the_next_headline_is_split_at_the_full_stop():
    page = TRAM_PAGE.replace(
        "were full.\nThe suburbs want the next line\n", "were full.The suburbs want the next line\n"
    )
    story = parse_text(page + "Yle said more.\n")
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]
    assert story.signals[0].body.endswith("the first trams were full.")


def test_a_selection_starting_on_the_first_signals_source_line_is_read_untitled():
    page = (
        "Sources:  Yle, Helsingin Sanomat\n\nYle counted queues at every stop, and the first "
        "trams were full.\n\nThe suburbs want the next line\n\nSource:  Hufvudstadsbladet\n\n"
        "The eastern suburbs asked for a line of their own.\n\nDrivers want more pay\n\n"
        "Source:  Yle\n\nThe union asked for a raise.\n\nSemafor Logo\n"
    )
    story = parse_text(page)
    assert "untitled" in story.flags
    assert [s.headline for s in story.signals] == [
        "",
        "The suburbs want the next line",
        "Drivers want more pay",
    ]
    assert story.signals[0].outlets == ["Yle", "Helsingin Sanomat"]


@pytest.mark.parametrize(
    "page",
    [
        # A search engine's results quoting a Signals page in their snippets.
        "semafor signals helsinki tram\nAll\nNews\n"
        + "".join(
            f"\nSemafor\nhttps://www.semafor.com › article › tram-{n}\nTram story {n}\n"
            f"Jun {n}, 2025 — Semafor Signals: Global insights on today's biggest stories. "
            "Helsinki opened…\n"
            for n in (1, 2, 3)
        ),
        # A feed reader's list of items.
        "feedly\nToday\n"
        + "".join(
            f"\nSemafor Signals: Tram story {n}\nSemafor / {n}h\nThe News Helsinki opened…\n"
            for n in (1, 2, 3)
        ),
        # Another newsletter's items closed by Signals' promotion.
        "From Semafor Flagship\nTram day\nMay 22, 2025\n1\nTrams\nHelsinki opened a line.\n"
        "PostEmail\nSemafor Signals: Read our global insights on today's biggest stories.\n",
    ],
)
def test_lists_of_pages_quoting_a_signals_page_are_rejected(page):
    with pytest.raises(SignalsError):
        parse_text(page)


def test_google_translates_proxy_address_is_the_page_inside_it():
    url = "https://www-semafor-com.translate.goog/article/06/03/2025/helsinki-tram-line"
    story = parse_text(f"{url}?_x_tr_sl=en&_x_tr_tl=es&_x_tr_hl=es\n\n{TRAM_PAGE}Yle said more.\n")
    assert story.url == "https://semafor.com/article/06/03/2025/helsinki-tram-line"
    assert normalize_url("https://news--site-co-uk.translate.goog/a?b=1&_x_tr_sl=en") == (
        "https://news-site.co.uk/a?b=1"
    )


@pytest.mark.parametrize(
    "byline",
    [
        "Semafor / by Semafor Staff / Tue, Jun 3, 2025 9:05 AM",  # Feedly
        "from Semafor  by Semafor Staff  3 Jun 2025, 9:05 am",  # The Old Reader
    ],
)
def test_a_feed_readers_byline_dates_the_story_and_keeps_its_headline(byline):
    page = (
        f"Semafor\n{TRAM_HEADLINE}\n{byline}\nInsights from Yle\nThe News\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\n"
        "SIGNALS\nRiders came on the first morning\nSources: Yle, Helsingin Sanomat\n"
        "Yle counted queues.\nThe suburbs want the next line\nSource: Yle\nYle said more.\n"
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE and story.published == "2025-06-03"


def test_a_reposts_updated_line_with_the_news_run_on_is_split():
    page = TRAM_PAGE.replace(
        "Jun 3, 2025, 9:05am EDT\nHelsinki’s new tram line opens a year early\nThe News\n",
        "Helsinki’s new tram line opens a year early\nUpdated Jun 3, 2025, 9:05am EDT The News\n",
    )
    story = parse_text(page + "Yle said more.\n")
    assert story.title == TRAM_HEADLINE and story.published == "2025-06-03"


def test_a_chats_copy_headed_signals_in_title_case_under_the_storys_address_is_read():
    page = (
        f"Aino  9:47 AM\npasting the text below\n{TRAM_ADDRESS}\nAino  9:48 AM\n"
        f"{TRAM_HEADLINE}\nJun 3, 2025, 5:31pm EDT\nEurope\nThe News\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\n"
        "Signals\nYle counted queues at every stop, and the first trams were full.\n"
        "Hufvudstadsbladet said the eastern suburbs want the next line.\n"
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE and len(story.signals) == 2


def test_a_terminals_wrapped_note_with_its_american_figures_date_and_rules():
    """A news terminal's pane pasted into a note: the date in figures with an American zone
    (month first), headlines with their Source lines run on, paragraphs wrapped, a rule and the
    note's own to-do below."""
    body = (
        "Yle counted queues at every stop on the first morning of service, and the\n"
        "first trams were full before they reached the city centre, Yle reported.\n"
    )
    page = (
        "NORDICS / TRAMS  3-Jun-2025  (copied from news pane)\n\n"
        "SEMAFOR SIGNALS   06/03/25 09:41 ET   Europe\n"
        "HELSINKI'S NEW TRAM LINE OPENS A YEAR EARLY\n\nTHE NEWS\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule, and\n"
        "the city said the next line would follow within three years of the opening.\n\n"
        "SIGNALS\nRiders came on the first morning Sources: Yle, Helsingin Sanomat\n"
        + body * 3
        + "The suburbs want the next line Source: Hufvudstadsbladet\n"
        + body * 3
        + "\n"
        + "-" * 70
        + "\ntodo: ask the city for the ridership numbers by stop and by day\n"
    )
    story = parse_text(page)
    assert story.published == "2025-06-03"
    assert [(s.headline, s.outlets) for s in story.signals] == [
        ("Riders came on the first morning", ["Yle", "Helsingin Sanomat"]),
        ("The suburbs want the next line", ["Hufvudstadsbladet"]),
    ]
    assert parse_timestamp("08/10/2023 07:48 ET") == ("2023-08-10", False)
    assert parse_timestamp("6/7/24") is None


def test_a_tickets_attachments_and_activity_below_the_signals_are_not_a_signal():
    page = TRAM_PAGE + (
        "Yle said more.\n\nAttachments: none\nActivity: Comments (1)\n"
        "Wei Jie Tan  10/Sep/25 9:47 AM\nOn it, will add the numbers.\n"
    )
    story = parse_text(page)
    assert len(story.signals) == 2 and story.signals[1].body == "Yle said more."


# The signals of a 2023 page: paragraphs, their outlets named in the prose.
TRAM_PARAGRAPHS = (
    "Yle counted queues at every stop, and the first trams were full, Yle said.\n"
    "The eastern suburbs want the next line, Hufvudstadsbladet reported.\n"
)


def test_a_photos_alt_text_above_its_credited_caption_is_no_break_before_the_headline():
    page = (
        "Skip to main content\nJun 3, 2025, 9:05am EDT\nEurope\n"
        f"{TRAM_HEADLINE}\nTweetEmailWhatsapp\n"
        "A tram crosses the Pitkäsilta bridge on its first morning in service.\n"
        "The first tram on the bridge on Tuesday. REUTERS/Aino Virtanen\nNEWS\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\nSIGNALS\n"
        + TRAM_PARAGRAPHS
    )
    assert parse_text(page).title == TRAM_HEADLINE


def test_a_translations_credit_and_time_first_update_line():
    page = TRAM_PAGE.replace(
        "Semafor Signals\nJun 3, 2025, 9:05am EDT\nHelsinki’s new tram line opens a year early\n",
        f"{TRAM_HEADLINE}\nNordic Daily  2025-06-04 07:30\nOriginal text from: Semafor\n"
        "Semafor Signals\nUpdated at 9:05 am EDT on June 3, 2025\n",
    )
    story = parse_text(page + "Yle said more.\n")
    assert story.title == TRAM_HEADLINE and story.published == "2025-06-03"


def test_a_note_apps_url_encoded_alt_texts_are_the_icons_words():
    markdown = TRAM_PAGE.replace(
        "Sources: Yle, Hufvudstadsbladet",
        "![Source%20icon](https://static.example.org/source-icon.svg)\n\n"
        "Sources: Yle, Hufvudstadsbladet",
    )
    text, hints = to_text(markdown + "Yle said more.\n", "markdown")
    story = parse_text(text, hints)
    assert [s.headline for s in story.signals][1] == "The suburbs want the next line"


@pytest.mark.parametrize(
    "below",
    [
        "Translated with DeepL.com (free version)",
        "Created with OneNote.",
        "Labels:\n• trams\n• helsinki\nNo Comments\nWrite a comment…",
        "Next: check the ridership numbers with HSL (due in June).",
    ],
)
def test_a_tools_own_lines_below_the_signals_are_not_a_signal(below):
    story = parse_text(TRAM_PAGE + "Yle said more.\n\n" + below + "\n")
    assert len(story.signals) == 2 and story.signals[1].body == "Yle said more."


def test_a_documents_running_header_and_footer_and_its_footnoted_address():
    running = "TRANSPORT DESK – INTERNAL                       Nordic monitor"
    page = (
        f"{running}\n\nMEMO – trams\nBelow, the Semafor page copied from Semafor1 for the team.\n\n"
        + TRAM_PAGE.removesuffix("Sources: Yle, Hufvudstadsbladet\n")
        + "Sources: Yle, Hufvudstadsbladet\nYle said the eastern suburbs asked for a line of\n\n"
        + "TRANSPORT DESK – INTERNAL                       Page 1 of 2\n\n"
        + f"{running}\n\ntheir own, and the city agreed to study one.\n\n"
        + f"1 {TRAM_ADDRESS}\n\nTRANSPORT DESK – INTERNAL                       Page 2 of 2\n"
    )
    story = parse_text(page)
    assert story.url == "https://semafor.com/article/06/03/2025/helsinki-tram-line"
    assert len(story.signals) == 2
    assert story.signals[1].body == (
        "Yle said the eastern suburbs asked for a line of their own, and the city agreed to "
        "study one."
    )


def test_a_spreadsheets_column_saved_as_comma_separated_text_is_the_page():
    rows = [f"{TRAM_ADDRESS},link", ","]
    for line in (TRAM_PAGE + "Yle said more, and so did Hufvudstadsbladet.\n").splitlines():
        rows.append(f'"{line}",' if "," in line else f"{line},")
    rows[rows.index("The suburbs want the next line,")] = (
        "The suburbs want the next line,check this"
    )
    story = parse_text(to_text("\n".join(rows) + "\n", "text")[0])
    assert story.title == TRAM_HEADLINE
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]


def test_a_documents_table_of_fields_above_the_page_is_not_its_headline():
    page = (
        "Tram watch – clip log\nLogged by\tA. Virtanen\nDate logged\t4 June 2025\n"
        f"Link\t{TRAM_ADDRESS}\nRelevance\tHigh – ridership, budget\n\n"
        f"Jun 3, 2025, 9:05am EDT\n{TRAM_HEADLINE}\nTweetEmailWhatsapp\nNEWS\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\nSIGNALS\n"
        + TRAM_PARAGRAPHS
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE and len(story.signals) == 2


def test_a_2023_copy_whose_label_below_the_news_heads_its_signals():
    page = (
        f"{TRAM_HEADLINE}\nJune 3, 2023\n\nThe News\n\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\n\n"
        "Semafor Signals\n\n"
        "Yle counted queues at every stop, and the first trams were full before they reached the "
        "city centre, Yle reported.\n\n"
        "The eastern suburbs want the next line, and the city council will vote on it in the "
        "autumn, Hufvudstadsbladet reported.\n\nTweetEmailWhatsapp\nSemafor Logo\n"
        "© 2023 Semafor Inc.\n🔗 semafor.com/article/06/03/2023/helsinki-tram-line\n"
    )
    story = parse_text(page)
    assert len(story.signals) == 2 and story.signals[1].body.startswith("The eastern suburbs")
    assert story.url == "https://semafor.com/article/06/03/2023/helsinki-tram-line"


def test_a_rewording_sites_up_to_date_line_is_the_update():
    assert parse_timestamp("Up to date Dec 23, 2024, 5:10am EST") == (
        "2024-12-23T05:10:00-05:00",
        True,
    )


def test_a_translations_updated_on_line_dates_the_story():
    assert parse_timestamp("Updated on 12 Nov 2024") == ("2024-11-12", True)


@pytest.mark.parametrize("pasted", ["Geplakt uit", "Eingefügt aus", "Pegado desde"])
def test_onenotes_pasted_from_line_in_other_languages_gives_the_address(pasted):
    page = TRAM_PAGE + f"Yle said more.\n\n{pasted} <{TRAM_ADDRESS}>\n"
    assert parse_text(page).url == "https://semafor.com/article/06/03/2025/helsinki-tram-line"


@pytest.mark.parametrize(
    "below",
    [
        "Minhas notas\n- Verificar com a equipe se a linha abre aos domingos.",
        "Wiadomość została sprawdzona przez program antywirusowy.",
    ],
)
def test_notes_and_a_mail_gateways_line_in_other_languages_are_not_a_signal(below):
    story = parse_text(TRAM_PAGE + "Yle said more.\n\n" + below + "\n")
    assert len(story.signals) == 2 and story.signals[1].body == "Yle said more."


def test_a_reading_apps_save_line_and_reading_time_in_german_are_not_the_title():
    page = (
        f"{TRAM_HEADLINE}\nsemafor.com · Lesezeit: 4 Min.\n"
        "Gespeichert am 4. Juni 2025 · Original anzeigen\n\n"
        "Updated Jun 3, 2025, 9:05am EDT\nInsights from Yle, Hufvudstadsbladet\n"
        + TRAM_PAGE.split("The News\n", 1)[1].join(["The News\n", ""])
        + "Yle said more.\n"
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE and "untitled" not in story.flags


def test_a_web_mails_printout_address_is_not_the_pages():
    margin = "https://mail.google.com/mail/u/0/?ik=8f3a&view=pt&search=all      {}/2"
    page = (
        "04/06/2025 09:31                          Gmail - Semafor – trams\n\n"
        f"Pour ta note: semafor.com/article/06/03/2025/helsinki-tram-line/\n\n{TRAM_PAGE}"
        f"Yle counted\n\n{margin.format(1)}\n\n04/06/2025 09:31                 Gmail - trams\n"
        f"more.\n\n{margin.format(2)}\n"
    )
    assert parse_text(page).url == "https://semafor.com/article/06/03/2025/helsinki-tram-line"


@pytest.mark.parametrize(
    "prefix",
    [
        ("[박민지] [오전 9:02] ", "[박민지] [오전 9:04] ", "[이준호] [오전 9:20] "),  # KakaoTalk
        ("13:58\t森 健太\t", "14:00\t森 健太\t", "14:21\t佐藤 花\t"),  # LINE
    ],
)
def test_a_korean_or_japanese_chat_exports_message_holding_the_page(prefix):
    page = TRAM_PAGE.replace("Semafor Signals\n", "")
    first, message, reply = prefix
    text = (
        f"{first}{TRAM_ADDRESS}\n{message}{page}Yle said more.\n"
        f"{reply}좋네요, the ridership numbers are what I needed.\n"
    )
    story = parse_text(text)
    assert story.title == TRAM_HEADLINE
    assert len(story.signals) == 2 and story.signals[1].body == "Yle said more."


# How each screen reader announces a heading of a level, a link and a graphic around a line.
_SPEECH_STYLES = {
    "NVDA": (lambda n, t: f"heading  level {n}  {t}", "link  {}", "graphic  {}"),
    "JAWS": (lambda n, t: f"heading level {n} {t}", "link {}", "graphic {}"),
    "VoiceOver": (lambda n, t: f"{t}, heading level {n}", "{}, link", "{}, image"),
    "Narrator": (lambda n, t: f"Heading level {n}, {t}", "Link, {}", "Image, {}"),
    "BrailleSense": (lambda n, t: f"h{n} {t}", "lnk {}", "gph {}"),
    "TalkBack": (lambda n, t: f"{t}, Heading {n}", "{}, Link, Double-tap to activate", "{}, Image"),
}


def _spoken_tram_page(style: str) -> str:
    heading, link, graphic = _SPEECH_STYLES[style]
    sources = ", ".join(link.format(name) for name in ("Yle", "Helsingin Sanomat"))
    return "\n".join(
        [
            graphic.format("Semafor Logo"),
            *(link.format(city) for city in ("D.C.", "BXL", "Lagos")),
            "Semafor Signals",
            heading(1, TRAM_HEADLINE),
            "Jun 3, 2025, 9:05am EDT",
            graphic.format("Title icon"),
            heading(2, "The News"),
            "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.",
            heading(2, "SIGNALS"),
            heading(3, "Riders came on the first morning"),
            graphic.format("Source icon"),
            f"Sources: {sources}",
            "Yle counted queues at every stop; Helsingin Sanomat said the first trams were full.",
            heading(3, "The suburbs want the next line"),
            f"Source: {link.format('Hufvudstadsbladet')}",
            "Hufvudstadsbladet said Espoo wants its own line next.",
        ]
    )


@pytest.mark.parametrize("style", sorted(_SPEECH_STYLES))
def test_a_screen_readers_speech_is_read_without_the_roles_it_spoke(style):
    story = _tram_document(_spoken_tram_page(style))
    assert story.title == TRAM_HEADLINE
    assert [(s.headline, s.outlets) for s in story.signals] == [
        ("Riders came on the first morning", ["Yle", "Helsingin Sanomat"]),
        ("The suburbs want the next line", ["Hufvudstadsbladet"]),
    ]
    assert story.signals[1].body == "Hufvudstadsbladet said Espoo wants its own line next."


def test_prose_that_speaks_of_headings_and_links_is_no_speech_log():
    assert not is_speech_log(
        TRAM_WHOLE + "The heading level 2 of the report says little.\nLink the lines.\n"
    )


def _wrapped(paragraphs: list[str], width: int) -> list[str]:
    """Each paragraph cut at a number of characters, as a terminal or a screen reader's log."""
    return [line for paragraph in paragraphs for line in textwrap.wrap(paragraph, width)]


_LONG_BODIES = [
    "The incident was the most serious confrontation at the shoal in years, the coast guard told "
    "the Inquirer, and the armed forces chief said resupply missions would go on with or without "
    "escorts and that the navy would not be deterred by water cannon.",
    "The outpost is a rusting warship that Manila deliberately ran aground in 1999 to stake its "
    "claim, The Diplomat noted; a handful of marines live aboard and depend on deliveries of food.",
    "Washington said it stood with its ally and reminded Beijing of its commitments under the 1951 "
    "treaty, The Washington Post reported, while Japan and Australia also issued statements.",
    "Analysts in Manila said the confrontation was likely to push the government to seek more "
    "joint patrols with the United States and Japan, and perhaps to invite Australia as well, "
    "the Philippine Daily Inquirer reported.",
    "China’s foreign ministry said the Philippines had broken a promise to tow the ship away, a "
    "claim that Manila denies and that officials on both sides say has never been written down "
    "in any agreement, Reuters reported.",
]


def test_a_copy_cut_at_a_number_of_characters_ends_a_paragraph_where_the_next_word_fit():
    """A paragraph's last line, long as it may be, left room for the next line's first word: the
    tool would have put it there had the paragraph gone on."""
    news = (
        "A Chinese coast guard ship fired water cannon at a Philippine boat carrying supplies to "
        "troops on Second Thomas Shoal on Saturday, Manila said, blocking one of two vessels from "
        "reaching the outpost in the disputed South China Sea."
    )
    head = ["Updated Aug 7, 2023, 9:30am EDT", "The News", news, "SIGNALS"]
    story = parse_text("\n".join(_wrapped(head + _LONG_BODIES, 100)))
    assert [s.body for s in story.signals] == _LONG_BODIES


def test_a_double_spaced_copy_wrapped_by_a_reading_aid_keeps_its_paragraphs():
    """A reading aid's export: lines wrapped at 60 characters, a blank line after each, and
    paragraphs set apart by three."""
    head = [
        "Semafor Signals",
        "India’s G20 summit ends with a consensus",
        "Sep 10, 2023",
        "The News",
    ]
    news = "Leaders of the Group of 20 agreed on a joint declaration in New Delhi on Saturday."
    paragraphs = [*head, news, "SIGNALS", *_LONG_BODIES]
    text = "\n\n\n\n".join("\n\n".join(textwrap.wrap(p, 60)) for p in paragraphs)
    story = parse_text(text)
    assert story.title == "India’s G20 summit ends with a consensus"
    assert [s.body for s in story.signals] == _LONG_BODIES


def test_a_keep_notes_related_link_is_the_pages_address():
    note = (
        '<html><body><div class="note"><div class="title">trams</div><div class="content">'
        + TRAM_WHOLE.replace("\n", "<br>")
        + '</div><div class="annotations"><div class="annotation-header">Related links</div><ul>'
        f'<li><span class="annotation"><a href="{TRAM_ADDRESS}?utm_source=android_share">'
        f"{TRAM_HEADLINE}</a> - semafor.com</span></li></ul></div></div></body></html>"
    )
    assert _tram_document(note, "note.html").url == TRAM_ADDRESS.replace("www.", "")


def test_a_copy_without_the_news_heading_keeps_the_headline_above_its_time():
    """The facts follow the header's time directly: the header ends at their first paragraph,
    and the headline above the time is the title (a note's own title above it is not)."""
    news = (
        "Canada’s housing minister said the federal government could limit the number of "
        "international students it admits, as rising rents become a political liability."
    )
    page = (
        "canada students housing - semafor\n\nCanada floats cap on foreign students as rents "
        f"soar\nAug 22, 2023, 10:02am EDT\nNorth America\n{news}\n\nSIGNALS\n\n{_LONG_BODIES[0]}\n"
    )
    story = parse_text(page)
    assert story.title == "Canada floats cap on foreign students as rents soar"
    assert story.summary == news


def test_a_crawlers_fields_in_brackets_below_the_page_are_no_signal():
    story = parse_text(TRAM_WHOLE + "[end item 48213] [tags: helsinki, trams] [lang: fi]\n")
    assert len(story.signals) == 2 and story.signals[1].body == "Yle said more."


def _as_field(page: str, first: str, then: str = "") -> str:
    """The page as a tagged field's value: its first line after the tag, the rest below."""
    head, rest = page.split("\n", 1)
    return f"{first}{head}\n{then}{rest}"


_TRAM_DAY = "2025-06-03"


@pytest.mark.parametrize(
    "record",
    [
        # RIS (Zotero, Mendeley): the page in the abstract, the access date apart.
        "TY  - ELEC\nTI  - {title}\nAU  - Semafor\n"
        + _as_field(TRAM_WHOLE, "AB  - ")
        + "DA  - 2025/06/03/\nPY  - 2025\nUR  - {url}\nY2  - 2025/06/09/\nER  - \n",
        # EndNote's tagged export: the page in the notes.
        "%0 Web Page\n%T {title}\n%A Semafor,\n%D 2025\n%U {url}\n"
        + _as_field(TRAM_WHOLE, "%Z Copied from the page. ")
        + "%[ 06/09/2025\n",
        # RefWorks: the page in the abstract, its date written out.
        "RT Web Page\nT1 {title}\nYR 2025\nFD June 3, 2025\nUL {url}\n"
        + _as_field(TRAM_WHOLE, "AB ")
        + "RD 06/09/2025\n",
        # EndNote's "Show All Fields", copied.
        "Reference Type:  Web Page\nTitle: {title}\nAccess Date: 9 June\nType of Medium: Signals\n"
        "URL: {url}\n"
        + _as_field(TRAM_WHOLE, "Research Notes: ")
        + "Notes: for the transit chapter\n",
        # BibLaTeX (Zotero, JabRef): the page in the abstract, a comma forgotten after the URL.
        "Automatically generated by Mendeley Desktop 1.19.8\nAny changes to this file will be "
        "lost if it is regenerated by Mendeley.\n\n@online{{semaforTram2025,\n"
        "  title = {{{{{title}}}}},\n"
        "  date = {{2025-06-03}},\n  url = {{{url}}}\n  urldate = {{2025-06-09}},\n"
        "  abstract = {{" + TRAM_WHOLE.replace("{", "{{").replace("}", "}}") + "}},\n}}\n",
    ],
    ids=["ris", "endnote", "refworks", "endnote-fields", "biblatex"],
)
def test_a_reference_managers_record_gives_its_page_and_the_records_fields(record):
    text = record.format(title=TRAM_HEADLINE, url=TRAM_ADDRESS + "?utm_source=x")
    story = _tram_document(text)
    assert (story.title, story.url) == (TRAM_HEADLINE, TRAM_ADDRESS.replace("www.", ""))
    assert str(story.published) == _TRAM_DAY
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]


def test_a_bibtex_records_escapes_are_read_as_the_characters_they_stand_for():
    page = TRAM_WHOLE.replace("Yle said more.", "Yle said fares rose 5\\% to \\$3.")
    text = f"@misc{{Semafor2025,\nabstract = {{{page}}},\ntitle = {{{{{TRAM_HEADLINE}}}}}\n}}\n"
    assert _tram_document(text).signals[1].body == "Yle said fares rose 5% to $3."


def test_a_records_short_summary_is_not_read_as_the_page():
    text = f"TY  - ELEC\nTI  - {TRAM_HEADLINE}\nAB  - Trams in Helsinki.\nER  - \n"
    with pytest.raises(SignalsError):
        _tram_document(text)


def test_a_notes_captioned_divider_cuts_off_what_stands_above_the_page():
    """An annotation tool's export above "----- page text, copied same day -----": its lines are
    the note's, not the page's header (a copy that starts at the page's time)."""
    above = (
        f"{TRAM_HEADLINE} | Semafor\nCreated at: 2025-06-04 14:22\nURL: {TRAM_ADDRESS}\n"
        'Number of annotations: 1\n\nAnnotation 1:\nAuthor: lk\nQuote: "a year early"\n'
        "Comment: check the budget figure\nTags: transit\n"
    )
    page = TRAM_WHOLE.replace("Semafor Signals\n", "")
    text = f"{above}\n----- page text, copied same day -----\n\n{page}"
    assert parse_text(text).title == TRAM_HEADLINE


def test_a_reference_managers_citation_below_the_page_is_no_signal():
    story = parse_text(TRAM_WHOLE + "(Semafor 2025)\n")
    assert len(story.signals) == 2


def test_a_daily_notes_own_sections_below_the_pasted_page_end_it():
    note = f"# 2025-06-04\n\n## Reading\n{TRAM_WHOLE}\n## Notes\n- ask about the fares next week?\n"
    story = _tram_document(note, "daily.md")
    assert len(story.signals) == 2 and story.signals[1].body == "Yle said more."


def test_a_feed_readers_item_line_with_its_tags_is_not_the_title():
    head = (
        f"Semafor » Net Zero\n{TRAM_HEADLINE}\nSemafor · 6h · 812 words · Tagged: trams, helsinki\n"
        "Save   Share   Mark unread   Open in browser\n\nJun 3, 2025, 9:05am EDT\nnet zeroEurope\n"
        "Semafor Signals\nInsights from Yle and Helsingin Sanomat\n\n"
    )
    page = TRAM_WHOLE.split("The News\n", 1)[1]
    assert parse_text(f"{head}The News\n{page}").title == TRAM_HEADLINE


@pytest.mark.parametrize(
    "link",
    [
        f'<a href="{TRAM_ADDRESS}?utm_source=sharepoint">{TRAM_HEADLINE}</a>',
        # A Google Sites page links through Google's redirector.
        '<a href="https://www.google.com/url?q=https%3A%2F%2Fwww.semafor.com%2Farticle%2F06%2F03'
        '%2F2025%2Fhelsinki-tram-line%3Futm_source%3Dsites&amp;sa=D">Read on Semafor</a>',
    ],
)
def test_a_team_wikis_page_about_the_story_gives_the_storys_address(link):
    """A SharePoint or Google Sites page names itself in its metadata; the story is the Semafor
    page it links."""
    wiki = "https://contoso.sharepoint.com/sites/Europe/SitePages/Helsinki-trams.aspx"
    body = TRAM_WHOLE.replace("\n", "<br>")
    page = (
        f'<html><head><meta property="og:url" content="{wiki}"><title>Helsinki trams</title>'
        f"</head><body><p>{link}</p><div>{body}</div></body></html>"
    )
    assert _tram_document(page, "wiki.html").url == TRAM_ADDRESS.replace("www.", "")


@pytest.mark.parametrize("emoji", ["🇫🇮🇸🇪 ", "🔥 ", "⚡️ "])
def test_a_channels_emoji_before_the_headline_are_not_part_of_it(emoji):
    below = TRAM_WHOLE.split(TRAM_HEADLINE + "\n", 1)[1]
    post = (
        f"Nordic Brief, [04.06.2025 09:12]\n[Forwarded from Rail Watch]\n{emoji}{TRAM_HEADLINE}\n\n"
        f"Updated Jun 3, 2025, 9:05am EDT\nSemafor Signals\n{below}"
    )
    assert parse_text(post).title == TRAM_HEADLINE


@pytest.mark.parametrize(
    "below",
    [
        # Google Groups: the message's buttons, then the next message's author.
        "Hamad\nReply all\nReply to author\nForward\nPriya Menon's profile photo\nPriya Menon\n"
        "unread,\nJun 4, 2025, 11:32:47 AM\nThanks Hamad. The Yle angle is worth a follow-up.\n",
        # Groups.io: the next message's author, then its date.
        "\nMark Ellison\n\nJun 4, 2025\n\nThanks. The fares piece is worth reading in full.\n",
        # A French list's MHonArc archive: its navigation below the message.
        "Aminata Diallo\n\nChronologique Discussions\nHaut de page\n"
        "Re: [rail-eu] Helsinki tram (Semafor), Moussa Ndiaye, 04/06/2025\n"
        "Archive powered by MHonArc 2.6.24.\n",
    ],
)
def test_a_list_archives_next_message_or_navigation_ends_the_page(below):
    story = parse_text(f"{TRAM_WHOLE}\n{below}")
    assert len(story.signals) == 2 and story.signals[1].body.startswith("Yle said more.")


# --- social platforms: posts, threads, replies ------------------------------------------------


@pytest.mark.parametrize(
    "below",
    [
        # Facebook: the post's link card (the address, then the title), then its reactions.
        f"\nSEMAFOR.COM\n{TRAM_HEADLINE}\nAll reactions:\n64\n23 comments\n",
        # X: the side panel, then replies by others.
        "2\n5\n34\nRelevant people\nKenji Mori\n@kenjimori_econ\nFollow\nRates, FX, and trams.\n",
        "Haruka Sato\n@hsato_agripol\n·\nJun 4\nReplying to @kenjimori_econ\nThe fares are high.\n",
        # Threads: someone's reply under their handle and its day.
        "Like\n39\nComment\n3\nRepost\nShare\nrafa.clima\n06/04/25\nque ótima notícia\n",
        # Mastodon: a reply by another account.
        "Jorge R.\n@jorge_r@mastodon.lat\nJun 4\n@lmendez gracias! Lo de los tranvías es bueno\n",
        # Reddit's small print, Hacker News' footer, the poster's word on the paste.
        "\n***\n\n^(Mods: happy to convert to a link post.)\n",
        "Guidelines | FAQ | Lists | API | Security | Legal | Apply to YC | Contact\nSearch:\n",
        "Posting the whole thing because half the sub can't open it. Discuss.\n",
        # Thread Reader App: the author's own posts after the page.
        "5/ End of the page. A few thoughts of my own below\n6/ The budget line is the story.\n",
    ],
)
def test_a_social_posts_reactions_replies_and_panels_below_the_page_end_it(below):
    author = "Aino Virtanen\n@aino.virtanen\n·\n1d\nThe tram page, in full:\n"  # (the poster's)
    story = parse_text(f"{author}{TRAM_WHOLE}{below}")
    assert len(story.signals) == 2 and story.signals[1].body == "Yle said more."
    assert "truncated" not in story.flags


def test_a_thread_by_one_author_goes_on_with_the_page_across_its_posts():
    """A Bluesky thread: the author's handle and time between the posts that split the page;
    each post ends with its number."""
    post = "Nerida Walsh\n@neridawalsh.bsky.social\n·\n1d\n"
    head, signals = TRAM_WHOLE.split("SIGNALS\n")
    first, second = signals.split("The suburbs")
    thread = (
        f"{post}Threading the page 🧵 1/3\n{head.replace('schedule.', 'schedule. 1/3')}"
        f"2\n5\n{post}SIGNALS\n{first.rstrip()} 2/3\n4\n9\n{post}The suburbs{second}"
    )
    story = parse_text(thread)
    assert story.title == TRAM_HEADLINE
    assert [s.body for s in story.signals] == [
        "Yle counted queues at every stop, and Helsingin Sanomat said the first trams were full.",
        "Yle said more.",
    ]
    assert "truncated" not in story.flags


def test_a_fediverse_thread_by_one_author_goes_on_with_the_page():
    author = "Aino Virtanen @aino@eupolicy.social"
    footer = "Jun 3, 2025, 19:05 · Web · 7 · 14 · 23"
    head, signals = TRAM_WHOLE.split("SIGNALS\n")
    first, second = signals.split("The suburbs")
    thread = (
        f"{author}\n\nThe page, in full 🧵 (1/3)\n\n{head}\n{footer}\n\n{author}\n\n(2/3) SIGNALS\n"
        f"{first}\n{footer}\n\n{author}\n\n(3/3)\n\nThe suburbs{second}\n{footer}\n\n"
        "Kasia W. @kasia_w@mastodon.social\n\n@aino thanks! The fares point is the one.\n"
    )
    story = parse_text(thread)
    assert [s.body[:14] for s in story.signals] == ["Yle counted qu", "Yle said more."]


def test_a_source_line_run_into_its_body_by_a_forum_is_split_where_the_names_end():
    """A forum that joins single line breaks runs a signal's headline, Source line and body
    into one line; the body starts after the last name (a known one wins: "Helsingin Sanomat"
    over "Helsingin")."""
    glued = TRAM_WHOLE.replace(
        "Riders came on the first morning\nSources: Yle, Helsingin Sanomat\nYle counted",
        "Riders came on the first morning Sources: Yle, Helsingin Sanomat Yle counted",
    )
    story = parse_text(glued)
    first = story.signals[0]
    assert first.headline == "Riders came on the first morning"
    assert first.outlets == ["Yle", "Helsingin Sanomat"]
    assert first.body.startswith("Yle counted queues at every stop")


CHAT_2023 = """\
Aino, [04.06.2023 09:12]
Helsinki opens its tram line a year early
Jun 3, 2023, 9:05am EDT
The News
Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.
SIGNALS
Riders queued at every stop on the first morning, Yle reported, and the first trams were full.

Aino, [04.06.2023 09:12]
The suburbs want the next line built just as fast, Helsingin Sanomat wrote, and the council agrees.

Aino, [04.06.2023 09:15]
for tomorrow's brief: trams + fares
"""


def test_a_chat_message_of_the_pages_sender_that_opens_with_a_paragraph_goes_on_with_it():
    """The app split a long paste in two: the sender's next message opens with a paragraph; their
    note after it ends the page."""
    story = parse_text(CHAT_2023)
    assert [s.body[:16] for s in story.signals] == ["Riders queued at", "The suburbs want"]


def test_an_apps_share_line_gives_the_title_far_above_the_page():
    share = f"{TRAM_HEADLINE} | Semafor {TRAM_ADDRESS}"
    post = (
        f"ana.helsinki\n06/03/25\nSharing the whole page 🧵 (in English)\n\n{share}\nTranslate\n"
        "Like\n58\nana.helsinki\n06/03/25\n"
    )
    page = TRAM_WHOLE.replace("Semafor Signals\n", "").replace(f"{TRAM_HEADLINE}\n", "")
    assert parse_text(post + page).title == TRAM_HEADLINE


def test_a_link_cards_title_printed_twice_is_the_headline_over_its_description():
    card = (
        "Wanjiru Kamau\n@wkamau.bsky.social\nThe whole page below for those who don't click 🧵\n\n"
        f"{TRAM_HEADLINE}\n{TRAM_HEADLINE}\nThe line was finished a year ahead of schedule.\n"
        "semafor.com\nJune 4, 2025 at 7:48 AM\nEverybody can reply\n9 reposts\n2 quotes\n"
    )
    page = TRAM_WHOLE.replace("Semafor Signals\n", "").replace(f"{TRAM_HEADLINE}\n", "")
    page = page.replace("Jun 3, 2025, 9:05am EDT", "Updated Jun 3, 2025, 9:05am EDT")
    story = parse_text(card + page)
    assert story.title == TRAM_HEADLINE
    assert story.published == "2025-06-03"  # the page's own time, not the post's


@pytest.mark.parametrize(
    "above",
    [
        # A Facebook page's name, twice, over its post's day.
        "Nordic Rail Circle\nNordic Rail Circle\nJun 3, 2025 ·\n",
    ],
)
def test_the_line_over_the_storys_time_is_its_headline_not_a_posts_title(above):
    page = TRAM_WHOLE.replace("Semafor Signals\n", "").replace(
        f"Jun 3, 2025, 9:05am EDT\n{TRAM_HEADLINE}\n", f"{TRAM_HEADLINE}\nJun 3, 2025, 9:05am EDT\n"
    )
    assert parse_text(above + page).title == TRAM_HEADLINE


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.linkedin.com/posts/aino-virtanen_helsinki-trams-activity-1", "post.html"),
        ("https://lobste.rs/s/k2ve9q/helsinki_tram_line", "post.html"),
        # A Substack note shares the page (an issue at its newsletter's address re-posts it).
        ("https://substack.com/@ainov/note/c-81234567", "note.html"),
    ],
)
def test_a_platform_posts_own_address_is_not_the_storys(url, name):
    body = TRAM_WHOLE.replace("\n", "<br>")
    page = (
        f'<html><head><meta property="og:url" content="{url}"><title>Aino on LinkedIn</title>'
        f"</head><body><div>{body}</div></body></html>"
    )
    assert _tram_document(page, name).url is None


def test_a_blogs_byline_and_a_sections_country_are_not_the_title():
    page = TRAM_WHOLE.replace(
        "Semafor Signals\nJun 3, 2025, 9:05am EDT\n",
        "Semafor Signals\nBy admin on June 3, 2025 • 0 Comments\nJun 3, 2025, 9:05am EDT\n"
        "Technology Finland\n",
    )
    assert parse_text(page).title == TRAM_HEADLINE


# --- news aggregators, blogs and translations --------------------------------------------------


@pytest.mark.parametrize(
    "above",
    [
        # A blog's post line and its share row (WordPress).
        "Posted on June 4, 2025 by admin — Leave a comment\nShare this: Facebook | X | Telegram\n",
        # A news app's AI summary box over the story it shows (Yahoo).
        "Semafor\nTue, June 3, 2025 at 9:30 AM EDT\n4 min read\n\nKey takeaways\nGenerated by AI\n"
        "• Helsinki opened a tram line.\n• It came early.\nLearn more about these summaries\n",
    ],
)
def test_a_blogs_share_row_or_an_apps_summary_box_is_not_the_title(above):
    page = TRAM_WHOLE.replace(f"{TRAM_HEADLINE}\n", "")
    assert parse_text(f"{TRAM_HEADLINE}\n{above}{page}").title == TRAM_HEADLINE


def test_a_translations_renewed_line_dates_the_story():
    page = TRAM_WHOLE.replace("Jun 3, 2025, 9:05am EDT", "Renewed Jun 3, 2025, 9:05am EDT")
    assert parse_text(page).published == "2025-06-03"


def test_an_address_noted_below_the_page_without_its_scheme_is_the_pages():
    note = "link: www.semafor.com/article/06/03/2025/helsinki-tram-line?utm_source=twitter\n"
    assert parse_text(f"{TRAM_WHOLE}\n{note}").url == TRAM_ADDRESS.replace("www.", "")


def test_in_a_feed_of_stories_the_time_above_the_page_is_its_own():
    """An app's endless scroll: another story, its time and its paragraphs, then the page."""
    other = (
        "Venezuela votes in a tense election\nMon, June 2, 2025 at 11:48 PM EDT\n"
        "Voters queued for hours across the country on Sunday, and both camps claimed an early "
        "lead before the electoral council had published any results at all.\n\n"
    )
    page = TRAM_WHOLE.replace("Jun 3, 2025, 9:05am EDT\n", "")
    head, rest = page.split(f"{TRAM_HEADLINE}\n", 1)
    feed = f"{other}{TRAM_HEADLINE}\nTue, June 3, 2025 at 9:12 AM EDT\n{head}{rest}"
    assert parse_text(feed).published == "2025-06-03"


# --- print and PDF: a page copied from a printout ----------------------------------------------

PRINTED_2023 = [
    "Semafor Signals",
    "Helsinki opens its new tram line a year ahead of schedule",
    "Updated Jun 3, 2023, 9:05am EDT",
    "NEWS",
    "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule and under its "
    "budget, the city's transport authority said, after three years of building across the "
    "centre of the city.",
    "SIGNALS",
    # (Its last line, wrapped at 78, ends with room for "The" and more: the paragraph ended.)
    "Riders queued at every stop on the first morning, Yle reported, and the first trams were "
    "full before they reached the city centre, where commuters had waited for years for a "
    "direct line to the harbour and its ferries.",
    "The suburbs want the next line built just as fast, Helsingin Sanomat wrote, and the "
    "council has set aside money for a study of a second crosstown route to the east.",
    "Fares will not rise this year, the transport authority said, though the operator warned "
    "that its costs for power and staff have gone up by a tenth since the line was planned.",
]


def _printed(paragraphs: list[str], width: int = 78) -> str:
    """Paragraphs wrapped as a font's width does: lines short of the width in one paragraph (a
    character count's wrapping is told apart, and read so)."""
    wrapped = (textwrap.fill(p, width - 12 if p[:5] == "Fares" else width) for p in paragraphs)
    return "\n".join(wrapped) + "\n"


def test_a_printouts_paragraphs_end_where_the_next_word_would_have_fit_with_room():
    """A PDF's copy, wrapped by a font's width and without blank lines: a line that ends a
    sentence with room to spare for the next word ended its paragraph."""
    story = parse_text(_printed(PRINTED_2023))
    assert [s.body[:12] for s in story.signals] == ["Riders queue", "The suburbs ", "Fares will n"]


def test_a_converters_page_break_inside_a_sentence_does_not_start_a_paragraph():
    # (Paragraphs set apart by blank lines, and a page break inside one.)
    text = "\n".join(textwrap.fill(p, 78) + "\n" for p in PRINTED_2023)
    text = text.replace("\ntrams were full", "\n\n\ftrams were full")
    story = parse_text(text)
    assert len(story.signals) == 3
    assert "first trams were full before they" in story.signals[0].body


def test_a_signals_headline_wrapped_early_above_its_source_line_is_one_headline():
    head = _printed(PRINTED_2023[:6], 72)
    signals = (
        "Riders queued at every stop on the first\nmorning\nSources: Yle, Helsingin Sanomat\n"
        + textwrap.fill(PRINTED_2023[6], 72)
        + "\n"
    )
    story = parse_text(head + signals)
    assert story.signals[0].headline == "Riders queued at every stop on the first morning"


def test_a_print_services_handles_are_not_the_title():
    """A print service's preview puts "Click to Delete" on each block, the label's too."""
    preview = f"Print Friendly & PDF\nPrint\nPDF\nUndo\n{TRAM_WHOLE}".replace(
        "Semafor Signals\n", "Semafor Signals\nClick to Delete\n"
    )
    story = parse_text(preview)
    assert story.title == TRAM_HEADLINE and "untitled" not in story.flags


def test_a_notes_word_that_the_headline_is_missing_makes_the_copy_untitled():
    note = "Copied Jun 4 — top of page didn't select, headline missing\n"
    story = parse_text(note + TRAM_WHOLE.replace(f"{TRAM_HEADLINE}\n", ""))
    assert story.title == "" and "untitled" in story.flags
    assert len(story.signals) == 2


def test_a_reader_views_printed_address_cut_short_is_no_address():
    header = (
        f"{TRAM_HEADLINE}           about:reader?url=https%3A%2F%2Fwww.semafor.com%2Fa…\n"
        "semafor.com\n"
    )
    assert parse_text(header + TRAM_WHOLE).url is None


def test_the_sites_list_of_other_stories_below_the_page_is_no_signal():
    story = parse_text(f"{TRAM_WHOLE}Share\nRead more from Semafor\nGold’s rally explained\n")
    assert len(story.signals) == 2 and story.signals[1].body == "Yle said more."


# --- spreadsheets, trackers and tickets -------------------------------------------------------

TRAM_URL = "https://semafor.com/article/06/03/2025/helsinki-tram-line-opens-early"


def _cell(text: str) -> str:
    """A spreadsheet's quoted cell: its quotes doubled."""
    return '"' + text.replace('"', '""') + '"'


QUOTED_TRAM = TRAM_WHOLE.replace("Yle said more.", 'Yle said "more" trams are due.')


@pytest.mark.parametrize(
    "row",
    [
        # Google Sheets' row copied without its header: the page's cell after the row's own.
        f"8/31/2025 14:02:11\tA. R.\tNordics\tTo tag\t\t{_cell(QUOTED_TRAM)}\t\n",
        # Excel's header and row, the link in a cell beside the page.
        f"Logged\tAnalyst\tLink\tPage text\n03/06/2025\tA. R.\t{TRAM_URL}?utm_source=x\t"
        f"{_cell(QUOTED_TRAM)}\n",
        # A tracker's CSV whose header names are a person's ("Page text", "Section/Column").
        f"Name,Section/Column,URL,Page text\nTram,To code,{TRAM_URL},{_cell(QUOTED_TRAM)}\n",
        # The cell alone, copied out of Excel.
        _cell(QUOTED_TRAM) + "\n",
    ],
    ids=["sheet-row", "excel-header", "tracker-csv", "lone-cell"],
)
def test_a_spreadsheet_cell_holding_the_page_gives_the_page_and_its_rows_link(row):
    story = _tram_document(row)
    assert story.title == TRAM_HEADLINE
    assert story.signals[1].body == 'Yle said "more" trams are due.'
    assert story.url == (TRAM_URL if "Link" in row or "URL" in row else None)


def test_a_quoted_selection_keeps_its_link_below_it():
    """A shared highlight opens with a quote mark; its link below it is the page's."""
    shared = f'"{TRAM_WHOLE.rstrip()}"\n{TRAM_URL}#:~:text=Helsinki\n'
    assert _tram_document(shared).url == TRAM_URL


def test_a_sheets_rows_copied_with_their_numbers_and_a_note_column_are_the_pages_lines():
    rows = [
        f"{n}\t{line}\t{'sig' if line.startswith(('Riders', 'The suburbs')) else ''}"
        for n, line in enumerate(TRAM_WHOLE.splitlines(), 1)
    ]
    story = _tram_document("\n".join(rows) + "\n")
    assert story.title == TRAM_HEADLINE
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]
    assert story.signals[1].outlets == ["Yle", "Hufvudstadsbladet"]


def test_an_issues_next_comment_ends_the_page():
    """GitHub's issue page: reactions, then the next comment's header and its text."""
    comment = "\n👍\n2\n@jp\nMember\njp commented Jun 4, 2025\n"
    issue = f"lm commented Jun 3, 2025\n{TRAM_WHOLE}{comment}"
    story = parse_text(issue + "Sig 2: only Yle on the Source line.\n")
    assert len(story.signals) == 2 and story.signals[1].body == "Yle said more."


@pytest.mark.parametrize(
    ("slug", "kept"),
    [("helsinki-tram-line-opens-early", True), ("finland-election-results", False)],
)
def test_a_link_in_a_comment_below_the_page_is_its_address_if_it_names_the_story(slug, kept):
    """A card's comment gives the page's link ("url for the record: …"); a comment linking to
    another story, that day's, is not the page's."""
    link = f"https://www.semafor.com/article/06/03/2025/{slug}"
    card = f"{TRAM_WHOLE}Checklist\nAssign themes\nActivity\nPriya S.\nurl for the record: {link}\n"
    assert parse_text(card).url == (link.replace("www.", "") if kept else None)


# --- reading apps -------------------------------------------------------------------------------


def test_a_read_later_exports_heading_titles_a_copy_that_starts_below_its_headline():
    """Omnivore's export titles its note with the article's headline, over its link."""
    export = (
        f"# {TRAM_HEADLINE}\n\n#Omnivore #finland\n\n[Read Original]({TRAM_URL})\n\n"
        f"date-saved: 06/04/2025\n\n---\n\n{TRAM_LABELLED}"
    )
    story = _tram_document(export, "export.md")
    assert story.title == TRAM_HEADLINE and "untitled" in story.flags


def test_a_feed_readers_buttons_with_their_gaps_closed_are_not_the_title():
    page = f"{TRAM_HEADLINE}\nSemafor · Jun 3, 2025 · 4 min read\nSave  Share  Mark as read\n"
    story = parse_text(page + "\nSemafor Signals\n" + TRAM_LABELLED)
    assert story.title == TRAM_HEADLINE


def test_a_translations_information_heading_over_the_tagline_heads_the_signals():
    """A round trip through a translator: "The news" for The News, "The Information" for
    SIGNALS above the tagline."""
    translated = (
        f"{TRAM_HEADLINE}\nJune 3, 2025\nSemafor signals\nViews from Yle and Helsingin Sanomat\n"
        "The news\nHelsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\n"
        "The Information\nSemafor Signals: Global insights about the largest stories of today.\n"
        "Riders came on the first morning\nResources: Yle, Helsingin Sanomat\n"
        "Yle counted queues at every stop.\n"
        "The suburbs want the next line\nResources: Yle, Hufvudstadsbladet\nYle said more.\n"
    )
    story = parse_text(translated)
    assert story.title == TRAM_HEADLINE
    assert len(story.signals) == 2


def test_a_page_pasted_twice_whose_insights_line_ends_with_a_full_stop_keeps_its_headline():
    page = (
        f"Semafor Signals\n{TRAM_HEADLINE}\nUpdated Jun 3, 2025, 9:05am EDT\nEurope\n"
        "With insights from Yle, Helsingin Sanomat and the Financial Times.\n"
        + TRAM_WHOLE.split(f"{TRAM_HEADLINE}\n", 1)[1]
    )
    story = parse_text(f"{page}\n\n{page}")
    assert story.title == TRAM_HEADLINE and "untitled" not in story.flags
    assert "date_from_updated" in story.flags and story.published == "2025-06-03"
    assert len(story.signals) == 2


def test_a_signals_headline_that_reads_like_a_maps_description_is_kept_over_its_source_line():
    page = TRAM_WHOLE.replace(
        "The suburbs want the next line\n", "A map of Helsinki that echoes the old tram network\n"
    )
    story = parse_text(page)
    assert [s.headline for s in story.signals][
        1
    ] == "A map of Helsinki that echoes the old tram network"
    assert story.signals[1].body == "Yle said more."


def test_a_clip_managers_overlapping_clips_give_each_signal_once():
    """Ditto's paste of two clips of one page: the second starts again at the signal the first
    cut short."""
    first, rest = TRAM_WHOLE.split("The suburbs want the next line\n")
    clips = (
        "[Ditto] Clip 2 — 6/3/2025 8:52:17 AM — msedge.exe\n"
        f"{first}The suburbs want the next line\nSources: Yle, Hufvudstadsbladet\nYle said\n\n"
        "[Ditto] Clip 3 — 6/3/2025 8:52:49 AM — msedge.exe\n"
        f"The suburbs want the next line\n{rest}"
    )
    story = parse_text(clips)
    assert [s.body for s in story.signals][1:] == ["Yle said more."]
    assert len(story.signals) == 2


def test_a_templates_caption_over_the_page_drops_the_templates_fields():
    """A text expander's intake template: its fields above "----- paste -----", then a copy
    that starts at The News."""
    template = "SIGNALS INTAKE\nDate filed: 6/4/2025\nAnalyst: P. Lindqvist\n----- paste -----\n"
    story = parse_text(template + TRAM_WHOLE.split(f"{TRAM_HEADLINE}\n", 1)[1])
    assert story.title == "" and "untitled" in story.flags


def test_a_read_later_apps_buttons_with_a_count_below_the_page_are_no_signal():
    story = parse_text(f"{TRAM_WHOLE}\nSave to Instapaper · Highlights (2)\n")
    assert len(story.signals) == 2 and story.signals[1].body == "Yle said more."


def test_the_share_bar_with_its_buttons_apart_is_not_the_title():
    """A saved page's share links print apart ("Post Email Whatsapp"), above The News."""
    header = (
        f"diplomacyEurope\n{TRAM_HEADLINE}\nUpdated Jun 3, 2025, 9:05am EDT\nSemafor Signals\n"
        "Insights from Yle and Helsingin Sanomat\nArrow Down\nPost Email Whatsapp\nTitle icon\n"
    )
    assert parse_text(header + TRAM_WHOLE.split(f"{TRAM_HEADLINE}\n", 1)[1]).title == TRAM_HEADLINE


def test_a_notes_title_naming_semafor_with_its_day_is_not_the_headline():
    """A note's title over a copy that starts below the headline: "(Semafor) 29/7" is where it
    came from and the day, not a thread's post count."""
    note = "Helsinki – tram opening (Semafor) 3/6\n"
    story = parse_text(note + TRAM_WHOLE.replace(f"{TRAM_HEADLINE}\n", ""))
    assert story.title == "" and "untitled" in story.flags


def test_an_issue_trackers_attachments_section_ends_the_page():
    ticket = f"{TRAM_WHOLE}\nAttachments\nDrop files to attach, or browse.\n\nActivity\n"
    story = parse_text(ticket)
    assert len(story.signals) == 2 and story.signals[1].body == "Yle said more."


def test_a_text_browsers_dump_with_a_menu_keeps_its_wrapped_paragraphs_whole():
    """w3m's dump: its menu items end with a full stop ("• • D.C."), its paragraphs are set
    apart by blank lines and wrapped at 80 columns; a line that ends a sentence at the width
    does not end its paragraph."""
    news = (
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule, and\n"
        "the city said ridership on the first day beat every forecast it had made for the\n"
        "line."
    )
    signals = [
        "More than 40,000 riders took the line on its first day, leaving crowded buses,\n"
        "and the city’s transport authority said each tram was full by noon, Yle reported.\n"
        "Vartiainen has promised a second line to the eastern suburbs by 2030, and the\n"
        "council will vote on its money in the autumn.",
        "The suburbs want the next line to open just as early, and planners say that the\n"
        "money is there for it, Hufvudstadsbladet wrote, though the budget is still tight.\n"
        "The council votes on the plan in the autumn.",
        "Tram drivers are scarce, and the city has been training new ones since spring, Yle\n"
        "reported, with a class of forty due to finish before the line is extended again.",
        "Fares will not change this year, the transport authority said, though a review of\n"
        "zone prices is due in the spring and could raise the cost of the longest journeys\n"
        "for riders who live in the outer suburbs, Helsingin Sanomat reported on Tuesday.",
    ]
    dump = (
        "  • • D.C.\n  • • BXL\n\nSemafor Signals\n\nJun 3, 2025, 9:05am EDT\n\n"
        f"{TRAM_HEADLINE}\n\nThe News\n\n{news}\n\nSIGNALS\n\n" + "\n\n".join(signals) + "\n"
    )
    story = parse_text(dump)
    assert len(story.signals) == 4
    assert story.signals[0].body.endswith("will vote on its money in the autumn.")


def test_a_pages_source_copied_with_its_line_numbers_is_read_as_its_html():
    html = (
        "<!DOCTYPE html>\n<html>\n<head><title>Helsinki tram | Semafor</title></head>\n<body>\n"
        f"<p>Semafor Signals</p>\n<h1>{TRAM_HEADLINE}</h1>\n<h2>The News</h2>\n"
        "<p>Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.</p>\n"
        "<h2>SIGNALS</h2>\n<h3>Riders came on the first morning</h3>\n"
        "<p>Sources: Yle, Helsingin Sanomat</p>\n<p>Yle counted queues at every stop.</p>\n"
        "</body>\n</html>\n"
    )
    numbered = "\n".join(f"{n}\t{line}" for n, line in enumerate(html.splitlines(), 1))
    story = _tram_document(f"view-source:{TRAM_URL}\n\n{numbered}\n")
    assert story.title == TRAM_HEADLINE and story.url == TRAM_URL
    assert [s.headline for s in story.signals] == ["Riders came on the first morning"]


def test_a_consoles_command_over_the_text_it_printed_is_not_the_title():
    command = "// copy([...document.querySelectorAll('article p')].map(e => e.innerText))\n\n"
    story = parse_text(command + TRAM_WHOLE.replace(f"{TRAM_HEADLINE}\n", ""))
    assert story.title == "" and "untitled" in story.flags


def test_a_captions_agency_alone_after_its_sentence_is_no_title():
    """The photo's caption above The News, its credit the agency alone: "… district. Reuters"."""
    header = (
        f"{TRAM_HEADLINE}\nUpdated Jun 3, 2025, 9:05am EDT\nEurope\nSemafor Signals\n"
        "Arrow Down\nA tram leaves the depot in Pasila on Tuesday morning. Reuters\nTitle icon\n"
    )
    story = parse_text(header + TRAM_WHOLE.split(f"{TRAM_HEADLINE}\n", 1)[1])
    assert story.title == TRAM_HEADLINE


def test_a_headline_of_two_sentences_in_its_place_is_the_title():
    """Under the label and over the story's time, a long headline of two sentences is the
    headline ("…debt ceiling. Now comes the hard part.")."""
    headline = (
        "Helsinki opens its new tram line a year early. Now comes the harder eastern extension."
    )
    page = TRAM_WHOLE.replace(f"Jun 3, 2025, 9:05am EDT\n{TRAM_HEADLINE}\n", "").replace(
        "Semafor Signals\n", f"Semafor Signals\n{headline}\nUpdated Jun 3, 2025, 9:05am EDT\n"
    )
    story = parse_text(page)
    assert story.title == headline and "untitled" not in story.flags


def test_a_translations_resources_label_run_into_its_headline_is_split():
    page = TRAM_WHOLE.replace(
        "Riders came on the first morning\nSources: Yle, Helsingin Sanomat\n",
        "Riders came on the first morning Resources: Yle, Helsingin Sanomat\n",
    )
    story = parse_text(page)
    assert story.signals[0].headline == "Riders came on the first morning"
    assert story.signals[0].outlets == ["Yle", "Helsingin Sanomat"]


def test_a_translations_perspectives_line_is_the_insights_line_not_the_title():
    page = TRAM_WHOLE.replace(
        "The News\n", "Perspectives from Yle, Helsingin Sanomat and Hufvudstadsbladet\nThe News\n"
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE
    assert story.insights_from == ["Yle", "Helsingin Sanomat", "Hufvudstadsbladet"]


def test_a_photos_alt_text_of_two_words_is_not_the_title():
    """A reader tool's Markdown keeps a photo's alt text, a name ("Image 2: Aino Virtanen"),
    between the label's Insights line and the caption: not a headline."""
    page = (
        f"Title: {TRAM_HEADLINE}\n\nURL Source: {TRAM_URL}\n\nMarkdown Content:\n"
        f"{TRAM_HEADLINE}\n{'=' * 44}\n\nSemafor Signals\n\n"
        "Insights from Yle and Helsingin Sanomat\n\n"
        "![Image 1: Arrow Down](https://static.semafor.com/icons/arrow-down.svg)\n\n"
        "![Image 2: Aino Virtanen](https://img.semafor.com/2025/06/virtanen-tram.jpg)\n\n"
        "Aino Virtanen on the first tram. Reuters/Jussi Nukari\n\n"
        + TRAM_WHOLE.split("Helsinki’s new tram line opens a year early\n", 1)[1]
    )
    story = _tram_document(page, "page.md")
    assert story.title == TRAM_HEADLINE


def test_a_notes_read_on_semafor_link_under_the_headline_is_not_the_title():
    """A note app's export (Bear) links the page under its headline: "Read on semafor.com"."""
    page = (
        f"# {TRAM_HEADLINE}\n\n[Read on semafor.com]({TRAM_URL}?utm_source=bear)\n\n"
        "*Updated Jun 3, 2025, 9:05am EDT*\n\n**Semafor Signals**\n\n## The News\n\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\n\n"
        "## SIGNALS\n\nYle counted queues at every stop, and the first trams were full.\n\n"
        "The suburbs want the next line, Hufvudstadsbladet said.\n"
    )
    story = _tram_document(page, "page.md")
    assert story.title == TRAM_HEADLINE and story.url == TRAM_URL


def test_a_documents_comment_marks_are_not_part_of_its_headline():
    """Google Docs' plain-text download marks a comment where it is anchored ("…early[a]")
    and gives it below the text ("[a]Check the date")."""
    page = TRAM_WHOLE.replace(TRAM_HEADLINE, TRAM_HEADLINE + "[a]").replace(
        "every stop,", "every stop[b],"
    )
    story = _tram_document(page + "\n\n[a]Headline changed on Wednesday\n[b]Check the count\n")
    assert story.title == TRAM_HEADLINE
    assert story.signals[0].body.startswith("Yle counted queues at every stop, and")
    assert "Headline changed" not in story.signals[-1].body


def test_a_copy_cut_short_under_a_sourceless_headline_gives_that_signal_its_first_words():
    """Without Source lines, the last line under a headline waiting for its body is that body,
    cut off ("Analysts expect the"), not a headline of its own."""
    page = (
        "Semafor Signals\nJun 3, 2025, 9:05am EDT\n" + TRAM_HEADLINE + "\nThe News\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\n\n"
        "SIGNALS\n\nRiders came on the first morning\n\n"
        "Yle counted queues at every stop, and the first trams were full.\n\n"
        "Will the suburbs get the next line?\n\nPlanners expect the\n"
    )
    story = parse_text(page)
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "Will the suburbs get the next line?",
    ]
    assert story.signals[-1].body == "Planners expect the"
    assert "truncated" in story.flags


def test_a_read_later_apps_saved_line_below_2023_paragraphs_is_no_signal():
    """Pocket's copy of a 2023 page, its signals bare paragraphs: its "Saved to Pocket" line
    and tags below them end the page."""
    page = (
        f"{TRAM_HEADLINE}\nsemafor.com\nView Original\nJune 3, 2023\n\nSemafor Signals\n\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\n\n"
        "SIGNALS\n\nYle counted queues at every stop, and the first trams were full.\n\n"
        "The suburbs want the next line, Hufvudstadsbladet said.\n\n"
        "Saved to Pocket · 4 min read\nTags: helsinki, transport\n"
    )
    story = parse_text(page)
    assert len(story.signals) == 2 and "truncated" not in story.flags


def test_a_note_apps_wikilinks_on_source_lines_are_the_names():
    """Obsidian writes an outlet as a link to a note of its own: "Source: [[Yle]]"."""
    page = (
        f'---\ntitle: "{TRAM_HEADLINE}"\nsource: "{TRAM_URL}"\n---\nSemafor Signals\n\n'
        "## The News\n\nHelsinki opened its crosstown tram line on Tuesday.\n\n## SIGNALS\n\n"
        "### Riders came on the first morning\n\nSources: [[Yle]], [[Helsingin Sanomat|HS]]\n\n"
        "Yle counted queues at every stop, and the first trams were full.\n\n"
        "### The suburbs want the next line\n\nSource: [[Hufvudstadsbladet]]\n\n"
        "Hufvudstadsbladet said the eastern suburbs have waited longest.\n"
    )
    story = _tram_document(page, "page.md")
    assert [s.outlets for s in story.signals] == [["Yle", "HS"], ["Hufvudstadsbladet"]]


def test_a_feed_readers_open_website_button_is_not_the_title():
    below_headline = TRAM_WHOLE.replace(f"{TRAM_HEADLINE}\n", "")
    page = f"{TRAM_HEADLINE}\nSemafor · semafor.com · Jun 3, 2025\nOpen Website\n{below_headline}"
    assert parse_text(page).title == TRAM_HEADLINE


def test_slacks_next_message_below_the_page_ends_it():
    """Slack's copy gives each message's sender, then its time alone ("10:51 AM")."""
    page = (
        "Dana Okafor\n  10:44 AM\n"
        + TRAM_WHOLE
        + "\nPriya Raman\n  10:51 AM\nthanks! the suburbs angle is useful\n\nReply…\n"
    )
    story = parse_text(page)
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]
    assert story.signals[-1].body == "Yle said more."


def test_a_translations_two_news_headings_without_a_tagline_head_the_news_and_the_signals():
    """A re-worded copy calls The News "The news" and SIGNALS "The Information", with no
    tagline below it: the first heads the News, the second the signals."""
    page = (
        f"{TRAM_HEADLINE}\nJune 3, 2025\nSemafor Signals\nViews from Yle and Helsingin Sanomat\n\n"
        "The news\nHelsinki opened its crosstown tram line on Tuesday, a year early.\n\n"
        "The Information\nRiders came on the first morning\nResources: Yle, Helsingin Sanomat\n"
        "Yle counted queues at every stop, and the first trams were full.\n"
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE
    assert story.summary.startswith("Helsinki opened its crosstown tram line")
    assert [s.headline for s in story.signals] == ["Riders came on the first morning"]


def test_a_translated_reposts_original_link_without_its_scheme_is_the_address():
    page = TRAM_WHOLE + (
        "\n(This article is translated and reprinted from Semafor, for reference only.)\n"
        f"Original link: {TRAM_URL.removeprefix('https://')}\n"
    )
    assert parse_text(page).url == TRAM_URL


def test_a_chat_messages_link_below_the_page_it_pasted_is_the_address():
    """Telegram's copy: the page and its link in one message ("👉 <link>"), then the next."""
    page = (
        "Aino V., [03.06.2025 10:02]\n"
        + TRAM_WHOLE
        + f"\n👉 {TRAM_URL}\n\nJonas B., [03.06.2025 11:44]\nfor Thursday's brief, item 3\n"
    )
    story = parse_text(page)
    assert story.url == TRAM_URL and story.signals[-1].body == "Yle said more."


def test_a_reworded_tagline_without_its_label_is_not_a_signal():
    page = TRAM_WHOLE.replace(
        "SIGNALS\n", "Signals\n\nGlobal insights on the biggest stories of today.\n\n"
    ).replace("Semafor Signals\n", "Semafor signals\n")
    story = parse_text(page)
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]


def test_whatsapps_edited_mark_does_not_end_a_page_pasted_in_two_messages():
    """WhatsApp's export marks an edited message under its last line; the sender's next
    message goes on with the page's next paragraph (a 2023 page: signals without headlines)."""
    page = (
        "[03/06/2023, 08:41:07] Aino Virtanen: Semafor Signals\n"
        f"{TRAM_HEADLINE}\nJun 3, 2023, 9:05am EDT\nThe News\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\nSIGNALS\n"
        "Riders queued at every stop on the first morning, Yle reported, and the trams were full.\n"
        "<This message was edited>\n"
        "[03/06/2023, 08:41:55] Aino Virtanen: The eastern suburbs want the next line, "
        "Hufvudstadsbladet said, and the council is split over the cost.\n"
        "[03/06/2023, 08:50:30] Jonas Berg: Thanks! Is there a link?\n"
    )
    story = parse_text(page)
    assert [s.headline for s in story.signals] == ["", ""]
    assert story.signals[1].body.startswith("The eastern suburbs want the next line")


def test_a_teams_posts_see_less_and_reply_buttons_are_not_a_signal():
    page = (
        "Aino Virtanen\n03/06/2025 08:12\n"
        + TRAM_WHOLE
        + "See less\n👍 3 😮 1\nReply\nJonas Berg\n03/06/2025 08:40\nThanks, useful.\n"
    )
    story = parse_text(page)
    assert [s.headline for s in story.signals][-1] == "The suburbs want the next line"
    assert story.signals[-1].body == "Yle said more."


def test_a_discord_exports_reply_quote_of_the_page_message_is_not_a_signal():
    """DiscordChatExporter's HTML: a reply quotes the start of the message it answers (its
    author and first words) above its own text."""

    def message(author: str, text: str, reply: str = "") -> str:
        quoted = (
            f'<div class="chatlog__reply"><span class="chatlog__reply-author">Aino V.</span>'
            f'<span class="chatlog__reply-content">{reply}</span></div>'
            if reply
            else ""
        )
        return (
            f'<div class="chatlog__message-container"><div class="chatlog__message">{quoted}'
            f'<div class="chatlog__header"><span class="chatlog__author">{author}</span> '
            '<span class="chatlog__timestamp">06/03/2025 9:42 AM</span></div>'
            f'<div class="chatlog__content"><span class="chatlog__markdown-preserve">{text}'
            "</span></div></div></div>\n"
        )

    page_text = TRAM_WHOLE.replace("\n", "<br>\n")
    html = (
        '<html><body><div class="chatlog">'
        + message("Aino V.", "full text for the archive:<br>\n" + page_text)
        + message("Jonas B.", "the line opened early, worth flagging", "full text for the archive:")
        + "</div></body></html>"
    )
    story = _tram_document(html, "page.html")
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]
    assert story.signals[-1].body == "Yle said more."


def test_a_phone_mails_sent_from_yahoo_mail_above_a_forward_is_not_the_title():
    page = (
        "Jorge, for the tram page.\n\nSent from Yahoo Mail for iPhone\n\n\n"
        "----- Forwarded Message -----\nFrom: Aino V. <aino@example.org>\n"
        "To: Jorge S. <jorge@example.org>\nSent: Tuesday, June 3, 2025 at 09:12:44 AM EDT\n"
        "Subject: tram - Semafor\n\n" + TRAM_WHOLE.replace(f"{TRAM_HEADLINE}\n", "")
    )
    story = parse_text(page)
    assert story.title == "" and "untitled" in story.flags


def test_the_information_below_a_bare_source_label_is_the_outlet_not_a_news_heading():
    """ "Source:" alone, the names on the next line: "The Information" there is credited. Read as
    a translation's News heading, it cut the page at the first signal."""
    page = TRAM_WHOLE.replace("Sources: Yle, Helsingin Sanomat\n", "Source:  \nThe Information\n")
    story = parse_text(page)
    assert [s.outlets for s in story.signals] == [["The Information"], ["Yle", "Hufvudstadsbladet"]]
    assert story.signals[1].body == "Yle said more."
    assert "low_confidence" not in story.flags


def test_a_reader_views_title_of_two_sentences_above_the_label_is_the_headline():
    headline = "Helsinki opens its tram line early. Espoo wants one too."
    page = f"semafor.com\n{headline}\n4–5 minutes\n\n" + TRAM_WHOLE.replace(
        TRAM_HEADLINE + "\n", ""
    )
    assert parse_text(page).title == headline


def test_a_headline_ending_in_silicon_keeps_its_last_word():
    page = TRAM_WHOLE.replace("The suburbs want the next line", "Trams run on Finnish silicon")
    assert parse_text(page).signals[1].headline == "Trams run on Finnish silicon"


def test_a_datelines_place_under_the_time_is_not_the_title():
    page = "https://www.semafor.com/article/06/03/2025/helsinki-tram-line\n\n" + TRAM_WHOLE.replace(
        "Semafor Signals\n", ""
    ).replace(TRAM_HEADLINE + "\n", "Helsinki, Finland\n")
    story = parse_text(page)
    assert story.title == "" and "untitled" in story.flags


def test_a_print_headers_cut_title_on_its_own_line_is_no_signal():
    """A PDF's text: each sheet's footer (the address, the sheet) and header (the time, then on
    a line of its own the title the sheet's width cut, "…") inside a paragraph."""
    head = "Helsinki’s new tram line opens a year…"
    page = (
        "6/4/25, 9:14 AM\n"
        + head
        + "\n\n"
        + TRAM_PAGE.replace(
            "Yle counted queues at every stop, and Helsingin Sanomat said",
            "Yle counted queues at every stop, and Helsingin Sanomat\n\n"
            f"{TRAM_ADDRESS}\t1/2\n\f6/4/25, 9:14 AM\n{head}\n\nsaid",
        )
        + "Yle said more.\n"
    )
    story = parse_text(page)
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]
    assert story.signals[0].body.endswith("Helsingin Sanomat said the first trams were full.")


@pytest.mark.parametrize(
    "first",
    [
        "http://cc.bingj.com/cache.aspx?q=semafor+tram&d=4712390561208837&mkt=en-US\n"
        f"This is the cached copy of {TRAM_ADDRESS}. It's a snapshot of the page as it appeared"
        " on 6/4/2025. The current page might have changed. Learn more\n",
        f"https://12ft.io/{TRAM_ADDRESS}?utm_source=newsletter\n12ft.io\n",
    ],
)
def test_a_caches_or_a_reader_proxys_copy_gives_the_pages_own_address(first):
    story = parse_text(first + TRAM_WHOLE)
    assert story.url == TRAM_ADDRESS.replace("www.", "")


def test_a_reader_proxys_address_around_the_pages_is_the_page():
    assert normalize_url(f"https://r.jina.ai/{TRAM_ADDRESS}") == TRAM_ADDRESS.replace("www.", "")


def test_a_text_only_proxys_footer_is_not_a_signal():
    page = (
        TRAM_WHOLE + "\nFrogFind! is a search engine for vintage computers. Images and scripts "
        "have been removed.\n"
    )
    assert [s.body for s in parse_text(page).signals][-1] == "Yle said more."


def test_a_feed_readers_action_row_under_its_title_is_not_the_headline():
    page = (
        "Semafor — Europe\n" + TRAM_HEADLINE + "\nSemafor · Tue, Jun 3 2025 13:06 · 4 min read\n"
        "Save  ·  Share  ·  Mark as unread  ·  Send to Readwise\n\n"
        + TRAM_WHOLE.replace(TRAM_HEADLINE + "\n", "")
    )
    assert parse_text(page).title == TRAM_HEADLINE


def test_a_text_browsers_share_row_with_spaced_link_numbers_ends_the_page():
    page = (
        TRAM_WHOLE + "\n[2] Post [3] Email [4] Whatsapp\n\nLinks:\n[1] https://www.semafor.com/\n"
        "[2] https://twitter.com/intent/tweet\n"
    )
    story = parse_text(page)
    assert len(story.signals) == 2 and story.signals[-1].body == "Yle said more."


def test_a_whatsapp_export_keeps_the_headline_sent_just_before_the_page_and_skips_media():
    def sent(text: str) -> str:
        return f"04/06/2025, 06:4{len(text) % 10} - Aino (You): {text}\n"

    lines = TRAM_WHOLE.split("\n")
    page = (
        "04/06/2025, 06:41 - Messages and calls are end-to-end encrypted. Learn more.\n"
        + sent(TRAM_ADDRESS)
        + sent(TRAM_HEADLINE)
        + sent("Semafor Signals")
        + "\n".join(lines[1:2] + lines[3:8])
        + "\n"
        + sent("<Media omitted>")
        + sent(lines[8])
        + "\n".join(lines[9:])
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE
    assert [s.headline for s in story.signals][-1] == "The suburbs want the next line"
    assert story.signals[-1].body == "Yle said more."


def test_a_news_terminals_screen_header_is_no_line_of_the_page():
    """A terminal's story pasted into a mail, wrapped: each screen's header ("NSN … <GO>
    Page 2/2") stood over the headline and over a signal's, and wrapped lines were joined to it."""
    header = "  NSN S8K2QWT0AFB4 <GO>                                    Page {}/2\n"
    page = (
        "From: Desai, Priya\nSubject: tram\n\nAll - pasting from the news screen, formatting "
        "is a bit mangled. Our call\nis unchanged.\n\n"
        + "-" * 76
        + "\n"
        + header.format(1)
        + "  Helsinki’s new tram line opens a year early\n  2025-06-03 13:05:07.112 GMT\n\n"
        + "  (Semafor) -- Semafor Signals\n\n  The News\n\n  Helsinki opened its crosstown "
        "tram line on Tuesday, a year\n  ahead of schedule.\n\n  SIGNALS\n\n"
        "  Riders came on the first morning\n  Sources:  Yle, Helsingin Sanomat\n\n"
        "  Yle counted queues at every stop, and Helsingin Sanomat\n"
        "  said the first trams were full.\n\n"
        + header.format(2)
        + "  The suburbs want the next line\n  Sources:  Yle, Hufvudstadsbladet\n\n"
        "  Yle said more.\n"
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE
    assert [s.headline for s in story.signals][-1] == "The suburbs want the next line"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2024-02-08 09:41:07.112 GMT", "2024-02-08T09:41:00+00:00"),
        ("2024-02-08T09:41Z", "2024-02-08T09:41:00+00:00"),
        ("2024-02-08", "2024-02-08"),
        ("2024-02-30", None),
    ],
)
def test_a_time_in_iso_form_is_read(line, expected):
    stamp = parse_timestamp(line)
    assert (stamp[0] if stamp else None) == expected


def test_a_translation_proxys_source_symbol_is_no_signal():
    page = TRAM_WHOLE.replace("Sources: Yle, Hufvudstadsbladet", "Source symbol\nResources: Yle")
    story = parse_text(page)
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]


def test_a_task_apps_activity_line_below_a_2023_page_is_no_signal():
    page = _page(
        "Semafor Signals\nA headline here\n",
        "First paragraph of the signals, as Reuters reported on Monday.\n"
        "Second paragraph of the signals, as the BBC reported on Tuesday.\n"
        "TweetEmailWhatsapp\nAnanya Iyer created this task · 3 days ago\n"
        "Rahul Mehta changed the due date to Sep 22 · 2 days ago\n",
    )
    assert len(parse_text(page).signals) == 2


def test_an_intranet_posts_buttons_below_the_page_are_no_signal():
    page = TRAM_WHOLE + "Like\nComment\nSave for later\nViews\n41\nComments\nAdd a comment\n"
    story = parse_text(page)
    assert len(story.signals) == 2 and story.signals[-1].body == "Yle said more."


def test_a_date_after_the_storys_update_is_not_its_publication():
    """A work tool's update, its author and date above the page, a day after the story."""
    page = (
        "Diego Ramírez\nSep 12, 2024\nFull Semafor page for the file.\n\n"
        "Updated Sep 11, 2024, 2:26pm EDT\n" + TRAM_WHOLE.replace("Jun 3, 2025, 9:05am EDT\n", "")
    )
    assert parse_text(page).published == "2024-09-11"


def test_a_text_messages_parts_cut_mid_word_are_joined():
    page = _page(
        "Semafor Signals\nA headline here\n",
        "(1/3) The first paragraph ends with the monar\n\n(2/3) chy.\n\n"
        "(3/3) The second paragraph ends with a\n\n(4/4)  reformist government.\n",
    )
    story = parse_text(page)
    assert [s.body for s in story.signals] == [
        "The first paragraph ends with the monarchy.",
        "The second paragraph ends with a reformist government.",
    ]


def test_a_name_cut_by_the_end_of_the_copy_in_the_last_source_line_is_no_outlet():
    page = TRAM_PAGE.replace("Yle, Hufvudstadsbladet\n", "ERR News, Lietuvos ryt")
    assert parse_text(page).signals[-1].outlets == ["ERR"]


# --- shapes found by the seventy-first hold-out round (sets 392–397) ---------------------------


def test_a_wechat_exports_next_message_ends_the_page():
    """WeChat's merged chat history: each message under its sender and an ISO time; a reply and
    a sticker after the page are no signal."""
    page = (
        "Chat History of Chen Jie and Li Na\n\nChen Jie 2025-06-03 22:13\n"
        + TRAM_WHOLE
        + "\nLi Na 2025-06-04 08:03\nthanks! will use the Yle number\n\n"
        "Li Na 2025-06-04 08:04\n[Sticker]\n"
    )
    story = parse_text(page)
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]
    assert story.signals[-1].body == "Yle said more."


def test_a_share_rows_link_text_in_brackets_is_no_signal():
    """A Markdown clipper that dropped the share row's addresses kept its text in brackets."""
    story = parse_text(TRAM_WHOLE + "\n[PostEmailWhatsapp]\n")
    assert len(story.signals) == 2 and story.signals[-1].body == "Yle said more."


def test_a_source_name_that_only_starts_a_longer_one_does_not_take_the_cut_body():
    """ "The Island" spells the start of "Islands Business" (a known name): the line below, a
    body cut by the end of the copy, does not go on with it."""
    page = TRAM_PAGE.replace(
        "Sources: Yle, Hufvudstadsbladet\n",
        "Source: The Island\nThe budget ends state-funded residences for former\n",
    )
    signal = parse_text(page).signals[-1]
    assert signal.outlets == ["The Island"]
    assert signal.body == "The budget ends state-funded residences for former"


def test_an_automations_mail_footer_below_a_cut_copy_is_no_signal():
    """An automation mailed the copy, cut inside its last Source line, and signed its mail."""
    page = TRAM_PAGE.replace("Yle, Hufvudstadsbladet\n", "Yle, Helsingin San\n\n---\n") + (
        "Sent automatically by Make · Scenario “Signals → desk email”\n"
        "Edit scenario: https://eu1.make.com/scenarios/1148723/edit\n"
        "To stop these emails, turn the scenario off or remove the Email module.\n"
    )
    story = parse_text(page)
    assert len(story.signals) == 2
    assert (story.signals[-1].outlets, story.signals[-1].body) == (["Yle"], "")


def test_a_kindles_clippings_without_the_news_heading_start_the_signals_at_a_credit():
    """Highlights of a page sent to a Kindle: The News's text without its heading, then each
    signal's headline, Source line and body run together in one highlight; the file's first
    clipping, another document's, has no separator above it."""

    def clip(location: str, text: str, title: str = f"{TRAM_HEADLINE} (Semafor)") -> str:
        head = f"- Your Highlight on page 1 | Location {location} | Added on Friday, 6 June 2025"
        return f"{title}\n{head}\n\n{text}\n==========\n"

    text = (
        "\ufeff"
        + clip("18-19", "Read before the call.", title="Team reading list (Personal Document)")
        + clip("1-2", TRAM_HEADLINE)
        + clip("6-8", "Helsinki opened its crosstown tram line on Tuesday.")
        + clip("9-12", f"Riders came on the first morning Sources: Yle, Helsingin Sanomat {FULL}")
        + clip("13-15", f"The suburbs want the next line Source: Yle {ASKED}")
    )
    story = parse_text(text)
    assert story.title == TRAM_HEADLINE
    assert [(s.headline, s.outlets, s.body) for s in story.signals] == [
        ("Riders came on the first morning", ["Yle", "Helsingin Sanomat"], FULL),
        ("The suburbs want the next line", ["Yle"], ASKED),
    ]


FULL = "Queues formed at every stop, and the first trams were full by eight, Yle reported."
ASKED = "Commuters in Vuosaari asked the city for the next line within days, Yle said."


def test_a_documents_next_numbered_item_a_placeholder_ends_the_page():
    """An analyst's document of clippings, numbered: the next item not pasted yet."""
    page = TRAM_WHOLE + "\n\n2. (next item: the ridership outlook, to paste)\n"
    story = parse_text(page)
    assert len(story.signals) == 2 and story.signals[-1].body == "Yle said more."


def test_a_reader_views_byline_above_its_reading_time_is_not_the_headline():
    page = f"semafor.com\n{TRAM_HEADLINE}\nAino Virtanen\n4–5 minutes\n\n" + TRAM_LABELLED
    story = parse_text(page + "Yle said more.\n")
    assert story.title == TRAM_HEADLINE and "untitled" not in story.flags


def test_a_channel_posts_link_above_its_reactions_and_views_gives_the_address():
    page = (
        "Baltic Watch 🇫🇮🇪🇪\n📌 Semafor Signals on the tram, full text below\n\n"
        + TRAM_WHOLE
        + "\n🔗 semafor.com/article/06/03/2025/helsinki-tram-line\n👍 48  🔥 11  😢 3\n"
        "👁 2.4K  edited  14:31\n"
    )
    story = parse_text(page)
    assert story.url == "https://semafor.com/article/06/03/2025/helsinki-tram-line"
    assert len(story.signals) == 2 and story.signals[-1].body == "Yle said more."


def test_a_mails_full_piece_link_below_the_page_gives_the_address():
    page = TRAM_WHOLE + (
        "\nFull piece: https://www.semafor.com/article/06/03/2025/helsinki-tram-line"
        "?utm_source=semaforflagship\n\nYuki\nYuki Harada | Analyst\n"
    )
    assert parse_text(page).url == "https://semafor.com/article/06/03/2025/helsinki-tram-line"


def test_an_x_threads_post_numbers_are_no_part_of_the_page():
    """A thread pasting the page, a post a part: "3/ SIGNALS", "4/ <a signal's headline>";
    the replies below the poster's reply box are not signals."""
    post = "Aino Virtanen\n@aino_transit\n·\nJun 3\n"
    signals = TRAM_PAGE.split("SIGNALS\n", 1)[1]
    first, second = signals.split("The suburbs")
    page = (
        post
        + "2/ "
        + TRAM_PAGE.split("SIGNALS\n", 1)[0]
        + "Show more\n4\n31\n"
        + post
        + "3/ SIGNALS\n"
        + first
        + "12\n1.6K\n"
        + post
        + "4/ The suburbs"
        + second
        + "Yle said more.\n2\n19\nPost your reply\nReply\nOtto K.\n@ottok\n·\nJun 3\n"
        "Replying to @aino_transit\nGreat thread, the suburbs point is underrated.\n"
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE
    assert [(s.headline, s.body) for s in story.signals][1:] == [
        ("The suburbs want the next line", "Yle said more.")
    ]
    assert story.signals[0].headline == "Riders came on the first morning"


def test_a_threads_post_headers_among_paragraph_signals_and_a_cut_posts_counter():
    """Threads (2023 page: each signal a paragraph, a post each): the poster's handle and the
    post's date over each post; the last post, cut by the platform, ends in its counter."""
    head = "aino.transit\n6/3/23\n"
    page = (
        "Threads\nLog in\n\n"
        + head
        + "Helsinki’s new tram line opens a year early\nJun 3, 2023, 9:05am EDT\nNEWS\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule (1/3)\n"
        "Translate\n14\n\n"
        + head
        + "SIGNALS\nQueues formed at every stop, and the first trams were full by eight, "
        "Yle reported. (2/3)\nTranslate\n9\n\n"
        + head
        + "Commuters in Vuosaari asked the city for the next line within days, and the "
        "council said the plans would be (3/3)\nTranslate\n5\n\nLog in to see more replies.\n"
    )
    story = parse_text(page)
    assert [s.body for s in story.signals] == [
        "Queues formed at every stop, and the first trams were full by eight, Yle reported.",
        "Commuters in Vuosaari asked the city for the next line within days, and the council "
        "said the plans would be",
    ]


def test_a_mastodon_threads_posts_behind_content_warnings_and_a_strangers_reply():
    """Mastodon's web view of a thread pasting a 2023 page: each post's author's name over
    their handle, the time, a content warning and its "Show less", the post's visibility; a
    reply by someone else ends the page."""

    def toot(n: int, text: str, who: str = "Aino Virtanen\n@aino@mastodon.online") -> str:
        warning = f"CW: transport, long thread ({n}/3)\nShow less"
        return f"{who}\nJun 3, 2023, 08:1{n}\n{warning}\n{text}\nUnlisted\n3\n12\n\n"

    page = (
        toot(
            1,
            "Helsinki’s new tram line opens a year early\nJun 3, 2023, 9:05am EDT\nNEWS\n"
            "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.",
        )
        + toot(2, f"SIGNALS\n{FULL}")
        + toot(3, ASKED)
        + toot(
            4,
            "@aino thanks, the Vuosaari point matters a lot",
            who="Otto K.\n@ottok@sciences.social",
        )
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE
    assert [s.body for s in story.signals] == [FULL, ASKED]


def test_a_bluesky_post_cut_by_its_length_limit_goes_on_in_the_next_post():
    """A 2023 page (its signals paragraphs) pasted post by post: one paragraph ran past the
    platform's limit and its last words open the next post."""
    post = "Aino Virtanen\n@aino.bsky.social\n· 8h\n"
    cut = (
        "Queues formed at every stop on the first morning, and by eight the first trams were "
        "so full that riders waited for the next one at Kalasatama, Pasila and"
    )
    page = (
        post + "Helsinki’s new tram line opens a year early\nJun 3, 2023, 9:05am EDT\nNEWS\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\n2\n5\n\n"
        + post
        + f"SIGNALS\n{cut}\n1\n4\n\n"
        + post
        + "Vuosaari, Yle reported.\n1\n3\n\n"
        + post
        + f"{ASKED}\n3\n6\n"
    )
    story = parse_text(page)
    assert [s.body for s in story.signals] == [f"{cut} Vuosaari, Yle reported.", ASKED]


def test_a_posts_link_card_below_the_page_is_no_signal():
    """Substack Notes: the page pasted in a note, then the note's link card (the site, the
    page's headline again, its description) and the note's buttons."""
    page = (
        "Notes\nHome\n\nAino Virtanen\nTransit Notes\nJun 3\n\nWorth a read.\n\n"
        + TRAM_WHOLE
        + "\nsemafor.com\n"
        + TRAM_HEADLINE
        + "\nSemafor Signals: Global insights on today's biggest stories.\n\n12\nLike\n3\nReply\n"
    )
    story = parse_text(page)
    assert len(story.signals) == 2 and story.signals[-1].body == "Yle said more."


def test_a_saved_post_page_whose_only_article_is_a_reply_reads_the_post():
    """Mastodon's saved status page: the post (pasting the page) in a <div>, each reply in an
    <article>."""
    paragraphs = "".join(f"<p>{p}</p>" for p in TRAM_WHOLE.strip().split("\n"))
    html = (
        "<html><head><title>Aino: “CW: transport” - Social</title></head><body>"
        f'<div class="detailed-status"><p>Worth reading:</p>{paragraphs}</div>'
        '<article class="status-reply"><p>@aino the suburbs point is real</p></article>'
        "</body></html>"
    )
    text, hints = to_text(html, "html")
    story = parse_text(text, hints)
    assert story.title == TRAM_HEADLINE
    assert len(story.signals) == 2 and story.signals[-1].body == "Yle said more."


def test_a_thread_readers_page_gives_the_address_its_shortened_link_leads_to():
    """A thread unrolled and saved (Thread Reader App): the page's own address is the app's;
    the first post links the page under its address shortened."""
    paragraphs = "".join(f"<p>{p}</p>" for p in TRAM_WHOLE.strip().split("\n"))
    address = "https://www.semafor.com/article/06/03/2025/helsinki-tram-line?utm_source=twitter"
    html = (
        '<html><head><link rel="canonical" href="https://threadreaderapp.com/thread/1803.html">'
        "<title>Thread by @aino on Thread Reader App</title></head><body>"
        f'<div class="content-tweet">Worth reading 🧵 <a href="{address}">'
        "semafor.com/article/06/03/2…</a></div>"
        f'<div class="content-tweet">{paragraphs}</div></body></html>'
    )
    text, hints = to_text(html, "html")
    story = parse_text(text, hints)
    assert story.url == "https://semafor.com/article/06/03/2025/helsinki-tram-line"
    assert story.published == "2025-06-03"


def test_a_channels_next_message_that_goes_on_with_a_2023_pages_paragraphs():
    """A channel's export (Telegram): a 2023 page (its signals paragraphs, credited in their
    prose) split over two messages, the second under its time alone; the next post after it
    is the channel's own."""
    asked = (
        "Commuters in Vuosaari and Espoo asked the city for the next line within days of the "
        "opening, and the council promised a plan by the autumn, Yle said."
    )
    page = (
        "Transit Watch\n3 June 2023\nTW\n15:02\nTransit Watch\nThe tram opened, full text below.\n"
        "Helsinki’s new tram line opens a year early\nJun 3, 2023, 9:05am EDT\nNEWS\n"
        "Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.\n"
        f"15:03\nSIGNALS\n{FULL}\n15:03\n{asked}\n👍 41\nTW\n16:47\nTransit Watch\n"
        "Ridership numbers due Friday. Watching the Espoo extension next.\n"
    )
    assert [s.body for s in parse_text(page).signals] == [FULL, asked]


def test_a_bluesky_thread_in_reader_markdown_takes_its_title_from_the_link_card():
    """A reader service's Markdown of a Bluesky thread: the first post's link card (a thumbnail,
    the site, the headline, the tagline) is all there is of the headline; the posts' counts run
    together; a reply by someone else ends the page."""

    def header(name: str, handle: str, age: str) -> str:
        profile = f"https://bsky.app/profile/{handle}"
        return f"[{name}]({profile}) [@{handle}]({profile}) · [{age}](https://bsky.app/x)"

    me = header("Aino V", "aino.bsky.social", "20h")
    card = (
        "[![Image 2](https://cdn.bsky.app/img/thumb@jpeg) semafor.com "
        f"{TRAM_HEADLINE} Semafor Signals: Global insights on today's biggest stories.]"
        "(https://www.semafor.com/article/06/03/2025/helsinki-tram-line?utm_source=bluesky)"
    )
    signals = TRAM_WHOLE.split("SIGNALS\n", 1)[1]
    markdown = (
        "Title: Aino V (@aino.bsky.social)\n\n"
        "URL Source: https://bsky.app/profile/aino.bsky.social/post/3l\n\n"
        "Markdown Content:\n[Aino V](https://bsky.app/profile/aino.bsky.social)\n\n"
        "[@aino.bsky.social](https://bsky.app/profile/aino.bsky.social)\n\n"
        "The tram, in short 👇\n\n"
        f"{card}\n\n[6 reposts](https://bsky.app/r)[17 likes](https://bsky.app/l)\n\n* * *\n\n"
        f"{me}\n\nThe News: Helsinki opened its crosstown tram line on Tuesday, a year early.\n\n"
        f"{me}\n\nSIGNALS\n{signals}\n"
        f"{header('Otto K', 'ottok.bsky.social', '18h')}\n\n"
        "Riders in Espoo have wanted this line for years. Good to see it finally open.\n"
    )
    text, hints = to_text(markdown, "markdown")
    story = parse_text(text, hints)
    assert story.title == TRAM_HEADLINE
    assert len(story.signals) == 2 and story.signals[-1].body == "Yle said more."


# --- shapes found by the seventy-third hold-out round (sets 404–409) ---------------------------


def test_signals_whose_headlines_were_not_copied_keep_each_body_over_the_next_source_line():
    page = (
        f"{TRAM_HEADLINE}\nJun 3, 2025, 9:05am EDT\nThe News\nFacts of the day.\nSIGNALS\n"
        f"Sources: Yle, Helsingin Sanomat\n{FULL}\nSource: Yle\n{ASKED}\n"
    )
    story = parse_text(page)
    assert [(s.headline, s.outlets, s.body) for s in story.signals] == [
        ("", ["Yle", "Helsingin Sanomat"], FULL),
        ("", ["Yle"], ASKED),
    ]


def test_a_markdownload_clips_heading_over_its_excerpt_titles_a_selection():
    """The clip of a selection that starts in The News: the clipper's heading (the page's
    title) over the page's description, quoted as its excerpt, is the title's only source."""
    markdown = (
        "---\ncreated: 2025-06-04T09:47:12\nsource: https://www.semafor.com/article/06/03/2025/"
        f"helsinki-tram-line\n---\n\n# {TRAM_HEADLINE}\n\n"
        "> ## Excerpt\n> The line opened early.\n\n"
        "---\nThe line opened a year early, the city said.\n\n## SIGNALS\n\n"
        + TRAM_WHOLE.split("SIGNALS\n", 1)[1]
    )
    text, hints = to_text(markdown, "markdown")
    story = parse_text(text, hints)
    assert story.title == TRAM_HEADLINE and "untitled" in story.flags


def test_a_blogs_credit_to_the_site_with_its_tags_is_no_signal():
    page = TRAM_WHOLE + "Source: semafor.com | Tags: Helsinki, trams, transport\nRelated posts:\n"
    story = parse_text(page)
    assert len(story.signals) == 2 and story.signals[-1].body == "Yle said more."


def test_signals_pasted_under_a_typed_headline_with_the_pages_source_icons_are_a_page():
    """Only the signals were copied (each with its "Source icon"), under a headline the analyst
    typed: no label, SIGNALS heading or tagline, but the page's own icons."""
    signals = TRAM_WHOLE.split("SIGNALS\n", 1)[1].replace("Sources:", "Source icon\nSources:")
    story = parse_text(f"{TRAM_HEADLINE}\n\n{signals}")
    assert story.title == TRAM_HEADLINE
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]


def test_a_danish_printouts_sheet_numbers_and_its_cut_title_over_the_address_are_margins():
    """Firefox in Danish, printed and converted with its lines wrapped: each sheet's footer ("2
    af 3" over its time) and its header (the title cut short, then the page's address one space
    after it)."""
    address = "https://www.semafor.com/article/06/03/2025/helsinki-tram-line"
    footer = "{} af 3\n04.06.2025 08.47\n"
    header = f"\fHelsinki’s new tram line opens … {address}\n"

    def wrapped(text: str) -> str:
        return textwrap.fill(text * 3, 90) + "\n"

    page = (
        f"{header}Semafor Signals\n{TRAM_HEADLINE}\nJun 3, 2025, 9:05am EDT\nThe News\n"
        + wrapped("Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule. ")
        + "SIGNALS\nRiders came on the first morning\nSources: Yle, Helsingin Sanomat\n"
        + wrapped(FULL + " ")
        + footer.format(1)
        + header
        + "The suburbs want the next line\nSource: Yle\n"
        + wrapped(ASKED + " ")
        + footer.format(2)
    )
    story = parse_text(page)
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]


def test_a_note_in_portuguese_that_the_copy_lacks_its_title_leaves_it_untitled():
    page = (
        "[04/06/2025 09:14] Camila Rocha\nColei aqui embaixo o Semafor (sem o título, copiei do "
        "celular)\n\n[04/06/2025 09:15] Camila Rocha\n" + TRAM_LABELLED + "Yle said more.\n"
    )
    story = parse_text(page)
    assert "untitled" in story.flags and "Colei" not in (story.title or "")


def test_a_mails_link_named_by_the_site_below_the_page_gives_the_address():
    page = TRAM_WHOLE + (
        "\nSemafor <https://www.semafor.com/article/06/03/2025/helsinki-tram-line"
        "?utm_source=sharebutton&utm_medium=email>\n"
    )
    assert parse_text(page).url == "https://semafor.com/article/06/03/2025/helsinki-tram-line"


# --- shapes found by the seventy-fourth hold-out round (sets 410–415) --------------------------


def test_a_terminals_screen_header_with_its_function_and_the_continued_title_is_dropped():
    """A terminal's story pasted into a mail, wrapped at the screen's width: each screen's
    header names its function after the page ("Page 2/2  News"), and the next screen, which
    starts inside a paragraph, repeats the title marked "(cont.)"."""
    header = "  HELS FH Equity   CN                                   Page {}/2  News\n"
    lines = textwrap.wrap(FULL * 3, 76)
    page = (
        header.format(1)
        + f"  {TRAM_HEADLINE}\n  Jun 3, 2025, 9:05am EDT\n\n  Semafor Signals\n\n  The News\n"
        + "".join(f"  {line}\n" for line in textwrap.wrap(FULL * 2, 76))
        + "\n  SIGNALS\n\n  Riders came on the first morning\n  Sources: Yle\n"
        + "".join(f"  {line}\n" for line in lines[:2])
        + header.format(2)
        + f"  {TRAM_HEADLINE} (cont.)\n\n"
        + "".join(f"  {line}\n" for line in lines[2:])
        + "\n  The suburbs want the next line\n  Source: Yle\n"
        + "".join(f"  {line}\n" for line in textwrap.wrap(ASKED * 2, 76))
    )
    story = parse_text(page)
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]
    assert story.signals[0].body == (FULL * 3).strip()


def test_a_newsletter_platforms_plain_text_headings_are_the_pages_headings():
    """A newsletter re-sending the page, as its platform's plain-text part prints headings:
    "** <heading>" over a dashed rule, or alone."""
    rule = "-" * 60
    page = (
        "View this email in your browser (https://mailchi.mp/example/issue-61)\n\n"
        f"** Transit Watch\n{rule}\n\nIssue 61 | Saturday, June 4, 2025\n\n{rule}\n\n"
        f"** {TRAM_HEADLINE}\n{rule}\n\nJun 3, 2025, 9:05am EDT\n\nSemafor Signals\n\n"
        "** The News\n\nHelsinki opened its crosstown tram line on Tuesday.\n\n** SIGNALS\n\n"
        "** Riders came on the first morning\n\nSources: Yle, Helsingin Sanomat\n\n"
        f"{FULL}\n\n** The suburbs want the next line\n\nSource: Yle\n\n{ASKED}\n"
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE
    assert [s.headline for s in story.signals] == [
        "Riders came on the first morning",
        "The suburbs want the next line",
    ]


def test_a_2023_copy_under_a_signals_heading_in_a_mail_naming_the_site_is_a_page():
    """A mail forwarding a 2023 page with no label and its heading as "Signals": the mail's
    subject names the site."""
    page = (
        "----- Forwarded Message -----\nFrom: David Cohen <dc@example.com>\n"
        "Subject: Fw: Helsinki - Semafor\n\n"
        f"{TRAM_HEADLINE}\nJun 3, 2023, 9:05am EDT\nEurope\n\nThe News\n\n"
        f"Helsinki opened its crosstown tram line on Tuesday.\n\nSignals\n\n{FULL}\n\n{ASKED}\n"
    )
    story = parse_text(page)
    assert story.title == TRAM_HEADLINE
    assert [s.body for s in story.signals] == [FULL, ASKED]
