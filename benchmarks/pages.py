"""Time for each dashboard page to finish rendering in Chromium, and the server's memory.

Usage: python benchmarks/pages.py DB [PORT]

Starts the real server on DB, then opens each page (with typical filters) in a fresh browser
context twice: "cold" is the first visit after the server started (queries run), "warm" the
second (queries cached). Rendering is finished when no placeholder is left, every chart has
drawn, and nothing changed for 300 ms (that quiet period is not counted). Prints seconds and the
server's resident memory (peak, from /proc) at the end.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
QUIET_MS = 300
PATHS = [
    "",
    "?theme=security&start=2024-01-01&end=2024-12-31",
    "stories",
    "stories?outlet=HarborWire",
    "stories?story=5000",
    "outlets",
    "outlets?outlet=HarborWire",
    "overlap",
    "overlap?level=signal&measure=jaccard&theme=trade",
    "overlap?drill=pair|HarborWire|SilverWire",
    "themes",
    "search?q=tariffs",
    "ingest",
]
READY = """() => {
    const ready = !document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]')
        && document.querySelector('[data-testid="stMain"] h1') !== null
        && document.querySelectorAll('[data-testid="stPlotlyChart"]').length ===
           document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot').length;
    const html = ready ? document.querySelector('[data-testid="stMain"]').innerHTML.length : -1;
    if (!ready || html !== window.__lastSize) {
        window.__lastSize = html;
        window.__readySince = ready ? performance.now() : 0;
        return false;
    }
    return performance.now() - window.__readySince > QUIET_MS;
}""".replace("QUIET_MS", str(QUIET_MS))


def rss_mb(pid: int, field: str = "VmHWM") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    db = sys.argv[1]
    port = sys.argv[2] if len(sys.argv) > 2 else "8765"
    env = {**os.environ, "SIGNALS_DB": db, "SIGNALS_TIMING": "1"}
    (ROOT / "benchmarks" / "out").mkdir(exist_ok=True)
    log = open(ROOT / "benchmarks" / "out" / "pages-server.log", "w")  # noqa: SIM115 (server lifetime)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            port,
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    print(f"database {db}")
    print(f"{'page':<52} {'cold s':>7} {'warm s':>7}   (browser, first and second visit)")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for path in PATHS:
                times = []
                for _ in range(2):
                    context = browser.new_context(viewport={"width": 1400, "height": 1000})
                    page = context.new_page()
                    start = time.perf_counter()
                    page.goto(f"{base}/{path}")
                    page.wait_for_function(READY, timeout=120_000, polling=50)
                    times.append(time.perf_counter() - start - QUIET_MS / 1000)
                    context.close()
                print(f"/{path:<51} {times[0]:7.2f} {times[1]:7.2f}")
            browser.close()
        peak, now = rss_mb(server.pid), rss_mb(server.pid, "VmRSS")
        print(f"server peak RSS: {peak:.0f} MB; now {now:.0f} MB")
        log.flush()
        runs = [
            line.split()[-1]
            for line in (ROOT / "benchmarks" / "out" / "pages-server.log").read_text().splitlines()
            if line.startswith("page run")
        ]
        print("server-side page script times (s), in visit order:", " ".join(runs))
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
