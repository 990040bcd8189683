"""Lines of the original text: line starts, indentation, comments, and the file's line ending.

All offsets are character offsets into the text. A line ends at any line break
libyaml reads as one (`argmap.read.tree.LINE_BREAK`: LF, CRLF, a lone CR, NEL,
LS, PS), so lines here are the lines the parser sees, whatever the mix in the
file; every break stays exactly where it was, and new text is written with the
file's own ending.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from argmap.read.tree import BREAK_CHARACTERS, LINE_BREAK

_NEWLINES = ("\n", "\r\n", "\r")
"""Endings new lines may use. NEL, LS and PS are breaks to libyaml but not to YAML 1.2 or most
editors, so a file that uses them gets LF in what an edit adds."""


_OTHER_SPLITS = "\v\f\x1c\x1d\x1e"
"""Where `str.splitlines` splits but libyaml sees no line break (it refuses these characters
anywhere in a document, so a text it has read holds none of them)."""

_OTHER_BREAKS = BREAK_CHARACTERS.replace("\n", "")

_LF = re.compile("\n")
_LINE_END = re.Match.end


class Layout:
    def __init__(self, text: str):
        self.text = text
        if not any(c in text for c in _OTHER_BREAKS):
            # LF alone, the usual case: found by one plain search, twice as quick as splitting
            # the text into lines (every edit of a large map builds this table).
            self.starts = [0, *map(_LINE_END, _LF.finditer(text))]
        elif any(c in text for c in _OTHER_SPLITS):
            self.starts = [0, *map(_LINE_END, LINE_BREAK.finditer(text))]
        else:  # the same lines, found in C
            self.starts = [0, *accumulate(map(len, text.splitlines(keepends=True)))]
            if text and text[-1] not in BREAK_CHARACTERS:
                self.starts.pop()  # the end of the last line, not the start of another
        first = LINE_BREAK.search(text)
        self.newline = first.group() if first is not None and first.group() in _NEWLINES else "\n"

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

    def end(self, line: int) -> int:
        """Offset of the line break ending `line` (the end of the text for the last line)."""
        after = self.after(line)
        if after == len(self.text) and line + 1 >= len(self.starts):
            return after  # the last line, without a break (or past the end)
        return after - (2 if self.text.startswith("\r\n", after - 2) else 1)

    def content(self, line: int) -> str:
        """The line without its line break."""
        return self.text[self.start(line) : self.end(line)]

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
        if offset == len(self.text) and self.text and self.text[-1] not in BREAK_CHARACTERS:
            return offset, self.newline + text
        return offset, text


def splice(text: str, start: int, end: int, replacement: str = "") -> str:
    """`text` with `text[start:end]` replaced, never joining two line breaks into one.

    A lone CR followed by an LF reads as a single CRLF break. Where the seam of a
    splice would bring a CR and an LF together that were not together before (in a
    file that mixes endings), the CR is given its own LF, so the count of lines on
    either side stays what it was.
    """
    left = text[start - 1] if start > 0 else ""
    right = text[end] if end < len(text) else ""
    if replacement:
        if left == "\r" and replacement[0] == "\n":
            replacement = "\r" + replacement
        if replacement[-1] == "\r" and right == "\n":
            replacement += "\n"
    elif left == "\r" and right == "\n":
        replacement = "\n"
    return text[:start] + replacement + text[end:]
