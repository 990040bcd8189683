"""Lines as argmap counts them, shared by the loader's positions and the formatters' excerpts.

A line ends at "\\n"; "\\r\\n" ends one line, not two. A lone "\\r", NEL (U+0085),
LINE SEPARATOR and PARAGRAPH SEPARATOR do not end a line: `grep -n`, git, vim
and less, and the line numbers people quote, count only "\\n". The exception is
a file with no "\\n" at all and lone "\\r"s (old Mac line endings), which every
editor shows as lines broken at "\\r" (vim's fileformat=mac). libyaml counts all
of them as breaks (YAML 1.2 counts a lone "\\r" too), so positions come from
character offsets through this index whenever the two could disagree.
"""

from __future__ import annotations

import bisect
import re

from . import Position

_SEPARATORS = {"\n": re.compile("\n"), "\r": re.compile("\r")}


class LineIndex:
    """Offsets of line starts in a text, built on first use; offsets and positions both ways."""

    def __init__(self, text: str):
        self.text = text
        self.separator = "\r" if "\r" in text and "\n" not in text else "\n"
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            # Found in C: a loop of `str.find` costs twice as much on a large map.
            self._starts = [0, *map(re.Match.end, _SEPARATORS[self.separator].finditer(self.text))]
        return self._starts

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def position(self, offset: int) -> Position:
        """The line and column of the character at `offset` (the end of the text is a valid offset)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset)
        return Position(line, offset - self.starts[line - 1] + 1)

    def offset(self, position: Position) -> int:
        """The offset of a position, clamped to its line (a column past the end means the line's end)."""
        line = max(1, min(position.line, self.line_count))
        start = self.starts[line - 1]
        return min(start + max(position.column, 1) - 1, start + len(self.line(line)))

    def line(self, number: int) -> str:
        """The text of line `number` (1-based), without its line ending."""
        start = self.starts[number - 1]
        end = self.starts[number] - 1 if number < self.line_count else len(self.text)
        line = self.text[start:end]
        crlf = self.separator == "\n" and line.endswith("\r") and number < self.line_count
        return line[:-1] if crlf else line
