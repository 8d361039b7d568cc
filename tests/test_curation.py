"""Outlet curation: every correction changes the stored rows at once, is logged, survives a
reparse and later ingests, and undo brings back exactly the previous export."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from signals_data import curation, rollups
from signals_data.export import write_jsonl
from signals_data.ingest import ingest, reparse
from signals_data.outlets import load_registry
from signals_data.transactions import transaction

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "data" / "pages"


def page(title: str, source: str, day: int = 3) -> str:
    """A small Signals page crediting ``source`` on its only signal."""
    return (
        "Semafor Signals\n\n"
        f"{title}\n\n"
        f"Updated Jun {day}, 2024, 9:00am EDT\n\n"
        "The News\n\n"
        "Port operators along the coast reported slower traffic this week.\n\n"
        "SIGNALS\n\n"
        "Freight brokers expect delays\n\n"
        f"Source: {source}\n\n"
        "Port officials said the backlog could last into the autumn as crews rotate.\n"
    )


@pytest.fixture
def fixture_db(tmp_path):
    from signals_data.store import open_db

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "courier.txt").write_text(page("Harbour traffic slows", "Harbour Courier"))
    (tmp_path / "in" / "courier2.txt").write_text(
        page("Dock strike looms", "Harbour Courier, Reuters", day=9)
    )
    db = open_db(tmp_path / "fixture.db")
    ingest(db, [str(PAGES), str(tmp_path / "in")])
    yield db
    db.conn.close()


def export(db) -> str:
    out = io.StringIO()
    write_jsonl(db, out)
    return out.getvalue()


def credited(db, name: str) -> int:
    return db.execute(
        "SELECT count(*) FROM signal_outlets so JOIN outlets o ON o.id = so.outlet_id "
        "WHERE o.name = ? AND so.role = 'credited'",
        [name],
    ).fetchone()[0]


def rollup_signals(db, name: str) -> int:
    return db.execute(
        "SELECT coalesce(sum(r.signals), 0) FROM rollup_outlets r JOIN outlets o "
        "ON o.id = r.outlet_id WHERE o.name = ? AND r.scope = 'credited'",
        [name],
    ).fetchone()[0]


def test_merge_moves_citations_and_rollups_and_undo_restores_the_export(fixture_db):
    db = fixture_db
    before = export(db)
    assert credited(db, "Harbour Courier") == 2
    reuters = credited(db, "Reuters")
    change = curation.merge(db, "Harbour Courier", "Reuters", who="tester")
    assert curation.find_outlet(db.conn, "Harbour Courier").name == "Reuters"
    assert credited(db, "Harbour Courier") == 0
    # One signal credited both: it now credits Reuters once.
    assert credited(db, "Reuters") == reuters + 1
    assert rollup_signals(db, "Reuters") == reuters + 1
    assert db.execute("SELECT count(*) FROM rollup_dirty").fetchone()[0] == 0
    assert "Harbour Courier" not in export(db)
    log = curation.changes(db)
    assert [(c.id, c.action, c.who, c.target) for c in log] == [
        (change, "merge", "tester", "Harbour Courier")
    ]
    curation.undo(db, change)
    assert export(db) == before
    assert credited(db, "Harbour Courier") == 2
    assert rollup_signals(db, "Harbour Courier") == 2
    assert rollup_signals(db, "Reuters") == reuters


def outlet_rollups(db) -> list[tuple]:
    return [
        sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
        for table in ("rollup_outlets", "rollup_outlet_themes")
    ]


def recomputed_rollups(db) -> list[tuple]:
    """The outlet rollups as a full refresh of every month computes them."""
    with transaction(db.conn) as conn:
        conn.execute(
            "INSERT OR IGNORE INTO rollup_dirty SELECT DISTINCT "
            "coalesce(substr(published, 1, 7), '') FROM signals"
        )
        rollups.refresh(conn)
    return outlet_rollups(db)


def test_a_merge_and_its_undo_leave_the_rollups_a_full_refresh_would_compute(fixture_db):
    # A merge recomputes only the two outlets' rollup rows; they must equal a full refresh.
    db = fixture_db
    change = curation.merge(db, "Harbour Courier", "Reuters", who="tester")
    merged = outlet_rollups(db)
    assert merged == recomputed_rollups(db)
    curation.undo(db, change)
    assert outlet_rollups(db) == recomputed_rollups(db)


def test_rename_set_review_not_outlet_and_their_undo(fixture_db):
    db = fixture_db
    before = export(db)
    rename = curation.rename(db, "Harbour Courier", "The Harbour Courier Daily")
    assert "The Harbour Courier Daily" in export(db)
    assert curation.find_outlet(db.conn, "Harbour Courier").name == "The Harbour Courier Daily"
    kind = curation.set_outlet(db, "The Harbour Courier Daily", kind="newspaper", country="Kenya")
    reviewed = curation.review(db, "The Harbour Courier Daily")
    row = db.execute(
        "SELECT kind, country, reviewed FROM outlets WHERE name = 'The Harbour Courier Daily'"
    ).fetchone()
    assert row == ("newspaper", "Kenya", 1)
    # Undo newest first: the rename waits until the later corrections of the outlet are undone.
    with pytest.raises(curation.UndoBlocked):
        curation.undo(db, rename)
    for change in (reviewed, kind, rename):
        curation.undo(db, change)
    assert export(db) == before
    assert db.execute(
        "SELECT kind, country, reviewed FROM outlets WHERE name = 'Harbour Courier'"
    ).fetchone() == ("unknown", None, 0)
    source = curation.not_outlet(db, "Harbour Courier", "document")
    assert db.execute(
        "SELECT kind, reviewed FROM outlets WHERE name = 'Harbour Courier'"
    ).fetchone() == ("document", 1)
    assert credited(db, "Harbour Courier") == 2  # kept as a named source, not deleted
    curation.undo(db, source)
    assert export(db) == before


def test_bad_input_raises_a_named_error_and_changes_nothing(fixture_db):
    db = fixture_db
    before = export(db)
    with pytest.raises(curation.UnknownOutlet):
        curation.merge(db, "Harbour Courier", "No Such Gazette")
    with pytest.raises(curation.UnknownOutlet):
        curation.merge(db, "No Such Gazette", "Reuters")
    with pytest.raises(curation.MergeCycle):
        curation.merge(db, "Reuters", "reuters")
    with pytest.raises(curation.NameTaken):
        curation.rename(db, "Harbour Courier", "Reuters")
    with pytest.raises(curation.BadKind):
        curation.set_outlet(db, "Reuters", kind="blog")
    assert curation.changes(db) == []
    assert export(db) == before
    change = curation.merge(db, "Harbour Courier", "Reuters")
    with pytest.raises(curation.MergeCycle):
        curation.merge(db, "Reuters", "Harbour Courier")  # now an alias of Reuters
    curation.undo(db, change)
    after_undo = export(db)
    with pytest.raises(curation.AlreadyUndone):
        curation.undo(db, change)
    with pytest.raises(curation.UnknownChange):
        curation.undo(db, 999)
    assert export(db) == after_undo == before


def test_rename_onto_an_existing_name_merges_when_asked(fixture_db):
    db = fixture_db
    curation.rename(db, "Harbour Courier", "Reuters", merge_into_existing=True)
    assert curation.changes(db)[-1].action == "merge"
    assert credited(db, "Harbour Courier") == 0


def test_split_undoes_a_wrong_merge(fixture_db):
    db = fixture_db
    before = export(db)
    curation.merge(db, "Harbour Courier", "Reuters")
    split = curation.split(db, "Harbour Courier")
    assert curation.changes(db)[-1].id == split
    assert curation.changes(db)[-1].action == "split"
    assert export(db) == before
    with pytest.raises(curation.UnknownOutlet):
        curation.split(db, "Harbour Courier")


def test_curated_registry_applies_merges_renames_and_kinds(fixture_db):
    db = fixture_db
    assert curation.curated_registry(db) is load_registry()  # nothing curated yet
    curation.merge(db, "Harbour Courier", "Reuters")
    curation.rename(db, "Lloyd’s List Intelligence", "LLI Maritime")
    curation.set_outlet(db, "Reuters", country="United Kingdom")
    registry = curation.curated_registry(db)
    lli = load_registry().resolve("Lloyd’s List Intelligence")[0]
    assert registry.resolve("Harbour Courier") == ("Reuters", True)
    assert registry.resolve("Lloyd’s List Intelligence") == ("LLI Maritime", True)
    assert lli not in registry.outlets
    assert registry.info("Reuters").country == "United Kingdom"
    assert registry.info("LLI Maritime").kind == load_registry().info(lli).kind


def test_reparse_keeps_merge_and_rename_and_later_ingests_credit_the_target(fixture_db, tmp_path):
    db = fixture_db
    curation.merge(db, "Harbour Courier", "Reuters")
    curation.rename(db, "Financial Times", "The Financial Times")
    curated_ft = credited(db, "The Financial Times")
    assert curated_ft > 0
    reparse(db)
    assert export(db).count("Harbour Courier") == 0
    assert json.dumps("The Financial Times") in export(db)
    assert credited(db, "The Financial Times") == curated_ft
    assert credited(db, "Financial Times") == 0
    assert credited(db, "Harbour Courier") == 0
    later = tmp_path / "later.txt"
    later.write_text(page("Pilots vote to strike", "Harbour Courier, Financial Times", day=20))
    ingest(db, [str(later)])
    story = db.execute("SELECT id FROM stories WHERE title = 'Pilots vote to strike'").fetchone()[0]
    names = {
        r[0]
        for r in db.execute(
            "SELECT o.name FROM signal_outlets so JOIN outlets o ON o.id = so.outlet_id "
            "WHERE so.story_id = ?",
            [story],
        )
    }
    assert names == {"Reuters", "The Financial Times"}


def test_parallel_ingest_parses_with_the_curated_registry(fixture_db, tmp_path, monkeypatch):
    from signals_data import ingest as ingest_module

    db = fixture_db
    curation.merge(db, "Harbour Courier", "Reuters")
    monkeypatch.setattr(ingest_module, "DEFER_FTS_FROM", 2)
    monkeypatch.setattr(ingest_module.os, "cpu_count", lambda: 2)
    folder = tmp_path / "batch"
    folder.mkdir()
    for day in range(10, 14):
        (folder / f"p{day}.txt").write_text(page(f"Ferry fares rise {day}", "Harbour Courier", day))
    ingest(db, [str(folder)])
    assert credited(db, "Harbour Courier") == 0
    assert (
        db.execute(
            "SELECT count(*) FROM signal_outlets so JOIN stories s ON s.id = so.story_id "
            "JOIN outlets o ON o.id = so.outlet_id WHERE s.title LIKE 'Ferry fares%' "
            "AND o.name = 'Reuters'"
        ).fetchone()[0]
        == 4
    )


# --- the command line -----------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    from click.testing import CliRunner

    from signals_data.cli import main

    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_merge_and_undo_bring_back_the_exact_export(fixture_db):
    path = fixture_db.conn.execute("PRAGMA database_list").fetchone()[2]
    fixture_db.conn.close()
    code, before, _ = run("export", "--db", path)
    assert code == 0
    code, out, _ = run("outlets", "merge", "Harbour Courier", "Reuters", "--db", path)
    assert (code, out) == (0, "correction 1: merge Harbour Courier\n")
    merged = run("export", "--db", path)[1]
    assert merged != before and "Harbour Courier" not in merged
    code, out, _ = run("curate", "log", "--db", path, "--format", "json")
    log = json.loads(out)
    assert [(r["id"], r["action"], r["target"]) for r in log] == [(1, "merge", "Harbour Courier")]
    assert log[0]["before"]["outlet"]["name"] == "Harbour Courier"
    assert log[0]["after"]["into"] == "Reuters"
    assert run("curate", "undo", "1", "--db", path)[0] == 0
    assert run("export", "--db", path)[1] == before
    header = run("curate", "log", "--db", path)[1].splitlines()[0]
    assert header == "id,at,who,action,target,before,after,undone_by"


@pytest.mark.parametrize(
    "args",
    [
        ("outlets", "merge", "Harbour Courier", "No Such Gazette"),
        ("outlets", "merge", "Reuters", "Reuters"),
        ("outlets", "rename", "Harbour Courier", "Reuters"),
        ("outlets", "review", "No Such Gazette"),
        ("curate", "undo", "7"),
    ],
)
def test_cli_bad_input_is_one_line_exit_2_and_changes_nothing(fixture_db, args):
    path = fixture_db.conn.execute("PRAGMA database_list").fetchone()[2]
    fixture_db.conn.close()
    before = run("export", "--db", path)[1]
    code, out, err = run(*args, "--db", path)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("signals: ")
    assert run("export", "--db", path)[1] == before
    assert run("curate", "log", "--db", path, "--format", "json")[1].strip() == "[]"


def test_cli_undo_twice_is_an_error(fixture_db):
    path = fixture_db.conn.execute("PRAGMA database_list").fetchone()[2]
    fixture_db.conn.close()
    run(
        "outlets",
        "set",
        "Harbour Courier",
        "--kind",
        "newspaper",
        "--country",
        "Kenya",
        "--db",
        path,
    )
    assert run("curate", "undo", "1", "--db", path)[0] == 0
    code, _, err = run("curate", "undo", "1", "--db", path)
    assert code == 2 and "undone already" in err


def test_cli_outlets_list_and_export_registry(fixture_db, tmp_path):
    path = fixture_db.conn.execute("PRAGMA database_list").fetchone()[2]
    fixture_db.conn.close()
    code, out, _ = run("outlets", "list", "--unreviewed", "--format", "json", "--db", path)
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["Harbour Courier"]["citations"] == 2
    assert rows["Harbour Courier"]["reviewed"] is False
    assert all(not r["reviewed"] for r in rows.values())
    run("outlets", "merge", "Harbour Courier", "Reuters", "--db", path)
    run("outlets", "rename", "Financial Times", "The Financial Times", "--db", path)
    target = tmp_path / "outlets.csv"
    code, _, _ = run("outlets", "export-registry", "-o", str(target), "--db", path)
    assert code == 0
    shared = load_registry(str(target))
    assert shared.resolve("Harbour Courier") == ("Reuters", True)
    assert shared.resolve("FT") == ("The Financial Times", True)
    assert len(shared.outlets) == len(load_registry().outlets)
    assert target.read_text().splitlines()[0] == "name,kind,country,aliases,needs_context"


# --- themes -----------------------------------------------------------------------------------


# The theme a curated term is added to in these tests: one that the term "freight brokers" tips
# onto the fixture's signal (about port delays and a strike; security and trade by default) with
# the shipped layer. Which themes two words can tip is the learned layer's to decide (it changes
# with each refit); what is tested is that the term applies, survives and undoes.
TERM_THEME = "economy"


def themes_of(db, title: str, position: int = 1) -> list[str]:
    return [
        r[0]
        for r in db.execute(
            "SELECT t.theme FROM signal_themes t JOIN signals s ON s.id = t.signal_id "
            "JOIN stories st ON st.id = s.story_id WHERE st.title = ? AND s.position = ? "
            "ORDER BY t.rank",
            [title, position],
        )
    ]


def test_theme_override_applies_at_once_survives_reparse_and_undoes(fixture_db):
    db = fixture_db
    before = export(db)
    title = "Harbour traffic slows"
    story = db.execute("SELECT id FROM stories WHERE title = ?", [title]).fetchone()[0]
    chosen = "history" if themes_of(db, title)[0] != "history" else "diplomacy"
    change = curation.override_theme(db, story, 1, chosen)
    assert themes_of(db, title)[0] == chosen
    assert (
        db.execute(
            "SELECT theme FROM signals WHERE story_id = ? AND position = 1", [story]
        ).fetchone()[0]
        == chosen
    )
    assert db.execute("SELECT count(*) FROM rollup_dirty").fetchone()[0] == 0
    curation.undo(db, change)
    assert export(db) == before
    curation.override_theme(db, story, 1, chosen)
    reparse(db)
    assert themes_of(db, title)[0] == chosen
    story = db.execute("SELECT id FROM stories WHERE title = ?", [title]).fetchone()[0]
    with pytest.raises(curation.UnknownTheme):
        curation.override_theme(db, story, 1, "gardening")
    with pytest.raises(curation.UnknownSignal):
        curation.override_theme(db, story, 9, "trade")


def test_theme_term_applies_at_once_survives_reparse_and_undoes(fixture_db):
    db = fixture_db
    before = export(db)
    assert TERM_THEME not in themes_of(db, "Dock strike looms")
    change = curation.add_theme_term(db, TERM_THEME, "freight brokers")
    assert TERM_THEME in themes_of(db, "Dock strike looms")
    curation.undo(db, change)
    assert export(db) == before
    curation.add_theme_term(db, TERM_THEME, "freight brokers")
    reparse(db)
    assert TERM_THEME in themes_of(db, "Dock strike looms")
    with pytest.raises(curation.CurationError):
        curation.add_theme_term(db, TERM_THEME, "freight brokers")
    with pytest.raises(curation.UnknownTheme):
        curation.add_theme_term(db, "gardening", "roses")


def test_cli_theme_corrections(fixture_db):
    path = fixture_db.conn.execute("PRAGMA database_list").fetchone()[2]
    story = fixture_db.execute(
        "SELECT id FROM stories WHERE title = 'Harbour traffic slows'"
    ).fetchone()[0]
    fixture_db.conn.close()
    before = run("export", "--db", path)[1]
    code, out, _ = run("curate", "theme", str(story), "1", "history", "--db", path)
    assert code == 0 and out.startswith("correction 1: theme")
    code, out, _ = run("curate", "theme-term", "energy-climate", "freight brokers", "--db", path)
    assert code == 0 and out.startswith("correction 2: theme_term")
    code, _, err = run("curate", "theme", str(story), "1", "gardening", "--db", path)
    assert code == 2 and err.startswith("signals: theme must be one of")
    assert run("curate", "undo", "2", "--db", path)[0] == 0
    assert run("curate", "undo", "1", "--db", path)[0] == 0
    assert run("export", "--db", path)[1] == before


def test_undo_after_a_reparse(fixture_db):
    db = fixture_db
    merge = curation.merge(db, "Harbour Courier", "Reuters")
    title = "Harbour traffic slows"
    story = db.execute("SELECT id FROM stories WHERE title = ?", [title]).fetchone()[0]
    parsed = themes_of(db, title)
    chosen = "history" if parsed[0] != "history" else "diplomacy"
    override = curation.override_theme(db, story, 1, chosen)
    term = curation.add_theme_term(db, TERM_THEME, "freight brokers")
    before_rename = export(db)
    rename = curation.rename(db, "Financial Times", "FT Group")
    reparse(db)
    curation.undo(db, rename)
    assert "FT Group" not in export(db)
    assert export(db).count('"Financial Times"') == before_rename.count('"Financial Times"')
    # The merge's citations were rebuilt: its stories are parsed again without it.
    curation.undo(db, merge)
    assert credited(db, "Harbour Courier") == 2
    assert curation.find_outlet(db.conn, "Harbour Courier").name == "Harbour Courier"
    # Theme corrections are undone by scoring the stories again.
    curation.undo(db, term)
    curation.undo(db, override)
    assert themes_of(db, title) == parsed
    assert TERM_THEME not in themes_of(db, "Dock strike looms")


def test_signals_reparse_keeps_a_merge_a_rename_and_a_theme_term_together(fixture_db):
    db = fixture_db
    curation.merge(db, "Harbour Courier", "Reuters")
    curation.rename(db, "Financial Times", "The Financial Times")
    curation.add_theme_term(db, TERM_THEME, "freight brokers")
    reuters, ft = credited(db, "Reuters"), credited(db, "The Financial Times")
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    _code, curated, _ = run("export", "--db", path)
    db.conn.close()
    code, _out, err = run("reparse", "--db", path)
    assert code == 0, err
    _code, rebuilt, _ = run("export", "--db", path)
    from signals_data.store import open_db

    db = open_db(path)
    try:
        assert (credited(db, "Reuters"), credited(db, "The Financial Times")) == (reuters, ft)
        assert credited(db, "Harbour Courier") == credited(db, "Financial Times") == 0
        assert TERM_THEME in themes_of(db, "Dock strike looms")
    finally:
        db.conn.close()
    # The rebuilt stories carry new ids; everything the export shows of them is the same.
    assert strip_ids(curated) and strip_ids(rebuilt) == strip_ids(curated)


def strip_ids(jsonl: str) -> list[dict]:
    rows = [json.loads(line) for line in jsonl.splitlines() if line.strip()]
    return [{k: v for k, v in row.items() if k not in ("id", "story_id")} for row in rows]


def test_merging_a_name_that_is_only_an_alias_is_refused(fixture_db):
    """Merging an alias would move the whole outlet it stands for: refused, nothing changes."""
    db = fixture_db
    curation.merge(db, "Harbour Courier", "Reuters")
    before, log = export(db), len(curation.changes(db))
    with pytest.raises(curation.CurationError, match="is a name of 'Reuters'"):
        curation.merge(db, "harbour courier", "Reuters")
    assert export(db) == before
    assert len(curation.changes(db)) == log
