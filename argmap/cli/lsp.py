"""`argmap lsp`: run the language server for editors."""

from __future__ import annotations

import typer

from .common import app


@app.command("lsp")
def lsp_command(
    stdio: bool = typer.Option(False, "--stdio", help="Accepted because many editors pass it: standard "
                               "input and output is the only transport."),
) -> None:
    """Run argmap's language server: diagnostics, completion, go to definition, hover, rename, quick fixes.

    Editors start it and talk to it over standard input and output; see docs/editing.md."""
    from argmap.lsp.server import serve

    serve()
