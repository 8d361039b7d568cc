"""Ingest: read inputs, keep each verbatim, parse it, and store the story, one transaction each.

A bad input never stops the batch: it is stored with status ``rejected`` (not a Signals page,
empty, binary) or ``error`` (unreadable), and a message naming the input and what was wrong.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field

import sqlite_utils

from signals_data.errors import SignalsError
from signals_data.extract import EXTENSIONS, decode_bytes, sniff_format, to_text
from signals_data.models import Hints, Signal, Story, ThemeScore
from signals_data.outlets import load_registry
from signals_data.parse import parse_text, story_key
from signals_data.readers import RawInput, expand_targets, read_targets
from signals_data.store import (
    DocumentInput,
    Outcome,
    Writer,
    commit_every,
    deferred_fts,
    ensure_rollups,
    index_backlog,
    transaction,
)
from signals_data.themes import load_taxonomy, score_themes
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
            f"{c['rejected']} rejected, {c['error']} failed to read"
        )


def story_from_export(record: dict, registry, taxonomy) -> Story:
    """A Story from one line of ``signals export --format jsonl`` (so exports round-trip)."""
    if not isinstance(record, dict) or not record.get("title"):
        raise SignalsError("the JSON object has no 'title'; expected one exported story per line")
    signals = []
    for i, raw in enumerate(record.get("signals") or [], start=1):
        headline, body = raw.get("headline") or "", raw.get("body") or ""
        scored = {t.slug: t for t in score_themes(headline, body, taxonomy)}
        themes = [scored.get(slug) or ThemeScore(slug, 0.0, []) for slug in raw.get("themes") or []]
        signals.append(
            Signal(
                position=int(raw.get("position") or i),
                headline=headline,
                body=body,
                outlets=[registry.resolve(n)[0] for n in raw.get("outlets") or []],
                mentions=[registry.resolve(n)[0] for n in raw.get("mentions") or []],
                themes=themes or list(scored.values()),
            )
        )
    return Story(
        title=record["title"],
        url=normalize_url(record["url"]) if record.get("url") else None,
        published=record.get("published"),
        updated=record.get("updated"),
        region=record.get("region"),
        category=record.get("category"),
        summary=record.get("summary") or "",
        insights_from=[registry.resolve(n)[0] for n in record.get("insights_from") or []],
        sponsor=record.get("sponsor"),
        signals=signals,
    )


def _documents(raw: RawInput, options: dict) -> Iterator[DocumentInput]:
    """One document per input, or one per line of a JSONL export."""
    if raw.content is not None and raw.format == "jsonl":
        for number, line in enumerate(raw.content.splitlines(), start=1):
            if line.strip():
                yield DocumentInput(f"{raw.origin}#L{number}", line, "jsonl", None, options)
        return
    yield DocumentInput(raw.origin, raw.content, raw.format, None, options)


def parse_document(doc: DocumentInput, registry=None, taxonomy=None) -> Story:
    """Decode and parse one document; raises a SignalsError subclass with a message naming it."""
    registry = registry or load_registry()
    taxonomy = taxonomy or load_taxonomy()
    text, doc.encoding = decode_bytes(doc.content or b"", doc.origin)
    options = doc.options or {}
    if doc.format == "jsonl":
        try:
            record = json.loads(text)
        except ValueError as exc:
            raise SignalsError(f"{doc.origin}: not valid JSON ({exc})") from None
        return story_from_export(record, registry, taxonomy)
    doc.format = sniff_format(text, doc.format)
    body, hints = to_text(text, doc.format)
    overrides = Hints(url=options.get("url"), published=options.get("published"))
    try:
        return parse_text(body, hints, overrides=overrides, registry=registry, taxonomy=taxonomy)
    except SignalsError as exc:
        raise type(exc)(f"{doc.origin}: {exc}") from None


@dataclass
class Parsed:
    """A document after decoding and parsing: its story, or the outcome that rejects it."""

    doc: DocumentInput
    story: Story | None
    outcome: Outcome


def parse_for_store(doc: DocumentInput, registry=None, taxonomy=None) -> Parsed:
    """Parse one document without touching the database (so it can run in a worker process)."""
    try:
        story = parse_document(doc, registry, taxonomy)
        return Parsed(doc, story, Outcome(doc.origin, "ok", ""))
    except SignalsError as exc:
        return Parsed(doc, None, Outcome(doc.origin, "rejected", str(exc)))
    except Exception as exc:  # a parser bug must not lose the input or stop the batch
        return Parsed(
            doc, None, Outcome(doc.origin, "error", f"{doc.origin}: internal error {exc!r}")
        )


def store_document(
    writer: Writer,
    doc: DocumentInput,
    read_error: str | None = None,
    parsed: Parsed | None = None,
) -> Outcome:
    """Keep one document and its story in a single transaction; never raises for bad input."""
    if doc.content is None:
        outcome = Outcome(doc.origin, "error", read_error or f"{doc.origin}: nothing was read")
        with transaction(writer.conn):
            outcome.document_id = writer.insert_document(doc, None, outcome)
        return outcome
    sha = hashlib.sha256(doc.content).hexdigest()
    existing = writer.find_document(sha)
    if existing:
        return Outcome(
            doc.origin,
            "unchanged",
            f"{doc.origin}: already stored as document {existing[0]}",
            existing[0],
            existing[1],
        )
    parsed = parsed or parse_for_store(doc, writer.registry, writer.taxonomy)
    doc, story, outcome = parsed.doc, parsed.story, parsed.outcome
    with transaction(writer.conn):
        if story is None:
            outcome.document_id = writer.insert_document(doc, sha, outcome)
            return outcome
        document_id = writer.insert_document(doc, sha, outcome)
        status, story_id, message = writer.save_story(story, story_key(story), document_id)
        outcome = Outcome(doc.origin, status, message, document_id, story_id)
        writer.update_document(document_id, outcome)
    return outcome


FTS_BATCH = 1000  # with deferred full-text indexing, index every this many documents
COMMIT_BATCH = 1000  # a large batch commits every this many documents
DEFER_FTS_FROM = 50  # batches of at least this many inputs defer indexing and parse in parallel
PARSE_BATCH = 256  # documents handed to the parsing process at a time (bounds memory)


def _parse_job(
    item: tuple[DocumentInput, str | None],
) -> tuple[DocumentInput, str | None, Parsed | None]:
    doc, error = item
    return doc, error, (parse_for_store(doc) if doc.content is not None else None)


def _parsed_in_parallel(
    documents: Iterable[tuple[DocumentInput, str | None]],
) -> Iterator[tuple[DocumentInput, str | None, Parsed | None]]:
    """Parse in a second process while this one writes: batch k+1 is parsed as batch k is stored.
    SQLite writes from one process only; parsing is the other half of the work."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(1) as pool:
        pending = None
        batch: list = []
        for item in documents:
            batch.append(item)
            if len(batch) == PARSE_BATCH:
                submitted = pool.map_async(_parse_job, batch, chunksize=32)
                if pending is not None:
                    yield from pending.get()
                pending, batch = submitted, []
        last = pool.map_async(_parse_job, batch, chunksize=32) if batch else None
        for future in (pending, last):
            if future is not None:
                yield from future.get()


