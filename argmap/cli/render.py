"""`argmap render`: draw a map as SVG, PNG, PDF or DOT."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import typer

from argmap.diagnostics.text import visible
from argmap.draw.diagram import Detail, DiagramOptions, GroupBy, RankDir
from argmap.draw.export import ExportError, default_output, diagram_bytes, export_diagram, format_for
from argmap.draw.picture import with_evaluation
from argmap.draw.render import ImageFormat
from argmap.draw.sizing import Paper, RenderOptions
from argmap.evaluate import WhatIf
from argmap.evaluate.pivots import QUICK_WORK, PivotSearch
from argmap.evaluate.questions import open_question_names
from argmap.files import check_output, write_output
from argmap.graph import ArgumentGraph
from argmap.model import ProofStandard

from .common import app, fail_usage, load_or_exit
from .completion import NODE_ID, WHAT_IF_ID
from .progress import working
from .whatif import ACCEPT_HELP, REJECT_HELP, STANDARD_HELP, evaluate_or_exit


@app.command()
def render(
    file: str = typer.Argument(..., metavar="FILE", help="The map to draw; '-' reads standard input."),
    output: str | None = typer.Option(None, "--output", "-o", metavar="OUT",
                                      help="Where to write; '-' for standard output. "
                                           "Default: beside FILE, e.g. arguments.svg."),
    image_format: ImageFormat | None = typer.Option(None, "--format", "-f",
                                                    help="Output format; default from OUT's suffix, else svg."),
    detail: Detail = typer.Option(Detail.OVERVIEW, "--detail", "-d",
                                  help="overview: claims and rebuttals, each claim's evidence as a badge; "
                                       "claims: every piece of evidence as a card (source, locator); "
                                       "full: the quotes written out."),
    rankdir: RankDir | None = typer.Option(None, "--rankdir",
                                           help="Layout direction. Default: BT (question at the top) for the "
                                                "overview, RL (question at the left) otherwise."),
    group_by: GroupBy = typer.Option(GroupBy.NONE, "--group-by",
                                     help="Box nodes by the party asserting them or the source quoted."),
    focus: str | None = typer.Option(None, "--focus", metavar="ID", autocompletion=NODE_ID,
                                     help="Draw only the neighbourhood of this node."),
    depth: int = typer.Option(2, "--depth", min=0, metavar="K", help="With --focus: how many relations away."),
    legend: bool = typer.Option(True, "--legend/--no-legend", help="Include the legend."),
    width: int | None = typer.Option(None, "--width", min=16, max=50000, metavar="PX",
                                     help="PNG: scale the image to this many pixels wide."),
    dpi: float | None = typer.Option(None, "--dpi", min=10, max=2400, help="PNG: pixels per inch (default 96)."),
    paper: Paper | None = typer.Option(None, "--paper",
                                       help="PDF: the page size (default a4); the diagram is scaled to fit one "
                                            "page, turned to landscape when it is wider than tall."),
    tile: bool = typer.Option(False, "--tile",
                              help="PDF: print at full size across as many pages as it takes (a poster)."),
    status: bool = typer.Option(False, "--status",
                                help="Evaluate the map: mark each node's status, each element's, the answer "
                                     "and the pivots (implied by the what-if options)."),
    reject: list[str] = typer.Option([], "--reject", metavar="ID", help=REJECT_HELP, autocompletion=WHAT_IF_ID),
    accept: list[str] = typer.Option([], "--accept", metavar="ID", help=ACCEPT_HELP, autocompletion=WHAT_IF_ID),
    standard: ProofStandard | None = typer.Option(None, "--standard", help=STANDARD_HELP),
    mark_pivots: bool | None = typer.Option(None, "--pivots/--no-pivots",
                                            help="With --status: star the nodes whose rejection alone changes "
                                                 "the answer. Default: when that takes a few seconds at most "
                                                 "(else a note says it was skipped); --pivots always."),
    questions: bool = typer.Option(False, "--questions",
                                   help="Mark each inference with open critical questions '?N' (how many); "
                                        "its tooltip names them. Evidence folded into badges at the overview "
                                        "level has no edge to mark: use --detail claims."),
) -> None:
    """Render a map as a Graphviz diagram (SVG, PNG, PDF or DOT), or as an interactive HTML page.

    The HTML page is one self-contained file (no network needed): pan, zoom, search, a panel per node
    with its explanation, filters and what-ifs; --reject/--accept/--standard preset its what-ifs.
    """
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
    render_options = _render_options(chosen, width, dpi, paper, tile)
    if not to_stdout:  # refuse an output that would replace the map before any work is done
        check_output(target or default_output(file, chosen), inputs=(file,))
    options = DiagramOptions(detail=detail, rankdir=rankdir, group_by=group_by, focus=focus, depth=depth,
                             legend=legend)
    what_if = WhatIf(tuple(reject), tuple(accept), standard)
    if chosen is ImageFormat.HTML:
        if questions:
            fail_usage("--questions marks the Graphviz diagram (svg, png, pdf, dot); the HTML page does not "
                       "show open questions yet: run `argmap questions FILE`")
        evaluate_or_exit(graph, what_if)  # an unknown or conflicting what-if is a usage error here too
        _write_page(graph, file, target, to_stdout, what_if, options)
        return
    if status or not what_if.is_empty():
        evaluation = evaluate_or_exit(graph, what_if)
        with working("Finding the pivots\u2026" if mark_pivots is not False else "Evaluating\u2026"):
            options = with_evaluation(options, graph, evaluation, what_if, mark_pivots=False)
            options = replace(options, pivots=_pivots_to_mark(graph, what_if, mark_pivots))
    if questions:
        options = replace(options, open_questions=open_question_names(graph))
    with working(f"Drawing the {chosen.value.upper()}\u2026"):
        if to_stdout:
            sys.stdout.buffer.write(diagram_bytes(graph, chosen, options, render_options))
            sys.stdout.flush()
            return
        destination = export_diagram(graph, file, target, chosen, options, render_options)
    typer.echo(f"wrote {visible(str(destination))}", err=True)


def _render_options(chosen: ImageFormat, width: int | None, dpi: float | None, paper: Paper | None,
                    tile: bool) -> RenderOptions:
    """Size options apply to one format each; asking for one elsewhere is a usage error, not ignored."""
    if width is not None and dpi is not None:
        fail_usage("give --width or --dpi, not both")
    if (width is not None or dpi is not None) and chosen is not ImageFormat.PNG:
        fail_usage(f"--{'width' if width is not None else 'dpi'} applies to PNG output, not {chosen.value.upper()}")
    if (tile or paper is not None) and chosen is not ImageFormat.PDF:
        fail_usage(f"--{'tile' if tile else 'paper'} applies to PDF output, not {chosen.value.upper()}")
    return RenderOptions(png_width=width, dpi=dpi, paper=paper or Paper.A4, tile=tile)


def _pivots_to_mark(graph: ArgumentGraph, what_if: WhatIf, asked: bool | None) -> frozenset[str]:
    """The pivots, unless declined (--no-pivots) or, by default, too long to compute: then say so."""
    if asked is False:
        return frozenset()
    search = PivotSearch(graph, what_if)
    if asked is None and search.work > QUICK_WORK:
        typer.echo(f"argmap: pivots not marked: finding them would take about {max(1, round(search.seconds))} s "
                   "on this map; add --pivots to mark them anyway", err=True)
        return frozenset()
    return frozenset(p.id for p in search.run())


def _write_page(graph: ArgumentGraph, file: str, target: Path | None, to_stdout: bool, what_if: WhatIf,
                options: DiagramOptions) -> None:
    from argmap.serve.viewer import build_page, page_state  # deferred: only the page needs the viewer

    preset = {"reject": list(what_if.reject), "accept": list(what_if.accept),
              "standard": what_if.standard.value if what_if.standard else None}
    with working("Drawing the HTML page\u2026"):
        state = page_state(graph, options)
        page = build_page(graph, state=state, what_if=preset).encode("utf-8")
    for level, reason in state["unavailable"].items():
        typer.echo(f"argmap: the page leaves out the {level} level: {visible(reason)}", err=True)
    if to_stdout:
        sys.stdout.buffer.write(page)
        sys.stdout.flush()
        return
    destination = target or default_output(file, ImageFormat.HTML)
    write_output(destination, page, inputs=(file,))
    typer.echo(f"wrote {visible(str(destination))}", err=True)
