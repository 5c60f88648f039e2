"""Writing an imported table: the four CSV files of facts/README.md, deterministic byte for byte."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Iterable

from afgcli.table.schema import FILES

# Control characters (C0 but tab and newline, C1, bidi overrides and isolates, line and paragraph
# separators) have no place in a table (afg check refuses them): a dataset's free text loses them.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\u061c]")


def clean(text: str) -> str:
    """One line of plain text: controls and line breaks become spaces, runs of spaces one."""
    return " ".join(_CONTROLS.sub(" ", text.replace("\n", " ").replace("\t", " ")).split())


def listable(text: str) -> str:
    """Text safe inside a `;`-separated list field (a citation's locator)."""
    return clean(text).replace(";", ",")


def write_table(out: Path, tables: dict[str, Iterable[dict[str, str]]]) -> dict[str, int]:
    """Write every file of FILES (a missing table as its header alone); returns the rows written per file."""
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, columns in FILES.items():
        count = 0
        with (out / name).open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(columns)
            for row in tables.get(name, ()):
                writer.writerow([row.get(column, "") for column in columns])
                count += 1
        written[name] = count
    return written
