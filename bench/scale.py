"""Scale benchmark: afg on a synthetic table of N entities against the same questions on N = 1,000.

usage: python bench/scale.py [N] [RUNS]   (default 100000 and 21; run with afg installed)

Writes the tables with bench/synth.py under $TMPDIR/afg-scale (kept between runs), times the
one-time index build of the large table (wall time and peak memory, in a fresh cache directory),
then runs each question on both tables in alternation and prints medians and ratios.
"""

import csv
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
SMALL = 1000


def table(count: int) -> Path:
    where = Path(tempfile.gettempdir()) / "afg-scale" / str(count)
    if not (where / "roles.csv").exists():
        subprocess.run([sys.executable, str(HERE / "synth.py"), str(count), str(where)], check=True)
    return where


def misspelt(name: str) -> str:
    """The name with a letter of its last word dropped, as in `who Hikmatyr`."""
    *rest, last = name.split()
    return " ".join([*rest, last[:-2] + last[-1:]])


def first_person(directory: Path) -> str:
    with (directory / "entities.csv").open(encoding="utf-8") as stream:
        return next(row["name"] for row in csv.DictReader(stream) if row["kind"] == "person")


def timed(argv: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 21
    afg = str(Path(sys.executable).with_name("afg"))
    small, large = table(SMALL), table(count)

    with tempfile.TemporaryDirectory() as fresh:
        env = dict(os.environ, AFG_CACHE_DIR=fresh)
        start = time.perf_counter()
        subprocess.run([afg, "--data", str(large), "year", "1992", "--json"], stdout=subprocess.DEVNULL, env=env, check=True)
        build = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
        size = sum(p.stat().st_size for p in Path(fresh).glob("index-*.sqlite")) / 2**20
    print(f"index build, N={count:,}: {build:.1f} s, peak memory {peak:.0f} MiB, index {size:.0f} MiB")

    env = dict(os.environ)
    for directory in (small, large):  # build (or find) the indexes in the user's cache first
        subprocess.run([afg, "--data", str(directory), "who", "x"], capture_output=True, env=env)
    print(f"{'question':34} {'N=1,000 ms':>11} {f'N={count:,} ms':>14} {'ratio':>6}")
    for label, small_args, large_args in [
        ("who NAME --json (exact)", ["who", first_person(small)], ["who", first_person(large)]),
        ("who NAME --json (misspelt)", ["who", misspelt(first_person(small))], ["who", misspelt(first_person(large))]),
        ("year 1992 --json", ["year", "1992"], ["year", "1992"]),
    ]:
        low, high = [], []
        for _ in range(runs):
            low.append(timed([afg, "--data", str(small), *small_args, "--json"], env))
            high.append(timed([afg, "--data", str(large), *large_args, "--json"], env))
        a, b = statistics.median(low) * 1000, statistics.median(high) * 1000
        print(f"{label:34} {a:11.1f} {b:14.1f} {b / a:6.2f}")


if __name__ == "__main__":
    main()
