"""Ingest throughput: pages per second, by format, over generated pages saved as files.

Usage: python benchmarks/ingest.py [PAGES_PER_FORMAT]   (default 10,000)

For each format the same stories are written to a folder as files, then ingested into a fresh
database with `ingest` (read, decode, extract, parse, store: one transaction per page). The
parse-only figure leaves out reading and the database.
"""

from __future__ import annotations

import platform
import sys
import tempfile
import time
from pathlib import Path

from signals_data.demo import RENDERERS, CorpusGenerator
from signals_data.ingest import ingest, parse_document
from signals_data.store import DocumentInput, open_db

EXTENSION = {"icon": "txt", "clean": "txt", "markdown": "md", "html": "html"}
FORMAT = {"icon": "text", "clean": "text", "markdown": "markdown", "html": "html"}


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    generator = CorpusGenerator(count, seed=21)
    specs = [generator.spec(i) for i in range(count)]
    print(
        f"{count:,} pages per format; Python {platform.python_version()} on "
        f"{platform.machine()}, {platform.system()}"
    )
    print(f"{'format':<10} {'ingest pages/s':>15} {'parse-only pages/s':>19} {'rejected':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, render in RENDERERS.items():
            folder = Path(tmp) / name
            folder.mkdir()
            pages = [render(spec) for spec in specs]
            for i, content in enumerate(pages):
                (folder / f"page-{i:06d}.{EXTENSION[name]}").write_bytes(content)

            start = time.perf_counter()
            for i, content in enumerate(pages):
                parse_document(DocumentInput(f"{i}", content, FORMAT[name]))
            parse_rate = count / (time.perf_counter() - start)

            db = open_db(Path(tmp) / f"{name}.db")
            start = time.perf_counter()
            summary = ingest(db, [str(folder)])
            ingest_rate = count / (time.perf_counter() - start)
            db.conn.close()
            rejected = summary.counts["rejected"] + summary.counts["error"]
            print(f"{name:<10} {ingest_rate:>15,.0f} {parse_rate:>19,.0f} {rejected:>9}")


if __name__ == "__main__":
    main()
