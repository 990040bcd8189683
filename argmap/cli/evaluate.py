"""`argmap evaluate` and `argmap explain`: which side stands, and why."""

from __future__ import annotations

import difflib
import shutil
import sys
from typing import Any

import typer

from argmap.diagnostics.report import format_diagnostic, paint
from argmap.diagnostics.text import safe_json, visible
from argmap.evaluate import Bearing, Evaluation, Status, WhatIf
from argmap.evaluate.explain import DEFAULT_DEPTH, MAX_DEPTH, answer_meaning, explain, number, wrap
from argmap.evaluate.pivots import Pivot, pivots
from argmap.evaluate.positions import Positions, positions
from argmap.evaluate.semantics import strongest_first
from argmap.evaluate.standards import STANDARD_NAMES
from argmap.model import ProofStandard
from argmap.read.document import CheckedMap, UnreadableFile, check_file, format_json

from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, OutputFormat, app, fail_usage, load_or_exit, use_colour
from .completion import NODE_ID, WHAT_IF_ID
from .whatif import ACCEPT_HELP, REJECT_HELP, STANDARD_HELP, evaluate_or_exit

_COLOURS = {"accepted": "32", "established": "32", "yes": "32",
            "rejected": "31", "not established": "31", "no": "31",
            "undecided": "33"}

MIN_WIDTH = 40
"""Explanations are wrapped to the terminal's width ($COLUMNS, else the terminal, else 80), but no narrower."""


def _load(file: str, output_format: OutputFormat) -> CheckedMap:
    """Load a valid map or exit; with --format json the problems go to stdout as `validate` prints them."""
    if output_format is OutputFormat.HUMAN:
        return load_or_exit(file)
    try:
        result = check_file(file)
    except UnreadableFile as exc:
        typer.echo(format_json([CheckedMap(file, diagnostics=[exc.diagnostic])]))
        typer.echo(format_diagnostic(exc.diagnostic, colour=use_colour(sys.stderr)), err=True)
        raise typer.Exit(EXIT_USAGE) from None
    if result.errors or result.graph is None:
        typer.echo(format_json([result]))
        raise typer.Exit(EXIT_PROBLEMS)
    return result


def _terminal_width() -> int:
    return max(MIN_WIDTH, shutil.get_terminal_size((80, 24)).columns)



def _paint(text: str, colour: bool, key: str | None = None) -> str:
    """`text` coloured by the status it shows (`key`, or the text itself)."""
    code = _COLOURS.get(key if key is not None else text.strip())
    return paint(text, code, colour) if code else text


@app.command("evaluate")
def evaluate_command(
    file: str = typer.Argument(..., metavar="FILE", help="The map file; '-' reads standard input."),
    output_format: OutputFormat = typer.Option(OutputFormat.HUMAN, "--format", "-f",
                                               help="human: tables for people; json: for machines."),
    show_pivots: bool = typer.Option(False, "--pivots",
                                     help="List what, rejected alone, would change the answer."),
    show_positions: bool = typer.Option(False, "--positions",
                                        help="List each side's best coherent position (preferred extensions)."),
    reject: list[str] = typer.Option([], "--reject", metavar="ID", help=REJECT_HELP, autocompletion=WHAT_IF_ID),
    accept: list[str] = typer.Option([], "--accept", metavar="ID", help=ACCEPT_HELP, autocompletion=WHAT_IF_ID),
    standard: ProofStandard | None = typer.Option(None, "--standard", help=STANDARD_HELP),
) -> None:
    """Decide the question: each element under its proof standard, and the status of every node.

    Exit status: 0 whatever the answer, 1 the file is invalid, 2 bad usage.
    """
    checked = _load(file, output_format)
    assert checked.graph is not None
    graph = checked.graph
    options = WhatIf(tuple(reject), tuple(accept), standard)
    evaluation = evaluate_or_exit(graph, options)
    found_pivots = pivots(graph, options) if show_pivots else None
    found_positions = positions(graph, options) if show_positions else None
    if output_format is OutputFormat.JSON:
        typer.echo(safe_json(_as_json(file, evaluation, found_pivots, found_positions)))
    else:
        colour = use_colour()  # typer strips colour off a pipe unless told: FORCE_COLOR means it
        typer.echo(_as_text(evaluation, found_pivots, found_positions, colour), color=colour)
    raise typer.Exit(EXIT_OK)


