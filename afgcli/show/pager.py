"""Where a terminal answer goes: stdout, or a pager when it is taller than the screen, the way git does it.

The pager is `AFG_PAGER`, else `PAGER`, else `less -FRX`; an empty value or `cat` means none. There
is none when stdout is not a terminal, and a pager program that cannot be found means printing as
usual. An answer is drawn in pieces and streamed: the pager starts as soon as the pieces drawn fill
the screen, so the first screen shows before the rest is drawn, and when the reader quits the pager
early the rest is never drawn. Quitting early is not an error. An answer known to be taller than the
screen before it is drawn (`early`) starts the pager at once, so the pager loads while rich does.
"""

from __future__ import annotations

import os
import re

DEFAULT = "less -FRX"
_TRAILING = re.compile(" +$", re.M)


class Quit(Exception):
    """The reader quit the pager: stop drawing."""


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
    """Whether the pager's program can be found (shlex and shutil, imported only for unusual commands)."""
    words = text.split()
    if any(mark in text for mark in "'\"\\"):
        import shlex

        try:
            words = shlex.split(text)
        except ValueError:
            return False
    # `LESS=-R less`: the program is the first word that is not a variable assignment
    program = next((word for word in words if "=" not in word), None)
    if program is None:
        return False
    if os.sep in program:
        return os.access(program, os.X_OK)
    return any(os.access(os.path.join(folder, program), os.X_OK) for folder in os.environ.get("PATH", "").split(os.pathsep) if folder)


def _rows(stream) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).lines
    except (OSError, ValueError):
        return 0


def _chosen(stream, paging: bool) -> str | None:
    pager = command() if paging and stream.isatty() else None
    return pager if pager and _runnable(pager) else None


def _spawn(pager: str, stream):
    """The pager's process reading from a pipe, or None when it cannot be started."""
    environ = dict(os.environ)
    environ.setdefault("LESS", "FRX")  # as git does: -R passes colour through, -F ends when it fits, -X keeps the screen
    environ.setdefault("LV", "-c")
    import subprocess  # only a long answer on a terminal needs it

    stream.flush()
    try:
        return subprocess.Popen(pager, shell=True, stdin=subprocess.PIPE, env=environ)
    except OSError:
        return None


def early(stream, paging: bool, at_least: int):
    """The pager, started now, when an answer of `at_least` lines (a lower bound, known before it is
    drawn) goes to it anyway: it then starts while rich is imported, not after the first screen is drawn.
    None otherwise: the Screen decides as the pieces come."""
    pager = _chosen(stream, paging) if at_least else None
    height = _rows(stream) if pager else 0
    if not height or at_least < height:
        return None
    return _spawn(pager, stream)


class Screen:
    """What render.py prints to: a rich console's output, piece by piece, to stdout or a pager
    (`process`: one `early` started)."""

    def __init__(self, console, paging: bool, process=None):
        self.console = console
        self.width = console.width
        self.stream = console.file
        self.plain = console.color_system is None
        self.pager = _chosen(self.stream, paging) if process is None else None
        self.height = _rows(self.stream) if self.pager else 0
        self.held: list[str] = []  # pieces kept back while they may still fit on one screen
        self.lines = 0
        self.process = process  # the pager, once started

    def print(self, *objects, **options) -> None:
        with self.console.capture() as captured:
            self.console.print(*objects, **options)
        text = captured.get()
        if self.plain:
            text = _TRAILING.sub("", text)  # rich pads every cell to its column's width
        if self.process is not None:
            self._feed(text)
        elif self.height:
            self.held.append(text)
            self.lines += text.count("\n")
            if self.lines >= self.height:
                self._start()
        else:
            self.stream.write(text)

    def finish(self) -> None:
        if self.process is None:
            self.stream.write("".join(self.held))
            return
        try:
            self.process.stdin.close()
        except OSError:
            pass  # the reader quit early
        while True:
            try:
                self.process.wait()
                break
            except KeyboardInterrupt:
                continue  # Ctrl-C belongs to the pager, as in git

    def _start(self) -> None:
        self.process = _spawn(self.pager, self.stream)
        if self.process is None:
            self.height = 0  # no pager after all: print
            self.stream.write("".join(self.held))
            return
        held, self.held = "".join(self.held), []
        self._feed(held)

    def _feed(self, text: str) -> None:
        try:
            self.process.stdin.write(text.encode(getattr(self.stream, "encoding", None) or "utf-8", "replace"))
            self.process.stdin.flush()  # the pager shows each piece as it comes
        except (BrokenPipeError, OSError):
            raise Quit from None


def show(console, pieces, paging: bool, process=None) -> None:
    """Print what the generator `pieces(screen)` draws, through the pager when it is long (through
    `process` when `early` started one)."""
    screen = Screen(console, paging, process)
    try:
        pieces(screen)
    except Quit:
        pass
    screen.finish()
