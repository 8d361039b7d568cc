"""Saved views (``signals_data.views``) and ``signals views`` on the command line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from signals_data import views
from signals_data.store import open_db, open_readonly
from signals_data.views import ViewError

THEMES = {"trade": "Trade", "history": "History"}


def test_save_list_get_delete(db):
    first = views.save(db, "Trade network", "/overlap?theme=trade&view=network", "for Monday")
    second = views.save(db, "  Reuters   stories ", "/stories?outlet=Reuters", author="ana")
    assert views.SLUG_PATTERN.fullmatch(first.slug) and first.slug != second.slug
    assert first.short_link == f"/?v={first.slug}"
    assert second.name == "Reuters stories" and second.author == "ana"
    assert [v.slug for v in views.list_views(db)] == [second.slug, first.slug]
    assert views.get(db, first.slug) == first
    assert first.page == "/overlap"
    assert first.params == {"theme": ["trade"], "view": ["network"]}
    assert views.delete(db, first.slug) == first
    assert views.get(db, first.slug) is None
    assert [v.slug for v in views.list_views(db)] == [second.slug]


def test_slugs_are_short_url_safe_and_unique(db):
    slugs = {views.save(db, f"v{i}", "/").slug for i in range(200)}
    assert len(slugs) == 200
    # (Lower-case letters and digits: a slug of digits only is one too, and "1234".islower() is
    # false, which once failed this test by chance.)
    assert all(re.fullmatch(rf"[a-z0-9]{{{views.SLUG_LENGTH}}}", s) for s in slugs)


@pytest.mark.parametrize(
    ("path", "stored"),
    [
        ("/", "/"),
        ("/overlap?theme=trade&view=network", "/overlap?theme=trade&view=network"),
        ("/overlap/?outlet=A&outlet=B", "/overlap?outlet=A&outlet=B"),
        ("http://127.0.0.1:8501/stories?story=3", "/stories?story=3"),
        ("/compare?a_outlet=Reuters&b_theme=trade&period=week", None),
        ("/stories?q=a%26b", "/stories?q=a%26b"),
        ("/compare?a_theme=trade&view=pairs&measure=jaccard", None),
        ("/themes?top_outlets=economy&mentions=true", None),
    ],
)
def test_paths_of_known_pages_and_parameters_are_accepted(path, stored):
    assert views.check_path(path) == (stored or path)


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("", "needs the path"),
        ("/nowhere", "no page '/nowhere'"),
        ("/overlap?colour=red", "no parameter colour"),
        ("/stories?view=network", "no parameter view"),
        ("/?v=abcd1234", "no parameter v"),
        ("javascript:alert(1)", "not a page"),
        ("/" + "x" * 5000, "longer than"),
    ],
)
def test_bad_paths_are_refused_with_nothing_saved(db, path, words):
    with pytest.raises(ViewError, match=words):
        views.save(db, "name", path)
    assert views.list_views(db) == []


@pytest.mark.parametrize(
    ("name", "words"), [("", "needs a name"), ("   ", "needs a name"), ("x" * 121, "at most 120")]
)
def test_bad_names_are_refused_with_nothing_saved(db, name, words):
    with pytest.raises(ViewError, match=words):
        views.save(db, name, "/")
    assert views.list_views(db) == []
    assert views.save(db, "x" * 120, "/").name == "x" * 120


@pytest.mark.parametrize("slug", ["", "ab", "ABCDEFGH", "abc/def1", "a" * 40, "<script>"])
def test_malformed_slugs_are_refused(db, slug):
    with pytest.raises(ViewError, match="not a saved view"):
        views.get(db, slug)
    with pytest.raises(ViewError):
        views.delete(db, slug)


def test_unknown_slug(db):
    assert views.get(db, "zzzz9999") is None
    with pytest.raises(ViewError, match="no saved view"):
        views.delete(db, "zzzz9999")


def test_describe_says_the_page_filters_and_parameters(db):
    view = views.save(db, "n", "/overlap?theme=trade&outlet=Reuters&view=network&mentions=1")
    assert views.describe(view, THEMES) == (
        "Overlap: outlets: Reuters; themes: Trade; including mentions; view network"
    )
    assert views.describe(views.save(db, "all", "/"), THEMES) == "Overview: all signals"


def test_a_database_without_the_table_has_no_views(tmp_path):
    import sqlite3

    path = tmp_path / "old.db"
    sqlite3.connect(path).execute("CREATE TABLE meta (key TEXT, value TEXT)").connection.close()
    db = open_readonly(path)
    assert views.list_views(db) == []
    assert views.get(db, "abcd1234") is None
    db.conn.close()


# --- the command line ----------------------------------------------------------------------------


def signals(*args: str, db_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SIGNALS_USER": "cli-user"}
    command = [sys.executable, "-m", "signals_data", *args, "--db", str(db_path)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


@pytest.fixture
def cli_db(db_path: Path) -> Path:
    open_db(db_path).conn.close()
    return db_path


def test_cli_add_list_delete(cli_db):
    added = signals(
        "views",
        "add",
        "Trade network",
        "/overlap?theme=trade&view=network",
        "--note",
        "weekly",
        db_path=cli_db,
    )
    assert added.returncode == 0, added.stderr
    link = added.stdout.strip().splitlines()[-1]
    assert link.startswith("/?v=")
    slug = link.removeprefix("/?v=")
    listed = signals("views", "list", "--format", "json", db_path=cli_db)
    rows = json.loads(listed.stdout)
    assert rows == [
        {
            "slug": slug,
            "name": "Trade network",
            "note": "weekly",
            "path": "/overlap?theme=trade&view=network",
            "author": "cli-user",
            "created_at": rows[0]["created_at"],
            "short_link": link,
        }
    ]
    csv_out = signals("views", "list", db_path=cli_db).stdout.splitlines()
    assert csv_out[0] == "slug,name,note,path,author,created_at,short_link"
    assert csv_out[1].startswith(f"{slug},Trade network,weekly,")
    deleted = signals("views", "delete", slug, db_path=cli_db)
    assert deleted.returncode == 0, deleted.stderr
    assert json.loads(signals("views", "list", "--format", "json", db_path=cli_db).stdout) == []


@pytest.mark.parametrize(
    "args",
    [
        ("views", "add", "", "/"),
        ("views", "add", "x" * 121, "/"),
        ("views", "add", "name", "/nowhere"),
        ("views", "add", "name", "/overlap?colour=red"),
        ("views", "delete", "zzzz9999"),
        ("views", "delete", "not a slug"),
    ],
)
def test_cli_bad_input_is_one_line_exit_2_nothing_changed(cli_db, args):
    kept = signals("views", "add", "kept", "/", db_path=cli_db)
    assert kept.returncode == 0
    before = cli_db.read_bytes()
    result = signals(*args, db_path=cli_db)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("signals: ")
    assert cli_db.read_bytes() == before
    assert len(json.loads(signals("views", "list", "--format", "json", db_path=cli_db).stdout)) == 1


def test_cli_missing_database(tmp_path):
    result = signals("views", "list", db_path=tmp_path / "none.db")
    assert result.returncode == 2
    assert "no database" in result.stderr
    assert not (tmp_path / "none.db").exists()
