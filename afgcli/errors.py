"""The one exception type of afg's Python API: every error it raises on purpose is an AfgError.

A plain module with no imports, so that anything may raise or catch these without loading more.
"""


class AfgError(Exception):
    """A question afg cannot answer as asked (a bad period, a bad argument) or a table it cannot read.

    `str(error)` is the message the command line prints (one line, or several for a table with
    problems); `lines` holds them one by one.
    """

    @property
    def lines(self) -> list[str]:
        """The message as the command line prints it, one line each (after `afg: `)."""
        return str(self).split("\n")


class UsageError(AfgError, ValueError):
    """An argument the library cannot take (a search limit below 1, a span that ends before it starts)."""
