"""Human output, drawn by rich: the who card, tables and a timeline rail.

Only the human-output path imports this module (and so rich): `--json`, `export` and `check` never
do. Data goes in as rich `Text` built from plain strings, never as markup, and control characters
are made visible first (safetext), so nothing in the table is interpreted.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from afgcli.show.safetext import visible
from afgcli.table.schema import CURATED

if TYPE_CHECKING:  # annotations only: the records' modules are loaded by whoever made them
    from afgcli.answer.queries import PeriodAnswer, SourceCount, WhoAnswer
    from afgcli.answer.hits import SearchAnswer
    from afgcli.show.pager import Screen
    from afgcli.table.model import Citation, Entity, Fact, Role, Source

TEXT_WIDTH = 100  # a fact's text stops at about this many characters a line, however wide the terminal
NARROW = 72
SECTION_SHOWN = 14  # a cited section's heading is cut to this many characters on screen: `§Fall from po…`  # below this width a fact's sources go under its text, not in a column of their own


def console(stream) -> Console:
    """A console for `stream` as a user expects: `COLUMNS` wins, then the terminal's width, else 80;
    colour only on a terminal, never with `NO_COLOR` or `TERM=dumb` (no escape codes at all then,
    not even bold); `FORCE_COLOR` turns it on in a pipe."""
    environ = os.environ
    plain = bool(environ.get("NO_COLOR")) or environ.get("TERM") == "dumb"
    forced = bool(environ.get("FORCE_COLOR")) and not plain
    _replace_what_cannot_be_encoded(stream)
    out = Console(
        file=stream,
        color_system=None if plain else "auto",
        force_terminal=True if forced else None,
        markup=False,
        emoji=False,
        highlight=False,
    )
    out.width = max(out.width, 20)  # below this no table keeps its columns apart
    return out


def _replace_what_cannot_be_encoded(stream) -> None:
    # A stream that cannot carry the rules and dashes (LANG=C on an old system) shows "?", never a traceback.
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "─│●–".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def t(text: str, style: str = "") -> Text:
    """Data as text: shown as written, control characters as visible stand-ins."""
    return Text(visible(text), style=style)


def short_cite(items: Iterable[Citation], most: int = 0) -> str:
    """Markers gathered by source, each source and marker once: `000 [13] [17]; 001 ¶2`, so a narrow
    column breaks between markers; with `most`, at most that many a source: `000 [13] [17] [21] +5`."""
    markers: dict[str, dict[str, None]] = {}
    for item in items:
        found = markers.setdefault(item.source, {})
        # `[63][66][67]` is three markers; a locator such as `¶2` or `§Soviet war` is one
        split = re.fullmatch(r"(?:\[[^\]\[]*\])+", item.cite)
        # a dataset's locator keeps its record's id on screen (`event 401115`), its report only in JSON
        cite = item.cite.split(" (", 1)[0] if item.source.startswith("ucdp-") else item.cite
        if cite.startswith("§") and len(cite) > SECTION_SHOWN:  # a section's heading, cut on screen (whole in JSON)
            cite = cite[: SECTION_SHOWN - 1].rstrip() + "…"
        for marker in re.findall(r"\[[^\]\[]*\]", cite) if split else [cite] if cite else []:
            found[marker] = None
    parts = []
    for source, found in markers.items():
        listed = list(found)
        shown = listed[:most] if most else listed
        more = f" +{len(listed) - len(shown)}" if len(listed) > len(shown) else ""
        parts.append(" ".join([source, *shown]) + more)
    return "; ".join(parts)


def years(entity: Entity) -> str:
    if not entity.start and not entity.end:
        return ""
    return f"{entity.start.text if entity.start else '?'}–{entity.end.text if entity.end else ''}"


def _name(names: dict[str, str], ident: str) -> str:
    return names.get(ident, ident)


def _table(title: str = "", *, header: bool = True) -> Table:
    return Table(
        title=Text(visible(title), style="italic") if title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        show_header=header,
        header_style="bold",
        pad_edge=False,
        padding=(0, 1),
    )


def _line(out: Screen, text: Text) -> None:
    """One line, cut with "…" when wider than the screen."""
    out.print(text, no_wrap=True, overflow="ellipsis", crop=True)


def _chunks(items: Sequence, first: int = 8, size: int = 24):
    """Rows in small tables, so the first screen is drawn (and paged) before the rest."""
    at = 0
    while at < len(items):
        step = first if at == 0 else size
        yield at == 0, items[at : at + step]
        at += step


def facts_tables(out: Screen, facts: Sequence[Fact], title: str) -> Iterator[Table]:
    """The facts as a table in pieces of equal column widths: the dates and sources take what they need,
    the text the rest, up to TEXT_WIDTH."""
    narrow = out.width < NARROW
    dates = [item.when.text.replace("/", "/\n") if narrow else item.when.text for item in facts]
    cites = [short_cite(item.sources) for item in facts]
    date_width = max([cell_len(line) for date in dates for line in date.split("\n")] + [len("Date")])
    longest = max([cell_len(item.text) for item in facts] + [len("Fact")])  # no wider than the text needs
    if narrow:
        source_width = 0
        text_width = min(TEXT_WIDTH, longest, max(out.width - date_width - 3, 10))
    else:
        source_width = min(16, max([cell_len(cited) for cited in cites] + [len("Source")]))
        text_width = min(TEXT_WIDTH, longest, max(out.width - date_width - source_width - 6, 10))
    for first, rows in _chunks(range(len(facts))):
        grid = _table(title if first else "", header=first)
        grid.add_column("Date", style="cyan", width=date_width, overflow="fold")
        grid.add_column("Fact", width=text_width, overflow="fold")
        if not narrow:
            grid.add_column("Source", style="dim", width=source_width, overflow="fold")
        for row in rows:
            item = facts[row]
            if narrow:
                grid.add_row(t(dates[row]), Text.assemble(t(item.text), "\n", t(cites[row], "dim")))
            else:
                grid.add_row(t(dates[row]), t(item.text), t(cites[row]))
        yield grid


def roles_table(out: Screen, roles: Iterable[Role], names: dict[str, str], title: str, holder: bool, within: bool = False) -> Table:
    """`holder`: a column for who holds each role; `within`: the roles are all in the entity shown, so
    its name is not repeated on every row."""
    grid = _table(title)
    narrow = out.width < NARROW
    if holder:
        grid.add_column("Who", max_width=30)
    grid.add_column("Role", max_width=TEXT_WIDTH // 2)
    grid.add_column("When", style="cyan", max_width=23)
    if not narrow:
        grid.add_column("Source", style="dim", max_width=16, overflow="fold")
    for item in roles:
        office = item.role + (f", {_name(names, item.organization)}" if item.organization and not within else "")
        until = item.end.text if item.end else ("" if item.ongoing else "?")
        span = f"{item.start.text if item.start else '?'} – {until}"
        cells = [t(office), t(span)] + ([] if narrow else [t(short_cite(item.sources, most=3))])
        grid.add_row(*([t(_name(names, item.entity))] if holder else []), *cells)
    return grid


def omitted(out: Screen, left_out: int, what: str, again: str) -> None:
    """The last line of an answer cut by --limit: how much is left out and the command that shows it all."""
    if left_out > 0:
        out.print()
        said = f"{left_out} more {what if left_out != 1 else what.rstrip('s')} not shown; all of them:"
        if cell_len(said) + 1 + cell_len(again) <= out.width:
            out.print(Text.assemble((said + " ", "dim"), t(again, "bold")))
        else:  # the command on a line of its own, never broken, so it can be copied whole
            out.print(Text(said, style="dim"))
            out.print(t(again, "bold"), soft_wrap=True)


def who(out: Screen, answer: WhoAnswer, limit: int | None = None, again: str = "") -> None:
    """The card first (name, kind, dates, the other close match, summary, aliases, sources), then roles,
    office holders and facts."""
    entity = answer.entity
    assert entity is not None
    heading = Text.assemble(t(entity.name, "bold"), "  ", t(entity.kind, "magenta"))
    span = years(entity)
    if span:
        heading.append_text(Text.assemble("  ", t(span, "cyan")))
    out.print(heading)
    if answer.candidates:
        equal = [match for match in answer.candidates if match.score == answer.score]
        others = equal or answer.candidates[:2]  # as good a match as the one shown: every one of them, first
        said = "Equally close" if equal else "Also close"
        line = Text(f"{said}: ", style="yellow" if equal else "dim")
        for number, match in enumerate(others):
            line.append_text(Text.assemble(*(["; "] if number else []), t(match.name, "bold"), (" (afg who ", "dim"), t(match.entity_id), (")", "dim")))
        _line(out, line)
    out.print(t(entity.summary))
    if entity.aliases:
        _line(out, Text.assemble(("Also: ", "dim"), t(_fitted(entity.aliases, out.width - len("Also: ")))))
    _line(out, Text.assemble(("Sources: ", "dim"), t(short_cite(entity.sources, most=3), "dim")))
    if answer.roles:
        out.print()
        out.print(roles_table(out, answer.roles, answer.names, "Roles", holder=False))
    if answer.holders:
        out.print()
        out.print(roles_table(out, answer.holders, answer.names, "Office holders", holder=True, within=True))
    curated, imported = _by_origin(answer.facts)
    if curated:
        shown = curated[:limit] if limit else curated
        out.print()
        for grid in facts_tables(out, shown, f"Facts ({len(curated)})"):
            out.print(grid)
        omitted(out, len(curated) - len(shown), "facts", again)
    for origin, facts in imported.items():
        # an actor of a GED layer has thousands of events: they are counted per year, not listed
        out.print()
        out.print(_tally_table(origin, facts))


def _by_origin(facts: Sequence[Fact]) -> tuple[list[Fact], dict[str, list[Fact]]]:
    """The curated facts, and the imported ones by the dataset they come from (each list in date order)."""
    curated: list[Fact] = []
    imported: dict[str, list[Fact]] = {}
    for item in facts:
        if item.origin == CURATED:
            curated.append(item)
        else:
            imported.setdefault(item.origin, []).append(item)
    return curated, imported


def _number(value: int | float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _tally_table(origin: str, facts: Sequence[Fact]) -> Table:
    """A dataset's facts about an entity per year: how many, and the deaths they count (best, low-high)."""
    from afgcli.answer.series import events

    (series,) = events(facts, None, None, None).series
    grid = _table(f"{origin}: {len(facts):,} records, per year")
    grid.add_column("Year", style="cyan", no_wrap=True)
    grid.add_column("Records", justify="right", no_wrap=True)
    grid.add_column("Deaths (best)", justify="right", no_wrap=True)
    grid.add_column("Low–high", justify="right", no_wrap=True, style="dim")
    for point in series.points:
        spread = f"{_number(point.low)}–{_number(point.high)}" if point.low is not None and point.high is not None else ""
        grid.add_row(str(point.year), f"{point.count:,}", _number(point.value), spread)
    return grid


