"""How many lines an answer takes at least, known before it is drawn (and before rich is imported), so
that a long answer on a terminal starts its pager at once (pager.early) instead of after its first
screen is drawn. A lower bound only: an answer that may fit the screen is left to the pager's own test."""

from __future__ import annotations

from typing import TYPE_CHECKING

from afgcli.table.schema import CURATED

if TYPE_CHECKING:
    from afgcli.answer.queries import WhoAnswer


def who(answer: WhoAnswer, limit: int | None = None) -> int:
    """render.who's card (name, summary, sources: three lines at least) and each of its tables: the blank
    line before it, its title, its header and a line for each row."""
    curated = sum(1 for item in answer.facts if item.origin == CURATED)
    shown = min(curated, limit) if limit else curated
    datasets = len({item.origin for item in answer.facts if item.origin != CURATED})  # a tally each, a row at least
    return 3 + sum(3 + rows for rows in (len(answer.roles), len(answer.holders), shown) if rows) + 4 * datasets
