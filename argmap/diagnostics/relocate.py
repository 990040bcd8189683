"""Diagnostics found in an edited text, placed in the text the file still holds.

A refused edit is checked in the text it would have written, but the user reads the file on
disk, which the refusal left unchanged. An edit splices text in or out, so the two texts share
a head and a tail: a span there moves by the length the edit adds, and a span inside what the
edit adds has no place on disk but the point where that text would go, which is cited instead,
the message saying so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from . import Diagnostic, Related, Span
from .lines import LineIndex

IN_NEW_TEXT = "in the new text, which would go here"
_CHUNK = 4096


def relocate(diagnostics: Sequence[Diagnostic], edited: str, original: str) -> list[Diagnostic]:
    """`diagnostics` positioned in `edited`, positioned in `original` instead."""
    head = common_head(edited, original)
    tail = _common_tail(edited, original, limit=min(len(edited), len(original)) - head)
    shift = len(original) - len(edited)
    new_index, old_index = LineIndex(edited), LineIndex(original)

    def place(span: Span) -> tuple[Span, bool]:
        start, end = new_index.offset(span.start), new_index.offset(span.end)
        if start < head and end <= head:
            return Span(old_index.position(start), old_index.position(end)), False
        if start >= len(edited) - tail:
            return Span(old_index.position(start + shift), old_index.position(end + shift)), False
        return Span.at(old_index.position(head)), True

    placed: list[Diagnostic] = []
    for diagnostic in diagnostics:
        if diagnostic.span is None:
            placed.append(diagnostic)
            continue
        span, added = place(diagnostic.span)
        related: list[Related] = []
        for item in diagnostic.related:
            if item.span is None:
                related.append(item)
                continue
            where, item_added = place(item.span)
            label = f"{item.label} ({IN_NEW_TEXT})" if item_added else item.label
            related.append(dataclasses.replace(item, span=where, label=label))
        message = f"{diagnostic.message} ({IN_NEW_TEXT})" if added else diagnostic.message
        placed.append(dataclasses.replace(diagnostic, span=span, message=message, related=tuple(related)))
    return placed


def common_head(a: str, b: str) -> int:
    """Length of the longest common prefix, compared a chunk at a time (linear, in C)."""
    limit = min(len(a), len(b))
    at = 0
    while at < limit and a[at:at + _CHUNK] == b[at:at + _CHUNK]:
        at += _CHUNK
    at = min(at, limit)
    end = min(at + _CHUNK, limit)
    while at < end and a[at] == b[at]:
        at += 1
    return at


def _common_tail(a: str, b: str, *, limit: int) -> int:
    """Length of the longest common suffix, at most `limit` (so it never overlaps the head)."""
    return common_head(a[::-1][:limit], b[::-1][:limit])
