"""Ingest: read inputs, keep each verbatim, parse it, and store the story, one transaction each.

A bad input never stops the batch: it is stored with status ``rejected`` (not a Signals page,
empty, binary) or ``error`` (unreadable), and a message naming the input and what was wrong.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import json
import multiprocessing
import os
import sqlite3
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from importlib import resources

import sqlite_utils

from signals_data import budget
from signals_data.errors import SignalsError
from signals_data.extract import EXTENSIONS, decode_bytes, sniff_format, to_text
from signals_data.models import Hints, Signal, Story, ThemeScore
from signals_data.outlets import load_registry
from signals_data.parse import PageRead, assign_themes, read_page, story_key
from signals_data.readers import RawInput, expand_targets, read_targets
from signals_data.records import validate_record
from signals_data.store import (
    DocumentInput,
    Outcome,
    WriteLocked,
    Writer,
    commit_every,
    deferred_fts,
    ensure_rollups,
    index_backlog,
    printable,
    transaction,
)
from signals_data.themes import load_taxonomy, score_themes
from signals_data.transactions import batch_settings
from signals_data.urls import normalize_url


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(o.status for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in ("rejected", "error")]

    def describe(self) -> str:
        c = self.counts
        return (
            f"{c['ok']} ingested, {c['updated']} updated, {c['unchanged']} unchanged, "
            f"{c['rejected']} rejected, {c['error']} failed (unreadable or not stored)"
        )


def story_from_export(record: dict, registry, taxonomy) -> Story:
    """A Story from one line of ``signals export --format jsonl`` (so exports round-trip).

    The record is validated first (``records.validate_record``): a field of the wrong type,
    length or range, or a theme this taxonomy does not have, raises ``InvalidRecord`` naming it."""
    valid = validate_record(record, {theme.slug for theme in taxonomy.themes})
    signals = []
    for raw in valid.signals or []:
        budget.check()
        headline, body = raw.headline or "", raw.body or ""
        scored = {t.slug: t for t in score_themes(headline, body, taxonomy)}
        themes = [scored.get(slug) or ThemeScore(slug, 0.0, []) for slug in raw.themes or []]
        signals.append(
            Signal(
                position=raw.position,
                headline=headline,
                body=body,
                outlets=_canonical(raw.outlets, registry),
                mentions=_canonical(raw.mentions, registry),
                themes=themes or list(scored.values()),
            )
        )
    return Story(
        title=valid.title.strip(),
        url=normalize_url(valid.url) if valid.url else None,
        published=valid.published,
        updated=valid.updated,
        region=valid.region,
        category=valid.category,
        summary=valid.summary or "",
        insights_from=_canonical(valid.insights_from, registry),
        sponsor=valid.sponsor,
        signals=sorted(signals, key=lambda signal: signal.position),
        flags=[] if valid.title.strip() else ["untitled"],
    )


def _canonical(names: list[str] | None, registry) -> list[str]:
    """Canonical outlet names, each once, in order (a blank name is no outlet)."""
    seen: dict[str, None] = {}
    for name in names or []:
        canonical = registry.resolve(name)[0]
        if canonical and canonical.strip():
            seen.setdefault(canonical, None)
    return list(seen)


def named(origin: str, message: str) -> str:
    """A message that names its input: prefixed with the origin unless it starts with it."""
    return message if message.startswith(origin) else f"{origin}: {message}"


def documents_of(raw: RawInput, options: dict) -> Iterator[DocumentInput]:
    """One document per input, or one per line of a JSONL export."""
    origin = printable(raw.origin)
    if raw.content is not None and raw.format == "jsonl":
        # Lines end at \n (and \r\n) only: splitlines() would also cut at the Unicode line
        # separators a JSON string may hold, and the line numbers would no longer be the file's.
        for number, line in enumerate(raw.content.split(b"\n"), start=1):
            if line.strip():
                yield DocumentInput(f"{origin}#L{number}", line, "jsonl", None, options)
        return
    yield DocumentInput(origin, raw.content, raw.format, None, options)


def parse_document(doc: DocumentInput, registry=None, taxonomy=None) -> Story:
    """Decode and parse one document; raises a SignalsError subclass with a message naming it."""
    taxonomy = taxonomy or load_taxonomy()
    story, page = read_document(doc, registry, taxonomy)
    if page is not None:
        assign_themes([page], taxonomy)
    return story


def read_document(
    doc: DocumentInput, registry=None, taxonomy=None
) -> tuple[Story, PageRead | None]:
    """Decode and parse one document, leaving a page's themes to be assigned (the page is
    returned with its story for that; None for an export line, whose themes are set).
    Raises a SignalsError subclass with a message naming the document."""
    registry = registry or load_registry()
    text, doc.encoding = decode_bytes(doc.content or b"", doc.origin)
    options = doc.options or {}
    try:
        if doc.format == "jsonl":
            try:
                record = json.loads(text)
            except (ValueError, RecursionError) as exc:
                raise SignalsError(f"not valid JSON ({str(exc)[:200]})") from None
            return story_from_export(record, registry, taxonomy or load_taxonomy()), None
        doc.format = sniff_format(text, doc.format)
        body, hints = to_text(text, doc.format)
        overrides = Hints(
            url=_usable_url_option(options.get("url")), published=options.get("published")
        )
        page = read_page(body, hints, overrides=overrides, registry=registry)
        return page.story, page
    except SignalsError as exc:
        raise type(exc)(named(doc.origin, str(exc))) from None


def _usable_url_option(url: str | None) -> str | None:
    """The ``--url`` given for a page, or a rejection naming the option if it is no URL."""
    if not url:
        return None
    try:
        normalize_url(url)
    except ValueError as exc:
        raise SignalsError(f"the --url option {url[:200]!r} is not a usable URL ({exc})") from None
    return url


@dataclass
class Parsed:
    """A document after decoding and parsing: its story, or the outcome that rejects it."""

    doc: DocumentInput
    story: Story | None
    outcome: Outcome
    pending: PageRead | None = None  # the page, while its themes wait for ``finish_themes``


# A page whose signals and News hold more text than this has its themes scored on its own,
# within its own time budget, rather than in a batch it could slow down for everyone.
DEFER_THEMES_MAX_CHARS = 100_000


def parse_for_store(
    doc: DocumentInput, registry=None, taxonomy=None, *, defer_themes: bool = False
) -> Parsed:
    """Parse one document without touching the database (so it can run in a worker process),
    within the per-document time budget. With ``defer_themes``, a page's themes are left for
    ``finish_themes`` to score with those of other pages."""
    try:
        with budget.deadline(budget.DOCUMENT_BUDGET_S, doc.origin):
            taxonomy = taxonomy or load_taxonomy()
            story, page = read_document(doc, registry, taxonomy)
            if page is not None and not (
                defer_themes and _theme_chars(page) <= DEFER_THEMES_MAX_CHARS
            ):
                assign_themes([page], taxonomy)
                page = None
        return Parsed(doc, story, Outcome(doc.origin, "ok", ""), page)
    except SignalsError as exc:
        return _rejected(doc, exc)
    except Exception as exc:  # a parser bug must not lose the input or stop the batch
        return _failed(doc, exc)


def _rejected(doc: DocumentInput, exc: SignalsError) -> Parsed:
    return Parsed(doc, None, Outcome(doc.origin, "rejected", named(doc.origin, str(exc))))


def _failed(doc: DocumentInput, exc: Exception) -> Parsed:
    return Parsed(
        doc, None, Outcome(doc.origin, "error", f"{doc.origin}: internal error {exc!r:.300}")
    )


def _theme_chars(page: PageRead) -> int:
    text = page.theme_input
    return len(text.title) + len(text.news) + sum(len(h) + len(b) for h, b in text.signals)


def finish_themes(batch: list[Parsed], taxonomy=None) -> None:
    """Score the themes the batch's pages wait for, all in one call (the embedding and the
    learned layer then work on one matrix, several times faster than page by page). If that
    fails or runs out of time, each page is scored on its own, within its own budget, so one
    bad page costs only itself."""
    waiting = [parsed for parsed in batch if parsed.pending is not None]
    if not waiting:
        return
    taxonomy = taxonomy or load_taxonomy()
    try:
        with budget.deadline(budget.DOCUMENT_BUDGET_S, f"a batch of {len(waiting)} pages"):
            assign_themes([parsed.pending for parsed in waiting], taxonomy)
        for parsed in waiting:
            parsed.pending = None
        return
    except Exception:  # TooSlow, or a bug a single page triggers: find it page by page
        pass
    for parsed in waiting:
        _finish_alone(parsed, taxonomy)


def _finish_alone(parsed: Parsed, taxonomy) -> None:
    page, parsed.pending = parsed.pending, None
    try:
        with budget.deadline(budget.DOCUMENT_BUDGET_S, parsed.doc.origin):
            assign_themes([page], taxonomy)
    except SignalsError as exc:
        rejected = _rejected(parsed.doc, exc)
        parsed.story, parsed.outcome = None, rejected.outcome
    except Exception as exc:
        failed = _failed(parsed.doc, exc)
        parsed.story, parsed.outcome = None, failed.outcome


def parse_batch(docs: list[DocumentInput], registry=None, taxonomy=None) -> list[Parsed]:
    """Parse documents for the store, their themes scored together (see ``finish_themes``)."""
    taxonomy = taxonomy or load_taxonomy()
    with budget.timer_handler():  # each document's budget then costs a third as much
        batch = [parse_for_store(doc, registry, taxonomy, defer_themes=True) for doc in docs]
        finish_themes(batch, taxonomy)
    return batch


def store_document(
    writer: Writer,
    doc: DocumentInput,
    read_error: str | None = None,
    parsed: Parsed | None = None,
    batch: commit_every | None = None,
) -> Outcome:
    """Keep one document and its story in a single transaction (a savepoint inside a batch);
    never raises for bad input. If storing fails (a value SQLite refuses, a locked database),
    the document's changes roll back and it is stored alone with status ``error`` and why."""
    doc.origin = printable(doc.origin)
    try:
        return _store(writer, doc, read_error, parsed, batch)
    except Exception as exc:  # whatever the store refuses fails this document only
        writer.reload_outlet_ids()
        return _store_failure(writer, doc, exc, batch)


