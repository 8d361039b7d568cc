"""Hostile text on the way out: the Markdown and Plotly escaping rules, every chart builder fed
names carrying markup, and the queries the pages call fed stored values that are not what
they should be (dates that are not dates, NULLs, numbers where text is expected)."""

from __future__ import annotations

import html
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from signals_data import charts, overlap, queries, rollups
from signals_data.queries import Filters
from signals_data.safe_text import (
    html_text,
    markdown_link,
    markdown_text,
    plotly_text,
    safe_url,
)
from signals_data.store import open_readonly

EVIL = "https://evil.example"


def payloads(evil: str = EVIL) -> list[str]:
    """Names and texts carrying Markdown and HTML that must show as the characters they are."""
    return [
        f'<a href="{evil}/x">click</a>',
        "<b>bold</b>",
        "line<br>break",
        f"![x]({evil}/p.png)",
        "**x**",
        "[t](javascript:alert(1))",
        f'<img src="{evil}/i.png">',
        '<span style="font-size:80px">big</span>',
        "AT&T &lt;b&gt; :material/home: :red[red] $x^2$",
        f"www.evil.example {evil}/auto <{evil}/angle>",
        "# heading\n\n- item\n> quote",
    ]


PAYLOADS = payloads()
ESCAPED = re.compile(r"\\(.)", re.DOTALL)


AUTOLINK = re.compile(r"https?://|www\.|[-.+\w]@", re.IGNORECASE)


def unescape_markdown(text: str) -> str:
    """The text Markdown shows for escaped text, less the word joiners that break autolinks."""
    return ESCAPED.sub(r"\1", text).replace("\u2060", "")


# --- the Markdown rule ---------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_text_escapes_every_construct(payload):
    out = markdown_text(payload)
    assert unescape_markdown(out) == payload
    # GFM links bare URLs after escapes are resolved: none may be left for it to find.
    assert not AUTOLINK.search(ESCAPED.sub(r"\1", out))
    # Nothing that opens a construct is left bare: every one is preceded by a backslash.
    bare = re.sub(r"\\.", "", out)
    assert not re.search(r"[\[\]()<>*_`!#|:$&~.\-=]", bare), bare


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_markdown_text_round_trips_any_text(text):
    out = markdown_text(text)
    assert unescape_markdown(out) == text.replace("\u2060", "")
    assert not AUTOLINK.search(ESCAPED.sub(r"\1", out))
    assert not re.search(r"[\[\]()<>*_`!:$&]", re.sub(r"\\.", "", out))


