"""One version of a document, analysed once: its diagnostics, its node tree and where each id is.

Everything the language server answers comes from here, and everything here
comes from argmap's own pipeline: `check_text` (the checks `argmap validate`
runs), the editor's positioned node tree, and the evaluator on demand.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from argmap.collector import cycle_collection_paused
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


@dataclass(frozen=True)
class _Index:
    tree: Node | None
    occurrences: list[Occurrence]
    starts: list[int]
    uses: dict[str, list[Occurrence]]
    entries: dict[str, Entry]
    spans: list[tuple[int, int, str]]
    """(start, end, id) of each entry, its key to its last field, in file order."""


class Analysis:
    """A text checked as `argmap validate` checks it, with its ids indexed by place.

    The check runs at once (diagnostics are what an editor needs first); the node tree and the
    index of ids are built on first use (the server builds them in the background after publishing
    diagnostics), and the evaluation on the first hover that shows a status.
    """

    def __init__(self, text: str, name: str, base: Path | None = None):
        self.text = text
        self.name = name
        self.checked: CheckedMap = check_text(text, name, base)
        self._index: _Index | None = None
        self._lock = threading.Lock()

    def index(self) -> _Index:
        """The tree and the ids' places, built once even when two threads ask at the same time."""
        with self._lock:
            if self._index is None:
                with cycle_collection_paused():
                    self._index = _build_index(self.text)
            return self._index

    @property
    def tree(self) -> Node | None:
        """The positioned node tree, or None when the text is not YAML a tree can be made of."""
        return self.index().tree

    @property
    def parsed(self) -> bool:
        """Whether the text is YAML the tree could map (else ids come from an earlier version)."""
        return self.tree is not None

    @property
    def occurrences(self) -> list[Occurrence]:
        """Every id written in the text, in file order."""
        return self.index().occurrences

    @property
    def uses(self) -> dict[str, list[Occurrence]]:
        """Each id's occurrences: its definition(s) and references, in file order."""
        return self.index().uses

    @property
    def entries(self) -> dict[str, Entry]:
        """What each defined id names (its first definition, when it is defined twice)."""
        return self.index().entries

    def occurrence_at(self, offset: int) -> Occurrence | None:
        """The id written at `offset` (the cursor may sit just after its last character)."""
        index = bisect.bisect_right(self.index().starts, offset) - 1
        if index < 0:
            return None
        found = self.occurrences[index]
        return found if found.node.start <= offset <= found.node.end else None

    def entry_around(self, offset: int) -> Entry | None:
        """The entry whose definition holds `offset`: its key, or anywhere in its fields."""
        spans = self.index().spans
        index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
        while index >= 0:
            start, end, identifier = spans[index]
            if start <= offset <= end:
                return self.entries.get(identifier)
            index -= 1
            if index >= 0 and spans[index][1] < start:  # entries do not nest: nothing further back holds it
                break
        return None

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


def _build_index(text: str) -> _Index:
    try:
        tree: Node | None = parse_tree(text)
    except TreeError:
        tree = None
    if tree is None or tree.kind != "map":
        return _Index(tree, [], [], {}, {}, [])
    found = occurrences(tree)
    uses: dict[str, list[Occurrence]] = {}
    for occurrence in found:
        uses.setdefault(occurrence.identifier, []).append(occurrence)
    bodies: dict[int, Node] = {}
    framework = tree.get("framework")
    sections = {name: tree.get(name) for name in SECTION_KINDS}
    sections["elements"] = framework.get("elements") if framework is not None and framework.kind == "map" else None
    for container in sections.values():
        if container is not None and container.kind == "map":
            bodies.update((id(key), value) for key, value in container.pairs)
    question = tree.get("question")
    entries: dict[str, Entry] = {}
    for occurrence in found:
        if not occurrence.is_definition or occurrence.identifier in entries:
            continue
        if occurrence.section == "question":
            entry = Entry(occurrence.identifier, "question", "question", occurrence, question)
        else:
            entry = Entry(occurrence.identifier, SECTION_KINDS[occurrence.section], occurrence.section,
                          occurrence, bodies.get(id(occurrence.node)))
        entries[occurrence.identifier] = entry
    spans = sorted((e.definition.node.start, max(e.body.end if e.body is not None else 0, e.definition.node.end),
                    e.identifier) for e in entries.values() if e.kind != "question")
    asked = next((e for e in entries.values() if e.kind == "question"), None)
    if asked is not None and asked.body is not None:
        spans = sorted([*spans, (asked.body.start, asked.body.end, asked.identifier)])
    return _Index(tree, found, [o.node.start for o in found], uses, entries, spans)
