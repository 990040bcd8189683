"""`argmap serve`: the viewer over HTTP, refreshed on every save (Starlette on Uvicorn).

A thin adapter: the page comes from `viewer`, the map's state from `live.LiveMap`,
what-ifs from argmap.evaluate. Routes:

- `GET /`: the viewer page (live mode);
- `GET /events?since=N`: server-sent events, one `change` whenever the map was re-read after version N;
- `GET /api/state`: the current snapshot (the last good data and diagrams, and any problems);
- `POST /api/evaluate`, `POST /api/explain`: what-ifs run by argmap's own engine.

Nothing is served from disk, so nothing outside the map's folder (or in it) can be
fetched; the map is only ever read. Requests must name this host (DNS rebinding).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import webbrowser
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import anyio.to_thread
import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from watchfiles import Change, awatch

from argmap.errors import ArgmapError
from argmap.evaluate import WhatIf, WhatIfError, evaluate
from argmap.evaluate.explain import explain
from argmap.model import ProofStandard

from .data import evaluation_json
from .live import LiveMap
from .viewer import build_page

HEARTBEAT_SECONDS = 15.0
MAX_WHAT_IF_IDS = 10_000


class ServeError(ArgmapError):
    """The server cannot start: the address is taken or not ours to use (a usage error, exit status 2)."""


class _Changes:
    """Wakes every open event stream when the map has been re-read."""

    def __init__(self) -> None:
        self.event = asyncio.Event()

    def notify(self) -> None:
        self.event.set()
        self.event = asyncio.Event()


def create_app(live: LiveMap, *, hosts: list[str] | None = None) -> Starlette:
    changes: _Changes | None = None
    stop = asyncio.Event()
    page_cache: dict[int, str] = {}

    def target_changed(change: Change, path: str) -> bool:
        return Path(path).name == live.path.name

    async def watch() -> None:
        assert changes is not None
        folder = live.path.resolve().parent
        async for _ in awatch(folder, watch_filter=target_changed, debounce=50, step=20, stop_event=stop,
                              recursive=False):
            await anyio.to_thread.run_sync(live.reload)
            changes.notify()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        nonlocal changes
        changes = _Changes()
        task = asyncio.create_task(watch())
        try:
            yield
        finally:
            stop.set()
            changes.notify()
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def page(request: Request) -> Response:
        version = live.version
        if version not in page_cache:
            assert live.graph is not None and live.state is not None
            page_cache.clear()
            page_cache[version] = build_page(live.graph, state=live.state, live=True, version=version)
        return HTMLResponse(page_cache[version], headers={"Cache-Control": "no-store"})

    async def events(request: Request) -> Response:
        try:
            seen = int(request.query_params.get("since", "0"))
        except ValueError:
            seen = 0

        async def stream() -> AsyncIterator[str]:
            nonlocal seen
            yield ": connected\n\n"
            while not stop.is_set():
                if live.version != seen:
                    seen = live.version
                    yield f"event: change\ndata: {seen}\n\n"
                    continue
                assert changes is not None
                try:
                    await asyncio.wait_for(changes.event.wait(), HEARTBEAT_SECONDS)
                except TimeoutError:
                    yield ": still here\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    async def state(request: Request) -> Response:
        return JSONResponse(live.snapshot(), headers={"Cache-Control": "no-store"})

    async def what_if_from(request: Request) -> tuple[WhatIf, dict[str, Any]] | Response:
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "the request is not JSON"}, status_code=400)
        if not isinstance(body, dict):
            return JSONResponse({"error": "the request must be a JSON object"}, status_code=400)
        reject, accept, standard = body.get("reject", []), body.get("accept", []), body.get("standard")
        for name, ids in (("reject", reject), ("accept", accept)):
            if not (isinstance(ids, list) and len(ids) <= MAX_WHAT_IF_IDS and all(isinstance(i, str) for i in ids)):
                return JSONResponse({"error": f"'{name}' must be a list of ids"}, status_code=400)
        if standard is not None and standard not in {s.value for s in ProofStandard}:
            return JSONResponse({"error": "unknown proof standard"}, status_code=400)
        return WhatIf(tuple(reject), tuple(accept), ProofStandard(standard) if standard else None), body

    async def evaluate_route(request: Request) -> Response:
        parsed = await what_if_from(request)
        if isinstance(parsed, Response):
            return parsed
        graph = live.graph
        assert graph is not None
        try:
            evaluation = await anyio.to_thread.run_sync(evaluate, graph, parsed[0])
        except WhatIfError as exc:
            return JSONResponse({"error": str(exc)})
        return JSONResponse({"json": evaluation_json(evaluation)})

    async def explain_route(request: Request) -> Response:
        parsed = await what_if_from(request)
        if isinstance(parsed, Response):
            return parsed
        options, body = parsed
        graph = live.graph
        assert graph is not None
        node_id = body.get("id")
        if not isinstance(node_id, str) or node_id not in graph.nodes:
            return JSONResponse({"lines": []})
        try:
            evaluation = await anyio.to_thread.run_sync(evaluate, graph, options)
        except WhatIfError as exc:
            return JSONResponse({"error": str(exc), "lines": []})
        return JSONResponse({"lines": [{"depth": line.depth, "text": line.text, "about": line.node}
                                       for line in explain(evaluation, node_id)]})

    routes = [
        Route("/", page),
        Route("/events", events),
        Route("/api/state", state),
        Route("/api/evaluate", evaluate_route, methods=["POST"]),
        Route("/api/explain", explain_route, methods=["POST"]),
    ]
    allowed = hosts or ["127.0.0.1", "localhost", "[::1]"]
    return Starlette(routes=routes, lifespan=lifespan,
                     middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=allowed)])


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def run(live: LiveMap, host: str, port: int, *, open_browser: bool = False,
        announce: Callable[[str], None] = print) -> None:
    """Serve until Ctrl-C (or SIGTERM); Uvicorn shuts down gracefully, closing the event streams."""
    sock = listen(host, port)
    url = url_of(sock)
    hosts = ["127.0.0.1", "localhost", "[::1]", host, f"[{host}]"]
    config = uvicorn.Config(create_app(live, hosts=hosts), log_level="warning", lifespan="on",
                            timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    announce(url)
    if open_browser:
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # Uvicorn has shut down gracefully and re-raises the Ctrl-C: stopping is the normal way out
    finally:
        sock.close()
