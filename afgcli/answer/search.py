"""Search over entity names and fact statements (`afg search`), in its own module so that the
other questions do not pay for its records at start-up.

Each word asked for weighs by how rare it is in the table (a word in many names and statements,
such as battle or province, says little); a hit scores by the weight of the words it holds. A
question's words (who, when, how many, where) say what kind of fact answers it, and rank it first.
"""

from __future__ import annotations

import heapq
import math
from array import array
from typing import TYPE_CHECKING, NamedTuple

from afgcli.answer.match import FOLDED_PHRASE, PREFIX, SAME, SAME_SKELETON, NameIndex, similar_words
from afgcli.answer.names import PARTICLES, abbreviations, content_tokens, tokens
from afgcli.index.store import Store, Words
from afgcli.table.schema import KIND_CODES

if TYPE_CHECKING:
    import sqlite3

    from afgcli.answer.hits import SearchAnswer
    from afgcli.table.model import Fact

# Words that carry no meaning of their own, questions' among them ("when did Massoud die").
STOPWORDS = PARTICLES | frozenset(
    """the of and in on to for by with from at as is was an or did do does when who whom whose what which
    where why how were are be been has have had many much happen happened happens year years date
    it its this that these those there their they he she his her him them about after before during
    ever become became get got go goes went into onto out up than then not can could would should will
    also any some all most more very according""".split()
)
SUFFIXES = ("ings", "ing", "ions", "ion", "ed", "es", "s")  # executed, execution, executions: execut...
STEM_MIN = 4  # shorter stems begin too many words
# Past forms that are other words (found is not a form of founded, nor wound of wounded): these
# are never stemmed nor read as the start of a longer word; their kindred words say what they mean.
IRREGULAR = frozenset("found wound bound ground left fell led fled took lost held".split())
# Words a question uses for what a statement may say otherwise ("Soviet soldiers died": "lost
# their lives ... killed"). Each word finds the others of its group, as a longer form would.
_KINDRED = (
    "die died dies dying dead death deaths kill killed killing killings execute executed execution executions "
    "assassinate assassinated assassination murder murdered casualty casualties fatality fatalities toll",
    "capture captured captures seize seized seizure fell fall conquer conquered overran overrun take took taken taking",
    "invade invaded invades invasion",
    "withdraw withdrew withdrawn withdrawal withdrawals retreat retreated pullout pulled pulling leave leaves leaving left",
    "founded founding founder form formed formation establish established creation created",
    "find finds finding discovered",
    "flee fled fleeing escape escaped escaping refugee refugees",
    "troop troops soldier soldiers",
    "salary salaries wage wages",
    "support supported supporting supports backed backing assist assisted assisting aid aided help helped helping helps",
    "replace replaced replacing replacement succeed succeeded succeeding successor",
    "attack attacks attacked assault assaulted raid raided strike strikes airstrike airstrikes",
    "spokesperson spokesman spokeswoman spokespeople",
    "lead led leads leading leader leaders leadership headed",
    "lose lost losses loss",
    "hold held holds holding",
    "us american americans america",
    "end ended ends ending abolish abolished abolition complete completed completion finish finished",
    "aim aims aimed goal goals objective objectives seek seeks sought",
    "purge purged purges dismiss dismissed dismissal",
    "emerge emerged emergence originate originated arose",
    "refuse refused refusal reject rejected rejection decline declined",
    "extradite extradited extradition",
    "speech speeches address addressed addressing",
    "accuse accused accuses accusation blame blamed responsible",
    "stop stopped prevent prevented block blocked",
    "strategy strategies tactic tactics",
    "declare declared declares declaration proclaim proclaimed proclamation",
    "win won wins victory victories defeat defeated",
    "meeting meetings summit summits",
    "last final",
    "share percent percentage proportion",
    "continue continued continues continuing",
    "born birth birthplace birthday",
    "fight fought fighting fights",
    "begin began begun begins beginning start started starts starting",
)
# Phrases a question uses for one word ("hand over" bin Laden: extradite), or for none ("take place").
PHRASES = {("hand", "over"): ["extradite"], ("handed", "over"): ["extradite"], ("take", "place"): [], ("took", "place"): []}
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
FORM = 0.95  # another form of the word (executed: execution) or a kindred word (took: captured)
PARTIAL = 50.0  # the least a hit scores: half the weight of the words asked for
ABOUT = 0.9  # a word of what is said about an entity (its summary, its roles) counts less than one of its name
LINKED = 0.9  # a fact about an entity whose name holds the word, or dated in the year asked for, though its statement does not say it
GENERIC_NAME_WORD = 50  # a word in more names than this (Afghanistan, Islamic) says nothing about a fact's entities
POOL = 60  # facts read beyond the limit, so that what the question asks for can reorder them
# Kinds of entity that do nothing themselves: a fact about one says what its actors did.
NO_DOER = frozenset("event operation conference agreement place".split())
# What a question asks for moves a hit by at most a few points: it orders near-equals, never
# lifts a hit that holds fewer of the words asked for above one that holds them.
ASKED_FOR = 4.0
# The kinds of fact a question's verb or noun names (when was Massoud assassinated: an assassination;
# when did Najibullah become president: an appointment). A fact of that kind is the event itself,
# rather than one that mentions it. Read from the question's words before stopwords are dropped.
_KIND_WORDS = {
    "death": "die died dies dying dead death killed kill killing execute executed execution murder murdered "
    "assassinate assassinated assassination",
    "assassination": "assassinate assassinated assassination assassin murder murdered killed kill execute executed execution",
    "massacre": "massacre massacres massacred killings",
    "founding": "founded founding founder form formed formation establish established creation created",
    "appointment": "become became appoint appointed appointment named sworn succeed succeeded replace replaced",
    "election": "elect elected election elections vote voted",
    "invasion": "invade invaded invades invasion",
    "withdrawal": "withdraw withdrew withdrawn withdrawal leave leaves left pullout",
    "retreat": "retreat retreated flee fled",
    "exile": "exile exiled",
    "capture": "capture captured seize seized take took taken conquer conquered fall fell",
    "bombing": "bomb bombed bombing bombings airstrike airstrikes",
    "attack": "attack attacked attacks",
    "coup": "coup overthrow overthrew overthrown oust ousted topple toppled",
    "battle": "battle battles fight fought",
    "agreement": "agreement agreements accord accords treaty sign signed",
    "negotiation": "negotiation negotiations negotiate negotiated talks",
    "conference": "conference meeting meetings summit summits convene convened",
    "alliance": "alliance allied ally allies",
    "uprising": "uprising revolt revolted rebellion",
    "ceasefire": "ceasefire truce",
    "sanction": "sanction sanctions",
    "accusation": "accuse accused accusation blame blamed",
    "denial": "deny denied denial",
}
KIND_OF_WORD: dict[str, frozenset[str]] = {}
for _kind, _words in _KIND_WORDS.items():
    for _word in _words.split():
        KIND_OF_WORD[_word] = KIND_OF_WORD.get(_word, frozenset()) | {_kind}
