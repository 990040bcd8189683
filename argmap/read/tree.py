"""Where things are in a YAML text: a light node tree with character offsets.

The loader builds it, when asked, in the same pass over libyaml's events that
builds the data (`load_text(text, tree=True)`), so the editor never parses a
text a second time to find its places. Edits never re-serialise a document:
they need only know where a section, an entry or a list item starts and ends,
so that new text can be spliced in and every other byte left as it was.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""Every line break libyaml reads as one: LF, CRLF, a lone CR, NEL, LS and PS (YAML 1.1's set;
libyaml follows it, so a text's lines are these, whatever YAML 1.2 says)."""

BREAK_CHARACTERS = "\n\r\x85\u2028\u2029"

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_NO_PAIRS: list[tuple[Node, Node]] = []
_NO_ITEMS: list[Node] = []


class Node:
    """One YAML node: a scalar, a mapping, a sequence or an alias, with its place in the text.

    `start` is the offset of the node's first character; `end` the offset just
    after its last *content* character (for a block collection, the end of its
    last child; trailing blank lines and comments are never included).
    """

    __slots__ = ("anchor", "end", "flow", "items", "kind", "pairs", "start", "style", "value")

    def __init__(self, kind: str, start: int, end: int, *, flow: bool = False, value: str | None = None,
                 style: str | None = None, anchor: str | None = None):
        self.kind = kind  # "scalar", "map", "seq" or "alias"
        self.start = start
        self.end = end
        self.flow = flow
        self.value = value
        self.style = style
        self.anchor = anchor
        # Scalars and aliases share one empty list each: they never have children.
        self.pairs: list[tuple[Node, Node]] = [] if kind == "map" else _NO_PAIRS
        self.items: list[Node] = [] if kind == "seq" else _NO_ITEMS

    def __repr__(self) -> str:
        return f"Node({self.kind}, {self.start}..{self.end}, {self.value!r})"

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and not self.style and self.value in _NULLS

    def entry(self, key: str) -> tuple[Node, Node] | None:
        """The (key, value) pair of a mapping whose key is the text `key` (the first, if repeated)."""
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


class TreeBuilder:
    """Builds the node tree from the events the loader reads, as it reads them.

    `recording(parser)` gives the parser back wrapped: each event passes through
    `get_event` here on its way to the loader. The loop is written flat, for speed:
    it runs once per event of the file.
    """

    def __init__(self, text: str):
        self.text = text
        self.root: Node | None = None
        self.documents = 0

    def recording(self, parser: Any) -> Any:
        text = self.text
        next_event = parser.get_event
        stack: list[Node] = []
        keys: list[Node | None] = []
        builder = self

        class Recording:
            def get_event(self) -> Any:
                event = next_event()
                kind = type(event)
                if kind is ScalarEvent:
                    style = event.style or None
                    end = event.end_mark.index
                    start = event.start_mark.index
                    if style == "|" or style == ">":
                        end = _block_scalar_end(text, start, end)
                    node = Node("scalar", start, end, value=event.value, style=style, anchor=event.anchor)
                elif kind is MappingStartEvent or kind is SequenceStartEvent:
                    stack.append(Node("map" if kind is MappingStartEvent else "seq", event.start_mark.index,
                                      event.end_mark.index, flow=bool(event.flow_style), anchor=event.anchor))
                    keys.append(None)
                    return event
                elif kind is MappingEndEvent or kind is SequenceEndEvent:
                    node = stack.pop()
                    keys.pop()
                    if node.flow:
                        node.end = event.end_mark.index
                    else:
                        last = node.pairs[-1][1] if node.pairs else (node.items[-1] if node.items else None)
                        node.end = last.end if last is not None else node.start
                        if node.items:
                            # Start at the first dash, not at an anchor or tag before it.
                            dash = text.rfind("-", 0, node.items[0].start)
                            node.start = dash if dash != -1 else node.start
                elif kind is AliasEvent:
                    node = Node("alias", event.start_mark.index, event.end_mark.index, value=event.anchor)
                else:
                    return event
                if not stack:
                    builder.documents += 1
                    if builder.root is None:
                        builder.root = node
                    return event
                parent = stack[-1]
                if parent.kind == "seq":
                    parent.items.append(node)
                else:
                    key = keys[-1]
                    if key is None:
                        keys[-1] = node
                    else:
                        parent.pairs.append((key, node))
                        keys[-1] = None
                return event

        return Recording()


def _block_scalar_end(text: str, start: int, end: int) -> int:
    """End of a block scalar's content. libyaml's mark runs on over the blank lines after it:
    they are not part of it, except with keep chomping (`|+`, `>+`), where they are its value."""
    found = LINE_BREAK.search(text, start)
    header = text[start : found.start() if found else len(text)].split("#", 1)[0]
    trailing = " \t" if "+" in header else " \t" + BREAK_CHARACTERS
    while end > start and text[end - 1] in trailing:
        end -= 1
    return end