def _fitted(names: Sequence[str], room: int) -> str:
    """As many names as fit on one line, then how many more: `Massoud, Masood, +3 more`."""
    shown: list[str] = []
    for number, name in enumerate(names):
        rest = len(names) - number - 1
        candidate = ", ".join(shown + [name]) + (f", +{rest} more" if rest else "")
        if cell_len(candidate) > room and shown:
            return ", ".join(shown) + f", +{len(names) - number} more"
        shown.append(name)
    return ", ".join(shown)


def period(out: Screen, answer: PeriodAnswer, limit: int | None = None, ongoing: bool = False, again: str = "") -> None:
    label = answer.period.label
    out.print(t(label, "bold"))
    if answer.in_power:
        out.print()
        out.print(roles_table(out, answer.in_power, answer.names, "In power and in office", holder=True))
    # The period's own events first: facts begun earlier that merely run into it would bury them.
    curated, imported = _by_origin(answer.facts)
    begun = [item for item in curated if item.when.first >= answer.period.first]
    earlier = [item for item in curated if item.when.first < answer.period.first]
    shown = begun[:limit] if limit else begun
    if begun:
        out.print()
        for grid in facts_tables(out, shown, f"Facts ({len(begun)})"):
            out.print(grid)
    left_out = len(begun) - len(shown)
    if earlier and (ongoing or answer.period.whole_years):
        room = None if not limit else max(limit - len(shown), 0)
        listed = earlier if room is None else earlier[:room]
        left_out += len(earlier) - len(listed)
        if listed:
            out.print()
            for grid in facts_tables(out, listed, f"Also running in {label}, begun earlier ({len(earlier)})"):
                out.print(grid)
    elif earlier:
        # A day or a month: the facts of longer spans that run through it are counted, not listed.
        what = "day" if answer.period.first == answer.period.last else "month"
        out.print()
        counted = f"{len(earlier)} longer facts begun earlier run" if len(earlier) != 1 else "1 longer fact begun earlier runs"
        out.print(Text(f"{counted} through this {what}: add --ongoing", style="dim"))
    # Each dataset's records under the curated facts (UCDP's deaths of the year, a GED layer's events).
    for origin, facts in imported.items():
        listed = facts[:limit] if limit else facts
        left_out += len(facts) - len(listed)
        out.print()
        for grid in facts_tables(out, listed, f"{origin} ({len(facts):,})"):
            out.print(grid)
    omitted(out, left_out, "facts", again)


