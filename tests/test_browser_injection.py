"""Markup in the data and in links, in a real browser: every page of the real server, opened
from hostile links on a database whose pages, outlets, themes and URLs carry Markdown and HTML
that point at a local "evil" server. Nothing may reach that server (no image, no pixel), no
request may leave the dashboard's own server, no markup from data may become a link, an
image or emphasis in the page or in a chart, no dialog may open and no page may fail."""

from __future__ import annotations

import json
import shutil
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import serving
from test_injection import make_hostile, payloads

from scripts.streamlit_browser import (
    CHROMIUM,
    wait_rendered,
)
from signals_data.ingest import ingest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


class _Recorder(BaseHTTPRequestHandler):
    """Answers everything with a tiny PNG, and remembers that it was asked."""

    hits: list[str] = []
    PNG = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.PNG)))
        self.end_headers()
        self.wfile.write(self.PNG)

    do_POST = do_GET

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def evil():
    """A server on 127.0.0.1 standing for an outside host: it must receive nothing."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Recorder.hits = []
    yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.hits
    server.shutdown()
    server.server_close()


def hostile_inputs(folder: Path, evil: str) -> list[Path]:
    """A JSONL export record and a copied-text page whose every field carries markup."""
    marks = payloads(evil)
    record = {
        "url": "https://www.semafor.com/article/05/20/2024/hostile-export",
        "title": f"{marks[1]} {marks[3]} export",
        "published": "2024-05-20",
        "updated": None,
        "region": marks[1],
        "category": marks[4],
        "summary": " ".join(marks),
        "insights_from": [marks[0], "Reuters"],
        "sponsor": f"![s]({evil}/sponsor.png)",
        "signals": [
            {
                "position": 1,
                "headline": marks[0],
                "body": "\n\n".join(marks),
                "outlets": [f"{marks[1]} Wire", "Reuters"],
                "mentions": [],
                "themes": ["trade"],
            }
        ],
    }
    jsonl = folder / "hostile.jsonl"
    jsonl.write_text(json.dumps(record) + "\n", "utf-8")
    page = folder / "hostile.txt"
    page.write_text(
        "---\n"
        "url: https://www.semafor.com/article/05/21/2024/hostile-text\n"
        "---\n"
        "Semafor Signals\n"
        f"{marks[0]} ports ![p]({evil}/title.png)\n"
        "The News\n"
        f"Harbors reopened {marks[1]} after **x** a storm [t]({evil}/news).\n"
        "SIGNALS\n"
        f"{marks[6]} Shipping resumes\n"
        "Source: Reuters\n"
        f"Cargo moved again, Reuters reported. ![q]({evil}/body.png) {marks[5]}\n",
        "utf-8",
    )
    return [jsonl, page]


@pytest.fixture(scope="module")
def hostile_server(corpus_db, evil, tmp_path_factory):
    base_evil, _ = evil
    folder = tmp_path_factory.mktemp("browser_injection")
    path = folder / "hostile.db"
    shutil.copy(corpus_db, path)
    from signals_data.store import open_db

    db = open_db(path)
    # Whatever the ingester accepts of these is kept; the values below are written directly
    # too, so the test does not depend on what validation lets through.
    ingest(db, [str(p) for p in hostile_inputs(folder, base_evil)])
    db.conn.close()
    info = make_hostile(path, base_evil)
    with serving(path, folder / "server.log") as base:
        yield base, info, folder


# What a page's DOM must not hold: links or media pointing at the evil server or at
# javascript:, emphasis whose whole text is a payload's marker word (rendered markup from
# data), and Plotly's renderings of <b>, <i>, <a href> and <span style>. (Search highlights
# are <mark> elements of our own, so <mark> is not checked.)
DOM_CHECK = """(evil) => {
    const bad = [];
    const ref = (el) => ['href', 'xlink:href', 'src', 'srcset', 'data', 'action', 'poster']
        .map((name) => el.getAttribute(name) || '').join(' ');
    for (const el of document.querySelectorAll('*')) {
        const target = ref(el);
        // A link to a stored URL may mention the evil host in its (percent-encoded) path;
        // what must not exist is a reference *to* it, or to javascript:.
        const refs = target.split(' ').filter(Boolean);
        if (refs.some((r) => r.startsWith(evil) || /^javascript:/i.test(r))) {
            bad.push(`${el.tagName} -> ${target}`);
        }
    }
    for (const el of document.querySelectorAll('b, strong, i, em, del, h1, h2, h3, h4')) {
        const text = el.textContent.trim();
        if (['bold', 'x', 'click', 'big', 'red'].includes(text)) {
            bad.push(`<${el.tagName.toLowerCase()}>${text}`);
        }
    }
    for (const el of document.querySelectorAll('svg tspan, svg text')) {
        const style = el.getAttribute('style') || '';
        // A rendered <b>bold</b> or <span style=…>big</span> is a styled piece holding just
        // the marker word; a bold chart title merely quoting the payload is fine.
        const text = el.textContent.trim();
        if (/bold|italic|80px/.test(style) && ['bold', 'big', 'it', 'click'].includes(text)) {
            bad.push(`plotly ${style}: ${el.textContent}`);
        }
    }
    for (const el of document.querySelectorAll('svg a')) bad.push(`plotly link ${ref(el)}`);
    return bad;
}"""


def hostile_visits(info: dict, evil: str) -> list[str]:
    """Paths with query strings: every page, with the link parameters an attacker would use."""
    marks = payloads(evil)
    a, b, c = info["outlets"][:3]
    q = urllib.parse.urlencode
    common = [
        q({"outlet": f"![x]({evil}/pixel.png)", "theme": "**x**"}),
        q({"q": "<script>alert(1)</script>", "start": "²", "end": "99999-01-01"}),
        q({"outlet": marks[0], "mentions": "<b>1</b>"}),
    ]
    pages = ("", "stories", "outlets", "themes")
    paths = [f"{page}?{params}" for page in pages for params in common]
    paths += [
        "",
        "stories",
        "outlets",
        "overlap",
        "themes",
        "search?" + q({"q": "bold click"}),
        "search?" + q({"q": f"![x]({evil}/q.png)"}),
        "ingest?" + q({"outlet": f"![x]({evil}/pixel.png)"}),
        "?" + q({"start": "2024-01-01", "end": "2024-12-31"}),
        *(f"stories?story={info[k]}" for k in ("garbage", "odd", "linked")),
        *(
            "stories?" + q({"story": s})
            for s in ("99999999999999999999", "²", "-1", "1.5", "", f"![x]({evil}/st.png)")
        ),
        "outlets?" + q({"outlet": a}),
        "outlets?" + q({"outlet": c}),
        "overlap?" + q({"view": "network"}),
        "overlap?" + q({"view": "intersections"}),
        "overlap?" + q({"view": "lift"}),
        "overlap?" + q({"top": "1e9", "level": "galaxy", "measure": "<b>x</b>"}),
        "overlap?" + q({"view": f"![x]({evil}/view.png)"}),
        "overlap?" + q({"drill": f"pair|{a}|{b}"}),
        "overlap?" + q({"drill": f"outlet|{c}"}),
        "overlap?" + q({"drill": "pair|<b>x</b>|y"}),
        "overlap?" + q({"drill": f"set|![x]({evil}/set.png)"}),
        "themes?" + q({"drill": f"cell|{a}|trade"}),
        "themes?" + q({"drill": "themes|economy|<b>x</b>"}),
    ]
    return paths


def test_no_markup_and_no_outside_request_on_any_page(hostile_server, chromium, evil):
    base, info, folder = hostile_server
    evil_base, evil_hits = evil
    own = urllib.parse.urlsplit(base).netloc
    context = chromium.new_context(viewport={"width": 1400, "height": 1100})
    requests: list[str] = []
    dialogs: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    problems = {}
    try:
        for path in hostile_visits(info, evil_base):
            page.goto(f"{base}/{path}")
            page.wait_for_selector("[data-testid='stSidebar']", timeout=30_000)
            wait_rendered(page)
            page.mouse.move(700, 500)  # hover handlers, if any, would fire now
            found = page.evaluate(DOM_CHECK, evil_base)
            exceptions = page.locator("[data-testid='stException']").count()
            if found or exceptions:
                problems[path] = (found, exceptions)
    finally:
        context.close()
    outside = sorted({u for u in requests if urllib.parse.urlsplit(u).netloc != own})
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)
    assert outside == [] and evil_hits == []
    assert dialogs == [] and errors == []


def test_screenshots_show_hostile_names_as_text(hostile_server, chromium):
    """A story page and the Overlap heatmap with hostile names, saved beside the server log
    for a person to look at; the names must be in the page's text literally."""
    base, info, folder = hostile_server
    context = chromium.new_context(viewport={"width": 1400, "height": 1300})
    page = context.new_page()
    try:
        page.goto(f"{base}/stories?story={info['linked']}")
        wait_rendered(page)
        shown = page.inner_text("[data-testid='stMain']")
        assert "![x](" in shown and "<b>bold</b>" in shown
        page.screenshot(path=str(folder / "story.png"), full_page=True)

        page.goto(f"{base}/overlap")
        wait_rendered(page)
        ticks = page.eval_on_selector_all(
            "[data-testid='stPlotlyChart'] .ytick text", "els => els.map((e) => e.textContent)"
        )
        assert set(info["outlets"]) & set(ticks), ticks
        # The cell of two hostile outlets: its hover label, then a click, whose drill-down key
        # must carry the real names (customdata), not their escaped display form.
        a, b = sorted(info["outlets"][:2])
        keys = page.evaluate(
            "() => document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot')"
            ".data[0].customdata"
        )
        index = next(i for i, k in enumerate(keys) if k in (f"pair|{a}|{b}", f"pair|{b}|{a}"))
        point = page.locator("[data-testid='stPlotlyChart'] .scatterlayer .point").nth(index)
        point.hover(force=True)
        page.wait_for_timeout(400)
        hover = page.eval_on_selector_all(
            ".hoverlayer text", "els => els.map((e) => e.textContent)"
        )
        assert any(a in t and b in t for t in hover), hover
        page.screenshot(path=str(folder / "overlap.png"), full_page=True)
        point.click(force=True)
        page.wait_for_function("() => location.search.includes('drill=')", timeout=30_000)
        wait_rendered(page)
        drill = urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)["drill"][0]
        assert drill in (f"pair|{a}|{b}", f"pair|{b}|{a}")
        # (Less the invisible word joiners that keep Markdown from linking a bare URL.)
        heading = page.locator("[data-testid='stMain'] h3").last.inner_text()
        heading = heading.replace("\u2060", "")
        assert a in heading and b in heading and "co-cited" in heading
        page.screenshot(path=str(folder / "overlap-drill.png"), full_page=True)
    finally:
        context.close()
