"""Carneades 4 CAES YAML read into plain records: statements, assumptions, arguments, issues.

The first half of the Carneades import (`carneades` builds the argmap map from these records):
every field is read here, and each one argmap cannot carry is reported where it is in the input.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from argmap.diagnostics import Diagnostic, Path, error, warning

from . import ImportResult

_KNOWN = frozenset({"meta", "statements", "issues", "arguments", "assumptions", "tests", "labels",
                    "argument_schemes", "language", "issue_schemes", "weighing_functions"})
STANDARDS = {"PE": "preponderance", "CCE": "clear-and-convincing", "BRD": "beyond-reasonable-doubt"}
_ALPHA, _BETA = 0.5, 0.3
"""Carneades 4's thresholds for CCE and BRD (caes.go, Standard.greater)."""
def greater(standard: str, first: float, second: float) -> bool:
    if standard == "CCE":
        return first > second and first - second > _ALPHA
    if standard == "BRD":
        return first > second and first - second > _ALPHA and second < _BETA
    return first > second


@dataclass
class CaesArgument:
    key: str
    premises: list[str]
    conclusion: str
    undercutter: str | None
    scheme: str | None
    path: Path


@dataclass
class CaesReader:
    name: str
    result: ImportResult
    locate: Any
    statements: dict[str, str] = field(default_factory=dict)
    assumed: set[str] = field(default_factory=set)
    arguments: list[CaesArgument] = field(default_factory=list)
    constant: dict[str, float] = field(default_factory=dict)
    issues: list[tuple[str, list[str], str, Path]] = field(default_factory=list)
    node_ids: dict[str, str] = field(default_factory=dict)

    def problem(self, diagnostic: Diagnostic, path: Path) -> None:
        # A section or an entry is shown at its key (`issue_schemes:`, `a2:`), a field at its value.
        at_key = len(path) == 1 or (len(path) == 2 and path[0] in ("arguments", "issues", "statements"))
        span = self.locate(path, at_key=at_key) if path else self.locate(path)
        self.result.diagnostics.append(dataclasses.replace(diagnostic, span=span, file=self.name))


def text_of(value: Any) -> str | None:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip()
    return None


def _number(value: Any) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def read_graph(reader: CaesReader, data: dict[str, Any]) -> None:
    for key in data:
        if key not in _KNOWN:
            reader.problem(warning("W401", f"`{key}` is not part of a Carneades graph argmap knows; not carried"),
                           (key,))
    for key in ("language", "issue_schemes", "weighing_functions", "labels"):
        if key in data:
            reader.problem(warning("W401", f"`{key}` has no argmap counterpart and is not carried over",
                                   hint="argmap maps hold statements as text; see docs/carneades.md"), (key,))
    for index, scheme in enumerate(data.get("argument_schemes") or []):
        if not isinstance(scheme, dict) or not isinstance(scheme.get("id"), str):
            continue
        weight = scheme.get("weight")
        constant = _number(weight.get("constant")) if isinstance(weight, dict) else None
        if constant is not None:
            reader.constant[scheme["id"]] = constant
            rest = set(scheme) - {"id", "weight", "meta"}
        else:
            rest = set(scheme) - {"id", "meta"}
        if rest:
            reader.problem(warning("W401", f"scheme '{scheme['id']}': {', '.join(sorted(rest))} not carried "
                                   "(argmap has no argument schemes; only a constant weight is kept)"),
                           ("argument_schemes", index))
    for key, value in (data.get("statements") or {}).items():
        statement_id = str(key)
        if isinstance(value, dict):
            reader.statements[statement_id] = text_of(value.get("text")) or statement_id
            if str(value.get("assumed")).lower() in ("true", "yes", "on"):
                reader.assumed.add(statement_id)
            for extra in sorted(set(value) - {"text", "assumed"}):
                reader.problem(warning("W401", f"statement field `{extra}` is not carried over"),
                               ("statements", key, extra))
        else:
            reader.statements[statement_id] = text_of(value) or statement_id
    assumptions = data.get("assumptions") or []
    for index, value in enumerate(assumptions if isinstance(assumptions, list) else []):
        assumption = text_of(value)
        if assumption is not None:
            reader.assumed.add(assumption)
            reader.statements.setdefault(assumption, assumption)
            del index
    for key, value in (data.get("arguments") or {}).items():
        path: Path = ("arguments", key)
        if not isinstance(value, dict) or text_of(value.get("conclusion")) is None:
            reader.problem(error("E402", f"argument '{key}' has no conclusion"), path)
            continue
        premises_value = value.get("premises") or []
        raw = list(premises_value.values()) if isinstance(premises_value, dict) else list(premises_value)
        if isinstance(premises_value, dict):
            reader.problem(warning("W402", f"argument '{key}': premise roles ({', '.join(map(str, premises_value))})"
                                   " are not carried; the premises are"), (*path, "premises"))
        premises = [p for p in (text_of(r) for r in raw) if p is not None]
        conclusion = str(text_of(value.get("conclusion")))
        undercutter = text_of(value.get("undercutter"))
        scheme = text_of(value.get("scheme"))
        for extra in sorted(set(value) - {"premises", "conclusion", "undercutter", "scheme"}):
            reader.problem(warning("W401", f"argument field `{extra}` is not carried over"), (*path, extra))
        for statement in (*premises, conclusion, *([undercutter] if undercutter else [])):
            reader.statements.setdefault(statement, statement)
        reader.arguments.append(CaesArgument(str(key), premises, conclusion, undercutter, scheme, path))
    for key, value in (data.get("issues") or {}).items():
        path = ("issues", key)
        positions = [p for p in (text_of(v) for v in (value or {}).get("positions") or []) if p is not None]
        standard = str((value or {}).get("standard") or "PE").upper()
        if standard not in STANDARDS:
            reader.problem(warning("W402", f"issue '{key}': unknown proof standard '{standard}', read as PE"),
                           (*path, "standard"))
            standard = "PE"
        for position in positions:
            reader.statements.setdefault(position, position)
        reader.issues.append((str(key), positions, standard, path))


def weight_of(reader: CaesReader, argument: CaesArgument, premise_count: dict[str, int]) -> float:
    """The argument's weight when all its premises are in, as Carneades 4 weighs it."""
    if argument.scheme in reader.constant:
        return reader.constant[argument.scheme]
    if argument.scheme == "factorized":
        total = premise_count.get(argument.conclusion) or 1
        return len(argument.premises) / total
    return 1.0
