"""The document's outline: its sections, and the entries of each with their words as detail."""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.edit.occurrences import SECTION_KINDS
from argmap.edit.tree import Node

from .analysis import Analysis


@dataclass
class Symbol:
    """A section or an entry: its name, kind, detail, the range it covers and where its name is."""

    name: str
    kind: str
    detail: str
    start: int
    end: int
    name_start: int
    name_end: int
    children: list[Symbol] = field(default_factory=list)


def outline(analysis: Analysis) -> list[Symbol]:
    root = analysis.tree
    if root is None or root.kind != "map":
        return []
    symbols: list[Symbol] = []
    for key, value in root.pairs:
        if key.kind != "scalar" or key.value is None:
            continue
        section = Symbol(key.value, "section", "", key.start, max(value.end, key.end), key.start, key.end)
        if key.value == "question":
            entry = next((e for e in analysis.entries.values() if e.kind == "question"), None)
            section.detail = entry.detail if entry is not None else ""
        if key.value == "framework" and value.kind == "map":
            for field_key, field_value in value.pairs:
                if field_key.value == "elements":
                    elements = Symbol("elements", "section", "", field_key.start,
                                      max(field_value.end, field_key.end), field_key.start, field_key.end)
                    elements.children = _entries(analysis, field_value, "element")
                    section.children.append(elements)
        elif key.value in SECTION_KINDS:
            section.children = _entries(analysis, value, SECTION_KINDS[key.value])
        symbols.append(section)
    return symbols


def _entries(analysis: Analysis, container: Node, kind: str) -> list[Symbol]:
    found: list[Symbol] = []
    for key, value in container.pairs:
        if key.kind != "scalar" or not key.value:
            continue
        entry = analysis.entries.get(key.value)
        detail = entry.detail if entry is not None else ""
        found.append(Symbol(key.value, kind, detail, key.start, max(value.end, key.end), key.start, key.end))
    return found
