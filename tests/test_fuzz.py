"""Every command driven with random arguments: whatever is typed, afg answers or says why."""

import json

from conftest import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

COMMANDS = ["who", "year", "search", "timeline", "sources", "export", "check", "fact-or-nothing"]
JSON_COMMANDS = {"who", "year", "search", "timeline", "sources", "check"}
OPTIONS = ["--json", "--limit", "-n", "--from", "--to", "--format", "-f", "--table", "-t", "--data", "--help", "-h",
           "--version", "--", "-", "csv", "jsonl", "json", "facts", "roles", "builtin", "1992", "0", "-1", "99999",
           "1990s", "August 2021", "Massoud", "Taliban", "NRF", "=", "--json=1", "--limit=5"]
PATHS = st.sampled_from(["builtin", "/nonexistent/afg", "/", "\udce9", "."])

words = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)  # any code point, control characters too
odd = st.sampled_from(["\x1b[2J", "\x1b]52;c;eA==\x07", "\x9b31m", "\u202e", "\u2067", "\u2028", "\x00", "\udce9",
                       "x" * 100_000, "م" * 5_000, "\x1b" * 1_000, " ", ""])
token = st.one_of(st.sampled_from(OPTIONS), st.sampled_from(OPTIONS), words, odd)


@st.composite
def command_lines(draw) -> list[str]:
    before = draw(st.one_of(st.just([]), st.just(["--data", "builtin"]), st.lists(st.one_of(st.just("--data"), PATHS), max_size=2)))
    command = draw(st.sampled_from(COMMANDS))
    rest = draw(st.lists(token, max_size=6)) + draw(st.sampled_from([[], ["--json"], ["--json"]]))
    # The options of the command anywhere among its arguments: shuffled
    return before + [command] + draw(st.permutations(rest))


def asks_for_json(args: list[str]) -> bool:
    options = args[: args.index("--")] if "--" in args else args
    command = next((a for a in options if a in COMMANDS), None)
    return command in JSON_COMMANDS and "--json" in options and not {"--help", "-h", "--version"} & set(options)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(args=command_lines())
def test_any_command_line(args):
    result = run(*args)
    assert result.exit_code in (0, 1, 2), (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    assert "\x1b" not in result.stderr
    if asks_for_json(args) and result.exit_code in (0, 1):
        json.loads(result.stdout)  # one document, nothing else
