"""Editing map files without losing a byte: splice new text in, validate, write atomically.

- `tree`: the text parsed once: data, node tree with character offsets, lines;
- `layout`: lines (every break libyaml reads), indentation and the file's line ending;
- `emit`: the text of new entries, quoted only where needed;
- `operations`: add an entry or a relation, remove a relation or an entry;
- `references`: who refers to a node, and cascading removal;
- `intent`: what each edit must mean, on the data, to check its result against;
- `transaction`: lock, read, change, validate, read back, write.
"""

from __future__ import annotations

from . import intent
from .operations import EditError, Relation, add_entry, add_relation, unique_id
from .references import StillReferencedError, apply_removal, plan_removal
from .removal import remove_relation
from .transaction import EditRefusedError, EditResult, EditWriteError, Planned, edit_file

__all__ = [
    "EditError",
    "EditRefusedError",
    "EditResult",
    "EditWriteError",
    "Planned",
    "Relation",
    "StillReferencedError",
    "add_entry",
    "add_relation",
    "apply_removal",
    "edit_file",
    "intent",
    "plan_removal",
    "remove_relation",
    "unique_id",
]
