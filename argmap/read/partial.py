"""What is left of a map with format errors: every entry that parsed, so the graph checks still run.

A misspelt field in one claim must not hide a misspelt reference in another
(or in the same claim). So when the schema rejects the map, its data is
repaired, at the smallest scale that makes it valid, into a partial map the
graph checks can read:

- an unknown field is dropped, unless it is a near miss of a field the entry
  lacks (`suports:` for `supports:`): then it is read as that field, so what
  it holds is still checked and nothing it links is cut off;
- a required field that is missing or invalid gets a placeholder, an optional
  one is dropped (its default applies), an invalid item of `supports` or
  `attacks` becomes a reference to a placeholder id;
- an entry that is not a mapping at all is dropped, and its id remembered;
- a section that is not a mapping is read as empty, and its kind remembered.

`Gaps` records what the partial map lacks, so that the graph checks report
nothing that only follows from a problem already reported: no "undefined" for
an id whose entry is broken, no problem under a placeholder, no "does not bear
on the question" when the section that would say otherwise is unreadable.
"""

from __future__ import annotations

import difflib
import functools
import itertools
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from argmap.diagnostics import Path
from argmap.model import ArgumentMap, Claim, Element, Evidence, Framework, Party, Question, Rebuttal, Source

ENTRY_SECTIONS: dict[str, type[BaseModel]] = {
    "parties": Party,
    "sources": Source,
    "claims": Claim,
    "evidence": Evidence,
    "rebuttals": Rebuttal,
}
"""The sections of entries keyed by id, and the model of each entry."""

ELEMENTS = "elements"
"""The name `Gaps` uses for the framework's elements, which live one level deeper."""

MAX_ROUNDS = 4
"""Repairs rarely need a second round (a placeholder never fails); this bounds the worst case."""


@dataclass
class Gaps:
    """What a partial map lacks compared with the file."""

    broken_ids: dict[str, str] = field(default_factory=dict)
    """Ids whose entry was dropped, with their section ('claims', 'elements', ...)."""
    unreadable_sections: set[str] = field(default_factory=set)
    """Sections read as empty because they are not a mapping: their ids are unknown."""
    repaired: set[Path] = field(default_factory=set)
    """Paths whose value was replaced or dropped: nothing more is reported under them."""
    supported_by_broken: set[str] = field(default_factory=set)
    """Ids that a dropped entry lists in its `supports`: they may well have evidence beneath."""
    renamed: dict[Path, Path] = field(default_factory=dict)
    """Misspelt keys read as the field they were meant to be: the meant path -> the written one."""
    cut_off: set[str] = field(default_factory=set)
    """Ids of entries whose `supports` or `attacks` could not be read: they may well bear on the question."""

    def covers(self, path: Path) -> bool:
        """Whether `path` lies under a repaired value, where any problem is a consequence."""
        return any(path[:cut] in self.repaired for cut in range(1, len(path) + 1))

    def as_written(self, path: Path) -> Path:
        """`path` with a misspelt key read as another field spelt as the file spells it."""
        for cut in range(len(path), 0, -1):
            written = self.renamed.get(path[:cut])
            if written is not None:
                return written + path[cut:]
        return path


def partial_map(data: dict[str, Any], errors: list[Any]) -> tuple[ArgumentMap | None, Gaps]:
    """The entries of `data` that parse, as an `ArgumentMap`, given the schema's `errors` on it."""
    repair = _Repair(data)
    for _ in range(MAX_ROUNDS):
        for item in errors:
            repair.apply(tuple(item["loc"]))
        try:
            return ArgumentMap.model_validate(repair.data), repair.gaps
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
    return None, repair.gaps


