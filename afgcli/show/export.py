"""The whole table as rows and JSON texts, for `afg export` (CSV, JSON Lines, JSON), read from the
index one record at a time, in the order load.read_table keeps them, so that an export of any size
is written as it is read."""

from __future__ import annotations

from typing import Iterator

from afgcli.index.store import Store
from afgcli.show import jsonout
from afgcli.table.model import Citation, Entity, Fact, Role, Source
from afgcli.table.schema import CURATED, FILES

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


def csv_rows(store: Store, name: str) -> Iterator[list[str]]:
    """The header and rows of one table, in the format of the files in facts/ (plus DERIVED columns)."""
    yield header(name)
    if name == "sources":
        yield from map(source_row, store.every_source())
    elif name == "entities":
        yield from map(entity_row, store.every_entity())
    elif name == "facts":
        yield from map(fact_row, store.every_fact())
    else:
        yield from map(role_row, store.every_role())


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


def texts(store: Store, name: str) -> Iterator[str]:
    """Each record of one table as its JSON text (jsonout's document, as `dumps` writes it)."""
    if name == "sources":
        return (jsonout.dumps(jsonout.source(s)) for s in store.every_source())
    if name == "entities":
        return store.every_entity("json")
    if name == "facts":
        return store.every_fact("json")
    return store.every_role("json")


def typed_lines(store: Store, name: str) -> Iterator[str]:
    """JSON Lines: each record's text with its type first (`{"type": "fact", "id": ...}`)."""
    opening = '{"type": "%s", ' % RECORD_TYPE[name]
    for text in texts(store, name):
        yield opening + text[1:] + "\n"
