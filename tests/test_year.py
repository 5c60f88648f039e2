import pytest
from conftest import run, run_json


def ids(answer):
    return {f["id"] for f in answer["facts"]}


def test_year_1973_has_the_coup():
    result, answer = run_json("year", "1973")
    assert result.exit_code == 0
    assert answer["from"] == answer["to"] == 1973
    texts = " ".join(f["text"] for f in answer["facts"])
    assert "Daoud" in texts and "Zahir Shah" in texts


def test_year_1979_has_storm_333_and_is_in_date_order():
    _, answer = run_json("year", "1979")
    assert "1979-12-27-storm-333-a" in ids(answer)
    firsts = [f["date"].split("/")[0] for f in answer["facts"]]
    padded = [d + "-00" * (2 - d.count("-")) for d in firsts]
    assert padded == sorted(padded)


def test_range_and_decade_overlap():
    _, decade = run_json("year", "1990s")
    assert (decade["from"], decade["to"]) == (1990, 1999)
    _, one = run_json("year", "1992")
    assert ids(one) <= ids(decade)
    assert all(f["year"] <= 1999 and f.get("end_year", f["year"]) >= 1990 for f in decade["facts"])


def test_in_power_in_1992_includes_najibullah(fixture_table):
    _, answer = run_json("year", "1992")
    holders = {r["entity"] for r in answer["in_power"]}
    assert "mohammad-najibullah" in holders
    assert "ashraf-ghani" not in holders
    # Karmal's presidency ended in 1986; in 1992 source 006 has him lead Parcham, and only that.
    assert [(r["role"], r["organization"]) for r in answer["in_power"] if r["entity"] == "babrak-karmal"] == [
        ("leader (most powerful politician in Kabul after Najibullah's fall)", "parcham")
    ]


def test_fixture_year_exact(fixture_table):
    result, answer = run_json("--data", fixture_table, "year", "1996")
    assert [f["id"] for f in answer["facts"]] == ["1996-taliban-control", "1996-09-27-kabul-falls"]
    assert [(r["entity"], r["role"]) for r in answer["in_power"]] == [
        ("ahmad-shah-massoud", "Defence Minister"),
        ("taliban", "in power"),
    ]
    assert answer["facts"][0]["figures"] == [{"low": 80000, "high": 100000, "best": None, "unit": "fighters"}]


@pytest.mark.parametrize("period", ["abc", "99999", "1992-13", "2000-1990", "1995s", "", "19", "1996-02-30", "Ma 1992", "Smarch 1992"])
def test_bad_periods_are_usage_errors(period):
    result = run("year", period)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("afg: ") and result.stderr.count("\n") == 1


def test_a_year_with_nothing_exits_1(fixture_table):
    result = run("--data", fixture_table, "year", "1950")
    assert result.exit_code == 1
    assert result.stderr == "afg: nothing in the table for 1950\n"


def test_ongoing_and_unknown_role_ends(fixture_table):
    _, later = run_json("--data", fixture_table, "year", "2022")
    assert [(r["entity"], r["ongoing"]) for r in later["in_power"]] == [("ahmad-massoud", True)]
    _, before = run_json("--data", fixture_table, "year", "2020")
    assert before["in_power"] == []


@pytest.mark.parametrize("period", ["1979", "1992", "1989-1992", "2020s", "1996", "1996-09", "2021-08-15"])
def test_json_from_stored_texts_is_the_document_the_records_make(period):
    import json

    from afgcli.index.cache import open_library
    from afgcli.show import jsonout
    from afgcli.table.schema import builtin_layers

    answer = open_library(builtin_layers()).period(period)
    expected = json.dumps(jsonout.period(answer), ensure_ascii=False) + "\n"
    assert answer.facts
    assert run("year", period, "--json").stdout == expected


def test_a_month_has_the_facts_dated_in_it_and_the_spans_that_meet_it(fixture_table):
    result, answer = run_json("--data", fixture_table, "year", "1996-09")
    assert result.exit_code == 0
    assert (answer["from"], answer["to"], answer["first_day"], answer["last_day"]) == (1996, 1996, "1996-09-01", "1996-09-30")
    # 1994/1999 spans the month; 1996-09-27 lies in it.
    assert [f["id"] for f in answer["facts"]] == ["1996-taliban-control", "1996-09-27-kabul-falls"]
    assert run_json("--data", fixture_table, "year", "September", "1996")[1]["facts"] == answer["facts"]
    assert run_json("--data", fixture_table, "year", "Sept.", "1996")[1]["facts"] == answer["facts"]


def test_a_date_known_only_to_the_month_is_not_placed_on_a_day_of_it(fixture_table):
    # The NRF's founding is dated 2021-08: it may or may not fall on the 15th. Ahmad Massoud's
    # leadership, from 2021-08 and still held, spans the day.
    result, answer = run_json("--data", fixture_table, "year", "2021-08-15")
    assert result.exit_code == 0
    assert (answer["first_day"], answer["last_day"]) == ("2021-08-15", "2021-08-15")
    assert answer["facts"] == []
    assert [(r["entity"], r["role"]) for r in answer["in_power"]] == [("ahmad-massoud", "leader")]
    assert [f["id"] for f in run_json("--data", fixture_table, "year", "2021-08")[1]["facts"]] == ["2021-08-nrf-founded"]
    assert run("--data", fixture_table, "year", "15", "August", "2021", "--json").stdout == run(
        "--data", fixture_table, "year", "2021-08-15", "--json"
    ).stdout.replace('"query": "2021-08-15"', '"query": "15 August 2021"')


def test_a_year_gives_its_days_in_the_json(fixture_table):
    _, answer = run_json("--data", fixture_table, "year", "1990s")
    assert (answer["from"], answer["to"], answer["first_day"], answer["last_day"]) == (1990, 1999, "1990-01-01", "1999-12-31")


def test_a_month_on_a_terminal_puts_the_spans_begun_earlier_last(fixture_table):
    result = run("--data", fixture_table, "year", "1996-09")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "1996-09"
    assert [line.split(" (")[0] for line in lines if "(" in line and line[0] != " "] == ["Facts"]
    assert lines[-1] == "1 longer fact begun earlier runs through this month: add --ongoing"
    listed = run("--data", fixture_table, "year", "1996-09", "--ongoing").stdout.splitlines()
    assert [line.split(" (")[0] for line in listed if "(" in line and line[0] != " "] == [
        "Facts",
        "Also running in 1996-09, begun earlier",
    ]
    assert "--ongoing" not in listed[-1]
