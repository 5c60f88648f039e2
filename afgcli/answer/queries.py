"""The questions afg answers, as functions from an index to typed results. No printing here."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from afgcli.answer.match import Match, NameIndex
from afgcli.answer.periods import Period, outside, parse_period, store_bounds
from afgcli.index.store import Store, Words
from afgcli.table.model import Entity, Fact, Role, Source

if TYPE_CHECKING:
    from afgcli.answer.hits import SearchAnswer
    from afgcli.answer.series import Chart


@dataclass(frozen=True)
class WhoAnswer:
    """The entity a name finds, with its roles and facts, or the candidates when none is found."""

    query: str
    entity: Entity | None
    roles: tuple[Role, ...]
    facts: tuple[Fact, ...]
    candidates: tuple[Match, ...]
    holders: tuple[Role, ...] = ()  # the roles held in the entity, when it is a state, party or group
    names: dict[str, str] = field(default_factory=dict, repr=False)  # entity names the roles refer to
    score: float | None = None  # the entity's match score, to tell candidates as good as it

    def to_dict(self) -> dict[str, Any]:
        """`{query, entity, candidates, facts}`, as `afg who --json` writes it."""
        from afgcli.show import jsonout
        return jsonout.who(self)


@dataclass(frozen=True)
class PeriodAnswer:
    """The facts dated in a period and the roles held during it."""

    query: str
    period: Period
    facts: tuple[Fact, ...]
    in_power: tuple[Role, ...]
    names: dict[str, str] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """`{query, from, to, first_day, last_day, facts, in_power}`, as `afg year --json` writes it."""
        from afgcli.show import jsonout
        return jsonout.period(self)


@dataclass(frozen=True)
class SourceCount:
    """A source and how many facts cite it."""

    source: Source
    facts: int

    def to_dict(self) -> dict[str, Any]:
        """The source with `facts`, as in `afg sources --json`."""
        from afgcli.show import jsonout
        return jsonout.source(self.source, self.facts)


def overlaps(first_year: int, last_year: int, start: int | None, end: int | None) -> bool:
    """Whether [start, end] (either end open when None) meets the years [first_year, last_year]."""
    return (start is None or start <= last_year) and (end is None or end >= first_year)


class Library:
    """Answers as records, from an open index (see cache.open_index); documents.py has the JSON-text ones."""

    def __init__(self, db: sqlite3.Connection):
        self._store = Store(db)
        self._name_words = Words(db, "name")
        self.names = NameIndex(self._store, self._name_words)
        self._words = {"name": self._name_words, "about": Words(db, "about"), "fact": Words(db, "fact")}

    def who(self, query: str) -> WhoAnswer:
        best, others = self.names.best(query)
        if best is None:
            return WhoAnswer(query, None, (), (), tuple(others))
        entity = self._store.entity(best.entity_id)
        assert entity is not None
        roles, names = self._store.roles_of(entity.id)
        holders, holder_names = self._store.roles_in(entity.id)
        facts = self._store.facts_of(entity.id)
        return WhoAnswer(query, entity, tuple(roles), tuple(facts), tuple(others), tuple(holders), names | holder_names, best.score)

    def period(self, query: str) -> PeriodAnswer:
        """Facts whose date meets the period, and the roles held during it. Raises PeriodError."""
        period = parse_period(query)
        if outside(period, self._store.dated_days()):
            return PeriodAnswer(query, period, (), ())  # an ongoing role does not run on past the table's last date
        bounds = store_bounds(period)
        facts = self._store.facts_between(*bounds)
        roles, names = self._store.roles_between(*bounds)
        return PeriodAnswer(query, period, tuple(facts), tuple(roles), names)

    def timeline(self, entity_id: str | None, first: int | None, last: int | None) -> tuple[Fact, ...]:
        if entity_id:
            facts = [f for f in self._store.facts_of(entity_id) if overlaps(first or 0, last or 9999, f.when.year, f.when.end_year)]
        elif first is not None or last is not None:
            facts = self._store.facts_between(first or 0, last or 9999)
        else:
            facts = self._store.all_facts()
        return tuple(facts)

    def search(self, query: str, limit: int = 20) -> SearchAnswer:
        """Entities by name and facts by their words, ranked by score, entities before facts on ties."""
        from afgcli.answer.search import search

        return search(self._store, self.names, self._words, query, limit)

    def chart(self, measure: str, name: str | None, by_kind: bool, first: int | None, last: int | None) -> Chart | None:
        """A per-year series (deaths, facts or events); None when `name` finds no entity."""
        from afgcli.answer import series
        if measure == "facts":
            return series.curated_facts(self._store.all_facts(), first, last)
        found = self.who(name or "Afghanistan")
        if found.entity is None:
            return None
        facts = self._store.facts_of(found.entity.id)
        if measure == "deaths":
            return series.deaths(facts, found.entity.name, by_kind, first, last)
        return series.events(facts, found.entity.name, first, last)

    def fact(self, ident: str) -> tuple[Fact | None, dict[str, str], dict[str, Source]]:
        """One fact by id, the names of its entities and the sources it cites (by id)."""
        fact = self._store.fact(ident.strip())
        if fact is None:
            return None, {}, {}
        names = {e: e for e in fact.entities}
        for _, ident_, name, _, _, _ in self._store.name_forms(self._entity_rids(fact.entities)):
            names[ident_] = name
        cited = {c.source for c in fact.sources}
        sources = {source.id: source for source, _ in self._store.sources() if source.id in cited}
        return fact, names, sources

    def _entity_rids(self, idents) -> list[int]:
        return [rid for (rid,) in self._store._rows("SELECT rid FROM entity WHERE id IN ({})", list(idents))]

    def source_span(self, ident: str) -> tuple[str | None, str | None]:
        """The dates of the earliest and the latest fact citing the source (None when none does)."""
        return self._store.source_span(ident)

    def source_counts(self) -> list[SourceCount]:
        return [SourceCount(source, facts) for source, facts in self._store.sources()]