# The verb "to found" after did/does/to (when did Dostum found Junbish) is founded, not the past of find.
_FOUND_AFTER = frozenset("did do does to".split())


class Held:
    """How well each fact holds a word: ascending arrays of fact rids, each with the weight (0-1) a
    fact in it holds the word with; a fact in several holds it as well as the best of them. Read
    from the index's postings as they are stored, so a word in a million facts costs a copy of
    its postings, not a million dictionary entries."""

    def __init__(self, levels: list[tuple[float, array]]):
        self.levels = sorted([(weight, ids) for weight, ids in levels if len(ids)], key=lambda level: -level[0])

    def rids(self) -> set[int]:
        found: set[int] = set()
        for _, ids in self.levels:
            found.update(ids)
        return found

    def __len__(self) -> int:
        if not self.levels:
            return 0
        largest = max(range(len(self.levels)), key=lambda number: len(self.levels[number][1]))
        big = self.levels[largest][1]
        others: set[int] = set()
        for number, (_, ids) in enumerate(self.levels):
            if number != largest:
                others.update(ids)
        others.difference_update(big)  # in C, whatever the sizes
        return len(big) + len(others)

    def as_dict(self) -> dict[int, float]:
        """Every fact that holds the word, with how well (the reference ranking's form)."""
        best: dict[int, float] = {}
        for weight, ids in reversed(self.levels):  # ascending weights: the best one for each fact is written last
            for rid in ids:
                best[rid] = weight
        return best


class _When:
    """A fact's date as ranking reads it: model.When's fields and years, from the stored tuple."""

    __slots__ = ("text", "first", "last", "year", "end_year")

    def __init__(self, text: str, first: tuple[int, int, int], last: tuple[int, int, int]):
        self.text, self.first, self.last, self.year, self.end_year = text, first, last, first[0], last[0]


class _Figure:
    __slots__ = ("low", "high", "unit", "best")

    def __init__(self, low: int | float, high: int | float | None, unit: str, best: int | float | None):
        self.low, self.high, self.unit, self.best = low, high, unit, best


class _Fact:
    """A fact as ranking reads it, with model.Fact's names: ranking reads the tuples the index stores
    and builds records only for the hits it returns (and none for `--json`, written from texts).
    Plain classes with slots: internal, and defined without the exec a NamedTuple or dataclass costs."""

    __slots__ = ("id", "when", "entities", "kind", "text", "figure", "origin")

    def __init__(self, ident: str, when: _When, entities: tuple[str, ...], kind: str, text: str, figure: _Figure | None,
                 origin: str):
        self.id, self.when, self.entities, self.kind, self.text = ident, when, entities, kind, text
        self.figure, self.origin = figure, origin


def _light(stored: tuple) -> _Fact:
    """A fact from the tuple codec.encode_fact stores."""
    ident, when, entities, kind, text, _, figure, origin = stored
    return _Fact(ident, _When(*when), entities, kind, text, figure and _Figure(*figure), origin)


class _Word(NamedTuple):
    """A word asked for: its weight (rarity), whether it is distinctive (a name, a number: a hit must
    hold one of these when the query has any), and how well each fact and entity holds it. Internal
    to a search, not a record: a NamedTuple costs a fraction of a frozen dataclass to define."""

    weight: float
    distinctive: bool
    facts: Held
    entities: dict[int, float]
    forms: frozenset[str] = frozenset()  # the words a statement may hold it as
    names: frozenset[str] = frozenset()  # the words a summary, a role or a name may hold it as
    year: int | None = None  # the year it is, when it is one
    text: str = ""  # the word as asked


