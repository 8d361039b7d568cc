"""The store, on a real SQLite file: idempotence, revisions, rejections kept, reparse, crashes."""

from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import PAGES, ROOT, SEED, SEED_URL

from signals_data.export import iter_export_records, write_jsonl
from signals_data.ingest import COMMIT_BATCH, ingest, reparse
from signals_data.store import open_db


def page(i: int, headline: str = "Harbor strike enters a second week") -> str:
    return (
        f"---\nurl: https://www.semafor.com/article/01/{1 + i % 28:02d}/2024/story-{i}\n---\n"
        f"Semafor Signals\n{headline} {i}\nInsights from Reuters and the Financial Times\n"
        "The News\nDock workers extended a strike over wages on Monday.\n"
        "SIGNALS\nShipping lines reroute cargo\nSource: Reuters\n"
        "Carriers moved exports to other ports, Reuters reported.\n"
        "Wages have lagged for a decade\nSources: Financial Times, Harbour Courier\n"
        "Pay in the sector has trailed inflation for years, the Financial Times found.\n"
    )


def counts(db) -> dict:
    return {t: db[t].count for t in ("documents", "stories", "signals", "signal_outlets")}


def test_seed_ingest_and_same_bytes_again_is_a_no_op(db):
    first = ingest(db, [str(SEED)], url=SEED_URL, published="2024-05-16")
    assert first.counts["ok"] == 1
    before = counts(db)
    again = ingest(db, [str(SEED)], url=SEED_URL, published="2024-05-16")
    assert again.counts["unchanged"] == 1
    # 4 credited outlets and 1 named in the prose (the Carnegie Russia Eurasia Center)
    assert counts(db) == before == {"documents": 1, "stories": 1, "signals": 3, "signal_outlets": 5}
    row = db.execute("SELECT content, status, sha256 FROM documents").fetchone()
    assert row[0] == SEED.read_bytes() and row[1] == "ok" and len(row[2]) == 64


def test_revision_of_same_url_path_updates_the_story(db):
    ingest(db, [str(PAGES / "revision_v1.txt")])
    result = ingest(db, [str(PAGES / "revision_v2.md")])
    assert result.counts["updated"] == 1
    stories = list(db.query("SELECT title, revisions, signal_count, url FROM stories"))
    assert stories == [
        {
            "title": "Nordic power prices hit a summer record",
            "revisions": 2,
            "signal_count": 2,
            "url": "https://semafor.com/article/07/15/2024/nordic-power-prices",
        }
    ]
    assert db["documents"].count == 2  # both revisions kept verbatim
    # Re-ingesting the older revision (new bytes, older Updated time) keeps the newer story.
    older = PAGES / "revision_v2.md"
    text = older.read_text("utf-8").replace(
        "Updated Jul 16, 2024, 9:30am", "Updated Jul 15, 2024, 9:30am"
    )
    copy = Path(db.conn.execute("PRAGMA database_list").fetchone()[2]).parent / "older.md"
    copy.write_text(text.replace("summer record", "high"), "utf-8")
    assert ingest(db, [str(copy)]).counts["unchanged"] == 1
    assert db.execute("SELECT title FROM stories").fetchone()[0].endswith("summer record")


