"""The Python API (README, "Python"): the same answers as the command line, as records."""

import csv
import dataclasses
import doctest
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TEST_CACHE, VALID, run

import afgcli

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def lib():
    with afgcli.open() as library:
        yield library


def dumped(document) -> str:
    """A document as `--json` writes it to a pipe: one line (the table holds no character it escapes)."""
    return json.dumps(document, ensure_ascii=False) + "\n"


WHO = ["Massoud", "Masood", "Hikmatyr", "Taliban", "NRF", "Afghanistan", "Najib", "Karzai", "Kabul", "Storm-333",
       "Helmand province", "the Cold War", "Geneva Accords", "Soviet Union", "al qaida", "Jamaat Ansurallah", "zzzz", "war",
       "Mohammad", "Michelle Obama"]
YEARS = ["1992", "1989-1992", "1990s", "80s", "2021-08", "August 2021", "1996-09-27", "27 September 1996", "2019", "2001",
         "1979-12", "2030", "1900", "15/08/2021"]
SEARCHES = [("Geneva Accords", 20), ("who led the Taliban", 20), ("Massoud", 3), ("how many Soviet soldiers died", 5),
            ("NRF ceasefire", 20), ("zzqqxx", 20), ("Battle of Mosul", 20), ("Operation Storm-333", 1)]
TIMELINES = [((), None, None), (("Massoud",), None, None), ((), 1992, 1994), (("Najib",), 1990, None), (("zzzz",), None, None),
             (("Taliban",), None, 1996), ((), None, 1975)]


@pytest.mark.parametrize("name", WHO)
def test_who_json_is_to_dict(lib, name):
    result = run("who", *name.split(), "--json")
    answer = lib.who(name)
    assert result.exit_code == (0 if answer.entity else 1)
    assert result.stdout == dumped(answer.to_dict())


@pytest.mark.parametrize("period", YEARS)
def test_year_json_is_to_dict(lib, period):
    result = run("year", *period.split(), "--json")
    answer = lib.year(period)
    assert result.exit_code == (0 if answer.facts or answer.in_power else 1)
    assert result.stdout == dumped(answer.to_dict())


@pytest.mark.parametrize("text, limit", SEARCHES)
def test_search_json_is_to_dict(lib, text, limit):
    result = run("search", *text.split(), "-n", str(limit), "--json")
    answer = lib.search(text, limit=limit)
    assert result.exit_code == (0 if answer.hits else 1)
    assert result.stdout == dumped(answer.to_dict())


@pytest.mark.parametrize("name, start, end", TIMELINES)
def test_timeline_json_is_to_dict(lib, name, start, end):
    span = [*(["--from", str(start)] if start else []), *(["--to", str(end)] if end else [])]
    result = run("timeline", *name, *span, "--json")
    answer = lib.timeline(" ".join(name) or None, start, end)
    assert result.exit_code == (0 if answer.facts else 1)
    assert result.stdout == dumped(answer.to_dict())


def test_fact_json_is_to_dict_for_facts_across_the_table(lib):
    idents = [fact.id for fact in lib.facts()][::37] + ["1979-12-27-storm-333-a", "no-such-fact"]
    for ident in idents:
        result = run("fact", ident, "--json")
        answer = lib.fact(ident)
        assert result.exit_code == (0 if answer.fact else 1)
        assert result.stdout == dumped(answer.to_dict()), ident


def test_sources_json_is_to_dict(lib):
    answer = lib.sources()
    assert run("sources", "--json").stdout == dumped(answer.to_dict())
    for count in answer.sources:
        assert run("sources", count.source.id, "--json").stdout == dumped(lib.source(count.source.id).to_dict())
    assert lib.source("999") is None and run("sources", "999", "--json").exit_code == 1


def test_chart_json_is_to_dict(lib):
    for args, call in [(["deaths"], ("deaths",)), (["deaths", "--by", "kind", "--from", "2000"], ("deaths", None, True, 2000)),
                       (["facts", "--to", "1990"], ("facts", None, False, None, 1990))]:
        assert run("chart", *args, "--json").stdout == dumped(lib.chart(*call).to_dict())


def test_a_name_that_matches_nothing_is_an_answer_without_an_entity(lib):
    answer = lib.who("zzzz")
    assert answer.entity is None and answer.facts == () and answer.to_dict()["entity"] is None
    assert [c.name for c in lib.who("war").candidates][:1] and lib.who("war").entity is None
    assert lib.timeline("zzzz").entity is None and lib.timeline("zzzz").facts == ()
    assert lib.chart("deaths", "zzzz") is None
    assert lib.fact("no-such-fact").fact is None


