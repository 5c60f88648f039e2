"""Per-year series for `afg chart`: UCDP's deaths, the curated facts, an actor's events. No printing here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from afgcli.table.model import Fact
from afgcli.table.schema import CURATED


@dataclass(frozen=True)
class Point:
    """One year's value, with UCDP's low and high estimates where the series has them."""

    year: int
    value: int | float
    low: int | float | None = None
    high: int | float | None = None
    count: int = 0  # how many facts the year's value adds up


@dataclass(frozen=True)
class Series:
    """One labelled line of a chart: a value per year, in year order."""

    label: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Chart:
    """What `afg chart` draws: a measure, whose it is, and its series over the years asked for."""

    measure: str
    subject: str | None
    unit: str
    series: tuple[Series, ...]

    def to_dict(self) -> dict:
        """`{measure, subject, unit, series}`, as `afg chart --json` writes it."""
        from afgcli.show import jsonout
        return jsonout.chart(self)


_KINDS = {
    "deaths in state-based armed conflict": "state-based",
    "deaths in non-state conflict": "non-state",
    "deaths in one-sided violence against civilians": "one-sided",
}


def _within(year: int, first: int | None, last: int | None) -> bool:
    return (first is None or year >= first) and (last is None or year <= last)


def _sum(label: str, facts: Iterable[Fact], first: int | None, last: int | None) -> Series:
    """Best estimates (else low) added up per year, with their lows and highs."""
    best: dict[int, list] = defaultdict(lambda: [0, 0, 0, 0])
    for fact in facts:
        year, figure = fact.when.year, fact.figure
        if figure is None or not _within(year, first, last):
            continue
        total = best[year]
        value = figure.best if figure.best is not None else figure.low
        total[0] += value
        total[1] += figure.low
        total[2] += figure.high if figure.high is not None else max(figure.low, value)
        total[3] += 1
    return Series(label, tuple(Point(y, v, lo, hi, n) for y, (v, lo, hi, n) in sorted(best.items())))


def deaths(facts: Iterable[Fact], subject: str, by_kind: bool, first: int | None, last: int | None) -> Chart:
    """UCDP Country-Year deaths per year (all kinds of violence, or one series per kind)."""
    counted = [f for f in facts if f.origin.startswith("UCDP Country-Year") and f.figure and f.figure.unit.startswith("deaths")]
    if by_kind:
        kinds: dict[str, list[Fact]] = defaultdict(list)
        for fact in counted:
            assert fact.figure is not None
            kinds[_KINDS.get(fact.figure.unit, fact.figure.unit)].append(fact)
        series = tuple(_sum(kind, kinds[kind], first, last) for kind in sorted(kinds))
    else:
        series = (_sum("all organized violence", counted, first, last),)
    return Chart("deaths", subject, "UCDP best estimate", series)


def curated_facts(facts: Iterable[Fact], first: int | None, last: int | None) -> Chart:
    """How many curated facts begin in each year."""
    per_year: dict[int, int] = defaultdict(int)
    for fact in facts:
        if fact.origin == CURATED and _within(fact.when.year, first, last):
            per_year[fact.when.year] += 1
    years = range(min(per_year), max(per_year) + 1) if per_year else range(0)
    points = tuple(Point(year, per_year.get(year, 0), count=per_year.get(year, 0)) for year in years)
    return Chart("facts", None, "curated table", (Series("curated facts", points),))


def events(facts: Iterable[Fact], subject: str, first: int | None, last: int | None) -> Chart:
    """An actor's UCDP GED events per year: their deaths (best, low, high) and how many events."""
    counted = [f for f in facts if f.origin.startswith("UCDP GED")]
    return Chart("events", subject, "deaths in its events, UCDP best estimate", (_sum("events", counted, first, last),))