def asks_for(query: str) -> str | None:
    """What a question asks for: `count` (how many), `when`, `where`, `who` (a doer), `what` (an entity:
    who is, what was), or None for plain words."""
    words = tokens(query)
    head = words[:2]
    if head in (["how", "many"], ["how", "much"]):
        return "count"
    if words[:1] == ["when"] or head in (["what", "year"], ["which", "year"], ["what", "date"]):
        return "when"
    if words[:1] == ["where"]:
        return "where"
    if words[:1] in (["who"], ["what"]) and words[1:2] in (["is"], ["was"], ["are"], ["were"]):
        return "what"
    if words[:1] == ["who"]:
        return "who"
    return None


def kinds_asked(query: str, named_words: set[str] = frozenset()) -> frozenset[str]:
    """The kinds of fact the question's words name (see _KIND_WORDS), but for words of a name it
    calls (the Geneva Accords name an agreement, they do not ask for one)."""
    kinds: frozenset[str] = frozenset()
    for word in _verbs(tokens(query)):
        if word not in named_words:
            kinds |= KIND_OF_WORD.get(word, frozenset())
    return kinds


def _verbs(words: list[str]) -> list[str]:
    """The words, with `found` read as founded after did/does/to (when did Dostum found Junbish)."""
    return ["founded" if word == "found" and _FOUND_AFTER.intersection(words[max(0, at - 3) : at]) else word for at, word in enumerate(words)]


class Searcher:
    """The search of an open index (see cache.open_index): what api.Library.search asks, without the
    other questions' answer types (queries.py), whose creation would cost a search's start-up."""

    def __init__(self, db: sqlite3.Connection):
        self._store = Store(db)
        words = Words(db, "name")
        self._names = NameIndex(self._store, words)
        self._words = {"name": words, "about": Words(db, "about"), "fact": Words(db, "fact")}

    def search(self, query: str, limit: int) -> SearchAnswer:
        return search(self._store, self._names, self._words, query, limit)

    def search_json(self, query: str, limit: int) -> SearchJson:
        """As search, each hit as its JSON text (the command line's `--json`)."""
        hits = ranked(self._store, self._names, self._words, query, limit)
        store = self._store
        facts = store.fact_json([rid for _, _, rid in hits if rid is not None])
        return SearchJson(query, tuple(
            ("entity", score, store.entity_json(ident)) if rid is None else ("fact", score, facts[rid])
            for score, ident, rid in hits
        ))


class SearchJson(NamedTuple):
    """SearchAnswer with each hit as (type, score, the JSON text of its entity or fact)."""

    query: str
    hits: tuple[tuple[str, float, str], ...]


def search(store: Store, names: NameIndex, words_of: dict[str, Words], query: str, limit: int) -> SearchAnswer:
    """Entities by name, summary and roles, and facts by their words, best first (see the module)."""
    from afgcli.answer.hits import SearchAnswer, SearchHit

    hits = ranked(store, names, words_of, query, limit)
    facts = store.facts([rid for _, _, rid in hits if rid is not None])
    return SearchAnswer(query, tuple(
        SearchHit(score, entity=store.entity(ident)) if rid is None else SearchHit(score, fact=facts[rid])
        for score, ident, rid in hits
    ))


def ranked(store: Store, names: NameIndex, words_of: dict[str, Words], query: str, limit: int) -> list[tuple]:
    """The hits, best first, as (score, entity id, None) or (score, None, fact rid): records are
    built (search) or JSON texts read (search_json) only for these."""
    words, asked, total, distinctive, question, years = _asked_for(store, words_of, query)
    if not asked:
        return []
    entity_scores = _entity_scores(asked, total, distinctive)
    reading = _read_question(store, names, words_of, words, query, question)
    question, named, mentioned, named_words, kinds_wanted = reading[:5]
    ranked = _ranked_entities(store, reading, asked, total, entity_scores, limit)
    ranking = _FactRanking(store, asked, question, years, named, mentioned, named_words, kinds_wanted)
    for rid, fact, score, key in ranking.pool(_fact_scores(asked, total, distinctive), limit + POOL):
        # On a tie a curated statement comes before an imported record (UCDP) that says no more.
        ranked.append((-key, fact.origin != "curated", len(fact.text), fact.id, round(score, 1), None, rid))
    ranked.sort(key=lambda item: item[:4])
    return [(score, ident, rid) for _, _, _, _, score, ident, rid in ranked[:limit]]


def _asked_for(store: Store, words_of: dict[str, Words], query: str) -> tuple:
    """(words, asked, total, distinctive, question, years): the query's words (phrases joined,
    question words left out), each with its weight and postings, their total weight, the distinctive
    ones, what kind of question it is, and the years it names."""
    words = [w for w in _phrased(_verbs(content_tokens(query))) if w not in STOPWORDS] or content_tokens(query)
    asked = _weighed(store, words_of, words, abbreviations(query))
    years = [int(w) for w in words if len(w) == 4 and w.isdigit() and 1900 <= int(w) <= 2100]
    return words, asked, sum(w.weight for w in asked), [w for w in asked if w.distinctive], asks_for(query), years


