"""The real dashboard server and Chromium, for the browser tests, the page benchmark and the
screenshot script: start the server on a port, and tell when a page has finished rendering."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"  # Debian's package; Playwright's own browser download is not used
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Finished = no placeholder or stale element, a title drawn, every chart drawn, and the page's
# HTML unchanged for QUIET_MS (a rerun in progress keeps changing it).
READY_JS = """() => {
    const ready = !document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]')
        && document.querySelector('[data-testid="stMain"] h1') !== null
        && document.querySelectorAll('[data-testid="stPlotlyChart"]').length ===
           document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot').length;
    const size = ready ? document.querySelector('[data-testid="stMain"]').innerHTML.length : -1;
    if (!ready || size !== window.__lastSize) {
        window.__lastSize = size;
        window.__readySince = ready ? performance.now() : 0;
        return false;
    }
    return performance.now() - window.__readySince > QUIET_MS;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    db: str | os.PathLike[str], log: Path, port: int | None = None, env: dict | None = None
) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run app.py` on DB; its output goes to LOG (a pipe nobody reads could
    fill up and stall the server). Returns the process and the base URL once it is healthy."""
    port = port or free_port()
    environment = {**os.environ, "SIGNALS_DB": str(db), **(env or {})}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
    ]
    with open(log, "w") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).status == 200:
                return process, base
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"the Streamlit server did not start; see {log}")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def wait_rendered(page, quiet_ms: int = 800, timeout_ms: int = 30_000) -> None:
    """Return once Streamlit has finished drawing the page (see READY_JS)."""
    page.wait_for_function(
        READY_JS.replace("QUIET_MS", str(quiet_ms)), timeout=timeout_ms, polling=50
    )
