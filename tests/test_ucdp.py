"""UCDP beside the curated facts: the importers on UCDP's real files, bad rows, and the records they make."""

import csv
import filecmp
import json
from collections import Counter, defaultdict

import pytest
from conftest import SHARED_SOURCES, run, run_json

from afgcli.table.schema import builtin_dir

UCDP = SHARED_SOURCES.parent / "data" / "ucdp"
GED = UCDP / "ged-23.1-sample.csv"
CY = UCDP / "organizedviolencecy_v25_1.csv"
needs_ucdp = pytest.mark.skipif(not UCDP.is_dir(), reason="shared UCDP data not beside the checkout")

GED_HEADER = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,"
    "dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,"
    "number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,"
    "where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,"
    "region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,"
    "high,low,gwnoa,gwnob"
)


def ged_row(event, date_start="2015-03-01 00:00:00.000", date_end=None, prec="1", best="4", low="3", high="6",
            deaths=("1", "2", "1", "0"), country=("Afghanistan", "700"), article="Xinhua; BBC"):
    values = dict.fromkeys(GED_HEADER.split(","), "")
    values |= {
        "id": str(event), "year": date_start[:4], "type_of_violence": "1", "dyad_name": "Government of Afghanistan - Taleban",
        "side_a_new_id": "130", "side_a": "Government of Afghanistan", "side_b_new_id": "303", "side_b": "Taleban",
        "source_article": article, "where_prec": "3", "adm_1": "Helmand province", "adm_2": "Musa Qala district",
        "country": country[0], "country_id": country[1], "event_clarity": "1", "date_prec": prec,
        "date_start": date_start, "date_end": date_end or date_start, "deaths_a": deaths[0], "deaths_b": deaths[1],
        "deaths_civilians": deaths[2], "deaths_unknown": deaths[3], "best": best, "low": low, "high": high,
    }
    return values


def write_ged(path, rows, header=GED_HEADER):
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header.split(","))
        for row in rows:
            writer.writerow([row.get(column, "") for column in header.split(",")])
    return path


