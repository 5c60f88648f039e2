"""The `afg` command: parses arguments, calls the library, formats the answer. No lookup logic here.

No `from __future__ import annotations` here: typer would then evaluate every parameter's annotation
string at start-up, which costs more than Python building the annotations at import.
"""

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer import _click as click  # typer 0.28 vendors click; pinned in pyproject.toml
from typer.core import TyperGroup

from afgcli import __version__

FOUND, NOT_FOUND, BAD = 0, 1, 2
BUILTIN = "builtin"  # the default --data: the curated table and the UCDP layer (afgcli.api.layers reads the names)


class UsageProblem(Exception):
    """A valid-looking command whose arguments cannot be answered (exit 2)."""


CLOSED_PIPE = 1  # what click programs exit with when the reader goes away (README, Exit codes)


def _say(message: str) -> None:
    from afgcli.show.safetext import visible

    try:
        sys.stderr.write(f"afg: {visible(message)}\n")
    except (OSError, ValueError):  # stderr closed or full: there is nowhere left to say it
        pass


class Stopped(BaseException):
    """SIGTERM or SIGHUP: unwinds like SIGINT (a half-built index is removed), then the process ends by
    that signal. A BaseException, so no handler for errors takes it for one."""

    def __init__(self, signal_number: int):
        super().__init__(signal_number)
        self.signal_number = signal_number


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that what is still buffered is not written at exit, which would
    fail again (a closed pipe, a full disk) and make Python print a warning."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a file (under a test runner): nothing is flushed at exit
        pass


class AfgGroup(TyperGroup):
    """Turns every failure into one line on stderr and an exit code: no tracebacks, no boxes."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        said: set[str] = set()

        def say_once(message: str) -> None:
            if message not in said:
                said.add(message)
                _say(message)

        try:
            code = self._answer(args, prog_name, complete_var, say_once, extra)
        except BrokenPipeError:
            # The reader went away (`afg ... | head -1`), or stdout is closed: stop quietly.
            _discard_stdout()
            code = CLOSED_PIPE
        except OSError as error:
            if error.filename is None:  # a write to stdout failed: the disk is full, /dev/full, an I/O error
                _discard_stdout()
                _say(f"cannot write the answer: {(error.strerror or str(error)).lower()}")
            else:
                _say(f"{error.strerror or error}: {error.filename}")
            code = BAD
        if standalone_mode:
            sys.exit(code or 0)
        return code

    def _answer(self, args, prog_name, complete_var, say, extra) -> int:
        def answer(settings: Settings):
            return super(AfgGroup, self).main(
                args=args, prog_name=prog_name or "afg", complete_var=complete_var, standalone_mode=False, obj=settings, **extra
            )

        try:
            try:
                code = answer(Settings(say=say))
            except Exception as error:
                if not _damaged_index(error):
                    raise
                # The cached index was damaged where its checksums did not look: nothing has been
                # written yet, so build it anew and ask again.
                code = answer(Settings(fresh_index=True, say=say))
            sys.stdout.flush()  # so a closed pipe or a full disk shows up here, not at interpreter exit
        except click.exceptions.NoArgsIsHelpError as error:
            sys.stdout.write(error.ctx.get_help() + "\n")
            code = FOUND
        except click.exceptions.UsageError as error:
            where = error.ctx.command_path if error.ctx else "afg"
            _say(f"{error.format_message()} (see '{where} --help')")
            code = BAD
        except click.exceptions.ClickException as error:
            _say(error.format_message())
            code = error.exit_code
        except (typer.Abort, KeyboardInterrupt):
            code = 130
        except UsageProblem as error:
            _say(str(error))
            code = BAD
        except OSError:
            raise  # writing the answer failed: main says so
        except Exception as error:
            from afgcli.errors import AfgError  # the library's errors: a bad table, a bad period

            if _damaged_index(error):
                _say(f"the index of the fact table cannot be read, even rebuilt: {error}")
                code = BAD
            elif isinstance(error, AfgError):
                for line in error.lines:
                    _say(line)
                code = BAD
            else:
                raise
        sys.stdout.flush()  # what a handler above wrote (the help)
        return code


def _damaged_index(error: Exception) -> bool:
    import sqlite3  # already loaded whenever an index was read

    return isinstance(error, sqlite3.DatabaseError)


app = typer.Typer(
    cls=AfgGroup,
    name="afg",
    add_completion=True,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Look up facts about the Afghan conflict, 1973 to today, from a curated and cited table.",
)


class Settings:
    """What the root options chose, and the index once opened (a plain class: cheap to import)."""

    def __init__(self, fresh_index: bool = False, say=_say):
        self.data: list[str] = [BUILTIN]
        self.fresh_index = fresh_index  # build the index anew rather than trust the cached one
        self.cache: dict = {}
        self.data_given = False  # --data was on the command line (so a command shown to rerun repeats it)
        self.paging = True
        self.say = say  # for notices (once each), to stderr


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"afg {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        Optional[list[str]],
        typer.Option(
            "--data",
            metavar="DIR",
            help="Use the fact table in DIR instead of the built-in one; repeat to layer tables, "
            "'builtin' names the built-in one (--data builtin --data mine). Env: AFG_DATA, ':'-separated.",
        ),
    ] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Print long answers instead of paging them (also: AFG_PAGER=cat).")] = False,
) -> None:
    settings = ctx.ensure_object(Settings)
    settings.data_given = bool(data)
    settings.paging = not no_pager
    settings.data = _data_layers(data)


def _data_layers(data: Optional[list[str]]) -> list[str]:
    if not data:
        env = os.environ.get("AFG_DATA", "")
        data = [part for part in env.split(os.pathsep) if part.strip()]
    return data or [BUILTIN]


def _directories(names: list[str]) -> list[Path]:
    from afgcli.api import layers

    return layers(names)


def _one_layer_each(paths: list[Path]) -> list[Path]:
    from afgcli.api import one_layer_each

    return one_layer_each(paths)


def _library(ctx: typer.Context):
    """The Python API's Library (afgcli.api) over the tables in use: every question goes through it."""
    settings: Settings = ctx.obj
    if "library" not in settings.cache:
        from afgcli.api import connect

        def full(folder: Path) -> None:
            from afgcli.show.safetext import shown_path

            settings.say(f"the cache directory {shown_path(folder)} is full: the index was built in memory and not saved")

        settings.cache["library"] = connect(_directories(settings.data), fresh=settings.fresh_index, on_full=full)
    return settings.cache["library"]


