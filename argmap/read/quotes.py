"""Checking that every quote appears verbatim in its source's text file.

Verbatim up to typography: runs of white space count as one space, and curly
quotes and apostrophes match straight ones, because copying from a web page
or PDF changes those without changing a word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from argmap.diagnostics import Diagnostic, note, warning
from argmap.model import ArgumentMap

_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                             "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_SPACE = re.compile(r"\s+")

# Reads a source's `file:` (a path relative to the map); None when it cannot be found.
ReadText = Callable[[str], str | None]


class UnreadableSource(Exception):
    """A source's text file that is deliberately not read, and why (outside the allowed folder,
    not a regular file, too large)."""

    def __init__(self, reason: str, *, hint: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHY)).strip()


def check_quotes(argument_map: ArgumentMap, read_text: ReadText) -> Iterator[Diagnostic]:
    texts: dict[str, str | None] = {}
    for source_id, source in argument_map.sources.items():
        if source.file is None:
            continue
        why, hint = "", None
        try:
            content = read_text(source.file)
        except UnreadableSource as refused:
            content, why, hint = None, f" ({refused.reason})", refused.hint
        texts[source_id] = normalise(content) if content is not None else None
        if content is None:
            yield note("I304", f"cannot read '{source.file}'{why}; quotes from '{source_id}' are not checked",
                       ("sources", source_id, "file"), hint=hint)
    for evidence_id, evidence in argument_map.evidence.items():
        text = texts.get(evidence.source)
        if text is not None and normalise(evidence.quote) not in text:
            yield warning(
                "W303",
                f"quote of '{evidence_id}' does not appear in {argument_map.sources[evidence.source].file}",
                ("evidence", evidence_id, "quote"),
                hint="quotes must be verbatim and contiguous: copy the words exactly, without ellipses",
            )