def test_markdown_inline_is_one_line_and_missing_values_are_empty():
    assert "\n" not in markdown_text("a\n\n# b\r\nc\u2028d", inline=True)
    assert markdown_text(None) == markdown_text(float("nan")) == markdown_text(pd.NA) == ""
    assert markdown_text(12) == "12"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.semafor.com/article/05/16/2024/x",
            "https://www.semafor.com/article/05/16/2024/x",
        ),
        ("http://127.0.0.1:8080/a?b=c#d", "http://127.0.0.1:8080/a?b=c#d"),
        (f"https://ok.example/) ![t]({EVIL}/t.png) (", None),  # checked below: encoded
        ("javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("ftp://files.example/x", None),
        ("https://user:pw@bank.example/", None),
        ("https://exa mple.com/", None),
        ("https://a.example:99999/", None),
        ("https:///nohost", None),
        ("https://a.example/\nb", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url, expected):
    result = safe_url(url)
    if url and url.startswith("https://ok.example/"):
        assert result is not None
        assert not set("()[] <>") & set(result)
        assert result.startswith("https://ok.example/%29%20!%5Bt%5D%28")
    else:
        assert result == expected


def test_markdown_link_builds_only_safe_links():
    link = markdown_link("Original ↗", f"https://ok.example/) ![t]({EVIL}/t.png) (")
    label, target = re.fullmatch(r"\[(.*)\]\((.*)\)", link).groups()
    assert label == "Original ↗" and "(" not in target and ")" not in target
    text = markdown_link("Original", "javascript:alert(1)")
    assert "[" not in re.sub(r"\\.", "", text) and unescape_markdown(text) == "javascript:alert(1)"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_html_text_is_only_references_and_plain_characters(text):
    out = html_text(text)
    assert html.unescape(out) == re.sub(r"[\r\n\u2028\u2029\x0b\x0c\x85]+", " ", text)
    assert not re.search(r"[!-/:-@\[-`{-~]", re.sub(r"&#\d+;", "", out))


# --- the Plotly rule -------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_plotly_text_round_trips_any_text(text):
    out = plotly_text(text)
    assert html.unescape(out) == text
    assert "<" not in out and ">" not in out


def test_plotly_text_shows_entities_literally():
    # "&lt;b&gt;" in the data must show as those eight characters, not as "<b>".
    assert plotly_text("&lt;b&gt;") == "&amp;lt;b&amp;gt;"
    assert plotly_text("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"


RAW_KEYS = {"hovertemplate", "texttemplate", "customdata", "template", "meta", "uid"}
TAG = re.compile(r"<\s*/?\s*[a-z!]", re.IGNORECASE)
BARE_AMPERSAND = re.compile(r"&(?!(amp|lt|gt);)")


def shown_strings(node, key: str = ""):
    """Every string of a figure's JSON that Plotly may show as text, with its key."""
    if key in RAW_KEYS:
        return
    if isinstance(node, str):
        yield key, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from shown_strings(v, k)
    elif isinstance(node, list):
        for item in node:
            yield from shown_strings(item, key)


def assert_no_markup(fig) -> dict:
    figure = json.loads(fig.to_json())
    for key, text in shown_strings(figure):
        assert not TAG.search(text), (key, text)
        assert ">" not in text, (key, text)
        assert not BARE_AMPERSAND.search(text), (key, text)
    for trace in figure["data"]:
        for template in (trace.get("hovertemplate"), trace.get("texttemplate")):
            if isinstance(template, str):
                # Templates hold only our own markup; data reaches them through %{…}
                # placeholders, or escaped.
                ours = re.sub(r"<br>|</?extra>", "", template)
                assert not TAG.search(ours) and ">" not in ours, template
    return figure


NAMES = PAYLOADS[:8]
THEMES = {"trade": "<i>Trade</i>", "economy": "**Economy** & <b>co</b>"}


def test_top_outlets_and_bar_charts():
    frame = pd.DataFrame({"outlet": NAMES, "citations": range(8), "stories": range(8)})
    assert_no_markup(charts.top_outlets_chart(frame, "Most cited <b>x</b>"))
    bar = charts.bar_chart(
        frame.rename(columns={"citations": "signals"}), "signals", "outlet", NAMES[0], "x"
    )
    figure = assert_no_markup(bar)
    assert "&lt;a href=" in figure["layout"]["title"]["text"]


def test_coverage_and_trend_charts_with_hostile_names_and_dates():
    frame = pd.DataFrame(
        {
            "period": ["2024-05-13", "2024-05-20", "garbage", None],
            "theme": ["trade", "economy", "trade", "<b>new</b>"],
            "signals": [3, 4, 5, 6],
        }
    )
    figure = assert_no_markup(charts.coverage_chart(frame, THEMES, "week"))
    assert sum(len(t["x"]) for t in figure["data"]) == 2  # the two real weeks only
    months = frame.rename(columns={"period": "month", "theme": "key"})
    assert_no_markup(charts.trend_chart(months, THEMES, "Per month", "theme"))
    outlets = months.assign(key=NAMES[:4])
    assert_no_markup(charts.trend_chart(outlets, {}, "Per month", "outlet"))


def test_outlet_profile_charts():
    timeline = pd.DataFrame({"month": ["2024-05-01", "garbag-01"], "citations": [2, 1]})
    assert_no_markup(charts.outlet_timeline_chart(timeline, NAMES[0]))
    mix = pd.DataFrame({"theme": ["trade", "economy"], "share": [0.4, 0.6]})
    assert_no_markup(charts.theme_mix_chart(mix, mix, NAMES[1], THEMES))


def test_matrix_chart_keeps_raw_names_in_its_drill_keys():
    matrix = pd.DataFrame(1.0, index=NAMES, columns=NAMES)
    keys = [[f"pair|{a}|{b}" for b in NAMES] for a in NAMES]
    figure = assert_no_markup(charts.matrix_chart(matrix, NAMES[3], NAMES[1], keys=keys))
    trace = figure["data"][0]
    assert trace["customdata"][1] == f"pair|{NAMES[0]}|{NAMES[1]}"  # the real names round-trip
    shown = figure["layout"]["xaxis"]["categoryarray"]
    assert shown == [plotly_text(n) for n in NAMES] and set(trace["x"]) == set(shown)


def test_network_chart():
    nodes = pd.DataFrame(
        {
            "outlet": NAMES[:4],
            "citations": [4, 3, 2, 1],
            "kind": ["<b>kind</b>", "wire", "wire", "unknown"],
            "community": [0, 0, 1, 1],
        }
    )
    edges = pd.DataFrame(
        {
            "outlet_a": NAMES[:3],
            "outlet_b": NAMES[1:4],
            "count": [3, 2, 1],
            "jaccard": [0.5, 0.3, 0.1],
            "association": [2.0, 1.5, 1.0],
        }
    )
    positions = {n: (i, i % 2) for i, n in enumerate(NAMES[:4])}
    for color_by in ("kind", "community"):
        figure = assert_no_markup(charts.network_chart(nodes, edges, positions, "count", color_by))
        keys = [c for t in figure["data"] for c in (t.get("customdata") or [])]
        assert f"outlet|{NAMES[0]}" in keys and f"pair|{NAMES[0]}|{NAMES[1]}" in keys


def test_upset_chart():
    sets = pd.DataFrame({"outlets": [tuple(NAMES[:2]), (NAMES[2],)], "stories": [3, 2]})
    assert_no_markup(charts.upset_chart(sets, NAMES[:3]))


# --- stored values that are not what they should be ----------------------------------------


@pytest.mark.parametrize("bad", ["garbage", "2024-13-45", "", None, 20240516, "99999-01-01"])
def test_periods_with_invalid_dates_are_unknown(bad):
    f = Filters()
    assert queries.previous_period(f, bad, "2024-05-16") is None
    assert queries.previous_period(f, "2024-05-16", bad) is None
    assert queries.previous_period(Filters(start=bad, end=bad), None, None) is None
    assert queries.coverage_period(bad, "2024-05-16") == "week"
    assert queries.parse_day(bad) is None


def test_previous_period_of_valid_dates_and_at_year_one():
    before = queries.previous_period(Filters(start="2024-05-11", end="2024-05-20"), None, None)
    assert (before.start, before.end) == ("2024-05-01", "2024-05-10")
    assert queries.previous_period(Filters(), "0001-01-01", "0001-01-05") is None
    assert queries.previous_period(Filters(), "2024-05-20", "2024-05-11") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("42", 42),
        ("99999999999999999999", None),
        ("9223372036854775808", None),
        ("²", None),
        ("-1", None),
        ("1.5", None),
        ("", None),
        ("0", None),
        ("١٢", None),  # Arabic-Indic digits are digits to str.isdigit, not to SQLite
        (None, None),
    ],
)
def test_story_id_from_a_link(raw, expected):
    assert queries.story_id_from(raw) == expected


