"""Reliability at the edges (README, "Reliability"): each test reproduces one fault of issue 20 (F1 to F13)."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import VALID, run

from afgcli.index.cache import FULL_CHECK

SYNTH = Path(__file__).resolve().parents[1] / "bench" / "synth.py"
AFG = [sys.executable, "-m", "afgcli"]


def afg(*args, cache: Path, env: dict | None = None, **options) -> subprocess.CompletedProcess:
    """afg as a separate process (real file descriptors and signals), with its own cache; stdout and
    stderr captured unless `options` say where they go."""
    environment = os.environ | {"AFG_CACHE_DIR": str(cache), "COLUMNS": "80", "NO_COLOR": "1"} | (env or {})
    environment.pop("AFG_DATA", None)
    if "stdout" not in options:
        options["capture_output"] = True
    return subprocess.run([*AFG, *args], env=environment, **options)


@pytest.fixture
def table(tmp_path) -> Path:
    directory = tmp_path / "table"
    shutil.copytree(VALID, directory)
    return directory


@pytest.fixture(scope="module")
def synth(tmp_path_factory) -> Path:
    """A synthetic table whose index is larger than FULL_CHECK and takes a second or two to build."""
    directory = tmp_path_factory.mktemp("synth") / "table"
    subprocess.run([sys.executable, str(SYNTH), "3000", str(directory)], check=True, capture_output=True)
    return directory


@pytest.fixture
def tiny_fs(tmp_path):
    """A 64 KiB tmpfs: a file system that fills up."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "tiny"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def add_fact(table: Path, line: str) -> None:
    with (table / "facts.csv").open("a", encoding="utf-8", newline="") as facts:
        facts.write(line + "\n")


# F1: a symlink loop is a missing table file, said as such, never a traceback.


