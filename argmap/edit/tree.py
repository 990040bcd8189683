"""Where things are in a YAML text: a light node tree with character offsets.

Edits never re-serialise the document. They need only to know where a
section, an entry or a list item starts and ends in the original text, so
that new text can be spliced in and everything else left byte-for-byte as
it was. This module parses the text once more (libyaml's event stream, whose
marks are character offsets) into such a tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from argmap.read.loader import YAML_NULLS, EventParser


class TreeError(Exception):
    """The text is not a YAML document this module can map (already reported by validation)."""


@dataclass(eq=False)
class Node:
    """One YAML node: a scalar, a mapping, a sequence or an alias, with its place in the text.

    `start` is the offset of the node's first character; `end` the offset just
    after its last *content* character (for a block collection, the end of its
    last child; trailing blank lines and comments are never included).
    """

    kind: str  # "scalar", "map", "seq" or "alias"
    start: int
    end: int
    flow: bool = False
    value: str | None = None
    style: str | None = None
    anchor: str | None = None
    pairs: list[tuple[Node, Node]] = field(default_factory=list)
    items: list[Node] = field(default_factory=list)

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and not self.style and self.value in YAML_NULLS

    def entry(self, key: str) -> tuple[Node, Node] | None:
        """The (key, value) pair of a mapping whose key is the plain text `key`."""
        for pair in self.pairs:
            if pair[0].kind == "scalar" and pair[0].value == key:
                return pair
        return None

    def get(self, key: str) -> Node | None:
        pair = self.entry(key)
        return pair[1] if pair is not None else None

    def text_value(self, key: str) -> str | None:
        found = self.get(key)
        return found.value if found is not None and found.kind == "scalar" else None


def parse_tree(text: str) -> Node:
    """The root node of the (single) document in `text`."""
    parser = EventParser(text)
    stack: list[Node] = []
    root: Node | None = None
    pending_key: list[Node | None] = []
    try:
        while True:
            event: Any = parser.get_event()
            if event is None:
                break
            kind = type(event)
            node: Node | None = None
            if kind is ScalarEvent:
                style = event.style or None
                node = Node("scalar", event.start_mark.index, _scalar_end(text, event), value=event.value,
                            style=style, anchor=event.anchor)
            elif kind is AliasEvent:
                node = Node("alias", event.start_mark.index, event.end_mark.index, value=event.anchor)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                collection = Node("map" if kind is MappingStartEvent else "seq", event.start_mark.index,
                                  event.end_mark.index, flow=bool(event.flow_style), anchor=event.anchor)
                stack.append(collection)
                pending_key.append(None)
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                node = stack.pop()
                pending_key.pop()
                if node.flow:
                    node.end = event.end_mark.index
                else:
                    children = [v for _, v in node.pairs] + node.items
                    node.end = max((c.end for c in children), default=node.start)
                    if node.items:
                        # Start at the first dash, not at an anchor or tag before it.
                        dash = text.rfind("-", 0, node.items[0].start)
                        node.start = dash if dash != -1 else node.start
            else:
                continue
            if not stack:
                if root is not None:
                    raise TreeError("more than one document")
                root = node
                continue
            parent = stack[-1]
            if parent.kind == "seq":
                parent.items.append(node)
            elif pending_key[-1] is None:
                pending_key[-1] = node
            else:
                key = pending_key[-1]
                assert key is not None
                parent.pairs.append((key, node))
                pending_key[-1] = None
    except yaml.YAMLError as exc:
        raise TreeError(str(exc)) from exc
    if root is None:
        raise TreeError("the document is empty")
    return root


def _scalar_end(text: str, event: Any) -> int:
    """End of a scalar's content. A block scalar's mark runs on over the blank lines after it:
    they are not part of it, except with keep chomping (`|+`, `>+`), where they are its value."""
    start: int = event.start_mark.index
    end: int = event.end_mark.index
    if event.style in ("|", ">"):
        header_end = text.find("\n", start)
        header = text[start : header_end if header_end != -1 else len(text)].split("#", 1)[0]
        if "+" in header:
            while end > start and text[end - 1] in " \t":
                end -= 1
        else:
            while end > start and text[end - 1] in " \t\r\n":
                end -= 1
    return end
