"""Showing a terminal answer: through a pager when it is taller than the screen, the way git does it.

The pager is `AFG_PAGER`, else `PAGER`, else `less -FRX`; an empty value or `cat` means none. There
is none when stdout is not a terminal, and a pager program that cannot be found means printing as
usual. Quitting the pager before the end is not an error.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from typing import Callable

DEFAULT = "less -FRX"
_TRAILING = re.compile(" +$", re.M)


def command(environ=os.environ) -> str | None:
    """The pager command a user chose, or None for no pager."""
    chosen = environ.get("AFG_PAGER")
    if chosen is None:
        chosen = environ.get("PAGER")
    if chosen is None:
        chosen = DEFAULT
    chosen = chosen.strip()
    return None if chosen in ("", "cat") else chosen


def _runnable(text: str) -> bool:
    try:
        words = shlex.split(text)
    except ValueError:
        return False
    # `LESS=-R less`: the program is the first word that is not a variable assignment
    program = next((word for word in words if "=" not in word), None)
    return program is not None and shutil.which(program) is not None


def show(console, draw: Callable[[], None], paging: bool) -> None:
    """Run `draw` (which prints to `console`); when `paging` and stdout is a terminal, page what it drew
    if it is taller than the screen."""
    stream = console.file
    with console.capture() as captured:
        draw()
    text = captured.get()
    if console.color_system is None:
        text = _TRAILING.sub("", text)  # rich pads every cell to its column's width
    pager = command() if paging and stream.isatty() else None
    if pager is None:
        stream.write(text)
        return
    height = _rows(stream)
    if not height or text.count("\n") < height or not _runnable(pager):
        stream.write(text)
        return
    _page(pager, text)


def _rows(stream) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).lines
    except (OSError, ValueError):
        return 0


def _page(pager: str, text: str) -> None:
    environ = dict(os.environ)
    environ.setdefault("LESS", "FRX")  # as git does: -R passes colour through, -F ends when it fits, -X keeps the screen
    environ.setdefault("LV", "-c")
    sys.stdout.flush()
    try:
        process = subprocess.Popen(pager, shell=True, stdin=subprocess.PIPE, env=environ)
    except OSError:
        sys.stdout.write(text)
        return
    try:
        process.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
        process.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the reader quit the pager before the end: not an error
    while True:
        try:
            process.wait()
            break
        except KeyboardInterrupt:
            continue  # Ctrl-C belongs to the pager, as in git
