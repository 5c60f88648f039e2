"""Human output: tables and a timeline rail (drawn by layout.py). Data goes in as text, never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from afgcli.layout import Column, Screen, Table
from afgcli.safetext import visible

if TYPE_CHECKING:  # annotations only: the records' modules are loaded by whoever made them
    from afgcli.model import Citation, Entity, Fact, Role
    from afgcli.queries import PeriodAnswer, SourceCount, WhoAnswer
    from afgcli.search import SearchAnswer


def screen(stream) -> Screen:
    return Screen.for_stream(stream)


def _t(text: str, style: str = "") -> list[tuple[str, str]]:
    return [(visible(text), style)]


def cite(items: Iterable[Citation]) -> str:
    return "; ".join(f"{c.source} {c.cite}".strip() for c in items)


def years(entity: Entity) -> str:
    if not entity.start and not entity.end:
        return ""
    return f"{entity.start.text if entity.start else '?'}–{entity.end.text if entity.end else ''}"


def _name(names: dict[str, str], ident: str) -> str:
    return names.get(ident, ident)


def _facts_table(facts: Iterable[Fact], title: str) -> Table:
    grid = Table([Column("Date", style="cyan", no_wrap=True), Column("Fact"), Column("Source", style="dim", max_width=14)], title)
    for item in facts:
        grid.add_row(_t(item.when.text), _t(item.text), _t(cite(item.sources)))
    return grid


def _roles_table(roles: Iterable[Role], names: dict[str, str], title: str, holder: bool, within: bool = False) -> Table:
    """`holder`: a column for who holds each role; `within`: the roles are all in the entity shown, so
    its name is not repeated on every row."""
    columns = [Column("Who")] if holder else []
    columns += [Column("Role"), Column("When", style="cyan", max_width=23), Column("Source", style="dim", max_width=14)]
    grid = Table(columns, title)
    for item in roles:
        office = item.role + (f", {_name(names, item.organization)}" if item.organization and not within else "")
        until = item.end.text if item.end else ("" if item.ongoing else "?")
        span = f"{item.start.text if item.start else '?'} – {until}"
        cells = [_t(office), _t(span), _t(cite(item.sources))]
        grid.add_row(*([_t(_name(names, item.entity))] if holder else []), *cells)
    return grid


def who(out: Screen, answer: WhoAnswer) -> None:
    entity = answer.entity
    assert entity is not None
    heading = [*_t(entity.name, "bold"), ("  ", ""), *_t(entity.kind, "magenta")]
    span = years(entity)
    if span:
        heading += [("  ", ""), *_t(span, "cyan")]
    out.text(heading)
    if answer.candidates:
        others = "; ".join(f"{m.name} (afg who {m.entity_id})" for m in answer.candidates[:3])
        more = len(answer.candidates) - 3
        out.text([("Also matching: ", "yellow"), *_t(others + (f"; {more} more (--json)" if more > 0 else ""))])
    if entity.aliases:
        out.text([("Also: ", "dim"), *_t("; ".join(entity.aliases))])
    out.text(_t(entity.summary))
    out.text([("Sources: ", "dim"), *_t(cite(entity.sources))])
    if answer.roles:
        out.blank()
        out.table(_roles_table(answer.roles, answer.names, "Roles", holder=False))
    if answer.holders:
        out.blank()
        out.table(_roles_table(answer.holders, answer.names, "Office holders", holder=True, within=True))
    if answer.facts:
        out.blank()
        out.table(_facts_table(answer.facts, f"Facts ({len(answer.facts)})"))


def period(out: Screen, answer: PeriodAnswer) -> None:
    label = answer.period.label
    out.text(_t(label, "bold"))
    if answer.in_power:
        out.blank()
        out.table(_roles_table(answer.in_power, answer.names, "In power and in office", holder=True))
    # The period's own events first: facts begun earlier that merely run into it would bury them.
    begun = [item for item in answer.facts if item.when.first >= answer.period.first]
    earlier = [item for item in answer.facts if item.when.first < answer.period.first]
    if begun:
        out.blank()
        out.table(_facts_table(begun, f"Facts ({len(begun)})"))
    if earlier:
        out.blank()
        out.table(_facts_table(earlier, f"Also running in {label}, begun earlier ({len(earlier)})"))


def search(out: Screen, answer: SearchAnswer) -> None:
    """Each hit with its date, its sources and markers, and its id in full (for `afg fact ID`)."""
    columns = [
        Column("Score", right=True, no_wrap=True),
        Column("Date", style="cyan", no_wrap=True),
        Column("Match"),
        Column("Source", style="dim", max_width=14),
        Column("Id", style="dim", no_wrap=True),
    ]
    grid = Table(columns)
    for hit in answer.hits:
        if hit.entity is not None:
            text = [*_t(hit.entity.name, "bold"), (f" ({hit.entity.kind}) — ", ""), *_t(hit.entity.summary)]
            grid.add_row(f"{hit.score:g}", _t(years(hit.entity)), text, _t(cite(hit.entity.sources[:1])), _t(hit.entity.id))
        elif hit.fact is not None:
            grid.add_row(f"{hit.score:g}", _t(hit.fact.when.text), _t(hit.fact.text), _t(cite(hit.fact.sources)), _t(hit.fact.id))
    out.table(grid)


def fact(out: Screen, item: Fact, names: dict[str, str], cited: dict) -> None:
    """One fact in full, every citation with its source's title and address."""
    out.text([*_t(item.id, "bold"), ("  ", ""), *_t(item.when.text, "cyan"), ("  ", ""), *_t(item.kind, "magenta")])
    out.text(_t(item.text))
    out.text([("Entities: ", "dim"), *_t("; ".join(f"{names.get(e, e)} ({e})" for e in item.entities))])
    if item.figure is not None:
        span = f"{item.figure.low:g}" + (f"–{item.figure.high:g}" if item.figure.high is not None else "")
        out.text([("Figure: ", "dim"), *_t(f"{span} {item.figure.unit}")])
    for citation in item.sources:
        source = cited.get(citation.source)
        where = f" — {source.title}" + (f" <{source.url}>" if source.url else "") if source else ""
        out.text([("Source: ", "dim"), *_t(f"{citation.source} {citation.cite}{where}")])


def timeline(out: Screen, facts: Iterable[Fact], title: str) -> None:
    """Years down a rail: each year once, a dot per fact, the source under the fact."""
    columns = [Column(style="bold cyan", right=True, no_wrap=True), Column(style="blue", no_wrap=True), Column()]
    rail = Table(columns, header=False, edge=0, gap=1)
    current = None
    for item in facts:
        year = item.when.year
        if current is not None and year != current:
            rail.add_row("", out.bar, "")
        label = str(year) if year != current else ""
        current = year
        body = [*_t(item.when.text, "cyan"), ("  ", ""), *_t(item.text), ("\n", ""), *_t(cite(item.sources), "dim")]
        rail.add_row(label, out.dot, body)
    out.text(_t(title, "bold"))  # the title holds the entity's name: data, made visible as every cell is
    out.blank()
    out.table(rail)


def sources(out: Screen, counts: list[SourceCount]) -> None:
    columns = [Column(name, right=name == "Facts") for name in ("Id", "Title", "Publisher", "Published", "Facts")]
    grid = Table(columns)
    for row in counts:
        grid.add_row(_t(row.source.id), _t(row.source.title), _t(row.source.publisher), _t(row.source.published), str(row.facts))
    out.table(grid)
