"""The questions afg answers, as functions from a table to typed results. No printing here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from afgcli.dates import parse_period
from afgcli.match import CUTOFF, Match, NameIndex
from afgcli.model import Entity, Fact, Role, Source, Table
from afgcli.names import PARTICLES, content_tokens, skeleton

STOPWORDS = PARTICLES | frozenset("the of and in on to for by with from at as is was an or".split())


@dataclass(frozen=True)
class WhoAnswer:
    query: str
    entity: Entity | None
    roles: tuple[Role, ...]
    facts: tuple[Fact, ...]
    candidates: tuple[Match, ...]


@dataclass(frozen=True)
class PeriodAnswer:
    query: str
    first: int
    last: int
    facts: tuple[Fact, ...]
    in_power: tuple[Role, ...]


@dataclass(frozen=True)
class SearchHit:
    score: float
    entity: Entity | None = None
    fact: Fact | None = None


@dataclass(frozen=True)
class SearchAnswer:
    query: str
    hits: tuple[SearchHit, ...]


@dataclass(frozen=True)
class SourceCount:
    source: Source
    facts: int


def overlaps(first_year: int, last_year: int, start: int | None, end: int | None) -> bool:
    """Whether [start, end] (either end open when None) meets the years [first_year, last_year]."""
    return (start is None or start <= last_year) and (end is None or end >= first_year)


class Library:
    """A table with the indexes its questions need, built on first use."""

    def __init__(self, table: Table):
        self.table = table

    def prepare(self) -> None:
        """Build every index now (before caching), rather than on first use."""
        self.names
        self._fact_words

    @cached_property
    def names(self) -> NameIndex:
        return NameIndex(self.table)

    @cached_property
    def _fact_words(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for position, fact in enumerate(self.table.facts):
            for word in set(content_tokens(fact.text)):
                index.setdefault(word, []).append(position)
        return index

    def who(self, query: str) -> WhoAnswer:
        best, others = self.names.best(query)
        if best is None:
            return WhoAnswer(query, None, (), (), tuple(others))
        entity = self.table.entities[best.entity_id]
        return WhoAnswer(
            query,
            entity,
            self.table.roles_by_entity.get(entity.id, ()),
            self.table.facts_by_entity.get(entity.id, ()),
            tuple(others),
        )

    def period(self, query: str) -> PeriodAnswer:
        """Facts whose date meets the period, and the roles held during it. Raises PeriodError."""
        first, last = parse_period(query)
        facts = tuple(f for f in self.table.facts if overlaps(first, last, f.when.year, f.when.end_year))
        roles = tuple(r for r in self.table.roles if _held_during(r, first, last))
        return PeriodAnswer(query, first, last, facts, roles)

    def timeline(self, entity_id: str | None, first: int | None, last: int | None) -> tuple[Fact, ...]:
        facts = self.table.facts_by_entity.get(entity_id, ()) if entity_id else self.table.facts
        return tuple(f for f in facts if overlaps(first or -9999, last or 9999, f.when.year, f.when.end_year))

    def search(self, query: str, limit: int = 20) -> SearchAnswer:
        """Entities by name and facts by their words, ranked by score, entities before facts on ties."""
        hits = [SearchHit(m.score, entity=self.table.entities[m.entity_id]) for m in self.names.find(query)]
        words = [w for w in content_tokens(query) if w not in STOPWORDS] or content_tokens(query)
        if words:
            for position, score in self._fact_scores(words).items():
                if score >= CUTOFF:
                    hits.append(SearchHit(round(score, 1), fact=self.table.facts[position]))
        hits.sort(key=_hit_order)
        return SearchAnswer(query, tuple(hits[:limit]))

    def _fact_scores(self, words: list[str]) -> dict[int, float]:
        index = self._fact_words
        vocabulary = None
        totals: dict[int, float] = {}
        for word in words:
            best: dict[int, float] = {}
            similar = {word: 1.0} if word in index else {}
            if len(word) >= 4:
                key = skeleton(word)
                for other in index:
                    if other.startswith(word) and other != word:
                        similar.setdefault(other, 0.85)
                    elif len(other) >= 4 and skeleton(other) == key:
                        similar.setdefault(other, 0.92)
                if not similar:
                    from rapidfuzz import fuzz, process

                    vocabulary = vocabulary or list(index)
                    for other, score, _ in process.extract(word, vocabulary, scorer=fuzz.ratio, score_cutoff=80, limit=None):
                        similar[other] = score / 100 * 0.9
            for other, weight in similar.items():
                for position in index[other]:
                    best[position] = max(best.get(position, 0.0), weight)
            for position, weight in best.items():
                totals[position] = totals.get(position, 0.0) + weight
        return {position: 100 * total / len(words) for position, total in totals.items()}

    def source_counts(self) -> list[SourceCount]:
        counts = dict.fromkeys(self.table.sources, 0)
        for fact in self.table.facts:
            for ident in dict.fromkeys(c.source for c in fact.sources):
                counts[ident] = counts.get(ident, 0) + 1
        return [SourceCount(source, counts[ident]) for ident, source in self.table.sources.items()]


def _held_during(role: Role, first: int, last: int) -> bool:
    """Whether the sources show the role held in the period; an unknown start or end is not guessed.

    A role with start and end counts between them; with an end of `..` (still held) from its start
    on; with only one known date, in a period that holds that date.
    """
    if role.start and (role.end or role.ongoing):
        return overlaps(first, last, role.start.year, role.end.end_year if role.end else None)
    known = role.start or role.end
    return known is not None and first <= known.end_year and known.year <= last


def _hit_order(hit: SearchHit) -> tuple:
    if hit.entity is not None:
        return (-hit.score, 0, "", hit.entity.id)
    assert hit.fact is not None
    return (-hit.score, 1, hit.fact.when.first, hit.fact.id)
