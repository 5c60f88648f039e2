"""The index of a table, kept in the user's cache directory so that later runs skip building it.

The index is a cache, never a requirement:
- it lives in AFG_CACHE_DIR, else $XDG_CACHE_HOME/afg, else ~/.cache/afg;
- its name is keyed to the table's files: their paths, sizes, modification and change times and
  inodes, so any edit (even one that restores the old modification time) builds a new one, and the
  old index of the same directories is then removed;
- it ends with a trailer holding its length, a CRC-32 of its edges (all of it up to FULL_CHECK, else
  its first and last 64 KiB), checked at every open, and a CRC-32 of all of it, checked at the first
  open after the file's identity (device, inode, size, modification and change times) differs
  from the one last verified, which a stamp beside it records; so a truncated or damaged file is
  found and rebuilt (the command line also rebuilds it, with `fresh`, when SQLite finds damage);
- it is built in a temporary file and renamed into place, so two processes never see half of one;
  the builder holds a lock on the temporary file, and the next build sweeps those of dead builders;
- one process builds it, however many need it at once: the first takes a lock on a file beside it
  (`<index>.lock`), and the others wait for that lock (showing the builder's progress, which it
  writes into the lock file) and then read the index it built. The kernel releases the lock of a
  process that dies, so the next one in line builds instead; where the cache directory cannot be
  locked, each process builds its own, as before;
- when it cannot be written, the index is built in memory and afg still answers.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from afgcli import __version__
from afgcli.index.store import FORMAT
from afgcli.table.schema import FILES

if TYPE_CHECKING:
    from afgcli.answer.queries import Library

_MAGIC = b"AFGIDX02"
_TRAILER = len(_MAGIC) + 8 + 4 + 4  # magic, length of the database part, CRC-32 of its edges, CRC-32 of all of it
# Up to this size every byte is checked at every open; past it, the edges at every open and every byte
# once per identity (see _intact). Checking all of the built-in table's 4.5 MB index cost each run about
# 18 million instructions (5% of `who --json`); a write through the file system changes the identity.
FULL_CHECK = 1 << 20
_EDGE = 64 << 10
_STAMP = ".verified"  # beside the index: the identity of the file last found whole
_TEMPORARY = ".tmp-"
_SWEEP_AFTER = 60  # seconds: an empty temporary file younger than this may be one whose builder has not locked it yet
_LOCK = ".lock"  # beside the index: held by the process building it
_POLL = 0.05  # seconds between a waiting process's tries of the lock


def cache_dir() -> Path:
    """AFG_CACHE_DIR, else $XDG_CACHE_HOME/afg, else ~/.cache/afg."""
    explicit = os.environ.get("AFG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "afg"


def real_path(path: Path) -> str:
    """The path with links resolved, or made absolute when they cannot be (a symlink loop, which the
    loader reports)."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError, ValueError):  # 3.11 raises RuntimeError for a loop, later ones OSError
        return os.path.abspath(path)


def _crc(text: str) -> str:
    data = text.encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _names(directories: list[Path]) -> tuple[str, str] | None:
    """(prefix shared by every index of these directories, full file name), or None when a file is missing."""
    where = [real_path(d) for d in directories]
    state = [__version__, FORMAT, sys.version]
    for directory in directories:
        for name in FILES:
            try:
                stat = (directory / name).stat()
            except (OSError, ValueError):  # ValueError: a NUL in the path
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


def _whole_checksum(stream, length: int) -> int:
    stream.seek(0)
    if length <= FULL_CHECK:
        return zlib.crc32(stream.read(length))
    crc, left, chunk = 0, length, bytearray(_EDGE)
    while left > 0:
        got = stream.readinto(chunk)
        if not got:
            break
        crc = zlib.crc32(memoryview(chunk)[: min(got, left)], crc)
        left -= got
    return crc


def _seal(path: str) -> None:
    """Append the trailer that _intact checks."""
    with open(path, "r+b") as stream:
        length = stream.seek(0, os.SEEK_END)
        edges, whole = _checksum(stream, length), _whole_checksum(stream, length)
        stream.seek(length)
        stream.write(_MAGIC + length.to_bytes(8, "big") + edges.to_bytes(4, "big") + whole.to_bytes(4, "big"))


def _identity(stat: os.stat_result) -> str:
    # Any write to the file changes its modification and change times (the change time cannot be set
    # back); a copy or a restore changes its inode or change time.
    return f"{stat.st_dev}:{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}"


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + _STAMP)


def _stamp(path: Path) -> None:
    """Record that the index at `path`, as it is now, was found whole (best effort: a cache)."""
    try:
        _stamp_path(path).write_text(_identity(path.stat()))
    except OSError:
        pass