def test_a_bad_period_raises_the_message_the_command_line_prints(lib):
    with pytest.raises(afgcli.AfgError) as caught:
        lib.year("03/04/2001")
    assert isinstance(caught.value, afgcli.PeriodError)
    assert run("year", "03/04/2001").stderr == f"afg: {caught.value}\n"


def test_a_bad_table_raises_the_message_the_command_line_prints(tmp_path):
    with pytest.raises(afgcli.AfgError) as caught:
        afgcli.open(str(tmp_path))
    assert isinstance(caught.value, afgcli.DataError) and len(caught.value.problems) == 4
    result = run("--data", str(tmp_path), "who", "x")
    assert result.exit_code == 2
    assert result.stderr == "".join(f"afg: {line}\n" for line in caught.value.lines)
    assert str(caught.value) == "\n".join(caught.value.lines)


def test_arguments_the_library_cannot_take_raise_usage_errors(lib):
    for call in (lambda: lib.search("Massoud", limit=0), lambda: lib.timeline(None, 1995, 1990),
                 lambda: lib.chart("rainfall"), lambda: lib.chart("events"), lambda: afgcli.open(42)):
        with pytest.raises(afgcli.UsageError):
            call()
    assert issubclass(afgcli.UsageError, afgcli.AfgError)


def test_the_library_prints_nothing(capfd, tmp_path):
    with afgcli.open() as library:
        library.who("Massoud"), library.who("zzzz"), library.year("1992"), library.search("Geneva")
        library.timeline("Massoud"), library.fact("1979-12-27-storm-333-a"), library.sources(), library.chart("deaths")
        list(library.facts())
    with pytest.raises(afgcli.AfgError):
        afgcli.open(str(tmp_path))
    assert capfd.readouterr() == ("", "")


def test_the_layers_are_named_as_data_names_them():
    with afgcli.open("curated") as curated, afgcli.open(["builtin", "builtin"]) as twice, afgcli.open() as builtin:
        assert {f.origin for f in curated.year("2019").facts} == {"curated"}
        assert "UCDP Country-Year 25.1" in {f.origin for f in builtin.year("2019").facts}
        assert twice.year("2019").to_dict() == builtin.year("2019").to_dict()
    with afgcli.open(VALID) as fixture:
        assert [e.id for e in fixture.entities()] == [row["id"] for row in csv.DictReader(open(VALID / "entities.csv"))]


def test_the_iterators_hold_the_whole_table_as_export_has_it(lib):
    exported = json.loads(run("export", "--format", "json").stdout)
    assert sorted(f.id for f in lib.facts()) == sorted(f["id"] for f in exported["facts"])
    assert [e.to_dict() for e in lib.entities()] == exported["entities"]
    names = lib.names_of(e.id for e in lib.entities())
    key = lambda role: json.dumps(role, sort_keys=True)  # noqa: E731
    assert sorted(map(key, (r.to_dict(names) for r in lib.roles()))) == sorted(map(key, exported["roles"]))
    assert [c.source.to_dict() for c in lib.sources().sources] == exported["sources"]
    facts = list(lib.facts())
    assert [f.when.first for f in facts] == sorted(f.when.first for f in facts)


def test_records_and_answers_are_frozen(lib):
    answer = lib.who("Massoud")
    for item in (answer, answer.entity, answer.facts[0], answer.roles[0], answer.facts[0].sources[0]):
        with pytest.raises(dataclasses.FrozenInstanceError):
            item.query = "changed"
    figure = lib.fact("1979-12-27-storm-333-a").fact.figure
    assert isinstance(figure, afgcli.Figure) and figure.to_dict() == {"low": 200, "high": None, "best": None, "unit": figure.unit}


def test_every_public_name_is_there():
    for name in afgcli.__all__:
        assert getattr(afgcli, name) is not None, name
    assert set(afgcli.__all__) <= set(dir(afgcli))
    with pytest.raises(AttributeError):
        afgcli.no_such_name  # noqa: B018


def _modules_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nsys.stdout.write(' '.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env=os.environ | {"AFG_CACHE_DIR": TEST_CACHE})
    assert result.returncode == 0, result.stderr
    return {name.split(".")[0] for name in result.stdout.split()}


