"""afg as a Python library: the command line's answers as records (README, "Python").

`open()` gives a Library over the built-in table, or over the layers `--data` would name; its
methods return the records of model.py and the answer types the command line formats, each with
`to_dict()`, the document `--json` writes. The library never prints, never exits and reads no
configuration at import; AFG_CACHE_DIR (where the index is kept) is read when a table is opened.
Every error it raises on purpose is an AfgError.

The command line (cli.py) asks every question through this module, so the two cannot drift.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Union

from afgcli.errors import AfgError, UsageError

if TYPE_CHECKING:
    import sqlite3

    from afgcli.answer.answers import FactAnswer, SourceAnswer, SourcesAnswer, TimelineAnswer
    from afgcli.answer.documents import Documents, PeriodJson, WhoJson
    from afgcli.answer.queries import Library as Records
    from afgcli.answer.queries import PeriodAnswer, WhoAnswer
    from afgcli.answer.hits import SearchAnswer
    from afgcli.answer.search import Searcher, SearchJson
    from afgcli.answer.series import Chart
    from afgcli.index.store import Store
    from afgcli.table.model import Entity, Fact, Role

__all__ = ["AfgError", "Library", "UsageError", "layers", "open"]

BUILTIN, CURATED = "builtin", "curated"  # builtin: the curated table and the UCDP layer; curated: the table alone
MEASURES = ("deaths", "facts", "events")

Data = Union[str, "os.PathLike[str]", Iterable[Union[str, "os.PathLike[str]"]], None]


def layers(data: Data = None) -> list[Path]:
    """The table directories that `data` names, as `--data` names them: `"builtin"` (the curated
    table and the UCDP layer; the default), `"curated"` (the curated table alone) or a directory,
    or a list of these, layered in that order. A table named twice (or through a link) is one layer."""
    from afgcli.table.schema import builtin_dir, builtin_layers

    if data is None:
        names: list = [BUILTIN]
    elif isinstance(data, (str, os.PathLike)):
        names = [data]
    else:
        try:
            names = list(data) or [BUILTIN]
        except TypeError:
            raise UsageError(f"data is a table directory, 'builtin', 'curated' or a list of them, not {data!r}") from None
    paths: list[Path] = []
    for name in names:
        if not isinstance(name, (str, os.PathLike)):
            raise UsageError(f"data is a table directory, 'builtin', 'curated' or a list of them, not {name!r}")
        paths += builtin_layers() if name == BUILTIN else [builtin_dir()] if name == CURATED else [Path(name)]
    return one_layer_each(paths)


def one_layer_each(paths: list[Path]) -> list[Path]:
    """One table named twice (`--data builtin --data builtin`, or through a link) is one layer, not a
    clash of every id with itself."""
    from afgcli.index.cache import real_path

    found: dict[str, Path] = {}
    for path in paths:
        found.setdefault(real_path(path), path)
    return list(found.values())


def open(data: Data = None) -> Library:  # noqa: A001  (afgcli.open, as the issue names it)
    """A Library over the built-in table, or over the layers `data` names (see `layers`).

    The first call for a table builds its index in the cache directory (AFG_CACHE_DIR, else
    $XDG_CACHE_HOME/afg, else ~/.cache/afg), as the command line does; later calls, and the command
    line, read it. Raises DataError (an AfgError) when a table has problems or cannot be read.
    """
    return connect(layers(data))


def connect(directories: list[Path], fresh: bool = False, on_full: Callable[[Path], None] | None = None) -> Library:
    """A Library over these table directories; `fresh` builds the index anew, `on_full` is told the
    cache directory when it is full (the index is then built in memory). Raises DataError."""
    from afgcli.index.cache import open_index

    return Library(open_index(directories, fresh=fresh, on_full=on_full))


class Library:
    """The answers of one table (its layers), from its index. Get one with `afgcli.open()`.

    Every method returns records or an answer with `to_dict()`; none prints. A Library holds an open
    SQLite connection: `close()` it, or use it in a `with` block, when done.
    """

    def __init__(self, db: sqlite3.Connection):
        self._db = db
        self._records_: Records | None = None
        self._documents_: Documents | None = None
        self._searcher_: Searcher | None = None

    @property
    def _records(self) -> Records:
        if self._records_ is None:
            from afgcli.answer.queries import Library as Records

            self._records_ = Records(self._db)
        return self._records_

    # Questions

    def who(self, name: str) -> WhoAnswer:
        """The entity a name finds, in any spelling, with its roles, the offices held in it and its
        facts in date order. When nothing matches well, `entity` is None and `candidates` holds the
        suggestions (the command line's exit 1)."""
        return self._records.who(name)

    def year(self, period: str) -> PeriodAnswer:
        """The facts of a period (`1992`, `1989-1992`, `1990s`, `2021-08`, `August 2021`, `1996-09-27`:
        README, "Periods") in date order, and the roles held then (`in_power`). Empty when the table has
        nothing then. Raises PeriodError (an AfgError) for text that is not a period, with the message
        the command line prints."""
        return self._records.period(period)

    def search(self, text: str, limit: int = 20) -> SearchAnswer:
        """Entities and facts that hold the words of `text` (or of a question), best first, at most
        `limit` of them (`hits` is empty when nothing is found)."""
        if not isinstance(limit, int) or limit < 1:
            raise UsageError(f"limit is a number of results, 1 or more, not {limit!r}")
        return self._searcher.search(text, limit)

    @property
    def _searcher(self) -> Searcher:
        if self._searcher_ is None:
            from afgcli.answer.search import Searcher

            self._searcher_ = Searcher(self._db)
        return self._searcher_

    def timeline(self, name: str | None = None, start: int | None = None, end: int | None = None) -> TimelineAnswer:
        """All facts, or the facts of the entity `name` finds, in date order, those that meet the years
        `start` to `end` (either may be left open). When `name` finds nothing, `entity` is None and
        `candidates` holds the suggestions."""
        from afgcli.answer.answers import TimelineAnswer

        if start is not None and end is not None and start > end:
            raise UsageError(f"start {start} is after end {end}; give the earlier year as start")
        if not name:
            return TimelineAnswer(None, None, start, end, self._records.timeline(None, start, end))
        found = self.who(name)
        if found.entity is None:
            return TimelineAnswer(name, None, start, end, (), found.candidates)
        return TimelineAnswer(name, found.entity, start, end, self._records.timeline(found.entity.id, start, end), found.candidates)

    def fact(self, ident: str) -> FactAnswer:
        """One fact by its id (as `search` and `who` give it), with its entities' names and the sources
        it cites; `fact` is None when the table has no such id."""
        from afgcli.answer.answers import FactAnswer

        query = ident.strip()
        found, names, cited = self._records.fact(query)
        return FactAnswer(query, found, names, cited)

    def sources(self) -> SourcesAnswer:
        """The source documents and datasets, each with how many facts cite it, in the table's order."""
        from afgcli.answer.answers import SourcesAnswer

        return SourcesAnswer(tuple(self._records.source_counts()))

    def source(self, ident: str) -> SourceAnswer | None:
        """One source in full, with how many facts cite it and the dates of the earliest and latest of
        them; None when the table has no such source."""
        from afgcli.answer.answers import SourceAnswer

        ident = ident.strip()
        for count in self._records.source_counts():
            if count.source.id == ident:
                return SourceAnswer(count.source, count.facts, *self._records.source_span(ident))
        return None

    def chart(
        self, measure: str, name: str | None = None, by_kind: bool = False, start: int | None = None, end: int | None = None
    ) -> Chart | None:
        """A per-year series: `deaths` (UCDP's, of the country `name`, Afghanistan by default; `by_kind`
        gives one series per kind of violence), `facts` (curated facts per year) or `events` (the UCDP
        GED events of the actor `name`, from a GED layer). None when `name` finds no entity."""
        if measure not in MEASURES:
            raise UsageError(f"measure is one of {', '.join(MEASURES)}, not {measure!r}")
        if measure == "events" and not name:
            raise UsageError("give an actor, for example: afg chart events Taliban")
        if start is not None and end is not None and start > end:
            raise UsageError(f"start {start} is after end {end}; give the earlier year as start")
        return self._records.chart(measure, name, by_kind, start, end)

    # The whole table

    def facts(self) -> Iterator[Fact]:
        """Every fact of the table, in date order."""
        return self._records._store.every_fact()

    def entities(self) -> Iterator[Entity]:
        """Every entity of the table, in the order of its files (layer by layer)."""
        return self._records._store.every_entity()

    def roles(self) -> Iterator[Role]:
        """Every role of the table, earliest first (`role.to_dict(library.names_of(...))` names its entities)."""
        return self._records._store.every_role()

    def _store(self) -> Store:
        """The index's records, for the CLI's export, which streams them as it reads."""
        return self._records._store

    def names_of(self, idents: Iterable[str]) -> dict[str, str]:
        """The names of the entities with these ids (those the table holds)."""
        return self._records._store.names_of(list(idents))

    # The command line's `--json` path for `who` and `year`: the same documents, written from the JSON
    # texts the index stores (documents.py); tests compare them with to_dict() byte for byte.

    @property
    def _documents(self) -> Documents:
        if self._documents_ is None:
            from afgcli.answer.documents import Documents

            self._documents_ = Documents(self._db)
        return self._documents_

    def _who_json(self, name: str) -> WhoJson:
        return self._documents.who(name)

    def _year_json(self, period: str) -> PeriodJson:
        return self._documents.period(period)

    def _search_json(self, text: str, limit: int = 20) -> SearchJson:
        if not isinstance(limit, int) or limit < 1:
            raise UsageError(f"limit is a number of results, 1 or more, not {limit!r}")
        return self._searcher.search_json(text, limit)

    # A connection to close

    def close(self) -> None:
        """Close the index. The Library answers no more questions after this."""
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
