"""The whole table as rows and records, for `afg export` (CSV, JSON Lines, JSON)."""

from __future__ import annotations

from typing import Any, Iterator

from afgcli import jsonout
from afgcli.load import Table
from afgcli.model import Citation, Entity, Fact, Role, Source
from afgcli.schema import CURATED, FILES

TABLES = ("sources", "entities", "facts", "roles")
RECORD_TYPE = {"sources": "source", "entities": "entity", "facts": "fact", "roles": "role"}


def _cites(items: tuple[Citation, ...]) -> str:
    return "; ".join(f"{c.source} {c.cite}".strip() for c in items)


def _number(value) -> str:
    return "" if value is None else str(value)


def _date(value) -> str:
    return value.text if value else ""


# The facts CSV also carries each date's first and last year, as the JSON does (derived, not table columns).
DERIVED = {"facts": ["year", "end_year"]}


def csv_rows(table: Table, name: str) -> Iterator[list[str]]:
    """The header and rows of one table, in the format of the files in facts/ (plus DERIVED columns)."""
    yield header(name)
    if name == "sources":
        yield from map(source_row, table.sources.values())
    elif name == "entities":
        yield from map(entity_row, table.entities.values())
    elif name == "facts":
        yield from map(fact_row, table.facts)
    else:
        yield from map(role_row, table.roles)


def header(name: str) -> list[str]:
    return list(FILES[f"{name}.csv"]) + DERIVED.get(name, [])


# One row each, as csv_rows writes them (afgcli.frames makes its DataFrames from these too).


def source_row(s: Source) -> list[str]:
    return [s.id, s.title, s.publisher, s.published, s.url, s.file, s.licence, "" if s.origin == CURATED else s.origin, s.citation]


def entity_row(e: Entity) -> list[str]:
    return [e.id, e.name, e.kind, "; ".join(e.aliases), e.summary, _date(e.start), _date(e.end), _cites(e.sources),
            "; ".join(map(str, e.ucdp))]


def fact_row(f: Fact) -> list[str]:
    figure = f.figure
    return [
        f.id, f.when.text, "; ".join(f.entities), f.kind, f.text, _cites(f.sources),
        str(figure.low) if figure else "", str(figure.high) if figure and figure.high is not None else "",
        figure.unit if figure else "", _number(figure.best) if figure else "", str(f.when.year), str(f.when.end_year),
    ]


def role_row(r: Role) -> list[str]:
    return [r.entity, r.role, r.organization, _date(r.start), ".." if r.ongoing else _date(r.end), _cites(r.sources)]


def records(table: Table, name: str) -> Iterator[dict[str, Any]]:
    if name == "sources":
        yield from (jsonout.source(s) for s in table.sources.values())
    elif name == "entities":
        yield from (jsonout.entity(e) for e in table.entities.values())
    elif name == "facts":
        yield from (jsonout.fact(f) for f in table.facts)
    else:
        names = {ident: e.name for ident, e in table.entities.items()}
        yield from (jsonout.role(r, names) for r in table.roles)
