"""What can be wrong with a fact table, each with a stable code (`afg check` prints them)."""

from __future__ import annotations

from dataclasses import dataclass

from afgcli.errors import AfgError

# Codes never change meaning once published; new rules get new codes.
CODES: dict[str, str] = {
    "AFG001": "a table file is missing or cannot be read",
    "AFG002": "a file is not valid UTF-8",
    "AFG003": "a file is not well-formed CSV (a broken quote)",
    "AFG004": "the header names a column the format does not have",
    "AFG005": "the header lacks a column the format requires",
    "AFG006": "a row has more or fewer fields than the header",
    "AFG101": "a required value is missing",
    "AFG102": "a date is not ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD or an interval A/B)",
    "AFG103": "an id is not a slug (lowercase letters, digits and hyphens)",
    "AFG104": "an id is used twice",
    "AFG105": "a kind is not in the vocabulary",
    "AFG106": "a figure is malformed (low and high are numbers, high is not below low, a unit is given)",
    "AFG107": "a citation is malformed (SOURCE or SOURCE LOCATOR)",
    "AFG108": "a UCDP actor id is not a number",
    "AFG109": "a field holds a control character (C0 but tab and newline, DEL, C1, a bidi embedding, override or isolate, U+2028, U+2029)",
    "AFG201": "a name or alias is claimed by two entities",
    "AFG202": "a reference to an entity that is not in the table",
    "AFG203": "a citation of a source that is not in the table",
    "AFG204": "a fact has an empty statement",
    "AFG205": "a fact cites no source",
    "AFG206": "a UCDP actor id is claimed by two entities of one table",
    "AFG207": "a UCDP actor id is not in the UCDP actor file given to check",
}


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


SHOWN = 20  # the problems a command or an error message lists; `afg check` lists them all


class DataError(AfgError):
    """The table could not be loaded; `problems` says every place why. Its message is what the command
    line prints: the first problems, one a line, then how many there are."""

    def __init__(self, problems: list[Problem]):
        more = len(problems) - SHOWN
        summary = f"the fact table has {len(problems)} problem(s){f' ({more} more not shown)' if more > 0 else ''}; run 'afg check' for all"
        self._lines = [*(str(p) for p in problems[:SHOWN]), summary]
        super().__init__("\n".join(self._lines))
        self.problems = problems

    @property
    def lines(self) -> list[str]:
        return self._lines  # a path holding a newline stays on its line

