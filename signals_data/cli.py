"""The ``signals`` command line: ingest, export, stats, reparse, sample, demo, overlap, compare."""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from pathlib import Path

import click
from tqdm import tqdm

from signals_data import __version__
from signals_data.cli_options import DB_OPTION
from signals_data.dates import valid_iso_date
from signals_data.store import default_db_path, open_db


def _open(db_path: str | None):
    """The database for writing, or a one-line error and exit status 2 if it cannot be."""
    path = db_path or default_db_path()
    try:
        return open_db(path)
    except (sqlite3.Error, OSError) as exc:
        _fail(f"cannot open the database {path} for writing ({exc})")


def _fail(message: str, status: int = 2):
    click.echo(f"signals: {message}", err=True)
    sys.exit(status)


def _url(ctx, param, value):
    if value is None:
        return None
    from signals_data.urls import normalize_url

    try:
        if not value.strip() or "://" in value and not value.lower().startswith("http"):
            raise ValueError("expected an http(s) address")
        normalize_url(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a usable URL ({exc})") from None
    return value


def _iso(ctx, param, value):
    if value is None:
        return None
    try:
        return valid_iso_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.group()
@click.version_option(__version__, prog_name="signals")
def main() -> None:
    """Signals Desk: ingest Signals pages into SQLite and analyse who is cited."""


@main.command("ingest")
@click.argument("targets", nargs=-1, required=True)
@DB_OPTION
@click.option("--url", callback=_url, help="The page's URL, for a single file saved without it.")
@click.option("--published", callback=_iso, help="Publication date YYYY-MM-DD, for a single file.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; only the summary.")
def ingest_command(targets, db_path, url, published, quiet):
    """Ingest files, folders (recursively) and http(s) URLs of Signals pages.

    Every input is kept in the database, including those that are rejected. The exit status is
    1 when any input was rejected or could not be read, after all the others were stored.
    """
    from signals_data.ingest import Summary, ingest
    from signals_data.readers import expand_targets

    expanded = expand_targets(list(targets))
    if (url or published) and len(expanded) != 1:
        raise click.UsageError(
            f"--url and --published describe one page, but {len(expanded)} inputs were given; "
            "ingest that page on its own"
        )
    db = _open(db_path)
    done = Summary()
    problem = None
    with tqdm(total=len(expanded), unit="page", disable=quiet, file=sys.stderr) as bar:
        last_origin = [None]

        def advance(outcome):
            done.outcomes.append(outcome)
            origin = outcome.origin.split("#L")[0]
            if origin != last_origin[0]:
                bar.update(1)
                last_origin[0] = origin

        try:
            summary = ingest(db, expanded, url=url, published=published, progress=advance)
        except (sqlite3.Error, OSError) as exc:
            # Not one document's fault (each of those is caught and stored): the database
            # itself could not be written. Report what was stored before it happened.
            summary, problem = done, f"the ingest stopped: {exc}"
    _log_ingest(db, targets, summary)
    click.echo(summary.describe())
    for outcome in summary.outcomes:
        if outcome.status == "updated" and not quiet:
            click.echo(f"  updated: {outcome.origin}: {outcome.message}")
    for outcome in summary.failed:
        click.echo(f"  {outcome.status}: {outcome.message}", err=True)
    if problem:
        _fail(f"{problem}; {len(expanded) - len(summary.outcomes)} inputs were not read")
    if summary.failed:
        sys.exit(1)


def _log_ingest(db, targets, summary) -> None:
    """Record the run in the ingest log (who, the targets as given, the counts), as the
    dashboard's uploads are. A database that cannot take the row has already been reported by
    the ingest itself: the log is not a reason to fail."""
    from signals_data.audit import record_ingest
    from signals_data.curation import current_user

    if not summary.outcomes:
        return
    with contextlib.suppress(sqlite3.Error):
        record_ingest(db, current_user(), [str(t) for t in targets], summary.counts)


@main.command("export")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File (default: stdout).")
def export_command(db_path, fmt, output):
    """Export stories: JSONL (one story per line) or CSV (one signal per row)."""
    from signals_data.export import write_csv, write_jsonl

    db = _open(db_path)
    write = write_jsonl if fmt == "jsonl" else write_csv
    if output:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            count = write(db, handle)
        click.echo(f"wrote {count} {'stories' if fmt == 'jsonl' else 'rows'} to {output}", err=True)
    else:
        write(db, sys.stdout)


@main.command("stats")
@DB_OPTION
def stats_command(db_path):
    """Counts of documents by status, stories, signals, outlets and themes."""
    from signals_data.queries import corpus_stats

    db = _open(db_path)
    stats = corpus_stats(db)
    click.echo(f"database: {Path(db_path or default_db_path()).resolve()}")
    click.echo(
        f"documents: {stats['documents']}  "
        + "  ".join(f"{status}={count}" for status, count in stats["documents_by_status"].items())
    )
    click.echo(f"stories: {stats['stories']}  signals: {stats['signals']}")
    click.echo(
        f"dates: {stats['first_date'] or '-'} to {stats['last_date'] or '-'}"
        f"  (stories without a date: {stats['undated']})"
    )
    click.echo(f"outlets cited: {stats['outlets_cited']}  unreviewed: {len(stats['unreviewed'])}")
    if stats["unreviewed"]:
        _echo_unreviewed(stats["unreviewed"], db)
    click.echo("themes: " + ", ".join(f"{t}={n}" for t, n in stats["themes"].items()))
    click.echo("top outlets: " + ", ".join(f"{o} ({n})" for o, n in stats["top_outlets"]))


UNREVIEWED_SHOWN = 30


def _echo_unreviewed(names: list[str], db) -> None:
    """Unreviewed outlets, each with the closest registry names: suggestions for the analyst,
    never applied (a close spelling is often another outlet)."""
    from signals_data.curation import curated_registry
    from signals_data.outlets import suggest_outlets

    registry = curated_registry(db)
    click.echo("  unreviewed outlets (add them to the registry, or as aliases of a suggestion):")
    for name in names[:UNREVIEWED_SHOWN]:
        close = suggest_outlets(name, registry)
        hint = ", ".join(f"{n} ({score:.0f})" for n, score in close) if close else "no close name"
        click.echo(f"    {name}  — closest: {hint}")
    if len(names) > UNREVIEWED_SHOWN:
        click.echo(f"    … and {len(names) - UNREVIEWED_SHOWN} more")


@main.command("reparse")
@DB_OPTION
@click.option("--quiet", "-q", is_flag=True)
def reparse_command(db_path, quiet):
    """Rebuild every story from the stored documents with the current parser."""
    from signals_data.ingest import reparse

    db = _open(db_path)
    total = db.execute("SELECT count(*) FROM documents WHERE content IS NOT NULL").fetchone()[0]
    with tqdm(total=total, unit="doc", disable=quiet, file=sys.stderr) as bar:
        summary = reparse(db, progress=lambda _o: bar.update(1))
    click.echo(summary.describe())


@main.command("sample")
@DB_OPTION
def sample_command(db_path):
    """Load the bundled sample page(s) into the database."""
    from signals_data.samples import ingest_samples

    click.echo(ingest_samples(_open(db_path)).describe())


@main.command("demo")
@DB_OPTION
@click.option("--stories", default=2000, show_default=True, help="How many stories to generate.")
@click.option("--seed", default=7, show_default=True, help="Same seed, same corpus.")
@click.option("--quiet", "-q", is_flag=True)
def demo_command(db_path, stories, seed, quiet):
    """Build a synthetic demo corpus (every page variant) through the real parser and store."""
    from signals_data.demo import build_demo

    path = Path(db_path or default_db_path())
    if path.exists():
        raise click.UsageError(f"{path} already exists; choose another --db or remove it first")
    db = _open(str(path))
    with tqdm(total=stories, unit="story", disable=quiet, file=sys.stderr) as bar:
        outcomes = build_demo(
            db, stories, seed, progress=lambda o: bar.update(0 if "-rev" in o.origin else 1)
        )
    failed = [o for o in outcomes if o.status in ("rejected", "error")]
    click.echo(f"demo database {path}: {len(outcomes)} pages, {len(failed)} rejected")
    for outcome in failed[:20]:
        click.echo(f"  {outcome.status}: {outcome.message}", err=True)


@main.command("prepare")
@DB_OPTION
@click.option("--stories", default=3000, show_default=True)
def prepare_command(db_path, stories):
    """Make sure the dashboard has data: build the demo database if there is none yet."""
    path = Path(db_path or default_db_path())
    if path.exists():
        click.echo(f"using {path}")
        return
    click.echo(f"no database at {path}: building a demo corpus of {stories} stories (once)")
    ctx = click.get_current_context()
    ctx.invoke(demo_command, db_path=str(path), stories=stories, seed=7, quiet=False)


@main.command("overlap")
@DB_OPTION
@click.option(
    "--level",
    type=click.Choice(["story", "signal"]),
    default="story",
    show_default=True,
    help="Co-cited in the same story, or on the same signal.",
)
@click.option(
    "--measure",
    type=click.Choice(["count", "jaccard", "association"]),
    default="count",
    show_default=True,
    help="Sort the pairs by this measure.",
)
@click.option("--outlet", "outlets", multiple=True, help="Only signals citing this outlet.")
@click.option("--theme", "themes", multiple=True, help="Only signals with this theme slug.")
@click.option("--start", callback=_iso, help="First day, YYYY-MM-DD.")
@click.option("--end", callback=_iso, help="Last day, YYYY-MM-DD.")
@click.option("--mentions", is_flag=True, help="Count outlets named in the prose too.")
@click.option(
    "--min-count",
    default=1,
    show_default=True,
    help="Leave out pairs co-cited fewer times (association is noisy for rare pairs).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File (default: stdout).")
def overlap_command(
    db_path, level, measure, outlets, themes, start, end, mentions, min_count, fmt, output
):
    """Pairs of outlets cited together: count, Jaccard, association strength (observed over
    expected co-citations) and PMI, one row per unordered pair that co-occurs at least once."""
    from signals_data.overlap import co_citation
    from signals_data.queries import Filters

    filters = Filters(outlets=outlets, themes=themes, start=start, end=end, mentions=mentions)
    pairs = co_citation(_open(db_path), filters, level)
    pairs = pairs[pairs["count"] >= min_count]
    pairs = pairs.sort_values(
        [measure, "count", "outlet_a", "outlet_b"], ascending=[False, False, True, True]
    )
    pairs = pairs[["outlet_a", "outlet_b", "count", "jaccard", "association", "pmi"]]
    text = (
        pairs.to_csv(index=False)
        if fmt == "csv"
        else pairs.to_json(orient="records", indent=1, force_ascii=False) + "\n"
    )
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(pairs)} pairs to {output}", err=True)
    else:
        click.echo(text, nl=False)


def _register_commands() -> None:
    """Commands that live in their own modules."""
    from signals_data.cli_compare import compare
    from signals_data.cli_curate import COMMANDS as CURATION_COMMANDS
    from signals_data.cli_views import views_group

    main.add_command(compare)
    main.add_command(views_group)
    for command in CURATION_COMMANDS:
        main.add_command(command)


_register_commands()
