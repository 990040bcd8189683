"""`json.dumps(data, indent=N, ensure_ascii=False)`, byte for byte, at the speed of the C encoder.

The standard library encodes with C only without `indent`; with it, every
value goes through the pure-Python encoder (about a quarter of `argmap
evaluate --format json` at 100,000 nodes). The fast JSON libraries do not
write the same bytes (orjson writes `1e-9` for `1e-09`, `0.00001` for
`1e-05`, `null` for NaN, and refuses integers past 64 bits), so argmap's
output would change. Instead, this module lets the C encoder write the
values and lays the indentation out itself:

- containers are walked in Python, down to the ones that hold only scalars
  (strings, numbers, booleans, None);
- a list of such flat objects, the bulk of a large document (one per node),
  is encoded in one C call with `",\\n"` as the item separator. A raw line
  feed never occurs inside an encoded string (it is written `\\n`), so each
  one in the output is a separator, and three `str.replace` calls turn them
  into the indented layout;
- anything else (an object with nested containers, a lone scalar) is laid
  out item by item, each scalar encoded by the C encoder.

Anything the fast path is not sure of (a type other than dict, list, tuple,
str, int, float, bool and None, or a subclass of one) goes to the standard
library as a whole, so errors and `default` handling stay its own. The test
suite compares the two on generated documents (tests/test_indented_json.py).

Public API: `dumps_indented`.
"""

from __future__ import annotations

import json
from itertools import chain
from typing import Any

try:  # CPython's accelerator; without it, the standard library's own path is the only one
    from _json import encode_basestring as _c_encode_string
    from _json import make_encoder as _c_make_encoder

    _ACCELERATED = True
except ImportError:  # pragma: no cover - every CPython build argmap supports has it
    _ACCELERATED = False

_SCALARS = frozenset({str, int, float, bool, type(None)})
_CONTAINERS = frozenset({dict, list, tuple})


class _Unsure(Exception):
    """Something only the standard library should encode."""


def _encoder(item_separator: str) -> Any:
    # The arguments are those json.JSONEncoder passes (ensure_ascii False, check_circular off: the
    # walk below meets every container once, and a cycle goes to the standard library).
    return _c_make_encoder(None, _refuse, _c_encode_string, None, ": ", item_separator, False, False, True)


def _refuse(value: Any) -> Any:
    raise _Unsure


def dumps_indented(data: Any, indent: int = 2) -> str:
    """Exactly `json.dumps(data, indent=indent, ensure_ascii=False)`."""
    if not _ACCELERATED:  # pragma: no cover
        return json.dumps(data, indent=indent, ensure_ascii=False)
    try:
        return _Writer(indent).document(data)
    except (_Unsure, RecursionError):
        return json.dumps(data, indent=indent, ensure_ascii=False)


class _Writer:
    def __init__(self, indent: int):
        self.step = " " * indent
        self.scalar = _encoder(", ")
        self.line_encoders: dict[int, Any] = {}
        self.seen: set[int] = set()

    def document(self, data: Any) -> str:
        parts: list[str] = []
        self.write(data, 0, parts)
        return "".join(parts)

    def encode_scalar(self, value: Any) -> str:
        if type(value) not in _SCALARS:
            raise _Unsure
        return "".join(self.scalar(value, 0))

    def key(self, key: Any) -> str:
        # json turns keys that are not strings into strings first; only plain strings come here.
        if type(key) is not str:
            raise _Unsure
        return _c_encode_string(key)

    def write(self, value: Any, depth: int, parts: list[str]) -> None:
        kind = type(value)
        if kind not in _CONTAINERS:
            parts.append(self.encode_scalar(value))
            return
        if not value:
            parts.append("{}" if kind is dict else "[]")
            return
        if kind is not dict and _flat_objects(value):
            parts.append(self.flat_objects(value, depth))
            return
        if id(value) in self.seen:  # a cycle: the standard library reports it
            raise _Unsure
        self.seen.add(id(value))
        inner = "\n" + self.step * (depth + 1)
        if kind is dict:
            parts.append("{")
            for number, (key, item) in enumerate(value.items()):
                parts.append(("," if number else "") + inner + self.key(key) + ": ")
                self.write(item, depth + 1, parts)
        else:
            parts.append("[")
            for number, item in enumerate(value):
                parts.append(("," if number else "") + inner)
                self.write(item, depth + 1, parts)
        self.seen.discard(id(value))
        parts.append("\n" + self.step * depth + ("}" if kind is dict else "]"))

    def flat_objects(self, objects: list[Any] | tuple[Any, ...], depth: int) -> str:
        """A non-empty list of non-empty objects holding scalars only, laid out at `depth`."""
        outer, inner = "\n" + self.step * (depth + 1), "\n" + self.step * (depth + 2)
        encode = self.line_encoders.get(depth)
        if encode is None:
            encode = self.line_encoders[depth] = _encoder("," + inner)
        # Every item separator is now laid out for an object's items: [{"k": v,<inner>"k": v},<inner>{"k": v}].
        # Those between objects are the ones before a "{" (an object's item is a key: a string).
        text = "".join(encode(objects, 0)).replace("}," + inner + "{", outer + "}," + outer + "{" + inner)
        return "[" + outer + "{" + inner + text[2:-2] + outer + "}\n" + self.step * depth + "]"


def _flat_objects(values: list[Any] | tuple[Any, ...]) -> bool:
    """Whether every item is a non-empty dict of scalars (checked in C, over every value at once)."""
    return (set(map(type, values)) == {dict} and 0 not in map(len, values)
            and set(map(type, chain.from_iterable(map(dict.values, values)))) <= _SCALARS)
