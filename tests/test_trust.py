"""Issue 15: the right answer first, or an honest "no match"; each row of the issue's table."""

import sys

import pytest
from conftest import run, run_json


# Names no source gives, some a letter or a vowel from one that is there (Habibullah, Baradar's
# border); the sources name Jamiat-e Islami since the 2019 articles (test below).
@pytest.mark.parametrize("name", [["Hibatullah"], ["Baradar"], ["Zalmay", "Khalilzad"], ["طالبان"]])
def test_who_names_no_entity_the_query_does_not_name(name):
    result, answer = run_json("who", *name)
    assert (result.exit_code, answer["entity"]) == (1, None)
    assert result.stderr.startswith("afg: no match for ")


def test_who_jamiat_e_islami_is_the_afghan_party_not_the_pakistani_one():
    result, answer = run_json("who", "Jamiat-e", "Islami")
    assert (result.exit_code, answer["entity"]["id"]) == (0, "jamiat-e-islami")
    assert "jamiat-ulema-e-islam" not in [c["id"] for c in answer["candidates"]]


@pytest.mark.parametrize("words", [["Treaty", "of", "Versailles"], ["Battle", "of", "Mosul"]])
def test_search_finds_nothing_when_only_a_generic_word_meets(words):
    result = run("search", *words)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"afg: nothing found for {' '.join(words)!r}\n"


@pytest.mark.parametrize(
    "question, first",
    [
        ("who founded the Taliban", {"mullah-omar", "1994-omar-founds-taliban-a"}),
        ("when did the Taliban take Kabul", {"1996-09-27-taliban-capture-kabul-a", "2021-08-15-fall-of-kabul-d2"}),
        ("when did the US leave Afghanistan", {"2021-us-forces-leave-afghanistan-f", "2021-08-30-coalition-leaves-d2"}),
        ("Taliban leader", {"mullah-omar"}),
        ("who is Ahmad Massoud", {"ahmad-massoud"}),
    ],
)
def test_search_answers_the_question_first(question, first):
    result, answer = run_json("search", *question.split(), "-n", "1")
    assert answer["results"][0]["id"] in first


def test_who_led_the_taliban_in_2001():
    _, answer = run_json("search", "who", "led", "the", "Taliban", "in", "2001", "-n", "1")
    assert answer["results"][0]["id"] == "mullah-omar"


def test_who_massoud_names_the_son_on_its_first_lines():
    result = run("who", "Massoud")
    assert result.stdout.splitlines()[1].startswith("Also close: Ahmad Massoud (afg who ahmad-massoud)")
    _, answer = run_json("who", "Massoud")
    assert answer["candidates"][0]["id"] == "ahmad-massoud"


def test_fact_shows_one_fact_with_its_sources_in_full():
    result, answer = run_json("fact", "1979-12-27-storm-333-a")
    assert result.exit_code == 0
    assert answer["fact"]["sources"] == [
        {"id": "000", "cite": "[28]", "title": "Afghan conflict", "url": "https://en.wikipedia.org/wiki/Afghan_conflict"}
    ]
    text = run("fact", "1979-12-27-storm-333-a").stdout
    assert text.splitlines()[0] == "1979-12-27-storm-333-a  1979-12-27  assassination"
    assert "Source: 000 [28] — Afghan conflict" in text
    missing = run("fact", "no-such-fact")
    assert (missing.exit_code, missing.stdout) == (1, "")


def test_search_shows_each_hits_date_source_and_whole_id():
    result = run("search", "Geneva", "Accords", "-n", "3", env={"COLUMNS": "120"})
    assert "1988-geneva-accords-terms-a" in result.stdout  # the last hit: its whole id, never cut
    assert "000 [34]" in result.stdout and "007 [49]" in result.stdout


def test_question_set_rates_are_measured():
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent / "questions"))
    from rates import rates

    measured = rates()
    assert measured["questions"] >= 100
    # The floor of today's rates (README); the goals are 90 and 97.
    assert measured["top1"] >= 75 and measured["top3"] >= 85
    assert measured["variant_recall"] == 100.0


def test_a_name_in_dari_or_pashto_script_is_found_and_one_the_table_lacks_is_no_match():
    # The article's title in Dari and in Pashto are aliases of the Afghan conflict.
    for words in (["درگیری", "افغانستان"], ["دافغانستان", "جنګونه"]):
        _, answer = run_json("who", *words)
        assert answer["entity"]["id"] == "afghan-conflict"
        _, answer = run_json("search", *words, "-n", "1")
        assert [r["id"] for r in answer["results"]] == ["afghan-conflict"]
    result = run("who", "مسعود")
    assert (result.exit_code, result.stdout) == (1, "")
    result = run("search", "کابل")
    assert (result.exit_code, result.stdout) == (1, "")
