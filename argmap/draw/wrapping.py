"""Breaking label text into lines: `textwrap.wrap`'s lines, at less than half its cost.

Labels are wrapped for every box of every diagram, and `textwrap.wrap` was half the time of
writing DOT: it builds a `TextWrapper`, normalises whitespace and splits the whole text with a
regular expression on each call. The text argmap wraps is already normalised (`style.shorten`
leaves single spaces between words), so the chunks are the words and the spaces between them,
and only a word with a hyphen needs textwrap's own splitting (it may break after the hyphen).
The line breaking below is the same greedy algorithm as `TextWrapper._wrap_chunks` with
`break_long_words` and `break_on_hyphens` on, its quirks included; tests/test_wrapping.py checks
with hypothesis that the lines are identical to `textwrap.wrap`'s, so the DOT is byte for byte
what it was.
"""

from __future__ import annotations

import re
import textwrap
from functools import cache

# textwrap's own chunking: hyphenated words may break after a hyphen, and "--" between words
# is a chunk of its own. Applied to one word at a time, it finds the same chunks as on the
# whole text, because none of its look-arounds match a space.
_WORD_PIECES = textwrap.TextWrapper.wordsep_re


def _reversed_chunks(text: str) -> list[str]:
    """The chunks of single-spaced `text`, last first (a stack to pop from)."""
    chunks: list[str] = []
    for word in reversed(text.split(" ")):
        if "-" in word:
            chunks += [piece for piece in reversed(_WORD_PIECES.split(word)) if piece]
        else:
            chunks.append(word)
        chunks.append(" ")
    chunks.pop()
    return chunks


@cache
def _lines_of(width: int) -> re.Pattern[str]:
    # The longest run of at most `width` characters that ends at a word's end, then the space
    # after it: greedy wrapping, done by the regular expression engine.
    return re.compile(f"(.{{1,{width}}})(?: |$)")


def wrap_spaced(text: str, width: int) -> list[str]:
    """`textwrap.wrap(text, width, break_long_words=True)` for text whose words are separated by
    single spaces, with no other whitespace and none at either end (as `style.shorten` leaves it)."""
    if width < 1:
        raise ValueError(f"invalid width {width!r} (must be > 0)")
    if not text:
        return []
    if "-" not in text and max(map(len, text.split(" "))) <= width:
        # The usual case: every word fits on a line and none may break at a hyphen, so each line
        # is the most words that fit.
        return _lines_of(width).findall(text)
    return _wrap_chunks(text, width)


def _wrap_chunks(text: str, width: int) -> list[str]:
    """textwrap's greedy algorithm over its chunks, for words with hyphens or longer than a line."""
    chunks = _reversed_chunks(text)
    lines: list[str] = []
    while chunks:
        line: list[str] = []
        length = 0
        if lines and chunks[-1] == " ":
            del chunks[-1]  # a line does not start with the space it was broken at
        while chunks:
            size = len(chunks[-1])
            if length + size > width:
                break
            line.append(chunks.pop())
            length += size
        if chunks and len(chunks[-1]) > width:
            # A word longer than a line: as much of it as fits, after its last hyphen there if
            # that hyphen follows something other than hyphens.
            chunk = chunks[-1]
            end = width - length
            hyphen = chunk.rfind("-", 0, end)
            if hyphen > 0 and chunk[:hyphen].strip("-"):
                end = hyphen + 1
            line.append(chunk[:end])
            chunks[-1] = chunk[end:]
        if line and not line[-1].strip():
            del line[-1]
        if line:
            lines.append("".join(line))
    return lines
