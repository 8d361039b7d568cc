"""The named errors of Signals Desk. Each message says what was wrong with which input."""


class SignalsError(Exception):
    """Base class: anything Signals Desk reports to a user as a handled failure."""


class ReadError(SignalsError):
    """An input could not be read or decoded (missing, empty, binary, too large, unreachable)."""


class NotSignalsPage(SignalsError):
    """The text was read, but it is not a Signals story (a standard article, a newsletter...)."""


class ParseError(SignalsError):
    """The page looks like a Signals story but no usable story could be extracted."""


class QueryError(SignalsError):
    """A query could not be run, e.g. a malformed full-text search expression."""


class TooSlow(SignalsError):
    """A document used up its time budget (see ``budget``) and was rejected unparsed."""
