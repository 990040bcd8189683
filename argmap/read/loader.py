"""Reading an argmap file: bytes to plain Python data, with positions on demand.

Safety and fidelity come first. The loader builds data from libyaml's event
stream itself instead of using a YAML constructor, so that:

- no tag can construct an object (`!!python/object` is reported, not run);
- every scalar stays the text the user wrote: YAML 1.1's implicit typing
  (`no` -> False, `2014-06-15` -> date, `012` -> 10) never applies; only the
  null forms are recognised, and the schema converts numbers where it wants them;
- duplicate keys are errors instead of the last one silently winning;
- alias expansion and nesting depth are bounded, so hostile input cannot
  exhaust memory or the stack.

Positions cost time and memory, and a valid file never needs them. So the
first pass records none; `SourceMap` parses again, recording positions, only
when some diagnostic needs a line and column.

The first pass is the fast path (`fast_path`), which reads the plain text nearly
every map is and gives up at anything else; the general pass (`general_pass`)
then reads the text again and reports what the fast path would not take.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from argmap.diagnostics import Diagnostic, Path, Position, Span, error

from .fast_path import Unusual, load_plain, positions_of_plain
from .general_pass import MAX_ALIAS_EXPANSION as MAX_ALIAS_EXPANSION
from .general_pass import MAX_DEPTH as MAX_DEPTH
from .general_pass import YAML_NULLS as YAML_NULLS
from .general_pass import EventParser as EventParser
from .general_pass import Marks, build
from .tree import Node, TreeBuilder
from .yaml_problems import mark_spans


@dataclass(frozen=True)
class LoadedText:
    """The outcome of loading: the data (None if unusable) and the loader's problems."""

    data: Any
    diagnostics: list[Diagnostic]
    source_map: SourceMap
    tree: Node | None = None
    """The positioned node tree, when asked for (`load_text(text, tree=True)`) and the text parsed."""


@dataclass
class SourceMap:
    """Finds the line and column of any path in the document, parsing again on first use."""

    text: str
    _positions: dict[Path, tuple[Marks | None, Marks]] | None = field(default=None, repr=False)
    _span: Callable[[Any, Any], Span] | None = field(default=None, repr=False)

    def locate(self, path: Path, *, at_key: bool = False) -> Position:
        return self.locate_span(path, at_key=at_key).start

    def locate_span(self, path: Path, *, at_key: bool = False) -> Span:
        """The span of the value at `path` (or of its key), or of the nearest enclosing key."""
        if self._positions is None:
            positions: dict[Path, tuple[Marks | None, Marks]] = {}
            try:
                positions_of_plain(self.text, EventParser, YAML_NULLS, MAX_DEPTH, positions)
            except Unusual:
                positions.clear()
                build(self.text, positions)
            self._positions = positions
        if self._span is None:
            self._span = mark_spans(self.text)
        span = self._span
        found = self._positions.get(path)
        if found is not None:
            key_marks, value_marks = found
            return span(*key_marks) if at_key and key_marks is not None else span(*value_marks)
        # The exact path is absent (a missing field, a short form expanded by the model):
        # point at the key of the nearest enclosing value that the user did write.
        for cut in range(len(path) - 1, -1, -1):
            found = self._positions.get(path[:cut])
            if found is not None:
                key_marks, value_marks = found
                if key_marks is not None:
                    return span(*key_marks)
                # The whole document is no help: point at where it starts.
                return span(*value_marks) if cut else Span.at(span(*value_marks).start)
        return Span.at(Position(1, 1))


def decode(raw: bytes) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 (with or without a BOM) to text, or the position of the first bad byte."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        # Lines as `diagnostics.lines` counts them: at LF, or at CR in a file without any LF.
        separator = b"\r" if b"\r" in raw and b"\n" not in raw else b"\n"
        line = before.count(separator) + 1
        # Columns count characters, as everywhere else, not bytes; the line so far decodes cleanly.
        column = len(before[before.rfind(separator) + 1 :].decode("utf-8")) + 1
        return None, error(
            "E002",
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            position=Position(line, column),
            hint="save the file with UTF-8 encoding",
        )


def load_text(text: str, *, tree: bool = False) -> LoadedText:
    """Parse YAML text into plain data (dicts, lists, strings, None); with `tree`, also build the
    positioned node tree (`tree.Node`) in the same pass, for the editor."""
    source_map = SourceMap(text)
    builder = TreeBuilder(text) if tree else None
    try:
        data = load_plain(text, EventParser, YAML_NULLS, MAX_DEPTH, builder)
        diagnostics: list[Diagnostic] = []
    except Unusual:  # something to report or to track: the general pass reads it all again
        builder = TreeBuilder(text) if tree else None
        data, diagnostics = build(text, None, builder)
    if diagnostics:
        # Rebuild recording positions: duplicate keys need both occurrences' lines.
        source_map._positions = {}
        data, diagnostics = build(text, source_map._positions)
    if not diagnostics and data is None:
        diagnostics = [
            error("E004", "the file is empty", position=Position(1, 1),
                  hint="start from `argmap new FILE --question \"...\"`")
        ]
    return LoadedText(data, diagnostics, source_map, builder.root if builder is not None else None)