def search(out: Screen, answer: SearchAnswer) -> None:
    """Each hit with its date, its sources and markers, and its id in full under its text (for `afg fact ID`)."""
    narrow = out.width < NARROW
    grid = _table()
    grid.add_column("Score", justify="right", no_wrap=True)
    grid.add_column("Date", style="cyan", max_width=23, overflow="fold")
    grid.add_column("Match", max_width=TEXT_WIDTH)
    if not narrow:
        grid.add_column("Source", style="dim", max_width=16, overflow="fold")
    for hit in answer.hits:
        if hit.entity is not None:
            entity = hit.entity
            text = Text.assemble(t(entity.name, "bold"), f" ({entity.kind}) — ", t(entity.summary), "\n", t(entity.id, "dim"))
            cells = [t(years(entity)), text, t(short_cite(entity.sources[:1]))]
        elif hit.fact is not None:
            item = hit.fact
            cells = [t(item.when.text), Text.assemble(t(item.text), "\n", t(item.id, "dim")), t(short_cite(item.sources))]
        else:
            continue
        if narrow:  # the sources go under the text, as in a fact table
            cells = [cells[0], Text.assemble(cells[1], "\n", t(cells[2].plain, "dim"))]
        grid.add_row(f"{hit.score:g}", *cells)
    out.print(grid)


