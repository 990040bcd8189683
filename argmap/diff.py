"""Two versions of a map compared by meaning: entries, relations, and the evaluation's change.

Order, comments, quoting and short forms (`supports: [x]` for `{to: x}`) are not meaning, so
they never show. What does: an entry added, removed or changed field by field (matched by id);
a relation added, removed or reweighted (an absent weight is the default weight, so writing
`weight: 1.0` out changes nothing); and, when both maps can be evaluated, what the change does
to the answer, each element and every node's status, with the sentence that explains the new
status.

    result = diff_maps(old_map, new_map)
    result.is_equal                     # what round-trip tests check
    format_diff(result, "OLD", "NEW")   # what `argmap diff` prints
    diff_record(result)                 # its --format json

Public API: `FieldChange`, `EntryChange`, `RelationChange`, `StatusChange`, `EvaluationChange`,
`MapDiff`, `diff_maps`, `format_diff`, `diff_record`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from argmap.diagnostics.text import visible
from argmap.evaluate import Evaluation, evaluate
from argmap.evaluate.explain import explain
from argmap.evaluate.standards import DEFAULT_WEIGHT
from argmap.graph import ArgumentGraph, NodeKind, build_graph
from argmap.model import ArgumentMap

SECTIONS = ("question", "framework", "elements", "parties", "sources", "claims", "evidence", "rebuttals")
"""Where entries live, in file order; `framework` holds the rule's own fields, `elements` its elements."""

_RELATION_FIELDS = frozenset({"supports", "attacks"})


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    REWEIGHTED = "reweighted"


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class EntryChange:
    section: str
    id: str
    change: Change
    fields: tuple[FieldChange, ...] = ()
    text: str | None = None
    """The entry's text (or quote, name, title) for an added or removed entry."""


@dataclass(frozen=True, slots=True)
class RelationChange:
    source: str
    kind: str
    """'supports', 'rebuts', 'undermines' or 'undercuts'."""
    target: str
    """The node, or for an undercut the support 'from->to' it attacks."""
    change: Change
    old_weight: float | None = None
    new_weight: float | None = None

    def describe(self) -> str:
        return f"{self.source} {self.kind} {self.target}"


@dataclass(frozen=True, slots=True)
class StatusChange:
    id: str
    kind: str
    old: str | None
    """None: the node is new."""
    new: str | None
    """None: the node was removed."""
    reason: str | None = None
    """Why the node has its new status: the first sentence `argmap explain` gives."""


@dataclass(frozen=True, slots=True)
class EvaluationChange:
    old_answer: str
    new_answer: str
    elements: tuple[StatusChange, ...]
    nodes: tuple[StatusChange, ...]
    answer_reason: str | None = None

    @property
    def is_equal(self) -> bool:
        return self.old_answer == self.new_answer and not self.elements and not self.nodes


@dataclass(frozen=True)
class MapDiff:
    entries: tuple[EntryChange, ...] = ()
    relations: tuple[RelationChange, ...] = ()
    evaluation: EvaluationChange | None = None
    """None when either map could not be evaluated (or evaluation was not asked for)."""

    @property
    def is_equal(self) -> bool:
        """Same entries with the same fields, same relations with the same weights."""
        return not self.entries and not self.relations


# --- comparing ---------------------------------------------------------------------------------------


def diff_maps(old: ArgumentMap | ArgumentGraph, new: ArgumentMap | ArgumentGraph, *,
              with_evaluation: bool = True) -> MapDiff:
    """Compare two maps by meaning. Pass graphs when you have them, to save building them again.

    The evaluation's change needs both maps valid as a whole (every reference resolves), as
    `argmap validate` checks; if either cannot be evaluated the diff still lists the edits.
    """
    old_graph = old if isinstance(old, ArgumentGraph) else build_graph(old)
    new_graph = new if isinstance(new, ArgumentGraph) else build_graph(new)
    entries = tuple(_entry_changes(old_graph.argument_map, new_graph.argument_map))
    relations = tuple(_relation_changes(old_graph, new_graph))
    change = None
    if with_evaluation:
        change = _evaluation_change(old_graph, new_graph)
    return MapDiff(entries, relations, change)


def _section_entries(argument_map: ArgumentMap, section: str) -> dict[str, BaseModel]:
    if section == "question":
        return {argument_map.question.id: argument_map.question}
    if section == "framework":
        return {"framework": argument_map.framework}
    if section == "elements":
        return dict(argument_map.framework.elements)
    entries: dict[str, BaseModel] = getattr(argument_map, section)
    return entries


def _fields(entry: BaseModel) -> dict[str, Any]:
    skip = _RELATION_FIELDS | ({"elements"} if "elements" in type(entry).model_fields else set())
    return {name: _plain(getattr(entry, name)) for name in type(entry).model_fields if name not in skip}


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, StrEnum) else value