def _entity_scores(asked: list[_Word], total: float, distinctive: list[_Word]) -> dict[int, float]:
    """The entities that hold at least PARTIAL of the weight asked for, by rid, with their scores."""
    totals: dict[int, float] = {}
    for word in asked:
        for rid, held in word.entities.items():
            totals[rid] = totals.get(rid, 0.0) + word.weight * held
    kept = {}
    for rid, got in totals.items():
        if distinctive and not any(rid in w.entities for w in distinctive):
            continue  # only generic words meet: battle of Mosul is not the Battle of Jalalabad
        score = 100 * got / total
        if score >= PARTIAL:
            kept[rid] = score
    return kept


class _Reading(NamedTuple):
    """What a query asks: its kind of question, the entities it names (in full, or by their words),
    the words of names it uses, and the kinds of fact its words ask for."""

    question: str | None
    named: set[str]
    mentioned: set[str]
    named_words: set[str]
    kinds_wanted: frozenset[str]
    closeness: dict[str, float]
    entity_bonus: float


def _read_question(store: Store, names: NameIndex, words_of: dict[str, Words], words: list[str], query: str,
                   question: str | None) -> _Reading:
    """How a query reads: see _Reading."""
    # An exact name beats a longer name that holds it (Ahmad Massoud before Ahmad Shah Massoud).
    closeness = {m.entity_id: m.score for m in names.scored(" ".join(words), fuzzy=False, floor=PARTIAL)}
    named = {ident for ident, score in closeness.items() if score >= FOLDED_PHRASE}
    entity_bonus = {"what": 2 * ASKED_FOR, None: 1.0}.get(question, -ASKED_FOR)  # a question wants a fact, but who is X an entity
    mentioned, named_words = _mentioned(store, words_of["name"], words)
    kinds_wanted = kinds_asked(query, named_words)
    if question == "what" and not named_words.issuperset(words):
        # what were the aims of Operation Enduring Freedom: words beyond a name ask for a fact about it
        question, entity_bonus = "about", -ASKED_FOR
    return _Reading(question, named, mentioned, named_words, kinds_wanted, closeness, entity_bonus)


def _ranked_entities(store: Store, reading: _Reading, asked: list[_Word], total: float, entity_scores: dict[int, float],
                     limit: int) -> list[tuple]:
    """The entities that may be listed, each as (-key, False, -weight, id, score, id, None): the key
    is the score and the points the question gives an entity that answers it."""
    question, _, mentioned, named_words, _, closeness, entity_bonus = reading
    ranked: list[tuple] = []
    for rid, ident, _, kind, weight, _ in store.name_forms(_best(entity_scores, limit + POOL)):
        by_role, office = _by_role(store, ident, rid, asked, total, mentioned, named_words)
        score = max(entity_scores[rid], by_role)
        near = closeness.get(ident, 0.0)
        bonus = 0.0 if question == "who" and kind == "person" else entity_bonus
        if question is None and ident in mentioned and score >= 100.0:
            bonus += ASKED_FOR  # plain words that call an entity by its name, all held by it, ask for it (Massoud Panjshir)
        if office and question in ("who", None):
            bonus += 4 * ASKED_FOR  # who led the Taliban, Taliban leader: the one who held that office in it
        key = score + bonus + (2.0 if near >= FOLDED_PHRASE else near / 100)
        ranked.append((-key, False, -weight, ident, round(score, 1), ident, None))
    return ranked


def _phrased(words: list[str]) -> list[str]:
    """The words with each phrase of PHRASES replaced by the word it stands for."""
    out, at = [], 0
    while at < len(words):
        pair = tuple(words[at : at + 2])
        if pair in PHRASES:
            out += PHRASES[pair]
            at += 2
        else:
            out.append(words[at])
            at += 1
    return out


def _by_role(
    store: Store, ident: str, rid: int, asked: list[_Word], total: float, mentioned: set[str], named_words: set[str]
) -> tuple[float, bool]:
    """An entity's score when the words it holds through a role count in full: an office is what a
    person is (Taliban leader: Mullah Omar), and a year asked for is met by a role held in it (from
    its start on, when the sources give no end). And whether a role is the office asked for: held in
    an entity the query names, its title holding a word asked for besides that name (Taliban leader,
    not a title that merely says Taliban)."""
    roles, names = store.role_tuples_of(ident)  # (holder, title, organization, start, end, ...): codec.encode_role
    best, office = 0.0, False
    for _, role, organization, began, ended, *_ in roles:
        title = set(content_tokens(role))
        held = title | set(content_tokens(names.get(organization, "")))
        start = began[1][0] if began else None  # a stored date is (text, first, last): its year, first[0]
        end = ended[1][0] if ended else 9999
        if organization in mentioned and any((title - named_words).intersection(w.forms | w.names) for w in asked):
            # the office asked for, and held in the year asked for when one is
            office = office or all(start is not None and start <= w.year <= end for w in asked if w.year)
        got = 0.0
        for word in asked:
            alike = word.entities.get(rid, 0.0)
            if alike and held.intersection(word.forms | word.names):
                alike = max(alike / ABOUT, alike) if alike <= ABOUT else alike
            elif word.year and start is not None and start <= word.year <= end:
                alike = LINKED
            got += word.weight * min(alike, 1.0)
        best = max(best, 100 * got / total)
    return best, office


