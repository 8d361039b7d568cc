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

Code that does not call ``check`` (a library, a loop not yet instrumented) is covered by a
fallback in the main thread on Unix (the CLI and its parsing process): an interval timer raises
``TooSlow`` from a signal handler HARD_GRACE_S after the budget ends. Other threads (the
dashboard's) rely on ``check`` alone.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from signals_data.errors import TooSlow

DOCUMENT_BUDGET_S = 10.0  # one document's parsing, from decoding to the finished Story
HARD_GRACE_S = 2.0  # the timer fallback fires this long after the budget, if check() has not

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
    timer = _arm_timer(seconds + HARD_GRACE_S) if outer is None else None
    try:
        yield
    finally:
        if timer is not None:
            _disarm_timer(timer)
        _LIMIT.reset(token)


def _timer_usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _arm_timer(seconds: float) -> tuple[object, float, float] | None:
    """Start the fallback timer; returns what to restore (the handler it replaced, or None if
    ours was in place already; the time left on a timer already running; when ours started),
    or None if it cannot run here (not the main thread, no SIGALRM) or an earlier timer would
    fire first anyway."""
    if not _timer_usable():
        return None
    pending = signal.getitimer(signal.ITIMER_REAL)[0]
    if 0 < pending <= seconds:
        return None
    handler = None
    if signal.getsignal(signal.SIGALRM) is not _out_of_time:
        previous = signal.signal(signal.SIGALRM, _out_of_time)
        handler = previous if previous is not None else signal.SIG_DFL
    signal.setitimer(signal.ITIMER_REAL, seconds)
    return handler, pending, time.monotonic()


def _disarm_timer(saved: tuple[object, float, float]) -> None:
    handler, pending, started = saved
    signal.setitimer(signal.ITIMER_REAL, 0)
    if handler is not None:
        signal.signal(signal.SIGALRM, handler)
    if pending > 0:  # give a timer that was running (a test's time limit) its time back
        signal.setitimer(signal.ITIMER_REAL, max(0.001, pending - (time.monotonic() - started)))


@contextmanager
def timer_handler() -> Iterator[None]:
    """Keep the fallback timer's signal handler in place for a run of many budgets (a batch
    of documents, a parsing process): each ``deadline`` then only sets and clears its timer,
    instead of also swapping the handler in and out (two thirds of its cost). The handler
    that was there before is put back at the end."""
    if not _timer_usable() or signal.getsignal(signal.SIGALRM) is _out_of_time:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _out_of_time)
    try:
        yield
    finally:
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)


def _out_of_time(signum, frame) -> None:
    # Left in place between budgets (``timer_handler``), it may see a timer that fired just as
    # its budget ended: with no budget running there is nothing to stop.
    if _LIMIT.get() is not None:
        _raise_too_slow()


def check() -> None:
    """Raise ``TooSlow`` if the current budget has run out; a no-op without a budget."""
    limit = _LIMIT.get()
    if limit is not None and time.monotonic() > limit[0]:
        _raise_too_slow()


def _raise_too_slow() -> None:
    limit = _LIMIT.get()
    seconds, origin = (limit[1], limit[2]) if limit else (DOCUMENT_BUDGET_S, "")
    where = f"{origin}: " if origin else ""
    raise TooSlow(
        f"{where}rejected after {seconds:g} s: the page took longer to parse than the "
        f"per-document time budget allows (is it unusually large or malformed?)"
    )


def remaining() -> float | None:
    """Seconds left in the current budget, or None without one."""
    limit = _LIMIT.get()
    return None if limit is None else max(0.0, limit[0] - time.monotonic())
