"""What the AIF reader makes of the input before it becomes a map: entries and their relations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from argmap.diagnostics import Path

SECTIONS = {"claim": "claims", "evidence": "evidence", "rebuttal": "rebuttals"}
"""The map's section for each kind of entry (elements go under the framework)."""


@dataclass
class Relation:
    field: str  # "supports" or "attacks"
    value: dict[str, Any]
    origin: Path  # the scheme node's path in the input


@dataclass
class Entry:
    node: str  # the AIF nodeID
    id: str
    kind: str  # element, claim, evidence, rebuttal
    fields: dict[str, Any]
    relations: list[Relation] = field(default_factory=list)


def entry_path(entry: Entry) -> Path:
    """Where the writer puts the entry: the comments' key."""
    if entry.kind == "element":
        return ("framework", "elements", entry.id)
    return (SECTIONS[entry.kind], entry.id)


def element_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if k in ("text", "standard", "note")}
