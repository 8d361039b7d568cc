"""Who is using the dashboard and what they may do: the one place the pages ask.

Roles: a *viewer* reads, exports and saves personal views; an *editor* also ingests, curates and
manages shared views. Three modes:

- **Local** (no ``[auth]`` section in ``.streamlit/secrets.toml``): whoever reaches the server is
  the one local user, an editor, known by ``SIGNALS_USER`` or the login name.
- **Sign-in** (an ``[auth]`` section, OpenID Connect through Streamlit's ``st.login``): every page
  asks for sign-in first; the identity is the e-mail the provider vouches for. Editors are listed
  in ``[signals] editors`` of the same file, by address (``"alice@example.org"``) or by domain
  (``"@example.com"``), case-insensitive; everyone else who signs in is a viewer.
- **Read-only** (``SIGNALS_READ_ONLY=1``) beats both: nobody writes, whatever their role.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from signals_data.curation import current_user
from ui import data
from ui.render import esc

EDITOR, VIEWER = "editor", "viewer"
# Keys that make a table of [auth] a provider of its own ([auth.google], [auth.okta], ...).
PROVIDER_KEYS = ("client_id", "server_metadata_url")


class SettingError(ValueError):
    """A sign-in setting that cannot be understood; the message says which and why."""


# --- the role rules (pure: no Streamlit) ----------------------------------------------------------


@dataclass(frozen=True)
class Editors:
    """Who is an editor: whole addresses and whole domains, lower-cased."""

    addresses: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()

    def include(self, email: str | None) -> bool:
        if not email or "@" not in email:
            return False
        email = email.strip().lower()
        return email in self.addresses or email[email.rindex("@") :] in self.domains


def parse_editors(entries: Any) -> Editors:
    """``["alice@example.org", "@example.com"]``: an entry with a local part is one address, an
    entry starting with ``@`` is a domain. Anything else is refused rather than guessed at: a
    bare ``example.com`` could mean either, and a wrong guess hands out write access."""
    if entries is None:
        return Editors()
    if isinstance(entries, str) or not isinstance(entries, Iterable):
        raise SettingError(
            '[signals] editors must be a list, e.g. editors = ["alice@example.org", "@example.com"]'
        )
    addresses, domains = set(), set()
    for entry in entries:
        text = str(entry).strip().lower()
        local, at, domain = text.rpartition("@")
        if not at or not domain or "." not in domain or " " in text or "@" in local:
            raise SettingError(
                f"[signals] editors: {entry!r} is neither an e-mail address "
                '("alice@example.org") nor a domain ("@example.com")'
            )
        (addresses if local else domains).add(text)
    return Editors(frozenset(addresses), frozenset(domains))


def role_of(user: Mapping[str, Any], editors: Editors) -> str:
    """The role of a signed-in user, from the claims the provider sent. An address the
    provider says it has not verified never makes an editor (anyone can type one in at some
    providers); one it says nothing about is taken as the provider's word."""
    if user.get("email_verified") is False:
        return VIEWER
    return EDITOR if editors.include(user.get("email")) else VIEWER


def identity_of(user: Mapping[str, Any]) -> str | None:
    """The name written to the audit log: the e-mail, lower-cased; the provider's subject id
    for an account without one."""
    email = user.get("email")
    if email:
        return str(email).strip().lower()
    subject = user.get("sub")
    return f"sub:{subject}" if subject else None


def same_person(author: str | None, identity: str | None) -> bool:
    """Whether a saved view's author is this user (e-mails compare case-insensitively)."""
    if not author or not identity:
        return False
    return author.strip().lower() == identity.strip().lower()


def providers(auth_section: Mapping[str, Any]) -> list[str | None]:
    """What ``st.login`` can be called with: ``[None]`` when ``[auth]`` itself holds the client
    settings (Streamlit's default provider), else the names of its provider tables
    (``[auth.google]``...); empty when no provider is filled in."""
    if any(key in auth_section for key in PROVIDER_KEYS):
        return [None]
    return [
        name
        for name, value in auth_section.items()
        if isinstance(value, Mapping) and any(key in value for key in PROVIDER_KEYS)
    ]


PROVIDER_LABELS = {"google": "Google", "microsoft": "Microsoft", "okta": "Okta"}


def provider_label(name: str) -> str:
    return PROVIDER_LABELS.get(name.lower(), name.replace("-", " ").title())


# --- the running session -------------------------------------------------------------------------


def _secrets() -> Mapping[str, Any]:
    """The secrets files' contents; empty when there are none (local mode)."""
    if not st.secrets.load_if_toml_exists():
        return {}
    return st.secrets


def auth_section() -> Mapping[str, Any]:
    return _secrets().get("auth") or {}


