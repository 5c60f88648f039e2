"""A prepared copy of a loaded table and its indexes, so later runs skip parsing and indexing.

The cache is never required: it lives in the user's cache directory (XDG), is keyed to the
table files' paths, sizes and modification times (an edit rebuilds it), carries a checksum (a
corrupt or truncated copy is detected and replaced), and is written to a temporary file and
renamed into place, so two processes never see half of one. When it cannot be read or written,
afg answers from the table itself.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import zlib
from pathlib import Path

from afgcli import __version__
from afgcli.queries import Library
from afgcli.schema import FILES

_MAGIC = b"AFGCACHE2\n"
_DIGEST = 4  # CRC-32 of the body: enough to catch truncation and corruption, and cheap to import


def cache_dir() -> Path:
    """AFG_CACHE_DIR, else $XDG_CACHE_HOME/afg, else ~/.cache/afg."""
    explicit = os.environ.get("AFG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "afg"


def _key(directories: list[Path]) -> str | None:
    parts = [__version__]
    for directory in directories:
        for name in FILES:
            try:
                stat = (directory / name).stat()
            except OSError:
                return None  # let the loader report the missing file
            parts.append(f"{(directory / name).resolve()}|{stat.st_size}|{stat.st_mtime_ns}")
    text = "\n".join(parts).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}{len(text):x}"


def _checksum(body: bytes) -> bytes:
    return zlib.crc32(body).to_bytes(4, "big")


def _read(path: Path) -> Library | None:
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    body = blob[len(_MAGIC) + _DIGEST :]
    if not blob.startswith(_MAGIC) or blob[len(_MAGIC) : len(_MAGIC) + _DIGEST] != _checksum(body):
        return None
    try:
        library = pickle.loads(body)
    except Exception:  # a cache from another build; rebuilt below
        return None
    return library if isinstance(library, Library) else None


def _write(path: Path, library: Library) -> None:
    body = pickle.dumps(library, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(_MAGIC + _checksum(body) + body)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass  # an unwritable cache only costs speed


def load_library(directories: list[Path]) -> Library:
    """The prepared library for these table directories, from the cache when it is current."""
    key = _key(directories)
    path = cache_dir() / f"library-{key}.pickle" if key else None
    if path is not None:
        cached = _read(path)
        if cached is not None:
            return cached
    from afgcli.load import load_table

    library = Library(load_table(directories))
    library.prepare()
    if path is not None:
        _write(path, library)
    return library
