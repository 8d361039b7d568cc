"""Roles and identity (``ui.auth``): the rules on their own, then in the app through AppTest with
an ``[auth]`` secrets section and a signed-in user, and the ingest log they sign."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import AUTH, ROOT, open_app
from streamlit.testing.v1 import AppTest

from ui.auth import (
    EDITOR,
    VIEWER,
    Editors,
    SettingError,
    identity_of,
    parse_editors,
    providers,
    role_of,
    same_person,
)

EDITORS = ["Chief@Example.org", "@editors.example.net"]
SIGN_IN = {"auth": AUTH, "signals": {"editors": EDITORS}}

pytestmark = pytest.mark.usefixtures("navigation_mode")


# --- the rules -----------------------------------------------------------------------------------


def test_editors_are_addresses_or_whole_domains_in_any_case():
    editors = parse_editors(EDITORS)
    assert editors == Editors(frozenset({"chief@example.org"}), frozenset({"@editors.example.net"}))
    assert editors.include("chief@example.org")
    assert editors.include("CHIEF@EXAMPLE.ORG ")
    assert editors.include("ana@Editors.Example.NET")
    assert not editors.include("other@example.org")  # an address is not its domain
    assert not editors.include("ana@sub.editors.example.net")  # nor a subdomain
    assert not editors.include("ana@noteditors.example.net")
    assert not editors.include("editors.example.net")
    assert not editors.include(None)
    assert not editors.include("")


@pytest.mark.parametrize(
    "entries",
    [
        ["example.com"],  # a domain without its @: address or domain? not guessed
        ["alice"],
        ["alice@"],
        ["@localhost"],
        ["al ice@example.org"],
        ["a@b@example.org"],
        "alice@example.org",  # a string, not a list
    ],
)
def test_an_unclear_editor_entry_is_refused(entries):
    with pytest.raises(SettingError, match="editors"):
        parse_editors(entries)


def test_no_editors_setting_means_no_editor():
    assert parse_editors(None) == Editors()
    assert parse_editors([]) == Editors()


def test_the_role_comes_from_the_verified_email():
    editors = parse_editors(EDITORS)
    assert role_of({"email": "chief@example.org"}, editors) == EDITOR
    assert role_of({"email": "chief@example.org", "email_verified": True}, editors) == EDITOR
    assert role_of({"email": "chief@example.org", "email_verified": False}, editors) == VIEWER
    assert role_of({"email": "someone@example.org"}, editors) == VIEWER
    assert role_of({"sub": "12345"}, editors) == VIEWER  # no e-mail: never an editor


def test_the_identity_is_the_lower_cased_email_else_the_subject():
    assert identity_of({"email": " Ana@Editors.Example.net", "sub": "1"}) == (
        "ana@editors.example.net"
    )
    assert identity_of({"sub": "1234"}) == "sub:1234"
    assert identity_of({}) is None


def test_a_view_belongs_to_its_author_whatever_the_case():
    assert same_person("Ana@Example.org", "ana@example.org")
    assert not same_person("ana@example.org", "bob@example.org")
    assert not same_person(None, "ana@example.org")
    assert not same_person("ana@example.org", None)


def test_providers_default_named_or_none():
    assert providers(AUTH) == [None]
    named = {"redirect_uri": "x", "cookie_secret": "y", "google": {"client_id": "g"}}
    named["okta"] = {"server_metadata_url": "https://o/.well-known/openid-configuration"}
    assert providers(named) == ["google", "okta"]
    assert providers({"redirect_uri": "x", "cookie_secret": "y"}) == []


# --- in a running script -------------------------------------------------------------------------


def report_session():
    import streamlit as st

    from ui import auth

    st.text(f"{auth.role()}|{auth.who()}|{auth.can_edit()}|{auth.signed_in()}")
    st.text(f"{auth.can_manage_view('ana@example.org')}|{auth.can_manage_view('bob@example.org')}")


def session(secrets: dict | None = None, user: dict | None = None) -> list[str]:
    at = AppTest.from_function(report_session, default_timeout=30)
    if secrets:
        at.secrets.update(secrets)
    if user is not None:
        at.user = user
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return [t.value for t in at.text]


@pytest.fixture
def writable(monkeypatch):
    monkeypatch.delenv("SIGNALS_READ_ONLY", raising=False)
    monkeypatch.setenv("SIGNALS_USER", "localname")


def test_local_mode_is_the_local_user_as_editor(writable):
    # AppTest's default st.user has an e-mail: without [auth] it must not count.
    assert session() == [f"{EDITOR}|localname|True|False", "True|True"]


def test_a_signed_in_viewer_manages_only_their_own_views(writable):
    user = {"is_logged_in": True, "email": "Ana@Example.org", "sub": "a"}
    assert session(SIGN_IN, user) == [f"{VIEWER}|ana@example.org|False|True", "True|False"]


def test_a_signed_in_editor_may_do_everything(writable):
    user = {"is_logged_in": True, "email": "ana@editors.example.net", "sub": "a"}
    assert session(SIGN_IN, user) == [f"{EDITOR}|ana@editors.example.net|True|True", "True|True"]


def test_not_signed_in_is_nobody(writable):
    assert session(SIGN_IN, {"is_logged_in": False}) == [
        f"{VIEWER}|None|False|False",
        "False|False",
    ]


def test_read_only_beats_the_editor_role(writable, monkeypatch):
    monkeypatch.setenv("SIGNALS_READ_ONLY", "1")
    user = {"is_logged_in": True, "email": "chief@example.org", "sub": "c"}
    assert session(SIGN_IN, user) == [f"{EDITOR}|chief@example.org|False|True", "False|False"]


# --- the app -------------------------------------------------------------------------------------


@pytest.fixture
def served(corpus_db, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "served.db"
    shutil.copy(corpus_db, path)
    monkeypatch.setenv("SIGNALS_DB", str(path))
    monkeypatch.delenv("SIGNALS_READ_ONLY", raising=False)
    monkeypatch.chdir(ROOT)
    return path


def run_app(secrets: dict | None, user: dict | None, page: str | None = None) -> AppTest:
    return open_app(page, None, secrets, user)


def captions(at: AppTest) -> str:
    return "\n".join(str(c.value) for c in at.sidebar.caption)


def test_not_signed_in_the_app_shows_only_the_sign_in_button(served):
    at = run_app(SIGN_IN, {"is_logged_in": False})
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.metric and not at.dataframe and not at.sidebar.multiselect
    assert at.title[0].value.endswith("Signals Desk")


def test_a_viewer_gets_no_upload_control(served):
    user = {"is_logged_in": True, "email": "ana@example.org"}
    at = run_app(SIGN_IN, user, "ingest.py")
    assert not at.get("file_uploader")
    assert "only editors can upload pages" in at.info[0].value
    assert "Signed in as" in captions(at) and "(viewer)" in captions(at)
    assert "Sign out" in [b.label for b in at.sidebar.button]


def test_an_editor_gets_the_upload_control(served):
    user = {"is_logged_in": True, "email": "chief@example.org"}
    at = run_app(SIGN_IN, user, "ingest.py")
    assert len(at.get("file_uploader")) == 1
    assert "(editor)" in captions(at)


def test_local_mode_keeps_its_one_sidebar_line_and_no_sign_out(served):
    at = run_app(None, None, "ingest.py")
    assert captions(at).startswith(":material/person: Local session: you can do everything")
    assert "Signed in" not in captions(at)
    assert "Sign out" not in [b.label for b in at.sidebar.button]
    assert len(at.get("file_uploader")) == 1


def test_a_misconfigured_editors_setting_stops_every_page_with_its_reason(served):
    secrets = {"auth": AUTH, "signals": {"editors": ["example.com"]}}
    at = run_app(secrets, {"is_logged_in": True, "email": "ana@example.com"})
    assert "misconfigured" in at.error[0].value and "example.com" in at.error[0].value
    assert not at.metric


def test_an_auth_section_without_a_provider_is_refused(served):
    secrets = {"auth": {"redirect_uri": "x", "cookie_secret": "y"}}
    at = run_app(secrets, {"is_logged_in": False})
    assert "no provider" in at.error[0].value
    assert not at.button


# --- the ingest log ------------------------------------------------------------------------------


def test_an_upload_run_is_logged_with_who_made_it(db):
    from signals_data import audit

    assert audit.ingest_runs(db) == []
    first = audit.record_ingest(db, "ana@example.org", ["a.txt", "b.md"], {"ok": 2})
    second = audit.record_ingest(db, None, ["c.html"], {"rejected": 1})
    runs = audit.ingest_runs(db)
    assert [r.id for r in runs] == [second, first]  # newest first
    assert runs[1].who == "ana@example.org"
    assert runs[1].files == ["a.txt", "b.md"] and runs[1].counts == {"ok": 2}
    assert runs[0].who is None


def test_an_older_database_has_no_log_yet(tmp_path):
    import sqlite_utils

    from signals_data import audit

    assert audit.ingest_runs(sqlite_utils.Database(tmp_path / "old.db")) == []
