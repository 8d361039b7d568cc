"""A per-document time budget: a cooperative deadline that long loops check as they go.

Parsing is meant to be linear, but a hostile page must never occupy the server for minutes even
if some path is slower than planned. ``deadline`` sets a limit for the code run inside it (in a
context variable, so threads and nested calls each see their own); ``check`` is cheap enough to
call on every line of a loop and raises ``TooSlow`` once the limit has passed::

    with budget.deadline(origin="page.md"):
        for line in lines:
            budget.check()
            ...

Outside any ``deadline`` block, ``check`` does nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from signals_data.errors import TooSlow

DOCUMENT_BUDGET_S = 10.0  # one document's parsing, from decoding to the finished Story

# (monotonic time the budget ends, its length in seconds, the input it belongs to)
_LIMIT: ContextVar[tuple[float, float, str] | None] = ContextVar("signals_budget", default=None)


@contextmanager
def deadline(seconds: float = DOCUMENT_BUDGET_S, origin: str = "") -> Iterator[None]:
    """Run the block with a time budget; an enclosing, earlier deadline still applies."""
    ends = time.monotonic() + seconds
    outer = _LIMIT.get()
    if outer is not None and outer[0] <= ends:
        yield
        return
    token = _LIMIT.set((ends, seconds, origin))
    try:
        yield
    finally:
        _LIMIT.reset(token)


def check() -> None:
    """Raise ``TooSlow`` if the current budget has run out; a no-op without a budget."""
    limit = _LIMIT.get()
    if limit is not None and time.monotonic() > limit[0]:
        ends, seconds, origin = limit
        where = f"{origin}: " if origin else ""
        raise TooSlow(
            f"{where}rejected after {seconds:g} s: the page took longer to parse than the "
            f"per-document time budget allows (is it unusually large or malformed?)"
        )


def remaining() -> float | None:
    """Seconds left in the current budget, or None without one."""
    limit = _LIMIT.get()
    return None if limit is None else max(0.0, limit[0] - time.monotonic())
