"""Analyst sessions for the load benchmark: page loads timed from navigation to the end of the
page's script, through Streamlit's own websocket protocol or through Chromium.

The websocket client does what the browser does on a page load, minus drawing: it fetches the
page's HTML, `/_stcore/health` and `/_stcore/host-config` (the browser's app scripts are cached
after the first page), opens a new session on `/_stcore/stream`, asks for a run of the page with
the link's query string, and reads every message until the server reports the script finished.
The server does the same work for it as for a browser; the client's own cost is decoding the
messages, a few milliseconds of CPU per page.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# A page has finished in the browser when Streamlit says its script is no longer running (the
# app root's state and the status widget's running icon), the page's title is drawn, nothing is
# stale or a placeholder, and every Plotly chart on it has drawn.
BROWSER_DONE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app !== null
        && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')
        && !document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]')
        && document.querySelector('[data-testid="stMain"] h1') !== null
        && document.querySelectorAll('[data-testid="stPlotlyChart"]').length ===
           document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot').length;
}"""


@dataclass
class PageLoad:
    """One page load: the link opened, when it started (seconds since the window opened), how
    long it took to complete, and what went wrong if it did not complete cleanly."""

    path: str
    started: float
    seconds: float
    error: str | None = None


# --- the websocket client ----------------------------------------------------------------------


async def _http_get(base: str, target: str) -> int:
    """A plain GET over asyncio streams (no thread pool to queue behind); returns the status."""
    parts = urlsplit(base)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    try:
        writer.write(
            f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode()
        )
        await writer.drain()
        response = await reader.read()
    finally:
        writer.close()
    return int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/") else 0


def _rerun_request(base: str, path: str) -> bytes:
    page, _, query = path.partition("?")
    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = page
    message.rerun_script.context_info.timezone = "UTC"
    message.rerun_script.context_info.url = f"{base}/{path}"
    return message.SerializeToString()


def _problem(message: ForwardMsg) -> str | None:
    """What this message reports as wrong with the page, if anything."""
    kind = message.WhichOneof("type")
    if kind == "page_not_found":
        return "page not found"
    if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
        element = message.delta.new_element
        if element.WhichOneof("type") == "exception":
            return f"exception: {element.exception.type}: {element.exception.message[:120]}"
    if (
        kind == "script_finished"
        and message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR
    ):
        return "script did not compile"
    return None


async def _run_page(base: str, path: str) -> str | None:
    """Load PATH as a fresh browser tab would; return the first problem the page reported."""
    page = path.partition("?")[0]
    for target in (f"/{page}", "/_stcore/health", "/_stcore/host-config"):
        status = await _http_get(base, target)
        if status != 200:
            return f"HTTP {status} for {target}"
    problem = None
    stream = base.replace("http://", "ws://", 1) + "/_stcore/stream"
    # No handshake limit of the client's own (websockets' default is 10 s): a busy server may
    # take longer to accept, and the page's overall limit is what counts.
    async with connect(stream, subprotocols=["streamlit"], max_size=None, open_timeout=None) as ws:
        await ws.send(_rerun_request(base, path))
        async for data in ws:
            message = ForwardMsg.FromString(data)
            problem = problem or _problem(message)
            if (
                message.WhichOneof("type") == "script_finished"
                and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
            ):
                return problem
    return problem or "connection closed before the script finished"


async def websocket_page_load(base: str, path: str, origin: float, timeout: float) -> PageLoad:
    """Time one page load through the websocket protocol; never raises."""
    start = time.perf_counter()
    try:
        error = await asyncio.wait_for(_run_page(base, path), timeout)
    except TimeoutError:
        error = "timeout"
    except (OSError, ValueError) as exc:  # refused, reset, or a malformed reply
        error = f"{type(exc).__name__}: {exc}"[:160]
    except Exception as exc:  # noqa: BLE001 - a broken load is a result to count, not a crash
        error = f"{type(exc).__name__}: {exc}"[:160]
    return PageLoad(path, start - origin, time.perf_counter() - start, error)


# --- the browser client ------------------------------------------------------------------------


async def browser_page_load(page, base: str, path: str, origin: float, timeout: float) -> PageLoad:
    """Time one navigation in a Playwright (async) page until BROWSER_DONE_JS holds."""
    start = time.perf_counter()
    error = None
    try:
        await page.goto(f"{base}/{path}", wait_until="commit", timeout=timeout * 1000)
        remaining = max(1.0, timeout - (time.perf_counter() - start))
        await page.wait_for_function(BROWSER_DONE_JS, timeout=remaining * 1000, polling=50)
        shown = await page.query_selector('[data-testid="stException"]')
        if shown is not None:
            error = "exception: " + (await shown.inner_text())[:120]
    except Exception as exc:  # noqa: BLE001 - Playwright's timeout and navigation errors
        error = "timeout" if "Timeout" in type(exc).__name__ else f"{type(exc).__name__}"
    return PageLoad(path, start - origin, time.perf_counter() - start, error)


# --- one analyst -------------------------------------------------------------------------------


async def analyst(
    load: Callable[[str], object],
    next_path: Callable[[], str],
    deadline: float,
    think: float,
    rng: random.Random,
) -> list[PageLoad]:
    """Open page after page until DEADLINE (perf_counter time): a load that has started is
    always finished or timed out. THINK seconds (±50%) pass between loads, and before the first:
    analysts who read do not all arrive in the same instant."""
    results: list[PageLoad] = []
    if think:
        await asyncio.sleep(rng.uniform(0, think))
    while time.perf_counter() < deadline:
        results.append(await load(next_path()))
        if think:
            await asyncio.sleep(min(think * rng.uniform(0.5, 1.5), deadline - time.perf_counter()))
    return results


# --- CPU and memory from /proc -----------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a live process (all its threads), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def descendants(root: int) -> set[int]:
    """Every live process below ROOT."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found: set[int] = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def machine_busy_seconds() -> float:
    """CPU seconds spent on anything but idle and I/O wait, all cores, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) / CLOCK_TICKS