def _mentioned(store: Store, name_words: Words, words: list[str]) -> tuple[set[str], set[str]]:
    """The entities the query calls by one of their names in full (the Taliban, the US, Kabul), and
    the words of the query those names hold."""
    asked = set(words)
    rids = name_words.postings([w for w in asked if name_words.has(w)])
    found, held = set(), set()
    for _, ident, _, _, _, forms in store.name_forms(sorted(rids)):
        for form in forms:
            form = tuple(w for w in form if not w.isdigit())  # UN Doha meeting (2023): the year may go unsaid
            if form and asked.issuperset(form):
                found.add(ident)
                held.update(form)
    return found, held


def _doer(fact: Fact, question: str | None, mentioned: set[str], kinds: dict[str, str]) -> float:
    """Points for a fact whose subject (its first entity) is the one the question asks about: for
    `who founded the Taliban` a person or group other than those named, else one of those named
    (when did the US leave: the US)."""
    if not fact.entities:
        return 0.0
    # The subject: the first entity that can do something (the fall of Kabul, Kabul: the Taliban took it).
    # Plain words ask about what a fact is about, its first entity, whatever its kind.
    doers = [ident for ident in fact.entities if question is None or kinds.get(ident) not in NO_DOER]
    subject = doers[0] if doers else fact.entities[0]
    if question == "who":
        return {"person": ASKED_FOR, "group": ASKED_FOR / 2}.get(kinds.get(subject, ""), 0.0) if subject not in mentioned else 0.0
    return ASKED_FOR if subject in mentioned else 0.0


def _of_kind(fact: Fact, kinds_wanted: frozenset[str]) -> float:
    """Points for a fact of the kind the question names (assassinated: an assassination)."""
    return ASKED_FOR if fact.kind in kinds_wanted else 0.0


def _linked(fact: Fact, mentioned: set[str]) -> float:
    """Points for each entity the query names that the fact is about, not merely says (go to Sudan)."""
    return ASKED_FOR / 4 * len(mentioned.intersection(fact.entities))


def _place(fact: Fact, question: str | None, mentioned: set[str], kinds: dict[str, str]) -> float:
    """Points, for `where`, for a fact about a place the query does not name: the answer."""
    if question != "where":
        return 0.0
    return ASKED_FOR if any(kinds.get(ident) == "place" and ident not in mentioned for ident in fact.entities) else 0.0


def _best(scores: dict[int, float], count: int) -> list[int]:
    return sorted(scores, key=lambda rid: -scores[rid])[:count]


def _fact_scores(asked: list[_Word], total: float, distinctive: list[_Word]) -> list[tuple[float, int, set[int]]]:
    """The facts that score at least PARTIAL, as (score, how many of the words asked for they hold,
    rids) for each way of holding the words. Only facts that could reach PARTIAL are looked at: those
    holding the rarest word without which the others fall short, else those holding a distinctive
    word, else any word. Sets do the work, in C: no loop over the facts in Python."""
    most = [w.weight * max((weight for weight, _ in w.facts.levels), default=0.0) for w in asked]
    needed = [w for w, top in zip(asked, most) if 100 * (sum(most) - top) / total < PARTIAL - 1e-9]
    if needed:
        candidates = min(needed, key=lambda w: len(w.facts)).facts.rids()
    else:
        candidates = set().union(*(w.facts.rids() for w in (distinctive or asked)))
    # Split the candidates by how well they hold each word (the best level holding each fact).
    groups: list[tuple[tuple[float, ...], set[int]]] = [((), candidates)] if candidates else []
    for word in asked:
        split = []
        for held, members in groups:
            rest = members
            for weight, ids in word.facts.levels:  # best first
                if not rest:
                    break
                inside = rest.intersection(ids)
                if inside:
                    split.append(((*held, weight), inside))
                    rest = rest - inside
            if rest:
                split.append(((*held, 0.0), rest))
        groups = split
    kept = []
    for held, members in groups:
        if distinctive and not any(held[asked.index(w)] for w in distinctive):
            continue  # only generic words meet: battle of Mosul is not the Battle of Jalalabad
        got = 0.0
        for word, how in zip(asked, held):  # in the order asked: the same sum, bit for bit, as one fact at a time
            if how:
                got += word.weight * how
        score = 100 * got / total
        if score >= PARTIAL:
            kept.append((score, sum(1 for how in held if how), members))
    return kept


