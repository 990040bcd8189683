"""What the cursor is in, read from the text around it: which key's value, which list, which mapping.

Completion is asked for while the user types, when the text is often not YAML
yet (`supports: [thr` has no closing bracket), so this reads the lines
themselves: the enclosing keys from the indentation of the lines above, and
the current line's own keys, dashes and brackets. It needs no parse and never
fails; at worst it finds no context and nothing is offered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

_PREFIX = re.compile(r"[A-Za-z0-9_-]*\Z")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*|'[^']*'|\"[^\"]*\")\s*:(?=\s|\Z)")
_BLOCK_LINE = re.compile(
    r"(?P<indent> *)(?P<dashes>(?:- +)*)"
    r"(?:(?P<key>[^\s#:'\"\[\]{},][^:#]*?|'[^']*'|\"[^\"]*\")\s*:(?=\s|\Z))?"
)

ITEM = "-"
"""A path step into a list item."""


@dataclass(frozen=True)
class Context:
    """Where the cursor is: `path` is the keys (and `ITEM`s) from the top of the document down to the
    mapping or list it is in; `slot` is "key" (a key is being typed), "value" (the value of `key`)
    or "item" (an item of the list `path` ends in). `prefix_start` is where the word being typed
    starts; `siblings` holds the values already written beside it in a flow mapping."""

    path: tuple[str, ...]
    slot: str
    key: str | None
    prefix_start: int
    siblings: dict[str, str] = field(default_factory=dict)

    def with_block(self, block: dict[str, str]) -> Context:
        """This context, knowing the keys written on the lines around it in the same block mapping."""
        return Context(self.path, self.slot, self.key, self.prefix_start, {**block, **self.siblings})


def _unquote(key: str) -> str:
    return key[1:-1] if len(key) >= 2 and key[0] == key[-1] and key[0] in "'\"" else key


def _lines_before(text: str, line_start: int) -> Iterator[str]:
    """The lines before the one starting at `line_start`, nearest first, without reading the rest."""
    end = line_start - 1
    while end >= 0:
        start = text.rfind("\n", 0, end) + 1
        yield text[start:end].rstrip("\r")
        end = start - 1


def _lines_after(text: str, offset: int) -> Iterator[str]:
    """The lines after the one holding `offset`, in order."""
    start = text.find("\n", offset) + 1
    while start > 0:
        end = text.find("\n", start)
        yield text[start : end if end != -1 else len(text)].rstrip("\r")
        start = end + 1 if end != -1 else 0


def _line_key(line: str) -> tuple[int, bool, str | None, str] | None:
    """(column of the line's key, whether a dash opens it, the key, its value) for a block line."""
    stripped = line.lstrip(" ")
    if not stripped or stripped.startswith("#"):
        return None
    match = _BLOCK_LINE.match(line)
    assert match is not None
    key = match.group("key")
    if key is None:
        return match.end("dashes"), bool(match.group("dashes")), None, ""
    value = line[match.end():].split(" #", 1)[0].strip().strip("'\"")
    return match.start("key"), bool(match.group("dashes")), _unquote(key.strip()), value


def _block_siblings(text: str, line_start: int, offset: int, column: int, dashed: bool) -> dict[str, str]:
    """The keys (and their one-line values) of the block mapping whose keys sit at `column`."""
    found: dict[str, str] = {}
    if not dashed:
        for line in _lines_before(text, line_start):
            info = _line_key(line)
            if info is None or info[0] > column:
                continue
            if info[0] < column:
                break
            if info[2] is not None:
                found.setdefault(info[2], info[3])
            if info[1]:
                break  # the dash that opens this list item's mapping
    for line in _lines_after(text, offset):
        info = _line_key(line)
        if info is None or info[0] > column:
            continue
        if info[0] < column or info[1]:
            break
        if info[2] is not None:
            found.setdefault(info[2], info[3])
    return found


def _ancestors(lines: Iterable[str], indent: int) -> list[str]:
    """The keys (and list items) that enclose a line indented by `indent`, from the top down.
    `lines` are the lines above it, nearest first."""
    found: list[str] = []
    for line in lines:
        if indent == 0:
            break
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        match = _BLOCK_LINE.match(line)
        if match is None:  # pragma: no cover - the pattern matches any line
            continue
        steps: list[tuple[int, str]] = []
        column = len(match.group("indent"))
        for dash in re.finditer(r"- +", match.group("dashes")):
            steps.append((column + dash.start(), ITEM))
        key = match.group("key")
        if key is not None:
            steps.append((match.start("key"), _unquote(key.strip())))
        for step_column, label in reversed(steps):
            if step_column < indent:
                found.append(label)
                indent = step_column
    found.reverse()
    return found


def context_at(text: str, offset: int) -> Context | None:
    """The context of the cursor at character `offset` of `text`."""
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset]
    if "#" in before and not _inside_quotes(before, before.index("#")):
        return None  # in a comment
    prefix = _PREFIX.search(before)
    prefix_length = len(prefix.group()) if prefix else 0
    head = before[: len(before) - prefix_length]
    prefix_start = offset - prefix_length

    match = _BLOCK_LINE.match(head)
    assert match is not None
    base_indent = len(match.group("indent"))
    dashes = list(re.finditer(r"- +", match.group("dashes")))
    path = _ancestors(_lines_before(text, line_start), base_indent) + [ITEM] * len(dashes)
    rest = head[match.end("dashes"):]
    found = _inline(rest, tuple(path), prefix_start, dashed=bool(dashes))
    if found is None or "[" in rest or "{" in rest:
        return found  # in a flow collection, the siblings are on this line
    column = match.end("dashes")
    return found.with_block(_block_siblings(text, line_start, offset, column, bool(dashes)))


