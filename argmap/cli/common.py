"""What every command shares: the app, exit codes, colour, and loading a map with diagnostics.

`ArgmapCommands.invoke` is the one place that turns argmap's own errors (`argmap.errors`) and
failed writes to standard output into messages and the exit codes the README documents.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from argmap.diagnostics.text import visible
from argmap.errors import ArgmapError, ExitStatus

from .help import ArgmapGroup, ArgmapTyper
from .lazy import LazyCommands

if TYPE_CHECKING:
    from argmap.read.document import CheckedMap

EXIT_OK = ExitStatus.OK.value
EXIT_PROBLEMS = ExitStatus.PROBLEMS.value
EXIT_USAGE = ExitStatus.USAGE.value
EXIT_INTERNAL = ExitStatus.INTERNAL.value  # EX_SOFTWARE from sysexits.h
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE, what a shell reports for a program stopped by a closed pipe (`| head`)."""

# A write to standard output failing with one of these is the output's fault (a full disk,
# /dev/full, a quota), not a bug: the user gets a one-line message and exit 2.
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS})


class ArgmapCommands(ArgmapGroup):
    """The command group: runs a command, and maps what it raises to a message and an exit code.

    Its commands are built as they are looked up (see `argmap.cli.lazy`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands(app, self.commands)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ArgmapError as exc:
            report_error(exc)
            raise typer.Exit(exc.exit_status.value) from None
        except BrokenPipeError:
            # The reader has gone (`| head -c1`): stop quietly, as a program killed by SIGPIPE does.
            discard_standard_output()
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        except OSError as exc:
            if exc.errno not in _WRITE_ERRORS or exc.filename is not None:
                raise
            discard_standard_output()
            typer.echo(f"argmap: cannot write the output: {exc.strerror or exc}", err=True)
            raise typer.Exit(EXIT_USAGE) from None


def report_error(exc: ArgmapError) -> None:
    """`argmap: message` and its hint on standard error; the text may quote the map, so it is escaped."""
    typer.echo(f"argmap: {visible(exc.message)}", err=True)
    if exc.hint:
        typer.echo(f"  hint: {visible(exc.hint)}", err=True)


def discard_standard_output() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush of what could not be
    written does not fail a second time with a traceback."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stdout.fileno()  # an in-memory stream (tests) has nothing to discard
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


app = ArgmapTyper(
    name="argmap",
    cls=ArgmapCommands,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(StrEnum):
    HUMAN = "human"
    JSON = "json"


class ColourChoice(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def use_colour(stream: object = None, choice: ColourChoice = ColourChoice.AUTO) -> bool:
    """Whether to colour output to `stream` (standard output by default).

    `--color always|never` decides; with `auto`, a non-empty FORCE_COLOR turns colour on
    (https://force-color.org), else a non-empty NO_COLOR turns it off (https://no-color.org),
    else colour is used only on a terminal.
    """
    if choice is not ColourChoice.AUTO:
        return choice is ColourChoice.ALWAYS
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    target = stream if stream is not None else sys.stdout
    isatty = getattr(target, "isatty", None)
    return bool(isatty and isatty())


def fail_usage(message: str) -> NoReturn:
    typer.echo(f"argmap: {visible(message)}", err=True)
    raise typer.Exit(EXIT_USAGE)


def load_or_exit(name: str) -> CheckedMap:
    """Check a map for commands that need a valid one: print problems and exit if it is not."""
    # Imported here, not above: `argmap --version` and `--help` need no map, nor pydantic's model.
    from argmap.diagnostics.report import format_diagnostic, format_human
    from argmap.read.document import UnreadableFile, check_file, summary

    try:
        result = check_file(name)
    except UnreadableFile as exc:
        colour = use_colour(sys.stderr)
        typer.echo(format_diagnostic(exc.diagnostic, colour=colour), err=True, color=colour)
        raise typer.Exit(EXIT_USAGE) from None
    if result.errors or result.graph is None:
        colour = use_colour(sys.stderr)
        typer.echo(format_human(result.diagnostics, result.text, colour=colour), err=True, color=colour)
        typer.echo(summary(result), err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    return result
