"""The `argmap` command line: parse options, call the library, print, set the exit code.

Each group of commands lives in its own module and registers itself on `app`; a module is
imported only when one of its commands runs or is listed (`argmap.cli.lazy`).
This package is the only place that imports typer.
"""

from __future__ import annotations

import sys

import typer

from argmap import __version__
from argmap.collector import cycle_collection_paused

from .common import EXIT_BROKEN_PIPE, EXIT_INTERNAL, EXIT_USAGE, app, discard_standard_output

__all__ = ["app", "main"]


@app.callback(invoke_without_command=True)
def _root(
    context: typer.Context,
    version: bool = typer.Option(False, "--version", help="Print argmap's version and exit.",
                                 is_eager=True),
) -> None:
    """Map a contested legal question: validate argument maps, render them, see which side stands."""
    if version:
        typer.echo(f"argmap {__version__}")
        raise typer.Exit(0)
    if context.invoked_subcommand is None:
        typer.echo(context.get_help())
        raise typer.Exit(0)


def main() -> None:
    """Entry point: run the app, and turn any unexpected exception into a short bug report.

    Process-wide settings are made here, never in the library: the cycle collector is paused
    for the command (see `collector`).
    """
    try:
        with cycle_collection_paused():
            app(standalone_mode=True)
    except SystemExit:
        _flush_standard_output()
        raise
    except KeyboardInterrupt:
        sys.stderr.write("argmap: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against a traceback
        sys.stderr.write(
            f"argmap: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in argmap. Please report it with the command you ran and the input file.\n"
        )
        sys.exit(EXIT_INTERNAL)


def _flush_standard_output() -> None:
    """Write out what is still buffered now, so that a closed pipe or a full disk gets its
    documented answer rather than the interpreter's complaint at shutdown."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        discard_standard_output()
        sys.exit(EXIT_BROKEN_PIPE)
    except OSError as exc:
        discard_standard_output()
        sys.stderr.write(f"argmap: cannot write the output: {exc.strerror or exc}\n")
        sys.exit(EXIT_USAGE)

