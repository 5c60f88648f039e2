"""Finding entities by name: exact names and aliases first, then folded and fuzzy token matches.

Scores run 0-100 and ranking is deterministic: score, then how much the table says about the
entity (a well-documented person outranks a namesake mentioned once), then id.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from afgcli.model import Table
from afgcli.names import content_tokens, normalize, phrase_key, skeleton

EXACT = 100.0
FOLDED_PHRASE = 98.0
TOKENS_CEILING = 95.0
CUTOFF = 72.0
SUGGEST_CUTOFF = 45.0
TOKEN_FLOOR = 0.75  # a query word below this similarity counts as unmatched
FUZZY_TOKEN_CUTOFF = 80.0


@dataclass(frozen=True)
class Match:
    entity_id: str
    name: str
    score: float


class NameIndex:
    """Lookup structures over every entity's name and aliases, built once per table."""

    def __init__(self, table: Table):
        self._table = table
        self._exact: dict[str, str] = {}
        self._folded: dict[str, set[str]] = defaultdict(set)
        self._forms: dict[str, list[list[str]]] = defaultdict(list)
        self._by_token: dict[str, set[str]] = defaultdict(set)
        self._by_skeleton: dict[str, set[str]] = defaultdict(set)
        for entity in table.entities.values():
            for form in (entity.name, *entity.aliases, entity.id):
                self._exact.setdefault(normalize(form), entity.id)
                self._folded[phrase_key(form)].add(entity.id)
                words = content_tokens(form)
                self._forms[entity.id].append(words)
                for word in words:
                    self._by_token[word].add(entity.id)
                    if len(word) >= 4:
                        self._by_skeleton[skeleton(word)].add(entity.id)
        self._vocabulary = sorted(self._by_token)

    def _weight(self, entity_id: str) -> int:
        return len(self._table.facts_by_entity.get(entity_id, ()))

    def _rank(self, scores: dict[str, float]) -> list[Match]:
        ordered = sorted(scores.items(), key=lambda kv: (-kv[1], -self._weight(kv[0]), kv[0]))
        return [Match(ident, self._table.entities[ident].name, round(score, 1)) for ident, score in ordered]

    def _similar_words(self, word: str, fuzzy: bool) -> dict[str, float]:
        """Vocabulary words like `word`, with a similarity 0-1."""
        found: dict[str, float] = {}
        if word in self._by_token:
            found[word] = 1.0
        if len(word) >= 4:
            position = bisect_left(self._vocabulary, word)
            while position < len(self._vocabulary) and self._vocabulary[position].startswith(word):
                found.setdefault(self._vocabulary[position], 0.85)
                position += 1
        if fuzzy and len(word) >= 4:
            from rapidfuzz import fuzz, process  # only typos pay for the import

            for other, score, _ in process.extract(
                word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_TOKEN_CUTOFF, limit=None
            ):
                found[other] = max(found.get(other, 0.0), score / 100 * 0.9)
        return found

    def _token_score(self, query: list[str], form: list[str], similar: dict[str, dict[str, float]]) -> float:
        best = []
        for word in query:
            candidates = similar[word]
            best.append(max((candidates.get(other, 0.0) for other in form), default=0.0))
            if len(word) >= 4:
                key = skeleton(word)
                if any(len(other) >= 4 and skeleton(other) == key for other in form):
                    best[-1] = max(best[-1], 0.92)
        counted = [b if b >= TOKEN_FLOOR else 0.0 for b in best]
        unmatched_form_words = max(0, len(form) - sum(1 for b in counted if b))
        return TOKENS_CEILING * sum(counted) / len(counted) - min(unmatched_form_words, 5)

    def find(self, query: str, fuzzy: bool = True) -> list[Match]:
        """Every entity that matches `query` at or above the cutoff, best first."""
        return [m for m in self.scored(query, fuzzy) if m.score >= CUTOFF]

    def scored(self, query: str, fuzzy: bool = True) -> list[Match]:
        scores: dict[str, float] = {}
        normalized = normalize(query)
        if not normalized:
            return []
        exact = self._exact.get(normalized)
        if exact:
            scores[exact] = EXACT
        for ident in self._folded.get(phrase_key(query), ()):
            scores.setdefault(ident, FOLDED_PHRASE)
        words = content_tokens(query)
        similar = {word: self._similar_words(word, fuzzy) for word in words}
        candidates: set[str] = set()
        for word in words:
            for other in similar[word]:
                candidates |= self._by_token[other]
            if len(word) >= 4:
                candidates |= self._by_skeleton.get(skeleton(word), set())
        for ident in candidates - scores.keys():
            score = max(self._token_score(words, form, similar) for form in self._forms[ident])
            if score > 0:
                scores[ident] = score
        return self._rank(scores)

    def best(self, query: str) -> tuple[Match | None, list[Match]]:
        """The best match and the other close ones; without a match, suggestions instead.

        Exact and folded hits are tried without the fuzzy matcher, which is only needed for typos.
        """
        matches = self.find(query, fuzzy=False)
        if not matches or matches[0].score < FOLDED_PHRASE:
            matches = self.find(query, fuzzy=True)
        if matches:
            return matches[0], matches[1:]
        return None, self.suggest(query)

    def suggest(self, query: str, limit: int = 3) -> list[Match]:
        near = [m for m in self.scored(query, fuzzy=True) if SUGGEST_CUTOFF <= m.score < CUTOFF]
        return near[:limit]
