"""Open every dashboard page in Chromium and save full-page screenshots (for looking at them).

Usage: python scripts/screenshots.py [BASE_URL] [OUT_DIR] [PATH?QUERY ...]
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8501"
out = Path(sys.argv[2] if len(sys.argv) > 2 else "screenshots")
paths = sys.argv[3:] or [
    "",
    "stories",
    "outlets",
    "overlap",
    "themes",
    "search?q=tariffs",
    "ingest",
]
out.mkdir(parents=True, exist_ok=True)


def wait_until_rendered(page, timeout_ms: int = 30000) -> None:
    """Streamlit has finished the script run: no skeletons, no running indicator, and a chart
    (if any) has drawn."""
    page.wait_for_function(
        """() => {
            const ready = !document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]')
                && document.querySelector('[data-testid="stMain"] h1') !== null
                && document.querySelectorAll('[data-testid="stPlotlyChart"]').length ===
                   document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')
                       .length;
            window.__readySince = ready ? (window.__readySince || Date.now()) : 0;
            return ready && Date.now() - window.__readySince > 1200;
        }""",
        timeout=timeout_ms,
        polling=200,
    )


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1440, "height": 2200})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for path in paths:
        page.goto(f"{base}/{path}")
        page.wait_for_selector("[data-testid='stAppViewContainer']")
        wait_until_rendered(page)
        name = (path.replace("/", "_").replace("?", "_").replace("&", "_") or "overview")[:60]
        page.screenshot(path=str(out / f"{name}.png"), full_page=True)
        exc = page.locator("[data-testid='stException']").count()
        print(f"{path or '/'}: screenshot {name}.png, exceptions on page: {exc}")
    print("page errors:", errors)
    browser.close()
