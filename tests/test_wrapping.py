"""Label wrapping (argmap.draw.wrapping) gives exactly `textwrap.wrap`'s lines, so DOT stays byte for byte the same.

`style.wrap` once called `textwrap.wrap(shorten(text, MAX_LABEL_CHARS), width, break_long_words=True)`;
that call is the reference here, on any text and width, with hyphens, long words and odd
whitespace drawn often enough to reach every branch of textwrap's algorithm.
"""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from argmap.draw.style import MAX_LABEL_CHARS, shorten, wrap
from argmap.draw.wrapping import wrap_spaced

PROPERTY = settings(max_examples=400, deadline=None)

# Few letters, many hyphens and spaces: words run together, break at hyphens, and outgrow lines.
_PIECES = st.sampled_from(["a", "b", "Z", "é", "1", "-", "--", " ", "  ", ".", ",", "'", '"', "!", "?", "&",
                           "_", "\t", "\n", "\u00a0", "\u2014", "\u2026", "abc", "self-", "al-Qaeda", "x" * 30])
TEXT = st.one_of(st.lists(_PIECES, max_size=60).map("".join), st.text(max_size=200))


def reference(text: str, width: int) -> list[str]:
    return textwrap.wrap(shorten(text, MAX_LABEL_CHARS), width=width, break_long_words=True) or [""]


@PROPERTY
@given(TEXT, st.integers(min_value=1, max_value=70))
@example("abcde fghijklmn", 6)  # a word too long for a line starts on the line before, after its space
@example("abc-defghijk", 4)  # a long word broken at its hyphen
@example("well-known--see-also x", 7)  # "--" between words is a chunk of its own
@example("---- -a-b- ab--cd", 3)
@example("--abcdefgh", 5)  # a hyphen with nothing but hyphens before it is no place to break
@example("", 10)
def test_wrap_is_textwraps(text: str, width: int) -> None:
    assert wrap(text, width) == reference(text, width)


@PROPERTY
@given(st.lists(st.sampled_from(["ab", "abcdef", "a-b", "long-hyphenated-word", "x" * 12, "é", "--"]),
                min_size=1, max_size=30).map(" ".join), st.integers(min_value=1, max_value=30))
def test_spaced_text_wraps_as_textwrap_does(text: str, width: int) -> None:
    assert wrap_spaced(text, width) == textwrap.wrap(text, width=width, break_long_words=True)


def test_long_text_is_shortened_before_wrapping() -> None:
    text = "word " * 400
    lines = wrap(text, 36)
    assert lines == reference(text, 36)
    assert lines[-1].endswith("\u2026")
    assert sum(len(line) + 1 for line in lines) <= MAX_LABEL_CHARS + 1


def test_width_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="invalid width"):
        wrap_spaced("some text", 0)
