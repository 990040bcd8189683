"""Each diagnostic code's entry in `docs/diagnostics.md`, for front ends that explain a code.

The document is the one place codes are explained; the package ships it (a link
to `docs/diagnostics.md` in the source tree, a copy in a built wheel), so an
installed argmap has the same text as the repository.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_HEADING = re.compile(r"^(#{2,3}) (.+?)\s*$", re.MULTILINE)


@cache
def _entries() -> dict[str, str]:
    try:
        text = resources.files("argmap.diagnostics").joinpath("diagnostics.md").read_text(encoding="utf-8")
    except OSError:  # pragma: no cover - only a broken installation lacks the document
        return {}
    headings = list(_HEADING.finditer(text))
    entries: dict[str, str] = {}
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        if heading.group(1) != "###" or not re.fullmatch(r"[EWI]\d{3}", heading.group(2)):
            continue
        end = following.start() if following is not None else len(text)
        entries[heading.group(2)] = text[heading.start():end].strip()
    return entries


def documentation(code: str) -> str | None:
    """The Markdown entry for `code` (its heading, explanation, example and fix), or None."""
    return _entries().get(code)


def documented_codes() -> list[str]:
    return sorted(_entries())
