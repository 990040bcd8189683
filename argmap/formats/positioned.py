"""JSON read with positions: the data from `json`, the places from argmap's YAML loader.

JSON is YAML's flow style, so the loader that already maps every path of a map
to its line and column maps a JSON document's paths too. The data itself comes
from the standard `json` module (exact JSON types, JSON's own syntax errors);
positions are found, with one more parse, only when a diagnostic needs one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from argmap.diagnostics import Diagnostic, Path, Position, Span, error
from argmap.read.loader import SourceMap


@dataclass
class PositionedJson:
    data: Any
    text: str
    _source_map: SourceMap | None = field(default=None, repr=False)

    def span(self, path: Path, *, at_key: bool = False) -> Span:
        """The span of the value at `path` in the text (or of its key), else of its nearest parent."""
        if self._source_map is None:
            self._source_map = SourceMap(self.text)
        try:
            return self._source_map.locate_span(path, at_key=at_key)
        except Exception:  # noqa: BLE001 - a position is a courtesy; never fail an import over one
            return Span.at(Position(1, 1))


def read_json(text: str, format_name: str) -> PositionedJson | Diagnostic:
    """The parsed document, or an E401 diagnostic where JSON's syntax first fails."""
    try:
        return PositionedJson(json.loads(text), text)
    except json.JSONDecodeError as exc:
        return error("E401", f"not valid JSON, so not {format_name}: {exc.msg}",
                     position=Position(exc.lineno, exc.colno),
                     hint=f"check that the file is {format_name} as exported, or give --from")
    except RecursionError:
        return error("E401", f"the JSON nests too deeply to be {format_name}", position=Position(1, 1))