class _FactRanking:
    """The facts search lists: the `count` that score best, those tied at the cut-off chosen by
    what ranks them in the end (the key below, then the shorter statement, then the id). A tie of
    any size is ranked by the index's fact_rank (length, id) and by an upper bound of what the
    question's points can add to each fact, so only the facts that can still make the cut are read."""

    def __init__(self, store: Store, asked: list[_Word], question: str | None, years: list[int], named: set[str],
                 mentioned: set[str], named_words: set[str], kinds_wanted: frozenset[str]):
        self.store, self.asked, self.question, self.years = store, asked, question, years
        self.named, self.mentioned, self.named_words, self.kinds_wanted = named, mentioned, named_words, kinds_wanted
        self._kinds: dict[str, str] = {}

    def key(self, fact: Fact, score: float) -> float:
        return fact_key(fact, score, self.question, self.years, self.asked, self.named, self.mentioned,
                        self.named_words, self.kinds_wanted, self._kinds)

    def _read(self, rids: list[int]) -> dict[int, Fact]:
        facts = {rid: _light(stored) for rid, stored in self.store.fact_tuples(rids).items()}
        # plain words take a fact's first entity as its subject; a question looks past places and
        # events to the one that acts, and `where` for a place: the kinds of all its entities
        every = self.question is not None
        linked = {ident for fact in facts.values() for ident in (fact.entities if every else fact.entities[:1])}
        self._kinds.update(self.store.kinds(sorted(linked - self._kinds.keys())))
        return facts

    def pool(self, scores: list[tuple[float, int, set[int]]], count: int) -> list[tuple[int, Fact, float, float]]:
        """(rid, fact, score, key) of the facts to rank: the `count` best by score, a tie at the cut-off
        decided by key, statement length and id."""
        by_score: dict[float, list[tuple[int, set[int]]]] = {}
        for score, held_words, members in scores:
            by_score.setdefault(score, []).append((held_words, members))
        chosen: list[tuple[int, float]] = []
        for score in sorted(by_score, reverse=True):
            size = sum(len(members) for _, members in by_score[score])
            if len(chosen) + size <= count:
                chosen += [(rid, score) for _, members in by_score[score] for rid in members]
                continue
            if count > len(chosen):
                tie = self._best_of_tie(by_score[score], score, count - len(chosen))
            else:
                tie = []
            break
        else:
            tie = []
        facts = self._read([rid for rid, _ in chosen])
        return [(rid, facts[rid], score, self.key(facts[rid], score)) for rid, score in chosen] + tie

    def _bounds(self, tied: list[tuple[int, set[int]]]) -> dict[float, set[int]]:
        """The tied facts grouped by an upper bound of the points the question can add to each."""
        question, together = self.question, 0.0
        base = {"count": 1.5 * ASKED_FOR, "when": ASKED_FOR}.get(question or "", 0.0)
        if question not in (None, "what"):
            together = doer = ASKED_FOR
        elif question is None:
            together = doer = ASKED_FOR / 4
        else:
            doer = 0.0
        # (points, facts that may get them, or None: any)
        parts: list[tuple[float, float, set[int] | None]] = []  # (points inside, points outside, facts inside)
        if self.named:
            parts.append((0.5, 0.0, self.store.fact_rids_of(sorted(self.named))))
        if self.years:
            dated: set[int] = set()
            for year in self.years:
                dated.update(self.store.fact_rids_between(year, year))
            parts.append((ASKED_FOR, -ASKED_FOR, dated))
        if doer and question != "who":
            parts.append((doer, 0.0, self.store.fact_rids_of(sorted(self.mentioned)) if self.mentioned else set()))
        elif doer:
            base += doer
        # fact_key's other points: by each fact's kind and figure (the index's trait bytes), by the
        # entities it is about, else (a place for `where`) for any fact
        traits = self.store.fact_traits()
        if self.kinds_wanted:  # _of_kind
            codes = frozenset(KIND_CODES[kind] for kind in self.kinds_wanted if kind in KIND_CODES)
            parts.append((ASKED_FOR, 0.0, lambda rid: traits[rid] in codes))
        counted = [w for w in self.asked if not w.distinctive and w.text not in self.named_words]
        if question != "count" and counted:  # a figure that counts what was asked for (in _answers)
            units = self.store.unit_rids(sorted(frozenset().union(*(w.forms for w in counted))))
            parts.append((ASKED_FOR / 4 * len(self.asked), 0.0, units))
        if question not in (None, "what") and self.mentioned:  # _linked
            parts.append((ASKED_FOR / 4 * len(self.mentioned), 0.0, self.store.fact_rids_of(sorted(self.mentioned))))
        base += ASKED_FOR if question == "where" else 0.0  # _place
        # _together is at most `together` when no token can be a form of two words asked for, and the
        # words a statement holds are the ones the index lists it under (particles are not); else a
        # stretch of one token may hold several words, and the bound is looser.
        forms = [w.forms for w in self.asked]
        apart = sum(len(f) for f in forms) == len(frozenset().union(*forms)) and not any(f & PARTICLES for f in forms)
        groups: list[tuple[float, set[int]]] = [
            (base + ((together if held_words >= 2 else 0.0) if apart else together * len(self.asked)), members)
            for held_words, members in tied
        ]
        for inside_points, outside_points, inside in parts:
            split = []
            for bound, members in groups:
                within = {rid for rid in members if inside(rid)} if callable(inside) else members.intersection(inside)
                if within:
                    split.append((bound + inside_points, within))
                if len(within) < len(members):
                    split.append((bound + outside_points, members - within))
            groups = split
        merged: dict[float, set[int]] = {}
        for bound, members in groups:
            merged.setdefault(bound, set()).update(members)
        return merged

    def _best_of_tie(self, tied: list[tuple[int, set[int]]], score: float, wanted: int) -> list[tuple[int, Fact, float, float]]:
        """The `wanted` facts of a tie in score that rank first by key, then statement length and id."""
        rank = self.store.fact_rank()
        groups = self._bounds(tied)
        best: list[tuple[float, int, int, Fact]] = []  # a heap of (key, -rank, rid, fact): its head is the worst kept

        def may_beat(ceiling: float, place: int) -> bool:
            """Whether a fact whose key is at most `ceiling`, at `place` in rank, can displace the worst kept."""
            if len(best) < wanted:
                return True
            worst_key, worst_place = best[0][0], -best[0][1]
            return ceiling > worst_key + 1e-9 or (ceiling >= worst_key - 1e-9 and place < worst_place)

        for bound in sorted(groups, reverse=True):
            group, ceiling = groups[bound], score + bound
            if not may_beat(ceiling, -1):  # not even a fact ranked before every other
                continue
            head = heapq.nsmallest(min(len(group), 2 * wanted + 16), group, key=rank.__getitem__)
            order = iter(head)
            if len(head) < len(group):  # should the head not settle it, the rest follows in order
                order = iter(head + sorted(group, key=rank.__getitem__)[len(head):])
            batch: list[int] = []
            for rid in order:
                if not may_beat(ceiling, rank[rid]):
                    break
                batch.append(rid)
                if len(batch) == 32:
                    self._keep(batch, score, rank, best, wanted)
                    batch = []
            self._keep(batch, score, rank, best, wanted)
        return [(rid, fact, score, key) for key, _, rid, fact in best]

    def _keep(self, batch: list[int], score: float, rank: array, best: list, wanted: int) -> None:
        if not batch:
            return
        facts = self._read(batch)
        for rid in batch:
            item = (self.key(facts[rid], score), -rank[rid], rid, facts[rid])
            if len(best) < wanted:
                heapq.heappush(best, item)
            elif item[:2] > best[0][:2]:
                heapq.heapreplace(best, item)


