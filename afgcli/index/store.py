"""Reading the index (index.py): records by id, by entity, by period, and the word lookups of the matchers."""

from __future__ import annotations

import marshal
import sqlite3
from array import array
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # the JSON-text answers decode no record, so they never load the records' classes
    from afgcli.index.codec import Decoder
    from afgcli.table.model import Entity, Fact, Role, Source

FORMAT = "afg-index-21"  # change it whenever the index's tables or blobs change: the cache key holds it
# Dates at most SHORT years long are found through the `lo` index from (first - SHORT); longer
# ones, few in any table, through their own index. Keeps a year's lookup to the rows near it.
SHORT = 16
SKELETON_MIN = 4  # shorter words fold too much to be compared by skeleton, or by prefix

_STREAM_BATCH = 512  # rows fetched at a time by the streamed readers
_MAX_PARAMETERS = 900  # below SQLite's smallest limit on bound parameters


def _chunks(items: list, size: int = _MAX_PARAMETERS):
    for start in range(0, len(items), size):
        yield items[start : start + size]


_FACT_ORDER = "first, last, id"  # columns that sort facts in date order
_ROLE_ORDER = "start, entity, title, rid"  # and roles, earliest first (rid keeps the table's order on ties)


def _in_order(rows: list[tuple], decode) -> list:
    """Records from rows whose leading columns are their sort key and whose last column is the record."""
    rows.sort()  # tuples compare in C: far faster than a key function over decoded records
    return [decode(row[-1]) for row in rows]


