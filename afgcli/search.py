"""Search over entity names and fact statements (`afg search`), in its own module so that the
other questions do not pay for its records at start-up."""

from __future__ import annotations

from dataclasses import dataclass

from afgcli.match import FOLDED_PHRASE, PREFIX, SAME, SAME_SKELETON, NameIndex, similar_words
from afgcli.model import Entity, Fact
from afgcli.names import PARTICLES, abbreviations, content_tokens
from afgcli.store import Store, Words

# Words that carry no meaning of their own, questions' among them ("when did Massoud die").
STOPWORDS = PARTICLES | frozenset(
    """the of and in on to for by with from at as is was an or did do does when who whom whose what which
    where why how were are be been has have had many much happen happened happens year years date""".split()
)
SUFFIXES = ("ings", "ing", "ions", "ion", "ed", "es", "s")  # executed, execution, executions: execut...
STEM_MIN = 4  # shorter stems begin too many words
# Words a question uses for what a statement may say otherwise ("Soviet soldiers died": "lost
# their lives ... killed"). Each word finds the others of its group, as a longer form would.
_KINDRED = (
    "die died dies dying dead death deaths kill killed killing killings execute executed execution executions "
    "assassinate assassinated assassination murder murdered casualty casualties fatality fatalities toll",
    "capture captured captures seize seized seizure fell fall conquer conquered overran overrun take took taken taking",
    "invade invaded invades invasion",
    "withdraw withdrew withdrawn withdrawal withdrawals retreat retreated pullout",
    "found founded founding form formed formation establish established creation created",
    "flee fled fleeing escape escaped escaping refugee refugees",
    "troop troops soldier soldiers",
    "salary salaries wage wages",
    "support supported supporting supports backed backing assist assisted assisting aid aided",
    "replace replaced replacing replacement succeed succeeded succeeding successor",
    "attack attacks attacked assault assaulted raid raided strike strikes airstrike airstrikes",
    "spokesperson spokesman spokeswoman spokespeople",
)
# Numbers a statement may write in words or in digits (thirty commanders, 30 commanders).
_NUMBER_WORDS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty"
).split()
NUMBERS = dict(zip(_NUMBER_WORDS, map(str, range(2, 21)))) | {
    word: str(10 * tens) for tens, word in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), start=3)
}
NUMBERS |= {digits: word for word, digits in NUMBERS.items()}
KINDRED = {word: group for group in (frozenset(line.split()) for line in _KINDRED) for word in group}
PARTIAL = 50.0  # the least a hit scores: half the words asked for
ABOUT = 0.9  # a word of what is said about an entity (its summary, its roles) counts less than one of its name
LINKED = 0.9  # a fact about an entity whose name holds the word, or dated in the year asked for, though its statement does not say it
GENERIC_NAME_WORD = 50  # a word in more names than this (Afghanistan, Islamic) says nothing about a fact's entities


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


def search(store: Store, names: NameIndex, words_of: dict[str, Words], query: str, limit: int) -> SearchAnswer:
    """Entities by name, summary and roles, and facts by their words, ranked by score, entities
    before facts on ties. `words_of` holds the index's vocabularies: `name`, `about` and `fact`.

    A hit holds at least half the words asked for (PARTIAL), so that a word the table does not use
    (`Mike Mullen`: it has Michael) does not hide the rest; the best come first."""
    # Names are scored as fact statements are: by the query words they hold.
    found = [m for m in names.scored(query, whole=False, floor=PARTIAL) if m.score >= PARTIAL]
    ranked: list[tuple] = [(-m.score, 0, 0, place, m.entity_id) for place, m in enumerate(found)]  # find's order on ties
    # Among facts that score alike, those about an entity the query names come first.
    named = {m.entity_id for m in found if m.score >= FOLDED_PHRASE}
    words = [w for w in content_tokens(query) if w not in STOPWORDS] or content_tokens(query)
    literal = abbreviations(query)
    if words:
        better = _about_ranked(store, words_of, words, literal, {m.entity_id: m.score for m in found}, limit, len(found))
        ids = {row[4] for row in better}
        ranked = [row for row in ranked if row[4] not in ids] + better
    fact_scores = _fact_scores(store, words_of, words, literal) if words else {}
    # Only facts that can still make the list are read: those scoring at least the limit-th best.
    floor = _floor(fact_scores.values(), limit)
    wanted = [rid for rid, score in fact_scores.items() if score >= floor]
    for rid, fact in store.facts(wanted).items():
        about = 0 if named.intersection(fact.entities) else 1
        ranked.append((-round(fact_scores[rid], 1), 1, about, fact.when.first, fact.id, fact))
    ranked.sort(key=lambda item: item[:5])
    hits = []
    for item in ranked[:limit]:
        if item[1] == 0:
            hits.append(SearchHit(-item[0], entity=store.entity(item[4])))
        else:
            hits.append(SearchHit(-item[0], fact=item[5]))
    return SearchAnswer(query, tuple(hits))


