"""bench/synth.py writes a valid table that afg answers from through --data."""

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run, run_json

SYNTH = Path(__file__).resolve().parents[1] / "bench" / "synth.py"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    subprocess.run([sys.executable, str(SYNTH), "300", str(out)], check=True)
    return out


def test_the_synthetic_table_passes_check(synthetic):
    result = run("check", str(synthetic))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.startswith("afg: clean: 20 sources, 300 entities, ")


def test_a_synthetic_entity_is_found_by_name_alias_and_typo(synthetic):
    with (synthetic / "entities.csv").open(encoding="utf-8") as stream:
        first = next(csv.DictReader(stream))
    alias = first["aliases"].split("; ")[0]
    typo = first["name"][:-2] + first["name"][-1]
    for query in (first["name"], alias, typo):
        result, answer = run_json("--data", str(synthetic), "who", query)
        assert result.exit_code == 0, query
        assert answer["entity"]["id"] == first["id"]
        assert len(answer["facts"]) >= 8


def test_the_same_seed_writes_the_same_table(synthetic, tmp_path):
    subprocess.run([sys.executable, str(SYNTH), "300", str(tmp_path)], check=True)
    for name in ("sources.csv", "entities.csv", "facts.csv", "roles.csv"):
        assert (tmp_path / name).read_bytes() == (synthetic / name).read_bytes()
