"""argmap's own errors: one base, and the exit status each kind of failure means.

The library raises these; `argmap.cli` is the one place that turns them into exit codes
and messages. Anything that is not an `ArgmapError` reaching the CLI is a bug (exit 70).
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """The exit codes the README documents."""

    OK = 0
    PROBLEMS = 1  # the map has problems (or, with --strict, warnings); `diff`: the maps differ
    USAGE = 2  # a usage error, an unreadable input, an output that cannot be written
    INTERNAL = 70  # EX_SOFTWARE from sysexits.h: a bug in argmap


class ArgmapError(Exception):
    """Base of every error argmap raises on purpose; its message is written for the user."""

    exit_status: ExitStatus = ExitStatus.USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(ArgmapError):
    """The command was asked for something it cannot do (bad option values, a bad path)."""


class InputError(ArgmapError):
    """An input cannot be read: missing, not a regular file, too large, not text."""


class OutputError(ArgmapError):
    """An output cannot be written: a full disk, a read-only folder, a path that is the input."""


class ProblemsFound(ArgmapError):
    """The map has problems that stop the command; the diagnostics have already been shown."""

    exit_status = ExitStatus.PROBLEMS
