"""ISO 8601 dates at the precision a source supports, as the table writes them (periods.py parses what users ask for)."""

from __future__ import annotations

import re

from afgcli.answer.periods import month_days
from afgcli.table.model import When

_DAY = r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?"  # ASCII digits: \d would take ١٩٩٢ as 1992
_DATE = re.compile(rf"{_DAY}(?:/{_DAY})?")


def _bounds(y: str, m: str | None, d: str | None) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    year = int(y)
    if m is None:
        return (year, 1, 1), (year, 12, 31)
    month = int(m)
    if not 1 <= month <= 12:
        raise ValueError
    if d is None:
        return (year, month, 1), (year, month, month_days(year, month))
    day = int(d)
    if not 1 <= day <= month_days(year, month):
        raise ValueError
    return (year, month, day), (year, month, day)


def parse_when(text: str) -> When | None:
    """`1996`, `1992-04`, `1996-09-27` or an interval `A/B` of those; None when malformed."""
    match = _DATE.fullmatch(text)
    if not match:
        return None
    try:
        first, last = _bounds(*match.group(1, 2, 3))
        if match.group(4):
            later_first, last = _bounds(*match.group(4, 5, 6))
            if later_first < first:
                return None
    except ValueError:
        return None
    return When(text, first, last)
