"""Signals Desk: turn saved Signals pages into a queryable SQLite store."""

__version__ = "0.1.0"

# Bump when the parser's output changes, so `signals reparse` knows what is stale.
PARSER_VERSION = "47"
