"""afg: an offline fact lookup for the Afghan conflict, 1973 to today.

The Python API (README, "Python") is what `__all__` names, nothing else:

    >>> import afgcli
    >>> lib = afgcli.open()                  # the built-in table; afgcli.open(["builtin", "my/table"]) layers yours
    >>> lib.who("Masood").entity.name
    'Ahmad Shah Massoud'

`open` returns a Library (`who`, `year`, `search`, `timeline`, `fact`, `sources`, `source`, `chart`,
and the iterators `facts`, `entities`, `roles`); its answers and records have `to_dict()`, the
document `afg ... --json` writes. `frames(lib)` gives pandas DataFrames (pandas is an optional
extra: pip install "afg[pandas]"). Every error raised on purpose is an AfgError.

Importing this package loads nothing but itself: each name is imported on first use.
"""

from typing import TYPE_CHECKING

__version__ = "0.1.0"

# Where each public name lives; importing it waits until it is first used (PEP 562).
_HOMES = {
    "open": "afgcli.api", "Library": "afgcli.api",
    "AfgError": "afgcli.errors", "UsageError": "afgcli.errors",
    "PeriodError": "afgcli.answer.periods", "DataError": "afgcli.table.problems", "Problem": "afgcli.table.problems",
    "Entity": "afgcli.table.model", "Fact": "afgcli.table.model", "Role": "afgcli.table.model", "Source": "afgcli.table.model",
    "Figure": "afgcli.table.model", "Citation": "afgcli.table.model", "When": "afgcli.table.model",
    "WhoAnswer": "afgcli.answer.queries", "PeriodAnswer": "afgcli.answer.queries", "SourceCount": "afgcli.answer.queries",
    "SearchAnswer": "afgcli.answer.hits", "SearchHit": "afgcli.answer.hits", "Match": "afgcli.answer.match",
    "TimelineAnswer": "afgcli.answer.answers", "FactAnswer": "afgcli.answer.answers",
    "SourcesAnswer": "afgcli.answer.answers", "SourceAnswer": "afgcli.answer.answers",
    "Chart": "afgcli.answer.series", "Series": "afgcli.answer.series", "Point": "afgcli.answer.series",
    "frames": "afgcli.show.dataframes", "Frames": "afgcli.show.dataframes",
}

__all__ = ["__version__", *_HOMES]


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'afgcli' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # for type checkers and editors; at run time the names come through __getattr__
    from afgcli.answer.answers import FactAnswer, SourceAnswer, SourcesAnswer, TimelineAnswer
    from afgcli.answer.match import Match
    from afgcli.answer.periods import PeriodError
    from afgcli.answer.queries import PeriodAnswer, SourceCount, WhoAnswer
    from afgcli.answer.hits import SearchAnswer, SearchHit
    from afgcli.answer.series import Chart, Point, Series
    from afgcli.api import Library, open
    from afgcli.errors import AfgError, UsageError
    from afgcli.show.dataframes import Frames, frames
    from afgcli.table.model import Citation, Entity, Fact, Figure, Role, Source, When
    from afgcli.table.problems import DataError, Problem
