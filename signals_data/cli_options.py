"""Options shared by the ``signals`` command modules."""

import click

DB_OPTION = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="SQLite file (default: $SIGNALS_DB, else ./signals.db).",
)
