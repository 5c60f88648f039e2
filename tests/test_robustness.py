"""Whatever a user types, afg answers or says why, with the expected exit code and no traceback."""

import json
import re

import pytest
from conftest import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HOSTILE = [
    "",
    "   ",
    "x" * 10_000,
    "\x1b[31mred\x1b[0m",
    "\x1b]0;pwned\x07",
    "[bold]x[/]",
    "[/]",
    "مسعود",
    "\u202eevil",
    "نجیب الله",
]


@pytest.mark.parametrize("command", ["who", "search", "timeline", "year"])
@pytest.mark.parametrize("argument", HOSTILE)
def test_hostile_arguments(command, argument):
    result = run(command, argument)
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.stdout + result.stderr
    assert not CONTROL.search(result.stderr.replace("\n", ""))
    if result.exit_code:
        assert result.stderr.startswith("afg: ")
        assert result.stderr.count("\n") == 1
        assert len(result.stderr) < 400


@pytest.mark.parametrize("argument", HOSTILE)
def test_hostile_arguments_give_valid_json(argument):
    for command in ("who", "search"):
        result = run(command, argument, "--json")
        if result.exit_code != 2:
            json.loads(result.stdout)


@pytest.mark.parametrize(
    "args",
    [["year", "-5"], ["year", "abc"], ["timeline", "--from", "abc"], ["who", "--bogus"], ["export", "--format", "xml"]],
)
def test_bad_usage_is_one_line_and_exit_2(args):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("afg: ") and result.stderr.count("\n") == 1


queries = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries, command=st.sampled_from(["who", "search", "timeline", "year"]), as_json=st.booleans())
def test_random_unicode_queries(query, command, as_json):
    result = run(command, *(["--json"] if as_json else []), "--", query)  # after --, even "--help" is a query
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.stderr
    if as_json and result.exit_code in (0, 1):
        json.loads(result.stdout)
    if not as_json:
        for character in set(CONTROL.findall(query)):
            assert character not in result.stdout
            assert character not in result.stderr


UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@given(st.text())
def test_visible_text_holds_no_control_or_bidi_character(text):
    from afgcli.show.safetext import visible

    shown = visible(text)
    assert not UNSAFE.search(shown)
    assert len(shown) == len(text)
    if not UNSAFE.search(text):
        assert shown == text


def test_visible_shows_stand_ins():
    from afgcli.show.safetext import visible

    assert visible("a\x1b[31mb\u202ec\td\x7f") == "a\u241b[31mb\ufffdc\u2409d\u2421"