HEAVY = {"pandas", "numpy", "rapidfuzz", "rich", "typer", "click"}


def test_importing_afgcli_loads_nothing_heavy():
    loaded = _modules_after("import afgcli")
    assert not loaded & HEAVY, loaded & HEAVY
    assert "sqlite3" not in loaded and "dataclasses" not in loaded


def test_an_exact_question_loads_nothing_heavy():
    loaded = _modules_after("import afgcli\nlib = afgcli.open()\nlib.who('Massoud').to_dict()\nlib.year('1992')")
    assert not loaded & HEAVY, loaded & HEAVY


def test_the_command_line_loads_no_pandas():
    pytest.importorskip("pandas")  # without pandas installed, this test could not fail
    for args in (["who", "Massoud", "--json"], ["search", "Geneva", "--json"], ["who", "Massoud"], ["export", "--format", "csv"]):
        code = f"from afgcli.cli import app\nsys.argv = ['afg', *{args!r}]\ntry:\n    app()\nexcept SystemExit:\n    pass"
        assert "pandas" not in _modules_after(code), args


def test_frames_without_pandas_says_how_to_install_it():
    code = (
        "import sys\nsys.modules['pandas'] = None  # as if it were not installed\nimport afgcli\n"
        "try:\n    afgcli.frames(afgcli.open())\nexcept ModuleNotFoundError as error:\n    print(error)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ | {"AFG_CACHE_DIR": TEST_CACHE})
    assert result.stdout == 'afgcli.frames needs pandas, an optional extra of afg: pip install "afg[pandas]"\n'


def test_frames_are_the_export_with_numbers_where_they_are_numbers(lib):
    pd = pytest.importorskip("pandas")
    frames = afgcli.frames(lib)
    for name in ("facts", "entities", "roles", "sources"):
        exported = pd.read_csv(io.StringIO(run("export", "--format", "csv", "--table", name).stdout), dtype=str,
                               keep_default_na=False)
        frame = getattr(frames, name)
        mine = frame[list(exported.columns)].astype(str)
        for column in ("low", "high", "best"):
            if column in mine:  # numbers in the frame, text in the CSV: compare them as numbers
                assert (frame[column].fillna(-1) == pd.to_numeric(exported[column].replace("", "-1"))).all()
                mine = mine.drop(columns=column)
                exported = exported.drop(columns=column)
        key = list(exported.columns)
        assert mine.sort_values(key).reset_index(drop=True).equals(exported.sort_values(key).reset_index(drop=True)), name
    facts = frames.facts
    assert str(facts["year"].dtype) == "int64" and str(facts["end_year"].dtype) == "int64"
    assert facts.loc[facts.id == "1979-12-27-storm-333-a", "origin"].tolist() == ["curated"]
    assert frames.sources.loc[frames.sources.id == "000", "facts"].tolist() == [lib.source("000").facts]
    assert list(facts.id) == [f.id for f in lib.facts()]


def test_the_readme_example_runs_as_written():
    block = re.search(r"## Python\n.*?```python\n(.*?)```", README.read_text(), re.S).group(1)
    examples = doctest.DocTestParser().get_examples(block)
    assert len(examples) == 5
    try:
        import pandas  # noqa: F401
    except ImportError:
        examples = [e for e in examples if "frames" not in e.source]  # the pandas line alone skips
    test = doctest.DocTest(examples, {}, "README.md, Python", str(README), 0, block)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=lambda text: pytest.fail(text))
    assert runner.summarize(verbose=False).attempted == len(examples)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream", [io.StringIO, _Terminal], ids=["pipe", "terminal"])
@pytest.mark.parametrize("text", ["who led the Taliban", "when did Najibullah become president", "Massoud \u202e\u0085",
                                  "how many Soviet soldiers died", "zzqqxx"])
def test_search_json_from_texts_is_the_records_document(lib, text, stream):
    """`search --json` writes its hits from the JSON texts the index stores: byte for byte the document
    the records make, piped and indented, with characters jsonout escapes in the query."""
    from afgcli.show import jsonout

    from_texts, from_records = stream(), stream()
    jsonout.write_search_json(lib._search_json(text, 20), from_texts)
    jsonout.write(lib.search(text, 20).to_dict(), from_records)
    assert from_texts.getvalue() == from_records.getvalue()
