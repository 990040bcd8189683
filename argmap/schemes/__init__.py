"""Argumentation schemes: the built-in catalogue, and the schemes a map can use.

The catalogue is data (`catalogue.yaml`, shipped in the package), read once
and validated against `model.Scheme` on load: a broken catalogue is a bug in
argmap and fails loudly at the first use, never silently drops a scheme.
docs/schemes.md is generated from it by `describe_catalogue`.

Public API: `catalogue()`, `schemes_of(argument_map)`, `describe_catalogue()`.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

import yaml
from pydantic import TypeAdapter

from argmap.model import ArgumentMap, Scheme

CATALOGUE_FILE = "catalogue.yaml"


@cache
def catalogue_adapter() -> TypeAdapter[dict[str, Scheme]]:
    """The catalogue's validator, built at its first use: building it costs more than a map without
    schemes takes to check."""
    return TypeAdapter(dict[str, Scheme])


@cache
def catalogue() -> MappingProxyType[str, Scheme]:
    """The built-in schemes, keyed by id, in catalogue order."""
    text = files(__package__).joinpath(CATALOGUE_FILE).read_text(encoding="utf-8")
    # Our own file, not the user's: libyaml's safe loader is enough (and a tenth of the pure-Python
    # one's time), and the model checks every field.
    data: Any = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return MappingProxyType(catalogue_adapter().validate_python(data))


def schemes_of(argument_map: ArgumentMap) -> dict[str, Scheme]:
    """Every scheme a map can name: the catalogue's, then the map's own (which replace a built-in of the same id)."""
    return {**catalogue(), **argument_map.schemes}


def describe_catalogue() -> str:
    """docs/schemes.md's catalogue section, in Markdown, generated from the catalogue."""
    lines: list[str] = []
    for scheme_id, scheme in catalogue().items():
        lines += [f"### `{scheme_id}`: {scheme.name}", "", scheme.summary, "", "| role | filled by | what it is |",
                  "| --- | --- | --- |"]
        for role_id, role in scheme.roles.items():
            optional = " (optional)" if role.optional else ""
            lines.append(f"| `{role_id}` | {role.kind.value}{optional} | {role.text} |")
        lines += ["", "| question | type | asks |", "| --- | --- | --- |"]
        lines += [f"| `{q_id}` | {q.type.value} | {q.text} |" for q_id, q in scheme.questions.items()]
        lines.append("")
    return "\n".join(lines)