class Store:
    """Typed records, or their JSON texts, out of an open index database."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db
        self._decoder: Decoder | None = None

    @property
    def _decode(self) -> Decoder:
        if self._decoder is None:
            from afgcli.index.codec import Decoder

            self._decoder = Decoder()
        return self._decoder

    def _rows(self, sql: str, ids: list) -> list[tuple]:
        found = []
        for chunk in _chunks(ids):
            found += self._db.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
        return found

    # Entities

    def entity(self, ident: str) -> Entity | None:
        row = self._db.execute("SELECT rec FROM entity WHERE id = ?", (ident,)).fetchone()
        return self._decode.entity(row[0]) if row else None

    def entity_json(self, ident: str) -> str | None:
        row = self._db.execute("SELECT json FROM entity WHERE id = ?", (ident,)).fetchone()
        return row[0] if row else None

    def name_forms(self, rids: list[int]) -> list[tuple[int, str, str, str, int, tuple]]:
        """(rid, id, name, kind, weight, forms) of each entity; forms are the word tuples of its name, aliases and id."""
        rows = self._rows("SELECT rid, id, name, kind, weight, forms FROM entity WHERE rid IN ({})", rids)
        return [(rid, ident, name, kind, weight, marshal.loads(forms)) for rid, ident, name, kind, weight, forms in rows]

    def kinds(self, idents: list[str]) -> dict[str, str]:
        """The kind of each of these entities (person, group, place...)."""
        return dict(self._rows("SELECT id, kind FROM entity WHERE id IN ({})", idents))

    def exact_name(self, key: str) -> int | None:
        row = self._db.execute("SELECT entity FROM name_exact WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def folded_name(self, key: str) -> list[int]:
        return [rid for (rid,) in self._db.execute("SELECT entity FROM name_folded WHERE key = ?", (key,))]

    # Facts and roles

    def _of(self, ident: str, column: str) -> list[tuple]:
        """The entity's fact rows, as (first, last, id, `column`)."""
        return self._db.execute(
            f"SELECT f.first, f.last, f.id, f.{column} FROM fact_entity AS l JOIN fact AS f ON f.rid = l.fact WHERE l.entity = ?",
            (ident,),
        ).fetchall()

    def facts_of(self, ident: str) -> list[Fact]:
        """The entity's facts in date order."""
        return _in_order(self._of(ident, "rec"), self._decode.fact)

    def fact_json_of(self, ident: str) -> list[str]:
        """As facts_of, each fact as its JSON text."""
        return _in_order(self._of(ident, "json"), str)

    def facts_linked(self, entity_rids: list[int]) -> set[int]:
        """The rids of the facts about any of these entities."""
        rows = self._rows("SELECT l.fact FROM entity AS e JOIN fact_entity AS l ON l.entity = e.id WHERE e.rid IN ({})", entity_rids)
        return {rid for (rid,) in rows}

    def fact_tuples(self, rids: list[int]) -> dict[int, tuple]:
        """The facts as the tuples the codec stores (search ranks on these, without building records)."""
        return {rid: marshal.loads(rec) for rid, rec in self._rows("SELECT rid, rec FROM fact WHERE rid IN ({})", rids)}

    def fact_json(self, rids: list[int]) -> dict[int, str]:
        """The facts' JSON texts, by rid."""
        return dict(self._rows("SELECT rid, json FROM fact WHERE rid IN ({})", rids))

    def facts(self, rids: list[int]) -> dict[int, Fact]:
        return {rid: self._decode.fact(rec) for rid, rec in self._rows("SELECT rid, rec FROM fact WHERE rid IN ({})", rids)}

    def _between(self, table: str, columns: str, first: int, last: int, days: tuple[int, int] | None) -> list[tuple]:
        """Rows of `table` (fact or role) whose years meet first..last, as `columns`. With `days`
        (yyyymmdd), a period shorter than its years, only rows whose dates lie within those days,
        or whose span meets them: a date known only to the year may not fall in the month asked for."""
        within = ""
        bounds: tuple[int, ...] = ()
        if days is not None:
            within = " AND (first >= ? AND last <= ? OR span AND first <= ? AND last >= ?)"
            bounds = (days[0], days[1], days[1], days[0])
        return self._db.execute(
            f"SELECT {columns} FROM {table} WHERE hi - lo <= {SHORT} AND lo BETWEEN ? AND ? AND hi >= ?{within}"
            f" UNION ALL SELECT {columns} FROM {table} WHERE hi - lo > {SHORT} AND lo <= ? AND hi >= ?{within}",
            (first - SHORT, last, first, *bounds, last, first, *bounds),
        ).fetchall()

    def facts_between(self, first: int, last: int, days: tuple[int, int] | None = None) -> list[Fact]:
        """Facts whose dates meet the years first..last (and `days`, see _between), in date order."""
        return _in_order(self._between("fact", f"{_FACT_ORDER}, rec", first, last, days), self._decode.fact)

    def _streamed(self, sql: str, parameters: tuple = ()) -> Iterator[tuple]:
        """Rows as SQLite reads them, a batch at a time: an answer of any size in bounded memory
        (SQLite sorts in its own bounded buffers, spilling to a temporary file)."""
        cursor = self._db.execute(sql, parameters)
        while rows := cursor.fetchmany(_STREAM_BATCH):
            yield from rows

    def _between_sorted(self, table: str, order: str, column: str, first: int, last: int, days) -> Iterator[str]:
        within = ""
        bounds: tuple[int, ...] = ()
        if days is not None:
            within = " AND (first >= ? AND last <= ? OR span AND first <= ? AND last >= ?)"
            bounds = (days[0], days[1], days[1], days[0])
        # The same rows as _between, sorted by SQLite on the key _in_order sorts them by.
        rows = self._streamed(
            f"SELECT {column} FROM (SELECT {order}, {column} FROM {table} WHERE hi - lo <= {SHORT} AND lo BETWEEN ? AND ? AND hi >= ?{within}"
            f" UNION ALL SELECT {order}, {column} FROM {table} WHERE hi - lo > {SHORT} AND lo <= ? AND hi >= ?{within})"
            f" ORDER BY {order}, {column}",
            (first - SHORT, last, first, *bounds, last, first, *bounds),
        )
        return (text for (text,) in rows)

    def fact_json_streamed(self, first: int, last: int, days: tuple[int, int] | None = None) -> Iterator[str]:
        """The JSON texts of the facts whose dates meet the years first..last (and `days`, see _between),
        in date order: read and sorted by SQLite as they are written."""
        return self._between_sorted("fact", _FACT_ORDER, "json", first, last, days)

    def role_json_streamed(self, first: int, last: int, days: tuple[int, int] | None = None) -> Iterator[str]:
        """The JSON texts of the roles held in first..last (and `days`), earliest first, as fact_json_streamed."""
        return self._between_sorted("role", _ROLE_ORDER, "json", first, last, days)

    # The whole table, in the order load.read_table keeps it (sources and entities as read, facts in
    # date order, roles by start), one record at a time, for `afg export`.

    def every_source(self) -> Iterator[Source]:
        return (self._decode.source(rec) for (rec,) in self._streamed("SELECT rec FROM source ORDER BY rid"))

    def every_entity(self, column: str = "rec") -> Iterator:
        """Entities as records (`rec`) or as their JSON texts (`json`)."""
        assert column in ("rec", "json")
        rows = self._streamed(f"SELECT {column} FROM entity ORDER BY rid")
        return (self._decode.entity(value) if column == "rec" else value for (value,) in rows)

    def every_fact(self, column: str = "rec") -> Iterator:
        """Facts in date order (load.fact_order, then the table's order), as records or JSON texts."""
        assert column in ("rec", "json")
        rows = self._streamed(f"SELECT {column} FROM fact ORDER BY {_FACT_ORDER}, rid")
        return (self._decode.fact(value) if column == "rec" else value for (value,) in rows)

    def every_role(self, column: str = "rec") -> Iterator:
        """Roles by start (load.role_order, then the table's order), as records or JSON texts."""
        assert column in ("rec", "json")
        rows = self._streamed(f"SELECT {column} FROM role ORDER BY start, entity, title, rid")
        return (self._decode.role(value) if column == "rec" else value for (value,) in rows)

    def fact_rids_between(self, first: int, last: int) -> list[int]:
        """The rids of the facts whose dates meet the years first..last."""
        return [rid for (rid,) in self._between("fact", "rid", first, last, None)]

    def fact(self, ident: str) -> Fact | None:
        """One fact by its id (a keyed lookup: fact ids have an index)."""
        row = self._db.execute("SELECT rec FROM fact WHERE id = ?", (ident,)).fetchone()
        return self._decode.fact(row[0]) if row else None

    def fact_rank(self) -> array:
        """Each fact's place (by rid) in the order of statement length, then id."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'fact_rank'").fetchone()
        return _ids(row[0]) if row else array("i")

    def fact_traits(self) -> bytes:
        """Each fact's kind as a byte (by rid): its code in schema.KIND_CODES, so that search bounds what
        a tie can score without reading the facts."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'fact_traits'").fetchone()
        return row[0] if row else b""

    def unit_rids(self, words: list[str]) -> set[int]:
        """The rids of the facts whose figure counts any of `words` (what its unit says)."""
        return Words(self._db, "unit").postings(words)

    def fact_rids_of(self, idents: list[str]) -> set[int]:
        """The rids of the facts about any of these entities (by id)."""
        return {rid for (rid,) in self._rows("SELECT fact FROM fact_entity WHERE entity IN ({})", idents)}

    def size(self) -> int:
        """How many facts and entities the table holds (what a word's rarity is measured against)."""
        facts = self._db.execute("SELECT max(rid) FROM fact").fetchone()[0] or 0
        return facts + (self._db.execute("SELECT max(rid) FROM entity").fetchone()[0] or 0)

    def all_facts(self) -> list[Fact]:
        return _in_order(self._db.execute(f"SELECT {_FACT_ORDER}, rec FROM fact").fetchall(), self._decode.fact)

    def _role_rows(self, ident: str, columns: str, side: str = "entity") -> list[tuple]:
        """The role rows held by the entity (`side` entity) or in it (`side` organization), as (sort key..., `columns`)."""
        assert side in ("entity", "organization")
        return self._db.execute(f"SELECT {_ROLE_ORDER}, {columns} FROM role WHERE {side} = ?", (ident,)).fetchall()

    def roles_of(self, ident: str) -> tuple[list[Role], dict[str, str]]:
        """The entity's roles, earliest first, and the names of the entities they refer to."""
        return self._roles(self._role_rows(ident, "names, rec"))

    def role_tuples_of(self, ident: str) -> tuple[list[tuple], dict[str, str]]:
        """As roles_of, each role as the tuple the codec stores (see codec.encode_role)."""
        return self._roles(self._role_rows(ident, "names, rec"), marshal.loads)

    def role_json_of(self, ident: str) -> list[str]:
        """As roles_of, each role as its JSON text (which holds the names)."""
        return _in_order(self._role_rows(ident, "json"), str)

    def roles_in(self, ident: str) -> tuple[list[Role], dict[str, str]]:
        """The roles held in the entity (a state, party, group), earliest first, and the names they refer to."""
        return self._roles(self._role_rows(ident, "names, rec", "organization"))

    def role_json_in(self, ident: str) -> list[str]:
        """As roles_in, each role as its JSON text."""
        return _in_order(self._role_rows(ident, "json", "organization"), str)

    def roles_between(self, first: int, last: int, days: tuple[int, int] | None = None) -> tuple[list[Role], dict[str, str]]:
        """Roles held (as index.held_days has it) in some year of first..last (and `days`, see
        _between), earliest first, and the names of the entities they refer to."""
        return self._roles(self._between("role", f"{_ROLE_ORDER}, names, rec", first, last, days))

    def _roles(self, rows: list[tuple], decode=None) -> tuple[list, dict[str, str]]:
        names: dict[str, str] = {}
        for row in rows:
            names.update(marshal.loads(row[-2]))
        return _in_order(rows, decode or self._decode.role), names

    def dated_days(self) -> tuple[int, int] | None:
        """The first and last days (yyyymmdd) of the table's dated facts and roles, or None when it has none."""
        rows = dict(self._db.execute("SELECT key, value FROM meta WHERE key IN ('first_day', 'last_day')").fetchall())
        return (rows["first_day"], rows["last_day"]) if len(rows) == 2 else None

    def source_span(self, ident: str) -> tuple[str | None, str | None]:
        """The earliest and latest dates of the facts that cite the source (an interval's start or end)."""
        row = self._db.execute("SELECT earliest, latest FROM source WHERE id = ?", (ident,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def sources(self) -> list[tuple[Source, int]]:
        return [(self._decode.source(rec), facts) for rec, facts in self._db.execute("SELECT rec, facts FROM source ORDER BY rid")]

    # The whole table, one record at a time (the Python API's iterators)

    def names_of(self, idents: list[str]) -> dict[str, str]:
        """The names of these entities (those the table holds)."""
        return dict(self._rows("SELECT id, name FROM entity WHERE id IN ({})", idents))


class Words:
    """The vocabulary of entity names (`name`), of what is said about entities (`about`: summaries and
    roles held) or of fact statements (`fact`), with each word's postings."""

    def __init__(self, db: sqlite3.Connection, kind: str):
        assert kind in ("name", "about", "fact", "unit")
        self._db = db
        self._table = f"{kind}_word"
        self._vocabulary: list[str] | None = None

    def vocabulary(self) -> list[str]:
        if self._vocabulary is None:
            self._vocabulary = [w for (w,) in self._db.execute(f"SELECT word FROM {self._table} ORDER BY word")]
        return self._vocabulary

    def has(self, word: str) -> bool:
        return self._db.execute(f"SELECT 1 FROM {self._table} WHERE word = ?", (word,)).fetchone() is not None

    def with_prefix(self, prefix: str) -> list[str]:
        """Longer words that begin with `prefix`."""
        # Words sort after their prefix and before the prefix followed by the highest code point.
        rows = self._db.execute(f"SELECT word FROM {self._table} WHERE word > ? AND word < ?", (prefix, prefix + "\U0010ffff"))
        return [w for (w,) in rows]

    def with_skeleton(self, key: str) -> list[str]:
        return [w for (w,) in self._db.execute(f"SELECT word FROM {self._table} WHERE skel = ?", (key,))]

    def is_common(self, word: str) -> bool:
        """Whether `word` (normalised, lower case) is a common English word (see english.py)."""
        if not word.isascii() or not word.isalpha():
            return False
        return self._db.execute("SELECT 1 FROM english WHERE word = ?", (word,)).fetchone() is not None

    def postings(self, words: list[str]) -> set[int]:
        """The ids (entity or fact rids) of everything that holds any of `words`."""
        found: set[int] = set()
        rows = []
        for chunk in _chunks(words):
            rows += self._db.execute(
                f"SELECT ids FROM {self._table} WHERE word IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
        for (ids,) in rows:
            found.update(_ids(ids))
        return found

    def ids(self, word: str) -> array:
        """The ids of what holds `word`, ascending (empty when nothing does)."""
        row = self._db.execute(f"SELECT ids FROM {self._table} WHERE word = ?", (word,)).fetchone()
        return _ids(row[0]) if row else array("i")


def _ids(blob: bytes) -> array:
    ids = array("i")
    ids.frombytes(blob)
    return ids