def _store(
    writer: Writer,
    doc: DocumentInput,
    read_error: str | None,
    parsed: Parsed | None,
    batch: commit_every | None,
) -> Outcome:
    if doc.content is None:
        outcome = Outcome(doc.origin, "error", named(doc.origin, read_error or "nothing was read"))
        if batch:
            batch.open()
        with transaction(writer.conn):
            outcome.document_id = writer.insert_document(doc, None, outcome)
        return outcome
    sha = hashlib.sha256(doc.content).hexdigest()
    existing = writer.find_document(sha)
    if existing:
        return _already_stored(doc, existing)
    parsed = parsed or parse_for_store(doc, writer.registry, writer.taxonomy)
    doc, story, outcome = parsed.doc, parsed.story, parsed.outcome
    if batch:
        batch.open()  # the write lock is taken only now that there is something to write
    with transaction(writer.conn):
        if story is None:
            outcome.document_id = writer.insert_document(doc, sha, outcome)
            return outcome
        # The story first, naming the document's id to come: the document is then written
        # once, with the story's outcome, instead of inserted and updated.
        document_id = writer.next_document_id()
        status, story_id, message = writer.save_story(story, story_key(story), document_id)
        if status == "unchanged":
            message = named(doc.origin, message)
        outcome = Outcome(doc.origin, status, message, document_id, story_id)
        writer.insert_document(doc, sha, outcome, document_id)
    return outcome


