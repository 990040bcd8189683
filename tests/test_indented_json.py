"""`dumps_indented` writes exactly what `json.dumps(data, indent=N, ensure_ascii=False)` writes.

argmap prints its JSON through `safe_json`, which lays the indentation out
around the C encoder's output (argmap/diagnostics/indented_json.py); these
tests hold it to the standard library's bytes on generated documents: any
scalar JSON can hold (floats tiny and huge, NaN, integers past 64 bits,
control, bidirectional and non-BMP characters), nesting of every shape,
empty containers, lists of flat objects (the fast path) and the odd cases
that go to the standard library (keys that are not strings, enum members,
shared and circular containers).
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.diagnostics.indented_json import dumps_indented
from argmap.diagnostics.text import safe_json


class Colour(StrEnum):
    RED = "red"


TEXT = st.text(st.characters(codec="utf-8") | st.sampled_from("\x00\x1b\x7f\x85\x9b\u061c\u200e\u2028\u202e\u2066"
                                                                "\"\\/\n\r\t{}[],:"), max_size=12)
SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(-2**70, 2**70)
           | st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([1e-09, 1e-05, 1e16, -0.0, 0.1, 1.0])
           | TEXT)
FLAT_OBJECT = st.dictionaries(TEXT, SCALARS, min_size=1, max_size=5)


def documents() -> st.SearchStrategy[Any]:
    return st.recursive(
        SCALARS | st.sampled_from([Colour.RED]),
        lambda children: (st.lists(children, max_size=4) | st.lists(children, max_size=3).map(tuple)
                          | st.dictionaries(TEXT, children, max_size=4)
                          | st.dictionaries(st.integers() | st.floats() | st.booleans() | st.none(), children,
                                            max_size=2)
                          | st.lists(FLAT_OBJECT, min_size=1, max_size=4)),
        max_leaves=30)


@settings(max_examples=2000, deadline=None)
@given(documents(), st.sampled_from([0, 1, 2, 4]))
def test_the_same_bytes_as_the_standard_library(data: Any, indent: int) -> None:
    assert dumps_indented(data, indent) == json.dumps(data, indent=indent, ensure_ascii=False)


@settings(max_examples=500, deadline=None)
@given(st.lists(FLAT_OBJECT, min_size=1, max_size=30), st.integers(0, 3))
def test_lists_of_flat_objects_at_any_depth(objects: list[dict[str, Any]], depth: int) -> None:
    data: Any = objects
    for _ in range(depth):
        data = {"items": data, "more": [data, {}]}
    assert dumps_indented(data) == json.dumps(data, indent=2, ensure_ascii=False)


def test_safe_json_escapes_as_before() -> None:
    data = {"nodes": [{"id": "a\u202eb", "text": "\x1b[2J\x7f\x9b"}], "n": 1e-09}
    expected = json.dumps(data, indent=2, ensure_ascii=False)
    for raw, escaped in (("\u202e", "\\u202e"), ("\x7f", "\\u007f"), ("\x9b", "\\u009b")):
        expected = expected.replace(raw, escaped)
    assert safe_json(data) == expected
    assert "\\u001b[2J" in safe_json(data) and "1e-09" in safe_json(data)


def test_shared_containers_are_written_twice_and_cycles_are_refused_as_before() -> None:
    shared = [{"a": 1}, {"b": [2]}]
    data = {"x": shared, "y": shared}
    assert dumps_indented(data) == json.dumps(data, indent=2, ensure_ascii=False)
    loop: list[Any] = [1]
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        dumps_indented(loop)


def test_what_json_cannot_encode_fails_as_in_the_standard_library() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps_indented({"when": object()})
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps_indented([{"when": object()}])
