"""The `afg` process builds only the command it runs (cli.app_for): the same output as the whole app."""

import pytest
from typer.testing import CliRunner

from afgcli.cli import app, app_for
from conftest import TEST_CACHE, VALID

CASES = [
    ["who", "Massoud", "--json"],
    ["who", "Massoud"],
    ["who", "Hikmatyr", "--json"],
    ["who", "Nobody Anywhere"],
    ["who"],
    ["who", "Massoud", "--limit", "0"],
    ["who", "Massoud", "--bogus"],
    ["--no-pager", "who", "Massoud", "-n", "2"],
    ["--data", str(VALID), "who", "Kabul", "--json"],
    ["--data=" + str(VALID), "year", "1992", "--json"],
    ["--data", "who", "who", "Massoud"],
    ["year", "1992", "--json"],
    ["year", "not a year"],
    ["search", "who", "led", "the", "Taliban", "--json"],
    ["search", "ceasefire", "-n", "3"],
    ["fact", "no-such-fact", "--json"],
    ["timeline", "Massoud", "--from", "1990", "--to", "1989"],
    ["sources", "--json"],
    ["chart", "facts", "--from", "1990", "--to", "1992", "--json"],
    ["chart"],
    ["export", "--format", "yaml"],
    ["check", "--json", str(VALID)],
    ["import"],
    ["import", "ucdp-ged"],
    ["import", "ucdp-cy", "--help"],
    ["whoo", "Massoud"],
    ["--version"],
    ["--no-such-option", "who", "Massoud"],
    ["who", "--help"],
    [],
]


@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_the_trimmed_app_answers_as_the_whole_app(args):
    env = {"COLUMNS": "80", "NO_COLOR": "1", "AFG_DATA": None, "TERM": "dumb", "AFG_CACHE_DIR": TEST_CACHE}
    whole = CliRunner().invoke(app, args, env=env)
    trimmed = CliRunner().invoke(app_for(args), args, env=env)
    assert (trimmed.exit_code, trimmed.stdout, trimmed.stderr) == (whole.exit_code, whole.stdout, whole.stderr)


def test_only_the_named_command_is_built():
    assert [c.callback.__name__ for c in app_for(["--no-pager", "who", "Massoud"]).registered_commands] == ["who"]
    assert [g.typer_instance.info.name for g in app_for(["import", "ucdp-cy"]).registered_groups] == ["import"]
    assert app_for(["who", "--help"]) is app and app_for(["whoo"]) is app and app_for([]) is app
