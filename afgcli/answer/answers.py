"""The answers of `timeline`, `fact` and `sources`, as the Python API returns them.

Apart from queries.py so that `who` and `year` on a terminal do not pay for defining these classes
(each frozen dataclass costs start-up time). Each has `to_dict()`: the document `--json` writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from afgcli.answer.match import Match
from afgcli.answer.queries import SourceCount
from afgcli.table.model import Entity, Fact, Source


@dataclass(frozen=True)
class TimelineAnswer:
    """All facts, or one entity's, in date order, within the years asked for. `entity` is None when
    a name was given and found nothing (`candidates` then holds the suggestions) or none was given."""

    query: str | None
    entity: Entity | None
    start: int | None
    end: int | None
    facts: tuple[Fact, ...]
    candidates: tuple[Match, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """`{query, entity, from, to, facts}`, as `afg timeline --json` writes it (`entity` is the id)."""
        from afgcli.show import jsonout
        return jsonout.timeline(self.query, self.entity.id if self.entity else None, self.start, self.end, self.facts)


@dataclass(frozen=True)
class FactAnswer:
    """One fact by its id (None when the table has no such id), the names of its entities and the
    sources it cites, by id."""

    query: str
    fact: Fact | None
    names: dict[str, str] = field(default_factory=dict, repr=False)
    sources: dict[str, Source] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """`{query, fact}`, as `afg fact --json` writes it: the fact with `entity_names` and each source
        as `{id, cite, title, url}`, or None."""
        from afgcli.show import jsonout
        found = jsonout.fact_in_full(self.fact, self.names, self.sources) if self.fact is not None else None
        return {"query": self.query, "fact": found}


@dataclass(frozen=True)
class SourcesAnswer:
    """The source documents and datasets of the table, each with how many facts cite it."""

    sources: tuple[SourceCount, ...]

    def to_dict(self) -> dict[str, Any]:
        """`{sources}`, as `afg sources --json` writes it."""
        from afgcli.show import jsonout
        return jsonout.sources(list(self.sources))


@dataclass(frozen=True)
class SourceAnswer:
    """One source in full: how many facts cite it and the dates of the earliest and latest of them."""

    source: Source
    facts: int
    earliest: str | None
    latest: str | None

    def to_dict(self) -> dict[str, Any]:
        """The source with `facts`, `earliest` and `latest`, as `afg sources ID --json` writes it."""
        from afgcli.show import jsonout
        return jsonout.source_in_full(SourceCount(self.source, self.facts), self.earliest, self.latest)
