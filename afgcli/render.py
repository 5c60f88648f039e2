"""Human output: rich tables and a timeline rail. Every string from data goes in as Text, never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from rich import box
from rich.console import Console, Group
from rich.table import Table as RichTable
from rich.text import Text

from afgcli.safetext import visible

if TYPE_CHECKING:  # annotations only: the records' modules are loaded by whoever made them
    from afgcli.model import Citation, Entity, Fact, Role
    from afgcli.problems import Problem
    from afgcli.queries import PeriodAnswer, SourceCount, WhoAnswer
    from afgcli.search import SearchAnswer


def console(stream=None, stderr: bool = False) -> Console:
    return Console(file=stream, stderr=stderr, highlight=False, markup=False, emoji=False)


def _t(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


def cite(items: Iterable[Citation]) -> str:
    return "; ".join(f"{c.source} {c.cite}".strip() for c in items)


def years(entity: Entity) -> str:
    if not entity.start and not entity.end:
        return ""
    return f"{entity.start.text if entity.start else '?'}–{entity.end.text if entity.end else ''}"


def _name(names: dict[str, str], ident: str) -> str:
    return names.get(ident, ident)


def _facts_table(facts: Iterable[Fact], title: str) -> RichTable:
    grid = RichTable(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, expand=False)
    grid.add_column("Date", no_wrap=True, style="cyan")
    grid.add_column("Fact", ratio=1)
    grid.add_column("Source", style="dim", max_width=14)
    for item in facts:
        grid.add_row(_t(item.when.text), _t(item.text), _t(cite(item.sources)))
    return grid


def _roles_table(roles: Iterable[Role], names: dict[str, str], title: str, holder: bool, within: bool = False) -> RichTable:
    """`holder`: a column for who holds each role; `within`: the roles are all in the entity shown, so
    its name is not repeated on every row."""
    grid = RichTable(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
    if holder:
        grid.add_column("Who", ratio=1)
    grid.add_column("Role", ratio=2)
    grid.add_column("When", style="cyan", max_width=23)
    grid.add_column("Source", style="dim", max_width=14)
    for item in roles:
        office = item.role + (f", {_name(names, item.organization)}" if item.organization and not within else "")
        until = item.end.text if item.end else ("" if item.ongoing else "?")
        span = f"{item.start.text if item.start else '?'} – {until}"
        cells = [_t(office), _t(span), _t(cite(item.sources))]
        grid.add_row(*([_t(_name(names, item.entity))] if holder else []), *cells)
    return grid


def who(out: Console, answer: WhoAnswer) -> None:
    entity = answer.entity
    assert entity is not None
    heading = Text.assemble(_t(entity.name, "bold"), "  ", _t(entity.kind, "magenta"))
    span = years(entity)
    if span:
        heading.append("  " + visible(span), style="cyan")
    parts: list = [heading]
    if entity.aliases:
        parts.append(Text.assemble(("Also: ", "dim"), _t("; ".join(entity.aliases))))
    parts.append(_t(entity.summary))
    parts.append(Text.assemble(("Sources: ", "dim"), _t(cite(entity.sources))))
    if answer.roles:
        parts += [Text(), _roles_table(answer.roles, answer.names, "Roles", holder=False)]
    if answer.holders:
        parts += [Text(), _roles_table(answer.holders, answer.names, "Office holders", holder=True, within=True)]
    if answer.facts:
        parts += [Text(), _facts_table(answer.facts, f"Facts ({len(answer.facts)})")]
    if answer.candidates:
        names = ", ".join(f"{m.name} ({m.entity_id})" for m in answer.candidates[:5])
        parts += [Text(), Text.assemble(("Other matches: ", "dim"), _t(names))]
    out.print(Group(*parts))


def period(out: Console, answer: PeriodAnswer) -> None:
    label = answer.period.label
    parts: list = [Text(label, style="bold")]
    if answer.in_power:
        parts += [Text(), _roles_table(answer.in_power, answer.names, "In power and in office", holder=True)]
    # The period's own events first: facts begun earlier that merely run into it would bury them.
    begun = [item for item in answer.facts if item.when.first >= answer.period.first]
    earlier = [item for item in answer.facts if item.when.first < answer.period.first]
    if begun:
        parts += [Text(), _facts_table(begun, f"Facts ({len(begun)})")]
    if earlier:
        parts += [Text(), _facts_table(earlier, f"Also running in {label}, begun earlier ({len(earlier)})")]
    out.print(Group(*parts))


def search(out: Console, answer: SearchAnswer) -> None:
    grid = RichTable(box=box.SIMPLE_HEAD, show_edge=False)
    grid.add_column("Score", justify="right", no_wrap=True)
    grid.add_column("Type", no_wrap=True)
    grid.add_column("Id / date", no_wrap=True, style="cyan", max_width=28)
    grid.add_column("Match", ratio=1)
    for hit in answer.hits:
        if hit.entity is not None:
            text = Text.assemble(_t(hit.entity.name, "bold"), " — ", _t(hit.entity.summary))
            grid.add_row(f"{hit.score:g}", hit.entity.kind, _t(hit.entity.id), text)
        elif hit.fact is not None:
            grid.add_row(f"{hit.score:g}", "fact", _t(hit.fact.when.text), _t(hit.fact.text))
    out.print(grid)


def timeline(out: Console, facts: Iterable[Fact], title: str) -> None:
    """Years down a rail: each year once, a dot per fact, the source under the fact."""
    rail = RichTable.grid(padding=(0, 1))
    rail.add_column(no_wrap=True, style="bold cyan", justify="right")
    rail.add_column(no_wrap=True, style="blue")
    rail.add_column(ratio=1)
    current = None
    for item in facts:
        year = item.when.year
        if current is not None and year != current:
            rail.add_row("", "│", "")
        label = str(year) if year != current else ""
        current = year
        date = item.when.text
        body = Text.assemble(_t(date, "cyan"), "  ", _t(item.text), "\n", _t(cite(item.sources), "dim"))
        rail.add_row(label, "●", body)
    out.print(Group(Text(visible(title), style="bold"), Text(), rail))


def sources(out: Console, counts: list[SourceCount]) -> None:
    grid = RichTable(box=box.SIMPLE_HEAD, show_edge=False)
    for column in ("Id", "Title", "Publisher", "Published", "Facts"):
        grid.add_column(column, justify="right" if column == "Facts" else "left")
    for row in counts:
        grid.add_row(_t(row.source.id), _t(row.source.title), _t(row.source.publisher), _t(row.source.published), str(row.facts))
    out.print(grid)


def problems(out: Console, found: list[Problem]) -> None:
    for problem in found:
        out.print(_t(str(problem)), soft_wrap=True)
