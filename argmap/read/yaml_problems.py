"""libyaml's marks and errors as argmap positions and diagnostics.

Positions are what an editor shows (1-based line and column, lines broken at
"\\n" only); problems carry a hint for the mistakes people actually make.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

import yaml

from argmap.diagnostics import Diagnostic, Position, error

# libyaml's wording, matched by substring, and what a user should do about it.
_HINTS_FOR_YAML_PROBLEMS = {
    "mapping values are not allowed": (
        "text containing ': ' must be quoted, e.g. text: \"Rule: ...\""
    ),
    "did not find expected key": "check the indentation of this line against the one above",
    "found unexpected end of stream": "a quote or bracket opened earlier is never closed",
}
_INDENT_HINT = (
    "this key is indented more than the one above; align it, or quote the text if it contains ': '"
)
_TAB_HINT = "YAML indents with spaces; replace the tab with spaces"


def position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


# libyaml also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR; editors do not.
_OTHER_LINE_BREAKS = ("\x85", "\u2028", "\u2029")


def mark_positions(text: str) -> Callable[[Any], Position]:
    """How to turn a libyaml mark into the line and column an editor shows for `text`.

    libyaml's own line count is right unless the text holds a line break that only
    YAML counts (common in text pasted from web pages); then count from the offset.
    """
    if not any(character in text for character in _OTHER_LINE_BREAKS):
        return position
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def from_offset(mark: Any) -> Position:
        line = bisect.bisect_right(line_starts, mark.index)
        return Position(line, mark.index - line_starts[line - 1] + 1)

    return from_offset


def syntax_error(exc: yaml.MarkedYAMLError, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    message = problem if not exc.context else f"{problem} ({exc.context})"
    hint = next((h for p, h in _HINTS_FOR_YAML_PROBLEMS.items() if p in problem), None)
    if mark is not None and "mapping values are not allowed" in problem:
        # A second ': ' on the line means unquoted text; a first one, a key indented too far.
        line_so_far = text[text.rfind("\n", 0, mark.index) + 1 : mark.index]
        if ": " not in line_so_far and not line_so_far.lstrip().startswith("- "):
            hint = _INDENT_HINT
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        hint = _TAB_HINT
    position = mark_positions(text)(mark) if mark is not None else Position(1, 1)
    return error("E003", message, position=position, hint=hint)


def offset_position(text: str, offset: int) -> Position:
    """The line and column of the character at `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    return Position(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def reader_error(exc: yaml.reader.ReaderError, text: str, offsets_in_bytes: bool) -> Diagnostic:
    """A character YAML forbids; libyaml gives its offset in bytes of UTF-8, PyYAML in characters."""
    offset = exc.position
    if offsets_in_bytes:
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
    return error(
        "E003",
        f"character U+{exc.character:04X} is not allowed in YAML",
        position=offset_position(text, offset),
        hint="remove the control character; only tabs and line breaks may appear in text",
    )
