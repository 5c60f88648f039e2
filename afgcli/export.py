"""The whole table as rows and records, for `afg export` (CSV, JSON Lines, JSON)."""

from __future__ import annotations

from typing import Any, Iterator

from afgcli import jsonout
from afgcli.load import Table
from afgcli.model import Citation
from afgcli.schema import FILES

TABLES = ("sources", "entities", "facts", "roles")
RECORD_TYPE = {"sources": "source", "entities": "entity", "facts": "fact", "roles": "role"}


def _cites(items: tuple[Citation, ...]) -> str:
    return "; ".join(f"{c.source} {c.cite}".strip() for c in items)


def _date(value) -> str:
    return value.text if value else ""


# The facts CSV also carries each date's first and last year, as the JSON does (derived, not table columns).
DERIVED = {"facts": ["year", "end_year"]}


def csv_rows(table: Table, name: str) -> Iterator[list[str]]:
    """The header and rows of one table, in the format of the files in facts/ (plus DERIVED columns)."""
    yield list(FILES[f"{name}.csv"]) + DERIVED.get(name, [])
    if name == "sources":
        for s in table.sources.values():
            yield [s.id, s.title, s.publisher, s.published, s.url, s.file, s.licence]
    elif name == "entities":
        for e in table.entities.values():
            yield [e.id, e.name, e.kind, "; ".join(e.aliases), e.summary, _date(e.start), _date(e.end), _cites(e.sources)]
    elif name == "facts":
        for f in table.facts:
            figure = f.figure
            yield [
                f.id, f.when.text, "; ".join(f.entities), f.kind, f.text, _cites(f.sources),
                str(figure.low) if figure else "", str(figure.high) if figure and figure.high is not None else "",
                figure.unit if figure else "", str(f.when.year), str(f.when.end_year),
            ]
    else:
        for r in table.roles:
            yield [r.entity, r.role, r.organization, _date(r.start), ".." if r.ongoing else _date(r.end), _cites(r.sources)]


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