def _intact(path: Path) -> bool:
    """The trailer matches: its edges at every open, all of it when the file is not the one last verified."""
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
            if _checksum(stream, length) != int.from_bytes(trailer[16:20], "big"):
                return False
            if length <= FULL_CHECK:
                return True  # every byte was checked
            identity = _identity(os.fstat(stream.fileno()))
            try:
                if _stamp_path(path).read_text() == identity:
                    return True
            except (OSError, UnicodeDecodeError):
                pass
            # Changed since last verified (or never verified): read all of it once (about 0.3 s a GiB).
            if _whole_checksum(stream, length) != int.from_bytes(trailer[20:24], "big"):
                return False
    except OSError:
        return False
    _stamp(path)
    return True


def _connect(path: Path) -> sqlite3.Connection | None:
    quoted = str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    try:
        # immutable: the file never changes once in place, so SQLite need not lock it or look for a journal
        db = sqlite3.connect(f"file:{quoted}?mode=ro&immutable=1", uri=True)
        db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        return db
    except sqlite3.Error:
        return None


class CacheFull(Exception):
    """The cache's file system is full: the index could not be saved there."""


def _is_full(error: Exception) -> bool:
    import errno

    if isinstance(error, sqlite3.Error):
        return getattr(error, "sqlite_errorcode", None) == getattr(sqlite3, "SQLITE_FULL", 13) or "full" in str(error)
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def _lock(handle: int, wait: bool) -> bool:
    """An exclusive lock on an open file: held by a live builder, released by the kernel when it dies."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: nothing is swept
        return not wait
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        return True
    except OSError:
        return False


def _try_lock(handle: int) -> bool | None:
    """Take the exclusive lock of an open file if free: True, False when another process holds it,
    None when this file system cannot lock (or this is not POSIX)."""
    try:
        import fcntl
    except ImportError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    except OSError:  # ENOLCK, EINVAL: a file system without locks
        return None


def _same_file(handle: int, path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(handle).st_ino
    except OSError:
        return False


def _build_turn(lock: Path, ready: Callable[[], bool]) -> tuple[int | None, bool]:
    """Wait for the turn to build the index that `lock` guards: (a handle holding the lock, False)
    when this process is to build it, (None, True) when another built it meanwhile (`ready`), and
    (None, False) when the lock cannot be had here: then the caller builds as if alone."""
    import time

    waiting: _Waiting | None = None
    try:
        while True:
            try:
                handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:
                return None, False
            got = _try_lock(handle)
            while got is False:
                waiting = waiting or _Waiting()
                waiting.show(handle)
                time.sleep(_POLL)
                got = _try_lock(handle)
            if got is None:
                os.close(handle)
                return None, False
            if waiting is not None and ready():
                os.close(handle)  # which releases the lock
                return None, True
            if _same_file(handle, lock):
                return handle, False
            # The builder removed the lock file once done; its index is not there (damaged at once,
            # or removed): take the lock file that is there now, or make one.
            os.close(handle)
    finally:
        if waiting is not None:
            waiting.close()


def _sweep(folder: Path) -> None:
    """Remove the temporary files of builds whose process died (SIGKILL, a crash, a power cut)."""
    import time

    for path in folder.glob(f"{_TEMPORARY}*.sqlite"):
        try:
            handle = os.open(path, os.O_RDWR)
        except OSError:
            continue
        try:
            stat = os.fstat(handle)
            # An empty file may be a live build's between its creation and its lock; it is tiny anyway.
            if (stat.st_size or time.time() - stat.st_mtime > _SWEEP_AFTER) and _lock(handle, wait=False):
                os.unlink(path)
        except OSError:
            pass
        finally:
            os.close(handle)


def _build_file(directories: list[Path], folder: Path, prefix: str, name: str, share: int | None = None) -> Path | None:
    """Build the index into `folder`/`name`; None when the folder cannot be written. Raises DataError,
    and CacheFull when the folder's file system is full."""
    import tempfile

    from afgcli.index.build import build

    try:
        folder.mkdir(parents=True, exist_ok=True)
        _sweep(folder)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=_TEMPORARY, suffix=".sqlite")
    except OSError as error:
        if _is_full(error):
            raise CacheFull(str(folder)) from None
        return None
    try:
        _lock(handle, wait=True)  # held until the file is renamed into place or removed
        db = sqlite3.connect(temporary)
        progress = BuildProgress(share)
        try:
            build(directories, db, progress)
        finally:
            progress.close()
            db.close()
        _seal(temporary)
        os.replace(temporary, folder / name)
    except (OSError, sqlite3.Error) as error:
        # the disk filled or the folder vanished: answer from memory
        if _is_full(error):
            raise CacheFull(str(folder)) from None
        return None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)  # also when interrupted: SIGINT, and SIGTERM and SIGHUP through the command line
        os.close(handle)
    _stamp(folder / name)  # this process wrote it: its first open need not read it all again
    earlier = [p for p in folder.glob(f"{prefix}*") if p.name not in (name, name + _STAMP, name + _LOCK)]  # earlier states of this table
    for old in earlier + list(folder.glob("library-*.pickle")):  # afg 0.1 cached pickles here
        try:
            if old.name.endswith(_LOCK):
                _unlink_unheld(old)  # another process may be building that state now
            else:
                old.unlink()
        except OSError:
            pass
    return folder / name


