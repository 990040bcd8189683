"""Readable ids for imported entries: slugs of their text, unique across the map.

Foreign formats name nodes by number or by UUID; a person names them by what
they say (`knefel-foreign-enemies`). An imported entry gets the id `argmap add`
would give the same text (its first words, lowercased, accents stripped); a
clash gets `-2`, `-3`, ...
"""

from __future__ import annotations

import re
import unicodedata

from argmap.edit.operations import readable_id
from argmap.model import ID_MAX_LENGTH, ID_PATTERN

_VALID = re.compile(ID_PATTERN)


def slug(text: str) -> str:
    """The id `argmap add` would make of `text` with its accents dropped first ('café' -> 'cafe');
    '' when it has no letters or digits."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return readable_id(plain, fallback="")


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
