"""Start-up benchmark: afg against the floor (bench/floor.py), run in alternation, medians and ratios.

usage: python bench/startup.py [RUNS]   (default 21; run from the checkout with afg installed)
The terminal cases run under a pseudo-terminal of 40 rows and 100 columns, so afg draws its tables in
colour, as a user sees them; `who Massoud` is taller than that, so it goes to the pager (less -FRX, which
shows the first screen and reads a `q` typed ahead) or, with --no-pager, is printed.
"""

import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

FLOOR = Path(__file__).with_name("floor.py")
CASES = [
    # (label, arguments, goal, terminal, what is timed)
    ("who Massoud --json", ["who", "Massoud", "--json"], 1.15, False, "exit"),
    ("year 1992 --json", ["year", "1992", "--json"], 1.15, False, "exit"),
    ("who Hikmatyr --json (fuzzy)", ["who", "Hikmatyr", "--json"], 1.3, False, "exit"),
    ("search who led the Taliban --json", ["search", "who", "led", "the", "Taliban", "--json"], 1.3, False, "exit"),
    ("who Massoud, first screen in pager", ["who", "Massoud"], 1.6, True, "screen"),
    ("who Massoud, pager quit at once", ["who", "Massoud"], None, True, "exit"),
    ("who Massoud --no-pager, all drawn", ["--no-pager", "who", "Massoud"], None, True, "exit"),
    ("--help", ["--help"], 1.15, False, "exit"),
]
ROWS, COLUMNS = 40, 100  # the pseudo-terminal's size: Massoud's answer is taller, so it goes to the pager


def timed(argv, terminal, until):
    """Seconds until the process exits, or (`until` "screen") until its first screen is on the terminal:
    ROWS - 1 lines, or all it writes when that is less (the floor's one line)."""
    start = time.perf_counter()
    if not terminal:
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return time.perf_counter() - start
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        os.environ.pop("AFG_PAGER", None)
        os.environ["PAGER"] = "less -FRX"
        os.execv(argv[0], argv)
    os.write(fd, b"q")  # waiting as typed-ahead input: the pager shows its first screen and quits
    lines, screen = 0, None
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        lines += data.count(b"\n")
        if screen is None and lines >= ROWS - 1:
            screen = time.perf_counter() - start
    os.waitpid(pid, 0)
    os.close(fd)
    ended = time.perf_counter() - start
    return (screen or ended) if until == "screen" else ended


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    python = sys.executable
    # The console script pip installed beside this interpreter: what a user runs.
    afg = [str(Path(python).with_name("afg"))]
    floor = [python, str(FLOOR)]
    subprocess.run(afg + ["who", "Massoud", "--json"], capture_output=True)  # warm the cache once
    print(f"{'case':36} {'afg ms':>8} {'floor ms':>9} {'ratio':>6} {'goal':>5}")
    for label, args, goal, terminal, until in CASES:
        mine, base = [], []
        for _ in range(runs):
            mine.append(timed(afg + args, terminal, until))
            base.append(timed(floor + args, terminal, until))
        a, b = statistics.median(mine) * 1000, statistics.median(base) * 1000
        print(f"{label:36} {a:8.1f} {b:9.1f} {a / b:6.2f} {goal or '':>5}")


if __name__ == "__main__":
    main()
