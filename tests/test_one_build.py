"""One index build for many processes (issue 19): the first builds under a lock, the others wait and read it."""

import errno
import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import VALID

from afgcli.index.cache import _names, open_library

# afg, with every index build counted (a line appended to COUNT) and slowed, so that processes
# started together are all there while the first one builds.
COUNTED = """
import os, sys, time
import afgcli.index.build as index
real = index.build
def counted(*args, **options):
    with open(os.environ["COUNT"], "a") as stream:
        stream.write("build\\n")
    time.sleep(float(os.environ.get("SLOW", "0")))
    return real(*args, **options)
index.build = counted
from afgcli.cli import main
sys.argv[0] = "afg"
main()
"""


def counted_afg(*args, cache: Path, count: Path, slow: float = 0.5) -> subprocess.Popen:
    env = os.environ | {"AFG_CACHE_DIR": str(cache), "COUNT": str(count), "SLOW": str(slow), "COLUMNS": "80"}
    env.pop("AFG_DATA", None)
    return subprocess.Popen([sys.executable, "-c", COUNTED, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture
def table(tmp_path) -> Path:
    directory = tmp_path / "table"
    shutil.copytree(VALID, directory)
    return directory


def test_processes_started_together_build_one_index_and_answer_alike(table, tmp_path):
    cache, count = tmp_path / "cache", tmp_path / "builds"
    processes = [counted_afg("--data", str(table), "who", "Massoud", "--json", cache=cache, count=count) for _ in range(8)]
    answers = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0] * 8
    assert count.read_text() == "build\n"  # one build for eight processes
    assert len({stdout for stdout, _ in answers}) == 1
    assert b'"id": "ahmad-shah-massoud"' in answers[0][0]
    assert {stderr for _, stderr in answers} == {b""}  # not a terminal: no note, no bar
    names = sorted(p.name for p in cache.iterdir())
    assert len(names) == 2 and names[0].endswith(".sqlite") and names[1] == names[0] + ".verified"  # no lock, no temporary file left


def hold_lock(lock: Path) -> subprocess.Popen:
    """Another process holding the build lock, as a builder does, until it is killed."""
    code = (
        "import fcntl, os, sys, time\n"
        f"handle = os.open({str(lock)!r}, os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(handle, fcntl.LOCK_EX)\n"
        "os.pwrite(handle, b'facts.csv\\t10\\t100\\t', 0)\n"
        "print('locked', flush=True)\n"
        "time.sleep(600)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert holder.stdout.readline() == b"locked\n"
    return holder


def test_a_process_waits_for_the_builder_and_takes_over_when_it_is_killed(table, tmp_path):
    cache, count = tmp_path / "cache", tmp_path / "builds"
    cache.mkdir()
    lock = cache / (_names([table])[1] + ".lock")
    holder = hold_lock(lock)
    try:
        waiting = counted_afg("--data", str(table), "who", "Kabul", "--json", cache=cache, count=count, slow=0)
        time.sleep(1.0)
        assert waiting.poll() is None and not count.exists()  # waiting, not building
    finally:
        holder.kill()
        holder.wait()
    stdout, stderr = waiting.communicate(timeout=120)
    assert waiting.returncode == 0 and stderr == b""
    assert b'"id": "kabul"' in stdout
    assert count.read_text() == "build\n"  # the lock of the killed process was taken over
    assert not lock.exists()


def test_a_cache_directory_that_cannot_lock_builds_as_before(table, tmp_path, monkeypatch):
    monkeypatch.setenv("AFG_CACHE_DIR", str(tmp_path / "cache"))

    def no_locks(handle, operation):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    assert open_library([table]).who("Kabul").entity.id == "kabul"
    assert len(list((tmp_path / "cache").glob("index-*.sqlite"))) == 1
