"""Map text made safe to show: control characters become visible escapes.

A map is data written by someone else. Printed raw, an id or a quote holding
`ESC [ 2 J` would clear the reader's terminal, `ESC ] 0 ;` would retitle it, a
carriage return or a bidi override would make one line look like another. So
every piece of map text that reaches a terminal goes through `visible`, and
every JSON document argmap prints goes through `safe_json`.

What is escaped, and how:

- C0 controls (U+0000 to U+001F, except the tab and line feed a caller keeps),
  DEL and the C1 controls (U+0080 to U+009F, which include the one-character
  CSI U+009B and NEL U+0085) are written `\\x1b`, `\\x9b`;
- the bidirectional formatting characters (U+061C, U+200E, U+200F, U+202A to
  U+202E, U+2066 to U+2069) and the line and paragraph separators U+2028 and
  U+2029 are written `\\u202e`.

Backslashes are left alone, so a Windows path still reads as one; the escapes
are there to be seen, not to be decoded.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .indented_json import dumps_indented

_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
_UNSAFE_ONE_LINE = re.compile(f"[\t\n{_UNSAFE}]")
_UNSAFE_KEEP_LAYOUT = re.compile(f"[{_UNSAFE}]")
# In JSON, C0 controls are already escaped by the encoder; the rest is escaped as \\uXXXX,
# which any JSON reader decodes back to the very same text.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, keep_layout: bool = False) -> str:
    """`text` with every control character shown as an escape, fit for a terminal.

    One-line text (an id, a message) escapes tabs and line feeds too, so it
    cannot fake a line of output; `keep_layout` keeps them, for multi-line text
    shown as it is laid out (a source excerpt, an explanation).
    """
    pattern = _UNSAFE_KEEP_LAYOUT if keep_layout else _UNSAFE_ONE_LINE
    return pattern.sub(_escape, text)


def safe_json(data: Any, *, indent: int | None = 2) -> str:
    """`data` as JSON that shows the same text a reader decodes, and cannot drive a terminal.

    Non-ASCII text stays readable (no `ensure_ascii`), except the characters
    `visible` escapes, which are written as JSON `\\u` escapes: the decoded
    strings are unchanged.
    """
    # dumps_indented: the same bytes as json.dumps(data, indent=indent, ensure_ascii=False), from the
    # C encoder (with an indent, the standard library encodes in pure Python).
    text = dumps_indented(data, indent) if indent is not None else json.dumps(data, ensure_ascii=False)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
