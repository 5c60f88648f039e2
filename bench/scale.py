"""Scale benchmark: afg on a synthetic table of N entities against the same questions on N = 1,000.

usage: python bench/scale.py [N] [RUNS]   (default 100000 and 21; run with afg installed)

Writes the tables with bench/synth.py under $TMPDIR/afg-scale (kept between runs), times the
one-time index build of the large table (wall time and peak memory, in a fresh cache directory),
then runs each question on both tables in alternation and prints medians of time and of peak
memory (each process's own, from wait4), their ratio and whether issue 19's goal is met (search:
at most 0.5 s and 3 times N = 1,000, memory at most 100 MiB above it; a large answer: at most
100 MiB). Last, 20 first runs at once on a fresh cache against one (bench/first_runs.py, N = 10,000).
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


def timed(argv: list[str], env: dict) -> tuple[float, float]:
    """Seconds and peak memory (MiB) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return time.perf_counter() - start, usage.ru_maxrss / 1024  # KiB on Linux


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
    print(f"{'question':34} {'N=1,000 ms':>11} {f'N={count:,} ms':>14} {'ratio':>6} {'MiB':>5} {'MiB':>5}  goal")
    search_goal = lambda a, b, ma, mb: b <= 500 and b <= 3 * a and mb <= ma + 100  # noqa: E731
    memory_goal = lambda a, b, ma, mb: mb <= 100  # noqa: E731
    for label, small_args, large_args, goal, repeat in [
        ("who NAME --json (exact)", ["who", first_person(small)], ["who", first_person(large)], None, runs),
        ("who NAME --json (misspelt)", ["who", misspelt(first_person(small))], ["who", misspelt(first_person(large))], None, runs),
        ("year 1992 --json", ["year", "1992"], ["year", "1992"], None, runs),
        ("search ceasefire", ["search", "ceasefire"], ["search", "ceasefire"], search_goal, runs),
        ("search ceasefire near Maimana", ["search", "ceasefire", "near", "Maimana"], ["search", "ceasefire", "near", "Maimana"],
         search_goal, runs),
        ("search Stanekzai", ["search", "Stanekzai"], ["search", "Stanekzai"], search_goal, runs),
        ("year 1950s --json", ["year", "1950s"], ["year", "1950s"], memory_goal, runs),
        ("export --format json", ["export", "--format", "json"], ["export", "--format", "json"], memory_goal, min(runs, 3)),
        ("export --format csv", ["export", "--format", "csv"], ["export", "--format", "csv"], memory_goal, min(runs, 3)),
    ]:
        low, high = [], []
        json_flag = [] if small_args[0] == "export" else ["--json"]
        for _ in range(repeat):
            low.append(timed([afg, "--data", str(small), *small_args, *json_flag], env))
            high.append(timed([afg, "--data", str(large), *large_args, *json_flag], env))
        a, b = (statistics.median(t for t, _ in runs_) * 1000 for runs_ in (low, high))
        ma, mb = (statistics.median(m for _, m in runs_) for runs_ in (low, high))
        verdict = "" if goal is None else "met" if goal(a, b, ma, mb) else "MISSED"
        print(f"{label:34} {a:11.1f} {b:14.1f} {b / a:6.2f} {ma:5.0f} {mb:5.0f}  {verdict}")

    from first_runs import first_runs  # bench/first_runs.py

    middle = table(10_000)
    name = first_person(middle)
    alone, together, built = [], [], set()
    for _ in range(3):  # a build is long and the machine noisy: the median of three rounds
        alone.append(first_runs(afg, middle, name, 1)[0])
        seconds, indexes = first_runs(afg, middle, name, 20)
        together.append(seconds)
        built.add(indexes)
    one, twenty = statistics.median(alone), statistics.median(together)
    print(f"first runs on a fresh cache, N=10,000: one {one:.2f} s, 20 at once {twenty:.2f} s (median of 3), ratio {twenty / one:.2f}, "
          f"indexes built by 20: {sorted(built)}  {'met' if twenty <= 1.5 * one and built == {1} else 'MISSED'}")


if __name__ == "__main__":
    main()
