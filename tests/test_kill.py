"""kill -9 during a bulk ingest, of the main process and of its parsing worker, at seeded random
moments: the database stays intact, opening it repairs what the load deferred, ingests through
the dashboard in between are indexed, and a re-run ends with the counts of a clean run."""

from __future__ import annotations

import gc
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from signals_data.ingest import ingest, ingest_bytes
from signals_data.store import BULK_MARKER, open_db

PAGES = 1500
TABLES = ("documents", "stories", "signals", "signal_outlets", "signal_themes")
FTS_TRIGGERS = {f"{t}_{s}" for t in ("stories", "signals") for s in ("ai", "ad", "au")}


def page(i: int) -> str:
    return (
        f"---\nurl: https://www.semafor.com/article/04/{1 + i % 28:02d}/2024/kill-{i}\n---\n"
        f"Semafor Signals\nCanal traffic slows in a drought {i}\n"
        "Insights from Reuters and the Financial Times\n"
        "The News\nFewer ships crossed the canal this month.\n"
        "SIGNALS\nShippers pay for priority slots\nSource: Reuters\n"
        "Auction prices for crossings rose, Reuters reported.\n"
        "Rain is not expected soon\nSources: Financial Times, Harbour Courier\n"
        "Forecasters see a dry season ahead, the Financial Times found.\n"
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    """The pages as files, and the counts a clean ingest of them gives."""
    root = tmp_path_factory.mktemp("kill")
    pages = root / "pages"
    pages.mkdir()
    for i in range(PAGES):
        (pages / f"p{i:05d}.txt").write_text(page(i), "utf-8")
    db = open_db(root / "clean.db")
    assert ingest(db, [str(pages)]).counts["ok"] == PAGES
    clean = counts(db)
    db.conn.close()
    return pages, clean


def counts(db) -> dict:
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def cli_ingest(pages: Path, db_path: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "signals_data", "ingest", str(pages), "--db", str(db_path), "-q"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stored(db_path: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def wait_for(condition, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def running(pid: int) -> bool:
    """Whether the process exists and has not ended (an ended orphan can stay a zombie when
    nothing reaps it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def assert_intact_and_repaired(db) -> None:
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.execute("INSERT INTO signals_fts(signals_fts) VALUES ('integrity-check')")
    db.execute("INSERT INTO stories_fts(stories_fts) VALUES ('integrity-check')")
    triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert triggers >= FTS_TRIGGERS
    assert db.execute("SELECT count(*) FROM meta WHERE key = ?", [BULK_MARKER]).fetchone()[0] == 0
    # Every stored row is in the full-text index, and every story has all its signals.
    for table in ("stories", "signals"):
        waiting = db.execute(
            f"SELECT count(*) FROM {table} WHERE id > "
            f"(SELECT coalesce(max(id), 0) FROM {table}_fts_docsize)"
        ).fetchone()[0]
        assert waiting == 0
    assert db.execute("SELECT count(*) FROM rollup_dirty").fetchone()[0] == 0
    assert (
        db.execute(
            "SELECT count(*) FROM stories s WHERE signal_count != "
            "(SELECT count(*) FROM signals WHERE story_id = s.id)"
        ).fetchone()[0]
        == 0
    )


def upload_page(db_path: Path, word: str) -> None:
    """What the dashboard's Ingest page does: open for writing, ingest one upload."""
    db = open_db(db_path)
    text = page(10_000).replace("kill-10000", f"kill-{word}").replace("drought", word)
    (outcome,) = ingest_bytes(db, f"{word}.txt", text.encode())
    assert outcome.status == "ok", outcome.message
    hits = db.execute(
        "SELECT count(*) FROM stories_fts WHERE stories_fts MATCH ?", [word]
    ).fetchone()[0]
    assert hits == 1, "an upload after a killed bulk load must be indexed"
    db.conn.close()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kill_9_of_the_main_process(corpus, tmp_path, seed):
    pages, clean = corpus
    rng = random.Random(seed)
    db_path = tmp_path / "killed.db"
    proc = cli_ingest(pages, db_path)
    threshold = rng.randint(1, PAGES * 3 // 4)
    wait_for(lambda: stored(db_path) >= threshold or proc.poll() is not None)
    time.sleep(rng.uniform(0, 0.05))
    workers = children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # The orphaned parsing process notices and ends on its own (else ~200 MB stay forever).
    ended = wait_for(lambda: not any(running(w) for w in workers), timeout=10)
    for worker in workers:
        if running(worker):
            os.kill(worker, signal.SIGKILL)
    assert ended, "the parsing process outlived the killed ingest"

    db = open_db(db_path)
    partial = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert partial < PAGES, "the ingest finished before it could be killed"
    assert_intact_and_repaired(db)
    db.conn.close()
    word = f"monsoon{seed}"
    upload_page(db_path, word)

    rerun = subprocess.run(
        [sys.executable, "-m", "signals_data", "ingest", str(pages), "--db", str(db_path), "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{PAGES - partial} ingested" in rerun.stdout
    db = open_db(db_path)
    assert_intact_and_repaired(db)
    upload = {"documents": 1, "stories": 1, "signals": 2}
    final = counts(db)
    expected = {t: clean[t] + upload.get(t, 0) for t in TABLES}
    expected["signal_outlets"] = final["signal_outlets"]  # the upload's citations, counted below
    expected["signal_themes"] = final["signal_themes"]
    assert final == expected
    assert final["signal_outlets"] - clean["signal_outlets"] == 3
    db.conn.close()


@pytest.mark.parametrize("seed", [4, 5])
def test_kill_9_of_the_parsing_worker(corpus, tmp_path, seed):
    """The worker dies (as in an out-of-memory kill): its batches are parsed by the main
    process and the ingest completes with every page, instead of waiting forever."""
    pages, clean = corpus
    rng = random.Random(seed)
    db_path = tmp_path / "worker.db"
    proc = cli_ingest(pages, db_path)
    assert wait_for(lambda: children(proc.pid) or proc.poll() is not None)
    time.sleep(rng.uniform(0.0, 0.6))
    workers = children(proc.pid)
    assert workers, "the ingest finished before its worker could be killed"
    for worker in workers:
        os.kill(worker, signal.SIGKILL)
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err
    assert f"{PAGES} ingested" in out
    db = open_db(db_path)
    assert_intact_and_repaired(db)
    assert counts(db) == clean
    db.conn.close()


BLAS_THREADS = """
import ctypes, sys
import numpy  # loads BLAS
from signals_data.ingest import _set_worker_context
maps = open("/proc/self/maps", encoding="utf-8").read().splitlines()
paths = [line.split()[-1] for line in maps if "openblas" in line.lower()]
if not paths:
    sys.exit(3)
library = ctypes.CDLL(paths[0])
names = ("openblas_get_num_threads", "scipy_openblas_get_num_threads64_",
         "scipy_openblas_get_num_threads_64_", "openblas_get_num_threads64_")
get = next(getattr(library, name) for name in names if hasattr(library, name))
before = get()
_set_worker_context(None, None)
print(before, get())
"""


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads /proc (Linux)")
def test_the_parsing_process_runs_blas_on_one_thread():
    """The parsing process shares the machine with the writer: BLAS threads of its own (which
    spin while they wait) would take the writer's core."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2"}
    done = subprocess.run(
        [sys.executable, "-c", BLAS_THREADS], env=env, capture_output=True, text=True, cwd=ROOT
    )
    if done.returncode == 3:
        pytest.skip("numpy is not linked with OpenBLAS here")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2", "1"]


def test_a_batch_lost_with_a_killed_worker_is_parsed_here_without_waiting_it_out():
    """Killed at the wrong moment, a worker can leave a batch's future pending for good (the
    executor never learns): the wait notices the worker is dead within a second or two and the
    batch is parsed in this process, not after PARSE_WAIT_S."""
    from concurrent.futures import Future

    from signals_data.ingest import _Job, _ParsingProcess
    from signals_data.store import DocumentInput

    worker = _ParsingProcess()
    doc = DocumentInput("p.txt", page(1).encode(), "text")
    job = worker.submit([(doc, None)])
    job.future.result(timeout=120)  # the worker is up
    for process in list(worker.executor._processes.values()):
        os.kill(process.pid, signal.SIGKILL)
        process.join(timeout=10)
    lost = _Job(job.batch, Future())  # a future nobody will ever complete
    started = time.monotonic()
    [(_, _, parsed)] = worker.results(lost, None)
    assert time.monotonic() - started < 10
    assert parsed.story is not None and len(parsed.story.signals) == 2
    worker.stop()


CUT_RESULT = """
import os, signal, struct, sys
sys.path.insert(0, "tests")
from test_kill import page
from signals_data.ingest import _ParsingProcess
from signals_data.store import DocumentInput

worker = _ParsingProcess()
job = worker.submit([(DocumentInput("p.txt", page(1).encode(), "text"), None)])
job.future.result(timeout=120)  # the worker is up
# What a worker killed while sending a result leaves in the pipe: a length, half the bytes.
writer = worker.executor._result_queue._writer
os.write(writer.fileno(), struct.pack("!i", 4096) + bytes(100))
for process in list(worker.executor._processes.values()):
    os.kill(process.pid, signal.SIGKILL)
    process.join(timeout=10)
worker.stop()
print("stopped")
"""


def test_a_worker_killed_while_sending_a_result_does_not_hang_the_exit():
    """Killed half-way through sending a result, the worker leaves the executor's reader waiting
    for bytes that never come, on a pipe this process still holds open: the interpreter then
    waited for that reader at exit, for ever (the ingest had finished every page)."""
    done = subprocess.run(
        [sys.executable, "-c", CUT_RESULT], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "stopped"


def test_overlapping_ingests_put_the_usual_settings_back():
    """A parallel ingest shortens the process's GIL switch interval and freezes the objects
    alive at its start out of the cycle collector's reach while it runs; two of them
    overlapping (the dashboard's threads) leave the usual settings when the last ends."""
    from signals_data.ingest import HANDOFF_SWITCH_S, _parallel_settings

    usual = sys.getswitchinterval()
    first, second = _parallel_settings(), _parallel_settings()
    first.__enter__()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    second.__enter__()
    assert sys.getswitchinterval() == HANDOFF_SWITCH_S
    first.__exit__(None, None, None)
    assert sys.getswitchinterval() == HANDOFF_SWITCH_S  # the other still runs
    assert gc.get_freeze_count() >= frozen
    second.__exit__(None, None, None)
    assert sys.getswitchinterval() == usual
    assert gc.get_freeze_count() == 0
