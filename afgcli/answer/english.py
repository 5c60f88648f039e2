"""Common English words (SCOWL's small American and British lists, lower-case entries only; see
english-COPYING.txt). A word in them is an ordinary word (border, front, treaty), never taken for
another spelling of a name, and in a search a generic word rather than a name asked for.

The list is read only when an index is built: the index keeps it as a keyed table (Words.is_common),
so a question looks up the few words it compares instead of reading 366 KB at start-up.
"""

from __future__ import annotations

from pathlib import Path


def english_words() -> list[str]:
    """The list, sorted, one entry per word."""
    return Path(__file__).with_name("english.txt").read_text(encoding="ascii").split()
