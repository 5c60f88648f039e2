"""Building the index: one SQLite database holding the table's records and the lookups its questions need.

Records are stored as marshal blobs (codec.py) beside the columns that select them, so a question
reads only the rows it answers with, whatever the size of the table. Built while the table streams
through its checks; a table with any problem yields no index.
"""

from __future__ import annotations

import json
import marshal
import sqlite3
from array import array
from collections import Counter, defaultdict
from pathlib import Path

from afgcli.answer.english import english_words
from afgcli.answer.names import content_tokens, normalize, phrase_key, skeleton
from afgcli.answer.periods import day_number
from afgcli.index import codec
from afgcli.index.store import FORMAT, SHORT, SKELETON_MIN
from afgcli.show import jsonout
from afgcli.table.load import scan
from afgcli.table.model import Entity, Fact, Role, Source, When
from afgcli.table.problems import DataError
from afgcli.table.schema import KIND_CODES

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
-- earliest, latest: the dates (as written) of the earliest and the latest fact citing the source
CREATE TABLE source(rid INTEGER PRIMARY KEY, id TEXT NOT NULL, facts INTEGER NOT NULL, rec BLOB NOT NULL,
                    earliest TEXT, latest TEXT);
-- json: the entity as `afg --json` writes it (jsonout.entity), as for facts and roles below
CREATE TABLE entity(rid INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, weight INTEGER NOT NULL,
                    rec BLOB NOT NULL, forms BLOB NOT NULL, json TEXT NOT NULL);
-- first, last: the date's bounds as yyyymmdd, so that (first, last, id) sorts facts in date order
-- json: the fact as `afg --json` writes it (jsonout.fact), so a large answer is written without decoding
-- span: 1 when the date is an interval (1994/1999), which covers every day between its ends
-- length: of the statement, in characters: with id, what orders facts that search scores alike
CREATE TABLE fact(rid INTEGER PRIMARY KEY, lo INTEGER NOT NULL, hi INTEGER NOT NULL,
                  first INTEGER NOT NULL, last INTEGER NOT NULL, id TEXT NOT NULL, rec BLOB NOT NULL, json TEXT NOT NULL,
                  span INTEGER NOT NULL, length INTEGER NOT NULL);
CREATE TABLE fact_entity(entity TEXT NOT NULL, fact INTEGER NOT NULL, PRIMARY KEY(entity, fact)) WITHOUT ROWID;
-- start (yyyymmdd, 0 when unknown), entity, title: the order roles are listed in
-- names: the holder's and the organization's names, which every answer with a role shows
-- lo, hi (years) and first, last (yyyymmdd), span: when the role was held, as held_days has it
CREATE TABLE role(rid INTEGER PRIMARY KEY, entity TEXT NOT NULL, organization TEXT, lo INTEGER, hi INTEGER,
                  start INTEGER NOT NULL, title TEXT NOT NULL, names BLOB NOT NULL, rec BLOB NOT NULL, json TEXT NOT NULL,
                  first INTEGER, last INTEGER, span INTEGER);
