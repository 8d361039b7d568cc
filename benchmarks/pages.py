"""Time for each dashboard page to finish rendering in Chromium, and the server's memory.

Usage: python benchmarks/pages.py DB [PORT] [--only TEXT ...]

With ``--only``, just the paths containing one of the texts (e.g. ``--only compare overlap``
to time one page against another back to back on a busy machine).

Starts the real server on DB, then opens each page (with typical filters) three times: "cold" is
the first visit after the server started (queries run), "warm" the second, in a fresh browser
context (queries cached, nothing cached in the browser), "revisit" the third, in the same
context as the second (the browser has the app's scripts cached, as an analyst's browser does
after the first page). Rendering is finished when no placeholder is left, every chart has
drawn, and nothing changed for 300 ms (that quiet period is not counted). Prints seconds, the
CPU time of the server and of the browser's main thread for the cold and revisit visits (what a
page costs, whatever else the machine is doing), and the server's resident memory (peak, from
/proc) at the end.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.streamlit_browser import (  # noqa: E402
    launch_chromium,
    start_server,
    stop_server,
    wait_rendered,
)

QUIET_MS = 300
PATHS = [
    "",
    "?theme=security&start=2024-01-01&end=2024-12-31",
    "stories",
    "stories?outlet=Bloomberg",
    "stories?story=5000",
    "outlets",
    "outlets?outlet=Bloomberg",
    "overlap",
    "overlap?level=signal&measure=jaccard&theme=trade",
    "overlap?drill=pair|Bloomberg|World+Bank",
    "themes",
    "search?q=tariffs",
    "compare?a_theme=trade&b_theme=diplomacy",
    "compare?a_theme=trade&b_theme=diplomacy&drill=a|outlet|Bloomberg",
    "quality",
    "ingest",
]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used so far (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int, field: str = "VmHWM") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return 0.0


def arguments(argv: list[str]) -> tuple[str, int | None, list[str]]:
    """DB, the port (None: a free one) and the paths to visit."""
    only = argv.index("--only") if "--only" in argv else len(argv)
    positional, texts = argv[:only], argv[only + 1 :]
    # The server would build a new database from the bundled sample at a path it does not
    # find (a mistyped path, or "--help"): timing that would be meaningless.
    if not positional or positional[0].startswith("-") or not Path(positional[0]).is_file():
        sys.exit(__doc__.split("\n\n")[1] + "\nDB must be an existing database file.")
    port = int(positional[1]) if len(positional) > 1 else None
    paths = [p for p in PATHS if not texts or any(t in p for t in texts)]
    return positional[0], port, paths


def task_seconds(tasks) -> float:
    """The CPU time of the browser's main thread for the page so far (Chrome's ThreadTime
    metric: unlike its TaskDuration, which is wall time, it does not grow when other work
    shares the machine)."""
    metrics = tasks.send("Performance.getMetrics")["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "ThreadTime")


def visit(page, tasks, url: str, server) -> tuple[float, float, float]:
    """Open a page and wait until it is drawn: seconds, the server's CPU seconds meanwhile,
    and the CPU seconds of the browser's main thread for the page (a busy machine slows the
    first figure down; the other two say what the page itself costs)."""
    start, used = time.perf_counter(), cpu_seconds(server.pid)
    page.goto(url)
    wait_rendered(page, quiet_ms=QUIET_MS, timeout_ms=120_000)
    seconds = time.perf_counter() - start - QUIET_MS / 1000
    # Chrome counts the metric per document, and each visit loads a new one.
    return seconds, cpu_seconds(server.pid) - used, task_seconds(tasks)


def main() -> None:
    db, port, paths = arguments(sys.argv[1:])
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    log = out / "pages-server.log"
    server, base = start_server(db, log, port, env={"SIGNALS_TIMING": "1"})
    print(f"database {db}")
    print(
        f"{'page':<52} {'cold s':>7} {'warm s':>7} {'revisit s':>9} {'server CPU s':>16} "
        f"{'browser CPU s':>16}   (first visit, second in a new browser context, third in "
        "the same context; the server's CPU time and the browser's main-thread CPU time, cold "
        "and revisit)"
    )
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            for path in paths:
                times, cpu, busy = [], [], []
                for number in range(3):
                    if number < 2:  # a new context: nothing cached in the browser
                        context = browser.new_context(viewport={"width": 1400, "height": 1000})
                        page = context.new_page()
                        tasks = context.new_cdp_session(page)
                        tasks.send("Performance.enable")
                    seconds, server_cpu, browser_cpu = visit(page, tasks, f"{base}/{path}", server)
                    times.append(seconds)
                    cpu.append(server_cpu)
                    busy.append(browser_cpu)
                    if number == 0:
                        context.close()
                context.close()
                print(
                    f"/{path:<51} {times[0]:7.2f} {times[1]:7.2f} {times[2]:9.2f} "
                    f"{cpu[0]:8.2f}/{cpu[2]:<7.2f} {busy[0]:8.2f}/{busy[2]:<7.2f}"
                )
            browser.close()
        peak, now = rss_mb(server.pid), rss_mb(server.pid, "VmRSS")
        print(f"server peak RSS: {peak:.0f} MB; now {now:.0f} MB")
        runs = [
            line.split()[-1] for line in log.read_text().splitlines() if line.startswith("page run")
        ]
        print("server-side page script times (s), in visit order:", " ".join(runs))
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
