"""Edits as text splices: add an entry, add or drop a relation, remove a node.

Each operation takes the file's text (or the text parsed once, `tree.Parsed`)
and returns the new text. It finds its place in the node tree the loader
built, writes only the lines it adds (in the file's own indentation, list
style and line ending) and deletes only the lines it removes, so every other
byte is untouched by construction. Deletions live in `removal`. Whether the result is a valid map, and
whether it means what was asked, is not decided here: `transaction` validates
it and reads it back (`intent`) before writing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from argmap.read.schema import slugify

from . import emit
from .layout import Layout, splice
from .tree import Node, Parsed, parse

SECTION_ORDER = ("argmap", "question", "framework", "parties", "sources", "claims", "evidence", "rebuttals")
ENTRY_SECTIONS = ("parties", "sources", "claims", "evidence", "rebuttals")
NODE_SECTIONS = ("claims", "evidence", "rebuttals")
RELATION_KEYS = ("supports", "attacks")


class EditError(Exception):
    """The edit cannot be made to this file as it is written (the message says why)."""


@dataclass(frozen=True)
class Relation:
    """One item of a `supports` or `attacks` list, as the CLI describes it."""

    key: str  # "supports" or "attacks"
    to: str
    kind: str | None = None  # for attacks: rebut, undermine or undercut
    reason: str | None = None  # for an undercut: the supporting node of the attacked inference
    weight: float | None = None

    def as_data(self) -> str | dict[str, Any]:
        """The item as the file writes it: a bare id when nothing else needs saying."""
        data: dict[str, Any] = {}
        if self.key == "attacks" and self.kind == "undercut":
            data["link"] = {"from": self.reason, "to": self.to}
        else:
            data["to"] = self.to
        if self.key == "attacks":
            data["kind"] = self.kind or "rebut"
        if self.weight is not None:
            data["weight"] = self.weight
        return self.to if list(data) == ["to"] else data

    def describe(self) -> str:
        if self.key == "attacks" and self.kind == "undercut":
            return f"undercuts {self.reason} -> {self.to}"
        return f"{self.key} {self.to}" + (f" ({self.kind})" if self.key == "attacks" and self.kind else "")

    def matches(self, item: Node) -> bool:
        if item.kind == "scalar":
            return item.value == self.to and (self.key == "supports" or self.kind in (None, "rebut"))
        if item.kind != "map":
            return False
        if self.key == "attacks" and self.kind == "undercut":
            link = item.get("link")
            return (link is not None and link.kind == "map" and link.text_value("from") == self.reason
                    and link.text_value("to") == self.to)
        if item.text_value("to") != self.to:
            return False
        given_kind = item.text_value("kind") or "rebut"
        return self.key == "supports" or self.kind is None or given_kind == self.kind


# --- reading the document ----------------------------------------------------------------


def document(text: str | Parsed) -> Node:
    root = parse(text).root
    if root.kind != "map" or root.flow:
        raise EditError("the file's top level is not a block mapping (`key: value` lines)")
    return root


def find_entry(root: Node, entry_id: str, sections: tuple[str, ...] = ENTRY_SECTIONS
               ) -> tuple[str, Node, Node] | None:
    """(section, key node, value node) of the entry with id `entry_id`."""
    for section in sections:
        value = root.get(section)
        if value is not None and value.kind == "map":
            pair = value.entry(entry_id)
            if pair is not None:
                return section, pair[0], pair[1]
    return None


def existing_ids(root: Node) -> set[str]:
    """Every id already used in the file (they share one namespace)."""
    ids: set[str] = set()
    question = root.get("question")
    if question is not None and question.kind == "map":
        found = question.text_value("id")
        if found:
            ids.add(found)
    framework = root.get("framework")
    elements = framework.get("elements") if framework is not None and framework.kind == "map" else None
    sections = [root.get(s) for s in ENTRY_SECTIONS] + [elements]
    for section in sections:
        if section is not None and section.kind == "map":
            ids.update(k.value for k, _ in section.pairs if k.value is not None)
    return ids


def _data_ids(data: Any) -> set[str]:
    """`existing_ids`, read from the loader's data (quicker than the node tree for a large map)."""
    ids: set[str] = set()
    if not isinstance(data, dict):
        return ids
    question = data.get("question")
    if isinstance(question, dict) and isinstance(question.get("id"), str) and question["id"]:
        ids.add(question["id"])
    framework = data.get("framework")
    elements = framework.get("elements") if isinstance(framework, dict) else None
    for section in [*(data.get(s) for s in ENTRY_SECTIONS), elements]:
        if isinstance(section, dict):
            ids.update(key for key in section if isinstance(key, str))
    return ids


