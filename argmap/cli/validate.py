"""`argmap validate`: report every problem in one or more map files."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from argmap.diagnostics.report import format_diagnostic, format_human
from argmap.errors import InputError
from argmap.files import read_regular_file
from argmap.read.detect import is_map
from argmap.read.document import MAX_FILE_BYTES, CheckedMap, UnreadableFile, check_file, format_json, summary

from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, OutputFormat, app, use_colour


@app.command()
def validate(
    files: list[str] = typer.Argument(..., metavar="FILE...", help="Map files to check; '-' reads standard input."),
    output_format: OutputFormat = typer.Option(OutputFormat.HUMAN, "--format", "-f",
                                               help="human: one line per problem; json: for machines."),
    strict: bool = typer.Option(False, "--strict", help="Fail on warnings as well as errors."),
    context: bool = typer.Option(True, "--context/--no-context",
                                 help="Show the offending source line under each problem."),
    sources_root: Path | None = typer.Option(None, "--sources-root", metavar="DIR",
                                             help="Read sources' text files only under DIR "
                                                  "(default: the folder above the map's)."),
    only_maps: bool = typer.Option(False, "--only-maps",
                                   help="Skip, silently, every file that is not an argmap map (one without "
                                        "a top-level 'argmap:' key), as the pre-commit hook does."),
) -> None:
    """Check map files and report every problem at once, as file:line:column: CODE message.

    Exit status: 0 valid, 1 problems found, 2 a file could not be read or bad usage.
    """
    results: list[CheckedMap] = []
    unreadable = False
    colour = use_colour()
    for name in files:
        if only_maps and not _is_map_or_unreadable(name):
            continue
        try:
            results.append(check_file(name, sources_root))
        except UnreadableFile as exc:
            unreadable = True
            if output_format is OutputFormat.HUMAN:
                typer.echo(format_diagnostic(exc.diagnostic, colour=use_colour(sys.stderr)), err=True)
            else:
                results.append(CheckedMap(name, diagnostics=[exc.diagnostic]))
    if output_format is OutputFormat.JSON:
        typer.echo(format_json(results, strict=strict))
    else:
        for result in results:
            if result.diagnostics:
                typer.echo(format_human(result.diagnostics, result.text if context else None, colour=colour))
            typer.echo(summary(result))
    if unreadable:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_PROBLEMS if any(r.failed(strict=strict) for r in results) else EXIT_OK)


def _is_map_or_unreadable(name: str) -> bool:
    """For --only-maps: skip a readable regular file without the `argmap:` key; anything else
    (standard input, a file that cannot be read) goes on to be checked, or reported."""
    if name == "-":
        return True
    try:
        return is_map(read_regular_file(name, MAX_FILE_BYTES))
    except (InputError, OSError):
        return True
