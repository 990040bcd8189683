"""Telling an argmap map from any other YAML file, without parsing it.

A repository holds YAML of every kind (CI workflows, compose files, configs) next to
its maps, and maps are named as their authors like (`debate.yaml`). A map is the file
with the format's version key, `argmap:`, at the top level: a line that starts with it.
A map with a syntax error further down still counts, so that its error is reported
rather than the file skipped.
"""

from __future__ import annotations

import re

_VERSION_KEY = re.compile(rb"""^(?:\xef\xbb\xbf)?(?:argmap|"argmap"|'argmap')[ \t]*:(?:[ \t\r\n]|$)""", re.MULTILINE)


def is_map(raw: bytes) -> bool:
    """Whether the file's bytes hold a top-level `argmap:` key (the format's version key)."""
    return _VERSION_KEY.search(raw) is not None
