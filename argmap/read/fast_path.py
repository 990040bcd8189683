"""The common case of loading, in one tight loop: a single document of plain mappings, sequences
and scalars, with no tag, anchor or alias and nothing for the loader to report.

Nearly every map a user checks or edits is like that, and the loader's general pass
(`general_pass._build_events`) spends about as much Python time per libyaml event as libyaml
spends producing it: a function call to attach each value, a frame object per collection,
checks for positions, tags and anchors on every event. This loop keeps the state of the open
collection in local variables, attaches each value inline, and builds the editor's node tree
in the same pass when asked for it.

It reports nothing itself. At the first event that is not plain (a tag, an anchor or alias, a
key that is not text or is repeated, nesting past the limit, a second document, a syntax or
encoding error) it gives up with `Unusual`, and the loader reads the text again with its
general pass, which reports each problem at its place. Both passes read the same libyaml
events in the same way, so they agree on every text both accept (a property test holds them
to it, and to PyYAML's own reading).

Writing a loop per event in Python was measured against the alternatives (bench/README.md):
libyaml's own composer (`CParser.get_single_node`) calls back into Python for every scalar
and collection and is slower; rapidyaml parses far faster, but reading its tree from Python
costs more than libyaml's events, and its JSON output loses what argmap needs (the text of
`1.` becomes 1.0, tags and aliases vanish, duplicate keys pass, tabs and U+2028 read
differently from libyaml).
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from argmap.diagnostics import Path

from .general_pass import Marks
from .tree import Node, TreeBuilder, close, node_of, open_collection

_MISSING: Any = object()


class Unusual(Exception):
    """The text needs the loader's general pass: it has something to report, or to track."""


def load_plain(text: str, parser_class: Any, nulls: frozenset[str], max_depth: int,
               builder: TreeBuilder | None = None) -> Any:
    """The data of `text`, when it is plain (see the module's docstring); raises `Unusual` if not.

    With `builder`, also builds its node tree, as `TreeBuilder.recording` would.
    """
    try:
        next_event = parser_class(text).get_event
    except UnicodeEncodeError:  # lone surrogates: reported by the general pass
        raise Unusual from None
    text_of_tree = builder.text if builder is not None else ""
    # The open collection: a mapping (`mapping`, with its pending `key`) or a sequence (`append`),
    # or neither at the top; the enclosing ones wait on `stack`.
    container: Any = None
    mapping: dict[str, Any] | None = None
    append: Any = None
    key: Any = _MISSING
    node: Node | None = None  # the open collection's node, when building the tree
    raw_append: Any = None  # its children's list's `append`
    stack: list[tuple[Any, dict[str, Any] | None, Any, Any, Node | None, Any]] = []
    root: Any = None
    documents = 0
    scalar, alias = ScalarEvent, AliasEvent
    mapping_start, mapping_end = MappingStartEvent, MappingEndEvent
    sequence_start, sequence_end = SequenceStartEvent, SequenceEndEvent
    document_start = DocumentStartEvent
    try:
        while True:
            event = next_event()
            kind = type(event)
            if kind is scalar:
                if event.tag is not None or event.anchor is not None:
                    raise Unusual
                value = event.value
                if value in nulls and event.implicit[0]:
                    value = None
                if raw_append is not None:
                    raw_append(event)
                if mapping is not None:
                    if key is _MISSING:
                        if value is None or value in mapping:
                            raise Unusual  # a null key (E008) or a repeated one (E006)
                        key = value
                    else:
                        mapping[key] = value
                        key = _MISSING
                elif append is not None:
                    append(value)
                else:
                    root = value
                    if builder is not None:
                        builder.root = node_of(event, text_of_tree)
            elif kind is mapping_start or kind is sequence_start:
                if event.tag is not None or event.anchor is not None or len(stack) >= max_depth:
                    raise Unusual
                if mapping is not None and key is _MISSING:
                    raise Unusual  # a mapping or sequence as a key (E008)
                stack.append((container, mapping, append, key, node, raw_append))
                key = _MISSING
                if kind is mapping_start:
                    container = mapping = {}
                    append = None
                else:
                    container = []
                    append = container.append
                    mapping = None
                if builder is not None:
                    node = open_collection(event, text_of_tree)
                    raw_append = node._raw.append
            elif kind is mapping_end or kind is sequence_end:
                value = container
                finished = node
                container, mapping, append, key, node, raw_append = stack.pop()
                if mapping is not None:
                    mapping[key] = value
                    key = _MISSING
                elif append is not None:
                    append(value)
                else:
                    root = value
                if finished is not None:
                    close(finished, event, text_of_tree)
                    if raw_append is not None:
                        raw_append(finished)
                    else:
                        builder.root = finished  # type: ignore[union-attr]
            elif kind is alias:
                raise Unusual
            elif kind is document_start:
                documents += 1
                if documents > 1:
                    raise Unusual
            elif event is None:
                break
    except yaml.YAMLError:  # a syntax or encoding error: reported by the general pass
        raise Unusual from None
    if builder is not None and documents:
        builder.documents = documents
    return root



