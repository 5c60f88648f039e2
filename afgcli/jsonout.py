"""The JSON contract (README, "JSON output"): plain dicts, written with the json module."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # annotations only: the records' modules are loaded by whoever made them
    from afgcli.model import Citation, Entity, Fact, Role, Source
    from afgcli.documents import PeriodJson, WhoJson
    from afgcli.match import Match
    from afgcli.periods import Period
    from afgcli.queries import PeriodAnswer, SourceCount, WhoAnswer
    from afgcli.search import SearchAnswer


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
    }
    if item.figure:
        out["figures"] = [{"low": item.figure.low, "high": item.figure.high, "unit": item.figure.unit}]
    return out


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
    }


def role(item: Role, names: dict[str, str]) -> dict[str, Any]:
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
    """The document of `period`, from records already in JSON: spliced when piped, re-read to indent."""
    if stream.isatty():
        facts, in_power = [json.loads(f) for f in answer.facts], [json.loads(r) for r in answer.in_power]
        write(_period(answer.query, answer.period, facts, in_power), stream)
        return
    head = json.dumps(_period_head(answer.query, answer.period), ensure_ascii=False)[:-1]
    stream.write(f'{head}, "facts": [{", ".join(answer.facts)}], "in_power": [{", ".join(answer.in_power)}]}}\n')


def search(answer: SearchAnswer) -> dict[str, Any]:
    results = []
    for hit in answer.hits:
        if hit.entity is not None:
            results.append({"type": "entity", "score": hit.score} | entity(hit.entity))
        elif hit.fact is not None:
            results.append({"type": "fact", "score": hit.score} | fact(hit.fact))
    return {"query": answer.query, "results": results}


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


def sources(counts: list[SourceCount]) -> dict[str, Any]:
    return {"sources": [source(c.source, c.facts) for c in counts]}


def source_in_full(count: SourceCount, earliest: str | None, latest: str | None) -> dict[str, Any]:
    """`sources ID`: the source, how many facts cite it, and the dates of the earliest and latest of them."""
    return source(count.source, count.facts) | {"earliest": earliest, "latest": latest}


def write(document: Any, stream: TextIO) -> None:
    # Indented for a person at a terminal; one compact line for pipes (json's C encoder is faster).
    indent = 2 if stream.isatty() else None
    stream.write(json.dumps(document, ensure_ascii=False, indent=indent))
    stream.write("\n")
