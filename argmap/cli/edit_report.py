"""What the editing commands report besides the edit: the warnings it leaves, and a refusal's
problems placed in the file as it is on disk."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from argmap.diagnostics import Diagnostic, Position, Span
from argmap.diagnostics.lines import LineIndex
from argmap.diagnostics.relocate import common_head, relocate
from argmap.edit import EditResult
from argmap.read.document import UnreadableFile, place_diagnostics, read_bytes
from argmap.read.loader import decode


def warnings_about(result: EditResult, section: str, entry_id: str,
                   index: LineIndex | None = None) -> list[Diagnostic]:
    """The warnings the edited map has about the entry just added (a new entry's warnings are
    all new: no evidence beneath a claim, a node that bears on nothing, a relation listed twice).
    `index`, the edited text's lines, is shared with whatever shows the warnings' excerpts."""
    checked = result.checked
    if checked is None or checked.source_map is None:
        return []
    about = [d for d in checked.warnings if d.path is not None and d.path[:2] == (section, entry_id)]
    if not about:
        return []
    # Placing diagnostics in general costs a second parse of the whole map (as long as the edit's
    # check); those on the entry's key are placed from the splice itself, found in linear time.
    key = _new_key_span(result.before, result.after, entry_id, index or LineIndex(result.after))
    on_key = [d for d in about if d.path == (section, entry_id) and key is not None]
    rest = [d for d in about if d not in on_key]
    placed = [dataclasses.replace(d, span=key) for d in on_key]
    placed += place_diagnostics(checked, rest) if rest else []
    return sorted(placed, key=lambda d: (d.span or Span.at(Position(0, 0)), d.code))


def _new_key_span(before: str, after: str, entry_id: str, index: LineIndex) -> Span | None:
    """Where the key of the entry an edit added is: just after the text the two versions share."""
    start = max(0, common_head(before, after) - len(entry_id))
    found = re.compile(rf"(?<![\w-]){re.escape(entry_id)}['\"]?[ \t]*:").search(after, start)
    if found is None:
        return None
    return Span(index.position(found.start()), index.position(found.start() + len(entry_id)))


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