def positions_of_plain(text: str, parser_class: Any, nulls: frozenset[str], max_depth: int,
                       positions: dict[Path, tuple[Marks | None, Marks]]) -> None:
    """Where every value of a plain `text` is, as the general pass records it for `SourceMap`
    (each path's key's and value's marks); raises `Unusual` where `load_plain` would.

    The same loop as `load_plain`, less the tree and plus the marks: placing the first
    diagnostic of a 10,000-node map took 0.40 s CPU in the general pass, 0.32 s here.
    """
    try:
        next_event = parser_class(text).get_event
    except UnicodeEncodeError:
        raise Unusual from None
    # As in `load_plain`, plus the open collection's `path`, whether it is `flow`, the marks of
    # its start and of the end of its last value (where a block collection ends), and those
    # of its pending key.
    container: Any = None
    mapping: dict[str, Any] | None = None
    key: Any = _MISSING
    key_marks: Marks | None = None
    path: Path = ()
    flow = False
    start_mark: Any = None
    last_end: Any = None
    stack: list[tuple[Any, dict[str, Any] | None, Any, Marks | None, Path, bool, Any, Any]] = []
    documents = 0
    scalar, alias = ScalarEvent, AliasEvent
    mapping_start, mapping_end = MappingStartEvent, MappingEndEvent
    sequence_start, sequence_end = SequenceStartEvent, SequenceEndEvent
    try:
        while True:
            event = next_event()
            kind = type(event)
            if kind is scalar:
                if event.tag is not None or event.anchor is not None:
                    raise Unusual
                value = event.value
                if value in nulls and event.implicit[0]:
                    value = None
                marks = (event.start_mark, event.end_mark)
            elif kind is mapping_start or kind is sequence_start:
                if event.tag is not None or event.anchor is not None or len(stack) >= max_depth:
                    raise Unusual
                if mapping is not None and key is _MISSING:
                    raise Unusual
                stack.append((container, mapping, key, key_marks, path, flow, start_mark, last_end))
                if container is not None:
                    path = path + (key,) if mapping is not None else path + (len(container),)
                key = _MISSING
                container = mapping = {} if kind is mapping_start else None
                if mapping is None:
                    container = []
                flow = bool(event.flow_style)
                start_mark = event.start_mark
                last_end = event.end_mark
                continue
            elif kind is mapping_end or kind is sequence_end:
                value = container
                marks = (start_mark, event.end_mark if flow else last_end)
                container, mapping, key, key_marks, path, flow, start_mark, last_end = stack.pop()
            elif kind is alias:
                raise Unusual
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise Unusual
                continue
            elif event is None:
                break
            else:
                continue
            # Attach the scalar or the finished collection, recording where it is.
            if container is None:
                positions[()] = (None, marks)
                continue
            last_end = marks[1]
            if mapping is not None:
                if key is _MISSING:
                    if value is None or value in mapping:
                        raise Unusual
                    key = value
                    key_marks = marks
                else:
                    positions[path + (key,)] = (key_marks, marks)
                    mapping[key] = value
                    key = _MISSING
            else:
                positions[path + (len(container),)] = (None, marks)
                container.append(value)
    except yaml.YAMLError:
        raise Unusual from None