def _inside_quotes(text: str, index: int) -> bool:
    return text[:index].count('"') % 2 == 1 or text[:index].count("'") % 2 == 1


def _inline(rest: str, path: tuple[str, ...], prefix_start: int, *, dashed: bool) -> Context | None:
    """Follow the keys and brackets of the current line after its indentation and dashes."""
    stack: list[tuple[tuple[str, ...], str, dict[str, str]]] = []  # (path, "[" or "{", siblings)
    key: str | None = None
    siblings: dict[str, str] = {}
    position = 0
    while position < len(rest):
        char = rest[position]
        if char in " \t":
            position += 1
            continue
        found = _KEY.match(rest, position)
        if found is not None:
            key = _unquote(found.group(1))
            position = found.end()
            continue
        if char in "[{":
            inner = path + ((key,) if key is not None else ())
            stack.append((path, char, siblings))
            path, siblings, key = inner, {}, None
            if char == "[":
                siblings = {"[": ""}
            position += 1
            continue
        if char in "]}":
            if stack:
                path, _, siblings = stack.pop()
            key = None
            position += 1
            continue
        if char == ",":
            key = None
            position += 1
            continue
        # A value: a plain or quoted scalar.
        end = _scalar_end(rest, position)
        if key is not None:
            siblings[key] = rest[position:end].strip().strip("'\"")
        position = end
        key = None if stack else key
        if not stack:
            return None  # the cursor is past a block value: nothing to complete
    if key is not None:
        return Context(path, "value", key, prefix_start, siblings)
    if stack and stack[-1][1] == "[":
        return Context(path, "item", None, prefix_start, siblings)
    if dashed and path and path[-1] == ITEM and rest.strip() == "":
        return Context(path[:-1], "item", None, prefix_start, siblings) if not stack else Context(
            path, "key", None, prefix_start, siblings)
    return Context(path, "key", None, prefix_start, siblings)


def _scalar_end(rest: str, position: int) -> int:
    quote = rest[position]
    if quote in "'\"":
        end = rest.find(quote, position + 1)
        return len(rest) if end == -1 else end + 1
    end = position
    while end < len(rest) and rest[end] not in ",]}":
        end += 1
    return end
