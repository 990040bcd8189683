"""One version of a document, analysed once: its diagnostics, its node tree and where each id is.

Everything the language server answers comes from here, and everything here
comes from argmap's own pipeline: `check_text` (the checks `argmap validate`
runs), the editor's positioned node tree, and the evaluator on demand.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from argmap.edit.occurrences import SECTION_KINDS, Occurrence, occurrences
from argmap.edit.tree import Node, TreeError, parse_tree
from argmap.evaluate import Evaluation, evaluate
from argmap.read.document import CheckedMap, check_text

_DETAIL_FIELDS = ("text", "quote", "name", "title")


@dataclass(frozen=True)
class Entry:
    """What an id names: its kind, where it is defined and the mapping that holds its fields."""

    identifier: str
    kind: str
    section: str
    definition: Occurrence
    body: Node | None

    def field(self, name: str) -> str | None:
        if self.body is None or self.body.kind != "map":
            return None
        value = self.body.get(name)
        return value.value if value is not None and value.kind == "scalar" and not value.is_null else None

    @property
    def detail(self) -> str:
        """The words that stand for the entry: a claim's text, a quote, a party's name."""
        for name in _DETAIL_FIELDS:
            value = self.field(name)
            if value:
                return " ".join(value.split())
        return ""


class Analysis:
    """A text checked as `argmap validate` checks it, with its ids indexed by place."""

    def __init__(self, text: str, name: str, base: Path | None = None):
        self.text = text
        self.name = name
        self.checked: CheckedMap = check_text(text, name, base)
        try:
            self.tree: Node | None = parse_tree(text)
        except TreeError:
            self.tree = None
        self.occurrences: list[Occurrence] = occurrences(self.tree) if self.tree is not None else []
        self._starts = [o.node.start for o in self.occurrences]
        self.entries: dict[str, Entry] = {}
        self.uses: dict[str, list[Occurrence]] = {}
        for occurrence in self.occurrences:
            self.uses.setdefault(occurrence.identifier, []).append(occurrence)
            if occurrence.is_definition and occurrence.identifier not in self.entries:
                self.entries[occurrence.identifier] = self._entry(occurrence)

    @property
    def parsed(self) -> bool:
        """Whether the text is YAML the tree could map (else ids come from an earlier version)."""
        return self.tree is not None

    def _entry(self, occurrence: Occurrence) -> Entry:
        if occurrence.section == "question":
            question = self.tree.get("question") if self.tree is not None else None
            return Entry(occurrence.identifier, "question", "question", occurrence, question)
        body = None
        section = self._section_node(occurrence.section)
        if section is not None:
            body = next((v for k, v in section.pairs if k is occurrence.node), None)
        return Entry(occurrence.identifier, SECTION_KINDS[occurrence.section], occurrence.section,
                     occurrence, body)

    def _section_node(self, section: str) -> Node | None:
        if self.tree is None or self.tree.kind != "map":
            return None
        if section == "elements":
            framework = self.tree.get("framework")
            return framework.get("elements") if framework is not None and framework.kind == "map" else None
        return self.tree.get(section)

    def occurrence_at(self, offset: int) -> Occurrence | None:
        """The id written at `offset` (the cursor may sit just after its last character)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        found = self.occurrences[index]
        return found if found.node.start <= offset <= found.node.end else None

    def definitions(self, identifier: str) -> list[Occurrence]:
        return [o for o in self.uses.get(identifier, []) if o.is_definition]

    def ids_of_kind(self, *kinds: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind in kinds]

    @cached_property
    def evaluation(self) -> Evaluation | None:
        """Which side stands, when the map is valid (an invalid map has no status to give)."""
        graph = self.checked.graph
        if graph is None or self.checked.errors:
            return None
        return evaluate(graph)
