"""`argmap validate`: report every problem in one or more map files."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from argmap.diagnostics import CODES
from argmap.diagnostics.report import format_diagnostic, format_human
from argmap.read.document import CheckedMap, UnreadableFile, check_file, format_json, summary
from argmap.read.inputs import expand_inputs

from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, ColourChoice, app, fail_usage, use_colour


class ValidateFormat(StrEnum):
    HUMAN = "human"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"


@app.command()
def validate(
    files: list[str] | None = typer.Argument(
        None, metavar="PATH...",
        help="Map files, folders or glob patterns to check; '-' reads standard input. Folders and "
             "patterns stand for the argmap maps they hold (YAML files with a top-level 'argmap:' key)."),
    output_format: ValidateFormat = typer.Option(
        ValidateFormat.HUMAN, "--format", "-f",
        help="human: one line per problem; json: for machines; github: workflow annotations; "
             "sarif: SARIF 2.1.0 for code scanning."),
    strict: bool = typer.Option(False, "--strict", help="Fail on warnings as well as errors."),
    context: bool = typer.Option(True, "--context/--no-context",
                                 help="Show the offending source line under each problem."),
    sources_root: Path | None = typer.Option(None, "--sources-root", metavar="DIR",
                                             help="Read sources' text files only under DIR "
                                                  "(default: the folder above the map's)."),
    colour: ColourChoice = typer.Option(
        ColourChoice.AUTO, "--color", case_sensitive=False,
        help="Colour the human format: auto (on a terminal, unless NO_COLOR is set; a non-empty "
             "FORCE_COLOR forces it), always or never."),
    explain: str | None = typer.Option(None, "--explain", metavar="CODE",
                                       help="Print the documentation of a diagnostic code, e.g. W302, and exit."),
    only_maps: bool = typer.Option(False, "--only-maps",
                                   help="Skip, silently, every file that is not an argmap map (one without "
                                        "a top-level 'argmap:' key), as the pre-commit hook does."),
) -> None:
    """Check map files and report every problem at once, as file:line:column: CODE message.

    Exit status: 0 valid, 1 problems found, 2 a file could not be read or bad usage.
    """
    if explain is not None:
        _explain(explain)
    if not files:
        fail_usage("validate needs a FILE, folder or pattern to check ('-' for standard input)")
    inputs = expand_inputs(files, only_maps=only_maps)
    for name in inputs.unmatched:
        typer.echo(f"argmap: warning: no argmap map in {name}", err=True)
    if not inputs.files:
        # A hook handed only other YAML has nothing to check, and that is no error.
        raise typer.Exit(EXIT_OK if only_maps and not inputs.unmatched else EXIT_USAGE)
    human = output_format is ValidateFormat.HUMAN
    results: list[CheckedMap] = []
    unreadable = False
    for name in inputs.files:
        try:
            results.append(check_file(name, sources_root))
        except UnreadableFile as exc:
            unreadable = True
            if human:
                on_stderr = use_colour(sys.stderr, colour)
                typer.echo(format_diagnostic(exc.diagnostic, colour=on_stderr), err=True, color=on_stderr)
            else:
                results.append(CheckedMap(name, diagnostics=[exc.diagnostic]))
    diagnostics = [d for r in results for d in r.diagnostics]
    # The machine formats are imported only when asked for: most runs print the human one.
    if output_format is ValidateFormat.JSON:
        typer.echo(format_json(results, strict=strict))
    elif output_format is ValidateFormat.GITHUB:
        from argmap.diagnostics.github import format_github

        typer.echo(format_github(diagnostics), nl=False)
    elif output_format is ValidateFormat.SARIF:
        from argmap.diagnostics.sarif import format_sarif

        typer.echo(format_sarif(diagnostics))
    else:
        on = use_colour(sys.stdout, colour)
        for result in results:
            if result.diagnostics:
                typer.echo(format_human(result.diagnostics, result.text if context else None, colour=on), color=on)
            typer.echo(summary(result))
    if unreadable:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_PROBLEMS if any(r.failed(strict=strict) for r in results) else EXIT_OK)


def _explain(code: str) -> None:
    from argmap.diagnostics.documentation import documentation  # only --explain reads the documentation

    entry = documentation(code.strip().upper())
    if entry is None:
        fail_usage(f"unknown diagnostic code '{code}'; the codes are {', '.join(sorted(CODES))}")
    typer.echo(entry)
    raise typer.Exit(EXIT_OK)
