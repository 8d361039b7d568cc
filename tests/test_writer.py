"""The ingest writer and its pipeline, on real SQLite files and a real parsing process: the main
process parses batches itself when the worker's next one is not ready, without holding the write
lock; whichever process parses a batch, and however it is written, the database holds the same
rows; and the per-document time budget still stops a runaway parse inside a batch."""

from __future__ import annotations

import pickle
import signal
import sqlite3
import time
from pathlib import Path

import pytest

import signals_data.ingest as ingest_module
from signals_data import budget
from signals_data.demo import RENDERERS, CorpusGenerator
from signals_data.errors import TooSlow
from signals_data.ingest import ingest
from signals_data.store import DocumentInput, open_db

EXTENSION = {"icon": "txt", "clean": "txt", "markdown": "md", "html": "html"}
TIMESTAMPS = {"ingested_at", "applied_at"}
# 60 stories in four formats: the two text renderings share a story key, so do Markdown and
# HTML; one file is a copy of another, two are not Signals pages.
EXPECTED = {"ok": 120, "updated": 120, "unchanged": 1, "rejected": 2}
FTS_INTERNALS = ("_fts", "_fts_data", "_fts_idx", "_fts_config")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    """Generated pages in every format (the same stories in each: later formats are new
    revisions or the same story again), a duplicate file and pages that are rejected."""
    folder = tmp_path_factory.mktemp("writer") / "pages"
    folder.mkdir()
    generator = CorpusGenerator(60, seed=11)
    for i in range(60):
        spec = generator.spec(i)
        for name, render in RENDERERS.items():
            (folder / f"{i:03d}-{name}.{EXTENSION[name]}").write_bytes(render(spec))
    (folder / "zz-copy.txt").write_bytes((folder / "007-icon.txt").read_bytes())
    (folder / "zz-notes.txt").write_text("Shopping list\nmilk\n", "utf-8")
    (folder / "zz-empty.md").write_text("", "utf-8")
    return folder


def table_rows(path: Path) -> dict[str, list]:
    """Every row of every table except the full-text index internals (whose segments depend on
    when commits happen), without ingest timestamps, sorted."""
    conn = sqlite3.connect(path)
    names = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    rows = {}
    for name in names:
        if name == "sqlite_stat1" or name.endswith(FTS_INTERNALS):
            continue
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info([{name}])")]
        kept = ", ".join(f"[{c}]" for c in columns if c not in TIMESTAMPS)
        rows[name] = sorted(conn.execute(f"SELECT {kept} FROM [{name}]").fetchall(), key=repr)
    conn.close()
    return rows


def build(path: Path, pages: Path) -> dict:
    db = open_db(path)
    summary = ingest(db, [str(pages)])
    db.conn.close()
    return summary.counts


def test_the_shared_pipeline_stores_what_a_single_process_stores(pages, tmp_path, monkeypatch):
    """Small batches, so that the main process parses many of them itself: the rows are those
    of an ingest parsed in the main process alone, batch for batch."""
    monkeypatch.setattr(ingest_module, "PARSE_BATCH", 8)
    shared = build(tmp_path / "shared.db", pages)
    monkeypatch.setattr(ingest_module.os, "cpu_count", lambda: 1)
    alone = build(tmp_path / "alone.db", pages)
    assert shared == alone
    assert shared == EXPECTED
    assert table_rows(tmp_path / "shared.db") == table_rows(tmp_path / "alone.db")


def test_the_parsing_process_sends_back_the_parse_but_not_the_documents(pages):
    """What the worker returns for a batch, pickled as it crosses the pipe, joins this
    process's own documents to stories equal to those parsed here, without their bytes."""
    files = sorted(pages.iterdir())[:6]
    batch = [(DocumentInput(f.name, f.read_bytes()), None) for f in files]

    def copies():
        return [(DocumentInput(doc.origin, doc.content), error) for doc, error in batch]

    here = ingest_module._parse_batch(copies())
    sent = pickle.dumps(ingest_module._parse_in_worker(copies()))
    assert not any(doc.content in sent for doc, _ in batch)
    joined = ingest_module._with_documents(batch, pickle.loads(sent))
    for (doc, _), (_, _, parsed), (mine, _, expected) in zip(batch, joined, here, strict=True):
        assert parsed.doc is doc and (doc.format, doc.encoding) == (mine.format, mine.encoding)
        assert parsed.story == expected.story and parsed.outcome == expected.outcome


def test_each_story_names_the_document_that_holds_it(pages, tmp_path):
    """Documents are written after their story, with the id the story was given for them."""
    build(tmp_path / "db.db", pages)
    conn = sqlite3.connect(tmp_path / "db.db")
    mismatched = conn.execute(
        "SELECT count(*) FROM stories s LEFT JOIN documents d ON d.id = s.document_id "
        "WHERE d.story_id IS NOT s.id"
    ).fetchone()[0]
    assert mismatched == 0
    statuses = dict(conn.execute("SELECT status, count(*) FROM documents GROUP BY status"))
    assert statuses == {"ok": 120, "updated": 120, "rejected": 2}  # the copy is no new row
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # Signal ids were chosen by the writer: the same as SQLite's (consecutive per story).
    gaps = conn.execute(
        "SELECT count(*) FROM signals a JOIN signals b ON b.story_id = a.story_id "
        "AND b.position = a.position + 1 WHERE b.id != a.id + 1"
    ).fetchone()[0]
    assert gaps == 0
    conn.close()


def test_the_main_process_parses_without_holding_the_write_lock(pages, tmp_path, monkeypatch):
    """While the main process parses a batch itself, another connection can take the write lock
    at once; the parsing process parsed batches too."""
    monkeypatch.setattr(ingest_module, "PARSE_BATCH", 8)
    db_path = tmp_path / "db.db"
    here: list[bool] = []
    parse_here = ingest_module._ParsingProcess.parse_here

    def parse_here_checking_the_lock(self, batch):
        other = sqlite3.connect(db_path, timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            here.append(True)
        except sqlite3.OperationalError:
            here.append(False)
        finally:
            other.close()
        return parse_here(self, batch)

    monkeypatch.setattr(ingest_module._ParsingProcess, "parse_here", parse_here_checking_the_lock)
    assert build(db_path, pages) == EXPECTED
    assert here, "the main process never parsed a batch"
    assert all(here), f"the write lock was held in {here.count(False)} of {len(here)} batches"
    total_batches = -(-len(list(pages.iterdir())) // 8)
    assert len(here) < total_batches, "the parsing process parsed nothing"


def test_a_timer_left_in_place_still_stops_a_runaway_parse(monkeypatch):
    """Inside ``timer_handler`` (as in a batch), code that never calls ``check`` is stopped by
    the fallback timer; a timer that fires between budgets is ignored; the handler that was
    there before is back at the end."""
    monkeypatch.setattr(budget, "HARD_GRACE_S", 0.05)
    before = signal.getsignal(signal.SIGALRM)
    with budget.timer_handler():
        started = time.monotonic()
        with pytest.raises(TooSlow, match="runaway"), budget.deadline(0.05, "runaway"):
            while time.monotonic() - started < 5:
                time.sleep(0.01)  # no check(): only the timer can stop this
        assert time.monotonic() - started < 2
        signal.setitimer(signal.ITIMER_REAL, 0.01)  # fires outside any budget
        time.sleep(0.05)
        with budget.deadline(5, "quick"):
            pass
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
