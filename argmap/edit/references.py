"""Who refers to a node, and removing a node together with what depends on it.

`argmap remove` refuses while references remain; with `--cascade` it drops the
relations and optional fields that name the node, and removes the nodes that
cannot stand without it (evidence whose source is gone, a rebuttal left with
nothing to attack), repeating until nothing refers to anything removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .operations import (
    NODE_SECTIONS,
    RELATION_KEYS,
    EditError,
    document,
    find_entry,
)
from .removal import remove_entry, remove_item, remove_key
from .tree import Node, Parsed, parse

_SCALAR_FIELDS = ("by", "source", "cites")
_LIST_FIELDS = (*RELATION_KEYS, "answers")
"""Lists whose items name ids: relations, and answers to critical questions (by their link)."""
_KIND_NAMES = {"parties": "party", "sources": "source", "claims": "claim", "evidence": "evidence",
               "rebuttals": "rebuttal", "framework": "framework"}


@dataclass(frozen=True)
class Reference:
    """`owner`'s `field` (item `index` of a list) names `target`, at `offset` in the text."""

    section: str
    owner: str
    field: str
    target: str
    offset: int
    index: int | None = None

    def describe(self) -> str:
        owner = ("the framework" if self.section == "framework"
                 else f"{_KIND_NAMES[self.section]} '{self.owner}'")
        if self.field in RELATION_KEYS:
            return f"{owner} {self.field} '{self.target}'"
        return f"{owner} has {self.field}: {self.target}"

    def dropped(self) -> str:
        """How a cascade reports taking this reference away."""
        owner = ("the framework" if self.section == "framework"
                 else f"{_KIND_NAMES[self.section]} '{self.owner}'")
        return f"{self.field}: {self.target} (from {owner})"


@dataclass(frozen=True)
class Doomed:
    """An entry that a removal takes away, and why (None for the one asked for)."""

    section: str
    entry_id: str
    offset: int
    because: Reference | None = None

    def describe(self) -> str:
        kind = _KIND_NAMES[self.section]
        if self.because is None:
            return f"{kind} '{self.entry_id}'"
        reason = "its source" if self.because.field == "source" else "the only thing it attacks"
        return f"{kind} '{self.entry_id}' ({reason}, '{self.because.target}', is removed)"


class StillReferencedError(EditError):
    """The node cannot be removed alone: these references to it remain."""

    def __init__(self, entry_id: str, references: list[Reference], text: str):
        super().__init__(f"'{entry_id}' is referred to {len(references)} time(s)")
        self.entry_id = entry_id
        self.references = references
        self.text = text
        """The text the references' offsets point into."""


def references(root: Node, targets: set[str]) -> list[Reference]:
    """Every place in the document that names one of `targets`, in file order."""
    found: list[Reference] = []
    framework = root.get("framework")
    if framework is not None and framework.kind == "map":
        for field in ("asserted_by", "source"):
            value = framework.get(field)
            if value is not None and value.kind == "scalar" and value.value in targets:
                found.append(Reference("framework", "framework", field, value.value, value.start))
    for section in NODE_SECTIONS:
        entries = root.get(section)
        if entries is None or entries.kind != "map":
            continue
        for key, entry in entries.pairs:
            if entry.kind != "map" or key.value is None:
                continue
            for field in _SCALAR_FIELDS:
                value = entry.get(field)
                if value is not None and value.kind == "scalar" and value.value in targets:
                    found.append(Reference(section, key.value, field, value.value, value.start))
            for field in _LIST_FIELDS:
                items = entry.get(field)
                if items is None or items.kind != "seq":
                    continue
                for index, item in enumerate(items.items):
                    for named in _named_by_item(item):
                        if named.value in targets:
                            found.append(Reference(section, key.value, field, named.value,
                                                   named.start, index))
    return sorted(found, key=lambda r: r.offset)


def _named_by_item(item: Node) -> list[Node]:
    """The id scalars a relation item names: `id`, `{to: id}` or `{link: {from: a, to: b}}`."""
    if item.kind == "scalar":
        return [item]
    if item.kind != "map":
        return []
    named = [n for n in (item.get("to"),) if n is not None and n.kind == "scalar"]
    link = item.get("link")
    if link is not None and link.kind == "map":
        named += [n for n in (link.get("from"), link.get("to")) if n is not None and n.kind == "scalar"]
    return named


