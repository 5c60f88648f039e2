"""The records of the fact table: typed, frozen, and free of any I/O."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Citation:
    source: str
    cite: str


@dataclass(frozen=True)
class Figure:
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
    id: str
    title: str
    publisher: str
    published: str
    url: str
    file: str


@dataclass(frozen=True)
class Entity:
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
    id: str
    when: When
    entities: tuple[str, ...]
    kind: str
    text: str
    sources: tuple[Citation, ...]
    figure: Figure | None = None


@dataclass(frozen=True)
class Role:
    entity: str
    role: str
    organization: str
    start: When | None
    end: When | None
    sources: tuple[Citation, ...]
    ongoing: bool = False  # end written `..`: still held when the source was published


@dataclass(frozen=True)
class Table:
    """A loaded, validated fact table. Facts are kept in date order."""

    sources: dict[str, Source]
    entities: dict[str, Entity]
    facts: tuple[Fact, ...]
    roles: tuple[Role, ...]
    facts_by_entity: dict[str, tuple[Fact, ...]] = field(repr=False)
    roles_by_entity: dict[str, tuple[Role, ...]] = field(repr=False)


def fact_order(fact: Fact) -> tuple:
    """Date order: earliest first, shorter spans first, then id."""
    return (fact.when.first, fact.when.last, fact.id)


def role_order(role: Role) -> tuple:
    return (role.start.first if role.start else (0, 0, 0), role.entity, role.role)