def _already_stored(doc: DocumentInput, existing: tuple[int, int | None]) -> Outcome:
    return Outcome(
        doc.origin,
        "unchanged",
        f"{doc.origin}: already stored as document {existing[0]}",
        existing[0],
        existing[1],
    )


def _store_failure(
    writer: Writer, doc: DocumentInput, exc: Exception, batch: commit_every | None
) -> Outcome:
    """Store the document alone (no story) with status ``error``; if even that fails (the
    database stays locked), the outcome still says what happened, and the caller reports it."""
    reason = str(exc) or type(exc).__name__
    outcome = Outcome(doc.origin, "error", f"{doc.origin}: could not be stored ({reason[:300]})")
    sha = hashlib.sha256(doc.content).hexdigest() if doc.content is not None else None
    if isinstance(exc, WriteLocked):
        # Waiting again would only double the wait: say that nothing was stored.
        outcome.message = f"{doc.origin}: NOT STORED: {reason[:300]}"
        return outcome
    try:
        if sha and (existing := writer.find_document(sha)):
            return _already_stored(doc, existing)  # another process stored the same bytes
        if batch:
            batch.open()
        with transaction(writer.conn):
            outcome.document_id = writer.insert_document(doc, sha, outcome)
    except Exception as again:
        outcome.message = f"{doc.origin}: NOT STORED: {reason[:300]}" + (
            "" if str(again) == reason else f"; then {str(again)[:300]}"
        )
    return outcome