def store_documents(
    writer: Writer,
    documents: Iterable[tuple[DocumentInput, str | None]],
    *,
    large: bool = False,
    progress: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Store (document, read error) pairs, one transaction each. A ``large`` batch parses in a
    second process (when there is a second core and the default registry and taxonomy are in
    use) and indexes full text every FTS_BATCH documents instead of row by row."""
    summary = Summary()
    parallel = (
        large
        and (os.cpu_count() or 1) > 1
        and writer.registry is load_registry()
        and writer.taxonomy is load_taxonomy()
    )
    stream = (
        _parsed_in_parallel(documents)
        if parallel
        else ((doc, error, None) for doc, error in documents)
    )
    with (
        deferred_fts(writer.db) if large else nullcontext(),
        commit_every(writer.conn, COMMIT_BATCH) if large else nullcontext() as batch,
    ):
        for count, (doc, error, parsed) in enumerate(stream, start=1):
            outcome = store_document(writer, doc, error, parsed)
            summary.outcomes.append(outcome)
            if progress:
                progress(outcome)
            if large and count % FTS_BATCH == 0:
                with transaction(writer.conn) as conn:
                    index_backlog(conn)
            if batch:
                batch.tick()
    ensure_rollups(writer.db)
    if large:
        # Keep the query planner's statistics in step with a grown database.
        writer.conn.execute("PRAGMA optimize")
    writer.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    return summary


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
        (doc, raw.error) for raw in read_targets(expanded) for doc in _documents(raw, options)
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
    raw = RawInput(f"upload:{name}", content, EXTENSIONS.get(suffix))
    outcomes = [store_document(writer, doc) for doc in _documents(raw, {})]
    ensure_rollups(writer.db)
    return outcomes


def reparse(
    db: sqlite_utils.Database, progress: Callable[[Outcome], None] | None = None
) -> Summary:
    """Rebuild every story from the stored documents with the current parser."""
    writer = Writer(db)
    with transaction(writer.conn):
        writer.conn.execute("UPDATE documents SET story_id = NULL")
        writer.conn.execute("DELETE FROM stories")
    rows = writer.conn.execute(
        "SELECT id, origin, format, content, options FROM documents "
        "WHERE content IS NOT NULL ORDER BY id"
    ).fetchall()
    summary = Summary()
    for document_id, origin, fmt, content, options in rows:
        doc = DocumentInput(origin, content, fmt, None, json.loads(options) if options else None)
        parsed = parse_for_store(doc, writer.registry, writer.taxonomy)
        story, outcome = parsed.story, parsed.outcome
        outcome.document_id = document_id
        with transaction(writer.conn):
            if story is not None:
                status, story_id, message = writer.save_story(story, story_key(story), document_id)
                outcome = Outcome(origin, status, message, document_id, story_id)
            writer.update_document(document_id, outcome)
        summary.outcomes.append(outcome)
        if progress:
            progress(outcome)
    ensure_rollups(writer.db)
    return summary
