"""Reading a fact table from CSV files: every defect is reported, and a table is built only when clean."""

from __future__ import annotations

import csv
import errno
import os
import re
import stat
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from afgcli.answer.names import normalize
from afgcli.show.safetext import shown_path
from afgcli.table.dates import parse_when
from afgcli.table.model import Citation, Entity, Fact, Figure, Role, Source, When
from afgcli.table.problems import DataError, Problem
from afgcli.table.schema import CURATED, ENTITY_KINDS, FACT_KINDS, FILES, OPTIONAL_COLUMNS, REQUIRED

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")  # ASCII digits: \d would read ١٠٠ as 100
_CITATION = re.compile(r"([a-z0-9][a-z0-9-]*)(?:\s+(\S.*))?")

Row = tuple[str, int, dict[str, str]]  # (path, line, values)
_FILE_LEVEL = frozenset({"AFG001", "AFG002", "AFG003", "AFG004", "AFG005"})  # the file's rows cannot all be read
# AFG109: characters that could rewrite a terminal (C0 but tab and newline, DEL, C1) or reorder what a
# reader sees (bidi embeddings, overrides and isolates; line and paragraph separators). A carriage
# return is allowed only before a newline (a file saved with CRLF line ends).
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_CONTROL_IN_FILE = re.compile(f"[{_CONTROLS}]")
_CONTROL_IN_FIELD = re.compile(f"[{_CONTROLS}]|\r(?!\n)")
# csv's default limit (128 KiB) would call a long field a broken quote; this is the largest csv
# accepts everywhere (a C long), so a field's size is bounded only by memory.
FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)
ONGOING = ".."  # a role's end when the source says it is still held


