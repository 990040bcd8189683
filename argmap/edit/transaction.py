"""One edit of a map file, start to finish: lock, read, change, validate, write.

The file is read under its lock and written atomically before the lock is
released, so concurrent edits take turns and none is lost. The changed text
is checked exactly as `argmap validate` checks a file; an edit that would add
an error is refused and the file is left byte-for-byte as it was. A file that
is not valid YAML to begin with is never rewritten.
"""

from __future__ import annotations

import codecs
import difflib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argmap.diagnostics import Diagnostic
from argmap.files import DEFAULT_LOCK_TIMEOUT, atomic_write, locked
from argmap.read.document import CheckedMap, UnreadableFile, check_bytes, check_text, read_bytes

# Problems the loader finds: the text is not a YAML document argmap can read.
_SYNTAX_CODES = frozenset({"E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008", "E009"})


class EditRefusedError(Exception):
    """The edit was not written. `result` holds the diagnostics to show, if any."""

    def __init__(self, message: str, result: CheckedMap | None = None):
        super().__init__(message)
        self.result = result


@dataclass
class EditResult:
    name: str
    before: str
    after: str
    written: bool

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        return unified_diff(self.before, self.after, self.name)


def unified_diff(before: str, after: str, name: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 f"a/{name}", f"b/{name}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def edit_file(name: str, change: Callable[[str], str], *, dry_run: bool = False,
              lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> EditResult:
    """Apply `change` (text in, text out) to the map `name`.

    Raises `EditRefusedError` (nothing written), `UnreadableFile`, `files.LockTimeoutError`,
    and whatever `change` raises (`operations.EditError`), always before writing.
    """
    with locked(name, lock_timeout) as target:
        raw = read_bytes(name)
        base = Path(name).parent
        before = check_bytes(raw, name, base)
        if before.text is None or any(d.code in _SYNTAX_CODES for d in before.errors):
            raise EditRefusedError(
                f"{name} not changed: it is not a readable YAML map; fix it first (argmap validate {name})",
                before)
        after_text = change(before.text)
        after = check_text(after_text, name, base)
        added = new_errors(before.errors, after.errors)
        if added:
            count = len(added)
            raise EditRefusedError(
                f"{name} not changed: the edit would add {count} error{'s' if count != 1 else ''}",
                CheckedMap(name, diagnostics=added, text=after_text),
            )
        result = EditResult(name, before.text, after_text, written=False)
        if not dry_run and result.changed:
            bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
            atomic_write(target, bom + after_text.encode("utf-8"))
            result.written = True
        return result


def new_errors(before: list[Diagnostic], after: list[Diagnostic]) -> list[Diagnostic]:
    """Errors in `after` that `before` did not have (positions aside: an edit moves lines)."""
    remaining = Counter((d.code, d.message) for d in before)
    added = []
    for diagnostic in after:
        key = (diagnostic.code, diagnostic.message)
        if remaining[key]:
            remaining[key] -= 1
        else:
            added.append(diagnostic)
    return added


__all__ = ["EditRefusedError", "EditResult", "UnreadableFile", "edit_file", "new_errors", "unified_diff"]
