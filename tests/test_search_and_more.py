import csv
import io
import json

from conftest import run, run_json


def test_search_finds_named_events():
    for words, wanted in [
        (["Geneva", "Accords"], "geneva-accords"),
        (["Operation", "Cyclone"], "operation-cyclone"),
        (["Peshawar", "Accord"], "peshawar-accord"),
        (["Doha", "Agreement"], "doha-agreement"),
        (["Second", "Vienna", "Conference"], "second-vienna-conference"),
    ]:
        result, answer = run_json("search", *words)
        assert result.exit_code == 0
        first = answer["results"][0]
        assert (first["type"], first["id"]) == ("entity", wanted)


def test_search_scores_a_name_that_holds_the_words_as_it_scores_a_fact():
    # "Bonn Agreement" holds the word asked for: in search it is no worse a hit than a fact that does.
    result, answer = run_json("search", "Bonn", "-n", "3")
    assert [(r["type"], r["id"], r["score"]) for r in answer["results"]] == [
        ("entity", "bonn-conference-2001", 100.0),  # equals on the word: the one the table says more about first
        ("entity", "bonn-agreement", 100.0),
        ("entity", "humayun-tandar", 100.0),  # a delegate at Bonn: a role held counts as a word of his name
    ]


def test_search_puts_the_name_asked_for_before_names_that_hold_it():
    result, answer = run_json("search", "Taliban", "-n", "2")
    assert [(r["type"], r["id"]) for r in answer["results"]] == [("entity", "taliban"), ("entity", "fall-of-kabul-2021")]


def test_search_puts_facts_about_the_named_entity_first_among_equals():
    result, answer = run_json("search", "Doha", "Agreement", "-n", "30")
    facts = [r for r in answer["results"] if r["type"] == "fact" and r["score"] == 100]
    about = ["doha-agreement" in r["entities"] for r in facts]
    assert about[0] and about == sorted(about, reverse=True)  # every fact about it before any other
    assert not all(about)


def test_search_ranks_and_types(fixture_table):
    result, answer = run_json("--data", fixture_table, "search", "Kabul")
    assert [(r["type"], r["id"], r["score"]) for r in answer["results"]] == [
        ("entity", "kabul", 100.0),
        ("fact", "1996-09-27-kabul-falls", 100.0),
    ]


def test_search_nothing_exits_1(fixture_table):
    result = run("--data", fixture_table, "search", "zzzzqqq")
    assert result.exit_code == 1
    assert result.stderr == "afg: nothing found for 'zzzzqqq'\n"


def test_timeline_for_an_entity_with_bounds(fixture_table):
    result, answer = run_json("--data", fixture_table, "timeline", "Massoud", "--from", "2000", "--to", "2001")
    assert [f["id"] for f in answer["facts"]] == ["2001-09-09-massoud-killed"]
    assert answer["entity"] == "ahmad-shah-massoud"


def test_timeline_reversed_bounds_are_bad_usage():
    result = run("timeline", "--from", "2000", "--to", "1990")
    assert result.exit_code == 2
    assert result.stderr == "afg: --from 2000 is after --to 1990; give the earlier year to --from\n"


def test_sources_counts(fixture_table):
    _, answer = run_json("--data", fixture_table, "sources")
    assert [(s["id"], s["facts"]) for s in answer["sources"]] == [("t1", 3), ("t2", 2)]


def test_builtin_sources_are_all_cited():
    _, answer = run_json("sources")
    assert [s["id"] for s in answer["sources"]] == [f"{n:03}" for n in range(15)] + ["ucdp-cy-25-1"]
    assert all(s["facts"] > 20 for s in answer["sources"])


def test_export_csv_round_trips_the_table(fixture_table):
    result = run("--data", fixture_table, "export", "--format", "csv", "--table", "roles")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["entity", "role", "organization", "start", "end", "sources"]
    assert rows[3] == ["ahmad-massoud", "leader", "national-resistance-front", "2021-08", "..", "t2 ¶3"]


def test_export_jsonl_and_json(fixture_table):
    lines = run("--data", fixture_table, "export", "--format", "jsonl").stdout.splitlines()
    types = [json.loads(line)["type"] for line in lines]
    assert types == ["source"] * 2 + ["entity"] * 5 + ["fact"] * 5 + ["role"] * 3
    document = json.loads(run("--data", fixture_table, "export", "--format", "json").stdout)
    assert list(document) == ["sources", "entities", "facts", "roles"]


