"""argmap's own JSON: the whole map, and optionally its evaluation, for scripts.

The document's shape is published as a JSON Schema (docs/argmap-export.schema.json)
and versioned by `version`: a script can rely on every field the schema names.
`map` is the map exactly as the YAML file holds it (the same keys and values;
the short forms expanded), so `load` reads an export back into the same map.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from argmap.diagnostics import error
from argmap.evaluate import Evaluation
from argmap.graph import ArgumentGraph
from argmap.model import ArgumentMap

from . import ExportOptions, ImportResult
from .positioned import PositionedJson, read_json

SUMMARY = "argmap's own JSON: the whole map, optionally its evaluation (docs/json.md)"
SUFFIXES = (".json",)
OPTIONS = frozenset({"evaluation"})
VERSION = 1
"""The export's version: raised when a field changes meaning or disappears (adding one does not)."""
KIND = "argmap-export"


def document(graph: ArgumentGraph, options: ExportOptions) -> dict[str, Any]:
    """The export as plain data."""
    result: dict[str, Any] = {
        "format": KIND,
        "version": VERSION,
        "map": graph.argument_map.model_dump(mode="json", by_alias=True, exclude_none=True),
    }
    if options.evaluation is not None:
        result["evaluation"] = evaluation_record(options.evaluation)
    return result


def dump(graph: ArgumentGraph, options: ExportOptions) -> str:
    # ensure_ascii keeps control and bidirectional characters as \u escapes: the output is
    # safe to show, and decodes to the map's exact text.
    return json.dumps(document(graph, options), indent=2, ensure_ascii=True) + "\n"


def evaluation_record(evaluation: Evaluation) -> dict[str, Any]:
    options = evaluation.options
    return {
        "answer": evaluation.answer.value,
        "what_if": {"reject": list(options.reject), "accept": list(options.accept),
                    "standard": options.standard.value if options.standard else None},
        "elements": [
            {"id": r.id, "status": r.status.value, "standard": r.standard.value,
             "pro": [{"id": b.node, "weight": b.weight, "status": b.status.value} for b in r.pro],
             "con": [{"id": b.node, "weight": b.weight, "status": b.status.value} for b in r.con]}
            for r in evaluation.elements.values()
        ],
        "nodes": [
            {"id": node_id, "kind": node.kind.value, "status": evaluation.status[node_id].value}
            for node_id, node in evaluation.graph.nodes.items()
        ],
        "links": [
            {"from": source, "to": target, "status": status.value}
            for (source, target), status in evaluation.link_status.items()
        ],
    }


_STATUS = ["accepted", "rejected", "undecided"]


def export_schema() -> dict[str, Any]:
    """The JSON Schema of the export (docs/argmap-export.schema.json); the map's part is the format's own."""
    map_schema = ArgumentMap.model_json_schema(by_alias=True)
    definitions = map_schema.pop("$defs", {})
    definitions["ArgumentMap"] = map_schema
    bearing = {"type": "object", "additionalProperties": False, "required": ["id", "weight", "status"],
               "properties": {"id": {"type": "string"}, "weight": {"type": "number"},
                              "status": {"enum": _STATUS}}}
    evaluation = {
        "type": "object", "additionalProperties": False,
        "required": ["answer", "what_if", "elements", "nodes", "links"],
        "properties": {
            "answer": {"enum": ["yes", "no", "undecided"], "description": "The question's answer."},
            "what_if": {"type": "object", "additionalProperties": False,
                        "required": ["reject", "accept", "standard"],
                        "properties": {"reject": {"type": "array", "items": {"type": "string"}},
                                       "accept": {"type": "array", "items": {"type": "string"}},
                                       "standard": {"type": ["string", "null"]}}},
            "elements": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": ["id", "status", "standard", "pro", "con"],
                "properties": {"id": {"type": "string"},
                               "status": {"enum": ["established", "not established", "undecided"]},
                               "standard": {"type": "string"},
                               "pro": {"type": "array", "items": bearing},
                               "con": {"type": "array", "items": bearing}}}},
            "nodes": {"type": "array", "description": "Every node's status, in the map's order.", "items": {
                "type": "object", "additionalProperties": False, "required": ["id", "kind", "status"],
                "properties": {"id": {"type": "string"},
                               "kind": {"enum": ["question", "element", "claim", "evidence", "rebuttal"]},
                               "status": {"type": "string"}}}},
            "links": {"type": "array", "description": "Whether each support applies.", "items": {
                "type": "object", "additionalProperties": False, "required": ["from", "to", "status"],
                "properties": {"from": {"type": "string"}, "to": {"type": "string"},
                               "status": {"enum": _STATUS}}}},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "argmap JSON export",
        "description": "`argmap export FILE --to json`: the whole map and, with --evaluation, its evaluation.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "version", "map"],
        "properties": {
            "format": {"const": KIND},
            "version": {"const": VERSION, "description": "Raised when a field changes meaning or disappears."},
            "map": {"$ref": "#/$defs/ArgumentMap"},
            "evaluation": evaluation,
        },
        "$defs": definitions,
    }


def schema_text() -> str:
    return json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n"


def sniff(text: str) -> bool:
    return f'"{KIND}"' in text[:200]


def load(text: str, name: str) -> ImportResult:
    """An export read back: its `map`, checked by the model (the evaluation is ignored: argmap
    recomputes it)."""
    parsed = read_json(text, "argmap JSON")
    if not isinstance(parsed, PositionedJson):
        return ImportResult(None, [parsed])
    data = parsed.data
    if not isinstance(data, dict) or data.get("format") != KIND or not isinstance(data.get("map"), dict):
        return ImportResult(None, [error("E402", f"not an argmap JSON export: no \"format\": \"{KIND}\" "
                                                 "with a \"map\"", span=parsed.span(()))])
    if data.get("version") != VERSION:
        return ImportResult(None, [error("E402", f"argmap JSON version {data.get('version')!r} is not "
                                                 f"{VERSION}, the one this argmap reads",
                                         span=parsed.span(("version",)))])
    try:
        argument_map = ArgumentMap.model_validate(data["map"])
    except ValidationError as exc:
        return ImportResult(None, [
            error("E402", f"{'.'.join(str(p) for p in problem['loc'])}: {problem['msg']}",
                  span=parsed.span(("map", *problem["loc"])))
            for problem in exc.errors()
        ])
    return ImportResult(argument_map, header=[f"Imported from {name} (argmap JSON)."])
