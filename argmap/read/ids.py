"""The ids a map defines, read cheaply and never failing: what shell completion offers.

Completion runs on every Tab, on a file that may be half-written. So this reads the map with
argmap's own loader only (no schema, no graph, no evaluation) and takes whatever ids are there;
a file that cannot be read or parsed gives no ids, never an error.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from .document import MAX_FILE_BYTES
from .loader import decode, load_text

NODE_SECTIONS = ("claims", "evidence", "rebuttals")
ALL_SECTIONS = ("question", "elements", "parties", "sources", *NODE_SECTIONS)
_WORDS = {"parties": "name", "sources": "title", "evidence": "quote"}
_HELP_LENGTH = 60


def defined_ids(name: str, sections: Collection[str] = ALL_SECTIONS) -> list[tuple[str, str]]:
    """(id, its words shortened) for every id the map at `name` defines in `sections`, in file order.

    `sections` names the map's sections, plus "question" for the question's id and
    "elements" for the framework's elements.
    """
    try:
        with Path(name).open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError):
        return []
    if len(raw) > MAX_FILE_BYTES:
        return []
    text, _ = decode(raw)
    if text is None:
        return []
    data = load_text(text).data
    if not isinstance(data, dict):
        return []
    found: list[tuple[str, str]] = []
    if "question" in sections:
        question = data.get("question")
        if isinstance(question, dict) and isinstance(question.get("id"), str):
            found.append((question["id"], _words(question.get("text"))))
    framework = data.get("framework")
    if "elements" in sections and isinstance(framework, dict):
        found += _entries(framework.get("elements"), "text")
    for section in sections:
        if section not in ("question", "elements"):
            found += _entries(data.get(section), _WORDS.get(section, "text"))
    return found


def _entries(section: Any, field: str) -> list[tuple[str, str]]:
    if not isinstance(section, dict):
        return []
    return [(key, _words(value.get(field) if isinstance(value, dict) else None))
            for key, value in section.items() if isinstance(key, str)]


def _words(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    one_line = " ".join(value.split())
    return one_line if len(one_line) <= _HELP_LENGTH else one_line[:_HELP_LENGTH - 1].rstrip() + "…"
