"""Periods as people write them, one source in full, the licence column, export's years, completion, the
progress bar."""

import csv
import io
import os
import shutil
import subprocess
import sys

import pytest
from conftest import TEST_CACHE, VALID, run, run_json


@pytest.mark.parametrize(
    "words, first_day, last_day",
    [
        (["Aug", "15", "2021"], "2021-08-15", "2021-08-15"),
        (["August", "15,", "2021"], "2021-08-15", "2021-08-15"),
        (["15", "Aug", "2021"], "2021-08-15", "2021-08-15"),
        (["15/08/2021"], "2021-08-15", "2021-08-15"),
        (["08/15/2021"], "2021-08-15", "2021-08-15"),
        (["2021/08"], "2021-08-01", "2021-08-31"),
        (["1980's"], "1980-01-01", "1989-12-31"),
        (["'80s"], "1980-01-01", "1989-12-31"),
        (["80s"], "1980-01-01", "1989-12-31"),
        (["1980s"], "1980-01-01", "1989-12-31"),
        (["2010s"], "2010-01-01", "2019-12-31"),
    ],
)
def test_periods_as_people_write_them(words, first_day, last_day):
    result, answer = run_json("year", *words)
    assert result.exit_code == 0
    assert (answer["first_day"], answer["last_day"]) == (first_day, last_day)


def test_an_ambiguous_day_is_refused_with_the_forms_that_work():
    result = run("year", "03/04/2001")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("afg: '03/04/2001' could be 3 April or 4 March: ")
    assert "Aug 15 2021" in result.stderr and "1990s" in result.stderr


@pytest.mark.parametrize("period", ["2030", "2099-01", "1900", "1910s"])
def test_a_period_beyond_the_table_has_nothing_not_even_a_role_still_held(period):
    result = run("year", period)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"afg: nothing in the table for {period}\n"
    result, answer = run_json("year", period)
    assert result.exit_code == 1 and answer["facts"] == [] and answer["in_power"] == []


def test_one_source_in_full():
    result = run("sources", "000")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "000  Afghan conflict"
    assert "Address    https://en.wikipedia.org/wiki/Afghan_conflict" in lines
    assert "Licence    CC BY-SA 4.0" in lines
    assert any(line.startswith("Facts      ") and " cite it, dated " in line for line in lines)
    _, answer = run_json("sources", "000")
    assert (answer["id"], answer["licence"], answer["url"]) == ("000", "CC BY-SA 4.0", "https://en.wikipedia.org/wiki/Afghan_conflict")
    assert answer["facts"] > 100 and answer["earliest"] <= answer["latest"]
    _, fixture = run_json("--data", str(VALID), "sources", "t2")
    assert (fixture["facts"], fixture["earliest"], fixture["latest"], fixture["licence"]) == (2, "2021-08", "2022-08", None)


def test_an_unknown_source_is_not_found():
    result = run("--data", str(VALID), "sources", "999")
    assert result.exit_code == 1
    assert result.stderr == "afg: no source '999'; the sources are t1, t2\n"


def test_a_table_whose_sources_have_no_licence_column_still_loads(tmp_path):
    # The fixture's header is the older one, without `licence`; with it, the column is read.
    assert "licence" not in (VALID / "sources.csv").read_text(encoding="utf-8").splitlines()[0]
    table = tmp_path / "table"
    shutil.copytree(VALID, table)
    rows = list(csv.reader(io.StringIO((table / "sources.csv").read_text(encoding="utf-8"))))
    rows[0].append("licence")
    for row in rows[1:]:
        row.append("CC BY 4.0")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (table / "sources.csv").write_text(out.getvalue(), encoding="utf-8")
    assert run("check", str(table)).exit_code == 0
    assert run_json("--data", str(table), "sources", "t1")[1]["licence"] == "CC BY 4.0"


def test_the_facts_csv_carries_year_and_end_year():
    result = run("--data", str(VALID), "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    spans = {row["date"]: (row["year"], row["end_year"]) for row in rows}
    assert spans["1994/1999"] == ("1994", "1999") and spans["1996-09-27"] == ("1996", "1996")


def complete(*words, data=str(VALID)):
    """What bash completion offers after `afg WORDS`, the last word being completed."""
    environment = os.environ | {
        "_AFG_COMPLETE": "complete_bash", "COMP_WORDS": " ".join(["afg", *words]), "COMP_CWORD": str(len(words)),
        "AFG_CACHE_DIR": TEST_CACHE, "AFG_DATA": data,
    }
    result = subprocess.run([sys.executable, "-m", "afgcli"], capture_output=True, text=True, env=environment)
    return result.stdout.split()


def test_completion_offers_names_decades_and_formats():
    run("--data", str(VALID), "sources")  # the index exists: completion reads it, never the CSV
    assert complete("who", "Ahm") == ["Ahmad"]
    assert complete("who", "Ahmad", "") == ["Massoud", "Shah"]
    assert complete("timeline", "tal") == ["taleban", "taliban"]
    assert complete("year", "19") == ["1990s"]
    assert complete("export", "--format", "") == ["csv", "jsonl", "json"]


def test_completion_without_an_index_offers_nothing_rather_than_reading_the_table(tmp_path):
    table = tmp_path / "fresh"
    shutil.copytree(VALID, table)
    assert complete("who", "Ahm", data=str(table)) == []


@pytest.mark.parametrize("shell, marks", [("bash", "complete_bash"), ("zsh", "#compdef afg"), ("fish", "complete_fish")])
def test_the_completion_script_is_shown_for_each_shell(shell, marks):
    # typer reads the shell it runs under unless told not to; here the shell named is the one shown
    env = os.environ | {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    result = subprocess.run([sys.executable, "-m", "afgcli", "--show-completion", shell], capture_output=True, text=True, env=env)
    assert result.returncode == 0 and "_AFG_COMPLETE" in result.stdout and marks in result.stdout


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_complete_names_from_the_index(shell):
    run("who", "Massoud", "--json")  # the index exists: completion reads it, never the CSV
    env = os.environ | {"_AFG_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": "afg who Najib",
                        "_TYPER_COMPLETE_FISH_ACTION": "get-args", "AFG_CACHE_DIR": TEST_CACHE}
    result = subprocess.run([sys.executable, "-m", "afgcli"], capture_output=True, text=True, env=env)
    assert result.returncode == 0 and "Najibullah" in result.stdout


def test_a_long_build_shows_a_progress_bar_only_on_a_terminal(tmp_path, monkeypatch):
    from afgcli.index import cache
    synthetic = tmp_path / "synth"
    subprocess.run([sys.executable, str(VALID.parents[2] / "bench" / "synth.py"), "1000", str(synthetic)], check=True)
    monkeypatch.setattr(cache.BuildProgress, "DELAY", 0.0)
    monkeypatch.setenv("AFG_CACHE_DIR", str(tmp_path / "cache"))

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    for stream, shown in ((Terminal(), True), (io.StringIO(), False)):
        monkeypatch.setattr(sys, "stderr", stream)
        cache.open_index([synthetic], fresh=True)
        assert ("afg: indexing facts.csv" in stream.getvalue()) is shown


def test_an_unknown_source_is_null_in_json_and_exit_1():
    result = run("sources", "zzz", "--json")
    assert (result.exit_code, result.stdout) == (1, "null\n")
    assert result.stderr.startswith("afg: no source 'zzz'; the sources are 000, 001,")
