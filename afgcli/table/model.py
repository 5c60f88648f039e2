"""The records of the fact table: typed, frozen, and free of any I/O.

Every dataclass here has a docstring: without one, dataclasses computes a signature for it at
import, which costs start-up time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

# to_dict(): the record as the JSON contract has it (README, "JSON output"); jsonout makes the
# document, imported on first use (the JSON-text paths load this module's classes not at all).


@dataclass(frozen=True)
class Citation:
    """Where a source supports a record: a source id and its own locator, such as [53] or ¶12."""

    source: str
    cite: str

    def to_dict(self) -> dict[str, str]:
        """`{id, cite}`."""
        return {"id": self.source, "cite": self.cite}


@dataclass(frozen=True)
class Figure:
    """A number a fact reports: low, optional high (a range), and the unit counted."""

    low: int | float
    high: int | float | None
    unit: str
    best: int | float | None = None  # a best estimate within [low, high], as UCDP gives one

    def to_dict(self) -> dict[str, Any]:
        """`{low, high, best, unit}`, as in a fact's `figures`."""
        from afgcli.show import jsonout
        return jsonout.figure(self)


@dataclass(frozen=True)
class When:
    """An ISO 8601 date or interval as written in the table, with its bounds as (y, m, d)."""

    text: str
    first: tuple[int, int, int]
    last: tuple[int, int, int]

    @property
    def year(self) -> int:
        return self.first[0]

    @property
    def end_year(self) -> int:
        return self.last[0]


@dataclass(frozen=True)
class Source:
    """A source document the table is curated from, or a dataset a layer was imported from."""

    id: str
    title: str
    publisher: str
    published: str
    url: str
    file: str
    licence: str = ""  # where known: `CC BY-SA 4.0`
    origin: str = "curated"  # a dataset's name and version (UCDP GED 23.1) when the source is one
    citation: str = ""  # how the publisher asks to be cited, where it says

    def to_dict(self, facts: int | None = None) -> dict[str, Any]:
        """The source as `afg sources --json` writes it (with `facts`, how many facts cite it, when given)."""
        from afgcli.show import jsonout
        return jsonout.source(self, facts)


@dataclass(frozen=True)
class Entity:
    """A person, group, government, place, operation or agreement, with its names and summary."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    summary: str
    start: When | None
    end: When | None
    sources: tuple[Citation, ...]
    ucdp: tuple[int, ...] = ()  # UCDP actor ids of this entity, where UCDP codes it
    origin: str = "curated"  # the curated table, or the dataset (UCDP GED 23.1) it was imported from

    def to_dict(self) -> dict[str, Any]:
        """`{id, name, kind, aliases, summary, start, end, sources, ucdp, origin}`."""
        from afgcli.show import jsonout
        return jsonout.entity(self)


@dataclass(frozen=True)
class Fact:
    """One dated statement about one or more entities, with its sources."""

    id: str
    when: When
    entities: tuple[str, ...]
    kind: str
    text: str
    sources: tuple[Citation, ...]
    figure: Figure | None = None
    origin: str = "curated"  # the curated table, or the dataset (UCDP GED 23.1) it was imported from

    def to_dict(self) -> dict[str, Any]:
        """`{id, date, year, end_year, text, entities, kind, sources, origin}`, and `figures` when it has one."""
        from afgcli.show import jsonout
        return jsonout.fact(self)


@dataclass(frozen=True)
class Role:
    """An office or position an entity held, in an organization, over a span."""

    entity: str
    role: str
    organization: str
    start: When | None
    end: When | None
    sources: tuple[Citation, ...]
    ongoing: bool = False  # end written `..`: still held when the source was published

    def to_dict(self, names: Mapping[str, str] | None = None) -> dict[str, Any]:
        """`{entity, name, role, organization, organization_name, start, end, ongoing, sources}`. `names`
        maps entity ids to names (an answer's `names`, or Library.names_of); without it `name` is the id."""
        from afgcli.show import jsonout
        return jsonout.role(self, names or {})

