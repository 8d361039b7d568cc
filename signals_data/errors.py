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


class BadChoice(SignalsError, ValueError):
    """A value outside a fixed set of choices (a ValueError too, for callers that catch one)."""

    kind = "value"

    def __init__(self, value: object, allowed: tuple[str, ...]):
        self.value, self.allowed = value, tuple(allowed)
        super().__init__(f"{self.kind} must be one of {self.allowed}, not {value!r}")


class BadPeriod(BadChoice):
    """A timeline period that is not "week" or "month"."""

    kind = "period"


class BadLevel(BadChoice):
    """A co-citation level that is not "story" or "signal"."""

    kind = "level"


class BadMeasure(BadChoice):
    """An overlap measure that is not "count", "jaccard" or "association"."""

    kind = "measure"


class BadFormat(BadChoice):
    """An export or network file format that is not one of those offered."""

    kind = "format"
