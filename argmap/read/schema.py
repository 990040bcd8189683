"""The format's schema: plain data to an `ArgumentMap`, or diagnostics saying why not.

pydantic does the checking; this module turns its errors into argmap's coded,
positioned diagnostics with hints, and exports the JSON Schema editors use.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from argmap.diagnostics import Diagnostic, Path, error
from argmap.model import FORMAT_VERSION, ID_MAX_LENGTH, ID_PATTERN, ArgumentMap

from .partial import Gaps, closest, partial_map


@dataclass
class SchemaResult:
    """The schema's verdict: the map when it is valid; else its problems and what still parsed."""

    argument_map: ArgumentMap | None
    diagnostics: list[Diagnostic]
    partial: ArgumentMap | None = None
    """Every entry that parsed (see `partial`), for the graph checks, when the map is not valid."""
    gaps: Gaps = dataclasses.field(default_factory=Gaps)


def parse_map(data: Any) -> tuple[ArgumentMap | None, list[Diagnostic]]:
    """Validate loaded data against the format; every problem is reported, not just the first."""
    result = check_schema(data)
    return result.argument_map, result.diagnostics


def check_schema(data: Any) -> SchemaResult:
    """Validate loaded data; when it fails, also salvage the entries that parse."""
    if not isinstance(data, dict):
        return SchemaResult(None, [
            error(
                "E004",
                f"the file holds {_describe(data)}, but an argmap file is a mapping",
                (),
                hint="start with `argmap: 1`, then `question:`, `framework:` and the other sections",
            )
        ])
    try:
        return SchemaResult(ArgumentMap.model_validate(data), [])
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    partial, gaps = partial_map(data, errors)
    return SchemaResult(None, [_translate(item) for item in _without_typo_echoes(errors)], partial, gaps)


def _without_typo_echoes(errors: list[Any]) -> list[Any]:
    """Drop "missing 'text'" where an unknown 'txet' beside it is reported as "did you mean 'text'?".

    One typo is one mistake, so it gets one diagnostic, at the misspelt key.
    """
    meant: set[Path] = set()
    for item in errors:
        loc = tuple(item["loc"])
        if item["type"] == "extra_forbidden" and loc and isinstance(loc[-1], str):
            close = _closest_field(loc)
            if close is not None:
                meant.add((*loc[:-1], close))
    return [i for i in errors if not (i["type"] == "missing" and tuple(i["loc"]) in meant)]


