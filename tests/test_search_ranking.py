"""search ranks a tie of any size without reading it (issue 19): the same ranked ids as the reference
ranking below, which reads and scores every fact that matches (afg's ranking before issue 19, with
the facts tied at the cut-off of its pool chosen by the keys that rank them in the end)."""

from pathlib import Path

import pytest

from afgcli.answer.search import (
    PARTIAL,
    POOL,
    _asked_for,
    _entity_scores,
    _ranked_entities,
    _read_question,
    fact_key,
)
from afgcli.index.cache import open_library
from afgcli.table.schema import builtin_layers

QUESTIONS = Path(__file__).parent / "questions"


def reference(library, query: str, limit: int) -> list[tuple[str, float]]:
    store, names, words_of = library._store, library.names, library._words
    words, asked, total, distinctive, question, years = _asked_for(store, words_of, query)
    if not asked:
        return []
    held = {id(w): w.facts.as_dict() for w in asked}

    # Every fact that holds the words, scored one at a time (search groups them with set operations).
    totals: dict[int, float] = {}
    for word in asked:
        for rid, got in held[id(word)].items():
            totals[rid] = totals.get(rid, 0.0) + word.weight * got
    fact_scores = {rid: 100 * got / total for rid, got in totals.items()
                   if not (distinctive and not any(rid in held[id(w)] for w in distinctive))
                   and 100 * got / total >= PARTIAL}
    entity_scores = _entity_scores(asked, total, distinctive)
    reading = _read_question(store, names, words_of, words, query, question)
    question, named, mentioned, named_words, kinds_wanted = reading[:5]
    ranked = [item[:5] for item in _ranked_entities(store, reading, asked, total, entity_scores, limit)]
    facts = store.facts(list(fact_scores))  # every fact that matches
    kinds = store.kinds(sorted({ident for fact in facts.values() for ident in fact.entities}))
    keyed = []
    for rid, fact in facts.items():
        score = fact_scores[rid]
        key = fact_key(fact, score, question, years, asked, named, mentioned, named_words, kinds_wanted, kinds)
        keyed.append((-score, -key, len(fact.text), fact.id, fact.origin != "curated"))
    keyed.sort(key=lambda item: item[:4])
    ranked += [(minus_key, imported, length, ident, round(-minus_score, 1))
               for minus_score, minus_key, length, ident, imported in keyed[: limit + POOL]]
    ranked.sort(key=lambda item: item[:4])  # on a tie a curated statement before an imported record
    return [(ident, score) for _, _, _, ident, score in ranked[:limit]]


def queries() -> list[str]:
    asked = [line.split("\t")[0] for line in (QUESTIONS / "search.tsv").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    asked += [line.strip() for line in (QUESTIONS / "absent.txt").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    asked += [line.split("\t")[0] for line in (QUESTIONS / "variants.tsv").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")]
    # Plain words that many facts hold, so that many tie at the cut-off, and years, which move facts by points.
    return asked + ["ceasefire", "Taliban", "Kabul 1996", "Massoud", "war", "battle", "peace", "agreement", "attack",
                    "killed", "Soviet withdrawal", "1992", "Afghanistan", "president", "Kabul", "Pakistan", "province",
                    "Taliban Kabul", "when did the Taliban take Kabul", "how many refugees", "who led the Mujahideen"]


@pytest.fixture(scope="module")
def library():
    return open_library(builtin_layers())


@pytest.mark.parametrize("limit", [5, 20, 60])
def test_search_ranks_as_the_reference_that_reads_every_match(library, limit):
    differ = []
    for query in queries():
        got = [(h.entity.id if h.entity else h.fact.id, h.score) for h in library.search(query, limit).hits]
        if got != reference(library, query, limit):
            differ.append(query)
    assert differ == []