def fact(out: Screen, item: Fact, names: dict[str, str], cited: dict) -> None:
    """One fact in full, every citation with its source's title and address."""
    out.print(Text.assemble(t(item.id, "bold"), "  ", t(item.when.text, "cyan"), "  ", t(item.kind, "magenta")))
    out.print(t(item.text))
    out.print(Text.assemble(("Entities: ", "dim"), t("; ".join(f"{names.get(e, e)} ({e})" for e in item.entities))))
    if item.figure is not None:
        span = f"{item.figure.low:g}" + (f"–{item.figure.high:g}" if item.figure.high is not None else "")
        out.print(Text.assemble(("Figure: ", "dim"), t(f"{span} {item.figure.unit}")))
    for citation in item.sources:
        source = cited.get(citation.source)
        where = f" — {source.title}" + (f" <{source.url}>" if source.url else "") if source else ""
        out.print(Text.assemble(("Source: ", "dim"), t(f"{citation.source} {citation.cite}{where}")))


def timeline(out: Screen, facts: Sequence[Fact], title: str, limit: int | None = None, again: str = "") -> None:
    """Years down a rail: each year once, a dot per fact, the source under the fact."""
    shown = facts[:limit] if limit else facts
    out.print(t(title, "bold"))  # the title holds the entity's name: data, made visible as every cell is
    out.print()
    body_width = min(TEXT_WIDTH, max(out.width - 7, 10))
    current = None
    for _, rows in _chunks(shown):
        rail = Table.grid(padding=(0, 1))
        rail.add_column(style="bold cyan", justify="right", width=4, overflow="fold")
        rail.add_column(style="blue", width=1)
        rail.add_column(width=body_width, overflow="fold")
        for item in rows:
            year = item.when.year
            if current is not None and year != current:
                rail.add_row("", "│", "")
            label = str(year) if year != current else ""
            current = year
            body = Text.assemble(t(item.when.text, "cyan"), "  ", t(item.text), "\n", t(short_cite(item.sources), "dim"))
            rail.add_row(label, "●", body)
        out.print(rail)
    omitted(out, len(facts) - len(shown), "facts", again)


def sources(out: Screen, counts: list[SourceCount]) -> None:
    grid = _table()
    for name in ("Id", "Title", "Publisher", "Published", "Licence", "Facts"):
        grid.add_column(name, justify="right" if name == "Facts" else "left", max_width=TEXT_WIDTH if name == "Title" else None)
    for row in counts:
        item = row.source
        grid.add_row(t(item.id), t(item.title), t(item.publisher), t(item.published), t(item.licence), str(row.facts))
    out.print(grid)
    datasets = [row.source for row in counts if row.source.citation]
    for item in datasets:
        out.print()
        out.print(Text.assemble((f"{item.id}: cite as ", "dim"), t(item.citation)))


def source(out: Screen, item: Source, facts: int, first: str | None, last: str | None) -> None:
    """One source in full: what it is, where it is, its licence, and what the table takes from it."""
    out.print(Text.assemble(t(item.id, "bold"), "  ", t(item.title, "bold")))
    out.print()
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(max_width=TEXT_WIDTH, overflow="fold")
    span = f"{first} to {last}" if first and last and first != last else (first or "")
    rows = [
        ("Publisher", item.publisher),
        ("Published", item.published),
        ("Address", item.url or "not known"),
        ("Licence", item.licence or "not known"),
        *([("Dataset", item.origin), ("Cite as", item.citation)] if item.origin != CURATED else []),
        ("File", item.file),
        ("Facts", f"{facts} cite it" + (f", dated {span}" if span else "")),
    ]
    for label, value in rows:
        grid.add_row(label, t(value))
    out.print(grid)