def test_bad_inputs_are_kept_with_reasons_and_the_batch_goes_on(db, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    targets = [
        str(tmp_path / "empty.txt"),
        str(tmp_path / "photo.txt"),
        str(PAGES / "not_signals_article.txt"),
        str(tmp_path / "missing.txt"),
        str(PAGES / "clean_stripped.txt"),
    ]
    summary = ingest(db, targets)
    assert summary.counts == {"rejected": 3, "error": 1, "ok": 1}
    rows = {Path(r["origin"]).name: r for r in db.query("SELECT * FROM documents")}
    assert rows["empty.txt"]["status"] == "rejected" and "empty" in rows["empty.txt"]["message"]
    assert rows["photo.txt"]["content"].startswith(b"\x89PNG")
    assert "binary" in rows["photo.txt"]["message"] and "photo.txt" in rows["photo.txt"]["message"]
    assert "standard Semafor article" in rows["not_signals_article.txt"]["message"]
    assert (
        rows["missing.txt"]["status"] == "error"
        and "no such file" in rows["missing.txt"]["message"]
    )
    assert db["stories"].count == 1


def test_directories_are_read_recursively(db):
    summary = ingest(db, [str(PAGES)])
    assert len(summary.outcomes) == len(list(PAGES.iterdir()))
    assert summary.counts["rejected"] == 2  # the two pages that are not Signals
    assert summary.counts["updated"] == 1  # revision_v2 updates revision_v1


@pytest.mark.parametrize(
    "folder",
    [PAGES, ROOT / "tests" / "data" / "realistic" / "pages"],
    ids=["variants", "real-shaped"],
)
def test_jsonl_export_round_trips(db, tmp_path, folder):
    """Every story, untitled, undated and cut-off copies included, comes back the same."""
    ingest(db, [str(folder)])
    exported = tmp_path / "export.jsonl"
    with exported.open("w", encoding="utf-8") as handle:
        write_jsonl(db, handle)
    other = open_db(tmp_path / "other.db")
    summary = ingest(other, [str(exported)])
    assert summary.counts["ok"] == db["stories"].count
    strip = lambda records: [{k: v for k, v in r.items() if k != "id"} for r in records]  # noqa: E731
    assert strip(iter_export_records(other)) == strip(iter_export_records(db))


def test_real_shaped_copies_include_untitled_ones(db):
    """So the round trip above covers an untitled story."""
    ingest(db, [str(ROOT / "tests" / "data" / "realistic" / "pages")])
    assert db.execute("SELECT count(*) FROM stories WHERE title = ''").fetchone()[0] >= 1


def test_reparse_rebuilds_the_same_stories(db):
    ingest(db, [str(PAGES)])
    before = list(iter_export_records(db))
    summary = reparse(db)
    assert summary.counts["rejected"] == 2
    after = list(iter_export_records(db))
    assert [r["title"] for r in after] == [r["title"] for r in before]
    assert [r["signals"] for r in after] == [r["signals"] for r in before]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_full_text_search_index_follows_updates(db):
    ingest(db, [str(PAGES / "revision_v1.txt")])
    ingest(db, [str(PAGES / "revision_v2.md")])
    hits = db.execute("SELECT rowid FROM signals_fts WHERE signals_fts MATCH 'smelters'").fetchall()
    assert len(hits) == 1
    stale = db.execute("SELECT rowid FROM stories_fts WHERE stories_fts MATCH 'spike'").fetchall()
    assert stale == []


@pytest.fixture
def http_server(tmp_path):
    (tmp_path / "page.html").write_bytes((PAGES / "html_full.html").read_bytes())
    (tmp_path / "big.txt").write_bytes(b"x" * 2048)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_urls_are_fetched_with_limits(db, http_server):
    from signals_data.readers import read_url

    summary = ingest(db, [f"{http_server}/page.html", f"{http_server}/missing.html"])
    assert [o.status for o in summary.outcomes] == ["ok", "error"]
    assert "HTTP 404" in summary.outcomes[1].message
    assert db.execute("SELECT format FROM documents WHERE status = 'ok'").fetchone()[0] == "html"
    too_big = read_url(f"{http_server}/big.txt", max_bytes=1000)
    assert too_big.content is None and "limit" in too_big.error
    refused = read_url("http://127.0.0.1:9/none", timeout=2)
    assert refused.content is None and "could not be fetched" in refused.error


def test_kill_9_mid_ingest_leaves_a_consistent_database(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    total = 1500
    for i in range(total):
        (pages / f"p{i:05d}.txt").write_text(page(i), "utf-8")
    db_path = tmp_path / "crash.db"
    command = [
        sys.executable,
        "-m",
        "signals_data",
        "ingest",
        str(pages),
        "--db",
        str(db_path),
        "-q",
    ]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    seen = 0
    while time.time() < deadline and seen < 100:
        time.sleep(0.05)
        if db_path.exists():
            try:
                db = open_db(db_path, migrate=False)
                seen = db.execute("SELECT count(*) FROM documents").fetchone()[0]
                db.conn.close()
            except Exception:
                seen = 0
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < seen < total, "the ingest finished before it could be interrupted"

    db = open_db(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    # Every stored document has its whole story, and every story its signals.
    assert (
        db.execute(
            "SELECT count(*) FROM documents WHERE status = 'ok' AND story_id IS NULL"
        ).fetchone()[0]
        == 0
    )
    assert (
        db.execute(
            "SELECT count(*) FROM stories s WHERE signal_count != "
            "(SELECT count(*) FROM signals WHERE story_id = s.id)"
        ).fetchone()[0]
        == 0
    )
    # Full-text indexing was deferred when the ingest died; opening for writing caught up.
    db.execute("INSERT INTO signals_fts(signals_fts) VALUES ('integrity-check')")
    db.execute("INSERT INTO stories_fts(stories_fts) VALUES ('integrity-check')")
    indexed = db.execute("SELECT count(*) FROM signals_fts WHERE signals_fts MATCH 'reroute'")
    assert indexed.fetchone()[0] == db["stories"].count
    partial = db["documents"].count
    db.conn.close()

    rerun = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{total - partial} ingested" in rerun.stdout
    db = open_db(db_path)
    assert db["documents"].count == total == db["stories"].count
    db.execute("INSERT INTO signals_fts(signals_fts) VALUES ('integrity-check')")


def test_readers_keep_working_while_an_ingest_runs(tmp_path):
    """The dashboard's read-only connections during a large ingest: WAL and the busy timeout
    mean no "database is locked", and every read sees a consistent snapshot."""
    from signals_data import queries
    from signals_data.store import open_readonly

    pages = tmp_path / "pages"
    pages.mkdir()
    # Large batches commit every COMMIT_BATCH pages: enough pages for readers to see it grow.
    for i in range(2 * COMMIT_BATCH + 200):
        (pages / f"p{i:04d}.txt").write_text(page(i), "utf-8")
    db_path = tmp_path / "busy.db"
    open_db(db_path).conn.close()
    command = [sys.executable, "-m", "signals_data", "ingest", str(pages), "--db", str(db_path)]
    writer = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    reads, seen = 0, set()
    try:
        while writer.poll() is None:
            reader = open_readonly(db_path)
            stats = queries.kpis(reader, queries.Filters())
            assert stats["signals"] == 2 * stats["stories"]  # each page has two signals
            queries.stories_table(reader, queries.Filters(), 50)
            queries.top_outlets(reader, queries.Filters(outlets=("Reuters",)))
            seen.add(stats["stories"])
            reader.conn.close()
            reads += 1
    finally:
        writer.wait(timeout=300)
    assert writer.returncode == 0, writer.stderr.read()
    assert reads > 5 and len(seen) > 2  # reads ran all along, seeing the corpus grow


def test_in_a_batch_of_commits_a_failing_unit_rolls_back_alone(db):
    from signals_data.store import commit_every, transaction

    with commit_every(db.conn, 2) as batch:
        with transaction(db.conn) as conn:
            conn.execute("INSERT INTO meta VALUES ('kept-1', '1')")
        batch.tick()  # the batch is full: committed
        with pytest.raises(ValueError), transaction(db.conn) as conn:
            conn.execute("INSERT INTO meta VALUES ('undone', '1')")
            raise ValueError("a document failed half-way")
        with transaction(db.conn) as conn:
            conn.execute("INSERT INTO meta VALUES ('kept-2', '1')")
        batch.tick()
        with transaction(db.conn) as conn:
            conn.execute("INSERT INTO meta VALUES ('kept-3', '1')")
    assert not db.conn.in_transaction
    keys = {r[0] for r in db.execute("SELECT key FROM meta WHERE value = '1'")}
    assert keys == {"kept-1", "kept-2", "kept-3"}


def test_a_large_batch_with_bad_and_repeated_inputs(db, tmp_path):
    """Large batches commit in groups: every input still gets its outcome and its row."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(120):
        (pages / f"p{i:04d}.txt").write_text(page(i), "utf-8")
    (pages / "p9990.txt").write_bytes(b"")
    (pages / "p9991.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    (pages / "p9992.txt").write_text(page(5), "utf-8")  # the same bytes as p0005.txt
    result = ingest(db, [str(pages)])
    assert result.counts == {"ok": 120, "rejected": 2, "unchanged": 1}
    assert db["documents"].count == 122  # the repeat is recognised, not stored twice
    assert db["stories"].count == 120
    reasons = [r[0] for r in db.execute("SELECT message FROM documents WHERE status != 'ok'")]
    assert len(reasons) == 2 and all("p999" in m for m in reasons)
    assert not db.conn.in_transaction


def test_revisions_inside_a_large_batch_keep_the_full_text_index_exact(db, tmp_path):
    """Rows waiting to be indexed are replaced by a revision in the same batch: the index must
    hold the new text only, and pass FTS5's integrity check."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(80):
        (pages / f"p{i:04d}.txt").write_text(page(i), "utf-8")
    # Page 3 again, later in the batch: same URL, a newer revision with other words.
    revised = page(3, headline="Harbor strike ends with a quayside accord").replace(
        "Semafor Signals\n", "Semafor Signals\nUpdated Jan 30, 2024, 9:00am\n"
    )
    (pages / "p9999.txt").write_text(revised.replace("reroute", "redirect"), "utf-8")
    result = ingest(db, [str(pages)])
    assert result.counts == {"ok": 80, "updated": 1}
    db.execute("INSERT INTO signals_fts(signals_fts) VALUES ('integrity-check')")
    db.execute("INSERT INTO stories_fts(stories_fts) VALUES ('integrity-check')")

    def matches(table: str, words: str) -> int:
        sql = f"SELECT count(*) FROM {table}_fts WHERE {table}_fts MATCH ?"
        return db.execute(sql, [words]).fetchone()[0]

    assert matches("stories", "quayside") == 1
    assert matches("signals", "redirect") == 1
    assert matches("signals", "reroute") == 79  # every other story, not the revised one


def test_an_upload_during_a_bulk_cli_ingest_gets_its_turn(tmp_path):
    """The bulk load commits every half second and leaves the lock free a moment; an upload
    (the dashboard's Ingest page) waiting to write takes that moment instead of failing with
    'database is locked'. The upload is indexed by the load's own full-text catch-up."""
    from signals_data.ingest import ingest_bytes
    from signals_data.store import BULK_MARKER

    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(1500):
        (pages / f"p{i:04d}.txt").write_text(page(i), "utf-8")
    db_path = tmp_path / "shared.db"
    open_db(db_path).conn.close()
    command = [sys.executable, "-m", "signals_data", "ingest", str(pages), "--db", str(db_path)]
    bulk = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 60
        running = False
        while time.time() < deadline and bulk.poll() is None and not running:
            time.sleep(0.02)
            probe = open_db(db_path, migrate=False)
            running = (
                probe.execute("SELECT count(*) FROM meta WHERE key = ?", [BULK_MARKER]).fetchone()[
                    0
                ]
                and probe.execute("SELECT count(*) FROM documents").fetchone()[0] > 0
            )
            probe.conn.close()
        assert running and bulk.poll() is None, "the bulk ingest ended before the upload"
        started = time.monotonic()
        db = open_db(db_path)
        text = page(9000, headline="Quayside upload during a bulk load")
        (outcome,) = ingest_bytes(db, "upload.txt", text.encode())
        waited = time.monotonic() - started
        db.conn.close()
    finally:
        bulk.wait(timeout=300)
    assert bulk.returncode == 0, bulk.stderr.read()
    assert outcome.status == "ok", outcome.message
    assert waited < 10
    db = open_db(db_path)
    assert db["stories"].count == 1501
    hits = db.execute("SELECT count(*) FROM stories_fts WHERE stories_fts MATCH 'quayside'")
    assert hits.fetchone()[0] == 1
