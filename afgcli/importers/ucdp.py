"""UCDP's CSV files as afg tables: the Georeferenced Event Dataset (GED) and the Country-Year dataset.

A GED event becomes a fact: its dates at the precision `date_prec` gives, its place, its sides as
entities (the curated ones where UCDP's actor id or name is known to the table), its deaths as a figure
(best, low, high) with the split in the statement, and a citation that keeps the event's id and the news
report behind it. A country-year becomes up to four facts: the deaths by kind of violence and the dyads
active. Statements are generated from the fields in plain words.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from afgcli.answer.names import normalize
from afgcli.importers.table import clean, listable, write_table
from afgcli.table.problems import Problem

GED_COLUMNS = (
    "id", "year", "type_of_violence", "dyad_name", "side_a_new_id", "side_a", "side_b_new_id", "side_b",
    "source_article", "where_prec", "adm_1", "adm_2", "country", "country_id", "event_clarity", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
)
CY_COLUMNS = ("country_id_cy", "country_cy", "year_cy", "version")

VIOLENCE = {"1": "state-based armed conflict", "2": "non-state conflict", "3": "one-sided violence against civilians"}
FACT_KIND = {"1": "battle", "2": "battle", "3": "attack"}
# where_prec: how exactly UCDP places the event (codebook, GED 23.1)
PLACED = {
    "1": "at the exact place", "2": "within about 25 km", "3": "to the district", "4": "to the province",
    "5": "along a line or an area", "6": "only to the country", "7": "in international waters or airspace",
}
CLARITY = {"1": "clear", "2": "lower (an aggregate of reports)"}
AFGHANISTAN = "700"

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class ImportReport:
    """What an import wrote, and the rows it refused (each with its CSV line and a code)."""

    rows_read: int
    kept: int
    written: dict[str, int]
    problems: tuple[Problem, ...] = ()


class ImportError_(Exception):
    """The file cannot be imported at all (missing, not UTF-8, not UCDP's layout): exit 2."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class Known:
    """The curated table's entities as UCDP names them: by actor id and by name or alias."""

    by_actor: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_table(cls, directories: list[Path]) -> "Known":
        from afgcli.table.load import load_table

        known = cls()
        for entity in load_table(directories).entities.values():
            for actor in entity.ucdp:
                known.by_actor.setdefault(str(actor), entity.id)
            for name in (entity.name, *entity.aliases):
                target = known.places if entity.kind == "place" else known.by_name
                target.setdefault(normalize(name), entity.id)
            if entity.kind == "country":
                known.places.setdefault(normalize(entity.name), entity.id)
        return known

    def actor(self, actor_id: str, name: str, in_afghanistan: bool) -> str | None:
        """By UCDP id, else (only for events in Afghanistan, which the table is about) by name:
        elsewhere a name such as NRF is another group (Sudan's National Redemption Front)."""
        return self.by_actor.get(actor_id) or (self.by_name.get(normalize(name)) if in_afghanistan else None)

    def place(self, name: str) -> str | None:
        key = normalize(name)
        for suffix in (" province", " district", " city"):
            key = key.removesuffix(suffix)
        return self.places.get(key)


def _rows(path: Path, columns: tuple[str, ...], code_prefix: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) of a UCDP CSV file as published: a byte-order mark, quoted line breaks, empty values."""
    name = str(path)
    try:
        stream = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise ImportError_(Problem(name, 0, "AFG001", f"cannot read file: {error.strerror or error}")) from None
    with stream:
        reader = csv.reader(stream, strict=True)
        try:
            header = next(reader, None)
            if header is None:
                raise ImportError_(Problem(name, 1, "AFG005", "file is empty; expected UCDP's CSV header"))
            missing = [c for c in columns if c not in header]
            if missing:
                raise ImportError_(Problem(
                    name, 1, "AFG005", f"not UCDP's {code_prefix} layout: no column {', '.join(map(repr, missing[:5]))}"
                ))
            line = reader.line_num + 1
            for fields in reader:
                if fields:
                    yield line, dict(zip(header, fields)) if len(fields) == len(header) else {"": str(len(fields))}
                line = reader.line_num + 1
        except UnicodeDecodeError as error:
            raise ImportError_(Problem(name, 0, "AFG002", f"not UTF-8 ({error.reason})")) from None
        except csv.Error as error:
            raise ImportError_(Problem(name, reader.line_num, "AFG003", f"malformed CSV ({error})")) from None


def actor_ids(path: Path) -> frozenset[int]:
    """The ids of UCDP's Actor Dataset (its `ActorId` column)."""
    found = set()
    for _, row in _rows(path, ("ActorId", "NameData"), "Actor"):
        value = row.get("ActorId", "").strip()
        if value.isascii() and value.isdigit():
            found.add(int(value))
    return frozenset(found)


def _count(value: str) -> int | None:
    """A death count as UCDP writes it (whole numbers, sometimes `12.0`); None when not a count."""
    value = value.strip()
    if value.endswith(".0"):
        value = value[:-2]
    return int(value) if value.isascii() and value.isdigit() else None


def _day(value: str) -> str | None:
    match = _DAY.match(value.strip())
    return "-".join(match.groups()) if match else None


def ged_date(start: str, end: str, precision: str) -> str:
    """The event's date as precise as `date_prec` says: a day, an interval of days, a month or a year."""
    if precision == "4":
        first, last = start[:7], end[:7]
    elif precision == "5":
        first, last = start[:4], end[:4]
    else:
        first, last = start, end
    return first if first == last else f"{first}/{last}"


def _number(count: int) -> str:
    return f"{count:,}"


def _matches(value: str, wanted: str) -> bool:
    return wanted == "all" or value.strip().casefold() == wanted.casefold()


@dataclass
class _Actors:
    """The entities an import links its rows to: curated ones where known, else one per UCDP actor."""

    known: Known
    source: str
    new: dict[str, dict[str, str]] = field(default_factory=dict)

    def side(self, actor_id: str, name: str, in_afghanistan: bool = True) -> str:
        found = self.known.actor(actor_id, name, in_afghanistan)
        if found:
            return found
        ident = f"ucdp-actor-{actor_id}" if actor_id.isdigit() else f"ucdp-actor-{'-'.join(normalize(name).split())}"
        if ident not in self.new:
            kind = "government" if name.startswith("Government of") else "group"
            self.new[ident] = {
                "id": ident, "name": clean(name), "kind": kind, "aliases": "",
                "summary": f"A side in armed violence as coded by UCDP (actor id {actor_id})",
                "sources": f"{self.source} actor {actor_id}", "ucdp": actor_id if actor_id.isdigit() else "",
            }
        return ident

    def country(self, country_id: str, name: str) -> str:
        found = self.known.place(name)
        if found:
            return found
        ident = f"ucdp-country-{country_id}"
        if ident not in self.new:
            self.new[ident] = {
                "id": ident, "name": clean(name), "kind": "country", "aliases": "",
                "summary": f"A country as coded by UCDP (country id {country_id})",
                "sources": f"{self.source} country {country_id}", "ucdp": "",
            }
        return ident


# What every UCDP dataset's source row says alike; each dataset adds its title, origin and citation.
_UCDP = {
    "publisher": "Uppsala Conflict Data Program (UCDP), Uppsala University", "url": "https://ucdp.uu.se/downloads/",
    "licence": "CC BY 4.0",
}
GED_SOURCE = _UCDP | {
    "id": "ucdp-ged-{slug}", "title": "UCDP Georeferenced Event Dataset (GED), version {version}",
    "origin": "UCDP GED {version}",
    "citation": "Sundberg, Ralph, and Erik Melander (2013). Introducing the UCDP Georeferenced Event Dataset. "
    "Journal of Peace Research 50(4), 523-532.",
}
CY_SOURCE = _UCDP | {
    "id": "ucdp-cy-{slug}", "title": "UCDP Country-Year Dataset on Organized Violence, version {version}",
    "origin": "UCDP Country-Year {version}",
    "citation": "Davies, S., Pettersson, T., Sollenberg, M., & Öberg, M. (2025). Organized violence 1989-2024, and "
    "the challenges of identifying civilian victims. Journal of Peace Research 62(4).",
}


def _source(template: dict[str, str], version: str, path: Path, published: str) -> dict[str, str]:
    slug = version.replace(".", "-")
    row = {key: value.format(slug=slug, version=version) for key, value in template.items()}
    return row | {"published": published, "file": path.name}


def import_ged(path: Path, out: Path, known: Known, country: str = AFGHANISTAN, version: str = "23.1") -> ImportReport:
    """GED events of one country (a UCDP id or name; `all` for every one) as a table in `out`."""
    source = _source(GED_SOURCE, version, path, version.split(".")[0] and f"20{version.split('.')[0]}")
    actors = _Actors(known, source["id"])
    facts: list[tuple[int, dict[str, str]]] = []
    problems: list[Problem] = []
    counted = [0]
    for line, row in _country_rows(path, GED_COLUMNS, "GED", ("country_id", "country"), country, problems, counted):
        made = _ged_fact(row, actors, known, source["id"])
        if isinstance(made, str):
            problems.append(Problem(str(path), line, made.split(" ", 1)[0], made.split(" ", 1)[1]))
        else:
            facts.append(made)
    facts.sort(key=lambda item: item[0])
    written = write_table(out, {
        "sources.csv": [source],
        "entities.csv": [actors.new[k] for k in sorted(actors.new)],
        "facts.csv": [row for _, row in facts],
    })
    return ImportReport(counted[0], len(facts), written, tuple(problems))


def _country_rows(path: Path, columns: tuple[str, ...], layout: str, country_columns: tuple[str, str], country: str,
                  problems: list[Problem], counted: list[int]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of the country asked for (by id or name, or `all`); a short or long row is a problem.
    `counted[0]` ends as the number of rows read."""
    for line, row in _rows(path, columns, layout):
        counted[0] += 1
        if "" in row:
            problems.append(Problem(str(path), line, "AFG006", f"{row['']} fields, not as many as the header"))
        elif any(_matches(row[column], country) for column in country_columns):
            yield line, row


def _ged_fact(row: dict[str, str], actors: _Actors, known: Known, source: str) -> tuple[int, dict[str, str]] | str:
    """The fact of one event, or `CODE message` when the row cannot make one."""
    event = row["id"].strip()
    if not event.isdigit():
        return f"AFG103 event id {event!r} is not a number"
    start, end = _day(row["date_start"]), _day(row["date_end"] or row["date_start"])
    if not start or not end:
        return f"AFG102 event {event}: date_start {row['date_start']!r} is not a date"
    if end < start:
        return f"AFG102 event {event}: date_end {end} is before date_start {start}"
    counts = {name: _count(row[name]) for name in ("best", "low", "high", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")}
    bad = [name for name, value in counts.items() if value is None and row[name].strip()]
    if bad or counts["best"] is None:
        name = bad[0] if bad else "best"
        return f"AFG106 event {event}: {name} {row[name]!r} is not a death count (a whole number, 0 or more)"
    # UCDP's three estimates are kept as published, even the few where best lies outside low-high.
    best, low, high = counts["best"], counts["low"], counts["high"]
    low = best if low is None else low
    high = best if high is None else high
    if high < low:
        low, high = high, low
    side_a, side_b = clean(row["side_a"]), clean(row["side_b"])
    local = row["country_id"].strip() == AFGHANISTAN
    entities = [actors.side(row["side_a_new_id"].strip(), side_a, local), actors.side(row["side_b_new_id"].strip(), side_b, local)]
    place = clean(", ".join(part for part in (row["adm_2"], row["adm_1"]) if part.strip())) or clean(row["country"])
    for where in (row["adm_1"], row["country"]):
        linked = known.place(where) if where.strip() else None
        if linked:
            entities.append(linked)
    violence = VIOLENCE.get(row["type_of_violence"].strip(), "organized violence")
    split = [
        f"{_number(counts['deaths_a'] or 0)} on {side_a}'s side",
        f"{_number(counts['deaths_b'] or 0)} on {side_b}'s side",
        f"{_number(counts['deaths_civilians'] or 0)} civilians",
        f"{_number(counts['deaths_unknown'] or 0)} unknown",
    ]
    estimate = f"{_number(best)} death{'s' if best != 1 else ''}" + (f" (low {_number(low)}, high {_number(high)})" if (low, high) != (best, best) else "")
    placed = PLACED.get(row["where_prec"].strip(), "")
    clarity = CLARITY.get(row["event_clarity"].strip())
    text = (
        f"UCDP records {violence} between {side_a} and {side_b} in {place}"
        + (f" (placed {placed})" if placed else "")
        + f": {estimate}; {', '.join(split)}."
        + (f" Event clarity: {clarity}." if clarity else "")
    )
    article = listable(row["source_article"]).strip('"')
    fact = {
        "id": f"ucdp-ged-{event}", "date": ged_date(start, end, row["date_prec"].strip()),
        "entities": "; ".join(dict.fromkeys(entities)), "kind": FACT_KIND.get(row["type_of_violence"].strip(), "event"),
        "text": text, "sources": f"{source} event {event}" + (f" ({article})" if article else ""),
        "low": str(low), "high": str(high) if high != low else "", "unit": "deaths", "best": str(best),
    }
    return int(event), fact


_CY_KINDS = (
    # (key, words, total columns prefix, parties/civilians/unknown split columns, dyad columns prefix)
    ("state-based", "state-based armed conflict", "sb_total_deaths", "sb_deaths", "sb"),
    ("non-state", "non-state conflict", "ns_total_deaths", "ns_deaths", "ns"),
    ("one-sided", "one-sided violence against civilians", "os_total_deaths", None, "os"),
)


def import_cy(path: Path, out: Path, known: Known, country: str = AFGHANISTAN) -> ImportReport:
    """Country-years of one country (a UCDP id or name; `all` for every one) as a table in `out`."""
    facts: list[tuple[tuple, dict[str, str]]] = []
    problems: list[Problem] = []
    version, source, actors = "", None, None
    counted = [0]
    for line, row in _country_rows(path, CY_COLUMNS, "Country-Year", ("country_id_cy", "country_cy"), country, problems, counted):
        if source is None:
            version = row["version"].strip() or "unknown"
            source = _source(CY_SOURCE, version, path, f"20{version.split('.')[0]}")
            actors = _Actors(known, source["id"])
        year = row["year_cy"].strip()
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            problems.append(Problem(str(path), line, "AFG102", f"year_cy {row['year_cy']!r} is not a year"))
            continue
        assert actors is not None
        place = actors.country(row["country_id_cy"].strip(), row["country_cy"])
        made = _cy_facts(row, year, place, source["id"], line)
        if isinstance(made, Problem):
            problems.append(Problem(str(path), made.line, made.code, made.message))
            continue
        facts += [((int(row["country_id_cy"] or 0), year, order), fact) for order, fact in enumerate(made)]
    facts.sort(key=lambda item: item[0])
    written = write_table(out, {
        "sources.csv": [source] if source else [],
        "entities.csv": [actors.new[k] for k in sorted(actors.new)] if actors else [],
        "facts.csv": [fact for _, fact in facts],
    })
    return ImportReport(counted[0], len({key[:2] for key, _ in facts}), written, tuple(problems))


def _cy_facts(row: dict[str, str], year: str, place: str, source: str, line: int) -> list[dict[str, str]] | Problem:
    country, country_id = clean(row["country_cy"]), row["country_id_cy"].strip()
    out = []
    for key, words, total, split, dyads in _CY_KINDS:
        numbers = {end: _count(row.get(f"{total}_{end}_cy", "")) for end in ("best", "low", "high")}
        if any(value is None for value in numbers.values()):
            return Problem("", line, "AFG106", f"{total}_best/low/high_cy are not death counts")
        best, low, high = numbers["best"], numbers["low"], numbers["high"]
        if not row.get(f"{dyads}_exist_cy", "").strip() == "1" and not best:
            continue
        if high < low:
            return Problem("", line, "AFG106", f"{total}_high_cy {high} is below {total}_low_cy {low}")
        detail = ""
        if split:
            parts = [_count(row.get(f"{split}_{who}_cy", "")) for who in ("parties", "civilians", "unknown")]
            if None not in parts:
                detail = f": {_number(parts[0])} among the warring parties, {_number(parts[1])} civilians, {_number(parts[2])} unknown"
        names = [clean(n) for n in row.get(f"{dyads}_dyad_names_cy", "").split(";") if n.strip() and n.strip() != "NO_DYAD"]
        active = f" UCDP lists {len(names)} active dyad{'s' if len(names) != 1 else ''}: {'; '.join(names)}." if names else ""
        out.append({
            "id": f"ucdp-cy-{country_id}-{year}-{key}", "date": year, "entities": place, "kind": "figure",
            "text": f"UCDP counts {_number(best)} deaths (low {_number(low)}, high {_number(high)}) in {words} "
            f"in {country} in {year}{detail}.{active}",
            "sources": f"{source} country {country_id} year {year}",
            "low": str(low), "high": str(high) if high != low else "", "unit": f"deaths in {words}", "best": str(best),
        })
    return out