FTS_BATCH = 1000  # with deferred full-text indexing, index every this many documents
COMMIT_BATCH = 1000  # a large batch commits every this many documents
DEFER_FTS_FROM = 50  # batches of at least this many inputs defer indexing and parse in parallel
PARSE_BATCH = 256  # documents handed to the parsing process at a time (bounds memory)


PARSE_WAIT_S = 120.0  # longest wait for one batch from the parsing process
WORKER_CHECK_S = 1.0  # how often a wait looks whether the parsing process still lives


# The registry and taxonomy the parsing process parses with: set in the worker when it starts
# (``_ParsingProcess`` passes the writer's own, curated facts included), None in this process.
_WORKER_CONTEXT: tuple | None = None


def _set_worker_context(registry, taxonomy) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = (registry, taxonomy)
    one_blas_thread()
    threading.Thread(
        target=_exit_with_parent, args=(os.getppid(),), name="parent-watch", daemon=True
    ).start()


def _exit_with_parent(parent: int, every: float = 1.0) -> None:
    """End the parsing process once the process that started it is gone. Killed with ``kill
    -9``, the main process cannot stop its worker, and the worker, waiting for its next batch,
    would stay forever (about 200 MB each); an orphan is handed to another parent."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(0)


# What the OpenBLAS builds numpy ships with call "set the number of threads".
_BLAS_THREAD_SETTERS = (
    "openblas_set_num_threads",
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads_64_",
    "openblas_set_num_threads64_",
)


def one_blas_thread() -> None:
    """Matrix products in the parsing process run on one thread. It shares the machine with the
    writing process, and BLAS's extra threads (which spin while waiting for work) took the
    writer's core: the theme scoring of a batch cost 2 to 3 times more CPU time. Best effort:
    numpy has no such setting, so the call is looked up in the BLAS library it loaded."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower()}
    except OSError:
        return  # not Linux: BLAS keeps its threads
    for path in paths:
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _BLAS_THREAD_SETTERS:
            setter = getattr(library, name, None)
            if setter is not None:
                setter(1)
                return


def _parse_batch(batch: list[tuple[DocumentInput, str | None]], registry=None, taxonomy=None):
    """(document, read error, parsed) for each input; inputs that could not be read are not
    parsed. The documents' themes are scored together."""
    if registry is None and _WORKER_CONTEXT is not None:
        registry, taxonomy = _WORKER_CONTEXT
    readable = [doc for doc, _ in batch if doc.content is not None]
    parsed = iter(parse_batch(readable, registry, taxonomy))
    return [(doc, error, next(parsed) if doc.content is not None else None) for doc, error in batch]


def _parse_in_worker(batch: list[tuple[DocumentInput, str | None]]) -> list[tuple | None]:
    """``_parse_batch`` in the parsing process, returning only what this process lacks: each
    parsed document's story and outcome and what parsing found of it (format, encoding), not
    the document itself, whose bytes the writer already holds (half of what was sent back)."""
    return [
        None
        if parsed is None
        else (parsed.doc.format, parsed.doc.encoding, parsed.story, parsed.outcome)
        for _, _, parsed in _parse_batch(batch)
    ]


def _with_documents(batch: list[tuple[DocumentInput, str | None]], returned: list) -> list:
    """A batch the worker parsed, as ``_parse_batch`` gives it: its results joined to this
    process's own documents."""
    joined = []
    for (doc, error), result in zip(batch, returned, strict=True):
        if result is None:
            joined.append((doc, error, None))
            continue
        doc.format, doc.encoding, story, outcome = result
        joined.append((doc, error, Parsed(doc, story, outcome)))
    return joined


@dataclass
class _Job:
    """A batch on its way to the writer: parsed by the worker (``future``) or here (``parsed``)."""

    batch: list
    future: Future | None = None
    parsed: list | None = None

    def ready(self) -> bool:
        return self.parsed is not None or (self.future is not None and self.future.done())

    def queued(self) -> bool:
        """Whether the worker holds it and has not finished it."""
        return self.future is not None and not self.future.done()