def _words(values: Optional[list[str]]) -> str:
    from afgcli.show.safetext import clean_argument

    return " ".join(clean_argument(v) for v in values or []).strip()


def _need(text: str, what: str) -> str:
    if not text:
        raise UsageProblem(f"give {what}")
    if len(text) > 500:
        raise UsageProblem(f"the {what} is {len(text)} characters long; give at most 500")
    return text


def _json(document) -> None:
    from afgcli.show import jsonout
    jsonout.write(document, sys.stdout)


def _show(ctx: typer.Context, drawing: str, *args, paging: bool = True, at_least: int = 0, **options) -> None:
    """Draw a terminal answer with rich (imported only here) by `render.<drawing>`, through the pager when
    it is long; an answer of `at_least` lines (extent.py) taller than the screen starts the pager first."""
    from afgcli.show import pager

    paging = paging and ctx.obj.paging
    process = pager.early(sys.stdout, paging, at_least)
    from afgcli.show import render

    draw = getattr(render, drawing)
    out = render.console(sys.stdout)
    pager.show(out, lambda screen: draw(screen, *args, **options), paging=paging, process=process)


def _again(ctx: typer.Context, *words: str) -> str:
    """The command that shows the whole answer: this one without --limit."""
    import shlex

    root = ["afg"] + [part for layer in ctx.obj.data for part in ("--data", layer)] if ctx.obj.data_given else ["afg"]
    return shlex.join([*root, ctx.info_name or "", *words])


def _complete_names(ctx: typer.Context, incomplete: str) -> list[str]:
    from afgcli.completion import names

    typed = [word for word in ctx.params.get("name") or () if not word.startswith("-")]  # the words before this one
    return names(_directories(_data_layers(ctx.find_root().params.get("data"))), typed, incomplete)


