"""Carry the AIF reader's entries into an argmap map: build the model, run `argmap validate`'s
graph checks, and drop (with a warning at the scheme node's position) each relation they refuse,
such as a support cycle or a support of a quote."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from argmap.diagnostics import Diagnostic, Path, Position, Severity, Span, error
from argmap.graph import build_graph
from argmap.model import ArgumentMap
from argmap.read.validate import check_graph

from .entries import SECTIONS, Entry, element_fields

Report = Callable[[str, str, Path], None]
"""Report a problem: code, message, and where in the input."""


def carried_map(data: dict[str, Any], entries: dict[str, Entry], report: Report,
                diagnostics: list[Diagnostic]) -> ArgumentMap | None:
    """The map, after dropping (with a warning each) the relations argmap's checks refuse; what
    cannot be carried at all is added to `diagnostics` as E402."""
    for _ in range(4):
        argument_map = _model(data, entries, report, diagnostics)
        if argument_map is None:
            return None
        problems = [d for d in check_graph(build_graph(argument_map)) if d.severity is Severity.ERROR]
        if not problems:
            return argument_map
        dropped = _drop(problems, entries, report)
        if not dropped:
            for problem in problems:
                diagnostics.append(dataclasses.replace(
                    problem, code="E402", message=f"cannot carry this into argmap: {problem.message}",
                    span=Span.at(Position(1, 1)), path=None, related=()))
            return None
    return None


def _model(data: dict[str, Any], entries: dict[str, Entry], report: Report,
           diagnostics: list[Diagnostic]) -> ArgumentMap | None:
    for entry in entries.values():
        if entry.kind == "element" and entry.relations:
            for relation in entry.relations:
                report("W401", f"relation of '{entry.id}' not carried: it is an element of the "
                                    "framework, which supports and attacks nothing", relation.origin)
            entry.relations = []
    built = dict(data)
    elements = {e.id: element_fields(e.fields) for e in entries.values() if e.kind == "element"}
    built["framework"] = {**data["framework"], "elements": elements}
    for kind, section in SECTIONS.items():
        built[section] = {}
        for entry in entries.values():
            if entry.kind != kind:
                continue
            fields = {k: v for k, v in entry.fields.items() if k not in ("supports", "attacks")}
            fields["supports"] = [r.value for r in entry.relations if r.field == "supports"]
            fields["attacks"] = [r.value for r in entry.relations if r.field == "attacks"]
            built[section][entry.id] = fields
    try:
        return ArgumentMap.model_validate(built)
    except ValidationError as exc:
        for problem in exc.errors():
            diagnostics.append(error("E402", "cannot carry this into argmap: "
                                          f"{'.'.join(str(p) for p in problem['loc'])}: {problem['msg']}",
                                          span=Span.at(Position(1, 1))))
        return None


def _drop(problems: list[Diagnostic], entries: dict[str, Entry], report: Report) -> bool:
    by_id = {e.id: e for e in entries.values()}
    doomed: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for problem in problems:
        path = problem.path or ()
        if len(path) >= 4 and path[0] in SECTIONS.values() and path[2] in ("supports", "attacks"):
            doomed[str(path[1])].add((str(path[2]), int(path[3])))
    if not doomed:
        return False
    reasons = {(str((p.path or ())[1]), str((p.path or ())[2]), int((p.path or ())[3])): p.message
               for p in problems if len(p.path or ()) >= 4 and (p.path or ())[0] in SECTIONS.values()}
    for identifier, places in doomed.items():
        entry = by_id[identifier]
        counters = {"supports": 0, "attacks": 0}
        kept = []
        for relation in entry.relations:
            index = counters[relation.field]
            counters[relation.field] += 1
            if (relation.field, index) in places:
                reason = reasons.get((identifier, relation.field, index), "")
                report("W401", f"relation not carried: {reason}", relation.origin)
            else:
                kept.append(relation)
        entry.relations = kept
        if entry.kind == "rebuttal" and not any(r.field == "attacks" for r in kept):
            entry.kind = "claim"
    return True
