"""What an edit is meant to do, as a change to the data: the yardstick its result is read back against.

A splice is computed from positions in the text; a text that libyaml reads
differently from what the editor assumed (an unusual line break, a quoting
corner) could turn a correct-looking splice into a different change: a new
entry swallowed by a string, a neighbour's value altered. So every edit also
states its intent on the loader's data (plain dicts, lists and strings), and
`transaction` writes only if the new text reads back as exactly the old data
with that change made.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from . import emit
from .operations import NODE_SECTIONS, RELATION_KEYS, Relation
from .references import RemovalPlan

Expect = Callable[[Any], Any]
"""Old data in, the data the edited text must read back as."""


def plain(value: emit.Value) -> Any:
    """A value as the loader reads back what `emit` writes for it: numbers as their text."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return emit.number(value)
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    return [plain(item) for item in value]


def added_entry(section: str, entry_id: str, fields: Mapping[str, emit.Value]) -> Expect:
    def expect(data: Any) -> Any:
        new = dict(data)
        entries = dict(new.get(section) or {})
        entries[entry_id] = plain(fields)
        new[section] = entries
        return new

    return expect


def added_relation(node_id: str, relation: Relation) -> Expect:
    def expect(data: Any) -> Any:
        def change(entry: dict[str, Any]) -> None:
            entry[relation.key] = [*(entry.get(relation.key) or []), plain(relation.as_data())]

        return _changed_entry(data, node_id, change)

    return expect


def removed_relation(node_id: str, relation: Relation) -> Expect:
    def expect(data: Any) -> Any:
        def change(entry: dict[str, Any]) -> None:
            items = list(entry[relation.key])
            index = next(i for i, item in enumerate(items) if matches(relation, item))
            del items[index]
            if items:
                entry[relation.key] = items
            else:
                del entry[relation.key]

        return _changed_entry(data, node_id, change)

    return expect


def removal(plan: RemovalPlan) -> Expect:
    ids = {doomed.entry_id for doomed in plan.doomed}

    def expect(data: Any) -> Any:
        new = dict(data)
        for section, owner, field in sorted({(r.section, r.owner, r.field) for r in plan.dropped}):
            if section == "framework":
                entry = dict(new["framework"])
                new["framework"] = entry
            else:
                new[section] = dict(new[section])
                entry = dict(new[section][owner])
                new[section][owner] = entry
            if field in (*RELATION_KEYS, "answers"):
                left = [item for item in entry[field] if not ids & set(named_by(item))]
                if left:
                    entry[field] = left
                else:
                    del entry[field]
            elif entry.get(field) in ids:
                del entry[field]
        for doomed in plan.doomed:
            entries = dict(new[doomed.section])
            del entries[doomed.entry_id]
            new[doomed.section] = entries
        return new

    return expect


def matches(relation: Relation, item: Any) -> bool:
    """Whether the list item `item` (as data) is the relation `relation` names (`Relation.matches`)."""
    if isinstance(item, str):
        return item == relation.to and (relation.key == "supports" or relation.kind in (None, "rebut"))
    if not isinstance(item, dict):
        return False
    if relation.key == "attacks" and relation.kind == "undercut":
        link = item.get("link")
        return isinstance(link, dict) and link.get("from") == relation.reason and link.get("to") == relation.to
    if item.get("to") != relation.to:
        return False
    return relation.key == "supports" or relation.kind is None or (item.get("kind") or "rebut") == relation.kind


def named_by(item: Any) -> list[Any]:
    """The ids a relation item names: `id`, `{to: id}` or `{link: {from: a, to: b}}`."""
    if isinstance(item, str):
        return [item]
    if not isinstance(item, dict):
        return []
    named = [item.get("to")]
    link = item.get("link")
    if isinstance(link, dict):
        named += [link.get("from"), link.get("to")]
    return [n for n in named if isinstance(n, str)]


def _changed_entry(data: Any, node_id: str, change: Callable[[dict[str, Any]], None]) -> Any:
    new = dict(data)
    for section in NODE_SECTIONS:
        entries = new.get(section)
        if isinstance(entries, dict) and node_id in entries:
            entries = dict(entries)
            entry = dict(entries[node_id])
            change(entry)
            entries[node_id] = entry
            new[section] = entries
            return new
    raise KeyError(node_id)  # pragma: no cover - the operation has found the node already


def first_difference(expected: Any, actual: Any, path: tuple[str | int, ...] = ()) -> str:
    """Where two data trees first differ, as a readable path (`claims.c1.text`)."""
    where = ".".join(str(p) for p in path) or "the top level"
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in [*expected, *(k for k in actual if k not in expected)]:
            if key not in actual:
                return f"{where}: '{key}' is missing"
            if key not in expected:
                return f"{where}: '{key}' appeared"
            if expected[key] != actual[key]:
                return first_difference(expected[key], actual[key], (*path, key))
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        for index, (left, right) in enumerate(zip(expected, actual, strict=True)):
            if left != right:
                return first_difference(left, right, (*path, index))
    return f"{where} reads back as {_short(actual)} instead of {_short(expected)}"


def _short(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."
