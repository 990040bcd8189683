"""Readable ids for imported entries: slugs of their text, unique across the map.

Foreign formats name nodes by number or by UUID; a person names them by what
they say (`knefel-foreign-enemies`). An id is the first few significant words
of the text, lowercased and stripped of accents; a clash gets `-2`, `-3`, ...
"""

from __future__ import annotations

import re
import unicodedata

from argmap.model import ID_MAX_LENGTH, ID_PATTERN

MAX_WORDS = 5
MAX_LENGTH = 40
_WORD = re.compile(r"[a-z0-9]+")
_VALID = re.compile(ID_PATTERN)
# Words that carry no meaning in an id; a slug keeps them only if nothing else is left.
_STOP_WORDS = frozenset((
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "and", "or", "but", "is", "are", "was",
    "were", "be", "been", "that", "this", "these", "those", "it", "its", "as", "with", "from", "not", "no",
))


def slug(text: str, *, max_words: int = MAX_WORDS) -> str:
    """The first significant words of `text` as an id; '' when it has no letters or digits."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = _WORD.findall(ascii_text)
    significant = [w for w in words if w not in _STOP_WORDS] or words
    kept: list[str] = []
    for word in significant[:max_words]:
        if len("-".join([*kept, word])) > MAX_LENGTH:
            break
        kept.append(word)
    if not kept and significant:
        kept = [significant[0][:MAX_LENGTH]]
    return "-".join(kept)


class IdMaker:
    """Hands out unique ids; `make("Some text")` -> `some-text`, then `some-text-2`."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken: set[str] = set(taken or ())

    def reserve(self, identifier: str) -> bool:
        """Take `identifier` as it is, if it is a valid id and still free."""
        if identifier in self.taken or not is_valid(identifier):
            return False
        self.taken.add(identifier)
        return True

    def make(self, text: str, fallback: str = "node") -> str:
        base = slug(text) or fallback
        candidate = base
        number = 2
        while candidate in self.taken:
            suffix = f"-{number}"
            candidate = base[: ID_MAX_LENGTH - len(suffix)] + suffix
            number += 1
        self.taken.add(candidate)
        return candidate


def is_valid(identifier: str) -> bool:
    return len(identifier) <= ID_MAX_LENGTH and _VALID.fullmatch(identifier) is not None
