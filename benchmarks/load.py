"""How many analysts one server holds: page completion under N concurrent sessions, during an
ingest.

Usage: python benchmarks/load.py DB [--sessions 1,4,8,16] [--duration S] [--no-ingest]
                                    [--ingest-pages N] [--client websocket|browser]
                                    [--think S] [--file-watcher none] [--json]

Starts the real server on DB (`streamlit run app.py`, headless, 127.0.0.1, a free port) and warms
it up with one visit of every page. Then, for each N, N analyst sessions open every page (`/`,
`/stories`, `/outlets`, `/overlap`, `/themes`, `/search`, `/ingest`) in a shuffled order, round
after round, each link with filters drawn from the database (outlets, themes, date ranges, text
searches, Overlap views and drill-downs), for DURATION seconds; meanwhile `signals ingest` stores
a folder of freshly generated pages (distinct stories, so the ingest writes and every commit
invalidates the dashboard's cached queries). The ingest adds those stories to DB: run this on a
copy of a demo database.

Page completion runs from navigation to the end of the page's script: with the websocket client
(the default), from the first request for the page to the server's "script finished" message;
with the browser client, from `goto` until Streamlit reports the script no longer running, the
title is drawn and every chart has drawn. A load that takes more than --timeout (60 s) counts as
a timeout; timeouts and pages that show an exception are errors, and their times are included in
the percentiles. Sessions load pages back to back unless --think is given: N sessions keep N page
loads in flight, which is more than N analysts who read what they open.

Why the websocket client by default: the clients share the server's two cores, so every CPU
second a client spends is taken from the server. A headless Chromium spends far more CPU drawing
a page (Plotly charts, React) than the server spends computing it; the websocket client asks the
server for exactly the same work and only decodes the replies. The output gives the CPU seconds
of the server, the clients, the ingest and everything else on the machine for every N, so the
cost of either client can be read off. What the websocket client leaves out is the browser's own
drawing time, which the analyst's machine pays (about 1-2 s per page, `benchmarks/pages.py`).

Every page load goes to `benchmarks/out/load-pages.csv` (when it started, how long it took), the
server's output to `benchmarks/out/load-server.log`, each ingest's to `load-ingest-N.log`.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import math
import os
import random
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks._load_client import (  # noqa: E402
    PageLoad,
    analyst,
    browser_page_load,
    cpu_seconds,
    descendants,
    machine_busy_seconds,
    rss_mb,
    websocket_page_load,
)
from scripts.streamlit_browser import launch_chromium, start_server, stop_server  # noqa: E402
from signals_data.demo import FORMATS, RENDERERS, CorpusGenerator  # noqa: E402

PAGES = ["", "stories", "outlets", "overlap", "themes", "search", "ingest"]
EXTENSION = {"icon": "txt", "clean": "txt", "markdown": "md", "html": "html"}
FALLBACK_WORDS = ["tariffs", "sanctions", "election", "energy", "security", "trade"]
RUN_LINE = re.compile(r"^page run \S+ ([0-9.]+)s$")


# --- links: every page with filters drawn from the database ------------------------------------


@dataclass
class LinkMix:
    """What the links are made of: the most cited outlets, the themes, the dates and story ids
    the database holds, and words from its titles for text searches."""

    outlets: list[str]
    themes: list[str]
    first: date
    last: date
    story_ids: tuple[int, int]
    words: list[str]

    @classmethod
    def from_db(cls, db: str) -> LinkMix:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            outlets = [
                name
                for (name,) in conn.execute(
                    "SELECT o.name FROM signal_outlets s JOIN outlets o ON o.id = s.outlet_id "
                    "WHERE s.role = 'credited' GROUP BY o.id ORDER BY count(*) DESC LIMIT 40"
                )
            ]
            themes = [slug for (slug,) in conn.execute("SELECT slug FROM themes")]
            first, last, low, high = conn.execute(
                "SELECT min(published), max(published), min(id), max(id) FROM stories"
            ).fetchone()
            titles = [t for (t,) in conn.execute("SELECT title FROM stories LIMIT 400")]
        finally:
            conn.close()
        words = sorted(
            {w.lower() for t in titles for w in re.findall(r"[A-Za-z]{6,}", t or "")}
            - {"signals", "revised"}
        )
        return cls(
            outlets=outlets or ["Reuters"],
            themes=themes or ["trade"],
            first=date.fromisoformat(first) if first else date(2024, 1, 1),
            last=date.fromisoformat(last) if last else date(2024, 12, 31),
            story_ids=(low or 1, high or 1),
            words=words or FALLBACK_WORDS,
        )

    def _dates(self, rng: random.Random) -> list[tuple[str, str]]:
        span = max(1, (self.last - self.first).days - 90)
        start = self.first + timedelta(days=rng.randrange(span))
        end = min(self.last, start + timedelta(days=rng.randrange(90, 731)))
        return [("start", start.isoformat()), ("end", end.isoformat())]

    def _filters(self, rng: random.Random) -> list[tuple[str, str]]:
        """Sidebar filters as an analyst combines them: often none, else one or two kinds."""
        params: list[tuple[str, str]] = []
        if rng.random() < 0.35:
            params += [("outlet", o) for o in rng.sample(self.outlets, rng.choice([1, 1, 2]))]
        if rng.random() < 0.35:
            params.append(("theme", rng.choice(self.themes)))
        if rng.random() < 0.35:
            params += self._dates(rng)
        if rng.random() < 0.1:
            params.append(("mentions", "1"))
        return params

    def link(self, page: str, rng: random.Random) -> str:
        """A link to PAGE with varied filters and the page's own parameters."""
        params = self._filters(rng) if page != "ingest" else []
        if page == "stories" and rng.random() < 0.3:
            params = [("story", str(rng.randint(*self.story_ids)))]
        elif page == "stories" and rng.random() < 0.3:
            params.append(("q", rng.choice(self.words)))
        elif page == "search":
            params.append(("q", " ".join(rng.sample(self.words, rng.choice([1, 1, 2])))))
        elif page == "overlap":
            params.append(("view", rng.choice(["heatmap", "network", "intersections", "lift"])))
            if rng.random() < 0.3:
                params += [("level", "signal"), ("measure", rng.choice(["jaccard", "association"]))]
            if rng.random() < 0.2:
                params.append(("drill", "pair|" + "|".join(rng.sample(self.outlets[:10], 2))))
        query = urlencode(params)
        return f"{page}?{query}" if query else page

    def session(self, seed: int) -> Callable[[], str]:
        """An analyst's next link, forever: every page once per round, in a shuffled order."""
        rng = random.Random(seed)
        queue: list[str] = []

        def next_link() -> str:
            if not queue:
                queue.extend(rng.sample(PAGES, len(PAGES)))
            return self.link(queue.pop(), rng)

        return next_link


