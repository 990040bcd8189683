"""A spinner on standard error while long work runs, shown only when standard error is a terminal.

rich comes with typer already; its status line is transient, so it leaves nothing
behind on the terminal, and in a pipe or a log it prints nothing at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def working(message: str) -> Iterator[None]:
    # Imported here, not above: rich is a sizeable import, and a command that never reaches its
    # long work (a usage error, --help) need not pay for it.
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        yield
        return
    with console.status(message, spinner="dots"):
        yield