def make_hostile(path: Path, evil: str = EVIL) -> dict:
    """Write hostile values straight into a copy of the test corpus, as a bad import or a hand
    edit could: markup in outlet, theme and story fields, dates that are not dates, NULLs and
    numbers where text is expected, JSON columns that are not JSON, a huge signal count.
    Returns the ids and names used."""
    marks = payloads(evil)
    conn = sqlite3.connect(path)
    ids = [r[0] for r in conn.execute("SELECT id FROM stories ORDER BY id")]
    garbage, odd, linked = ids[0], ids[1], ids[2]
    with conn:
        # Dates that are not dates, on a story and everything copied from it.
        conn.execute("UPDATE stories SET published = 'garbage' WHERE id = ?", [garbage])
        for table in ("signals", "signal_outlets", "signal_themes"):
            conn.execute(f"UPDATE {table} SET published = 'garbage' WHERE story_id = ?", [garbage])
        conn.execute(
            "UPDATE stories SET updated = 'last Tuesday', title = 12345, summary = NULL, "
            "region = ?, category = ?, sponsor = ?, insights_from = 'not json', "
            "flags = '{\"a\": 1}', signal_count = 9223372036854775807, url = ? WHERE id = ?",
            [marks[1], marks[4], marks[3], f"https://ok.example/) ![t]({evil}/t.png) (", odd],
        )
        conn.execute(
            "UPDATE stories SET title = ?, url = ?, updated = 99 WHERE id = ?",
            [marks[0] + " " + marks[3], f"javascript:alert(1)//{evil}", linked],
        )
        conn.execute(
            "UPDATE signals SET headline = ?, body = ? WHERE story_id = ?",
            [marks[1] + " " + marks[4], "\n\n".join(marks), linked],
        )
        conn.execute("UPDATE signal_themes SET terms = 'not json' WHERE story_id = ?", [linked])
        # Outlets and a theme named with markup (the names the charts and drill keys use).
        top = [
            r[0]
            for r in conn.execute(
                "SELECT outlet_id FROM signal_outlets WHERE role = 'credited' "
                "GROUP BY outlet_id ORDER BY count(*) DESC LIMIT 4"
            )
        ]
        renamed = {}
        for outlet_id, name in zip(top, [marks[0], marks[1], marks[3], marks[5]], strict=False):
            if conn.execute("SELECT 1 FROM outlets WHERE name = ?", [name]).fetchone():
                name = f"{name} {outlet_id}"  # names are unique; an import may have used it
            conn.execute(
                "UPDATE outlets SET name = ?, kind = ? WHERE id = ?", [name, name, outlet_id]
            )
            renamed[outlet_id] = name
        conn.execute("UPDATE themes SET name = ? WHERE slug = 'trade'", [marks[2] + " **T**"])
    rollups.refresh(conn)  # the broad views read the rollups, which now hold "garbage" too
    conn.commit()
    conn.close()
    return {"garbage": garbage, "odd": odd, "linked": linked, "outlets": list(renamed.values())}