def fact_key(fact: Fact, score: float, question: str | None, years: list[int], asked: list[_Word], named: set[str],
             mentioned: set[str], named_words: set[str], kinds_wanted: frozenset[str], kinds: dict[str, str]) -> float:
    """What ranks a fact that scored `score`: the points a question gives the fact that answers it."""
    key = score + _answers(fact, question, years, asked, named_words) + (0.5 if named.intersection(fact.entities) else 0.0)
    key += _of_kind(fact, kinds_wanted) + _place(fact, question, mentioned, kinds)
    if question not in (None, "what"):  # how a question's words stand, and who does what, tell what it asks
        key += _together(fact, asked) + _doer(fact, question, mentioned, kinds) + _linked(fact, mentioned)
    elif question is None:  # plain words: a fact about the entity they name, rather than one naming it in passing
        key += (_together(fact, asked) + _doer(fact, question, mentioned, kinds)) / 4
    return key


def _answers(fact: Fact, question: str | None, years: list[int], asked: list[_Word], named_words: set[str]) -> float:
    """Points for a fact that is the kind of answer the question asks for: a figure for how many, a
    precise date for when; and for a fact dated in a year asked for, against one that is not."""
    bonus = 0.0
    if question == "count" and fact.figure is not None:
        bonus += ASKED_FOR
        if any(set(content_tokens(fact.figure.unit)) & w.forms for w in asked if not w.distinctive):
            bonus += ASKED_FOR / 2  # how many armed groups: a figure that counts groups
    elif fact.figure is not None:
        # Soviet casualties: a figure that counts what was asked for (Soviet soldiers dead) is the fact about it
        unit = set(content_tokens(fact.figure.unit))
        met = [w for w in asked if unit & w.forms]
        # what it counts, not only whose (Taliban fighters for "Taliban"; bin in bin Laden is a name's word)
        if any(not w.distinctive and w.text not in named_words for w in met):
            bonus += ASKED_FOR / 4 * len(met)
    if question == "when":
        bonus += ASKED_FOR * _precision(fact)
    if years:
        dated = any(fact.when.year <= year <= fact.when.end_year for year in years)
        bonus += ASKED_FOR if dated else -ASKED_FOR
    return bonus


def _precision(fact: Fact) -> float:
    """How well a fact's date answers `when` (0-1): a day best, then a month, then a year; a span of
    more than a year by its more precise end, at half (a term of office dates its start and its end)."""
    first, last = fact.when.first, fact.when.last
    months = (last[0] - first[0]) * 12 + last[1] - first[1]
    parts = fact.when.text.split("/")
    if len(parts) == 1 or months == 0 and all(len(part) == 10 for part in parts):  # 1-2 May 2023
        return {10: 1.0, 7: 0.75}.get(len(parts[0]), 0.75 if months <= 12 else 0.5)
    if months <= 12:
        return 0.75
    return 0.5 * max({10: 1.0, 7: 0.75}.get(len(part), 0.5) for part in parts)


def _together(fact: Fact, asked: list[_Word]) -> float:
    """Points for a statement that holds the words asked for close together (the Taliban took Kabul),
    against one that holds them far apart (take part ... Taliban ... Kabul militias)."""
    places = {}
    for place, word in enumerate(tokens(fact.text)):
        for number, item in enumerate(asked):
            if word in item.forms:
                places.setdefault(number, []).append(place)
    if len(places) < 2:
        return 0.0
    # The narrowest stretch of the statement that holds one form of every word it holds.
    events = sorted((place, number) for number, spots in places.items() for place in spots)
    best, seen, start = len(events) + 1000, {}, 0
    for end, (place, number) in enumerate(events):
        seen[number] = seen.get(number, 0) + 1
        while seen[events[start][1]] > 1:
            seen[events[start][1]] -= 1
            start += 1
        if len(seen) == len(places):
            best = min(best, place - events[start][0] + 1)
    return ASKED_FOR * len(places) / best


