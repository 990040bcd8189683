"""`argmap report`: the map's analysis as a legal memo (IRAC), in Pandoc Markdown or HTML."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from argmap.files import check_output, write_output
from argmap.formats.memo import MEMO_PIVOT_WORK, render_memo

from .common import app, load_or_exit


class MemoFormat(StrEnum):
    MD = "md"
    HTML = "html"


@app.command("report")
def report_command(
    file: str = typer.Argument(..., metavar="FILE", help="The map; '-' reads standard input."),
    output: str | None = typer.Option(None, "--output", "-o", metavar="OUT",
                                      help="Where to write the memo; default: standard output."),
    memo_format: MemoFormat | None = typer.Option(None, "--format", "-f",
                                                  help="md: Pandoc Markdown (pandoc memo.md -o memo.docx); "
                                                       "html: a standalone page. Default: from OUT's suffix, else md."),
    search_pivots: bool = typer.Option(False, "--pivots",
                                       help="Search the pivots even on a map where that takes long "
                                            "(by default they are skipped beyond about 3 s of work)."),
) -> None:
    """Write the analysis as a legal memo: issue, rule, application per element, conclusion.

    Exit status: 0 written, 1 the map is invalid, 2 bad usage or an output that cannot be written.
    """
    chosen = memo_format
    if chosen is None:
        chosen = MemoFormat.HTML if output and Path(output).suffix.lower() in (".html", ".htm") else MemoFormat.MD
    if output and output != "-":
        check_output(output, inputs=(file,))  # before the work: never the map itself, never a folder
    checked = load_or_exit(file)
    assert checked.graph is not None
    text = render_memo(checked.graph, chosen.value, pivot_work=None if search_pivots else MEMO_PIVOT_WORK)
    if output is None or output == "-":
        typer.echo(text, nl=False)
        return
    write_output(output, text.encode("utf-8"), inputs=(file,))
