"""Large answers stream (issue 19): `export` and `year --json` write as they read, from the index,
the same bytes as the documents built whole from the loaded table."""

import csv
import io

import pytest
from conftest import VALID, run

from afgcli.show import jsonout
from afgcli.table.load import load_table
from afgcli.table.schema import CURATED, builtin_layers

TABLES = ("sources", "entities", "facts", "roles")


def loaded_records(table, name):
    """The records of one table as afg 0.x exported them: from the table loaded whole."""
    if name == "sources":
        return [jsonout.source(s) for s in table.sources.values()]
    if name == "entities":
        return [jsonout.entity(e) for e in table.entities.values()]
    if name == "facts":
        return [jsonout.fact(f) for f in table.facts]
    names = {ident: e.name for ident, e in table.entities.items()}
    return [jsonout.role(r, names) for r in table.roles]


def cites(items):
    return "; ".join(f"{c.source} {c.cite}".strip() for c in items)


def loaded_facts_csv(table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "date", "entities", "kind", "text", "sources", "low", "high", "unit", "best", "year", "end_year"])
    for f in table.facts:
        figure = f.figure
        writer.writerow([
            f.id, f.when.text, "; ".join(f.entities), f.kind, f.text, cites(f.sources),
            str(figure.low) if figure else "", str(figure.high) if figure and figure.high is not None else "",
            figure.unit if figure else "", "" if not figure or figure.best is None else str(figure.best),
            str(f.when.year), str(f.when.end_year),
        ])
    return out.getvalue()


@pytest.fixture(scope="module", params=["fixture", "builtin"])
def layers(request):
    if request.param == "fixture":
        return ["--data", str(VALID)], load_table([VALID])
    return [], load_table(builtin_layers())


def test_export_json_is_the_document_of_the_loaded_table(layers):
    args, table = layers
    expected = jsonout.dumps({name: loaded_records(table, name) for name in TABLES}) + "\n"
    assert run(*args, "export", "--format", "json").stdout == expected
    roles = jsonout.dumps({"roles": loaded_records(table, "roles")}) + "\n"
    assert run(*args, "export", "--format", "json", "--table", "roles").stdout == roles


def test_export_jsonl_is_the_records_of_the_loaded_table(layers):
    args, table = layers
    expected = "".join(
        jsonout.dumps({"type": name[:-1] if name != "entities" else "entity"} | record) + "\n"
        for name in TABLES for record in loaded_records(table, name)
    )
    assert run(*args, "export", "--format", "jsonl").stdout == expected


def test_export_csv_is_the_facts_of_the_loaded_table(layers):
    args, table = layers
    assert run(*args, "export", "--format", "csv").stdout == loaded_facts_csv(table)
    sources = run(*args, "export", "--format", "csv", "--table", "sources").stdout.splitlines()
    assert len(sources) == 1 + len(table.sources)
    assert [row[0] for row in csv.reader(sources[1:])] == list(table.sources)
    origins = {row[7] for row in csv.reader(sources[1:])}
    assert CURATED not in origins


def test_an_indented_export_on_a_terminal_is_the_indented_document():
    table = load_table([VALID])

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    from afgcli.index.cache import open_index
    from afgcli.index.store import Store
    from afgcli.show import export

    store = Store(open_index([VALID]))
    out = Terminal()
    jsonout.write_lists({}, [(name, export.texts(store, name)) for name in TABLES], out)
    assert out.getvalue() == jsonout.dumps({name: loaded_records(table, name) for name in TABLES}, 2) + "\n"
    out = Terminal()
    jsonout.write_lists({"query": "x"}, [("facts", export.texts(store, "facts")), ("none", iter(()))], out)
    assert out.getvalue() == jsonout.dumps({"query": "x", "facts": loaded_records(table, "facts"), "none": []}, 2) + "\n"
