"""Every fact rests on its cited source: markers and paragraphs exist, figures appear, words are ours.

Needs the shared sources beside the checkout (../shared/sources, as in CI); skipped without them.
"""

import os
import re
from pathlib import Path

import pytest
from conftest import SHARED_SOURCES

from afgcli.table.load import load_table
from afgcli.table.schema import builtin_dir

pytestmark = pytest.mark.skipif(not SHARED_SOURCES.is_dir(), reason="shared sources not beside the checkout")

COPY_RUN = 6  # this many words in a row shared with a source counts as copying, unless they are a name


@pytest.fixture(scope="module")
def table():
    # Curators check a staging table layered on the built-in one: AFG_PROVENANCE_LAYERS=dir1:dir2.
    # AFG_PROVENANCE_ONLY=dir checks a merged table in place of the built-in one.
    extra = [Path(p) for p in os.environ.get("AFG_PROVENANCE_LAYERS", "").split(":") if p]
    only = os.environ.get("AFG_PROVENANCE_ONLY")
    return load_table([Path(only)] if only else [builtin_dir(), *extra])


@pytest.fixture(scope="module")
def documents(table):
    return {s.id: (SHARED_SOURCES / s.file).read_text(encoding="utf-8") for s in table.sources.values()}


def paragraphs(text):
    return [line for line in text.split("\n") if line.strip()]


def words(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def cited_records(table):
    for entity in table.entities.values():
        yield f"entity {entity.id}", entity.sources
    for fact in table.facts:
        yield f"fact {fact.id}", fact.sources
    for role in table.roles:
        yield f"role {role.entity} {role.role}", role.sources


def test_every_source_file_is_there(table):
    for source in table.sources.values():
        assert (SHARED_SOURCES / source.file).is_file(), source.file


def test_every_locator_exists_in_its_document(table, documents):
    wrong = []
    for label, citations in cited_records(table):
        for citation in citations:
            text = documents[citation.source]
            markers = re.findall(r"\[\d+\]", citation.cite)
            pilcrows = re.fullmatch(r"¶(\d+)(?:-(\d+))?", citation.cite)
            section = citation.cite[1:].strip() if citation.cite.startswith("§") else None
            if section:
                headings = {line.strip() for line in text.split("\n")}
                wrong += [] if section in headings else [f"{label}: no section {section!r}"]
            elif markers:
                wrong += [f"{label}: {m}" for m in markers if m not in text]
            elif pilcrows:
                count = len(paragraphs(text))
                wrong += [f"{label}: ¶{n}" for n in pilcrows.groups() if n and not 1 <= int(n) <= count]
            else:
                wrong.append(f"{label}: no locator in {citation.source!r}")
    assert wrong == []


NUMBER_WORDS = dict(enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split()
)) | {12: "dozen", 500000: "half a million"}


def spellings(number):
    """The ways a source may write a number: 1405111, 1,405,111, 1.4 million, five million, a dozen."""
    forms = {str(number), f"{number:,}"}
    if number in NUMBER_WORDS:
        forms.add(NUMBER_WORDS[number])
    if isinstance(number, float):
        forms |= {f"{number:g}", f"{number:,.1f}"}
    for size, word in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        if number >= size and (number / size) == round(number / size, 2):
            forms.add(f"{number / size:g} {word}")
            forms.add(f"{number / size:g}{word[0]}")
            if number / size in NUMBER_WORDS:
                forms.add(f"{NUMBER_WORDS[number / size]} {word}")
                forms |= {f"{NUMBER_WORDS[number / size]} {joint}" for joint in ("and", "to")}  # "five to ten million"
    return forms


def test_every_figure_appears_in_a_cited_document(table, documents):
    missing = []
    for fact in table.facts:
        if not fact.figure:
            continue
        cited = " ".join(documents[c.source] for c in fact.sources).replace("\u00a0", " ").lower()
        for number in (fact.figure.low, fact.figure.high):
            if number is not None and not any(form in cited for form in spellings(number)):
                missing.append(f"{fact.id}: {number}")
    assert missing == []


def test_no_fact_copies_a_run_of_source_words(table, documents):
    runs = {}
    for ident, text in documents.items():
        tokens = words(text)
        runs[ident] = {tuple(tokens[i : i + COPY_RUN]) for i in range(len(tokens) - COPY_RUN + 1)}
    # A long name carries over, as names do: the Afghan National Defense and Security Forces (ANDSF).
    vocabularies = [set(words(" ".join((e.name, *e.aliases)))) for e in table.entities.values()]

    def is_name(run):  # all its words but one (the, of) are the words of one entity's names
        return any(len(set(run) - vocabulary) <= 1 for vocabulary in vocabularies)

    copied = []
    for fact in table.facts:
        tokens = words(fact.text)
        shingles = {tuple(tokens[i : i + COPY_RUN]) for i in range(len(tokens) - COPY_RUN + 1)}
        if any(not is_name(run) for citation in fact.sources for run in shingles & runs[citation.source]):
            copied.append(fact.id)
    assert copied == []
