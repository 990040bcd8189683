"""Lines as argmap counts them, shared by the loader's positions and the formatters' excerpts.

A line ends at "\\n"; "\\r\\n" ends one line, not two. A lone "\\r", NEL (U+0085),
LINE SEPARATOR and PARAGRAPH SEPARATOR do not end a line: `grep -n`, git, vim
and less, and the line numbers people quote, count only "\\n". libyaml counts
all of them (and YAML 1.2 counts a lone "\\r"), so positions come from
character offsets through this index whenever the two could disagree.
"""

from __future__ import annotations

import bisect
import re

from . import Position

_LINE_END = re.compile("\n")


class LineIndex:
    """Offsets of line starts in a text, built on first use; offsets and positions both ways."""

    def __init__(self, text: str):
        self.text = text
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(match.end() for match in _LINE_END.finditer(self.text))]
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
        """The text of line `number` (1-based), without its line ending ("\\n" or "\\r\\n")."""
        start = self.starts[number - 1]
        end = self.starts[number] - 1 if number < self.line_count else len(self.text)
        line = self.text[start:end]
        return line[:-1] if line.endswith("\r") and number < self.line_count else line