# --- the background ingest ---------------------------------------------------------------------


def write_ingest_pages(folder: Path, count: int, tag: str, seed: int) -> None:
    """COUNT generated pages in all four formats, as stories the database does not hold yet (the
    demo's URLs and titles with TAG in them)."""
    folder.mkdir(parents=True)
    generator = CorpusGenerator(count, seed)
    for index in range(count):
        spec = generator.spec(index)
        spec.url = spec.url.replace("/demo-story-", f"/load-{tag}-story-")
        spec.title = spec.title.replace("(demo ", f"(load {tag} ")
        fmt = FORMATS[index % len(FORMATS)]
        (folder / f"page-{index:05d}.{EXTENSION[fmt]}").write_bytes(RENDERERS[fmt](spec))


class BackgroundIngest:
    """`signals ingest FOLDER --db DB` in a child process; its CPU comes from wait4's rusage,
    which includes the parsing process it starts."""

    def __init__(self, db: str, folder: Path, log: Path, origin: float):
        self.origin = origin
        self.pages = sum(1 for _ in folder.iterdir())
        command = [sys.executable, "-m", "signals_data", "ingest", str(folder), "--db", db, "-q"]
        with open(log, "w") as output:
            self.process = subprocess.Popen(
                command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT
            )
        self.log = log
        self.ended: float | None = None
        self.cpu = 0.0
        self.status: int | None = None
        self._waiter = threading.Thread(target=self._wait, daemon=True)
        self._waiter.start()

    def _wait(self) -> None:
        _, status, usage = os.wait4(self.process.pid, 0)
        self.ended = time.perf_counter() - self.origin
        self.cpu = usage.ru_utime + usage.ru_stime
        self.status = os.waitstatus_to_exitcode(status)
        self.process.returncode = self.status  # reaped here; Popen must not wait again

    def finish(self, limit: float = 600) -> dict:
        """Wait for the ingest (at most LIMIT seconds, then stop it) and describe it."""
        self._waiter.join(limit)
        if self._waiter.is_alive():
            self.process.terminate()
            self._waiter.join(30)
        lines = self.log.read_text(errors="replace").strip().splitlines()
        return {
            "pages": self.pages,
            "seconds": self.ended,
            "cpu_s": round(self.cpu, 1),
            "exit": self.status,
            "summary": lines[-1] if lines else "",
        }


