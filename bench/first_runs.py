"""Concurrent first runs: P afg processes started together on a fresh cache against one alone.

usage: python bench/first_runs.py [N] [P] [ROUNDS]   (default 10000, 20 and 3; run with afg installed)

Each round times one `afg --data TABLE who NAME --json` on an empty cache directory, then P of them
started at once on another empty one (until the last ends), and counts the index files each left.
Prints the medians over the rounds and their ratio (issue 19's goal: at most 1.5).
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from scale import first_person, table  # noqa: E402


def first_runs(afg: str, directory: Path, name: str, processes: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as fresh:
        env = {**__import__("os").environ, "AFG_CACHE_DIR": fresh}
        start = time.perf_counter()
        started = [
            subprocess.Popen([afg, "--data", str(directory), "who", name, "--json"], stdout=subprocess.PIPE, env=env)
            for _ in range(processes)
        ]
        answers = {process.communicate()[0] for process in started}
        elapsed = time.perf_counter() - start
        assert len(answers) == 1, "the processes answered differently"
        return elapsed, len(list(Path(fresh).glob("index-*.sqlite")))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    processes = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    afg = str(Path(sys.executable).with_name("afg"))
    directory = table(count)
    name = first_person(directory)
    alone, together = [], []
    for _ in range(rounds):
        seconds, _ = first_runs(afg, directory, name, 1)
        alone.append(seconds)
        seconds, indexes = first_runs(afg, directory, name, processes)
        together.append(seconds)
        assert indexes == 1
    a, b = statistics.median(alone), statistics.median(together)
    print(f"N={count:,}: one first run {a:.2f} s, {processes} at once {b:.2f} s (median of {rounds}), ratio {b / a:.2f}")


if __name__ == "__main__":
    main()
