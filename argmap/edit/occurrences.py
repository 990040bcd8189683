"""Every place an id is written in a map's text: where it is defined and where it is referred to.

One walk over the positioned node tree finds them all, with the role each
plays (a claim's key, a `supports` item, a `by:`, an undercut's `from`...).
Renaming uses it to change each occurrence and nothing else; the language
server uses it for go to definition, references and hover. It works on any
text that is YAML, valid map or not, since editors need it most while a map is
still broken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argmap.model import ID_PATTERN

from .tree import Node

SECTION_KINDS = {"elements": "element", "parties": "party", "sources": "source", "claims": "claim",
                 "evidence": "evidence", "rebuttals": "rebuttal"}
"""What each section's keys define."""

_ENTRY_SECTIONS = ("parties", "sources", "claims", "evidence", "rebuttals")
_NODE_SECTIONS = ("claims", "evidence", "rebuttals")
_SCALAR_FIELDS = ("by", "source", "cites")


@dataclass(frozen=True)
class Occurrence:
    """The scalar `node` writes `identifier`, as `role`, in the entry `owner` of `section`.

    Roles: "definition" (a key, or the question's `id`); "by", "source", "cites",
    "asserted_by"; "supports" and "attacks" (a list item or its `to:`); "link-from"
    and "link-to" (the ends of an undercut's `link`).
    """

    node: Node
    identifier: str
    role: str
    section: str
    owner: str

    @property
    def is_definition(self) -> bool:
        return self.role == "definition"


def occurrences(root: Node) -> list[Occurrence]:
    """Every id written in the document under `root`, in file order."""
    found: list[Occurrence] = []
    if root.kind != "map":
        return found
    question = root.get("question")
    if question is not None and question.kind == "map":
        value = question.get("id")
        if value is not None and value.kind == "scalar" and value.value:
            found.append(Occurrence(value, value.value, "definition", "question", value.value))
    framework = root.get("framework")
    if framework is not None and framework.kind == "map":
        for field in ("asserted_by", "source"):
            value = framework.get(field)
            if _is_id(value):
                assert value is not None and value.value is not None
                found.append(Occurrence(value, value.value, field, "framework", "framework"))
        elements = framework.get("elements")
        if elements is not None and elements.kind == "map":
            found += _keys(elements, "elements")
    for section in _ENTRY_SECTIONS:
        entries = root.get(section)
        if entries is None or entries.kind != "map":
            continue
        found += _keys(entries, section)
        if section in _NODE_SECTIONS:
            for key, entry in entries.pairs:
                if key.value is not None and entry.kind == "map":
                    found += _entry_references(entry, section, key.value)
    found.sort(key=lambda o: o.node.start)
    return found


def _is_id(node: Node | None) -> bool:
    return node is not None and node.kind == "scalar" and bool(node.value) and not node.is_null


def _keys(section: Node, name: str) -> list[Occurrence]:
    return [Occurrence(key, key.value, "definition", name, key.value)
            for key, _ in section.pairs if key.kind == "scalar" and key.value]


def _entry_references(entry: Node, section: str, owner: str) -> list[Occurrence]:
    found: list[Occurrence] = []
    for field in _SCALAR_FIELDS:
        value = entry.get(field)
        if _is_id(value):
            assert value is not None and value.value is not None
            found.append(Occurrence(value, value.value, field, section, owner))
    for field in ("supports", "attacks", "answers"):
        items = entry.get(field)
        if items is None:
            continue
        # A lone id where a list belongs (`supports: x`) is still a reference to rename and follow.
        for item in items.items if items.kind == "seq" else [items]:
            if _is_id(item):
                assert item.value is not None
                found.append(Occurrence(item, item.value, field, section, owner))
            elif item.kind == "map":
                target = item.get("to")
                if _is_id(target):
                    assert target is not None and target.value is not None
                    found.append(Occurrence(target, target.value, field, section, owner))
                found += _role_references(item, section, owner)
                link = item.get("link")
                if link is not None and link.kind == "map":
                    for end in ("from", "to"):
                        value = link.get(end)
                        if _is_id(value):
                            assert value is not None and value.value is not None
                            found.append(Occurrence(value, value.value, f"link-{end}", section, owner))
    return found


_SLUG = re.compile(ID_PATTERN)


def _role_references(item: Node, section: str, owner: str) -> list[Occurrence]:
    """A scheme's roles filled with ids (`roles: {expert: stein}`). Which roles take ids is the scheme's
    business; a value spelt as an id is taken for one, so renaming the party renames the role too."""
    roles = item.get("roles")
    if roles is None or roles.kind != "map":
        return []
    return [Occurrence(value, value.value, "role", section, owner) for _, value in roles.pairs
            if _is_id(value) and value.value is not None and _SLUG.match(value.value)]
