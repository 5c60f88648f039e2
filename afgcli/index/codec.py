"""Records as plain tuples of str, int and float, which marshal stores compactly and reads fast."""

from __future__ import annotations

import marshal

from afgcli.table.model import Citation, Entity, Fact, Figure, Role, Source, When


def _when(item: When | None):
    return (item.text, item.first, item.last) if item else None


def _cites(items: tuple[Citation, ...]) -> tuple:
    return tuple((c.source, c.cite) for c in items)


def encode_source(item: Source) -> bytes:
    return marshal.dumps(
        (item.id, item.title, item.publisher, item.published, item.url, item.file, item.licence, item.origin, item.citation)
    )


def encode_entity(item: Entity) -> bytes:
    return marshal.dumps(
        (item.id, item.name, item.kind, item.aliases, item.summary, _when(item.start), _when(item.end), _cites(item.sources),
         item.ucdp, item.origin)
    )


def encode_fact(item: Fact) -> bytes:
    figure = (item.figure.low, item.figure.high, item.figure.unit, item.figure.best) if item.figure else None
    return marshal.dumps((item.id, _when(item.when), item.entities, item.kind, item.text, _cites(item.sources), figure, item.origin))


def encode_role(item: Role) -> bytes:
    return marshal.dumps(
        (item.entity, item.role, item.organization, _when(item.start), _when(item.end), _cites(item.sources), item.ongoing)
    )


class Decoder:
    """Records from blobs. Equal dates and citations recur across many records and are immutable,
    so each is built once and shared: a large answer then costs far fewer objects."""

    def __init__(self) -> None:
        self._whens: dict[tuple, When] = {}
        self._citations: dict[tuple, tuple[Citation, ...]] = {}

    def _when(self, value: tuple | None) -> When | None:
        if value is None:
            return None
        found = self._whens.get(value)
        if found is None:
            found = self._whens[value] = When(*value)
        return found

    def _cites(self, items: tuple) -> tuple[Citation, ...]:
        found = self._citations.get(items)
        if found is None:
            found = self._citations[items] = tuple([Citation(source, cite) for source, cite in items])
        return found

    def source(self, blob: bytes) -> Source:
        return Source(*marshal.loads(blob))

    def entity(self, blob: bytes) -> Entity:
        ident, name, kind, aliases, summary, start, end, cites, actors, origin = marshal.loads(blob)
        return Entity(ident, name, kind, aliases, summary, self._when(start), self._when(end), self._cites(cites), actors, origin)

    def fact(self, blob: bytes) -> Fact:
        ident, when, entities, kind, text, cites, figure, origin = marshal.loads(blob)
        return Fact(ident, self._when(when), entities, kind, text, self._cites(cites), figure and Figure(*figure), origin)

    def role(self, blob: bytes) -> Role:
        holder, title, organization, start, end, cites, ongoing = marshal.loads(blob)
        return Role(holder, title, organization, self._when(start), self._when(end), self._cites(cites), ongoing)
