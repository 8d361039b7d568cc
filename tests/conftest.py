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
