"""Human output at 80 columns without colour, compared with reviewed renderings in tests/golden/."""

from pathlib import Path

import pytest
from conftest import run

GOLDEN = Path(__file__).parent / "golden"

CASES = {
    "who-masood.txt": ["who", "masood"],
    "year-1990s.txt": ["year", "1990s"],
    "year-1996.txt": ["year", "1996"],
    "timeline.txt": ["timeline"],
    "search-nrf.txt": ["search", "NRF"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_rendering_matches_golden(name, fixture_table):
    result = run("--data", fixture_table, *CASES[name])
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / name).read_text(encoding="utf-8")
    assert "\x1b" not in result.stdout


def test_markup_in_data_is_shown_as_text(fixture_table):
    result = run("--data", fixture_table, "who", "Ahmad Shah Massoud")
    assert "<[bold]two days[/bold]>" in result.stdout


@pytest.mark.parametrize("columns", [40, 80, 200])
@pytest.mark.parametrize("args", [["who", "Massoud"], ["year", "1996"], ["timeline"], ["search", "Kabul"], ["sources"]])
def test_readable_at_every_width(columns, args, fixture_table):
    result = run("--data", fixture_table, *args, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= columns
    assert "\x1b" not in result.stdout
