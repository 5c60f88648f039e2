"""Common English words (SCOWL's small American and British lists, lower-case entries only; see
english-COPYING.txt). A word in them is an ordinary word (border, front, treaty), never taken for
another spelling of a name, and in a search a generic word rather than a name asked for."""

from __future__ import annotations

from pathlib import Path

_WORDS: bytes | None = None  # one word a line, sorted, starting with a newline; read on first use


def is_common(word: str) -> bool:
    """Whether `word` (normalised, lower case) is a common English word."""
    global _WORDS
    if not word.isascii() or not word.isalpha():
        return False
    if _WORDS is None:
        _WORDS = Path(__file__).with_name("english.txt").read_bytes()
    return b"\n" + word.encode() + b"\n" in _WORDS