def _label(entry: BaseModel) -> str | None:
    for name in ("text", "quote", "name", "title"):
        value = getattr(entry, name, None)
        if isinstance(value, str):
            return value
    return None


def _entry_changes(old: ArgumentMap, new: ArgumentMap) -> Iterator[EntryChange]:
    for section in SECTIONS:
        before, after = _section_entries(old, section), _section_entries(new, section)
        if section == "question":
            # The question is one entry whatever its id: a new id is a changed field.
            (old_id, old_q), (new_id, new_q) = next(iter(before.items())), next(iter(after.items()))
            fields = [FieldChange("id", old_id, new_id)] if old_id != new_id else []
            fields += _field_changes(old_q, new_q, skip={"id"})
            if fields:
                yield EntryChange(section, new_id, Change.CHANGED, tuple(fields))
            continue
        for entry_id, entry in before.items():
            if entry_id not in after:
                yield EntryChange(section, entry_id, Change.REMOVED, text=_label(entry))
        for entry_id, entry in after.items():
            if entry_id not in before:
                yield EntryChange(section, entry_id, Change.ADDED, text=_label(entry))
                continue
            fields = _field_changes(before[entry_id], entry)
            if fields:
                yield EntryChange(section, entry_id, Change.CHANGED, tuple(fields))


def _field_changes(old: BaseModel, new: BaseModel, skip: frozenset[str] | set[str] = frozenset()) -> list[FieldChange]:
    before, after = _fields(old), _fields(new)
    return [FieldChange(name, before[name], after[name]) for name in before
            if name not in skip and before[name] != after[name]]


_Key = tuple[str, str, str]


def _relations(graph: ArgumentGraph) -> dict[_Key, float]:
    """Every relation by (source, verb, target) with its effective weight; a repeat keeps the first."""
    found: dict[_Key, float] = {}
    for support in graph.supports:
        weight = DEFAULT_WEIGHT if support.weight is None else support.weight
        found.setdefault((support.source, "supports", support.target), weight)
    for attack in graph.attacks:
        target = f"{attack.link[0]}->{attack.link[1]}" if attack.link is not None else str(attack.target)
        weight = DEFAULT_WEIGHT if attack.weight is None else attack.weight
        found.setdefault((attack.source, attack.kind.verb, target), weight)
    return found


def _relation_changes(old: ArgumentGraph, new: ArgumentGraph) -> Iterator[RelationChange]:
    before, after = _relations(old), _relations(new)
    for key, weight in before.items():
        if key not in after:
            yield RelationChange(*key, Change.REMOVED, old_weight=weight)
    for key, weight in after.items():
        if key not in before:
            yield RelationChange(*key, Change.ADDED, new_weight=weight)
        elif before[key] != weight:
            yield RelationChange(*key, Change.REWEIGHTED, old_weight=before[key], new_weight=weight)


def _evaluate(graph: ArgumentGraph) -> Evaluation | None:
    try:
        return evaluate(graph)
    except (KeyError, ValueError):
        # A map whose references do not resolve has no evaluation; the edits still diff.
        return None


def _reason(evaluation: Evaluation, node_id: str) -> str:
    return explain(evaluation, node_id, max_depth=0)[0].text


def _evaluation_change(old_graph: ArgumentGraph, new_graph: ArgumentGraph) -> EvaluationChange | None:
    old, new = _evaluate(old_graph), _evaluate(new_graph)
    if old is None or new is None:
        return None
    elements = []
    for element_id in {**old.elements, **new.elements}:
        before = old.elements.get(element_id)
        after = new.elements.get(element_id)
        old_status = before.status.value if before else None
        new_status = after.status.value if after else None
        if old_status != new_status:
            reason = _reason(new, element_id) if after else None
            elements.append(StatusChange(element_id, NodeKind.ELEMENT.value, old_status, new_status, reason))
    nodes = []
    for node_id in _union_in_order(old_graph.nodes, new_graph.nodes):
        node = new_graph.nodes.get(node_id) or old_graph.nodes[node_id]
        if node.kind in (NodeKind.QUESTION, NodeKind.ELEMENT):
            continue
        old_status = old.status[node_id].value if node_id in old.status else None
        new_status = new.status[node_id].value if node_id in new.status else None
        if old_status != new_status:
            reason = _reason(new, node_id) if new_status is not None else None
            nodes.append(StatusChange(node_id, node.kind.value, old_status, new_status, reason))
    answer_reason = _reason(new, new_graph.question.id) if old.answer != new.answer else None
    return EvaluationChange(old.answer.value, new.answer.value, tuple(elements), tuple(nodes), answer_reason)


