"""Formatting diagnostics: `file:line:column: CODE message` with an excerpt for people, JSON for machines.

Both formatters need nothing but the diagnostics and the text they point into,
so any front end (the CLI, an editor, a test) can format a list it holds.

The human format follows ruff's: the header line, then the source lines the
diagnostic touches, the primary span underlined with `^` and each related
span with `-` and its label, then the hint.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import Diagnostic, Severity, Span
from .lines import LineIndex
from .text import visible

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.NOTE: "36"}
_SECONDARY_COLOUR = "34"

EXCERPT_WIDTH = 120
"""Terminal columns of a long source line shown around the problem."""

TAB_WIDTH = 4
"""Columns a tab takes in an excerpt: tabs are shown as spaces so that the carets line up."""


def paint(text: str, code: str, colour: bool) -> str:
    """`text` in the ANSI style `code` when `colour` is on."""
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def format_diagnostic(diagnostic: Diagnostic, source: str | LineIndex | None = None, *,
                      colour: bool = False) -> str:
    """One diagnostic: its header, the excerpt when `source` (the file's text) is given, its hint."""
    position = diagnostic.position
    # The file name, the message and the hint carry map text (ids, field names): shown escaped.
    file = visible(diagnostic.file)
    where = f"{file}:{position.line}:{position.column}" if position else file
    code = paint(diagnostic.code, "1;" + _COLOURS[diagnostic.severity], colour)
    lines = [f"{paint(where, '1', colour)}: {code} {visible(diagnostic.message)}"]
    if source is not None and diagnostic.span is not None:
        index = source if isinstance(source, LineIndex) else LineIndex(source)
        lines += _excerpt(diagnostic, index, colour)
    if diagnostic.hint:
        lines.append(f"  {paint('hint', '1;36', colour)}: {visible(diagnostic.hint)}")
    return "\n".join(lines)


def format_human(diagnostics: Sequence[Diagnostic], source: str | None = None, *,
                 colour: bool = False) -> str:
    """Diagnostics of one file, each with its excerpt from `source` when given."""
    index = LineIndex(source) if source is not None else None
    return "\n".join(format_diagnostic(d, index, colour=colour) for d in diagnostics)


# --- the excerpt ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mark:
    """A span to underline on one line: 0-based character columns, `end` exclusive."""

    start: int
    end: int
    primary: bool
    label: str | None


def _excerpt(diagnostic: Diagnostic, index: LineIndex, colour: bool) -> list[str]:
    assert diagnostic.span is not None
    marks: dict[int, list[_Mark]] = {}
    annotated: list[tuple[Span, bool, str | None]] = [(diagnostic.span, True, None)]
    annotated += [(r.span, False, r.label) for r in diagnostic.related if r.span is not None]
    for span, primary, label in annotated:
        line = span.start.line
        if not 1 <= line <= index.line_count:
            continue
        text = index.line(line)
        start = min(span.start.column - 1, len(text))
        # A span running onto later lines is underlined to the end of its first line.
        end = span.end.column - 1 if span.end.line == line else len(text)
        marks.setdefault(line, []).append(_Mark(start, max(end, start), primary, label))
    if not marks:
        return []
    width = len(str(max(marks)))
    gutter = " " * width + " |"
    out = [gutter]
    previous: int | None = None
    for number in sorted(marks):
        if previous is not None and number > previous + 1:
            out.append("...")
        previous = number
        shown, columns = _visible(index.line(number), [c for m in marks[number] for c in (m.start, m.end)])
        out.append(f"{number:>{width}} | {shown}".rstrip())
        for mark in sorted(marks[number], key=lambda m: (not m.primary, m.start)):
            left, right = columns[mark.start], columns[mark.end]
            symbol = "^" if mark.primary else "-"
            underline = symbol * max(1, right - left)
            if mark.label:
                underline += " " + mark.label
            style = _COLOURS[diagnostic.severity] if mark.primary else _SECONDARY_COLOUR
            out.append(f"{gutter} {' ' * left}{paint(underline, style, colour)}")
    return out


def _visible(line: str, wanted: Sequence[int]) -> tuple[str, dict[int, int]]:
    """`line` as the excerpt shows it, and the display column of each wanted character column.

    Tabs become spaces and control characters become visible symbols, so nothing in the
    file can move the cursor or restyle the terminal; columns are display widths, so the
    carets sit under the right character after wide (CJK, emoji) and zero-width ones.
    A long line is cut to a window around the first wanted column, marked with '…'.
    """
    focus = min(wanted)
    # Work on a slice around the focus only, so a megabyte-long line (or a span to its end)
    # costs no more than a short one; what lies beyond the window is clamped to its edge.
    first = max(0, focus - 2 * EXCERPT_WIDTH)
    last = min(len(line), focus + 3 * EXCERPT_WIDTH)
    pieces: list[str] = []
    column = 0
    for character in line[first:last]:
        piece = _show(character, column)
        pieces.append(piece)
        column += _width(piece)
    widths = [_width(p) for p in pieces]
    total = sum(widths)
    start, stop = 0, len(pieces)
    cut_left = first > 0
    cut_right = last < len(line)
    if total > EXCERPT_WIDTH or cut_left or cut_right:
        # Keep about a third of the window before the focus, then fill the rest after it.
        start = focus - first
        budget = EXCERPT_WIDTH // 3
        while start > 0 and budget - widths[start - 1] >= 0:
            start -= 1
            budget -= widths[start]
        stop, room = start, EXCERPT_WIDTH - 2
        while stop < len(pieces) and room - widths[stop] >= 0:
            room -= widths[stop]
            stop += 1
        cut_left = cut_left or start > 0
        cut_right = cut_right or stop < len(pieces)
    shown = ("…" if cut_left else "") + "".join(pieces[start:stop]) + ("…" if cut_right else "")
    offset = 1 if cut_left else 0
    columns: dict[int, int] = {}
    for wanted_column in wanted:
        at = min(max(wanted_column - first, start), stop)
        columns[wanted_column] = offset + _width("".join(pieces[start:at]))
    return shown, columns


# Shown as Unicode's control pictures (␀ … ␟, ␡), each one column wide, as ruff does.
_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}


