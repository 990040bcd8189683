"""`argmap validate`: report every problem in one or more map files."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from argmap.diagnostics.report import format_diagnostic, format_human
from argmap.read.document import CheckedMap, UnreadableFile, check_file, format_json, summary

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
) -> None:
    """Check map files and report every problem at once, as file:line:column: CODE message.

    Exit status: 0 valid, 1 problems found, 2 a file could not be read or bad usage.
    """
    results: list[CheckedMap] = []
    unreadable = False
    colour = use_colour()
    for name in files:
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
