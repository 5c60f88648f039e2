"""The questions afg answers, as functions from an index to typed results. No printing here."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from afgcli.dates import parse_period
from afgcli.match import CUTOFF, Match, NameIndex, similar_words
from afgcli.model import Entity, Fact, Role, Source
from afgcli.names import PARTICLES, content_tokens
from afgcli.store import Store, Words

STOPWORDS = PARTICLES | frozenset("the of and in on to for by with from at as is was an or".split())


@dataclass(frozen=True)
class WhoAnswer:
    """The entity a name finds, with its roles and facts, or the candidates when none is found."""

    query: str
    entity: Entity | None
    roles: tuple[Role, ...]
    facts: tuple[Fact, ...]
    candidates: tuple[Match, ...]
    names: dict[str, str] = field(default_factory=dict, repr=False)  # entity names the roles refer to


@dataclass(frozen=True)
class PeriodAnswer:
    """The facts dated in a period and the roles held during it."""

    query: str
    first: int
    last: int
    facts: tuple[Fact, ...]
    in_power: tuple[Role, ...]
    names: dict[str, str] = field(default_factory=dict, repr=False)


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


@dataclass(frozen=True)
class SourceCount:
    """A source and how many facts cite it."""

    source: Source
    facts: int


def overlaps(first_year: int, last_year: int, start: int | None, end: int | None) -> bool:
    """Whether [start, end] (either end open when None) meets the years [first_year, last_year]."""
    return (start is None or start <= last_year) and (end is None or end >= first_year)


class Library:
    """Answers from an open index (see cache.open_library)."""

    def __init__(self, db: sqlite3.Connection):
        self._store = Store(db)
        self.names = NameIndex(self._store, Words(db, "name"))
        self._fact_words = Words(db, "fact")

    def who(self, query: str) -> WhoAnswer:
        best, others = self.names.best(query)
        if best is None:
            return WhoAnswer(query, None, (), (), tuple(others))
        entity = self._store.entity(best.entity_id)
        assert entity is not None
        roles, names = self._store.roles_of(entity.id)
        facts = self._store.facts_of(entity.id)
        return WhoAnswer(query, entity, tuple(roles), tuple(facts), tuple(others), names)

    def period(self, query: str) -> PeriodAnswer:
        """Facts whose date meets the period, and the roles held during it. Raises PeriodError."""
        first, last = parse_period(query)
        facts = self._store.facts_between(first, last)
        roles, names = self._store.roles_between(first, last)
        return PeriodAnswer(query, first, last, tuple(facts), tuple(roles), names)

    def period_json(self, query: str):
        """As period, with each fact and role as the JSON text `--json` writes: for large answers,
        which are then written without building a record per row. Raises PeriodError."""
        from afgcli.fragments import PeriodJson  # only the JSON path needs it

        first, last = parse_period(query)
        facts = self._store.fact_json_between(first, last)
        roles = self._store.role_json_between(first, last)
        return PeriodJson(query, first, last, tuple(facts), tuple(roles))

    def timeline(self, entity_id: str | None, first: int | None, last: int | None) -> tuple[Fact, ...]:
        if entity_id:
            facts = [f for f in self._store.facts_of(entity_id) if overlaps(first or 0, last or 9999, f.when.year, f.when.end_year)]
        elif first is not None or last is not None:
            facts = self._store.facts_between(first or 0, last or 9999)
        else:
            facts = self._store.all_facts()
        return tuple(facts)

    def search(self, query: str, limit: int = 20) -> SearchAnswer:
        """Entities by name and facts by their words, ranked by score, entities before facts on ties."""
        ranked: list[tuple] = [(-m.score, 0, (), m.entity_id) for m in self.names.find(query)]
        words = [w for w in content_tokens(query) if w not in STOPWORDS] or content_tokens(query)
        fact_scores = self._fact_scores(words) if words else {}
        # Only facts that can still make the list are read: those scoring at least the limit-th best.
        scores = sorted((s for s in fact_scores.values() if s >= CUTOFF), reverse=True)
        floor = scores[limit - 1] if len(scores) >= limit else CUTOFF
        wanted = [rid for rid, score in fact_scores.items() if score >= floor]
        for rid, fact in self._store.facts(wanted).items():
            ranked.append((-round(fact_scores[rid], 1), 1, fact.when.first, fact.id, fact))
        ranked.sort(key=lambda item: item[:4])
        hits = []
        for item in ranked[:limit]:
            if item[1] == 0:
                hits.append(SearchHit(-item[0], entity=self._store.entity(item[3])))
            else:
                hits.append(SearchHit(-item[0], fact=item[4]))
        return SearchAnswer(query, tuple(hits))

    def _fact_scores(self, words: list[str]) -> dict[int, float]:
        """Fact rids and how well each matches the words (0-100); a word is spelt loosely only when
        nothing in the table has it as written."""
        totals: dict[int, float] = {}
        for word in words:
            similar = similar_words(self._fact_words, word, fuzzy=False) or similar_words(self._fact_words, word, fuzzy=True)
            best: dict[int, float] = {}
            for other, weight in sorted(similar.items(), key=lambda kv: kv[1]):
                for rid in self._fact_words.postings([other]):
                    best[rid] = weight  # ascending weights: the best one for each fact is written last
            for rid, weight in best.items():
                totals[rid] = totals.get(rid, 0.0) + weight
        return {rid: 100 * total / len(words) for rid, total in totals.items()}

    def source_counts(self) -> list[SourceCount]:
        return [SourceCount(source, facts) for source, facts in self._store.sources()]
