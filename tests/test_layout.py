"""The terminal layout (afgcli/layout.py): wrapping, column widths, colour and narrow encodings."""

import io
import shutil

from hypothesis import given
from hypothesis import strategies as st

from afgcli.layout import Column, Screen, Table, width_of, wrap
from conftest import run


def lines_of(cell, width):
    return ["".join(text for text, _ in line) for line in wrap(cell, width)]


def test_wrap_breaks_between_words_and_keeps_styles():
    assert wrap([("Massoud ", "bold"), ("was killed in 2001", "")], 10) == [
        [("Massoud", "bold")],
        [("was killed", "")],
        [("in 2001", "")],
    ]


def test_wrap_folds_a_long_citation_between_markers():
    assert lines_of([("000 [89][90][91][92]", "")], 14) == ["000", "[89][90][91]", "[92]"]


def test_wrap_keeps_line_breaks_and_blank_lines():
    assert lines_of([("1996  Kabul\n\n000 [2]", "")], 20) == ["1996  Kabul", "", "000 [2]"]


def test_wide_and_combining_characters_take_their_cells():
    assert (width_of("Kabul"), width_of("カブール"), width_of("e\u0301"), width_of("کابل")) == (5, 8, 1, 4)


def render(table, width=40, colour=False):
    out = io.StringIO()
    Screen(out, width, colour).table(table)
    return out.getvalue()


def test_table_fits_its_columns_to_the_content_when_there_is_room():
    grid = Table([Column("Date"), Column("Fact"), Column("Facts", right=True)], title="Facts (1)")
    grid.add_row("1996", "Kabul fell.", "12")
    assert render(grid) == (
        "Facts (1)\n"
        " Date   Fact          Facts\n"
        "────────────────────────────\n"
        " 1996   Kabul fell.      12\n"
    )


def test_a_wrapping_column_gives_way_before_a_word_is_folded():
    grid = Table([Column("Who"), Column("Role")])
    grid.add_row("Hezb-e-Islami-Gulbuddin", "the party whose rockets fell on Kabul from the south in 1992")
    assert render(grid, width=40) == (
        " Who                       Role\n"
        "────────────────────────────────────────\n"
        " Hezb-e-Islami-Gulbuddin   the party\n"
        "                           whose\n"
        "                           rockets fell\n"
        "                           on Kabul\n"
        "                           from the\n"
        "                           south in\n"
        "                           1992\n"
    )


def test_colour_is_written_only_for_styled_text():
    grid = Table([Column("Date", style="cyan"), Column("Fact")])
    grid.add_row([("1996", "bold")], "Kabul")
    assert render(grid, colour=True) == (
        " \x1b[1mDate\x1b[0m   \x1b[1mFact\x1b[0m\n──────────────\n \x1b[36;1m1996\x1b[0m   Kabul\n"
    )


def test_a_stream_that_cannot_carry_the_rule_gets_ascii_and_replacements():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    grid = Table([Column("When")])
    grid.add_row("1992 – 1996")
    Screen(stream, 40, False).table(grid)
    stream.flush()
    assert raw.getvalue() == b" When\n-------------\n 1992 ? 1996\n"


words = st.text(alphabet=st.sampled_from("abcdefghij[]-/カé\u0301 "), min_size=0, max_size=60)


@given(st.lists(st.lists(words, min_size=3, max_size=3), min_size=1, max_size=5), st.integers(20, 120))
def test_every_line_fits_and_no_text_is_lost(rows, width):
    grid = Table([Column("A"), Column("B", no_wrap=True), Column("C", max_width=9)])
    for row in rows:
        grid.add_row(*row)
    drawn = render(grid, width)
    assert max(width_of(line) for line in drawn.splitlines()) <= width
    kept = "".join(drawn.splitlines()[2:]).replace(" ", "")
    assert sorted(kept) == sorted("".join("".join(row) for row in rows).replace(" ", ""))


def test_forced_colour_styles_the_answer_and_never_the_data(fixture_table):
    result = run("--data", fixture_table, "who", "Ahmad Shah Massoud", env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert result.stdout.startswith("\x1b[1mAhmad Shah Massoud\x1b[0m  \x1b[35mperson\x1b[0m  \x1b[36m?–2001-09-09\x1b[0m\n")
    assert "<[bold]two days[/bold]>" in result.stdout


def test_bidi_marks_in_the_data_are_shown_not_obeyed(fixture_table, tmp_path):
    # Escape codes never reach here: the loader refuses them (AFG109, tests/test_reliability.py); a
    # bidi mark (U+061C) is allowed in the table but shown as a stand-in.
    table = tmp_path / "table"
    shutil.copytree(fixture_table, table)
    entities = table / "entities.csv"
    entities.write_text(entities.read_text(encoding="utf-8").replace("Ahmad Shah Massoud,person", "Ahmad Shah \u061c[31mMassoud,person"), encoding="utf-8")
    for args in (["who", "Ahmad Shah Massoud"], ["timeline", "Ahmad Shah Massoud"]):
        result = run("--data", str(table), *args, env={"NO_COLOR": None, "FORCE_COLOR": "1"})
        assert result.exit_code == 0
        assert "Ahmad Shah \ufffd[31mMassoud" in result.stdout
        assert "\u061c" not in result.stdout
