"""`argmap watch`: re-validate (and re-render) a map every time it is saved.

The loop is split so it can be tested without a real file watcher:
`refresh` does one round (check, then render when the map is valid) and
returns what to tell the user; `changes_touch` decides whether a batch of
watcher events concerns the map; `watch` wires both to `watchfiles`, which
reports saves done by renaming a temporary file over the map, as most
editors do.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from argmap.diagnostics.report import format_diagnostic, format_human
from argmap.diagnostics.text import visible
from argmap.draw.export import export_diagram
from argmap.graph import ArgumentGraph
from argmap.read.document import CheckedMap, UnreadableFile, check_file, summary

Renderer = Callable[[ArgumentGraph, str, str | None], str]
"""(the checked map's graph, map path, requested output or None) -> path of the diagram written."""


def draw(graph: ArgumentGraph, path: str, output: str | None) -> str:
    """The usual renderer: the same diagram `argmap render FILE [-o OUT]` writes."""
    return str(export_diagram(graph, path, Path(output) if output is not None else None))


@dataclass
class Report:
    """What one round found: lines to print, and the fresh diagram, if one was drawn."""

    lines: list[str] = field(default_factory=list)
    diagram: str | None = None
    ok: bool = False


def refresh(path: str, output: str | None, renderer: Renderer | None, *, colour: bool = False) -> Report:
    """One round: check the map; when it is valid and a renderer exists, draw it."""
    report = Report()
    try:
        result: CheckedMap = check_file(path)
    except UnreadableFile as exc:
        report.lines.append(format_diagnostic(exc.diagnostic, colour=colour))
        return report
    if result.diagnostics:
        report.lines.append(format_human(result.diagnostics, result.text, colour=colour))
    report.lines.append(summary(result))
    if result.errors or result.graph is None:
        return report
    report.ok = True
    if renderer is not None:
        try:
            report.diagram = renderer(result.graph, path, output)
        except Exception as exc:  # noqa: BLE001 - a failed render must not end the watch
            report.lines.append(visible(f"argmap: could not render {path}: {exc}"))
            report.ok = False
            return report
        report.lines.append(f"diagram: {report.diagram}")
    return report


def changes_touch(changes: Iterable[tuple[object, str]], path: str) -> bool:
    """Whether a batch of watcher events (change, path) concerns the map at `path`."""
    target = Path(path).resolve()
    return any(Path(changed).resolve() == target for _, changed in changes)


def run(path: str, output: str | None, emit: Callable[[Report], None],
        batches: Iterable[Iterable[tuple[object, str]]], renderer: Renderer | None) -> int:
    """The loop: a first round at once, then one per batch of events that touches the map.

    Returns how many rounds ran.
    """
    emit(refresh(path, output, renderer))
    rounds = 1
    for batch in batches:
        if changes_touch(batch, path):
            emit(refresh(path, output, renderer))
            rounds += 1
            # The command runs with the cycle collector paused (see `collector`): free each round's cycles.
            gc.collect()
    return rounds


def watch(path: str, output: str | None, emit: Callable[[Report], None], *,
          renderer: Renderer | None = None, stop: threading.Event | None = None) -> int:
    """Watch the map until interrupted (KeyboardInterrupt propagates) or `stop` is set.

    The folder is watched, not the file: an editor that saves by renaming a
    new file over the old one would otherwise leave the watch on a dead file.
    """
    import watchfiles  # deferred: only this command needs the watcher

    target = Path(path).resolve()

    def concerns_map(_change: object, changed: str) -> bool:
        return Path(changed).name == target.name

    batches = watchfiles.watch(target.parent, watch_filter=concerns_map, stop_event=stop, recursive=False,
                               debounce=300, step=50, raise_interrupt=True)
    return run(path, output, emit, batches, renderer)
