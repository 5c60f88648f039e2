"""afg on a real terminal (a pseudo-terminal): colour, the pager, the first screen, widths; and the
paths that must never load rich."""

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios

import pytest
from conftest import TEST_CACHE, VALID, run

ESCAPE = "\x1b["


def on_terminal(*args, rows=40, columns=100, env=None, data=str(VALID)):
    """Run afg under a pseudo-terminal of `rows` x `columns`: (exit code, everything it showed)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "AFG_PAGER", "PAGER")}
    environment |= {"TERM": "xterm-256color", "AFG_CACHE_DIR": TEST_CACHE, "AFG_DATA": data, "PAGER": "false-pager-not-installed"}
    for key, value in (env or {}).items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = value
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        os.execve(sys.executable, [sys.executable, "-m", "afgcli", *args], environment)
    chunks = []
    while True:
        try:
            data_read = os.read(fd, 65536)
        except OSError:
            break
        if not data_read:
            break
        chunks.append(data_read)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_a_terminal_gets_colour_and_the_card_first():
    code, shown = on_terminal("who", "masood")
    assert code == 0
    assert ESCAPE in shown
    plain = run("--data", str(VALID), "who", "masood").stdout
    assert plain.splitlines()[:5] == [
        "Ahmad Shah Massoud  person  ?–2001-09-09",
        "Also close: Ahmad Massoud (afg who ahmad-massoud)",
        "Mujahideen commander from the Panjshir Valley.",
        "Also: Massoud, Masood, Lion of Panjshir",
        "Sources: t1 [1]",
    ]


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_color_and_a_dumb_terminal_get_no_escape_codes(env):
    code, shown = on_terminal("who", "Ahmad Shah Massoud", env=env)
    assert code == 0
    assert ESCAPE not in shown and "Ahmad Shah Massoud  person" in shown


def test_a_pipe_gets_no_escape_codes_and_no_pager():
    result = subprocess.run(
        [sys.executable, "-m", "afgcli", "--data", str(VALID), "timeline"],
        capture_output=True, text=True, env=os.environ | {"AFG_PAGER": "false", "AFG_CACHE_DIR": TEST_CACHE},
    )
    assert result.returncode == 0 and ESCAPE not in result.stdout and "1996-09-27" in result.stdout


def pager_into(path):
    return {"AFG_PAGER": f"cat > {path}"}


def test_an_answer_taller_than_the_screen_goes_through_the_pager(tmp_path):
    paged = tmp_path / "paged"
    code, shown = on_terminal("timeline", rows=10, env=pager_into(paged))
    assert code == 0
    assert "1996-09-27" in paged.read_text(encoding="utf-8")
    assert "1996-09-27" not in shown


@pytest.mark.parametrize("name, rows, data", [("Massoud", 40, ""), ("Ahmad Shah Massoud", 5, str(VALID))])
def test_a_long_answer_paged_from_the_start_is_the_answer_printed(tmp_path, name, rows, data):
    # `who` knows its answer is taller than the screen before drawing it and starts the pager first
    # (pager.early): what the pager gets is, byte for byte, what --no-pager prints on the same terminal.
    paged = tmp_path / "paged"
    code, shown = on_terminal("who", name, rows=rows, env=pager_into(paged), data=data)
    assert code == 0 and shown == ""
    _, printed = on_terminal("--no-pager", "who", name, rows=rows, data=data)
    assert ESCAPE in printed and paged.read_text(encoding="utf-8") == printed


def test_a_who_answer_that_fits_is_printed(tmp_path):
    paged = tmp_path / "paged"
    code, shown = on_terminal("who", "Ahmad Shah Massoud", rows=40, env=pager_into(paged))
    assert code == 0 and "Mujahideen commander from the Panjshir Valley." in shown
    assert not paged.exists()


def test_an_answer_that_fits_is_printed(tmp_path):
    paged = tmp_path / "paged"
    code, shown = on_terminal("year", "1996-09-27", rows=40, env=pager_into(paged))
    assert code == 0 and "The Taliban took Kabul." in shown
    assert not paged.exists()


@pytest.mark.parametrize("how", [["--no-pager"], "AFG_PAGER=cat", "AFG_PAGER=", "missing"])
def test_no_pager_when_asked_or_when_the_pager_is_missing(how):
    args = ["--no-pager", "timeline"] if how == ["--no-pager"] else ["timeline"]
    env = {"AFG_PAGER": "less"} if how == ["--no-pager"] else {}
    if how == "missing":
        env = {"AFG_PAGER": "no-such-pager-anywhere -R"}
    elif isinstance(how, str):
        env = {"AFG_PAGER": how.split("=", 1)[1]}
    code, shown = on_terminal(*args, rows=10, env=env)
    assert code == 0
    assert "2022-08" in shown  # the last fact: all of it printed


def test_pager_falls_back_to_pager_variable(tmp_path):
    paged = tmp_path / "paged"
    code, _ = on_terminal("timeline", rows=10, env={"AFG_PAGER": None, "PAGER": f"cat > {paged}"})
    assert code == 0 and "1996-09-27" in paged.read_text(encoding="utf-8")


def test_quitting_the_pager_early_is_not_an_error(tmp_path):
    # `true` reads nothing and ends at once, as a reader quitting at the first screen; the answer is
    # long enough that the pipe's buffer fills, so afg sees the pager gone.
    code, shown = on_terminal("--data", "builtin", "timeline", rows=10, env={"AFG_PAGER": "true"}, data="")
    assert code == 0
    assert "Traceback" not in shown and "afg:" not in shown


def test_exit_codes_are_unchanged_by_the_pager(tmp_path):
    code, shown = on_terminal("who", "Zzyzx Qwv", rows=5, env=pager_into(tmp_path / "p"))
    assert code == 1 and "no match" in shown


@pytest.mark.parametrize("columns", [40, 80, 200])
def test_widths_on_a_terminal(columns):
    code, shown = on_terminal("--no-pager", "who", "Massoud", columns=columns, env={"NO_COLOR": "1"}, data="")
    assert code == 0
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert lines[0].startswith("Ahmad Shah Massoud  person")


def test_a_fact_stops_at_about_100_characters_on_a_wide_terminal():
    result = run("--no-pager", "who", "Massoud", env={"COLUMNS": "250"})
    table = result.stdout.split("Facts (")[1].splitlines()[3:]
    # the widest date (an interval of days, 1996-09-26/1996-09-27: 21), the text (at most 100), the
    # sources (at most 16) and gaps; a text that ran on to the terminal's 250 columns would exceed it
    assert len(table) > 10 and max(len(line) for line in table) <= 21 + 3 + 100 + 3 + 16
    assert max(len(line) for line in table) > 100


def test_limit_says_what_is_left_out_and_how_to_see_it_all():
    result = run("--data", str(VALID), "timeline", "--limit", "2")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-2:] == ["3 more facts not shown; all of them:", f"afg --data {VALID} timeline"]
    result = run("timeline", "--limit", "2", "--from", "1996")
    assert result.stdout.splitlines()[-1].endswith("more facts not shown; all of them: afg timeline --from 1996")
    result = run("--data", str(VALID), "who", "-n", "1", "Ahmad", "Shah", "Massoud")
    assert "more facts not shown" not in result.stdout  # one fact: nothing left out
    result = run("year", "1996", "-n", "3")
    last = result.stdout.splitlines()[-1]
    assert last.endswith("more facts not shown; all of them: afg year 1996")
    result = run("--data", str(VALID), "year", "1996-09", "-n", "1", "--ongoing")
    assert result.stdout.splitlines()[-1] == f"afg --data {VALID} year 1996-09 --ongoing"


@pytest.mark.parametrize(
    "args",
    [["who", "Massoud", "--json"], ["year", "1992", "--json"], ["export", "--format", "csv"], ["check"], ["sources", "--json"],
     ["timeline", "Massoud", "--json"], ["search", "Kabul", "--json"]],
)
def test_json_export_and_check_never_load_rich(args):
    code = (
        "import sys\n"
        "from afgcli.cli import app\n"
        f"sys.argv = ['afg', *{args!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(repr(sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ | {"AFG_CACHE_DIR": TEST_CACHE})
    assert result.stderr.endswith("[]"), result.stderr


def test_the_terminal_answer_does_load_rich():
    code = (
        "import sys\nfrom afgcli.cli import app\nsys.argv = ['afg', 'who', 'Massoud']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\nsys.stderr.write(str('rich.console' in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ | {"AFG_CACHE_DIR": TEST_CACHE})
    assert result.stderr.endswith("True")