def test_ged_dates_at_the_precision_ucdp_gives(tmp_path):
    rows = [
        ged_row(1, "2015-03-01 00:00:00.000"),
        ged_row(2, "2015-03-01 00:00:00.000", "2015-03-04 00:00:00.000", prec="2"),
        ged_row(3, "2015-03-01 00:00:00.000", "2015-03-31 00:00:00.000", prec="4"),
        ged_row(4, "2015-01-01 00:00:00.000", "2015-12-31 00:00:00.000", prec="5"),
        ged_row(5, "2015-11-01 00:00:00.000", "2016-01-31 00:00:00.000", prec="4"),
    ]
    result = run("import", "ucdp-ged", str(write_ged(tmp_path / "ged-23.1-test.csv", rows)), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "afg: kept 5 of 5 rows: 5 facts, 1 entities; 0 row(s) refused\n"
    with (tmp_path / "out" / "facts.csv").open(encoding="utf-8") as stream:
        facts = list(csv.DictReader(stream))
    assert [(f["id"], f["date"]) for f in facts] == [
        ("ucdp-ged-1", "2015-03-01"), ("ucdp-ged-2", "2015-03-01/2015-03-04"), ("ucdp-ged-3", "2015-03"),
        ("ucdp-ged-4", "2015"), ("ucdp-ged-5", "2015-11/2016-01"),
    ]
    first = facts[0]
    assert first["entities"] == "ucdp-actor-130; taliban; helmand; afghanistan"
    assert (first["low"], first["high"], first["best"], first["unit"]) == ("3", "6", "4", "deaths")
    assert first["text"] == (
        "UCDP records state-based armed conflict between Government of Afghanistan and Taleban in Musa Qala district, "
        "Helmand province (placed to the district): 4 deaths (low 3, high 6); 1 on Government of Afghanistan's side, "
        "2 on Taleban's side, 1 civilians, 0 unknown. Event clarity: clear."
    )
    assert first["sources"] == "ucdp-ged-23-1 event 1 (Xinhua, BBC)"


def test_ged_bad_rows_are_reported_with_their_line_and_the_rest_imports(tmp_path):
    rows = [ged_row(1), ged_row(2, date_start=""), ged_row(3, best="-4"), ged_row(4, low="x"), ged_row(5)]
    result = run("import", "ucdp-ged", str(write_ged(tmp_path / "ged-23.1-test.csv", rows)), "--out", str(tmp_path / "out"))
    path = tmp_path / "ged-23.1-test.csv"
    assert result.exit_code == 0
    assert result.stderr == (
        f"afg: {path}:3: AFG102 event 2: date_start '' is not a date\n"
        f"afg: {path}:4: AFG106 event 3: best '-4' is not a death count (a whole number, 0 or more)\n"
        f"afg: {path}:5: AFG106 event 4: low 'x' is not a death count (a whole number, 0 or more)\n"
        "afg: kept 2 of 5 rows: 2 facts, 1 entities; 3 row(s) refused\n"
    )
    assert run("--data", "builtin", "--data", str(tmp_path / "out"), "check").exit_code == 0


def test_ged_of_an_unknown_layout_is_refused_whole(tmp_path):
    path = write_ged(tmp_path / "ged-23.1-test.csv", [], header="id,year,country")
    result = run("import", "ucdp-ged", str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"afg: {path}:1: AFG005 not UCDP's GED layout: no column 'type_of_violence', ")
    assert not (tmp_path / "out").exists()


def test_ged_needs_a_version_it_can_tell(tmp_path):
    path = write_ged(tmp_path / "events.csv", [ged_row(1)])
    result = run("import", "ucdp-ged", str(path), "--out", str(tmp_path / "out"))
    assert (result.exit_code, result.stderr) == (2, "afg: cannot tell the GED version from 'events.csv'; give --version (such as 23.1)\n")
    assert run("import", "ucdp-ged", str(path), "--out", str(tmp_path / "out"), "--version", "24.1").exit_code == 0
    assert (tmp_path / "out" / "sources.csv").read_text(encoding="utf-8").splitlines()[1].startswith(
        'ucdp-ged-24-1,"UCDP Georeferenced Event Dataset (GED), version 24.1",'
    )


@needs_ucdp
def test_ged_sample_rows_per_country_and_deaths_per_year_as_in_the_csv(tmp_path):
    with GED.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    afghan = [r for r in rows if r["country_id"] == "700"]
    result = run("import", "ucdp-ged", str(GED), "--out", str(tmp_path / "af"))
    # Civilians, the Government of Afghanistan (UCDP 130, which spans several regimes) and the Khalis faction
    assert result.stderr.endswith(f"afg: kept {len(afghan)} of 1,000 rows: {len(afghan)} facts, 3 entities; 0 row(s) refused\n")
    every = run("import", "ucdp-ged", str(GED), "--out", str(tmp_path / "all"), "--country", "all", "--json")
    assert json.loads(every.stdout)["kept"] == 1000
    by_name = run("import", "ucdp-ged", str(GED), "--out", str(tmp_path / "pk"), "--country", "pakistan", "--json")
    assert json.loads(by_name.stdout)["kept"] == sum(r["country"] == "Pakistan" for r in rows)

    exported = json.loads(run("--data", "builtin", "--data", str(tmp_path / "af"), "export").stdout)
    events = [f for f in exported["facts"] if f["origin"] == "UCDP GED 23.1"]
    deaths = defaultdict(int)
    for fact in events:
        deaths[fact["year"]] += fact["figures"][0]["best"]
    expected = defaultdict(int)
    for row in afghan:
        expected[int(row["date_start"][:4])] += int(row["best"])
    assert dict(deaths) == dict(expected)
    precision = Counter(row["date_prec"] for row in afghan)
    days = sum(1 for f in events if len(f["date"]) == 10)
    assert days == sum(1 for r in afghan if r["date_start"][:10] == r["date_end"][:10] and r["date_prec"] in "123")
    assert precision["1"] <= days


@needs_ucdp
def test_reimporting_writes_the_same_table_byte_for_byte(tmp_path):
    run("import", "ucdp-ged", str(GED), "--out", str(tmp_path / "one"))
    run("import", "ucdp-ged", str(GED), "--out", str(tmp_path / "two"))
    names = ["sources.csv", "entities.csv", "facts.csv", "roles.csv"]
    assert filecmp.cmpfiles(tmp_path / "one", tmp_path / "two", names, shallow=False) == (names, [], [])


@needs_ucdp
def test_the_shipped_ucdp_layer_is_what_the_importer_makes_of_ucdps_file(tmp_path):
    result = run("--data", "curated", "import", "ucdp-cy", str(CY), "--out", str(tmp_path / "cy"))
    assert result.exit_code == 0, result.stderr
    names = ["sources.csv", "entities.csv", "facts.csv", "roles.csv"]
    assert filecmp.cmpfiles(builtin_dir() / "ucdp", tmp_path / "cy", names, shallow=False) == (names, [], [])


@needs_ucdp
def test_ged_events_answer_in_year_with_their_origin_and_three_estimates(tmp_path):
    run("import", "ucdp-ged", str(GED), "--out", str(tmp_path / "ged"))
    _, answer = run_json("--data", "builtin", "--data", str(tmp_path / "ged"), "year", "2015")
    events = {f["id"]: f for f in answer["facts"] if f["origin"] == "UCDP GED 23.1"}
    with GED.open(encoding="utf-8", newline="") as stream:
        expected = [r["id"] for r in csv.DictReader(stream) if r["country_id"] == "700" and r["date_start"][:4] == "2015"]
    assert sorted(events) == sorted(f"ucdp-ged-{event}" for event in expected)
    event = events["ucdp-ged-194442"]
    assert event["figures"] == [{"low": 3, "high": 7, "best": 7, "unit": "deaths"}]
    assert event["sources"][0]["id"] == "ucdp-ged-23-1"
    assert event["sources"][0]["cite"].startswith("event 194442 (BBC Monitoring South Asia,")


def test_year_carries_ucdps_deaths_by_kind_of_violence():
    _, answer = run_json("year", "2019")
    ucdp = {f["id"]: f for f in answer["facts"] if f["origin"] == "UCDP Country-Year 25.1"}
    assert sorted(ucdp) == ["ucdp-cy-700-2019-non-state", "ucdp-cy-700-2019-one-sided", "ucdp-cy-700-2019-state-based"]
    assert ucdp["ucdp-cy-700-2019-state-based"]["figures"] == [
        {"low": 28051, "high": 34779, "best": 29940, "unit": "deaths in state-based armed conflict"}
    ]
    assert all(f["origin"] == "curated" for f in answer["facts"] if f["id"] not in ucdp)


def test_curated_leaves_the_ucdp_layer_out():
    _, answer = run_json("--data", "curated", "year", "2019")
    assert [f for f in answer["facts"] if f["origin"] != "curated"] == []
    _, listed = run_json("--data", "curated", "sources")
    assert "ucdp-cy-25-1" not in [s["id"] for s in listed["sources"]]


def test_sources_credit_ucdp_with_its_citation():
    _, answer = run_json("sources")
    ucdp = [s for s in answer["sources"] if s["id"] == "ucdp-cy-25-1"][0]
    assert ucdp["origin"] == "UCDP Country-Year 25.1"
    assert ucdp["citation"].startswith("Davies, S., Pettersson, T., Sollenberg, M., & Öberg, M. (2025). Organized violence")
    assert ucdp["facts"] == 96


def test_chart_deaths_draws_1989_to_2024_from_the_builtin_layer():
    result, answer = run_json("chart", "deaths")
    assert result.exit_code == 0
    (series,) = answer["series"]
    assert [p["year"] for p in series["points"]] == list(range(1989, 2025))
    assert series["points"][-6] == {"year": 2019, "value": 30435, "low": 28505, "high": 35335, "count": 3}
    plain = run("chart", "deaths", "--from", "2019", "--to", "2019")
    assert plain.stdout.splitlines()[2].split() == ["2019", "█" * 38 + "░" * 6, "30,435", "(28,505–35,335)"]
    assert "\x1b[" not in plain.stdout


def test_chart_deaths_by_kind_and_bounds():
    _, answer = run_json("chart", "deaths", "--by", "kind", "--from", "2021", "--to", "2021")
    assert [(s["label"], [p["value"] for p in s["points"]]) for s in answer["series"]] == [
        ("non-state", [11]), ("one-sided", [588]), ("state-based", [35787])
    ]


def test_chart_events_needs_a_ged_layer_and_an_actor():
    assert run("chart", "events").exit_code == 2
    result = run("chart", "events", "Taliban")
    assert (result.exit_code, result.stderr) == (
        1, "afg: no events to chart for Taliban (import a GED file and layer it with --data)\n"
    )


@needs_ucdp
def test_chart_events_of_an_actor_from_a_ged_layer(tmp_path):
    run("import", "ucdp-ged", str(GED), "--out", str(tmp_path / "ged"))
    _, answer = run_json("--data", "builtin", "--data", str(tmp_path / "ged"), "chart", "events", "Taleban")
    with GED.open(encoding="utf-8", newline="") as stream:
        rows = [r for r in csv.DictReader(stream) if r["country_id"] == "700" and "303" in (r["side_a_new_id"], r["side_b_new_id"])]
    counts = Counter(int(r["date_start"][:4]) for r in rows)
    assert answer["subject"] == "Taliban"
    assert {p["year"]: p["count"] for p in answer["series"][0]["points"]} == dict(counts)


def test_chart_facts_counts_curated_facts_per_year():
    _, answer = run_json("chart", "facts", "--from", "1973", "--to", "1973")
    _, year = run_json("--data", "curated", "year", "1973")
    assert answer["series"][0]["points"] == [
        {"year": 1973, "value": sum(f["year"] == 1973 for f in year["facts"]), "low": None, "high": None,
         "count": sum(f["year"] == 1973 for f in year["facts"])}
    ]


def test_year_on_screen_shows_ucdps_figures_under_the_curated_facts():
    lines = run("--no-pager", "year", "2019").stdout.splitlines()
    titles = [line for line in lines if line.startswith(("Facts (", "UCDP Country-Year 25.1 (", "Also running"))]
    assert titles[0].startswith("Facts (") and titles[-1] == "UCDP Country-Year 25.1 (3)"
    assert any("29,940 deaths (low 28,051, high 34,779)" in line for line in lines)


@needs_ucdp
def test_who_counts_an_actors_ged_events_per_year(tmp_path):
    run("import", "ucdp-ged", str(GED), "--out", str(tmp_path / "ged"))
    lines = run("--data", "builtin", "--data", str(tmp_path / "ged"), "--no-pager", "who", "Taliban").stdout.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("UCDP GED 23.1: ")))
    assert lines[start + 1].split() == ["Year", "Records", "Deaths", "(best)", "Low–high"]
    assert lines[start + 3].split() == ["1996", "1", "4", "4–4"]
    assert not any(line.startswith("ucdp-ged-") for line in lines)


def test_sources_list_the_ucdp_dataset_with_its_licence_and_citation():
    out = run("--no-pager", "sources").stdout
    assert "CC BY 4.0" in out
    assert "ucdp-cy-25-1: cite as Davies, S., Pettersson, T., Sollenberg, M., & Öberg, M." in out


def test_a_layer_may_hold_its_own_entity_for_an_actor_the_curated_table_codes(tmp_path):
    """A GED layer imported before the curated table coded an actor keeps working (AFG206 is per table)."""
    rows = [ged_row(1)]
    path = write_ged(tmp_path / "ged-23.1-test.csv", rows)
    run("--data", "curated", "import", "ucdp-ged", str(path), "--out", str(tmp_path / "ged"))
    entities = tmp_path / "ged" / "entities.csv"
    text = entities.read_text(encoding="utf-8")
    entities.write_text(text + "ucdp-actor-303,Taleban movement (as imported),group,,A side,,,ucdp-ged-23-1 actor 303,303\n",
                        encoding="utf-8")
    result = run("--data", "builtin", "--data", str(tmp_path / "ged"), "check")
    assert result.exit_code == 0, result.stdout