def _unlink_unheld(lock: Path) -> None:
    handle = os.open(lock, os.O_RDWR)
    try:
        if _try_lock(handle) and _same_file(handle, lock):
            os.unlink(lock)
    finally:
        os.close(handle)


def open_library(directories: list[Path]) -> Library:
    """Answers as records from the index of these table directories (see open_index). Raises DataError."""
    from afgcli.answer.queries import Library

    return Library(open_index(directories))


def open_cached(directories: list[Path]) -> sqlite3.Connection | None:
    """The index of these table directories when one is cached and intact, else None (never builds one)."""
    names = _names(directories)
    if names is None:
        return None
    path = cache_dir() / names[1]
    return _connect(path) if _intact(path) else None


def open_index(directories: list[Path], fresh: bool = False, on_full: Callable[[Path], None] | None = None) -> sqlite3.Connection:
    """The index of these table directories, built first when it is missing or stale, or when `fresh`
    (the cached one turned out damaged) built anew in its place. When the cache's file system is
    full, the index is built in memory and `on_full` is told the cache directory.

    Raises DataError when the table has problems.
    """
    names = _names(directories)
    if names is not None:
        prefix, name = names
        folder = cache_dir()
        path = folder / name
        if not fresh and _intact(path):
            db = _connect(path)
            if db is not None:
                return db
        damaged = _identity_of(path) if fresh else None  # a fresh build wants any index but this one

        def ready() -> bool:
            return (not fresh or _identity_of(path) != damaged) and _intact(path)

        lock, built_by_another = (None, False)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            lock, built_by_another = _build_turn(folder / (name + _LOCK), ready)
        except OSError:
            pass  # no lock to be had: build as if alone
        try:
            built = path if built_by_another else None
            if built is None:
                try:
                    built = _build_file(directories, folder, prefix, name, lock)
                except CacheFull:
                    if on_full is not None:
                        on_full(folder)
        finally:
            if lock is not None:
                # Removed while held, whatever the build's outcome: a process waiting on it then finds
                # the index, or makes a new lock and builds; one arriving later finds no lock.
                _remove_lock(folder / (name + _LOCK), lock)
                os.close(lock)
        if built is not None:
            db = _connect(built)
            if db is not None:
                return db
    from afgcli.index.build import build

    db = sqlite3.connect(":memory:")
    progress = BuildProgress()
    try:
        build(directories, db, progress)
    finally:
        progress.close()
    return db


def _identity_of(path: Path) -> str | None:
    try:
        return _identity(path.stat())
    except OSError:
        return None


def _remove_lock(lock: Path, handle: int) -> None:
    if _same_file(handle, lock):
        try:
            os.unlink(lock)
        except OSError:
            pass


class _Waiting:
    """What a process waiting for another's build shows on a terminal (stderr), once the wait has
    taken a second: the builder's progress bar, from what it writes into the lock file, or a note."""

    def __init__(self) -> None:
        self._bar = BuildProgress()
        self._noted = False

    def show(self, handle: int) -> None:
        if not self._bar.shown:
            return
        try:
            shared = os.pread(handle, 512, 0).decode("utf-8", "replace").split("\t")
            name, done, total = shared[0], int(shared[1]), int(shared[2])
        except (OSError, ValueError, IndexError):
            name = None
        if name:
            self._bar(name, done, total)
        elif not self._noted and self._bar.waited():
            self._noted = True
            try:
                sys.stderr.write("afg: waiting for the index that another afg process is building\n")
            except (OSError, ValueError):
                pass

    def close(self) -> None:
        self._bar.close()


class BuildProgress:
    """rich's progress bar on stderr while an index is built, once the build has taken a second, and
    only when stderr is a terminal: nothing for a quick build, nothing in a pipe. rich is imported
    only then."""

    DELAY = 1.0
    SHARE_EVERY = 0.2  # seconds between writes of the progress into the lock file, for waiting processes

    def __init__(self, share: int | None = None) -> None:
        import time

        self._clock = time.monotonic
        self._start = self._clock()
        self.shown = sys.stderr.isatty()
        self._bar = None
        self._task = None
        self._share = share  # the lock file, or None
        self._shared = 0.0

    def waited(self) -> bool:
        return self._clock() - self._start >= self.DELAY

    def __call__(self, name: str, done: int, total: int) -> None:
        if self._share is not None and self._clock() - self._shared >= self.SHARE_EVERY:
            self._shared = self._clock()
            try:
                # fixed width, so a shorter line overwrites a longer one whole
                os.pwrite(self._share, f"{name}\t{done}\t{total}\t".ljust(300).encode("utf-8", "replace"), 0)
            except OSError:
                self._share = None
        if not self.shown:
            return
        if self._bar is None:
            if not self.waited():
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
