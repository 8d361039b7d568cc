"""Who is using the dashboard and what they may do: the one place the pages ask.

Roles: a *viewer* reads, exports and saves personal views; an *editor* also ingests, curates and
manages shared views. Until sign-in is configured, the one local user is an editor (unless the
server is read-only, where nobody can write).
"""

from __future__ import annotations

from signals_data.curation import current_user
from ui import data


def can_edit() -> bool:
    """True when this session may write: ingest, curate, delete others' views."""
    return not data.read_only()


def who() -> str | None:
    """The identity written to the audit log and to saved views (None when unknown)."""
    return current_user()


def can_manage_view(author: str | None) -> bool:
    """A saved view may be changed or deleted by its author or by an editor."""
    if data.read_only():
        return False
    return can_edit() or (author is not None and author == who())