def test_version_and_unknown_command():
    from afgcli import __version__

    assert run("--version").stdout == f"afg {__version__}\n"
    result = run("frobnicate")
    assert result.exit_code == 2
    assert result.stderr == "afg: No such command 'frobnicate'. (see 'afg --help')\n"


def test_layered_tables_answer_from_both(tmp_path, fixture_table):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "sources.csv").write_text("id,title,publisher,published,url,file\nmy,My notes,Me,2026,,notes.txt\n")
    (mine / "entities.csv").write_text("id,name,kind,aliases,summary,start,end,sources\n")
    (mine / "roles.csv").write_text("entity,role,organization,start,end,sources\n")
    (mine / "facts.csv").write_text(
        "id,date,entities,kind,text,sources,low,high,unit\n2026-note,2026,taliban,report,A note of mine.,my p1,,,\n"
    )
    result, answer = run_json("--data", fixture_table, "--data", str(mine), "timeline", "Taliban", "--from", "2026")
    assert [f["id"] for f in answer["facts"]] == ["2026-note"]
    env_result, env_answer = run_json("timeline", "Taliban", "--from", "2026", env={"AFG_DATA": f"{fixture_table}:{mine}"})
    assert env_answer == answer


def test_a_table_named_twice_is_one_layer(tmp_path, fixture_table):
    link = tmp_path / "same-table"
    link.symlink_to(fixture_table)
    once, answer = run_json("--data", fixture_table, "who", "Kabul")
    twice, twice_answer = run_json("--data", fixture_table, "--data", str(link), "--data", fixture_table, "who", "Kabul")
    assert (once.exit_code, twice.exit_code, twice.stderr) == (0, 0, "")
    assert twice_answer == answer


def _first_ids(*words: str, n: int = 3) -> list[str]:
    result, answer = run_json("search", *words, "-n", str(n))
    assert result.exit_code == 0, words
    return [r["id"] for r in answer["results"]]


def test_search_reads_numbers_with_or_without_separators_and_percent_signs():
    assert _first_ids("14453")[0] == _first_ids("14,453")[0] == "1979-12-soviet-war-deaths-a"
    assert _first_ids("90", "percent", n=2) == ["2024-afghan-poverty-90-percent-f", "1996-taliban-90-percent-a"]


def test_search_finds_a_fact_by_its_kind_and_by_what_its_figure_counts():
    assert "1979-12-24-soviet-invasion-a" in _first_ids("Soviet", "invasion")  # the text says "invaded"
    assert "1996-09-26-massoud-retreat-kabul-a" in _first_ids("Massoud", "retreat", "Kabul")


def test_search_finds_a_fact_through_the_names_of_its_entities():
    # The statement says "National Resistance Front"; NRF is the entity's alias.
    assert _first_ids("NRF", "ceasefire")[0] == "2021-08-nrf-taliban-ceasefire-d2"
    # The Netherlands' withdrawal says neither word: its entity's alias Dutch and "troops" find it, after a
    # statement that says both (Mountain Thrust) and the Netherlands (its name is Dutch, its summary troops).
    assert _first_ids("Dutch", "troops", n=3) == [
        "2006-05-operation-mountain-thrust-012", "netherlands", "2010-07-netherlands-troops-withdrawn-d1"
    ]


def test_search_forgives_word_forms_kindred_words_and_question_words():
    assert _first_ids("ISI", "funded", "Taliban")[:2] == ["1994-isi-funds-taliban-a", "1994-isi-strategic-depth-a"]
    assert _first_ids("Soviet", "soldiers", "died", n=1) == ["1979-12-soviet-war-deaths-a"]
    assert _first_ids("Najibullah", "executed", n=1) == ["1996-najibullah-executed-a"]
    assert "2001-09-09-ahmad-shah-massoud-assassinated-f" in _first_ids("when", "did", "Massoud", "die", n=20)


def test_search_never_takes_one_number_for_another():
    assert _first_ids("28000", n=3) == [
        "1996-28000-pakistanis-005", "2001-pakistani-nationals-fighting-c", "2001-8000-madrassa-recruits-c"
    ]
    result = run("search", "28001")
    assert (result.exit_code, result.stdout) == (1, "")


