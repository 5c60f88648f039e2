"""Text from the table or the user, made safe to show on a terminal.

Control characters could move the cursor, set the window title or change colours, and bidi
overrides could reorder what a reader sees; each is replaced by a visible stand-in.
"""

from __future__ import annotations

import os
import re

# Compiled on first use (re caches it): most runs show only printable text and never need it.
# U+061C (the Arabic letter mark) and U+2028, U+2029 (line and paragraph separators) too: a terminal
# may break a line there or reorder the text around it.
_CONTROL = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛ for ESC
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def visible(text: str) -> str:
    # Every character the pattern finds is a control or format character, which isprintable() rejects.
    return text if text.isprintable() else re.sub(_CONTROL, _visible, text)


def clean_argument(text: str) -> str:
    """Undecodable command-line bytes (kept by Python as lone surrogates) become U+FFFD."""
    return _bytes_of(text).decode("utf-8", "replace") if _has_surrogate(text) else text


def shown_path(path: str | os.PathLike) -> str:
    """A file name as valid text: bytes that are not UTF-8 (kept by Python as lone surrogates) are
    written as \\xNN, as a shell writes them in $'...', so the name stays recognizable."""
    text = os.fspath(path)
    return _bytes_of(text).decode("utf-8", "backslashreplace") if _has_surrogate(text) else text


def _bytes_of(text: str) -> bytes:
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that stands for no byte (U+D800 to U+DC7F)
        return text.encode("utf-8", "backslashreplace")


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)