def readable_id(text: str, *, prefix: str = "", fallback: str = "entry", words: int = 6,
                limit: int = 48) -> str:
    """A short, readable slug from the first few words of `text`: 'The IMU remains a threat...' ->
    'the-imu-remains-a-threat-to'."""
    short = "-".join(slugify(text).split("-")[:words])[:limit].rstrip("-")
    return prefix + short if short else fallback


def unique_id(source: Node | Parsed, base: str) -> str:
    """`base`, or `base-2`, `base-3`... whichever no entry uses yet."""
    taken = existing_ids(source.root) if isinstance(source, Parsed) and source.data is None else (
        _data_ids(source.data) if isinstance(source, Parsed) else existing_ids(source))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def detect_style(root: Node, layout: Layout) -> emit.Style:
    """The file's indentation step and list style, read from what it already holds."""
    indent = sequence_indent = None
    flow_lists = None
    for key, value in _walk_pairs(root):
        if indent is not None and flow_lists is not None and (flow_lists or sequence_indent is not None):
            break  # the rest of a large map would say the same
        if (indent is None and value.kind == "map" and not value.flow and value.pairs
                and layout.line_of(value.start) > layout.line_of(key.start)):
            indent = layout.column(value.pairs[0][0].start) - layout.column(key.start)
        if key.value in RELATION_KEYS and value.kind == "seq" and value.items:
            if flow_lists is None:
                flow_lists = value.flow
            if sequence_indent is None and not value.flow:
                sequence_indent = layout.column(value.start) - layout.column(key.start)
    step = indent if indent and indent > 0 else 2
    return emit.Style(indent=step, sequence_indent=step if sequence_indent is None else sequence_indent,
                      flow_lists=bool(flow_lists), newline=layout.newline)


def _walk_pairs(node: Node) -> Iterator[tuple[Node, Node]]:
    for key, value in node.pairs:
        yield key, value
        yield from _walk_pairs(value)
    for item in node.items:
        yield from _walk_pairs(item)


# --- adding ------------------------------------------------------------------------------


def add_entry(source: str | Parsed, section: str, entry_id: str, fields: Mapping[str, emit.Value]) -> str:
    """Append `entry_id: fields` at the end of `section`, creating the section if it is absent."""
    parsed = parse(source)
    root = document(parsed)
    text, layout = parsed.text, parsed.layout
    style = detect_style(root, layout)
    base = layout.column(root.pairs[0][0].start) if root.pairs else 0
    pair = root.entry(section)
    if pair is None:
        return _add_section(text, root, layout, style, section, entry_id, fields, base)
    key, value = pair
    require_unshared(value, f"the '{section}' section")
    if value.kind == "map" and not value.flow and value.pairs:
        entry_indent = layout.column(value.pairs[0][0].start)
        last_line = layout.extend_over_comments(layout.last_line_of(value.end), entry_indent)
        lines = emit.entry_lines(entry_id, fields, entry_indent, style)
        if _entries_spaced(value, layout):
            lines = ["", *lines]
        at, new = layout.insertion(layout.after(last_line), emit.join(lines, style.newline))
        return splice(text, at, at, new)
    if value.is_null or (value.kind == "map" and value.flow and not value.pairs):
        # `section:` with nothing, or `section: {}`: drop the `{}` and start a block below the key.
        _require_own_line(layout, key, section)
        lines = emit.entry_lines(entry_id, fields, layout.column(key.start) + style.indent, style)
        key_line = layout.line_of(key.start)
        at, new = layout.insertion(layout.after(key_line), emit.join(lines, style.newline))
        text = splice(text, at, at, new)
        if value.kind == "map":
            gap = value.start
            while gap > key.end and text[gap - 1] == " ":
                gap -= 1
            if text[gap - 1] != ":":  # pragma: no cover - `key : {}` spacing
                gap = value.start
            text = splice(text, gap, value.end)
        return text
    if value.kind == "map" and value.flow:
        raise EditError(f"the '{section}' section is written in flow style ({{...}}); "
                        "argmap edits block-style sections only: rewrite it as `id:` lines")
    raise EditError(f"the '{section}' section is not a mapping of entries")


def _add_section(text: str, root: Node, layout: Layout, style: emit.Style, section: str, entry_id: str,
                 fields: Mapping[str, emit.Value], base: int) -> str:
    """A new section after the last one that comes before it in the usual order."""
    rank = SECTION_ORDER.index(section)
    before = [(k, v) for k, v in root.pairs if k.value in SECTION_ORDER[:rank]]
    anchor = before[-1] if before else root.pairs[-1]
    last_line = layout.extend_over_comments(layout.last_line_of(anchor[1].end), base + 1)
    lines = [f"{' ' * base}{section}:", *emit.entry_lines(entry_id, fields, base + style.indent, style)]
    if _sections_spaced(root, layout):
        lines = ["", *lines]
    at, new = layout.insertion(layout.after(last_line), emit.join(lines, style.newline))
    return splice(text, at, at, new)


