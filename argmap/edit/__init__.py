"""Editing map files without losing a byte: splice new text in, validate, write atomically.

- `tree`: where each node is in the text (character offsets);
- `layout`: lines, indentation and the file's line ending;
- `emit`: the text of new entries, quoted only where needed;
- `operations`: add an entry or a relation, remove a relation or an entry;
- `references`: who refers to a node, and cascading removal;
- `transaction`: lock, read, change, validate, write.
"""

from __future__ import annotations

from .operations import EditError, Relation, add_entry, add_relation, remove_relation, unique_id
from .references import StillReferencedError, apply_removal, plan_removal
from .transaction import EditRefusedError, EditResult, edit_file

__all__ = [
    "EditError",
    "EditRefusedError",
    "EditResult",
    "Relation",
    "StillReferencedError",
    "add_entry",
    "add_relation",
    "apply_removal",
    "edit_file",
    "plan_removal",
    "remove_relation",
    "unique_id",
]
