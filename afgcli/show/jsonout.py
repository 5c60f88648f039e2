"""The JSON contract (README, "JSON output"): plain dicts, written with the json module."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Iterable, Mapping, TextIO

if TYPE_CHECKING:  # annotations only: the records' modules are loaded by whoever made them
    from afgcli.answer.documents import PeriodJson, WhoJson
    from afgcli.answer.match import Match
    from afgcli.answer.periods import Period
    from afgcli.answer.queries import PeriodAnswer, SourceCount, WhoAnswer
    from afgcli.answer.hits import SearchAnswer
    from afgcli.answer.search import SearchJson
    from afgcli.answer.series import Chart
    from afgcli.table.model import Citation, Entity, Fact, Figure, Role, Source


def citations(items: tuple[Citation, ...]) -> list[dict[str, str]]:
    return [{"id": c.source, "cite": c.cite} for c in items]


def fact(item: Fact) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": item.id,
        "date": item.when.text,
        "year": item.when.year,
        "end_year": item.when.end_year,
        "text": item.text,
        "entities": list(item.entities),
        "kind": item.kind,
        "sources": citations(item.sources),
        "origin": item.origin,
    }
    if item.figure:
        out["figures"] = [figure(item.figure)]
    return out


def figure(item: Figure) -> dict[str, Any]:
    return {"low": item.low, "high": item.high, "best": item.best, "unit": item.unit}


def entity(item: Entity) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.name,
        "kind": item.kind,
        "aliases": list(item.aliases),
        "summary": item.summary,
        "start": item.start.text if item.start else None,
        "end": item.end.text if item.end else None,
        "sources": citations(item.sources),
        "ucdp": list(item.ucdp),
        "origin": item.origin,
    }


def role(item: Role, names: Mapping[str, str]) -> dict[str, Any]:
    """`names` gives the names of the entities that roles refer to."""
    return {
        "entity": item.entity,
        "name": names.get(item.entity, item.entity),
        "role": item.role,
        "organization": item.organization or None,
        "organization_name": names.get(item.organization) if item.organization else None,
        "start": item.start.text if item.start else None,
        "end": item.end.text if item.end else None,
        "ongoing": item.ongoing,
        "sources": citations(item.sources),
    }


def source(item: Source, facts: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": item.id, "title": item.title, "publisher": item.publisher,
        "published": item.published, "url": item.url or None, "file": item.file,
        "licence": item.licence or None,
        "origin": item.origin, "citation": item.citation or None,
    }
    if facts is not None:
        out["facts"] = facts
    return out


def who(answer: WhoAnswer) -> dict[str, Any]:
    found = None
    if answer.entity:
        found = entity(answer.entity) | {
            "roles": [role(r, answer.names) for r in answer.roles],
            "office_holders": [role(r, answer.names) for r in answer.holders],
        }
    return _who(answer.query, found, answer.candidates, [fact(f) for f in answer.facts])


def who_from_texts(answer: WhoJson) -> dict[str, Any]:
    """The document of `who`, from the JSON texts that `entity`, `role` and `fact` made at index time."""
    found = None
    if answer.entity is not None:
        found = json.loads(answer.entity) | {
            "roles": [json.loads(r) for r in answer.roles],
            "office_holders": [json.loads(r) for r in answer.holders],
        }
    return _who(answer.query, found, answer.candidates, [json.loads(f) for f in answer.facts])


def write_who_json(answer: WhoJson, stream: TextIO) -> None:
    """The document of `who`, from records already in JSON: spliced when piped (an actor of a large
    GED layer has tens of thousands of facts), re-read to indent on a terminal."""
    if stream.isatty() or answer.entity is None:
        write(who_from_texts(answer), stream)
        return
    entity = answer.entity[:-1]  # its closing brace: roles and office holders follow inside it
    found = f'{entity}, "roles": [{", ".join(answer.roles)}], "office_holders": [{", ".join(answer.holders)}]}}'
    # dumps, not json.dumps: the query and the candidates' names are escaped as the stored texts are
    head = dumps({"query": answer.query})[:-1]
    candidates = dumps(_who(answer.query, None, answer.candidates, [])["candidates"])
    stream.write(f'{head}, "entity": {found}, "candidates": {candidates}, "facts": [{", ".join(answer.facts)}]}}\n')


def _who(query: str, found: dict[str, Any] | None, candidates: tuple[Match, ...], facts: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "query": query,
        "entity": found,
        "candidates": [{"id": m.entity_id, "name": m.name, "score": m.score} for m in candidates],
        "facts": facts,
    }


def period(answer: PeriodAnswer) -> dict[str, Any]:
    facts = [fact(f) for f in answer.facts]
    return _period(answer.query, answer.period, facts, [role(r, answer.names) for r in answer.in_power])


def _period_head(query: str, period: Period) -> dict[str, Any]:
    # from, to: the years the period touches; first_day, last_day: its exact bounds (a month, a day)
    return {"query": query, "from": period.first[0], "to": period.last[0], "first_day": period.first_day, "last_day": period.last_day}


def _period(query: str, period: Period, facts: list, in_power: list) -> dict[str, Any]:
    return _period_head(query, period) | {"facts": facts, "in_power": in_power}


def write_period_json(answer: PeriodJson, stream: TextIO) -> None:
    """The document of `period`, from records already in JSON, written as they are read."""
    write_lists(_period_head(answer.query, answer.period), [("facts", answer.facts), ("in_power", answer.in_power)], stream)


_JOINED = 256  # texts joined into one write


def write_lists(head: dict[str, Any], lists: list[tuple[str, Iterable[str]]], stream: TextIO) -> None:
    """The document `head` | {key: [texts...] for each list}, written as the lists are read: the
    same bytes as `write` of the whole document (compact in a pipe, indented on a terminal). Each
    text is a compact JSON document as `dumps` writes it (escaped already, as the index stores them)."""
    tty = stream.isatty()
    if tty:
        opening = dumps(head, 2)[:-2] if head else "{"  # without its closing "\n}"
        separator, before, between, after = ",\n" if head else "\n", "\n    ", ",\n    ", "\n  ]"
    else:
        opening = dumps(head)[:-1] if head else "{"
        separator, before, between, after = ", " if head else "", "", ", ", "]"
    stream.write(opening)
    for key, texts in lists:
        stream.write(f"{separator}{'  ' if tty else ''}{json.dumps(key)}: [")
        separator = ",\n" if tty else ", "
        batch, written = [], False
        for text in texts:
            batch.append(dumps(json.loads(text), 2).replace("\n", "\n    ") if tty else text)
            if len(batch) == _JOINED:
                stream.write((between if written else before) + between.join(batch))
                batch, written = [], True
        if batch:
            stream.write((between if written else before) + between.join(batch))
            written = True
        stream.write(after if written else "]")
    stream.write("\n}\n" if tty else "}\n")


def search(answer: SearchAnswer) -> dict[str, Any]:
    results = []
    for hit in answer.hits:
        if hit.entity is not None:
            results.append({"type": "entity", "score": hit.score} | entity(hit.entity))
        elif hit.fact is not None:
            results.append({"type": "fact", "score": hit.score} | fact(hit.fact))
    return {"query": answer.query, "results": results}


def search_from_texts(answer: SearchJson) -> dict[str, Any]:
    """The document of `search`, from the JSON texts that `entity` and `fact` made at index time."""
    return {"query": answer.query, "results": [{"type": kind, "score": score} | json.loads(text) for kind, score, text in answer.hits]}


def write_search_json(answer: SearchJson, stream: TextIO) -> None:
    """The document of `search`, from records already in JSON: spliced when piped, re-read to indent
    on a terminal (the same bytes as `write` of search_from_texts)."""
    if stream.isatty():
        write(search_from_texts(answer), stream)
        return
    head = dumps({"query": answer.query})[:-1]
    # each text is a compact object: its opening brace gives way to the hit's type and score
    results = ", ".join(f'{{"type": "{kind}", "score": {json.dumps(score)}, {text[1:]}' for kind, score, text in answer.hits)
    stream.write(f'{head}, "results": [{results}]}}\n')


def fact_in_full(item: Fact, names: dict[str, str], cited: dict) -> dict[str, Any]:
    """A fact as `fact` has it, with its entities' names and each citation's source title and address."""
    document = fact(item)
    document["entity_names"] = [names.get(e, e) for e in item.entities]
    document["sources"] = [
        {"id": c.source, "cite": c.cite, "title": cited[c.source].title if c.source in cited else None,
         "url": (cited[c.source].url or None) if c.source in cited else None}
        for c in item.sources
    ]
    return document


def timeline(query: str | None, entity_id: str | None, first: int | None, last: int | None, facts: tuple[Fact, ...]) -> dict[str, Any]:
    return {"query": query, "entity": entity_id, "from": first, "to": last, "facts": [fact(f) for f in facts]}


def chart(item: Chart) -> dict[str, Any]:
    return {
        "measure": item.measure, "subject": item.subject, "unit": item.unit,
        "series": [
            {"label": s.label, "points": [{"year": p.year, "value": p.value, "low": p.low, "high": p.high, "count": p.count}
                                          for p in s.points]}
            for s in item.series
        ],
    }


def sources(counts: list[SourceCount]) -> dict[str, Any]:
    return {"sources": [source(c.source, c.facts) for c in counts]}


def source_in_full(count: SourceCount, earliest: str | None, latest: str | None) -> dict[str, Any]:
    """`sources ID`: the source, how many facts cite it, and the dates of the earliest and latest of them."""
    return source(count.source, count.facts) | {"earliest": earliest, "latest": latest}


# json escapes only C0 controls; these could still move a terminal's cursor (C1: CSI is U+009B, OSC
# U+009D) or reorder what a reader sees (bidi controls), and U+2028, U+2029 end a line in JavaScript.
# They can appear only inside strings, where \\uXXXX stands for the same character: still the same JSON.
_INVISIBLE = "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape(text: str) -> str:
    """JSON text with the characters above written as \\uXXXX."""
    return text if text.isascii() else re.sub(_INVISIBLE, _escaped, text)


def dumps(document: Any, indent: int | None = None) -> str:
    """One JSON document as afg writes it: UTF-8 text, with control and bidi characters escaped."""
    return escape(json.dumps(document, ensure_ascii=False, indent=indent))


def write(document: Any, stream: TextIO) -> None:
    # Indented for a person at a terminal; one compact line for pipes (json's C encoder is faster).
    indent = 2 if stream.isatty() else None
    stream.write(dumps(document, indent))
    stream.write("\n")
