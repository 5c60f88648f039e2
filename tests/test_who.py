import pytest
from conftest import run, run_json


@pytest.mark.parametrize(
    "query, expected",
    [
        (["Massoud"], "ahmad-shah-massoud"),
        (["Masood"], "ahmad-shah-massoud"),
        (["Ahmad", "Shah", "Massoud"], "ahmad-shah-massoud"),
        (["ahmad", "massoud"], "ahmad-massoud"),
        (["Hekmatyar"], "gulbuddin-hekmatyar"),
        (["Hikmatyar"], "gulbuddin-hekmatyar"),
        (["Hikmatyr"], "gulbuddin-hekmatyar"),
        (["Najib"], "mohammad-najibullah"),
        (["Najibullah"], "mohammad-najibullah"),
        (["Taleban"], "taliban"),
        (["Taliban"], "taliban"),
        (["Dostam"], "abdul-rashid-dostum"),
        (["Dostum"], "abdul-rashid-dostum"),
        (["Amrullah", "Saleh"], "amrullah-saleh"),
        (["Storm-333"], "operation-storm-333"),
        (["Karmal"], "babrak-karmal"),
        (["Ali", "Maisam", "Nazary"], "ali-maisam-nazary"),
        (["Ali", "Meysam", "Nazary"], "ali-maisam-nazary"),
        (["Jamaat", "Ansurallah"], "jamaat-ansarullah"),
        (["NRF"], "national-resistance-front"),
        (["Mazar-e", "Sharif"], "mazar-i-sharif"),
        (["al", "qaida"], "al-qaeda"),
        (["ZAHIR", "SHAH"], "mohammad-zahir-shah"),
        (["King", "Zahir", "Shah"], "mohammad-zahir-shah"),
        (["Lieutenant", "General", "Boris", "Gromov"], "boris-gromov"),
        (["President", "Karzai"], "hamid-karzai"),
        (["Defence", "Minister", "Shahnawaz", "Tanai"], "shahnawaz-tanai"),
        (["Professor", "Rabbani"], "burhanuddin-rabbani"),
        (["Governor", "Sherzai"], "gul-agha-sherzai"),
        (["the", "Taliban"], "taliban"),
        (["the", "Cold", "War"], "cold-war"),
        (["Helmand", "province"], "helmand"),
        (["Bamiyan", "Valley"], "bamyan"),
        (["Kunduz", "city"], "kunduz"),
    ],
)
def test_who_finds_variants(query, expected):
    result, answer = run_json("who", *query)
    assert result.exit_code == 0, result.stderr
    assert answer["entity"]["id"] == expected


def test_a_short_name_prefers_its_literal_word_to_a_folded_lookalike():
    # Bonn and Banu (a district) both fold to "bn", too short a key to take one for the other. The two
    # entities that hold "Bonn" tie on the word; the one the table says more about comes first.
    result, answer = run_json("who", "Bonn")
    assert result.exit_code == 0
    assert answer["entity"]["id"] == "bonn-conference-2001"
    assert [c["id"] for c in answer["candidates"]] == ["bonn-agreement"]


def test_an_abbreviation_in_capitals_is_asked_for_as_itself():
    # FARA is the start of Farang (Khost-Farang) but names no entity of the table: no made-up match.
    result, answer = run_json("who", "FARA")
    assert result.exit_code == 1
    assert answer["entity"] is None
    # Typed in lower case it is read as the start of a name, as any short word is.
    assert run_json("who", "fara")[1]["entity"]["id"] == "khost-farang"


def test_a_word_many_names_share_is_no_answer_but_a_choice():
    # Four names hold "war" equally well: picking one would be a guess, so afg offers them all.
    result, answer = run_json("who", "war")
    assert result.exit_code == 1
    assert answer["entity"] is None
    assert [c["id"] for c in answer["candidates"]] == ["soviet-afghan-war", "war-in-afghanistan-2001-2021", "cold-war", "vietnam-war"]
    assert result.stderr == "afg: no match for 'war'; did you mean: Soviet–Afghan War, War in Afghanistan (2001–2021), Cold War, Vietnam War?\n"


