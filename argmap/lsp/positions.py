"""Places in a text as the Language Server Protocol counts them, and as argmap does.

argmap works in character offsets (the editor's node tree) and in 1-based
lines and columns counted in characters (diagnostics). LSP counts 0-based lines
and columns in the code units the client and server agreed on: UTF-16 unless
both prefer UTF-8 or UTF-32. An emoji is one argmap column and two UTF-16 units.

Lines end at "\\n" or "\\r\\n", as `argmap.diagnostics.lines` counts them (and at
a lone "\\r" in a file that has no "\\n"), so a diagnostic's line is the line an
editor shows.
"""

from __future__ import annotations

from argmap.diagnostics import Position, Span
from argmap.diagnostics.lines import LineIndex

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"


def units(text: str, encoding: str) -> int:
    """How many code units of `encoding` `text` takes."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


class Lines:
    """Conversions between character offsets, argmap positions and LSP (line, character) pairs."""

    def __init__(self, text: str, encoding: str = UTF16):
        self.text = text
        self.index = LineIndex(text)
        self.encoding = encoding

    def _line_text(self, line: int) -> str:
        return self.index.line(line)

    def to_lsp(self, offset: int) -> tuple[int, int]:
        """The LSP (line, character) of a character offset."""
        position = self.index.position(offset)
        return self.position_to_lsp(position)

    def position_to_lsp(self, position: Position) -> tuple[int, int]:
        line = max(1, min(position.line, self.index.line_count))
        text = self._line_text(line)
        before = text[: max(position.column - 1, 0)]
        return line - 1, units(before, self.encoding) if self.encoding != UTF32 else len(before)

    def span_to_lsp(self, span: Span) -> tuple[tuple[int, int], tuple[int, int]]:
        return self.position_to_lsp(span.start), self.position_to_lsp(span.end)

    def offset(self, line: int, character: int) -> int:
        """The character offset of an LSP position; past a line's end means its end."""
        if line < 0:
            return 0
        if line >= self.index.line_count:
            return len(self.text)
        text = self._line_text(line + 1)
        column = 0
        if self.encoding == UTF32:
            column = min(character, len(text))
        else:
            used = 0
            for char in text:
                width = units(char, self.encoding)
                if used + width > character:
                    break
                used += width
                column += 1
        return self.index.starts[line] + column
