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
    "PeriodError": "afgcli.periods", "DataError": "afgcli.problems", "Problem": "afgcli.problems",
    "Entity": "afgcli.model", "Fact": "afgcli.model", "Role": "afgcli.model", "Source": "afgcli.model",
    "Figure": "afgcli.model", "Citation": "afgcli.model", "When": "afgcli.model",
    "WhoAnswer": "afgcli.queries", "PeriodAnswer": "afgcli.queries", "SourceCount": "afgcli.queries",
    "SearchAnswer": "afgcli.search", "SearchHit": "afgcli.search", "Match": "afgcli.match",
    "TimelineAnswer": "afgcli.answers", "FactAnswer": "afgcli.answers",
    "SourcesAnswer": "afgcli.answers", "SourceAnswer": "afgcli.answers",
    "Chart": "afgcli.series", "Series": "afgcli.series", "Point": "afgcli.series",
    "frames": "afgcli.dataframes", "Frames": "afgcli.dataframes",
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
    from afgcli.answers import FactAnswer, SourceAnswer, SourcesAnswer, TimelineAnswer
    from afgcli.api import Library, open
    from afgcli.dataframes import Frames, frames
    from afgcli.errors import AfgError, UsageError
    from afgcli.match import Match
    from afgcli.model import Citation, Entity, Fact, Figure, Role, Source, When
    from afgcli.periods import PeriodError
    from afgcli.problems import DataError, Problem
    from afgcli.queries import PeriodAnswer, SourceCount, WhoAnswer
    from afgcli.search import SearchAnswer, SearchHit
    from afgcli.series import Chart, Point, Series
