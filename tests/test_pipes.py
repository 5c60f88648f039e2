"""afg in a real pipe and a real process: `| head -1` ends quietly."""

import subprocess
import sys


def test_closed_pipe_ends_quietly():
    command = f"{sys.executable} -m afgcli export --format jsonl | head -1"
    result = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], capture_output=True, text=True)
    assert result.stdout.startswith('{"type": "source"')
    assert result.stderr == ""
    assert result.returncode == 1  # click's convention for a reader that went away


def test_python_dash_m_runs_the_same_program():
    result = subprocess.run([sys.executable, "-m", "afgcli", "who", "Dostam", "--json"], capture_output=True, text=True)
    assert result.returncode == 0
    assert '"id": "abdul-rashid-dostum"' in result.stdout