@dataclass
class RemovalPlan:
    doomed: list[Doomed]
    dropped: list[Reference]


def plan_removal(source: str | Parsed, entry_id: str, *, cascade: bool) -> RemovalPlan:
    """What removing `entry_id` takes away. Raises `StillReferencedError` when others refer to it and not
    `cascade`, and `EditError` when there is no such entry."""
    parsed = parse(source)
    root = document(parsed)
    found = find_entry(root, entry_id)
    if found is None:
        raise EditError(_not_removable(root, entry_id))
    section, key, _ = found
    doomed = [Doomed(section, entry_id, key.start)]
    ids = {entry_id}
    while True:
        refs = [r for r in references(root, ids) if r.owner not in ids]
        if refs and not cascade:
            raise StillReferencedError(entry_id, refs, parsed.text)
        newly = [d for d in (_dependent(root, r, ids) for r in refs) if d is not None]
        if not newly:
            break
        for item in newly:
            if item.entry_id not in ids:
                ids.add(item.entry_id)
                doomed.append(item)
    dropped = [r for r in references(root, ids) if r.owner not in ids]
    return RemovalPlan(doomed, dropped)


def _dependent(root: Node, ref: Reference, ids: set[str]) -> Doomed | None:
    """The owner of `ref`, if it cannot stand once the ids in `ids` are gone."""
    if ref.section == "framework":
        return None
    found = find_entry(root, ref.owner, (ref.section,))
    assert found is not None
    _, key, entry = found
    if ref.section == "evidence" and ref.field == "source":
        return Doomed(ref.section, ref.owner, key.start, ref)
    if ref.section == "rebuttals" and ref.field == "attacks":
        attacks = entry.get("attacks")
        assert attacks is not None
        left = [i for i in attacks.items if not any(n.value in ids for n in _named_by_item(i))]
        if not left:
            return Doomed(ref.section, ref.owner, key.start, ref)
    return None


def _not_removable(root: Node, entry_id: str) -> str:
    question = root.get("question")
    if question is not None and question.kind == "map" and question.text_value("id") == entry_id:
        return f"'{entry_id}' is the question's id; the question cannot be removed"
    framework = root.get("framework")
    elements = framework.get("elements") if framework is not None and framework.kind == "map" else None
    if elements is not None and elements.kind == "map" and elements.entry(entry_id) is not None:
        return f"'{entry_id}' is a framework element; edit the framework by hand"
    return f"no entry has the id '{entry_id}'"


def apply_removal(source: str | Parsed, plan: RemovalPlan) -> str:
    """Carry out `plan`: drop the references first, then the entries, re-reading after each cut."""
    ids = {d.entry_id for d in plan.doomed}
    owners = sorted({(r.section, r.owner, r.field) for r in plan.dropped})
    text: str | Parsed = source
    for section, owner, field in owners:
        text = _drop_references(text, section, owner, field, ids)
    for item in plan.doomed:
        text = remove_entry(text, item.section, item.entry_id)
    return parse(text).text if isinstance(text, Parsed) else text


def _drop_references(source: str | Parsed, section: str, owner: str, field: str, ids: set[str]) -> str | Parsed:
    text: str | Parsed = source
    while True:
        text = parse(text)
        root = document(text)
        if section == "framework":
            entry = root.get("framework")
        else:
            found = find_entry(root, owner, (section,))
            entry = found[2] if found is not None else None
        assert entry is not None
        pair = entry.entry(field)
        if pair is None:
            return text
        key, value = pair
        if field not in _LIST_FIELDS:
            return remove_key(text, key, value) if value.value in ids else text
        hits = [i for i, item in enumerate(value.items) if any(n.value in ids for n in _named_by_item(item))]
        if not hits:
            return text
        if len(hits) == len(value.items):
            return remove_key(text, key, value)
        text = remove_item(text, pair, hits[-1])
