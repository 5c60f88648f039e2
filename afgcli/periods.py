"""The periods users ask about: a year, a range of years or a decade.

Apart from dates.py, which parses the table's dates into records, so that a question about a period
loads no record class.
"""

from __future__ import annotations

import re


class PeriodError(ValueError):
    """A period the user typed that is not a year, a range or a decade."""


_PERIOD = r"(\d{4})(?:\s*(?:-|–|—|/|\.\.)\s*(\d{4})|(s))?"  # compiled on first use: `who` never needs it


def parse_period(text: str) -> tuple[int, int]:
    """`1992`, `1989-1992` or `1990s` as (first year, last year)."""
    cleaned = text.strip()
    match = re.fullmatch(_PERIOD, cleaned)
    if not match:
        raise PeriodError(
            f"{cleaned!r} is not a period: give a year (1992), a range (1989-1992) or a decade (1990s)"
        )
    first = int(match.group(1))
    if match.group(3):
        if first % 10:
            raise PeriodError(f"{cleaned!r} is not a decade: a decade starts on a year ending in 0, like 1990s")
        return first, first + 9
    last = int(match.group(2)) if match.group(2) else first
    if last < first:
        raise PeriodError(f"the range {cleaned!r} runs backwards: write the earlier year first, like {last}-{first}")
    return first, last
