"""Quick fixes: take a diagnostic's "did you mean" suggestion, add evidence under a claim that has none.

Each fix is computed by argmap's byte-preserving editor (or, for a suggestion,
as the one-token change it is) and returned as a single splice of the text, so
the editor applies it as any other edit and can undo it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argmap.diagnostics import Diagnostic
from argmap.edit import EditError, add_entry, unique_id
from argmap.edit.operations import document
from argmap.edit.rename import Splice
from argmap.edit.tree import TreeError

from .analysis import Analysis

_SUGGESTION = re.compile(r"did you mean '([^']+)'\?")
_CLAIM = re.compile(r"claim '([^']+)' has no evidence")

EVIDENCE_PLACEHOLDERS = {
    "quote": "TODO: the source's exact words",
    "locator": "para. ?",
}


@dataclass(frozen=True)
class Fix:
    title: str
    splice: Splice
    diagnostic: Diagnostic
    preferred: bool = False


def minimal_splice(before: str, after: str) -> Splice:
    """The one splice that turns `before` into `after`: their common start and end left alone."""
    limit = min(len(before), len(after))
    start = 0
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[len(before) - 1 - end] == after[len(after) - 1 - end]:
        end += 1
    return Splice(start, len(before) - end, after[start : len(after) - end])


def fixes(analysis: Analysis, diagnostic: Diagnostic, start: int, end: int) -> list[Fix]:
    """The fixes for `diagnostic`, whose span runs from offset `start` to `end` of the analysed text."""
    found: list[Fix] = []
    suggestion = _SUGGESTION.search(diagnostic.hint or "")
    if suggestion is not None and end > start:
        written = analysis.text[start:end]
        if written[:1] in "'\"" and written[-1:] == written[:1] and len(written) >= 2:
            start, end = start + 1, end - 1
        if "\n" not in analysis.text[start:end]:
            replacement = suggestion.group(1)
            found.append(Fix(f"Replace with '{replacement}'", Splice(start, end, replacement), diagnostic,
                             preferred=True))
    claim = _CLAIM.search(diagnostic.message)
    if diagnostic.code == "W302" and claim is not None:
        skeleton = evidence_skeleton(analysis, claim.group(1))
        if skeleton is not None:
            found.append(Fix(f"Add evidence supporting '{claim.group(1)}'", skeleton, diagnostic))
    return found


def evidence_skeleton(analysis: Analysis, claim_id: str) -> Splice | None:
    """A new evidence entry that supports `claim_id`, with placeholders for the quote and locator."""
    try:
        root = document(analysis.text)
        sources = analysis.ids_of_kind("source")
        fields: dict[str, object] = {"quote": EVIDENCE_PLACEHOLDERS["quote"]}
        fields["source"] = sources[0].identifier if sources else "TODO-source"
        fields["locator"] = EVIDENCE_PLACEHOLDERS["locator"]
        fields["supports"] = [claim_id]
        entry_id = unique_id(root, f"ev-{claim_id}")[:80].rstrip("-")
        after = add_entry(analysis.text, "evidence", entry_id, fields)  # type: ignore[arg-type]
    except (EditError, TreeError):
        return None
    return minimal_splice(analysis.text, after)
