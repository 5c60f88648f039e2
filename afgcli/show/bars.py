"""Drawing a Chart as horizontal bars with rich: one row per year, best as a solid bar, up to high shaded."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from afgcli.answer.series import Chart

BAR, RANGE = "█", "░"


def _number(value: int | float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def draw(chart: Chart, stream) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream, highlight=False)
    top = max((p.high or p.value for s in chart.series for p in s.points), default=0) or 1
    # room for the year, the kind, the figures and the gaps between columns; the bar takes what is left
    width = max(6, min(50, console.width - 36 - (13 if len(chart.series) > 1 else 0) - (8 if chart.measure == "events" else 0)))
    title = f"{chart.measure.capitalize()} per year" + (f": {chart.subject}" if chart.subject else "") + f" ({chart.unit})"
    rows = sorted(((p.year, order, s.label, p) for order, s in enumerate(chart.series) for p in s.points),
                  key=lambda row: row[:2])
    grid = Table(title=Text(title), box=None, show_header=True, header_style="bold", pad_edge=False)
    grid.add_column("Year", style="cyan", no_wrap=True, min_width=4)
    if len(chart.series) > 1:
        grid.add_column("Kind", no_wrap=True, min_width=11)
    grid.add_column("", no_wrap=True, min_width=width)
    grid.add_column("Value", justify="right")
    if chart.measure == "events":
        grid.add_column("Events", justify="right", no_wrap=True)
    for year, _, label, point in rows:
        solid = round(point.value / top * width)
        shaded = max(0, round((point.high or point.value) / top * width) - solid)
        bar = Text(BAR * solid, style="green") + Text(RANGE * shaded, style="dim")
        value = _number(point.value)
        if point.low is not None and point.high is not None and (point.low, point.high) != (point.value, point.value):
            value += f" ({_number(point.low)}–{_number(point.high)})"
        cells = [Text(str(year))] + ([Text(label)] if len(chart.series) > 1 else []) + [bar, Text(value)]
        if chart.measure == "events":
            cells.append(Text(f"{point.count:,}"))
        grid.add_row(*cells)
    console.print(grid)
    if any(p.high is not None and p.high != p.value for s in chart.series for p in s.points):
        console.print(Text(f"{BAR} best estimate  {RANGE} up to the high estimate; low–high in brackets", style="dim"))