class _ParsingProcess:
    """One worker process parsing batches while this process writes.

    If the worker dies (killed, out of memory) or does not answer within PARSE_WAIT_S, the
    batches it held are parsed here instead, and so is the rest of the run: the ingest completes
    either way, never waiting on a result that cannot come."""

    def __init__(self, registry=None, taxonomy=None) -> None:
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self.registry, self.taxonomy = registry, taxonomy
        if method == "fork":
            _load_parsing_models(registry, taxonomy)
        self.executor: ProcessPoolExecutor | None = ProcessPoolExecutor(
            1,
            mp_context=multiprocessing.get_context(method),
            initializer=_set_worker_context,
            initargs=(registry, taxonomy),
        )

    @property
    def alive(self) -> bool:
        return self.executor is not None

    def submit(self, batch: list) -> _Job:
        if self.executor is not None:
            try:
                return _Job(batch, self.executor.submit(_parse_in_worker, batch))
            except Exception:  # BrokenProcessPool: the worker is gone
                self.stop()
        return _Job(batch)

    def parse_here(self, batch: list) -> _Job:
        """Parse a batch in this process, as the worker would (BLAS on one thread there and
        here, so the scores are the same to the last bit)."""
        one_blas_thread()
        return _Job(batch, parsed=_parse_batch(batch, self.registry, self.taxonomy))

    def results(self, job: _Job, idle: Callable[[], None] | None) -> list:
        if job.parsed is not None:
            return job.parsed
        # Once the worker is gone, what it held is parsed here: its futures may never end.
        if job.future is not None and (self.executor is not None or job.future.done()):
            if idle is not None and not job.future.done():
                idle()  # do not hold the write lock while waiting for the parser
            try:
                return _with_documents(job.batch, self._wait(job.future))
            except Exception:  # a dead or stuck worker: parse here
                self.stop()
        return self.parse_here(job.batch).parsed

    def _wait(self, future: Future) -> list:
        """The future's result, looking every second whether the worker still lives: killed at
        the wrong moment, it can leave its futures pending for good."""
        deadline = time.monotonic() + PARSE_WAIT_S
        while True:
            try:
                return future.result(timeout=WORKER_CHECK_S)
            except FutureTimeout:
                if not self._worker_alive() or time.monotonic() > deadline:
                    raise

    def _worker_alive(self) -> bool:
        executor = self.executor
        processes = getattr(executor, "_processes", None) or {}
        return executor is not None and any(p.is_alive() for p in list(processes.values()))

    def stop(self) -> None:
        executor, self.executor = self.executor, None
        if executor is None:
            return
        # A stuck worker would keep the interpreter from exiting: end it. (The executor has no
        # public way to reach its processes or its queues.)
        results = getattr(executor, "_result_queue", None)
        processes = list(getattr(executor, "_processes", {}).values())
        for process in processes:
            if process.is_alive():
                process.kill()
        for process in processes:
            process.join(timeout=5)
        executor.shutdown(wait=False, cancel_futures=True)
        _unblock_result_reader(results, processes)


def _unblock_result_reader(results, processes: list) -> None:
    """Close this process's copy of the result pipe's writing end, once the worker is dead.

    A worker killed while sending a result leaves a length and half the bytes in the pipe: the
    executor's thread waits in ``recv`` for the rest, and the interpreter joins that thread at
    exit, for ever (this process holds the pipe's other end open, so no end of file comes).
    With no writer left the read fails, the executor marks itself broken and its thread ends.
    This process never writes to that pipe."""
    writer = getattr(results, "_writer", None)
    if writer is None or any(process.is_alive() for process in processes):
        return
    with suppress(OSError):
        writer.close()


def _load_parsing_models(registry, taxonomy) -> None:
    """Parse the bundled sample page once, so that the models theme scoring loads on first use
    (embeddings, examples: a quarter of a second) are loaded before the parsing process is forked:
    it inherits them instead of loading its own copy, and this process needs them too."""
    sample = resources.files("signals_data") / "samples" / "putin-xi-beijing.txt"
    try:
        content = sample.read_bytes()
    except OSError:
        return
    one_blas_thread()
    _parse_batch([(DocumentInput("sample", content, "text"), None)], registry, taxonomy)


