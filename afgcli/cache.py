"""The index of a table, kept in the user's cache directory so that later runs skip building it.

The index is a cache, never a requirement:
- it lives in AFG_CACHE_DIR, else $XDG_CACHE_HOME/afg, else ~/.cache/afg;
- its name is keyed to the table's files: their paths, sizes, modification and change times and
  inodes, so any edit (even one that restores the old modification time) builds a new one, and the
  old index of the same directories is then removed;
- it ends with a trailer holding its length and a CRC-32 (of all of it, or of its first and last
  MiB when larger than FULL_CHECK), so a truncated or damaged file is found and rebuilt (the
  command line also rebuilds it, with `fresh`, when SQLite finds damage between those edges);
- it is built in a temporary file and renamed into place, so two processes never see half of one;
- when it cannot be written, the index is built in memory and afg still answers.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from afgcli import __version__
from afgcli.schema import FILES
from afgcli.store import FORMAT

if TYPE_CHECKING:
    from afgcli.queries import Library

_MAGIC = b"AFGIDX01"
_TRAILER = len(_MAGIC) + 8 + 4  # magic, length of the database part, CRC-32
FULL_CHECK = 8 << 20  # up to this size every byte is checked (about a millisecond per MiB)
_EDGE = 1 << 20


def cache_dir() -> Path:
    """AFG_CACHE_DIR, else $XDG_CACHE_HOME/afg, else ~/.cache/afg."""
    explicit = os.environ.get("AFG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "afg"


def _crc(text: str) -> str:
    data = text.encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _names(directories: list[Path]) -> tuple[str, str] | None:
    """(prefix shared by every index of these directories, full file name), or None when a file is missing."""
    where = [str(d.resolve()) for d in directories]
    state = [__version__, FORMAT, sys.version]
    for directory in directories:
        for name in FILES:
            try:
                stat = (directory / name).stat()
            except OSError:
                return None  # the loader reports the missing file
            state.append(f"{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ctime_ns}|{stat.st_ino}")
    prefix = f"index-{_crc(chr(0).join(where))}-"
    return prefix, f"{prefix}{_crc(chr(0).join(state))}.sqlite"


def _checksum(stream, length: int) -> int:
    stream.seek(0)
    if length <= FULL_CHECK:
        return zlib.crc32(stream.read(length))
    crc = zlib.crc32(stream.read(_EDGE))
    stream.seek(length - _EDGE)
    return zlib.crc32(stream.read(_EDGE), crc)


def _seal(path: str) -> None:
    """Append the trailer that _intact checks."""
    with open(path, "r+b") as stream:
        length = stream.seek(0, os.SEEK_END)
        crc = _checksum(stream, length)
        stream.seek(length)
        stream.write(_MAGIC + length.to_bytes(8, "big") + crc.to_bytes(4, "big"))


def _intact(path: Path) -> bool:
    try:
        with open(path, "rb") as stream:
            size = stream.seek(0, os.SEEK_END)
            if size < _TRAILER:
                return False
            stream.seek(size - _TRAILER)
            trailer = stream.read(_TRAILER)
            length = int.from_bytes(trailer[8:16], "big")
            if trailer[:8] != _MAGIC or length != size - _TRAILER:
                return False
            return _checksum(stream, length) == int.from_bytes(trailer[16:], "big")
    except OSError:
        return False


def _connect(path: Path) -> sqlite3.Connection | None:
    quoted = str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    try:
        # immutable: the file never changes once in place, so SQLite need not lock it or look for a journal
        db = sqlite3.connect(f"file:{quoted}?mode=ro&immutable=1", uri=True)
        db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        return db
    except sqlite3.Error:
        return None


def _build_file(directories: list[Path], folder: Path, prefix: str, name: str) -> Path | None:
    """Build the index into `folder`/`name`; None when the folder cannot be written. Raises DataError."""
    import tempfile

    from afgcli.index import build

    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".sqlite")
        os.close(handle)
    except OSError:
        return None
    try:
        db = sqlite3.connect(temporary)
        progress = BuildProgress()
        try:
            build(directories, db, progress)
        finally:
            progress.close()
            db.close()
        _seal(temporary)
        os.replace(temporary, folder / name)
    except OSError:
        return None  # the disk filled or the folder vanished: answer from memory
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    earlier = [p for p in folder.glob(f"{prefix}*.sqlite") if p.name != name]  # earlier states of this table
    for old in earlier + list(folder.glob("library-*.pickle")):  # afg 0.1 cached pickles here
        try:
            old.unlink()
        except OSError:
            pass
    return folder / name


def open_library(directories: list[Path]) -> Library:
    """Answers as records from the index of these table directories (see open_index). Raises DataError."""
    from afgcli.queries import Library

    return Library(open_index(directories))


def open_cached(directories: list[Path]) -> sqlite3.Connection | None:
    """The index of these table directories when one is cached and intact, else None (never builds one)."""
    names = _names(directories)
    if names is None:
        return None
    path = cache_dir() / names[1]
    return _connect(path) if _intact(path) else None


def open_index(directories: list[Path], fresh: bool = False) -> sqlite3.Connection:
    """The index of these table directories, built first when it is missing or stale, or when `fresh`
    (the cached one turned out damaged) built anew in its place.

    Raises DataError when the table has problems.
    """
    names = _names(directories)
    if names is not None:
        prefix, name = names
        path = cache_dir() / name
        if not fresh and _intact(path):
            db = _connect(path)
            if db is not None:
                return db
        built = _build_file(directories, cache_dir(), prefix, name)
        if built is not None:
            db = _connect(built)
            if db is not None:
                return db
    from afgcli.index import build

    db = sqlite3.connect(":memory:")
    progress = BuildProgress()
    try:
        build(directories, db, progress)
    finally:
        progress.close()
    return db


class BuildProgress:
    """rich's progress bar on stderr while an index is built, once the build has taken a second, and
    only when stderr is a terminal: nothing for a quick build, nothing in a pipe. rich is imported
    only then."""

    DELAY = 1.0

    def __init__(self) -> None:
        import time

        self._clock = time.monotonic
        self._start = self._clock()
        self._shown = sys.stderr.isatty()
        self._bar = None
        self._task = None

    def __call__(self, name: str, done: int, total: int) -> None:
        if not self._shown:
            return
        if self._bar is None:
            if self._clock() - self._start < self.DELAY:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("afg: indexing {task.description}", markup=False), BarColumn(), MofNCompleteColumn(), TextColumn("rows", markup=False),
                TimeRemainingColumn(), console=Console(stderr=True, markup=False, highlight=False), transient=True,
            )
            self._bar.start()
        if self._task is None or self._bar.tasks[self._task].description != name:
            if self._task is not None:
                self._bar.update(self._task, visible=False)  # one bar, for the file being read
            self._task = self._bar.add_task(name, total=total)
        self._bar.update(self._task, completed=done, total=total)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
