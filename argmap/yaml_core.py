"""Numbers written as text, read the way YAML 1.2's core schema reads them, and no other way.

The loader keeps every scalar as the text the user wrote, so the format's few numeric
fields decide for themselves what counts as a number. They follow YAML 1.2's core schema
(https://yaml.org/spec/1.2.2/#1032-tag-resolution) exactly: `1`, `-2`, `+3`, `0o17`,
`0x1F`, `0.5`, `.5`, `1.`, `1e3`, `.inf`, `.nan`. YAML 1.1's extra forms are text, as any
YAML 1.2 tool reads them: `1_000`, `0b101`, sexagesimal `1:30`, and also Python's own
spellings (`inf`, `nan`, `Infinity`, surrounding spaces), which a lax number parser would
otherwise accept; so `weight: 0_1` is a type error, never the number 1.
"""

from __future__ import annotations

import math
import re

_DECIMAL_INT = re.compile(r"[-+]?[0-9]+")
_OCTAL_INT = re.compile(r"0o([0-7]+)")
_HEX_INT = re.compile(r"0x([0-9a-fA-F]+)")
_DECIMAL_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INFINITY = re.compile(r"([-+]?)\.(inf|Inf|INF)")
_NOT_A_NUMBER = re.compile(r"\.nan|\.NaN|\.NAN")


def core_number(text: str) -> int | float | None:
    """The number `text` means under YAML 1.2's core schema, or None if it means text.

    An integer too long for Python to convert (over 4,300 digits) is read as a float
    (infinite), which every field refuses as out of range, rather than changing the
    process-wide digit limit.
    """
    if _DECIMAL_INT.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # past sys.get_int_max_str_digits()
            return float(text)
    if match := _OCTAL_INT.fullmatch(text):
        return int(match[1], 8)
    if match := _HEX_INT.fullmatch(text):
        return int(match[1], 16)
    if _DECIMAL_FLOAT.fullmatch(text):
        return float(text)
    if match := _INFINITY.fullmatch(text):
        return -math.inf if match[1] == "-" else math.inf
    if _NOT_A_NUMBER.fullmatch(text):
        return math.nan
    return None


def is_plain_decimal(text: str) -> bool:
    """True for the decimal forms (`2`, `0.5`, `.5`, `1e3`), which read the same in any language."""
    return _DECIMAL_FLOAT.fullmatch(text) is not None
