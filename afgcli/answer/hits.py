"""search's answer records, in a module of their own: the `--json` path writes its hits from the
JSON texts the index stores and never defines them (each frozen dataclass costs start-up time)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from afgcli.table.model import Entity, Fact


@dataclass(frozen=True)
class SearchHit:
    """One search result: an entity or a fact, with its score."""

    score: float
    entity: Entity | None = None
    fact: Fact | None = None


@dataclass(frozen=True)
class SearchAnswer:
    """Search results, best first."""

    query: str
    hits: tuple[SearchHit, ...]

    def to_dict(self) -> dict:
        """`{query, results}`, as `afg search --json` writes it."""
        from afgcli.show import jsonout
        return jsonout.search(self)