def _weighed(store: Store, words_of: dict[str, Words], words: list[str], literal: frozenset[str]) -> list[_Word]:
    """Each word asked for with its weight and the facts and entities that hold it. A word the table
    does not hold in any form is left out when it is a common English word (Mike in Mike Mullen:
    the table has Michael), else kept, so that only what holds it could match (Versailles)."""
    size = store.size()
    asked = []
    for word in dict.fromkeys(words):
        exact = word in literal
        facts, forms = _fact_hits(store, words_of, word, exact)
        entities, names = _entity_hits(words_of, word, exact)
        common = words_of["fact"].is_common(word) or word in NUMBERS
        if not facts and not entities and common:
            continue
        rarity = len(facts) + len(entities)
        weight = math.log(1 + size / (1 + rarity)) * words.count(word)
        year = len(word) == 4 and word.isdigit()
        # a word in more names than GENERIC_NAME_WORD (Afghanistan) names no one: it is no name to insist on
        generic_name = words_of["name"].has(word) and len(words_of["name"].postings([word])) > GENERIC_NAME_WORD
        common = common or generic_name
        asked.append(
            _Word(weight, not common and not year, facts, entities, frozenset(forms), frozenset(names), int(word) if year else None, word)
        )
    return asked


def _stem(word: str) -> str:
    if word in IRREGULAR:
        return word
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= STEM_MIN:
            stem = word[: -len(suffix)]
            return word if stem in IRREGULAR else stem  # founded is not found
    return word


def _word_forms(vocabulary: Words, word: str, literal: bool, fuzzy: bool, names: bool) -> dict[str, float]:
    """The words of `vocabulary` that stand for `word`, with their similarity: as similar_words has
    it, and a word with the same stem or a kindred word counting as a longer form would. An
    abbreviation (`literal`) stands only for itself; an irregular past form (found) begins no word."""
    similar = similar_words(vocabulary, word, fuzzy=fuzzy, literal=literal, names=names)
    if literal:
        return similar
    if word in IRREGULAR:
        similar = {other: alike for other, alike in similar.items() if alike != PREFIX}
    stem = _stem(word)
    if stem != word:  # never for a number: _stem strips letters only
        for other in ([stem] if vocabulary.has(stem) else []) + vocabulary.with_prefix(stem):
            if other not in IRREGULAR:
                similar.setdefault(other, FORM)
    for other in KINDRED.get(word, ()):
        if vocabulary.has(other):
            similar.setdefault(other, FORM)
    if word in NUMBERS and vocabulary.has(NUMBERS[word]):
        similar[NUMBERS[word]] = SAME
    return similar


def _entity_hits(words_of: dict[str, Words], word: str, literal: bool) -> tuple[dict[int, float], set[str]]:
    """Entity rids that hold the word: in full in a name, ABOUT in a summary or a role held; and the
    forms it was found in."""
    best: dict[int, float] = {}
    forms: set[str] = set()
    for table, scale in (("about", ABOUT), ("name", 1.0)):
        for other, alike in _word_forms(words_of[table], word, literal, fuzzy=False, names=table == "name").items():
            forms.add(other)
            for rid in words_of[table].postings([other]):
                best[rid] = max(best.get(rid, 0.0), alike * scale)
    return best, forms


def _fact_hits(store: Store, words_of: dict[str, Words], word: str, literal: bool) -> tuple[Held, dict[str, float]]:
    """Fact rids that hold the word, and how well (0-1). A word counts in full where the statement has
    it, less in another form (a transliteration, a longer word it begins, one with the same stem) or
    in the name of an entity the fact is about; it is spelt loosely only when nothing in the table has
    it in any of these forms. An abbreviation (`literal`) counts only as itself."""
    fact_words, name_words = words_of["fact"], words_of["name"]
    similar = _word_forms(fact_words, word, literal, fuzzy=False, names=False)
    named = name_words.postings([word]) if name_words.has(word) else set()
    if named:  # a name's other spellings are names too: Mullen is not "million", though both fold to mln
        similar = {other: w for other, w in similar.items() if w != SAME_SKELETON or name_words.has(other)}
    if not similar and not named:
        similar = similar_words(fact_words, word, fuzzy=True, literal=literal, names=False)
    levels = [(weight, fact_words.ids(other)) for other, weight in similar.items()]
    if len(named) > GENERIC_NAME_WORD:  # a word in many names links only the entity it names in full (Afghanistan)
        exact = store.exact_name(word)
        named = {exact} if exact is not None else set()
    linked = store.facts_linked(sorted(named))
    if len(word) == 4 and word.isdigit():  # a year: the facts dated in it, though their statements need not say it
        linked.update(store.fact_rids_between(int(word), int(word)))
    if linked:
        levels.append((LINKED, array("i", sorted(linked))))  # at least LINKED: a fact in a better level keeps that
    return Held(levels), similar


def __getattr__(name: str):
    """SearchAnswer and SearchHit, which live in hits.py, under their former home as well."""
    if name in ("SearchAnswer", "SearchHit"):
        from afgcli.answer import hits
        return getattr(hits, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
