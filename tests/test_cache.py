"""The prepared-table cache: rebuilt after an edit, replaced when damaged, optional when unwritable."""

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import VALID, run

from afgcli.index.cache import FULL_CHECK, cache_dir, open_library

SYNTH = Path(__file__).resolve().parents[1] / "bench" / "synth.py"


@pytest.fixture
def table(tmp_path, monkeypatch):
    directory = tmp_path / "table"
    shutil.copytree(VALID, directory)
    monkeypatch.setenv("AFG_CACHE_DIR", str(tmp_path / "cache"))
    return directory


def cached_files():
    return sorted(cache_dir().glob("index-*.sqlite"))


def test_first_run_writes_and_second_reads_the_cache(table):
    first = open_library([table])
    [written] = cached_files()
    second = open_library([table])
    assert second.who("Kabul").entity.id == first.who("Kabul").entity.id == "kabul"
    assert cached_files() == [written]


def test_an_edit_rebuilds_the_cache(table):
    open_library([table])
    [written] = cached_files()
    with (table / "facts.csv").open("a", encoding="utf-8") as facts:
        facts.write("2023-new,2023,kabul,event,Something new happened in Kabul.,t1 [2],,,\n")
    library = open_library([table])
    assert [f.id for f in library.timeline("kabul", 2023, 2023)] == ["2023-new"]
    [rebuilt] = cached_files()  # the index of the earlier state is gone
    assert rebuilt != written


def test_an_edit_that_keeps_size_and_modification_time_still_rebuilds(table):
    open_library([table])
    facts = table / "facts.csv"
    before = facts.stat()
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("Kabul", "Kabol", 1), encoding="utf-8")  # same length
    os.utime(facts, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert facts.stat().st_size == before.st_size
    library = open_library([table])
    assert [f.text for f in library.timeline("kabul", None, None) if "Kabol" in f.text]


@pytest.mark.parametrize("damage", ["truncate", "corrupt", "flip", "garbage", "empty"])
def test_a_damaged_cache_is_detected_and_replaced(table, damage):
    open_library([table])
    [path] = cached_files()
    blob = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(blob[: len(blob) // 2])
    elif damage == "corrupt":
        path.write_bytes(blob[:-10] + bytes(10))
    elif damage == "flip":
        middle = len(blob) // 2
        path.write_bytes(blob[:middle] + bytes([blob[middle] ^ 0xFF]) + blob[middle + 1 :])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(b"not a cache at all")
    library = open_library([table])
    assert library.who("Massoud").entity.id == "ahmad-shah-massoud"
    assert path.read_bytes() == blob


def test_an_unwritable_cache_directory_still_answers(table, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("AFG_CACHE_DIR", str(blocker / "afg"))
    library = open_library([table])
    assert library.who("Taleban").entity.id == "taliban"


def test_two_first_runs_at_once_both_answer(table):
    answers = []

    def first_run():
        answers.append(open_library([table]).who("NRF").entity.id)

    threads = [threading.Thread(target=first_run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == ["national-resistance-front"] * 2
    assert len(cached_files()) == 1
    assert not list(cache_dir().glob(".tmp-*"))


def test_a_pickle_left_by_afg_0_1_is_removed(table):
    cache_dir().mkdir(parents=True)
    old = cache_dir() / "library-0123abcd.pickle"
    old.write_bytes(b"AFGCACHE2\n")
    assert open_library([table]).who("Kabul").entity.id == "kabul"
    assert not old.exists()


def test_damage_inside_a_large_index_is_found_by_sqlite_and_the_index_rebuilt(tmp_path):
    """Past FULL_CHECK only the index's edges are checksummed; damage between them that SQLite
    reports while answering makes afg build the index anew and answer, with no traceback."""
    table = tmp_path / "synth"
    subprocess.run([sys.executable, str(SYNTH), "1000", str(table)], check=True)
    env = {"AFG_CACHE_DIR": str(tmp_path / "cache")}
    question = ("--data", str(table), "year", "1992", "--json")
    before = run(*question, env=env)
    [path] = (tmp_path / "cache").glob("index-*.sqlite")
    blob = path.read_bytes()
    assert len(blob) > FULL_CHECK  # else the checksum alone would find the damage
    page = 4096
    start, end = len(blob) // 4 // page * page, len(blob) * 3 // 4 // page * page
    path.write_bytes(blob[:start] + bytes(end - start) + blob[end:])  # zeroed pages: not a b-tree

    after = run(*question, env=env)

    assert (before.exit_code, after.exit_code, after.stderr) == (0, 0, "")
    assert after.stdout == before.stdout
    assert path.read_bytes() == blob
