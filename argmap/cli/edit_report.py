"""What the editing commands report besides the edit: the warnings it leaves, and a refusal's
problems placed in the file as it is on disk."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.diagnostics import Diagnostic
from argmap.diagnostics.relocate import relocate
from argmap.edit import EditResult
from argmap.read.document import UnreadableFile, place_diagnostics, read_bytes
from argmap.read.loader import decode


def warnings_about(result: EditResult, section: str, entry_id: str) -> list[Diagnostic]:
    """The warnings the edited map has about the entry just added (a new entry's warnings are
    all new: no evidence beneath a claim, a node that bears on nothing, a relation listed twice)."""
    checked = result.checked
    if checked is None or checked.source_map is None:
        return []
    about = [d for d in checked.warnings if d.path is not None and d.path[:2] == (section, entry_id)]
    return place_diagnostics(checked, about) if about else []


def on_disk(file: str, diagnostics: Sequence[Diagnostic], edited: str | None) -> tuple[list[Diagnostic], str | None]:
    """A refused edit's diagnostics, found in the `edited` text, placed in the file the user has,
    with the text to show excerpts from. The file was left unchanged, so it is read again."""
    if edited is None:
        return list(diagnostics), None
    try:
        original, _ = decode(read_bytes(file))
    except UnreadableFile:
        original = None
    if original is None or original == edited:
        return list(diagnostics), edited if original is None else original
    return relocate(diagnostics, edited, original), original
