"""`--format sarif`: diagnostics as a SARIF 2.1.0 log, for code scanning (GitHub, GitLab, IDEs).

One run of the tool `argmap`, with every code argmap can emit as a rule (its one-line summary,
its entry from docs/diagnostics.md as help, and its default level), and one result per
diagnostic, with its span and related locations. Columns count code points, as argmap's do,
and the log says so (`columnKind`). File names become URI references: relative paths stay
relative (to the directory argmap ran in, where code scanning resolves them), absolute ones
become `file:` URIs.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from argmap import __version__
from argmap.diagnostics.text import safe_json

from . import CODES, Diagnostic, Severity, Span
from .documentation import documentation

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}
_DEFAULT_LEVELS = {"E": "error", "W": "warning", "I": "note"}


def format_sarif(diagnostics: Iterable[Diagnostic]) -> str:
    """The SARIF log of `diagnostics`, as indented JSON text."""
    return safe_json(sarif_log(diagnostics))


def sarif_log(diagnostics: Iterable[Diagnostic]) -> dict[str, Any]:
    codes = sorted(CODES)
    index = {code: number for number, code in enumerate(codes)}
    run = {
        "tool": {"driver": {
            "name": "argmap",
            "version": __version__,
            "rules": [_rule(code) for code in codes],
        }},
        "columnKind": "unicodeCodePoints",
        "results": [_result(d, index.get(d.code)) for d in diagnostics],
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _rule(code: str) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": code,
        "shortDescription": {"text": CODES[code]},
        "defaultConfiguration": {"level": _DEFAULT_LEVELS[code[0]]},
    }
    entry = documentation(code)
    if entry is not None:
        rule["help"] = {"text": entry, "markdown": entry}
    return rule


def _result(diagnostic: Diagnostic, rule_index: int | None) -> dict[str, Any]:
    text = diagnostic.message + (f"\nhint: {diagnostic.hint}" if diagnostic.hint else "")
    result: dict[str, Any] = {"ruleId": diagnostic.code}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    result["level"] = _LEVELS[diagnostic.severity]
    result["message"] = {"text": text}
    result["locations"] = [{"physicalLocation": _physical(diagnostic.file, diagnostic.span)}]
    related = [
        {"id": number, "message": {"text": r.label}, "physicalLocation": _physical(diagnostic.file, r.span)}
        for number, r in enumerate(diagnostic.related) if r.span is not None
    ]
    if related:
        result["relatedLocations"] = related
    return result


def _physical(file: str, span: Span | None) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": file_uri(file)}}
    if span is not None:
        location["region"] = {
            "startLine": span.start.line,
            "startColumn": span.start.column,
            "endLine": span.end.line,
            "endColumn": span.end.column,
        }
    return location


def file_uri(name: str) -> str:
    """A file name as a URI reference: percent-encoded, '/'-separated, `file:` when absolute."""
    path = PurePath(name)
    if path.is_absolute():
        return path.as_uri()
    return urllib.parse.quote(path.as_posix())
