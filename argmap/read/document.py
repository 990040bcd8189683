"""One map file through the whole check: read, parse, validate against the schema and the graph.

`check_bytes` is the library's front door: the CLI, the editor commands and
the tests all go through it, so every entry point reports the same problems
the same way.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.diagnostics import Diagnostic, Position, Severity, Span, error
from argmap.diagnostics.report import diagnostic_record
from argmap.diagnostics.text import safe_json, visible
from argmap.files import NotARegularFileError, TooLargeError, read_regular_file, real_path
from argmap.graph import ArgumentGraph, build_graph
from argmap.model import ArgumentMap

from .loader import SourceMap, decode, load_text
from .partial import Gaps
from .quotes import ReadText, UnreadableSource, check_quotes
from .schema import check_schema
from .validate import check_graph

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Far beyond any hand-written map (a 100,000-node map is about 20 MB)."""

STDIN = "-"

RECOVERABLE_LOAD_ERRORS = frozenset({"E006", "E008"})
"""Loader errors after which the data is still whole enough to check further: a duplicate key
(the first is kept) or a non-text key (the entry is skipped). Checking on reports every problem
in one run instead of one layer at a time. A tag is not among them: the value under it would
only produce a second, confusing error."""


@dataclass
class CheckedMap:
    """A map file after checking: the model and graph when the file is usable, and every problem."""

    name: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    argument_map: ArgumentMap | None = None
    graph: ArgumentGraph | None = None
    text: str | None = None
    data: Any = None
    """The text as the loader reads it (plain dicts, lists, strings), when it could be read."""
    source_map: SourceMap | None = field(default=None, repr=False)
    """Where the diagnostics' paths are in the text (see `place_diagnostics`)."""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def failed(self, *, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


class UnreadableFile(Exception):
    """The file could not be read at all (missing, a folder, no permission)."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def read_bytes(name: str) -> bytes:
    """The raw content of a file, or of standard input for '-'."""
    try:
        # A named input must be a regular file: a FIFO or a device would block or never end.
        raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1) if name == STDIN else read_regular_file(name, MAX_FILE_BYTES)
    except TooLargeError:
        raise UnreadableFile(_unreadable(_too_large(), name)) from None
    except NotARegularFileError as exc:
        raise UnreadableFile(_unreadable(f"cannot read file: {exc.message}", name)) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UnreadableFile(_unreadable(f"cannot read file: {reason}", name)) from exc
    if len(raw) > MAX_FILE_BYTES:
        # Too big to be a map: refused like an unreadable file, so the CLI exits 2 for it too.
        raise UnreadableFile(_unreadable(_too_large(), name))
    return raw


def _unreadable(message: str, name: str) -> Diagnostic:
    return dataclasses.replace(error("E001", message, position=Position(1, 1)), file=name)


def _too_large() -> str:
    return f"the file is larger than {MAX_FILE_BYTES >> 20} MiB"


def check_file(name: str, sources_root: Path | None = None) -> CheckedMap:
    """Check a file by name ('-' for standard input). Raises `UnreadableFile`.

    Sources' text files are read under `sources_root` (default: see `default_sources_root`).
    """
    base = Path(name).parent if name != STDIN else Path.cwd()
    return check_bytes(read_bytes(name), name, base, sources_root)


def default_sources_root(base: Path) -> Path:
    """Where a map's sources may be read from: the folder above the map's own, so that a map can
    share source texts with its neighbours (`../shared/sources/`, as the bundled map does); the
    map's own folder when that would be the root of the file system."""
    folder = real_path(base)
    return folder if folder.parent == folder.parent.parent else folder.parent


def check_bytes(raw: bytes, name: str, base: Path | None = None,
                sources_root: Path | None = None) -> CheckedMap:
    result = CheckedMap(name)
    if len(raw) > MAX_FILE_BYTES:
        result.diagnostics = [_at(error("E001", _too_large(),
                                        position=Position(1, 1)), name)]
        return result
    text, problem = decode(raw)
    if text is None:
        assert problem is not None
        result.diagnostics = [_at(problem, name)]
        return result
    return check_text(text, name, base, sources_root)


def check_text(text: str, name: str, base: Path | None = None, sources_root: Path | None = None, *,
               positioned: bool = True) -> CheckedMap:
    """Check a map's text. Without `positioned`, diagnostics that the loader did not place have no
    position yet: finding them costs a second parse, which a caller that shows none of them (or
    only a few: `place_diagnostics`) need not pay."""
    result = CheckedMap(name, text=text)
    loaded = load_text(text)
    result.data = loaded.data
    diagnostics = list(loaded.diagnostics)
    if loaded.data is not None and all(d.code in RECOVERABLE_LOAD_ERRORS for d in diagnostics):
        schema = check_schema(loaded.data)
        diagnostics += schema.diagnostics
        # With format errors, the graph checks still run over every entry that parsed.
        checked = schema.argument_map or schema.partial
        if checked is not None:
            graph = build_graph(checked)
            found = check_graph(graph, schema.gaps)
            if base is not None:
                found += check_quotes(checked, _reader(base, sources_root))
            if schema.gaps.repaired:
                found = [d for d in found if d.path is None or not schema.gaps.covers(d.path)]
            if schema.gaps.renamed:
                found = [_as_written(d, schema.gaps) for d in found]
            diagnostics += found
            if schema.argument_map is not None:
                result.argument_map = schema.argument_map
                result.graph = graph
    result.source_map = loaded.source_map
    result.diagnostics = (_positioned(diagnostics, loaded.source_map, name) if positioned
                          else [_at(d, name) for d in diagnostics])
    return result


def place_diagnostics(result: CheckedMap, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """`diagnostics` of a map checked without positions, each given its line and column, in file order."""
    assert result.source_map is not None
    return _positioned(diagnostics, result.source_map, result.name)


def _as_written(diagnostic: Diagnostic, gaps: Gaps) -> Diagnostic:
    """A diagnostic found under a misspelt key that was read as the field meant, put back at the key."""
    related = tuple(dataclasses.replace(r, path=gaps.as_written(r.path)) if r.path is not None else r
                    for r in diagnostic.related)
    path = gaps.as_written(diagnostic.path) if diagnostic.path is not None else None
    return dataclasses.replace(diagnostic, path=path, related=related)


MAX_SOURCE_BYTES = MAX_FILE_BYTES
"""A source's text file is capped like the map itself."""


def _reader(base: Path, sources_root: Path | None) -> ReadText:
    root = real_path(sources_root) if sources_root is not None else default_sources_root(base)

    def read(relative: str) -> str | None:
        """The text of a source's `file:`; None if it does not exist; `UnreadableSource` saying why
        it is not read when it lies outside the sources' root, is not a regular file or is too big."""
        path = real_path(base / relative)
        if not path.is_relative_to(root):
            raise UnreadableSource(f"outside {root}{os.sep}, the folder sources are read from",
                                   hint="keep source texts beside the map, or name their folder "
                                        "with --sources-root")
        try:
            return read_regular_file(path, MAX_SOURCE_BYTES).decode("utf-8-sig")
        except (NotARegularFileError, TooLargeError) as exc:
            raise UnreadableSource(exc.message) from None
        except UnicodeDecodeError:
            raise UnreadableSource("not UTF-8 text") from None
        except OSError:
            return None

    return read


def _at(diagnostic: Diagnostic, name: str) -> Diagnostic:
    return dataclasses.replace(diagnostic, file=name)


def _positioned(diagnostics: list[Diagnostic], source_map: SourceMap, name: str) -> list[Diagnostic]:
    """Give every diagnostic (and its related locations) a span, then order them as in the file."""

    def span_of(path: object, at_key: bool, known: Span | None) -> Span:
        if known is not None:
            return known
        if isinstance(path, tuple):
            return source_map.locate_span(path, at_key=at_key)
        return Span.at(Position(1, 1))

    placed = [
        dataclasses.replace(
            d,
            file=name,
            span=span_of(d.path, d.at_key, d.span),
            related=tuple(dataclasses.replace(r, span=span_of(r.path, r.at_key, r.span)) for r in d.related),
        )
        for d in diagnostics
    ]
    return sorted(placed, key=lambda d: (d.span or Span.at(Position(0, 0)), d.code))


# --- reporting results -----------------------------------------------------------------------------


def summary(result: CheckedMap) -> str:
    """The last line of a file's report: valid (with its size) or how many problems."""
    errors, warnings = len(result.errors), len(result.warnings)
    if not errors and not warnings:
        graph = result.graph
        size = ""
        if graph is not None:
            relations = len(graph.supports) + len(graph.attacks)
            size = f" ({len(graph.nodes)} nodes, {relations} relations)"
        return f"{visible(result.name)}: valid{size}"
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"{visible(result.name)}: {' and '.join(parts)}"


def format_json(results: Sequence[CheckedMap], *, strict: bool = False) -> str:
    """`validate --format json`: one record per file; `docs/diagnostics.md` documents the shape."""
    files = [
        {
            "file": r.name,
            "valid": not r.failed(strict=strict),
            "errors": len(r.errors),
            "warnings": len(r.warnings),
            "diagnostics": [diagnostic_record(d) for d in r.diagnostics],
        }
        for r in results
    ]
    return safe_json({"files": files})