# --- one level of load -------------------------------------------------------------------------


@dataclass
class Level:
    sessions: int
    seconds: float
    loads: list[PageLoad] = field(default_factory=list)
    ingest: dict | None = None
    cpu: dict = field(default_factory=dict)
    server_peak_rss_mb: float = 0.0
    script_s: list[float] = field(default_factory=list)


def percentile(values: list[float], share: float) -> float | None:
    """Nearest rank: the smallest value with at least SHARE of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


class Meter:
    """CPU seconds of the server, the clients and the whole machine over a window, and the
    server's peak resident memory (sampled, since VmHWM only ever grows)."""

    def __init__(self, server_pid: int):
        self.server = server_pid
        self.peak_rss = 0.0
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.25):
            self.peak_rss = max(self.peak_rss, rss_mb(self.server))

    def _client_cpu(self, exclude: set[int]) -> dict[int, float]:
        """This process and its children (the browser, if any), without the server or ingest."""
        return {pid: cpu_seconds(pid) for pid in descendants(os.getpid()) - exclude}

    def __enter__(self) -> Meter:
        self.peak_rss = rss_mb(self.server)
        self._start = (cpu_seconds(self.server), _own_cpu(), machine_busy_seconds())
        self._start_children = self._client_cpu(self._server_tree())
        self._sampler.start()
        return self

    def _server_tree(self) -> set[int]:
        return {self.server} | descendants(self.server)

    def stop(self, ingest_pids: set[int]) -> dict:
        self._stop.set()
        self._sampler.join()
        server, own, busy = cpu_seconds(self.server), _own_cpu(), machine_busy_seconds()
        children = self._client_cpu(self._server_tree() | ingest_pids)
        browser = sum(v - self._start_children.get(pid, 0.0) for pid, v in children.items())
        return {
            "server": server - self._start[0],
            "client": own - self._start[1] + browser,
            "machine": busy - self._start[2],
        }

    def __exit__(self, *exc) -> None:
        self._stop.set()


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _script_times(log: Path, offset: int) -> list[float]:
    """The server's own run time of each page script logged since OFFSET (SIGNALS_TIMING)."""
    with open(log, errors="replace") as f:
        f.seek(offset)
        return [float(m.group(1)) for line in f if (m := RUN_LINE.match(line.strip()))]


async def _run_sessions(
    loaders: list[Callable[[str], object]], mix: LinkMix, n: int, args, origin: float
) -> list[PageLoad]:
    deadline = origin + args.duration
    sessions = [
        analyst(
            load,
            mix.session(args.seed * 1000 + n * 100 + i),
            deadline,
            args.think,
            random.Random(i),
        )
        for i, load in enumerate(loaders)
    ]
    return [load for result in await asyncio.gather(*sessions) for load in result]