CREATE TABLE name_exact(key TEXT PRIMARY KEY, entity INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE name_folded(key TEXT NOT NULL, entity INTEGER NOT NULL, PRIMARY KEY(key, entity)) WITHOUT ROWID;
-- ids: the postings, ascending, as array('i') bytes (store.ids reads them without decoding each)
CREATE TABLE name_word(word TEXT PRIMARY KEY, skel TEXT, ids BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE fact_word(word TEXT PRIMARY KEY, skel TEXT, ids BLOB NOT NULL) WITHOUT ROWID;
-- the words of an entity's summary and of the roles it holds (title and organization), by entity rid
CREATE TABLE about_word(word TEXT PRIMARY KEY, skel TEXT, ids BLOB NOT NULL) WITHOUT ROWID;
-- the words of what facts' figures count (their units), by fact rid: search bounds a tie's points by them
CREATE TABLE unit_word(word TEXT PRIMARY KEY, skel TEXT, ids BLOB NOT NULL) WITHOUT ROWID;
-- the common English words (english.txt), so a query looks one up by key instead of reading the list
CREATE TABLE english(word TEXT PRIMARY KEY) WITHOUT ROWID;
"""

INDEXES = f"""
CREATE UNIQUE INDEX entity_id ON entity(id);
CREATE INDEX fact_id ON fact(id);
CREATE INDEX fact_short ON fact(lo, hi) WHERE hi - lo <= {SHORT};
CREATE INDEX fact_long ON fact(lo, hi) WHERE hi - lo > {SHORT};
CREATE INDEX role_entity ON role(entity);
CREATE INDEX role_organization ON role(organization) WHERE organization IS NOT NULL;
CREATE INDEX role_short ON role(lo, hi) WHERE hi - lo <= {SHORT};
CREATE INDEX role_long ON role(lo, hi) WHERE hi - lo > {SHORT};
CREATE INDEX name_word_skel ON name_word(skel);
CREATE INDEX fact_word_skel ON fact_word(skel);
CREATE INDEX about_word_skel ON about_word(skel);
"""

_BATCH = 20_000


def held_days(role: Role) -> tuple[int, int, bool] | tuple[None, None, None]:
    """The first and last days (yyyymmdd) on which the sources show the role held, and whether they
    are the ends of a span (every day between counts) rather than the bounds of one date known only
    to a month or a year. An unknown start or end is not guessed: with start and end, between them;
    with an end of `..` (still held), from the start on; with only one known date, that date; with
    none, no days."""
    if role.start and (role.end or role.ongoing):
        return day_number(role.start.first), day_number(role.end.last) if role.end else 99991231, True
    known: When | None = role.start or role.end
    return (day_number(known.first), day_number(known.last), "/" in known.text) if known else (None, None, None)


_encode = json.JSONEncoder(ensure_ascii=False).encode


def _json(document) -> str:
    """What jsonout.write does when piped (jsonout.dumps), with the encoder made once."""
    return jsonout.escape(_encode(document))


def searchable_words(item: Fact) -> list[str]:
    """The words `afg search` finds a fact by: its statement's, its kind (a retreat, a massacre;
    not the catch-all `event`), its figure's numbers (half a million: 500000) and what the figure
    counts (Soviet soldiers dead)."""
    words = content_tokens(item.text)
    if item.kind != "event":
        words.append(item.kind)
    if item.figure:
        numbers = (item.figure.low, item.figure.high)
        words += [f"{n:g}" if isinstance(n, float) else str(n) for n in numbers if n is not None]
        words += content_tokens(item.figure.unit)
    return words


class _Builder:
    """A load.Sink that writes each checked record into the database as it arrives."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.entities: list[Entity] = []
        self.weights: Counter[str] = Counter()
        self.cited: Counter[str] = Counter()
        self.earliest: dict[str, tuple[int, str]] = {}  # by source: (first day, date) of its earliest fact
        self.latest: dict[str, tuple[int, str]] = {}
        self.first_day, self.last_day = 99991231, 0  # the table's dates, from its facts' and roles' known ones
        self.sources: list[Source] = []
        self.fact_words: dict[str, list[int]] = defaultdict(list)
        self.facts: list[tuple] = []
        self.links: list[tuple[str, int]] = []
        self.fact_count = 0
        self.traits = bytearray(1)  # by rid, from 1: see Store.fact_traits
        self.unit_words: dict[str, list[int]] = defaultdict(list)
        self.names: dict[str, str] = {}
        self.held: dict[str, list[str]] = defaultdict(list)  # the words of the roles each entity holds
        self.called: dict[str, list[str]] = {}  # the words of each entity's name and aliases

    def source(self, item: Source) -> None:
        self.sources.append(item)

    def entity(self, item: Entity) -> None:
        self.entities.append(item)
        self.names[item.id] = item.name
        self.called[item.id] = content_tokens(" ".join((item.name, *item.aliases)))

    def fact(self, item: Fact) -> None:
        self.fact_count += 1
        rid = self.fact_count
        self.traits.append(KIND_CODES.get(item.kind, 0xFF))
        if item.figure:
            for word in dict.fromkeys(content_tokens(item.figure.unit)):
                self.unit_words[word].append(rid)
        when = item.when
        self.facts.append(
            (rid, when.year, when.end_year, day_number(when.first), day_number(when.last), item.id, codec.encode_fact(item), _json(jsonout.fact(item)), "/" in when.text,
             len(item.text))
        )
        for ident in dict.fromkeys(item.entities):
            self.links.append((ident, rid))
            self.weights[ident] += 1
        first, last = day_number(when.first), day_number(when.last)
        self.first_day, self.last_day = min(self.first_day, first), max(self.last_day, last)
        for source in {c.source for c in item.sources}:
            self.cited[source] += 1
            if source not in self.earliest or first < self.earliest[source][0]:
                self.earliest[source] = (first, when.text.split("/")[0])  # an interval's start
            if source not in self.latest or last > self.latest[source][0]:
                self.latest[source] = (last, when.text.split("/")[-1])  # and its end
        for word in dict.fromkeys(searchable_words(item)):
            self.fact_words[word].append(rid)
        if len(self.facts) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        self.db.executemany("INSERT INTO fact VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self.facts)
        self.db.executemany("INSERT INTO temp.link VALUES (?, ?)", self.links)
        self.facts, self.links = [], []

    def role(self, item: Role) -> None:
        first, last, span = held_days(item)
        lo, hi = (first // 10000, last // 10000) if first and last else (None, None)
        start = day_number(item.start.first) if item.start else 0
        names = {ident: self.names[ident] for ident in (item.entity, item.organization) if ident in self.names}
        for known in (item.start, item.end):  # `..` (still held) is no date: the table does not reach the future
            if known:
                self.first_day = min(self.first_day, day_number(known.first))
                self.last_day = max(self.last_day, day_number(known.last))
        # spokesperson of the NRF: the organization by any of its names
        self.held[item.entity] += content_tokens(item.role) + self.called.get(item.organization, [])
        self.db.execute(
            "INSERT INTO role(entity, organization, lo, hi, start, title, names, rec, json, first, last, span) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (item.entity, item.organization or None, lo, hi, start, item.role, marshal.dumps(names), codec.encode_role(item), _json(jsonout.role(item, names)), first, last, span),
        )

    def finish(self) -> None:
        self._flush()
        db = self.db
        # Inserted in key order, the links fill their table's pages one after another; in fact order
        # they land all over a B-tree larger than the page cache (8 s of a 60 s build at N = 100,000).
        db.execute("INSERT INTO fact_entity SELECT entity, fact FROM temp.link ORDER BY entity, fact")
        db.execute("DROP TABLE temp.link")
        db.executemany(
            "INSERT INTO source(id, facts, rec, earliest, latest) VALUES (?, ?, ?, ?, ?)",
            (
                (s.id, self.cited[s.id], codec.encode_source(s), self.earliest.get(s.id, (0, None))[1], self.latest.get(s.id, (0, None))[1])
                for s in self.sources
            ),
        )
        exact: dict[str, int] = {}
        folded: set[tuple[str, int]] = set()
        name_words: dict[str, list[int]] = defaultdict(list)
        about_words: dict[str, list[int]] = defaultdict(list)
        rows = []
        for rid, item in enumerate(self.entities, start=1):
            forms = []
            for form in (item.name, *item.aliases, item.id):
                exact.setdefault(normalize(form), rid)
                folded.add((phrase_key(form), rid))
                forms.append(tuple(content_tokens(form)))
            for word in dict.fromkeys(w for form in forms for w in form):
                name_words[word].append(rid)
            for word in dict.fromkeys(content_tokens(item.summary) + self.held.pop(item.id, [])):
                about_words[word].append(rid)
            rows.append(
                (rid, item.id, item.name, item.kind, self.weights[item.id], codec.encode_entity(item), marshal.dumps(tuple(forms)), _json(jsonout.entity(item)))
            )
        db.executemany("INSERT INTO entity VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        # Each keyed table is filled in key order, as the links are above.
        db.executemany("INSERT INTO name_exact VALUES (?, ?)", sorted(exact.items()))
        db.executemany("INSERT INTO name_folded VALUES (?, ?)", sorted(folded))
        for table, words in (("name_word", name_words), ("fact_word", self.fact_words), ("about_word", about_words),
                             ("unit_word", self.unit_words)):
            db.executemany(
                f"INSERT INTO {table} VALUES (?, ?, ?)",
                ((w, skeleton(w) if len(w) >= SKELETON_MIN else None, array("i", ids).tobytes()) for w, ids in sorted(words.items())),
            )
        # Each fact's place in the order search lists facts that score alike (shorter statement, then
        # id), by rid: search ranks a tie of any size by it without reading the facts.
        rank = array("i", bytes(4 * (self.fact_count + 1)))
        for place, (rid,) in enumerate(db.execute("SELECT rid FROM fact ORDER BY length, id, rid")):
            rank[rid] = place
        db.execute("INSERT INTO meta VALUES ('fact_rank', ?)", (rank.tobytes(),))
        db.execute("INSERT INTO meta VALUES ('fact_traits', ?)", (bytes(self.traits),))
        db.executemany("INSERT INTO english VALUES (?)", ((w,) for w in english_words()))
        db.executescript(INDEXES)
        db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
        if self.last_day:
            db.executemany("INSERT INTO meta VALUES (?, ?)", (("first_day", self.first_day), ("last_day", self.last_day)))


def build(directories: list[Path], db: sqlite3.Connection, progress=None) -> None:
    """Check the table in `directories` and write its index into the empty database `db`.

    Raises DataError, with every problem, when the table is not clean; `db` is then left unusable.
    `progress` (load.Progress) hears how far the reading is.
    """
    db.execute("PRAGMA journal_mode = OFF")  # a fresh file renamed into place only when complete
    db.execute("PRAGMA synchronous = OFF")
    db.executescript(SCHEMA)
    db.execute("CREATE TEMP TABLE link(entity TEXT NOT NULL, fact INTEGER NOT NULL)")  # fact_entity's rows, unsorted
    builder = _Builder(db)
    with db:
        problems = scan(directories, builder, progress)
        if problems:
            raise DataError(problems)
        builder.finish()
