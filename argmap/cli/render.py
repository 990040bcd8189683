"""`argmap render`: draw a map as SVG, PNG, PDF or DOT."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import typer

from argmap.draw.diagram import DiagramOptions, GroupBy, RankDir
from argmap.draw.export import ExportError, diagram_bytes, export_diagram, format_for
from argmap.draw.render import ImageFormat, RenderError
from argmap.evaluate import WhatIf
from argmap.evaluate.pivots import pivots
from argmap.model import ProofStandard

from .common import EXIT_PROBLEMS, app, fail_usage, load_or_exit
from .whatif import ACCEPT_HELP, REJECT_HELP, STANDARD_HELP, evaluate_or_exit


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
    status: bool = typer.Option(False, "--status",
                                help="Evaluate the map: mark each node's status, each element's, the answer "
                                     "and the pivots (implied by the what-if options)."),
    reject: list[str] = typer.Option([], "--reject", metavar="ID", help=REJECT_HELP),
    accept: list[str] = typer.Option([], "--accept", metavar="ID", help=ACCEPT_HELP),
    standard: ProofStandard | None = typer.Option(None, "--standard", help=STANDARD_HELP),
    mark_pivots: bool = typer.Option(True, "--pivots/--no-pivots",
                                     help="With --status: star the nodes whose rejection alone changes the "
                                          "answer (one evaluation per node; skip it for very large maps)."),
) -> None:
    """Render a map as a Graphviz diagram (SVG, PNG, PDF or DOT)."""
    checked = load_or_exit(file)
    graph = checked.graph
    assert graph is not None
    if focus is not None and focus not in graph.nodes:
        fail_usage(f"--focus: no node '{focus}' in {file}")
    to_stdout = output == "-"
    target = None if output is None or to_stdout else Path(output)
    try:
        chosen = format_for(target, image_format)
    except ExportError as exc:
        fail_usage(str(exc))
    options = DiagramOptions(rankdir=rankdir, group_by=group_by, focus=focus, depth=depth, legend=legend)
    what_if = WhatIf(tuple(reject), tuple(accept), standard)
    if status or not what_if.is_empty():
        evaluation = evaluate_or_exit(graph, what_if)
        options = replace(
            options,
            status={node_id: value.value for node_id, value in evaluation.status.items()},
            element_status={element: value.value for element, value in evaluation.element_status.items()},
            answer=evaluation.answer.value,
            what_if=what_if.describe() or None,
            pivots=frozenset(p.id for p in pivots(graph, what_if)) if mark_pivots else frozenset(),
        )
    try:
        if to_stdout:
            sys.stdout.buffer.write(diagram_bytes(graph, chosen, options))
            sys.stdout.flush()
            return
        destination = export_diagram(graph, file, target, chosen, options)
    except (RenderError, ExportError) as exc:
        typer.echo(f"argmap: {exc}", err=True)
        raise typer.Exit(EXIT_PROBLEMS) from None
    typer.echo(f"wrote {destination}", err=True)