async def measure_level(n: int, ctx: dict, folder: Path | None) -> Level:
    """N sessions for the window, with an ingest of FOLDER started at its beginning."""
    args, base, server, log = ctx["args"], ctx["base"], ctx["server"], ctx["log"]
    timeout = args.timeout
    pages = []
    if args.client == "browser":
        pages = await _browser_pages(ctx["browser"], base, n, timeout)
    offset = log.stat().st_size
    meter = Meter(server.pid)
    with meter:
        origin = time.perf_counter()
        ingest = (
            BackgroundIngest(args.db, folder, ctx["out"] / f"load-ingest-{n}.log", origin)
            if folder
            else None
        )
        if args.client == "browser":
            loaders = [
                (lambda path, page=page: browser_page_load(page, base, path, origin, timeout))
                for page in pages
            ]
        else:
            loaders = [
                (lambda path: websocket_page_load(base, path, origin, timeout)) for _ in range(n)
            ]
        loads = await _run_sessions(loaders, ctx["mix"], n, args, origin)
        wall = time.perf_counter() - origin
        ingest_pids = {ingest.process.pid} | descendants(ingest.process.pid) if ingest else set()
        cpu = meter.stop(ingest_pids)
    for page in pages:
        await page.context.close()
    level = Level(n, wall, loads, server_peak_rss_mb=meter.peak_rss)
    level.ingest = ingest.finish() if ingest else None
    level.cpu = {k: round(v, 1) for k, v in cpu.items()}
    if level.ingest:
        # The ingest's CPU inside the window: all of it if it ended in the window, else a share.
        inside = min(1.0, wall / max(level.ingest["seconds"] or wall, 1e-9))
        level.cpu["ingest"] = round(level.ingest["cpu_s"] * inside, 1)
    level.script_s = _script_times(log, offset)
    return level


async def _browser_pages(browser, base: str, n: int, timeout: float) -> list:
    """N contexts, each warmed up with one page that has charts, so that the app's scripts and
    Plotly are in its cache before the clock starts, as in an analyst's browser."""
    pages = []
    for _ in range(n):
        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        pages.append(await context.new_page())
    await asyncio.gather(
        *(browser_page_load(p, base, "overlap?view=heatmap", 0.0, timeout * 2) for p in pages)
    )
    return pages


# --- output ------------------------------------------------------------------------------------


def summarize(level: Level, timeout: float) -> dict:
    times = [load.seconds for load in level.loads]
    during = [
        load.seconds
        for load in level.loads
        if level.ingest and load.started < (level.ingest["seconds"] or level.seconds)
    ]
    after = [
        load.seconds
        for load in level.loads
        if level.ingest and load.started >= (level.ingest["seconds"] or level.seconds)
    ]
    errors = [load for load in level.loads if load.error]
    by_page: dict[str, list[float]] = {}
    for load in level.loads:
        by_page.setdefault("/" + load.path.partition("?")[0], []).append(load.seconds)
    rounded = lambda v: None if v is None else round(v, 2)  # noqa: E731
    return {
        "sessions": level.sessions,
        "window_s": round(level.seconds, 1),
        "page_loads": len(times),
        "p50_s": rounded(percentile(times, 0.5)),
        "p95_s": rounded(percentile(times, 0.95)),
        "max_s": rounded(max(times, default=None)),
        "errors": len(errors),
        "timeouts": sum(1 for load in errors if load.error == "timeout"),
        "error_examples": sorted({f"{load.error} (/{load.path})" for load in errors})[:5],
        "loads_during_ingest": len(during),
        "p95_during_ingest_s": rounded(percentile(during, 0.95)),
        "loads_after_ingest": len(after),
        "p95_after_ingest_s": rounded(percentile(after, 0.95)),
        "server_script_p50_s": rounded(percentile(level.script_s, 0.5)),
        "server_script_p95_s": rounded(percentile(level.script_s, 0.95)),
        "cpu_s": level.cpu,
        "server_cores": round(level.cpu["server"] / level.seconds, 2),
        "server_peak_rss_mb": round(level.server_peak_rss_mb),
        "ingest": level.ingest,
        "pages": {
            page: {
                "loads": len(v),
                "p50_s": rounded(percentile(v, 0.5)),
                "p95_s": rounded(percentile(v, 0.95)),
            }
            for page, v in sorted(by_page.items())
        },
    }


