"""Maps in and out of other tools' formats: one module per foreign format.

Each module in this package that defines `dump` and/or `load` is a format, named
after the module (its `NAME` when that differs), so adding a format is adding a
file: nothing here needs to change.

- `dump(graph: ArgumentGraph, options: ExportOptions) -> str` writes a checked map;
- `load(text: str, name: str) -> ImportResult` reads a foreign file into a map,
  with a diagnostic (and a position in the input) for every construct it could
  not carry exactly; `write.write_map` turns the result into YAML a person would
  write.

A module may also set `SUMMARY` (one line for `--help` and the docs), `SUFFIXES`
(the file name endings it claims, e.g. `(".json",)`) and `sniff(text) -> bool`
(whether a text looks like this format, to choose among formats claiming the
same suffix).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePath
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

from argmap.diagnostics import Diagnostic, Path, Severity
from argmap.errors import UsageError

if TYPE_CHECKING:
    from argmap.evaluate import Evaluation, WhatIf
    from argmap.graph import ArgumentGraph
    from argmap.model import ArgumentMap


@dataclass(frozen=True)
class ExportOptions:
    """What an export may include beyond the map; a format ignores what it cannot show."""

    evaluation: Evaluation | None = None
    """The map's evaluation, for formats that carry one (JSON)."""
    what_if: WhatIf | None = None
    """The what-if the evaluation was made under, recorded beside it."""
    detail: str = "overview"
    """How much a drawing format shows (Mermaid): overview, claims or full."""


@dataclass
class ImportResult:
    """A foreign file read into argmap's model, with everything the reading could not carry."""

    map: ArgumentMap | None
    """The imported map; None when the input could not be read at all (see `diagnostics`)."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Every construct not carried exactly, each with its span in the input."""
    comments: dict[Path, list[str]] = field(default_factory=dict)
    """Comments the writer puts above an entry of the map (keyed by the entry's path, e.g.
    ("claims", "some-id"), or ("question",) for a section): what had no exact counterpart."""
    header: list[str] = field(default_factory=list)
    """Comments for the top of the written map: where it came from."""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    def comment(self, path: Path, text: str) -> None:
        self.comments.setdefault(path, []).append(text)


Dump = Callable[["ArgumentGraph", ExportOptions], str]
Load = Callable[[str, str], ImportResult]


@dataclass(frozen=True)
class Format:
    name: str
    summary: str
    suffixes: tuple[str, ...]
    module: ModuleType

    @property
    def dump(self) -> Dump | None:
        return cast("Dump | None", getattr(self.module, "dump", None))

    @property
    def load(self) -> Load | None:
        return cast("Load | None", getattr(self.module, "load", None))

    def sniff(self, text: str) -> bool:
        sniffer: Any = getattr(self.module, "sniff", None)
        return bool(sniffer(text)) if sniffer is not None else False


_NOT_FORMATS = frozenset({"ids", "write", "positioned"})
"""Helper modules of this package, not formats."""


@cache
def formats() -> dict[str, Format]:
    """Every format, by name, in name order."""
    found: dict[str, Format] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name in _NOT_FORMATS:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if not (hasattr(module, "dump") or hasattr(module, "load")):
            continue
        name = str(getattr(module, "NAME", info.name))
        found[name] = Format(name, str(getattr(module, "SUMMARY", "")),
                             tuple(getattr(module, "SUFFIXES", ())), module)
    return dict(sorted(found.items()))


def exporters() -> list[str]:
    return [f.name for f in formats().values() if f.dump is not None]


def importers() -> list[str]:
    return [f.name for f in formats().values() if f.load is not None]


def format_table() -> list[str]:
    """One line per format: its name, whether argmap exports and imports it, and what it is."""
    rows = [(f.name, ", ".join(d for d, present in (("export", f.dump), ("import", f.load)) if present), f.summary)
            for f in formats().values()]
    name_width = max((len(r[0]) for r in rows), default=0)
    return [f"{name:<{name_width}}  {ways:<14}  {summary}".rstrip() for name, ways, summary in rows]


def export_format(name: str | None, output: str | None) -> Format:
    """The format to export to: `name` (--to), else the one claiming `output`'s suffix. A `name`
    that another format's suffix contradicts (`--to aif -o map.graphml`) is a usage error."""
    chosen = _choose(name, output, None, exporters(), "--to", "export")
    suffix = PurePath(output).suffix.lower() if output is not None and output != "-" else ""
    claimed = any(suffix in f.suffixes for f in formats().values())
    if name is not None and suffix and claimed and suffix not in chosen.suffixes:
        raise UsageError(f"--to {name} does not match the output file '{output}'")
    return chosen


def import_format(name: str | None, input_name: str, text: str) -> Format:
    """The format to import from: `name` (--from), else by the input's suffix, else by its content."""
    return _choose(name, input_name, text, importers(), "--from", "import")


def _choose(name: str | None, file: str | None, text: str | None, names: list[str], option: str,
            verb: str) -> Format:
    known = ", ".join(names)
    if name is not None:
        if name not in names:
            raise UsageError(f"{option}: argmap cannot {verb} '{name}'; it can {verb} {known}")
        return formats()[name]
    candidates = [formats()[n] for n in names]
    suffix = PurePath(file).suffix.lower() if file is not None and file != "-" else ""
    if suffix:
        claiming = [f for f in candidates if suffix in f.suffixes]
        if len(claiming) == 1:
            return claiming[0]
        if claiming:
            candidates = claiming
    if text is not None:
        candidates = [f for f in candidates if f.sniff(text)]
        if len(candidates) == 1:
            return candidates[0]
    # Several formats claim the suffix (.json): the one named after it (argmap's own JSON) wins.
    named = [f for f in candidates if suffix and f.name == suffix[1:]]
    if suffix and len(named) == 1:
        return named[0]
    where = f"'{file}'" if file not in (None, "-") else "standard input"
    raise UsageError(f"cannot tell which format {where} is in; give {option} ({known})")
