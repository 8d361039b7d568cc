"""Ingest throughput: pages per second, by format, over generated pages saved as files.

Usage: python benchmarks/ingest.py [PAGES_PER_FORMAT] [FORMAT ...]   (default 10,000, all formats)

For each format the same stories are written to a folder as files, then ingested into a fresh
database with `ingest` (read, decode, extract, parse, store: one savepoint per page; a second
process parses while the first writes, and the first parses a later batch itself rather than wait
for the second). The parse-only figure leaves out reading and the
database: the pages are parsed here, in batches of `ingest.PARSE_BATCH` with their themes scored
together, as the parsing process does (BLAS on one thread, as there).

Each rate is given for wall-clock time and for CPU time (the process's own, plus the parsing
process's for ingest): on a machine shared with other work, the CPU figure is the steadier one.
The write-only figure is the CPU time of storing the pages the parse-only run parsed, with
nothing else in the process: the writer's own cost per page.
The ingest's CPU time is also split by process, in milliseconds per page: the main process
(reading, writing, and the batches it parses itself) and the parsing process. The load average
is printed beside each line: wall-clock figures mean little when it is above the core count.
"""

from __future__ import annotations

import multiprocessing
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

from signals_data.demo import RENDERERS, CorpusGenerator
from signals_data.ingest import (
    PARSE_BATCH,
    ingest,
    one_blas_thread,
    parse_batch,
    store_documents,
)
from signals_data.store import DocumentInput, Writer, open_db

EXTENSION = {"icon": "txt", "clean": "txt", "markdown": "md", "html": "html"}
FORMAT = {"icon": "text", "clean": "text", "markdown": "markdown", "html": "html"}


def cpu_seconds() -> tuple[float, float]:
    """CPU time of this process, and of its children that have ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def parse_only(pages: list[bytes], fmt: str) -> tuple[float, float, list]:
    """(wall seconds, CPU seconds, what was parsed) to parse the pages as the parsing process
    does."""
    parsed = []
    wall, cpu = time.perf_counter(), time.process_time()
    for first in range(0, len(pages), PARSE_BATCH):
        chunk = pages[first : first + PARSE_BATCH]
        parsed += parse_batch([DocumentInput(f"{first + i}", p, fmt) for i, p in enumerate(chunk)])
    return time.perf_counter() - wall, time.process_time() - cpu, parsed


def write_only(parsed: list, db_path: Path) -> float:
    """CPU seconds to store pages already parsed, as a large ingest does (savepoint per page,
    batched commits, deferred full-text indexing), into a fresh database."""
    db = open_db(db_path)
    items = [(p.doc, None, p) for p in parsed]
    cpu = time.process_time()
    store_documents(Writer(db), [], large=True, parsed=items)
    elapsed = time.process_time() - cpu
    db.conn.close()
    return elapsed


def ingest_folder(folder: Path, db_path: Path) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds of this process, of the parsing process, rejected) to ingest
    a folder into a fresh database."""
    db = open_db(db_path)
    wall, (own, children) = time.perf_counter(), cpu_seconds()
    summary = ingest(db, [str(folder)])
    elapsed = time.perf_counter() - wall
    db.conn.close()
    multiprocessing.active_children()  # reaps the parsing process, so its CPU time counts
    rejected = summary.counts["rejected"] + summary.counts["error"]
    own_after, children_after = cpu_seconds()
    return elapsed, own_after - own, children_after - children, rejected


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    formats = sys.argv[2:] or list(RENDERERS)
    generator = CorpusGenerator(count, seed=21)
    specs = [generator.spec(i) for i in range(count)]
    print(
        f"{count:,} pages per format; Python {platform.python_version()} on "
        f"{platform.machine()}, {platform.system()}"
    )
    print(
        f"{'format':<10} {'ingest pages/s':>15} {'(CPU)':>7} {'main ms':>8} {'parser ms':>10} "
        f"{'parse-only pages/s':>19} {'(CPU)':>7} {'write-only ms':>14} {'rejected':>9} "
        f"{'load':>5}"
    )
    parse_batch([DocumentInput("warm-up", RENDERERS["icon"](specs[0]), "text")])
    one_blas_thread()  # parse-only runs as the parsing process does
    with tempfile.TemporaryDirectory() as tmp:
        for name in formats:
            folder = Path(tmp) / name
            folder.mkdir()
            pages = [RENDERERS[name](spec) for spec in specs]
            for i, content in enumerate(pages):
                (folder / f"page-{i:06d}.{EXTENSION[name]}").write_bytes(content)

            wall, main_cpu, parser_cpu, rejected = ingest_folder(folder, Path(tmp) / f"{name}.db")
            parse_wall, parse_cpu, parsed = parse_only(pages, FORMAT[name])
            write_cpu = write_only(parsed, Path(tmp) / f"{name}-write.db")
            cpu = main_cpu + parser_cpu
            print(
                f"{name:<10} {count / wall:>15,.0f} {count / cpu:>7,.0f} "
                f"{main_cpu / count * 1000:>8.2f} {parser_cpu / count * 1000:>10.2f} "
                f"{count / parse_wall:>19,.0f} {count / parse_cpu:>7,.0f} "
                f"{write_cpu / count * 1000:>14.2f} {rejected:>9} "
                f"{os.getloadavg()[0]:>5.1f}"
            )


if __name__ == "__main__":
    main()
