"""Shell completion's answers (typer's --install-completion): names from the index, decades, never CSV.

Completing must be as quick as starting: it reads the cached index only, and offers nothing when
there is none yet (the first real question builds it).
"""

from __future__ import annotations

import marshal
from pathlib import Path

_MOST = 60  # a shell shows more than a screenful of choices poorly


def names(directories: list[Path], typed: list[str], incomplete: str) -> list[str]:
    """The next word of every entity name or alias that begins with the words typed so far: one word at
    a time, so no shell needs to quote a name's spaces."""
    from afgcli.index.cache import open_cached

    db = open_cached(directories)
    if db is None:
        return []
    prefix = " ".join([*typed, incomplete]).casefold()
    position = len(typed)
    found: dict[str, None] = {}
    for name, rec in db.execute("SELECT name, rec FROM entity"):
        for form in (name, *marshal.loads(rec)[3]):
            if form.casefold().startswith(prefix):
                words = form.split()
                if position < len(words):
                    # kept in the case typed (`tal` offers `taliban`): the shell keeps only what begins with it
                    word = words[position]
                    found[incomplete + word[len(incomplete) :] if word.casefold().startswith(incomplete.casefold()) else word] = None
    return sorted(found, key=str.casefold)[:_MOST]


def decades(directories: list[Path], incomplete: str) -> list[str]:
    """The decades the table's dates reach, as `year` reads them (1990s)."""
    from afgcli.index.cache import open_cached

    db = open_cached(directories)
    first, last = 1970, 2020
    if db is not None:
        from afgcli.index.store import Store

        days = Store(db).dated_days()
        if days:
            first, last = days[0] // 100000 * 10, days[1] // 100000 * 10
    return [f"{decade}s" for decade in range(first, last + 1, 10) if f"{decade}s".startswith(incomplete)]
