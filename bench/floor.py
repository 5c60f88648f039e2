"""The floor for afg's start-up: a typer app with afg's command names and options that only echoes.

Any typer program with these commands pays at least this; `bench/startup.py` runs it beside afg.
"""

from typing import Annotated, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True)
JsonOption = Annotated[bool, typer.Option("--json")]
LimitOption = Annotated[Optional[int], typer.Option("--limit", "-n")]


@app.callback()
def root(
    data: Annotated[Optional[list[str]], typer.Option("--data")] = None,
    version: bool = typer.Option(False, "--version"),
    no_pager: bool = typer.Option(False, "--no-pager"),
):
    pass


@app.command()
def who(name: Annotated[Optional[list[str]], typer.Argument()] = None, limit: LimitOption = None, as_json: JsonOption = False):
    typer.echo(" ".join(name or []))


@app.command()
def year(
    period: Annotated[Optional[list[str]], typer.Argument()] = None,
    limit: LimitOption = None,
    ongoing: bool = typer.Option(False, "--ongoing"),
    as_json: JsonOption = False,
):
    typer.echo(" ".join(period or []))


@app.command()
def search(text: Annotated[Optional[list[str]], typer.Argument()] = None, limit: int = typer.Option(20, "--limit", "-n"), as_json: JsonOption = False):
    typer.echo(" ".join(text or []))


@app.command()
def timeline(
    name: Annotated[Optional[list[str]], typer.Argument()] = None,
    first: Annotated[Optional[int], typer.Option("--from")] = None,
    last: Annotated[Optional[int], typer.Option("--to")] = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
):
    typer.echo(" ".join(name or []))


@app.command()
def sources(ident: Annotated[Optional[str], typer.Argument()] = None, as_json: JsonOption = False):
    typer.echo("sources")


@app.command()
def export(fmt: str = typer.Option("json", "--format"), table: Optional[str] = typer.Option(None, "--table")):
    typer.echo(fmt)


@app.command()
def check(directory: Annotated[Optional[list[str]], typer.Argument()] = None, as_json: JsonOption = False):
    typer.echo("check")


if __name__ == "__main__":
    app()