def print_table(rows: list[dict], args) -> None:
    print()
    print(
        f"{'N':>3} {'loads':>6} {'p50 s':>6} {'p95 s':>6} {'max s':>6} {'err':>4} {'t/o':>4} "
        f"{'p95 ingest':>10} {'p95 after':>9} {'script p50':>10} {'ingest s':>9} "
        f"{'server CPU':>14} {'client CPU':>10} {'ingest CPU':>10} {'other CPU':>9} {'RSS MB':>7}"
    )
    for r in rows:
        cpu = r["cpu_s"]
        other = cpu["machine"] - cpu["server"] - cpu["client"] - cpu.get("ingest", 0.0)
        ingest_s = r["ingest"]["seconds"] if r["ingest"] else None
        print(
            f"{r['sessions']:>3} {r['page_loads']:>6} {_f(r['p50_s']):>6} {_f(r['p95_s']):>6} "
            f"{_f(r['max_s']):>6} {r['errors']:>4} {r['timeouts']:>4} "
            f"{_f(r['p95_during_ingest_s']):>10} {_f(r['p95_after_ingest_s']):>9} "
            f"{_f(r['server_script_p50_s']):>10} "
            f"{_f(ingest_s, 1):>9} {cpu['server']:>6.1f} s {r['server_cores']:>4.2f}c "
            f"{cpu['client']:>8.1f} s {cpu.get('ingest', 0.0):>8.1f} s {max(0.0, other):>7.1f} s "
            f"{r['server_peak_rss_mb']:>7}"
        )
    print()
    print("p95 by page (s):")
    pages = sorted({page for r in rows for page in r["pages"]})
    print(f"{'N':>3} " + " ".join(f"{p:>9}" for p in pages))
    for r in rows:
        cells = [_f(r["pages"].get(p, {}).get("p95_s")) for p in pages]
        print(f"{r['sessions']:>3} " + " ".join(f"{c:>9}" for c in cells))
    for r in rows:
        if r["ingest"]:
            i = r["ingest"]
            print(
                f"N={r['sessions']} ingest: {i['pages']} pages in {_f(i['seconds'], 1)} s, "
                f"exit {i['exit']}: {i['summary']}"
            )
        for example in r["error_examples"]:
            print(f"N={r['sessions']} error: {example}")
    met = [r["sessions"] for r in rows if r["p95_s"] is not None and r["p95_s"] <= 3.0]
    print()
    print(
        f"Largest N with p95 <= 3 s: {max(met) if met else 'none'} "
        f"({args.client} client, think time {args.think} s, "
        f"{'with' if not args.no_ingest else 'without'} an ingest)"
    )
    if args.client == "websocket":
        print("(completion on the server's side: the browser's own drawing, paid by the analyst's")
        print(" machine, comes on top; run with --client browser to include it)")