def test_search_reads_an_abbreviation_in_capitals_as_itself():
    result, answer = run_json("search", "FARA")
    assert [(r["type"], r["id"]) for r in answer["results"]] == [("fact", "2022-nrf-lobbying-group-fara-f")]


def test_search_finds_an_entity_by_its_summary_and_the_roles_it_holds():
    # No name holds "Defence Minister": Massoud held that office in the Islamic State of Afghanistan.
    result, answer = run_json("search", "Defence", "Minister", "Islamic", "State", "-n", "3")
    hits = [(r["type"], r["id"], r["score"]) for r in answer["results"]]
    assert hits[0] == ("entity", "ahmad-shah-massoud", 100.0)  # the office he held: a role's words count in full
    assert ("entity", "bismillah-khan-mohammadi", 83.3) in hits  # "Defence Minister" in his summary
    # A name word counts in full, a word of the summary or of a role a little less.
    assert _first_ids("Massoud", "Panjshir", n=1) == ["ahmad-shah-massoud"]
    result, answer = run_json("search", "spokesperson", "Watandost", "-n", "3")
    assert ("entity", "zahra-sadat", 100.0) in [(r["type"], r["id"], r["score"]) for r in answer["results"]]


def test_search_knows_the_organization_of_a_role_by_any_of_its_names(fixture_table):
    # Ahmad Massoud leads the National Resistance Front, whose alias is NRF; no word of his name or summary is.
    result, answer = run_json("--data", fixture_table, "search", "leader", "NRF")
    assert [(r["type"], r["id"], r["score"]) for r in answer["results"]][0] == ("entity", "ahmad-massoud", 96.2)


def test_search_reads_how_many_questions():
    assert _first_ids("how", "many", "troops", "did", "the", "Netherlands", "withdraw", n=1) == ["2010-07-netherlands-troops-withdrawn-d1"]
    assert _first_ids("Taliban", "salaries", "Pakistan", n=1) == ["1997-pakistan-10-million-wages-c"]


def test_search_falls_back_to_half_the_words_when_nothing_holds_enough():
    # The table calls him Michael Mullen: "Mike", a common word in no name or statement, is left out.
    result, answer = run_json("search", "Mike", "Mullen")
    assert result.exit_code == 0
    assert [(r["id"], r["score"]) for r in answer["results"]] == [("michael-mullen", 100.0), ("2010-isi-backing-accusation-d1", 100.0)]


def test_search_spells_a_name_otherwise_only_as_another_name():
    # Mullen and million fold to the same skeleton; only the facts about Mullen are found.
    assert _first_ids("Mullen", n=20) == ["michael-mullen", "2010-isi-backing-accusation-d1"]


def test_search_meets_a_question_in_other_words_than_the_statement():
    assert _first_ids("what", "year", "was", "the", "PDPA", "founded", n=1) == ["1965-pdpa-founded-a"]
    assert _first_ids("Iran", "supported", "Wahdat", n=1) == ["1992-iran-backs-wahdat-a"]  # "assisted"
    assert "1979-12-soviet-war-deaths-a" in _first_ids("Soviet", "casualties", n=4)  # "lost their lives", 14,453 dead


def test_search_finds_a_number_in_words_or_in_digits():
    assert _first_ids("500,000", "fled", n=1) == ["1992-half-million-fled-a"]  # "half a million": the figure is 500000
    assert _first_ids("thirty", "commanders", n=1) == _first_ids("30", "commanders", n=1) == ["1990-commanders-conference-plan-a"]


def test_search_reads_a_year_as_the_facts_dated_in_it():
    # The statement of the 2024 fact does not say 2024; its date does.
    assert "2024-nrf-twenty-provinces-f" in _first_ids("NRF", "provinces", "2024", n=2)
    assert "2024-nrf-twenty-provinces-f" not in _first_ids("NRF", "provinces", "2022", n=2)


def test_search_lists_hits_holding_fewer_words_after_the_best():
    result, answer = run_json("search", "China", "humanitarian", "aid", "since", "Taliban", "took", "power", "-n", "2")
    assert [(r["id"], r["score"]) for r in answer["results"]] == [("2024-humanitarian-23-million-f", 79.1), ("2021-china-humanitarian-aid-f", 77.0)]