@app.command("explain")
def explain_command(
    file: str = typer.Argument(..., metavar="FILE", help="The map file; '-' reads standard input."),
    node_id: str = typer.Argument(..., metavar="ID", help="The node, element or question to explain.",
                                  autocompletion=NODE_ID),
    depth: int = typer.Option(DEFAULT_DEPTH, "--depth", min=0, max=MAX_DEPTH,
                              help="How many levels of reasons to show."),
    output_format: OutputFormat = typer.Option(OutputFormat.HUMAN, "--format", "-f",
                                               help="human: a tree wrapped to the terminal; json: for machines."),
    reject: list[str] = typer.Option([], "--reject", metavar="ID", help=REJECT_HELP, autocompletion=WHAT_IF_ID),
    accept: list[str] = typer.Option([], "--accept", metavar="ID", help=ACCEPT_HELP, autocompletion=WHAT_IF_ID),
    standard: ProofStandard | None = typer.Option(None, "--standard", help=STANDARD_HELP),
) -> None:
    """Why a node has its status: every reason for and against it, strongest first, with the weights
    that decided, down to the quotes and their sources."""
    checked = _load(file, output_format)
    assert checked.graph is not None
    graph = checked.graph
    if node_id not in graph.nodes:
        close = difflib.get_close_matches(node_id, list(graph.nodes), n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        fail_usage(f"'{node_id}' is not a node of this map{hint}")
    evaluation = evaluate_or_exit(graph, WhatIf(tuple(reject), tuple(accept), standard))
    lines = explain(evaluation, node_id, depth)
    if output_format is OutputFormat.JSON:
        typer.echo(safe_json(_explanation_json(file, evaluation, node_id, lines)))
    else:
        typer.echo(wrap(lines, _terminal_width()))


def _exact(value: float | None) -> float | None:
    """A weight for JSON: to nine decimals, the precision weights are compared at (0.30000000000000004 is 0.3)."""
    return None if value is None else round(value, 9)


def _bearing_json(bearing: Bearing) -> dict[str, Any]:
    return {"id": bearing.node, "kind": bearing.kind, "weight": bearing.weight, "status": bearing.status.value,
            "force": _exact(bearing.force), "most": _exact(bearing.most)}


def _explanation_json(file: str, evaluation: Evaluation, node_id: str, lines: list[Any]) -> dict[str, Any]:
    graph = evaluation.graph
    kind = graph.nodes[node_id].kind.value
    result: dict[str, Any] = {"file": file, "id": node_id, "kind": kind, "status": evaluation.status[node_id].value}
    if node_id in evaluation.elements:
        element = evaluation.elements[node_id]
        result |= {"status": element.status.value, "standard": element.standard.value,
                   "for": _exact(element.weighed("pro")), "against": _exact(element.weighed("con")),
                   "reasons_for": [_bearing_json(b) for b in strongest_first(element.pro)],
                   "reasons_against": [_bearing_json(b) for b in strongest_first(element.con)]}
    elif node_id == graph.question.id:
        result |= {"answer": evaluation.answer.value, "meaning": answer_meaning(evaluation)}
    else:
        weighing = evaluation.weighing(node_id)
        result |= {"reasons": _exact(evaluation.reasons(node_id)), "strength": _exact(evaluation.strength(node_id)),
                   "reasons_for": [_bearing_json(b) for b in weighing.pro],
                   "reasons_against": [_bearing_json(b) for b in weighing.con]}
    result["lines"] = [{"depth": line.depth, "text": line.text, "node": line.node} for line in lines]
    return result


def _as_text(evaluation: Evaluation, found_pivots: list[Pivot] | None,
             found_positions: Positions | None, colour: bool) -> str:
    graph = evaluation.graph
    framework = graph.argument_map.framework
    rule = "all elements must be established" if framework.combine == "all" else "one established element suffices"
    # Ids and texts come from the map: every one is shown through `visible`.
    lines = [f"Question: {visible(graph.question.text)}",
             f"Answer:   {_paint(answer_meaning(evaluation), colour, evaluation.answer.value)}; {rule}"]
    if not evaluation.options.is_empty():
        lines.append(f"What if:  {visible(evaluation.options.describe())}")
    lines += ["", "Elements:"]
    width = max(len(visible(e)) for e in evaluation.elements)
    for element_id, result in evaluation.elements.items():
        status = result.status.value
        lines.append(f"  {visible(element_id):<{width}}  {_paint(f'{status:<15}', colour, status)}  "
                     f"{STANDARD_NAMES[result.standard]}: for {_weight_text(result.weighed('pro'))}, "
                     f"against {_weight_text(result.weighed('con'))}")
    lines += ["", "Nodes:"]
    width = max(len(visible(n)) for n in graph.nodes)
    lines.append(f"  {'ID':<{width}}  {'KIND':<8}  {'STATUS':<9}  STRENGTH")
    for node_id, node in graph.nodes.items():
        status = evaluation.status[node_id].value
        forced = evaluation.forced.get(node_id)
        note = f"  (what-if: {visible(forced.because)})" if forced is not None else ""
        strength = evaluation.strength(node_id) if node.kind.value not in ("element", "question") else None
        shown = f"{_paint(f'{status:<9}', colour, status)}  {number(strength)}" if strength is not None else \
            _paint(status, colour)
        lines.append(f"  {visible(node_id):<{width}}  {node.kind.value:<8}  {shown}{note}".rstrip())
    if found_pivots is not None:
        lines += ["", "Pivots (rejecting this alone changes the answer):"]
        if not found_pivots:
            lines.append("  none: no single node, party or source changes the answer on its own")
        for rank, pivot in enumerate(found_pivots, start=1):
            lines.append(f"  {rank}. {visible(pivot.id)} ({pivot.kind}, {pivot.rejects} node"
                         f"{'s' if pivot.rejects != 1 else ''}) -> {pivot.answer.value}")
    if found_positions is not None:
        lines += ["", "Positions (maximal coherent positions, the preferred extensions):"]
        lines += [visible(line) for line in found_positions.summary()]
    return "\n".join(lines)


def _weight_text(value: float | None) -> str:
    return "none" if value is None else number(value)


def _as_json(file: str, evaluation: Evaluation, found_pivots: list[Pivot] | None,
             found_positions: Positions | None) -> dict[str, Any]:
    graph = evaluation.graph
    framework = graph.argument_map.framework
    options = evaluation.options
    result: dict[str, Any] = {
        "file": file,
        "question": {"id": graph.question.id, "text": graph.question.text,
                     "answer": evaluation.answer.value, "meaning": answer_meaning(evaluation)},
        "combine": framework.combine.value,
        "what_if": {"reject": list(options.reject), "accept": list(options.accept),
                    "standard": options.standard.value if options.standard else None},
        "elements": [
            {"id": r.id, "status": r.status.value, "standard": r.standard.value,
             "for": _exact(r.weighed("pro")), "against": _exact(r.weighed("con")),
             "pro": [_bearing_json(b) for b in r.pro], "con": [_bearing_json(b) for b in r.con]}
            for r in evaluation.elements.values()
        ],
        "nodes": [
            {"id": node_id, "kind": node.kind.value, "status": evaluation.status[node_id].value,
             **({"strength": _exact(evaluation.strength(node_id))}
                if node.kind.value not in ("element", "question") else {}),
             **({"forced_by": evaluation.forced[node_id].because} if node_id in evaluation.forced else {})}
            for node_id, node in graph.nodes.items()
        ],
    }
    if found_pivots is not None:
        result["pivots"] = [{"id": p.id, "kind": p.kind, "answer": p.answer.value, "rejects": p.rejects}
                            for p in found_pivots]
    if found_positions is not None:
        result["positions"] = {
            "complete": found_positions.complete,
            "count": found_positions.count,
            "disputes": list(found_positions.disputes),
            "items": [{"name": p.name, "party": p.party, "answer": p.answer.value,
                       "elements": {e: s.value for e, s in p.evaluation.element_status.items()},
                       "accepted": [n for n, s in p.evaluation.status.items()
                                    if s is Status.ACCEPTED and graph.nodes[n].kind not in ("element", "question")]}
                      for p in found_positions.positions],
        }
    return result
