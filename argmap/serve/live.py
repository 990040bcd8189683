"""A map file as the live preview sees it: re-read on every save, the last good picture kept.

`LiveMap` knows nothing of HTTP: `reload()` re-checks the file and, when it is
valid, rebuilds the page state (data and diagrams); when it is not, it keeps
the last good state and holds the problems, formatted with their file:line:column
and the offending line, for the page to show in place. It only ever reads the map.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from argmap.diagnostics.lines import LineIndex
from argmap.diagnostics.report import format_diagnostic
from argmap.draw.export import ExportError
from argmap.draw.render import RenderError
from argmap.graph import ArgumentGraph
from argmap.read.document import UnreadableFile, check_file

from .svg import SvgError
from .viewer import page_state


class LiveMap:
    def __init__(self, path: Path):
        self.path = path
        self.version = 0
        """Counts every reload, good or bad: the page asks for the state when it changes."""
        self.graph: ArgumentGraph | None = None
        self.state: dict[str, Any] | None = None
        self.problems: list[str] = []

    @property
    def ok(self) -> bool:
        return not self.problems and self.graph is not None

    def reload(self) -> None:
        self.version += 1
        name = str(self.path)
        try:
            result = check_file(name)
        except UnreadableFile as exc:
            self.problems = [format_diagnostic(exc.diagnostic)]
            return
        if result.errors or result.graph is None:
            index = LineIndex(result.text) if result.text is not None else None
            self.problems = [format_diagnostic(d, index) for d in result.errors]
            return
        try:
            state = page_state(result.graph)
        except (RenderError, ExportError, SvgError) as exc:
            self.problems = [f"{name}: the diagram cannot be drawn: {exc}"]
            return
        self.graph, self.state, self.problems = result.graph, state, []

    def snapshot(self) -> dict[str, Any]:
        """What the page needs after a change: the picture to show (the last good one) and any problems."""
        return {"ok": self.ok, "version": self.version, "problems": self.problems, **(self.state or {})}
