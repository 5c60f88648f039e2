"""The README's table statistics are the output of bench/table_stats.py on the shipped table,
and its credits name every source with its licence."""

import csv
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_script():
    spec = importlib.util.spec_from_file_location("table_stats", ROOT / "bench" / "table_stats.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_statistics_match_the_script():
    stats = load_script()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(stats.BEGIN)
    end = readme.index(stats.END, start) + len(stats.END)
    assert readme[start:end] == stats.block(ROOT / "facts")


def test_statistics_count_every_row():
    stats = load_script()
    text = stats.stats(ROOT / "facts")
    for name in ("facts", "entities", "roles"):
        with (ROOT / "facts" / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
            assert f"{sum(1 for _ in csv.DictReader(handle))} {name}" in text.splitlines()[0]


def test_readme_credits_name_every_source_with_its_licence():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    credits = readme[readme.index("## Credits") :]
    with (ROOT / "facts" / "sources.csv").open(newline="", encoding="utf-8") as handle:
        for source in csv.DictReader(handle):
            row = next(line for line in credits.splitlines() if line.startswith(f"| {source['id']} |"))
            assert source["title"] in row
            assert (source.get("licence") or "not stated") in row
