"""The `afg` process's entry point (the console script and `python -m afgcli`).

An afg process answers one question and exits, and what it builds holds no reference cycles, so
it runs without the cyclic garbage collector: collections during start-up (importing typer) and
while reading a large answer cost more than the memory they could free. Importing `afgcli.cli`
as a library, as the tests do, leaves the collector alone.
"""

import gc

gc.disable()

from afgcli.cli import main  # noqa: E402  (after gc.disable, so the imports run without collections)

__all__ = ["main"]