def _f(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


# --- main --------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", help="the database to serve (the ingest adds stories to it)")
    parser.add_argument("--sessions", default="1,4,8,16", help="levels of N, comma-separated")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per level")
    parser.add_argument("--no-ingest", action="store_true", help="no ingest in the background")
    parser.add_argument("--ingest-pages", type=int, default=3000, help="pages per level's ingest")
    parser.add_argument("--client", choices=["websocket", "browser"], default="websocket")
    parser.add_argument("--think", type=float, default=0.0, help="seconds between page loads")
    parser.add_argument("--timeout", type=float, default=60.0, help="a load slower is a timeout")
    parser.add_argument(
        "--file-watcher",
        choices=["auto", "none", "poll", "watchdog"],
        help="the server's fileWatcherType (default: as configured in .streamlit/config.toml)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    args.levels = [int(n) for n in args.sessions.split(",") if n.strip()]
    return args


def say(args, text: str) -> None:
    """Progress and context on stderr with --json (stdout stays machine-readable)."""
    print(text, file=sys.stderr if args.json else sys.stdout, flush=True)


async def run(args, tmp: Path) -> list[dict]:
    folders: dict[int, Path | None] = {n: None for n in args.levels}
    if not args.no_ingest:
        tag = time.strftime("%Y%m%d%H%M%S")
        for n in args.levels:
            folders[n] = tmp / f"pages-{n}"
            write_ingest_pages(folders[n], args.ingest_pages, f"{tag}-n{n}", args.seed + n)
        say(args, f"generated {args.ingest_pages} pages per level in {tmp}")
    mix = LinkMix.from_db(args.db)
    # Logs go outside the app's folder while the server runs: its file watcher observes that
    # folder recursively, and every write there would cost the server CPU. Copied at the end.
    logs = tmp / "logs"
    logs.mkdir()
    log = logs / "load-server.log"
    env = {"SIGNALS_TIMING": "1"}
    if args.file_watcher:
        env["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] = args.file_watcher
    server, base = start_server(args.db, log, args.port, env=env)
    ctx = {"args": args, "base": base, "server": server, "log": log, "mix": mix, "out": logs}
    rows = []
    try:
        # Every page and Overlap view once before the clock: a server that has been up a while
        # has imported what the pages import on first use.
        warm_links = PAGES + [f"overlap?view={v}" for v in ("network", "intersections", "lift")]
        warm = [
            await websocket_page_load(base, link, time.perf_counter(), 120) for link in warm_links
        ]
        say(args, "warm-up: " + " ".join(f"/{w.path} {w.seconds:.1f}s" for w in warm))
        if args.client == "browser":
            from playwright.async_api import async_playwright

            async with async_playwright() as p:
                ctx["browser"] = await launch_chromium(p)
                rows = await _levels(args, ctx, folders)
                await ctx["browser"].close()
        else:
            rows = await _levels(args, ctx, folders)
        peak = rss_mb(server.pid, "VmHWM")
        say(args, f"server peak RSS over the whole run: {peak:.0f} MB")
    finally:
        stop_server(server)
        out = ROOT / "benchmarks" / "out"
        out.mkdir(exist_ok=True)
        for path in logs.iterdir():
            shutil.copy(path, out / path.name)
    return rows


async def _levels(args, ctx: dict, folders: dict[int, Path | None]) -> list[dict]:
    rows = []
    for n in args.levels:
        level = await measure_level(n, ctx, folders[n])
        _append_loads(ctx["out"] / "load-pages.csv", level, first=not rows)
        row = summarize(level, args.timeout)
        rows.append(row)
        say(
            args,
            f"N={n}: {row['page_loads']} loads, p50 {_f(row['p50_s'])} s, "
            f"p95 {_f(row['p95_s'])} s, {row['errors']} errors; CPU s {row['cpu_s']}",
        )
    return rows


def _append_loads(path: Path, level: Level, first: bool) -> None:
    """Every page load of the run, for a look at the timeline (when slow loads happened)."""
    with open(path, "w" if first else "a", newline="") as f:
        writer = csv.writer(f)
        if first:
            writer.writerow(["sessions", "started_s", "seconds", "error", "path", "ingest_end_s"])
        end = level.ingest["seconds"] if level.ingest else None
        for load in sorted(level.loads, key=lambda x: x.started):
            writer.writerow(
                [
                    level.sessions,
                    f"{load.started:.2f}",
                    f"{load.seconds:.3f}",
                    load.error or "",
                    load.path,
                    "" if end is None else f"{end:.1f}",
                ]
            )


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    say(
        args,
        f"database {args.db}; levels {args.levels}; {args.duration:.0f} s each; "
        f"{args.client} client; think time {args.think} s; "
        f"file watcher {args.file_watcher or 'as configured'}; "
        + ("no ingest" if args.no_ingest else f"an ingest of {args.ingest_pages} pages per level"),
    )
    say(
        args,
        "client: "
        + (
            "one headless Chromium, one context per session, each warmed up before the clock"
            if args.client == "browser"
            else "Streamlit's websocket protocol from one Python process (no drawing)"
        )
        + "; its CPU is the 'client CPU' column, the server's is 'server CPU'",
    )
    with tempfile.TemporaryDirectory(prefix="signals-load-") as tmp:
        rows = asyncio.run(run(args, Path(tmp)))
    if args.json:
        print(json.dumps({"settings": _settings(args), "levels": rows}, indent=1))
    else:
        print_table(rows, args)


def _settings(args) -> dict:
    settings = {k: v for k, v in vars(args).items() if k != "levels"}
    settings["cpu_cores"] = os.cpu_count()
    return settings


if __name__ == "__main__":
    main()
