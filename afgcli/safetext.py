"""Text from the table or the user, made safe to show on a terminal.

Control characters could move the cursor, set the window title or change colours, and bidi
overrides could reorder what a reader sees; each is replaced by a visible stand-in.
"""

from __future__ import annotations

import re

# Compiled on first use (re caches it): most runs show only printable text and never need it.
_CONTROL = "[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"


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
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace") if _has_surrogate(text) else text


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)
