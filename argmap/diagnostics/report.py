"""Formatting diagnostics: `file:line:column: CODE message` for people, JSON for machines."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from argmap.diagnostics import Diagnostic, Severity
from argmap.read.document import CheckedMap

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.NOTE: "36"}


def paint(text: str, code: str, colour: bool) -> str:
    """`text` in the ANSI style `code` when `colour` is on."""
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def format_diagnostic(diagnostic: Diagnostic, *, colour: bool = False,
                      source_lines: Sequence[str] | None = None) -> str:
    position = diagnostic.position
    where = f"{diagnostic.file}:{position.line}:{position.column}" if position else diagnostic.file
    code = paint(diagnostic.code, "1;" + _COLOURS[diagnostic.severity], colour)
    lines = [f"{paint(where, '1', colour)}: {code} {diagnostic.message}"]
    if source_lines is not None and position is not None and 0 < position.line <= len(source_lines):
        # Show the offending line with a caret, as compilers do, so the eye finds it at once.
        number = str(position.line)
        gutter = " " * len(number)
        shown, offset = _excerpt(source_lines[position.line - 1].rstrip("\r\n"), position.column - 1)
        lines.append(f"{gutter} |")
        lines.append(f"{number} | {shown}")
        caret = paint("^", _COLOURS[diagnostic.severity], colour)
        lines.append(f"{gutter} | {' ' * offset}{caret}")
    if diagnostic.hint:
        lines.append(f"  {paint('hint', '1;36', colour)}: {diagnostic.hint}")
    return "\n".join(lines)


EXCERPT_WIDTH = 120
"""Characters of a long source line shown around the problem."""


def _excerpt(line: str, column: int) -> tuple[str, int]:
    """A window of `line` that keeps the 0-based `column` in view, and where the column is in it."""
    if len(line) <= EXCERPT_WIDTH:
        return line, column
    start = max(0, min(column - EXCERPT_WIDTH // 3, len(line) - EXCERPT_WIDTH))
    shown = line[start : start + EXCERPT_WIDTH]
    if start > 0:
        shown = "\u2026" + shown[1:]
    if start + EXCERPT_WIDTH < len(line):
        shown = shown[:-1] + "\u2026"
    return shown, column - start


def format_human(result: CheckedMap, *, colour: bool = False, context: bool = True) -> str:
    # Split on "\n" only, as editors (and the loader's line numbers) count lines.
    source_lines = result.text.split("\n") if (context and result.text is not None) else None
    return "\n".join(format_diagnostic(d, colour=colour, source_lines=source_lines)
                     for d in result.diagnostics)


def summary(result: CheckedMap) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    if not errors and not warnings:
        graph = result.graph
        size = ""
        if graph is not None:
            relations = len(graph.supports) + len(graph.attacks)
            size = f" ({len(graph.nodes)} nodes, {relations} relations)"
        return f"{result.name}: valid{size}"
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"{result.name}: {' and '.join(parts)}"


def diagnostic_record(diagnostic: Diagnostic) -> dict[str, Any]:
    position = diagnostic.position
    return {
        "file": diagnostic.file,
        "line": position.line if position else None,
        "column": position.column if position else None,
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
    }


def format_json(results: Sequence[CheckedMap], *, strict: bool = False) -> str:
    files = [
        {
            "file": r.name,
            "valid": not r.failed(strict=strict),
            "errors": len(r.errors),
            "warnings": len(r.warnings),
            "diagnostics": [diagnostic_record(d) for d in r.diagnostics],
        }
        for r in results
    ]
    return json.dumps({"files": files}, indent=2, ensure_ascii=False)