class _Repair:
    """Copy-on-write repairs of the loaded data; the loader's data itself is never changed."""

    def __init__(self, data: dict[str, Any]):
        self.data: dict[str, Any] = dict(data)
        self.gaps = Gaps()
        self._copied: set[Path] = {()}
        self._placeholder = _unused_id(data)

    def apply(self, loc: Path) -> None:
        if not loc:
            return
        if len(loc) >= 2 and loc[-1] == "[key]":
            # An id that breaks the id rules: its entry goes; no valid reference can name it.
            self._drop(loc[:-2], loc[-2])
            return
        head = loc[0]
        if head in ENTRY_SECTIONS:
            if len(loc) == 1:
                self._unreadable((head,), head)
            else:
                self._entry(loc[:2], head, loc[2:], ENTRY_SECTIONS[str(head)])
        elif head == "framework":
            if len(loc) == 1:
                self._set((), "framework", {"rule": "?", "elements": self._placeholder_elements()})
                self.gaps.unreadable_sections.add(ELEMENTS)
                self.gaps.repaired.add(("framework",))
            elif loc[1] == "elements":
                if len(loc) == 2:
                    self._unreadable(("framework", "elements"), ELEMENTS, self._placeholder_elements())
                else:
                    self._entry(loc[:3], ELEMENTS, loc[3:], Element)
            else:
                self._field(("framework",), loc[1:], Framework)
        elif head == "question":
            if len(loc) == 1:
                self._set((), "question", {"id": f"{self._placeholder}-question", "text": "?"})
                self.gaps.repaired.add(("question",))
            else:
                self._field(("question",), loc[1:], Question)
        elif head == "argmap":
            self._set((), "argmap", 1)
        else:
            self._unknown_field((), str(head), [f.alias or n for n, f in ArgumentMap.model_fields.items()])

    # --- the kinds of repair ---

    def _entry(self, entry: Path, section: str, rest: Path, model: type[BaseModel]) -> None:
        if self._get(entry) is _ABSENT:
            return  # already dropped
        if not rest or not isinstance(self._get(entry), dict):
            self._drop(entry[:-1], entry[-1], section)
            return
        self._field(entry, rest, model)

    def _field(self, owner: Path, rest: Path, model: type[BaseModel]) -> None:
        name = rest[0]
        fields = {f.alias or n: f for n, f in model.model_fields.items()}
        if name not in fields:
            self._unknown_field(owner, str(name), list(fields))
            return
        path = (*owner, name)
        self.gaps.repaired.add(path)
        if name == "supports":
            # The supports cannot be read as written; what they name may still have evidence beneath.
            raw = self._get(path)
            self._salvage_supports([raw[rest[1]]] if len(rest) >= 2 and isinstance(raw, list)
                                   and isinstance(rest[1], int) and rest[1] < len(raw) else raw)
        if name in ("supports", "attacks") and isinstance(owner[-1], str):
            self.gaps.cut_off.add(owner[-1])
        if name in ("supports", "attacks") and len(rest) >= 2 and isinstance(rest[1], int):
            self.gaps.repaired.add((*path, rest[1]))
            self._set(path, rest[1], {"to": self._placeholder})
        elif fields[str(name)].is_required():
            self._set(owner, name, self._required(model, str(name)))
        else:
            self._remove(owner, name)

    def _unknown_field(self, owner: Path, name: str, known: list[str]) -> None:
        entry = self._get(owner)
        if not isinstance(entry, dict) or name not in entry:
            return
        meant = closest(name, tuple(known))
        if meant is not None and meant not in entry:
            value = entry[name]
            self._remove(owner, name)
            self._set(owner, meant, value)
            self.gaps.renamed[(*owner, meant)] = (*owner, name)
        else:
            self._remove(owner, name)

    def _required(self, model: type[BaseModel], name: str) -> Any:
        if (model, name) == (Question, "id"):
            return f"{self._placeholder}-question"
        if (model, name) == (Evidence, "source"):
            return self._placeholder
        if (model, name) == (Source, "kind"):
            return "other"
        if (model, name) == (Rebuttal, "attacks"):
            return [{"to": self._placeholder}]
        if (model, name) == (Framework, "elements"):
            self.gaps.unreadable_sections.add(ELEMENTS)
            return self._placeholder_elements()
        return "?"

    def _drop(self, parent: Path, key: Any, section: str | None = None) -> None:
        if isinstance(key, str) and section is not None:
            self.gaps.broken_ids.setdefault(key, section)
            entry = self._get((*parent, key))
            if isinstance(entry, dict):
                self._salvage_supports(entry.get("supports"))
        self.gaps.repaired.add((*parent, key))
        self._remove(parent, key)

    def _salvage_supports(self, raw: Any) -> None:
        """Note the ids that unreadable `supports` seem to name (an id, a list of ids or of {to: id})."""
        for item in raw if isinstance(raw, list) else [raw]:
            target = item.get("to") if isinstance(item, dict) else item
            if isinstance(target, str):
                self.gaps.supported_by_broken.add(target)

    def _unreadable(self, path: Path, section: str, empty: Any = None) -> None:
        self.gaps.unreadable_sections.add(section)
        self.gaps.repaired.add(path)
        self._set(path[:-1], path[-1], {} if empty is None else empty)

    def _placeholder_elements(self) -> dict[str, Any]:
        return {f"{self._placeholder}-element": {"text": "?"}}

    # --- copy-on-write access ---

    def _get(self, path: Path) -> Any:
        value: Any = self.data
        for part in path:
            found = (isinstance(value, dict) and part in value) or (
                isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value))
            if not found:
                return _ABSENT
            value = value[part]
        return value

    def _writable(self, path: Path) -> Any:
        """The container at `path`, copied (with every container above it) before its first change."""
        value: Any = self.data
        for cut in range(1, len(path) + 1):
            part = path[cut - 1]
            child = value[part]
            if path[:cut] not in self._copied:
                child = dict(child) if isinstance(child, dict) else list(child)
                value[part] = child
                self._copied.add(path[:cut])
            value = child
        return value

    def _set(self, parent: Path, key: Any, value: Any) -> None:
        container = self._get(parent)
        if isinstance(container, dict) or (isinstance(container, list) and isinstance(key, int)
                                           and 0 <= key < len(container)):
            self._writable(parent)[key] = value

    def _remove(self, parent: Path, key: Any) -> None:
        container = self._get(parent)
        if isinstance(container, dict) and key in container:
            del self._writable(parent)[key]


_ABSENT: Any = object()


@functools.lru_cache(maxsize=1024)
def closest(word: str, known: tuple[str, ...]) -> str | None:
    """The known field name `word` most likely misspells, if any (the same typo recurs in a file)."""
    close = difflib.get_close_matches(word, known, n=1)
    return close[0] if close else None


def _unused_id(data: dict[str, Any]) -> str:
    """A valid id that nothing in the file uses or names, for placeholders."""
    used = {str(key) for section in data.values() if isinstance(section, dict) for key in section}
    framework = data.get("framework")
    if isinstance(framework, dict) and isinstance(framework.get("elements"), dict):
        used |= {str(key) for key in framework["elements"]}
    for n in itertools.count():
        base = f"argmap-placeholder-{n}"
        if not used & {base, f"{base}-question", f"{base}-element"}:
            return base
    raise AssertionError("unreachable")  # pragma: no cover