# The worker is given this many batches ahead, so that it never waits for this process.
WORKER_AHEAD = 2
# How often (seconds) this process's threads may take the GIL from each other while a worker
# parses. The executor's threads here move every batch through pipes 64 KB at a time (half a
# megabyte to the worker, a megabyte back) and need the GIL for each piece; at Python's default
# 5 ms, with this thread parsing or writing, a batch's hand-over kept the worker idle about 80 ms
# (11% of a 10,000-page run); at 0.5 ms, about 15 ms.
HANDOFF_SWITCH_S = 0.0005
# At most this many batches read and not yet written (bounds memory when this process parses
# some batches itself).
JOBS_IN_FLIGHT = 4


def _batches(
    documents: Iterable[tuple[DocumentInput, str | None]], size: int
) -> Iterator[list[tuple[DocumentInput, str | None]]]:
    batch: list = []
    for item in documents:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Lookahead:
    """An iterator of batches that can tell whether only one batch is left, reading at most
    two batches ahead of what it has given."""

    def __init__(self, items: Iterator[list]) -> None:
        self._items = items
        self._ahead: deque[list] = deque()

    def __iter__(self) -> _Lookahead:
        return self

    def __next__(self) -> list:
        return self._ahead.popleft() if self._ahead else next(self._items)

    def one_left(self) -> bool:
        while len(self._ahead) < 2:
            item = next(self._items, None)
            if item is None:
                break
            self._ahead.append(item)
        return len(self._ahead) == 1


def _parsed_in_parallel(
    documents: Iterable[tuple[DocumentInput, str | None]],
    batch: commit_every | None = None,
    registry=None,
    taxonomy=None,
) -> Iterator[tuple[DocumentInput, str | None, Parsed | None]]:
    """Parse in a second process while this one writes; stored in input order.

    SQLite writes from one process only, and writing costs less than parsing: when the next
    batch from the worker is not ready, this process parses a later batch itself rather than
    wait, so both cores parse. What is written is committed first (``batch``): the write lock
    is never held while parsing or waiting."""
    worker = _ParsingProcess(registry, taxonomy)
    waiting = batch.release if batch else None
    inputs = _Lookahead(_batches(documents, PARSE_BATCH))
    jobs: deque[_Job] = deque()
    more = True
    try:
        with _parallel_settings():
            while True:
                more = more and _keep_busy(worker, jobs, inputs)
                if not jobs:  # all read, or the worker is gone
                    chunk = next(inputs, None) if more else None
                    if chunk is None:
                        return
                    jobs.append(_Job(chunk))
                elif more and not jobs[0].ready() and len(jobs) < JOBS_IN_FLIGHT:
                    chunk = next(inputs, None)
                    if chunk is None:
                        more = False
                        continue
                    if batch:
                        batch.commit()  # parsing takes long enough for a waiting writer's turn
                    jobs.append(worker.parse_here(chunk))
                    continue
                yield from worker.results(jobs.popleft(), waiting)
    finally:
        worker.stop()


_PARALLEL_LOCK = threading.Lock()
_parallel_users = 0  # ingests running in parallel in this process (with the settings below)
_usual_switch_interval = sys.getswitchinterval()


@contextmanager
def _parallel_settings() -> Iterator[None]:
    """The process's settings while any ingest of this process runs in parallel: the short
    switch interval, and the objects alive at its start frozen out of the cycle collector's
    reach. Both are the process's: two ingests in the dashboard's threads share them, and the
    last to end puts the usual ones back.

    Freezing: the models and the taxonomy (about 100,000 objects that the collector tracks)
    live as long as the process, and each full collection went through all of them, 60 ms
    each, in this process and in the worker (forked inside, so frozen too; its collections no
    longer write to the memory it shares with this process either): 1.5% of an ingest's CPU.
    Frozen objects are still freed when no longer referenced, and the cycle collector sees them
    again from the end of the ingest on."""
    global _parallel_users, _usual_switch_interval
    with _PARALLEL_LOCK:
        if _parallel_users == 0:
            _usual_switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(_usual_switch_interval, HANDOFF_SWITCH_S))
            gc.freeze()
        _parallel_users += 1
    try:
        yield
    finally:
        with _PARALLEL_LOCK:
            _parallel_users -= 1
            if _parallel_users == 0:
                sys.setswitchinterval(_usual_switch_interval)
                gc.unfreeze()


