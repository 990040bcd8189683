"""`argmap schema`, `argmap new` and `argmap watch`: help for editing a map in any editor."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from argmap.draw.export import ExportError, default_output, format_for
from argmap.edit.scaffold import DEFAULT_SCHEMA_FILE, scaffold, schema_text
from argmap.errors import UsageError
from argmap.files import check_output, create_exclusive, write_output

from .common import EXIT_OK, EXIT_USAGE, app, fail_usage

ELEMENTS = typer.Option(None, "--element", "-e", metavar="TEXT",
                        help="A condition the rule requires (repeatable).")
QUESTION = typer.Option(..., "--question", "-q", help="The legal question, with a yes or no answer.")


@app.command()
def schema(
    output: str | None = typer.Option(None, "--output", "-o", metavar="PATH",
                                      help="Write the schema to PATH instead of printing it."),
) -> None:
    """Print the JSON Schema of the map format, for editors' YAML language servers."""
    text = schema_text()
    if output is None:
        typer.echo(text, nl=False)
        return
    write_output(output, text.encode("utf-8"))
    typer.echo(f"wrote {output}", err=True)


@app.command()
def new(
    file: str = typer.Argument(..., metavar="FILE", help="The map file to create."),
    question: str = QUESTION,
    rule: str | None = typer.Option(None, "--rule", help="The legal rule the question is decided under."),
    elements: list[str] | None = ELEMENTS,
    schema_ref: str = typer.Option(DEFAULT_SCHEMA_FILE, "--schema", metavar="PATH|URL",
                                   help="Where the modeline points editors for the schema; a relative path "
                                        "that does not exist yet is written beside the map."),
) -> None:
    """Create a new map: a skeleton with guiding comments and the editor modeline, valid as is."""
    if not question.strip() or (rule is not None and not rule.strip()) or any(not e.strip() for e in elements or []):
        fail_usage("--question, --rule and --element need some text")
    if os.path.lexists(file):
        raise UsageError(f"{file} already exists; not overwritten")
    text = scaffold(question, rule=rule, elements=elements or [], schema=schema_ref)
    try:
        create_exclusive(file, text.encode("utf-8"))
    except FileExistsError:
        raise UsageError(f"{file} already exists; not overwritten") from None
    except OSError as exc:
        typer.echo(f"argmap: cannot create {file}: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    typer.echo(f"created {file}")
    if "://" not in schema_ref and not Path(schema_ref).is_absolute():
        schema_path = Path(file).parent / schema_ref
        try:
            create_exclusive(schema_path, schema_text().encode("utf-8"))
            typer.echo(f"created {schema_path} (the JSON Schema your editor reads through the modeline)")
        except FileExistsError:
            pass
        except OSError as exc:
            typer.echo(f"argmap: could not write {schema_path}: {exc.strerror or exc}", err=True)
    typer.echo(f"next: argmap add claim {file} --text \"...\" --supports ELEMENT-ID")


@app.command()
def watch(
    file: str = typer.Argument(..., metavar="FILE", help="The map file to watch."),
    output: str | None = typer.Option(None, "--output", "-o", metavar="PATH",
                                      help="Where to write the diagram (default: beside the map)."),
) -> None:
    """Re-validate and re-render FILE on every save, printing problems and the fresh diagram's path.

    Stop with Ctrl-C.
    """
    from argmap.cli import watching

    if not Path(file).is_file():
        fail_usage(f"{file} is not a file")
    try:
        chosen = format_for(Path(output) if output is not None else None, None)
    except ExportError as exc:
        fail_usage(str(exc))
    # The diagram is written on every save: refuse now an output that is the map itself.
    check_output(Path(output) if output is not None else default_output(file, chosen), inputs=(file,))

    def show(report: watching.Report) -> None:
        for line in report.lines:
            typer.echo(line)
        typer.echo("")

    typer.echo(f"watching {file} (Ctrl-C to stop)", err=True)
    try:
        watching.watch(file, output, show, renderer=watching.draw)
    except KeyboardInterrupt:
        typer.echo("argmap: stopped watching", err=True)
    raise typer.Exit(EXIT_OK)
