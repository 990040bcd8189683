"""Numbers in a map follow YAML 1.2's core schema exactly, never YAML 1.1's or Python's extras.

The oracle below is the core schema's tag resolution table
(https://yaml.org/spec/1.2.2/#1032-tag-resolution), transcribed regex for regex; the
examples are the spec's Example 10.9 and the YAML 1.1 forms that 1.2 no longer reads.
"""

from __future__ import annotations

import math
import re

import pytest
from conftest import MINIMAL_MAP, codes, report, where
from hypothesis import assume, given
from hypothesis import strategies as st

from argmap.read.loader import load_text
from argmap.yaml_core import core_number

CORE_SCHEMA_NUMBERS: list[tuple[str, str]] = [
    (r"[-+]?[0-9]+", "int10"),
    (r"0o[0-7]+", "int8"),
    (r"0x[0-9a-fA-F]+", "int16"),
    (r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", "float"),
    (r"[-+]?(\.inf|\.Inf|\.INF)", "infinity"),
    (r"\.nan|\.NaN|\.NAN", "nan"),
]


def oracle(text: str) -> int | float | None:
    """What the YAML 1.2 core schema makes of a plain scalar: the number, or None for text."""
    for pattern, kind in CORE_SCHEMA_NUMBERS:
        if re.fullmatch(pattern, text):
            if kind == "int10":
                return int(text, 10)
            if kind in ("int8", "int16"):
                return int(text, 0)
            if kind == "infinity":
                return float(text.replace(".", "").lower())
            if kind == "nan":
                return math.nan
            return float(text)
    return None


def same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return (math.isnan(a) and math.isnan(b)) or (a == b and type(a) is type(b))


# Example 10.9 of the YAML 1.2.2 spec, plus signs and exponents that 1.2 added or kept.
YAML_12_NUMBERS = ["0", "0o7", "0x3A", "-19", "0.", "-0.0", ".5", "+12e03", "-2E+05", ".inf", "-.Inf",
                   "+.INF", ".NAN", "+1", "012", "1e3", "1.", "+.5"]
# Numbers in YAML 1.1 (or to Python, or to pydantic's lax parsing) but text in YAML 1.2.
YAML_11_ONLY = ["0_1", "1_000", "685_230.15", "+685_230", "0b1010", "0b1_0", "190:20:30", "1:30", "0x_0A",
                "0o1_0", "-0b1", "inf", "nan", "Infinity", "-inf", ".Nan", "+.nan", "0X1F", "0O7", "1e", ".",
                "+", "1__0", "0x", "0o8", "1.5.2", "½"]


@pytest.mark.parametrize("text", YAML_12_NUMBERS)
def test_yaml_12_numbers_are_numbers(text: str) -> None:
    assert oracle(text) is not None
    assert same_number(core_number(text), oracle(text))


@pytest.mark.parametrize("text", YAML_11_ONLY)
def test_yaml_11_only_forms_are_text(text: str) -> None:
    assert oracle(text) is None
    assert core_number(text) is None


NUMBERISH = st.text(alphabet="0123456789+-._:eEoxXbBaAfFinINnN", min_size=1, max_size=12)


@given(NUMBERISH)
def test_core_number_agrees_with_the_core_schema_regexes(text: str) -> None:
    assert same_number(core_number(text), oracle(text))


@given(st.one_of([st.from_regex(pattern, fullmatch=True) for pattern, _ in CORE_SCHEMA_NUMBERS]))
def test_every_core_schema_number_is_read_as_one(text: str) -> None:
    assume(len(text) < 1000)
    assert core_number(text) is not None
    assert same_number(core_number(text), oracle(text))


# --- through the whole check: a weight and the version -----------------------------------------


def weighted(weight: str) -> str:
    return MINIMAL_MAP.replace("supports: [imu-hostile]", f"supports: [{{to: imu-hostile, weight: {weight}}}]")


def test_weight_with_an_underscore_is_text_and_a_type_error_at_its_position() -> None:
    text = weighted("0_1")
    assert report(text) == f"m.yaml:{where(text, '0_1')}: E103 'weight' should be a number, not text"


def test_version_with_an_underscore_is_not_version_1() -> None:
    text = MINIMAL_MAP.replace("argmap: 1", "argmap: 0_1")
    assert report(text) == (
        "m.yaml:1:9: E105 unsupported format version '0_1'\n"
        "  hint: this argmap reads format version 1"
    )


@pytest.mark.parametrize("weight", [".5", "+.5", "0x1", "0o1", "5e-1", "1.", "0"])
def test_every_yaml_12_form_of_a_weight_is_accepted(weight: str) -> None:
    assert codes(weighted(weight)) == []


@pytest.mark.parametrize("version", ["+1", "01", "0x1", "0o1", "1e0", "1."])
def test_every_yaml_12_form_of_version_1_is_version_1(version: str) -> None:
    assert codes(MINIMAL_MAP.replace("argmap: 1", f"argmap: {version}")) == []


def plain_scalar(text: str) -> bool:
    """True if `text` written after `x: ` reads back as exactly that text."""
    loaded = load_text(f"x: {text}\n")
    return not loaded.diagnostics and loaded.data == {"x": text}


def block_weighted(weight: str) -> str:
    return MINIMAL_MAP.replace(
        "supports: [imu-hostile]", f"supports:\n      - to: imu-hostile\n        weight: {weight}"
    )


@given(st.one_of(NUMBERISH, st.sampled_from(YAML_12_NUMBERS + YAML_11_ONLY)))
def test_a_weight_is_valid_exactly_when_yaml_12_reads_a_number_from_0_to_1(weight: str) -> None:
    assume(plain_scalar(weight))
    number = oracle(weight)
    expected = [] if number is not None and 0 <= number <= 1 else ["E103"] if number is None else ["E104"]
    assert codes(block_weighted(weight)) == expected


@given(st.one_of(NUMBERISH, st.sampled_from(YAML_12_NUMBERS + YAML_11_ONLY)))
def test_the_version_is_1_exactly_when_yaml_12_reads_the_number_1(version: str) -> None:
    assume(plain_scalar(version))
    number = oracle(version)
    expected = [] if number is not None and number == 1 else ["E105"]
    assert codes(MINIMAL_MAP.replace("argmap: 1", f"argmap: {version}")) == expected
