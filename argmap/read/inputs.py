"""What to check, from what the user named: files, folders and glob patterns, as linters take them.

A file named on the command line is checked whatever it holds (naming it is asking for it).
A folder is searched, and a glob pattern expanded, for YAML files that are argmap maps (the
`argmap:` key at the top level, see `detect`), so that `argmap validate .` in a repository skips
its CI workflows and compose files. Folders whose names start with '.' (.git, .venv) are not
entered. The result is sorted and holds each file once, so reports are the same on every run.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .detect import is_map

YAML_SUFFIXES = (".yaml", ".yml")
_GLOB_CHARACTERS = frozenset("*?[")
_HEAD_BYTES = 1 << 20
"""How much of a file to read when telling a map from other YAML: the version key is near the
top of any map, and a huge YAML file that is not a map costs no more than this."""


@dataclass
class Inputs:
    """The files to check, and what the user named that led to none."""

    files: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    """Glob patterns that match no file, and folders that hold no map."""


def expand_inputs(names: Sequence[str], *, only_maps: bool = False) -> Inputs:
    """The files `names` stand for: each file as given, folders and patterns as the maps they hold.

    With `only_maps` (a pre-commit hook passes every staged YAML file), a named regular file that
    is readable and not a map is skipped too; standard input and a file that cannot be read still
    go on, to be checked or reported.
    """
    inputs = Inputs()
    seen: set[str] = set()

    def add(found: Iterable[str]) -> bool:
        added = False
        for name in found:
            added = True
            if name not in seen:
                seen.add(name)
                inputs.files.append(name)
        return added

    for name in names:
        if name == "-" or (not Path(name).is_dir() and not _is_pattern(name)):
            if not (only_maps and _readable_non_map(name)):
                add([name])
        elif Path(name).is_dir():
            if not add(_maps_under(name)):
                inputs.unmatched.append(name)
        elif not add(_maps_matching(name)):
            inputs.unmatched.append(name)
    return inputs


def _is_pattern(name: str) -> bool:
    # A file whose name holds a '*' is still that file, if it exists.
    return not Path(name).exists() and any(c in _GLOB_CHARACTERS for c in name)


def _maps_under(folder: str) -> list[str]:
    found: list[str] = []
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        found += (str(Path(root) / f) for f in sorted(files) if f.endswith(YAML_SUFFIXES))
    return sorted(name for name in found if holds_a_map(name))


def _maps_matching(pattern: str) -> list[str]:
    # The shell's rules, absolute patterns included (Path.glob takes only relative ones).
    matches = sorted(glob.glob(pattern, recursive=True))  # noqa: PTH207
    found: list[str] = []
    for match in matches:
        if Path(match).is_dir():
            found += _maps_under(match)
        elif holds_a_map(match):
            found.append(match)
    return found


def _readable_non_map(name: str) -> bool:
    path = Path(name)
    if not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            return not is_map(handle.read(_HEAD_BYTES))
    except OSError:
        return False


def holds_a_map(name: str) -> bool:
    """Whether the file at `name` is an argmap map; a file that cannot be read is not."""
    try:
        with Path(name).open("rb") as handle:
            return is_map(handle.read(_HEAD_BYTES))
    except OSError:
        return False