@pytest.mark.parametrize("query", ["the", "of the"])
def test_function_words_alone_name_nothing(query):
    result, answer = run_json("who", query)
    assert (result.exit_code, answer["entity"], answer["candidates"]) == (1, None, [])


def test_a_place_word_is_dropped_only_for_places():
    # "Kabul river" is not the city: only province, city, district, valley, town, village and region are.
    assert run_json("who", "Kabul", "river")[1]["entity"] is None


def test_who_massoud_names_the_other_massouds():
    result, answer = run_json("who", "Massoud")
    others = [c["id"] for c in answer["candidates"]]
    assert answer["entity"]["name"] == "Ahmad Shah Massoud"
    # The son, who leads today's resistance, first; then the others the table knows as Massoud.
    assert others[:2] == ["ahmad-massoud", "sediqa-massoud"]
    assert "ahmad-zia-massoud" in others


@pytest.mark.parametrize("query", [["Napoleon", "Bonaparte"], ["xqzv"], ["Winston", "Churchill"], ["General", "Motors"]])
def test_who_without_a_match_exits_1_and_says_so_on_stderr(query):
    result, answer = run_json("who", *query)
    assert result.exit_code == 1
    assert answer["entity"] is None
    assert answer["facts"] == []
    assert result.stderr.startswith("afg: no match for ")


def test_who_json_contract():
    result, answer = run_json("who", "Operation", "Storm-333")
    assert set(answer) == {"query", "entity", "candidates", "facts"}
    assert answer["query"] == "Operation Storm-333"
    assert {"id", "name", "kind", "aliases", "summary", "roles"} <= set(answer["entity"])
    fact = answer["facts"][0]
    assert {"id", "date", "year", "text", "entities", "kind", "sources"} <= set(fact)
    assert fact["date"] == "1979-12-27" and fact["year"] == 1979
    assert all(set(s) == {"id", "cite"} for s in fact["sources"])


def test_who_facts_are_in_date_order():
    _, answer = run_json("who", "Ahmad", "Shah", "Massoud")
    dates = [(f["year"], f["date"]) for f in answer["facts"]]
    assert [d[0] for d in dates] == sorted(d[0] for d in dates)
    assert len(answer["facts"]) > 30


def test_who_without_a_name_is_bad_usage():
    result = run("who")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "afg: give a name, for example: afg who Massoud\n"


def test_suggestions_stop_at_the_suggestion_cutoff():
    from afgcli.answer.match import Match
    from afgcli.index.cache import open_library
    from afgcli.table.schema import builtin_dir

    library = open_library([builtin_dir()])
    # Afghan Hizbullah scores 36 for this query, below the suggestion cutoff of 45.
    assert library.names.suggest("Hafizullah Ami") == [Match("hafizullah-amin", "Hafizullah Amin", 46.5)]


def test_json_from_stored_texts_is_the_document_the_records_make():
    import json

    from afgcli.index.cache import open_library
    from afgcli.show import jsonout
    from afgcli.table.load import load_table
    from afgcli.table.schema import builtin_layers

    library = open_library(builtin_layers())
    queries = list(load_table(builtin_layers()).entities) + ["Hikmatyr", "Hafizullah Ami", "zzzz"]
    for query in queries:
        expected = json.dumps(jsonout.who(library.who(query)), ensure_ascii=False) + "\n"
        assert run("who", query, "--json").stdout == expected, query


def test_who_names_the_office_holders_of_a_group():
    result, answer = run_json("who", "Watandost", "Front")
    assert result.exit_code == 0
    holders = answer["entity"]["office_holders"]
    assert [(r["entity"], r["name"], r["role"], r["organization"]) for r in holders] == [
        ("zahra-sadat", "Zahra Sadat", "spokesperson", "watandost-front")
    ]
    assert answer["entity"]["roles"] == []


def test_who_shows_a_groups_leader_among_its_office_holders_on_a_terminal():
    result = run("who", "NRF", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    table = result.stdout.split("Office holders", 1)[1].split("\n\n", 1)[0]
    assert any(line.split()[:3] == ["Ahmad", "Massoud", "leader"] for line in table.splitlines())