def _floor(scores, limit: int) -> float:
    """The least score that can still make a list of `limit` hits: the limit-th best, or PARTIAL."""
    kept = sorted((s for s in scores if s >= PARTIAL), reverse=True)
    return kept[limit - 1] if len(kept) >= limit else PARTIAL


def _about_ranked(
    store: Store, words_of: dict[str, Words], words: list[str], literal: frozenset[str], by_name: dict[str, float], limit: int, after: int
) -> list[tuple]:
    """Ranking rows for the entities that what is said about them finds (Defence Minister: the
    minister) better than their names alone do. A word counts in full in the entity's name, ABOUT in
    its summary or roles; the rows follow the name matches of equal score, the best documented first."""
    totals: dict[int, float] = {}
    for word in words:
        best: dict[int, float] = {}
        for table, scale in (("about", ABOUT), ("name", 1.0)):
            for other, weight in _word_forms(words_of[table], word, word in literal, fuzzy=False).items():
                for rid in words_of[table].postings([other]):
                    best[rid] = max(best.get(rid, 0.0), weight * scale)
        for rid, weight in best.items():
            totals[rid] = totals.get(rid, 0.0) + weight
    scored = {rid: round(100 * total / len(words), 1) for rid, total in totals.items()}
    floor = _floor(scored.values(), limit)
    rows = []
    for rid, ident, _, _, weight, _ in store.name_forms([rid for rid, score in scored.items() if score >= floor]):
        if scored[rid] > by_name.get(ident, 0.0):
            rows.append((-scored[rid], 0, 0, after, -weight, ident))
    rows.sort()
    return [(score, kind, about, after + place, ident) for place, (score, kind, about, _, _, ident) in enumerate(rows)]


def _stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= STEM_MIN:
            return word[: -len(suffix)]
    return word


def _word_forms(vocabulary: Words, word: str, literal: bool, fuzzy: bool) -> dict[str, float]:
    """The words of `vocabulary` that stand for `word`, with their similarity: as similar_words has
    it, and a word with the same stem or a kindred word counting as a longer form would. An
    abbreviation (`literal`) stands only for itself."""
    similar = similar_words(vocabulary, word, fuzzy=fuzzy, literal=literal)
    if literal:
        return similar
    stem = _stem(word)
    if stem != word:  # never for a number: _stem strips letters only
        for other in ([stem] if vocabulary.has(stem) else []) + vocabulary.with_prefix(stem):
            similar.setdefault(other, PREFIX)
    for other in KINDRED.get(word, ()):
        if vocabulary.has(other):
            similar.setdefault(other, PREFIX)
    if word in NUMBERS and vocabulary.has(NUMBERS[word]):
        similar[NUMBERS[word]] = SAME
    return similar


def _fact_scores(store: Store, words_of: dict[str, Words], words: list[str], literal: frozenset[str]) -> dict[int, float]:
    """Fact rids and how well each matches the words (0-100). A word counts in full where the
    statement has it, less in another form (a transliteration, a longer word it begins, one with the
    same stem) or in the name of an entity the fact is about; it is spelt loosely only when nothing
    in the table has it in any of these forms. An abbreviation (`literal`) counts only as itself."""
    fact_words, name_words = words_of["fact"], words_of["name"]
    totals: dict[int, float] = {}
    for word in words:
        exact = word in literal
        similar = _word_forms(fact_words, word, exact, fuzzy=False)
        named = name_words.postings([word]) if name_words.has(word) else set()
        if named:  # a name's other spellings are names too: Mullen is not "million", though both fold to mln
            similar = {other: w for other, w in similar.items() if w != SAME_SKELETON or name_words.has(other)}
        if not similar and not named:
            similar = similar_words(fact_words, word, fuzzy=True, literal=exact)
        best: dict[int, float] = {}
        for other, weight in sorted(similar.items(), key=lambda kv: kv[1]):
            for rid in fact_words.postings([other]):
                best[rid] = weight  # ascending weights: the best one for each fact is written last
        linked = store.facts_linked(sorted(named)) if len(named) <= GENERIC_NAME_WORD else set()
        if len(word) == 4 and word.isdigit():  # a year: the facts dated in it, though their statements need not say it
            linked.update(store.fact_rids_between(int(word), int(word)))
        for rid in linked:
            if best.get(rid, 0.0) < LINKED:
                best[rid] = LINKED
        for rid, weight in best.items():
            totals[rid] = totals.get(rid, 0.0) + weight
    return {rid: 100 * total / len(words) for rid, total in totals.items()}
