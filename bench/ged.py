"""UCDP at scale: importing a full-size GED, and lookups with a large Afghan GED layer.

usage: python bench/ged.py [EVENTS] [AFGHAN] [RUNS]   (defaults 385918, 100000 and 11; afg installed)

The real GED is 250 MB; UCDP's sample (../shared/data/ucdp/ged-23.1-sample.csv) has its columns and a
thousand of its rows. This writes GED-shaped files by drawing rows from the sample (new event ids, the
sample's countries, sides, precisions and deaths) under $TMPDIR/afg-ged, then:
1. times `afg import ucdp-ged FILE --country all` on EVENTS rows (wall time and peak memory);
2. imports AFGHAN events in Afghanistan as a layer, builds its index once, and times `who Taliban --json`,
   `year 2015 --json` and `search Taleban Helmand` on builtin + that layer against builtin alone.
"""

import csv
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "ucdp" / "ged-23.1-sample.csv"


def synthesize(rows: int, afghan_only: bool, path: Path) -> Path:
    if path.exists():
        return path
    with SAMPLE.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        header, sample = reader.fieldnames, list(reader)
    if afghan_only:
        sample = [row for row in sample if row["country_id"] == "700"]
    draw = random.Random(1989)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, header, lineterminator="\n")
        writer.writeheader()
        for event in range(1, rows + 1):
            row = dict(draw.choice(sample))
            year = draw.randint(1989, 2022)
            row["id"] = str(event)
            row["date_start"] = f"{year}{row['date_start'][4:]}"
            row["date_end"] = f"{year}{row['date_end'][4:]}"
            writer.writerow(row)
    return path


def run(argv: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 385_918
    afghan = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 11
    afg = str(Path(sys.executable).with_name("afg"))
    work = Path(tempfile.gettempdir()) / "afg-ged"
    work.mkdir(exist_ok=True)
    world = synthesize(events, False, work / f"ged-23.1-world-{events}.csv")
    local = synthesize(afghan, True, work / f"ged-23.1-afghan-{afghan}.csv")

    with tempfile.TemporaryDirectory() as fresh:
        env = dict(os.environ, AFG_CACHE_DIR=fresh)
        took = run([afg, "import", "ucdp-ged", str(world), "--out", f"{fresh}/world", "--country", "all"], env)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"import of {events:,} GED events, all countries: {took:.1f} s, peak {peak:.0f} MiB (goals: 60 s, 1 GiB)")

        layer = f"{fresh}/afghan"
        run([afg, "import", "ucdp-ged", str(local), "--out", layer], env)
        took = run([afg, "--data", "builtin", "--data", layer, "year", "1992", "--json"], env)
        print(f"index build of builtin + {afghan:,} Afghan events: {took:.1f} s")
        questions = [["who", "Taliban", "--json"], ["year", "2015", "--json"], ["search", "Taleban", "Helmand", "--json"]]
        print(f"\n| question | builtin | builtin + {afghan:,} GED events | ratio |\n|---|---|---|---|")
        for question in questions:
            alone, layered = [], []
            for _ in range(runs):
                alone.append(run([afg, *question], env))
                layered.append(run([afg, "--data", "builtin", "--data", layer, *question], env))
            a, b = statistics.median(alone), statistics.median(layered)
            print(f"| `{' '.join(question)}` | {a * 1000:.0f} ms | {b * 1000:.0f} ms | {b / a:.2f} |")


if __name__ == "__main__":
    main()
