"""Reading a fact table from CSV files: every defect is reported, and a table is built only when clean."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from pathlib import Path

from afgcli.dates import parse_when
from afgcli.model import Citation, Entity, Fact, Figure, Role, Source, Table, When
from afgcli.names import normalize
from afgcli.problems import DataError, Problem
from afgcli.schema import ENTITY_KINDS, FACT_KINDS, FILES, REQUIRED

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CITATION = re.compile(r"([a-z0-9][a-z0-9-]*)(?:\s+(\S.*))?")

Row = tuple[str, int, dict[str, str]]  # (path, line, values)
ONGOING = ".."  # a role's end when the source says it is still held


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.unreadable: set[str] = set()  # file names whose rows could not be read

    def bad(self, path: str, line: int, code: str, message: str) -> None:
        self.problems.append(Problem(path, line, code, message))

    def read_file(self, path: Path, columns: tuple[str, ...]) -> list[Row]:
        before = len(self.problems)
        rows = self._read_file(path, columns)
        if not rows and len(self.problems) > before:
            self.unreadable.add(path.name)
        return rows

    def _read_file(self, path: Path, columns: tuple[str, ...]) -> list[Row]:
        name = str(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            self.bad(name, 0, "AFG001", "file is missing")
            return []
        except OSError as error:
            self.bad(name, 0, "AFG001", f"cannot read file: {error.strerror or error}")
            return []
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            self.bad(name, line, "AFG002", f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8")
            return []
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        rows: list[Row] = []
        try:
            header = next(reader, None)
            if header is None:
                self.bad(name, 1, "AFG005", f"file is empty; the header must be {','.join(columns)}")
                return []
            header = [h.strip() for h in header]
            unknown = [h for h in header if h not in columns]
            missing = [c for c in columns if c not in header]
            for column in unknown:
                self.bad(name, 1, "AFG004", f"unknown column {column!r}; the columns are {','.join(columns)}")
            for column in missing:
                self.bad(name, 1, "AFG005", f"missing column {column!r}; the columns are {','.join(columns)}")
            usable = not missing and len(set(header)) == len(header)
            start = reader.line_num + 1
            for fields in reader:
                if fields and usable:
                    if len(fields) != len(header):
                        self.bad(name, start, "AFG006", f"{len(fields)} fields, the header has {len(header)}")
                    else:
                        rows.append((name, start, {h: v.strip() for h, v in zip(header, fields)}))
                start = reader.line_num + 1
        except csv.Error as error:
            self.bad(name, reader.line_num, "AFG003", f"malformed CSV ({error}); check the quotes on this line")
            return []
        return rows

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
            self.bad(path, line, "AFG102", f"{column} {values[column]!r} is not YYYY, YYYY-MM, YYYY-MM-DD or an interval A/B")
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
        low, high, unit = values["low"], values["high"], values["unit"]
        if not (low or high or unit):
            return None
        numbers = []
        for column, value in (("low", low), ("high", high)):
            if value and not _NUMBER.fullmatch(value):
                self.bad(path, line, "AFG106", f"{column} {value!r} is not a number (digits, optional decimal point)")
                return None
            numbers.append((float(value) if "." in value else int(value)) if value else None)
        if numbers[0] is None or not unit:
            self.bad(path, line, "AFG106", "a figure needs low and unit (high is optional)")
            return None
        if numbers[1] is not None and numbers[1] < numbers[0]:
            self.bad(path, line, "AFG106", f"high {high} is below low {low}")
            return None
        return Figure(numbers[0], numbers[1], unit)


def read_table(directories: list[Path]) -> tuple[Table | None, list[Problem]]:
    """Read one or more table directories (later ones on top); the table is None unless clean."""
    reader = _Reader()
    rows: dict[str, list[Row]] = {name: [] for name in FILES}
    for directory in directories:
        for name, columns in FILES.items():
            rows[name] += reader.read_file(directory / name, columns)

    sources: dict[str, Source] = {}
    for row in rows["sources.csv"]:
        values = row[2]
        if reader.required(row, REQUIRED["sources.csv"]) and reader.slug(row, set(sources), "source"):
            reader.when(row, "published")
            sources[values["id"]] = Source(
                values["id"], values["title"], values["publisher"], values["published"], values["url"], values["file"]
            )

    entities: dict[str, Entity] = {}
    cited: list[tuple[Row, tuple[Citation, ...]]] = []
    for row in rows["entities.csv"]:
        values = row[2]
        complete = reader.required(row, REQUIRED["entities.csv"])
        if not reader.slug(row, set(entities), "entity") or not values["id"]:
            continue
        if values["kind"] and values["kind"] not in ENTITY_KINDS:
            reader.bad(row[0], row[1], "AFG105", f"entity kind {values['kind']!r} is not one of {', '.join(sorted(ENTITY_KINDS))}")
        start, end = reader.when(row, "start"), reader.when(row, "end")
        citations = reader.citations(row)
        cited.append((row, citations))
        if complete:
            entities[values["id"]] = Entity(
                values["id"], values["name"], values["kind"], tuple(split_list(values["aliases"])),
                values["summary"], start, end, citations,
            )

    facts: list[Fact] = []
    fact_ids: set[str] = set()
    references: list[tuple[Row, str]] = []
    for row in rows["facts.csv"]:
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
        citations = reader.citations(row)
        cited.append((row, citations))
        figure = reader.figure(row)
        involved = tuple(split_list(values["entities"]))
        references += [(row, ident) for ident in involved]
        if complete and when:
            facts.append(Fact(values["id"], when, involved, values["kind"], values["text"], citations, figure))

    roles: list[Role] = []
    for row in rows["roles.csv"]:
        values = row[2]
        complete = reader.required(row, REQUIRED["roles.csv"])
        ongoing = values["end"] == ONGOING
        if ongoing:
            row = (row[0], row[1], dict(values, end=""))  # `..` is a marker, not a date to parse
        start, end = reader.when(row, "start"), reader.when(row, "end")
        citations = reader.citations(row)
        cited.append((row, citations))
        references += [(row, values[c]) for c in ("entity", "organization") if values[c]]
        if complete:
            roles.append(Role(values["entity"], values["role"], values["organization"], start, end, citations, ongoing))

    # A file that could not be read is reported once, not again as every reference into it.
    if "entities.csv" in reader.unreadable:
        references = []
    if "sources.csv" in reader.unreadable:
        cited = []
    for row, ident in references:
        if ident not in entities:
            reader.bad(row[0], row[1], "AFG202", f"no entity with id {ident!r}")
    for row, citations in cited:
        for citation in citations:
            if citation.source not in sources:
                reader.bad(row[0], row[1], "AFG203", f"no source with id {citation.source!r}")

    claimed: dict[str, tuple[str, Row]] = {}
    entity_rows = {row[2]["id"]: row for row in rows["entities.csv"]}
    for entity in entities.values():
        row = entity_rows[entity.id]
        for label in dict.fromkeys(normalize(n) for n in (entity.name, *entity.aliases)):
            owner = claimed.setdefault(label, (entity.id, row))
            if owner[0] != entity.id:
                reader.bad(row[0], row[1], "AFG201", f"name or alias {label!r} is also claimed by entity {owner[0]!r}")

    if reader.problems:
        return None, sorted(reader.problems, key=lambda p: (p.path, p.line, p.code))
    facts.sort(key=lambda f: (f.when.first, f.when.last, f.id))
    by_entity: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        for ident in dict.fromkeys(fact.entities):
            by_entity[ident].append(fact)
    roles.sort(key=lambda r: (r.start.first if r.start else (0, 0, 0), r.entity, r.role))
    roles_by: dict[str, list[Role]] = defaultdict(list)
    for role in roles:
        roles_by[role.entity].append(role)
    table = Table(
        sources, entities, tuple(facts), tuple(roles),
        {k: tuple(v) for k, v in by_entity.items()}, {k: tuple(v) for k, v in roles_by.items()},
    )
    return table, []


def load_table(directories: list[Path]) -> Table:
    table, problems = read_table(directories)
    if table is None:
        raise DataError(problems)
    return table
