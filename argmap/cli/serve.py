"""`argmap serve`: preview a map in the browser, refreshed on every save."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import EXIT_OK, app, fail_usage, load_or_exit


@app.command()
def serve(
    file: str = typer.Argument(..., metavar="FILE", help="The map to preview."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (keep it local)."),
    port: int = typer.Option(0, "--port", min=0, max=65535, help="Port to listen on; 0 picks a free one."),
    open_browser: bool = typer.Option(False, "--open", help="Open the page in the default browser."),
) -> None:
    """Serve the interactive viewer for FILE on a local port and update it in the page on every save.

    What-ifs run in argmap's own engine. The map is only read, never written. Ctrl-C stops.
    Exit status: 0 stopped, 1 the file is invalid at start, 2 bad usage or the port is unavailable.
    """
    if file == "-":
        fail_usage("serve needs a file to watch, not standard input")
    path = Path(file)
    if not path.is_file():
        fail_usage(f"no such file: {file}")
    load_or_exit(file)  # a map with errors: its diagnostics, exit status 1; fix it, then preview
    # Deferred: Starlette and Uvicorn load only for this command.
    from argmap.serve.live import LiveMap
    from argmap.serve.server import ServeError, run

    live = LiveMap(path)
    live.reload()
    try:
        run(live, host, port, open_browser=open_browser,
            announce=lambda url: typer.echo(f"serving {file} at {url} (Ctrl-C to stop)"))
    except ServeError as exc:
        typer.echo(f"argmap: {exc}", err=True)
        raise typer.Exit(exc.exit_status) from None
    typer.echo("stopped", err=True)
    raise typer.Exit(EXIT_OK)
