"""Open dashboard pages in Chromium and save full-page screenshots (for looking at them).

Usage: python scripts/screenshots.py [BASE_URL] [OUT_DIR] [PATH?QUERY ...]
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.streamlit_browser import launch_chromium, wait_rendered  # noqa: E402

DEFAULT_PATHS = ["", "stories", "outlets", "overlap", "themes", "search?q=tariffs", "ingest"]


def main() -> None:
    base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8501"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page(viewport={"width": 1440, "height": 2200})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        for path in sys.argv[3:] or DEFAULT_PATHS:
            path = path.lstrip("/")  # "/compare" and "compare" are the same page
            page.goto(f"{base}/{path}")
            wait_rendered(page)
            name = (path.replace("/", "_").replace("?", "_").replace("&", "_") or "overview")[:60]
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
            exceptions = page.locator("[data-testid='stException']").count()
            print(f"{path or '/'}: screenshot {name}.png, exceptions on page: {exceptions}")
        print("page errors:", errors)
        browser.close()


if __name__ == "__main__":
    main()
