"""Terminal layout: styled text, word wrap and tables, drawn with the standard library alone.

rich drew these tables before, and cost more than the whole start-up budget of a terminal answer
(README, Performance): about 22 ms to import and 30 ms to lay out Massoud's facts, against about
30 ms above the JSON path. This module keeps rich's look (a title, a bold header over a rule,
columns of wrapped words) in a few milliseconds. Text is never interpreted: the only escape codes
written are those of the styles named in `_SGR`, and only when colour is on.
"""

from __future__ import annotations

import os
import re
from typing import Iterable, Sequence

Span = tuple[str, str]  # (text, style): a style is space-separated names from _SGR, or ""
Cell = Sequence[Span]

_SGR = {"bold": "1", "dim": "2", "italic": "3", "blue": "34", "magenta": "35", "cyan": "36"}
_WORD = re.compile(r"\s*\S+\s*")  # a word with the spaces after it (and before it, at the start)
_BREAK_AFTER = ("]", ")", "-", "/")
_NARROWEST = 20  # below this no table of ours can keep its columns apart


def _char_width(char: str) -> int:
    import unicodedata  # only text beyond Latin needs it

    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def width_of(text: str) -> int:
    """Terminal cells that `text` takes: wide East Asian characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(1 if char < "\u0300" else _char_width(char) for char in text)


def _chop(text: str, width: int) -> list[str]:
    """`text` cut into pieces of at most `width` cells (a word too long for its column), after a
    bracket, hyphen or slash where one falls inside a piece: "[91][92]" breaks between markers."""
    pieces, piece = [], ""
    for char in text:
        while piece and width_of(piece + char) > width:
            cut = max(piece.rfind(mark, 0, -1) for mark in _BREAK_AFTER) + 1 or len(piece)
            pieces.append(piece[:cut])
            piece = piece[cut:]
        piece += char
    return pieces + [piece] if piece else pieces


def _line_ranges(text: str, width: int) -> list[tuple[int, int]]:
    """Where to cut one paragraph into lines of at most `width` cells: whole words where they fit,
    a word longer than a line folded across lines."""
    ranges: list[tuple[int, int]] = []
    begin, used = 0, 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        needed = width_of(word.rstrip())
        if used + needed <= width:
            used += width_of(word)
            continue
        if start > begin and used:
            ranges.append((begin, start))
            begin, used = start, 0
        if needed <= width:
            used = width_of(word)
            continue
        for piece in _chop(word.rstrip(), width)[:-1]:
            ranges.append((begin, begin + len(piece)))
            begin += len(piece)
        used = width_of(text[begin:end])
    ranges.append((begin, len(text)))
    return ranges


def _plain(cell: Cell) -> str:
    return "".join(text for text, _ in cell)


def wrap(cell: Cell, width: int) -> list[list[Span]]:
    """Styled text as lines of at most `width` cells, broken at "\\n" and between words; trailing
    spaces dropped."""
    plain = _plain(cell)
    runs, at = [], 0
    for text, style in cell:
        runs.append((at, at + len(text), style))
        at += len(text)
    lines: list[list[Span]] = []
    offset = 0
    for paragraph in plain.split("\n"):
        for start, end in _line_ranges(paragraph, width) if paragraph else [(0, 0)]:
            first, last = offset + start, offset + start + len(paragraph[start:end].rstrip())
            lines.append([(plain[max(a, first) : min(b, last)], style) for a, b, style in runs if a < last and b > first])
        offset += len(paragraph) + 1
    return lines


class Column:
    __slots__ = ("header", "style", "right", "no_wrap", "max_width")

    def __init__(self, header: str = "", style: str = "", right: bool = False, no_wrap: bool = False, max_width: int | None = None):
        self.header, self.style, self.right, self.no_wrap, self.max_width = header, style, right, no_wrap, max_width


class Table:
    """Rows of cells under a header and a rule (`edge` spaces at each end of a line, `gap` between
    columns), or a bare grid (`header=False`)."""

    def __init__(self, columns: Sequence[Column], title: str = "", header: bool = True, edge: int = 1, gap: int = 3):
        self.columns, self.title, self.header, self.edge, self.gap = list(columns), title, header, edge, gap
        self.rows: list[list[Cell]] = []

    def add_row(self, *cells: Cell | str) -> None:
        self.rows.append([[(cell, "")] if isinstance(cell, str) else cell for cell in cells])

    def frame(self) -> int:
        """The cells a line spends on edges and gaps."""
        return 2 * self.edge + self.gap * (len(self.columns) - 1)

    def widths(self, room: int) -> list[int]:
        """Each column as wide as its widest line (up to its max_width). When the table is wider than
        `room`, the widest wrapping column gives up a cell at a time: first down to its longest word,
        then below it (folding words), and only then columns that do not wrap."""
        rows = ([[[(column.header, "")] for column in self.columns]] if self.header else []) + self.rows
        widths, words, glyphs = [], [], []
        for index, column in enumerate(self.columns):
            texts = [_plain(row[index]) for row in rows]
            widest = max((width_of(line) for text in texts for line in text.split("\n")), default=0)
            widths.append(min(widest, column.max_width) if column.max_width else widest)
            longest = widest if column.no_wrap else max((width_of(word) for text in texts for word in text.split()), default=0)
            words.append(min(longest, widths[-1]))
            # A column never narrower than its widest character, which cannot be split.
            glyphs.append(max((width_of(char) for text in texts if not text.isascii() for char in text), default=1))
        room -= self.frame()
        wrapping = [not column.no_wrap for column in self.columns]
        for may_shrink, floors in ((wrapping, words), (wrapping, glyphs), ([True] * len(widths), glyphs)):
            while sum(widths) > room:
                candidates = [index for index, allowed in enumerate(may_shrink) if allowed and widths[index] > floors[index]]
                if not candidates:
                    break
                widest = max(candidates, key=lambda index: widths[index])
                widths[widest] -= 1
        return widths


class Screen:
    """Where the answer is written, how wide it may be, and whether it is styled."""

    def __init__(self, stream, width: int, colour: bool):
        self.stream, self.width, self.colour = stream, max(width, _NARROWEST), colour
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            "─│●–".encode(encoding)
            self.encoding = None
        except (UnicodeEncodeError, LookupError):
            self.encoding = encoding  # text it cannot carry is replaced, never a traceback
        self.rule, self.bar, self.dot = ("─", "│", "●") if self.encoding is None else ("-", "|", "*")

    @classmethod
    def for_stream(cls, stream) -> "Screen":
        """What a user expects, as rich has it: `COLUMNS` wins, then the terminal's own width, else 80;
        colour on a terminal unless `NO_COLOR` is set or `TERM` is `dumb`, and with `FORCE_COLOR`."""
        environ = os.environ
        is_terminal = hasattr(stream, "isatty") and stream.isatty()
        columns = environ.get("COLUMNS", "")
        if columns.isdigit() and int(columns) > 0:
            width = int(columns)
        else:
            width = 80
            if is_terminal:
                try:
                    width = os.get_terminal_size(stream.fileno()).columns or 80
                except (OSError, ValueError):
                    pass
        if environ.get("NO_COLOR"):
            colour = False
        elif environ.get("FORCE_COLOR"):
            colour = True
        else:
            colour = is_terminal and environ.get("TERM") != "dumb"
            if os.name == "nt" and not (environ.get("WT_SESSION") or environ.get("TERM")):
                colour = False  # the classic Windows console prints escape codes as text
        return cls(stream, width, colour)

    def _line(self, spans: Iterable[Span]) -> None:
        if self.colour:
            parts = []
            for text, style in spans:
                codes = ";".join(_SGR[name] for name in style.split()) if style and text.strip() else ""
                parts.append(f"\x1b[{codes}m{text}\x1b[0m" if codes else text)
            line = "".join(parts)
        else:
            line = "".join(text for text, _ in spans)
        line = line.rstrip(" ") + "\n"
        if self.encoding:
            line = line.encode(self.encoding, "replace").decode(self.encoding)
        self.stream.write(line)

    def blank(self) -> None:
        self.stream.write("\n")

    def text(self, cell: Cell | str, style: str = "") -> None:
        """A paragraph, wrapped to the screen's width."""
        spans = [(cell, style)] if isinstance(cell, str) else cell
        for line in wrap(spans, self.width):
            self._line(line)

    def table(self, table: Table) -> None:
        widths = table.widths(self.width)
        total = table.frame() + sum(widths)
        if table.title:
            for line in wrap([(table.title, "italic")], total):
                self._line(line)
        if table.header:
            self._row(table, widths, [[(column.header, "bold")] for column in table.columns], header=True)
            self._line([(self.rule * total, "")])
        for row in table.rows:
            self._row(table, widths, row, header=False)

    def _row(self, table: Table, widths: list[int], cells: list[Cell], header: bool) -> None:
        columns = table.columns
        lines = [wrap([(text, style if header else _join(columns[i].style, style)) for text, style in cell], widths[i]) for i, cell in enumerate(cells)]
        edge, gap = " " * table.edge, " " * table.gap
        for number in range(max(len(cell_lines) for cell_lines in lines)):
            spans: list[Span] = [(edge, "")]
            for index, cell_lines in enumerate(lines):
                line = cell_lines[number] if number < len(cell_lines) else []
                padding = (" " * (widths[index] - width_of(_plain(line))), "")
                spans += [padding, *line] if columns[index].right else [*line, padding]
                spans.append((gap if index < len(lines) - 1 else edge, ""))
            self._line(spans)


def _join(outer: str, inner: str) -> str:
    return f"{outer} {inner}".strip()
