"""Where things are in a YAML text: a light node tree with character offsets.

The loader builds it, when asked, in the same pass over libyaml's events that
builds the data (`load_text(text, tree=True)`), so the editor never parses a
text a second time to find its places. Edits never re-serialise a document:
they need only know where a section, an entry or a list item starts and ends,
so that new text can be spliced in and every other byte left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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
_ALIASES = (AliasEvent,)


class Node:
    """One YAML node: a scalar, a mapping, a sequence or an alias, with its place in the text.

    `start` is the offset of the node's first character; `end` the offset just
    after its last *content* character (for a block collection, the end of its
    last child; trailing blank lines and comments are never included).

    A collection keeps its children as the parser gave them (a scalar's event
    rather than a node) until `pairs` or `items` is first asked for: an edit
    looks at a few entries of a large map, and a node for every scalar would
    cost more than the parse itself.
    """

    __slots__ = ("_children", "_raw", "anchor", "end", "flow", "kind", "start", "style", "text", "value")

    def __init__(self, kind: str, start: int, end: int, flow: bool = False, value: str | None = None,
                 style: str | None = None, anchor: str | None = None, text: str = ""):
        self.kind = kind  # "scalar", "map", "seq" or "alias"
        self.start = start
        self.end = end
        self.flow = flow
        self.value = value
        self.style = style
        self.anchor = anchor
        self.text = text
        self._raw: list[Any] = []
        self._children: list[Any] | None = None

    def __repr__(self) -> str:
        return f"Node({self.kind}, {self.start}..{self.end}, {self.value!r})"

    @property
    def pairs(self) -> list[tuple[Node, Node]]:
        """A mapping's (key, value) pairs, in the order written; empty for anything else."""
        if self.kind != "map":
            return _NO_PAIRS
        if self._children is None:
            nodes = [node_of(child, self.text) for child in self._raw]
            self._children = list(zip(nodes[::2], nodes[1::2], strict=True))
        return self._children

    @property
    def items(self) -> list[Node]:
        """A sequence's items, in order; empty for anything else."""
        if self.kind != "seq":
            return _NO_ITEMS
        if self._children is None:
            self._children = [node_of(child, self.text) for child in self._raw]
        return self._children

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


def node_of(child: Any, text: str) -> Node:
    """A collection's child as a node: itself, or the node of a scalar's or an alias's event."""
    if type(child) is Node:
        return child
    if type(child) in _ALIASES:
        return Node("alias", child.start_mark.index, child.end_mark.index, False, child.anchor)
    start = child.start_mark.index
    end = child.end_mark.index
    style = child.style or None
    if style == "|" or style == ">":
        end = _block_scalar_end(text, start, end)
    return Node("scalar", start, end, False, child.value, style, child.anchor)


def _end(child: Any, text: str) -> int:
    if type(child) is Node:
        return child.end
    style = getattr(child, "style", None)
    if style == "|" or style == ">":
        return _block_scalar_end(text, child.start_mark.index, child.end_mark.index)
    end: int = child.end_mark.index
    return end


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
        appends: list[Callable[[Any], None]] = []  # each open collection's `_raw.append`
        builder = self
        scalar_event, alias_event = ScalarEvent, AliasEvent
        mapping_start, mapping_end = MappingStartEvent, MappingEndEvent
        sequence_start, sequence_end = SequenceStartEvent, SequenceEndEvent

        def place(child: Any) -> None:
            if appends:
                appends[-1](child)
            else:
                builder.documents += 1
                if builder.root is None:
                    builder.root = node_of(child, text)

        def get_event() -> Any:
            event = next_event()
            kind = type(event)
            if kind is scalar_event:  # most events: kept as they are, made nodes when looked at
                if appends:
                    appends[-1](event)
                else:
                    place(event)
            elif kind is mapping_start or kind is sequence_start:
                node = open_collection(event, text)
                stack.append(node)
                appends.append(node._raw.append)
            elif kind is mapping_end or kind is sequence_end:
                node = stack.pop()
                appends.pop()
                close(node, event, text)
                place(node)
            elif kind is alias_event:
                place(event)
            return event

        return _Recording(get_event)


def open_collection(event: Any, text: str) -> Node:
    """The node of a mapping or a sequence that starts with `event`; `close` it at its end."""
    return Node("map" if type(event) is MappingStartEvent else "seq", event.start_mark.index, 0,
                bool(event.flow_style), None, None, event.anchor, text)


def close(node: Node, end_event: Any, text: str) -> None:
    """Set where a collection ends (and where a block sequence starts) once all its children are in."""
    raw = node._raw
    if node.flow:
        node.end = end_event.end_mark.index
    elif raw:
        node.end = _end(raw[-1], text)
        if node.kind == "seq":
            # Start at the first dash, not at an anchor or tag before it.
            first = raw[0].start if type(raw[0]) is Node else raw[0].start_mark.index
            dash = text.rfind("-", 0, first)
            node.start = dash if dash != -1 else node.start
    else:
        node.end = node.start


class _Recording:
    """The parser as the loader sees it. A plain holder of the recording function: a class made
    inside `recording` would sit in a reference cycle and keep the whole tree alive until the
    cycle collector runs (at exit, in the CLI: measured 0.25 s for a 10,000-node map)."""

    __slots__ = ("get_event",)

    def __init__(self, get_event: Callable[[], Any]):
        self.get_event = get_event


def _block_scalar_end(text: str, start: int, end: int) -> int:
    """End of a block scalar's content. libyaml's mark runs on over the blank lines after it:
    they are not part of it, except with keep chomping (`|+`, `>+`), where they are its value."""
    found = LINE_BREAK.search(text, start)
    header = text[start : found.start() if found else len(text)].split("#", 1)[0]
    trailing = " \t" if "+" in header else " \t" + BREAK_CHARACTERS
    while end > start and text[end - 1] in trailing:
        end -= 1
    return end
