"""The quality queries: each section's numbers, and the CLI reporting the same ones."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import ROOT

from signals_data import curation, quality
from signals_data.cli import main
from signals_data.filters import Filters
from signals_data.ingest import ingest
from signals_data.store import open_db

REALISTIC = ROOT / "tests" / "data" / "realistic" / "pages"


@pytest.fixture(scope="module")
def realistic_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("realistic") / "realistic.db"
    db = open_db(path)
    ingest(db, [str(REALISTIC)])
    db.conn.close()
    return path


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("which", ["corpus_db", "realistic_db"])
def test_every_section_count_matches_the_cli(which, request):
    path = str(request.getfixturevalue(which))
    db = open_db(path)
    counts = quality.summary(db)
    db.conn.close()
    assert json.loads(cli("quality", "--format", "json", "--db", path)) == counts
    text = cli("quality", "--db", path)
    for section, count in counts.items():
        assert f"{quality.SECTION_TITLES[section]}: {count}\n" in text
    listed = json.loads(cli("outlets", "list", "--unreviewed", "--format", "json", "--db", path))
    assert len(listed) == counts["unreviewed_outlets"]


def test_sections_on_the_test_pages(corpus_db):
    db = open_db(corpus_db)
    counts = quality.summary(db)
    assert counts["failed_documents"] == 2  # a newsletter and a standard article
    assert counts["unreviewed_outlets"] == 1
    outlets = quality.outlet_rows(db, unreviewed_only=True, examples=5)
    assert outlets.loc[0, "name"] == "The East African Ledger"
    assert "The East African" in outlets.loc[0, "suggestions"]
    assert outlets.loc[0, "examples"].startswith("story ")
    flagged = quality.flagged_story_rows(db)
    assert set(flagged["flag"]) <= set(quality.STORY_FLAGS)
    assert counts["flagged_stories"] == len(flagged) > 0
    # No credited source: each listed signal really has none.
    for story_id, position in quality.no_source_rows(db)[["story_id", "position"]].itertuples(
        index=False
    ):
        assert not db.execute(
            "SELECT 1 FROM signal_outlets so JOIN signals s ON s.id = so.signal_id "
            "WHERE s.story_id = ? AND s.position = ? AND so.role = 'credited'",
            [int(story_id), int(position)],
        ).fetchone()
    db.conn.close()


def test_filters_narrow_the_sections(corpus_db):
    db = open_db(corpus_db)
    everything = quality.summary(db)
    none = quality.summary(db, Filters(start="1990-01-01", end="1990-12-31"))
    assert all(none[s] == 0 for s in quality.SECTIONS if s != "failed_documents")
    assert none["failed_documents"] == everything["failed_documents"]  # documents have no date
    db.conn.close()


def test_a_reviewed_outlet_leaves_the_unreviewed_section(tmp_path, corpus_db):
    import shutil

    path = tmp_path / "copy.db"
    shutil.copy(corpus_db, path)
    db = open_db(path)
    curation.review(db, "The East African Ledger")
    assert quality.summary(db)["unreviewed_outlets"] == 0
    assert (
        json.loads(cli("outlets", "list", "--unreviewed", "--format", "json", "--db", str(path)))
        == []
    )
    db.conn.close()


def test_ambiguous_forms_on_the_realistic_pages(realistic_db):
    db = open_db(realistic_db)
    rows = quality.ambiguous_rows(db)
    flagged = db.execute("SELECT count(*) FROM signals WHERE flags LIKE '%ambiguous:%'").fetchone()
    assert rows["story_id"].nunique() <= flagged[0] <= len(rows) or flagged[0] == 0
    assert all(form for form in rows["form"])
    db.conn.close()