def _union_in_order(first: Mapping[str, object], second: Mapping[str, object]) -> list[str]:
    """The new map's ids in its order, then the ids only the old map has."""
    return [*second, *(key for key in first if key not in second)]


# --- showing ------------------------------------------------------------------------------------------

_SIGNS = {Change.ADDED: ("+", "32"), Change.REMOVED: ("-", "31"), Change.CHANGED: ("~", "33"),
          Change.REWEIGHTED: ("~", "33")}
_SHORTEN = 100
"""Characters of a text shown for an added or removed entry; a changed field is shown whole."""


def shown(value: Any, limit: int | None = None) -> str:
    """A field's value for a terminal: text quoted, control characters escaped, never raw."""
    if value is None:
        return "(none)"
    if isinstance(value, float):
        return f"{value:g}"
    if not isinstance(value, str):
        return str(value)
    text = visible(value)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "\u2026"
    return f"\u201c{text}\u201d"


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def _weight(value: float | None) -> str:
    return "" if value is None or value == DEFAULT_WEIGHT else f" (weight {value:g})"


def format_diff(result: MapDiff, old_name: str, new_name: str, *, colour: bool = False) -> str:
    """What `argmap diff` prints: the edits, then what they do to the evaluation."""
    if result.is_equal:
        return f"{shown(old_name)[1:-1]} and {shown(new_name)[1:-1]} mean the same map."
    lines = [f"--- {shown(old_name)[1:-1]}", f"+++ {shown(new_name)[1:-1]}"]
    if result.entries:
        lines += ["", "Entries:"]
        for entry in result.entries:
            sign, code = _SIGNS[entry.change]
            head = f"{sign} {entry.section}/{entry.id}"
            if entry.text is not None:
                head += f": {shown(entry.text, _SHORTEN)}"
            lines.append("  " + _paint(head, code, colour))
            lines += [f"      {f.field}: {shown(f.old)} -> {shown(f.new)}" for f in entry.fields]
    if result.relations:
        lines += ["", "Relations:"]
        for relation in result.relations:
            sign, code = _SIGNS[relation.change]
            if relation.change is Change.REWEIGHTED:
                text = (f"{sign} {relation.describe()}: weight {relation.old_weight:g} -> "
                        f"{relation.new_weight:g}")
            else:
                weight = relation.new_weight if relation.change is Change.ADDED else relation.old_weight
                text = f"{sign} {relation.describe()}{_weight(weight)}"
            lines.append("  " + _paint(text, code, colour))
    evaluation = result.evaluation
    lines += ["", "Evaluation:"]
    if evaluation is None:
        lines.append("  (not compared: a map is not valid as a whole, so it has no evaluation)")
    elif evaluation.is_equal:
        lines.append(f"  unchanged: the answer is still {evaluation.new_answer.upper()}, and no status changed")
    else:
        if evaluation.old_answer != evaluation.new_answer:
            lines.append(f"  answer: {evaluation.old_answer.upper()} -> {evaluation.new_answer.upper()}")
            if evaluation.answer_reason:
                lines.append(f"      {visible(evaluation.answer_reason)}")
        else:
            lines.append(f"  answer: still {evaluation.new_answer.upper()}")
        for change in (*evaluation.elements, *evaluation.nodes):
            lines.append(f"  {change.kind} {change.id}: {change.old or '(new)'} -> {change.new or '(removed)'}")
            if change.reason:
                lines.append(f"      {visible(change.reason)}")
    return "\n".join(lines)


def diff_record(result: MapDiff, old_name: str, new_name: str) -> dict[str, Any]:
    """`argmap diff --format json`: docs/diff.md documents the shape."""
    evaluation = result.evaluation
    return {
        "old": old_name,
        "new": new_name,
        "equal": result.is_equal,
        "entries": [
            {"section": e.section, "id": e.id, "change": e.change.value,
             **({"text": e.text} if e.text is not None else {}),
             **({"fields": [{"field": f.field, "old": f.old, "new": f.new} for f in e.fields]}
                if e.change is Change.CHANGED else {})}
            for e in result.entries
        ],
        "relations": [
            {"source": r.source, "relation": r.kind, "target": r.target, "change": r.change.value,
             "old_weight": r.old_weight, "new_weight": r.new_weight}
            for r in result.relations
        ],
        "evaluation": None if evaluation is None else {
            "old_answer": evaluation.old_answer,
            "new_answer": evaluation.new_answer,
            "answer_reason": evaluation.answer_reason,
            "elements": [_status_record(c) for c in evaluation.elements],
            "nodes": [_status_record(c) for c in evaluation.nodes],
        },
    }


def _status_record(change: StatusChange) -> dict[str, Any]:
    return {"id": change.id, "kind": change.kind, "old": change.old, "new": change.new, "reason": change.reason}
