"""Lines of the original text: line starts, indentation, comments, and the file's line ending.

All offsets are character offsets into the text as `tree.parse_tree` saw it.
Lines are split on '\\n' only, so a CRLF file keeps its '\\r' characters
exactly where they were; new text is written with the file's own ending.
"""

from __future__ import annotations

import bisect


class Layout:
    def __init__(self, text: str):
        self.text = text
        self.starts = [0]
        position = text.find("\n")
        while position != -1:
            self.starts.append(position + 1)
            position = text.find("\n", position + 1)
        first = text.find("\n")
        self.newline = "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The 0-based line holding `offset`."""
        return bisect.bisect_right(self.starts, offset) - 1

    def start(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def after(self, line: int) -> int:
        """Offset just past the line break ending `line` (the end of the text for the last line)."""
        return self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)

    def content(self, line: int) -> str:
        """The line without its line break."""
        return self.text[self.start(line) : self.after(line)].rstrip("\r\n")

    def column(self, offset: int) -> int:
        return offset - self.starts[self.line_of(offset)]

    def indent(self, line: int) -> int:
        content = self.content(line)
        return len(content) - len(content.lstrip(" "))

    def is_blank(self, line: int) -> bool:
        return not self.content(line).strip()

    def is_comment(self, line: int) -> bool:
        return self.content(line).lstrip().startswith("#")

    def first_on_line(self, offset: int) -> bool:
        """Whether only spaces (or a sequence dash) come before `offset` on its line."""
        before = self.text[self.starts[self.line_of(offset)] : offset]
        return not before.strip(" ")

    def last_line_of(self, end: int) -> int:
        """The line of a node's last character, given its end offset."""
        return self.line_of(max(end - 1, 0))

    def extend_over_comments(self, line: int, min_indent: int) -> int:
        """The last line of a block ending on `line`, counting the comments after it indented
        at least `min_indent` (blank lines between them included, trailing blanks not)."""
        last = line
        probe = line + 1
        while probe < self.line_count:
            if self.is_blank(probe):
                probe += 1
                continue
            if self.is_comment(probe) and self.indent(probe) >= min_indent:
                last = probe
                probe += 1
                continue
            break
        return last

    def insertion(self, offset: int, text: str) -> tuple[int, str]:
        """Where and what to insert so that `text` (whole lines) starts on a fresh line at
        `offset`, which is the start of a line or the end of the text."""
        if offset == len(self.text) and self.text and not self.text.endswith("\n"):
            return offset, self.newline + text
        return offset, text


def splice(text: str, start: int, end: int, replacement: str = "") -> str:
    return text[:start] + replacement + text[end:]
