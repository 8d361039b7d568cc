from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGES = ROOT / "tests" / "data" / "pages"
SEED = ROOT / "signals_data" / "samples" / "putin-xi-beijing.txt"
SEED_URL = "https://www.yahoo.com/news/putin-xi-meet-beijing-countries-111611755.html"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "signals.db"


@pytest.fixture
def db(db_path: Path):
    from signals_data.store import open_db

    database = open_db(db_path)
    yield database
    database.conn.close()


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """A small database built from the test pages and the seed: the dashboard tests' data."""
    from signals_data.ingest import ingest
    from signals_data.store import open_db

    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    db = open_db(path)
    ingest(db, [str(SEED)], url=SEED_URL, published="2024-05-16")
    ingest(db, [str(PAGES)])
    db.conn.close()
    return path