@dataclass(frozen=True)
class Table:
    """A loaded, validated fact table. Facts are kept in date order."""

    sources: dict[str, Source]
    entities: dict[str, Entity]
    facts: tuple[Fact, ...]
    roles: tuple[Role, ...]
    facts_by_entity: dict[str, tuple[Fact, ...]] = field(repr=False)
    roles_by_entity: dict[str, tuple[Role, ...]] = field(repr=False)


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` one at a time (csv wants an iterable; a list of a million lines costs memory)."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            if start < len(text):
                yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]


Progress = Callable[[str, int, int], None]  # (file name, lines read, lines in the file), now and then


class _Reader:
    def __init__(self, progress: Progress | None = None) -> None:
        self.progress = progress
        self.problems: list[Problem] = []
        self.unreadable: set[str] = set()  # file names with a file-level defect

    def bad(self, path: str, line: int, code: str, message: str) -> None:
        self.problems.append(Problem(path, line, code, message))

    def rows(self, directories: list[Path], name: str) -> Iterator[Row]:
        """The rows of one file, in each directory in turn; streamed, so a large table is never all in memory."""
        for directory in directories:
            before = len(self.problems)
            yield from self._rows(directory / name, FILES[name], OPTIONAL_COLUMNS.get(name, ()))
            path = shown_path(directory / name)
            if any(p.code in _FILE_LEVEL and p.path == path for p in self.problems[before:]):
                self.unreadable.add(name)

    def _read(self, name: str, path: Path) -> bytes | None:
        """The file's bytes, or None with AFG001 when it is missing, unreadable or not a regular file."""
        try:
            # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever
            handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            self.bad(name, 0, "AFG001", "file is missing")
            return None
        except OSError as error:
            self.bad(name, 0, "AFG001", _cannot_read(error))
            return None
        except ValueError:  # no file name can hold it (only the Python API can pass one)
            self.bad(name, 0, "AFG001", "the path holds a NUL character")
            return None
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            os.close(handle)
            what = "a directory" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"
            self.bad(name, 0, "AFG001", f"not a regular file ({what}); a table file must be a plain file")
            return None
        with os.fdopen(handle, "rb") as stream:
            try:
                return stream.read()
            except OSError as error:
                self.bad(name, 0, "AFG001", _cannot_read(error))
                return None

    def _rows(self, path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = ()) -> Iterator[Row]:
        name = shown_path(path)
        raw = self._read(name, path)
        if raw is None:
            return
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            self.bad(name, line, "AFG002", f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8")
            return
        del raw
        # One scan of the whole file (about 1 s for 225 MB); rows are searched only when it finds something.
        controls = bool(_CONTROL_IN_FILE.search(text)) or text.count("\r") != text.count("\r\n")
        reader = csv.reader(_lines(text), strict=True)
        try:
            header = next(reader, None)
            if header is None:
                self.bad(name, 1, "AFG005", f"file is empty; the header must be {','.join(columns)}")
                return
            header = [h.strip() for h in header]
            unknown = [h for h in header if h not in columns]
            missing = [c for c in columns if c not in header and c not in optional]
            absent = {c: "" for c in optional if c not in header}  # an older table's header: read as empty
            twice = [c for c in dict.fromkeys(header) if c in columns and header.count(c) > 1]
            for column in unknown:
                self.bad(name, 1, "AFG004", f"unknown column {column!r}; the columns are {','.join(columns)}")
            for column in twice:
                self.bad(name, 1, "AFG004", f"column {column!r} appears twice; the columns are {','.join(columns)}")
            for column in missing:
                self.bad(name, 1, "AFG005", f"missing column {column!r}; the columns are {','.join(columns)}")
            if unknown or twice or missing:
                return  # its rows cannot be read as the format says: no problem reported for each of them
            start = reader.line_num + 1
            lines = text.count("\n") if self.progress else 0
            found_controls = False
            for fields in reader:
                if self.progress and start % 8192 == 0:
                    self.progress(path.name, start, lines)
                if fields:
                    if controls:
                        found_controls |= self._controls(name, start, header, fields)
                    if len(fields) != len(header):
                        self.bad(name, start, "AFG006", f"{len(fields)} fields, the header has {len(header)}")
                    else:
                        yield (name, start, {h: v.strip() for h, v in zip(header, fields)} | absent)
                start = reader.line_num + 1
            if controls and not found_controls:  # outside every field: a line of its own
                match = _CONTROL_IN_FIELD.search(text)
                line = text.count("\n", 0, match.start()) + 1 if match else 1
                self.bad(name, line, "AFG109", "the file holds a control character outside its fields")
        except csv.Error as error:
            if "field limit" in str(error):
                self.bad(name, reader.line_num, "AFG003", f"a field is longer than {FIELD_LIMIT:,} characters, the most a field may hold")
            else:
                self.bad(name, reader.line_num, "AFG003", f"malformed CSV ({error}); check the quotes on this line")

    def _controls(self, name: str, line: int, header: list[str], fields: list[str]) -> bool:
        """Report each field of the row that holds a control character (AFG109); True if any did."""
        found = False
        for column, value in zip(header + ["(extra field)"] * len(fields), fields):
            match = _CONTROL_IN_FIELD.search(value)
            if match:
                self.bad(name, line, "AFG109", f"{column} holds the control character U+{ord(match.group()[0]):04X} "
                         f"at character {match.start() + 1}; remove it (it could rewrite a terminal or reorder the text)")
                found = True
        return found

    def required(self, row: Row, columns: tuple[str, ...]) -> bool:
        path, line, values = row
        ok = True
        for column in columns:
            if not values[column]:
                self.bad(path, line, "AFG101", f"{column!r} is empty")
                ok = False
        return ok

    def when(self, row: Row, column: str) -> When | None:
        path, line, values = row
        if not values[column]:
            return None
        parsed = parse_when(values[column])
        if parsed is None:
            self.bad(path, line, "AFG102", f"{column} {values[column]!r} is not YYYY, YYYY-MM, YYYY-MM-DD or an interval A/B (ASCII digits)")
        return parsed

    def slug(self, row: Row, seen: set[str], what: str) -> bool:
        path, line, values = row
        ident = values["id"]
        if not _SLUG.fullmatch(ident):
            self.bad(path, line, "AFG103", f"{what} id {ident!r} is not lowercase letters, digits and hyphens")
            return False
        if ident in seen:
            self.bad(path, line, "AFG104", f"{what} id {ident!r} is used twice")
            return False
        seen.add(ident)
        return True

    def citations(self, row: Row) -> tuple[Citation, ...]:
        path, line, values = row
        found = []
        if values["sources"] and not split_list(values["sources"]):
            self.bad(path, line, "AFG107", f"sources {values['sources']!r} holds no citation")
        for item in split_list(values["sources"]):
            match = _CITATION.fullmatch(item)
            if match:
                found.append(Citation(match.group(1), match.group(2) or ""))
            else:
                self.bad(path, line, "AFG107", f"citation {item!r} is not SOURCE or SOURCE LOCATOR (a source id, a space, a locator)")
        return tuple(found)

    def figure(self, row: Row) -> Figure | None:
        path, line, values = row
        low, high, unit, best = values["low"], values["high"], values["unit"], values["best"]
        if not (low or high or unit or best):
            return None
        numbers = []
        for column, value in (("low", low), ("high", high), ("best", best)):
            if value and not _NUMBER.fullmatch(value):
                self.bad(path, line, "AFG106", f"{column} {value!r} is not a number (ASCII digits 0-9, optional decimal point)")
                return None
            numbers.append((float(value) if "." in value else int(value)) if value else None)
        if numbers[0] is None or not unit:
            self.bad(path, line, "AFG106", "a figure needs low and unit (high is optional)")
            return None
        if numbers[1] is not None and numbers[1] < numbers[0]:
            self.bad(path, line, "AFG106", f"high {high} is below low {low}")
            return None
        return Figure(numbers[0], numbers[1], unit, numbers[2])

    def actor_ids(self, row: Row) -> tuple[int, ...]:
        path, line, values = row
        found = []
        for item in split_list(values["ucdp"]):
            if item.isascii() and item.isdigit():
                found.append(int(item))
            else:
                self.bad(path, line, "AFG108", f"ucdp {item!r} is not a UCDP actor id (digits)")
        return tuple(found)


class Sink(Protocol):
    """Where a scan hands each record that passed its row checks; the table is good only if no problem is found."""

    def source(self, item: Source) -> None: ...
    def entity(self, item: Entity) -> None: ...
    def fact(self, item: Fact) -> None: ...
    def role(self, item: Role) -> None: ...


class _Count:
    def __init__(self) -> None:
        self.counts = dict.fromkeys(("sources", "entities", "facts", "roles"), 0)

    def source(self, item: Source) -> None:
        self.counts["sources"] += 1

    def entity(self, item: Entity) -> None:
        self.counts["entities"] += 1

    def fact(self, item: Fact) -> None:
        self.counts["facts"] += 1

    def role(self, item: Role) -> None:
        self.counts["roles"] += 1


class _Collect:
    def __init__(self) -> None:
        self.sources: dict[str, Source] = {}
        self.entities: dict[str, Entity] = {}
        self.facts: list[Fact] = []
        self.roles: list[Role] = []

    def source(self, item: Source) -> None:
        self.sources[item.id] = item

    def entity(self, item: Entity) -> None:
        self.entities[item.id] = item

    def fact(self, item: Fact) -> None:
        self.facts.append(item)

    def role(self, item: Role) -> None:
        self.roles.append(item)

    def table(self) -> Table:
        facts = sorted(self.facts, key=fact_order)
        by_entity: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            for ident in dict.fromkeys(fact.entities):
                by_entity[ident].append(fact)
        roles = sorted(self.roles, key=role_order)
        roles_by: dict[str, list[Role]] = defaultdict(list)
        for role in roles:
            roles_by[role.entity].append(role)
        return Table(
            self.sources, self.entities, tuple(facts), tuple(roles),
            {k: tuple(v) for k, v in by_entity.items()}, {k: tuple(v) for k, v in roles_by.items()},
        )


def fact_order(fact: Fact) -> tuple:
    """Date order: earliest first, shorter spans first, then id (the index keeps the same key as columns)."""
    return (fact.when.first, fact.when.last, fact.id)


def role_order(role: Role) -> tuple:
    return (role.start.first if role.start else (0, 0, 0), role.entity, role.role)


def scan(
    directories: list[Path], sink: Sink, progress: Progress | None = None, actors: frozenset[int] | None = None
) -> list[Problem]:
    """Check one or more table directories (later ones on top), streaming each good record to `sink`.

    Files are read in the order sources, entities, facts, roles, so every reference can be checked
    when its row is read and the facts never need to be held. `actors`, when given, are the ids of
    UCDP's actor file, which the entities' UCDP ids must be among; without them, the file is looked
    for beside the table (`ucdp-actors.csv` in one of its directories). Returns the problems, sorted:
    those that stop a whole file from being read (a header, a missing file) first.
    """
    limit = csv.field_size_limit(FIELD_LIMIT)  # process-wide: put back afterwards, for the caller's own csv use
    try:
        problems = _scan(directories, sink, progress, actors)
    finally:
        csv.field_size_limit(limit)
    return sorted(problems, key=lambda p: (p.code not in _FILE_LEVEL, p.path, p.line, p.code))


def _cannot_read(error: OSError) -> str:
    return "a symlink loop" if error.errno == errno.ELOOP else f"cannot read file: {error.strerror or error}"


def _scan(directories: list[Path], sink: Sink, progress: Progress | None, actors: frozenset[int] | None) -> list[Problem]:
    reader = _Reader(progress)
    if actors is None:
        actors = _actors_beside(directories, reader)
    source_ids: set[str] = set()
    origins: dict[str, str] = {}  # source id: the dataset it is, for the sources that are datasets
    for row in reader.rows(directories, "sources.csv"):
        values = row[2]
        if reader.required(row, REQUIRED["sources.csv"]) and reader.slug(row, source_ids, "source"):
            reader.when(row, "published")
            if values["origin"]:
                origins[values["id"]] = values["origin"]
            sink.source(Source(values["id"], values["title"], values["publisher"], values["published"], values["url"],
                               values["file"], values["licence"], values["origin"] or CURATED, values["citation"]))
    check_sources = "sources.csv" not in reader.unreadable  # an unreadable file is reported once, not per reference

    def origin(citations: tuple[Citation, ...]) -> str:
        """Where a record comes from: the dataset its first source is, or the curated table."""
        return origins.get(citations[0].source, CURATED) if citations else CURATED

    def cite(row: Row) -> tuple[Citation, ...]:
        citations = reader.citations(row)
        if check_sources:
            for citation in citations:
                if citation.source not in source_ids:
                    reader.bad(row[0], row[1], "AFG203", f"no source with id {citation.source!r}")
        return citations

    entity_ids: set[str] = set()
    # (table file, actor id): an id is claimed once within a table; a later layer (a GED import made
    # before the curated table coded that actor) may hold its own entity for it without breaking the table.
    actor_owners: dict[tuple[str, int], str] = {}
    complete_entities: set[str] = set()
    claims: list[tuple[str, str, int, tuple[str, ...]]] = []  # (id, path, line, names)
    for row in reader.rows(directories, "entities.csv"):
        path, line, values = row
        complete = reader.required(row, REQUIRED["entities.csv"])
        if not reader.slug(row, entity_ids, "entity") or not values["id"]:
            continue
        if values["kind"] and values["kind"] not in ENTITY_KINDS:
            reader.bad(path, line, "AFG105", f"entity kind {values['kind']!r} is not one of {', '.join(sorted(ENTITY_KINDS))}")
        start, end = reader.when(row, "start"), reader.when(row, "end")
        citations = cite(row)
        actor_ids = reader.actor_ids(row)
        for actor in actor_ids:
            owner = actor_owners.setdefault((path, actor), values["id"])
            if owner != values["id"]:
                reader.bad(path, line, "AFG206", f"UCDP actor id {actor} is also claimed by entity {owner!r}")
            if actors is not None and actor not in actors:
                reader.bad(path, line, "AFG207", f"UCDP actor id {actor} is not in the UCDP actor file")
        if complete:
            aliases = tuple(split_list(values["aliases"]))
            complete_entities.add(values["id"])
            claims.append((values["id"], path, line, (values["name"], *aliases)))
            sink.entity(Entity(values["id"], values["name"], values["kind"], aliases, values["summary"], start, end, citations,
                               actor_ids, origin(citations)))
    check_entities = "entities.csv" not in reader.unreadable

    def refer(row: Row, ident: str) -> None:
        if check_entities and ident not in complete_entities:
            reader.bad(row[0], row[1], "AFG202", f"no entity with id {ident!r}")

    fact_ids: set[str] = set()
    for row in reader.rows(directories, "facts.csv"):
        path, line, values = row
        complete = reader.required(row, REQUIRED["facts.csv"])
        if not values["text"]:
            reader.bad(path, line, "AFG204", "the fact has no statement ('text' is empty)")
            complete = False
        if not values["sources"]:
            reader.bad(path, line, "AFG205", "the fact cites no source ('sources' is empty)")
            complete = False
        if values["id"] and not reader.slug(row, fact_ids, "fact"):
            complete = False
        if values["kind"] and values["kind"] not in FACT_KINDS:
            reader.bad(path, line, "AFG105", f"fact kind {values['kind']!r} is not one of {', '.join(sorted(FACT_KINDS))}")
        when = reader.when(row, "date")
        citations = cite(row)
        figure = reader.figure(row)
        involved = tuple(split_list(values["entities"]))
        for ident in involved:
            refer(row, ident)
        if complete and when:
            sink.fact(Fact(values["id"], when, involved, values["kind"], values["text"], citations, figure, origin(citations)))

    for row in reader.rows(directories, "roles.csv"):
        values = row[2]
        complete = reader.required(row, REQUIRED["roles.csv"])
        ongoing = values["end"] == ONGOING
        if ongoing:
            row = (row[0], row[1], dict(values, end=""))  # `..` is a marker, not a date to parse
        start, end = reader.when(row, "start"), reader.when(row, "end")
        citations = cite(row)
        for column in ("entity", "organization"):
            if values[column]:
                refer(row, values[column])
        if complete:
            sink.role(Role(values["entity"], values["role"], values["organization"], start, end, citations, ongoing))

    claimed: dict[str, str] = {}
    for ident, path, line, names in claims:
        for label in dict.fromkeys(normalize(n) for n in names):
            owner = claimed.setdefault(label, ident)
            if owner != ident:
                reader.bad(path, line, "AFG201", f"name or alias {label!r} is also claimed by entity {owner!r}")
    return reader.problems


ACTOR_FILE = "ucdp-actors.csv"  # UCDP's Actor Dataset, when a table keeps it beside its own files


def _actors_beside(directories: list[Path], reader: _Reader) -> frozenset[int] | None:
    found = [d / ACTOR_FILE for d in directories if (d / ACTOR_FILE).is_file()]
    if not found:
        return None
    from afgcli.importers.ucdp import ImportError_, actor_ids

    ids: set[int] = set()
    for path in found:
        try:
            ids |= actor_ids(path)
        except ImportError_ as error:
            reader.bad(error.problem.path, error.problem.line, error.problem.code, error.problem.message)
    return frozenset(ids)


def read_table(directories: list[Path]) -> tuple[Table | None, list[Problem]]:
    """Read one or more table directories (later ones on top); the table is None unless clean."""
    collected = _Collect()
    problems = scan(directories, collected)
    return (None, problems) if problems else (collected.table(), [])


def check_table(directories: list[Path], actors: frozenset[int] | None = None) -> tuple[dict[str, int], list[Problem]]:
    """How many records of each kind passed their checks, and every problem; the table is not kept in memory."""
    counter = _Count()
    problems = scan(directories, counter, actors=actors)
    return counter.counts, problems


def load_table(directories: list[Path]) -> Table:
    table, problems = read_table(directories)
    if table is None:
        raise DataError(problems)
    return table
