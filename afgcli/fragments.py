"""Answers whose records are already JSON texts, written at index time by jsonout.

A year of a large table holds thousands of facts; writing them from stored JSON texts skips
building a record and a dict for each. The texts are what jsonout makes of each record, so the
document is the same one (tests compare the two paths).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PeriodJson:
    """A period's answer (queries.PeriodAnswer) with each fact and role as its JSON text."""

    query: str
    first: int
    last: int
    facts: tuple[str, ...]
    in_power: tuple[str, ...]
