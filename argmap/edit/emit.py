"""New YAML text for new entries: scalars quoted only when needed, in the file's layout.

Only text that an edit adds is produced here; nothing existing is re-emitted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

_NO_WRAP = 2**31 - 1

Value = str | float | int | Mapping[str, Any] | Sequence[Any]


@dataclass(frozen=True)
class Style:
    """How the file lays things out, so new entries look like the user's own."""

    indent: int = 2
    """Columns a nested mapping is indented by."""
    sequence_indent: int = 2
    """Columns a block sequence's dash is indented from its key (0 for `key:\\n- item`)."""
    flow_lists: bool = False
    """Relations written as `[a, b]` rather than one `- a` per line."""
    newline: str = "\n"


def scalar(text: str, *, in_flow: bool = False) -> str:
    """`text` as a one-line YAML scalar: plain when it reads back unchanged, quoted otherwise.

    The decision is PyYAML's: for a block mapping value (`key: text`), or, with
    `in_flow`, for a place inside `[...]` or `{...}`, where `,` and brackets
    need quoting too. Text with a line break (any libyaml reads as one) or a
    character YAML does not print is written double-quoted with escapes.
    """
    if _NEEDS_ESCAPES.search(text):
        return double_quoted(text)
    if in_flow:
        dumped = yaml.safe_dump([text], default_flow_style=True, width=_NO_WRAP, allow_unicode=True)
        inner = dumped.strip()[1:-1]
    else:
        dumped = yaml.safe_dump({"k": text}, default_flow_style=False, width=_NO_WRAP, allow_unicode=True)
        inner = dumped[len("k: "):].rstrip("\n")
    return inner if "\n" not in inner else double_quoted(text)


_NEEDS_ESCAPES = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
"""A line break (LF, CR, NEL, LS, PS), or a character outside YAML's printable set (tab, x20-x7E,
xA0-uD7FF less LS and PS, uE000-uFFFD, astral): written as the short list of what is outside it,
which compiles 10x quicker than its complement (~4 ms of every edit's start-up)."""

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x85": "\\N",
            "\u2028": "\\L", "\u2029": "\\P", "\x00": "\\0"}


def double_quoted(text: str) -> str:
    """`text` in double quotes on one line: every line break and non-printable character escaped
    (`\\N`, `\\L`, `\\P` for NEL, LS and PS, which libyaml would otherwise fold into a space or
    keep as a raw break), so that it reads back exactly as `text`."""
    out = []
    for character in text:
        escaped = _ESCAPES.get(character)
        if escaped is None and _NEEDS_ESCAPES.match(character):
            code = ord(character)
            escaped = f"\\x{code:02X}" if code < 0x100 else (f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}")
        out.append(escaped if escaped is not None else character)
    return '"' + "".join(out) + '"'


def number(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def flow(value: Value) -> str:
    """A value in flow style: `{to: a, weight: 0.5}`, `[a, b]` or a scalar."""
    if isinstance(value, str):
        return scalar(value, in_flow=True)
    if isinstance(value, bool):  # pragma: no cover - the format has no booleans
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{scalar(k, in_flow=True)}: {flow(v)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(flow(v) for v in value) + "]"


def list_item(value: Value, indent: int, style: Style) -> list[str]:
    """The lines of one block-sequence item at `indent` (the dash's column).

    Simple mappings are written in flow style, `- {to: a, weight: 0.5}`; one
    holding a mapping (an undercut's `link`) is written as a block mapping,
    as people do to keep the line short.
    """
    pad = " " * indent
    if isinstance(value, Mapping) and any(isinstance(v, Mapping) for v in value.values()):
        lines = []
        for number_, (key, item) in enumerate(value.items()):
            lead = "- " if number_ == 0 else "  "
            lines.append(f"{pad}{lead}{scalar(key)}: {flow(item)}")
        return lines
    return [f"{pad}- {flow(value)}"]


def field_lines(key: str, value: Value, indent: int, style: Style) -> list[str]:
    """`key: value` at `indent`, with lists in the file's list style."""
    pad = " " * indent
    if isinstance(value, Sequence) and not isinstance(value, str):
        if style.flow_lists:
            return [f"{pad}{scalar(key)}: {flow(value)}"]
        lines = [f"{pad}{scalar(key)}:"]
        for item in value:
            lines += list_item(item, indent + style.sequence_indent, style)
        return lines
    return [f"{pad}{scalar(key)}: {scalar(value) if isinstance(value, str) else flow(value)}"]


def entry_lines(entry_id: str, fields: Mapping[str, Value], indent: int, style: Style) -> list[str]:
    """A whole new section entry: `id:` and its fields one level deeper."""
    lines = [f"{' ' * indent}{scalar(entry_id)}:"]
    for key, value in fields.items():
        lines += field_lines(key, value, indent + style.indent, style)
    return lines


def join(lines: Sequence[str], newline: str) -> str:
    """Whole lines, each ended by the file's line ending."""
    return "".join(line + newline for line in lines)
