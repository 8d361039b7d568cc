"""``signals compare``: two selections of signals side by side, by outlet or by main theme.

Registered on the main group with ``main.add_command(compare)``. Every bad input (an unknown key,
a malformed value, an unknown outlet or theme, both sides empty or identical, a side with no
signals, a database that cannot be read) is one line on stderr and exit status 2.
"""

from __future__ import annotations

import sqlite3
import sys

import click

from signals_data.compare import (
    CompareError,
    compare_outlets,
    compare_themes,
    params_from_items,
    side_from_params,
)
from signals_data.errors import SignalsError
from signals_data.queries import Filters
from signals_data.store import default_db_path, open_readonly

CSV_COLUMNS = ["key", "count_a", "count_b", "share_a", "share_b", "log_ratio", "g2"]


def _fail(message: str, status: int = 2):
    click.echo(f"signals compare: {message}", err=True)
    sys.exit(status)


class _OneLineErrors(click.Command):
    """Usage errors (a bad --by, a --min-count that is not a number) as one line, exit 2,
    like every other bad input of this command, instead of click's usage block."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as exc:
            _fail(exc.format_message())


def _side(items: tuple[str, ...], name: str) -> Filters:
    try:
        return side_from_params(params_from_items(items), "", strict=True)
    except CompareError as exc:
        _fail(f"--{name}: {exc}")


@click.command("compare", cls=_OneLineErrors)
@click.option(
    "--a",
    "side_a",
    multiple=True,
    metavar="KEY=VALUE",
    help="A filter of side A (repeatable): outlet=, theme=, start=, end=, q=, mentions=1.",
)
@click.option(
    "--b",
    "side_b",
    multiple=True,
    metavar="KEY=VALUE",
    help="A filter of side B (repeatable); a side without filters is every signal.",
)
@click.option(
    "--by",
    type=click.Choice(["outlet", "theme"]),
    default="outlet",
    show_default=True,
    help="Compare the outlets cited, or the main themes.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="SQLite file (default: $SIGNALS_DB, else ./signals.db).",
)
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Leave out rows counted fewer times than this on both sides.",
)
def compare(side_a, side_b, by, fmt, db_path, min_count):
    """Compare two selections of signals, A and B: for each outlet (or main theme), the
    signals of each side citing it, their shares of the side, the log2 ratio of the shares
    (0.5 added to both counts) and Dunning's log-likelihood G2, most typical of A first.

    Example: signals compare --a theme=trade --b theme=diplomacy --by outlet
    """
    a, b = _side(side_a, "a"), _side(side_b, "b")
    path = db_path or default_db_path()
    try:
        db = open_readonly(path)
    except (OSError, sqlite3.Error) as exc:
        _fail(f"cannot open the database {path} ({exc})")
    table_of = compare_outlets if by == "outlet" else compare_themes
    try:
        table = table_of(db, a, b, min_count=min_count)
    except SignalsError as exc:
        _fail(str(exc))
    except sqlite3.Error as exc:
        _fail(f"cannot read the database {path} ({exc})")
    table = table[CSV_COLUMNS]
    if fmt == "csv":
        click.echo(table.to_csv(index=False), nl=False)
    else:
        click.echo(table.to_json(orient="records", indent=1, force_ascii=False))


if __name__ == "__main__":
    compare()