def sign_in_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section: sign-in is required."""
    return bool(auth_section())


def editors() -> Editors:
    section = _secrets().get("signals") or {}
    if not isinstance(section, Mapping):
        raise SettingError("[signals] must be a table, e.g. [signals] editors = [...]")
    return parse_editors(section.get("editors"))


def _user() -> Mapping[str, Any]:
    return st.user.to_dict()


def signed_in() -> bool:
    """Signed in through the provider (never true in local mode, whatever ``st.user`` holds)."""
    return sign_in_configured() and bool(_user().get("is_logged_in"))


def role() -> str:
    """``editor`` or ``viewer``: the local user is an editor; a signed-in user is whatever
    ``[signals] editors`` makes them; someone not signed in is a viewer of nothing."""
    if not sign_in_configured():
        return EDITOR
    if not signed_in():
        return VIEWER
    try:
        return role_of(_user(), editors())
    except SettingError:  # require_sign_in shows it; until it is fixed nobody is an editor
        return VIEWER


def can_edit() -> bool:
    """True when this session may write: ingest, curate, delete others' views."""
    return not data.read_only() and role() == EDITOR


def who() -> str | None:
    """The identity written to the audit log and to saved views (None when unknown): the
    signed-in e-mail, or in local mode ``SIGNALS_USER`` / the login name."""
    if not sign_in_configured():
        return current_user()
    return identity_of(_user()) if signed_in() else None


def can_manage_view(author: str | None) -> bool:
    """A saved view may be changed or deleted by its author or by an editor."""
    if data.read_only():
        return False
    return can_edit() or same_person(author, who())


# --- what the app draws --------------------------------------------------------------------------


def require_sign_in() -> None:
    """With sign-in configured, a visitor who is not signed in gets the sign-in screen and
    nothing else (no sidebar, no data); a settings mistake stops every page with its message."""
    if not sign_in_configured():
        return
    try:
        editors()
        if not providers(auth_section()):
            raise SettingError("[auth] has no provider: fill in one provider block")
    except SettingError as exc:
        st.error(f"Sign-in is misconfigured in `.streamlit/secrets.toml`: {exc}.")
        st.stop()
    if signed_in():
        return
    # A navigation of one hidden page: without one, Streamlit would list the pages/ folder in
    # the sidebar and run a page's script directly, past this gate.
    st.navigation([st.Page(_sign_in_screen, title="Sign in")], position="hidden").run()
    st.stop()


def stop_unless_signed_in() -> None:
    """Every read and write of the database asks this too (``ui.data``). On a fresh server,
    Streamlit runs the first request's page script straight from the pages/ folder, without
    app.py and its gate, until app.py has called ``st.navigation`` once: such a page must not
    show data to a visitor who has not signed in either."""
    if sign_in_configured() and not signed_in():
        _sign_in_screen()
        st.stop()


def _sign_in_screen() -> None:
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title(":material/cell_tower: Signals Desk")
        st.markdown(
            "Who is cited, on which themes, and how sources overlap. "
            "Sign in with your work account to continue."
        )
        for name in providers(auth_section()):
            label = "Sign in" if name is None else f"Sign in with {provider_label(name)}"
            if st.button(label, type="primary", icon=":material/login:", key=f"login_{name}"):
                st.login(name)
        _link_to_reopen()
        st.caption(
            "Everyone who signs in can read, export and save their own views; "
            "the people listed as editors can also upload pages and make corrections."
        )


def _link_to_reopen() -> None:
    """Streamlit's sign-in always comes back to the app's root (its callback redirects to "/"
    and starts a new session), so a shared link opened before signing in is lost: say which
    link to open again."""
    base = st.context.url or ""
    query = urllib.parse.urlencode(
        [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    )
    url = base + ("?" + query if query else "")
    if (urllib.parse.urlsplit(base).path.strip("/") or query) and base.startswith("http"):
        st.info("After signing in you will land on the Overview. Then open this link again:")
        st.code(url, language=None, wrap_lines=True)


def sidebar_identity() -> None:
    """One line on who this is and what they can do; with sign-in, a Sign out button."""
    if data.read_only():
        line = ":material/lock: Read-only: you can read, filter and open saved views."
    elif not sign_in_configured():
        line = ":material/person: Local session: you can do everything (editor)."
    elif role() == EDITOR:
        line = ":material/edit: Editor: you can read, upload pages and make corrections."
    else:
        line = ":material/visibility: Viewer: you can read, export and save your own views."
    if signed_in():
        # An e-mail is data from the provider, escaped like any other.
        st.sidebar.caption(f"Signed in as **{esc(who())}** ({role()})")
    st.sidebar.caption(line)
    if signed_in() and st.sidebar.button("Sign out", icon=":material/logout:"):
        st.logout()
