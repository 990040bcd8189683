"""The loader's general pass: every libyaml event read in Python, with every problem reported.

`loader.load_text` first tries the fast path (`fast_path.load_plain`), which reads only plain
text and gives up at anything else. This pass reads anything: it reports tags, duplicate and
non-text keys, aliases without anchors, alias and depth bombs and second documents at their
places, and, with `positions`, records where every value is, for `loader.SourceMap`: as
libyaml's marks, which `yaml_problems.mark_spans` turns into spans only for the few paths a
diagnostic asks for (a span per value cost twice the pass itself).
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

from argmap.diagnostics import Diagnostic, Path, Position, Related, error

from .tree import TreeBuilder
from .yaml_problems import mark_positions, mark_spans, offset_position, reader_error, syntax_error

EventParser: Any
"""libyaml's event parser when PyYAML was built with it (the PyPI wheels are), else PyYAML's own."""
try:
    from yaml._yaml import CParser

    EventParser = CParser
    _OFFSETS_IN_BYTES = True  # libyaml reads the text as UTF-8 and reports reader errors in bytes
except ImportError:  # pragma: no cover - exercised only without libyaml
    EventParser = yaml.SafeLoader
    _OFFSETS_IN_BYTES = False

_LIBYAML_DEPTH_PROBLEM = "exceeded maximum nesting depth"
"""libyaml 0.2.6 (in PyYAML 6.0.4's wheels) stops at 1,000 levels with this problem. Its scanner
reads far ahead inside brackets, so it can stop before argmap has seen a single level. Read
again only up to where it stopped, libyaml never reaches its own limit and argmap's (far lower)
one is found at its place; PyYAML's own parser, which has no limit but is far slower, is the
last resort."""

MAX_DEPTH = 64
"""The format nests six levels deep; anything far deeper is a mistake or an attack."""

MAX_ALIAS_EXPANSION = 100_000
"""Values that aliases may add beyond the file's own; a billion-laughs file needs far more.

Kept well below what the rest of the pipeline could take: every aliased value
is checked and may yield a diagnostic, so a 20 kB file of aliases that expands
to a million references costs seconds and gigabytes downstream."""

YAML_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
"""The plain scalars that mean null: the only implicit typing argmap keeps."""
_YAML_TAG = "tag:yaml.org,2002:"
# Standard tags that only restate the kind of a value; the schema decides what it means.
_HARMLESS_TAGS = frozenset(
    {None, "!"} | {_YAML_TAG + name for name in ("str", "int", "float", "bool", "map", "seq", "null")}
)


class _Stop(Exception):
    """Parsing cannot usefully go on (depth or alias limits, a second document)."""


_MISSING: Any = object()

Marks = tuple[Any, Any]
"""Where a value (or a key) starts and ends: libyaml's marks, for `yaml_problems.mark_spans`."""


class _Frame:
    __slots__ = (
        "anchor",
        "end_mark",
        "flow",
        "is_mapping",
        "key",
        "key_marks",
        "last_end_mark",
        "path",
        "start_count",
        "start_mark",
        "value",
    )

    def __init__(self, value: Any, is_mapping: bool, path: Path, event: Any, count: int):
        self.value = value
        self.start_mark = event.start_mark
        self.end_mark = event.end_mark
        self.is_mapping = is_mapping
        self.flow = bool(getattr(event, "flow_style", False))
        self.key: Any = _MISSING
        self.key_marks: Marks | None = None
        # Where the container's last value ends: a block container ends there, not at the
        # next line's indentation, where libyaml puts its end mark.
        self.last_end_mark = event.end_mark
        self.path = path
        self.anchor = event.anchor
        self.start_count = count


def build(
    text: str, positions: dict[Path, tuple[Marks | None, Marks]] | None, builder: TreeBuilder | None = None
) -> tuple[Any, list[Diagnostic]]:
    """One pass over the events. With `positions`, also record where each path starts; with
    `builder`, also build the node tree."""
    try:
        return _build_events(text, positions, EventParser, builder, offsets_in_bytes=_OFFSETS_IN_BYTES)
    except _TooDeepForLibyaml as too_deep:
        stopped_at = too_deep.index
    # The text is unusable (E009): the retries build no node tree.
    if positions is not None:
        positions.clear()
    try:
        data, diagnostics = _build_events(text[:stopped_at], positions, EventParser,
                                          offsets_in_bytes=_OFFSETS_IN_BYTES)
        if any(diagnostic.code == "E009" for diagnostic in diagnostics):
            return data, diagnostics
    except _TooDeepForLibyaml:
        pass
    if positions is not None:
        positions.clear()
    return _build_events(text, positions, yaml.SafeLoader, offsets_in_bytes=False)


class _TooDeepForLibyaml(Exception):
    """libyaml refused the nesting before argmap's own limit could place the error."""

    def __init__(self, index: int) -> None:
        super().__init__(index)
        self.index = index


def _build_events(
    text: str,
    positions: dict[Path, tuple[Marks | None, Marks]] | None,
    parser_class: Any,
    builder: TreeBuilder | None = None,
    *,
    offsets_in_bytes: bool,
) -> tuple[Any, list[Diagnostic]]:
    position = mark_positions(text)
    span = mark_spans(text)
    diagnostics: list[Diagnostic] = []
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    root: Any = None
    count = 0
    expanded = 0
    documents = 0
    tracking = positions is not None

    def place(value: Any, event: Any) -> None:
        """Attach a finished value to the open container (or make it the root)."""
        nonlocal root
        if not stack:
            root = value
            if tracking:
                positions[()] = (None, (event.start_mark, event.end_mark))  # type: ignore[index]
            return
        frame = stack[-1]
        frame.last_end_mark = event.end_mark
        if not frame.is_mapping:
            if tracking:
                path = frame.path + (len(frame.value),)
                positions[path] = (None, (event.start_mark, event.end_mark))  # type: ignore[index]
            frame.value.append(value)
            return
        if frame.key is _MISSING:
            if not isinstance(value, str):
                diagnostics.append(
                    error("E008", "a key must be plain text, not a list, mapping or null",
                          span=span(event.start_mark, event.end_mark))
                )
                frame.key = None  # skip the value that follows
                return
            if value in frame.value:
                first = positions.get(frame.path + (value,)) if tracking else None  # type: ignore[union-attr]
                first_key = span(*first[0]) if first and first[0] else None
                where = f" (first at line {first_key.start.line})" if first_key else ""
                diagnostics.append(
                    error("E006", f"duplicate key '{value}'{where}",
                          span=span(event.start_mark, event.end_mark),
                          hint="YAML keeps only one of them; merge the two entries or rename one",
                          related=(Related("first defined here", span=first_key),) if first_key else ())
                )
                frame.key = None
                return
            frame.key = value
            if tracking:
                frame.key_marks = (event.start_mark, event.end_mark)
            return
        key, frame.key = frame.key, _MISSING
        if key is None:
            return
        if tracking:
            positions[frame.path + (key,)] = (frame.key_marks,  # type: ignore[index]
                                              (event.start_mark, event.end_mark))
        frame.value[key] = value

    def check_tag(event: Any) -> None:
        if event.tag not in _HARMLESS_TAGS:
            shown = "!!" + event.tag[len(_YAML_TAG):] if event.tag.startswith(_YAML_TAG) else event.tag
            diagnostics.append(
                error("E007", f"unsupported YAML tag '{shown}'",
                      span=span(event.start_mark, event.end_mark),
                      hint="argmap files hold plain text, lists and mappings; remove the tag")
            )

    def child_path() -> Path:
        if not tracking or not stack:
            return ()
        frame = stack[-1]
        if frame.is_mapping:
            return frame.path + (frame.key,) if isinstance(frame.key, str) else frame.path
        return frame.path + (len(frame.value),)

    try:
        parser = parser_class(text)
        if builder is not None:
            parser = builder.recording(parser)
    except UnicodeEncodeError as exc:  # lone surrogates: only text handed to the library has them
        return None, [error("E002", f"the text holds U+{ord(text[exc.start]):04X}, which is not valid Unicode",
                            position=offset_position(text, exc.start),
                            hint="save the file with UTF-8 encoding")]
    try:
        while True:
            event: Any = parser.get_event()
            if event is None:
                break
            kind = type(event)
            if kind is ScalarEvent:
                count += 1
                value = event.value
                if event.tag is not None:
                    check_tag(event)
                    if event.tag == _YAML_TAG + "null":
                        value = None
                elif event.implicit[0] and value in YAML_NULLS:
                    value = None
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
                place(value, event)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                count += 1
                if event.tag is not None:
                    check_tag(event)
                if len(stack) >= MAX_DEPTH:
                    diagnostics.append(
                        error("E009", f"nesting deeper than {MAX_DEPTH} levels",
                              position=position(event.start_mark),
                              hint="an argmap file nests only a few levels deep")
                    )
                    raise _Stop
                is_mapping = kind is MappingStartEvent
                stack.append(_Frame({} if is_mapping else [], is_mapping, child_path(), event, count))
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor is not None:
                    anchors[frame.anchor] = (frame.value, count - frame.start_count + 1)
                # The container spans from where it started to its closing bracket, or, in block
                # style, to the end of its last value.
                frame.end_mark = event.end_mark if frame.flow else frame.last_end_mark
                place(frame.value, frame)
            elif kind is AliasEvent:
                target = anchors.get(event.anchor)
                if target is None:
                    diagnostics.append(
                        error("E009", f"alias *{event.anchor} has no anchor before it",
                              position=position(event.start_mark),
                              hint="define the anchor (&name) before using it; an alias cannot refer to its own value")
                    )
                    raise _Stop
                expanded += target[1]
                count += target[1]
                if expanded > MAX_ALIAS_EXPANSION:
                    diagnostics.append(
                        error("E009", "aliases expand to too much data (more than "
                              f"{MAX_ALIAS_EXPANSION:,} values)",
                              position=position(event.start_mark),
                              hint="a file that repeats anchors within anchors grows exponentially")
                    )
                    raise _Stop
                place(target[0], event)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    diagnostics.append(
                        error("E005", "the file holds more than one YAML document",
                              position=position(event.start_mark),
                              hint="an argmap file is one document; remove the '---' line and what follows, "
                              "or split the file")
                    )
                    raise _Stop
    except _Stop:
        pass
    except yaml.MarkedYAMLError as exc:
        if exc.problem == _LIBYAML_DEPTH_PROBLEM and parser_class is not yaml.SafeLoader:
            raise _TooDeepForLibyaml(exc.problem_mark.index if exc.problem_mark else len(text)) from None
        diagnostics.append(syntax_error(exc, text))
    except yaml.reader.ReaderError as exc:
        diagnostics.append(reader_error(exc, text, offsets_in_bytes))
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always marks its errors
        diagnostics.append(error("E003", f"YAML error: {exc}", position=Position(1, 1)))
    return root, diagnostics
