import json
import re

import pytest
from conftest import BROKEN, VALID, broken_table, run

from afgcli.table.load import load_table, read_table
from afgcli.table.problems import CODES, DataError
from afgcli.table.schema import builtin_dir

EXPECTED = {
    "AFG001": ("roles.csv", 0),
    "AFG002": ("sources.csv", 3),
    "AFG003": ("facts.csv", 7),
    "AFG004": ("roles.csv", 1),
    "AFG005": ("roles.csv", 1),
    "AFG006": ("roles.csv", 5),
    "AFG101": ("entities.csv", 7),
    "AFG102": ("facts.csv", 7),
    "AFG103": ("entities.csv", 7),
    "AFG104": ("facts.csv", 7),
    "AFG105": ("facts.csv", 7),
    "AFG106": ("facts.csv", 7),
    "AFG107": ("roles.csv", 2),
    "AFG108": ("entities.csv", 7),
    "AFG109": ("facts.csv", 7),
    "AFG201": ("entities.csv", 7),
    "AFG202": ("facts.csv", 7),
    "AFG203": ("facts.csv", 7),
    "AFG204": ("facts.csv", 7),
    "AFG205": ("facts.csv", 7),
    "AFG206": ("entities.csv", 7),
    "AFG207": ("entities.csv", 7),
}


def test_every_code_has_exactly_one_fixture():
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(CODES) == sorted(EXPECTED)


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_each_fixture_fails_with_its_code_only(rule, tmp_path):
    table = broken_table(rule, tmp_path)
    loaded, problems = read_table([table])
    assert loaded is None
    found = [(p.code, p.path.rsplit("/", 1)[-1], p.line) for p in problems]
    assert found == [(rule, *EXPECTED[rule])]


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_check_command_reports_file_line_code_and_exits_2(rule, tmp_path):
    table = broken_table(rule, tmp_path)
    result = run("check", str(table))
    assert result.exit_code == 2
    name, line = EXPECTED[rule]
    assert result.stdout.startswith(f"{table / name}:{line}: {rule} ")
    assert result.stdout.count("\n") == 1
    assert result.stderr == "afg: 1 problem(s)\n"


@pytest.mark.parametrize("rule", ["AFG003", "AFG202"])
def test_other_commands_refuse_a_broken_table(rule, tmp_path):
    table = broken_table(rule, tmp_path)
    result = run("--data", str(table), "who", "Kabul")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f" {rule} " in result.stderr and "Traceback" not in result.stderr


def test_load_table_raises_data_error_with_every_problem(tmp_path):
    table = broken_table("AFG104", tmp_path)
    with pytest.raises(DataError) as caught:
        load_table([table])
    assert [p.code for p in caught.value.problems] == ["AFG104"]


def test_several_defects_are_all_reported(tmp_path):
    table = broken_table("AFG102", tmp_path)
    with (table / "facts.csv").open("a", encoding="utf-8") as facts:
        facts.write("1999-ghost,1999,nobody,event,Something.,t1 [2],,,\n")
        facts.write("1999-silent,1999,kabul,event,,t1 [2],,,\n")
    _, problems = read_table([table])
    assert [(p.code, p.line) for p in problems] == [("AFG102", 7), ("AFG202", 8), ("AFG204", 9)]


def test_ucdp_actor_file_given_to_check(tmp_path):
    actors = tmp_path / "actors.csv"
    actors.write_text("\ufeffActorId,NameData\n303,Taleban\n", encoding="utf-8")
    table = broken_table("AFG108", tmp_path)
    (table / "entities.csv").write_text(
        (table / "entities.csv").read_text(encoding="utf-8").replace(",three hundred", ",300"), encoding="utf-8"
    )
    result = run("check", str(table), "--ucdp-actors", str(actors))
    assert result.exit_code == 2
    assert result.stdout == f"{table / 'entities.csv'}:7: AFG207 UCDP actor id 300 is not in the UCDP actor file\n"
    assert run("check", str(table)).exit_code == 0


def test_valid_fixture_and_shipped_table_are_clean():
    assert read_table([VALID])[1] == []
    result = run("check")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert re.fullmatch(r"afg: clean: 16 sources, \d+ entities, \d+ facts, \d+ roles\n", result.stderr)
    assert builtin_dir().joinpath("facts.csv").is_file()


def test_check_json(tmp_path):
    table = broken_table("AFG201", tmp_path)
    result = run("check", str(table), "--json")
    document = json.loads(result.stdout)
    assert document["ok"] is False
    assert [p["code"] for p in document["problems"]] == ["AFG201"]