def test_a_symlink_loop_is_afg001(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    for args, env in (
        (["--data", str(tmp_path / "a"), "who", "X"], {}),
        (["who", "X"], {"AFG_DATA": str(tmp_path / "a")}),
        (["check", str(tmp_path / "a")], {}),
    ):
        result = run(*args, env=env)
        assert result.exit_code == 2, result.output
        assert f"{tmp_path / 'a' / 'sources.csv'}:0: AFG001 a symlink loop" in result.stdout + result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_symlink_loop_as_a_table_file(table):
    (table / "roles.csv").unlink()
    (table / "roles.csv").symlink_to(table / "roles.csv")
    result = run("check", str(table))
    assert (result.exit_code, result.stdout) == (2, f"{table / 'roles.csv'}:0: AFG001 a symlink loop\n")


# F2: paths that are not UTF-8 are shown as $'...' shows them; --json stays valid UTF-8.


def test_an_undecodable_path_is_shown_safely(tmp_path):
    where = os.fsencode(tmp_path) + b"/no\xe9where"
    env = {"LC_ALL": "en_US.UTF-8"}  # a locale that may not exist: Python then falls back to ASCII
    result = afg("check", where, cache=tmp_path / "cache", env=env)
    assert result.returncode == 2
    assert result.stdout.decode("utf-8").splitlines()[0] == f"{tmp_path}/no\\xe9where/entities.csv:0: AFG001 file is missing"
    assert b"Traceback" not in result.stderr

    result = afg("check", "--json", where, cache=tmp_path / "cache")
    assert result.returncode == 2
    document = json.loads(result.stdout.decode("utf-8"))  # strict: a raw 0xE9 would fail here
    assert document["problems"][0]["path"] == f"{tmp_path}/no\\xe9where/entities.csv"


def test_an_undecodable_table_directory_with_a_real_table(table, tmp_path):
    odd = Path(os.fsdecode(os.fsencode(tmp_path) + b"/t\xff"))
    shutil.copytree(VALID, odd)
    result = afg("--data", os.fsencode(odd), "who", "Kabul", "--json", cache=tmp_path / "cache")
    assert result.returncode == 0
    assert json.loads(result.stdout.decode("utf-8"))["entity"]["id"] == "kabul"


# F3: a full cache file system: build in memory, answer, and say so once.


def test_a_full_cache_file_system_still_answers(tiny_fs):
    for _ in range(2):
        result = afg("who", "Massoud", "--json", cache=tiny_fs, text=True)
        assert result.returncode == 0
        assert json.loads(result.stdout)["entity"]["id"] == "ahmad-shah-massoud"
        assert result.stderr == f"afg: the cache directory {tiny_fs} is full: the index was built in memory and not saved\n"
    assert os.listdir(tiny_fs) == []  # no partial file left behind


def test_a_full_cache_is_said_once_per_run(table, tmp_path, monkeypatch):
    """Without root: SQLite's 'database or disk is full', as a tmpfs gives it, simulated."""
    import sqlite3

    import afgcli.index.build

    real = afgcli.index.build.build

    def build(directories, db, *rest, **options):
        if db.execute("PRAGMA database_list").fetchone()[2]:  # a file, not the in-memory fallback
            raise sqlite3.OperationalError("database or disk is full")
        real(directories, db, *rest, **options)

    monkeypatch.setattr(afgcli.index.build, "build", build)
    cache = tmp_path / "cache"
    result = run("--data", str(table), "who", "Kabul", "--json", env={"AFG_CACHE_DIR": str(cache)})
    assert result.exit_code == 0
    assert json.loads(result.stdout)["entity"]["id"] == "kabul"
    assert result.stderr == f"afg: the cache directory {cache} is full: the index was built in memory and not saved\n"
    assert [p.name for p in cache.iterdir()] == []


# F4: leftovers of killed builds are swept; SIGTERM and SIGHUP clean up like SIGINT.


def temporaries(cache: Path) -> list[Path]:
    return sorted(cache.glob(".tmp-*.sqlite")) if cache.exists() else []


def start_build(synth: Path, cache: Path) -> subprocess.Popen:
    env = os.environ | {"AFG_CACHE_DIR": str(cache)}
    process = subprocess.Popen([*AFG, "--data", str(synth), "who", "X"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not any(p.stat().st_size for p in temporaries(cache)):
        assert process.poll() is None and time.monotonic() < deadline, "the build ended before it could be interrupted"
        time.sleep(0.01)
    return process


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_during_a_build_removes_the_temporary_file(synth, tmp_path, name):
    number = getattr(signal, name)
    cache = tmp_path / "cache"
    process = start_build(synth, cache)
    process.send_signal(number)
    _, stderr = process.communicate(timeout=60)
    assert b"Traceback" not in stderr
    assert process.returncode == (130 if name == "SIGINT" else -number)  # ended by the signal, as the parent expects
    assert temporaries(cache) == []


def test_a_killed_build_is_swept_by_the_next(synth, tmp_path):
    cache = tmp_path / "cache"
    process = start_build(synth, cache)
    process.kill()
    process.wait()
    [left] = temporaries(cache)
    assert left.stat().st_size > 0
    result = afg("--data", str(synth), "who", "X", cache=cache)
    assert result.returncode == 1
    assert temporaries(cache) == []
    assert len(list(cache.glob("index-*.sqlite"))) == 1


def test_a_live_build_is_not_swept(synth, tmp_path):
    cache = tmp_path / "cache"
    first = start_build(synth, cache)
    [building] = temporaries(cache)
    try:
        from afgcli.index.cache import _sweep

        _sweep(cache)
        assert building.exists()
    finally:
        assert first.wait(timeout=120) == 1  # "no match for 'X'": it built and answered


# F5: a closed stdout is a closed pipe: quiet, exit 1.


@pytest.mark.parametrize(
    "args", [["who", "Massoud"], ["who", "Massoud", "--json"], ["year", "1992"], ["search", "Geneva"], ["timeline"],
             ["sources"], ["export"], ["check", "--json"], ["--help"], ["who", "--help"], ["--version"], []],
)
def test_a_closed_stdout_is_a_quiet_closed_pipe(args, tmp_path):
    command = " ".join([*AFG, *args]) + " >&-"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=os.environ | {"AFG_CACHE_DIR": str(tmp_path)})
    assert (result.returncode, result.stderr) == (1, "")


def test_a_closed_stderr_still_answers(tmp_path):
    result = subprocess.run(["bash", "-c", " ".join([*AFG, "who", "Nobodyxyz"]) + " 2>&-"], capture_output=True, text=True,
                            env=os.environ | {"AFG_CACHE_DIR": str(tmp_path)})
    assert (result.returncode, result.stdout) == (1, "")


# F6: a full disk under the answer: said, exit 2, never 0 or 1.


@pytest.mark.parametrize("args", [["who", "Massoud"], ["who", "Massoud", "--json"], ["year", "1992", "--json"],
                                  ["export", "--format", "csv"], ["export", "--format", "jsonl"], ["--help"]])
def test_dev_full(args, tmp_path):
    with open("/dev/full", "w") as full:
        result = afg(*args, cache=tmp_path, stdout=full, stderr=subprocess.PIPE, text=True)
    assert (result.returncode, result.stderr) == (2, "afg: cannot write the answer: no space left on device\n")


def test_an_export_onto_a_full_disk(tiny_fs, tmp_path):
    with open(tiny_fs / "facts.csv", "w") as out:
        result = afg("export", "--format", "csv", cache=tmp_path / "cache", stdout=out, stderr=subprocess.PIPE, text=True)
    assert (result.returncode, result.stderr) == (2, "afg: cannot write the answer: no space left on device\n")


# F7: control characters in a field are refused (AFG109), by check and by every command.

HOSTILE_FIELDS = ["\x1b]52;c;cm0gLXJmIH4=\x07", "\x1b]8;;file:///etc/passwd\x07x\x1b]8;;\x07", "\x1b[2J", "a\x00b", "a\rb",
                  "\x7f", "\x9b31m", "\x9d0;title\x9c", "evil\u202etxt.exe", "\u2067isolated\u2069", "line\u2028break", "\u2029"]


@pytest.mark.parametrize("hostile", HOSTILE_FIELDS)
def test_control_characters_in_a_field_are_refused(table, hostile):
    add_fact(table, f'2023-hostile,2023,kabul,event,"Something {hostile} happened.",t1 [2],,,')
    result = run("check", str(table))
    assert result.exit_code == 2
    [line] = result.stdout.splitlines()
    assert line.startswith(f"{table / 'facts.csv'}:7: AFG109 text holds the control character U+")
    for args in (["export", "--format", "csv"], ["who", "Kabul"]):
        result = run("--data", str(table), *args)
        assert (result.exit_code, result.stdout) == (2, "")
        assert " AFG109 " in result.stderr and "\x1b" not in result.stderr


def test_tabs_newlines_crlf_and_persian_joiners_are_allowed(table):
    text = (table / "facts.csv").read_text(encoding="utf-8").replace("\n", "\r\n")
    (table / "facts.csv").write_bytes(text.encode("utf-8"))
    add_fact(table, '2023-fine,2023,kabul,event,"Tab\there, a line\r\nbreak, می\u200cخواهم and \u200f marks.",t1 [2],,,')
    result = run("check", str(table))
    assert (result.exit_code, result.stdout) == (0, "")


# F8: JSON escapes C1 and bidi controls; the terminal shows U+061C, U+2028, U+2029 as stand-ins.


def test_json_escapes_c1_and_bidi_controls():
    from afgcli.show import jsonout
    text = "a\x9b31mb\x9dc\u202ed\u2067e\u061cf\u2028g\u2029h\u200ei\x7fj"
    written = jsonout.dumps({"text": text})
    assert written == '{"text": "a\\u009b31mb\\u009dc\\u202ed\\u2067e\\u061cf\\u2028g\\u2029h\\u200ei\\u007fj"}'
    assert json.loads(written)["text"] == text


def test_a_query_with_controls_comes_back_escaped():
    result = run("who", "--json", "--", "\u202eNobody\x9b\u2067")
    assert result.exit_code == 1
    assert '"query": "\\u202eNobody\\u009b\\u2067"' in result.stdout
    assert json.loads(result.stdout)["query"] == "\u202eNobody\x9b\u2067"


def test_who_json_spliced_in_a_pipe_escapes_its_query_too():
    result = run("who", "--json", "--", "Massoud\u200f")
    assert result.exit_code == 0
    assert result.stdout.startswith('{"query": "Massoud\\u200f", "entity": {"id": "ahmad-shah-massoud"')
    assert json.loads(result.stdout)["query"] == "Massoud\u200f"


def test_year_json_splices_escaped_texts(table):
    add_fact(table, "1996-marked,1996,kabul,event,Kabul \u061c and \u200f marks.,t1 [2],,,")
    result = run("--data", str(table), "year", "1996", "--json")
    assert result.exit_code == 0
    assert "Kabul \\u061c and \\u200f marks." in result.stdout and "\u061c" not in result.stdout
    assert "Kabul \u061c and \u200f marks." in [f["text"] for f in json.loads(result.stdout)["facts"]]


def test_the_terminal_shows_line_separators_and_the_arabic_letter_mark_as_stand_ins():
    from afgcli.show.safetext import visible

    assert visible("a\u061cb\u2028c\u2029d") == "a\ufffdb\ufffdc\ufffdd"
    result = run("who", "--", "Massoud\u2028\u2029\u061c\x1b[2J")
    assert "\u2028" not in result.stderr and "\u2029" not in result.stderr and "\u061c" not in result.stderr


# F9: a field as long as memory allows.


def test_a_megabyte_field_is_read(table):
    long_text = "Kabul " * 200_000  # 1.2 MB, past csv's default limit of 128 KiB
    add_fact(table, f'2023-long,2023,kabul,report,"{long_text.strip()}",t1 [2],,,')
    result = run("check", str(table))
    assert (result.exit_code, result.stdout) == (0, "")
    result = run("--data", str(table), "timeline", "Kabul", "--from", "2023", "--json")
    assert [len(f["text"]) for f in json.loads(result.stdout)["facts"]] == [len(long_text.strip())]


def test_the_callers_csv_limit_is_left_alone(table):
    import csv

    from afgcli.table.load import check_table

    before = csv.field_size_limit()
    check_table([table])
    assert csv.field_size_limit() == before


# F10: a wrong header stops the file, first, with no cascade.


def test_an_unknown_column_in_sources_is_the_only_problem(table):
    sources = table / "sources.csv"
    sources.write_text(sources.read_text(encoding="utf-8").replace("file\n", "file,notes\n", 1), encoding="utf-8")
    result = run("check", str(table))
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [f"{sources}:1: AFG004 unknown column 'notes'; the columns are id,title,publisher,published,url,file,licence,origin,citation"]
    result = run("--data", str(table), "who", "Kabul")
    assert result.stderr.splitlines()[0].endswith("AFG004 unknown column 'notes'; the columns are id,title,publisher,published,url,file,licence,origin,citation")
    assert " AFG203 " not in result.stderr and " AFG006 " not in result.stderr


def test_header_problems_come_first(table):
    add_fact(table, "1999-ghost,1999,nobody,event,Something.,t1 [2],,,")
    roles = table / "roles.csv"
    roles.write_text(roles.read_text(encoding="utf-8").replace("entity,", "entity,entity,", 1), encoding="utf-8")
    result = run("check", str(table))
    assert [line.split(": ")[1].split()[0] for line in result.stdout.splitlines()] == ["AFG004", "AFG202"]
    assert "column 'entity' appears twice" in result.stdout


# F11: ASCII digits only, in dates and figures.


@pytest.mark.parametrize("date, figure, code", [("١٩٩٢", "", "AFG102"), ("1992-٠٤", "", "AFG102"), ("1992", "١٠٠", "AFG106"),
                                                 ("۱۹۹۲", "", "AFG102"), ("1992", "１００", "AFG106")])
def test_only_ascii_digits(table, date, figure, code):
    add_fact(table, f"1992-digits,{date},kabul,figure,A count.,t1 [2],{figure},,people" if figure else
             f"1992-digits,{date},kabul,event,A thing.,t1 [2],,,")
    result = run("check", str(table))
    assert result.exit_code == 2
    assert [line.split(": ")[1].split()[0] for line in result.stdout.splitlines()] == [code]
    assert run("--data", str(table), "year", "1992").exit_code == 2


# F12: a FIFO (or a directory) in place of a table file.


@pytest.mark.parametrize("kind", ["fifo", "directory"])
def test_not_a_regular_file(table, kind):
    (table / "sources.csv").unlink()
    if kind == "fifo":
        os.mkfifo(table / "sources.csv")
    else:
        (table / "sources.csv").mkdir()
    what = "a FIFO" if kind == "fifo" else "a directory"
    result = afg("check", str(table), cache=table.parent / "cache", text=True, timeout=30)
    assert result.returncode == 2
    assert result.stdout == f"{table / 'sources.csv'}:0: AFG001 not a regular file ({what}); a table file must be a plain file\n"
    result = afg("--data", str(table), "who", "Kabul", cache=table.parent / "cache", text=True, timeout=30)
    assert result.returncode == 2 and " AFG001 not a regular file" in result.stderr


# F13: damage in the middle of a large index is found before answering.


def test_damage_inside_a_stored_text_of_a_large_index_is_found(synth, tmp_path):
    """Damage that leaves SQLite's pages well-formed (a letter changed in a stored JSON text) passes
    SQLite and the edges' checksum; the whole-file checksum, checked because the file changed, finds it."""
    cache = tmp_path / "cache"
    before = afg("--data", str(synth), "year", "1992", "--json", cache=cache)
    [path] = cache.glob("index-*.sqlite")
    blob = path.read_bytes()
    assert len(blob) > FULL_CHECK + 2 * (1 << 20)
    # a fact of 1992 stored in the middle of the file, away from the checked edges
    at = blob.find(b'"year": 1992', 1 << 21, len(blob) - (1 << 21))
    assert at > 0
    text = blob.find(b'"text": "', at) + len(b'"text": "')
    damaged = blob[:text] + bytes([blob[text] ^ 0x20]) + blob[text + 1:]  # a letter's case flipped
    with open(path, "r+b") as stream:  # in place: same inode, as a stray write would do
        stream.write(damaged)

    after = afg("--data", str(synth), "year", "1992", "--json", cache=cache)

    assert (before.returncode, after.returncode, after.stderr) == (0, 0, b"")
    assert after.stdout == before.stdout
    assert path.read_bytes() == blob  # rebuilt


def test_an_unchanged_large_index_is_read_in_full_only_once(synth, tmp_path, monkeypatch):
    import afgcli.index.cache as cache_module

    monkeypatch.setenv("AFG_CACHE_DIR", str(tmp_path / "cache"))
    cache_module.open_index([synth]).close()  # builds it, and stamps it as verified
    whole = []
    real = cache_module._whole_checksum
    monkeypatch.setattr(cache_module, "_whole_checksum", lambda stream, length: whole.append(length) or real(stream, length))
    cache_module.open_index([synth]).close()
    assert whole == []
    [path] = (tmp_path / "cache").glob("index-*.sqlite")
    os.utime(path)  # a new identity (modification and change times): read it all once more
    cache_module.open_index([synth]).close()
    cache_module.open_index([synth]).close()
    assert len(whole) == 1
