"""The periods users ask about: a year, a range of years, a decade, a month or a day.

Apart from dates.py, which parses the table's dates into records, so that a question about a period
loads no record class.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from afgcli.errors import AfgError


class PeriodError(AfgError, ValueError):
    """A period the user typed that is not one afg knows how to read."""


class Period(NamedTuple):
    """A period as its first and last days, (year, month, day) each, and the label it is shown by."""

    label: str
    first: tuple[int, int, int]
    last: tuple[int, int, int]

    @property
    def whole_years(self) -> bool:
        """Whether the period is a run of calendar years, as every period of the table's years is."""
        return self.first[1:] == (1, 1) and self.last[1:] == (12, 31)

    @property
    def first_day(self) -> str:
        return "%04d-%02d-%02d" % self.first

    @property
    def last_day(self) -> str:
        return "%04d-%02d-%02d" % self.last


def day_number(date: tuple[int, int, int]) -> int:
    """(year, month, day) as yyyymmdd: the form the index stores days in, which sorts and compares as dates do."""
    return date[0] * 10000 + date[1] * 100 + date[2]


def store_bounds(period: Period) -> tuple[int, int, tuple[int, int] | None]:
    """The period as the store's lookups take it: its years, and its days (yyyymmdd) when it is
    shorter than its years (see store.Store._between)."""
    if period.whole_years:
        return period.first[0], period.last[0], None
    return period.first[0], period.last[0], (day_number(period.first), day_number(period.last))


def outside(period: Period, days: tuple[int, int] | None) -> bool:
    """Whether the period lies wholly before the first or after the last of `days` (the table's dated
    span, store.Store.dated_days): nothing is known there, not even a role still held."""
    if days is None:
        return True
    return day_number(period.first) > days[1] or day_number(period.last) < days[0]


# Compiled on first use: `who` never needs them.
_YEARS = r"(\d{4})(?:\s*(?:-|–|—|/|\.\.)\s*(\d{4})|('?s))?"  # 1992, 1989-1992, 1990s, 1980's
_SHORT_DECADE = r"[‘’']?(\d)0[‘’']?s"  # '80s, 80s, 80's
_ISO = r"(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?"  # 1992-04, 2021/08, 1996-09-27
_SLASHED = r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})"  # 15/08/2021, 08/15/2021; 03/04/2001 is ambiguous
_NAMED = r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]+)\.?,?\s+(\d{4})"  # April 1992, 27 September 1996, Sept. 1996
_NAMED_FIRST = r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})"  # Aug 15 2021, August 15, 2021
_MONTHS = "january february march april may june july august september october november december".split()

HELP = (
    "give a year (1992), a range (1989-1992), a decade (1990s, 1980's, '80s, 80s), a month (1992-04, 2021/08, "
    "April 1992, Aug 2021) or a day (1996-09-27, 27 September 1996, Aug 15 2021, August 15, 2021)"
)


def month_days(year: int, month: int) -> int:
    # Computed here rather than with `calendar`, whose import costs start-up time.
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _month(name: str) -> int | None:
    """1-12 for an English month name or an abbreviation of at least three letters."""
    if len(name) >= 3:
        for number, month in enumerate(_MONTHS, start=1):
            if month.startswith(name):
                return number
    return None


def _days(text: str, year: int, month: int, day: int | None) -> Period:
    if not 1 <= month <= 12:
        raise PeriodError(f"{text!r} is not a period: there is no month {month}")
    if day is None:
        return Period("%04d-%02d" % (year, month), (year, month, 1), (year, month, month_days(year, month)))
    if not 1 <= day <= month_days(year, month):
        raise PeriodError(f"{text!r} is not a period: that month has no day {day}")
    return Period("%04d-%02d-%02d" % (year, month, day), (year, month, day), (year, month, day))


def parse_period(text: str) -> Period:
    """`1992`, `1989-1992`, `1990s` (`1980's`, `'80s`, `80s`), `1992-04` (`2021/08`, `April 1992`) or
    `1996-09-27` (`27 September 1996`, `Aug 15 2021`, `August 15, 2021`, `15/08/2021`)."""
    cleaned = " ".join(text.split())
    if match := re.fullmatch(_SHORT_DECADE, cleaned.lower()):
        # The table runs from the 1970s: `20s` is the 2020s, `80s` the 1980s.
        digit = int(match.group(1))
        first = (2000 if digit <= 2 else 1900) + digit * 10
        return Period(f"{first}–{first + 9}", (first, 1, 1), (first + 9, 12, 31))
    if match := re.fullmatch(_YEARS, cleaned):
        first = last = int(match.group(1))
        if match.group(3):
            if first % 10:
                raise PeriodError(f"{cleaned!r} is not a decade: a decade starts on a year ending in 0, like 1990s")
            last = first + 9
        elif match.group(2):
            last = int(match.group(2))
            if last < first:
                raise PeriodError(f"the range {cleaned!r} runs backwards: write the earlier year first, like {last}-{first}")
        label = str(first) if first == last else f"{first}–{last}"
        return Period(label, (first, 1, 1), (last, 12, 31))
    if match := re.fullmatch(_ISO, cleaned):
        year, month, day = match.groups()
        return _days(cleaned, int(year), int(month), int(day) if day else None)
    if match := re.fullmatch(_SLASHED, cleaned):
        first_number, second_number, year = (int(part) for part in match.groups())
        if first_number <= 12 and second_number <= 12 and first_number != second_number:
            raise PeriodError(
                f"{cleaned!r} could be {first_number} {_MONTHS[second_number - 1].title()} or "
                f"{second_number} {_MONTHS[first_number - 1].title()}: write the month as a word or in ISO order "
                f"({year}-{second_number:02d}-{first_number:02d} or {year}-{first_number:02d}-{second_number:02d}); {HELP}"
            )
        day, month = (first_number, second_number) if second_number <= 12 else (second_number, first_number)
        return _days(cleaned, year, month, day)
    lowered = cleaned.lower()
    if (match := re.fullmatch(_NAMED, lowered)) and (month := _month(match.group(2))):
        day, _, year = match.groups()
        return _days(cleaned, int(year), month, int(day) if day else None)
    if (match := re.fullmatch(_NAMED_FIRST, lowered)) and (month := _month(match.group(1))):
        _, day, year = match.groups()
        return _days(cleaned, int(year), month, int(day))
    raise PeriodError(f"{cleaned!r} is not a period: {HELP}")
