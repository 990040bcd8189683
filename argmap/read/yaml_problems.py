"""libyaml's marks and errors as argmap positions and diagnostics.

Positions are what an editor shows (1-based line and column, lines broken at
"\\n" only, see `argmap.diagnostics.lines`); problems carry a hint for the
mistakes people actually make.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from argmap.diagnostics import Diagnostic, Position, Span, error
from argmap.diagnostics.lines import LineIndex

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


# Characters libyaml takes for line breaks where argmap (and editors, grep, git) see none.
_OTHER_LINE_BREAKS = ("\x85", "\u2028", "\u2029")


def mark_positions(text: str) -> Callable[[Any], Position]:
    """How to turn a libyaml mark into the line and column argmap reports for `text`.

    libyaml's own line count is right unless the text holds a break that only YAML
    counts: a lone CR (old Mac files, or one pasted inside a quoted string) or NEL,
    LS, PS (common in text pasted from web pages). Then count from the character
    offset, which libyaml always gets right. Its marks at the very end of a file
    without a final newline name a line that does not exist, so those count from
    the offset too.
    """
    index = LineIndex(text)
    if text.count("\r") != text.count("\r\n") or any(c in text for c in _OTHER_LINE_BREAKS):
        return lambda mark: index.position(mark.index)
    end = len(text)

    def from_mark(mark: Any) -> Position:
        return index.position(end) if mark.index >= end else Position(mark.line + 1, mark.column + 1)

    return from_mark


def mark_spans(text: str) -> Callable[[Any, Any], Span]:
    """Like `mark_positions`, for the span between two marks.

    A block scalar (`text: >-`) ends, for libyaml, where the next line starts; its
    span ends after its last character instead, on a line of its own.
    """
    position = mark_positions(text)
    index = LineIndex(text)

    def span(start: Any, end: Any) -> Span:
        if end.column == 0 and end.index > start.index:
            last = start.index + len(text[start.index : end.index].rstrip())
            return Span(position(start), index.position(last))
        return Span(position(start), position(end))

    return span


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
    if mark is None:
        return error("E003", message, position=Position(1, 1), hint=hint)
    # "End of stream" is past whatever blank lines end the file: point just after the last
    # thing written, where the unclosed quote or bracket is, on a line that exists.
    content_end = len(text.rstrip())
    place = (LineIndex(text).position(content_end) if mark.index >= content_end
             else mark_positions(text)(mark))
    return error("E003", message, position=place, hint=hint)


def offset_position(text: str, offset: int) -> Position:
    """The line and column of the character at `offset` in `text`."""
    return LineIndex(text).position(offset)


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
