"""`argmap questions`: the critical questions the map leaves open, ranked by what answering them could do."""

from __future__ import annotations

import typer

from argmap.diagnostics.text import safe_json
from argmap.evaluate import WhatIf, WhatIfError
from argmap.evaluate.questions import open_questions, questions_json, questions_text
from argmap.model import ProofStandard

from .common import EXIT_OK, OutputFormat, app, fail_usage
from .evaluate import _load
from .whatif import ACCEPT_HELP, REJECT_HELP, STANDARD_HELP, evaluate_or_exit


@app.command("questions")
def questions_command(
    file: str = typer.Argument(..., metavar="FILE", help="The map file; '-' reads standard input."),
    output_format: OutputFormat = typer.Option(OutputFormat.HUMAN, "--format", "-f",
                                               help="human: a checklist for people; json: for machines."),
    reject: list[str] = typer.Option([], "--reject", metavar="ID", help=REJECT_HELP),
    accept: list[str] = typer.Option([], "--accept", metavar="ID", help=ACCEPT_HELP),
    standard: ProofStandard | None = typer.Option(None, "--standard", help=STANDARD_HELP),
) -> None:
    """List the critical questions of the map's schemes that no node answers, grouped by inference: first
    those whose successful answer alone would change the answer, then those that would change an element.

    Exit status: 0 whatever is open, 1 the file is invalid, 2 bad usage.
    """
    checked = _load(file, output_format)
    assert checked.graph is not None
    options = WhatIf(tuple(reject), tuple(accept), standard)
    answer = evaluate_or_exit(checked.graph, options).answer.value
    try:
        inferences = open_questions(checked.graph, options)
    except WhatIfError as exc:  # pragma: no cover - evaluate_or_exit has already checked the options
        fail_usage(str(exc))
    if output_format is OutputFormat.JSON:
        typer.echo(safe_json(questions_json(file, inferences, answer)))
    else:
        typer.echo(questions_text(inferences, answer))
    raise typer.Exit(EXIT_OK)