def _show(character: str, column: int) -> str:
    """How one character of the source appears in an excerpt that has reached `column`."""
    if character == "\t":
        return " " * (TAB_WIDTH - column % TAB_WIDTH)
    code = ord(character)
    if code in _CONTROL_PICTURES:
        return _CONTROL_PICTURES[code]
    if 0x80 <= code < 0xA0 or code in (0x2028, 0x2029) or 0xD800 <= code < 0xE000:
        # C1 controls (a terminal may obey them), line separators and stray surrogates.
        return f"\\u{code:04x}"
    return character


def _width(text: str) -> int:
    """Terminal columns `text` takes (it holds no control characters by now)."""
    if text.isascii():
        return len(text)  # printable ASCII (controls are shown as pictures by now): a column each
    # Imported here, not above: only an excerpt needs display widths, and wcwidth's tables
    # would cost every `argmap validate` of a valid map its import.
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else sum(max(wcswidth(c), 0) for c in text)


# --- JSON ---------------------------------------------------------------------------------------------


def _span_record(span: Span | None) -> dict[str, int | None]:
    return {
        "line": span.start.line if span else None,
        "column": span.start.column if span else None,
        "end_line": span.end.line if span else None,
        "end_column": span.end.column if span else None,
    }


def diagnostic_record(diagnostic: Diagnostic) -> dict[str, Any]:
    """A diagnostic as JSON-ready data; `docs/diagnostics.md` documents the shape."""
    return {
        "file": diagnostic.file,
        **_span_record(diagnostic.span),
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
        "related": [
            {**_span_record(related.span), "message": related.label}
            for related in diagnostic.related
            if related.span is not None
        ],
    }
