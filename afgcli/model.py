"""The records of the fact table: typed, frozen, and free of any I/O.

Every dataclass here has a docstring: without one, dataclasses computes a signature for it at
import, which costs start-up time.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Citation:
    """Where a source supports a record: a source id and its own locator, such as [53] or ¶12."""

    source: str
    cite: str


@dataclass(frozen=True)
class Figure:
    """A number a fact reports: low, optional high (a range), and the unit counted."""

    low: int | float
    high: int | float | None
    unit: str


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
    """A source document the table is curated from."""

    id: str
    title: str
    publisher: str
    published: str
    url: str
    file: str
    licence: str = ""  # where known: `CC BY-SA 4.0`


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

