"""`--format github`: diagnostics as GitHub Actions workflow commands, shown on the pull request.

Each diagnostic is one `::error` (or `::warning`, `::notice`) line that the runner turns into
an annotation on the file and lines it names. The runner reads `%`, CR and LF as escapes in the
message, and also `:` and `,` in the properties, so those are percent-encoded; any other control
character in map text is shown as an escape (see `argmap.diagnostics.text.visible`), so a map cannot forge a
second command or drive the log's terminal.
"""

from __future__ import annotations

from collections.abc import Iterable

from argmap.diagnostics.text import visible

from . import Diagnostic, Severity

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def format_github(diagnostics: Iterable[Diagnostic]) -> str:
    """One workflow command per diagnostic, in the order given; empty for none."""
    return "".join(github_annotation(d) + "\n" for d in diagnostics)


def github_annotation(diagnostic: Diagnostic) -> str:
    properties = [("file", diagnostic.file)]
    span = diagnostic.span
    if span is not None:
        properties += [("line", str(span.start.line)), ("col", str(span.start.column)),
                       ("endLine", str(span.end.line)), ("endColumn", str(span.end.column))]
    properties.append(("title", f"argmap ({diagnostic.code})"))
    lines = [f"{diagnostic.code} {diagnostic.message}"]
    lines += [f"{r.label}: {_where(diagnostic.file, r.span.start.line, r.span.start.column)}"
              for r in diagnostic.related if r.span is not None]
    if diagnostic.hint:
        lines.append(f"hint: {diagnostic.hint}")
    message = "\n".join(visible(line) for line in lines)
    fields = ",".join(f"{key}={_property(value)}" for key, value in properties)
    return f"::{_COMMANDS[diagnostic.severity]} {fields}::{_data(message)}"


def _where(file: str, line: int, column: int) -> str:
    return f"{file}:{line}:{column}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(visible(text)).replace(":", "%3A").replace(",", "%2C")
