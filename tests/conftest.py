import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from afgcli.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
BROKEN = FIXTURES / "broken"
SHARED_SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"
TEST_CACHE = tempfile.mkdtemp(prefix="afg-test-cache-")  # never the user's own cache


def run(*args: str, env: dict | None = None):
    """Invoke afg as a user would, at 80 columns, without colour."""
    environment = {"COLUMNS": "80", "NO_COLOR": "1", "AFG_DATA": None, "TERM": "dumb", "AFG_CACHE_DIR": TEST_CACHE} | (env or {})
    return CliRunner().invoke(app, list(args), env=environment)


def run_json(*args: str, env: dict | None = None):
    result = run(*args, "--json", env=env)
    return result, json.loads(result.stdout)


def broken_table(rule: str, into: Path) -> Path:
    """The valid fixture table with the files of broken/<rule> laid over it."""
    target = into / rule
    shutil.copytree(VALID, target)
    for item in (BROKEN / rule).iterdir():
        if item.name == "REMOVE":
            for name in item.read_text().split():
                (target / name).unlink()
        else:
            shutil.copy(item, target / item.name)
    return target


@pytest.fixture(scope="session", autouse=True)
def _test_cache():
    """Library calls in tests use the test cache too, and it is removed at the end."""
    saved = os.environ.get("AFG_CACHE_DIR")
    os.environ["AFG_CACHE_DIR"] = TEST_CACHE
    yield
    if saved is None:
        del os.environ["AFG_CACHE_DIR"]
    else:
        os.environ["AFG_CACHE_DIR"] = saved
    shutil.rmtree(TEST_CACHE, ignore_errors=True)


@pytest.fixture
def fixture_table() -> str:
    return str(VALID)
