"""The whole table as rows and JSON texts, for `afg export` (CSV, JSON Lines, JSON), read from the
index one record at a time, in the order load.read_table keeps them, so that an export of any size
is written as it is read."""

from __future__ import annotations

from typing import Iterator

from afgcli import jsonout
from afgcli.model import Citation
from afgcli.schema import CURATED, FILES
from afgcli.store import Store

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
    yield list(FILES[f"{name}.csv"]) + DERIVED.get(name, [])
    if name == "sources":
        for s in store.every_source():
            yield [s.id, s.title, s.publisher, s.published, s.url, s.file, s.licence,
                   "" if s.origin == CURATED else s.origin, s.citation]
    elif name == "entities":
        for e in store.every_entity():
            yield [e.id, e.name, e.kind, "; ".join(e.aliases), e.summary, _date(e.start), _date(e.end), _cites(e.sources),
                   "; ".join(map(str, e.ucdp))]
    elif name == "facts":
        for f in store.every_fact():
            figure = f.figure
            yield [
                f.id, f.when.text, "; ".join(f.entities), f.kind, f.text, _cites(f.sources),
                str(figure.low) if figure else "", str(figure.high) if figure and figure.high is not None else "",
                figure.unit if figure else "", _number(figure.best) if figure else "", str(f.when.year), str(f.when.end_year),
            ]
    else:
        for r in store.every_role():
            yield [r.entity, r.role, r.organization, _date(r.start), ".." if r.ongoing else _date(r.end), _cites(r.sources)]


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