def _complete_periods(ctx: typer.Context, incomplete: str) -> list[str]:
    from afgcli.completion import decades

    return decades(_directories(_data_layers(ctx.find_root().params.get("data"))), incomplete)


JsonOption = Annotated[bool, typer.Option("--json", help="Write one JSON document to stdout (format in the README).")]
LimitOption = Annotated[
    Optional[int], typer.Option("--limit", "-n", min=1, help="At most N facts on the terminal; a last line says how to see them all.")
]


def _no_match(query: str, suggestions) -> None:
    hint = ", ".join(m.name for m in suggestions)
    _say(f"no match for {query!r}" + (f"; did you mean: {hint}?" if hint else ""))


@app.command()
def who(
    ctx: typer.Context,
    name: Annotated[
        Optional[list[str]], typer.Argument(help="A name, in any spelling; no quotes needed.", autocompletion=_complete_names)
    ] = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who or what is NAME: summary, roles and dated facts, with sources."""
    query = _need(_words(name), "a name, for example: afg who Massoud")
    library = _library(ctx)
    answer = library._who_json(query) if as_json else library.who(query)
    if as_json:
        from afgcli.show import jsonout
        jsonout.write_who_json(answer, sys.stdout)
    elif answer.entity:
        from afgcli.show import extent

        _show(ctx, "who", answer, limit=limit, again=_again(ctx, *(name or [])), at_least=extent.who(answer, limit))
    if answer.entity is None:
        _no_match(query, answer.candidates)
        raise typer.Exit(NOT_FOUND)


@app.command()
def year(
    ctx: typer.Context,
    period: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="PERIOD...",
            help="A year (1992), a range (1989-1992), a decade (1990s, 80s), a month (1992-04, April 1992) or a day (1996-09-27, Aug 15 2021).",
            autocompletion=_complete_periods,
        ),
    ] = None,
    limit: LimitOption = None,
    ongoing: Annotated[bool, typer.Option("--ongoing", help="For a day or a month, also list the longer facts begun earlier.")] = False,
    as_json: JsonOption = False,
) -> None:
    """What happened in a year, a range of years, a decade, a month or a day, and who held power."""
    library = _library(ctx)
    query = _need(_words(period or []), "a period, for example: afg year 1992")
    answer = library._year_json(query) if as_json else library.year(query)  # a PeriodError is printed as bad usage
    if as_json:
        from afgcli.show import jsonout
        jsonout.write_period_json(answer, sys.stdout)
    elif answer.facts or answer.in_power:
        again = _again(ctx, *(period or []), *(["--ongoing"] if ongoing else []))
        _show(ctx, "period", answer, limit=limit, ongoing=ongoing, again=again)
    if not (answer.facts or answer.in_power):
        _say(f"nothing in the table for {answer.query}")
        raise typer.Exit(NOT_FOUND)


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[Optional[list[str]], typer.Argument(help="Words to look for in names and facts.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=1000, help="At most this many results.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Fuzzy search over entities and fact statements, best first."""
    query = _need(_words(text), "words to search for, for example: afg search Geneva Accords")
    library = _library(ctx)
    answer = library._search_json(query, limit) if as_json else library.search(query, limit)
    if as_json:
        from afgcli.show import jsonout
        jsonout.write_search_json(answer, sys.stdout)
    elif answer.hits:
        _show(ctx, "search", answer)
    if not answer.hits:
        _say(f"nothing found for {query!r}")
        raise typer.Exit(NOT_FOUND)


@app.command()
def fact(
    ctx: typer.Context,
    ident: Annotated[Optional[str], typer.Argument(metavar="ID", help="A fact id, as search and who show it.")] = None,
    as_json: JsonOption = False,
) -> None:
    """One fact in full: statement, date, entities, figures, and every citation with its source."""
    query = _need((ident or "").strip(), "a fact id, for example: afg fact 1979-12-27-storm-333-a")
    answer = _library(ctx).fact(query)
    if answer.fact is None:
        if as_json:
            _json(answer.to_dict())
        _say(f"no fact with the id {query!r}; 'afg search WORDS' shows facts with their ids")
        raise typer.Exit(NOT_FOUND)
    if as_json:
        _json(answer.to_dict())
    else:
        _show(ctx, "fact", answer.fact, answer.names, answer.sources)


@app.command()
def timeline(
    ctx: typer.Context,
    name: Annotated[
        Optional[list[str]], typer.Argument(help="Only this entity's facts (any spelling).", autocompletion=_complete_names)
    ] = None,
    first: Annotated[Optional[int], typer.Option("--from", min=1, max=9999, help="From this year.")] = None,
    last: Annotated[Optional[int], typer.Option("--to", min=1, max=9999, help="Up to this year.")] = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """All facts, or one entity's, as a timeline with years down a rail."""
    if first is not None and last is not None and first > last:
        raise UsageProblem(f"--from {first} is after --to {last}; give the earlier year to --from")
    query = _words(name)
    if query:
        _need(query, "a name")
    answer = _library(ctx).timeline(query or None, first, last)
    entity, facts = answer.entity, answer.facts
    if query and entity is None:
        if as_json:
            _json(answer.to_dict())
        _no_match(query, answer.candidates)
        raise typer.Exit(NOT_FOUND)
    if as_json:
        _json(answer.to_dict())
    elif facts:
        span = f"{first or ''}–{last or ''}" if first or last else ""
        title = " ".join(part for part in (entity.name if entity else "All facts", span) if part)
        span_options = [*(["--from", str(first)] if first else []), *(["--to", str(last)] if last else [])]
        _show(ctx, "timeline", facts, title, limit=limit, again=_again(ctx, *(name or []), *span_options))
    if not facts:
        _say("no facts in that period")
        raise typer.Exit(NOT_FOUND)


@app.command()
def sources(
    ctx: typer.Context,
    ident: Annotated[Optional[str], typer.Argument(metavar="[ID]", help="One source in full: its address, licence and facts.")] = None,
    as_json: JsonOption = False,
) -> None:
    """The source documents and how many facts cite each, or one source in full."""
    library = _library(ctx)
    if ident is not None:
        from afgcli.show.safetext import clean_argument

        ident = clean_argument(ident).strip()
        found = library.source(ident)
        if found is None:
            if as_json:
                _json(None)  # still one JSON document: `null`, as `entity` is null in who
            _say(f"no source {ident!r}; the sources are {', '.join(row.source.id for row in library.sources().sources)}")
            raise typer.Exit(NOT_FOUND)
        if as_json:
            _json(found.to_dict())
        else:
            _show(ctx, "source", found.source, found.facts, found.earliest, found.latest)
        return
    answer = library.sources()
    if as_json:
        _json(answer.to_dict())
    else:
        _show(ctx, "sources", list(answer.sources))


class Format(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    json = "json"


class TableName(str, Enum):
    sources = "sources"
    entities = "entities"
    facts = "facts"
    roles = "roles"


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="csv (one table), jsonl or json (all tables).")] = Format.json,
    table_name: Annotated[
        Optional[TableName], typer.Option("--table", "-t", help="Only this table; csv needs one and defaults to facts.")
    ] = None,
) -> None:
    """The whole table (sources, entities, facts, roles) for pandas, DuckDB or jq."""
    from afgcli.show import export as exporting

    store = _library(ctx)._store()
    names = [table_name.value] if table_name else list(exporting.TABLES)
    if fmt is Format.csv:
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerows(exporting.csv_rows(store, table_name.value if table_name else "facts"))
    elif fmt is Format.jsonl:
        for name in names:
            sys.stdout.writelines(exporting.typed_lines(store, name))
    else:
        from afgcli.show import jsonout
        jsonout.write_lists({}, [(name, exporting.texts(store, name)) for name in names], sys.stdout)