def _preceded_by_blank(layout: Layout, line: int) -> bool:
    """Whether the lines above `line`, past any comments right above it, begin with a blank one."""
    probe = line - 1
    while probe >= 0 and layout.is_comment(probe):
        probe -= 1
    return probe >= 0 and layout.is_blank(probe)


def _entries_spaced(section: Node, layout: Layout) -> bool:
    keys = [k for k, _ in section.pairs]
    candidates = keys[1:] if len(keys) > 1 else keys
    spaced = sum(_preceded_by_blank(layout, layout.line_of(k.start)) for k in candidates)
    return spaced * 2 > len(candidates)


def _sections_spaced(root: Node, layout: Layout) -> bool:
    keys = [k for k, _ in root.pairs][1:]
    spaced = sum(_preceded_by_blank(layout, layout.line_of(k.start)) for k in keys)
    return bool(keys) and spaced * 2 >= len(keys)


def _require_own_line(layout: Layout, key: Node, what: str) -> None:
    if not layout.first_on_line(key.start):
        raise EditError(f"'{what}' shares its line with other keys (flow style); "
                        "argmap edits block-style (`key: value` lines) only")


def require_unshared(node: Node, what: str) -> None:
    """Refuse to change a node that aliases share (or that is an alias): the change would show
    up, unseen, everywhere the alias is used."""
    if node.kind == "alias":
        raise EditError(f"{what} is an alias (*{node.value}) of a value written elsewhere; edit it by hand")
    if node.anchor is not None:
        raise EditError(f"{what} is anchored (&{node.anchor}) and may be shared by aliases; edit it by hand")


def node_entry(root: Node, node_id: str) -> tuple[str, Node, Node]:
    found = find_entry(root, node_id, NODE_SECTIONS)
    if found is None:
        where = find_entry(root, node_id)
        if where is not None:
            raise EditError(f"'{node_id}' is in '{where[0]}'; only claims, evidence and rebuttals "
                            "have supports and attacks")
        raise EditError(f"no claim, evidence or rebuttal has the id '{node_id}'")
    section, key, value = found
    if value.kind != "map" or value.flow:
        raise EditError(f"'{node_id}' is written in flow style ({{...}}); "
                        "argmap edits block-style entries only")
    return section, key, value


def add_relation(source: str | Parsed, node_id: str, relation: Relation) -> str:
    """Add `relation` to the `supports` or `attacks` list of node `node_id`, in the list's own style."""
    parsed = parse(source)
    root = document(parsed)
    text, layout = parsed.text, parsed.layout
    style = detect_style(root, layout)
    _, _, entry = node_entry(root, node_id)
    require_unshared(entry, f"'{node_id}'")
    item = relation.as_data()
    pair = entry.entry(relation.key)
    if pair is None:
        child = layout.column(entry.pairs[0][0].start)
        last_line = layout.extend_over_comments(layout.last_line_of(entry.end), child)
        lines = emit.field_lines(relation.key, [item], child, style)
        at, new = layout.insertion(layout.after(last_line), emit.join(lines, style.newline))
        return splice(text, at, at, new)
    key, value = pair
    require_unshared(value, f"the {relation.key} list of '{node_id}'")
    if value.kind == "seq" and value.flow:
        if value.items:
            return splice(text, value.items[-1].end, value.items[-1].end, ", " + emit.flow(item))
        return splice(text, value.start + 1, value.start + 1, emit.flow(item))
    if value.kind == "seq":
        dash = layout.column(value.start)
        last_line = layout.extend_over_comments(layout.last_line_of(value.end), dash)
        block_items = [i for i in value.items if i.kind == "map" and not i.flow and i.pairs]
        gap = layout.column(block_items[-1].pairs[0][0].start) - dash if block_items else 0
        lines = _item_lines(item, dash, style, gap)
        at, new = layout.insertion(layout.after(last_line), emit.join(lines, style.newline))
        return splice(text, at, at, new)
    if value.is_null:
        _require_own_line(layout, key, relation.key)
        lines = _item_lines(item, layout.column(key.start) + style.sequence_indent, style, 0)
        at, new = layout.insertion(layout.after(layout.line_of(key.start)), emit.join(lines, style.newline))
        return splice(text, at, at, new)
    raise EditError(f"'{relation.key}' of '{node_id}' is not a list")


def _item_lines(item: emit.Value, dash: int, style: emit.Style, gap: int) -> list[str]:
    """One list item; with `gap` (the columns from dash to key of the list's block-mapping items),
    a mapping is written as a block mapping like them."""
    if gap > 0 and isinstance(item, Mapping):
        pad = " " * dash
        lead = "-" + " " * (gap - 1)
        return [f"{pad}{lead if n == 0 else ' ' * gap}{emit.scalar(k)}: {emit.flow(v)}"
                for n, (k, v) in enumerate(item.items())]
    return emit.list_item(item, dash, style)
