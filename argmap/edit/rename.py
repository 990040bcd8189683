"""Renaming an id everywhere it occurs: its definition and every reference, nothing else.

Like every edit, a rename splices text: only the characters of each occurrence
change, so comments, quoting, key order and line endings stay as they were.
The splices are returned as data too (`rename_splices`), for front ends that
apply edits themselves, such as a language server's workspace edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argmap.model import ID_MAX_LENGTH, ID_PATTERN

from . import emit
from .occurrences import occurrences
from .operations import EditError, document, existing_ids
from .tree import Node

_ID = re.compile(ID_PATTERN)


@dataclass(frozen=True, order=True)
class Splice:
    """Replace the characters from `start` up to `end` with `text`."""

    start: int
    end: int
    text: str


def rename_splices(text: str, old: str, new: str) -> list[Splice]:
    """Where and how `old` becomes `new`, in file order. Raises `EditError` when it cannot."""
    if not _ID.match(new) or len(new) > ID_MAX_LENGTH:
        raise EditError(f"'{new}' is not a valid id: use lowercase letters, digits, '-' and '_', "
                        f"starting with a letter or digit, at most {ID_MAX_LENGTH} characters")
    root = document(text)
    found = [o for o in occurrences(root) if o.identifier == old]
    if not found:
        raise EditError(f"the id '{old}' does not occur in the file")
    if new == old:
        return []
    # Renaming a defined id onto another would merge two entries; renaming references to an
    # undefined id (a typo) onto a defined one is how the typo gets fixed everywhere.
    if any(o.is_definition for o in found) and new in existing_ids(root):
        raise EditError(f"the id '{new}' is already used")
    return sorted(_splice(text, o.node, new) for o in found)


def rename_id(text: str, old: str, new: str) -> str:
    """`text` with the id `old` renamed to `new` wherever it occurs."""
    for splice in reversed(rename_splices(text, old, new)):
        text = text[: splice.start] + splice.text + text[splice.end :]
    return text


def _splice(text: str, node: Node, new: str) -> Splice:
    """The change of one scalar's characters. An anchor before it stays (its aliases then name the new
    id too, as they should); quotes stay; only the id's own characters are replaced."""
    value = node.value or ""
    if node.style in ("'", '"'):
        end = node.end - 1
        replacement = new
    elif node.style is None:
        end = node.end
        replacement = emit.scalar(new)
    else:
        raise EditError(f"'{value}' is written as a block scalar; rename it by hand")
    start = end - len(value)
    if start < node.start or text[start:end] != value:
        raise EditError(f"'{value}' is written with escapes or across lines; rename it by hand")
    return Splice(start, end, replacement)
