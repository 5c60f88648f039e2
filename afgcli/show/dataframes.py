"""The table as pandas DataFrames, for notebooks: `afgcli.frames(lib)`. pandas is an optional extra
(`pip install "afg[pandas]"`), imported only here; the command line never needs it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from afgcli.show import export

if TYPE_CHECKING:
    from afgcli.api import Library

NEEDS_PANDAS = 'afgcli.frames needs pandas, an optional extra of afg: pip install "afg[pandas]"'
FIGURES = ("low", "high", "best")


class Frames(NamedTuple):
    """The four tables as DataFrames: the columns of `afg export --format csv`, as text (ids too:
    `000` stays `000`; an empty field is ""), but for `year` and `end_year` (integers), a fact's
    `low`, `high` and `best` (numbers, NaN when it has none) and a source's `facts` (how many cite
    it); facts and entities also carry `origin` (`curated`, or the dataset they come from)."""

    facts: Any
    entities: Any
    roles: Any
    sources: Any


def frames(library: Library) -> Frames:
    """The facts (in date order), entities, roles and sources of the library's table as DataFrames.
    Raises ModuleNotFoundError, saying how to install it, when pandas is not installed."""
    try:
        import pandas as pd
    except ImportError as error:
        raise ModuleNotFoundError(NEEDS_PANDAS, name="pandas") from error

    def table(name: str, rows: list[list], extra: dict[str, list] | None = None):
        frame = pd.DataFrame(rows, columns=export.header(name), dtype=object).astype(str)
        for column, values in (extra or {}).items():
            frame[column] = pd.Series(values, dtype=object).astype(str)
        return frame

    facts = list(library.facts())
    fact_frame = table("facts", [export.fact_row(f) for f in facts], {"origin": [f.origin for f in facts]})
    fact_frame[["year", "end_year"]] = fact_frame[["year", "end_year"]].astype("int64")
    for column in FIGURES:
        values = [getattr(f.figure, column) if f.figure else None for f in facts]
        fact_frame[column] = pd.to_numeric(pd.Series(values, dtype=object), errors="raise").astype("float64")
    entities = list(library.entities())
    entity_frame = table("entities", [export.entity_row(e) for e in entities], {"origin": [e.origin for e in entities]})
    role_frame = table("roles", [export.role_row(r) for r in library.roles()])
    counts = library.sources().sources
    source_frame = table("sources", [export.source_row(c.source) for c in counts])
    source_frame["facts"] = pd.Series([c.facts for c in counts], dtype="int64")
    return Frames(fact_frame, entity_frame, role_frame, source_frame)