def _closest_field(loc: Path) -> str | None:
    return closest(str(loc[-1]), tuple(_field_names(loc[:-1])))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format, for editors' YAML language servers.

    pydantic's schema describes the model's Python types; editors apply it to YAML as a YAML
    1.2 parser types it. Two adjustments make it accept exactly what `argmap validate`
    accepts, where a schema can say so (references between ids it cannot):

    - argmap reads every scalar as text, so `locator: 12`, `date: 2014` or an id `to: 12`
      are valid: text fields also take numbers and booleans, id fields whole numbers;
    - a mapping keyed by ids checks every key (`propertyNames`) rather than ignoring the
      keys its pattern does not match, so `Bad_ID:` is flagged as argmap flags it.
    """
    schema = ArgumentMap.model_json_schema(by_alias=True)
    _as_argmap_reads_it(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "argmap argument map"
    return schema


def _as_argmap_reads_it(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _as_argmap_reads_it(item)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _as_argmap_reads_it(value)
    if node.get("type") == "string" and "enum" not in node and "const" not in node:
        if node.get("pattern") == ID_PATTERN:
            # A plain whole number reads as an id of digits ("12"); a negative one does not.
            node["type"] = ["string", "integer"]
            node["minimum"] = 0
        else:
            node["type"] = ["string", "number", "boolean"]
    pattern_properties = node.get("patternProperties")
    if isinstance(pattern_properties, dict) and list(pattern_properties) == [ID_PATTERN]:
        names = node.setdefault("propertyNames", {})
        names["pattern"] = ID_PATTERN
        node["additionalProperties"] = node.pop("patternProperties")[ID_PATTERN]


def _translate(item: Any) -> Diagnostic:
    kind: str = item["type"]
    loc: Path = tuple(item["loc"])
    given = item.get("input")
    context = item.get("ctx") or {}

    if len(loc) >= 2 and loc[-1] == "[key]":
        return _bad_key(loc[:-1])
    field = _label(loc)
    if kind == "missing":
        hint = "add `argmap: 1` as the first line" if loc == ("argmap",) else None
        return error("E101", f"missing required field '{field}'", loc, hint=hint, at_key=True)
    if kind == "extra_forbidden":
        known = _field_names(loc[:-1])
        close = _closest_field(loc)
        hint = f"did you mean '{close}'?" if close else (
            f"allowed here: {', '.join(known)}" if known else None
        )
        return error("E102", f"unknown field '{field}'", loc, hint=hint, at_key=True)
    if loc == ("argmap",):
        return error(
            "E105",
            f"unsupported format version {_as_written(given)}",
            loc,
            hint=f"this argmap reads format version {FORMAT_VERSION}",
        )
    expected = _EXPECTED.get(kind)
    if expected is not None:
        return error("E103", f"'{field}' should be {expected}, not {_describe(given)}", loc,
                     hint=_type_hint(kind, loc))
    if kind == "enum":
        allowed = [str(v) for v in _enum_values(loc)]
        choices = difflib.get_close_matches(str(given), allowed, n=1)
        hint = f"did you mean '{choices[0]}'?" if choices else None
        return error("E104", f"'{field}' must be one of {', '.join(allowed)}; got {given!r}",
                     loc, hint=hint)
    if kind == "string_pattern_mismatch":
        return error("E104", f"invalid id {given!r}", loc, hint=_id_hint(given))
    if kind == "string_too_long":
        return error("E104", f"'{field}' is longer than {context.get('max_length')} characters",
                     loc)
    if kind == "string_too_short":
        return error("E104", f"'{field}' must not be empty", loc)
    if kind == "too_short":
        return error("E104", f"'{field}' needs at least {context.get('min_length')} item(s)", loc,
                     hint=_TOO_SHORT_HINTS.get(field))
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return error("E104", f"'{field}' must be between 0 and 1; got {_as_written(given)}", loc)
    return error("E104", f"'{field}': {item['msg']}", loc)


_EXPECTED = {
    "string_type": "text",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "list_type": "a list",
    "float_parsing": "a number",
    "float_type": "a number",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "finite_number": "a finite number",
}

_TOO_SHORT_HINTS = {
    "attacks": "a rebuttal exists to attack something; add `attacks: [{to: ID, kind: rebut}]`",
    "elements": "the framework needs at least one element: a condition the rule requires",
}


def _label(loc: Path) -> str:
    """How to name the value at `loc` in a message: a field name, or 'item N of <list>'."""
    if not loc:
        return "file"
    if isinstance(loc[-1], int):
        return f"item {loc[-1] + 1} of {loc[-2]}" if len(loc) >= 2 else f"item {loc[-1] + 1}"
    return str(loc[-1])


def _type_hint(kind: str, loc: Path) -> str | None:
    if kind in {"model_type", "dict_type"} and len(loc) >= 2 and isinstance(loc[-1], int):
        return "write an id, or a mapping such as {to: some-id, weight: 0.5}"
    if kind == "string_type":
        return "write the text after the colon; quote it if it contains ': ' or starts with a symbol"
    return None


def _as_written(value: Any) -> str:
    """A value for a message: numbers as the user wrote them (the loader keeps them as text)."""
    if isinstance(value, str) and re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", value):
        return value
    return repr(value)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "text" if value else "empty text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _bad_key(path: Path) -> Diagnostic:
    key = str(path[-1])
    return error("E104", f"invalid id '{key}'", path, hint=_id_hint(key), at_key=True)


def _id_hint(value: Any) -> str:
    rule = "ids use lowercase letters, digits, '-' and '_', and start with a letter or digit"
    if not isinstance(value, str):
        return rule
    suggestion = slugify(value)
    return f"{rule}; try '{suggestion}'" if suggestion else rule


def slugify(text: str, max_length: int = ID_MAX_LENGTH) -> str:
    """A readable id from free text in any script: 'Knefel: foreign enemies!' -> 'knefel-foreign-enemies',
    'Émile Zola' -> 'emile-zola', '人民' -> 'ren-min'.

    Transliteration is python-slugify's (over text-unidecode's tables), so letters outside ASCII
    become their closest Latin spelling instead of vanishing.
    """
    # Imported here, not above: only a bad id's hint and new entries' ids need transliteration,
    # and its tables would cost every check of a valid map.
    from slugify import slugify as transliterated_slug

    slug = transliterated_slug(text, separator="-", lowercase=True)
    return slug[:max_length].rstrip("-")


def _model_at(loc: Path) -> Any:
    """The type that the value at `loc` is validated against, walking the model's annotations."""
    current: Any = ArgumentMap
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = {f.alias or name: f for name, f in current.model_fields.items()}
            if not isinstance(part, str) or part not in fields:
                return None
            current = fields[part].annotation
        elif typing.get_origin(current) in (dict, list):
            current = typing.get_args(current)[-1]
        else:
            return None
    return _unwrap(current)


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and Optional[...] down to the model, container or enum inside."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def _field_names(loc: Path) -> list[str]:
    model = _model_at(loc)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [f.alias or name for name, f in model.model_fields.items()]
    return []


def _enum_values(loc: Path) -> list[Any]:
    annotation = _model_at(loc)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [member.value for member in annotation]
    return []