@app.command()
def check(
    ctx: typer.Context,
    # str, not Path: typer's Path type stats each one first, and fails on a name no file can have
    directory: Annotated[Optional[list[str]], typer.Argument(metavar="[DIR]...", help="Table directories (default: the tables in use).")] = None,
    ucdp_actors: Annotated[
        Optional[Path], typer.Option("--ucdp-actors", help="UCDP's Actor Dataset CSV: entities' UCDP ids must be in it.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Validate a fact table: every problem as file:line with a stable code."""
    from afgcli.table.load import check_table

    directories = _one_layer_each([Path(d) for d in directory]) if directory else _directories(ctx.obj.data)
    actors = None
    if ucdp_actors is not None:
        from afgcli.importers.ucdp import ImportError_, actor_ids

        try:
            actors = actor_ids(ucdp_actors)
        except ImportError_ as error:
            raise UsageProblem(str(error.problem)) from None
    counts, problems = check_table(directories, actors)
    if as_json:
        from dataclasses import asdict

        _json({"ok": not problems, "problems": [asdict(p) for p in problems]})
    else:
        from afgcli.show.safetext import visible

        for problem in problems:
            sys.stdout.write(visible(str(problem)) + "\n")
    if problems:
        _say(f"{len(problems)} problem(s)")
        raise typer.Exit(BAD)
    _say("clean: " + ", ".join(f"{number} {kind}" for kind, number in counts.items()))


class Measure(str, Enum):
    deaths = "deaths"
    facts = "facts"
    events = "events"


class ByOption(str, Enum):
    kind = "kind"


@app.command()
def chart(
    ctx: typer.Context,
    measure: Annotated[Measure, typer.Argument(help="deaths (UCDP, per year), facts (curated, per year) or events (an actor's, from a GED layer).")],
    name: Annotated[Optional[list[str]], typer.Argument(help="Whose: a country for deaths (default Afghanistan), an actor for events.")] = None,
    by: Annotated[Optional[ByOption], typer.Option("--by", help="deaths: one series per kind of violence.")] = None,
    first: Annotated[Optional[int], typer.Option("--from", min=1, max=9999, help="From this year.")] = None,
    last: Annotated[Optional[int], typer.Option("--to", min=1, max=9999, help="Up to this year.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Per-year bars: UCDP's deaths, the curated facts, or an actor's UCDP events."""
    if first is not None and last is not None and first > last:
        raise UsageProblem(f"--from {first} is after --to {last}; give the earlier year to --from")
    query = _words(name) or None
    if measure is Measure.events and not query:
        raise UsageProblem("give an actor, for example: afg chart events Taliban")
    library = _library(ctx)
    answer = library.chart(measure.value, query, by is ByOption.kind, first, last)
    if answer is None:
        _no_match(query or "", library.who(query or "").candidates)
        raise typer.Exit(NOT_FOUND)
    if as_json:
        _json(answer.to_dict())
    elif any(s.points for s in answer.series):
        from afgcli.show import bars
        bars.draw(answer, sys.stdout)
    if not any(s.points for s in answer.series):
        hint = " (import a GED file and layer it with --data)" if measure is Measure.events else ""
        _say(f"no {measure.value} to chart{f' for {answer.subject}' if answer.subject else ''}{hint}")
        raise typer.Exit(NOT_FOUND)


import_app = typer.Typer(
    name="import", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    help="Turn a dataset into a table that --data layers (UCDP's GED and Country-Year CSV files).",
)
app.add_typer(import_app)

OutOption = Annotated[Path, typer.Option("--out", "-o", help="The table directory to write (created if need be).")]
CountryOption = Annotated[
    str, typer.Option("--country", help="A UCDP country id (700) or name (Afghanistan), or 'all'.")
]


def _imported(ctx: typer.Context, run, as_json: bool) -> None:
    """Runs an importer against the entities of the tables in use and reports what it wrote."""
    from afgcli.importers.ucdp import ImportError_, Known

    try:
        report = run(Known.from_table(_directories(ctx.obj.data)))
    except ImportError_ as error:
        raise UsageProblem(str(error.problem)) from None
    except OSError as error:
        raise UsageProblem(f"cannot write the table: {error.strerror or error}") from None
    if as_json:
        from dataclasses import asdict

        _json(asdict(report))
    for problem in report.problems:
        _say(str(problem))
    written = report.written
    _say(f"kept {report.kept:,} of {report.rows_read:,} rows: {written['facts.csv']:,} facts, "
         f"{written['entities.csv']:,} entities; {len(report.problems):,} row(s) refused")


def _ged_version(path: Path) -> str:
    import re

    found = re.search(r"(\d{2})\.(\d+)", path.name)
    return f"{found.group(1)}.{found.group(2)}" if found else ""


@import_app.command("ucdp-ged")
def import_ged(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A GED CSV file as UCDP publishes it.")],
    out: OutOption,
    country: CountryOption = "700",
    version: Annotated[str, typer.Option("--version", help="The GED version (default: read from the file name).")] = "",
    as_json: JsonOption = False,
) -> None:
    """Import UCDP GED events (one fact per event) as a table."""
    from afgcli.importers.ucdp import import_ged as run

    version = version or _ged_version(file)
    if not version:
        raise UsageProblem(f"cannot tell the GED version from {file.name!r}; give --version (such as 23.1)")
    _imported(ctx, lambda known: run(file, out, known, country, version), as_json)


@import_app.command("ucdp-cy")
def import_cy(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The Country-Year CSV file as UCDP publishes it.")],
    out: OutOption,
    country: CountryOption = "700",
    as_json: JsonOption = False,
) -> None:
    """Import UCDP Country-Year rows (deaths by kind of violence, active dyads) as a table."""
    from afgcli.importers.ucdp import import_cy as run

    _imported(ctx, lambda known: run(file, out, known, country), as_json)


def _closed_stdout():
    """A stdout for a process started with it closed (`afg ... >&-`): every write fails as a closed pipe does."""
    import errno
    import io

    class Closed(io.TextIOBase):
        encoding = "utf-8"

        def writable(self) -> bool:
            return True

        def write(self, text: str) -> int:
            raise BrokenPipeError(errno.EPIPE, "standard output is closed")

        def fileno(self) -> int:  # /dev/null holds the number now; rich's closed-pipe handler dups onto it
            return 1

    return Closed()


def _guard_standard_streams() -> None:
    """A closed standard stream's number would be given to the next file opened (the index, a table
    file), and writes meant for stdout would land there: keep them taken, by /dev/null."""
    closed = []
    for number in (0, 1, 2):
        try:
            os.fstat(number)
        except OSError:
            closed.append(number)
            os.open(os.devnull, os.O_RDWR)  # the lowest free number: this one
    if 1 in closed:
        sys.stdout = _closed_stdout()
    if 2 in closed:
        sys.stderr = open(os.devnull, "w")
    # The answer is UTF-8 whatever the locale (an unset or missing locale would make it ASCII), and a
    # character that cannot be encoded is escaped rather than a crash.
    if sys.stdout is not None and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")


def _stop(signal_number: int, frame) -> None:
    raise Stopped(signal_number)


# Root options that take a value: the word after them is not the command's name.
_ROOT_VALUES = frozenset({"--data"})


def app_for(args: list[str]) -> typer.Typer:
    """`app` with only the command that `args` name: typer builds a click command for every command at
    each start (about 14 million instructions for afg's eleven), and a run uses one. The whole app when
    the words may list or complete the commands (help, a misspelt or missing command, completion);
    tests/test_cli_trim.py checks both give the same output."""
    if any(variable.startswith("_AFG_COMPLETE") for variable in os.environ):
        return app
    words = iter(args)
    for word in words:
        if word in ("-h", "--help") or word.startswith("--install-completion") or word.startswith("--show-completion"):
            return app
        if word in _ROOT_VALUES:
            next(words, None)
        elif not word.startswith("-"):
            return _only(word, args)
    return app


def _only(name: str, args: list[str]) -> typer.Typer:
    if "-h" in args or "--help" in args:
        return app
    commands = [info for info in app.registered_commands if (info.name or info.callback.__name__) == name]
    groups = [info for info in app.registered_groups if info.typer_instance.info.name == name]
    if not commands and not groups:
        return app  # click says there is no such command, and suggests one: it needs them all
    import copy

    trimmed = copy.copy(app)
    trimmed.registered_commands, trimmed.registered_groups = commands, groups
    return trimmed


def main() -> None:
    import signal

    _guard_standard_streams()
    for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if number is not None:
            signal.signal(number, _stop)
    try:
        app_for(sys.argv[1:])()
    except Stopped as stop:
        # Cleaned up on the way here; now end as the signal would have, for the parent to see.
        signal.signal(stop.signal_number, signal.SIG_DFL)
        os.kill(os.getpid(), stop.signal_number)
        sys.exit(128 + stop.signal_number)
