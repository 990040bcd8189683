"""An imported map as YAML, written as a person would write it.

Sections in the format's order (question, framework, parties, sources, claims,
evidence, rebuttals), one entry per id, a blank line between sections, scalars
quoted only where YAML needs it, relations in the short forms the README
teaches (`supports: [id]`, `- {to: id, kind: rebut, weight: 0.6}`), and a
comment above each entry that the import could not carry exactly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from argmap.diagnostics import Path
from argmap.edit import emit
from argmap.model import ArgumentMap

from . import ImportResult

_SECTIONS = ("parties", "sources", "claims", "evidence", "rebuttals")
_LINE_BREAKS = re.compile("[\r\n\x85\u2028\u2029]+")
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


_PLAIN_START = re.compile("[A-Za-z(\u201c\u2018]")
# Words YAML 1.1 readers (not argmap's) would take for booleans or null: quoted, as a person would.
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def scalar(text: str, *, in_flow: bool = False) -> str:
    """`text` as a YAML scalar: plain when it plainly is text, else as `emit.scalar` writes it.

    The common case (a sentence starting with a letter, without `: ` or ` #`) needs no
    emitter: PyYAML's pure-Python one costs about a millisecond per call, most of an import.
    """
    if (_PLAIN_START.match(text) and text.isprintable() and text == text.strip() and ": " not in text
            and " #" not in text and not text.endswith(":") and text.lower() not in _RESERVED
            and not (in_flow and any(c in text for c in ",[]{}"))):
        return text
    return emit.scalar(text, in_flow=in_flow)


def write_map(result: ImportResult) -> str:
    """The YAML text of `result.map` with its comments; the map must be present."""
    assert result.map is not None
    return MapWriter(result.comments).write(result.map, result.header)


def dump_yaml(argument_map: ArgumentMap) -> str:
    """A map as YAML text, without comments."""
    return MapWriter({}).write(argument_map, [])


def comment_text(text: str) -> str:
    """One comment line's text: no line break, no control character reaching the file raw."""
    flat = _LINE_BREAKS.sub(" ", text)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", flat).strip()


def _without_empty_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out what a person would not write: a support's empty `roles`, an answer's `upholds: false`."""
    for name in ("claims", "evidence", "rebuttals"):
        for entry in (data.get(name) or {}).values():
            for support in entry.get("supports", []):
                if isinstance(support, dict) and support.get("roles") == {}:
                    del support["roles"]
            for answer in entry.get("answers", []):
                if isinstance(answer, dict) and answer.get("upholds") is False:
                    del answer["upholds"]
    if data.get("schemes") == {}:
        del data["schemes"]
    return data


class MapWriter:
    def __init__(self, comments: Mapping[Path, list[str]]) -> None:
        self.comments = comments
        self.lines: list[str] = []

    def write(self, argument_map: ArgumentMap, header: Sequence[str]) -> str:
        data = _without_empty_defaults(argument_map.model_dump(mode="json", by_alias=True, exclude_none=True))
        for line in header:
            self.lines.append(f"# {comment_text(line)}")
        self.lines.append(f"argmap: {data['argmap']}")
        self.section("question", data["question"])
        framework = dict(data["framework"])
        elements = framework.pop("elements")
        self.section("framework", framework)
        self.lines.append("  elements:")
        for element_id, element in elements.items():
            self.entry(("framework", "elements", element_id), element_id, element, indent=4)
        for name in _SECTIONS:
            entries = data.get(name) or {}
            if not entries:
                continue
            self.blank()
            self.remarks((name,), 0)
            self.lines.append(f"{name}:")
            for entry_id, entry in entries.items():
                self.entry((name, entry_id), entry_id, entry, indent=2)
        return "\n".join(self.lines) + "\n"

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def remarks(self, path: Path, indent: int) -> None:
        for text in self.comments.get(path, ()):
            self.lines.append(f"{' ' * indent}# {comment_text(text)}")

    def section(self, name: str, fields: Mapping[str, Any]) -> None:
        self.blank()
        self.remarks((name,), 0)
        self.lines.append(f"{name}:")
        for key, value in fields.items():
            self.field(key, value, 2)

    def entry(self, path: Path, entry_id: str, fields: Mapping[str, Any], indent: int) -> None:
        self.remarks(path, indent)
        self.lines.append(f"{' ' * indent}{scalar(entry_id)}:")
        for key, value in fields.items():
            if value == [] or value is None:
                continue
            self.field(key, value, indent + 2)

    def field(self, key: str, value: Any, indent: int) -> None:
        pad = " " * indent
        if isinstance(value, list):
            relations = [_short(item) for item in value]
            if all(isinstance(r, str) for r in relations):
                self.lines.append(f"{pad}{key}: [{', '.join(scalar(r, in_flow=True) for r in relations)}]")
                return
            self.lines.append(f"{pad}{key}:")
            for relation in relations:
                self.lines.append(f"{pad}  - {_flow(relation)}")
            return
        self.lines.append(f"{pad}{key}: {_flow(value) if not isinstance(value, str) else scalar(value)}")


def _short(relation: Any) -> Any:
    """`{to: id}` alone is written as the bare id, as people write it."""
    if isinstance(relation, Mapping) and set(relation) == {"to"}:
        return relation["to"]
    return relation


def _flow(value: Any) -> str:
    if isinstance(value, str):
        return scalar(value, in_flow=True)
    if isinstance(value, bool):  # pragma: no cover - the format has no booleans
        return "true" if value else "false"
    if isinstance(value, float):
        # repr keeps every digit, so a weight reads back as the same float.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{scalar(k, in_flow=True)}: {_flow(v)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(_flow(v) for v in value) + "]"
