"""What every command shares: the app, exit codes, colour, and loading a map with diagnostics."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import NoReturn

import typer

from argmap.diagnostics.report import format_diagnostic, format_human
from argmap.read.document import CheckedMap, UnreadableFile, check_file, summary

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE from sysexits.h

app = typer.Typer(
    name="argmap",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(StrEnum):
    HUMAN = "human"
    JSON = "json"


def use_colour(stream: object = None) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    target = stream if stream is not None else sys.stdout
    isatty = getattr(target, "isatty", None)
    return bool(isatty and isatty())


def fail_usage(message: str) -> NoReturn:
    typer.echo(f"argmap: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def load_or_exit(name: str) -> CheckedMap:
    """Check a map for commands that need a valid one: print problems and exit if it is not."""
    try:
        result = check_file(name)
    except UnreadableFile as exc:
        typer.echo(format_diagnostic(exc.diagnostic, colour=use_colour(sys.stderr)), err=True)
        raise typer.Exit(EXIT_USAGE) from None
    if result.errors or result.graph is None:
        typer.echo(format_human(result.diagnostics, result.text, colour=use_colour(sys.stderr)), err=True)
        typer.echo(summary(result), err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    return result