@pytest.fixture(scope="module")
def hostile(corpus_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    shutil.copy(corpus_db, path)
    info = make_hostile(path)
    db = open_readonly(path)
    yield db, info
    db.conn.close()


def test_queries_read_stored_garbage_as_unknown(hostile):
    db, info = hostile
    assert rollups.usable(db.conn)
    for f in (Filters(), Filters(outlets=(info["outlets"][0],)), Filters(start="2024-01-01")):
        now = queries.kpis(db, f)
        for key in ("first", "last"):
            assert now[key] is None or queries.parse_day(now[key]), now
        queries.previous_period(f, now["first"], now["last"])
        for period in ("week", "month"):
            weeks = queries.coverage_by_period(db, f, period)
            assert weeks["period"].map(queries.parse_day).notna().all()
        for by in ("theme", "outlet"):
            months = overlap.coverage_over_time(db, f, by)
            assert months["month"].map(queries.parse_day).notna().all()
            charts.trend_chart(months, {}, "t", by)
        board = queries.outlet_leaderboard(db, f)
        assert not board["last_seen"].isin(["garbage"]).any()
        table = queries.stories_table(db, f)
        assert not table["published"].isin(["garbage"]).any()
    lo, hi = queries.date_bounds(db)
    assert queries.parse_day(lo) and queries.parse_day(hi)
    timeline = queries.outlet_timeline(db, Filters(), info["outlets"][0])
    charts.outlet_timeline_chart(timeline, info["outlets"][0])


def test_story_detail_of_odd_stored_values(hostile):
    db, info = hostile
    story = queries.story_detail(db, info["odd"])
    assert story["title"] == "12345" and story["summary"] == ""
    assert story["insights_from"] == [] and story["flags"] == []
    assert story["updated"] == "last Tuesday" and story["region"] == PAYLOADS[1]
    garbage = queries.story_detail(db, info["garbage"])
    assert garbage["published"] is None and garbage["published_raw"] == "garbage"
    linked = queries.story_detail(db, info["linked"])
    assert all(
        isinstance(t, str) for s in linked["signals"] for th in s["themes"] for t in th["terms"]
    )
    assert queries.story_detail(db, 2**70) is None and queries.story_detail(db, -1) is None
    counts = queries.stories_table(db, Filters())["signals"]
    assert str(counts.dtype) == "Int64" and counts.max() >= 1
