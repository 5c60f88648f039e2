"""The answers of `--json`, from the JSON texts the index stores for each record (jsonout wrote them).

A year of a large table holds thousands of facts; writing them from stored texts skips building a
record and a dict for each. And a single answer from texts loads none of the records' classes,
whose creation is a large part of a short run's start-up. The documents are the ones the records
give (tests compare the two paths byte for byte).
"""

from __future__ import annotations

import sqlite3
from typing import Iterable, Iterator, NamedTuple

from afgcli.answer.match import Match, NameIndex
from afgcli.answer.periods import Period, outside, parse_period, store_bounds
from afgcli.index.store import Store, Words

# These two hold JSON texts, not records: typed NamedTuples, as immutable as a frozen dataclass, cost
# a tenth as much to define (no methods compiled with exec) on the start-up path they exist for.


class WhoJson(NamedTuple):
    """queries.WhoAnswer with its entity, roles and facts as JSON texts."""

    query: str
    entity: str | None
    roles: tuple[str, ...]
    facts: tuple[str, ...]
    candidates: tuple[Match, ...]
    holders: tuple[str, ...] = ()


class PeriodJson(NamedTuple):
    """queries.PeriodAnswer with its facts and roles as JSON texts (Streamed: read once, as written)."""

    query: str
    period: Period
    facts: Iterable[str]
    in_power: Iterable[str]


class Streamed:
    """JSON texts read from the index while they are written, so a large answer (a decade of a
    million-fact table) never sits in memory whole: iterated once; true when there is one at least."""

    def __init__(self, texts: Iterator[str]):
        self._texts = texts
        self._first = next(texts, None)
        self._any = self._first is not None  # still, once written

    def __bool__(self) -> bool:
        return self._any

    def __iter__(self) -> Iterator[str]:
        first, self._first = self._first, None
        if first is not None:
            yield first
            yield from self._texts


class Documents:
    """The `who` and `year` answers of an open index (see cache.open_index), as JSON texts."""

    def __init__(self, db: sqlite3.Connection):
        self._store = Store(db)
        self._names = NameIndex(self._store, Words(db, "name"))

    def who(self, query: str) -> WhoJson:
        best, others = self._names.best(query)
        if best is None:
            return WhoJson(query, None, (), (), tuple(others))
        store, ident = self._store, best.entity_id
        roles, holders, facts = store.role_json_of(ident), store.role_json_in(ident), store.fact_json_of(ident)
        return WhoJson(query, store.entity_json(ident), tuple(roles), tuple(facts), tuple(others), tuple(holders))

    def period(self, query: str) -> PeriodJson:
        """Raises PeriodError."""
        period = parse_period(query)
        if outside(period, self._store.dated_days()):
            return PeriodJson(query, period, (), ())
        bounds = store_bounds(period)
        facts = Streamed(self._store.fact_json_streamed(*bounds))
        roles = Streamed(self._store.role_json_streamed(*bounds))
        return PeriodJson(query, period, facts, roles)
