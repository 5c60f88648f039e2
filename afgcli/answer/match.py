"""Finding entities by name: exact names and aliases first, then folded and fuzzy token matches.

Scores run 0-100 and ranking is deterministic: score, then how much the table says about the
entity (a well-documented person outranks a namesake mentioned once), then id.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from afgcli.answer.names import (
    FUNCTION_WORDS,
    PARTICLES,
    PLACE_WORDS,
    TITLES,
    abbreviations,
    content_tokens,
    normalize,
    phrase_key,
    skeleton,
    without,
    without_titles,
)
from afgcli.index.store import SKELETON_MIN, Store, Words

# How far another spelling of a name may stray: in length, and in its consonants (a typo may change one).
VARIANT_LENGTH = 2

EXACT = 100.0
FOLDED_PHRASE = 98.0
TOKENS_CEILING = 95.0
CUTOFF = 72.0
SUGGEST_CUTOFF = 45.0
# A folded key of fewer letters says too little to be taken for another spelling of the query
# (Bonn and Banu both fold to "bn", FARA and PHR to "fr").
FOLDED_MIN = 3
TOKEN_FLOOR = 0.75  # a query word below this similarity counts as unmatched
# How alike two words are, 0-1, by the rule that relates them (the best rule counts).
SAME, SAME_SKELETON, PREFIX, FUZZY_SCALE = 1.0, 0.92, 0.85, 0.9
MISSPELT = 0.8  # the least a misspelling held to its first letter and consonants counts: below a partial name
TYPOS = 2  # the most letters a misspelling changes: Hekmatyr and Rabanni are slips, Hibatullah is not Habibullah
FUZZY_WORD_CUTOFF = 80.0
AMBIGUOUS = 3  # this many names matching equally well, none of them as a whole, is no answer but a choice
SHOWN = 5  # the choices then offered


@dataclass(frozen=True)
class Match:
    """An entity a name query found, with the name it goes by and its score (0-100)."""

    entity_id: str
    name: str
    score: float


def similar_words(words: Words, word: str, fuzzy: bool, literal: bool = False, names: bool = True) -> dict[str, float]:
    """Words of the vocabulary like `word`, each with its similarity: the same word, another spelling
    of it (see variant), a longer word it begins, and with `fuzzy` a close misspelling. A `literal`
    word (an abbreviation, see names.abbreviations) is only ever itself. With `names` (the words of
    names) a common English word is never another spelling or a misspelling of the word asked for."""
    found: dict[str, float] = {}
    if words.has(word):
        found[word] = SAME
    if literal or word.isdigit():  # 28001 is not a misspelt 28000, nor 19 the start of 1996; FARA not Farang
        return found
    if len(word) >= SKELETON_MIN:
        key = skeleton(word)
        if len(key) >= FOLDED_MIN:  # fara and phr both fold to "fr": too little to call them one name
            for other in words.with_skeleton(key):
                if variant(words, word, other):
                    found.setdefault(other, SAME_SKELETON)
        for other in words.with_prefix(word):
            found.setdefault(other, PREFIX)
        if fuzzy:
            from rapidfuzz import fuzz, process  # only typos pay for the import

            for other, score, _ in process.extract(
                word, words.vocabulary(), scorer=fuzz.ratio, score_cutoff=FUZZY_WORD_CUTOFF, limit=None
            ):
                if other not in found and _misspelling(words, word, other, names):
                    # Held to the first letter and the consonants, a misspelling is as good as a partial name.
                    found[other] = max(score / 100 * FUZZY_SCALE, MISSPELT)
    return found


def variant(words: Words, word: str, other: str) -> bool:
    """Whether two words of one skeleton are two spellings of one name (Masood, Massoud): of about
    the same length, neither a common English word (Baradar is not a border, nor Mullen a million), and
    both titles or neither (Mullen is not Maulana)."""
    if (word in TITLES) != (other in TITLES):
        return False
    return abs(len(word) - len(other)) <= VARIANT_LENGTH and not words.is_common(word) and not words.is_common(other)


def _misspelling(words: Words, word: str, other: str, names: bool) -> bool:
    """Whether `other`, close to `word` letter by letter, may be what was meant: the same first letter,
    about the same length, its consonants in the same order but for one (Hibatullah is not Hizbullah),
    at most TYPOS letters changed, and among names not a common English word."""
    if word[0] != other[0] or abs(len(word) - len(other)) > VARIANT_LENGTH:
        return False
    if names and words.is_common(other) or (word in TITLES) != (other in TITLES):
        return False
    from rapidfuzz.distance import Levenshtein

    return _consonant_slip(skeleton(word), skeleton(other)) and Levenshtein.distance(word, other) <= TYPOS


# Consonants a slip of the ear or the keyboard puts for one another (Dostun for Dostum); any other
# change of a consonant makes another name (Bagram is not Bahram, nor Bremer Bremen, nor Zahir Zakir).
_ALIKE = tuple(frozenset(group) for group in "mn bp dt kqcg szc fvw".split())


def _consonant_slip(key: str, other: str) -> bool:
    """Whether the folded key of a query's word (`key`) may be a slip for a name's (`other`): the same,
    one consonant put for a sound-alike one, one of the name's consonants dropped (Bamiyai), or a
    silent h added or dropped at the end (Obamah). A consonant added elsewhere makes another name
    (Rahbani is not Rabbani, Hibatullah not Habibullah)."""
    if key == other:
        return True
    if len(key) == len(other):
        changed = [(a, b) for a, b in zip(key, other) if a != b]
        return len(changed) == 1 and any(set(changed[0]) <= group for group in _ALIKE)
    if len(key) + 1 == len(other) and any(other[:at] + other[at + 1 :] == key for at in range(1, len(other))):
        return True
    shorter, longer = sorted((key, other), key=len)
    return longer == shorter + "h"


# Words between a name's words that a query may leave out (Battle of Tora Bora: Battle Tora Bora).
LINKING = FUNCTION_WORDS | frozenset("in for on to".split())


def _token_score(
    query: list[str], form: tuple[str, ...], similar: dict[str, dict[str, float]], whole: bool, strict: bool = False, joined: bool = False
) -> float:
    """How well a name's words match the query's: with `whole`, as the same name (its words the query
    does not hold cost points), else as a name that holds the query (as a fact's text is scored).
    With `strict` every word asked for must meet a word of the name, and with `joined` too the words
    met must stand together in it (Jamiat-e Islami is not Jamiat Ulema-e-Islam)."""
    best, where = [], []
    for word in query:
        score, at = 0.0, -1
        for place, other in enumerate(form):
            alike = similar[word].get(other, 0.0)
            if alike > score:
                score, at = alike, place
        best.append(score)
        where.append(at)
    counted = [b if b >= TOKEN_FLOOR else 0.0 for b in best]
    if strict and not all(counted):
        return 0.0
    if strict and joined and len(set(where)) > 1:
        places = [place for place, other in enumerate(form) if other not in LINKING]
        met = sorted({places.index(at) for at in where if at in places})
        if met and met[-1] - met[0] + 1 != len(met):
            return 0.0
    if not whole:
        return 100 * sum(counted) / len(counted)
    # "of" in Lion of Panjshir is not a word of the name a query leaves out.
    unmatched_form_words = max(0, sum(1 for w in form if w not in FUNCTION_WORDS) - sum(1 for b in counted if b))
    return TOKENS_CEILING * sum(counted) / len(counted) - min(unmatched_form_words, 5)


def _same_name(vocabulary: Words, query: list[str], forms: tuple[tuple[str, ...], ...], key: str) -> bool:
    """Whether a name whose folded key is the query's is another spelling of it, word by word (see variant)."""
    for form in forms:
        words = [w for w in form if w not in PARTICLES]
        if phrase_key(" ".join(words)) == key and len(words) == len(query):
            if all(a == b or variant(vocabulary, a, b) for a, b in zip(query, words)):
                return True
    return False


class NameIndex:
    """Entity lookup by name and aliases, over the index's name tables."""

    def __init__(self, store: Store, words: Words):
        self._store = store
        self._words = words

    def scored(self, query: str, fuzzy: bool = True, floor: float = CUTOFF, whole: bool = True, strict: bool = False) -> list[Match]:
        """Entities that may score at least `floor`, with their scores, best first. With `whole` a name
        scores as the name asked for; without, as a name that holds the words asked for (search).
        With `strict`, only names that every word asked for meets (see _token_score)."""
        normalized = normalize(query)
        if not normalized:
            return []
        scores: dict[int, float] = {}
        exact = self._store.exact_name(normalized)
        if exact is not None:
            scores[exact] = EXACT
        folded = phrase_key(query)
        words = content_tokens(query)
        folded_only: set[int] = set()
        if len(folded.replace(" ", "")) >= FOLDED_MIN:
            for rid in self._store.folded_name(folded):
                if rid not in scores:
                    scores[rid] = FOLDED_PHRASE
                    folded_only.add(rid)
        # Each reading of the query, and the kind of entity it may name (None: any). "the" alone names
        # nothing; with other words it is read both ways (the Taliban; Dissolution of the Soviet Union).
        readings: list[tuple[list[str], str | None]] = [] if FUNCTION_WORDS.issuperset(words) else [(words, None)]
        plain = without(words, FUNCTION_WORDS)
        if plain != words:
            readings.append((plain, None))
        untitled = without_titles(plain)
        if untitled != plain:  # King Zahir Shah, General Dostum: a person's name is also read without the title
            readings.append((untitled, "person"))
        unplaced = without(plain, PLACE_WORDS)
        if unplaced != plain:  # Helmand province, Panjshir valley: a place's name is also read without the word
            readings.append((unplaced, "place"))
        literal = abbreviations(query)
        similar = {word: similar_words(self._words, word, fuzzy, word in literal) for word in words}
        # A name that holds k of the n query words scores at most TOKENS_CEILING * k / n: skip the rest.
        ceiling = TOKENS_CEILING if whole else 100.0
        candidates: set[int] = set()
        for reading, _ in readings:
            matched: Counter[int] = Counter()
            for word in dict.fromkeys(reading):
                for rid in self._words.postings(list(similar[word])):
                    matched[rid] += reading.count(word)
            candidates.update(rid for rid, k in matched.items() if ceiling * k / len(reading) >= floor and rid not in scores)
        ranked = []
        for rid, ident, name, kind, weight, forms in self._store.name_forms(sorted(candidates) + list(scores)):
            score = closeness = scores.get(rid)
            if rid in folded_only and strict and not _same_name(self._words, words, forms, folded):
                score = closeness = None  # Baradar and border fold alike: the words decide
            if score is None:
                # Titles stand before people's names only: "General Assembly" is not an assembly named General.
                ways = [reading for reading, named in readings if named in (None, kind)]
                if not ways:
                    continue
                joined = kind != "person"  # a person's name may skip a middle name; a group's may not skip a word
                score = closeness = max(_token_score(r, form, similar, True, strict, joined) for r in ways for form in forms)
                if not whole:
                    score = max(_token_score(r, form, similar, False) for r in ways for form in forms)
            if score > 0:
                # Ties go to the name closest to the query as a whole (Taliban before Pakistani Taliban).
                ranked.append((-score, -closeness, -weight, ident, name))
        ranked.sort()
        return [Match(ident, name, round(-score, 1)) for score, _, _, ident, name in ranked]

    def find(self, query: str, fuzzy: bool = True, whole: bool = True) -> list[Match]:
        """Every entity that matches `query` at or above the cutoff, best first (`whole`: see scored)."""
        return [m for m in self.scored(query, fuzzy, whole=whole, strict=whole) if m.score >= CUTOFF]

    def best(self, query: str) -> tuple[Match | None, list[Match]]:
        """The best match and the other close ones; without a match, suggestions instead.

        Exact and folded hits are tried without the fuzzy matcher, which is only needed for typos.
        """
        matches = self.find(query, fuzzy=False)
        if not matches or matches[0].score < FOLDED_PHRASE:
            matches = self.find(query, fuzzy=True)
        if matches:
            tied = [m for m in matches if m.score == matches[0].score]
            if len(tied) >= AMBIGUOUS and tied[0].score < FOLDED_PHRASE:
                return None, tied[:SHOWN]  # war, province, Mohammad: naming one of them would be a guess
            return matches[0], matches[1:]
        return None, self.suggest(query)

    def suggest(self, query: str, limit: int = 3) -> list[Match]:
        near = [m for m in self.scored(query, fuzzy=True, floor=SUGGEST_CUTOFF) if SUGGEST_CUTOFF <= m.score < CUTOFF]
        return near[:limit]
