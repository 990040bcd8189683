"""One edit of a map file, start to finish: lock, read, change, validate, read back, write.

The file is read under its lock and written atomically before the lock is
released, so concurrent edits take turns and none is lost. The text is parsed
once (data and node tree together); the change is computed on that tree. The
changed text is checked exactly as `argmap validate` checks a file: an edit
that would add an error is refused. Then it is read back: unless it means
exactly the old data with the intended change (`intent`), it is refused too.
A refused edit leaves the file byte-for-byte as it was. A file that is not
valid YAML to begin with is never rewritten.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import difflib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argmap.collector import cycle_collection_paused
from argmap.diagnostics import Diagnostic
from argmap.errors import OutputError
from argmap.files import DEFAULT_LOCK_TIMEOUT, atomic_write, locked, real_path
from argmap.read.document import CheckedMap, UnreadableFile, check_text, place_diagnostics, read_bytes
from argmap.read.loader import decode
from argmap.read.tree import BREAK_CHARACTERS, LINE_BREAK

from .intent import Expect, first_difference
from .tree import Parsed, parse

# Problems the loader finds: the text is not a YAML document argmap can read.
_SYNTAX_CODES = frozenset({"E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008", "E009"})


class EditRefusedError(Exception):
    """The edit was not written. `result` holds the diagnostics to show, if any."""

    def __init__(self, message: str, result: CheckedMap | None = None):
        super().__init__(message)
        self.result = result


class EditWriteError(OutputError):
    """The edited map could not be written (a read-only folder or file, a full disk)."""


@dataclass(frozen=True)
class Planned:
    """What a change makes of the text, and what that must mean: the old data in, the new data out."""

    text: str
    expect: Expect


Change = Callable[[Parsed], Planned]


@dataclass
class EditResult:
    name: str
    before: str
    after: str
    written: bool
    checked: CheckedMap | None = None
    """The edited text as `argmap validate` sees it, diagnostics not yet placed (`place_diagnostics`):
    what the CLI reports the edit's warnings from."""

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        return unified_diff(self.before, self.after, self.name)


def unified_diff(before: str, after: str, name: str) -> str:
    lines = difflib.unified_diff(_lines(before), _lines(after), f"a/{name}", f"b/{name}")
    return "".join(line if line.endswith(_BREAKS) else line + "\n\\ No newline at end of file\n"
                   for line in lines)


_BREAKS = tuple(BREAK_CHARACTERS)


def _lines(text: str) -> list[str]:
    """The lines of `text` as the parser sees them, each with its own line break."""
    lines = []
    start = 0
    for found in LINE_BREAK.finditer(text):
        lines.append(text[start : found.end()])
        start = found.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


def edit_file(name: str, change: Change, *, dry_run: bool = False,
              lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> EditResult:
    """Apply `change` to the map `name`. A dry run takes no lock and writes nothing.

    Raises `EditRefusedError` (nothing written), `UnreadableFile`, `files.LockTimeoutError`,
    `EditWriteError`, and whatever `change` raises (`operations.EditError`), always before writing.
    """
    with contextlib.ExitStack() as stack:
        stack.enter_context(cycle_collection_paused())
        if dry_run:
            target = real_path(name)
        else:
            try:
                target = stack.enter_context(locked(name, lock_timeout))
            except OSError:
                read_bytes(name)  # says why the file cannot be opened, as `UnreadableFile`
                raise
        raw = read_bytes(name)
        parsed = _parse(raw, name)
        planned = change(parsed)
        text, expected = parsed.text, planned.expect(parsed.data)
        # The old tree has served: let it go before the new text is read (a large map's peak memory).
        del parsed
        base = Path(name).parent
        # Diagnostics are placed (a second parse) only if some are shown: new errors.
        after = check_text(planned.text, name, base, positioned=False)
        if after.errors:
            before = check_text(text, name, base, positioned=False)
            added = new_errors(before.errors, after.errors)
            if added:
                count = len(added)
                raise EditRefusedError(
                    f"{name} not changed: the edit would add {count} error{'s' if count != 1 else ''}",
                    CheckedMap(name, diagnostics=place_diagnostics(after, added), text=planned.text),
                )
        if after.data != expected:
            raise EditRefusedError(
                f"{name} not changed: the edited text would not read back as the intended change "
                f"({first_difference(expected, after.data)}); argmap cannot edit this file's layout "
                "safely, so make this change by hand")
        result = EditResult(name, text, planned.text, written=False, checked=after)
        if not dry_run and result.changed:
            bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
            try:
                atomic_write(target, bom + planned.text.encode("utf-8"))
            except OSError as exc:
                raise EditWriteError(f"cannot write {name}: {exc.strerror or exc}; {name} not changed",
                                     hint="check that the file and its folder are writable") from exc
            result.written = True
        return result


def _parse(raw: bytes, name: str) -> Parsed:
    """The file's text parsed once, or `EditRefusedError` if it is not a YAML map argmap can read."""
    refusal = f"{name} not changed: it is not a readable YAML map; fix it first (argmap validate {name})"
    text, problem = decode(raw)
    if text is None:
        assert problem is not None
        raise EditRefusedError(refusal, CheckedMap(name, diagnostics=[dataclasses.replace(problem, file=name)]))
    try:
        parsed = parse(text)
    except Exception:  # noqa: BLE001 - any text without a tree is refused below with its diagnostics
        parsed = None
    syntax = [d for d in (parsed.diagnostics if parsed is not None else []) if d.code in _SYNTAX_CODES]
    if parsed is None or syntax or parsed.data is None:
        diagnostics = syntax or check_text(text, name).errors
        raise EditRefusedError(refusal, CheckedMap(name, diagnostics=[dataclasses.replace(d, file=name)
                                                                      for d in diagnostics], text=text))
    return parsed


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


__all__ = ["Change", "EditRefusedError", "EditResult", "EditWriteError", "Planned", "UnreadableFile",
           "edit_file", "new_errors", "unified_diff"]
