"""`argmap diff OLD NEW`: what changed between two versions of a map, by meaning, and what it does."""

from __future__ import annotations

import difflib
import sys

import typer

from argmap.diagnostics.report import format_diagnostic, format_human
from argmap.diagnostics.text import safe_json, visible
from argmap.diff import diff_maps, diff_record, format_diff
from argmap.errors import ExitStatus
from argmap.graph import ArgumentGraph
from argmap.read.document import STDIN, UnreadableFile, check_bytes, read_bytes

from .common import OutputFormat, app, fail_usage, use_colour

GIT_ARGUMENTS = 7
"""git's external diff driver passes: path old-file old-hex old-mode new-file new-hex new-mode."""
_NO_FILE = "/dev/null"


class _Unusable(Exception):
    def __init__(self, report: str, text: str | None):
        super().__init__(report)
        self.report = report
        self.text = text


def _load(name: str) -> ArgumentGraph:
    """A map by name, checked as `validate` would (quotes aside: a diff is about what the map says)."""
    try:
        raw = read_bytes(name)
    except UnreadableFile as exc:
        raise _Unusable(format_diagnostic(exc.diagnostic, colour=use_colour(sys.stderr)), None) from None
    checked = check_bytes(raw, name)
    if checked.errors or checked.graph is None:
        raise _Unusable(format_human(checked.errors, checked.text, colour=use_colour(sys.stderr)), checked.text)
    return checked.graph


@app.command("diff")
def diff_command(
    files: list[str] = typer.Argument(..., metavar="OLD NEW",
                                      help="The two versions of the map; '-' reads one from standard input."),
    output_format: OutputFormat = typer.Option(OutputFormat.HUMAN, "--format", "-f",
                                               help="human: for people; json: for machines."),
    git: bool = typer.Option(False, "--git",
                             help="Take the 7 arguments git passes an external diff driver "
                                  "(see the README); always exit 0 so git goes on."),
) -> None:
    """Compare two versions of a map by meaning: entries, relations and the evaluation's change.

    Exit status, as diff's: 0 the maps are equal, 1 they differ, 2 an error (a file unreadable or invalid).
    """
    if git:
        _git_diff(files)
        return
    if len(files) != 2:
        fail_usage(f"diff takes two maps, OLD and NEW (got {len(files)})")
    old_name, new_name = files
    if old_name == STDIN and new_name == STDIN:
        fail_usage("only one of OLD and NEW can be '-' (standard input)")
    try:
        old, new = _load(old_name), _load(new_name)
    except _Unusable as exc:
        typer.echo(exc.report, err=True)
        typer.echo("argmap: diff needs two valid maps; fix the problems above first", err=True)
        raise typer.Exit(ExitStatus.USAGE) from None
    result = diff_maps(old, new)
    if output_format is OutputFormat.JSON:
        typer.echo(safe_json(diff_record(result, old_name, new_name)))
    else:
        typer.echo(format_diff(result, old_name, new_name, colour=use_colour()))
    raise typer.Exit(ExitStatus.OK if result.is_equal else ExitStatus.PROBLEMS)


def _git_diff(files: list[str]) -> None:
    """One file of `git diff` by meaning; a side that is not a valid map falls back to a line diff."""
    if len(files) != GIT_ARGUMENTS:
        fail_usage(f"--git takes the {GIT_ARGUMENTS} arguments git passes an external diff driver "
                   f"(got {len(files)})")
    path, old_file, new_file = files[0], files[1], files[4]
    typer.echo(visible(f"diff --argmap a/{path} b/{path}"))
    if old_file == _NO_FILE or new_file == _NO_FILE:
        typer.echo("new file" if old_file == _NO_FILE else "deleted file")
        return
    try:
        old, new = _load(old_file), _load(new_file)
    except _Unusable:
        typer.echo("(not a valid map on one side: compared line by line)")
        old_text = read_bytes(old_file).decode("utf-8", errors="replace")
        new_text = read_bytes(new_file).decode("utf-8", errors="replace")
        typer.echo("".join(difflib.unified_diff(old_text.splitlines(keepends=True), new_text.splitlines(keepends=True),
                                                f"a/{path}", f"b/{path}")), nl=False)
        return
    typer.echo(format_diff(diff_maps(old, new), f"a/{path}", f"b/{path}", colour=use_colour()))
