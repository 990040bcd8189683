"""`argmap render`: draw a map as SVG, PNG, PDF or DOT."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from argmap.diagram import DiagramOptions, GroupBy, RankDir
from argmap.export import ExportError, default_output, diagram_bytes, format_for, write_file
from argmap.render import ImageFormat, RenderError

from .common import EXIT_PROBLEMS, app, fail_usage, load_or_exit


@app.command()
def render(
    file: str = typer.Argument(..., metavar="FILE", help="The map to draw; '-' reads standard input."),
    output: str | None = typer.Option(None, "--output", "-o", metavar="OUT",
                                      help="Where to write; '-' for standard output. "
                                           "Default: beside FILE, e.g. arguments.svg."),
    image_format: ImageFormat | None = typer.Option(None, "--format", "-f",
                                                    help="Output format; default from OUT's suffix, else svg."),
    rankdir: RankDir = typer.Option(RankDir.RL, "--rankdir",
                                    help="Layout direction: RL puts the question at the left."),
    group_by: GroupBy = typer.Option(GroupBy.NONE, "--group-by",
                                     help="Box nodes by the party asserting them or the source quoted."),
    focus: str | None = typer.Option(None, "--focus", metavar="ID",
                                     help="Draw only the neighbourhood of this node."),
    depth: int = typer.Option(2, "--depth", min=0, metavar="K", help="With --focus: how many relations away."),
    legend: bool = typer.Option(True, "--legend/--no-legend", help="Include the legend."),
) -> None:
    """Render a map as a Graphviz diagram (SVG, PNG, PDF or DOT)."""
    checked = load_or_exit(file)
    assert checked.graph is not None
    if focus is not None and focus not in checked.graph.nodes:
        fail_usage(f"--focus: no node '{focus}' in {file}")
    to_stdout = output == "-"
    target = None if output is None or to_stdout else Path(output)
    try:
        chosen = format_for(target, image_format)
    except ExportError as exc:
        fail_usage(str(exc))
    options = DiagramOptions(rankdir=rankdir, group_by=group_by, focus=focus, depth=depth, legend=legend)
    try:
        content = diagram_bytes(checked.graph, chosen, options)
        if to_stdout:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
            return
        destination = target or default_output(file, chosen)
        write_file(destination, content)
    except (RenderError, ExportError) as exc:
        typer.echo(f"argmap: {exc}", err=True)
        raise typer.Exit(EXIT_PROBLEMS) from None
    typer.echo(f"wrote {destination}", err=True)
