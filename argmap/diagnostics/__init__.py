"""Problems as data: what went wrong, where, and how to fix it.

Checks produce `Diagnostic`s and never print; formatters (see `report`) turn
a list of them into text for people or JSON for machines, given nothing but
the diagnostics and the text they point into.

The model follows ruff's: a diagnostic has a primary span (where the problem
is, from a start to an end) and may have related spans, each with a short
label (where the first definition of a duplicate is, the other members of a
cycle). Checks that work on parsed data give document paths; the pipeline
turns those into spans once, through the loader's source map.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# A location inside the parsed document: mapping keys and list indexes from the root.
Path = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"
    """Worth knowing, never a failure, even under --strict."""


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a file; columns count characters (code points).

    Lines end at "\\n" (so "\\r\\n" ends one line too), as editors, `grep -n` and
    the loader count them; see `lines.LineIndex`.
    """

    line: int
    column: int


@dataclass(frozen=True, order=True)
class Span:
    """A range of the file from `start` up to, not including, `end`; empty when they are equal."""

    start: Position
    end: Position

    @classmethod
    def at(cls, position: Position) -> Span:
        """An empty span: a point, such as where a parser gave up."""
        return cls(position, position)


@dataclass(frozen=True)
class Related:
    """A secondary location that helps explain a diagnostic, with a short label."""

    label: str
    path: Path | None = None
    at_key: bool = False
    span: Span | None = None

    @property
    def position(self) -> Position | None:
        return self.span.start if self.span is not None else None


@dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str
    severity: Severity = Severity.ERROR
    hint: str | None = None
    # Checks that work on the parsed data know the path; the loader knows the span.
    path: Path | None = None
    span: Span | None = None
    # Point at the key of `path` rather than its value (unknown or duplicate keys).
    at_key: bool = False
    related: tuple[Related, ...] = ()
    file: str = field(default="", compare=False)

    @property
    def position(self) -> Position | None:
        """Where the problem starts: the line and column a `file:line:column` prefix shows."""
        return self.span.start if self.span is not None else None


# Every code argmap emits, with a one-line summary; `docs/diagnostics.md` explains each.
CODES: dict[str, str] = {
    "E001": "the file cannot be read",
    "E002": "the file is not valid UTF-8",
    "E003": "YAML syntax error",
    "E004": "the file is empty or holds no mapping",
    "E005": "more than one YAML document",
    "E006": "duplicate key",
    "E007": "unsupported YAML tag",
    "E008": "key is not plain text",
    "E009": "alias or nesting beyond the loader's limits",
    "E101": "missing required field",
    "E102": "unknown field",
    "E103": "wrong type",
    "E104": "invalid value",
    "E105": "unsupported format version",
    "E201": "reference to an undefined id",
    "E202": "reference to the wrong kind of node",
    "E203": "duplicate id",
    "E204": "support cycle",
    "E205": "node attacks itself",
    "E206": "undercut names a support relation that does not exist",
    "E207": "attack target does not match its kind",
    "E210": "unknown argumentation scheme",
    "E211": "scheme role missing",
    "E212": "unknown scheme role",
    "E213": "scheme role filled with the wrong kind of id",
    "E214": "answer to a support that does not exist",
    "E215": "answer to a question the scheme does not ask",
    "W301": "node does not bear on the question",
    "W302": "claim has no evidence",
    "W303": "quote not found in its source text",
    "W305": "relation listed twice",
    "I304": "source text file not found; its quotes are not checked",
    # Imports (`argmap import`): problems with the foreign file, reported where it has them.
    "E401": "the input is not valid syntax for its format",
    "E402": "the input's structure is not what its format describes",
    "W401": "a construct of the input has no argmap counterpart and is not carried over",
    "W402": "a construct of the input is carried over approximately (a comment in the map says how)",
    "I401": "something the input does not say was supplied by the import",
}


def error(code: str, message: str, path: Path | None = None, *, hint: str | None = None,
          at_key: bool = False, position: Position | None = None, span: Span | None = None,
          related: tuple[Related, ...] = ()) -> Diagnostic:
    if span is None and position is not None:
        span = Span.at(position)
    return Diagnostic(code, message, Severity.ERROR, hint, path, span, at_key, related)


def warning(code: str, message: str, path: Path | None = None, *, hint: str | None = None,
            at_key: bool = False, related: tuple[Related, ...] = ()) -> Diagnostic:
    return Diagnostic(code, message, Severity.WARNING, hint, path, None, at_key, related)


def note(code: str, message: str, path: Path | None = None, *, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, message, Severity.NOTE, hint, path)