def _keep_busy(worker: _ParsingProcess, jobs: deque[_Job], inputs: _Lookahead) -> bool:
    """Give the worker batches until it holds WORKER_AHEAD; False once the inputs are all read.

    The last batch is left for this process while the worker holds another: this process
    then parses it as the worker parses the other, where it would only wait at the end of the
    run (a run of two batches had one core idle for half its parsing)."""
    while worker.alive and (queued := sum(job.queued() for job in jobs)) < WORKER_AHEAD:
        if queued and inputs.one_left():
            return True
        chunk = next(inputs, None)
        if chunk is None:
            return False
        jobs.append(worker.submit(chunk))
    return True


def _parsed_in_batches(
    writer: Writer, documents: Iterable[tuple[DocumentInput, str | None]]
) -> Iterator[tuple[DocumentInput, str | None, Parsed | None]]:
    """Parse in this process, PARSE_BATCH documents at a time, so their themes are scored
    together. A document already stored is not parsed (storing it only finds it)."""
    batch: list = []
    for doc, error in documents:
        batch.append((doc, error))
        if len(batch) == PARSE_BATCH:
            yield from _parse_new(writer, batch)
            batch = []
    yield from _parse_new(writer, batch)


def _parse_new(writer: Writer, batch: list[tuple[DocumentInput, str | None]]):
    new = [
        item
        for item in batch
        if item[0].content is not None
        and not writer.find_document(hashlib.sha256(item[0].content).hexdigest())
    ]
    parsed = {
        id(doc): p
        for (doc, _), p in zip(
            new, parse_batch([d for d, _ in new], writer.registry, writer.taxonomy), strict=True
        )
    }
    return [(doc, error, parsed.get(id(doc))) for doc, error in batch]


def store_documents(
    writer: Writer,
    documents: Iterable[tuple[DocumentInput, str | None]],
    *,
    large: bool = False,
    progress: Callable[[Outcome], None] | None = None,
    parsed: Iterable[tuple[DocumentInput, str | None, Parsed | None]] | None = None,
) -> Summary:
    """Store (document, read error) pairs, one transaction each. A ``large`` batch parses in a
    second process (when there is a second core; with the writer's registry and taxonomy, so
    curated facts apply there too), commits in short transactions (see ``commit_every``) and
    indexes full text every FTS_BATCH documents instead of row by row. ``parsed`` gives the
    documents already parsed instead (the ingest benchmark's writer-only figure)."""
    summary = Summary()
    parallel = large and (os.cpu_count() or 1) > 1
    with (
        batch_settings(writer.conn) if large else nullcontext(),
        deferred_fts(writer.db) if large else nullcontext(),
        commit_every(writer.conn, COMMIT_BATCH) if large else nullcontext() as batch,
    ):
        if parsed is not None:
            stream = iter(parsed)
        elif parallel:
            stream = _parsed_in_parallel(documents, batch, writer.registry, writer.taxonomy)
        elif large:
            stream = _parsed_in_batches(writer, documents)
        else:
            stream = ((doc, error, None) for doc, error in documents)
        for count, (doc, error, parsed) in enumerate(stream, start=1):
            outcome = store_document(writer, doc, error, parsed, batch)
            summary.outcomes.append(outcome)
            if progress:
                progress(outcome)
            if large and count % FTS_BATCH == 0:
                _index_now(writer, batch)
            if batch:
                batch.tick()
    _finish(writer, large)
    return summary


def _index_now(writer: Writer, batch: commit_every | None) -> None:
    """Index the rows waiting for full text; if the database stays locked, the end of the
    load (or the next open) does it."""
    try:
        if batch:
            batch.open()
        with transaction(writer.conn) as conn:
            index_backlog(conn)
    except sqlite3.OperationalError:
        pass


def _finish(writer: Writer, large: bool) -> None:
    """Bring the rollups up to date and tidy up. None of it loses data if it cannot run now
    (another writer holds the database): the rollups say they are stale and are caught up on
    the next ingest or open."""
    try:
        ensure_rollups(writer.db)
        if large:
            # Keep the query planner's statistics in step with a grown database.
            writer.conn.execute("PRAGMA optimize")
        writer.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except sqlite3.OperationalError:
        pass


