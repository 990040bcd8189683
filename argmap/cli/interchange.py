"""`argmap export` and `argmap import`: maps to and from other tools' formats."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

import typer

from argmap.diagnostics import Severity
from argmap.diagnostics.report import format_diagnostic, format_human
from argmap.errors import UsageError
from argmap.evaluate import WhatIf
from argmap.files import atomic_write, create_exclusive
from argmap.formats import ExportOptions, format_table, import_format
from argmap.formats import export_format as choose_export_format
from argmap.formats.write import write_map
from argmap.model import ProofStandard
from argmap.read.document import STDIN, UnreadableFile, check_text, read_bytes
from argmap.read.loader import decode

from .common import EXIT_PROBLEMS, EXIT_USAGE, app, fail_usage, load_or_exit, use_colour
from .whatif import ACCEPT_HELP, REJECT_HELP, STANDARD_HELP, evaluate_or_exit


@app.command("export")
def export_command(
    file: str = typer.Argument(..., metavar="FILE", help="The map to export; '-' reads standard input."),
    to: str | None = typer.Option(None, "--to", "-t", metavar="FORMAT",
                                  help="The format to write (see `argmap formats`); default from OUT's suffix."),
    output: str | None = typer.Option(None, "--output", "-o", metavar="OUT",
                                      help="Where to write; default (or '-'): standard output."),
    evaluation: bool = typer.Option(False, "--evaluation",
                                    help="json: include the map's evaluation (implied by the what-if options)."),
    reject: list[str] = typer.Option([], "--reject", metavar="ID", help=REJECT_HELP),
    accept: list[str] = typer.Option([], "--accept", metavar="ID", help=ACCEPT_HELP),
    standard: ProofStandard | None = typer.Option(None, "--standard", help=STANDARD_HELP),
    detail: str | None = typer.Option(None, "--detail", "-d",
                                      help="mermaid: overview (default), claims or full."),
) -> None:
    """Write a map in another tool's format: aif, graphml, json and the others `argmap formats` lists.

    Exit status: 0 written, 1 the map is invalid, 2 bad usage or an output that cannot be written.
    """
    checked = load_or_exit(file)
    graph = checked.graph
    assert graph is not None
    try:
        chosen = choose_export_format(to, output if output != "-" else None)
    except UsageError as exc:
        fail_usage(exc.message)
    uses = frozenset(getattr(chosen.module, "OPTIONS", ()))
    what_if = WhatIf(tuple(reject), tuple(accept), standard)
    wants_evaluation = evaluation or not what_if.is_empty()
    if wants_evaluation and "evaluation" not in uses:
        fail_usage(f"--evaluation and the what-if options apply to json, not {chosen.name}")
    if detail is not None and "detail" not in uses:
        fail_usage(f"--detail applies to drawings (mermaid), not {chosen.name}")
    options = ExportOptions(
        evaluation=evaluate_or_exit(graph, what_if) if wants_evaluation else None,
        what_if=what_if if wants_evaluation else None,
        detail=detail or "overview",
    )
    assert chosen.dump is not None
    content = chosen.dump(graph, options)
    if output is None or output == "-":
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    _refuse_input(output, file)
    try:
        atomic_write(output, content.encode("utf-8"))
    except OSError as exc:
        fail_usage(f"cannot write '{output}': {exc.strerror or exc}")
    typer.echo(f"wrote {output}", err=True)


@app.command("import")
def import_command(
    file: str = typer.Argument(..., metavar="IN", help="The file to import; '-' reads standard input."),
    from_: str | None = typer.Option(None, "--from", "-f", metavar="FORMAT",
                                     help="The input's format; default from IN's suffix, else its content."),
    output: str | None = typer.Option(None, "--output", "-o", metavar="OUT",
                                      help="Where to write the map; default (or '-'): standard output."),
    force: bool = typer.Option(False, "--force", help="Replace OUT if it exists (never IN itself)."),
) -> None:
    """Read another tool's file into an argmap map (YAML), reporting every construct it cannot carry.

    Exit status: 0 imported (warnings may be shown), 1 the input cannot be read as the format,
    2 bad usage, an unreadable input or an output that cannot be written.
    """
    colour = use_colour(sys.stderr)
    try:
        raw = read_bytes(file)
    except UnreadableFile as exc:
        typer.echo(format_diagnostic(exc.diagnostic, colour=colour), err=True)
        raise typer.Exit(EXIT_USAGE) from None
    text, problem = decode(raw)
    if text is None:
        assert problem is not None
        typer.echo(format_diagnostic(dataclasses.replace(problem, file=file), colour=colour), err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    try:
        chosen = import_format(from_, file, text)
    except UsageError as exc:
        fail_usage(exc.message)
    if output is not None and output != "-":
        _refuse_input(output, file)
        if not force and os.path.lexists(output):
            fail_usage(f"'{output}' exists; choose another name, or add --force to replace it")
    assert chosen.load is not None
    result = chosen.load(text, file)
    shown = [dataclasses.replace(d, file=file) for d in result.diagnostics]
    if shown:
        typer.echo(format_human(shown, text, colour=colour), err=True)
    if result.map is None or result.errors:
        typer.echo(f"{file}: not imported: {len(result.errors)} error(s)", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    content = write_map(result)
    _check_written(content, file)
    warnings = sum(d.severity is Severity.WARNING for d in result.diagnostics)
    counts = (f"{len(result.map.claims)} claims, {len(result.map.evidence)} evidence, "
              f"{len(result.map.rebuttals)} rebuttals")
    if output is None or output == "-":
        sys.stdout.write(content)
        sys.stdout.flush()
        destination = "standard output"
    else:
        try:
            (atomic_write if force else create_exclusive)(output, content.encode("utf-8"))
        except FileExistsError:
            fail_usage(f"'{output}' exists; choose another name, or add --force to replace it")
        except OSError as exc:
            fail_usage(f"cannot write '{output}': {exc.strerror or exc}")
        destination = output
    typer.echo(f"imported {file} ({chosen.name}): {counts}; {warnings} warning(s); wrote {destination}",
               err=True)


@app.command("formats")
def formats_command() -> None:
    """List the formats `argmap export` writes and `argmap import` reads."""
    for line in format_table():
        typer.echo(line)


def _refuse_input(output: str, input_name: str) -> None:
    """Never write over the file being read, under any of its names."""
    if input_name == STDIN:
        return
    try:
        same = Path(output).exists() and Path(output).samefile(input_name)
    except OSError:
        same = False
    if same or os.path.realpath(output) == os.path.realpath(input_name):
        fail_usage(f"'{output}' is the input file; choose another output")


def _check_written(content: str, name: str) -> None:
    """The written map must check cleanly: anything else is a bug in the importer."""
    checked = check_text(content, f"{name} (imported)")
    if checked.errors:
        problems = "; ".join(f"{d.code} {d.message}" for d in checked.errors[:3])
        raise RuntimeError(f"the imported map does not validate: {problems}")
