"""Reading an argmap file: bytes to plain Python data, with positions on demand.

Safety and fidelity come first. The loader builds data from libyaml's event
stream itself instead of using a YAML constructor, so that:

- no tag can construct an object (`!!python/object` is reported, not run);
- every scalar stays the text the user wrote: YAML 1.1's implicit typing
  (`no` -> False, `2014-06-15` -> date, `012` -> 10) never applies; only the
  null forms are recognised, and the schema converts numbers where it wants them;
- duplicate keys are errors instead of the last one silently winning;
- alias expansion and nesting depth are bounded, so hostile input cannot
  exhaust memory or the stack.

Positions cost time and memory, and a valid file never needs them. So the
first pass records none; `SourceMap` parses again, recording positions, only
when some diagnostic needs a line and column.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
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

from argmap.diagnostics import Diagnostic, Path, Position, Related, Span, error

from .tree import Node, TreeBuilder
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



@dataclass(frozen=True)
class LoadedText:
    """The outcome of loading: the data (None if unusable) and the loader's problems."""

    data: Any
    diagnostics: list[Diagnostic]
    source_map: SourceMap
    tree: Node | None = None
    """The positioned node tree, when asked for (`load_text(text, tree=True)`) and the text parsed."""


@dataclass
class SourceMap:
    """Finds the line and column of any path in the document, parsing again on first use."""

    text: str
    _positions: dict[Path, tuple[Span | None, Span]] | None = field(default=None, repr=False)

    def locate(self, path: Path, *, at_key: bool = False) -> Position:
        return self.locate_span(path, at_key=at_key).start

    def locate_span(self, path: Path, *, at_key: bool = False) -> Span:
        """The span of the value at `path` (or of its key), or of the nearest enclosing key."""
        if self._positions is None:
            positions: dict[Path, tuple[Span | None, Span]] = {}
            _build(self.text, positions)
            self._positions = positions
        found = self._positions.get(path)
        if found is not None:
            key_span, value_span = found
            return key_span if at_key and key_span is not None else value_span
        # The exact path is absent (a missing field, a short form expanded by the model):
        # point at the key of the nearest enclosing value that the user did write.
        for cut in range(len(path) - 1, -1, -1):
            found = self._positions.get(path[:cut])
            if found is not None:
                key_span, value_span = found
                # The whole document is no help: point at where it starts.
                return key_span or (value_span if cut else Span.at(value_span.start))
        return Span.at(Position(1, 1))


def decode(raw: bytes) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 (with or without a BOM) to text, or the position of the first bad byte."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        # Lines as `diagnostics.lines` counts them: at LF, or at CR in a file without any LF.
        separator = b"\r" if b"\r" in raw and b"\n" not in raw else b"\n"
        line = before.count(separator) + 1
        # Columns count characters, as everywhere else, not bytes; the line so far decodes cleanly.
        column = len(before[before.rfind(separator) + 1 :].decode("utf-8")) + 1
        return None, error(
            "E002",
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            position=Position(line, column),
            hint="save the file with UTF-8 encoding",
        )


def load_text(text: str, *, tree: bool = False) -> LoadedText:
    """Parse YAML text into plain data (dicts, lists, strings, None); with `tree`, also build the
    positioned node tree (`tree.Node`) in the same pass, for the editor."""
    source_map = SourceMap(text)
    builder = TreeBuilder(text) if tree else None
    data, diagnostics = _build(text, None, builder)
    if diagnostics:
        # Rebuild recording positions: duplicate keys need both occurrences' lines.
        source_map._positions = {}
        data, diagnostics = _build(text, source_map._positions)
    if not diagnostics and data is None:
        diagnostics = [
            error("E004", "the file is empty", position=Position(1, 1),
                  hint="start from `argmap new FILE --question \"...\"`")
        ]
    return LoadedText(data, diagnostics, source_map, builder.root if builder is not None else None)


class _Stop(Exception):
    """Parsing cannot usefully go on (depth or alias limits, a second document)."""


_MISSING: Any = object()


class _Frame:
    __slots__ = (
        "anchor",
        "end_mark",
        "flow",
        "is_mapping",
        "key",
        "key_span",
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
        self.key_span: Span | None = None
        # Where the container's last value ends: a block container ends there, not at the
        # next line's indentation, where libyaml puts its end mark.
        self.last_end_mark = event.end_mark
        self.path = path
        self.anchor = event.anchor
        self.start_count = count


def _build(
    text: str, positions: dict[Path, tuple[Span | None, Span]] | None, builder: TreeBuilder | None = None
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
    positions: dict[Path, tuple[Span | None, Span]] | None,
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
                positions[()] = (None, span(event.start_mark, event.end_mark))  # type: ignore[index]
            return
        frame = stack[-1]
        frame.last_end_mark = event.end_mark
        if not frame.is_mapping:
            if tracking:
                path = frame.path + (len(frame.value),)
                positions[path] = (None, span(event.start_mark, event.end_mark))  # type: ignore[index]
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
                first_key = first[0] if first else None
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
                frame.key_span = span(event.start_mark, event.end_mark)
            return
        key, frame.key = frame.key, _MISSING
        if key is None:
            return
        if tracking:
            positions[frame.path + (key,)] = (frame.key_span,  # type: ignore[index]
                                              span(event.start_mark, event.end_mark))
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