def ingest(
    db: sqlite_utils.Database,
    targets: Iterable[str],
    *,
    url: str | None = None,
    published: str | None = None,
    progress: Callable[[Outcome], None] | None = None,
    writer: Writer | None = None,
) -> Summary:
    """Ingest files, directories and URLs; returns what happened to each input."""
    writer = writer or Writer(db)
    options = {k: v for k, v in (("url", url), ("published", published)) if v}
    expanded = expand_targets(list(targets))
    documents = (
        (doc, raw.error) for raw in read_targets(expanded) for doc in documents_of(raw, options)
    )
    return store_documents(
        writer, documents, large=len(expanded) >= DEFER_FTS_FROM, progress=progress
    )


def ingest_bytes(
    db: sqlite_utils.Database, name: str, content: bytes, writer: Writer | None = None
) -> list[Outcome]:
    """Ingest an uploaded file (the dashboard's Ingest page)."""
    writer = writer or Writer(db)
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    raw = RawInput(f"upload:{printable(name)}", content, EXTENSIONS.get(suffix))
    outcomes = [store_document(writer, doc) for doc in documents_of(raw, {})]
    _finish(writer, large=False)
    return outcomes


def reparse(
    db: sqlite_utils.Database, progress: Callable[[Outcome], None] | None = None
) -> Summary:
    """Rebuild every story from the stored documents with the current parser (and the curated
    registry: corrections made in the database are kept)."""
    writer = Writer(db)
    with transaction(writer.conn):
        writer.conn.execute("UPDATE documents SET story_id = NULL")
        writer.conn.execute("DELETE FROM stories")
        # Stories, signals and citations get new ids: corrections logged before this point can
        # no longer be undone row by row (see curation), and this is how they know.
        writer.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('stories_generation', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )
    rows = writer.conn.execute(
        "SELECT id, origin, format, content, options FROM documents "
        "WHERE content IS NOT NULL ORDER BY id"
    ).fetchall()
    return _reparse_rows(writer, rows, progress)


def reparse_failed(
    db: sqlite_utils.Database, progress: Callable[[Outcome], None] | None = None
) -> Summary:
    """Parse again the documents kept as rejected or failed (after a parser upgrade); those
    that now parse are stored as stories, the others keep their (new) reason."""
    writer = Writer(db)
    rows = writer.conn.execute(
        "SELECT id, origin, format, content, options FROM documents "
        "WHERE content IS NOT NULL AND status IN ('rejected', 'error') ORDER BY id"
    ).fetchall()
    return _reparse_rows(writer, rows, progress)


def _reparse_rows(writer: Writer, rows: list, progress: Callable[[Outcome], None] | None):
    summary = Summary()
    for first in range(0, len(rows), PARSE_BATCH):
        chunk = rows[first : first + PARSE_BATCH]
        docs = [
            DocumentInput(origin, content, fmt, None, json.loads(options) if options else None)
            for _, origin, fmt, content, options in chunk
        ]
        parsed = parse_batch(docs, writer.registry, writer.taxonomy)
        for (document_id, *_), one in zip(chunk, parsed, strict=True):
            outcome = _restore(writer, document_id, one)
            summary.outcomes.append(outcome)
            if progress:
                progress(outcome)
    _finish(writer, large=False)
    return summary


def _restore(writer: Writer, document_id: int, parsed: Parsed) -> Outcome:
    """Store a re-parsed document's story (or its new reason for rejection)."""
    origin, story, outcome = parsed.doc.origin, parsed.story, parsed.outcome
    outcome.document_id = document_id
    try:
        with transaction(writer.conn):
            if story is not None:
                key = story_key(story)
                status, story_id, message = writer.save_story(story, key, document_id)
                if status == "unchanged":
                    message = named(origin, message)
                outcome = Outcome(origin, status, message, document_id, story_id)
            writer.update_document(document_id, outcome)
    except Exception as exc:  # one story the store refuses does not stop the rebuild
        writer.reload_outlet_ids()
        outcome = Outcome(
            origin, "error", f"{origin}: could not be stored ({str(exc)[:300]})", document_id
        )
        with transaction(writer.conn):
            writer.update_document(document_id, outcome)
    return outcome
